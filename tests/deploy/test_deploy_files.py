"""Deploy files that hold what docs/deploy.md promises: the lock covers every dependency with
hashes and the image uses it; numeric USER, compiled bytecode, HEALTHCHECK; the systemd unit
rates 2.0 or better in `systemd-analyze security`; `docker compose config` accepts both compose
files; Caddy accepts the proxy's Caddyfile. The tools are used where installed and the test
skipped with the reason otherwise."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib

import pytest

from harness.bot_process import ROOT

LOCK = ROOT / "requirements.lock"
DOCKERFILE = (ROOT / "Dockerfile").read_text()


def _name(requirement: str) -> str:
    return re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_the_lock_pins_every_dependency_with_hashes():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    text = LOCK.read_text()
    pinned = {match[1].lower() for match in re.finditer(r"^([A-Za-z0-9_.-]+)==", text, re.M)}
    assert {_name(dependency) for dependency in project["dependencies"]} <= pinned
    for block in re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2]):
        assert "--hash=sha256:" in block, block


def test_the_image_installs_the_lock_and_runs_as_a_numeric_user_with_a_healthcheck():
    assert "--require-hashes" in DOCKERFILE and "requirements.lock" in DOCKERFILE
    assert re.search(r"^USER \d+(:\d+)?$", DOCKERFILE, re.M)
    assert "compileall" in DOCKERFILE
    assert re.search(r"^HEALTHCHECK .*\n?.*backcare-bot\", \"healthcheck", DOCKERFILE, re.M)


def test_the_systemd_unit_is_rated_2_or_better():
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed (apt-get install systemd)")
    result = subprocess.run(
        ["systemd-analyze", "security", "--offline=true", ROOT / "deploy/backcare-bot.service"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    found = re.search(r"Overall exposure level for \S+: (\d+\.\d+)", result.stdout)
    if found is None:
        pytest.skip(f"systemd-analyze cannot rate units offline here: {result.stderr[:200]}")
    assert float(found[1]) <= 2.0, result.stdout


def _compose() -> list[str] | None:
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True, timeout=30)
        if probe.returncode == 0:
            return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


def test_docker_compose_config_accepts_compose_yaml(tmp_path):
    compose = _compose()
    if compose is None:
        pytest.skip("neither `docker compose` nor docker-compose is installed")
    shutil.copy(ROOT / "compose.yaml", tmp_path / "compose.yaml")
    shutil.copy(ROOT / ".env.example", tmp_path / ".env")  # env_file: .env must exist
    result = subprocess.run(
        [*compose, "--file", "compose.yaml", "config"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "sqlite:////data/bot.sqlite3" in result.stdout


def test_the_grafana_dashboard_queries_only_metrics_the_bot_exports():
    import json

    from bot.operations.metrics import Metrics

    dashboard = json.loads((ROOT / "deploy/grafana-dashboard.json").read_text())
    exported = Metrics().render()[0].decode()
    queried = {
        name
        for panel in dashboard["panels"]
        for target in panel["targets"]
        for name in re.findall(r"\b(?:backcare|process)_[a-z_]+", target["expr"])
    }
    assert queried
    declared = set(re.findall(r"^# TYPE (\S+)", exported, re.M))
    for name in queried:
        # Labelled counters have no samples until first used, but are declared from the start.
        family = re.sub(r"_(bucket|count|sum)$", "", name)
        assert name in declared or family in declared, name


def test_the_postgres_compose_file_runs_two_webhook_instances_behind_a_proxy():
    """Read as YAML (the anchors resolved), so it is checked where docker is not installed."""
    import yaml

    services = yaml.safe_load((ROOT / "compose.postgres.yaml").read_text())["services"]
    assert set(services) == {"postgres", "bot-a", "bot-b", "proxy"}
    for name in ("bot-a", "bot-b"):
        environment = services[name]["environment"]
        assert environment["DATABASE_URL"].startswith("postgresql://backcare:")
        assert environment["WEBHOOK_URL"].startswith("https://")
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert "WEBHOOK_SECRET" in environment
        assert any(volume.endswith(":/data") for volume in services[name]["volumes"])
    assert services["bot-a"]["hostname"] != services["bot-b"]["hostname"]
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text()
    assert "bot-a:8443 bot-b:8443" in caddyfile and "health_uri /healthz" in caddyfile


def test_docker_compose_config_accepts_the_postgres_compose_file(tmp_path):
    compose = _compose()
    if compose is None:
        pytest.skip("neither `docker compose` nor docker-compose is installed")
    shutil.copy(ROOT / "compose.postgres.yaml", tmp_path / "compose.yaml")
    (tmp_path / "deploy").mkdir()
    shutil.copy(ROOT / "deploy" / "Caddyfile", tmp_path / "deploy" / "Caddyfile")
    env = (ROOT / ".env.example").read_text()
    env += "\nBOT_DOMAIN=bot.example.com\nPOSTGRES_PASSWORD=pw\n"

    def config(settings: str) -> subprocess.CompletedProcess:
        (tmp_path / ".env").write_text(settings)
        return subprocess.run(
            [*compose, "--file", "compose.yaml", "config"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )

    # .env.example leaves the secret empty: refused at `up`, not a bot in a restart loop.
    refused = config(env)
    assert refused.returncode != 0 and "set WEBHOOK_SECRET in .env" in refused.stderr
    result = config(env + "WEBHOOK_SECRET=a-secret-of-16-or-more\n")
    assert result.returncode == 0, result.stderr
    for instance in ("bot-a", "bot-b"):  # its build cache outlives a restart
        assert f"{instance}-data:/data" in result.stdout


def test_caddy_accepts_the_proxys_caddyfile(tmp_path):
    """`caddy validate` loads and provisions the whole config offline (no certificate is asked
    for); a directive it does not know is refused, so a broken Caddyfile fails here, not at `up`."""
    caddy = shutil.which("caddy")
    if caddy is None:
        pytest.skip("caddy is not installed (Debian: apt-get install caddy)")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "BOT_DOMAIN": "bot.example.com"}

    def validate(text: str) -> subprocess.CompletedProcess:
        path = tmp_path / "Caddyfile"
        path.write_text(text)
        return subprocess.run(
            [caddy, "validate", "--adapter", "caddyfile", "--config", str(path)],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )

    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text()
    result = validate(caddyfile)
    assert result.returncode == 0, result.stderr
    assert "Valid configuration" in result.stdout + result.stderr
    broken = validate(caddyfile.replace("lb_policy", "lb_polcy"))
    assert broken.returncode != 0
