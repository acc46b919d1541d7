"""The console and `ask` faces give the same answers as the pipeline."""

from __future__ import annotations

import io
import json
import os
import pty
import subprocess
import sys

from bot.brain.assistant import Assistant
from bot.content.loader import load_library
from bot.faces.console import chat
from harness.bot_process import run_bot
from tests.conftest import KNOWLEDGE, ROOT


def _ask(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "TELEGRAM_BOT_TOKEN": ""}
    return run_bot(env, ROOT, "ask", *args, stdin=stdin)


def test_ask_json_how_often():
    result = _ask("--json", "how often should I exercise?")
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stdout)
    assert set(line) >= {"input", "kind", "severity", "id", "score", "text", "suggestions"}
    assert (line["kind"], line["id"], line["severity"]) == ("faq", "how_often", None)


def test_ask_json_glute_bridge_has_numbered_steps():
    line = json.loads(_ask("--json", "how do I do a glute bridge").stdout)
    assert line["kind"] == "exercise" and line["id"] == "glute_bridge"
    assert "\n1. " in line["text"] and "\n2. " in line["text"]


def test_ask_reads_one_message_per_stdin_line():
    result = _ask("--json", stdin="hi\nhow often should I exercise?\nbest pizza in town\n")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["kind"] for line in lines] == ["smalltalk", "faq", "fallback"]


def test_ask_plain_text():
    result = _ask("how often should I exercise?")
    assert "[faq/how_often]" in result.stdout


async def test_console_numbers_pick_buttons(assistant):
    out = io.StringIO()
    await chat(assistant, stdin=io.StringIO("1\nhow often should I exercise?\nquit\n"), stdout=out)
    text = out.getvalue()
    assert "[1] Exercises by goal" in text
    assert "Which goal would you like exercises for?" in text
    assert "week" in text
    assert text.rstrip().endswith("Bye! Take care of your back.")


def test_run_without_token_in_a_terminal_opens_console_with_hint(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "TELEGRAM_BOT_TOKEN": "",
        "DATABASE_URL": f"sqlite:///{tmp_path}/console.sqlite3",
    }
    terminal, child_side = pty.openpty()  # the console only opens on a real terminal
    os.write(terminal, b"how often should I exercise?\nquit\n")
    try:
        result = subprocess.run(
            [sys.executable, str(ROOT / "run_bot.py")],
            env=env,
            cwd=ROOT,
            stdin=child_side,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        os.close(terminal)
        os.close(child_side)
    assert result.returncode == 0, result.stderr
    assert "@BotFather" in result.stdout and "TELEGRAM_BOT_TOKEN" in result.stdout
    assert "week" in result.stdout
    assert (tmp_path / "console.sqlite3").exists()


async def test_console_says_goodbye_in_the_language_the_user_switched_to(store, clock, config):
    library = load_library(KNOWLEDGE)
    bilingual = Assistant(library, store, clock, config)
    out = io.StringIO()
    await chat(bilingual, stdin=io.StringIO("/språk\n2\nquit\n"), stdout=out, language="en")
    norwegian = library["nb"].messages.general.console_goodbye
    assert norwegian != library["en"].messages.general.console_goodbye
    assert out.getvalue().rstrip().endswith(norwegian)


async def test_console_numbers_follow_up_buttons_after_the_first_replys(assistant):
    out = io.StringIO()
    # /start sends the menu and, as a follow-up, the first onboarding question.
    await chat(assistant, stdin=io.StringIO("quit\n"), stdout=out)
    numbers = [line.split("]")[0].strip() for line in out.getvalue().splitlines() if "  [" in line]
    assert numbers == [f"[{n}" for n in range(1, len(numbers) + 1)]


async def test_console_writes_pictures_and_documents_to_files(assistant, tmp_path, store):
    out = io.StringIO()
    typed = "bird dog\n/guide\n/session\n2\n1\n7\nquit\n"
    await chat(assistant, stdin=io.StringIO(typed), stdout=out, files=tmp_path)
    picture = tmp_path / "bird_dog-standard.gif"
    assert picture.read_bytes().startswith(b"GIF89a")
    assert f"(picture: {picture})" in out.getvalue()
    guides = list(tmp_path.glob("*.pdf"))
    assert len(guides) == 1 and guides[0].read_bytes().startswith(b"%PDF")
    assert "Noted: 7/10" in out.getvalue(), "typed 7 under 0-10 buttons is 7, not button 7"
