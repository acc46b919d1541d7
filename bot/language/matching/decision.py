"""What a free-text question gets: an answer, "did you mean" choices, or an honest fallback."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from bot.language.matching.matcher import Candidate, Match, Matcher, Target

if TYPE_CHECKING:
    from bot.content.loader import Content

ANSWER_AT = 44.0
"""A best score at or above this answers directly, if no rival is within `MARGIN`."""
MARGIN = 5.0
CLARIFY_AT = 38.0
"""Below this nothing fits well enough to even suggest."""
KNOWN_SHARE_AT = 0.3
"""At least this share of the question's weight must be words the knowledge base knows."""
# Tuned on bot/evaluation/data/faq_eval.yaml (`run_bot.py eval`); faq_holdout.yaml checks
# they generalise.

Outcome = Literal["answer", "clarify", "fallback"]


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    match: Match
    chosen: tuple[Candidate, ...] = ()

    @property
    def key(self) -> str | None:
        return self.chosen[0].key if self.chosen else None

    @property
    def score(self) -> float | None:
        best = self.match.best
        return best.score if best else None


EXERCISE_REQUESTS = (
    "{}",
    "how to do {}",
    "{} instructions",
    "{} technique",
    "show me {}",
    "easier alternative to {}",
    "harder version of {}",
)
GOAL_REQUESTS = (
    "{}",
    "{} exercises",
    "exercises for {}",
    "exercises to strengthen {}",
    "work on {}",
    "train {}",
    "{} workout",
    "improve {}",
    "i want more {}",
    "{} plan",
    "{} routine",
    "give me {} exercises",
)
"""How people ask for an exercise or a goal's exercises; each name and alias fills the gap."""


def build_targets(content: Content) -> list[Target]:
    """Everything a question can be answered with, each with all the ways people ask for it."""
    targets = [
        Target(f"faq:{entry.id}", (entry.question, *entry.phrasings))
        for entry in content.faq.values()
    ]
    for exercise in content.exercises.values():
        names = (exercise.name, *exercise.aliases)
        phrasings = [template.format(name) for name in names for template in EXERCISE_REQUESTS]
        targets.append(Target(f"exercise:{exercise.id}", tuple(phrasings)))
    for goal in content.goals.values():
        names = (goal.name, *goal.aliases)
        phrasings = [template.format(name) for name in names for template in GOAL_REQUESTS]
        targets.append(Target(f"goal:{goal.id}", tuple(phrasings)))
    for intent in content.intents.values():
        targets.append(Target(f"command:{intent.command}", tuple(intent.phrasings)))
    return targets


def decide(matcher: Matcher, text: str) -> Decision:
    match = matcher.match(text)
    best = match.best
    if best is None or best.score < CLARIFY_AT or match.known_share < KNOWN_SHARE_AT:
        return Decision("fallback", match)
    runner_up = match.candidates[1].score if len(match.candidates) > 1 else 0.0
    confident = best.score >= ANSWER_AT and best.score - runner_up >= MARGIN
    if confident and not _too_vague(matcher, match):
        return Decision("answer", match, (best,))
    return Decision("clarify", match, (best, *_close_rivals(match.candidates)))


def _close_rivals(candidates: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """Runners-up close enough to the best to be what the user meant (Bot Framework's rule)."""
    if not candidates:
        return ()
    top = candidates[0].score
    rivals: list[Candidate] = []
    previous = top
    for candidate in candidates[1:3]:
        if top - candidate.score < math.sqrt(top) and previous - candidate.score < 0.7 * math.sqrt(
            previous
        ):
            rivals.append(candidate)
            previous = candidate.score
        else:
            break
    return tuple(rivals)


def _too_vague(matcher: Matcher, match: Match) -> bool:
    """A single common word ("pain", "exercise") could mean many entries: ask instead of guess."""
    if len(match.content_words) != 1:
        return False
    return matcher.targets_with(match.content_words[0]) > 3
