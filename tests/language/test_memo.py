"""Remembered readings: a message read again is not read anew, each language keeps its own
reading of the same text, and nothing remembered reaches the build cache or outlives its reader."""

from __future__ import annotations

import gc
import pickle
import weakref

from bot.content.loader import load_library
from bot.language.dialect import dialect_of, speaking
from bot.language.memo import per_text
from bot.language.text import normalize
from tests.conftest import KNOWLEDGE


class Reader:
    def __init__(self):
        self.readings = 0

    @per_text
    def read(self, text: str) -> str:
        self.readings += 1
        return normalize(text)


def norwegian():
    return dialect_of(load_library(KNOWLEDGE)["nb"].profile, "nb")


def test_the_same_message_is_read_once():
    reader = Reader()
    assert reader.read("How OFTEN?") == reader.read("How OFTEN?") == "how often"
    assert reader.readings == 1


def test_each_language_keeps_its_own_reading_of_the_same_text():
    reader = Reader()
    english = reader.read("Blære")
    with speaking(norwegian()):
        folded = reader.read("Blære")
    assert (english, folded) == ("blære", "blare")
    assert reader.read("Blære") == "blære"  # the English reading again, not the Norwegian one


def test_remembered_readings_stay_out_of_a_pickle():
    reader = Reader()
    before = pickle.dumps(reader)
    reader.read("how often should I train")
    reader.readings = 0
    assert pickle.dumps(reader) == before


def test_a_reader_no_longer_used_is_freed_with_what_it_remembered():
    reader = Reader()
    reader.read("how often should I train")
    gone = weakref.ref(reader)
    del reader
    gc.collect()
    assert gone() is None
