"""The learned signal (naive Bayes over words and letter runs) and its second opinion."""

from __future__ import annotations

from collections import Counter

from bot.language.matching.classifier import Classifier, features


def _bank() -> Classifier:
    """Two topics, each asked three ways; no phrasing holds all of a topic's words."""
    phrasings = [
        (0, "is a soft bed bad for me"),
        (0, "which mattress should I buy"),
        (0, "does my pillow matter"),
        (1, "how often should I train"),
        (1, "how many sessions a week"),
        (1, "is daily exercise too much"),
    ]
    return Classifier([(t, _features(text)) for t, text in phrasings], ["faq:bed", "faq:often"])


def _features(text: str) -> Counter[str]:
    words = [w for w in text.lower().split() if len(w) > 2]
    return features(words, words)


def test_words_from_different_phrasings_add_up_to_their_topic():
    verdict = _bank().classify(_features("soft mattress or firm pillow"))
    assert verdict.best == "faq:bed"


def test_a_misspelt_word_still_leans_on_its_letters():
    verdict = _bank().classify(_features("sesions per wek"))
    assert verdict.best == "faq:often"


def test_nothing_the_content_holds_gives_no_verdict():
    verdict = _bank().classify(_features("zzz qqq"))
    assert verdict.best is None
    assert verdict.known_share == 0.0


def test_a_clear_question_leads_more_than_a_torn_one():
    bank = _bank()
    clear = bank.classify(_features("which mattress and pillow"))
    torn = bank.classify(_features("mattress sessions"))
    assert clear.lead > torn.lead


async def test_an_off_topic_look_alike_is_not_answered(assistant):
    # one shared word ("mattress") with a shop's opening hours around it
    reply = await assistant.reply(1, "which mattress store is open on sunday")
    assert reply.kind != "faq"


async def test_close_rivals_stay_a_choice_though_the_classifier_picks_one(assistant):
    # "when should I see a physio": the entry on when to see a professional and the one on
    # what a physio does are both near; a learned guess must not answer one of them outright
    reply = await assistant.reply(2, "når bør jeg gå til fysioterapeut", language_code="nb")
    assert reply.id != "physio_visit"


async def test_one_button_both_signals_agree_on_is_answered(assistant):
    # texting spelling: the fuzzy rules alone offer a single "did you mean" button
    reply = await assistant.reply(3, "wat is this bot")
    assert (reply.kind, reply.id) == ("faq", "about_bot")
