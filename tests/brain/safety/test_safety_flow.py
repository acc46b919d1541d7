"""Safety in the pipeline: red flags answered first, pain check tiers, holds and records."""

from __future__ import annotations

from bot.model.reply import Action
from harness.bot_process import run_bot


async def test_red_flag_gets_emergency_reply_first(assistant, store):
    reply = await assistant.reply(5, "I can't control my bladder since my back started hurting")
    assert (reply.kind, reply.severity) == ("safety", "emergency")
    first_line = reply.text.splitlines()[0]
    assert "emergency" in first_line.lower() and "112" in first_line
    assert not any(a.name in ("exercise", "goal", "goals") for a in reply.actions())
    assert await store.escalations.by_tier() == {"emergency": 1}


async def test_safety_reply_has_no_products_or_exercises(assistant, content):
    reply = await assistant.reply(
        5, "fell off a ladder and now my legs are numb, is the belt good?"
    )
    assert reply.severity == "emergency"
    for product in content.products.values():
        assert product.name not in reply.text


async def test_emergency_puts_exercises_on_hold_until_cleared(assistant):
    await assistant.reply(5, "I have numbness in my groin and both legs are weak")
    held = await assistant.press(5, Action("exercise", "plank"))
    assert "not suggesting exercises" in held.text
    assert Action("cleared") in held.actions()
    assert "not suggesting exercises" in (await assistant.reply(5, "/exercises")).text
    await assistant.press(5, Action("cleared"))
    card = await assistant.press(5, Action("exercise", "plank"))
    assert card.kind == "exercise"


async def test_pain_during_an_exercise_gets_stop_advice_and_an_easier_version(assistant, content):
    reply = await assistant.reply(5, "the bird dog hurt my back today")
    assert (reply.kind, reply.severity) == ("safety", "stop")
    assert content.exercises["bird_dog"].easier.name in reply.text
    card = await assistant.press(5, Action("exercise", "bird_dog"))
    assert card.kind == "exercise"


async def test_question_about_someone_else_informs_without_alarm(assistant, store):
    reply = await assistant.reply(5, "what should I do if my husband can't feel his legs?")
    assert reply.kind == "safety" and reply.severity is None
    assert "112" in reply.text
    assert await store.escalations.by_tier() == {}
    assert (await assistant.press(5, Action("exercise", "plank"))).kind == "exercise"


async def test_negated_symptom_is_not_an_alarm(assistant):
    reply = await assistant.reply(5, "no numbness, just stiffness in the morning")
    assert reply.severity not in ("emergency", "urgent")


async def test_unclear_red_flag_asks_yes_no(assistant):
    reply = await assistant.reply(5, "my leg feels a bit numb")
    if reply.kind == "clarify" and reply.id:
        yes = next(a for a in reply.actions() if a.name == "safety_yes")
        escalated = await assistant.press(5, yes)
        assert escalated.kind == "safety" and escalated.severity is not None
        no = next(a for a in reply.actions() if a.name == "safety_no")
        assert "reassuring" in (await assistant.press(6, no)).text
    else:
        assert reply.kind == "safety"


async def _walk_pain_check(assistant, user: int, rating: int, yes_at: int | None):
    reply = await assistant.reply(user, "/pain")
    assert "0 (none) to 10" in reply.text
    reply = await assistant.press(user, Action("pain_rate", str(rating)))
    step = 0
    while reply.kind == "clarify":
        answer = "pain_yes" if step == yes_at else "pain_no"
        reply = await assistant.press(user, Action(answer, str(step)))
        step += 1
    return reply


async def test_pain_check_ends_in_each_tier(assistant, content):
    check = content.safety.pain_check
    tiers = {content.safety.rule(rule_id).tier: index for index, rule_id in enumerate(check)}
    emergency = await _walk_pain_check(assistant, 11, 3, yes_at=tiers["emergency"])
    assert emergency.severity == "emergency"
    urgent = await _walk_pain_check(assistant, 12, 3, yes_at=tiers["urgent"])
    assert urgent.severity == "urgent"
    stop = await _walk_pain_check(assistant, 13, 8, yes_at=None)
    assert stop.severity == "stop" and "8/10" in stop.text
    soreness = await _walk_pain_check(assistant, 14, 2, yes_at=None)
    assert soreness.severity == "soreness" and "2/10" in soreness.text


async def test_pain_rating_can_be_typed_and_bad_ratings_are_explained(assistant):
    await assistant.reply(15, "/pain")
    assert "whole number from 0 to 10" in (await assistant.reply(15, "42")).text
    typed = await assistant.reply(15, "7")
    assert typed.kind == "clarify" and "Question 1" in typed.text


async def test_stale_pain_check_buttons_expire(assistant):
    await assistant.reply(16, "/pain")
    await assistant.press(16, Action("pain_rate", "3"))
    assert "expired" in (await assistant.press(16, Action("pain_no", "4"))).text


async def test_raw_text_is_not_stored_by_default(assistant, store):
    await assistant.reply(5, "I wet myself and my back hurts")
    rows = await store.db.fetchall("SELECT text FROM escalations")
    assert rows and rows[0]["text"] is None


def test_safety_report_summarises_escalations(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "TELEGRAM_BOT_TOKEN": "",
        "DATABASE_URL": f"sqlite:///{tmp_path}/bot.sqlite3",
    }
    talk = "I can't control my bladder\nthe plank hurt my back\nquit\n"
    assert run_bot(env, tmp_path, "console", stdin=talk).returncode == 0
    report = run_bot(env, tmp_path, "safety-report").stdout
    assert "emergency" in report and "bladder" in report
    lines = {line.split()[0]: line.split()[1] for line in report.splitlines()[1:5] if line.strip()}
    assert lines["emergency"] == "1" and lines["stop"] == "1"


async def test_emergency_number_follows_the_users_country(assistant, store, clock):
    state = await store.users.load(21)
    state.timezone = "America/New_York"
    await store.users.save(state, clock.now())
    reply = await assistant.reply(21, "I can't control my bladder")
    assert "911" in reply.text.splitlines()[0]
    unknown = await assistant.reply(22, "I can't control my bladder")
    assert "112" in unknown.text.splitlines()[0]


async def test_pause_my_reminders_is_offered_only_with_reminders_running(assistant):
    emergency = "I have lost control of my bladder and my back hurts"
    without = await assistant.reply(41, emergency)
    assert without.severity == "emergency"
    assert "pause_reminders" not in {a.name for a in without.actions()}
    await assistant.reply(42, "/remind mon,wed,fri 18:30 Europe/Oslo")
    with_reminders = await assistant.reply(42, emergency)
    assert "pause_reminders" in {a.name for a in with_reminders.actions()}
    paused = await assistant.press(42, Action("pause_reminders"))
    assert "paused" in paused.text.lower()


async def test_norwegian_red_flag_without_a_timezone_gets_113_first(library, store, clock, config):
    """language.yaml `home_country`: a Norwegian reader whose timezone says nothing gets
    Norway's number, not the EMERGENCY_NUMBER setting (112)."""
    from bot.brain.assistant import Assistant

    assistant = Assistant(library["nb"], store, clock, config)
    reply = await assistant.reply(7, "jeg får ikke kontroll over blæren og har vondt i ryggen")
    assert (reply.kind, reply.severity) == ("safety", "emergency")
    assert "113" in reply.text.splitlines()[0]
