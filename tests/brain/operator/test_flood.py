"""Flood protection: one notice past 20 messages in 10 seconds, then silence until it calms."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.brain.operator.flood import Admission, FloodGuard

START = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


def _burst(guard: FloodGuard, user_id: int, count: int, start: datetime, gap: float = 0.1):
    return [guard.admit(user_id, start + timedelta(seconds=gap * n)) for n in range(count)]


def test_twenty_messages_in_ten_seconds_are_all_answered():
    assert set(_burst(FloodGuard(), 1, 20, START)) == {Admission.ANSWER}


def test_the_21st_gets_one_notice_and_the_rest_silence():
    outcomes = _burst(FloodGuard(), 1, 30, START)
    assert outcomes[20] is Admission.WARN
    assert set(outcomes[21:]) == {Admission.IGNORE}


def test_answers_resume_once_the_sender_calms_down_and_a_new_flood_warns_again():
    guard = FloodGuard()
    _burst(guard, 1, 25, START)
    later = START + timedelta(seconds=15)
    assert guard.admit(1, later) is Admission.ANSWER
    outcomes = _burst(guard, 1, 25, later + timedelta(seconds=1))
    assert Admission.WARN in outcomes


def test_steady_spam_stays_silent_because_ignored_messages_count_too():
    guard = FloodGuard()
    outcomes = _burst(guard, 1, 200, START, gap=0.3)  # 3.3 a second for a minute
    assert outcomes.count(Admission.WARN) == 1
    assert outcomes[-50:] == [Admission.IGNORE] * 50


def test_one_users_flood_does_not_silence_anyone_else():
    guard = FloodGuard()
    _burst(guard, 1, 40, START)
    assert guard.admit(2, START + timedelta(seconds=1)) is Admission.ANSWER


def test_idle_users_are_forgotten_so_memory_stays_bounded():
    guard = FloodGuard()
    for user_id in range(5000):
        guard.admit(user_id, START + timedelta(seconds=user_id))
    assert len(guard._arrivals) < 1100
