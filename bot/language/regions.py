"""Which country a timezone belongs to, from the tz database's own zone.tab (shipped by tzdata)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _zone_countries() -> dict[str, str]:
    text = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    countries = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, _coordinates, zone, *_ = line.split("\t")
            countries[zone] = code
    return countries


def country_of(timezone: str | None) -> str | None:
    """ "Europe/Oslo" -> "NO"; None for "UTC", unknown names or no timezone at all."""
    return _zone_countries().get(timezone or "")
