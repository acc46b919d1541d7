"""Ages in a message, as marker words the safety rules can name.

Age is a red flag only with something else (clinical.md: age alone must not alarm, Henschke
2009): NHS pathways and NICE NG59 name new severe pain under 20 or over 50, and minor trauma,
osteoporosis and long-term steroids in older people. So an age the person states ("I'm 58",
"74yo", "sixty seven years old", "jeg er 67") adds one marker after it:

- `older` from 65, the age the older-people rules mean;
- `overfifty` from 50 to 64;
- `undertwenty` from 2 to 19.

A number counts as an age only next to an age word of the language (`age_before`: "am",
"aged", "jeg er"; `age_after`: "years", "yo", "år"), so "38 degrees" and "20 reps" stay
numbers. A young age needs words that can only mean age ("17 years old", "i am 17", "aged 16").
"""

from __future__ import annotations

import re

OLDER, OVER_FIFTY, UNDER_TWENTY = "older", "overfifty", "undertwenty"

# Tens and units in English and Norwegian (folded: "åtti" -> "atti"). A unit only counts after
# a tens word, so the Norwegian "to" (two) or "en" (one) is never read as a number alone.
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "tjue": 20, "tretti": 30, "forti": 40,
    "femti": 50, "seksti": 60, "sytti": 70, "atti": 80, "nitti": 90,
}  # fmt: skip
_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "en": 1, "ett": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "sju": 7,
    "syv": 7, "atte": 8, "ni": 9,
}  # fmt: skip
_TEENS = {
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "tretten": 13, "fjorten": 14, "femten": 15, "seksten": 16,
    "sytten": 17, "atten": 18, "nitten": 19,
}  # fmt: skip
_COMPOUND = re.compile(
    "(" + "|".join(sorted(_TENS, key=len, reverse=True)).strip() + ")("
    + "|".join(sorted(_UNITS, key=len, reverse=True)) + ")?"
)  # fmt: skip
"""Norwegian writes the number as one word: "sekstisju" (67), "femtiatte" (58)."""
# "74m", "80yo", "17yo", "82yrs"; "in my 70s" (a decade of 70 or more)
_AGE_TOKEN = re.compile(r"(\d{1,3})(m|f|yo|yrs|yr|y|s|aring|aringen|arig)")


def marker(age: int) -> str | None:
    if 65 <= age <= 120:
        return OLDER
    if 50 <= age < 65:
        return OVER_FIFTY
    if 2 <= age < 20:
        return UNDER_TWENTY
    return None


class AgeReader:
    def __init__(self, before: list[str], after: list[str]):
        self._before = [tuple(cue.split()) for cue in before if cue.strip()]
        self._after = [tuple(cue.split()) for cue in after if cue.strip()]

    def markers(self, words: list[str]) -> dict[int, str]:
        """Index of the last word of each stated age -> the marker to put after it."""
        found: dict[int, str] = {}
        index = 0
        while index < len(words):
            value, end, evident = _number_at(words, index)
            if value is None:
                index += 1
                continue
            said = marker(value)
            if said and (evident or self._stated(words, index, end, said)):
                found[end] = said
            index = end + 1
        return found

    def _stated(self, words: list[str], index: int, end: int, said: str) -> bool:
        """An age word after the number, or before it. A young age needs words that can only
        mean age ("i am 17", "17 years old"): "it is 3 weeks", "5 years ago" are no child."""
        after = [cue for cue in self._after if tuple(words[end + 1 : end + 1 + len(cue)]) == cue]
        before = [cue for cue in self._before if index >= len(cue) and
                  tuple(words[index - len(cue) : index]) == cue]  # fmt: skip
        if said == UNDER_TWENTY:
            return any(len(cue) > 1 or cue == ("aged",) for cue in (*before, *after))
        return bool(before or after)


def _number_at(words: list[str], index: int) -> tuple[int | None, int, bool]:
    """(value, index of its last word, whether the word alone says it is an age) of a number
    starting at `index`, or (None, index, False)."""
    word = words[index]
    if word.isdigit():
        return int(word), index, False
    if match := _AGE_TOKEN.fullmatch(word):
        age, suffix = int(match.group(1)), match.group(2)
        if suffix == "s":  # a decade: "in my 70s"
            return (age, index, True) if age % 10 == 0 and age >= 70 else (None, index, False)
        if age < 50 and suffix in ("m", "f", "y", "yr", "yrs"):
            return None, index, False  # "5y", "3yrs" are more often a duration than an age
        return age, index, True
    if word in _TEENS:
        return _TEENS[word], index, False
    if word in _TENS:
        nxt = words[index + 1] if index + 1 < len(words) else ""
        if nxt in _UNITS:
            return _TENS[word] + _UNITS[nxt], index + 1, False
        return _TENS[word], index, False
    if match := _COMPOUND.fullmatch(word):
        return _TENS[match.group(1)] + _UNITS.get(match.group(2) or "", 0), index, False
    return None, index, False


def with_markers(words: list[str], reader: AgeReader) -> list[str]:
    """The words with each stated age's marker placed after the age."""
    found = reader.markers(words)
    if not found:
        return words
    out: list[str] = []
    for index, word in enumerate(words):
        out.append(word)
        if index in found:
            out.append(found[index])
    return out
