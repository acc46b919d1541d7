"""The opt-in weekly summary: turned on in words (English and Norwegian) or by buttons, on the
day the user chooses, and what it says when it comes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.model.reply import Action, Reply

USER = 601
SUNDAY_SLOT = datetime(2026, 1, 11, 17, 30, tzinfo=UTC)  # Sunday 18:30 in Oslo
NEXT_MONDAY_SLOT = datetime(2026, 1, 12, 17, 30, tzinfo=UTC)


def action(reply: Reply, name: str, arg: str | None = None) -> Action:
    for found in reply.actions():
        if found.name == name and (arg is None or found.arg == arg):
            return found
    raise AssertionError(f"no {name}:{arg} button in {[str(a) for a in reply.actions()]}")


async def subscribe(assistant, language: str = "en") -> None:
    text = "/remind mon,wed,fri 18:30 Europe/Oslo"
    reply = await assistant.reply(USER, text, USER, language_code=language)
    assert "18:30" in reply.text


async def summaries_due(assistant) -> list:
    await assistant.outbox.come_due()
    return [d for d in await assistant.outbox.owed(100) if d.slot.endswith(".w")]


async def test_asked_in_english_it_comes_on_sunday_with_the_week(assistant, clock, store):
    await subscribe(assistant)
    on = await assistant.reply(USER, "send me a weekly summary on sundays", USER)
    assert "every Sunday at 18:30 I'll send you a short summary of your week" in on.text
    assert action(on, "summary", "off")
    for day in (5, 7):
        await store.progress.record(USER, date(2026, 1, day), "done", clock.now())
    await store.walks.record_checkin(USER, date(2026, 1, 7), clock.now(), pain=3)

    clock.set(SUNDAY_SLOT - timedelta(minutes=1))
    assert await summaries_due(assistant) == []
    clock.set(SUNDAY_SLOT)
    (delivery,) = await summaries_due(assistant)
    summary = await assistant.outbox.compose(delivery)
    assert summary.text.startswith("Your week")
    assert "This week you did 2 of the 3 sessions in your plan." in summary.text
    assert "Pain after sessions: about 3/10." in summary.text
    assert "Every session counts" in summary.text
    assert "Time for your back session" not in summary.text


async def test_asked_in_norwegian_it_is_set_for_sunday_and_written_in_norwegian(
    bilingual, clock, store
):
    await subscribe(bilingual, "nb")
    on = await bilingual.reply(USER, "ukentlig oppsummering på søndag", USER)
    assert "hver søndag kl. 18:30 får du en kort oppsummering av uka" in on.text
    assert (await store.reminders.get(USER)).summary_day == 6
    clock.set(SUNDAY_SLOT)
    (delivery,) = await summaries_due(bilingual)
    summary = await bilingual.outbox.compose(delivery)
    assert summary.text.startswith("Uka di")
    assert "Denne uka har du gjort 0 av de 3 øktene i planen din." in summary.text


async def test_turned_off_in_words_nothing_comes(assistant, clock, store):
    await subscribe(assistant)
    await assistant.reply(USER, "send me a weekly summary on sundays", USER)
    off = await assistant.reply(USER, "stop the weekly summary", USER)
    assert "The weekly summary is off." in off.text
    clock.set(SUNDAY_SLOT + timedelta(minutes=1))
    assert await summaries_due(assistant) == []


async def test_the_progress_button_turns_it_on_for_the_first_reminder_day(assistant, clock, store):
    await subscribe(assistant)
    progress = await assistant.reply(USER, "/progress", USER)
    settings = await assistant.press(USER, action(progress, "summary"), USER)
    assert "Weekly summary: off." in settings.text
    assert "Many people like Sunday" in settings.text
    on = await assistant.press(USER, Action("summary", "on"), USER)
    assert "every Monday at 18:30" in on.text  # reminders on Mon, Wed, Fri
    for day in (5, 7, 9):
        await store.progress.record(USER, date(2026, 1, day), "done", clock.now())
    clock.set(NEXT_MONDAY_SLOT)
    (delivery,) = await summaries_due(assistant)
    summary = await assistant.outbox.compose(delivery)
    assert "Last week you did 3 of the 3 sessions in your plan." in summary.text
    assert "You kept to your plan." in summary.text


async def test_a_day_button_moves_it_and_reminders_show_it(assistant):
    await subscribe(assistant)
    await assistant.press(USER, Action("summary", "on"), USER)
    moved = await assistant.press(USER, Action("summary", "5"), USER)
    assert "every Saturday at 18:30" in moved.text
    overview = await assistant.reply(USER, "/reminders", USER)
    assert "Weekly summary: on, every Saturday at 18:30." in overview.text


async def test_without_reminders_it_asks_for_them_first(assistant, store):
    reply = await assistant.reply(USER, "send me a weekly summary on sundays", USER)
    assert "I need your reminder days and time first" in reply.text
    assert action(reply, "remind")


async def test_it_is_off_until_asked_for(assistant, clock):
    await subscribe(assistant)
    clock.set(SUNDAY_SLOT + timedelta(days=7))
    assert await summaries_due(assistant) == []


async def test_rising_pain_is_said_plainly_with_what_to_do(assistant, clock, store):
    await subscribe(assistant)
    await assistant.reply(USER, "weekly summary on sunday please", USER)
    await store.progress.record(USER, date(2026, 1, 2), "done", clock.now())
    await store.walks.record_checkin(USER, date(2026, 1, 2), clock.now(), pain=2)
    await store.progress.record(USER, date(2026, 1, 7), "done", clock.now())
    await store.walks.record_checkin(USER, date(2026, 1, 7), clock.now(), pain=5)
    clock.set(SUNDAY_SLOT)
    (delivery,) = await summaries_due(assistant)
    summary = await assistant.outbox.compose(delivery)
    assert "has gone up, from about 2/10 to about 5/10" in summary.text
    assert "physiotherapist" in summary.text


async def test_never_set_up_from_a_group_chat(assistant, store):
    await subscribe(assistant)
    reply = await assistant.reply(USER, "send me a weekly summary on sundays", -100123)
    assert "private chat" in reply.text
    assert (await store.reminders.get(USER)).summary_day is None


async def test_while_reminders_are_paused_it_says_the_summary_waits_too(assistant, clock):
    await subscribe(assistant)
    await assistant.reply(USER, "send me a weekly summary on sundays", USER)
    await assistant.press(USER, Action("pause_reminders"), USER)
    settings = await assistant.press(USER, Action("summary"), USER)
    assert "Paused: nothing is sent until you resume. The weekly summary waits" in settings.text
    clock.set(SUNDAY_SLOT)
    assert await summaries_due(assistant) == []
