"""A brain `Reply` as Telegram HTML messages with inline keyboards. All text is escaped here."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.faces.telegram.callbacks import encode
from bot.model.reply import Block, Button, Reply

MESSAGE_LIMIT = 4096
BUTTON_LABEL_LIMIT = 60


@dataclass(frozen=True)
class Outgoing:
    html: str
    keyboard: InlineKeyboardMarkup | None


def block_html(block: Block) -> str:
    text = escape(block.text)
    if block.style == "title":
        return f"<b>{text}</b>"
    if block.style == "steps":
        lines = [f"<b>{text}</b>"] if text else []
        lines += [f"{n}. {escape(item)}" for n, item in enumerate(block.items, 1)]
        return "\n".join(lines)
    if block.style == "bullets":
        lines = [f"<b>{text}</b>"] if text else []
        lines += [f"• {escape(item)}" for item in block.items]
        return "\n".join(lines)
    if block.style == "note":
        return f"<i>{text}</i>"
    if block.style == "warning":
        return f"⚠️ <b>{text}</b>"
    return text


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    return _keyboard(reply.buttons) if reply.buttons else None


class _Keyboard(InlineKeyboardMarkup):
    """An inline keyboard whose JSON form is worked out once. PTB objects are immutable, yet PTB
    turns the keyboard into a dict again, button by button, for every message that carries it
    (about a tenth of a reply's time outside the brain). Only serialised, never changed."""

    __slots__ = ("_as_dict",)

    def to_dict(self, recursive: bool = True) -> dict:
        if not recursive:
            return super().to_dict(recursive=False)
        cached = getattr(self, "_as_dict", None)
        if cached is None:
            cached = self._as_dict = super().to_dict()
        return cached


@lru_cache(maxsize=2048)
def _keyboard(buttons: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup:
    """Built once per distinct set of buttons (answers repeat theirs); PTB objects are immutable."""
    return _Keyboard(
        [
            [
                InlineKeyboardButton(_label(button.label), callback_data=encode(button.action))
                for button in row
            ]
            for row in buttons
        ]
    )


def messages(reply: Reply) -> list[Outgoing]:
    """One message if it fits in 4096 characters, otherwise several split between blocks."""
    chunks: list[str] = []
    current = ""
    for block in reply.blocks:
        html = block_html(block)
        if not html:
            continue
        for piece in _fit(html):
            candidate = f"{current}\n\n{piece}" if current else piece
            if len(candidate) > MESSAGE_LIMIT:
                chunks.append(current)
                current = piece
            else:
                current = candidate
    if current or not chunks:
        chunks.append(current or "…")
    markup = keyboard(reply)
    return [
        Outgoing(chunk, markup if i == len(chunks) - 1 else None) for i, chunk in enumerate(chunks)
    ]


def _fit(html: str) -> list[str]:
    """Split a single over-long block by lines (content blocks are never this long in practice)."""
    if len(html) <= MESSAGE_LIMIT:
        return [html]
    pieces, current = [], ""
    for line in html.split("\n"):
        while len(line) > MESSAGE_LIMIT:
            pieces.append(line[:MESSAGE_LIMIT])
            line = line[MESSAGE_LIMIT:]
        if len(current) + len(line) + 1 > MESSAGE_LIMIT:
            pieces.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current:
        pieces.append(current)
    return pieces


def _label(label: str) -> str:
    return label if len(label) <= BUTTON_LABEL_LIMIT else label[: BUTTON_LABEL_LIMIT - 1] + "…"
