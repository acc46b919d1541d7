"""`ask`: one reply per message, as text or JSON lines — the content staff's testing tool."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from bot.brain.assistant import Assistant
from bot.model.reply import Reply


def as_json(text: str, reply: Reply) -> str:
    return json.dumps(
        {
            "input": text,
            "kind": reply.kind,
            "severity": reply.severity,
            "id": reply.id,
            "score": reply.score,
            "text": reply.text,
            "suggestions": list(reply.suggestions),
            "buttons": [button.label for row in reply.buttons for button in row],
        },
        ensure_ascii=False,
    )


async def ask_all(
    assistant: Assistant,
    messages: Iterable[str],
    out: TextIO,
    json_lines: bool,
    language: str | None = None,
) -> int:
    """Each message as a fresh user with no history (whose app is set to `language`, if given);
    returns how many were answered."""
    count = 0
    for user_id, message in enumerate(messages, start=1_000_000):
        reply = await assistant.reply(user_id, message, language_code=language)
        if json_lines:
            out.write(as_json(message, reply) + "\n")
        else:
            out.write(f"> {message}\n[{reply.kind}{'/' + reply.id if reply.id else ''}]\n")
            out.write(reply.text + "\n\n")
        out.flush()
        count += 1
    return count
