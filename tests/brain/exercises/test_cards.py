"""Exercise cards: a phone screen under the picture, the user's version and dose, "More" for the
rest, every variation with its own steps, and a product at most once a day."""

from __future__ import annotations

from datetime import timedelta

from bot.brain.coach.refs import SessionRef
from bot.brain.coach.session_cards import session_overview, step_card
from bot.brain.coach.sessions import build_session
from bot.brain.exercises.cards import CARD_LIMIT, exercise_card, goal_list
from bot.faces.telegram.media import fits_caption
from bot.faces.telegram.render import messages
from bot.model.reply import Action
from bot.model.user import UserState

PRODUCT_MARK = "From our shop"


def test_every_card_fits_a_phone_screen_under_its_picture(content, clock):
    for exercise in content.exercises.values():
        for level in content.levels:
            for stage in (-1, 0, 1):
                for variation in ("", "easier", "harder"):
                    state = UserState(1, level=level, stages={exercise.id: stage})
                    card = exercise_card(content, exercise, state, clock.now(), variation)
                    where = (exercise.id, level, stage, variation)
                    assert len(card.text) <= CARD_LIMIT, where
                    assert card.picture is not None and card.picture.animated, where
                    (message,) = messages(card)
                    assert fits_caption(message.html), where


def test_every_session_screen_fits(content, clock):
    stages = {exercise_id: 1 for exercise_id in content.exercises}
    for goal in content.goals:
        for level in content.levels:
            plan = build_session(content, goal, level, stages, 1, clock.now().date())
            ref = SessionRef(plan.day, level, goal)
            assert len(messages(session_overview(content, plan, ref, level, False))) == 1
            for index in range(len(plan.items)):
                card = step_card(content, plan, SessionRef(plan.day, level, goal, index), level)
                assert len(card.text) <= CARD_LIMIT and card.picture is not None


def test_a_variation_shows_its_own_steps_never_the_standard_ones(content, clock):
    for exercise in content.exercises.values():
        for which in ("easier", "harder"):
            variation = getattr(exercise, which)
            card = exercise_card(content, exercise, UserState(1), clock.now(), which)
            assert f"1. {variation.steps[0]}" in card.text, (exercise.id, which)
            assert exercise.steps[0] not in card.text or exercise.steps[0] in variation.steps
            assert (
                card.picture.key
                != exercise_card(content, exercise, UserState(1), clock.now()).picture.key
            )


async def test_card_leads_with_dose_and_steps_and_keeps_the_rest_behind_more(assistant, content):
    exercise = content.exercises["side_plank"]
    await assistant.press(1, Action("set_level", "advanced"))
    card = await assistant.press(1, Action("exercise", "side_plank"))
    dose_at = card.text.index(exercise.dosing.advanced)
    assert dose_at < card.text.index(f"1. {exercise.steps[0]}")
    assert exercise.cues[0] not in card.text and exercise.safety not in card.text
    more = await assistant.press(1, next(a for a in card.actions() if a.name == "exercise_more"))
    assert exercise.cues[0] in more.text and exercise.mistakes[0] in more.text
    assert exercise.safety in more.text
    assert {a.name for a in card.actions()} >= {"variation", "goal", "menu", "exercise_more"}


async def test_a_product_shows_once_a_day_and_clearly_apart(assistant, clock):
    first = await assistant.press(1, Action("exercise_more", "bent_over_row.standard"))
    assert first.text.count(PRODUCT_MARK) == 1
    assert first.blocks[-1].text.startswith("───"), "the mention comes last, set apart"
    again = await assistant.press(1, Action("exercise_more", "iyt_raise.standard"))
    assert PRODUCT_MARK not in again.text
    clock.advance(timedelta(days=1, minutes=1))
    next_day = await assistant.press(1, Action("exercise_more", "iyt_raise.standard"))
    assert next_day.text.count(PRODUCT_MARK) == 1


def test_a_goal_linked_product_can_appear_on_the_goal_list(content, clock):
    state = UserState(1)
    linked = goal_list(content, "prevention", state, clock.now())
    assert linked.text.count(PRODUCT_MARK) == 1
    unlinked = goal_list(content, "glutes", UserState(2), clock.now())
    assert PRODUCT_MARK not in unlinked.text


def test_a_video_url_in_content_is_linked_on_the_card(content, clock):
    exercise = content.exercises["plank"].model_copy(
        update={"video": "https://videos.example.com/plank"}
    )
    card = exercise_card(content, exercise, UserState(1), clock.now())
    assert "Video: https://videos.example.com/plank" in card.text
    assert len(card.text) <= CARD_LIMIT
