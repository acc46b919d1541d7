"""Question-finding: context does not drown the question; two questions get two answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.brain.built import built_for
from bot.content.loader import load_library
from bot.language.dialect import speaking
from bot.language.matching.decision import GOAL_PREFIX, build_targets, decide_message
from bot.language.matching.matcher import Matcher
from bot.language.sentences import is_question, questions, sentences


def test_sentences_split_at_ends_and_line_breaks_but_not_abbreviations():
    text = "My back hurts, e.g. in the morning. What helps?\nAlso: how often?"
    assert sentences(text) == [
        "My back hurts, e.g. in the morning.",
        "What helps?",
        "Also: how often?",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "What helps?",
        "also could it be my chair",
        "and how long does it take",
        "I wonder if it helps",
    ],
)
def test_questions_are_recognised(sentence):
    assert is_question(sentence)


def test_statements_are_not_questions():
    assert not is_question("My son plays a lot of football.")


def test_without_a_question_the_last_sentence_is_taken():
    assert questions("I sit all day. My back aches.") == [(1, "My back aches.")]


@pytest.fixture(scope="module")
def matcher(content):
    return Matcher(build_targets(content), content.synonyms, (GOAL_PREFIX,))


def test_a_context_preamble_does_not_drown_the_question(matcher):
    text = (
        "My son is 16 and plays a lot of football. He has been complaining about his lower back "
        "for a couple of weeks, mostly after matches. He is otherwise fit. "
        "What actually causes this kind of pain?"
    )
    decisions = decide_message(matcher, text)
    assert decisions[0].outcome == "answer"
    assert decisions[0].key == "faq:causes"


def test_two_questions_get_two_answers(matcher):
    text = (
        "I started a month ago and then work got busy. "
        "How many times a week should I be doing it? And how long before I feel better?"
    )
    keys = [d.key for d in decide_message(matcher, text) if d.outcome == "answer"]
    assert keys == ["faq:how_often", "faq:results_timeline"]


def test_a_short_message_is_judged_whole(matcher):
    (decision,) = decide_message(matcher, "how often should i exercise")
    assert decision.key == "faq:how_often"


def test_a_near_exact_tie_picks_the_action_not_buttons(matcher):
    from bot.language.matching.decision import decide

    decision = decide(matcher, "delete my data")
    assert decision.outcome == "answer"
    assert decision.key == "command:delete_my_data"


def test_a_trigger_word_in_an_off_topic_question_does_not_start_a_session(matcher):
    from bot.language.matching.decision import decide

    assert decide(matcher, "is it going to rain today").outcome == "fallback"


def test_a_norwegian_question_without_a_question_mark_is_found_inside_its_story():
    """The question words are Norwegian when the dialect is: "kan ..." asks, the story does not."""
    from bot.brain.built import build_language
    from bot.content.loader import load_library
    from bot.language.dialect import speaking
    from tests.conftest import KNOWLEDGE

    norwegian = build_language(load_library(KNOWLEDGE)["nb"], "nb")
    text = (
        "Jeg er 81 år og har hatt stiv rygg så lenge jeg kan huske. Datteren min la inn denne "
        "appen på telefonen min. Kan jeg i min alder gjøre disse øvelsene. "
        "Jeg går med stokk på dårlige dager."
    )
    with speaking(norwegian.dialect):
        assert questions(text) == [(2, "Kan jeg i min alder gjøre disse øvelsene.")]
        assert not is_question("Jeg går med stokk på dårlige dager.")
        assert is_question("og hvor lenge varer en økt")
        assert is_question("jeg lurer på om det hjelper")
        (decision,) = decide_message(norwegian.matcher, text)
    assert decision.key == "faq:older_adults"


def test_a_question_that_names_its_topic_only_in_the_story_is_answered_from_the_story(matcher):
    text = (
        "I run a small bakery and I'm up at four most days, kneading dough and hauling flour "
        "sacks about. By the evening my lower back is stiff and I just want to collapse on the "
        "settee. My neighbour swears by a hot water bottle, my brother says a bag of ice. "
        "Which of the two is better for an aching back?"
    )
    decisions = decide_message(matcher, text)
    assert [(d.outcome, d.key) for d in decisions] == [("answer", "faq:heat_or_ice")]


def test_a_long_story_about_something_else_stays_unanswered(matcher):
    text = (
        "We are driving to my sister's wedding in the north next weekend and the forecast looks "
        "grim, with snow on the mountain pass and the ferry timetable changed again. The kids "
        "want to stop at every petrol station. Which road would you choose to miss the weather?"
    )
    assert decide_message(matcher, text)[0].outcome != "answer"


def test_a_weak_question_sentence_is_answered_when_the_whole_story_agrees(matcher):
    text = (
        "I coach an under-twelves football team on Saturdays and stand on a cold touchline for "
        "hours. My back gets stiff. Someone at the club said cold makes it worse and warmth "
        "helps. Should I be putting something warm or something cold on it afterwards?"
    )
    decisions = decide_message(matcher, text)
    assert [(d.outcome, d.key) for d in decisions] == [("answer", "faq:heat_or_ice")]


def test_norwegian_question_that_leans_on_its_story_is_answered():
    parts = built_for(load_library(Path(__file__).parents[3] / "knowledge")["nb"], "nb")
    text = (
        "Jeg har et bakeri og står opp klokka fire, elter deig og bærer melsekker. Om kvelden er "
        "korsryggen stiv og jeg vil bare ligge på sofaen. Naboen sverger til varmeflaske, broren "
        "min sier en pose is. Hvilken av de to er best for en vond rygg?"
    )
    with speaking(parts.dialect):
        decisions = decide_message(parts.matcher, text)
    assert [(d.outcome, d.key) for d in decisions] == [("answer", "faq:heat_or_ice")]


async def test_a_question_that_leans_on_its_story_keeps_the_story_topic(bilingual):
    # "Are the exercises safe for her?" alone is about side effects; the story says pregnancy,
    # and the whole message is answered clearly. Both languages.
    english = await bilingual.reply(1, "My wife is pregnant. Are the exercises safe for her?")
    norwegian = await bilingual.reply(
        2, "Jeg er gravid i uke 24. Er det trygt å fortsette med disse?", language_code="nb"
    )
    assert (english.kind, english.id) == ("faq", "pregnancy")
    assert (norwegian.kind, norwegian.id) == ("faq", "pregnancy")


def test_one_long_run_on_story_is_answered_by_what_it_is_mostly_about(matcher):
    # No full stop, no question mark: the question is only "which kind is better", and the topic
    # (the bed) is told in the story. The ranking of a story this long carries.
    text = (
        "my uncle runs a furniture shop and keeps telling me i need a new bed because ours sags "
        "in the middle and i wake up stiff most days so i was thinking about it but there are so "
        "many kinds and i have no clue if a hard one or a soft one or foam is better when your "
        "lower back is grumpy"
    )
    assert [(d.outcome, d.key) for d in decide_message(matcher, text)] == [
        ("answer", "faq:mattress")
    ]


def _decision(outcome, *scored, words=30, agreed=()):
    """A decision over made-up candidates: (key, score) pairs, best first."""
    from bot.language.matching.decision import Decision
    from bot.language.matching.matcher import Candidate, Match

    candidates = tuple(Candidate(key, score, 0.5, key in agreed) for key, score in scored)
    match = Match("text", tuple(f"w{i}" for i in range(words)), 0.7, candidates)
    chosen = candidates[:2] if outcome == "clarify" else candidates[:1]
    return Decision(outcome, match, chosen if outcome != "fallback" else ())


def test_close_rivals_in_a_question_are_settled_by_the_story_around_it():
    from bot.language.matching.decision import _picked_by_context

    sentence = _decision("clarify", ("faq:home_office", 39.0), ("faq:desk_sitting", 38.0))
    story = _decision(
        "fallback",
        ("faq:home_office", 17.8),
        ("faq:desk_sitting", 15.7),
        agreed=("faq:home_office",),
    )
    assert _picked_by_context(sentence, story).key == "faq:home_office"
    level = _decision("fallback", ("faq:home_office", 16.0), ("faq:desk_sitting", 15.7))
    assert _picked_by_context(sentence, level) is None  # the story does not choose either
    short = _decision("fallback", ("faq:home_office", 30.0), ("faq:desk_sitting", 15.0), words=8)
    assert _picked_by_context(sentence, short) is None  # too little story to settle anything


def test_a_second_question_answers_lower_when_the_whole_message_ranks_it_high(matcher):
    from bot.language.matching.decision import _supported

    story = _decision("fallback", ("faq:stress", 14.0), ("faq:sleep", 12.3), ("faq:causes", 11.0))
    second = _decision(
        "fallback", ("faq:sleep", 38.0), ("faq:mattress", 28.0), agreed=("faq:sleep",)
    )
    assert _supported(matcher, second, story)
    unknown = _decision(
        "fallback", ("faq:videos", 38.0), ("faq:guide", 28.0), agreed=("faq:videos",)
    )
    assert not _supported(matcher, unknown, story)  # the story never ranks it: not what is asked
    unsure = _decision(
        "fallback", ("faq:sleep", 38.0), ("faq:mattress", 34.0), agreed=("faq:sleep",)
    )
    assert not _supported(matcher, unsure, story)  # its rival is too close


def test_a_request_told_without_a_question_is_answered_beside_the_question(matcher):
    text = (
        "My granddad wants to join me in the mornings, he is a bit stiff. "
        "I'd like a printed copy of the programme for him. Are there videos too?"
    )
    keys = [d.key for d in decide_message(matcher, text) if d.outcome == "answer"]
    assert keys == ["faq:guide", "faq:videos"]


def test_a_request_is_not_lost_to_a_remark_read_as_the_question(matcher):
    # The last sentence is taken as the question (there is no other), but the message asks
    # for stretches: the remark about the back does not get an answer of its own.
    text = "Could I get a set of stretches for my stiff legs and hips please. My back feels tight."
    assert [(d.outcome, d.key) for d in decide_message(matcher, text)] == [
        ("answer", "goal:flexibility")
    ]


RUN_ON = (
    "ok so my mate at work keeps going on about the plank and the bird dog and says they are "
    "the best moves for a strong back and i have been trying them most nights and i am "
    "wondering which ones actually work the back muscles best and also do i need to get "
    "weights or bands for any of them"
)


def test_a_run_on_message_is_cut_where_its_second_question_starts():
    from bot.language.sentences import clauses

    parts = clauses(RUN_ON)
    assert len(parts) == 2
    assert parts[1] == "and also do i need to get weights or bands for any of them"
    assert clauses("My son plays football and he says his back is sore after matches.") == [
        "My son plays football and he says his back is sore after matches."
    ]


def test_two_questions_in_one_run_on_sentence_get_both_answers(matcher):
    keys = [d.key for d in decide_message(matcher, RUN_ON) if d.outcome == "answer"]
    assert keys == ["faq:best_back_moves", "faq:equipment"]
