"""Finding the question in a message: sentences, and which of them ask something.

Pure functions over raw text, read in the current dialect: a message is cut at sentence ends and
line breaks; a sentence asks something when it has a question mark, starts with a question word
of its language (after fillers such as "also", "and", "so"), or says "I'd like to know", "I
wonder" (bot/language/question_words.py, or the language's `question_words`).
"""

from __future__ import annotations

import re

from bot.language import question_words
from bot.language.dialect import current
from bot.language.text import normalize

_SENTENCE_END = re.compile(r"(?<=[.?!])\s+|(?<=\?)(?=\w)|\n+|\s*;\s*")
_ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|etc|dr|mr|mrs|ms|vs)\.$", re.IGNORECASE)
MAX_SENTENCES = 12
"""A message of more sentences is judged on its last ones: cost stays bounded."""


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


def is_question(sentence: str) -> bool:
    words = current().question_words or question_words.ENGLISH
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


def questions(text: str) -> list[tuple[int, str]]:
    """(index, sentence) of the sentences that ask something; the last one if none does."""
    parts = sentences(text)
    found = [(i, s) for i, s in enumerate(parts) if is_question(s)]
    if not found and parts:
        found = [(len(parts) - 1, parts[-1])]
    return found
