"""Cue phrases found in a normalised sentence: "*" stands for one to four words.

Every list of `cues` in <lang>/safety.yaml (negation, other person, hypothetical, resolved …) is
read through a CueSet; the triage and the safety feature ask it for the spans it covers.
"""

from __future__ import annotations

import re

from bot.language.text import normalize


class CueSet:
    def __init__(self, phrases: list[str]):
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        self._literal: dict[tuple[str, ...], frozenset[str]] = {}
        """The words each cue needs besides its stars: a cue with one missing is not tried."""
        for phrase in phrases:
            words = tuple(star_split(phrase))
            if not words or words[0] == "*":
                continue
            self.by_first.setdefault(words[0], []).append(words)
            self._literal[words] = frozenset(words) - {"*"}

    def find(self, tokens: list[str]) -> list[tuple[int, int]]:
        """(start, end) inclusive spans of every cue match.

        Only cues whose every word is in the sentence are tried: a long message repeating one
        cue's first word ("my back hurts my back hurts …") would otherwise try every cue
        starting with it at every repeat."""
        if self.by_first.keys().isdisjoint(tokens):
            return []  # no word of the sentence starts a cue: most sentences, for most lists
        present = set(tokens)
        viable: dict[str, list[tuple[str, ...]]] = {}
        spans = []
        for start, token in enumerate(tokens):
            cues = viable.get(token)
            if cues is None:
                cues = viable[token] = [
                    cue for cue in self.by_first.get(token, ()) if self._literal[cue] <= present
                ]
            for cue in cues:
                end = _match_cue(cue, tokens, start)
                if end is not None:
                    spans.append((start, end))
        return spans


def star_split(phrase: str) -> list[str]:
    """A cue's normalised words, its stars kept as "*"."""
    words: list[str] = []
    for part in re.split(r"(\*)", phrase):
        if part == "*":
            words.append("*")
        elif part.strip():
            words.extend(normalize(part).split())
    return words


def words_of(phrases: list[str]) -> set[str]:
    """Every normalised word of a cue list, for lists read word by word."""
    return {word for phrase in phrases for word in normalize(phrase).split()}


def _match_cue(cue: tuple[str, ...], tokens: list[str], start: int) -> int | None:
    """End index of the cue matched at start, or None. "*" takes one to four words."""
    if "*" not in cue:
        end = start + len(cue)
        return end - 1 if tuple(tokens[start:end]) == cue else None

    def walk(ci: int, ti: int) -> int | None:
        if ci == len(cue):
            return ti - 1
        word = cue[ci]
        if word == "*":
            for skip in (1, 2, 3, 4):
                if ti + skip <= len(tokens):
                    found = walk(ci + 1, ti + skip)
                    if found is not None:
                        return found
            return None
        if ti < len(tokens) and tokens[ti] == word:
            return walk(ci + 1, ti + 1)
        return None

    return walk(0, start)
