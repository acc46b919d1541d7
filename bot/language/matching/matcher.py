"""Free-text question matching: typo correction, keyword weighting and fuzzy scores, fused.

Every target (an FAQ entry, an exercise, a goal) is indexed once at load by all its phrasings.
A query is normalised, rewritten through the synonym list, stemmed and typo-corrected against
the knowledge base's own vocabulary. Each target then gets a score in 0..100 from:

- keyword coverage weighted by IDF: how much of the query's meaning the target explains
  (words the knowledge base has never seen weigh most, so "how often should I water my plants"
  is mostly unexplained and abstains instead of matching "how often");
- the best single phrasing: IDF-weighted overlap in both directions, plus rapidfuzz's
  token_sort_ratio on the stemmed content words (order-free, but not subset-blind like
  token_set_ratio, and without WRatio's partial matches inside long strings).
"""

from __future__ import annotations

import math
from array import array
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from bot.language.dialect import current
from bot.language.matching import common_words
from bot.language.matching.ngrams import NgramIndex
from bot.language.memo import per_text
from bot.language.text import normalize

# Function words carry no topic. Negations and "back" are deliberately absent: they change meaning.
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "from",
        "by",
        "with",
        "about",
        "as",
        "into",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "do",
        "does",
        "did",
        "doing",
        "have",
        "has",
        "had",
        "having",
        "i",
        "me",
        "my",
        "mine",
        "we",
        "our",
        "you",
        "your",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "how",
        "can",
        "could",
        "should",
        "would",
        "will",
        "shall",
        "may",
        "might",
        "must",
        "just",
        "so",
        "very",
        "really",
        "quite",
        "some",
        "any",
        "please",
        "thanks",
        "thank",
        "hi",
        "hey",
        "hello",
        "ok",
        "okay",
        "also",
        "too",
        "then",
        "than",
        "if",
        "up",
        "out",
        "get",
        "got",
        "go",
        "going",
        "want",
        "wanna",
        "gonna",
        "need",
        "know",
        "tell",
        "say",
        "like",
        "thing",
        "things",
        "stuff",
        "bit",
        "lot",
        "lots",
        "much",
        "many",
        "well",
        "still",
        "even",
        "one",
        "ever",
        "them",
        "they",
        "he",
        "she",
        "him",
        "her",
        "his",
        "let",
        "something",
        "anything",
        "everything",
        "someone",
        "anyone",
        "everyone",
        "actually",
        "exactly",
        "roughly",
        "basically",
        "maybe",
        "sure",
        "kind",
        "sort",
        "able",
        "us",
        "again",
    ]
)


@lru_cache(maxsize=1)
def common_english_words() -> frozenset[str]:
    """English words frequent enough to be meant as typed (pyspellchecker's frequency list,
    precomputed in common_words.txt)."""
    return common_words.load()


def stem(word: str) -> str:
    """The word's stem in the dialect of the turn (English unless a brain says otherwise)."""
    return current().stem(word)


@dataclass(frozen=True)
class Target:
    """Something a question can be answered with: "faq:how_often", "exercise:plank", "goal:core"."""

    key: str
    phrasings: tuple[str, ...]


@dataclass(frozen=True)
class Candidate:
    key: str
    score: float
    coverage: float = 0.0
    """Share of the question's weight (0..1) that this target's phrasings explain."""
    agreed: bool = False
    """Best by words alone and best by letter n-grams alone: two signals, one verdict."""


@dataclass(frozen=True)
class Match:
    """The ranked candidates for one query, best first, plus what the query was understood as."""

    query: str
    content_words: tuple[str, ...]
    known_share: float
    candidates: tuple[Candidate, ...]

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


@dataclass(slots=True)
class _Doc:
    """One phrasing, as ranking reads it (its words' weights are summed into `total` at build:
    a dict per phrasing was the matcher's largest part)."""

    target: int
    total: float
    sorted_words: str
    """Its stems in sorted order: token_sort_ratio is the plain ratio of two sorted texts, so
    each phrasing is sorted once here rather than on every query."""


