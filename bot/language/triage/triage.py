"""Safety triage: finds red flags and pain reports in a user's message.

A missed red flag is the worst error, a false alarm the second worst. The rules and word lists
live in knowledge/<lang>/safety.yaml; this module only knows how to read a message:

1. The text is cut into sentences (. ! ? ; :) and clauses (commas and clause-break words), and
   every clause is normalised by `bot.language.text.normalize`.
2. Every word is looked up in the vocabulary of the rules, typo-tolerantly for words of five
   letters or more (optimal string alignment distance 1, or 2 from eight letters), unless the
   word is itself a known word ("ladder" is not a typo of "bladder"), and through its
   inflections ("pooing" finds "poo", "pull" finds "pulled"; a singular never finds a plural).
3. Rule phrases are aligned word by word (small words optional, a few extra words allowed);
   `all_of` groups must all be present in one clause or two neighbouring clauses.
4. NegEx-style negation: a negation cue before a symptom in the same clause cancels it, unless a
   terminator ("i", "then", ...) lies between. Negations that are part of a symptom ("no feeling
   in my legs") are consumed by it.
5. Each clause is about the user, about someone else, hypothetical or a general question; only
   the user's own symptoms raise the alarm, the rest set `about_other`. After a parenthesis a
   sentence goes on about whoever it was about before it.
6. Weak signals make the caller ask a yes/no question instead of alarming: a bare "numb"
   (`clarify`), red-flag territory without a rule firing (`clarify_all_of`: "weird" + "groin"),
   and a match next to a likely harmless reason (`soften`, or an `unless` word away from the
   symptom: "numb bum after a long bike ride").

The module has no Telegram import and builds all indexes once, in `Triage.__init__`.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import product

from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

from bot.content.safety_models import SafetyContent, SafetyRule
from bot.language.dialect import current
from bot.language.memo import per_text
from bot.language.pain_rating import pain_score
from bot.language.text import clean_unicode, normalize
from bot.language.triage.ages import AgeReader, with_markers
from bot.language.triage.by_length import ByLength
from bot.language.triage.crisis import CrisisScreen
from bot.language.triage.neighbours import Neighbours
from bot.model.tiers import HOLD_TIERS
from bot.model.tiers import rank as tier_rank

_RED_FLAG_TIERS = frozenset(HOLD_TIERS)
_ASKED_PAIN_TIERS = frozenset({"stop", "soreness"})
"""Pain tiers that count inside a question too; daily pain in a question is left to the FAQ."""
_SENTENCE_END = re.compile(r"[.!?;\n]+")
CRISIS_ID = "crisis"
"""The rule id recorded for a crisis (its phrases are in safety.yaml `crisis`)."""

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
_COMMON_WORDS_TEXT = """
    accents aces arches arching arise arises awaken awoke backing badder batter bearing bell
    bellow bitter blocking blow bonds bonus bottle bottles breadth breaths brides bunch butter
    cash cashing cattle changes cheat cheese chess chill chilly claims clamps coarse cones
    consent content consultant cram creamy curing curse daring differently digging dipping
    drank drink dripping drops dowel electrical electronic eight extreme faces fare fares fees
    feed feel feels fewer filling finishes fiver font food fool fueling glue gluten grain grin
    groan grown half hear heat hearty heals hells hill hills hose jolly jump kills knew ladder
    ladders lamps larder lead leading lean leaning leap leaving lever levers liver lived lounge
    makers males messes missed moth never naval noting novel opened paint painted painter
    paints paler pans passes pats peeking peeling peering pens pension pint pints plan plans
    plant plants plates poking popped popping ports pouring powder precious pump raised raising
    rally reaction reduces removes rise rises river sailed sand seats seed seep shade shaped
    share shared shine shirt shore shot shots shouts shouting singing sipping skipped skipping
    slapped slides slips slipping sock sort spelling speeding spins spoiled staff stain stall
    star stars starting starts steam steady stepped stitches stooped strand streak strengthen
    stuff survive survived swaying swearing tables tapping telling things thinks three throw
    tied tipped tipping tires topping towel towels track trailing trapped trick tried tuck
    tying vowel vowels waiter wake water weekend weeping weigh whole wide wine wire wise wore
    yelling ares beta clod dose form god juts lats lien lots mas pas pis pop resp tel wed
    saying crush sell selling sells smelling dwelling talking rising wells wills feature
    concert concerts story store fight dive driven drove pace palace layer late alter latter
    lather lager part through thought tough bride waving warming west career cater char choir
    small nose noisy setting sucking stacks stocks stocking raving racking finer emotion
    frequent sweat flood flour mighty chile classy touched moaning waning watery wafer wager
    hinds tanks tales takers camps cameo cared combing crass cress crows claws liter lisp
    logged lugged lagged kickers knocker holing spitting sifting siting slitting resents
    resides patents meteors metros palates tits undersea wordy woks worms dink derive drivel
    hags plaice pulls compassion compressing frailty biological biologist emptier empties
    soothing smoothing sheeting shooing
    addition bade bailing barley bathing bats batting battle bears beast beasts bells bets
    betting bills blacks blares blasting block bloody boast boasting boating boats bond bonded
    boner boot boots bottled boxes brats breathes bucks bugger bulls bumper bums bust busting
    butting caller calls capped carp carriage carved cary casts chanting cheeky claiming
    clapping clinging collared compete competed constructed construction contingency contracted
    cooked costs county cunt cured curry ding diving dong drilling dying earl elegant explore
    explored explorer exposed fail faked farmer figuring filly fling flipping flips floods
    folly formed freeing grappling greed grilling groping growling herd hoard imported
    importing improvised invasion keeping lads leads lest louse mars mastery meddle methane
    needing officer outsider oversight painting paintings palate panting partly paste pasture
    patty planting plugged postage procure prosper public puff punch punched puss ranging
    rating researcher roller sage sales scoffs self sending senor shaft shes shirts shitting
    shoo shores shout shows shutting sift sight sing sings sins skimming slop slumming snack
    snakes snare sniffing snorting snorts snowed solves soot sores sorts stack stag stained
    staring state sticky stingy stint stock stranded string strings struck strung stun stunt
    suck suing sung surfing swat swear sweet tack tang taunt teaching thorough threat tickled
    tickles tips toot topped traps triad tricked trough tumbling tuned unsuitable wait waits
    weighed weighs whiter widow wong wring
