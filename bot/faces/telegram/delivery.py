"""The reminder dispatcher: a periodic tick sends whatever the database says is due.

No per-user jobs: every tick asks the store for due slots (one indexed query), so memory does not
grow with subscribers and a restart loses nothing that was not yet claimed.

Delivery is at-most-once. A delivery is claimed (`sending`) in its own statement right before
its HTTP request leaves, after every wait (chat spacing, the in-flight limit, the rate limiter:
`SendGate` claims inside the limiter, as the request is handed to HTTP), and marked `sent` right
after. A crash therefore leaves `sending` only what may really have reached Telegram; whatever
was still waiting stays `due` and is sent after the restart (late, within the grace period).
Each claim carries its process's owner id; recovery touches only the claims of processes that
are gone (pid no longer alive on this host, or no heartbeat for STALE_AFTER).

The Bot API has no idempotency key, so a request
whose answer never came (the process was killed, the response timed out) may have been delivered;
such deliveries become `unconfirmed` and are never repeated. Every earlier step (slot come due,
delivery row owed) is durable, so a crash only ever affects the few requests in flight at that
moment, and a repeated reminder is worse for trust than one that, rarely, goes missing.

Several instances on one PostgreSQL database: each asks for owed deliveries as their owner, and
the store hands each of them different ones (`Outbox.owed`); the heartbeat also looks for
senders that died, so their interrupted claims become `unconfirmed` while the others go on and
what they had not claimed yet goes out from the survivors. Every message first takes its turn
on the database's one send clock (`SendGate.pace`), so the overall rate holds across instances.

Telegram's limits: PTB's AIORateLimiter paces all sends (see `rate_limiter`), `ChatSpacing` keeps
one chat at one message a second, and at most MAX_IN_FLIGHT requests wait at a time, so a burst
is spread out rather than dropped. Outcomes: Forbidden (blocked) switches the subscription off;
RetryAfter is waited out by the limiter, then deferred; network errors that certainly did not
reach Telegram are retried with back-off, then deferred; other errors fail that one delivery.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import os
import secrets
import socket
import time
import warnings
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

import httpx
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter
from telegram.ext import AIORateLimiter, Application, BaseRateLimiter, ContextTypes
from telegram.warnings import PTBDeprecationWarning

from bot.brain.assistant import Assistant
from bot.faces.telegram.handlers import send_without_reading
from bot.model.reminders import BLOCKED, FAILED, SENDING, SENT, UNCONFIRMED, Delivery
from bot.model.reply import Reply

log = logging.getLogger(__name__)

MESSAGES_PER_SECOND = 29
"""Just under Telegram's ~30/s for bulk sends, spaced evenly rather than in bursts."""
RETRY_AFTER_RETRIES = 3
MAX_IN_FLIGHT = 4
"""Reminders composed and waiting to be handed to the limiter at once (none of them claimed)."""
HEARTBEAT_EVERY = 10.0
STALE_AFTER = timedelta(minutes=2)
"""A sender on another host without a heartbeat this long is taken to be gone."""
BATCH = 200
NETWORK_RETRY_DELAYS = (0.5, 1.0, 2.0)
DEFER = timedelta(seconds=30)
"""How long a delivery that could not go out waits before the next try (within the grace)."""
CHAT_GAP = 1.0
DELIVERY_HISTORY = timedelta(days=90)
"""Finished deliveries are kept this long (support questions, the weekly summary), then pruned."""
PRUNE_EVERY = timedelta(days=1)
PRUNE_FIRST = timedelta(minutes=2)
"""The first prune waits until start-up and the catch-up after downtime are done."""
_MAYBE_DELIVERED = (httpx.ReadTimeout, httpx.ReadError, httpx.RemoteProtocolError)
"""The request was sent but no answer came: Telegram may have delivered it."""
DEFERRED, STOPPED = "deferred", "stopped"

Send = Callable[[int, Reply], Awaitable[None]]


class NotClaimed(Exception):
    """The delivery could not be claimed when its request was about to leave (taken, too late)."""

    def __init__(self, status: str | None):
        self.status = status
        super().__init__(status or "taken")


_BEFORE_SEND: contextvars.ContextVar[Callable[[], Awaitable[None]] | None] = contextvars.ContextVar(
    "before_send", default=None
)


class SharedPace(Protocol):
    """The send clock instances on one database share (bot/store/pace.py says how it holds
    Telegram's overall rate whatever the delays between a turn and its request's arrival)."""

    async def take(self) -> PaceTurn: ...

    async def give_back(self, permit: str, hold: float = 0.0) -> None: ...


