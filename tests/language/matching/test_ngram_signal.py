"""The letter n-gram signal beside the word matcher: spellings the word matcher cannot place."""

from __future__ import annotations

import pytest

from bot.language.matching.ngrams import NgramIndex, grams


def test_grams_mark_word_edges():
    found = grams("Back")
    assert {" ba", "ck ", " bac", "back "} <= set(found)


def test_nearest_centroid_survives_typos_and_inflections():
    index = NgramIndex([("how often should I exercise",), ("is a belt worth wearing",)])
    similar = index.similarities("how ofen shud i excercise")
    assert max(similar, key=similar.get) == 0
    similar = index.similarities("are belts worth it")
    assert max(similar, key=similar.get) == 1


def test_text_sharing_no_letters_is_similar_to_nothing():
    index = NgramIndex([("how often should I exercise",)])
    assert index.similarities("zzz qqq") == {}


@pytest.mark.parametrize(
    ("message", "entry"),
    [
        ("does the belt really help or is it a gimmick", "belt_info"),
        ("does stres mess up ur back", "stress"),
    ],
)
async def test_two_signals_agreeing_answer_without_buttons(assistant, message, entry):
    reply = await assistant.reply(1, message)
    assert (reply.kind, reply.id) == ("faq", entry)
