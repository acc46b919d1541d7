"""NegEx-style negation: which symptom terms a sentence denies.

A negation cue before a symptom in the same clause denies it, unless a terminator ("i", "then",
…) lies between or it is more than six words away; a cue inside a term ("no feeling in my legs")
is part of the symptom. A negation at the head of a list reaches every short item up to the one
with "or" ("no numbness, weakness, fever or bladder issues"). A `normal` cue next to a term
("bladder control is fine") denies it for good.
"""

from __future__ import annotations

from bot.language.triage.clauses import Sentence
from bot.language.triage.cues import CueSet
from bot.language.triage.terms import Occurrence, TermBook


class Negation:
    def __init__(
        self,
        *,
        negation: CueSet,
        pseudo: CueSet,
        normal: CueSet,
        not_felt: CueSet,
        ends: set[str],
        list_or: set[str],
        feel_words: frozenset[str],
        fillers: frozenset[str],
    ):
        self.negation = negation
        self.normal = normal
        self.ends = ends
        """Words that end a negation's reach ("but", "then", "i")."""
        self._pseudo = pseudo
        self._not_felt = not_felt
        self._list_or = list_or
        self._feel_words = feel_words
        self._fillers = fillers

    def negators(
        self, s: Sentence, occurrences: dict[int, list[Occurrence]]
    ) -> dict[Occurrence, list[frozenset[int] | None]]:
        """For each occurrence, the negation cues that deny it (as sets of positions), or None
        for a 'normal' cue ("bladder control is fine"), which nothing can consume."""
        tokens = s.tokens
        pseudo = {p for start, end in self._pseudo.find(tokens) for p in range(start, end + 1)}
        cue_spans = [
            (start, end)
            for start, end in self.negation.find(tokens)
            if not any(p in pseudo for p in range(start, end + 1))
        ]
        normal_spans = [
            (start, end)
            for start, end in self.normal.find(tokens)
            if not (start > 0 and tokens[start - 1] in ("not", "no", "never"))
        ]
        reach = self.list_reach(s)
        result: dict[Occurrence, list[frozenset[int] | None]] = {}
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
                        if any(word in self.ends for word in between):
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

    def list_reach(self, s: Sentence) -> dict[int, int]:
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
                if not s.separated_by_comma[k - 1] or len(item) > 6 or item & self.ends:
                    break
                chain.append(k)
                if item & self._list_or:
                    for clause in chain:
                        reach.setdefault(clause, head)
                    break
        return reach

    def followed_by_sibling(
        self, occ: Occurrence, all_occ: list[Occurrence], tokens: list[str], book: TermBook
    ) -> bool:
        """ "do not feel any numbness": the negated verb denies the symptom after it."""
        siblings = book.siblings[occ.term]
        term = book.terms[occ.term]
        negation = min(
            (occ.slots[i] for i in term.negation_at if occ.slots[i] >= 0), default=occ.start
        )
        own = set(occ.positions)
        for other in all_occ:
            if other.clause != occ.clause or other.start <= negation or other.start in own:
                continue
            if other.term in siblings and not book.terms[other.term].negation_at:
                if other.start - negation > 7:
                    continue
                between = tokens[negation + 1 : other.start]
                if not any(word in self.ends for word in between):
                    return True
        return False

    def not_felt_after(self, occ: Occurrence, tokens: list[str], book: TermBook) -> bool:
        """ "I do not feel [any pain] in my legs": a negated feeling followed by a `not_felt`
        word denies a sensation, it does not report losing one."""
        term = book.terms[occ.term]
        feel = [occ.slots[i] for i, word in enumerate(term.tokens) if word in self._feel_words]
        if not feel or feel[0] < 0:
            return False
        start = first = feel[0] + 1
        while start < len(tokens) and start <= first + 2 and tokens[start] in self._fillers:
            start += 1
        return any(begin == 0 for begin, _ in self._not_felt.find(tokens[start : start + 4]))
