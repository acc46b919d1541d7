"""A message as hashed n-gram features: what the learned screen (learned.py) reads.

Letter n-grams (3 to 5 bytes of the normalised UTF-8 text) survive typos and inflections; words
and word pairs carry meaning the letters blur ("not wake up", "better off"). Each is hashed
into a fixed number of buckets with CRC-32, a hash that is the same in every process (Python's
own `hash` of a string is salted per process), so weights trained once by a script index the
same buckets at run time, and no dictionary of strings is kept. The vector of counts has unit
length, so a long message does not outweigh a short one. Counts are not damped: a logit is then
linear in the counts, so a window of two sentences is the sum of their two sums over the
weights, divided by the window's length (learned.py reads a paragraph in one pass).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from itertools import chain
from operator import mul
from zlib import crc32

from bot.language.text import normalize

BITS = 15
"""2^15 buckets: collisions among the ~60,000 distinct features of the corpus cost little."""
MASK = (1 << BITS) - 1
_SIZES = (3, 4, 5)

Vector = tuple[tuple[int, ...], tuple[float, ...]]
"""(buckets, values): a sparse unit vector, for training."""


def sentence_buckets(sentence: str) -> tuple[int, ...]:
    """The bucket of each of the sentence's letter grams, words and word pairs."""
    return _buckets_of(normalize(sentence))


@lru_cache(maxsize=64)
def _buckets_of(normal: str) -> tuple[int, ...]:
    data = f" {normal} ".encode()
    buckets = [crc32(data[i : i + n]) & MASK for n in _SIZES for i in range(len(data) - n + 1)]
    words = [word.encode() for word in normal.split()]
    buckets += [crc32(b"w " + word) & MASK for word in words]
    buckets += [
        crc32(b"b " + first + b" " + second) & MASK
        for first, second in zip(words, words[1:], strict=False)
    ]
    return tuple(buckets)


def norm(buckets: Iterable[int]) -> float:
    """The length of the count vector of these buckets."""
    counts = Counter(buckets).values()
    return math.sqrt(sum(map(mul, counts, counts))) or 1.0


def message_vector(sentences: list[str]) -> Vector:
    """The whole message as a unit vector of bucket counts (what the weights were trained on)."""
    counts = Counter(chain.from_iterable(sentence_buckets(s) for s in sentences))
    length = math.sqrt(sum(c * c for c in counts.values())) or 1.0
    return tuple(counts), tuple(c / length for c in counts.values())
