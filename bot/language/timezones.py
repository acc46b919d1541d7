"""Find an IANA timezone from what a user typed: "Oslo", "Bergen", "Norway", "europe/olso".

Names come from tzdata's own tables (shipped by the `tzdata` package): every zone's city part,
every country in `iso3166.tab` with the zone `zone1970.tab`/`zone.tab` lists first for it, plus
towns in knowledge/towns.yaml. Letters such as ø, å, é are folded ("Tromsø" = "tromso"), so a
town is never fuzzily mistaken for a similar zone (Tromsø is not Asia/Tomsk).

Cost is bounded: the query is cut to `MAX_QUERY_CHARS` and `MAX_WORDS`, word runs up to
`MAX_RUN` long are looked up exactly (linear in the words), and only then is the whole query
fuzzy-matched once against the zone names (rapidfuzz's plain `ratio`). A clear winner is
accepted; close calls come back as suggestions for the user to pick.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
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
MAX_QUERY_CHARS = 80
MAX_WORDS = 8
MAX_RUN = 3
"""Longest run of words looked up as one name ("new york city", "united arab emirates")."""
TOWNS = Path(__file__).resolve().parents[2] / "knowledge" / "towns.yaml"
_FOLD = str.maketrans({"ø": "o", "æ": "ae", "å": "a", "ß": "ss", "đ": "d", "ł": "l", "ı": "i"})


@dataclass(frozen=True)
class TimezoneMatch:
    zone: str | None
    """The zone found, or None when the user has to choose or retype."""
    suggestions: tuple[str, ...] = ()


def find_timezone(query: str) -> TimezoneMatch:
    index = _index()
    query = query[:MAX_QUERY_CHARS]
    key = _key(query)
    if not key:
        return TimezoneMatch(None)
    named = index.names.get(query.strip().replace(" ", "_").lower())
    if named:
        return TimezoneMatch(named)
    if key in index.exact:
        return TimezoneMatch(index.exact[key])
    words = key.split()[:MAX_WORDS]
    # "oslo norway", "bergen please": a run of the words may be the place itself; longer first.
    for length in range(min(MAX_RUN, len(words)), 0, -1):
        for start in range(len(words) - length + 1):
            zone = index.exact.get(" ".join(words[start : start + length]))
            if zone:
                return TimezoneMatch(zone)
    ranked = process.extract(" ".join(words), index.fuzzy_keys, scorer=fuzz.ratio, limit=10)
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


def _table(name: str) -> list[list[str]]:
    text = resources.files("tzdata.zoneinfo").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def country_zones() -> dict[str, str]:
    """Country name (folded) → its main zone: the first `zone1970.tab` lists for the country,
    else `zone.tab`'s (so "Norway" is Europe/Oslo, "United States" America/New_York)."""
    first: dict[str, str] = {}
    for row in _table("zone.tab"):
        first.setdefault(row[0], row[2])
    for row in _table("zone1970.tab"):
        for code in row[0].split(","):
            if code not in first or row[2].startswith(first[code].split("/")[0]):
                first.setdefault(code, row[2])
    countries: dict[str, str] = {}
    for code, name in _table("iso3166.tab"):
        zone = first.get(code)
        if zone:
            countries[_key(name)] = zone
            if "(" in name:  # "Britain (UK)"
                countries.setdefault(_key(name.split("(")[0]), zone)
                countries.setdefault(_key(name.split("(")[1].rstrip(")")), zone)
    return countries


def towns(path: Path = TOWNS) -> dict[str, str]:
    if not path.exists():
        return {}
    from bot.content.fast_yaml import safe_load  # libyaml: the first timezone asked is quick

    data = safe_load(path.read_text(encoding="utf-8")) or {}
    return {_key(str(town)): zone for zone, names in data.items() for town in names}


@cache
def _index() -> _Index:
    """Built on first use (about 600 zones and 250 countries, a few milliseconds), then kept."""
    zones = sorted(available_timezones() - {"localtime", "Factory"})
    geographic = [zone for zone in zones if zone.split("/", 1)[0] in GEOGRAPHIC_AREAS]
    exact: dict[str, str] = {}
    for zone in geographic + zones:  # on a clash of simplified names, the geographic zone wins
        exact.setdefault(_key(zone), zone)
    for zone in geographic:
        exact.setdefault(_key(city(zone)), zone)
    for name, zone in (*country_zones().items(), *towns().items()):
        if zone in zones:
            exact.setdefault(name, zone)
    fuzzy: dict[str, str] = {}
    for zone in geographic:
        fuzzy.setdefault(_key(city(zone)), zone)
        fuzzy.setdefault(_key(zone), zone)
    for name, zone in exact.items():
        if zone in geographic and len(name) >= 5:
            fuzzy.setdefault(name, zone)  # "trondhiem", "norwya"
    names = {zone.lower(): zone for zone in zones}
    return _Index(names, exact, list(fuzzy), list(fuzzy.values()))


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return utils.default_process(plain.replace("/", " ").replace("_", " "))
