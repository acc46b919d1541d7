"""A message cut into sentences, and a sentence into clauses of normalised words.

Sentences end at . ! ? ; : (not inside a figure: "2.5"), line breaks and brackets; clauses at
commas, dashes between spaces and the language's clause-break words ("but", "and then"). Before
matching, a clause's words are mended the way the rules are written: a Norwegian subject put
back before its verb, "can't feel" read as "cannot", merged words split ("birddog"), ages
marked (bot/language/triage/ages.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.language.text import normalize
from bot.language.triage.ages import AgeReader, with_markers
from bot.language.triage.cues import CueSet
from bot.language.triage.typos import Vocabulary

SENTENCE_END = re.compile(r"[.!?;\n]+")
"""Where the screen's sentences end when their ends need not be kept."""
SENTENCE_SPLIT = re.compile(r"([.!?;:]+(?!\d)|\n|[()\[\]{}])")
"""Splits a message into sentences, keeping each end (so a question mark or bracket is seen)."""
_COMMA_SPLIT = re.compile(r",(?!\d)|\s[-–—]+\s")


@dataclass
class Sentence:
    tokens: list[str]
    clause_of: list[int]
    clause_count: int
    separated_by_comma: list[bool]  # between clause k and k+1: a comma (True) or a break word


def merge_inability(words: list[str], inability: CueSet) -> list[str]:
    """Every way of saying one cannot ("can't", "unable to") as the one word "cannot"."""
    spans = inability.find(words)
    if not spans:
        return words
    out: list[str] = []
    index = 0
    for start, end in sorted(spans):
        if start < index:
            continue
        out.extend(words[index:start])
        out.append("cannot")
        index = end + 1
    out.extend(words[index:])
    return out


class ClauseReader:
    def __init__(
        self,
        breaks: CueSet,
        inability: CueSet,
        subject_pronouns: frozenset[str],
        negation_words: set[str],
        ages: AgeReader,
        vocabulary: Vocabulary,
    ):
        self._breaks = breaks
        self._inability = inability
        self._subject_pronouns = subject_pronouns
        self._negation_words = negation_words
        self.ages = ages
        self._vocabulary = vocabulary

    def sentence(self, text: str) -> Sentence:
        tokens: list[str] = []
        clause_of: list[int] = []
        comma_between: list[bool] = []
        clause = -1
        for piece in _COMMA_SPLIT.split(text):
            words = normalize(piece).split()
            words = self._prepare(words)
            if not words:
                continue
            breaks = {start: end for start, end in self._breaks.find(words)}
            if clause >= 0:
                comma_between.append(True)
            clause += 1
            index = 0
            started = False
            while index < len(words):
                if index in breaks:
                    if started:
                        comma_between.append(False)
                        clause += 1
                        started = False
                    index = breaks[index] + 1
                    continue
                tokens.append(words[index])
                clause_of.append(clause)
                started = True
                index += 1
            if not started:
                # the piece was only break words: merge into the next clause
                clause -= 1
                if comma_between:
                    comma_between.pop()
        # renumber clauses densely
        mapping: dict[int, int] = {}
        for c in clause_of:
            mapping.setdefault(c, len(mapping))
        clause_of = [mapping[c] for c in clause_of]
        count = len(mapping)
        separated = (comma_between + [True] * count)[: max(count - 1, 0)]
        return Sentence(tokens, clause_of, count, separated)

    def _prepare(self, words: list[str]) -> list[str]:
        words = merge_inability(self.subject_first(words), self._inability)
        out: list[str] = []
        for word in words:
            out.extend(self._vocabulary.split_merged(word))
        return with_markers(out, self.ages)

    def subject_first(self, words: list[str]) -> list[str]:
        """ "nå får hun ikke tisset" -> "nå hun får ikke tisset": after a word put first ("nå",
        "i dag", "siden i går") Norwegian puts the verb before its subject, which splits every
        phrase of the form verb + "ikke" ("får ikke tisset", "kjenner ikke beina"). A pronoun
        between a word and a negation goes back before that word, as the phrases are written."""
        pronouns, negations = self._subject_pronouns, self._negation_words
        out = list(words)
        for i in range(1, len(out) - 1):
            before = out[i - 1]
            movable = before not in pronouns and before not in negations
            if movable and out[i] in pronouns and out[i + 1] in negations:
                out[i - 1], out[i] = out[i], before
        return out
