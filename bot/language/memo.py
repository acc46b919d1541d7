"""What a reader made of a text, remembered: the same message read again costs a lookup.

The matcher and the safety screen are pure functions of the text and the dialect it is read in
(their indexes never change after they are built), and people send the same few messages a lot
("hi", "next", "how often should I train?"). Each instance keeps its own bounded cache, outside
its `__dict__`, so the build cache (bot/brain/build_cache.py) never pickles remembered answers.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from functools import lru_cache, wraps
from typing import Any, TypeVar

from bot.language.dialect import current

TEXTS_REMEMBERED = 1024
"""Per instance; a message is at most MAX_INPUT_CHARS long, so this stays a few megabytes."""

Result = TypeVar("Result")


def per_text(method: Callable[..., Result]) -> Callable[..., Result]:
    """Remember `method(self, text, *args)` per instance, keyed by the turn's dialect too.

    Only for methods whose result depends on nothing else and is never changed by a caller
    (frozen dataclasses, tuples)."""
    caches: weakref.WeakKeyDictionary[Any, Callable[..., Result]] = weakref.WeakKeyDictionary()

    @wraps(method)
    def remembered(self, text: str, *args, **kwargs):
        cached = caches.get(self)
        if cached is None:
            owner = weakref.ref(self)  # a strong reference here would keep `self` alive forever

            def read(dialect, text: str, *args, **kwargs):
                return method(owner(), text, *args, **kwargs)

            cached = caches[self] = lru_cache(maxsize=TEXTS_REMEMBERED)(read)
        return cached(current(), text, *args, **kwargs)

    return remembered
