"""BERT's uncased WordPiece tokenizer in pure Python, as all-MiniLM-L6-v2 splits text.

The same steps as Hugging Face's BertTokenizer with `do_lower_case`: drop control characters,
space out CJK characters, lowercase and strip accents, split off every punctuation mark, then
cut each word greedily into the longest pieces the vocabulary knows ("##" marks a piece inside a
word). A word that cannot be cut, or is longer than 100 characters, becomes [UNK].
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

UNKNOWN = "[UNK]"
CLS = "[CLS]"
SEP = "[SEP]"
MAX_WORD_CHARS = 100
CONTINUATION = "##"


def _is_control(char: str) -> bool:
    if char in "\t\n\r":
        return False
    return unicodedata.category(char) in ("Cc", "Cf")


def _is_whitespace(char: str) -> bool:
    return char in " \t\n\r" or unicodedata.category(char) == "Zs"


def _is_punctuation(char: str) -> bool:
    code = ord(char)
    # BERT counts every non-letter ASCII symbol ("$", "^", "`") as punctuation too.
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_cjk(code: int) -> bool:
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x2A6DF
        or 0x2A700 <= code <= 0x2B73F
        or 0x2B740 <= code <= 0x2B81F
        or 0x2B820 <= code <= 0x2CEAF
        or 0xF900 <= code <= 0xFAFF
        or 0x2F800 <= code <= 0x2FA1F
    )


def basic_words(text: str) -> list[str]:
    """Lowercased, accent-free words and punctuation marks, in order."""
    cleaned = []
    for char in text:
        code = ord(char)
        if code == 0 or code == 0xFFFD or _is_control(char):
            continue
        if _is_whitespace(char):
            cleaned.append(" ")
        elif _is_cjk(code):
            cleaned.append(f" {char} ")
        else:
            cleaned.append(char)
    words: list[str] = []
    for token in "".join(cleaned).split():
        token = unicodedata.normalize("NFD", token.lower())
        token = "".join(c for c in token if unicodedata.category(c) != "Mn")
        current: list[str] = []
        for char in token:
            if _is_punctuation(char):
                if current:
                    words.append("".join(current))
                    current = []
                words.append(char)
            else:
                current.append(char)
        if current:
            words.append("".join(current))
    return words


class WordPiece:
    """Text to vocabulary pieces and ids; `vocab` lists the pieces in id order."""

    def __init__(self, vocab: Iterable[str]):
        self.pieces = list(vocab)
        self.ids = {piece: number for number, piece in enumerate(self.pieces)}
        self._cache: dict[str, tuple[str, ...]] = {}

    @classmethod
    def from_file(cls, path) -> WordPiece:
        with open(path, encoding="utf-8") as lines:
            return cls(line.rstrip("\n") for line in lines)

    def word_pieces(self, word: str) -> tuple[str, ...]:
        """One word cut into the longest known pieces, or ([UNK],) when it cannot be."""
        cached = self._cache.get(word)
        if cached is None:
            cached = self._cut(word)
            if len(self._cache) < 50_000:  # bounded: a flood of made-up words cannot grow it
                self._cache[word] = cached
        return cached

    def _cut(self, word: str) -> tuple[str, ...]:
        if len(word) > MAX_WORD_CHARS:
            return (UNKNOWN,)
        pieces: list[str] = []
        start = 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else CONTINUATION + word[start:end]
                if piece in self.ids:
                    break
                end -= 1
            else:
                return (UNKNOWN,)
            pieces.append(piece)
            start = end
        return tuple(pieces)

    def tokenize(self, text: str) -> list[str]:
        return [piece for word in basic_words(text) for piece in self.word_pieces(word)]

    def encode(self, text: str, max_length: int = 256) -> list[int]:
        """Ids with [CLS] first and [SEP] last, cut to `max_length` as the model was used."""
        body = [self.ids[piece] for piece in self.tokenize(text)][: max_length - 2]
        return [self.ids[CLS], *body, self.ids[SEP]]
