"""/remind, /reminders, the reminder message and its buttons, /progress: what a user sees."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.brain.coach.progression import STREAK_FOR_LEVEL_UP
from bot.model.reminders import Delivery
from bot.model.reply import Action, Reply
from tests.support.brain import coach

USER = 501
MONDAY_MORNING = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
FIRST_SLOT = datetime(2026, 1, 5, 17, 30, tzinfo=UTC)  # Monday 18:30 in Oslo


def actions(reply: Reply, name: str) -> list[Action]:
    return [action for action in reply.actions() if action.name == name]


def action(reply: Reply, name: str) -> Action:
    found = actions(reply, name)
    assert found, f"no {name!r} button in {[a.name for a in reply.actions()]}"
    return found[0]


async def subscribe(assistant, text: str = "/remind mon,wed,fri 18:30 Europe/Oslo") -> Reply:
    reply = await assistant.reply(USER, text, USER)
    assert reply.text.startswith("All set"), reply.text
    return reply


async def due_now(assistant) -> list[Delivery]:
    """What the dispatcher would send at the clock's time."""
    await assistant.outbox.come_due()
    return await assistant.outbox.owed(100)


async def reminder_at(assistant, clock, moment: datetime) -> Reply:
    """The reminder due at `moment`, composed and recorded as sent, as the dispatcher does."""
    clock.set(moment)
    (delivery,) = await due_now(assistant)
    reply = await assistant.outbox.compose(delivery)
    assert await assistant.outbox.claim(delivery) == "sending"
    await assistant.outbox.finish(delivery, "sent")
    return reply


# -- subscribing --------------------------------------------------------------------------------


async def test_guided_flow_with_a_preset_and_the_default_timezone(assistant, store):
    days = await assistant.reply(USER, "/remind", USER)
    assert "Three or four days" in days.text
    labels = [button.label for row in days.buttons for button in row]
    assert {"Mon · Wed · Fri", "Tue · Thu · Sat", "Mon · Wed · Fri · Sun"} <= set(labels)
    assert len(actions(days, "remind_day")) == 7

    times = await assistant.press(USER, Action("remind_days", "0,2,4"), USER)
    assert "HH:MM" in times.text and len(actions(times, "remind_time")) >= 6

    zone = await assistant.press(USER, Action("remind_time", "18:00"), USER)
    assert "Europe/Oslo" in zone.text
    done = await assistant.press(USER, action(zone, "remind_tz"), USER)

    assert done.text.startswith("All set! I'll remind you on Mon, Wed, Fri at 18:00 (Europe/Oslo).")
    assert "Mon 5 Jan at 18:00" in done.text
    assert "Wed 7 Jan at 18:00" in done.text and "Fri 9 Jan at 18:00" in done.text
    assert "A tip" not in done.text  # three days: as recommended
    subscription = await store.reminders.get(USER)
    assert subscription.schedule.days_text == "mon,wed,fri"
    assert subscription.next_due == datetime(2026, 1, 5, 17, 0, tzinfo=UTC)


async def test_guided_flow_with_day_toggles_typed_time_and_a_typed_city(assistant, store):
    await assistant.reply(USER, "/remind", USER)
    await assistant.press(USER, Action("remind_day", "1"), USER)
    picker = await assistant.press(USER, Action("remind_day", "3"), USER)
    assert "Chosen so far: Tue, Thu." in picker.text
    assert "✓ Tue" in [button.label for row in picker.buttons for button in row]
    await assistant.press(USER, Action("remind_days_ok"), USER)

    wrong = await assistant.reply(USER, "25:00", USER)
    assert "hours go from 00 to 23" in wrong.text and "Example: /remind" in wrong.text
    await assistant.reply(USER, "7:15", USER)
    done = await assistant.reply(USER, "new york", USER)

    assert "Tue, Thu at 07:15 (America/New_York)" in done.text
    assert "Tue 6 Jan at 07:15" in done.text
    assert "three or four sessions a week is what makes" in done.text  # two days: a note
    assert (await store.reminders.get(USER)).schedule.timezone == "America/New_York"


