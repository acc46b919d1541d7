"""The coach in process: /session, the step-by-step walk, feedback, progression and safety."""

from __future__ import annotations

from datetime import date, timedelta

from bot.brain.coach.progression import (
    STREAK_FOR_LEVEL_UP,
    exercise_feedback,
    streak_progress,
)
from bot.model.reply import Action
from tests.support.brain import coach

USER = 11


def action(reply, name: str) -> Action:
    return next(a for a in reply.actions() if a.name == name)


async def onboard(assistant, goal: str = "core", level: str = "beginner") -> None:
    await assistant.reply(USER, "/start")
    await assistant.press(USER, Action("set_goal", goal))
    await assistant.press(USER, Action("set_level", level))


async def first_main_step(assistant):
    """Open today's session and walk to its first main-block exercise (after the warm-up)."""
    overview = await assistant.reply(USER, "/session")
    step = await assistant.press(USER, action(overview, "session_step"))
    return await assistant.press(USER, action(step, "session_step"))


def test_progression_rules():
    assert exercise_feedback("beginner", 0, 1).stage == 1
    assert exercise_feedback("beginner", 1, 1).level == "intermediate"
    assert exercise_feedback("beginner", 1, 1).stage == 0
    assert exercise_feedback("advanced", 1, 1).outcome == "at_top"
    assert exercise_feedback("intermediate", -1, -1).level == "beginner"
    assert exercise_feedback("beginner", -1, -1).outcome == "at_bottom"
    assert exercise_feedback("beginner", 1, -1).stage == 0
    assert streak_progress("beginner", STREAK_FOR_LEVEL_UP - 1).outcome == "unchanged"
    assert streak_progress("beginner", STREAK_FOR_LEVEL_UP).level == "intermediate"
    assert streak_progress("advanced", 99).outcome == "unchanged"


async def test_session_shows_warm_up_main_block_cool_down_with_doses(assistant, content):
    await onboard(assistant, "core", "beginner")
    reply = await assistant.reply(USER, "/session")
    assert reply.kind == "session"
    text = reply.text
    for heading in ("Warm-up", "Main block", "Cool-down"):
        assert heading in text
    assert "Monday 5 January" in text and "Core stabilisation" in text
    names = [e for e in content.exercises.values() if e.name in text]
    assert len(names) >= 5
    assert all(e.dosing.beginner in text for e in names if f"{e.name} (" in text)
    assert {a.name for a in reply.actions()} >= {
        "session_step",
        "session_done",
        "session_easy",
        "session_hard",
        "pain",
    }
    again = await assistant.reply(USER, "/session")
    assert again.text == text, "the same session all day"


async def test_walk_through_a_session_one_exercise_at_a_time(assistant, store):
    await onboard(assistant)
    overview = await assistant.reply(USER, "/session")
    reply = await assistant.press(USER, action(overview, "session_step"))
    seen = []
    while "session_done" not in {a.name for a in reply.actions()}:
        assert reply.kind == "session" and "How to do it:" in reply.text
        seen.append(reply.id)
        reply = await assistant.press(USER, action(reply, "session_step"))
    seen.append(reply.id)
    assert len(seen) == len(set(seen)) >= 6
    assert reply.text.startswith(f"{len(seen)}/{len(seen)} Cool-down")
    finished = await assistant.press(USER, action(reply, "session_done"))
    assert "Well done" in finished.text and "Sessions this week: 1" in finished.text
    records = await store.progress.recent(USER)
    assert [(r.local_date, r.outcome) for r in records] == [(date(2026, 1, 5), "done")]
    twice = await assistant.press(USER, action(reply, "session_done"))
    assert "already noted" in twice.text and "Sessions this week: 1" in twice.text


async def test_too_easy_moves_the_exercise_up_then_the_level(assistant, store, content):
    await onboard(assistant)
    step = await first_main_step(assistant)
    exercise = content.exercises[step.id]

    change = await assistant.press(USER, action(step, "session_easy"))
    assert f"{exercise.name} felt too easy" in change.text
    assert exercise.harder.name in change.text
    assert (await store.users.load(USER)).stages[exercise.id] == 1
    again = await assistant.press(USER, action(change, "session_step"))
    assert again.id == exercise.id
    assert f"Your version now (harder): {exercise.harder.name}" in again.text

    level_up = await assistant.press(USER, action(again, "session_easy"))
    assert "moved you up to Intermediate" in level_up.text
    state = await store.users.load(USER)
    assert state.level == "intermediate" and state.stages.get(exercise.id, 0) == 0
    card = await assistant.press(USER, Action("exercise", exercise.id))
    assert exercise.dosing.intermediate in card.text


async def test_too_hard_moves_the_exercise_down_and_stops_at_the_gentlest(assistant, store):
    await onboard(assistant)
    step = await first_main_step(assistant)
    easier = await assistant.press(USER, action(step, "session_hard"))
    assert "felt too hard" in easier.text
    assert (await store.users.load(USER)).stages[step.id] == -1
    card = await assistant.press(USER, Action("exercise", step.id))
    assert "Your version for now (easier)" in card.text, "the card follows the progression"
    gentlest = await assistant.press(USER, action(step, "session_hard"))
    assert "already the gentlest version" in gentlest.text
    assert (await store.users.load(USER)).level == "beginner"


