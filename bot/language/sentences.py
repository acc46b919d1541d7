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
    """The message's last MAX_SENTENCES sentences."""
    return split(text)[-MAX_SENTENCES:]


def split(text: str) -> list[str]:
    """The message cut into sentences (abbreviations such as "e.g." do not end one): the one
    splitter of the matcher, the safety feature and the whole-message detector."""
    parts: list[str] = []
    for piece in _SENTENCE_END.split(text.strip()):
        piece = piece.strip()
        if not piece:
            continue
        if parts and _ABBREVIATION.search(parts[-1]):
            parts[-1] = f"{parts[-1]} {piece}"
        else:
            parts.append(piece)
    return parts


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
    return asking(sentences(text))


def asking(parts: list[str]) -> list[tuple[int, str]]:
    """(index, part) of the parts that ask something; the last one if none does."""
    found = [(i, s) for i, s in enumerate(parts) if is_question(s)]
    if not found and parts:
        found = [(len(parts) - 1, parts[-1])]
    return found


CLAUSE_CUT_WORDS = 25
MIN_CLAUSE_WORDS = 6
"""A sentence this long may hold two questions; a clause shorter than this is not cut off."""
_JOINERS = frozenset({"and", "or", "but", "also", "so", "plus"})
"""Words that join a second question on ("... most, and also do I need weights"); the
language's own fillers count too."""


def clauses(text: str) -> list[str]:
    """The message's sentences, a long one cut where a second question starts after a comma or
    a joining word: "which moves work best and also do I need to buy weights" is two questions,
    and a run-on message without full stops is many."""
    return [part for sentence in sentences(text) for part in _cut(sentence)]


def _cut(sentence: str) -> list[str]:
    words = sentence.split()
    if len(words) < CLAUSE_CUT_WORDS:
        return [sentence]
    asking_words = current().question_words or question_words.ENGLISH
    joiners = _JOINERS | asking_words.fillers
    plain = [normalize(word) for word in words]
    cuts = [0]
    for at in range(1, len(words)):
        if plain[at] not in asking_words.starts or at - cuts[-1] < MIN_CLAUSE_WORDS:
            continue
        start = at
        while start > cuts[-1] + 1 and plain[start - 1] in joiners:
            start -= 1  # "and also do I ...": the joining words open the new clause
        joined = start < at or words[start - 1].endswith((",", ":"))
        room = min(start - cuts[-1], len(words) - start) >= MIN_CLAUSE_WORDS
        if joined and room:
            cuts.append(start)
    cuts.append(len(words))
    return [" ".join(words[a:b]) for a, b in zip(cuts, cuts[1:], strict=False) if a < b]
