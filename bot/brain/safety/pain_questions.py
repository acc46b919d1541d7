"""Pain asked about, not reported: "should I stop if the plank hurts?", "how often should I
train when my back hurts?". Nobody is exercising or in pain as they write; "stop this exercise
for today" would answer a question nobody asked. Such a question gets the FAQ's answer instead.
"""

from __future__ import annotations

from typing import NamedTuple

from bot.content.safety_models import SafetyCues, SafetyRule
from bot.language.sentences import is_question, sentences
from bot.language.text import normalize
from bot.language.triage.cues import CueSet


class AskedPain(NamedTuple):
    rule: str
    """The pain rule the question is about."""
    entry: str
    """The FAQ entry that answers it."""


class PainQuestions:
    def __init__(self, rules: list[SafetyRule], cues: SafetyCues):
        self._advice = CueSet(cues.asks_advice)
        self._conditional = CueSet(cues.conditional)
        self._answered = [
            (AskedPain(rule.id, rule.answered_by), [CueSet(group) for group in rule.all_of])
            for rule in rules
            if rule.answered_by
        ]
        """Each answered rule with its all_of groups; the last group is what is felt."""

    def asked(self, text: str) -> AskedPain | None:
        """The pain rule a question asks about, when every sentence that names the pain asks
        for advice on it as a condition; None when any sentence reports it."""
        found: AskedPain | None = None
        for sentence in sentences(text):
            words = normalize(sentence).split()
            named = [
                (asked, groups[-1])
                for asked, groups in self._answered
                if all(g.find(words) for g in groups)
            ]
            if not named:
                continue
            if not (is_question(sentence) and self._advice.find(words)):
                return None
            # What is felt comes after "if"/"when": "should I stop if it hurts" asks; "it hurts
            # when I do the plank" reports.
            condition = min((start for start, _ in self._conditional.find(words)), default=None)
            if condition is None or not any(
                start > condition for _, felt in named for start, _ in felt.find(words)
            ):
                return None
            found = found or named[0][0]
        return found
