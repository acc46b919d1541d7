"""Shared fixtures: shipped content (loaded and built once), a fake clock, a brain on an in-memory
store."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.brain.assistant import Assistant
from bot.brain.built import build_language, built_for, remember
from bot.brain.services import BrainConfig, Services
from bot.content.loader import Content, load_content, load_library
from bot.model.clock import FakeClock
from bot.store import Store
from harness.fake_bot_api import FakeBotAPI
from harness.postgres import SKIP_VARIABLE, PostgresServer

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"


def _built_once(content: Content) -> Content:
    """Build the matcher and safety screens of `content` once for the whole run: every brain made
    from this very Content object reuses them (about a second per language per test otherwise).
    They hold no state of a user or a test, only memoized lookups."""
    remember(build_language(content, content.language))
    return content


@pytest.fixture(scope="session")
def content() -> Content:
    return _built_once(load_content(KNOWLEDGE))


@pytest.fixture
def clock() -> FakeClock:
    # A Monday morning in winter (Oslo is UTC+1).
    return FakeClock(datetime(2026, 1, 5, 8, 0, tzinfo=UTC))


@pytest.fixture
async def store():
    opened = await Store.open(":memory:")
    yield opened
    await opened.close()


@pytest.fixture
def config() -> BrainConfig:
    return BrainConfig(emergency_number="112", default_timezone="Europe/Oslo")


@pytest.fixture
def services(content, store, clock, config) -> Services:
    """What brain features are built from, for tests of one feature on its own."""
    return Services(
        content=content,
        store=store,
        clock=clock,
        config=config,
        matcher=built_for(content, content.language).matcher,
        triage=built_for(content, content.language).triage,
    )


@pytest.fixture
async def assistant(content, store, clock, config) -> Assistant:
    return Assistant(content, store, clock, config)


@pytest.fixture(scope="session")
def library() -> dict[str, Content]:
    """Every shipped language's content (English and Norwegian), loaded once."""
    return {code: _built_once(language) for code, language in load_library(KNOWLEDGE).items()}


@pytest.fixture
async def bilingual(library, store, clock, config) -> Assistant:
    """A brain speaking every shipped language, on an in-memory store."""
    return Assistant(library, store, clock, config)


@pytest.fixture
def api():
    """A fake Telegram Bot API over HTTP on 127.0.0.1, for end-to-end tests."""
    server = FakeBotAPI().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def postgres():
    """One throwaway PostgreSQL server for the whole run; tests make their own databases.

    Skipped only when asked (BACKCARE_SKIP_POSTGRES=1): without a server the tests fail."""
    if os.environ.get(SKIP_VARIABLE) == "1":
        pytest.skip(f"{SKIP_VARIABLE}=1: PostgreSQL tests skipped on request")
    server = PostgresServer().start()
    yield server
    server.stop()
