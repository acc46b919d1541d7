"""Everyday words for the topics (synonyms.yaml): joined-up texting spellings, clinical terms,
sayings such as "put my back out", in English and Norwegian."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("message", "entry"),
    [
        ("heatpad or icepack for a stiff back?", "heat_or_ice"),
        ("are anti-inflammatories better than doing the exercises?", "active_vs_passive"),
    ],
)
async def test_english_everyday_words(assistant, message, entry):
    reply = await assistant.reply(1, message)
    assert (reply.kind, reply.id) == ("faq", entry), (reply.kind, reply.suggestions)


@pytest.mark.parametrize(
    ("message", "entry"),
    [
        ("er betennelsesdempende bedre enn trening?", "active_vs_passive"),
        ("fikk krampe i ryggen i går, kan jeg trene likevel?", "flare_up"),
        ("jordmora sa jeg burde trene, er øvelsene trygge nå?", "pregnancy"),
    ],
)
async def test_norwegian_everyday_words(bilingual, message, entry):
    reply = await bilingual.reply(2, message, language_code="nb")
    assert (reply.kind, reply.id) == ("faq", entry), (reply.kind, reply.suggestions)


@pytest.mark.parametrize(
    "message",
    [
        "what moves shouldnt i do with my dodgy back",  # "should not do" means avoid
        "any exercise i must not do when my back is bad?",
        "wat shud i keep away frum with a sore bak",  # texting: the phrase is read once respelled
    ],
)
async def test_what_not_to_do_is_what_to_avoid(assistant, message):
    reply = await assistant.reply(3, message)
    assert (reply.kind, reply.id) == ("faq", "what_to_avoid"), (reply.kind, reply.suggestions)


async def test_a_folded_phrase_is_not_folded_again(assistant):
    """A support belt is a belt; a lumbar support belt keeps "lumbar" (no second fold)."""
    reply = await assistant.reply(4, "lumbar suport belt")
    assert (reply.kind, reply.id) == ("faq", "belt_info"), (reply.kind, reply.suggestions)
