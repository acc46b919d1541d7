"""The words that make a sentence ask something, per language (knowledge/<lang>/language.yaml).

English is built in; another language lists its own in `question_words`, folded like its text.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class QuestionWords:
    starts: frozenset[str]
    """First words (after fillers) that make a sentence a question."""
    fillers: frozenset[str]
    """Words skipped before the first word is judged ("also, could …", "and how …")."""
    phrases: tuple[str, ...]
    """Normalised phrases anywhere in a sentence that ask indirectly ("i wonder")."""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ENGLISH = QuestionWords(
    starts=_words(
        """what whats which who whom whose when where why how is are am was were do does did
        can could cannot should would will shall may might must have has any anything wat wot
        hw y wen wher whr wich"""
    ),
    fillers=_words(
        """also and so but then ok okay well quick one question plus anyway however hi hey
        hello lastly finally secondly too or"""
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
