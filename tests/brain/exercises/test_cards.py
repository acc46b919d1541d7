"""Exercise cards: one phone message each, the user's version and dose, a product once a day."""

from __future__ import annotations

from datetime import timedelta

from bot.brain.coach.session_cards import session_overview, step_card
from bot.brain.coach.sessions import build_session
from bot.brain.exercises.cards import exercise_card, goal_list
from bot.faces.telegram.render import messages
from bot.model.reply import Action
from bot.model.user import UserState

PRODUCT_MARK = "From our shop"


def test_every_card_fits_one_telegram_message(content, clock):
    for exercise in content.exercises.values():
        for level in content.levels:
            for stage in (-1, 0, 1):
                for variation in ("", "easier", "harder"):
                    state = UserState(1, level=level, stages={exercise.id: stage})
                    card = exercise_card(content, exercise, state, clock.now(), variation)
                    assert len(messages(card)) == 1, (exercise.id, level, stage, variation)


def test_every_session_screen_fits_one_telegram_message(content, clock):
    stages = {exercise_id: 1 for exercise_id in content.exercises}
    for goal in content.goals:
        for level in content.levels:
            plan = build_session(content, goal, level, stages, 1, clock.now().date())
            assert len(messages(session_overview(content, plan, "k", level, False))) == 1
            for index in range(len(plan.items)):
                assert len(messages(step_card(content, plan, index, "k", level))) == 1


async def test_card_has_steps_dose_cues_mistakes_safety_and_navigation(assistant, content):
    exercise = content.exercises["side_plank"]
    await assistant.press(1, Action("set_level", "advanced"))
    card = await assistant.press(1, Action("exercise", "side_plank"))
    for part in (f"1. {exercise.steps[0]}", exercise.dosing.advanced, exercise.cues[0]):
        assert part in card.text
    assert exercise.mistakes[0] in card.text and exercise.safety in card.text
    assert {a.name for a in card.actions()} >= {"variation", "goal", "menu"}


async def test_a_product_shows_once_a_day_and_clearly_apart(assistant, clock):
    first = await assistant.press(1, Action("exercise", "bent_over_row"))
    assert first.text.count(PRODUCT_MARK) == 1
    assert first.blocks[-1].text.startswith("───"), "the mention comes last, set apart"
    again = await assistant.press(1, Action("exercise", "iyt_raise"))
    assert PRODUCT_MARK not in again.text
    clock.advance(timedelta(days=1, minutes=1))
    next_day = await assistant.press(1, Action("exercise", "iyt_raise"))
    assert next_day.text.count(PRODUCT_MARK) == 1


def test_a_goal_linked_product_can_appear_on_the_goal_list(content, clock):
    state = UserState(1)
    linked = goal_list(content, "prevention", state, clock.now())
    assert linked.text.count(PRODUCT_MARK) == 1
    unlinked = goal_list(content, "glutes", UserState(2), clock.now())
    assert PRODUCT_MARK not in unlinked.text
