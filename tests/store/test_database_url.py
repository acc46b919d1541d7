"""DATABASE_URL picks the engine; a PostgreSQL password never shows in what the operator reads."""

from __future__ import annotations

import pytest

from bot.settings import Settings
from bot.settings_check import SettingsProblem, load_settings
from bot.startup import unusable_database

URL = "postgresql://backcare:s3cret-pass@db.internal:5432/backcare"


def test_a_postgresql_url_is_taken_as_it_is():
    assert Settings(_env_file=None, database_url=URL).database_path == URL


def test_a_postgresql_url_without_a_host_is_refused_without_its_password(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no .env
    monkeypatch.setenv("DATABASE_URL", "postgresql://backcare:s3cret-pass@/backcare")
    with pytest.raises(SettingsProblem) as raised:
        load_settings()
    (line,) = raised.value.lines
    assert line.startswith("Setting DATABASE_URL:") and "names no host" in line
    assert "s3cret-pass" not in line


def test_an_unreachable_server_is_explained_without_the_password():
    message = str(unusable_database(URL, ConnectionRefusedError("connection refused")))
    assert "s3cret-pass" not in message
    assert "backcare:***@db.internal" in message
    assert "PostgreSQL server is running" in message
