"""The reply pipeline, in process: what a user would see for typical and awkward messages."""

from __future__ import annotations

from bot.model.reply import Action


async def test_how_often_gets_the_three_to_four_times_a_week_answer(assistant):
    reply = await assistant.reply(1, "how often should I exercise?")
    assert reply.kind == "faq"
    assert reply.id == "how_often"
    assert "3" in reply.text and "week" in reply.text


async def test_glute_bridge_request_shows_numbered_steps(assistant, content):
    reply = await assistant.reply(1, "how do I do a glute bridge")
    assert reply.kind == "exercise"
    assert reply.id == "glute_bridge"
    first_step = content.exercises["glute_bridge"].steps[0]
    assert f"1. {first_step}" in reply.text
    assert "2. " in reply.text
    assert content.exercises["glute_bridge"].dosing.beginner in reply.text


async def test_exercise_card_offers_easier_and_harder_versions(assistant, content):
    reply = await assistant.reply(1, "bird dog")
    actions = reply.actions()
    assert Action("variation", "bird_dog.easier") in actions
    harder = await assistant.press(1, Action("variation", "bird_dog.harder"))
    assert f"1. {content.exercises['bird_dog'].harder.steps[0]}" in harder.text


async def test_goal_request_lists_the_goal_exercises(assistant, content):
    reply = await assistant.reply(1, "core exercises")
    assert reply.kind == "exercises"
    assert reply.id == "core"
    for exercise in content.exercises_for_goal("core"):
        assert exercise.name in reply.text


async def test_off_topic_question_gets_an_honest_fallback_with_the_menu(assistant, store):
    reply = await assistant.reply(1, "what's the weather like in Oslo tomorrow?")
    assert reply.kind == "fallback"
    assert "don't have a good answer" in reply.text
    assert Action("goals") in reply.actions()
    misses = await store.learning.top_misses()
    assert misses and "weather" in misses[0].text


async def test_greeting_and_thanks_are_small_talk(assistant):
    assert (await assistant.reply(1, "hi!")).kind == "smalltalk"
    assert (await assistant.reply(1, "Thanks a lot")).id == "thanks"


async def test_faq_answer_offers_related_entries_and_not_helpful(assistant, content, store):
    reply = await assistant.reply(1, "how often should I exercise?")
    related = content.faq["how_often"].related
    assert [a.arg for a in reply.actions() if a.name == "faq"] == related
    follow = await assistant.press(1, Action("faq", related[0]))
    assert follow.id == related[0]
    await assistant.press(1, Action("nothelpful", "how_often"))
    assert await store.learning.unhelpful_counts() == [("how_often", 1)]


async def test_stale_or_forged_buttons_expire_politely(assistant):
    for action in (Action("faq", "deleted_entry"), Action("nonsense", "x"), Action("goal", "")):
        reply = await assistant.press(1, action)
        assert "expired" in reply.text


async def test_empty_and_whitespace_messages(assistant):
    for text in ("", "   ", "\u200b\u200b", None):
        reply = await assistant.reply(1, text)
        assert "didn't catch any words" in reply.text


async def test_very_long_message_is_read_not_rejected(assistant):
    reply = await assistant.reply(1, "how often should I exercise? " * 400)
    assert "read the beginning" in reply.text
    assert reply.kind in ("faq", "clarify", "fallback")


async def test_html_in_a_message_is_just_text(assistant):
    reply = await assistant.reply(1, "<b>how often</b> should I <script>exercise</script>?")
    assert reply.kind in ("faq", "clarify")


async def test_unknown_command_lists_what_the_bot_can_do(assistant):
    reply = await assistant.reply(1, "/frobnicate")
    assert "don't know that command" in reply.text
    assert "/exercises" in reply.text


async def test_start_shows_disclaimer_and_menu(assistant):
    reply = await assistant.reply(1, "/start")
    assert "not medical advice" in reply.text
    assert Action("goals") in reply.actions()


async def test_command_with_bot_username_suffix(assistant):
    reply = await assistant.reply(1, "/help@backcare_test_bot")
    assert "/exercises" in reply.text
