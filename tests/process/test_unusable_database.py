"""An unusable database ends every command at once with exit 2 and what to fix; never a hang."""

from __future__ import annotations

import subprocess
import sys

import pytest

from harness.bot_process import ROOT, bot_environment
from harness.fake_bot_api import FakeBotAPI


@pytest.fixture
def api():
    server = FakeBotAPI().start()
    yield server
    server.stop()


def _run(env: dict[str, str], cwd, *args: str) -> subprocess.CompletedProcess:
    # A hang (the aiosqlite thread left running) shows as TimeoutExpired, well before 20 s.
    return subprocess.run(
        [sys.executable, str(ROOT / "run_bot.py"), *args],
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=20,
    )


@pytest.mark.parametrize("command", ["run", "unanswered", "safety-report"])
def test_a_file_that_is_not_a_database_exits_2_with_the_reason(api, tmp_path, command):
    junk = tmp_path / "bot.sqlite3"
    junk.write_bytes(b"this is not a database, it is a shopping list " * 40)
    result = _run(bot_environment(api, junk), tmp_path, command)
    assert result.returncode == 2, result.stderr
    assert "Cannot open the database" in result.stderr and "not a database" in result.stderr
    assert "Traceback" not in result.stderr
    assert api.calls == []


def test_backup_of_a_file_that_is_not_a_database_leaves_nothing_and_says_why(tmp_path):
    junk, target = tmp_path / "bot.sqlite3", tmp_path / "backups" / "copy.sqlite3"
    junk.write_bytes(b"this is not a database, it is a shopping list " * 40)
    result = _run(bot_environment(None, junk), tmp_path, "backup", str(target))
    assert result.returncode == 2
    assert "No backup made" in result.stderr and "could not be read as a database" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(target.parent.iterdir()) == []  # nothing left to block the retry


def test_backup_into_a_folder_that_cannot_exist_explains_it(tmp_path):
    database = tmp_path / "bot.sqlite3"
    import sqlite3

    sqlite3.connect(database).close()
    (tmp_path / "a-file").write_text("not a folder")
    result = _run(bot_environment(None, database), tmp_path, "backup", "a-file/copy.sqlite3")
    assert result.returncode == 2 and "cannot create the folder" in result.stderr
    assert "Traceback" not in result.stderr
