"""Finding the question in a message: sentences, and which of them ask something.

Pure functions over raw text. The word lists are per language (a seam for Norwegian): a message
is cut at sentence ends and line breaks; a sentence asks something when it has a question mark,
starts with a question word (after fillers such as "also", "and", "so"), or says "I'd like to
know", "I wonder".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.language.text import normalize

_SENTENCE_END = re.compile(r"(?<=[.?!])\s+|(?<=\?)(?=\w)|\n+|\s*;\s*")
_ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|etc|dr|mr|mrs|ms|vs)\.$", re.IGNORECASE)
MAX_SENTENCES = 12
"""A message of more sentences is judged on its last ones: cost stays bounded."""


def _words(text: str) -> list[str]:
    return text.split()


@dataclass(frozen=True)
class QuestionWords:
    starts: frozenset[str]
    """First words (after fillers) that make a sentence a question."""
    fillers: frozenset[str]
    """Words skipped before the first word is judged ("also, could …", "and how …")."""
    phrases: tuple[str, ...]
    """Normalised phrases anywhere in a sentence that ask indirectly ("i wonder")."""


ENGLISH = QuestionWords(
    starts=frozenset(
        _words("""what whats which who whom whose when where why how is are am was were do does did
        can could cannot should would will shall may might must have has any anything wat wot
        hw y wen wher whr wich""")
    ),
    fillers=frozenset(
        _words("""also and so but then ok okay well quick one question plus anyway however hi hey
        hello lastly finally secondly too or""")
    ),
    phrases=(
        "i would like to know",
        "i wonder",
        "wondering",
        "i want to know",
        "can you tell me",
        "tell me",
        "please explain",
        "i am curious",
        "not sure if",
        "not sure whether",
        "is it worth",
    ),
)
QUESTION_WORDS = {"en": ENGLISH}


def sentences(text: str) -> list[str]:
    """The message cut into sentences (abbreviations such as "e.g." do not end one)."""
    parts: list[str] = []
    for piece in _SENTENCE_END.split(text.strip()):
        piece = piece.strip()
        if not piece:
            continue
        if parts and _ABBREVIATION.search(parts[-1]):
            parts[-1] = f"{parts[-1]} {piece}"
        else:
            parts.append(piece)
    return parts[-MAX_SENTENCES:]


def is_question(sentence: str, language: str = "en") -> bool:
    words = QUESTION_WORDS[language]
    if "?" in sentence:
        return True
    normal = normalize(sentence)
    tokens = normal.split()
    while tokens and tokens[0] in words.fillers:
        tokens.pop(0)
    if tokens and tokens[0] in words.starts:
        return True
    padded = f" {normal} "
    return any(f" {phrase} " in padded for phrase in words.phrases)


def questions(text: str, language: str = "en") -> list[tuple[int, str]]:
    """(index, sentence) of the sentences that ask something; the last one if none does."""
    parts = sentences(text)
    found = [(i, s) for i, s in enumerate(parts) if is_question(s, language)]
    if not found and parts:
        found = [(len(parts) - 1, parts[-1])]
    return found
