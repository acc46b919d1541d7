"""The real process against the fake Bot API: clean stops, webhook mode, and no token in logs."""

from __future__ import annotations

import json
import signal
import socket
import time
from pathlib import Path

import httpx
import pytest

from harness.bot_process import bot_environment, bot_log, start_bot, wait_for_call
from harness.updates import message_update

WEBHOOK_SECRET = "webhook-secret-for-tests-0123456789"
WEBHOOK_URL = "https://bot.example.test/telegram/hook"


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_lets_the_send_in_flight_finish_then_closes_everything(
    api, tmp_path, stop_signal
):
    database = tmp_path / "bot.sqlite3"
    process = start_bot(bot_environment(api, database, log_level="DEBUG"), tmp_path, "run")
    try:
        wait_for_call(api, "getUpdates", process, tmp_path)
        api.send_delay = 1.0
        api.push_text("/start")
        wait_for_call(api, "sendMessage", process, tmp_path)  # the reply is on its way now
        process.send_signal(stop_signal)
        process.wait(timeout=30)
        exited_at = time.monotonic()
    finally:
        if process.poll() is None:
            process.kill()
    log = bot_log(tmp_path)
    assert process.returncode == 0, log
    assert api.send_answered_at and api.send_answered_at[0] <= exited_at, "send was cut off"
    assert "back-care coach" in api.sent[0]["text"]
    assert not Path(f"{database}-wal").exists(), "the database was not closed"
    assert "stopped cleanly" in log


def test_the_token_never_appears_in_the_log_even_at_debug_level(api, tmp_path):
    env = bot_environment(api, tmp_path / "bot.sqlite3", log_level="DEBUG")
    process = start_bot(env, tmp_path, "run")
    try:
        wait_for_call(api, "getUpdates", process, tmp_path)
        api.fail_next_send(777, 403, "Forbidden: bot was blocked by the user")
        api.push_text("how often should I exercise?")
        api.push_text("/start")
        api.wait_for_messages(1)
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    log = bot_log(tmp_path)
    assert "HTTP Request" in log, "httpx's request lines (which carry the URL) were logged"
    assert api.token not in log
    assert api.token.split(":")[1] not in log
    assert "[redacted]" in log


def test_webhook_mode_answers_only_requests_that_carry_the_secret(api, tmp_path):
    process, port = _start_in_webhook_mode(api, tmp_path)
    endpoint = f"http://127.0.0.1:{port}/telegram/hook"
    try:
        wait_for_call(api, "setWebhook", process, tmp_path)
        _wait_until_listening(port)
        assert _post(endpoint, _update(1, "/start", user_id=1), secret=None) == 403
        assert _post(endpoint, _update(2, "/start", user_id=2), secret="not-the-secret") == 403
        assert _post(endpoint, _update(3, "/start", user_id=777), secret=WEBHOOK_SECRET) == 200
        welcome = api.wait_for_messages(1)[0]
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    log = bot_log(tmp_path)
    assert process.returncode == 0, log
    assert "back-care coach" in welcome["text"]
    assert {message["chat_id"] for message in api.sent} == {777}, "rejected ones got answers"
    registered = dict(api.calls)["setWebhook"]
    assert registered["url"] == WEBHOOK_URL
    assert registered["secret_token"] == WEBHOOK_SECRET
    assert "getUpdates" not in api.methods()
    assert WEBHOOK_SECRET not in log and api.token not in log


def _start_in_webhook_mode(api, tmp_path):
    """The real bot in webhook mode on a free local port: (process, port)."""
    port = _free_port()
    env = bot_environment(
        api,
        tmp_path / "bot.sqlite3",
        webhook_url=WEBHOOK_URL,
        webhook_secret=WEBHOOK_SECRET,
        webhook_listen="127.0.0.1",
        webhook_port=str(port),
    )
    return start_bot(env, tmp_path, "run"), port


def _update(update_id: int, text: str, user_id: int = 777) -> dict:
    return message_update(update_id, user_id, text, command=True)


def _post(url: str, update: dict, secret: str | None) -> int:
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
    return httpx.post(url, json=update, headers=headers, timeout=10).status_code


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_listening(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _raw_head(port: int, secret: str | None, length: int) -> int:
    """Send only a request's head announcing `length` bytes; the status line that comes back."""
    head = f"POST /telegram/hook HTTP/1.1\r\nHost: x\r\nContent-Length: {length}\r\n"
    if secret is not None:
        head += f"X-Telegram-Bot-Api-Secret-Token: {secret}\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
        connection.sendall((head + "\r\n").encode())
        status_line = connection.makefile("rb").readline().decode()
    return int(status_line.split()[1])


def test_webhook_refuses_before_reading_the_body_unless_secret_and_size_are_right(api, tmp_path):
    process, port = _start_in_webhook_mode(api, tmp_path)
    try:
        wait_for_call(api, "setWebhook", process, tmp_path)
        _wait_until_listening(port)
        # 90 MB announced, nothing sent: answered at once, the body is never waited for.
        assert _raw_head(port, None, 90_000_000) == 403
        assert _raw_head(port, "not-the-secret", 90_000_000) == 403
        assert _raw_head(port, WEBHOOK_SECRET, 90_000_000) == 413
        assert _raw_head(port, WEBHOOK_SECRET, 1024 * 1024 + 1) == 413
        assert (
            _post(
                f"http://127.0.0.1:{port}/telegram/hook",
                _update(9, "/start"),
                secret=WEBHOOK_SECRET,
            )
            == 200
        )
        api.wait_for_messages(1)
        registered = dict(api.calls)["setWebhook"]
        assert json.loads(registered["allowed_updates"]) == ["message", "callback_query"]
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, bot_log(tmp_path)
