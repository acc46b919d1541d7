"""Explicit 0-10 pain ratings in free text: "7/10", "8 out of 10", "pain is a 6", "level 9 pain".

Triage uses the highest rating it finds: above the threshold in knowledge/<lang>/safety.yaml
(`pain_score`) it fires the stop tier. Numbers that are clearly something else (times, reps,
kilograms, dates) are not ratings.
"""

from __future__ import annotations

import math
import re

from bot.language.numbers import NUMBER_WORDS
from bot.language.text import clean_unicode

_NUMBER_WORDS = {word: n for word, n in NUMBER_WORDS.items() if n <= 10}
_NUM = r"(10|[0-9](?:[.,]5)?|zero|one|two|three|four|five|six|seven|eight|nine|ten)"
_UNITS = (
    r"(?!\s*(?:%|x\b|am\b|pm\b|days?\b|weeks?\b|months?\b|years?\b|yrs?\b|hours?\b|hrs?\b|"
    r"mins?\b|minutes?\b|seconds?\b|secs?\b|times\b|reps?\b|sets?\b|kg\b|kilos?\b|lbs?\b|"
    r"pounds?\b|cm\b|km\b|miles?\b|steps\b|o'?clock\b|th\b|st\b|nd\b|rd\b|:\d|\d))"
)
_PAIN_PATTERNS = (
    # "7/10", "8 out of 10", "six out of ten", "6-7/10" (takes the 7)
    re.compile(
        rf"(?<![\d/.,]){_NUM}\s*(?:/|out of|outta|of)\s*(?:10|ten)\b(?!\s*/\s*\d|[.,]\d)",
    ),
    # "pain is a 6", "pain level 8", "my pain's at 7", "pain score: 9"
    re.compile(
        r"\bpain(?:'s|s)?(?:\s+(?:level|score|scored|scores|rating|rated|is|was|at|of|about|"
        r"around|like|maybe|probably|currently|now|today|sits|a|an|=|-))*\s*:?\s*"
        rf"{_NUM}\b{_UNITS}"
    ),
    # "I'd rate it 8", "rated it a 7", "it's a 9", "I would say 8"
    re.compile(
        r"\b(?:rate|rated|rating|i'd say|id say|i would say|it's|its|it is|it's at|its at)"
        rf"(?:\s+(?:it|my pain|the pain|at|a|an|about|around|like|maybe))*\s+{_NUM}\b{_UNITS}"
    ),
    # "level 9 pain"
    re.compile(rf"\blevel\s+{_NUM}\s+pain"),
    # "7 on the pain scale", "at 7 on a scale"
    re.compile(rf"(?<![\d/.,]){_NUM}\s+on\s+(?:a|the|my)\s+(?:pain\s+)?scale"),
    # "on a scale of 1 to 10 it's 7"
    re.compile(
        r"scale of (?:0|1|zero|one)\s*(?:-|to)\s*(?:10|ten),?\s*"
        rf"(?:(?:it's|its|it is|i'd say|id say|i would say|about|around|maybe|a|an|my pain is)\s+)*"
        rf"{_NUM}\b"
    ),
)
_BIG_RATING = re.compile(r"(?<![\d/.,])(\d{2,3})\s*(?:/|out of)\s*(?:10|ten)\b(?!\s*/\s*\d)")


def _to_score(value: str) -> float:
    value = value.replace(",", ".")
    if value in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[value])
    return float(value)


def pain_score(text: str) -> int | None:
    """The highest explicit 0-10 pain rating in the text ("7/10", "8 out of 10", "pain is a 6").

    Half points are rounded up; an exaggerated rating ("20/10") counts as 10.
    """
    lowered = clean_unicode(text).lower().replace("’", "'").replace("‘", "'")
    best: float | None = None
    for pattern in _PAIN_PATTERNS:
        for match in pattern.finditer(lowered):
            score = _to_score(match.group(1))
            if score <= 10 and (best is None or score > best):
                best = score
    for match in _BIG_RATING.finditer(lowered):
        if int(match.group(1)) > 10:
            best = 10.0
    return None if best is None else int(math.ceil(best))