async def test_next_without_any_day_asks_for_one(assistant):
    await assistant.reply(USER, "/remind", USER)
    reply = await assistant.press(USER, Action("remind_days_ok"), USER)
    assert reply.text.startswith("Tap at least one day first.")
    assert len(actions(reply, "remind_day")) == 7


async def test_unknown_timezone_then_a_suggestion_picked(assistant, store):
    await assistant.reply(USER, "/remind", USER)
    await assistant.press(USER, Action("remind_days", "0,2,4,6"), USER)
    await assistant.press(USER, Action("remind_time", "07:00"), USER)

    nowhere = await assistant.reply(USER, "Atlantis", USER)
    assert 'couldn\'t find a timezone called "Atlantis"' in nowhere.text
    unsure = await assistant.reply(USER, "olso", USER)
    assert "not sure" in unsure.text
    done = await assistant.press(USER, action(unsure, "remind_tz"), USER)

    assert "Mon, Wed, Fri, Sun at 07:00 (Europe/Oslo)" in done.text
    assert "A tip" not in done.text  # four days: as recommended


@pytest.mark.parametrize("question", ["how often should I exercise", "is 20 minutes enough?"])
async def test_a_question_in_the_middle_of_the_flow_is_answered_not_rejected(assistant, question):
    await assistant.reply(USER, "/remind", USER)
    await assistant.press(USER, Action("remind_days", "0,2,4"), USER)
    reply = await assistant.reply(USER, question, USER)
    assert "HH:MM" not in reply.text and "not a time" not in reply.text


async def test_buttons_of_an_abandoned_flow_expire(assistant, content):
    for stale in (
        Action("remind_time", "18:00"),
        Action("remind_tz", ""),
        Action("remind_day", "2"),
        Action("remind_days", "0,1"),  # not one of the presets
        Action("remind_tz", "Not:A:Zone"),
    ):
        reply = await assistant.press(USER, stale, USER)
        assert reply.text == content.messages.general.button_expired, stale


async def test_many_days_get_a_note_about_rest(assistant):
    reply = await subscribe(assistant, "/remind mon,tue,wed,thu,fri,sat 12:00")
    assert "Rest days" in reply.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/remind mun,wed 18:30", '"mun" is not a day I know'),
        ("/remind mon,wed 25:00", '"25:00" is not a time of day: hours go from 00 to 23'),
        ("/remind mon,wed 18:61", "minutes go from 00 to 59"),
        ("/remind mon,wed six", '"six" is not a day I know'),
        ("/remind mon,wed 6ish", '"6ish" is not a time I can read'),
        ("/remind mon,wed", "Add the time after the days"),
        ("/remind 18:30", "Start with the days"),
        ("/remind ,,, 18:30", "Start with the days"),
        ("/remind mon 18:30 Atlantis", 'couldn\'t find a timezone called "Atlantis"'),
    ],
)
async def test_every_bad_shortcut_gets_a_precise_reply_and_an_example(
    assistant, store, text, expected
):
    reply = await assistant.reply(USER, text, USER)
    assert expected in reply.text
    assert "Example: /remind mon,wed,fri 18:30 Europe/Oslo" in reply.text
    assert await store.reminders.get(USER) is None


async def test_the_shortcut_subscribes_at_once_and_replaces_an_old_schedule(assistant, store):
    first = await subscribe(assistant, "/remind tue,thu,sat 07:00 london")
    assert "(Europe/London)" in first.text
    await subscribe(assistant)
    subscription = await store.reminders.get(USER)
    assert subscription.schedule.days_text == "mon,wed,fri"
    assert subscription.next_due == FIRST_SLOT


