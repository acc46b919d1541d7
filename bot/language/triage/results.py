"""What the triage found: the result the caller reads, and the hits it is made of."""

from __future__ import annotations

from dataclasses import dataclass


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


@dataclass
class Hit:
    """One rule fired by words at these positions of a sentence, in these clauses."""

    rule: str
    positions: frozenset[int]
    clauses: frozenset[int]
