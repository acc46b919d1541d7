"""Text normalisation shared by the FAQ matcher and safety triage.

Everything a user types goes through `normalize` first, so typos, texting style, odd Unicode
and emoji reach the matchers as plain lowercase words separated by single spaces.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from bot.language.dialect import Dialect, current

# Contractions are expanded so that negations stay visible as separate words ("don't" -> "do not").
_CONTRACTIONS = {
    "can't": "cannot",
    "cant": "cannot",
    "can not": "cannot",
    "won't": "will not",
    "wont": "will not",
    "n't": " not",
    "i'm": "i am",
    "im": "i am",
    "i've": "i have",
    "ive": "i have",
    "i'd": "i would",
    "i'll": "i will",
    "it's": "it is",
    "what's": "what is",
    "whats": "what is",
    "that's": "that is",
    "there's": "there is",
    "how's": "how is",
    "let's": "let us",
    "you're": "you are",
    "'re": " are",
    "'ve": " have",
    "'ll": " will",
    "'d": " would",
}
_PHRASE_CONTRACTIONS = tuple(
    (short, f" {full} ") for short, full in _CONTRACTIONS.items() if "'" in short or " " in short
)
"""The contractions replaced inside the text (apostrophe or space in them), in their order."""
_NOT_SUFFIX = re.compile(r"\b(\w{1,30})n't\b")
r"""Bounded and anchored: `(\w+)n't` backtracks from every letter of a long word (quadratic)."""
_BARE_NT = re.compile(r"\b(do|does|did|is|are|was|were|has|have|had|could|should|would)nt\b")
# Texting shorthand that would otherwise look like a typo of something else.
_SHORTHAND = {
    "u": "you",
    "ur": "your",
    "r": "are",
    "pls": "please",
    "plz": "please",
    "thx": "thanks",
    "ty": "thanks",
    "b4": "before",
    "2day": "today",
    "tmrw": "tomorrow",
    "wat": "what",
    "wht": "what",
    "hw": "how",
    "shud": "should",
    "shld": "should",
    "cud": "could",
    "wud": "would",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    "abt": "about",
    "w": "with",
    "wo": "without",
    "idk": "i do not know",
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "isnt": "is not",
    "havent": "have not",
    "hasnt": "has not",
    "wasnt": "was not",
    "c": "see",
    "y": "why",
    "n": "and",
    "b": "be",
    "ppl": "people",
    "kno": "know",
    "rly": "really",
    "2": "to",
    "4": "for",
    "tbh": "",
    "ne": "any",
    "thru": "through",
    "1st": "first",
    "wk": "week",
    "nite": "night",
    "nites": "nights",
    "tonite": "tonight",
    "evry": "every",
    "lieing": "lying",
    "wks": "weeks",
    "hrs": "hours",
    "mins": "minutes",
    "min": "minutes",
    "bcoz": "because",
    "becuz": "because",
    "ok": "okay",
    "k": "okay",
    "ya": "you",
    "yr": "your",
    "gd": "good",
    "bk": "back",
    "excs": "exercises",
    "info": "information",
    "w/o": "without",
    "3x": "three times",
    "4x": "four times",
    "2x": "twice",
}
_INVISIBLE = {"Cf", "Cc", "Cs", "Co", "Cn"}
_REPEATS = re.compile(r"(\w)\1{2,}")
_NON_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")
_WITHOUT = re.compile(r"\bw/o\b")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})

_ASCII_CONTROLS = {code: " " if chr(code) in "\n\t\r" else None for code in range(32)} | {127: None}
MAX_INPUT_CHARS = 2000
"""Longer messages are cut before matching: nobody asks a question in more words than this."""


def clean_unicode(text: str) -> str:
    """NFKC-fold (full-width letters become ASCII) and drop control, format and emoji characters."""
    text = text[:MAX_INPUT_CHARS]
    if text.isascii():
        return text.translate(_ASCII_CONTROLS)
    text = unicodedata.normalize("NFKC", text)
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if char in "\n\t":
            kept.append(" ")
        elif category in _INVISIBLE or category in ("So", "Sk"):
            continue
        else:
            kept.append(char)
    return "".join(kept)


def normalize(text: str) -> str:
    """Lowercase words separated by single spaces, with contractions and shorthand expanded.

    Read in the dialect of the turn (bot/language/dialect.py): English by default.
    """
    return _normalized(current(), text)


@lru_cache(maxsize=512)
def _normalized(dialect: Dialect, text: str) -> str:
    """Cached: one turn normalises the same message some ten times (safety screen, matcher,
    intents), most of a turn's normalising; a dialect is the same object for the process."""
    if not dialect.english_grammar:
        return _normalize_plain(text, dialect.fold, dialect.shorthand or {})
    text = clean_unicode(text).lower().translate(_APOSTROPHES)
    if "n't" in text:
        text = _NOT_SUFFIX.sub(lambda m: _expand_not(m.group(1)), text)
    for short, spaced in _PHRASE_CONTRACTIONS:
        text = text.replace(short, spaced)
    text = _REPEATS.sub(r"\1\1", text)
    text = _WITHOUT.sub(" without ", text)
    text = _NON_WORD.sub(" ", text).replace("_", " ")
    words = []
    for word in text.split():
        word = _SHORTHAND.get(word, word)
        word = _CONTRACTIONS.get(word, word) if "'" not in word else word
        if word:
            words.append(word)
    text = " ".join(words)
    text = _BARE_NT.sub(r"\1 not", text)
    return _SPACES.sub(" ", text).strip()


def _normalize_plain(text: str, fold, shorthand: dict[str, str]) -> str:
    """Any other language: letters folded, punctuation dropped, its own shorthand expanded."""
    text = fold(clean_unicode(text).lower().translate(_APOSTROPHES))
    text = _REPEATS.sub(r"\1\1", text)
    text = _NON_WORD.sub(" ", text).replace("_", " ")
    words = (shorthand.get(word, word) for word in text.split())
    return " ".join(word for word in words if word)


def _expand_not(stem: str) -> str:
    if stem in ("ca", "can"):
        return "cannot"
    if stem == "wo":
        return "will not"
    return f"{stem} not"


def tokens(text: str) -> list[str]:
    """Words of an already normalised text."""
    return text.split()
