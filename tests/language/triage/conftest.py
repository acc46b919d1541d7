"""The triage of each shipped language, built once per test module."""

from __future__ import annotations

import pytest

from bot.language.triage.triage import Triage
from tests.language.triage.test_norwegian_safety import _Norwegian


@pytest.fixture(scope="module")
def triage(content) -> Triage:
    """The English triage (test modules with another meaning define their own)."""
    return Triage(content.safety)


@pytest.fixture(scope="module")
def norwegian() -> _Norwegian:
    return _Norwegian()
