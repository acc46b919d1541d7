"""/language (and /språk): which language the bot writes in, chosen with a button or a word."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.brain.routes import Routes, Turn
from bot.brain.services import Services
from bot.language.text import normalize
from bot.model.reply import Action, Button, Reply, para, rows

SwitchLanguage = Callable[[Turn, str], Awaitable[Reply]]
"""Moves the user to another language and answers in it (the assistant, which has them all)."""


class LanguageChoice:
    def __init__(self, services: Services, names: dict[str, str], switch: SwitchLanguage | None):
        self.s = services
        self._names = names
        """Language code -> its name in itself, in the order the buttons show."""
        self._switch = switch
        self._by_word = {normalize(name): code for code, name in names.items()} | {
            code: code for code in names
        }

    def routes(self) -> Routes:
        commands = {"language": self.choose, "språk": self.choose, "sprak": self.choose}
        return Routes(commands=commands, actions={"language": self.pressed})

    def buttons(self) -> tuple[tuple[Button, ...], ...]:
        return rows(
            *(Button(name, Action("language", code)) for code, name in self._names.items()),
            per_row=2,
        )

    async def choose(self, turn: Turn) -> Reply:
        """No argument: one button per language. `/language norsk` or `/språk en` switches."""
        texts = self.s.content.messages.language
        wanted = normalize(turn.text)
        if not wanted:
            return Reply("command", (para(texts.choose),), buttons=self.buttons())
        code = self._by_word.get(wanted)
        if code is None:
            return Reply("command", (para(texts.unknown),), buttons=self.buttons())
        return await self._to(turn, code)

    async def pressed(self, turn: Turn) -> Reply | None:
        if turn.arg not in self._names:
            return None
        return await self._to(turn, turn.arg)

    async def _to(self, turn: Turn, code: str) -> Reply:
        if self._switch is None or code == self.s.content.language:
            turn.state.language = self.s.content.language
            return self.s.menu_reply("command", self.s.content.messages.language.switched)
        return await self._switch(turn, code)
