"""How a session looks: the overview, one step of the walk-through, and the reminder preview."""

from __future__ import annotations

from bot.brain.coach.refs import SessionRef
from bot.brain.coach.sessions import PARTS, SessionItem, SessionPlan
from bot.brain.exercises.cards import version_steps
from bot.brain.exercises.pictures import exercise_animation
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
    content: Content,
    plan: SessionPlan,
    ref: SessionRef,
    level: str,
    onboarded: bool,
    resume_at: int | None = None,
) -> Reply:
    """The whole session on one screen: start it (or resume it), or say it was done alone."""
    texts = content.messages.coach
    buttons = content.messages.buttons
    blocks: list[Block] = [
        title(texts.session_title.format(day=_day(content, plan), minutes=plan.minutes)),
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
    if resume_at is None:
        first = Button(texts.start, Action("session_step", ref.at(0)))
    else:
        label = texts.resume.format(number=resume_at + 1, total=len(plan.items))
        first = Button(label, Action("session_step", ref.at(resume_at)))
    return Reply(
        "session",
        tuple(blocks),
        id=plan.day.isoformat(),
        buttons=(
            (first,),
            (Button(texts.self_report, Action("session_self", ref.key)),),
            (Button(buttons.pain, Action("pain")), Button(buttons.menu, Action("menu"))),
        ),
    )


def step_card(
    content: Content, plan: SessionPlan, ref: SessionRef, level: str, lead: str = ""
) -> Reply:
    """One exercise of the walk: its animation, the dose and the steps of the version the user
    does now; Next, Skip, a hold timer where the exercise is held, feedback and Stop."""
    texts = content.messages.coach
    labels = content.messages.card
    index = ref.index or 0
    item = plan.items[index]
    exercise = item.exercise
    which = "standard" if item.stage == 0 else ("easier" if item.stage < 0 else "harder")
    blocks: list[Block] = []
    if lead:
        blocks.append(note(lead))
    blocks.append(
        title(
            texts.step_title.format(
                number=index + 1,
                total=len(plan.items),
                part=part_label(content, item.part),
                name=exercise.name,
            )
        )
    )
    variation = item.variation
    if variation is not None:
        current = labels.current_easier if item.stage < 0 else labels.current_harder
        blocks.append(note(current.format(name=variation.name)))
    level_name = content.levels[level].name
    blocks.append(para(f"{labels.dose.format(level=level_name)} {getattr(exercise.dosing, level)}"))
    blocks.append(steps(version_steps(exercise, which), labels.steps))
    if exercise.video:
        blocks.append(Block("link", labels.video.format(url=exercise.video)))
    here = ref.at(index)
    last = index == len(plan.items) - 1
    onward = (
        Button(texts.finish, Action("session_done", ref.key))
        if last
        else Button(texts.next, Action("session_next", here))
    )
    tools = [Button(labels.more_short, Action("session_more", here))]
    if exercise.hold_seconds is not None:
        seconds = getattr(exercise.hold_seconds, level)
        tools.insert(
            0, Button(texts.hold_button.format(seconds=seconds), Action("session_hold", here))
        )
    return Reply(
        "session",
        tuple(blocks),
        id=exercise.id,
        picture=exercise_animation(content, exercise.id, which),
        buttons=(
            (onward, Button(texts.skip_step, Action("session_skip", here))),
            tuple(tools),
            (
                Button(texts.too_easy, Action("session_easy", here)),
                Button(texts.too_hard, Action("session_hard", here)),
            ),
            (
                Button(content.messages.buttons.pain, Action("session_hurt", here)),
                Button(texts.stop, Action("session_stop", ref.key)),
            ),
        ),
    )


def onward_buttons(content: Content, plan: SessionPlan, ref: SessionRef) -> tuple[Button, ...]:
    """After feedback on one step: see that step again (in its new form) or go on."""
    texts = content.messages.coach
    index = ref.index or 0
    again = Button(texts.show_again, Action("session_step", ref.at(index)))
    if index == len(plan.items) - 1:
        return again, Button(texts.finish, Action("session_done", ref.key))
    return again, Button(texts.next, Action("session_next", ref.at(index)))


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


def _day(content: Content, plan: SessionPlan) -> str:
    """ "Monday 5 January", in the content's language (not the machine's locale)."""
    names = content.messages.reminders
    day = plan.day
    return f"{names.weekdays[day.weekday()]} {day.day} {names.month_names[day.month - 1]}"