async def test_the_shortcut_with_an_unsure_timezone_offers_choices(assistant, store):
    unsure = await assistant.reply(USER, "/remind mon 18:30 olso", USER)
    done = await assistant.press(USER, action(unsure, "remind_tz"), USER)
    assert "Mon at 18:30 (Europe/Oslo)" in done.text


async def test_the_main_menu_offers_reminders(assistant):
    menu = await assistant.reply(USER, "/menu", USER)
    assert Action("reminders") in menu.actions()


# -- managing -----------------------------------------------------------------------------------


async def test_reminders_shows_the_schedule_and_pause_resume_stop_work(assistant, store, clock):
    empty = await assistant.reply(USER, "/reminders", USER)
    assert "no reminders yet" in empty.text and action(empty, "remind")

    await subscribe(assistant)
    overview = await assistant.reply(USER, "/reminders", USER)
    assert "Mon, Wed, Fri at 18:30 (Europe/Oslo)" in overview.text
    assert "Next reminder: Mon 5 Jan at 18:30." in overview.text

    paused = await assistant.press(USER, action(overview, "pause_reminders"), USER)
    assert "paused" in paused.text.lower() and action(paused, "resume_reminders")
    clock.set(FIRST_SLOT + timedelta(minutes=1))
    assert await due_now(assistant) == []  # nothing goes out while paused

    clock.set(datetime(2026, 1, 6, 12, 0, tzinfo=UTC))
    resumed = await assistant.press(USER, action(paused, "resume_reminders"), USER)
    assert "Next reminder: Wed 7 Jan at 18:30." in resumed.text  # no catch-up of Monday

    stopped = await assistant.press(USER, action(resumed, "stop_reminders"), USER)
    assert "stopped" in stopped.text and "turned off" in stopped.text
    assert not (await store.reminders.get(USER)).active
    again = await assistant.press(USER, action(stopped, "resume_reminders"), USER)
    assert "Next reminder: Wed 7 Jan at 18:30." in again.text


async def test_the_emergency_reply_offers_to_pause_reminders(assistant, store):
    await subscribe(assistant)
    emergency = await assistant.reply(USER, "I have lost control of my bladder and my back hurts")
    assert emergency.severity == "emergency"
    paused = await assistant.press(USER, action(emergency, "pause_reminders"), USER)
    assert "paused" in paused.text.lower()
    assert (await store.reminders.get(USER)).paused


async def test_pausing_without_reminders_says_so(assistant):
    reply = await assistant.press(USER, Action("pause_reminders"), USER)
    assert "nothing to pause" in reply.text


# -- the reminder and its buttons ---------------------------------------------------------------


async def test_the_reminder_carries_todays_session_and_four_buttons(assistant, clock, services):
    await subscribe(assistant)
    reminder = await reminder_at(assistant, clock, FIRST_SLOT)
    assert reminder.text.startswith("Time for your back session")
    preview = coach(services).preview(await services.store.users.load(USER), date(2026, 1, 5))
    assert preview and all(block in reminder.blocks for block in preview)
    assert "late" not in reminder.text
    names = [a.name for a in reminder.actions()]
    assert {"reminder_done", "reminder_snooze", "reminder_skip", "pain"} <= set(names)
    assert action(reminder, "reminder_done").arg == "2026-01-05"
    assert action(reminder, "reminder_snooze").arg == "2026-01-05T18:30"


async def done_on_my_own(assistant, reminder: Reply) -> Reply:
    """Done on the reminder, then "Yes, I did it" to the plain question it asks."""
    question = await assistant.press(USER, action(reminder, "reminder_done"), USER)
    return await assistant.press(USER, action(question, "reminder_done_yes"), USER)


