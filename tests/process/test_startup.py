"""Start-up fails fast with exit code 2 and what to fix; secrets are redacted from logs."""

from __future__ import annotations

import logging
import shutil
import sqlite3

import pytest
from pydantic import ValidationError

from bot.logs import REDACTED, SecretRedactor
from bot.settings import Settings
from bot.store import Store
from bot.store.db import SchemaTooNew
from harness.bot_process import ROOT, bot_environment, run_bot
from harness.fake_bot_api import FakeBotAPI

SECRET = "a-long-enough-webhook-secret"


@pytest.fixture
def api():
    server = FakeBotAPI().start()
    yield server
    server.stop()


def _settings(**values) -> Settings:
    return Settings(_env_file=None, **values)


def test_webhook_url_needs_a_secret():
    with pytest.raises(ValidationError, match="WEBHOOK_SECRET must be set"):
        _settings(webhook_url="https://bot.example.com/hook")
    with pytest.raises(ValidationError, match="WEBHOOK_SECRET must be set"):
        _settings(webhook_url="https://bot.example.com/hook", webhook_secret="short")
    with pytest.raises(ValidationError, match="WEBHOOK_SECRET must be set"):
        _settings(webhook_url="https://bot.example.com/hook", webhook_secret="x" * 20 + " ;")


def test_webhook_url_must_be_https():
    with pytest.raises(ValidationError, match="https://"):
        _settings(webhook_url="http://bot.example.com/hook", webhook_secret=SECRET)


def test_webhook_path_comes_from_the_url():
    settings = _settings(webhook_url="https://bot.example.com/tg/hook/", webhook_secret=SECRET)
    assert settings.webhook_path == "tg/hook"
    assert _settings().webhook_url is None


@pytest.mark.parametrize(
    ("setting", "value", "named"),
    [
        ("default_timezone", "Mars/Olympus_Mons", "unknown timezone"),
        ("database_url", "postgresql://localhost/bot", "DATABASE_URL"),
        ("webhook_url", "https://bot.example.com/hook", "WEBHOOK_SECRET must be set"),
        ("log_level", "LOUD", "unknown log level"),
    ],
)
def test_bad_settings_exit_2_naming_the_problem(tmp_path, setting, value, named):
    env = bot_environment(
        None, tmp_path / "bot.sqlite3", telegram_bot_token="1:x", **{setting: value}
    )
    result = run_bot(env, tmp_path, "run")
    assert result.returncode == 2
    assert named in result.stderr


def test_invalid_content_exits_2_before_contacting_telegram(api, tmp_path):
    knowledge = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", knowledge)
    (knowledge / "en" / "faq.yaml").write_text("entries: [\n")
    env = bot_environment(api, tmp_path / "bot.sqlite3", knowledge_dir=str(knowledge))
    result = run_bot(env, tmp_path, "run")
    assert result.returncode == 2
    assert "faq.yaml" in result.stderr
    assert api.calls == []


def test_a_database_that_cannot_be_opened_exits_2(api, tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    result = run_bot(bot_environment(api, tmp_path / "a-file" / "bot.sqlite3"), tmp_path, "run")
    assert result.returncode == 2
    assert "Cannot open the database" in result.stderr and "DATABASE_URL" in result.stderr
    assert api.calls == []


def test_a_database_from_a_newer_release_exits_2(api, tmp_path):
    database = tmp_path / "bot.sqlite3"
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA user_version = 999")
    result = run_bot(bot_environment(api, database), tmp_path, "run")
    assert result.returncode == 2
    assert "newer release" in result.stderr


def test_a_token_telegram_rejects_exits_2_without_printing_it(api, tmp_path):
    env = bot_environment(api, tmp_path / "bot.sqlite3", telegram_bot_token="999:not-the-token")
    result = run_bot(env, tmp_path, "run")
    assert result.returncode == 2
    assert "Telegram rejected TELEGRAM_BOT_TOKEN" in result.stderr
    assert "not-the-token" not in result.stderr + result.stdout


def test_the_redactor_removes_secrets_from_messages_arguments_and_tracebacks():
    token = "123:secret-token"
    redactor = SecretRedactor([token, ""])
    try:
        raise RuntimeError(f"POST https://api.telegram.org/bot{token}/getMe failed")
    except RuntimeError as error:
        record = logging.LogRecord(
            "httpx",
            logging.ERROR,
            __file__,
            1,
            "request %s",
            (f"/bot{token}/x",),
            (type(error), error, error.__traceback__),
        )
    assert redactor.filter(record)
    formatted = logging.Formatter().format(record)
    assert token not in formatted
    assert formatted.count(REDACTED) == 2


async def test_the_store_refuses_a_schema_newer_than_it_knows(tmp_path):
    database = tmp_path / "bot.sqlite3"
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA user_version = 999")
    with pytest.raises(SchemaTooNew) as refused:
        await Store.open(database)
    assert refused.value.found == 999
