"""Whom each clause of a sentence is about, and whether it reports or only asks or imagines.

Only the user's own symptoms raise the alarm. A clause is about the user from a self word ("I",
"my") on, about someone else from a person cue ("my husband", "my 80 year old husband") or, with
no self word in the sentence, a pronoun ("she"). Hypothetical clauses ("what if", "in case")
run to the end of the sentence unless the sentence also reports something actual; general
questions ("what are the signs of") are nobody's report; a pet's clauses are for a vet.
"""

from __future__ import annotations

from bot.content.safety_models import SafetyCues
from bot.language.triage.clauses import Sentence
from bot.language.triage.cues import CueSet, words_of


class WhoReader:
    def __init__(self, cues: SafetyCues):
        self.self_words = words_of(cues.self_words)
        # "my husband" also matches "my 80 year old husband"
        self.other_person = CueSet(
            [*cues.other_person]
            + [
                f"{p.split()[0]} * {' '.join(p.split()[1:])}"
                for p in cues.other_person
                if len(p.split()) > 1 and p.split()[0].lower() in cues.self_words
            ]
        )
        self._other_pronoun = words_of(cues.other_pronoun)
        self._hypothetical = CueSet(cues.hypothetical)
        self._general = CueSet(cues.general)
        self._actual = CueSet(cues.actual)
        self._animals = CueSet(cues.animals)

    def subjects(self, s: Sentence, start: bool = True) -> list[bool]:
        """Per clause: True when it is about the user. `start`: whom the sentence is about
        before anything in it says so."""
        tokens = s.tokens
        other_spans = self.other_person.find(tokens)
        in_other = {p for start, end in other_spans for p in range(start, end + 1)}
        self_clauses = {
            s.clause_of[i]
            for i, word in enumerate(tokens)
            if word in self.self_words and i not in in_other
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

    def animal_clauses(self, s: Sentence) -> set[int]:
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
            if word in self.self_words and i not in in_cue
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

    def sentence_about_other(self, s: Sentence, subjects: list[bool]) -> bool:
        hypothetical = self.hypothetical_clauses(s)
        return not any(subjects) or bool(hypothetical)

    def hypothetical_clauses(self, s: Sentence) -> set[int]:
        spans = self._hypothetical.find(s.tokens)
        if not spans or self._actual.find(s.tokens):
            return set()
        first = min(s.clause_of[start] for start, _ in spans)
        return set(range(first, s.clause_count))

    def general_clauses(self, s: Sentence) -> set[int]:
        spans = self._general.find(s.tokens)
        if not spans:
            return set()
        in_cue = {p for start, end in spans for p in range(start, end + 1)}
        in_cue |= {
            p for start, end in self.other_person.find(s.tokens) for p in range(start, end + 1)
        }
        personal = {
            s.clause_of[i]
            for i, word in enumerate(s.tokens)
            if word in self.self_words and i not in in_cue
        }
        return {s.clause_of[start] for start, _ in spans} - personal
