"""Reminders on both engines, with two instances on one database: every delivery is handed to
one sender, claimed once, and a dead sender's interrupted claims become unconfirmed."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time

import pytest

from bot.model.reminders import SENDING, SENT, UNCONFIRMED
from bot.model.schedule import Schedule
from bot.model.user import UserState
from bot.store import DATABASE_ERRORS, Store, reminders
from bot.store.pace import PER_SECOND

MONDAY = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
GRACE = timedelta(hours=2)
USERS = 30


async def subscribe_many(store: Store, count: int = USERS) -> None:
    schedule = Schedule(frozenset({0, 2, 4}), clock_time(9, 0), "UTC")
    for user in range(1, count + 1):
        user_id = 5_000_000_000 + user
        await store.users.save(UserState(user_id, chat_id=user_id), MONDAY)
        await store.reminders.subscribe(user_id, user_id, schedule, MONDAY)


async def test_a_due_slot_becomes_one_delivery_claimed_once(engine_store, second_store):
    await subscribe_many(engine_store, 1)
    due = MONDAY.replace(hour=9)
    materialized = await asyncio.gather(
        engine_store.reminders.materialize_due(due, GRACE),
        second_store.reminders.materialize_due(due, GRACE),
    )
    assert sum(m.due for m in materialized) == 1
    (delivery,) = await engine_store.reminders.pending(due, 10)
    claims = await asyncio.gather(
        engine_store.reminders.claim(delivery, due, GRACE, "a"),
        second_store.reminders.claim(delivery, due, GRACE, "b"),
    )
    assert sorted(claims, key=str) == [None, SENDING]
    await engine_store.reminders.finish(delivery, SENT, due)
    statuses = await engine_store.reminders.statuses(delivery.subscription.id)
    assert list(statuses.values()) == [SENT]
    # The next slot is Wednesday: nothing more is owed on Monday.
    assert await engine_store.reminders.pending(due + timedelta(hours=1), 10) == []


async def test_instances_materialising_together_in_small_steps_queue_each_slot_once(
    engine_store, second_store, monkeypatch
):
    """A tick gives the event loop back every few rows of its batch, inside the batch's
    transaction: two instances doing so at once must still queue every slot exactly once and
    move every schedule on once."""
    monkeypatch.setattr(reminders, "YIELD_EVERY", 2)
    monkeypatch.setattr(reminders, "BATCH", 7)  # several batches, each cut into steps
    await subscribe_many(engine_store)
    due = MONDAY.replace(hour=9)
    materialized = await asyncio.gather(
        engine_store.reminders.materialize_due(due, GRACE),
        second_store.reminders.materialize_due(due, GRACE),
    )
    assert sum(m.due for m in materialized) == USERS
    assert sum(m.missed for m in materialized) == 0
    owed = await engine_store.reminders.pending(due, 100)
    assert len({d.subscription.id for d in owed}) == len(owed) == USERS
    again = await engine_store.reminders.materialize_due(due + timedelta(minutes=1), GRACE)
    assert again.due == again.missed == 0  # every schedule moved on to Wednesday
    wednesday = await engine_store.reminders.materialize_due(due + timedelta(days=2), GRACE)
    assert wednesday.due == USERS


async def test_two_senders_are_handed_different_deliveries(engine_store, second_store):
    await subscribe_many(engine_store)
    due = MONDAY.replace(hour=9)
    for store, owner in ((engine_store, "a"), (second_store, "b")):
        await store.reminders.register_sender(owner, "host", 1, due)
    await engine_store.reminders.materialize_due(due, GRACE)
    first, second = await asyncio.gather(
        engine_store.reminders.pending(due, 20, owner="a"),
        second_store.reminders.pending(due, 20, owner="b"),
    )
    slots = lambda batch: {(d.subscription.id, d.slot) for d in batch}  # noqa: E731
    assert slots(first).isdisjoint(slots(second))
    assert len(first) + len(second) == USERS
    # What one was handed, the other cannot claim while the lease lasts.
    taken = first[0]
    assert await second_store.reminders.claim(taken, due, GRACE, "b") is None
    assert await engine_store.reminders.claim(taken, due, GRACE, "a") == SENDING


async def test_a_dead_senders_claims_become_unconfirmed_and_its_share_goes_to_others(
    engine_store, second_store
):
    await subscribe_many(engine_store, 4)
    due = MONDAY.replace(hour=9)
    await engine_store.reminders.register_sender("dead", "host", 1, due)
    await second_store.reminders.register_sender("alive", "host", 2, due)
    await engine_store.reminders.materialize_due(due, GRACE)
    handed = await engine_store.reminders.pending(due, 10, owner="dead")
    assert len(handed) == 4
    assert await engine_store.reminders.claim(handed[0], due, GRACE, "dead") == SENDING
    assert await second_store.reminders.pending(due, 10, owner="alive") == []
    assert await second_store.reminders.recover_interrupted(["dead"]) == 1
    survivors = await second_store.reminders.pending(due, 10, owner="alive")
    assert len(survivors) == 3  # the three it never claimed; the interrupted one is not resent
    status = await second_store.reminders.statuses(handed[0].subscription.id)
    assert list(status.values()) == [UNCONFIRMED]


async def test_pruning_and_snoozes(engine_store):
    await subscribe_many(engine_store, 1)
    subscription = await engine_store.reminders.get(5_000_000_001)
    later = MONDAY + timedelta(hours=3)
    assert await engine_store.reminders.snooze(subscription.id, "2026-01-05T09:00.s1", later)
    assert not await engine_store.reminders.snooze(subscription.id, "2026-01-05T09:00.s1", later)
    assert await engine_store.reminders.snoozed_until(subscription.id, "2026-01-05T09:00.s1") == (
        later
    )
    await engine_store.reminders.cancel_snoozes(subscription.id, "2026-01-05")
    assert await engine_store.reminders.prune(MONDAY + timedelta(days=1)) == 1


async def test_pruning_forgets_every_old_finished_delivery_in_batches_and_keeps_open_ones(
    engine_store,
):
    await subscribe_many(engine_store, 1)
    subscription = await engine_store.reminders.get(5_000_000_001)
    old = MONDAY - timedelta(days=120)
    finished = [f"2025-09-{day:02}T09:00" for day in range(1, 8)]
    async with engine_store.db.transaction() as db:
        await db.executemany(
            "INSERT INTO deliveries (subscription_id, local_slot, due_utc, status) "
            "VALUES (?, ?, ?, ?)",
            [(subscription.id, slot, old.isoformat(), SENT) for slot in finished]
            + [(subscription.id, "2025-09-08T09:00", old.isoformat(), SENDING)]
            + [(subscription.id, "2026-01-05T09:00", MONDAY.isoformat(), SENT)],
        )
    assert await engine_store.reminders.prune(MONDAY - timedelta(days=90), batch=3) == 7
    assert await engine_store.reminders.statuses(subscription.id) == {
        "2025-09-08T09:00": SENDING,
        "2026-01-05T09:00": SENT,
    }


async def test_the_send_clock_spaces_turns_across_instances(postgres):
    url = postgres.create_database("pace")
    stores = [await Store.open(url) for _ in range(2)]
    try:
        turns = [await stores[n % 2].pace.take() for n in range(PER_SECOND)]
        # One instance's turn after the other's, each 1/30 s after the one before: the 30th
        # waits most of a second, whichever instance takes it.
        assert len({turn.permit for turn in turns}) == PER_SECOND
        assert turns[-1].wait >= (PER_SECOND - 1) / PER_SECOND * 0.9
    finally:
        for store in stores:
            await store.close()


async def test_sends_answered_late_hold_the_next_ones_back_a_second(postgres):
    """Requests that arrived late (a stalled machine, a network hiccup) arrive together, so the
    next turns wait a second from their answers, even though their moments on the clock passed."""
    url = postgres.create_database("late")
    stores = [await Store.open(url) for _ in range(2)]
    try:
        turns = [await stores[n % 2].pace.take() for n in range(PER_SECOND)]
        await asyncio.sleep(turns[-1].wait + 0.5)  # every moment passed, no answer came yet
        for n, turn in enumerate(turns):
            await stores[n % 2].pace.give_back(turn.permit)
        assert (await stores[0].pace.take()).wait > 0.5
    finally:
        for store in stores:
            await store.close()


async def test_a_permit_still_held_is_never_handed_out_twice(postgres):
    """Every permit taken and none given back yet (a network hiccup holds all answers): more
    takes from several instances at once get no permit, rather than a second holder of one that
    will send in the same instant as the first, which would make 31 messages in one second."""
    url = postgres.create_database("held")
    stores = [await Store.open(url) for _ in range(3)]
    try:
        held = await asyncio.gather(*(stores[n % 3].pace.take() for n in range(PER_SECOND)))
        assert len({turn.permit for turn in held}) == PER_SECOND
        more = await asyncio.gather(*(stores[n % 3].pace.take() for n in range(12)))
        assert [turn.permit for turn in more] == [None] * 12
        await stores[0].pace.give_back(held[0].permit)
        again = await stores[1].pace.take()
        assert again.permit == held[0].permit
        assert again.wait > 0.5  # a second after the first holder's answer, not at once
    finally:
        for store in stores:
            await store.close()


async def test_a_429_makes_every_instance_wait(postgres):
    url = postgres.create_database("told")
    stores = [await Store.open(url) for _ in range(2)]
    try:
        turn = await stores[0].pace.take()
        await stores[0].pace.give_back(turn.permit, hold=5.0)
        assert (await stores[1].pace.take()).wait > 4.0
    finally:
        for store in stores:
            await store.close()


def test_sqlite_has_no_shared_send_clock(tmp_path):
    async def check():
        store = await Store.open(str(tmp_path / "one.sqlite3"))
        try:
            assert store.pace is None
        finally:
            await store.close()

    asyncio.run(check())


async def test_a_database_that_does_not_exist_is_reported_not_hung(postgres):
    with pytest.raises(DATABASE_ERRORS):
        await Store.open(f"postgresql://nobody@127.0.0.1:{postgres.port}/missing")