async def test_whole_session_feedback_moves_the_level(assistant, store):
    await onboard(assistant, level="advanced")
    overview = await assistant.reply(USER, "/session")
    top = await assistant.press(USER, action(overview, "session_easy"))
    assert "highest" in top.text
    down = await assistant.press(USER, action(overview, "session_hard"))
    assert "moved you down to Intermediate" in down.text
    assert (await store.users.load(USER)).level == "intermediate"


async def test_a_streak_of_painless_sessions_moves_the_level_up(assistant, store, clock):
    await onboard(assistant)
    replies = []
    for _ in range(STREAK_FOR_LEVEL_UP):
        clock.advance(timedelta(days=1))
        overview = await assistant.reply(USER, "/session")
        replies.append(await assistant.press(USER, action(overview, "session_done")))
    assert all("moved you up" not in r.text for r in replies[:-1])
    assert f"{STREAK_FOR_LEVEL_UP} sessions in a row without pain" in replies[-1].text
    assert "Intermediate" in replies[-1].text
    assert (await store.users.load(USER)).level == "intermediate"
    clock.advance(timedelta(days=1))
    overview = await assistant.reply(USER, "/session")
    assert "Intermediate" in overview.text
    after = await assistant.press(USER, action(overview, "session_done"))
    assert "moved you up" not in after.text, "the streak starts again at the new level"


async def test_pain_breaks_the_streak(assistant, store, clock):
    await onboard(assistant)
    for day in range(STREAK_FOR_LEVEL_UP):
        clock.advance(timedelta(days=1))
        overview = await assistant.reply(USER, "/session")
        if day == 2:
            await assistant.reply(USER, "the plank hurt my back")
        reply = await assistant.press(USER, action(overview, "session_done"))
    assert "moved you up" not in reply.text
    assert (await store.users.load(USER)).level == "beginner"


async def test_a_painful_day_never_counts_towards_the_streak(assistant, store, clock):
    await onboard(assistant)
    clock.advance(timedelta(days=1))
    tuesday = clock.now().date()
    await store.progress.record(USER, tuesday, "hurt", clock.now())
    clock.advance(timedelta(hours=1))
    await store.progress.record(USER, tuesday, "done", clock.now())
    assert await store.coaching.painless_streak(USER) == 0
    clock.advance(timedelta(days=1))
    await store.progress.record(USER, clock.now().date(), "done", clock.now())
    assert await store.coaching.painless_streak(USER) == 1


async def test_it_hurts_during_a_session_gets_the_safety_reply(assistant, store, content):
    await onboard(assistant)
    step = await first_main_step(assistant)
    hurt = await assistant.press(USER, action(step, "session_hurt"))
    assert hurt.kind == "safety" and hurt.severity == "stop"
    assert "From our shop" not in hurt.text and not hurt.extra
    assert content.exercises[step.id].easier.name in hurt.text
    assert (await store.users.load(USER)).stages[step.id] == -1
    assert [r.outcome for r in await store.progress.recent(USER)] == ["hurt"]
    assert (await store.escalations.by_tier()).get("stop") == 1


async def test_stale_or_forged_session_buttons_expire(assistant, clock):
    await onboard(assistant)
    overview = await assistant.reply(USER, "/session")
    start = action(overview, "session_step")
    for forged in ("", "garbage", "20260105.x.core.0", "20260105.b.nogoal.0", "20260105.b.core.99"):
        reply = await assistant.press(USER, Action("session_step", forged))
        assert "expired" in reply.text
    clock.advance(timedelta(days=1))
    assert (await assistant.press(USER, start)).kind == "session", "yesterday's still works"
    clock.advance(timedelta(days=2))
    assert "expired" in (await assistant.press(USER, start)).text


async def test_sessions_wait_while_a_user_is_on_safety_hold(assistant):
    await onboard(assistant)
    overview = await assistant.reply(USER, "/session")
    await assistant.reply(USER, "I have lost control of my bladder and my back hurts")
    for reply in (
        await assistant.reply(USER, "/session"),
        await assistant.reply(USER, "/guide"),
        await assistant.press(USER, action(overview, "session_step")),
    ):
        assert reply.kind == "safety" and "not suggesting exercises" in reply.text


async def test_reminder_preview_matches_todays_session(assistant, store, services):
    await onboard(assistant, "glutes", "intermediate")
    overview = await assistant.reply(USER, "/session")
    state = await store.users.load(USER)
    preview = coach(services).preview(state, date(2026, 1, 5))
    lines = [item for block in preview for item in block.items]
    assert "about" in preview[0].text and len(lines) == 3
    for line in lines:
        for name in line.split(": ", 1)[1].split(", "):
            assert name in overview.text
