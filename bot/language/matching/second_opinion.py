"""The learned signal's second opinion on what the fuzzy matcher decided.

The fuzzy matcher (matcher.py, decision.py) reads a question by its best single phrasing; the
classifier (classifier.py) by everything all of a target's phrasings say. They fail
differently, so where they meet their verdict is worth more than either alone:

- a fallback or a "did you mean" is answered when both name the same target first and the
  classifier is sure enough ("a bed that sags, is that bad for me?");
- a direct answer the classifier finds implausible while it is sure of another becomes a
  "did you mean" with both: a confident wrong answer is the worst error.

Commands are left to the fuzzy rules: a learned guess must not start a session or delete data.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from bot.language.matching.matcher import Candidate

if TYPE_CHECKING:
    from bot.language.matching.decision import Decision
    from bot.language.matching.matcher import Matcher

RESCUE_LEAD = 0.7
"""The classifier's lead (classifier.Verdict.lead) for the fuzzy matcher's own first choice at
which the two together answer (the fuzzy rules alone only asked or gave up)."""
RESCUE_SCORE_AT = 25.0
"""... and the fuzzy score it needs: a shared stray word is no topic."""
RESCUE_KNOWN_AT = 0.6
"""... and at least this share of the message's weight in words the content knows: a message
mostly of words the knowledge base never saw is about something else."""
RESCUE_COVERAGE_AT = 0.5
"""... and the target's phrasings must explain this share of it: one shared word ("which
mattress store opens on Sundays") is not the topic."""
VETO_LEAD = 0.3
VETO_BELOW = 0.3
"""An answer whose target the classifier gives under this share of its own first choice's
probability, while that first choice leads by `VETO_LEAD`, is offered beside it instead."""


def reconsider(matcher: Matcher, decisions: tuple[Decision, ...]) -> tuple[Decision, ...]:
    """The fuzzy decisions, one of them rescued or vetoed where the classifier says so. A veto
    of one of two answers asks about it alone: half an answer given with confidence could be
    the wrong half."""
    first = decisions[0]
    if first.outcome != "answer":
        rescued = _rescued(matcher, first)
        return (rescued,) if rescued is not None else decisions
    vetoed = [_vetoed(matcher, decision) for decision in decisions]
    if any(v.outcome != "answer" for v in vetoed):
        return (next(v for v in vetoed if v.outcome != "answer"),)
    return decisions


def _rescued(matcher: Matcher, decision: Decision) -> Decision | None:
    if len(decision.chosen) > 1:
        return None  # the fuzzy rules saw close rivals: the user picks, not a second guess
    match = decision.match
    best = match.best
    if best is None or best.key.startswith("command:") or best.score < RESCUE_SCORE_AT:
        return None
    if match.known_share < RESCUE_KNOWN_AT or best.coverage < RESCUE_COVERAGE_AT:
        return None
    verdict = matcher.classify(match.query)
    if verdict.best is None or verdict.best != best.key:
        return None
    if verdict.lead < RESCUE_LEAD:
        return None
    return replace(decision, outcome="answer", chosen=(best,))


def _vetoed(matcher: Matcher, decision: Decision) -> Decision:
    chosen = decision.chosen[0]
    if chosen.key.startswith("command:"):
        return decision
    verdict = matcher.classify(decision.match.query)
    if verdict.best is None or verdict.lead < VETO_LEAD:
        return decision
    key = verdict.best
    if key == chosen.key or verdict.probability(chosen.key) >= VETO_BELOW * verdict.confidence:
        return decision
    other = next(
        (c for c in decision.match.candidates if c.key == key),
        Candidate(key, chosen.score),
    )
    return replace(decision, outcome="clarify", chosen=(chosen, other))
