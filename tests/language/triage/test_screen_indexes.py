"""The screens' shortcuts find what the long way would: the safety net and the crisis exemplars
bound their wide grams instead of walking them, the whole-message detector sums its sentences'
scores per window (both checked against a plain cosine over every exemplar), and the crisis
phrases and concepts skip their regex when none of their key words is in the text, and rule
terms are tried only where their words stand. The texts are the rules' own phrases and the
corpus the learned screen was trained on (crisis, red flags, look-alikes)."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import pytest

from bot.brain.built import built_for
from bot.content.fast_yaml import safe_load
from bot.language import sentences as sentence_split
from bot.language.dialect import speaking
from bot.language.triage.clauses import SENTENCE_END
from bot.language.triage.crisis_grammar import MANY, _pieces, _plain, may_match
from bot.language.triage.neighbours import grams
from bot.language.triage.terms import _align

KNOWLEDGE = Path(__file__).resolve().parents[3] / "knowledge"

CLOSE_CALL = 1e-9
"""A plain cosine this near a threshold is left out: float order may land it either side."""


def _corpus(language: str) -> list[str]:
    items = safe_load((KNOWLEDGE / language / "safety_corpus.yaml").read_text(encoding="utf-8"))
    return [item["text"] for item in items["items"]]


def _unit(counts: Counter[str], idf: dict[str, float], unseen: float) -> dict[str, float]:
    vector = {g: c * idf.get(g, unseen) for g, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {g: v / norm for g, v in vector.items()}


class PlainCosine:
    """Tf-idf cosine to every exemplar, the way the screens define it, with no index."""

    def __init__(self, docs: list[Counter[str]], common: float | None = None):
        frequency = Counter(g for counts in docs for g in counts)
        total = len(docs)
        self.idf = {g: math.log(1 + total / n) for g, n in frequency.items()}
        self.unseen = math.log(1 + total)
        self.exemplars = [_unit(counts, self.idf, self.unseen) for counts in docs]
        if common is not None:  # grams left out of the index (they still lengthen a vector)
            dropped = {g for g, n in frequency.items() if n > common}
            self.exemplars = [
                {g: w for g, w in e.items() if g not in dropped} for e in self.exemplars
            ]

    def cosines(self, counts: Counter[str]) -> list[float]:
        vector = _unit(counts, self.idf, self.unseen)
        return [sum(vector[g] * e[g] for g in vector.keys() & e.keys()) for e in self.exemplars]


def _net_docs(content) -> tuple[list[str], list[Counter[str]]]:
    net = content.safety.net
    pairs = [(e.rule, grams(text)) for e in net.exemplars for text in e.texts]
    return [rule for rule, _ in pairs], [counts for _, counts in pairs]


@pytest.mark.parametrize("language", ["en", "nb"])
def test_the_net_and_the_crisis_exemplars_miss_no_exemplar_over_the_threshold(library, language):
    content = library[language]
    built = built_for(content, language)
    lexicon = content.safety.crisis
    with speaking(built.dialect):
        rules, docs = _net_docs(content)
        screens = [
            (built.safety_net, rules, PlainCosine(docs)),
            (
                built.triage._crisis_near,
                ["crisis"] * len(lexicon.exemplars),
                PlainCosine([grams(text) for text in lexicon.exemplars]),
            ),
        ]
        checked = 0
        for neighbours, labels, plain in screens:
            threshold = neighbours.threshold
            for text in _corpus(language)[::3] + lexicon.exemplars:
                expected: dict[str, float] = {}
                close_call = False
                for sentence in SENTENCE_END.split(text):
                    if not sentence.strip():
                        continue
                    for label, score in zip(labels, plain.cosines(grams(sentence)), strict=True):
                        close_call |= abs(score - threshold) < CLOSE_CALL
                        if score >= threshold:
                            expected[label] = max(score, expected.get(label, 0.0))
                if close_call:
                    continue
                found = dict(neighbours.nearest(text))
                assert found.keys() == expected.keys(), text
                assert found == pytest.approx(expected), text
                checked += bool(expected)
        assert checked > 100, "the corpus holds many messages close to an exemplar"


@pytest.mark.parametrize("language", ["en", "nb"])
def test_the_whole_message_windows_score_as_one_text_would(library, language):
    built = built_for(library[language], language)
    detector = built.whole_message
    bank = safe_load((KNOWLEDGE / language / "safety_exemplars.yaml").read_text(encoding="utf-8"))
    groups = bank["groups"]
    owners = [detector.labels.index(g["label"]) for g in groups for _ in g["texts"]]
    with speaking(built.dialect):
        docs = [grams(text) for g in groups for text in g["texts"]]
        plain = PlainCosine(docs, common=max(3, len(docs) * 0.15))
        long_ones = [t for t in _corpus(language) if len(sentence_split.split(t)) > 2][:80]
        assert len(long_ones) == 80
        for text in long_ones:
            sentences = [grams(s) for s in sentence_split.split(text)]
            scored = [detector._weighed(counts) for counts in sentences]
            windows = [(sum(sentences, Counter()), scored)]
            windows += [
                (sentences[i] + sentences[i + 1], scored[i : i + 2])
                for i in range(len(sentences) - 1)
            ]
            for counts, parts in windows:
                cosines = plain.cosines(counts)
                expected = [
                    max(c for c, o in zip(cosines, owners, strict=True) if o == label)
                    for label in range(len(detector.labels))
                ]
                assert detector._label_scores(parts) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("language", ["en", "nb"])
def test_every_crisis_phrase_and_concept_word_passes_its_key_word_test(library, language):
    """The key-word test only skips a regex that could not match: each phrase, written out
    (a star as one word), matches and passes; so does every corpus sentence that matches."""
    content = library[language]
    built = built_for(content, language)
    lexicon = content.safety.crisis
    screen = built.triage.crisis
    with speaking(built.dialect):
        lists = [(lexicon.phrases, False, screen._phrases, screen._phrase_keys)]
        grammar = screen._grammar
        lists += [
            (lexicon.concepts[name], True, grammar._concepts[name], grammar._keys[name])
            for name in grammar._keys
            if name != MANY
        ]
        for phrases, articles, pattern, keys in lists:
            assert keys is not None
            for phrase in phrases:
                words = [w or "word" for w in _pieces(phrase, articles=articles)]
                assert pattern.search(" ".join(words)), phrase
                assert may_match(keys, words), phrase
        sentences = [s for text in _corpus(language) for s in screen._sentences(text)]
        matched = 0
        for sentence in sentences:
            for _, articles, pattern, keys in lists:
                words = _plain(sentence) if articles else sentence
                if pattern.search(words):
                    matched += 1
                    assert may_match(keys, words.split()), (sentence, pattern.pattern[:60])
        assert matched > 500


@pytest.mark.parametrize("language", ["en", "nb"])
def test_rule_terms_are_found_where_trying_every_term_at_every_word_finds_them(library, language):
    """TermBook.occurrences tries only terms whose required words are all in the sentence, at
    the positions of their first word: the same as aligning every term at every word, on every
    rule phrase written out and on the corpus."""
    content = library[language]
    built = built_for(content, language)
    triage = built.triage
    book, vocabulary = triage._reader._book, triage._reader._vocabulary
    phrases = [p for rule in content.safety.rules for p in (*rule.phrases, *rule.clarify)]
    with speaking(built.dialect):
        checked = 0
        for text in phrases + _corpus(language)[::4]:
            for piece in SENTENCE_END.split(text):
                sentence = triage._clauses.sentence(piece)
                matches = [vocabulary.lookup(word) for word in sentence.tokens]
                present: set[str] = set().union(*matches)
                everywhere: dict[int, list] = {}
                for term in book.terms:
                    if term.tokens[term.first] not in present:
                        continue  # no word to start at (only this is assumed)
                    for start, words in enumerate(matches):
                        if term.tokens[term.first] in words:
                            found = _align(term, matches, sentence, start)
                            if found is not None:
                                everywhere.setdefault(term.index, []).append(found)
                assert book.occurrences(sentence, matches, present) == everywhere, piece
                checked += bool(everywhere)
        assert checked > len(phrases) // 2
