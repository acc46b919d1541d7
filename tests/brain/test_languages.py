"""English and Norwegian: which language a user is answered in, and that everything follows it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.language.dialect import dialect_of, speaking
from bot.language.text import normalize
from bot.model.reply import Action, Reply

NORWEGIAN_USER, ENGLISH_USER = 801, 802


def buttons(reply: Reply) -> dict[str, Action]:
    return {button.label: button.action for row in reply.buttons for button in row}


async def test_telegram_app_language_nb_gets_the_norwegian_welcome(bilingual, library):
    reply = await bilingual.reply(NORWEGIAN_USER, "/start", NORWEGIAN_USER, language_code="nb")
    welcome = library["nb"].messages.general.welcome
    assert reply.text.startswith(welcome.split("\n")[0])
    assert welcome != library["en"].messages.general.welcome
    assert reply.language == "nb"


@pytest.mark.parametrize("code", ["nb", "nn", "no", "nb-NO"])
async def test_every_norwegian_app_language_means_bokmal(bilingual, code):
    reply = await bilingual.reply(NORWEGIAN_USER, "/help", NORWEGIAN_USER, language_code=code)
    assert reply.language == "nb"


async def test_the_choice_is_stored_and_kept_without_an_app_language(bilingual, store, library):
    await bilingual.reply(NORWEGIAN_USER, "/start", NORWEGIAN_USER, language_code="nb")
    assert (await store.users.load(NORWEGIAN_USER)).language == "nb"
    reply = await bilingual.reply(NORWEGIAN_USER, "hvor ofte bør jeg trene?", NORWEGIAN_USER)
    assert (reply.kind, reply.id, reply.language) == ("faq", "how_often", "nb")
    assert library["nb"].faq["how_often"].answer.split("\n")[0] in reply.text
    export = await store.users.export(NORWEGIAN_USER)
    assert export["users"][0]["language"] == "nb"


async def test_first_message_in_norwegian_without_app_language_picks_norwegian(bilingual, store):
    reply = await bilingual.reply(NORWEGIAN_USER, "hei, jeg har vondt i korsryggen når jeg sitter")
    assert reply.language == "nb"
    assert (await store.users.load(NORWEGIAN_USER)).language == "nb"


async def test_norwegian_exercise_card_and_goal_list(bilingual, library):
    card = await bilingual.press(NORWEGIAN_USER, Action("exercise", "glute_bridge"), 0, "nb")
    assert library["nb"].exercises["glute_bridge"].name in card.text
    assert library["nb"].exercises["glute_bridge"].steps[0] in card.text


async def test_language_command_switches_both_ways(bilingual, store, library):
    await bilingual.reply(ENGLISH_USER, "/start", ENGLISH_USER, language_code="en")
    for typed in ("/language", "/språk", "/sprak"):
        menu = await bilingual.reply(ENGLISH_USER, typed, ENGLISH_USER)
        assert set(buttons(menu)) >= {"English", "Norsk"}
    switched = await bilingual.press(ENGLISH_USER, buttons(menu)["Norsk"], ENGLISH_USER)
    assert switched.text.startswith(library["nb"].messages.language.switched.split("\n")[0])
    assert (await store.users.load(ENGLISH_USER)).language == "nb"
    back = await bilingual.reply(ENGLISH_USER, "/language english", ENGLISH_USER)
    assert back.text.startswith(library["en"].messages.language.switched.split("\n")[0])
    assert (await store.users.load(ENGLISH_USER)).language == "en"


async def test_a_message_clearly_in_the_other_language_is_answered_in_it_with_an_offer(
    bilingual, store, library
):
    await bilingual.reply(ENGLISH_USER, "/start", ENGLISH_USER, language_code="en")
    reply = await bilingual.reply(ENGLISH_USER, "hvor ofte bør jeg gjøre øvelsene?", ENGLISH_USER)
    assert (reply.id, reply.language) == ("how_often", "nb")
    offer = buttons(reply)[library["nb"].messages.language.offer_button]
    assert offer == Action("language", "nb")
    assert (await store.users.load(ENGLISH_USER)).language == "en", "not switched until asked"
    short = await bilingual.reply(ENGLISH_USER, "ok", ENGLISH_USER)
    assert short.language == "en"


async def test_reminders_asked_for_in_norwegian_words(bilingual, store):
    reply = await bilingual.reply(
        NORWEGIAN_USER, "minn meg på mandag og torsdag kl 7.30", NORWEGIAN_USER, "nb"
    )
    assert reply.command == "remind"
    subscription = await store.reminders.get(NORWEGIAN_USER)
    assert sorted(subscription.schedule.days) == [0, 3]
    assert subscription.schedule.time_text == "07:30"
    typed = await bilingual.reply(NORWEGIAN_USER, "/remind man,ons,fre 18:30", NORWEGIAN_USER)
    assert typed.command == "remind"
    assert sorted((await store.reminders.get(NORWEGIAN_USER)).schedule.days) == [0, 2, 4]
    stopped = await bilingual.reply(NORWEGIAN_USER, "stopp påminnelsene mine", NORWEGIAN_USER)
    assert stopped.command in ("reminders", "remind_stop")


async def test_the_reminder_is_written_in_the_subscribers_language(bilingual, clock, library):
    await bilingual.reply(NORWEGIAN_USER, "/remind man,ons,fre 18:30", NORWEGIAN_USER, "nb")
    clock.set(datetime(2026, 1, 5, 17, 30, tzinfo=UTC))  # Monday 18:30 in Oslo
    await bilingual.outbox.come_due()
    (delivery,) = await bilingual.outbox.owed(10)
    reminder = await bilingual.outbox.compose(delivery)
    assert library["nb"].messages.reminders.reminder_title in reminder.text


@pytest.mark.parametrize(
    "message",
    [
        "jeg får ikke kontroll over blæren og har vondt i ryggen",
        "jeg faar ikke kontroll over blaeren og har vondt i ryggen",
        "I've had back pain for a week and now jeg får ikke kontroll over blæren",
    ],
)
async def test_a_norwegian_red_flag_gets_113_first_in_any_spelling_or_mix(bilingual, message):
    reply = await bilingual.reply(NORWEGIAN_USER, message, NORWEGIAN_USER, language_code="nb")
    assert reply.severity == "emergency"
    assert "113" in reply.text.split("\n")[0]


async def test_an_english_red_flag_from_a_norwegian_user_still_raises_the_alarm(bilingual):
    await bilingual.reply(NORWEGIAN_USER, "/start", NORWEGIAN_USER, language_code="nb")
    reply = await bilingual.reply(
        NORWEGIAN_USER, "I suddenly can't control my bladder and my back hurts", NORWEGIAN_USER
    )
    assert reply.severity == "emergency"


def test_norwegian_letters_typed_any_way_read_the_same(library):
    dialect = dialect_of(library["nb"].profile, "nb")
    with speaking(dialect):
        spellings = {normalize(word) for word in ("blæren", "blaeren", "blaren")}
        assert len(spellings) == 1
        assert normalize("Eg får IKKJE sove") == normalize("jeg får ikke sove")
    assert normalize("I can't sleep") == "i cannot sleep", "English keeps its own reading"


async def test_the_session_title_names_the_day_in_norwegian(bilingual):
    await bilingual.reply(NORWEGIAN_USER, "/start", NORWEGIAN_USER, language_code="nb")
    session = await bilingual.reply(NORWEGIAN_USER, "/session", NORWEGIAN_USER)
    assert "mandag 5 januar" in session.text  # the test clock is Monday 5 January 2026
    assert "Monday" not in session.text
