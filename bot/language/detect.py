"""Which language a message is clearly written in, from the frequent words of each language.

Only a clear verdict counts: several words that belong to one language and none (or far fewer)
of another's. A short reply ("ok", "7:30", "ja") tells nothing, so it keeps the user's language,
unless the whole message is a name only one language's content gives ("fuglehunden", "planken"):
someone who types the Norwegian name of an exercise reads Norwegian.
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
    def __init__(
        self,
        dialects: dict[str, Dialect],
        words: dict[str, frozenset[str]],
        names: dict[str, frozenset[str]] | None = None,
    ):
        """`words`: each language's frequent words (folded as its dialect folds them);
        `names`: each language's exercise and goal names and aliases, as written."""
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
        self._names = self._own_names(names or {})

    def _own_names(self, names: dict[str, frozenset[str]]) -> dict[str, str]:
        """Folded name -> the one language whose content has it. A name two languages share
        ("plank", an English alias in the Norwegian content too) or a frequent word of another
        language tells nothing."""
        owners: dict[str, set[str]] = {}
        for code, own in names.items():
            for name in own:
                for spelling in self._dialects:  # as each language folds its letters
                    owners.setdefault(self._spelled(spelling, name), set()).add(code)
        return {
            name: next(iter(codes))
            for name, codes in owners.items()
            if len(codes) == 1
            and not any(
                name in d.common_words for other, d in self._dialects.items() if other not in codes
            )
        }

    def _spelled(self, code: str, text: str) -> str:
        return " ".join(_WORDS.findall(self._dialects[code].fold(clean_unicode(text).lower())))

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
        return self._name_language(lowered)

    def _name_language(self, lowered: str) -> str | None:
        """The language whose content alone names the whole message, if one does."""
        found = {self._names.get(self._spelled(code, lowered)) for code in self._dialects}
        found.discard(None)
        return found.pop() if len(found) == 1 else None
