"""Every user-facing text that is not an FAQ answer or an exercise: knowledge/messages.yaml.

Sections mirror the features; each field is required, so a missing text fails `check`, not a user.
Texts may contain `{placeholders}` that the code fills in; they are plain text, never HTML.
"""

from __future__ import annotations

from bot.content.base import StrictModel, Text


class GeneralMessages(StrictModel):
    welcome: Text
    disclaimer: Text
    help: Text
    menu_intro: Text
    fallback: Text
    clarify_intro: Text
    rephrase: Text
    greeting: Text
    thanks: Text
    goodbye: Text
    empty_message: Text
    too_long: Text
    unsupported_message: Text
    unknown_command: Text
    button_expired: Text
    error: Text
    feedback_thanks: Text
    related_intro: Text
    console_hint: Text


class ButtonLabels(StrictModel):
    menu: Text
    exercises: Text
    session: Text
    ask: Text
    reminders: Text
    pain: Text
    not_helpful: Text
    none_of_these: Text
    easier: Text
    harder: Text
    back: Text
    yes: Text
    no: Text


class CardLabels(StrictModel):
    goal_list: Text
    goal_empty: Text
    goals_intro: Text
    steps: Text
    dose: Text
    cues: Text
    mistakes: Text
    safety: Text
    easier: Text
    harder: Text
    muscles: Text
    equipment: Text
    video: Text
    product: Text


class SmalltalkTriggers(StrictModel):
    """Whole messages (after normalising) that are small talk rather than questions."""

    greeting: list[Text]
    thanks: list[Text]
    goodbye: list[Text]


class SafetyMessages(StrictModel):
    recognised: Text
    about_other: Text
    clarify_intro: Text
    no_flag: Text
    pain_question: Text
    pain_rating_invalid: Text
    check_question: Text
    check_clear_low: Text
    check_clear_high: Text
    step_down: Text
    hold_notice: Text
    cleared: Text
    pause_reminders: Text
    cleared_button: Text


class Messages(StrictModel):
    general: GeneralMessages
    smalltalk: SmalltalkTriggers
    buttons: ButtonLabels
    card: CardLabels
    safety: SafetyMessages
