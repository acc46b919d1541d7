"""The terminal face: the same conversation as in Telegram, with buttons as numbered choices."""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from bot.brain.assistant import Assistant
from bot.model.reply import Action, Reply, plain_text

CONSOLE_USER_ID = 1
PROMPT = "you> "
FILES = Path(tempfile.gettempdir()) / "backcare-console"
"""Where pictures and documents land, so they can be opened while chatting."""


def render(
    reply: Reply, first_number: int = 1, files: Path | None = None
) -> tuple[str, list[Action]]:
    """Plain text with the buttons listed as "[1] label" choices, and the actions in that order.

    Pictures and documents are written to `files` (when given) and their paths shown.
    Follow-up replies (`reply.extra`) continue the numbering, so every number picks one button.
    """
    lines = []
    if reply.picture:
        lines.append(f"  (picture: {_saved(files, reply.picture.filename, reply.picture.data)})")
    lines.append(reply.text)
    actions: list[Action] = []
    for row in reply.buttons:
        for button in row:
            actions.append(button.action)
            lines.append(f"  [{first_number + len(actions) - 1}] {button.label}")
    if reply.document:
        document = reply.document
        lines.append(f"  (document: {_saved(files, document.filename, document.data)})")
    if reply.timer:
        lines.append(f"  (timer: {reply.timer.seconds} s)")
    for extra in reply.extra:
        text, more = render(extra, first_number + len(actions), files)
        lines.append(text)
        actions.extend(more)
    return "\n".join(lines), actions


def _saved(files: Path | None, filename: str, data: bytes) -> str:
    if files is None:
        return f"{filename}, {len(data)} bytes"
    files.mkdir(parents=True, exist_ok=True)
    path = files / filename
    path.write_bytes(data)
    return str(path)


async def chat(
    assistant: Assistant,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    user_id: int = CONSOLE_USER_ID,
    language: str | None = None,
    files: Path = FILES,
) -> None:
    """Read lines until end of input or "quit"; a number picks a button of the last reply.

    `language` plays the part of Telegram's app language: the first reply is in it. Pictures
    and documents are written to `files`; a hold timer prints its end when the time is up.
    """
    reply = await assistant.reply(user_id, "/start", language_code=language)
    actions = _show(reply, stdout, files)
    labels = _labels(reply)
    loop = asyncio.get_running_loop()
    while True:
        stdout.write(PROMPT)
        stdout.flush()
        line = await loop.run_in_executor(None, stdin.readline)
        if not line or line.strip().lower() in ("quit", "exit"):
            # In the language the chat ended in: the user may have switched with /language.
            goodbye = assistant.content_in(reply.language or language)
            goodbye = goodbye.messages.general.console_goodbye
            stdout.write(f"\n{goodbye}\n")
            return
        choice = line.strip()
        labelled = labels.get(choice)
        if labelled is not None:
            # A button labelled with exactly what was typed ("7" under a 0-10 rating) wins
            # over the button at that position.
            reply = await assistant.press(user_id, labelled, language_code=language)
        elif choice.isdigit() and 1 <= int(choice) <= len(actions):
            reply = await assistant.press(user_id, actions[int(choice) - 1], language_code=language)
        else:
            reply = await assistant.reply(user_id, line.rstrip("\n"), language_code=language)
        actions = _show(reply, stdout, files)
        labels = _labels(reply)


def _labels(reply: Reply) -> dict[str, Action]:
    """Buttons whose label is a number, by that number."""
    found = {b.label: b.action for row in reply.buttons for b in row if b.label.isdigit()}
    for extra in reply.extra:
        found.update(_labels(extra))
    return found


_timers: set[asyncio.Task] = set()


def _show(reply: Reply, stdout: TextIO, files: Path) -> list[Action]:
    text, actions = render(reply, files=files)
    stdout.write(f"\nbot> {text}\n\n")
    stdout.flush()
    if reply.timer:
        timer = reply.timer

        async def ring() -> None:
            await asyncio.sleep(timer.seconds)
            stdout.write(f"\nbot> {plain_text(timer.done)}\n\n{PROMPT}")
            stdout.flush()

        task = asyncio.get_running_loop().create_task(ring())
        _timers.add(task)
        task.add_done_callback(_timers.discard)
    return actions
