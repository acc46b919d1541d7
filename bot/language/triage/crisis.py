"""Crisis screen: suicidal thoughts, self-harm and overdose, before any physical red flag.

The words live in <lang>/safety.yaml (`crisis`). Three ways in, with different blind spots:

1. Phrases: one compiled pattern over the whole normalised message, so a crisis said in the
   middle of a paragraph about exercises is still found.
2. Concept combinations (`crisis_grammar`): a wish and death, a way and an intention, a dose
   taken, said in words no phrase lists.
3. Near misses (`check_in`): hopelessness or death words without a clear statement. The caller
   asks directly, with the crisis line shown, rather than guess either way.

Every word is first read through `crisis_spelling` ("sucidal", "myslef"). Figures of speech are
removed before matching ("kill for a coffee"), and a negation right before a phrase denies it
("never had thoughts of suicide").
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.content.safety_models import CrisisLexicon
from bot.language.matching.matcher import stem
from bot.language.memo import per_text
from bot.language.text import normalize
from bot.language.triage.clauses import SENTENCE_END
from bot.language.triage.crisis_grammar import (
    CrisisGrammar,
    compile_phrases,
    key_words,
    may_match,
    phrase_pattern,
)
from bot.language.triage.crisis_spelling import CrisisSpelling

__all__ = ["CrisisHit", "CrisisScreen", "compile_phrases", "phrase_pattern", "stemmed"]

_CACHE_LIMIT = 256
"""Sentences of one message kept (see `without_figures`); a longer message is not cached."""


def stemmed(text: str) -> str:
    """Normalised and stemmed word by word, so "taking my own life" meets "take my own life"."""
    return " ".join(stem(word) for word in normalize(text).split())


@dataclass(frozen=True)
class CrisisHit:
    phrase: str
    before: tuple[str, ...]
    """The words of the message before the phrase."""
    softened: bool = False
    """Told as information or as the past: worth a check-in, not the crisis reply."""


_ENGLISH_SELF = ("i", "me", "my", "myself")


def _vocabulary(lexicon: CrisisLexicon) -> set[str]:
    """Every word the crisis lexicon uses: what a typo may be read as."""
    phrases = [*lexicon.phrases, *(w for words in lexicon.concepts.values() for w in words)]
    if lexicon.check_in is not None:
        phrases += lexicon.check_in.phrases
    words = (normalize(p.replace("*", " ").removesuffix("$")).split() for p in phrases)
    return {w for group in words for w in group if len(w) >= 3}


class CrisisScreen:
    def __init__(
        self,
        lexicon: CrisisLexicon,
        other_people: list[str],
        other_pronouns: list[str],
        self_words: list[str] | None = None,
    ):
        self._window = lexicon.negation_window
        # Words after a negation that end its reach; "|" is a sentence boundary.
        self._breaks = frozenset(stemmed(w) for w in lexicon.negation_breaks) | {"|"}
        own = [normalize(w) for w in (self_words or _ENGLISH_SELF)]
        self._self = frozenset(stem(w) for w in own if " " not in w)
        self._spelling = CrisisSpelling(_vocabulary(lexicon))
        self._phrases = compile_phrases(lexicon.phrases)
        self._phrase_keys = key_words(lexicon.phrases)
        figures = lexicon.figures_of_speech
        self._figures = compile_phrases(figures) if figures else None
        self._grammar = CrisisGrammar(lexicon.concepts, lexicon.combinations, lexicon.blockers)
        check = lexicon.check_in
        self._check_phrases = compile_phrases(check.phrases) if check else None
        self._check_grammar = (
            CrisisGrammar(lexicon.concepts, check.combinations, lexicon.blockers)
            if check and check.combinations
            else None
        )
        self._check_unless = compile_phrases(check.unless) if check and check.unless else None
        self._taken = compile_phrases(lexicon.taken) if lexicon.taken else None
        self._soften = compile_phrases(lexicon.soften) if lexicon.soften else None
        self._negation = frozenset(stemmed(n) for n in lexicon.negation)
        self._last: tuple[str, tuple[list[str], CrisisHit | None]] | None = None
        self._figure_free: dict[str, str] = {}
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
        return "i" not in before[-3:]

    def words(self, text: str) -> str:
        """Normalised, typos read as the crisis words they were meant to be, stemmed."""
        return " ".join(stem(w) for w in self._spelling.correct_all(normalize(text).split()))

    def without_figures(self, text: str) -> str:
        """The message's words (see `words`) with figures of speech ("kill for a coffee") out.
        Kept for the sentences of the message being read: the screen reads each one more than
        once (crisis phrases, combinations, check-in, the exemplar neighbours)."""
        cached = self._figure_free.get(text)
        if cached is not None:
            return cached
        words = self.words(text)
        if self._figures is not None:
            words = " ".join(self._figures.sub(" ~ ", words).split())
        if len(self._figure_free) < _CACHE_LIMIT:
            self._figure_free[text] = words
        return words

    def _sentences(self, text: str) -> list[str]:
        return [s for s in (self.without_figures(p) for p in SENTENCE_END.split(text)) if s]

    def find(self, text: str) -> CrisisHit | None:
        """The first crisis phrase or combination in the message that is not denied and not
        told as information or the past, else None."""
        hit = self._read(text)[1]
        return hit if hit is not None and not hit.softened else None

    def _read(self, text: str) -> tuple[list[str], CrisisHit | None]:
        """The message's sentences and its first crisis hit. The screen asks `find` and then
        `check_in` about the same message: the last answer is kept for the second call."""
        if self._last is not None and self._last[0] == text:
            return self._last[1]
        self._figure_free = {}
        sentences = self._sentences(text)
        read = (sentences, self._first(sentences))
        self._last = (text, read)
        return read

    def _first(self, sentences: list[str]) -> CrisisHit | None:
        words = " | ".join(sentences)
        scanned = may_match(self._phrase_keys, words.split())
        for match in self._phrases.finditer(words) if scanned else ():
            before = tuple(words[: match.start()].split())
            if not self._denied(list(before[-self._window :]), match.group(0)):
                sentence = sentences[before.count("|")]
                return CrisisHit(match.group(0), before, self._softened(sentence))
        earlier: list[str] = []
        for sentence in sentences:
            found = self._grammar.find(sentence)
            if found is not None and not self._denied(list(found[1][-self._window :]), found[0]):
                return CrisisHit(found[0], (*earlier, *found[1]), self._softened(sentence))
            earlier += [*sentence.split(), "|"]
        whole = " ".join(sentences)
        found = self._grammar.find(whole, across_sentences=True)
        if found is not None and not self._denied(list(found[1][-self._window :]), found[0]):
            return CrisisHit(found[0], found[1], self._softened(whole))
        return None

    def taken(self, text: str) -> bool:
        """The message says the act is already done ("took all my pills"): see `taken`."""
        if self._taken is None:
            return False
        return any(self._taken.search(s) for s in self._read(text)[0])

    def _softened(self, sentence: str) -> bool:
        return self._soften is not None and self._soften.search(sentence) is not None

    @per_text
    def check_in(self, text: str) -> str | None:
        """Words of a near miss worth asking about directly ("no point anymore", "i think about
        death a lot"), unless its sentence shows a harmless subject (an exercise, a session)."""
        if self._check_phrases is None:
            return None
        sentences, hit = self._read(text)
        if hit is not None and hit.softened:
            return hit.phrase
        for sentence in sentences:
            if self._check_unless is not None and self._check_unless.search(sentence):
                continue
            for match in self._check_phrases.finditer(sentence):
                before = sentence[: match.start()].split()
                if not self._denied(before[-self._window :], match.group(0)):
                    return match.group(0)
            found = self._check_grammar.find(sentence) if self._check_grammar else None
            if found is not None and not self._denied(list(found[1][-self._window :]), found[0]):
                return found[0]
        return None

    def _denied(self, before: list[str], matched: str) -> bool:
        if matched.split()[0] in self._negation | self._self:
            return False
        for index, word in enumerate(before):
            if word in self._negation and not self._breaks & set(before[index + 1 :]):
                return True
        return False
