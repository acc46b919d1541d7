"""How Norwegian is read for answers: folded letters that must not make one word another,
compounds, dialect, lay words for goals and exercises, and times said in words."""

from __future__ import annotations

from datetime import time

import pytest

from bot.language.commands import parse_clock, reminder_request
from bot.language.dialect import dialect_of, speaking
from bot.language.text import normalize

USER = 811


@pytest.fixture
def norwegian(library):
    with speaking(dialect_of(library["nb"].profile, "nb")):
        yield library["nb"]


def test_no_synonym_folds_into_a_grammar_word(norwegian):
    """ "bære" typed without æ is "bare" (only), "øm" is "om" (if): a synonym spelled like a
    grammar word would turn every "bare" into lifting and every "om" into pain."""
    stop_words = {normalize(word) for word in norwegian.profile.stop_words}
    clashes = [
        (group, variant)
        for group, variants in norwegian.synonyms.items()
        for variant in variants
        if normalize(variant) in stop_words
    ]
    assert clashes == []


@pytest.mark.parametrize(
    ("message", "entry"),
    [
        # "bare" (only) and "om" (if, about) are plain grammar words, not lifting or pain
        ("holder det å bare gå en tur hver dag?", "walking_activity"),
        ("har dere råd om hvilken madrass som er best for ryggen?", "mattress"),
        # a compound is read as its parts; Nynorsk and dialect as Bokmål
        ("kor ofte bør eg gjere ryggøvingane?", "how_often"),
        ("hvor mange ganger i veka skal jeg ta ryggtreningen", "how_often"),
        # English mixed in
        ("is it safe å gjøre øvelsene når man er gravid?", "pregnancy"),
        # pain asked about, not reported: the FAQ answers, not "stop this exercise"
        ("kan jeg gjøre øvelsene selv om isjiasen stråler ned i leggen?", "sciatica"),
        ("hvor høy smerte er greit under øvelsene, målt fra 0 til 10?", "pain_scale"),
        # "om" is not "øm" (sore): a question about equipment is no soreness report
        ("har dere noen råd om hva slags utstyr jeg trenger til øvelsene?", "equipment"),
    ],
)
async def test_norwegian_questions_read_as_meant(bilingual, message, entry):
    reply = await bilingual.reply(USER, message, USER, language_code="nb")
    assert (reply.kind, reply.id) == ("faq", entry), (reply.kind, reply.id, reply.suggestions)


@pytest.mark.parametrize(
    ("message", "wanted"),
    [
        ("vis meg hvordan man gjør kneruller", "exercise:knee_rolls"),
        ("hvordan gjør man sideplanken riktig", "exercise:side_plank"),
        ("forklar bekkenvipp", "exercise:pelvic_tilt"),
        # An exercise's own name, alone or in a question: its card, not one "did you mean"
        # button, though "plank" also stands in the side plank's and FAQ entries' phrasings
        ("planken", "exercise:plank"),
        ("hvordan gjør jeg planken?", "exercise:plank"),
        ("broen", "exercise:glute_bridge"),
        ("har dere noen coreøvelser til meg", "goal:core"),
        ("gi meg noe som gjør meg mjukare i ryggen", "goal:flexibility"),
        ("trenger øvelser for å aktivere setemusklene", "goal:glutes"),
    ],
)
async def test_exercises_and_goals_asked_for_in_lay_words(bilingual, message, wanted):
    reply = await bilingual.reply(USER, message, USER, language_code="nb")
    kind, _, ident = wanted.partition(":")
    assert (reply.kind, reply.id) == ({"exercise": "exercise", "goal": "exercises"}[kind], ident), (
        reply.kind,
        reply.id,
        reply.suggestions,
    )


@pytest.mark.parametrize(
    ("said", "at"),
    [
        ("klokka halv åtte", time(7, 30)),
        ("halv 7 om kvelden", time(18, 30)),
        ("kvart over seks", time(6, 15)),
        ("kvart på ni i kveld", time(20, 45)),
        ("kl 7 etter jobb", time(19, 0)),
        ("kl 7.30 om kvelden", time(19, 30)),
        ("kl 7.30", time(7, 30)),
        ("kl 21", time(21, 0)),
    ],
)
def test_norwegian_times_in_words(norwegian, said, at):
    assert parse_clock(said) == at


def test_a_reminder_asked_for_with_half_an_hour_in_words(norwegian):
    request = reminder_request("dult meg tirsdag og fredag klokka halv sju om morgenen")
    assert request is not None
    assert (request.action, sorted(request.days), request.at) == ("set", [1, 4], time(6, 30))
    evening = reminder_request("ping meg hver kveld kvart over ni")
    assert evening is not None
    assert (evening.action, evening.at) == ("set", time(21, 15))


def test_stopping_the_morning_reminders_is_not_setting_new_ones(norwegian):
    request = reminder_request("kan du slutte å sende meg påminnelser hver morgen?")
    assert request is not None
    assert request.action == "stop"


def test_english_times_keep_their_own_reading():
    assert parse_clock("half past seven") == time(7, 30)
    assert parse_clock("at 7 in the evening") == time(19, 0)


def test_going_on_with_the_bot_is_not_resuming_reminders(norwegian):
    """ "fortsette" is everyday "go on": only the reminders going on again resumes them."""
    request = reminder_request("jeg fortsetter å bruke deg, men kan du slå av påminnelsene?")
    assert request is not None
    assert request.action == "stop"
    again = reminder_request("kan du starte påminnelsene igjen")
    assert again is not None
    assert again.action == "resume"


@pytest.mark.parametrize(
    "message",
    [
        # "norsk" alone is no request to switch language
        "Vet du om en god roman på norsk om fiske i Lofoten? Jeg leser mye om vinteren.",
        "Hvor tar jeg norsk førerkort? Jeg har bare det svenske.",
        # "mindre" alone is no request for stretching
        "Har du tips til hvordan jeg kan gjøre møtene på jobben mindre lange?",
    ],
)
async def test_off_topic_questions_with_a_known_word_get_no_answer(bilingual, message):
    reply = await bilingual.reply(USER, message, USER, language_code="nb")
    assert reply.kind == "fallback", (reply.kind, reply.id, reply.command, reply.suggestions)
