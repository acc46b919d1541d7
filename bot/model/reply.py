"""The boundary between the brain and its faces: what to say, never how a face shows it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from bot.model.tiers import Tier

Kind = Literal[
    "faq",
    "exercise",
    "exercises",
    "session",
    "product",
    "safety",
    "clarify",
    "fallback",
    "smalltalk",
    "command",
]
Style = Literal["title", "text", "steps", "bullets", "note", "warning", "link"]


@dataclass(frozen=True)
class Action:
    """What a button does, as data: `Action("exercise", "bird_dog")`. Faces encode it."""

    name: str
    arg: str = ""


@dataclass(frozen=True)
class Button:
    label: str
    action: Action


@dataclass(frozen=True)
class Block:
    """A piece of the reply. `steps` are shown numbered, `bullets` as a list."""

    style: Style
    text: str = ""
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    """A file to send (the PDF guide, a data export)."""

    filename: str
    data: bytes
    caption: str = ""


@dataclass(frozen=True)
class Reply:
    kind: Kind
    blocks: tuple[Block, ...]
    severity: Tier | None = None
    id: str | None = None
    score: float | None = None
    buttons: tuple[tuple[Button, ...], ...] = ()
    suggestions: tuple[str, ...] = ()
    document: Document | None = None
    extra: tuple[Reply, ...] = field(default=())
    """Replies sent right after this one (a reminder note, a follow-up)."""
    command: str | None = None
    """The command that produced this reply, typed or asked for in words (None otherwise)."""
    language: str | None = None
    """The language it is written in (set by the assistant, which picks the brain)."""

    @property
    def text(self) -> str:
        """The plain text a user reads, as the console and `ask` show it."""
        return plain_text(self.blocks)

    def actions(self) -> list[Action]:
        return [button.action for row in self.buttons for button in row]


def plain_text(blocks: tuple[Block, ...]) -> str:
    parts = []
    for block in blocks:
        if block.style == "steps":
            lines = [block.text] if block.text else []
            lines += [f"{n}. {item}" for n, item in enumerate(block.items, 1)]
            parts.append("\n".join(lines))
        elif block.style == "bullets":
            lines = [block.text] if block.text else []
            lines += [f"• {item}" for item in block.items]
            parts.append("\n".join(lines))
        elif block.style == "title" and block.items:
            parts.append(block.text + "\n" + "\n".join(block.items))
        else:
            parts.append(block.text)
    return "\n\n".join(part for part in parts if part)


def title(text: str) -> Block:
    return Block("title", text)


def para(text: str) -> Block:
    return Block("text", text)


def steps(items: list[str] | tuple[str, ...], heading: str = "") -> Block:
    return Block("steps", heading, tuple(items))


def bullets(items: list[str] | tuple[str, ...], heading: str = "") -> Block:
    return Block("bullets", heading, tuple(items))


def note(text: str) -> Block:
    return Block("note", text)


def warning(text: str) -> Block:
    return Block("warning", text)


def rows(*buttons: Button, per_row: int = 1) -> tuple[tuple[Button, ...], ...]:
    """Lay buttons out `per_row` to a row."""
    return tuple(tuple(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row))
