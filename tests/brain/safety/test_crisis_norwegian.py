"""What a Norwegian user sees from the crisis screen: a clear statement gets the crisis line
first, a near miss gets the line and one direct question, a figure of speech gets neither."""

from __future__ import annotations

import pytest


async def test_a_clear_statement_gets_the_crisis_line_first(bilingual):
    reply = await bilingual.reply(70, "eg vil berre døy", language_code="nb")
    assert reply.severity == "crisis"
    assert "116 123" in reply.text.splitlines()[0]


@pytest.mark.parametrize("text", ["kjøpte et tau i dag", "tenker på begravelsen min"])
async def test_a_near_miss_gets_the_line_then_the_question(bilingual, text):
    reply = await bilingual.reply(71, text, language_code="nb")
    assert reply.severity is None
    assert "116 123" in reply.text.splitlines()[0]
    assert "ta livet ditt" in reply.text
    assert {a.name for a in reply.actions()} >= {"crisis_yes", "crisis_no", "crisis_unsure"}


@pytest.mark.parametrize(
    "text", ["jeg dør av latter", "planken tar livet av meg haha", "gir opp økta for i dag"]
)
async def test_a_figure_of_speech_is_no_crisis(bilingual, text):
    reply = await bilingual.reply(72, text, language_code="nb")
    assert reply.severity != "crisis"
    assert "116 123" not in reply.text
