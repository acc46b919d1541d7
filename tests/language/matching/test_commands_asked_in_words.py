"""Commands asked for in ordinary words, in English and Norwegian."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("message", "command"),
    [
        ("could I change the language to Norwegian", "language"),
        ("open the settings", "settings"),
        ("please erase everything about me", "delete_my_data"),
        ("how do I use this thing", "help"),
    ],
)
async def test_english_commands_in_words(assistant, message, command):
    reply = await assistant.reply(1, message)
    assert reply.command == command, (reply.kind, reply.suggestions)


@pytest.mark.parametrize(
    ("message", "command"),
    [
        ("kan vi snakke engelsk i stedet", "language"),
        ("åpne innstillingene mine", "settings"),
    ],
)
async def test_norwegian_commands_in_words(bilingual, message, command):
    reply = await bilingual.reply(2, message, language_code="nb")
    assert reply.command == command, (reply.kind, reply.suggestions)


async def test_a_language_named_in_passing_does_not_switch(assistant):
    reply = await assistant.reply(3, "how do you say good morning in Norwegian")
    assert reply.command != "language"
