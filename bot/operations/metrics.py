"""The bot's Prometheus metrics, in a registry of their own (tests may build several)."""

from __future__ import annotations

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    gc_collector,
    generate_latest,
    platform_collector,
    process_collector,
)

REMINDER_OUTCOMES = ("sent", "missed", "unconfirmed", "blocked", "failed", "deferred")
TIERS = ("emergency", "urgent", "stop", "soreness")
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    def __init__(self) -> None:
        registry = self.registry = CollectorRegistry()
        process_collector.ProcessCollector(registry=registry)
        platform_collector.PlatformCollector(registry=registry)
        gc_collector.GCCollector(registry=registry)

        def counter(name: str, help_text: str, labels: tuple[str, ...] = ()) -> Counter:
            return Counter(name, help_text, labels, registry=registry)

        self.updates = counter("backcare_updates", "Telegram updates received", ("kind",))
        self.replies = counter("backcare_replies", "Replies the brain gave, by kind", ("kind",))
        self.reply_seconds = Histogram(
            "backcare_reply_seconds",
            "From an update's arrival until its handling (sends included) finished",
            ("kind",),
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        self.reminders = counter(
            "backcare_reminders", "Reminder deliveries by outcome", ("outcome",)
        )
        self.reminders_late = counter(
            "backcare_reminders_late", "Reminders sent after their time, with the late note"
        )
        self.reminder_ticks = counter("backcare_reminder_ticks", "Reminder ticks completed")
        self.last_tick = Gauge(
            "backcare_reminder_last_tick_timestamp_seconds",
            "Unix time the last reminder tick completed",
            registry=registry,
        )
        self.escalations = counter("backcare_escalations", "Safety replies by tier", ("tier",))
        self.unanswered = counter(
            "backcare_unanswered", "Messages the bot could not answer (fallback replies)"
        )
        self.errors = counter("backcare_errors", "Errors by kind (exception class)", ("kind",))
        self.content_reloads = counter(
            "backcare_content_reloads", "Content reloads on SIGHUP", ("result",)
        )
        # Known label values exported as 0 from the start, so dashboards and rate() see them.
        for outcome in REMINDER_OUTCOMES:
            self.reminders.labels(outcome)
        for tier in TIERS:
            self.escalations.labels(tier)
        for result in ("ok", "invalid"):
            self.content_reloads.labels(result)

    def render(self) -> tuple[bytes, str]:
        """The exposition text and its content type, for any web server to return."""
        return generate_latest(self.registry), CONTENT_TYPE_LATEST
