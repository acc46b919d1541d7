"""A user's data: what is kept and why (/privacy), a copy (/my_data), erasure (/delete_my_data)."""

from __future__ import annotations

import json
from datetime import timedelta

from bot.brain.routes import Routes, Turn
from bot.brain.services import Services
from bot.model.reply import Action, Button, Document, Reply, para, rows, title

CONFIRMATION_VALID = timedelta(minutes=10)
"""An old "yes, delete" button found in the chat history must not erase anything by accident."""
EXPORT_FILENAME = "my_data.json"


class Privacy:
    def __init__(self, services: Services):
        self.s = services
        self.texts = services.content.messages.privacy

    def routes(self) -> Routes:
        return Routes(
            commands={
                "privacy": self.explain,
                "my_data": self.export,
                "delete_my_data": self.ask_to_delete,
            },
            actions={
                "privacy": self.explain,
                "my_data": self.export,
                "delete_my_data": self.pressed,
            },
        )

    async def explain(self, turn: Turn) -> Reply:
        safety_text = (
            self.texts.safety_text_kept
            if self.s.config.store_safety_text
            else self.texts.safety_text_not_kept
        )
        return Reply(
            "command",
            (title(self.texts.title), para(self.texts.explanation.format(safety_text=safety_text))),
            buttons=rows(
                Button(self.texts.export_button, Action("my_data")),
                Button(self.texts.delete_button, Action("delete_my_data", "ask")),
                Button(self.s.content.messages.buttons.menu, Action("menu")),
            ),
        )

    async def export(self, turn: Turn) -> Reply:
        """Every stored row about the user, as a JSON file."""
        tables = await self.s.store.users.export(turn.state.user_id)
        if not any(tables.values()):
            return self.s.menu_reply("command", self.texts.nothing_stored)
        payload = {
            "user_id": turn.state.user_id,
            "exported_at": turn.now.isoformat(),
            "tables": tables,
        }
        data = json.dumps(payload, ensure_ascii=False, indent=2, default=str).encode("utf-8")
        return Reply(
            "command",
            (para(self.texts.export_intro),),
            document=Document(EXPORT_FILENAME, data, self.texts.export_caption),
        )

    async def ask_to_delete(self, turn: Turn) -> Reply:
        issued = int(turn.now.timestamp())
        return Reply(
            "command",
            (para(self.texts.delete_question),),
            buttons=rows(
                Button(self.texts.delete_confirm_button, Action("delete_my_data", f"yes.{issued}")),
                Button(self.texts.delete_keep_button, Action("delete_my_data", "no")),
            ),
        )

    async def pressed(self, turn: Turn) -> Reply | None:
        """Argument "ask" shows the question, "yes.<issued at>" erases if fresh, "no" keeps all."""
        answer, _, issued = turn.arg.partition(".")
        if answer in ("ask", ""):  # "" : a "did you mean" button for the command
            return await self.ask_to_delete(turn)
        if answer == "no":
            return self.s.menu_reply("command", self.texts.kept)
        if answer != "yes" or not issued.isdigit():
            return None
        age_seconds = turn.now.timestamp() - int(issued)
        # A minute of tolerance for a clock that was moved back since the question was asked.
        if not -60 <= age_seconds <= CONFIRMATION_VALID.total_seconds():
            return None
        await self.s.store.users.delete_everything(turn.state.user_id)
        turn.state.erased = True
        return Reply("command", (para(self.texts.deleted),))
