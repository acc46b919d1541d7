"""Goal and level: asked after /start, skippable, stored, and changeable in /settings."""

from __future__ import annotations

from bot.model.reply import Action

USER = 21


def names(reply) -> set[str]:
    return {a.name for a in reply.actions()}


async def test_start_asks_the_main_goal_after_the_welcome(assistant, content):
    start = await assistant.reply(USER, "/start")
    assert "back-care coach" in start.text
    (question,) = start.extra
    assert "main goal" in question.text
    goals = [a.arg for a in question.actions() if a.name == "set_goal"]
    assert goals == list(content.goals)
    assert Action("onboard_skip") in question.actions()


async def test_goal_then_level_are_stored_and_start_stops_asking(assistant, store, content):
    await assistant.reply(USER, "/start")
    level_question = await assistant.press(USER, Action("set_goal", "glutes"))
    assert "Glute activation" in level_question.text
    for level in content.levels.values():
        assert f"{level.name}: {level.summary}" in level_question.text
    done = await assistant.press(USER, Action("set_level", "intermediate"))
    assert "All set" in done.text and "Intermediate" in done.text
    assert Action("session") in done.actions()
    state = await store.users.load(USER)
    assert (state.goal, state.level, state.onboarded) == ("glutes", "intermediate", True)
    assert not (await assistant.reply(USER, "/start")).extra
    session = await assistant.reply(USER, "/session")
    assert "Glute activation" in session.text and "Intermediate" in session.text


async def test_skipping_uses_sensible_defaults(assistant, store):
    await assistant.reply(USER, "/start")
    skipped = await assistant.press(USER, Action("onboard_skip"))
    assert "Prevention" in skipped.text and "Beginner" in skipped.text
    assert "/settings" in skipped.text
    state = await store.users.load(USER)
    assert (state.goal, state.level, state.onboarded) == ("prevention", "beginner", True)


async def test_a_user_who_never_answered_still_gets_a_session_and_a_hint(assistant):
    reply = await assistant.reply(USER, "/session")
    assert reply.kind == "session" and "Prevention" in reply.text
    assert "/settings" in reply.text


async def test_settings_show_and_change_goal_and_level(assistant, store):
    await assistant.reply(USER, "/start")
    await assistant.press(USER, Action("onboard_skip"))
    settings = await assistant.reply(USER, "/settings")
    assert "Goal: Prevention and general back health" in settings.text
    assert "Level: Beginner" in settings.text
    goal_question = await assistant.press(USER, Action("set_goal"))
    assert "onboard_skip" not in names(goal_question)
    changed = await assistant.press(USER, Action("set_goal", "flexibility"))
    assert "Flexibility and mobility" in changed.text
    level_question = await assistant.press(USER, Action("set_level"))
    assert "set_level" in names(level_question)
    changed = await assistant.press(USER, Action("set_level", "advanced"))
    assert "Advanced" in changed.text
    state = await store.users.load(USER)
    assert (state.goal, state.level) == ("flexibility", "advanced")


async def test_unknown_choices_are_expired_buttons(assistant, store):
    await assistant.reply(USER, "/start")
    for forged in (Action("set_goal", "abs"), Action("set_level", "expert")):
        assert "expired" in (await assistant.press(USER, forged)).text
    assert (await store.users.load(USER)).onboarded is False


async def test_a_first_ever_button_press_can_change_the_level(assistant, store):
    """No /start before: the user row is created before the level change that refers to it."""
    reply = await assistant.press(USER, Action("set_level", "advanced"))
    assert "Advanced" in reply.text
    assert (await store.users.load(USER)).level == "advanced"
