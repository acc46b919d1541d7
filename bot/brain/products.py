"""When a product may be mentioned: at most one per card, at most once a day per user."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.content.loader import Content
from bot.model.reply import Block, note
from bot.model.user import UserState

MENTION_EVERY = timedelta(days=1)


def product_mention(
    content: Content, state: UserState, product_ids: list[str], now: datetime
) -> Block | None:
    """A short note for the first fitting product, if this user has not seen one today.

    Never call this for a safety reply: those carry no commercial content at all.
    """
    if not product_ids or state.safety_hold:
        return None
    if state.last_product_at and now - state.last_product_at < MENTION_EVERY:
        return None
    product = content.products.get(product_ids[0])
    if product is None:
        return None
    state.last_product_at = now
    template = content.messages.card.product
    return note(template.format(name=product.name, mention=product.mention, url=product.url))


def exercise_products(content: Content, exercise_id: str) -> list[str]:
    """Products linked to an exercise, from either side (exercises.yaml or products.yaml)."""
    exercise = content.exercises.get(exercise_id)
    linked = list(exercise.products) if exercise else []
    linked += [p.id for p in content.products.values() if exercise_id in p.exercises]
    return list(dict.fromkeys(linked))


def goal_products(content: Content, goal_id: str) -> list[str]:
    return [product.id for product in content.products.values() if goal_id in product.goals]