class PaceTurn(Protocol):
    permit: str | None
    wait: float


class SendGate(BaseRateLimiter):
    """Every Bot API request passes here; wraps PTB's limiter (or none). Right before a request
    is handed to HTTP, after the limiter's wait, the task's `before_send` hook runs (the reminder
    dispatcher claims its delivery there), so nothing is marked as sending while it still waits."""

    def __init__(self, inner: BaseRateLimiter | None = None):
        self._inner = inner
        self.pace: SharedPace | None = None
        """Set when instances share the database: every message waits for its turn on it."""

    @property
    def limited(self) -> bool:
        """Whether sends are paced at all (benchmarks of the bot itself drop the limiter)."""
        return self._inner is not None

    async def initialize(self) -> None:
        if self._inner is not None:
            await self._inner.initialize()

    async def shutdown(self) -> None:
        if self._inner is not None:
            await self._inner.shutdown()

    async def process_request(
        self,
        callback: Callable[..., Coroutine],
        args: object,
        kwargs: dict,
        endpoint: str,
        data: dict,
        rate_limit_args: object,
    ):
        async def leave(*call_args, **call_kwargs):
            hook = _BEFORE_SEND.get()
            if hook is not None:
                await hook()
            return await callback(*call_args, **call_kwargs)

        async def paced(*call_args, **call_kwargs):
            """A turn on the shared clock first, then the claim and the request (a crash while
            waiting for the turn leaves the delivery owed, not claimed)."""
            turn = await self.pace.take()
            while turn.permit is None:
                await asyncio.sleep(turn.wait)
                turn = await self.pace.take()
            hold = 0.0
            try:
                await asyncio.sleep(turn.wait)
                return await leave(*call_args, **call_kwargs)
            except RetryAfter as error:  # every instance waits with this one
                hold = _seconds(error)
                raise
            finally:
                await self._give_back(turn.permit, hold)

        way_out = paced if self.pace is not None and endpoint.startswith("send") else leave
        if self._inner is None:
            return await way_out(*args, **kwargs)
        return await self._inner.process_request(
            way_out, args, kwargs, endpoint, data, rate_limit_args
        )

    async def _give_back(self, permit: str, hold: float) -> None:
        try:
            await self.pace.give_back(permit, hold)
        except Exception:  # noqa: BLE001 - the permit's lease frees it a minute later
            log.warning("could not give back a send permit", exc_info=True)


def send_gate(rate_limited: bool = True) -> SendGate:
    return SendGate(rate_limiter() if rate_limited else None)


def rate_limiter() -> AIORateLimiter:
    """PTB's limiter with one message every 1/29 s (never 30 at once then a pause, which would put
    up to 60 in one second) and RetryAfter waited out and retried, not raised at once."""
    return AIORateLimiter(
        overall_max_rate=1,
        overall_time_period=1 / MESSAGES_PER_SECOND,
        max_retries=RETRY_AFTER_RETRIES,
    )


class ChatSpacing:
    """At most one message a second to the same chat; remembers only chats sent to just now."""

    def __init__(self, gap: float = CHAT_GAP):
        self._gap = gap
        self._free_at: dict[int, float] = {}

    async def wait(self, chat_id: int) -> None:
        now = time.monotonic()
        if len(self._free_at) > 1000:
            self._free_at = {chat: at for chat, at in self._free_at.items() if at > now}
        free_at = self._free_at.get(chat_id, now)
        self._free_at[chat_id] = max(free_at, now) + self._gap
        if free_at > now:
            await asyncio.sleep(free_at - now)


@dataclass
class TickReport:
    due: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)

    def count(self, outcome: str) -> int:
        return self.outcomes.get(outcome, 0)

    def __str__(self) -> str:
        counts = ", ".join(f"{name} {n}" for name, n in sorted(self.outcomes.items()))
        return f"{self.due} came due; {counts or 'nothing to send'}"


