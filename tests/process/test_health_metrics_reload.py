"""What an operator sees of the real process: /healthz and /metrics in polling mode (own port)
and webhook mode (the webhook server), counters moving as messages and reminders flow, JSON logs,
and content reload on SIGHUP that keeps the old content when the new one is broken."""

from __future__ import annotations

import json
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from harness.bot_process import (
    ROOT,
    bot_environment,
    bot_log,
    run_bot,
    start_bot,
    wait_for_call,
)
from harness.overdue import reminders, seed_many_overdue
from harness.updates import message_update
from tests.process.test_reminders_survive_kill import wait_for

WEBHOOK_SECRET = "webhook-secret-for-tests-0123456789"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> httpx.Response:
    deadline = time.monotonic() + 20
    while True:
        try:
            return httpx.get(url, timeout=10)
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _metric(text: str, name: str, **labels: str) -> float:
    """The value of one sample of the exposition text (0 when absent)."""
    wanted = ",".join(f'{key}="{value}"' for key, value in labels.items())
    pattern = rf"^{re.escape(name)}{re.escape('{' + wanted + '}') if wanted else ''} (\S+)$"
    found = re.search(pattern, text, re.MULTILINE)
    return float(found[1]) if found else 0.0


def _stop(process: subprocess.Popen, cwd: Path) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, bot_log(cwd)


def _chat(api) -> None:
    """A welcome, a question without an answer and an emergency, each answered."""
    before = len(api.sent)
    api.push_text("/start")
    api.push_text("what is the capital of france")
    api.push_text("I can't control my bladder and my legs are numb")
    api.wait_for_messages(before + 3)
    time.sleep(0.3)  # the last update's handling ends just after its send is answered


def test_polling_health_and_metrics_move_with_messages_and_reminders(api, tmp_path):
    database = tmp_path / "bot.sqlite3"
    seed_many_overdue(database, 1)  # due 15 minutes ago: sent late, with the note
    port = _free_port()
    env = bot_environment(api, database, metrics_port=str(port), reminder_tick_seconds="0.3")
    process = start_bot(env, tmp_path, "run")
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_call(api, "getUpdates", process, tmp_path)
        wait_for(lambda: reminders(api), process, tmp_path, "no reminder was sent")
        health = _get(f"{base}/healthz")
        assert health.status_code == 200, health.text
        checks = health.json()["checks"]
        assert checks["database"]["ok"] and checks["telegram"]["ok"]
        assert checks["reminder_tick"]["ticked"] and checks["reminder_tick"]["age_seconds"] < 5
        assert run_bot(env, tmp_path, "healthcheck").returncode == 0

        before = _get(f"{base}/metrics")
        assert before.headers["content-type"].startswith("text/plain")
        assert _metric(before.text, "backcare_reminders_total", outcome="sent") == 1
        assert _metric(before.text, "backcare_reminders_late_total") == 1
        assert _metric(before.text, "backcare_reminder_ticks_total") >= 1
        _chat(api)
        after = _get(f"{base}/metrics").text
    finally:
        _stop(process, tmp_path)
    assert _metric(after, "backcare_updates_total", kind="message") == 3
    assert _metric(after, "backcare_reply_seconds_count", kind="message") == 3
    assert _metric(after, "backcare_escalations_total", tier="emergency") == 1
    assert _metric(after, "backcare_unanswered_total") == 1
    assert _metric(after, "backcare_replies_total", kind="safety") == 1
    assert _metric(after, "backcare_errors_total", kind="Conflict") == 0
    assert "process_resident_memory_bytes" in after


def test_healthz_fails_when_telegram_cannot_be_reached(api, tmp_path):
    port = _free_port()
    env = bot_environment(api, tmp_path / "bot.sqlite3", metrics_port=str(port))
    process = start_bot(env, tmp_path, "run")
    try:
        wait_for_call(api, "getUpdates", process, tmp_path)
        api.stop()
        health = _get(f"http://127.0.0.1:{port}/healthz")
        unhealthy = run_bot(env, tmp_path, "healthcheck")
    finally:
        _stop(process, tmp_path)
    assert health.status_code == 503
    assert health.json()["checks"]["telegram"]["ok"] is False
    assert unhealthy.returncode == 1 and '"telegram"' in unhealthy.stderr
    assert api.token not in health.text


def test_webhook_mode_serves_health_and_metrics_on_the_webhook_server(api, tmp_path):
    port = _free_port()
    env = bot_environment(
        api,
        tmp_path / "bot.sqlite3",
        webhook_url="https://bot.example.test/telegram/hook",
        webhook_secret=WEBHOOK_SECRET,
        webhook_listen="127.0.0.1",
        webhook_port=str(port),
    )
    process = start_bot(env, tmp_path, "run")
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_call(api, "setWebhook", process, tmp_path)
        assert _get(f"{base}/healthz").status_code == 200
        update = message_update(1, 5, "/start", first_name="T")
        posted = httpx.post(
            f"{base}/telegram/hook",
            json=update,
            headers={"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET},
        )
        assert posted.status_code == 200
        api.wait_for_messages(1)
        time.sleep(0.3)
        metrics = _get(f"{base}/metrics").text
    finally:
        _stop(process, tmp_path)
    assert _metric(metrics, "backcare_updates_total", kind="message") == 1
    assert _metric(metrics, "backcare_replies_total", kind="command") >= 1


def test_log_format_json_writes_one_object_per_line(api, tmp_path):
    env = bot_environment(api, tmp_path / "bot.sqlite3", log_format="json")
    process = start_bot(env, tmp_path, "run")
    try:
        wait_for_call(api, "getUpdates", process, tmp_path)
    finally:
        _stop(process, tmp_path)
    entries = [json.loads(line) for line in bot_log(tmp_path).splitlines() if line.strip()]
    assert entries and all({"time", "level", "logger", "message"} <= set(e) for e in entries)
    assert any(e["message"] == "stopped cleanly" for e in entries)


@pytest.fixture
def knowledge(tmp_path) -> Path:
    folder = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", folder)
    return folder


def _answer_to(api, text: str) -> str:
    before = len(api.sent)
    api.push_text(text)
    return api.wait_for_messages(before + 1)[before]["text"]


def test_sighup_reloads_valid_content_and_keeps_the_old_when_the_new_is_broken(
    api, tmp_path, knowledge
):
    faq = knowledge / "en" / "faq.yaml"
    original = faq.read_text()
    env = bot_environment(api, tmp_path / "bot.sqlite3", knowledge_dir=str(knowledge))
    process = start_bot(env, tmp_path, "run")
    question = "how often should I exercise?"
    try:
        wait_for_call(api, "getUpdates", process, tmp_path)
        first = _answer_to(api, question)
        assert "RELOADED" not in first

        marker = first.split("\n")[-1].strip()[:30]
        assert marker and marker in original, "pick text that the FAQ file holds"
        faq.write_text(original.replace(marker, "RELOADED " + marker, 1))
        process.send_signal(signal.SIGHUP)
        wait_for(lambda: "content reloaded" in bot_log(tmp_path), process, tmp_path, "no reload")
        assert "RELOADED" in _answer_to(api, question)

        faq.write_text("entries: [\n")
        process.send_signal(signal.SIGHUP)
        wait_for(lambda: "reload refused" in bot_log(tmp_path), process, tmp_path, "no refusal")
        assert "RELOADED" in _answer_to(api, question), "the old content left service"
    finally:
        _stop(process, tmp_path)
    assert "faq.yaml" in bot_log(tmp_path).split("reload refused", 1)[1]