"""
_COMMON_WORDS = frozenset(_COMMON_WORDS_TEXT.split())
"""Common English words one or two typos away from a rule word: taken as written, never as a
typo ("ladder" is not "bladder", "never" is not "fever"). Found by checking a dictionary against
the rule vocabulary; extend it when a new rule word collides with an everyday word."""

# Words whose singular and plural mean different things to the rules ("leg" is not "legs", "a
# bit numb" is not "my bits"): never matched through an inflection.
_NO_INFLECTION_TEXT = """
    leg legs thigh thighs knee knees calf calves side sides bit bits toe toes hand hands arm arms
    cheek cheeks buttock buttocks finger fingers
"""
_NO_INFLECTION = frozenset(_NO_INFLECTION_TEXT.split())
_SUFFIXES = ("ings", "ing", "edly", "ed", "es", "s")
_CONSONANT_PAIR = re.compile(r"([b-df-hj-np-tv-z])\1$")


def _stems(word: str) -> tuple[str, ...]:
    """What an inflected word may come from: "tingling" -> tingl, tingle; "dragging" -> drag;
    "pooing" -> poo; "spine" -> spine (not "spin"). Two words that share one are forms of
    the same word."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            undoubled = _CONSONANT_PAIR.sub(r"\1", base)
            if undoubled != base:
                return (base, undoubled)  # "pulled" -> "pull"; "dragging" -> "drag"
            if base.endswith("e") or suffix == "s":
                return (base,)
            return (base, base + "e")  # "tingling" -> "tingl" or "tingle"
    return (word,)


_FEEL_WORDS = frozenset({"feel", "felt", "feeling", "feels"})
_FILLERS = frozenset({"a", "any", "much", "the", "too", "so", "that"})

_SENTENCE_SPLIT = re.compile(r"([.!?;:]+(?!\d)|\n|[()\[\]{}])")
_COMMA_SPLIT = re.compile(r",(?!\d)|\s[-–—]+\s")

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
    other_person: bool = False
    """The red flag is someone else's, told as a fact (not hypothetical, not a general
    question): the caller alarms when it is happening now."""
    clarify_rules: tuple[str, ...] = ()
    """Every unclear red flag, highest first: the caller asks about each before reassuring."""


# ---------------------------------------------------------------------------- internals


@dataclass(frozen=True, slots=True)
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


@dataclass
class _CompiledRule:
    rule: SafetyRule
    order: int
    phrases: Sequence[int] = field(default_factory=list)
    groups: Sequence[Sequence[int]] = field(default_factory=list)
    clarify: Sequence[int] = field(default_factory=list)
    unless: Sequence[int] = field(default_factory=list)
    clarify_unless: Sequence[int] = field(default_factory=list)
    clarify_groups: Sequence[Sequence[int]] = field(default_factory=list)
    soften: Sequence[int] = field(default_factory=list)
    """Term numbers: lists while the screen is built, arrays after (Triage._pack)."""
    term_set: frozenset[int] = frozenset()


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


class CueSet:
    def __init__(self, phrases: list[str]):
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        self._literal: dict[tuple[str, ...], frozenset[str]] = {}
        """The words each cue needs besides its stars: a cue with one missing is not tried."""
        for phrase in phrases:
            words = tuple(_star_split(phrase))
            if not words or words[0] == "*":
                continue
            self.by_first.setdefault(words[0], []).append(words)
            self._literal[words] = frozenset(words) - {"*"}

    def find(self, tokens: list[str]) -> list[tuple[int, int]]:
        """(start, end) inclusive spans of every cue match.

        Only cues whose every word is in the sentence are tried: a long message repeating one
        cue's first word ("my back hurts my back hurts …") would otherwise try every cue
        starting with it at every repeat."""
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


def _star_split(phrase: str) -> list[str]:
    words: list[str] = []
    for part in re.split(r"(\*)", phrase):
        if part == "*":
            words.append("*")
        elif part.strip():
            words.extend(normalize(part).split())
    return words


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


class _TermNumbers:
    """A set of term numbers, kept as a sorted array: membership by bisection."""

    __slots__ = ("numbers",)

    def __init__(self, numbers: Iterable[int] = ()):
        self.numbers = array("I", sorted(set(numbers)))

    def __contains__(self, number: object) -> bool:
        at = bisect_left(self.numbers, number)
        return at < len(self.numbers) and self.numbers[at] == number

    def __getstate__(self) -> array:
        return self.numbers

    def __setstate__(self, numbers: array) -> None:
        self.numbers = numbers


_NO_TERMS = _TermNumbers()


class _EitherSet:
    """Membership in either of two sets, without a third set holding both."""

    __slots__ = ("first", "second")

    def __init__(self, first: frozenset[str] | set[str], second: frozenset[str]):
        self.first, self.second = first, second

    def __contains__(self, word: object) -> bool:
        return word in self.first or word in self.second

    def __getstate__(self) -> tuple:
        return self.first, self.second

    def __setstate__(self, state: tuple) -> None:
        self.first, self.second = state


