"""Python's cyclic garbage collector, set for a long-running bot once it has started.

What start-up builds (both languages' matchers and safety screens, the content, the Application)
lives as long as the process. Left to the collector, every full collection walks all of it again:
~80-110 ms with the event loop held, at a moment no one chooses (the first one soon after
start-up, while the first users are answered). Frozen, those objects are never walked again;
a full collection then walks only what was made since. Everything a message allocates is
short-lived, so the youngest generation is also collected less often (each collection of it
costs about the same, fewer of them find nothing left to free).
"""

from __future__ import annotations

import gc

YOUNGEST_THRESHOLD = 20_000
"""Allocations between collections of the youngest generation (Python's default: 700)."""
OLDER_THRESHOLDS = (20, 20)
"""Collections of one generation between collections of the next (Python's default: 10, 10)."""


def settle_long_lived() -> None:
    """Call once everything long-lived is built (after start-up, after a content reload): free
    the garbage left (start-up's, the replaced brain's, an earlier Application's in tests and
    benchmarks), then freeze what is left."""
    gc.unfreeze()  # what was frozen before (a replaced brain) becomes collectable again
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNGEST_THRESHOLD, *OLDER_THRESHOLDS)
