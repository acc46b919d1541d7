"""A name signed at the end of a message is not part of the question.

"... Thank you for the exercises. Edith" was answered with the settings: fuzzy matching read the
lone word "Edith" as "edit". People who write letters sign them ("Yours faithfully, Bernard",
«Vennlig hilsen Ingrid Haugen»), so the FAQ matcher reads the message without that last line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

_BOUNDARY = re.compile(r"[.!?\n]")
_NAME = re.compile(r"^[A-ZÆØÅÄÖÉ][\w'’-]*\.?$")
_TRAILING = " \t\n.!~-–—"
MAX_NAMES = 3


def without_signature(
    text: str, closings: Iterable[str], is_known_word: Callable[[str], bool]
) -> str:
    """The message without a signature after its last sentence: a closing ("regards", «hilsen»)
    with up to three names, or up to three capitalised names that are no word of the language.
    A message that is nothing but such a line is left as it is."""
    body = text.rstrip(_TRAILING)
    ends = [m.end() for m in _BOUNDARY.finditer(body)]
    if not ends:
        return text
    head, tail = body[: ends[-1]], body[ends[-1] :].strip().lstrip("-–— ")
    if len(head.split()) < 2 or not tail:
        return text
    lowered = tail.lower()
    for closing in sorted(closings, key=len, reverse=True):
        if lowered == closing or lowered.startswith((f"{closing} ", f"{closing},")):
            names = tail[len(closing) :].strip(" ,").split()
            return head if _all_names(names) else text
    names = tail.split()
    if names and _all_names(names) and not any(is_known_word(n.lower()) for n in names):
        return head
    return text


def _all_names(words: list[str]) -> bool:
    return len(words) <= MAX_NAMES and all(_NAME.match(word) for word in words)