async def test_done_asks_plainly_and_counts_only_after_yes(assistant, clock, store):
    await subscribe(assistant)
    reminder = await reminder_at(assistant, clock, FIRST_SLOT)
    question = await assistant.press(USER, action(reminder, "reminder_done"), USER)
    assert "Did you do the session for Monday 5 January on your own" in question.text
    labels = [button.label for row in question.buttons for button in row]
    assert labels == ["Yes, I did it", "No, start it now"]
    assert await store.progress.between(USER, date(2026, 1, 5), date(2026, 1, 5)) == []

    start = await assistant.press(USER, question.buttons[1][0].action, USER)
    assert action(start, "session_step")  # "no": today's session, ready to start
    assert await store.progress.between(USER, date(2026, 1, 5), date(2026, 1, 5)) == []


async def test_done_counts_towards_the_week_and_shows_in_progress(assistant, clock):
    await subscribe(assistant)
    reminder = await reminder_at(assistant, clock, FIRST_SLOT)
    done = await done_on_my_own(assistant, reminder)
    assert "That's 1 of 3 sessions this week" in done.text
    again = await done_on_my_own(assistant, reminder)
    assert "Already noted" in again.text

    progress = await assistant.reply(USER, "/progress", USER)
    assert "This week: 1 of 3 sessions done." in progress.text
    assert "5 Jan: ●○○ 1/3" in progress.text


async def test_done_on_reminders_counts_towards_levelling_up(assistant, clock, store):
    await subscribe(assistant)
    for days_ago in range(STREAK_FOR_LEVEL_UP - 1, 0, -1):
        day = date(2026, 1, 5) - timedelta(days=2 * days_ago)
        await store.progress.record(USER, day, "done", clock.now() - timedelta(days=2 * days_ago))
    reminder = await reminder_at(assistant, clock, FIRST_SLOT)
    done = await done_on_my_own(assistant, reminder)
    assert "Intermediate" in done.text
    assert (await store.users.load(USER)).level == "intermediate"


async def test_snooze_sends_it_again_an_hour_later_once(assistant, clock, store):
    await subscribe(assistant)
    reminder = await reminder_at(assistant, clock, FIRST_SLOT)
    snoozed = await assistant.press(USER, action(reminder, "reminder_snooze"), USER)
    assert "again at 19:30" in snoozed.text
    twice = await assistant.press(USER, action(reminder, "reminder_snooze"), USER)
    assert "Already snoozed: I'll remind you at 19:30." in twice.text

    clock.advance(timedelta(minutes=30))
    assert await due_now(assistant) == []
    clock.advance(timedelta(minutes=31))
    (again,) = await due_now(assistant)
    assert again.slot == "2026-01-05T18:30.s1"
    second = await assistant.outbox.compose(again)
    assert action(second, "reminder_snooze").arg == "2026-01-05T18:30.s1"


async def test_done_or_skip_cancels_a_pending_snooze(assistant, clock, store):
    await subscribe(assistant)
    reminder = await reminder_at(assistant, clock, FIRST_SLOT)
    await assistant.press(USER, action(reminder, "reminder_snooze"), USER)
    skipped = await assistant.press(USER, action(reminder, "reminder_skip"), USER)
    assert "Rest well" in skipped.text and "Next reminder: Wed 7 Jan at 18:30." in skipped.text
    clock.advance(timedelta(hours=2))
    assert await due_now(assistant) == []
    records = await store.progress.between(USER, date(2026, 1, 5), date(2026, 1, 5))
    assert [record.outcome for record in records] == ["skipped"]


async def test_snoozing_stops_after_three_times(assistant, clock):
    await subscribe(assistant)
    await reminder_at(assistant, clock, FIRST_SLOT)
    reply = await assistant.press(USER, Action("reminder_snooze", "2026-01-05T18:30.s3"), USER)
    assert "snoozed this one 3 times" in reply.text