class ReminderDispatcher:
    def __init__(
        self,
        assistant: Assistant,
        send: Send,
        keep_going: Callable[[], bool] = lambda: True,
        retry_delays: tuple[float, ...] = NETWORK_RETRY_DELAYS,
        chat_gap: float = CHAT_GAP,
        gated: bool = False,
    ):
        """`gated`: `send` goes through a `SendGate`, which claims right before the request
        leaves; otherwise (a test double) the claim is made just before `send` is called."""
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
        self._gated = gated
        self._assistant = assistant
        self._send = send
        self._keep_going = keep_going
        self._retry_delays = retry_delays
        self._spacing = ChatSpacing(chat_gap)
        self._busy = asyncio.Lock()

    @property
    def _outbox(self):
        """Looked up on every use: a content reload swaps the assistant (and its outbox)."""
        return self._assistant.outbox

    async def register(self) -> None:
        await self._outbox.register_sender(self.owner, socket.gethostname(), os.getpid())

    async def heartbeat(self, context: ContextTypes.DEFAULT_TYPE | None = None) -> None:
        """Say this sender is alive, and settle the claims of senders that are not (another
        instance on the same database may have died mid-send)."""
        try:
            await self._outbox.heartbeat(self.owner)
            await self.recover()
        except Exception:  # noqa: BLE001 - the next beat tries again
            log.warning("reminder heartbeat failed", exc_info=True)

    async def recover(self) -> int:
        """Before ticking: claims of processes that are gone become `unconfirmed` (see
        `ReminderRepository.recover_interrupted`); a live process's claims are left alone."""
        gone = [
            owner
            for owner, host, pid, beat in await self._outbox.senders()
            if self._gone(owner, host, pid, beat)
        ]
        count = await self._outbox.recover(gone)
        if count:
            log.warning("%d reminder(s) were being sent when the bot stopped; not repeated", count)
        return count

    def _gone(self, owner: str, host: str, pid: int, heartbeat: datetime) -> bool:
        if owner == self.owner:
            return False
        if host == socket.gethostname():
            return pid == os.getpid() or not _alive(pid)
        return self._outbox.now() - heartbeat > STALE_AFTER

    async def tick(self, context: ContextTypes.DEFAULT_TYPE | None = None) -> None:
        """The JobQueue callback. A tick that finds the previous one still sending returns."""
        if self._busy.locked():
            return
        try:
            await self.run_once()
        except Exception:  # noqa: BLE001 - the next tick tries again; the database is intact
            log.exception("reminder tick failed")

    async def run_once(self) -> TickReport:
        """Queue every slot that came due, then send until nothing is owed."""
        async with self._busy:
            report = TickReport()
            materialized = await self._outbox.come_due()
            report.due = materialized.due
            report.outcomes["missed"] = materialized.missed
            in_flight = asyncio.Semaphore(MAX_IN_FLIGHT)
            while self._keep_going():
                batch = await self._outbox.owed(BATCH, self.owner)
                if not batch:
                    break
                outcomes = await asyncio.gather(*(self._deliver(d, in_flight) for d in batch))
                for outcome in outcomes:
                    report.outcomes[outcome] = report.outcomes.get(outcome, 0) + 1
                if STOPPED in outcomes:
                    break
            report.outcomes = {name: n for name, n in report.outcomes.items() if n}
            level = logging.INFO if report.outcomes else logging.DEBUG
            log.log(level, "reminder tick: %s", report)
            return report

    async def prune(self, context: ContextTypes.DEFAULT_TYPE | None = None) -> int:
        """Keep the deliveries table bounded: years of reminders must not grow it forever.
        Its own job, not part of a tick: a first prune after an upgrade may have millions of
        rows to forget, and neither the first tick nor any other should wait for that."""
        try:
            removed = await self._outbox.prune(DELIVERY_HISTORY)
        except Exception:  # noqa: BLE001 - tomorrow's run tries again; nothing is lost
            log.warning("pruning old deliveries failed", exc_info=True)
            return 0
        if removed:
            log.info("forgot %d finished deliveries older than %s", removed, DELIVERY_HISTORY)
        return removed

    async def _deliver(self, delivery: Delivery, in_flight: asyncio.Semaphore) -> str:
        await self._spacing.wait(delivery.subscription.chat_id)
        async with in_flight:
            if not self._keep_going():
                return STOPPED  # still owed: the next start sends it
            try:
                reply = await self._outbox.compose(delivery)
            except Exception as error:  # noqa: BLE001 - one broken reminder must not stop the rest
                log.exception("could not compose reminder %s", delivery.slot)
                if await self._claim(delivery) == SENDING:
                    await self._outbox.finish(delivery, FAILED, repr(error))
                return FAILED
            if delivery.subscription.chat_id < 0:  # a group or channel: never anything personal
                if await self._claim(delivery) == SENDING:
                    await self._outbox.finish(delivery, FAILED, "not a private chat")
                return FAILED
            if not self._gated:
                claimed = await self._claim(delivery)
                if claimed != SENDING:
                    return claimed or "taken"
            return await self._send_claimed(delivery, reply)

    async def _claim(self, delivery: Delivery) -> str | None:
        return await self._outbox.claim(delivery, self.owner)

    def _claim_at_send(self, delivery: Delivery) -> Callable[[], Awaitable[None]]:
        """The hook the SendGate runs right before each request of this delivery leaves: the
        first claims it (or stops the send), later ones (retries, follow-ups) pass."""
        claimed = False

        async def before_send() -> None:
            nonlocal claimed
            if claimed:
                return
            if not self._keep_going():
                raise NotClaimed(STOPPED)
            status = await self._claim(delivery)
            if status != SENDING:
                raise NotClaimed(status)
            claimed = True

        return before_send

    async def _send_claimed(self, delivery: Delivery, reply: Reply) -> str:
        chat_id = delivery.subscription.chat_id
        if self._gated:
            _BEFORE_SEND.set(self._claim_at_send(delivery))  # this task's context only
        for delay in (*self._retry_delays, None):
            try:
                await self._send(chat_id, reply)
            except NotClaimed as error:
                return error.status or "taken"
            except Forbidden as error:
                log.info("chat %s blocked the bot; reminders switched off", chat_id)
                await self._outbox.block(delivery, str(error))
                return BLOCKED
            except RetryAfter as error:  # the limiter already waited as told, and retried
                await self._defer(delivery, _seconds(error), error)
                return DEFERRED
            except BadRequest as error:
                return await self._end(delivery, FAILED, error)
            except NetworkError as error:
                if isinstance(error.__cause__, _MAYBE_DELIVERED):
                    return await self._end(delivery, UNCONFIRMED, error)
                if delay is None:
                    await self._defer(delivery, 0, error)
                    return DEFERRED
                log.info(
                    "network error sending to %s (%s); retrying in %.1fs", chat_id, error, delay
                )
                await asyncio.sleep(delay)
            except Exception as error:  # noqa: BLE001 - never crash the tick
                log.exception("unexpected error sending a reminder to %s", chat_id)
                return await self._end(delivery, FAILED, error)
            else:
                await self._outbox.finish(delivery, SENT)
                return SENT
        raise AssertionError("the last retry delay is None, which always returns")

    async def _end(self, delivery: Delivery, status: str, error: Exception) -> str:
        log.warning(
            "reminder %s to %s: %s (%s)",
            delivery.slot,
            delivery.subscription.chat_id,
            status,
            error,
        )
        await self._outbox.finish(delivery, status, repr(error))
        return status

    async def _defer(self, delivery: Delivery, seconds: float, error: Exception) -> None:
        """Owed again after `seconds`, and never sooner than DEFER."""
        await self._outbox.defer(delivery, max(timedelta(seconds=seconds), DEFER), repr(error))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB 22 warns that `retry_after` will become a timedelta
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def reminder_sender(bot) -> Send:
    """How reminders are sent: their replies are text and buttons, and nothing reads the answer."""
    return lambda chat_id, reply: send_without_reading(bot, chat_id, reply)


