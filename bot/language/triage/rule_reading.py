"""Which rules a sentence fires: the user's own, someone else's, and weak signals.

Per rule: its phrases and `all_of` groups (all present in one clause or two neighbouring
clauses, close together) not denied by negation; `unless` words overlapping a symptom cancel it,
elsewhere in the clause they soften it to the rule's question, as `soften` words do. `clarify`
phrases and `clarify_all_of` groups are weak signals, worth a question. Then whom each hit is
about (bot/language/triage/who.py): only the user's own red flags alarm.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import product

from bot.content.safety_models import SafetyRule
from bot.language.triage.clauses import Sentence
from bot.language.triage.negation import Negation
from bot.language.triage.results import Hit
from bot.language.triage.terms import Occurrence, TermBook
from bot.language.triage.typos import Vocabulary
from bot.language.triage.who import WhoReader
from bot.model.tiers import HOLD_TIERS

RED_FLAG_TIERS = frozenset(HOLD_TIERS)
_ASKED_PAIN_TIERS = frozenset({"stop", "soreness"})
"""Pain tiers that count inside a question too; daily pain in a question is left to the FAQ."""


@dataclass
class CompiledRule:
    rule: SafetyRule
    order: int
    phrases: Sequence[int] = field(default_factory=list)
    groups: Sequence[Sequence[int]] = field(default_factory=list)
    clarify: Sequence[int] = field(default_factory=list)
    unless: Sequence[int] = field(default_factory=list)
    clarify_unless: Sequence[int] = field(default_factory=list)
    clarify_groups: Sequence[Sequence[int]] = field(default_factory=list)
    soften: Sequence[int] = field(default_factory=list)
    """Term numbers: lists while the screen is built, arrays after (RuleReader.__init__)."""
    term_set: frozenset[int] = frozenset()

    @classmethod
    def of(cls, rule: SafetyRule, order: int, book: TermBook, soften: list[str]) -> CompiledRule:
        """The rule's terms, added to the book. `soften`: the language's own soften cues."""
        compiled = cls(rule=rule, order=order)

        def terms(texts, *, phrase: bool = True) -> list[int]:
            return [book.add(text, phrase=phrase) for text in texts]

        compiled.phrases = terms(rule.phrases)
        compiled.groups = [
            terms(g, phrase=False)
            for g in (() if rule.message_wide else rule.all_of)  # read over the message
        ]
        compiled.clarify = terms(rule.clarify)
        compiled.unless = terms(rule.unless)
        compiled.clarify_unless = terms(rule.clarify_unless)
        compiled.clarify_groups = [terms(g, phrase=False) for g in rule.clarify_all_of]
        compiled.soften = terms((*rule.soften, *soften))
        compiled.term_set = frozenset(
            [
                *compiled.phrases,
                *compiled.clarify,
                *(t for g in compiled.groups for t in g),
                *(t for g in compiled.clarify_groups for t in g),
            ]
        )
        return compiled

    def sibling_groups(self) -> list[Sequence[int]]:
        """The groups whose terms are siblings (bot/language/triage/negation.py)."""
        return [*self.groups, *self.clarify_groups, self.phrases, self.clarify]

    def pack(self) -> None:
        """Term numbers in arrays (no int object each); same members, same order."""
        for name in ("phrases", "clarify", "unless", "clarify_unless", "soften"):
            setattr(self, name, array("I", getattr(self, name)))
        self.groups = [array("I", group) for group in self.groups]
        self.clarify_groups = [array("I", group) for group in self.clarify_groups]


class RuleReader:
    def __init__(
        self,
        compiled: list[CompiledRule],
        book: TermBook,
        vocabulary: Vocabulary,
        negation: Negation,
        who: WhoReader,
    ):
        self.compiled = compiled
        self._rules = {c.rule.id: c.rule for c in compiled}
        self._book = book
        self._vocabulary = vocabulary
        self._negation = negation
        self._who = who
        for rule in compiled:
            rule.pack()

    def read(
        self, s: Sentence, question: bool, subjects: list[bool], others: list[Hit]
    ) -> tuple[list[Hit], list[Hit], list[str]]:
        """The user's own hits, hits about others or hypothetical (red flags only), and the rules
        of weak signals. Stop and soreness only count for the user's own report: a question
        about them ("can I exercise in a flare-up?") is left to the FAQ."""
        tokens = s.tokens
        matches = [self._vocabulary.lookup(word) for word in tokens]
        present: set[str] = set().union(*matches)
        occurrences = self._book.occurrences(s, matches, present)
        if not occurrences:
            return [], [], []
        negators = self._negation.negators(s, occurrences)
        all_occ = [occ for occs in occurrences.values() for occ in occs]

        hypothetical = self._who.hypothetical_clauses(s)
        general = self._who.general_clauses(s)

        hits: list[Hit] = []
        weak_occ: list[Hit] = []  # weak signals: the rule's question is worth asking
        for compiled in self.compiled:
            own_terms = compiled.term_set.intersection(occurrences)
            if not own_terms:
                continue
            consumed: set[int] = set()
            denials: set[Occurrence] = set()  # "do not feel [any numbness]": not a symptom
            for term in own_terms:
                for occ in occurrences[term]:
                    if not self._book.terms[term].negation_at:
                        continue
                    if self._negation.followed_by_sibling(
                        occ, all_occ, tokens, self._book
                    ) or self._negation.not_felt_after(occ, tokens, self._book):
                        denials.add(occ)
                    else:
                        consumed.update(occ.slots[i] for i in self._book.terms[term].negation_at)
            consumed.discard(-1)

            def ok(term: int, consumed=consumed, denials=denials) -> list[Occurrence]:
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
            # `term in occurrences` first: most of a rule's terms are absent, and ok() of an
            # absent term is empty (saves a call each)
            found: list[Hit] = [
                Hit(rule_id, frozenset(occ.positions), frozenset({occ.clause}))
                for term in compiled.phrases
                if term in occurrences
                for occ in unblocked(term)
            ]
            if compiled.groups:
                found.extend(self._all_of(rule_id, compiled.groups, s, unblocked, own_terms))
            # A likely harmless reason in the clause ("after a long bike ride", or an `unless`
            # word away from the symptom): ask the rule's question instead of raising the alarm.
            softened = cancelled | {
                o.clause for t in compiled.soften if t in occurrences for o in ok(t)
            }
            for hit in found:
                (weak_occ if hit.clauses & softened else hits).append(hit)
            quiet = {o.clause for t in compiled.clarify_unless if t in occurrences for o in ok(t)}
            weak_occ.extend(
                Hit(rule_id, frozenset(occ.positions), frozenset({occ.clause}))
                for term in compiled.clarify
                if term in occurrences
                for occ in usable(term)
                if occ.clause not in quiet
            )
            if compiled.clarify_groups:
                weak_occ.extend(
                    hit
                    for hit in self._all_of(rule_id, compiled.clarify_groups, s, usable, own_terms)
                    if not hit.clauses & quiet
                )

        mine: list[Hit] = []
        theirs: list[Hit] = []
        animal = self._who.animal_clauses(s)
        for hit in hits:
            if hit.clauses <= animal:
                continue  # a pet's back legs are for a vet
            red_flag = self._rules[hit.rule].tier in RED_FLAG_TIERS
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
        denied = {s.clause_of[start] for start, _ in self._negation.negation.find(tokens)}
        denied |= {s.clause_of[start] for start, _ in self._negation.normal.find(tokens)}
        denied |= {c for c, head in self._negation.list_reach(s).items() if head in denied}
        covered = {
            p for hit in hits if self._rules[hit.rule].tier in RED_FLAG_TIERS for p in hit.positions
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

    def _all_of(
        self, rule_id: str, groups: Sequence[Sequence[int]], s: Sentence, usable, present
    ) -> list[Hit]:
        per_group = []
        for group in groups:
            occs = [o for t in group if t in present for o in usable(t)]
            if not occs:
                return []
            per_group.append(occs)
        hits: list[Hit] = []
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
                    Hit(
                        rule_id,
                        frozenset().union(*positions),
                        frozenset(o.clause for o in combo),
                    )
                )
                break
        return hits
