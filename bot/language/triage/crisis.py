"""Crisis screen: suicidal thoughts, self-harm and overdose, before any physical red flag.

The phrases live in <lang>/safety.yaml (`crisis`). Matching is deliberately simple and fast:
one compiled pattern over the whole normalised message, so a crisis said in the middle of a
paragraph about exercises is still found. Figures of speech are removed first ("kill for a
coffee"), and a negation right before a phrase denies it ("never had thoughts of suicide").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.content.safety_models import CrisisLexicon
from bot.language.matching.matcher import stem
from bot.language.text import normalize


def stemmed(text: str) -> str:
    """Normalised and stemmed word by word, so "taking my own life" meets "take my own life"."""
    return " ".join(stem(word) for word in normalize(text).split())


def phrase_pattern(phrase: str) -> str:
    """A phrase as a regex over normalised text: words in order, `*` = up to four words."""
    pattern = ""
    for word in normalize(phrase.replace("*", " STAR ")).split():
        pattern += r"(?:\S+ ){0,4}" if word == "star" else re.escape(stem(word)) + " "
    return pattern.removesuffix(" ")


def compile_phrases(phrases: list[str]) -> re.Pattern[str]:
    """One alternation, longest phrases first, bounded by spaces."""
    ordered = sorted({phrase_pattern(p) for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?<!\S)(?:" + "|".join(ordered) + r")(?!\S)")


@dataclass(frozen=True)
class CrisisHit:
    phrase: str
    before: tuple[str, ...]
    """The words of the message before the phrase."""


_ENGLISH_SELF = ("i", "me", "my", "myself")


class CrisisScreen:
    def __init__(
        self,
        lexicon: CrisisLexicon,
        other_people: list[str],
        other_pronouns: list[str],
        self_words: list[str] | None = None,
    ):
        self._phrases = compile_phrases(lexicon.phrases)
        figures = lexicon.figures_of_speech
        self._figures = compile_phrases(figures) if figures else None
        self._negation = frozenset(stemmed(n) for n in lexicon.negation)
        self._window = lexicon.negation_window
        self._breaks = frozenset(stemmed(w) for w in lexicon.negation_breaks)
        self._subject = frozenset(stemmed(w) for w in lexicon.self_subject)
        own = [normalize(w) for w in (self_words or _ENGLISH_SELF)]
        self._self = frozenset(stem(w) for w in own if " " not in w)
        # "my husband" and "mannen min": the person is the word that is not "my"
        nouns = set()
        for person in other_people:
            words = normalize(person).split()
            if len(words) > 1 and words[0] in own:
                nouns.add(stem(words[-1]))
            elif len(words) > 1 and words[-1] in own:
                nouns.add(stem(words[0]))
        self._others = frozenset(nouns | {stemmed(p) for p in other_pronouns})

    def about_other(self, hit: CrisisHit) -> bool:
        """The crisis is someone else's: a person or pronoun just before it, no "I" in between,
        and no I/me/my in the phrase itself ("he told me he wants to die")."""
        if self._self & set(hit.phrase.split()):
            return False
        before = hit.before
        window = [w.removesuffix("s") if w not in self._others else w for w in before[-10:]]
        if not any(w in self._others for w in window):
            return False
        return not self._subject & set(before[-3:])

    def without_figures(self, text: str) -> str:
        """The normalised message with figures of speech ("kill for a coffee") taken out."""
        words = stemmed(text)
        return self._figures.sub(" ~ ", words) if self._figures is not None else words

    def find(self, text: str) -> CrisisHit | None:
        """The first crisis phrase in the message that is not denied, else None."""
        words = stemmed(text)
        if self._figures is not None:
            words = self._figures.sub(" ~ ", words)
        for match in self._phrases.finditer(words):
            before = tuple(words[: match.start()].split())
            if not self._denied(list(before[-self._window :]), match.group(0)):
                return CrisisHit(match.group(0), before)
        return None

    def _denied(self, before: list[str], matched: str) -> bool:
        if matched.split()[0] in self._negation | self._self:
            return False
        for index, word in enumerate(before):
            if word in self._negation and not self._breaks & set(before[index + 1 :]):
                return True
        return False
