"""The wheel is the whole application: installed into a fresh environment, run from a folder
that is not the checkout, `backcare-bot check` and `python -m bot ask` find the shipped content.

Offline: the wheel is built without build isolation (setuptools comes from the dev extra) and
installed with --no-index; the fresh environment sees the dependencies through a .pth line to
this environment's site-packages (not the editable install of the checkout, whose finder that
line does not load), so only the wheel can provide `bot`.
"""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from harness.bot_process import ROOT


def _run(*command, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv (outside the checkout) with the wheel installed; returns its bin folder."""
    work = tmp_path_factory.mktemp("wheel")
    dist = work / "dist"
    _run(sys.executable, "-m", "pip", "wheel", "-q", "--no-build-isolation", "--no-deps",
         "-w", dist, ROOT, cwd=work)  # fmt: skip
    wheel = next(dist.glob("backcare_bot-*.whl"))
    fresh = work / "venv"
    venv.EnvBuilder(with_pip=True).create(fresh)
    bin_dir = fresh / "bin"
    site = Path(
        subprocess.check_output(
            [bin_dir / "python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            text=True,
        ).strip()
    )
    (site / "deps-from-dev-venv.pth").write_text(sysconfig.get_path("purelib") + "\n")
    _run(bin_dir / "pip", "install", "-q", "--no-index", "--no-deps", wheel, cwd=work)
    return bin_dir


def _clean_env(bin_dir: Path) -> dict[str, str]:
    return {"PATH": f"{bin_dir}:/usr/bin:/bin", "TELEGRAM_BOT_TOKEN": ""}


def test_the_installed_command_checks_the_shipped_content(installed, tmp_path):
    result = _run(installed / "backcare-bot", "check", cwd=tmp_path, env=_clean_env(installed))
    assert result.stdout.startswith("OK en:")
    where = _run(
        installed / "python", "-c", "import bot; print(bot.__file__)",
        cwd=tmp_path, env=_clean_env(installed),
    )  # fmt: skip
    assert str(installed.parent) in where.stdout, "bot came from somewhere else than the wheel"


def test_python_m_bot_answers_outside_the_checkout(installed, tmp_path):
    result = _run(
        installed / "python", "-m", "bot", "ask", "--json", "how often should I exercise?",
        cwd=tmp_path, env=_clean_env(installed),
    )  # fmt: skip
    reply = json.loads(result.stdout)
    assert (reply["kind"], reply["id"]) == ("faq", "how_often")
    assert not (tmp_path / "data").exists() or any((tmp_path / "data").iterdir())


def test_the_evaluation_sets_ship_with_the_wheel(installed, tmp_path):
    code = "from bot.evaluation.faq import DATA; print(len(list(DATA.rglob('*.yaml'))))"
    result = _run(installed / "python", "-c", code, cwd=tmp_path, env=_clean_env(installed))
    assert int(result.stdout) >= 8
