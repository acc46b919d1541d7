"""Words kept in order of their length, so a typo is compared only with words it can be near.

An edit distance of at most `reach` needs lengths at most `reach` apart: the words outside that
window can never be within it, and comparing a typo with all of them was most of the cost of a
new word (a message's unseen words each search the whole vocabulary once).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable


class ByLength:
    def __init__(self, words: Iterable[str]):
        self.words = sorted(words, key=len)  # stable: equal lengths keep the order given
        longest = len(self.words[-1]) if self.words else 0
        starts = [len(self.words)] * (longest + 2)
        for index in range(len(self.words) - 1, -1, -1):
            starts[len(self.words[index])] = index
        for n in range(longest, -1, -1):
            starts[n] = min(starts[n], starts[n + 1])
        self._starts = array("I", starts)
        """starts[n]: where the words of n letters or more begin."""

    def near(self, length: int, reach: int) -> list[str]:
        """The words whose length is within `reach` of `length`."""
        last = len(self._starts) - 1
        low = self._starts[min(max(length - reach, 0), last)]
        high = self._starts[min(max(length + reach + 1, 0), last)]
        return self.words[low:high]