class Matcher:
    OVERLAP_WEIGHT = 0.8
    DOC_WEIGHT = 0.7
    RECALL_BIAS = 1.0
    """F-beta for one phrasing: beta above 1 favours covering the query over the phrasing."""
    NGRAM_WEIGHT = 0.5
    """The letter n-gram similarity's weight beside the word score (ngrams.py)."""

    def __init__(self, targets: list[Target], synonyms: dict[str, list[str]]):
        self.targets = targets
        dialect = current()
        """Built in the dialect of its content's language; queries are read in the same one."""
        self._dialect = dialect
        self._stem = dialect.stem
        self._stop_words = dialect.stop_words or STOP_WORDS
        self._synonyms = _synonym_rewrites(synonyms)
        self._longest_variant = max((len(v.split()) for v in self._synonyms), default=1)
        self._docs: list[_Doc] = []
        per_target_terms: list[set[str]] = []
        raw_docs: list[tuple[int, list[str]]] = []
        surface_words: set[str] = set()
        for index, target in enumerate(targets):
            terms: set[str] = set()
            for phrasing in target.phrasings:
                content_words = self._content_words(phrasing)
                surface_words.update(content_words)
                words = list(dict.fromkeys(self._stem(word) for word in content_words))
                if words:
                    raw_docs.append((index, words))
                    terms.update(words)
            per_target_terms.append(terms)
        count = len(targets)
        document_frequency: dict[str, int] = defaultdict(int)
        for terms in per_target_terms:
            for term in terms:
                document_frequency[term] += 1
        self._idf = {term: math.log(1 + count / df) for term, df in document_frequency.items()}
        self._unknown_idf = math.log(1 + count / 0.5)
        postings: dict[str, list[int]] = defaultdict(list)
        for target, words in raw_docs:
            doc_index = len(self._docs)
            total = sum(self._idf[word] for word in words)
            self._docs.append(_Doc(target, total, " ".join(sorted(words))))
            for word in words:
                postings[word].append(doc_index)
        # Phrasing numbers packed in arrays, not lists of int objects: same order, less memory.
        self._postings = {word: array("I", docs) for word, docs in postings.items()}
        self._targets_of: dict[str, tuple[int, ...]] = {
            word: tuple(dict.fromkeys(self._docs[d].target for d in docs))
            for word, docs in self._postings.items()
        }
        """The targets whose phrasings use a word, each once, in the order of its postings."""
        # Bucketed by first letter and length: a typo is compared with a few dozen words at most.
        self._spellings_by_shape: dict[tuple[str, int], list[tuple[str, str]]] = defaultdict(list)
        for spelling, term in sorted(self._spellings(surface_words, synonyms).items()):
            self._spellings_by_shape[spelling[0], len(spelling)].append((spelling, term))
        self._ngrams = NgramIndex([target.phrasings for target in targets])
        self._english = dialect.common_words or common_english_words()
        self._correct = lru_cache(maxsize=65536)(self._correct_uncached)

    def __getstate__(self) -> dict:
        """For the build cache: the cached functions are rebuilt on load, not pickled."""
        return {k: v for k, v in self.__dict__.items() if k not in ("_stem", "_correct")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._stem = self._dialect.stem
        self._correct = lru_cache(maxsize=65536)(self._correct_uncached)

    def _spellings(self, words: set[str], synonyms: dict[str, list[str]]) -> dict[str, str]:
        """Every correctly spelled word a typo can be corrected to, with the term it means.

        The knowledge base's own words, plus one-word synonyms of one-word terms, so that
        "remaind" reaches "remind" and through it "reminder".
        """
        spellings = {word: self._stem(word) for word in words if self._stem(word) in self._idf}
        for canonical, variants in synonyms.items():
            term = self._stem(normalize(canonical))
            if term in self._idf:
                for variant in variants:
                    word = normalize(variant)
                    if " " not in word and word not in self._stop_words:
                        spellings.setdefault(word, term)
        return spellings

    # -- query understanding -------------------------------------------------------------------

    def rewrite(self, text: str) -> str:
        """Normalised text with synonyms replaced by their canonical words (longest phrase wins)."""
        words = normalize(text).split()
        out: list[str] = []
        position = 0
        while position < len(words):
            for length in range(min(self._longest_variant, len(words) - position), 0, -1):
                phrase = " ".join(words[position : position + length])
                canonical = self._synonyms.get(phrase)
                if canonical is not None:
                    out.append(canonical)
                    position += length
                    break
            else:
                out.append(words[position])
                position += 1
        return " ".join(out)

    def _content_words(self, text: str) -> list[str]:
        words = [word for word in self.rewrite(text).split() if word not in self._stop_words]
        return list(dict.fromkeys(words))

    def _correct_uncached(self, word: str) -> str | None:
        """The stem of the knowledge-base word this (possibly misspelled) word stands for.

        One edit (a transposition counts as one) is allowed from 4 letters, two from 8; shorter
        words and a different first letter must match exactly, because "hair" is not "chair".
        """
        stemmed = self._stem(word)
        if stemmed in self._idf:
            return stemmed
        for variant in (_collapse_doubles(word), word + "g"):
            # "upp" -> "up"; texting drops the g: "doin" -> "doing"
            if variant != word and (
                self._stem(variant) in self._idf or variant in self._stop_words
            ):
                return self._stem(variant) if self._stem(variant) in self._idf else None
        if len(word) < 4 or word.isdigit() or word in self._english:
            return None
        allowed = 2 if len(word) >= 8 else 1
        best, best_distance = None, allowed + 1
        for length in range(len(word) - allowed, len(word) + allowed + 1):
            for spelling, term in self._spellings_by_shape.get((word[0], length), ()):
                distance = OSA.distance(word, spelling, score_cutoff=allowed)
                if distance < best_distance:
                    best, best_distance = term, distance
        return best

    def understand(self, text: str) -> tuple[list[str], dict[str, float]]:
        """Corrected content stems and the weight each carries (unknown words weigh most)."""
        understood: list[str] = []
        weights: dict[str, float] = {}
        for word in self._content_words(text):
            corrected = self._correct(word)
            if corrected is None:
                if word.isdigit():
                    continue
                corrected = self._stem(word)
                weight = self._unknown_idf
            else:
                weight = self._idf[corrected]
            if corrected not in weights:
                weights[corrected] = weight
                understood.append(corrected)
        return understood, weights

    # -- ranking -------------------------------------------------------------------------------

    @per_text
    def match(self, text: str, limit: int = 5) -> Match:
        words, weights = self.understand(text)
        query_total = sum(weights.values())
        known = sum(w for word, w in weights.items() if word in self._idf)
        known_share = known / query_total if query_total else 0.0
        if not known:
            return Match(text, tuple(words), known_share, ())
        query_sorted = " ".join(sorted(words))
        shared_per_doc: dict[int, float] = defaultdict(float)
        coverage_per_target: dict[int, set[str]] = defaultdict(set)
        postings, targets_of = self._postings, self._targets_of
        for word, weight in weights.items():
            for doc_index in postings.get(word, ()):
                shared_per_doc[doc_index] += weight
            for target in targets_of.get(word, ()):
                coverage_per_target[target].add(word)
        # The loops below run over every phrasing sharing a word (hundreds): locals, not lookups.
        docs = self._docs
        beta2 = self.RECALL_BIAS**2
        overlaps = []
        for doc_index, shared in shared_per_doc.items():
            doc = docs[doc_index]
            recall = shared / query_total
            precision = shared / doc.total
            overlaps.append(((1 + beta2) * recall * precision / (beta2 * precision + recall), doc))
        overlaps.sort(key=itemgetter(0), reverse=True)  # stable: ties keep their order
        best_per_target: dict[int, float] = {}
        overlap_weight = self.OVERLAP_WEIGHT
        fuzzy_share = 1 - overlap_weight
        ratio = fuzz.ratio
        for overlap, doc in overlaps:
            target = doc.target
            best = best_per_target.get(target, 0.0)
            if overlap_weight * overlap + fuzzy_share <= best:
                continue  # even a perfect fuzzy score could not beat this target's best phrasing
            fuzzy = ratio(query_sorted, doc.sorted_words) / 100  # = token_sort_ratio
            score = overlap_weight * overlap + fuzzy_share * fuzzy
            if score > best:
                best_per_target[target] = score
        similar = self._ngrams.similarities(text)
        lexical: dict[int, float] = {}
        coverage: dict[int, float] = {}
        for target in best_per_target.keys() | similar.keys():
            coverage[target] = sum(weights[w] for w in coverage_per_target[target]) / query_total
            lexical[target] = self.DOC_WEIGHT * best_per_target.get(target, 0.0)
            lexical[target] += (1 - self.DOC_WEIGHT) * coverage[target]
        by_words = max(lexical, key=lexical.__getitem__)
        by_letters = max(similar, key=similar.__getitem__, default=None)
        ranked = []
        for target, words_score in lexical.items():
            score = (words_score + self.NGRAM_WEIGHT * similar.get(target, 0.0)) / (
                1 + self.NGRAM_WEIGHT
            )
            agreed = target == by_words == by_letters
            key = self.targets[target].key
            ranked.append(Candidate(key, round(100 * score, 1), coverage[target], agreed))
        ranked.sort(key=lambda candidate: -candidate.score)
        return Match(text, tuple(words), known_share, tuple(ranked[:limit]))

    def targets_with(self, word: str) -> int:
        """How many targets use this (stemmed) word."""
        return len(self._targets_of.get(word, ()))


def _collapse_doubles(word: str) -> str:
    return "".join(c for i, c in enumerate(word) if i == 0 or c != word[i - 1])


def _synonym_rewrites(synonyms: dict[str, list[str]]) -> dict[str, str]:
    """Normalised variant -> normalised canonical word or phrase."""
    rewrites = {}
    for canonical, variants in synonyms.items():
        target = normalize(canonical)
        for variant in variants:
            normal = normalize(variant)
            if normal and normal != target:
                rewrites[normal] = target
    return rewrites
