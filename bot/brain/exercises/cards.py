"""Exercise cards and goal lists: what the coach shows for one exercise or one goal."""

from __future__ import annotations

from datetime import datetime

from bot.brain.products import exercise_products, goal_products, product_mention
from bot.content.loader import Content
from bot.content.models import Exercise
from bot.model.reply import Action, Block, Button, Reply, bullets, note, para, rows, steps, title
from bot.model.user import UserState


def exercise_card(
    content: Content, exercise: Exercise, state: UserState, now: datetime, variation: str = ""
) -> Reply:
    """The whole exercise on one phone screen: steps, the user's dose, cues, mistakes, safety.

    `variation` "easier"/"harder" puts that variation's instructions first; without it, the
    version the user's progression stage points to (if not the standard one) comes first.
    """
    labels = content.messages.card
    level = state.level if state.level in content.levels else "beginner"
    blocks: list[Block] = [title(exercise.name)]
    stage = state.stages.get(exercise.id, 0)
    if variation in ("easier", "harder"):
        chosen = exercise.easier if variation == "easier" else exercise.harder
        heading = labels.easier if variation == "easier" else labels.harder
        blocks.append(note(heading.format(name=chosen.name)))
        blocks.append(para(chosen.how))
    elif stage:
        chosen = exercise.easier if stage < 0 else exercise.harder
        heading = labels.current_easier if stage < 0 else labels.current_harder
        blocks.append(note(heading.format(name=chosen.name)))
        blocks.append(para(chosen.how))
    blocks.append(para(labels.muscles.format(muscles=", ".join(exercise.muscles))))
    if exercise.equipment.lower() != "none":
        blocks.append(para(labels.equipment.format(equipment=exercise.equipment)))
    blocks.append(steps(exercise.steps, labels.steps))
    level_name = content.levels[level].name
    blocks.append(para(f"{labels.dose.format(level=level_name)} {getattr(exercise.dosing, level)}"))
    blocks.append(bullets(exercise.cues, labels.cues))
    blocks.append(bullets(exercise.mistakes, labels.mistakes))
    if variation != "easier":
        blocks.append(para(labels.easier.format(name=exercise.easier.name)))
    if variation != "harder":
        blocks.append(para(labels.harder.format(name=exercise.harder.name)))
    blocks.append(Block("warning", f"{labels.safety} {exercise.safety}"))
    if exercise.video:
        blocks.append(Block("link", labels.video.format(url=exercise.video)))
    mention = product_mention(content, state, exercise_products(content, exercise.id), now)
    if mention:
        blocks.append(mention)
    buttons = content.messages.buttons
    nav = [
        Button(buttons.easier, Action("variation", f"{exercise.id}.easier")),
        Button(buttons.harder, Action("variation", f"{exercise.id}.harder")),
    ]
    if variation:
        nav = [Button(exercise.name, Action("exercise", exercise.id))]
    goal = exercise.goals[0]
    back = Button(buttons.back, Action("goal", goal))
    return Reply(
        "exercise",
        tuple(blocks),
        id=exercise.id,
        buttons=(tuple(nav), (back, Button(buttons.menu, Action("menu")))),
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
