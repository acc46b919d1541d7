"""Safety over real HTTP: the emergency reply comes first, and /pain ends in each tier."""

from __future__ import annotations

import pytest

from harness.fake_bot_api import callback_data
from tests.support.telegram_app import bot_settings, running_bot, wait_messages


async def test_red_flag_message_gets_the_emergency_reply_first(api, tmp_path, clock):
    async with running_bot(bot_settings(api, tmp_path / "b.sqlite3"), clock=clock):
        api.push_text("cant feel my butt when i wipe and my back is killing me")
        (reply,) = await wait_messages(api, 1)
        first_line = reply["text"].splitlines()[0]
        assert "emergency" in first_line.lower() and "112" in first_line
        assert callback_data(reply, "v1|cleared|")


@pytest.mark.parametrize(
    ("rating", "yes_to", "expected"),
    [("4", "bladder_bowel", "emergency"), ("4", "fever_unwell", "urgent"),
     ("8", None, "stop"), ("2", None, "soreness")],
)  # fmt: skip
async def test_pain_check_over_http_ends_in_each_tier(
    api, tmp_path, clock, content, rating, yes_to, expected
):
    tier_words = {
        "emergency": "emergency",
        "urgent": "today",
        "stop": "stop",
        "soreness": "sore",
    }
    async with running_bot(bot_settings(api, tmp_path / "b.sqlite3"), clock=clock):
        api.push_text("/pain")
        (question,) = await wait_messages(api, 1)
        api.push_button(f"v1|pain_rate|{rating}")
        sent = 2
        reply = (await wait_messages(api, sent))[-1]
        for step, rule_id in enumerate(content.safety.pain_check):
            answer = "pain_yes" if rule_id == yes_to else "pain_no"
            assert callback_data(reply, f"v1|{answer}|{step}")
            api.push_button(f"v1|{answer}|{step}")
            sent += 1
            reply = (await wait_messages(api, sent))[-1]
            if answer == "pain_yes":
                break
        assert tier_words[expected] in reply["text"].lower()
        title = content.safety.tiers[expected].title.format(emergency_number="112")
        assert title.split(":")[0] in reply["text"]


async def test_pain_during_a_session_gets_stop_advice_and_the_coach_steps_down(
    api, tmp_path, clock, content
):
    database = tmp_path / "b.sqlite3"
    async with running_bot(bot_settings(api, database), clock=clock) as application:
        api.push_text("/session")
        (overview,) = await wait_messages(api, 1)
        (start,) = callback_data(overview, "v1|session_step|")
        api.push_button(start)
        warm_up = (await wait_messages(api, 2))[-1]
        (onward,) = callback_data(warm_up, "v1|session_next|")
        api.push_button(onward)
        exercise_step = (await wait_messages(api, 3))[-1]
        (hurt,) = callback_data(exercise_step, "v1|session_hurt|")
        api.push_button(hurt)
        reply = (await wait_messages(api, 4))[-1]
        assert content.safety.tiers["stop"].title.split(".")[0] in reply["text"]
        store = application.bot_data["runtime"].store
        (stepped_down,) = [e for e, stage in (await store.users.load(777)).stages.items()]
        assert content.exercises[stepped_down].easier.name in reply["text"]
        assert (await store.users.load(777)).stages[stepped_down] == -1


async def test_crisis_message_gets_the_countrys_crisis_line_first(api, tmp_path, clock):
    # The bot's home timezone (Europe/Oslo) stands in for a user who has set none.
    async with running_bot(bot_settings(api, tmp_path / "b.sqlite3"), clock=clock):
        api.push_text("honestly i dont want to be here anymore, this back has beaten me")
        (reply,) = await wait_messages(api, 1)
        first_line = reply["text"].splitlines()[0]
        assert "116 123" in first_line and "113" in first_line
        assert not callback_data(reply, "v1|menu|")
