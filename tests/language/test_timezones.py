"""Places and countries as timezones: towns, countries, folded letters, bounded cost."""

from __future__ import annotations

import pytest

from bot.language.timezones import find_timezone


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Bergen", "Europe/Oslo"),
        ("Trondheim", "Europe/Oslo"),
        ("Tromsø", "Europe/Oslo"),
        ("tromso", "Europe/Oslo"),
        ("Stavanger", "Europe/Oslo"),
        ("Norway", "Europe/Oslo"),
        ("I live in bergen", "Europe/Oslo"),
        ("trondhiem", "Europe/Oslo"),
        ("Germany", "Europe/Berlin"),
        ("United States", "America/New_York"),
        ("UK", "Europe/London"),
        ("Norge", "Europe/Oslo"),
        ("Noreg", "Europe/Oslo"),
        ("jeg bor i Bergen", "Europe/Oslo"),
        ("Mo i Rana", "Europe/Oslo"),
        ("Sverige", "Europe/Stockholm"),
        ("Tyskland", "Europe/Berlin"),
        ("Spania", "Europe/Madrid"),
    ],
)
def test_towns_and_countries_are_timezones(typed, zone):
    assert find_timezone(typed).zone == zone


def test_tromso_is_not_tomsk():
    assert find_timezone("Tromsø").zone != "Asia/Tomsk"


def test_a_very_long_query_is_cut_not_searched_forever():
    assert find_timezone("bergen " + "word " * 5000).zone == "Europe/Oslo"
    assert find_timezone("x" * 10_000).zone is None
