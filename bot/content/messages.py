"""Every user-facing text that is not an FAQ answer or an exercise: knowledge/<lang>/messages.yaml.

Sections mirror the features; each field is required, so a missing text fails `check`, not a user.
Texts may contain `{placeholders}` that the code fills in; they are plain text, never HTML.
"""

from __future__ import annotations

from typing import Annotated

from bot.content.base import StrictModel, Text
from bot.content.record import Field


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
    private_only: Text
    unknown_command: Text
    button_expired: Text
    error: Text
    feedback_thanks: Text
    console_hint: Text
    console_goodbye: Text


class ButtonLabels(StrictModel):
    menu: Text
    exercises: Text
    session: Text
    reminders: Text
    pain: Text
    not_helpful: Text
    none_of_these: Text
    goal_exercises: Text
    """A "did you mean" button for a goal; {goal} is the goal's name."""
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
    current_easier: Text
    current_harder: Text
    more: Text
    """The button under a card that opens cues, mistakes and safety."""
    more_short: Text
    """The same button in a session step, where space is short."""
    standard: Text
    """Under a variation's card: back to the standard exercise; {name}."""


class SmalltalkTriggers(StrictModel):
    """Whole messages (after normalising) that are small talk rather than questions."""

    greeting: list[Text]
    thanks: list[Text]
    goodbye: list[Text]


class SafetyMessages(StrictModel):
    recognised: Text
    about_other: Text
    call_for_them: Text
    """First line when someone else's emergency is happening now; {emergency_number}."""
    crisis_for_them: Text
    """First line when someone else is in crisis now; {crisis_line}, {emergency_number}."""
    crisis_taken: Text
    """First line of a crisis reply when the act is done (an overdose taken, a cut made): the
    emergency number leads; {emergency_number}, {crisis_line}."""
    clarify_intro: Text
    next_question: Text
    """After a "No" while other signals of the same message are still to be asked about."""
    net_intro: Text
    """The safety net: a message about the body that no detector understood."""
    unknown_language: Text
    """One line in English and Norwegian on how to get emergency help."""
    no_flag: Text
    pain_question: Text
    pain_rating_invalid: Text
    check_question: Text
    check_clear_low: Text
    check_clear_high: Text
    step_down: Text
    easiest_hurts: Text
    """Pain in the easier version itself; {name}, {variation}."""
    hold_notice: Text
    cleared: Text
    pause_reminders: Text
    cleared_button: Text


class PrivacyMessages(StrictModel):
    """/privacy, /my_data and /delete_my_data."""

    title: Text
    explanation: Text
    safety_text_kept: Text
    safety_text_not_kept: Text
    export_button: Text
    delete_button: Text
    export_intro: Text
    export_caption: Text
    nothing_stored: Text
    delete_question: Text
    delete_confirm_button: Text
    delete_keep_button: Text
    deleted: Text
    kept: Text


class OperatorMessages(StrictModel):
    """/stats, shown to ADMIN_USER_IDS only."""

    stats_title: Text
    users: Text
    subscriptions: Text
    sessions_week: Text
    unanswered_heading: Text
    unanswered_none: Text
    escalations_heading: Text
    escalations_none: Text


class FloodMessages(StrictModel):
    slow_down: Text


class WalkWords(StrictModel):
    """Whole messages that drive a session being walked (compared after normalising)."""

    next: list[Text] = Field(min_length=1)
    skip: list[Text] = Field(min_length=1)
    done: list[Text] = Field(min_length=1)
    stop: list[Text] = Field(min_length=1)
    hurt: list[Text] = Field(min_length=1)
    """The same as the "It hurts" button on the exercise being walked."""


class FunctionAnswers(StrictModel):
    """Buttons answering the check-in's function question."""

    better: Text
    same: Text
    worse: Text


class CoachMessages(StrictModel):
    """Sessions, progression, goal and level (onboarding and /settings), and the PDF guide."""

    # the session and its walk-through
    session_title: Text
    session_focus: Text
    warmup: Text
    main: Text
    cooldown: Text
    item: Text
    item_easier: Text
    item_harder: Text
    session_tip: Text
    settings_tip: Text
    step_title: Text
    preview_title: Text
    preview_line: Text
    start: Text
    next: Text
    finish: Text
    done: Text
    too_easy: Text
    too_hard: Text
    show_again: Text
    # the session player
    resume: Text
    skip_step: Text
    stop: Text
    paused: Text
    not_enough: Text
    hold_button: Text
    hold_running: Text
    hold_done: Text
    try_easier: Text
    skip_to_next: Text
    hurt_carry_on: Text
    walk_words: WalkWords
    self_report: Text
    self_question: Text
    self_yes: Text
    self_no: Text
    # how did it feel: after a counted session
    checkin_pain: Text
    checkin_pain_saved: Text
    checkin_pain_high: Text
    checkin_function: Text
    function_answers: FunctionAnswers
    checkin_saved: Text
    how_was_it: Text
    just_right: Text
    just_right_reply: Text
    feedback_needs_session: Text
    # after a session
    session_done: Text
    session_done_again: Text
    week_count: Text
    streak_level: Text
    # progression: what changed and why
    too_easy_harder: Text
    too_easy_standard: Text
    too_easy_level: Text
    too_easy_top: Text
    too_hard_easier: Text
    too_hard_standard: Text
    too_hard_level: Text
    too_hard_bottom: Text
    session_easy_level: Text
    session_easy_top: Text
    session_hard_level: Text
    session_hard_bottom: Text
    # goal and level
    goal_question: Text
    level_question: Text
    goal_saved: Text
    skip: Text
    onboarding_done: Text
    onboarding_skipped: Text
    settings: Text
    settings_title: Text
    settings_body: Text
    change_goal: Text
    change_level: Text
    goal_changed: Text
    level_changed: Text
    # the printable guide
    guide_sent: Text
    guide_caption: Text
    guide_title: Text
    guide_subtitle: Text
    guide_intro: Text
    guide_plan_heading: Text
    guide_plan_intro: Text
    guide_day: Text
    guide_optional_day: Text
    guide_exercises_heading: Text
    guide_safety_heading: Text
    guide_safety_rules: list[Text]
    guide_emergency: Text
    guide_urgent: Text
    guide_page: Text
    guide_flags_heading: Text
    guide_disclaimer: Text
    guide_tracking_heading: Text
    guide_tracking_intro: Text
    guide_tracking_week: Text
    guide_tracking_pain: Text


