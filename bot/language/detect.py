"""Which language a message is clearly written in, from the frequent words of each language.

Only a clear verdict counts: several words that belong to one language and none (or far fewer)
of another's. A short reply ("ok", "7:30", "ja") tells nothing, so it keeps the user's language.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.language.dialect import Dialect
from bot.language.text import clean_unicode

_WORDS = re.compile(r"[^\W\d_]+")
_MIN_WORDS = 2
_MARGIN = 3
TEXTS_REMEMBERED = 256
"""A turn asks about the same text more than once (its language, then each screen's `uses`)."""


class LanguageDetector:
    def __init__(self, dialects: dict[str, Dialect], words: dict[str, frozenset[str]]):
        """`words`: each language's frequent words (folded as its dialect folds them)."""
        self._dialects = dialects
        self._markers = {
            code: frozenset(
                word
                for word in own
                if not any(
                    dialects[other].fold(word) in dialects[other].common_words
                    or word in words[other]
                    for other in words
                    if other != code
                )
            )
            for code, own in words.items()
        }
        self._letters = {
            code: frozenset(ch for letters, _ in d.folds for ch in letters if not ch.isascii())
            for code, d in dialects.items()
        }
        self._read = lru_cache(maxsize=TEXTS_REMEMBERED)(self._read_words)

    def markers(self, code: str) -> frozenset[str]:
        return self._markers[code]

    def words_of(self, code: str, text: str) -> int:
        """How many words of `text` belong to language `code` alone."""
        return self._read(text)[1][code]

    def _read_words(self, text: str) -> tuple[str, dict[str, int]]:
        """`text` cleaned and lowered, and per language how many of its words are that
        language's alone (read once per text: callers never change the result)."""
        lowered = clean_unicode(text).lower()
        return lowered, {code: self._count(code, lowered) for code in self._dialects}

    def _count(self, code: str, lowered: str) -> int:
        words = _WORDS.findall(self._dialects[code].fold(lowered))
        return sum(1 for word in words if word in self._markers[code])

    def clear_language(self, text: str) -> str | None:
        """The language `text` is clearly written in, or None when it does not say."""
        lowered, counts = self._read(text)
        if lowered.startswith("/"):
            return None
        scores: dict[str, int] = {}
        for code in self._dialects:
            letters = self._letters[code]
            own_letters = bool(letters) and any(ch in letters for ch in lowered)
            scores[code] = counts[code] + own_letters
        ranked = sorted(scores.items(), key=lambda pair: -pair[1])
        (best, top), runner_up = ranked[0], (ranked[1][1] if len(ranked) > 1 else 0)
        if top >= _MIN_WORDS and top >= _MARGIN * runner_up + (1 if runner_up else 0):
            return best
        return None
