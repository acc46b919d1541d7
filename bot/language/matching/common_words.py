"""The English words frequent enough never to be "corrected", kept in common_words.txt.

Building the set from pyspellchecker loads its whole frequency list (~0.5 s and ~20 MB that the
process keeps) at every start; the file holds the same set. tests/test_common_words.py fails if
the file and pyspellchecker disagree; regenerate it with
`python -m bot.language.matching.common_words`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from bot.language.word_set import WordSet

WORDS_FILE = Path(__file__).with_name("common_words.txt")
COMMON_WORD_FREQUENCY = 1000
"""A word at least this frequent in English is never "corrected": "phone" is not "prone"."""


def from_pyspellchecker() -> frozenset[str]:
    from spellchecker import SpellChecker

    frequencies = SpellChecker().word_frequency.dictionary
    return frozenset(w for w, n in frequencies.items() if n >= COMMON_WORD_FREQUENCY)


@lru_cache(maxsize=1)
def load() -> WordSet:
    """The shipped list, or pyspellchecker's when the file is missing. Read once: every
    language's dialect and crisis screen share the one set (about 0.2 MB as a WordSet, 1.5 MB
    as a frozenset)."""
    try:
        return WordSet(WORDS_FILE.read_text(encoding="utf-8").split())
    except FileNotFoundError:
        return WordSet(from_pyspellchecker())


def write() -> int:
    words = sorted(from_pyspellchecker())
    WORDS_FILE.write_text("\n".join(words) + "\n", encoding="utf-8")
    return len(words)


if __name__ == "__main__":
    print(f"wrote {write()} words to {WORDS_FILE}")