class ReminderErrors(StrictModel):
    """What was wrong with typed reminder input; `{value}` is what the user typed."""

    unknown_day: Text
    no_days: Text
    missing_time: Text
    bad_time: Text
    bad_hour: Text
    bad_minute: Text
    unknown_timezone: Text
    example: Text


class ReminderButtons(StrictModel):
    chosen_day: Text
    next: Text
    keep_timezone: Text
    guided: Text
    manage: Text
    setup: Text
    pause: Text
    resume: Text
    turn_on: Text
    change: Text
    stop: Text
    progress: Text
    done: Text
    done_yes: Text
    done_no: Text
    snooze: Text
    skip: Text


class ReminderMessages(StrictModel):
    """/remind, /reminders and the reminder message with its buttons."""

    day_names: Annotated[list[Text], Field(min_length=7, max_length=7)]
    months: Annotated[list[Text], Field(min_length=12, max_length=12)]
    weekdays: Annotated[list[Text], Field(min_length=7, max_length=7)]
    """Monday first, written out: the session title and the printed guide."""
    month_names: Annotated[list[Text], Field(min_length=12, max_length=12)]
    when: Text
    days_question: Text
    days_chosen: Text
    no_days_chosen: Text
    time_question: Text
    timezone_question: Text
    timezone_suggestions: Text
    saved: Text
    next_three: Text
    few_days_note: Text
    many_days_note: Text
    none: Text
    status: Text
    next: Text
    paused_status: Text
    stopped_status: Text
    paused: Text
    resumed: Text
    stopped: Text
    nothing_to_pause: Text
    reminder_title: Text
    late_note: Text
    check_in: Text
    done_question: Text
    """A reminder's Done, asked plainly before it counts; `{weekday}`, `{date}`, `{month}`."""
    done: Text
    done_again: Text
    skipped: Text
    snoozed: Text
    snoozed_already: Text
    snooze_limit: Text
    errors: ReminderErrors
    buttons: ReminderButtons


class ProgressMessages(StrictModel):
    """/progress."""

    title: Text
    this_week: Text
    plan_met: Text
    streak: Text
    streak_one: Text
    streak_none: Text
    weeks_heading: Text
    week_label: Text
    week_line: Text
    no_plan: Text
    pain_trend: Text
    pain_once: Text
    """Pain after sessions when there is one rating so far; {last}."""
    pain_none: Text
    function_latest: Text
    chart_title: Text
    chart_sessions: Text
    chart_plan: Text
    chart_pain: Text


class SummaryButtons(StrictModel):
    open: Text
    """Opens the weekly summary's settings (/progress, /reminders)."""
    day: Text
    """A weekday to choose; `{day}`."""
    chosen_day: Text
    turn_off: Text
    setup: Text


class SummaryMessages(StrictModel):
    """The opt-in weekly summary: switching it on and off, and the message itself."""

    offer: Text
    """`{time}`: the reminders' time, when the summary comes."""
    status_on: Text
    status_off: Text
    turned_on: Text
    turned_off: Text
    not_sent: Text
    """After the reminders' paused or stopped status: the summary waits for them too."""
    needs_reminders: Text
    title: Text
    this_week: Text
    last_week: Text
    pain_down: Text
    pain_up: Text
    pain_same: Text
    pain_only: Text
    pain_none: Text
    met: Text
    some: Text
    none: Text
    on_hold: Text
    footer: Text
    buttons: SummaryButtons


class LanguageMessages(StrictModel):
    """/language (/språk): which language the bot writes in."""

    choose: Text
    """Above one button per language."""
    switched: Text
    """Said in the new language, right after the switch."""
    offer: Text
    """Under an answer given in this language to someone whose chosen language is another."""
    offer_button: Text
    unknown: Text
    """`/language xx` naming a language the bot does not have."""


class Messages(StrictModel):
    general: GeneralMessages
    smalltalk: SmalltalkTriggers
    buttons: ButtonLabels
    card: CardLabels
    safety: SafetyMessages
    privacy: PrivacyMessages
    operator: OperatorMessages
    flood: FloodMessages
    coach: CoachMessages
    reminders: ReminderMessages
    progress: ProgressMessages
    summary: SummaryMessages
    language: LanguageMessages
    command_menu: dict[str, Text]
    """Telegram's command menu: command name → one-line description, in order."""
