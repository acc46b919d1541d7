"""FAQ matching as a user meets it: typos, texting, honest abstention and "did you mean"."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import pytest

from bot.evaluation.faq import DATA, evaluate_faq
from bot.model.reply import Action
from harness.bot_process import run_bot
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def dev_report(content):
    return asyncio.run(evaluate_faq(content, DATA / "faq_eval.yaml"))


@pytest.fixture(scope="module")
def holdout_report(content):
    return asyncio.run(evaluate_faq(content, DATA / "faq_holdout.yaml"))


def test_labelled_set_is_big_enough(dev_report):
    groups = dev_report.groups
    assert sum(g.total for g in groups.values()) >= 200
    assert groups["out_of_scope"].total >= 40


def test_in_scope_questions_reach_the_right_entry(dev_report):
    inside = dev_report.totals(in_scope=True)
    misses = "\n".join(dev_report.misses)
    assert inside.reached / inside.total >= 0.95, misses
    assert inside.correct / inside.total >= 0.85, misses


def test_confident_wrong_answers_are_rare(dev_report, holdout_report):
    for report in (dev_report, holdout_report):
        inside = report.totals(in_scope=True)
        assert inside.wrong / inside.total <= 0.02, "\n".join(report.misses)


def test_out_of_scope_questions_are_not_answered(dev_report, holdout_report):
    for report in (dev_report, holdout_report):
        outside = report.totals(in_scope=False)
        assert outside.correct / outside.total >= 0.9, "\n".join(report.misses)


def test_held_out_questions_generalise(holdout_report):
    inside = holdout_report.totals(in_scope=True)
    assert inside.reached / inside.total >= 0.9, "\n".join(holdout_report.misses)


def test_we_beat_the_naive_baseline(dev_report):
    inside = dev_report.totals(in_scope=True)
    assert inside.correct >= 2 * inside.baseline_correct


@pytest.mark.parametrize(
    ("message", "entry"),
    [
        ("hw long til i see reslts??", "results_timeline"),
        ("how oftn shud i do the excercises", "how_often"),
        ("wat causes lower back pain", "causes"),
        ("is the lumbar belt any good", "belt_info"),
        ("HOW LONG UNTIL I SEE RESULTS", "results_timeline"),
    ],
)
async def test_misspelled_and_texting_questions(assistant, message, entry):
    reply = await assistant.reply(1, message)
    assert (reply.kind, reply.id) == ("faq", entry)


@pytest.mark.parametrize(
    "message",
    ["what's the weather in oslo", "pizza", "asdfghjkl", "how often should I water my plants"],
)
async def test_off_topic_gets_no_answer(assistant, message):
    reply = await assistant.reply(1, message)
    assert reply.kind in ("fallback", "clarify")
    assert reply.kind != "faq"


async def test_single_common_word_asks_back_instead_of_guessing(assistant):
    reply = await assistant.reply(1, "pain")
    assert reply.kind in ("clarify", "fallback")


async def test_near_tie_offers_buttons_and_a_press_answers(assistant):
    # Seeing a physiotherapist: "when to see one" and "what a visit is like" fit equally well.
    reply = await assistant.reply(1, "shuold i see a physiotherapsit")
    assert reply.kind == "clarify"
    choices = [a for a in reply.actions() if a.name == "faq"]
    assert len(choices) >= 2
    assert Action("rephrase") in reply.actions()
    chosen = await assistant.press(1, choices[1])
    assert (chosen.kind, chosen.id) == ("faq", choices[1].arg)


async def test_clarify_and_fallback_are_logged_without_identity(assistant, store):
    await assistant.reply(1, "how do I knit a scarf")
    await assistant.reply(2, "how do I knit a scarf")
    (top,) = await store.learning.top_misses()
    assert (top.text, top.count) == ("how do i knit a scarf", 2)
    columns = [r[1] for r in await store.db.fetchall("PRAGMA table_info(unanswered)")]
    assert "user_id" not in columns


def test_unanswered_command_lists_what_console_users_asked(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "TELEGRAM_BOT_TOKEN": "",
        "DATABASE_URL": f"sqlite:///{tmp_path}/bot.sqlite3",
    }
    conversation = "how do I knit a scarf\nbest pizza in town\nhow do I knit a scarf\nquit\n"
    chat = run_bot(env, tmp_path, "console", stdin=conversation)
    assert chat.returncode == 0, chat.stderr
    listing = run_bot(env, tmp_path, "unanswered")
    lines = listing.stdout.splitlines()
    assert any(line.strip().startswith("2") and "knit a scarf" in line for line in lines)
    assert any("pizza" in line for line in lines)


def test_eval_command_prints_figures_and_baseline():
    result = subprocess.run(
        [sys.executable, str(ROOT / "run_bot.py"), "eval"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin"},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "IN SCOPE" in result.stdout and "OUT OF SCOPE" in result.stdout
    assert "baseline" in result.stdout
    assert "recall" in result.stdout


@pytest.mark.parametrize(
    ("message", "kind"),
    [("what should i do today", "session"), ("an easier alternative to the plank", "exercise")],
)
async def test_free_text_reaches_commands_and_variations(assistant, message, kind):
    assert (await assistant.reply(1, message)).kind == kind


async def test_free_text_asking_for_settings_runs_the_settings_command(assistant):
    reply = await assistant.reply(1, "change my level")
    assert reply.kind == "command" and any(a.name == "set_level" for a in reply.actions())
