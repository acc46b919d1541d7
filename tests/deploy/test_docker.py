"""The Docker image builds, runs as a non-root user and its container answers /start.

Needs a Docker engine; where none answers (as on CI machines without one) the test is skipped
with the reason. The container shares the host network so it reaches the fake Bot API on
127.0.0.1.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from harness.bot_process import ROOT

IMAGE = "backcare-bot:e2e-test"


def _no_engine_reason() -> str | None:
    if shutil.which("docker") is None:
        return "the docker command is not installed"
    try:
        info = subprocess.run(
            ["docker", "info", "--format", "{{.ServerVersion}}"],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except subprocess.TimeoutExpired:
        return "the Docker engine did not answer within 30 s"
    if info.returncode != 0:
        first_line = (info.stderr.strip().splitlines() or ["no output"])[0]
        return f"no Docker engine answers here ({first_line})"
    return None


@pytest.fixture(scope="module")
def image() -> str:
    reason = _no_engine_reason()
    if reason:
        pytest.skip(f"{reason}; build by hand with `docker build -t backcare-bot .`")
    build = subprocess.run(
        ["docker", "build", "--tag", IMAGE, str(ROOT)], capture_output=True, text=True, timeout=1800
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    return IMAGE


def _docker(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(["docker", *args], capture_output=True, text=True, timeout=timeout)


def test_the_container_answers_start_as_a_non_root_user_and_stops_cleanly(image, api):
    name = f"backcare-bot-e2e-{os.getpid()}"
    started = _docker(
        "run",
        "--detach",
        "--name",
        name,
        "--network",
        "host",
        "--env",
        f"TELEGRAM_BOT_TOKEN={api.token}",
        "--env",
        f"TELEGRAM_API_BASE_URL={api.base_url}",
        image,
    )
    assert started.returncode == 0, started.stderr
    try:
        api.push_text("/start")
        welcome = api.wait_for_messages(1, timeout=90)[0]
        assert "back-care coach" in welcome["text"]
        assert _docker("exec", name, "id", "-u").stdout.strip() == "10001"
        assert "bot.sqlite3" in _docker("exec", name, "ls", "/data").stdout.split()
        stopped = _docker("stop", "--time", "30", name)
        assert stopped.returncode == 0, stopped.stderr
        exit_code = _docker("inspect", "--format", "{{.State.ExitCode}}", name).stdout.strip()
        assert exit_code == "0", _docker("logs", name).stderr[-3000:]
        assert api.token not in _docker("logs", name).stderr
    finally:
        _docker("rm", "--force", name)