class Triage:
    def __init__(self, content: SafetyContent, exercise_names: tuple[str, ...] = ()):
        """`exercise_names`: the programme's exercise names and aliases, which place pain in an
        exercise as surely as the word "exercise" does."""
        self.content = content
        self._rules = {rule.id: rule for rule in content.rules}
        self._exercise_context = CueSet([*content.cues.exercise_context, *exercise_names])
        self._daily_context = CueSet(content.cues.daily_context)
        self._now = CueSet(content.cues.other_now)
        self._resolved = CueSet(content.cues.resolved)
        self.daily_rule = next((r.id for r in content.rules if r.tier == "daily_pain"), None)
        self.crisis = CrisisScreen(
            content.crisis,
            content.cues.other_person,
            content.cues.other_pronoun,
            content.cues.self_words,
        )
        lexicon = content.crisis
        self._crisis_near = Neighbours.of_texts(
            CRISIS_ID, lexicon.exemplars, lexicon.exemplar_threshold
        )
        cues = content.cues
        self._negation = CueSet(cues.negation)
        # single negation words, as they appear inside symptoms ("no feeling", "not peed")
        self._negation_words = {
            normalize(phrase) for phrase in cues.negation if len(normalize(phrase).split()) == 1
        }
        self._pseudo = CueSet(cues.pseudo_negation)
        self._negation_end = {w for phrase in cues.negation_end for w in normalize(phrase).split()}
        self._list_or = {w for phrase in cues.list_or for w in normalize(phrase).split()}
        self._normal = CueSet(cues.normal)
        self._inability = CueSet(cues.inability)
        self._breaks = CueSet(cues.clause_breaks)
        self._self_words = {w for phrase in cues.self_words for w in normalize(phrase).split()}
        # "my husband" also matches "my 80 year old husband"
        self._other_person = CueSet(
            [*cues.other_person]
            + [
                f"{p.split()[0]} * {' '.join(p.split()[1:])}"
                for p in cues.other_person
                if len(p.split()) > 1 and p.split()[0].lower() in cues.self_words
            ]
        )
        self._other_pronoun = {w for p in cues.other_pronoun for w in normalize(p).split()}
        self._subject_pronouns = frozenset(normalize(p) for p in cues.subject_pronouns)
        self._hypothetical = CueSet(cues.hypothetical)
        self._general = CueSet(cues.general)
        self._actual = CueSet(cues.actual)
        self._question_words = {w for p in cues.question_words for w in normalize(p).split()}
        self._not_felt = CueSet(cues.not_felt)
        self._long_ago = CueSet(cues.long_ago)
        self._all_denied = CueSet(cues.all_denied)
        self._answer_no = CueSet(cues.answer_no)
        self._animals = CueSet(cues.animals)
        self._ages = AgeReader(
            [normalize(w) for w in cues.age_before], [normalize(w) for w in cues.age_after]
        )
        self._message_wide = [
            (rule.id, [CueSet(group) for group in rule.all_of])
            for rule in content.rules
            if rule.message_wide
        ]

        self._terms: list[_Term] = []
        self._term_ids: dict[tuple[tuple[str, ...], bool], int] = {}
        self._compiled: list[_CompiledRule] = []
        for order, rule in enumerate(content.rules):
            compiled = _CompiledRule(rule=rule, order=order)
            compiled.phrases = [self._add_term(p, phrase=True) for p in rule.phrases]
            compiled.groups = [
                [self._add_term(t, phrase=False) for t in g]
                for g in (() if rule.message_wide else rule.all_of)  # read over the message
            ]
            compiled.clarify = [self._add_term(p, phrase=True) for p in rule.clarify]
            compiled.unless = [self._add_term(p, phrase=True) for p in rule.unless]
            compiled.clarify_unless = [self._add_term(p, phrase=True) for p in rule.clarify_unless]
            compiled.clarify_groups = [
                [self._add_term(t, phrase=False) for t in g] for g in rule.clarify_all_of
            ]
            compiled.soften = [
                self._add_term(p, phrase=True) for p in (*rule.soften, *content.cues.soften)
            ]
            compiled.term_set = frozenset(
                [
                    *compiled.phrases,
                    *compiled.clarify,
                    *(t for g in compiled.groups for t in g),
                    *(t for g in compiled.clarify_groups for t in g),
                ]
            )
            self._compiled.append(compiled)
        self._by_first: dict[str, list[int]] = {}  # arrays after _pack
        for term in self._terms:
            self._by_first.setdefault(term.tokens[term.first], []).append(term.index)
        # Terms sharing an all_of group: a negated term ("do not feel") followed by one of its
        # siblings ("numbness") is a negation of that sibling, not a symptom.
        # Most terms have the same siblings as the rest of their rule: one shared set for them.
        groups: list[list[int]] = []
        groups_of: dict[int, list[int]] = {}
        for compiled in self._compiled:
            for group in [
                *compiled.groups,
                *compiled.clarify_groups,
                compiled.phrases,
                compiled.clarify,
            ]:
                for term in group:
                    groups_of.setdefault(term, []).append(len(groups))
                groups.append(group)
        # Each shared set as sorted term numbers in an array: a tenth of a frozenset of ints.
        shared: dict[tuple[int, ...], _TermNumbers] = {}
        self._siblings: list[_TermNumbers] = [_NO_TERMS] * len(self._terms)
        for term, indexes in groups_of.items():
            key = tuple(indexes)
            if key not in shared:
                shared[key] = _TermNumbers(t for index in key for t in groups[index])
            self._siblings[term] = shared[key]

        self._vocab = sorted({token for term in self._terms for token in term.tokens})
        vocab_set = set(self._vocab)
        # Inflections: "pooing" stands for "poo", "pull" for "pulled", "tingled" for "tingle".
        self._by_stem: dict[str, set[str]] = {}  # sorted tuples after _pack
        for word in self._vocab:
            if word.isalpha() and len(word) >= 3:
                for stem in _stems(word):
                    self._by_stem.setdefault(stem, set()).add(word)
        self._fuzzy_vocab = ByLength(word for word in self._vocab if len(word) >= 5)
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
        # A language's frequent words are meant as typed, never a rule word's typo ("nice" is
        # not "niece", "swears" not "sweats"). Read from the dialect's own set, not copied: for
        # English that list is tens of thousands of words, shared with the matcher.
        self._known = _EitherSet(vocab_set | cue_words | _COMMON_WORDS, current().common_words)
        self._vocab_set = vocab_set
        # Four-letter rule words get a narrower typo tolerance: a doubled letter typed once
        # ("fel" for "feel") or two inner letters swapped ("lgs" no, "lges" yes).
        self._short_typos: dict[str, set[str]] = {}  # sorted tuples after _pack
        for word in self._vocab:
            if len(word) != 4 or not word.isalpha():
                continue
            variants = {word[:i] + word[i + 1 :] for i in range(1, 4) if word[i] == word[i - 1]}
            # "ck" typed as "k" ("bak" for "back", "nek" for "neck"), unless that is a word of
            # the language the screen reads: Norwegian "bak" (behind) is never "back".
            variants |= {word.replace("ck", "k")}
            variants |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in (1, 2)}
            for variant in variants - {word}:
                if variant not in self._known:
                    self._short_typos.setdefault(variant, set()).add(word)
        self._pack()
        self._lookup_cache: dict[str, frozenset[str]] = {}
        self._split_cache: dict[str, tuple[str, ...]] = {}
        self._pain_rule = content.pain_score.rule if content.pain_score else None
        self._pain_above = content.pain_score.above if content.pain_score else 10
        del self._term_ids  # only for deduplicating terms while building (about 1 MB)

    def _pack(self) -> None:
        """The indexes as they are read, in compact form: term numbers in arrays (no int object
        each), a handful of words in a sorted tuple (no set each). Same members, same order
        where order is read (rule terms), so every message is read as before."""
        for compiled in self._compiled:
            for name in ("phrases", "clarify", "unless", "clarify_unless", "soften"):
                setattr(compiled, name, array("I", getattr(compiled, name)))
            compiled.groups = [array("I", group) for group in compiled.groups]
            compiled.clarify_groups = [array("I", group) for group in compiled.clarify_groups]
        self._by_first = {word: array("I", terms) for word, terms in self._by_first.items()}
        self._by_stem = {stem: tuple(sorted(words)) for stem, words in self._by_stem.items()}
        self._short_typos = {
            variant: tuple(sorted(words)) for variant, words in self._short_typos.items()
        }

    # ------------------------------------------------------------------ public API

    def _sentences_without_figures(self, text: str) -> str:
        """Each sentence of four words or more normalised, figures of speech out, sentences kept
        apart. Shorter sentences ("Continue?") share too few letters to be judged by likeness."""
        sentences = (self.crisis.without_figures(s) for s in _SENTENCE_END.split(text))
        return ". ".join(s for s in sentences if len(s.split()) >= 4)

    def rule(self, rule_id: str) -> SafetyRule:
        return self._rules[rule_id]

    @per_text
    def assess(self, text: str) -> TriageResult:
        crisis = self.crisis.find(text)
        if crisis is not None:
            other = self.crisis.about_other(crisis)
            return TriageResult("crisis", (CRISIS_ID,), None, other, other)
        if self._crisis_near.nearest(self._sentences_without_figures(text)):
            # No phrase lined up, but a sentence reads like a crisis message: a warm reply with
            # the crisis line costs little when wrong; silence costs a great deal.
            return TriageResult("crisis", (CRISIS_ID,), None, False, False)
        self._other_facts: list[_Hit] = []
        raw = clean_unicode(text)
        self_hits: list[_Hit] = []
        other_hits: list[_Hit] = []
        weak: list[str] = []
        pieces = _SENTENCE_SPLIT.split(raw)
        # "my client (I'm a PT) has saddle numbness": after a parenthesis the sentence goes on
        # about whoever it was about before it.
        before_aside: bool | None = None
        asked: tuple[int, int] | None = None
        """Where the last sentence's hits begin, when it was a question ("Numb bum?")."""
        for index in range(0, len(pieces), 2):
            sentence_text = pieces[index]
            opening = pieces[index - 1] if index else ""
            ending = pieces[index + 1] if index + 1 < len(pieces) else ""
            if not sentence_text.strip():
                continue
            sentence = self._sentence(sentence_text)
            if not sentence.tokens:
                continue
            start = True
            if ")" in opening and before_aside is not None:
                start, before_aside = before_aside, None
            subjects = self._subjects(sentence, start)
            if "(" in ending and ")" not in ending:
                before_aside = subjects[-1]
            question = "?" in ending or sentence.tokens[0] in self._question_words
            mine, theirs, unclear = self._assess_sentence(sentence, question, subjects)
            if asked is not None and self._answers_no(sentence_text):
                # "Numb bum? No.": the question just before is answered no; what the answer
                # itself goes on to say still counts ("No, but my legs are weak").
                del self_hits[asked[0] :], other_hits[asked[1] :]
            asked = (len(self_hits), len(other_hits)) if "?" in ending else None
            self_hits.extend(mine)
            other_hits.extend(theirs)
            weak.extend(unclear)
            if self._all_denied.find(sentence.tokens):
                # "No to all three": every sign named so far is answered no. What follows the
                # answer still counts ("no, no and no, but now my legs are weak").
                self_hits, other_hits = [], []
                self._other_facts.clear()
                continue
            if self._pain_rule and not question:
                score = pain_score(sentence_text)
                if score is not None and score > self._pain_above:
                    hit = _Hit(self._pain_rule, frozenset(), frozenset())
                    if not self._sentence_about_other(sentence, subjects):
                        self_hits.append(hit)
        best_own = min((tier_rank(self._rules[h.rule].tier) for h in self_hits), default=99)
        best_other = min((tier_rank(self._rules[h.rule].tier) for h in other_hits), default=99)
        if self_hits and best_own <= best_other:
            hits, about_other = self_hits, False
        else:
            # Someone else's red flag outranks pain advice in the same message.
            hits, about_other = other_hits, bool(other_hits)
        rule_ids = self._pain_kind(raw, self._ordered({hit.rule for hit in hits}))
        tier = self._rules[rule_ids[0]].tier if rule_ids else None
        fired = set(rule_ids)
        rank = tier_rank(tier)
        unclear = tuple(
            rule_id
            for rule_id in self._ordered(set(weak))
            if rule_id not in fired
            and tier_rank(self._rules[rule_id].tier) < rank
            and self._rules[rule_id].tier in _RED_FLAG_TIERS
        )
        clarify = unclear[0] if unclear else None
        if unclear and tier == "daily_pain":
            # No reassurance before the screening questions: ask first.
            tier, rule_ids = None, ()
        if tier in (None, "daily_pain") and not about_other:
            wide = self._message_wide_rules(raw)
            if wide:
                # "I'm 71. Never had a bad back. Now it aches daily": apart, but one report.
                rule_ids = self._ordered({*wide, *rule_ids})
                tier = self._rules[rule_ids[0]].tier
        if tier == "daily_pain" and self._said_over(normalize(raw).split()):
            # "Sore last week, all gone now": everyday pain told as over needs no advice.
            return TriageResult(None, (), None, False)
        if tier in _RED_FLAG_TIERS and self._told_as_over(raw, tier, rule_ids):
            # Told as over and resolved: ask the rule's question rather than alarm.
            return TriageResult(None, (), rule_ids[0], False)
        other_person = about_other and any(hit.rule in rule_ids for hit in self._other_facts)
        return TriageResult(tier, rule_ids, clarify, about_other, other_person, unclear)

    def _answers_no(self, sentence: str) -> bool:
        """The sentence, up to its first comma, is only an answer of no ("No.", "Nope, I sleep
        fine"), not a sentence that starts with the word ("No idea why it happened")."""
        head = normalize(sentence.split(",")[0]).split()
        return (0, len(head) - 1) in self._answer_no.find(head)

    def _message_wide_rules(self, raw: str) -> set[str]:
        """Rules whose groups all stand somewhere in the message, the last one (what is felt)
        not right after a negation; none in a message about someone else or told as over."""
        if not self._message_wide:
            return set()
        # Ages marked and word order mended, but compounds kept whole ("ryggtrøbbel"), as the
        # cues are written.
        words: list[str] = []
        for sentence in _SENTENCE_END.split(raw):
            # "|" ends a sentence: a negation before it denies nothing after it
            words += [*with_markers(self._subject_first(normalize(sentence).split()), self._ages)]
            words.append("|")
        if self._other_person.find(words) or self._said_over(words):
            return set()
        fired = set()
        for rule_id, groups in self._message_wide:
            *context, felt = groups
            spans = [group.find(words) for group in context]
            if not all(spans):
                continue
            inside = {p for found in spans for start, end in found for p in range(start, end + 1)}
            # "never had any back pain" names no pain felt: neither inside a context cue nor
            # within four words of a negation.
            if any(
                start not in inside
                and not self._negation_words
                & set(" ".join(words[max(0, start - 4) : start]).rpartition("|")[2].split())
                for start, _ in felt.find(words)
            ):
                fired.add(rule_id)
        return fired

    def _said_over(self, words: list[str]) -> bool:
        """A `resolved` cue not itself denied ("fine now", but not "no better now")."""
        return any(
            not self._negation_words & set(words[max(0, start - 2) : start])
            for start, _ in self._resolved.find(words)
        )

    def _told_as_over(self, raw: str, tier: str, rule_ids: tuple[str, ...]) -> bool:
        """The red flag is told as over: an urgent one resolved ("the infection cleared up"),
        an emergency resolved long ago ("cauda equina surgery in 2019, fully recovered"). A
        history flag stays when the message reports pain as well ("chemo years ago, all clear
        since, now a new ache in my back"): the history is what makes the new pain urgent."""
        words = normalize(raw).split()
        if not self._resolved.find(words):
            return False
        history = any(self._rules[r].past_counts for r in rule_ids if self._rules[r].tier == tier)
        if history and len(rule_ids) > 1:
            return False
        return tier == "urgent" or self.long_ago(words)

    def long_ago(self, words: list[str]) -> bool:
        """ "five years ago", "last spring", or a year before this one ("in 2015")."""
        if self._long_ago.find(words):
            return True
        this_year = date.today().year  # read here: a process runs across New Year
        return any(w.isdigit() and len(w) == 4 and 1950 <= int(w) < this_year for w in words)

    def names_exercise(self, text: str) -> bool:
        """The message places itself in an exercise ("during the plank", "in my session")."""
        return bool(self._exercise_context.find(normalize(text).split()))

    def happening_now(self, text: str) -> bool:
        """Someone else's red flag is happening now ("just fell", "tonight", "what do i do"),
        and the message does not say it is over."""
        words = normalize(text).split()
        return bool(self._now.find(words)) and not self._resolved.find(words)

    def _pain_kind(self, raw: str, rule_ids: tuple[str, ...]) -> tuple[str, ...]:
        """Pain has two meanings: with an exercise in the message it is `stop` (daily-pain rules
        are dropped); with daily life and no exercise, a stop rule's pain is daily pain."""
        if not rule_ids:
            return rule_ids
        tiers = {self._rules[r].tier for r in rule_ids}
        if not tiers & {"stop", "daily_pain"}:
            return rule_ids
        words = normalize(raw).split()
        if self._exercise_context.find(words):
            return tuple(r for r in rule_ids if self._rules[r].tier != "daily_pain")
        if not self._daily_context.find(words):
            return rule_ids  # no context either way: the pain rule keeps its own tier
        kept = [r for r in rule_ids if self._rules[r].tier != "stop"]
        if "daily_pain" not in {self._rules[r].tier for r in kept} and self.daily_rule:
            kept.append(self.daily_rule)
        return self._ordered(set(kept))

    # ------------------------------------------------------------------ building

    def _add_term(self, text: str, *, phrase: bool) -> int:
        words = tuple(normalize(text).split())
        if not words:
            raise ValueError(f"empty phrase {text!r}")
        words = tuple(self._apply_inability_static(list(words)))
        key = (words, phrase)
        if key in self._term_ids:
            return self._term_ids[key]
        content_words = sum(1 for w in words if w not in _FUNCTION_WORDS)
        optional_ok = phrase and len(words) >= 3 and content_words >= 2
        required = tuple(not (optional_ok and w in _FUNCTION_WORDS) for w in words)
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
        words = self._apply_inability_static(self._subject_first(words))
        out: list[str] = []
        for word in words:
            out.extend(self._split_merged(word))
        return with_markers(out, self._ages)

    def _subject_first(self, words: list[str]) -> list[str]:
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
        found.update(self._short_typos.get(word, ()))
        if word.isalpha() and len(word) >= 3 and word not in _NO_INFLECTION:
            plural = word.endswith("s")
            found |= {
                other
                for stem in _stems(word)
                for other in self._by_stem.get(stem, ())
                if other not in _NO_INFLECTION and (plural or not other.endswith("s"))
            }
        if word not in self._known and len(word) >= 4 and word.isalpha():
            for candidate, distance, _ in process.extract(
                word,
                self._fuzzy_vocab.near(len(word), 2),
                scorer=OSA.distance,
                score_cutoff=2,
                limit=None,
            ):
                if candidate in (word + "s", word + "es") and not word.endswith("s"):
                    continue  # "boil" is not a typo of "boils" ("numbnes" is of "numbness")
                if _typo_ok(word, candidate, distance):
                    found.add(candidate)
        result = frozenset(found)
        if len(self._lookup_cache) < 50_000:
            self._lookup_cache[word] = result
        return result

    def _assess_sentence(
        self, s: _Sentence, question: bool, subjects: list[bool]
    ) -> tuple[list[_Hit], list[_Hit], list[str]]:
        """The user's own hits, hits about others or hypothetical (red flags only), and the rules
        of weak signals. Stop and soreness only count for the user's own report: a question
        about them ("can I exercise in a flare-up?") is left to the FAQ."""
        tokens = s.tokens
        matches = [self._lookup(word) for word in tokens]
        present: set[str] = set().union(*matches)
        occurrences = self._occurrences(s, matches, present)
        if not occurrences:
            return [], [], []
        negators = self._negators(s, occurrences)
        all_occ = [occ for occs in occurrences.values() for occ in occs]

        hypothetical = self._hypothetical_clauses(s)
        general = self._general_clauses(s)

        hits: list[_Hit] = []
        weak_occ: list[_Hit] = []  # weak signals: the rule's question is worth asking
        for compiled in self._compiled:
            own_terms = compiled.term_set.intersection(occurrences)
            if not own_terms:
                continue
            consumed: set[int] = set()
            denials: set[_Occurrence] = set()  # "do not feel [any numbness]": not a symptom
            for term in own_terms:
                for occ in occurrences[term]:
                    if not self._terms[term].negation_at:
                        continue
                    if self._followed_by_sibling(occ, all_occ, tokens) or self._not_felt_after(
                        occ, tokens
                    ):
                        denials.add(occ)
                    else:
                        consumed.update(occ.slots[i] for i in self._terms[term].negation_at)
            consumed.discard(-1)

            def ok(term: int, consumed=consumed, denials=denials) -> list[_Occurrence]:
                if term not in occurrences:
                    return []
                found = []
                for occ in occurrences[term]:
                    if occ in denials:
                        continue
                    spans = negators.get(occ, ())
                    if any(span is None or not (span & consumed) for span in spans):
                        continue
                    found.append(occ)
                return found

            rule_occ = [o for t in own_terms for o in ok(t)]
            blocked: set[int] = set()
            cancelled: set[int] = set()
            for term in compiled.unless:
                for occ in ok(term):
                    spot = set(occ.positions)
                    if any(spot & set(o.positions) for o in rule_occ):
                        blocked |= spot
                    else:
                        cancelled.add(occ.clause)

            def usable(term: int, ok=ok, blocked=blocked, cancelled=cancelled):
                return [
                    o
                    for o in ok(term)
                    if o.clause not in cancelled and not blocked.intersection(o.positions)
                ]

            def unblocked(term: int, ok=ok, blocked=blocked):
                return [o for o in ok(term) if not blocked.intersection(o.positions)]

            rule_id = compiled.rule.id
            found: list[_Hit] = [
                _Hit(rule_id, frozenset(occ.positions), frozenset({occ.clause}))
                for term in compiled.phrases
                for occ in unblocked(term)
            ]
            if compiled.groups:
                found.extend(self._all_of(rule_id, compiled.groups, s, unblocked, own_terms))
            # A likely harmless reason in the clause ("after a long bike ride", or an `unless`
            # word away from the symptom): ask the rule's question instead of raising the alarm.
            softened = cancelled | {o.clause for t in compiled.soften for o in ok(t)}
            for hit in found:
                (weak_occ if hit.clauses & softened else hits).append(hit)
            quiet = {o.clause for t in compiled.clarify_unless for o in ok(t)}
            weak_occ.extend(
                _Hit(rule_id, frozenset(occ.positions), frozenset({occ.clause}))
                for term in compiled.clarify
                for occ in usable(term)
                if occ.clause not in quiet
            )
            if compiled.clarify_groups:
                weak_occ.extend(
                    hit
                    for hit in self._all_of(rule_id, compiled.clarify_groups, s, usable, own_terms)
                    if not hit.clauses & quiet
                )

        mine: list[_Hit] = []
        theirs: list[_Hit] = []
        others = self._other_facts
        animal = self._animal_clauses(s)
        for hit in hits:
            if hit.clauses <= animal:
                continue  # a pet's back legs are for a vet
            red_flag = self._rules[hit.rule].tier in _RED_FLAG_TIERS
            is_hypothetical = any(c in hypothetical for c in hit.clauses)
            is_general = all(c in general for c in hit.clauses)
            is_self = any(subjects[c] for c in hit.clauses)
            tier = self._rules[hit.rule].tier
            if is_hypothetical or is_general:
                if red_flag:
                    theirs.append(hit)
            elif red_flag:
                if is_self:
                    mine.append(hit)
                else:
                    theirs.append(hit)
                    others.append(hit)
            elif tier == "daily_pain" and not is_self:
                pass  # "causes of backache" asks about back pain; it reports none: the FAQ answers
            elif not question or tier in _ASKED_PAIN_TIERS:
                # Pain and soreness advice is the same for whoever has it; a question about
                # one's own pain in an exercise gets it too ("ok to go on if the bridge hurts?").
                mine.append(hit)

        # A weak signal in a clause that denies or normalises anything is not worth a question.
        denied = {s.clause_of[start] for start, _ in self._negation.find(tokens)}
        denied |= {s.clause_of[start] for start, _ in self._normal.find(tokens)}
        denied |= {c for c, head in self._list_reach(s).items() if head in denied}
        covered = {
            p
            for hit in hits
            if self._rules[hit.rule].tier in _RED_FLAG_TIERS
            for p in hit.positions
        }
        weak: list[str] = []
        for signal in weak_occ:
            if not any(
                subjects[c] and c not in hypothetical and c not in general and c not in denied
                for c in signal.clauses
            ):
                continue
            if covered.intersection(signal.positions):
                continue
            weak.append(signal.rule)
        return mine, theirs, weak

    def _occurrences(
        self, s: _Sentence, matches: list[frozenset[str]], present: set[str]
    ) -> dict[int, list[_Occurrence]]:
        result: dict[int, list[_Occurrence]] = {}
        n = len(s.tokens)
        for word in present:
            for term_id in self._by_first.get(word, ()):
                term = self._terms[term_id]
                if not all(
                    t in present for t, r in zip(term.tokens, term.required, strict=True) if r
                ):
                    continue
                first_word = term.tokens[term.first]
                for start in range(n):
                    if first_word in matches[start]:
                        occ = _align(term, matches, s, start)
                        if occ is not None:
                            result.setdefault(term_id, []).append(occ)
        return result

    def _negators(
        self, s: _Sentence, occurrences: dict[int, list[_Occurrence]]
    ) -> dict[_Occurrence, list[frozenset[int] | None]]:
        """For each occurrence, the negation cues that deny it (as sets of positions), or None
        for a 'normal' cue ("bladder control is fine"), which nothing can consume."""
        tokens = s.tokens
        pseudo = {p for start, end in self._pseudo.find(tokens) for p in range(start, end + 1)}
        cue_spans = [
            (start, end)
            for start, end in self._negation.find(tokens)
            if not any(p in pseudo for p in range(start, end + 1))
        ]
        normal_spans = [
            (start, end)
            for start, end in self._normal.find(tokens)
            if not (start > 0 and tokens[start - 1] in ("not", "no", "never"))
        ]
        reach = self._list_reach(s)
        result: dict[_Occurrence, list[frozenset[int] | None]] = {}
        for occs in occurrences.values():
            for occ in occs:
                own = set(occ.positions)
                found: list[frozenset[int] | None] = []
                for start, end in cue_spans:
                    listed = reach.get(occ.clause) == s.clause_of[start]
                    if (s.clause_of[start] != occ.clause and not listed) or start in own:
                        continue
                    if end < occ.start:
                        if occ.start - end > 6 and not listed:
                            continue
                        between = tokens[end + 1 : occ.start]
                        if any(word in self._negation_end for word in between):
                            continue
                        found.append(frozenset(range(start, end + 1)))
                    elif occ.start < start < occ.end:
                        found.append(frozenset(range(start, end + 1)))
                for start, end in normal_spans:
                    if s.clause_of[start] != occ.clause:
                        continue
                    if occ.start - 2 <= end < occ.start or occ.end < start <= occ.end + 2:
                        found.append(None)
                if found:
                    result[occ] = found
        return result

    def _list_reach(self, s: _Sentence) -> dict[int, int]:
        """Clause -> the clause before it whose negation reaches it as an item of one list: short
        comma-separated clauses up to one with "or" ("i do not have numbness, weakness, fever or
        bladder issues"). A clause with a terminator ("my legs are weak", "now") is no item, and
        a list without "or" ("no fever, both legs numb") is two statements."""
        if not self._list_or:
            return {}
        words: list[set[str]] = [set() for _ in range(s.clause_count)]
        for token, clause in zip(s.tokens, s.clause_of, strict=True):
            words[clause].add(token)
        reach: dict[int, int] = {}
        for head in range(s.clause_count - 1):
            chain = []
            for k in range(head + 1, s.clause_count):
                item = words[k]
                if not s.separated_by_comma[k - 1] or len(item) > 6 or item & self._negation_end:
                    break
                chain.append(k)
                if item & self._list_or:
                    for clause in chain:
                        reach.setdefault(clause, head)
                    break
        return reach

    def _followed_by_sibling(
        self, occ: _Occurrence, all_occ: list[_Occurrence], tokens: list[str]
    ) -> bool:
        """ "do not feel any numbness": the negated verb denies the symptom after it."""
        siblings = self._siblings[occ.term]
        term = self._terms[occ.term]
        negation = min(
            (occ.slots[i] for i in term.negation_at if occ.slots[i] >= 0), default=occ.start
        )
        own = set(occ.positions)
        for other in all_occ:
            if other.clause != occ.clause or other.start <= negation or other.start in own:
                continue
            if other.term in siblings and not self._terms[other.term].negation_at:
                if other.start - negation > 7:
                    continue
                between = tokens[negation + 1 : other.start]
                if not any(word in self._negation_end for word in between):
                    return True
        return False

    def _not_felt_after(self, occ: _Occurrence, tokens: list[str]) -> bool:
        """ "I do not feel [any pain] in my legs": a negated feeling followed by a `not_felt`
        word denies a sensation, it does not report losing one."""
        term = self._terms[occ.term]
        feel = [occ.slots[i] for i, word in enumerate(term.tokens) if word in _FEEL_WORDS]
        if not feel or feel[0] < 0:
            return False
        start = first = feel[0] + 1
        while start < len(tokens) and start <= first + 2 and tokens[start] in _FILLERS:
            start += 1
        return any(begin == 0 for begin, _ in self._not_felt.find(tokens[start : start + 4]))

    def _all_of(
        self, rule_id: str, groups: Sequence[Sequence[int]], s: _Sentence, usable, present
    ) -> list[_Hit]:
        per_group = []
        for group in groups:
            occs = [o for t in group if t in present for o in usable(t)]
            if not occs:
                return []
            per_group.append(occs)
        hits: list[_Hit] = []
        scopes = [(c,) for c in range(s.clause_count)]
        scopes += [(c, c + 1) for c in range(s.clause_count - 1)]
        for scope in scopes:
            choices = [[o for o in occs if o.clause in scope] for occs in per_group]
            if not all(choices):
                continue
            for count, combo in enumerate(product(*choices)):
                if count > 200:
                    break
                positions = [set(o.positions) for o in combo]
                if any(
                    positions[i] & positions[j]
                    for i in range(len(positions))
                    for j in range(i + 1, len(positions))
                ):
                    continue
                if max(o.end for o in combo) - min(o.start for o in combo) > 12:
                    continue
                hits.append(
                    _Hit(
                        rule_id,
                        frozenset().union(*positions),
                        frozenset(o.clause for o in combo),
                    )
                )
                break
        return hits

    # ------------------------------------------------------------------ who and when

    def _subjects(self, s: _Sentence, start: bool = True) -> list[bool]:
        """Per clause: True when it is about the user. `start`: whom the sentence is about
        before anything in it says so."""
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
        current = start
        for clause in range(s.clause_count):
            if clause in self_clauses:
                current = True
            elif clause in other_clauses:
                current = False
            subjects.append(current)
        return subjects

    def _animal_clauses(self, s: _Sentence) -> set[int]:
        """Clauses about an animal: from the one naming it until the user speaks of themself.
        A clause where the user speaks of themself is theirs even with a pet in it."""
        spans = self._animals.find(s.tokens)
        if not spans:
            return set()
        in_cue = {p for start, end in spans for p in range(start, end + 1)}
        named = {s.clause_of[start] for start, _ in spans}
        personal = {
            s.clause_of[i]
            for i, word in enumerate(s.tokens)
            if word in self._self_words and i not in in_cue
        }
        found: set[int] = set()
        about_animal = False
        for clause in range(s.clause_count):
            if clause in personal:
                about_animal = False  # "my dog pulled me over and my legs are numb"
            elif clause in named:
                about_animal = True
            if about_animal:
                found.add(clause)
        return found

    def _sentence_about_other(self, s: _Sentence, subjects: list[bool]) -> bool:
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
        return tuple(sorted(rule_ids, key=lambda r: (tier_rank(self._rules[r].tier), order[r])))


_KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEY_AT = {key: (row, col) for row, keys in enumerate(_KEY_ROWS) for col, key in enumerate(keys)}
_VOWELS = frozenset("aeiouy")


def _near_keys(a: str, b: str) -> bool:
    """Neighbouring keys on a QWERTY keyboard (rows are staggered by half a key)."""
    if a not in _KEY_AT or b not in _KEY_AT:
        return False
    (row_a, col_a), (row_b, col_b) = _KEY_AT[a], _KEY_AT[b]
    if row_a == row_b:
        return abs(col_a - col_b) == 1
    if abs(row_a - row_b) != 1:
        return False
    upper, lower = (col_a, col_b) if row_a < row_b else (col_b, col_a)
    return lower - upper in (-1, 0)


def _typo_ok(word: str, candidate: str, distance: float) -> bool:
    """Length-aware typo tolerance: short words must be exact, a longer word may have one slip
    (two from eight letters). A swapped letter must be a neighbouring key or a vowel for a vowel:
    phone typos look like that, different words mostly do not ("starting" is not "stabbing")."""
    size = len(candidate)
    if size < 5 or abs(len(word) - size) > 2:
        return False
    if word[0] != candidate[0] and word[:2] != candidate[1::-1]:
        return False
    if distance > 1 and not (distance <= 2 and size >= 8 and len(word) >= 7):
        return False
    if OSA.distance(word, candidate) < Levenshtein.distance(word, candidate):
        return True  # a transposition ("nmub")
    for op in Levenshtein.editops(word, candidate):
        if op.tag == "replace":
            a, b = word[op.src_pos], candidate[op.dest_pos]
            if not (_near_keys(a, b) or (a in _VOWELS and b in _VOWELS)):
                return False
    return True


def _align(term: _Term, matches: list[frozenset[str]], s: _Sentence, start: int):
    """Match the term's words in order from `start`, allowing a few extra words. A phrase stays in
    its clause, except that it may run on over a clause-break word ("my bowels just went")."""
    clause_of = s.clause_of
    clause = clause_of[start]
    next_ok = term.max_gap > 1 and clause + 1 < s.clause_count and not s.separated_by_comma[clause]
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
            if clause_of[q] != clause and not (next_ok and clause_of[q] == clause + 1):
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
