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

import ctypes
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
    release_free_memory()


def release_free_memory() -> None:
    """Give the C heap's free pages back to the system. Start-up leaves several MB of them (the
    build cache's file buffers and unpickler memo, the YAML and validation of a cold build)
    inside glibc's heap, where they count as the process's memory until something reuses
    them; malloc_trim returns whole free pages, and costs a few milliseconds once. Elsewhere
    (musl, macOS) there is no such call, and nothing happens."""
    trim = getattr(_c_library(), "malloc_trim", None)
    if trim is not None:
        trim(0)


def _c_library() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None)
    except OSError:  # no C library to load symbols from (a static build)
        return None
