"""The terminal face: the same conversation as in Telegram, with buttons as numbered choices."""

from __future__ import annotations

import asyncio
import sys
from typing import TextIO

from bot.brain.assistant import Assistant
from bot.model.reply import Action, Reply

CONSOLE_USER_ID = 1
PROMPT = "you> "


def render(reply: Reply, first_number: int = 1) -> tuple[str, list[Action]]:
    """Plain text with the buttons listed as "[1] label" choices, and the actions in that order.

    Follow-up replies (`reply.extra`) continue the numbering, so every number picks one button.
    """
    lines = [reply.text]
    actions: list[Action] = []
    for row in reply.buttons:
        for button in row:
            actions.append(button.action)
            lines.append(f"  [{first_number + len(actions) - 1}] {button.label}")
    if reply.document:
        lines.append(f"  (document: {reply.document.filename}, {len(reply.document.data)} bytes)")
    for extra in reply.extra:
        text, more = render(extra, first_number + len(actions))
        lines.append(text)
        actions.extend(more)
    return "\n".join(lines), actions


async def chat(
    assistant: Assistant,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    user_id: int = CONSOLE_USER_ID,
    language: str | None = None,
) -> None:
    """Read lines until end of input or "quit"; a number picks a button of the last reply.

    `language` plays the part of Telegram's app language: the first reply is in it.
    """
    reply = await assistant.reply(user_id, "/start", language_code=language)
    actions = _show(reply, stdout)
    loop = asyncio.get_running_loop()
    while True:
        stdout.write(PROMPT)
        stdout.flush()
        line = await loop.run_in_executor(None, stdin.readline)
        if not line or line.strip().lower() in ("quit", "exit"):
            goodbye = assistant.content_in(language).messages.general.console_goodbye
            stdout.write(f"\n{goodbye}\n")
            return
        choice = line.strip()
        if choice.isdigit() and 1 <= int(choice) <= len(actions):
            reply = await assistant.press(user_id, actions[int(choice) - 1], language_code=language)
        else:
            reply = await assistant.reply(user_id, line.rstrip("\n"), language_code=language)
        actions = _show(reply, stdout)


def _show(reply: Reply, stdout: TextIO) -> list[Action]:
    text, actions = render(reply)
    stdout.write(f"\nbot> {text}\n\n")
    stdout.flush()
    return actions
