"""Content reload (SIGHUP): the new content is validated and a new brain built off the event
loop; only then is it swapped in. Invalid content is reported and the old stays in service."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from bot.brain.assistant import Assistant
from bot.content.loader import ContentError, load_library
from bot.operations.collector import settle_long_lived
from bot.operations.metrics import Metrics
from bot.operations.observed import ObservedAssistant

log = logging.getLogger(__name__)


async def reload_content(observed: ObservedAssistant, directory: Path, metrics: Metrics) -> bool:
    running = observed.current

    def build() -> Assistant:
        # The Assistant checks what only code knows (intents naming real commands) as it is built.
        return running.rebuilt(load_library(directory))

    try:
        fresh = await asyncio.to_thread(build)
    except ContentError as error:
        metrics.content_reloads.labels("invalid").inc()
        problems = "\n".join(f"  - {problem}" for problem in error.problems)
        log.error("content reload refused, the old content stays in service:\n%s", problems)
        return False
    observed.swap(fresh)
    settle_long_lived()  # the old brain is freed (it was frozen), the new one frozen
    metrics.content_reloads.labels("ok").inc()
    log.info(
        "content reloaded from %s: %d FAQ entries, %d exercises",
        directory,
        len(fresh.content.faq),
        len(fresh.content.exercises),
    )
    return True
