"""One language's content with what reading it takes, built once: its dialect, safety screen
(and the safety net's exemplar index), and FAQ matcher (about a second per language).
bot/brain/build_cache.py keeps them on disk."""

from __future__ import annotations

from dataclasses import dataclass

from bot.content.loader import Content
from bot.language.dialect import Dialect, dialect_of, speaking
from bot.language.matching.decision import GOAL_PREFIX, build_targets
from bot.language.matching.matcher import Matcher
from bot.language.triage.neighbours import Neighbours
from bot.language.triage.triage import Triage
from bot.language.triage.whole_message import WholeMessage, detector_for


@dataclass(frozen=True, eq=False)
class BuiltLanguage:
    content: Content
    dialect: Dialect
    triage: Triage
    matcher: Matcher
    safety_net: Neighbours
    """The exemplars of safety.yaml `net`, indexed for the safety feature (bot/brain/safety)."""
    whole_message: WholeMessage | None
    """The whole-message detector over safety_exemplars.yaml, None for a language without one."""


def build_language(content: Content, code: str) -> BuiltLanguage:
    dialect = dialect_of(content.profile, code)
    with speaking(dialect):
        names = tuple(
            name
            for exercise in content.exercises.values()
            for name in (exercise.name, *exercise.aliases)
            if len(name) > 2  # "ro" (rowing) is also "calm" in Norwegian
        )
        triage = Triage(content.safety, names)
        matcher = Matcher(build_targets(content), content.synonyms, (GOAL_PREFIX,))
        safety_net = Neighbours(content.safety.net)
        whole_message = detector_for(content.source.resolve() / content.language)
    return BuiltLanguage(content, dialect, triage, matcher, safety_net, whole_message)


_read_from_cache: dict[int, BuiltLanguage] = {}
"""id(content) -> what the build cache held for that very Content object."""


def remember(built: BuiltLanguage) -> None:
    """Let the assistant use these parts for `built.content` instead of building them again."""
    _read_from_cache[id(built.content)] = built


def built_for(content: Content, code: str) -> BuiltLanguage:
    """The parts read with this Content from the build cache, else built now."""
    known = _read_from_cache.get(id(content))
    if known is not None and known.content is content and known.dialect.code == code:
        return known
    return build_language(content, code)
