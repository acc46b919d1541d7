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
    return await assistant.press(USER, action(step, "session_next"))


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
    names = {a.name for a in reply.actions()}
    assert names >= {"session_step", "session_self", "pain"}
    assert not names & {"session_done", "session_easy", "session_hard"}, "nothing counts unseen"
    again = await assistant.reply(USER, "/session")
    assert again.text == text, "the same session all day"


async def walk_to_the_end(assistant, reply):
    """Press Next until the last step; returns the last step and the ids seen."""
    seen = []
    while "session_done" not in {a.name for a in reply.actions()}:
        assert reply.kind == "session" and "How to do it:" in reply.text
        assert reply.picture is not None
        seen.append(reply.id)
        reply = await assistant.press(USER, action(reply, "session_next"))
    seen.append(reply.id)
    return reply, seen


async def test_walk_through_a_session_then_say_how_it_felt(assistant, store):
    await onboard(assistant)
    overview = await assistant.reply(USER, "/session")
    first = await assistant.press(USER, action(overview, "session_step"))
    last, seen = await walk_to_the_end(assistant, first)
    assert len(seen) == len(set(seen)) >= 6
    assert last.text.startswith(f"{len(seen)}/{len(seen)} Cool-down")
    finished = await assistant.press(USER, action(last, "session_done"))
    assert "Well done" in finished.text and "Sessions this week: 1" in finished.text
    assert "Rate your pain from 0" in finished.text
    records = await store.progress.recent(USER)
    assert [(r.local_date, r.outcome) for r in records] == [(date(2026, 1, 5), "done")]

    typed = await assistant.reply(USER, "7")
    assert "7/10" in typed.text and "everyday movements" in typed.text
    better = next(a for a in typed.actions() if a.arg.endswith(".better"))
    felt = await assistant.press(USER, better)
    assert "/progress" in felt.text
    (checkin,) = await store.walks.checkins(USER, date(2026, 1, 1), date(2026, 1, 31))
    assert (checkin.pain, checkin.function) == (7, "better")
    right = await assistant.press(USER, action(felt, "session_right"))
    assert "keep it like this" in right.text
    assert (await store.users.load(USER)).level == "beginner"
    progress = await assistant.reply(USER, "/progress")
    assert "Pain after your session: 7/10" in progress.text, "one rating is not a trend"


async def test_done_counts_only_a_walked_session(assistant, store):
    await onboard(assistant)
    overview = await assistant.reply(USER, "/session")
    key = action(overview, "session_self").arg
    unwalked = await assistant.press(USER, Action("session_done", key))
    assert "Finish at least half" in unwalked.text
    assert await store.progress.recent(USER) == []

    asked = await assistant.press(USER, action(overview, "session_self"))
    assert "on your own" in asked.text
    counted = await assistant.press(USER, action(asked, "session_self_yes"))
    assert "Well done" in counted.text
    assert [r.outcome for r in await store.progress.recent(USER)] == ["done"]


async def test_pause_and_resume_where_you_left_off(assistant, store):
    await onboard(assistant)
    overview = await assistant.reply(USER, "/session")
    step = await assistant.press(USER, action(overview, "session_step"))
    step = await assistant.press(USER, action(step, "session_next"))
    third = await assistant.press(USER, action(step, "session_skip"))
    assert third.text.startswith("3/")
    paused = await assistant.press(USER, action(third, "session_stop"))
    assert "Paused at exercise 3" in paused.text

    again = await assistant.reply(USER, "/session")
    resume = again.buttons[0][0]
    assert resume.label.startswith("Resume at exercise 3 of")
    resumed = await assistant.press(USER, resume.action)
    assert resumed.id == third.id and resumed.text.startswith("3/")
    walk = await store.walks.get(USER)
    assert (walk.done, walk.skipped, walk.position) == ([0], [1], 2)


async def test_next_skip_stop_and_done_can_be_typed(assistant, store):
    await onboard(assistant)
    overview = await assistant.reply(USER, "/session")
    await assistant.press(USER, action(overview, "session_step"))
    second = await assistant.reply(USER, "next")
    assert second.text.startswith("2/")
    question = await assistant.reply(USER, "how often should I exercise?")
    assert question.kind == "faq", "a question in between is answered"
    third = await assistant.reply(USER, "skip")
    assert third.text.startswith("3/"), "and the session is still going"
    for _ in range(3):
        await assistant.reply(USER, "next")
    stopped = await assistant.reply(USER, "stop")
    assert "Paused at exercise 6" in stopped.text
    resumed = await assistant.reply(USER, "/session")
    await assistant.press(USER, resumed.buttons[0][0].action)
    early = await assistant.reply(USER, "done")
    assert "You've done 4 of" in early.text, "a skipped exercise is not a done one"
    await assistant.press(USER, early.buttons[0][0].action)
    await assistant.reply(USER, "next")
    done = await assistant.reply(USER, "done")
    assert "Well done" in done.text
    assert [r.outcome for r in await store.progress.recent(USER)] == ["done"]