async def test_forged_or_old_reminder_buttons_expire(assistant, clock, content):
    await subscribe(assistant)
    clock.set(FIRST_SLOT)
    expired = content.messages.general.button_expired
    for stale in (
        Action("reminder_done", "2026-01-06"),  # tomorrow
        Action("reminder_done", "2025-12-01"),  # weeks ago
        Action("reminder_done", "yesterday"),
        Action("reminder_done_yes", "2026-01-06"),
        Action("reminder_done_yes", "yesterday"),
        Action("reminder_skip", "2026-13-01"),
        Action("reminder_snooze", "2026-01-01T18:30"),
        Action("reminder_snooze", "2026-01-05T18:30.sx"),
    ):
        assert (await assistant.press(USER, stale, USER)).text == expired, stale


async def test_during_a_safety_hold_the_reminder_is_a_check_in_without_exercises(assistant, clock):
    await subscribe(assistant)
    await assistant.reply(USER, "I have lost control of my bladder and my back hurts", USER)
    reminder = await reminder_at(assistant, clock, FIRST_SLOT)
    assert "checking in" in reminder.text
    assert "Time for your back session" not in reminder.text
    names = {a.name for a in reminder.actions()}
    assert names == {"cleared", "pause_reminders", "pain"}


async def test_the_reminder_itself_carries_no_weekly_summary(assistant, clock, store):
    """The summary is opt-in, a message of its own (test_weekly_summary.py)."""
    await subscribe(assistant)
    for day in (5, 7, 9):
        await store.progress.record(USER, date(2026, 1, day), "done", clock.now())
    monday = await reminder_at(assistant, clock, datetime(2026, 1, 12, 17, 30, tzinfo=UTC))
    assert "Time for your back session" in monday.text
    assert "Last week" not in monday.text


async def test_composing_a_reminder_reads_the_subscribers_row_once(
    assistant, clock, store, monkeypatch
):
    """A tick composes every owed reminder: one read of the user per delivery, not one to pick
    the language and another for the message."""
    await subscribe(assistant)
    clock.set(FIRST_SLOT)
    (delivery,) = await due_now(assistant)
    reads = []
    load = store.users.load

    async def counted(*args, **kwargs):
        reads.append(args[0])
        return await load(*args, **kwargs)

    monkeypatch.setattr(store.users, "load", counted)
    reply = await assistant.outbox.compose(delivery)
    assert "Time for your back session" in reply.text
    assert reads == [USER]


async def test_progress_shows_the_streak_and_the_weeks_since_the_user_started(
    assistant, clock, store
):
    await subscribe(assistant)
    for monday in (date(2025, 12, 22), date(2025, 12, 29)):
        for offset in (0, 2, 4):
            await store.progress.record(USER, monday + timedelta(days=offset), "done", clock.now())
    await store.progress.record(USER, date(2025, 12, 15), "done", clock.now())
    progress = await assistant.reply(USER, "/progress", USER)
    assert "This week: 0 of 3 sessions done." in progress.text
    assert "Streak: 2 weeks in a row on plan." in progress.text
    lines = [line for line in progress.text.splitlines() if line.startswith("• ")]
    assert len(lines) == 4, "weeks before the first session are left out"
    assert lines[0] == "• 15 Dec: ●○○ 1/3"
    assert lines[-1] == "• 5 Jan: ○○○ 0/3"
    assert lines[-2] == "• 29 Dec: ●●● 3/3"
    assert lines[-4] == "• 15 Dec: ●○○ 1/3"


async def test_progress_without_reminders_counts_against_three(assistant):
    progress = await assistant.reply(USER, "/progress", USER)
    assert "0 of 3" in progress.text and "/remind" in progress.text


async def test_progress_shows_at_most_eight_weeks(assistant, clock, store):
    await subscribe(assistant)
    for weeks_ago in range(1, 12):
        day = date(2026, 1, 5) - timedelta(weeks=weeks_ago)
        await store.progress.record(USER, day, "done", clock.now())
    progress = await assistant.reply(USER, "/progress", USER)
    lines = [line for line in progress.text.splitlines() if line.startswith("• ")]
    assert len(lines) == 8 and lines[-1] == "• 5 Jan: ○○○ 0/3"
