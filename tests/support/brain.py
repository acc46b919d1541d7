"""Brain features built on their own, for tests of one feature."""

from __future__ import annotations

from bot.brain.coach.coach import Coach
from bot.brain.coach.progress import Progress
from bot.brain.services import Services


def coach(services: Services) -> Coach:
    """The coach alone; a test that reaches an escalation through it fails loudly."""

    async def escalate(*args, **kwargs):
        raise AssertionError("no escalation expected in this test")

    return Coach(services, Progress(services), escalate=escalate)
