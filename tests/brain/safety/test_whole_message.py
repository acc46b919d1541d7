"""The whole-message detector: it reads the message as one piece against a labelled bank, so a
red flag spread over sentences, or a goodbye no phrase lines up with, still gets a question.
It only ever raises to a question; look-alikes in the bank hold it back."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content.loader import load_library
from bot.language.triage.triage import Triage
from bot.language.triage.whole_message import (
    ExemplarBank,
    ExemplarGroup,
    WholeMessage,
    load_bank,
)

KNOWLEDGE = Path("knowledge")


def _actions(reply) -> set[str]:
    """Buttons of the reply and of what follows it (advice, then the screening question)."""
    return {a.name for part in (reply, *reply.extra) for a in part.actions()}


def _bank(**groups: list[str]) -> ExemplarBank:
    return ExemplarBank(
        threshold=0.3,
        crisis_threshold=0.3,
        min_words=3,
        margin=0.05,
        groups=[ExemplarGroup(label=label, texts=texts) for label, texts in groups.items()],
    )


def test_a_message_close_to_a_red_flag_is_raised_to_its_label():
    detector = WholeMessage(
        _bank(
            weight_loss=["losing weight without trying", "my clothes hang off me"],
            benign_everyday=["which stretch helps a stiff back", "how long is the plank"],
        )
    )
    assert detector.raised("I keep losing weight without even trying") == ("weight_loss",)
    assert detector.raised("how long should I hold the plank") == ()
    assert detector.raised("losing weight") == (), "two words are a command or an answer"


def test_a_closer_look_alike_holds_the_raise_back():
    detector = WholeMessage(
        _bank(
            trauma_serious=["fell off the roof today and hurt my back", "crashed my car today"],
            benign_past=["fell off a roof years ago, healed fully", "crashed my car long ago"],
        )
    )
    assert detector.raised("I fell off the roof years ago, it healed fully") == ()
    assert detector.raised("fell off the roof today, back hurts a lot") == ("trauma_serious",)


def test_a_sign_inside_a_long_message_is_found_in_its_window():
    detector = WholeMessage(
        _bank(
            crisis=["everyone would be better off without me", "i want to be gone for good"],
            benign_everyday=["my back is stiff today", "which exercise should I do next"],
        )
    )
    story = (
        "Work was busy. The weather turned cold. I bought new trainers. We had pasta twice. "
        "Everyone would be better off without me. My sister rang on Sunday. The cat is fine."
    )
    assert detector.raised(story) == ("crisis",)


@pytest.mark.parametrize("language", ["en", "nb"])
def test_every_language_ships_a_bank_whose_labels_are_rules(language):
    library = load_library(KNOWLEDGE)
    rules = {rule.id for rule in library[language].safety.rules}
    bank = load_bank(KNOWLEDGE / language)
    assert bank is not None
    labels = {group.label for group in bank.groups}
    assert {label for label in labels if not label.startswith("benign")} <= rules | {"crisis"}
    assert any(label.startswith("benign") for label in labels)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "I'm 71. Never had trouble with my back. Since the start of the month it aches daily.",
            "en",
        ),
        ("jeg er 70 og har aldri hatt vondt i ryggen, men nå verker det hver dag", "nb"),
    ],
)
async def test_an_older_age_with_new_pain_is_never_left_without_a_doctor_or_a_question(
    bilingual, text, language
):
    """The message-wide age rule now alarms; the detector's age question stands behind it."""
    reply = await bilingual.reply(91, text, language_code=language)
    assert reply.severity == "urgent" or "screen_yes" in _actions(reply)


async def test_a_goodbye_no_rule_reads_gets_the_crisis_check_in(bilingual, library):
    text = "skrev brev til ungene og ordnet papirene mine. takk for hjelpa med ryggen"
    assert Triage(library["nb"].safety).assess(text).tier is None
    reply = await bilingual.reply(92, text, language_code="nb")
    assert reply.severity is None
    assert "116 123" in reply.text.splitlines()[0]
    assert _actions(reply) >= {"crisis_yes", "crisis_no"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("which exercise should I start with?", "en"),
        ("this side plank is killing me lol", "en"),
        ("hvilken øvelse skal jeg starte med?", "nb"),
        ("planken dreper meg haha", "nb"),
    ],
)
async def test_everyday_messages_raise_nothing(bilingual, text, language):
    reply = await bilingual.reply(93, text, language_code=language)
    assert not _actions(reply) & {"screen_yes", "crisis_yes"}
    assert reply.severity not in ("emergency", "urgent", "crisis")
