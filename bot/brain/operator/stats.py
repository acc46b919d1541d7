"""/stats for the operators in ADMIN_USER_IDS; to everyone else it is an unknown command."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.brain.routes import Routes, Turn
from bot.brain.services import Services
from bot.model.calendar import week_start
from bot.model.reply import Reply, bullets, para, title
from bot.model.tiers import TIERS

TOP_UNANSWERED = 5
ESCALATION_DAYS = 30


class OperatorStats:
    def __init__(self, services: Services):
        self.s = services
        self.texts = services.content.messages.operator

    def routes(self) -> Routes:
        return Routes(commands={"stats": self.stats})

    async def stats(self, turn: Turn) -> Reply | None:
        """None for non-admins, so they get exactly the unknown-command reply."""
        if turn.state.user_id not in self.s.config.admin_user_ids:
            return None
        store, texts = self.s.store, self.texts
        today = turn.now.astimezone(ZoneInfo(self.s.config.default_timezone)).date()
        monday = week_start(today)
        overview = await store.stats.overview(sessions_since=monday)
        misses = await store.learning.top_misses(TOP_UNANSWERED)
        tiers = await store.escalations.by_tier(turn.now - timedelta(days=ESCALATION_DAYS))
        escalations = [f"{tier}: {tiers[tier]}" for tier in TIERS if tiers.get(tier)]
        escalations += [f"{tier}: {n}" for tier, n in sorted(tiers.items()) if tier not in TIERS]
        blocks = [
            title(texts.stats_title),
            para(texts.users.format(count=overview.users)),
            para(
                texts.subscriptions.format(
                    active=overview.active_subscriptions, paused=overview.paused_subscriptions
                )
            ),
            para(
                texts.sessions_week.format(since=monday.isoformat(), count=overview.sessions_done)
            ),
        ]
        if misses:
            blocks.append(
                bullets([f"{m.count}x {m.text}" for m in misses], texts.unanswered_heading)
            )
        else:
            blocks.append(para(texts.unanswered_none))
        if escalations:
            blocks.append(
                bullets(escalations, texts.escalations_heading.format(days=ESCALATION_DAYS))
            )
        else:
            blocks.append(para(texts.escalations_none.format(days=ESCALATION_DAYS)))
        return Reply("command", tuple(blocks))
