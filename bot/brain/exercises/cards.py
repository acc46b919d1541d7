"""Exercise cards and goal lists: what the coach shows for one exercise or one goal."""

from __future__ import annotations

from datetime import datetime

from bot.brain.exercises.pictures import Which, exercise_animation
from bot.brain.products import exercise_products, goal_products, product_mention
from bot.content.loader import Content
from bot.content.models import Exercise
from bot.model.reply import Action, Block, Button, Reply, bullets, note, para, rows, steps, title
from bot.model.user import UserState

CARD_LIMIT = 600
"""A card's text fits one phone screen under its picture (tests hold every card to it)."""


def chosen_version(exercise: Exercise, stage: int, variation: str = "") -> Which:
    """The version a card shows: the one asked for, else the one progression points to."""
    if variation in ("easier", "harder"):
        return variation  # type: ignore[return-value]
    if stage:
        return "easier" if stage < 0 else "harder"
    return "standard"


def version_steps(exercise: Exercise, which: Which) -> list[str]:
    if which == "standard":
        return list(exercise.steps)
    return list(getattr(exercise, which).steps)


def exercise_card(
    content: Content, exercise: Exercise, state: UserState, now: datetime, variation: str = ""
) -> Reply:
    """One phone screen: the animation, the dose for the user's level and the numbered steps.

    `variation` "easier"/"harder" shows that variation; without it, the version the user's
    progression stage points to. Cues, mistakes and safety are one tap away ("More").
    """
    labels = content.messages.card
    buttons = content.messages.buttons
    level = state.level if state.level in content.levels else "beginner"
    stage = state.stages.get(exercise.id, 0)
    which = chosen_version(exercise, stage, variation)
    blocks: list[Block] = [title(exercise.name)]
    if which != "standard":
        chosen = getattr(exercise, which)
        if variation:
            heading = labels.easier if which == "easier" else labels.harder
        else:
            heading = labels.current_easier if which == "easier" else labels.current_harder
        blocks.append(note(heading.format(name=chosen.name)))
    level_name = content.levels[level].name
    blocks.append(para(f"{labels.dose.format(level=level_name)} {getattr(exercise.dosing, level)}"))
    blocks.append(steps(version_steps(exercise, which), labels.steps))
    if exercise.video:
        blocks.append(Block("link", labels.video.format(url=exercise.video)))
    more = Button(labels.more, Action("exercise_more", f"{exercise.id}.{which}"))
    if variation:
        nav = [Button(labels.standard.format(name=exercise.name), Action("exercise", exercise.id))]
    else:
        nav = [
            Button(buttons.easier, Action("variation", f"{exercise.id}.easier")),
            Button(buttons.harder, Action("variation", f"{exercise.id}.harder")),
        ]
    back = Button(buttons.back, Action("goal", exercise.goals[0]))
    return Reply(
        "exercise",
        tuple(blocks),
        id=exercise.id,
        buttons=((more,), tuple(nav), (back, Button(buttons.menu, Action("menu")))),
        picture=exercise_animation(content, exercise.id, which),
    )


def more_card(
    content: Content,
    exercise: Exercise,
    which: Which,
    state: UserState,
    now: datetime,
    back: Action | None = None,
) -> Reply:
    """Behind "More": what the muscles do, form cues, common mistakes, the safety note."""
    labels = content.messages.card
    name = exercise.name if which == "standard" else getattr(exercise, which).name
    blocks: list[Block] = [title(name)]
    if which != "standard":
        blocks.append(para(getattr(exercise, which).how))
    blocks.append(para(labels.muscles.format(muscles=", ".join(exercise.muscles))))
    if exercise.equipment.lower() != "none":
        blocks.append(para(labels.equipment.format(equipment=exercise.equipment)))
    blocks.append(bullets(exercise.cues, labels.cues))
    blocks.append(bullets(exercise.mistakes, labels.mistakes))
    blocks.append(Block("warning", f"{labels.safety} {exercise.safety}"))
    mention = product_mention(content, state, exercise_products(content, exercise.id), now)
    if mention:
        blocks.append(mention)
    if back is None and which == "standard":
        back = Action("exercise", exercise.id)
    elif back is None:
        back = Action("variation", f"{exercise.id}.{which}")
    buttons = content.messages.buttons
    return Reply(
        "exercise",
        tuple(blocks),
        id=exercise.id,
        buttons=((Button(buttons.back, back), Button(buttons.menu, Action("menu"))),),
    )


def goal_list(content: Content, goal_id: str, state: UserState, now: datetime) -> Reply:
    goal = content.goals[goal_id]
    labels = content.messages.card
    exercises = content.exercises_for_goal(goal_id)
    blocks: list[Block] = [title(goal.name), para(goal.why)]
    if not exercises:
        blocks.append(para(labels.goal_empty))
    else:
        names = [f"{ex.name} ({', '.join(ex.muscles[:2])})" for ex in exercises]
        blocks.append(bullets(names, labels.goal_list.format(goal=goal.name)))
    mention = product_mention(content, state, goal_products(content, goal_id), now)
    if mention:
        blocks.append(mention)
    buttons = [Button(ex.name, Action("exercise", ex.id)) for ex in exercises]
    navigation = (
        Button(content.messages.buttons.back, Action("goals")),
        Button(content.messages.buttons.menu, Action("menu")),
    )
    return Reply(
        "exercises", tuple(blocks), id=goal_id, buttons=(*rows(*buttons, per_row=2), navigation)
    )


def goal_menu(content: Content) -> Reply:
    labels = content.messages.card
    lines = [f"{goal.name}: {goal.summary}" for goal in content.goals.values()]
    buttons = [Button(goal.name, Action("goal", goal.id)) for goal in content.goals.values()]
    return Reply(
        "exercises",
        (bullets(lines, labels.goals_intro),),
        buttons=(*rows(*buttons), (Button(content.messages.buttons.menu, Action("menu")),)),
    )
