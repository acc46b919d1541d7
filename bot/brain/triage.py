"""Safety triage: finds red flags and pain reports in a user's message.

A missed red flag is the worst error, a false alarm the second worst. The rules and word lists
live in knowledge/safety.yaml; this module only knows how to read a message:

1. The text is cut into sentences (. ! ? ; :) and clauses (commas and clause-break words), and
   every clause is normalised by `bot.brain.text.normalize`.
2. Every word is looked up in the vocabulary of the rules, typo-tolerantly for words of five
   letters or more (optimal string alignment distance 1, or 2 from eight letters), unless the
   word is itself a known word ("ladder" is not a typo of "bladder").
3. Rule phrases are aligned word by word (small words optional, a few extra words allowed);
   `all_of` groups must all be present in one clause or two neighbouring clauses.
4. NegEx-style negation: a negation cue before a symptom in the same clause cancels it, unless a
   terminator ("i", "then", ...) lies between. Negations that are part of a symptom ("no feeling
   in my legs") are consumed by it.
5. Each clause is about the user, about someone else, hypothetical or a general question; only
   the user's own symptoms raise the alarm, the rest set `about_other`.
6. Weak signals (a bare "numb") make the caller ask a yes/no question instead of alarming.

The module has no Telegram import and builds all indexes once, in `Triage.__init__`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from itertools import product

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.brain.text import clean_unicode, normalize
from bot.content.safety_models import SafetyContent, SafetyRule

TIER_ORDER = ("emergency", "urgent", "stop", "soreness")
_TIER_RANK = {tier: rank for rank, tier in enumerate(TIER_ORDER)}
_RED_FLAG_TIERS = frozenset({"emergency", "urgent"})

# Words that may be missing, or replaced, inside a phrase of three words or more.
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "my",
        "your",
        "is",
        "am",
        "are",
        "was",
        "were",
        "be",
        "been",
        "i",
        "it",
        "me",
        "of",
        "to",
        "in",
        "on",
        "at",
        "and",
        "some",
        "any",
        "this",
        "that",
        "very",
        "really",
        "so",
    ]
)
# Common English words that sit one or two typos away from a symptom word: they are taken as
# written, never as a typo ("ladder" is not "bladder", "never" is not "fever").
_COMMON_WORDS = frozenset(
    [
        "ladder",
        "ladders",
        "never",
        "fewer",
        "lever",
        "levers",
        "fiver",
        "river",
        "hills",
        "hill",
        "chill",
        "chilly",
        "bowl",
        "bowls",
        "towel",
        "towels",
        "vowel",
        "vowels",
        "vowels",
        "dowel",
        "bottle",
        "bottles",
        "battle",
        "cattle",
        "feel",
        "feels",
        "feed",
        "fees",
        "feet",
        "meet",
        "beet",
        "lump",
        "jump",
        "pump",
        "bump",
        "rump",
        "dump",
        "hump",
        "numbers",
        "number",
        "selling",
        "telling",
        "yelling",
        "spelling",
        "smelling",
        "dwelling",
        "swelled",
        "welling",
        "willing",
        "stinging",
        "singing",
        "swinging",
        "ringing",
        "bringing",
        "single",
        "jingle",
        "mingle",
        "shooing",
        "shouting",
        "shutting",
        "hooting",
        "sorting",
        "shorting",
        "stubbing",
        "scrubbing",
        "sharpen",
        "shape",
        "shapes",
        "share",
        "shared",
        "weeks",
        "week",
        "weekly",
        "peak",
        "peek",
        "fainter",
        "painter",
        "painted",
        "fainted",
        "passed",
        "pasted",
        "parted",
        "blocked",
        "backed",
        "chess",
        "chase",
        "cheese",
        "chest",
        "chilled",
        "cancel",
        "canceled",
        "cancelled",
        "cancer",
        "tumble",
        "tumbler",
        "dizzy",
        "stairs",
        "stars",
        "starts",
        "stares",
        "falls",
        "fails",
        "crashed",
        "trips",
        "tripe",
        "drags",
        "drugs",
        "dragon",
        "paralegal",
        "heartbeat",
        "saddle",
        "paddle",
        "waddle",
        "groin",
        "grown",
        "grain",
        "wipe",
        "wide",
        "wine",
        "wire",
        "wise",
        "tingle",
        "needles",
        "noodles",
        "needless",
        "pills",
        "pulls",
        "tablets",
        "weight",
        "wait",
        "eight",
        "height",
        "weighted",
        "sweats",
        "sweets",
        "cough",
        "couch",
        "stools",
        "tools",
        "stool",
        "spine",
        "spin",
        "spite",
        "knees",
        "knee",
        "knew",
        "thighs",
        "things",
        "thinks",
        "shin",
        "skin",
        "shine",
        "calf",
        "calm",
        "half",
        "toes",
        "toys",
        "heels",
        "feels",
        "hells",
        "foot",
        "food",
        "fool",
        "legs",
        "eggs",
        "back",
        "bake",
        "liver",
        "lived",
        "later",
        "letter",
        "latter",
        "water",
        "waiter",
        "leaking",
        "leaning",
        "leaving",
        "leading",
        "leak",
        "lead",
        "leap",
        "lean",
        "walking",
        "waking",
        "talking",
        "unsteady",
        "steady",
        "standing",
        "crunch",
        "crush",
        "planet",
        "planets",
        "plant",
        "plants",
        "bridge",
        "bride",
        "squats",
        "squash",
        "lunges",
        "lungs",
        "lunch",
        "yoga",
        "session",
        "routine",
        "stretch",
        "stretched",
        "gym",
    ]
)

_SENTENCE_SPLIT = re.compile(r"[.!?;:]+(?!\d)|\n|[()\[\]{}]")
_COMMA_SPLIT = re.compile(r",(?!\d)|\s[-–—]+\s")
_AGE_WORD_BEFORE = frozenset({"am", "aged", "age", "at", "is", "turned", "turning"})
_AGE_WORD_AFTER = frozenset({"years", "year", "yo", "yrs", "yr", "older"})
_AGE_MARKER = "older"

# ---------------------------------------------------------------------------- pain score

_NUMBER_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_NUM = r"(10|[0-9](?:[.,]5)?|zero|one|two|three|four|five|six|seven|eight|nine|ten)"
_UNITS = (
    r"(?!\s*(?:%|x\b|am\b|pm\b|days?\b|weeks?\b|months?\b|years?\b|yrs?\b|hours?\b|hrs?\b|"
    r"mins?\b|minutes?\b|seconds?\b|secs?\b|times\b|reps?\b|sets?\b|kg\b|kilos?\b|lbs?\b|"
    r"pounds?\b|cm\b|km\b|miles?\b|steps\b|o'?clock\b|th\b|st\b|nd\b|rd\b|:\d|\d))"
)
_PAIN_PATTERNS = (
    # "7/10", "8 out of 10", "six out of ten", "6-7/10" (takes the 7)
    re.compile(
        rf"(?<![\d/.,]){_NUM}\s*(?:/|out of|outta|of)\s*(?:10|ten)\b(?!\s*/\s*\d|[.,]\d)",
    ),
    # "pain is a 6", "pain level 8", "my pain's at 7", "pain score: 9"
    re.compile(
        r"\bpain(?:'s|s)?(?:\s+(?:level|score|rating|is|was|at|of|about|around|like|maybe|"
        rf"probably|currently|now|today|a|an|=|-))*\s*:?\s*{_NUM}\b{_UNITS}"
    ),
    # "I'd rate it 8", "rated it a 7", "it's a 9", "I would say 8"
    re.compile(
        r"\b(?:rate|rated|rating|i'd say|id say|i would say|it's|its|it is|it's at|its at)"
        rf"(?:\s+(?:it|my pain|the pain|at|a|an|about|around|like|maybe))*\s+{_NUM}\b{_UNITS}"
    ),
    # "7 on the pain scale", "at 7 on a scale"
    re.compile(rf"(?<![\d/.,]){_NUM}\s+on\s+(?:a|the|my)\s+(?:pain\s+)?scale"),
    # "on a scale of 1 to 10 it's 7"
    re.compile(
        r"scale of (?:0|1|zero|one)\s*(?:-|to)\s*(?:10|ten),?\s*"
        rf"(?:(?:it's|its|it is|i'd say|id say|i would say|about|around|maybe|a|an|my pain is)\s+)*"
        rf"{_NUM}\b"
    ),
)
_BIG_RATING = re.compile(r"(?<![\d/.,])(\d{2,3})\s*(?:/|out of)\s*(?:10|ten)\b(?!\s*/\s*\d)")


def _to_score(value: str) -> float:
    value = value.replace(",", ".")
    if value in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[value])
    return float(value)


def pain_score(text: str) -> int | None:
    """The highest explicit 0-10 pain rating in the text ("7/10", "8 out of 10", "pain is a 6").

    Half points are rounded up; an exaggerated rating ("20/10") counts as 10.
    """
    lowered = clean_unicode(text).lower().replace("’", "'").replace("‘", "'")
    best: float | None = None
    for pattern in _PAIN_PATTERNS:
        for match in pattern.finditer(lowered):
            score = _to_score(match.group(1))
            if score <= 10 and (best is None or score > best):
                best = score
    for match in _BIG_RATING.finditer(lowered):
        if int(match.group(1)) > 10:
            best = 10.0
    return None if best is None else int(math.ceil(best))


# ---------------------------------------------------------------------------- results


@dataclass(frozen=True)
class TriageResult:
    tier: str | None
    """Highest tier found, or None."""
    rule_ids: tuple[str, ...]
    """All rules that fired, highest tier first."""
    clarify_rule: str | None
    """A red flag is possible but unclear: the caller asks rule.question with yes/no buttons."""
    about_other: bool
    """The red flag concerns someone else or is hypothetical: inform, no alarm."""


# ---------------------------------------------------------------------------- internals


@dataclass(frozen=True)
class _Term:
    """A phrase or an all_of alternative, as normalised tokens."""

    index: int
    tokens: tuple[str, ...]
    required: tuple[bool, ...]
    max_step: int  # extra words allowed between two consecutive words of the term
    max_gap: int  # extra words allowed in the whole match
    negation_at: tuple[int, ...]  # positions of negation words inside the term
    first: int  # position of the first required token


@dataclass(frozen=True)
class _Occurrence:
    term: int
    start: int
    end: int
    positions: tuple[int, ...]
    clause: int
    slots: tuple[int, ...]  # message position of each term word, -1 when an optional word is absent


@dataclass(frozen=True)
class _Cue:
    """An exact word sequence; "*" matches one to three words."""

    tokens: tuple[str, ...]


@dataclass
class _CompiledRule:
    rule: SafetyRule
    order: int
    phrases: list[int] = field(default_factory=list)
    groups: list[list[int]] = field(default_factory=list)
    clarify: list[int] = field(default_factory=list)
    unless: list[int] = field(default_factory=list)


@dataclass
class _Hit:
    rule: str
    positions: frozenset[int]
    clauses: frozenset[int]


@dataclass
class _Sentence:
    tokens: list[str]
    clause_of: list[int]
    clause_count: int
    separated_by_comma: list[bool]  # between clause k and k+1: a comma (True) or a break word


class _CueSet:
    def __init__(self, phrases: list[str]):
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            words = tuple(_star_split(phrase))
            if not words or words[0] == "*":
                continue
            self.by_first.setdefault(words[0], []).append(words)

    def find(self, tokens: list[str]) -> list[tuple[int, int]]:
        """(start, end) inclusive spans of every cue match."""
        spans = []
        for start, token in enumerate(tokens):
            for cue in self.by_first.get(token, ()):
                end = _match_cue(cue, tokens, start)
                if end is not None:
                    spans.append((start, end))
        return spans


def _star_split(phrase: str) -> list[str]:
    words: list[str] = []
    for part in re.split(r"(\*)", phrase):
        if part == "*":
            words.append("*")
        elif part.strip():
            words.extend(normalize(part).split())
    return words


def _match_cue(cue: tuple[str, ...], tokens: list[str], start: int) -> int | None:
    """End index of the cue matched at start, or None. "*" takes one to three words."""

    def walk(ci: int, ti: int) -> int | None:
        if ci == len(cue):
            return ti - 1
        word = cue[ci]
        if word == "*":
            for skip in (1, 2, 3):
                if ti + skip <= len(tokens):
                    found = walk(ci + 1, ti + skip)
                    if found is not None:
                        return found
            return None
        if ti < len(tokens) and tokens[ti] == word:
            return walk(ci + 1, ti + 1)
        return None

    return walk(0, start)


class Triage:
    def __init__(self, content: SafetyContent):
        self.content = content
        self._rules = {rule.id: rule for rule in content.rules}
        cues = content.cues
        self._negation = _CueSet(cues.negation)
        self._negation_words = {w for phrase in cues.negation for w in normalize(phrase).split()}
        self._pseudo = _CueSet(cues.pseudo_negation)
        self._negation_end = {w for phrase in cues.negation_end for w in normalize(phrase).split()}
        self._normal = _CueSet(cues.normal)
        self._inability = _CueSet(cues.inability)
        self._breaks = _CueSet(cues.clause_breaks)
        self._self_words = {w for phrase in cues.self_words for w in normalize(phrase).split()}
        self._other_person = _CueSet(cues.other_person)
        self._other_pronoun = {w for p in cues.other_pronoun for w in normalize(p).split()}
        self._hypothetical = _CueSet(cues.hypothetical)
        self._general = _CueSet(cues.general)
        self._actual = _CueSet(cues.actual)

        self._terms: list[_Term] = []
        self._term_ids: dict[tuple[tuple[str, ...], bool], int] = {}
        self._compiled: list[_CompiledRule] = []
        for order, rule in enumerate(content.rules):
            compiled = _CompiledRule(rule=rule, order=order)
            compiled.phrases = [self._add_term(p, phrase=True) for p in rule.phrases]
            compiled.groups = [[self._add_term(t, phrase=False) for t in g] for g in rule.all_of]
            compiled.clarify = [self._add_term(p, phrase=True) for p in rule.clarify]
            compiled.unless = [self._add_term(p, phrase=True) for p in rule.unless]
            self._compiled.append(compiled)
        self._by_first: dict[str, list[int]] = {}
        for term in self._terms:
            self._by_first.setdefault(term.tokens[term.first], []).append(term.index)
        # Terms sharing an all_of group: a negated term ("do not feel") followed by one of its
        # siblings ("numbness") is a negation of that sibling, not a symptom.
        self._siblings: dict[int, set[int]] = {}
        for compiled in self._compiled:
            for group in [*compiled.groups, compiled.phrases, compiled.clarify]:
                for term in group:
                    self._siblings.setdefault(term, set()).update(group)

        self._vocab = sorted({token for term in self._terms for token in term.tokens})
        vocab_set = set(self._vocab)
        self._fuzzy_vocab = [word for word in self._vocab if len(word) >= 5]
        cue_words: set[str] = set()
        for cue_list in (
            cues.negation,
            cues.pseudo_negation,
            cues.negation_end,
            cues.normal,
            cues.inability,
            cues.clause_breaks,
            cues.self_words,
            cues.other_person,
            cues.other_pronoun,
            cues.hypothetical,
            cues.general,
            cues.actual,
        ):
            for phrase in cue_list:
                cue_words.update(w for w in _star_split(phrase) if w != "*")
        self._known = vocab_set | cue_words | _COMMON_WORDS
        self._vocab_set = vocab_set
        self._lookup_cache: dict[str, frozenset[str]] = {}
        self._split_cache: dict[str, tuple[str, ...]] = {}
        self._pain_rule = content.pain_score.rule if content.pain_score else None
        self._pain_above = content.pain_score.above if content.pain_score else 10

    # ------------------------------------------------------------------ public API

    def rule(self, rule_id: str) -> SafetyRule:
        return self._rules[rule_id]

    def assess(self, text: str) -> TriageResult:
        raw = clean_unicode(text)
        self_hits: list[_Hit] = []
        other_hits: list[_Hit] = []
        weak: list[str] = []
        for sentence_text in _SENTENCE_SPLIT.split(raw):
            if not sentence_text.strip():
                continue
            sentence = self._sentence(sentence_text)
            if not sentence.tokens:
                continue
            mine, theirs, unclear = self._assess_sentence(sentence)
            self_hits.extend(mine)
            other_hits.extend(theirs)
            weak.extend(unclear)
            if self._pain_rule:
                score = pain_score(sentence_text)
                if score is not None and score > self._pain_above:
                    hit = _Hit(self._pain_rule, frozenset(), frozenset())
                    if self._sentence_about_other(sentence):
                        other_hits.append(hit)
                    else:
                        self_hits.append(hit)
        hits, about_other = (self_hits, False) if self_hits else (other_hits, bool(other_hits))
        rule_ids = self._ordered({hit.rule for hit in hits})
        tier = self._rules[rule_ids[0]].tier if rule_ids else None
        clarify = None
        fired = set(rule_ids)
        rank = _TIER_RANK[tier] if tier else len(TIER_ORDER)
        for rule_id in self._ordered(set(weak)):
            candidate = self._rules[rule_id]
            if rule_id not in fired and _TIER_RANK[candidate.tier] < rank:
                if candidate.tier in _RED_FLAG_TIERS:
                    clarify = rule_id
                    break
        return TriageResult(tier, rule_ids, clarify, about_other)

    # ------------------------------------------------------------------ building

    def _add_term(self, text: str, *, phrase: bool) -> int:
        words = tuple(normalize(text).split())
        if not words:
            raise ValueError(f"empty phrase {text!r}")
        words = tuple(self._apply_inability_static(list(words)))
        key = (words, phrase)
        if key in self._term_ids:
            return self._term_ids[key]
        optional_ok = phrase and len(words) >= 3
        required = tuple(not (optional_ok and w in _FUNCTION_WORDS) for w in words)
        if not any(required):
            required = tuple(True for _ in words)
        first = required.index(True)
        if phrase:
            max_step, max_gap = 3, 2 + sum(1 for r in required if not r)
        else:
            max_step, max_gap = 1, 1
        negation_at = tuple(i for i, w in enumerate(words) if w in self._negation_words)
        term = _Term(len(self._terms), words, required, max_step, max_gap, negation_at, first)
        self._terms.append(term)
        self._term_ids[key] = term.index
        return term.index

    def _apply_inability_static(self, words: list[str]) -> list[str]:
        spans = self._inability.find(words)
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

    # ------------------------------------------------------------------ reading a sentence

    def _sentence(self, text: str) -> _Sentence:
        tokens: list[str] = []
        clause_of: list[int] = []
        comma_between: list[bool] = []
        clause = -1
        for piece in _COMMA_SPLIT.split(text):
            words = self._prepare(normalize(piece).split())
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
        return _Sentence(tokens, clause_of, count, separated)

    def _prepare(self, words: list[str]) -> list[str]:
        words = self._apply_inability_static(words)
        out: list[str] = []
        for index, word in enumerate(words):
            out.extend(self._split_merged(word))
            if word.isdigit() and 65 <= int(word) <= 120:
                before = words[index - 1] if index else ""
                after = words[index + 1] if index + 1 < len(words) else ""
                if before in _AGE_WORD_BEFORE or after in _AGE_WORD_AFTER:
                    out.append(_AGE_MARKER)
        return out

    def _split_merged(self, word: str) -> tuple[str, ...]:
        """'birddog' -> ('bird', 'dog') when both halves are rule words."""
        cached = self._split_cache.get(word)
        if cached is not None:
            return cached
        result: tuple[str, ...] = (word,)
        if len(word) >= 6 and word not in self._known:
            for cut in range(3, len(word) - 2):
                left, right = word[:cut], word[cut:]
                if left in self._vocab_set and right in self._vocab_set:
                    result = (left, right)
                    break
        if len(self._split_cache) < 50_000:
            self._split_cache[word] = result
        return result

    def _lookup(self, word: str) -> frozenset[str]:
        """Rule words this message word stands for: itself, or the words it is a typo of."""
        cached = self._lookup_cache.get(word)
        if cached is not None:
            return cached
        found: set[str] = {word}
        if word not in self._known and len(word) >= 4 and word.isalpha():
            for candidate, distance, _ in process.extract(
                word, self._fuzzy_vocab, scorer=OSA.distance, score_cutoff=2, limit=None
            ):
                if _typo_ok(word, candidate, distance):
                    found.add(candidate)
        result = frozenset(found)
        if len(self._lookup_cache) < 50_000:
            self._lookup_cache[word] = result
        return result

    def _assess_sentence(self, s: _Sentence) -> tuple[list[_Hit], list[_Hit], list[str]]:
        tokens = s.tokens
        matches = [self._lookup(word) for word in tokens]
        present: set[str] = set().union(*matches)
        occurrences = self._occurrences(s, matches, present)
        negated = self._negated(s, occurrences)

        subjects = self._subjects(s)
        hypothetical = self._hypothetical_clauses(s)
        general = self._general_clauses(s)

        def ok(term: int) -> list[_Occurrence]:
            return [o for o in occurrences.get(term, ()) if o not in negated]

        hits: list[_Hit] = []
        for compiled in self._compiled:
            unless_clauses = {o.clause for t in compiled.unless for o in ok(t)}
            found: list[_Hit] = []
            for term in compiled.phrases:
                for occ in ok(term):
                    if occ.clause not in unless_clauses:
                        found.append(
                            _Hit(
                                compiled.rule.id, frozenset(occ.positions), frozenset({occ.clause})
                            )
                        )
            if compiled.groups:
                found.extend(self._all_of(compiled, s, ok, unless_clauses))
            hits.extend(found)

        mine: list[_Hit] = []
        theirs: list[_Hit] = []
        for hit in hits:
            tier = self._rules[hit.rule].tier
            is_general = all(c in general for c in hit.clauses)
            if is_general and tier not in _RED_FLAG_TIERS:
                continue
            is_self = any(subjects[c] for c in hit.clauses) and not any(
                c in hypothetical for c in hit.clauses
            )
            if is_self and not is_general:
                mine.append(hit)
            else:
                theirs.append(hit)

        covered = {p for hit in hits for p in hit.positions}
        weak: list[str] = []
        for compiled in self._compiled:
            unless_clauses = {o.clause for t in compiled.unless for o in ok(t)}
            for term in compiled.clarify:
                for occ in ok(term):
                    c = occ.clause
                    if c in unless_clauses or not subjects[c] or c in hypothetical:
                        continue
                    if c in general or covered.intersection(occ.positions):
                        continue
                    weak.append(compiled.rule.id)
        return mine, theirs, weak

    def _occurrences(
        self, s: _Sentence, matches: list[frozenset[str]], present: set[str]
    ) -> dict[int, list[_Occurrence]]:
        result: dict[int, list[_Occurrence]] = {}
        n = len(s.tokens)
        for word in present:
            for term_id in self._by_first.get(word, ()):
                term = self._terms[term_id]
                if not all(t in present for t, r in zip(term.tokens, term.required) if r):
                    continue
                first_word = term.tokens[term.first]
                for start in range(n):
                    if first_word in matches[start]:
                        occ = _align(term, matches, s.clause_of, start)
                        if occ is not None:
                            result.setdefault(term_id, []).append(occ)
        return result

    def _negated(self, s: _Sentence, occurrences: dict[int, list[_Occurrence]]) -> set[_Occurrence]:
        tokens = s.tokens
        pseudo = {p for start, end in self._pseudo.find(tokens) for p in range(start, end + 1)}
        cue_spans = [
            (start, end)
            for start, end in self._negation.find(tokens)
            if not any(p in pseudo for p in range(start, end + 1))
        ]
        all_occ = [occ for occs in occurrences.values() for occ in occs]
        consumed: set[int] = set()
        for occ in all_occ:
            term = self._terms[occ.term]
            if not term.negation_at:
                continue
            if self._followed_by_sibling(occ, all_occ, tokens):
                continue
            consumed.update(occ.slots[i] for i in term.negation_at if occ.slots[i] >= 0)
        cue_spans = [
            span
            for span in cue_spans
            if not any(p in consumed for p in range(span[0], span[1] + 1))
        ]
        normal_spans = [
            (start, end)
            for start, end in self._normal.find(tokens)
            if not (start > 0 and tokens[start - 1] in ("not", "no", "never"))
        ]
        negated: set[_Occurrence] = set()
        for occ in all_occ:
            own = set(occ.positions)
            for start, end in cue_spans:
                if s.clause_of[start] != occ.clause or start in own:
                    continue
                if end < occ.start:
                    if occ.start - end > 6:
                        continue
                    between = tokens[end + 1 : occ.start]
                    if any(word in self._negation_end for word in between):
                        continue
                    negated.add(occ)
                    break
                if start < occ.end and start > occ.start:
                    negated.add(occ)
                    break
            else:
                for start, end in normal_spans:
                    if s.clause_of[start] != occ.clause:
                        continue
                    if occ.start - 2 <= end < occ.start or occ.end < start <= occ.end + 2:
                        negated.add(occ)
                        break
        return negated

    def _followed_by_sibling(
        self, occ: _Occurrence, all_occ: list[_Occurrence], tokens: list[str]
    ) -> bool:
        siblings = self._siblings.get(occ.term, set())
        for other in all_occ:
            if other is occ or other.clause != occ.clause or other.start <= occ.end:
                continue
            if other.term in siblings and not self._terms[other.term].negation_at:
                if other.start - occ.end > 6:
                    continue
                between = tokens[occ.end + 1 : other.start]
                if not any(word in self._negation_end for word in between):
                    return True
        return False

    def _all_of(self, compiled: _CompiledRule, s: _Sentence, ok, unless_clauses) -> list[_Hit]:
        per_group = []
        for group in compiled.groups:
            occs = [o for t in group for o in ok(t)]
            if not occs:
                return []
            per_group.append(occs)
        hits: list[_Hit] = []
        scopes = [(c,) for c in range(s.clause_count)]
        scopes += [(c, c + 1) for c in range(s.clause_count - 1)]
        for scope in scopes:
            if any(c in unless_clauses for c in scope):
                continue
            choices = [[o for o in occs if o.clause in scope] for occs in per_group]
            if not all(choices):
                continue
            combos = 0
            for combo in product(*choices):
                combos += 1
                if combos > 200:
                    break
                positions = [set(o.positions) for o in combo]
                if any(
                    positions[i] & positions[j]
                    for i in range(len(positions))
                    for j in range(i + 1, len(positions))
                ):
                    continue
                start = min(o.start for o in combo)
                end = max(o.end for o in combo)
                if end - start > 12:
                    continue
                hits.append(
                    _Hit(
                        compiled.rule.id,
                        frozenset().union(*positions),
                        frozenset(o.clause for o in combo),
                    )
                )
                break
        return hits

    # ------------------------------------------------------------------ who and when

    def _subjects(self, s: _Sentence) -> list[bool]:
        """Per clause: True when it is about the user."""
        tokens = s.tokens
        other_spans = self._other_person.find(tokens)
        in_other = {p for start, end in other_spans for p in range(start, end + 1)}
        self_clauses = {
            s.clause_of[i]
            for i, word in enumerate(tokens)
            if word in self._self_words and i not in in_other
        }
        other_clauses = {s.clause_of[start] for start, _ in other_spans}
        if not self_clauses:
            other_clauses |= {
                s.clause_of[i] for i, word in enumerate(tokens) if word in self._other_pronoun
            }
        subjects: list[bool] = []
        current = True
        for clause in range(s.clause_count):
            if clause in self_clauses:
                current = True
            elif clause in other_clauses:
                current = False
            subjects.append(current)
        return subjects

    def _sentence_about_other(self, s: _Sentence) -> bool:
        subjects = self._subjects(s)
        hypothetical = self._hypothetical_clauses(s)
        return not any(subjects) or bool(hypothetical)

    def _hypothetical_clauses(self, s: _Sentence) -> set[int]:
        spans = self._hypothetical.find(s.tokens)
        if not spans or self._actual.find(s.tokens):
            return set()
        first = min(s.clause_of[start] for start, _ in spans)
        return set(range(first, s.clause_count))

    def _general_clauses(self, s: _Sentence) -> set[int]:
        spans = self._general.find(s.tokens)
        if not spans:
            return set()
        in_cue = {p for start, end in spans for p in range(start, end + 1)}
        in_cue |= {
            p for start, end in self._other_person.find(s.tokens) for p in range(start, end + 1)
        }
        personal = {
            s.clause_of[i]
            for i, word in enumerate(s.tokens)
            if word in self._self_words and i not in in_cue
        }
        return {s.clause_of[start] for start, _ in spans} - personal

    def _ordered(self, rule_ids: set[str]) -> tuple[str, ...]:
        order = {c.rule.id: c.order for c in self._compiled}
        return tuple(sorted(rule_ids, key=lambda r: (_TIER_RANK[self._rules[r].tier], order[r])))


def _typo_ok(word: str, candidate: str, distance: float) -> bool:
    """Length-aware typo tolerance: short words must be exact."""
    size = len(candidate)
    if size < 5 or abs(len(word) - size) > 2:
        return False
    if word[0] != candidate[0] and word[:2] != candidate[1::-1]:
        return False
    if distance <= 1:
        return True
    return distance <= 2 and size >= 8 and len(word) >= 7


def _align(term: _Term, matches: list[frozenset[str]], clause_of: list[int], start: int):
    """Match the term's words in order from `start`, within one clause, allowing a few extras."""
    clause = clause_of[start]
    n = len(matches)
    positions = [start]
    slots = [-1] * len(term.tokens)
    slots[term.first] = start
    gap = 0
    pos = start + 1
    for j in range(term.first + 1, len(term.tokens)):
        word = term.tokens[j]
        found = None
        for q in range(pos, min(pos + term.max_step + 1, n)):
            if clause_of[q] != clause:
                break
            if word in matches[q]:
                found = q
                break
        if found is None:
            if term.required[j]:
                return None
            continue
        gap += found - pos
        if gap > term.max_gap:
            if term.required[j]:
                return None
            gap -= found - pos
            continue
        positions.append(found)
        slots[j] = found
        pos = found + 1
    return _Occurrence(term.index, start, positions[-1], tuple(positions), clause, tuple(slots))
