"""Session building: multimodal, 15-20 minutes, the user's level, rotating through the week."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.brain.coach.sessions import MAX_MINUTES, MIN_MINUTES, build_session
from bot.content.models import LEVELS

MONDAY = date(2026, 1, 5)
GOALS = ("core", "glutes", "flexibility", "strength", "prevention")
WEEK = [MONDAY + timedelta(days=offset) for offset in range(7)]


def _ids(plan, part=None):
    items = plan.part(part) if part else plan.items
    return [item.exercise.id for item in items]


@settings(max_examples=300, deadline=None)
@given(
    goal=st.sampled_from(GOALS),
    level=st.sampled_from(LEVELS),
    user_id=st.integers(min_value=1, max_value=10**12),
    day=st.dates(min_value=date(2024, 1, 1), max_value=date(2035, 12, 31)),
)
def test_every_session_is_a_full_multimodal_session_of_15_to_20_minutes(
    content, goal, level, user_id, day
):
    plan = build_session(content, goal, level, {}, user_id, day)
    assert MIN_MINUTES <= plan.minutes <= MAX_MINUTES
    assert [item.exercise.kind for item in plan.part("warmup")] == ["mobility"]
    assert [item.exercise.kind for item in plan.part("cooldown")] == ["flexibility"]
    main_kinds = {item.exercise.kind for item in plan.part("main")}
    assert "stabilisation" in main_kinds
    assert "strength" in main_kinds
    assert main_kinds & {"flexibility", "mobility"}
    assert len(set(_ids(plan))) == len(plan.items), "no exercise twice in one session"
    assert plan.items[0].part == "warmup" and plan.items[-1].part == "cooldown"


def test_the_same_user_on_the_same_day_gets_the_same_session(content):
    first = build_session(content, "core", "beginner", {}, 7, MONDAY)
    again = build_session(content, "core", "beginner", {}, 7, MONDAY)
    assert first == again


def test_different_users_do_not_all_get_the_same_session(content):
    sessions = {
        tuple(_ids(build_session(content, "core", "beginner", {}, user, MONDAY)))
        for user in range(20)
    }
    assert len(sessions) > 1


def test_sessions_rotate_through_the_week(content):
    for user_id in range(30):
        for goal in GOALS:
            for level in LEVELS:
                plans = [build_session(content, goal, level, {}, user_id, day) for day in WEEK]
                assert len({tuple(_ids(plan)) for plan in plans}) == 7, "a new session every day"
                leads = [_ids(plan, "main")[0] for plan in plans]
                assert all(a != b for a, b in pairwise(leads)), (goal, level, leads)
                monday, wednesday, friday = (set(_ids(plans[d], "main")) for d in (0, 2, 4))
                assert len(monday | wednesday | friday) > max(map(len, (monday, wednesday, friday)))


def test_the_goal_leads_the_main_block(content):
    for user_id in range(10):
        for day in WEEK:
            plan = build_session(content, "core", "intermediate", {}, user_id, day)
            first = plan.part("main")[0].exercise
            assert "core" in first.goals and first.kind == "stabilisation"


def test_level_sets_each_exercise_time_and_how_many_fit(content):
    beginner = build_session(content, "prevention", "beginner", {}, 3, MONDAY)
    advanced = build_session(content, "prevention", "advanced", {}, 3, MONDAY)
    assert all(item.minutes == item.exercise.minutes.beginner for item in beginner.items)
    assert all(item.minutes == item.exercise.minutes.advanced for item in advanced.items)
    assert len(beginner.items) > len(advanced.items)
    assert beginner.level == "beginner" and advanced.level == "advanced"


def test_progression_stages_pick_the_variation(content):
    plain = build_session(content, "core", "beginner", {}, 5, MONDAY)
    first = plain.part("main")[0].exercise
    stepped = build_session(content, "core", "beginner", {first.id: -1}, 5, MONDAY)
    item = next(i for i in stepped.items if i.exercise.id == first.id)
    assert item.variation == first.easier
    assert _ids(stepped) == _ids(plain), "a stage changes the version, not the plan"


def test_unknown_goal_or_level_fall_back_to_the_defaults(content):
    plan = build_session(content, None, "expert", {}, 1, MONDAY)
    assert plan.goal == "prevention" and plan.level == "beginner"


def test_the_goal_shapes_the_mix(content):
    """A goal's exercises fill much more of its own sessions than of other goals' sessions
    (a flexibility beginner gets mostly stretches and mobility, not a core session)."""

    def share(goal: str, of: str) -> float:
        parts = []
        for user_id in range(20):
            for day in WEEK:
                plan = build_session(content, goal, "beginner", {}, user_id, day)
                parts.append(sum(of in i.exercise.goals for i in plan.items) / len(plan.items))
        return sum(parts) / len(parts)

    for goal in GOALS:
        own = share(goal, goal)
        elsewhere = [share(other, goal) for other in GOALS if other != goal]
        assert own >= 1.4 * sum(elsewhere) / len(elsewhere), goal
