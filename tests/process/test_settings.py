"""Settings cannot crash the bot: the shipped .env.example starts it, lists are plain text, every
problem is one line naming the setting (exit 2), and likely misspellings are warned about."""

from __future__ import annotations

import shutil
import signal

import pytest

from bot.settings import Settings
from bot.settings_check import misspellings
from harness.bot_process import ROOT, bot_environment, bot_log, run_bot, start_bot, wait_for_call


def _env_without_database(api, tmp_path) -> dict[str, str]:
    env = bot_environment(api, tmp_path / "unused.sqlite3")
    del env["DATABASE_URL"]  # .env decides
    return env


def test_the_bot_starts_from_the_shipped_env_example_copied_as_is(api, tmp_path):
    shutil.copy(ROOT / ".env.example", tmp_path / ".env")
    process = start_bot(_env_without_database(api, tmp_path), tmp_path, "run")
    try:
        wait_for_call(api, "getUpdates", process, tmp_path)
        api.push_text("/start")
        assert "back-care coach" in api.wait_for_messages(1)[0]["text"]
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, bot_log(tmp_path)
    # The relative DATABASE_URL of .env.example lands in the working directory.
    assert (tmp_path / "data" / "bot.sqlite3").is_file()


@pytest.mark.parametrize(("text", "ids"), [("", []), ("111,222", [111, 222]), (" 7 , 8,", [7, 8])])
def test_admin_ids_are_plain_comma_separated_text(monkeypatch, text, ids):
    monkeypatch.setenv("ADMIN_USER_IDS", text)
    assert Settings(_env_file=None).admin_user_ids == ids


def test_a_bad_list_exits_2_with_one_line_naming_the_setting(tmp_path):
    (tmp_path / ".env").write_text("ADMIN_USER_IDS=[111, 222]\nTELEGRAM_BOT_TOKEN=1:x\n")
    result = run_bot(bot_environment(None, tmp_path / "bot.sqlite3"), tmp_path, "check")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "ADMIN_USER_IDS" in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_a_value_of_the_wrong_type_exits_2_naming_it(tmp_path):
    env = bot_environment(None, tmp_path / "bot.sqlite3", reminder_tick_seconds="often")
    result = run_bot(env, tmp_path, "check")
    assert result.returncode == 2
    assert result.stderr.startswith("Setting REMINDER_TICK_SECONDS:"), result.stderr


def test_misspelled_settings_are_warned_about_at_start_up(tmp_path):
    (tmp_path / ".env").write_text("ADMIN_USERS_IDS=1\n")
    env = bot_environment(None, tmp_path / "bot.sqlite3", emergancy_number="113")
    result = run_bot(env, tmp_path, "check")
    assert result.returncode == 0, result.stderr
    assert "ADMIN_USERS_IDS is ignored; did you mean ADMIN_USER_IDS?" in result.stderr
    assert "EMERGANCY_NUMBER is ignored; did you mean EMERGENCY_NUMBER?" in result.stderr


def test_unrelated_names_are_not_taken_for_misspellings():
    assert misspellings(["PATH", "HOME", "LANG", "TELEGRAM_BOT_TOKEN", "PYTHONPATH"]) == []


def test_no_token_and_no_terminal_exits_2_with_how_to_connect_telegram(tmp_path):
    result = run_bot(bot_environment(None, tmp_path / "bot.sqlite3"), tmp_path, "run")
    assert result.returncode == 2
    assert "@BotFather" in result.stderr and "TELEGRAM_BOT_TOKEN" in result.stderr
    assert "console" in result.stderr
