"""A large fixed set of words held as a few strings instead of one object per word.

The English common words (about 19,000) cost 1.5 MB as a frozenset: a str object of ~55 bytes
for each word and the set's table. Here the words of one length and first letter are joined
into one string ("\\nback\\nbake\\n"), so a membership test is a dict lookup and a substring
search among a few dozen words (well under a microsecond), and the whole set takes a few
hundred KB. Membership, length, iteration and equality are those of the set it was made from.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

_SEPARATOR = "\n"


class WordSet:
    __slots__ = ("_groups", "_size")

    def __init__(self, words: Iterable[str] = ()) -> None:
        grouped: dict[tuple[int, str], list[str]] = {}
        for word in set(words):
            if _SEPARATOR in word or not word:
                raise ValueError(f"a word set holds non-empty words without newlines: {word!r}")
            grouped.setdefault((len(word), word[:2]), []).append(word)
        self._groups = {
            key: _SEPARATOR + _SEPARATOR.join(sorted(group)) + _SEPARATOR
            for key, group in sorted(grouped.items())
        }
        self._size = sum(len(group) for group in grouped.values())

    def __contains__(self, word: object) -> bool:
        if type(word) is not str or not word:
            return False
        group = self._groups.get((len(word), word[:2]))
        return group is not None and f"{_SEPARATOR}{word}{_SEPARATOR}" in group

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[str]:
        for group in self._groups.values():
            yield from group.strip(_SEPARATOR).split(_SEPARATOR)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, WordSet):
            return self._groups == other._groups
        if isinstance(other, set | frozenset):
            return len(other) == self._size and all(word in self for word in other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(frozenset(self._groups.items()))

    def __repr__(self) -> str:
        return f"WordSet(<{self._size} words>)"

    def __reduce__(self) -> tuple:
        return _from_groups, (self._groups, self._size)


def _from_groups(groups: dict[tuple[int, str], str], size: int) -> WordSet:
    """As pickled (the build cache): the joined strings as they were."""
    words = WordSet.__new__(WordSet)
    words._groups, words._size = groups, size
    return words
