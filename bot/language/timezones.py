"""Find an IANA timezone from what a user typed: "Oslo", "new york city", "europe/olso".

Exact names (any case, spaces or underscores) and city parts win outright; otherwise rapidfuzz's
plain `ratio` (no partial matching, so a short query does not score high inside a long name)
ranks city parts and full names of the geographic zones. A clear winner is accepted; close calls
come back as suggestions for the user to pick.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from zoneinfo import available_timezones

from rapidfuzz import fuzz, process, utils

GEOGRAPHIC_AREAS = frozenset(
    {
        "Africa",
        "America",
        "Antarctica",
        "Arctic",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
    }
)
"""Zones under these areas are fuzzy-matched; legacy ones ("US/Eastern", "CET") only exactly."""

ACCEPT_SCORE = 85
CLEAR_LEAD = 5
SUGGEST_SCORE = 70
MAX_SUGGESTIONS = 3


@dataclass(frozen=True)
class TimezoneMatch:
    zone: str | None
    """The zone found, or None when the user has to choose or retype."""
    suggestions: tuple[str, ...] = ()


def find_timezone(query: str) -> TimezoneMatch:
    index = _index()
    key = _key(query)
    if not key:
        return TimezoneMatch(None)
    named = index.names.get(query.strip().replace(" ", "_").lower())
    if named:
        return TimezoneMatch(named)
    if key in index.exact:
        return TimezoneMatch(index.exact[key])
    words = key.split()
    # "oslo norway", "new york city": a run of the words may be the city itself.
    for length in range(len(words) - 1, 0, -1):
        for start in range(len(words) - length + 1):
            zone = index.exact.get(" ".join(words[start : start + length]))
            if zone:
                return TimezoneMatch(zone)
    ranked = process.extract(key, index.fuzzy_keys, scorer=fuzz.ratio, limit=10)
    zones: list[tuple[str, float]] = []
    for _, score, position in ranked:
        zone = index.fuzzy_zones[position]
        if score >= SUGGEST_SCORE and zone not in (z for z, _ in zones):
            zones.append((zone, score))
    if not zones:
        return TimezoneMatch(None)
    best_zone, best_score = zones[0]
    runner_up = zones[1][1] if len(zones) > 1 else 0.0
    if best_score >= ACCEPT_SCORE and best_score - runner_up >= CLEAR_LEAD:
        return TimezoneMatch(best_zone)
    return TimezoneMatch(None, tuple(zone for zone, _ in zones[:MAX_SUGGESTIONS]))


def city(zone: str) -> str:
    """ "America/New_York" → "New York"."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


@dataclass(frozen=True)
class _Index:
    names: dict[str, str]
    """Lower-cased IANA names, before punctuation is dropped ("Etc/GMT+5" is not "Etc/GMT-5")."""
    exact: dict[str, str]
    fuzzy_keys: list[str]
    fuzzy_zones: list[str]


@cache
def _index() -> _Index:
    """Built on first use (about 600 zones, a few milliseconds), then kept."""
    zones = sorted(available_timezones() - {"localtime", "Factory"})
    geographic = [zone for zone in zones if zone.split("/", 1)[0] in GEOGRAPHIC_AREAS]
    exact: dict[str, str] = {}
    for zone in geographic + zones:  # on a clash of simplified names, the geographic zone wins
        exact.setdefault(_key(zone), zone)
    for zone in geographic:
        exact.setdefault(_key(city(zone)), zone)
    fuzzy: dict[str, str] = {}
    for zone in geographic:
        fuzzy.setdefault(_key(city(zone)), zone)
        fuzzy.setdefault(_key(zone), zone)
    names = {zone.lower(): zone for zone in zones}
    return _Index(names, exact, list(fuzzy), list(fuzzy.values()))


def _key(text: str) -> str:
    return utils.default_process(text.replace("/", " ").replace("_", " "))
