"""How a session looks: the overview, one step of the walk-through, and the reminder preview."""

from __future__ import annotations

from bot.brain.coach.sessions import PARTS, SessionItem, SessionPlan
from bot.content.loader import Content
from bot.model.reply import Action, Block, Button, Reply, bullets, note, para, steps, title


def part_label(content: Content, part: str) -> str:
    texts = content.messages.coach
    return {"warmup": texts.warmup, "main": texts.main, "cooldown": texts.cooldown}[part]


def item_name(content: Content, item: SessionItem) -> str:
    """The exercise's name, with the variation the user does now when progression changed it."""
    texts = content.messages.coach
    variation = item.variation
    if variation is None:
        return item.exercise.name
    template = texts.item_easier if item.stage < 0 else texts.item_harder
    return template.format(name=item.exercise.name, variation=variation.name)


def session_overview(
    content: Content, plan: SessionPlan, key: str, level: str, onboarded: bool
) -> Reply:
    """The whole session on one screen, with the buttons to walk it or give feedback on it."""
    texts = content.messages.coach
    buttons = content.messages.buttons
    blocks: list[Block] = [
        title(texts.session_title.format(day=_day(plan), minutes=plan.minutes)),
        para(
            texts.session_focus.format(
                goal=content.goals[plan.goal].name, level=content.levels[level].name
            )
        ),
    ]
    for part in PARTS:
        lines = [
            texts.item.format(
                name=item_name(content, item),
                minutes=item.minutes,
                dose=getattr(item.exercise.dosing, level),
            )
            for item in plan.part(part)
        ]
        if lines:
            blocks.append(bullets(lines, part_label(content, part)))
    blocks.append(note(texts.session_tip))
    if not onboarded:
        blocks.append(note(texts.settings_tip))
    return Reply(
        "session",
        tuple(blocks),
        id=plan.day.isoformat(),
        buttons=(
            (Button(texts.start, Action("session_step", f"{key}.0")),),
            (
                Button(texts.done, Action("session_done", key)),
                Button(texts.too_easy, Action("session_easy", key)),
                Button(texts.too_hard, Action("session_hard", key)),
            ),
            (Button(buttons.pain, Action("pain")), Button(buttons.menu, Action("menu"))),
        ),
    )


def step_card(content: Content, plan: SessionPlan, index: int, key: str, level: str) -> Reply:
    """One exercise of the walk-through: what to do, the dose, two cues and the safety note."""
    texts = content.messages.coach
    labels = content.messages.card
    item = plan.items[index]
    exercise = item.exercise
    blocks: list[Block] = [
        title(
            texts.step_title.format(
                number=index + 1,
                total=len(plan.items),
                part=part_label(content, item.part),
                name=exercise.name,
            )
        )
    ]
    variation = item.variation
    if variation is not None:
        current = labels.current_easier if item.stage < 0 else labels.current_harder
        blocks += [note(current.format(name=variation.name)), para(variation.how)]
    blocks.append(steps(exercise.steps, labels.steps))
    level_name = content.levels[level].name
    blocks.append(para(f"{labels.dose.format(level=level_name)} {getattr(exercise.dosing, level)}"))
    blocks.append(bullets(exercise.cues[:2], labels.cues))
    blocks.append(Block("warning", f"{labels.safety} {exercise.safety}"))
    here = f"{key}.{index}"
    last = index == len(plan.items) - 1
    onward = (
        Button(texts.finish, Action("session_done", key))
        if last
        else Button(texts.next, Action("session_step", f"{key}.{index + 1}"))
    )
    return Reply(
        "session",
        tuple(blocks),
        id=exercise.id,
        buttons=(
            (onward,),
            (
                Button(texts.too_easy, Action("session_easy", here)),
                Button(texts.too_hard, Action("session_hard", here)),
            ),
            (
                Button(content.messages.buttons.pain, Action("session_hurt", here)),
                Button(content.messages.buttons.menu, Action("menu")),
            ),
        ),
    )


def onward_buttons(content: Content, plan: SessionPlan, index: int, key: str) -> tuple[Button, ...]:
    """After feedback on one step: see that step again (in its new form) or go on."""
    texts = content.messages.coach
    again = Button(texts.show_again, Action("session_step", f"{key}.{index}"))
    if index == len(plan.items) - 1:
        return again, Button(texts.finish, Action("session_done", key))
    return again, Button(texts.next, Action("session_step", f"{key}.{index + 1}"))


def preview_blocks(content: Content, plan: SessionPlan) -> tuple[Block, ...]:
    """Today's session in a few lines, for a reminder message."""
    texts = content.messages.coach
    lines = [
        texts.preview_line.format(
            part=part_label(content, part),
            names=", ".join(item_name(content, item) for item in plan.part(part)),
        )
        for part in PARTS
        if plan.part(part)
    ]
    return (bullets(lines, texts.preview_title.format(minutes=plan.minutes)),)


def _day(plan: SessionPlan) -> str:
    return f"{plan.day:%A} {plan.day.day} {plan.day:%B}"