async def test_a_hold_timer_ends_with_what_comes_next(assistant, content):
    await onboard(assistant, "core", "beginner")
    overview = await assistant.reply(USER, "/session")
    step = await assistant.press(USER, action(overview, "session_step"))
    while not any(a.name == "session_hold" for a in step.actions()):
        step = await assistant.press(USER, action(step, "session_next"))
    exercise = content.exercises[step.id]
    timer = await assistant.press(USER, action(step, "session_hold"))
    assert timer.timer.seconds == exercise.hold_seconds.beginner
    assert f"{exercise.hold_seconds.beginner} seconds" in timer.text
    assert "Time's up" in timer.timer.done[0].text
    assert {b.action.name for row in timer.timer.buttons for b in row} & {
        "session_next",
        "session_done",
    }


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
    assert exercise.harder.steps[0] in again.text

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


async def self_reported(assistant):
    overview = await assistant.reply(USER, "/session")
    asked = await assistant.press(USER, action(overview, "session_self"))
    return await assistant.press(USER, action(asked, "session_self_yes"))


async def test_whole_session_feedback_only_after_a_session_was_done(assistant, store):
    await onboard(assistant, level="advanced")
    overview = await assistant.reply(USER, "/session")
    key = action(overview, "session_self").arg
    early = await assistant.press(USER, Action("session_hard", key))
    assert "Finish today's session first" in early.text
    assert (await store.users.load(USER)).level == "advanced"
    await self_reported(assistant)
    top = await assistant.press(USER, Action("session_easy", key))
    assert "highest" in top.text
    down = await assistant.press(USER, Action("session_hard", key))
    assert "moved you down to Intermediate" in down.text
    assert (await store.users.load(USER)).level == "intermediate"


async def test_a_streak_of_painless_sessions_moves_the_level_up(assistant, store, clock):
    await onboard(assistant)
    replies = []
    for _ in range(STREAK_FOR_LEVEL_UP):
        clock.advance(timedelta(days=1))
        replies.append(await self_reported(assistant))
    assert all("moved you up" not in r.text for r in replies[:-1])
    assert f"{STREAK_FOR_LEVEL_UP} sessions in a row without pain" in replies[-1].text
    assert "Intermediate" in replies[-1].text
    assert (await store.users.load(USER)).level == "intermediate"
    clock.advance(timedelta(days=1))
    overview = await assistant.reply(USER, "/session")
    assert "Intermediate" in overview.text
    after = await self_reported(assistant)
    assert "moved you up" not in after.text, "the streak starts again at the new level"


async def test_pain_breaks_the_streak(assistant, store, clock):
    await onboard(assistant)
    for day in range(STREAK_FOR_LEVEL_UP):
        clock.advance(timedelta(days=1))
        if day == 2:
            await assistant.reply(USER, "the plank hurt my back")
        reply = await self_reported(assistant)
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


async def test_it_hurts_mid_session_deals_with_that_exercise_and_keeps_going(
    assistant, store, content
):
    await onboard(assistant)
    step = await first_main_step(assistant)
    hurt = await assistant.press(USER, action(step, "session_hurt"))
    assert hurt.kind == "safety" and hurt.severity == "stop"
    assert "From our shop" not in hurt.text and not hurt.extra
    easier = content.exercises[step.id].easier
    assert easier.name in hurt.text
    assert (await store.users.load(USER)).stages[step.id] == -1
    assert [r.outcome for r in await store.progress.recent(USER)] == ["hurt"]
    assert (await store.escalations.by_tier()).get("stop") == 1
    assert {a.name for a in hurt.actions()} >= {"session_step", "session_skip", "session_stop"}

    swapped = await assistant.press(USER, action(hurt, "session_step"))
    assert swapped.id == step.id and easier.steps[0] in swapped.text
    onward = await assistant.press(USER, action(hurt, "session_skip"))
    assert onward.text.startswith("3/"), "the session goes on with the next exercise"
    last, _ = await walk_to_the_end(assistant, onward)
    finished = await assistant.press(USER, action(last, "session_done"))
    assert "Well done" in finished.text


async def test_it_hurts_typed_mid_session_is_the_it_hurts_button(assistant, store, content):
    await onboard(assistant)
    step = await first_main_step(assistant)
    hurt = await assistant.reply(USER, "it hurts")
    assert hurt.kind == "safety" and hurt.severity == "stop"
    assert content.exercises[step.id].easier.name in hurt.text
    assert (await store.users.load(USER)).stages[step.id] == -1
    assert {a.name for a in hurt.actions()} >= {"session_step", "session_skip", "session_stop"}


async def test_it_hurts_in_the_easier_version_does_not_offer_it_again(assistant, store, content):
    await onboard(assistant)
    step = await first_main_step(assistant)
    easier = content.exercises[step.id].easier
    first = await assistant.press(USER, action(step, "session_hurt"))
    swapped = await assistant.press(USER, action(first, "session_step"))
    again = await assistant.press(USER, action(swapped, "session_hurt"))
    assert f"already doing {easier.name}" in again.text
    assert "session_step" not in {a.name for a in again.actions()}
    assert {a.name for a in again.actions()} >= {"session_skip", "session_stop"}
    assert (await store.users.load(USER)).stages[step.id] == -1


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