async def start_reminders(
    application: Application, assistant: Assistant, tick_seconds: float
) -> ReminderDispatcher:
    """Recover from the last run, then tick every `tick_seconds` (from when the JobQueue starts)."""
    dispatcher = ReminderDispatcher(
        assistant,
        send=reminder_sender(application.bot),
        keep_going=lambda: application.running,
        gated=isinstance(application.bot.rate_limiter, SendGate),
    )
    await dispatcher.register()
    await dispatcher.recover()
    jobs = application.job_queue
    jobs.run_repeating(dispatcher.heartbeat, interval=HEARTBEAT_EVERY, name="reminders-heartbeat")
    # An interval job added before the scheduler starts would first run one interval later:
    # a one-off job (never counted as misfired) sends what came due while the bot was down now.
    jobs.run_once(
        dispatcher.tick, when=0, name="reminders-start", job_kwargs={"misfire_grace_time": None}
    )
    jobs.run_repeating(
        dispatcher.tick,
        interval=tick_seconds,
        first=tick_seconds,
        name="reminders",
        # A tick that finds the previous one still sending returns at once (see `tick`), so a
        # second instance is allowed rather than logged by APScheduler as skipped.
        job_kwargs={"max_instances": 2, "coalesce": True},
    )
    jobs.run_repeating(dispatcher.prune, interval=PRUNE_EVERY, first=PRUNE_FIRST, name="prune")
    return dispatcher
