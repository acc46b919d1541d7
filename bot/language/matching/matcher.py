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
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from operator import add

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from bot.language.dialect import current
from bot.language.matching import common_words
from bot.language.matching.classifier import Classifier, Verdict, features
from bot.language.matching.ngrams import NgramIndex, packed
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
        # Fillers and texting asides: they carry no topic, and as unknown words they would
        # weigh most ("how long til this works tho" is a plain question about results).
        "though",
        "tho",
        "although",
        "anyway",
        "anyways",
        "honestly",
        "genuinely",
        "literally",
        "until",
        "lol",
        "ngl",
        "omg",
        "bro",
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
    names: tuple[str, ...] = ()
    """What the target is called (an exercise's name and aliases): a lone word that is one of
    them names the target, however many other targets also use the word."""


@dataclass(frozen=True)
class Candidate:
    key: str
    score: float
    coverage: float = 0.0
    """Share of the question's weight (0..1) that this target's phrasings explain."""
    agreed: bool = False
    """Best by words alone and best by letter n-grams alone: two signals, one verdict."""
    words_explained: float = 1.0
    """Share of the question's content words, counted one each, that this target's phrasings
    hold: a rare word weighs most in `coverage`, so one name can cover half the weight."""


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


class Matcher:
    OVERLAP_WEIGHT = 0.8
    DOC_WEIGHT = 0.7
    RECALL_BIAS = 1.0
    """F-beta for one phrasing: beta above 1 favours covering the query over the phrasing."""
    NGRAM_WEIGHT = 0.5
    """The letter n-gram similarity's weight beside the word score (ngrams.py)."""

    def __init__(
        self,
        targets: list[Target],
        synonyms: dict[str, list[str]],
        shared_words_of: tuple[str, ...] = (),
    ):
        """`shared_words_of`: key prefixes ("goal:") whose targets' common words
        `words_shared_by` answers; worked out here, as the phrasings are not kept."""
        self.keys = tuple(target.key for target in targets)
        """The targets' keys by number. Their phrasings are indexed, then let go (most of the
        Norwegian ones are made from templates and held by nothing else: ~1 MB)."""
        dialect = current()
        """Built in the dialect of its content's language; queries are read in the same one."""
        self._dialect = dialect
        self._stem = dialect.stem
        self._stop_words = dialect.stop_words or STOP_WORDS
        self._synonyms = _synonym_rewrites(synonyms)
        self._longest_variant = max((len(v.split()) for v in self._synonyms), default=1)
        per_target_terms: list[set[str]] = []
        raw_docs: list[tuple[int, list[str]]] = []
        surface_words: set[str] = set()
        labelled: list[tuple[int, Counter[str]]] = []
        for index, target in enumerate(targets):
            terms: set[str] = set()
            for phrasing in target.phrasings:
                content_words = self._content_words(phrasing)
                surface_words.update(content_words)
                words = list(dict.fromkeys(self._stem(word) for word in content_words))
                # what understand() makes of a phrasing: its own words need no correction
                labelled.append((index, features(words, content_words)))
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
        self._index_phrasings(raw_docs)
        # Bucketed by first letter and length: a typo is compared with a few dozen words at most.
        self._spellings_by_shape: dict[tuple[str, int], list[tuple[str, str]]] = defaultdict(list)
        for spelling, term in sorted(self._spellings(surface_words, synonyms).items()):
            self._spellings_by_shape[spelling[0], len(spelling)].append((spelling, term))
        self._ngrams = NgramIndex([target.phrasings for target in targets])
        self._named_by: dict[str, frozenset[str]] = {}
        for target in targets:
            for name in target.names:
                stems = {self._stem(word) for word in self._content_words(name)}
                if len(stems) == 1:
                    (word,) = stems
                    self._named_by[word] = self._named_by.get(word, frozenset()) | {target.key}
        self._english = dialect.common_words or common_english_words()
        self._correct = lru_cache(maxsize=65536)(self._correct_uncached)
        self._classifier = Classifier(labelled, list(self.keys))
        self._shared_words = {
            prefix: self._words_all_use([t for t in targets if t.key.startswith(prefix)])
            for prefix in shared_words_of
        }

    def _words_all_use(self, targets: list[Target]) -> frozenset[str]:
        """The stems every one of these targets' phrasings hold between them, as understand()
        reads them (none for fewer than two targets)."""
        per_target = [
            {word for phrasing in target.phrasings for word in self.understand(phrasing)[0]}
            for target in targets
        ]
        return frozenset(set.intersection(*per_target)) if len(per_target) > 1 else frozenset()

    def words_shared_by(self, prefix: str) -> frozenset[str]:
        """What every target whose key starts with `prefix` is asked with (given at build)."""
        return self._shared_words[prefix]

    def _index_phrasings(self, raw_docs: list[tuple[int, list[str]]]) -> None:
        """Phrasing n's target, weight total and sorted stems at [n], and each stem's postings.

        Phrasings that read the same for the same target (same stems, same total) are kept once:
        a copy scores exactly like the first, so it only cost time (en 2650 -> 2046 phrasings,
        nb 4759 -> 2761). The first is kept, so the order of everything else is unchanged.
        """
        self._doc_targets = array("I")
        self._doc_totals = array("d")
        self._doc_words: list[str] = []
        """Its stems in sorted order: token_sort_ratio is the plain ratio of two sorted texts, so
        each phrasing is sorted once here rather than on every query."""
        seen: set[tuple[int, str, float]] = set()
        postings: dict[str, list[int]] = defaultdict(list)
        for target, words in raw_docs:
            total = sum(self._idf[word] for word in words)
            sorted_words = " ".join(sorted(words))
            if (target, sorted_words, total) in seen:
                continue
            seen.add((target, sorted_words, total))
            for word in words:
                postings[word].append(len(self._doc_words))
            self._doc_targets.append(target)
            self._doc_totals.append(total)
            self._doc_words.append(sorted_words)
        # Phrasing numbers packed in arrays, not lists of int objects: same order, less memory.
        self._postings = {word: packed(docs) for word, docs in postings.items()}
        self._doc_targets = packed(self._doc_targets)
        self._targets_of: dict[str, tuple[int, ...]] = {
            word: tuple(dict.fromkeys(self._doc_targets[d] for d in docs))
            for word, docs in self._postings.items()
        }
        """The targets whose phrasings use a word, each once, in the order of its postings."""

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
        """Normalised text with synonyms replaced by their canonical words (longest phrase wins).

        A second pass reads the phrases that a respelled word completes: "stay away frum" is
        "stay away from" after the first pass, and only then "avoid". Only those: a phrase the
        first pass already folded ("support belt" -> "belt") is not folded again ("lumbar belt"
        -> "belt" would lose "lumbar")."""
        words = normalize(text).split()
        once, respelled = self._rewrite_words(words, None)
        if not any(respelled):
            return " ".join(once)
        return " ".join(self._rewrite_words(once, respelled)[0])

    def _rewrite_words(
        self, words: list[str], respelled: list[bool] | None
    ) -> tuple[list[str], list[bool]]:
        """The words rewritten, and for each whether it is one word respelled as another. With
        `respelled` given (the second pass), only phrases holding such a word are rewritten."""
        out: list[str] = []
        changed: list[bool] = []
        position = 0
        while position < len(words):
            for length in range(min(self._longest_variant, len(words) - position), 0, -1):
                if respelled is not None and (
                    length < 2 or not any(respelled[position : position + length])
                ):
                    continue
                phrase = " ".join(words[position : position + length])
                canonical = self._synonyms.get(phrase)
                if canonical is not None:
                    out += canonical.split()
                    changed += [length == 1 and " " not in canonical] * len(canonical.split())
                    position += length
                    break
            else:
                out.append(words[position])
                changed.append(False)
                position += 1
        return out, changed

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
        best_per_target = self._best_phrasings(weights, query_total, " ".join(sorted(words)))
        coverage, counted = self._coverage(weights, query_total)
        similar = self._ngrams.similarities(text)
        ranked = self._ranked(best_per_target, coverage, counted, similar, limit)
        return Match(text, tuple(words), known_share, ranked)

    def _best_phrasings(
        self, weights: dict[str, float], query_total: float, query_sorted: str
    ) -> dict[int, float]:
        """Each target's best phrasing score: IDF-weighted F-beta overlap and token_sort_ratio.

        The targets come in the order of their best overlap (ties: the phrasing met first); the
        ranking's tie order follows from it. Runs over every phrasing sharing a word (hundreds):
        whole lists at a time, and locals, not attribute lookups.
        """
        shared: dict[int, float] = {}
        postings = self._postings
        for word, weight in weights.items():
            docs = postings.get(word, ())
            # shared[doc] += weight for each of the word's phrasings (distinct), in C: the same
            # sums, keys first met in the same order, in a fifth of the time.
            added = map(add, map(shared.get, docs, repeat(0.0)), repeat(weight))
            shared.update(zip(docs, added, strict=True))
        docs = list(shared)
        beta2 = self.RECALL_BIAS**2
        scale = 1 + beta2
        totals = map(self._doc_totals.__getitem__, docs)
        overlaps = [  # F-beta of recall (of the question) and precision (of the phrasing)
            scale
            * (recall := part / query_total)
            * (precision := part / total)
            / (beta2 * precision + recall)
            for part, total in zip(shared.values(), totals, strict=True)
        ]
        doc_targets, doc_words = self._doc_targets, self._doc_words
        best_per_target: dict[int, float] = {}
        bests = [0.0] * len(self.keys)  # the same, read by index: cheaper than dict.get
        overlap_weight = self.OVERLAP_WEIGHT
        fuzzy_share = 1 - overlap_weight
        ratio = fuzz.ratio
        query_length = len(query_sorted)
        # Stable: ties keep the order the phrasings were met in.
        for at in sorted(range(len(docs)), key=overlaps.__getitem__, reverse=True):
            doc = docs[at]
            target = doc_targets[doc]
            best = bests[target]
            overlap = overlap_weight * overlaps[at]
            if overlap + fuzzy_share <= best:
                continue  # even a perfect fuzzy score could not beat this target's best phrasing
            words = doc_words[doc]
            length = len(words)
            # Nor could the best ratio texts of these lengths can have: their Indel distance is
            # at least the difference of their lengths (a hair added against rounding).
            shorter = length if length < query_length else query_length
            if overlap + fuzzy_share * (2 * shorter / (length + query_length) + 1e-9) < best:
                continue
            score = overlap + fuzzy_share * (ratio(query_sorted, words) / 100)
            if score > best:
                bests[target] = best_per_target[target] = score
        return best_per_target

    def _coverage(
        self, weights: dict[str, float], query_total: float
    ) -> tuple[dict[int, float], dict[int, float]]:
        """Share of the question's weight (0..1) each target's phrasings explain, summed in the
        question's word order, and the share of its words they hold, counted one each."""
        explained: dict[int, float] = defaultdict(float)
        held: dict[int, int] = defaultdict(int)
        targets_of = self._targets_of
        for word, weight in weights.items():
            for target in targets_of.get(word, ()):
                explained[target] += weight
                held[target] += 1
        words = len(weights)
        return (
            {target: part / query_total for target, part in explained.items()},
            {target: count / words for target, count in held.items()},
        )

    def _ranked(
        self,
        best_per_target: dict[int, float],
        coverage: dict[int, float],
        counted: dict[int, float],
        similar: dict[int, float],
        limit: int,
    ) -> tuple[Candidate, ...]:
        """The `limit` best targets by the fused score, as candidates (made only for those)."""
        lexical = {
            target: self.DOC_WEIGHT * best_per_target.get(target, 0.0)
            + (1 - self.DOC_WEIGHT) * coverage.get(target, 0.0)
            for target in best_per_target.keys() | similar.keys()
        }
        by_words = max(lexical, key=lexical.__getitem__)
        by_letters = max(similar, key=similar.__getitem__, default=None)
        letters, fused = self.NGRAM_WEIGHT, 1 + self.NGRAM_WEIGHT
        scores = {
            target: round(100 * ((words_score + letters * similar.get(target, 0.0)) / fused), 1)
            for target, words_score in lexical.items()
        }
        # Stable, reverse included: equal scores keep their order.
        top = sorted(scores, key=scores.__getitem__, reverse=True)[:limit]
        return tuple(
            Candidate(
                self.keys[target],
                scores[target],
                coverage.get(target, 0.0),
                target == by_words == by_letters,
                counted.get(target, 0.0),
            )
            for target in top
        )

    def _features(self, text: str) -> Counter[str]:
        """The query's stems as match() understood them (remembered), and its surface words."""
        return features(self.match(text).content_words, self._content_words(text))

    @per_text
    def classify(self, text: str) -> Verdict:
        """The learned signal's reading of the text (classifier.py)."""
        return self._classifier.classify(self._features(text))

    def targets_with(self, word: str) -> int:
        """How many targets use this (stemmed) word."""
        return len(self._targets_of.get(word, ()))

    def names(self, word: str, key: str) -> bool:
        """Whether this (stemmed) word alone is one of the target's names ("planken": the plank)."""
        return key in self._named_by.get(word, ())


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
