"""The printable guide: written by the CLI and by /guide, read back with pypdf."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

from pypdf import PdfReader

from bot.brain.coach.guide import guide_pdf, pdf_safe
from bot.brain.coach.sessions import build_session
from bot.cli import main
from bot.model.reply import Action

MONDAY = date(2026, 1, 5)


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_cli_writes_a_guide_with_plan_steps_doses_and_safety_rules(tmp_path, content):
    target = tmp_path / "core.pdf"
    arguments = ["guide", "--goal", "core", "--level", "beginner", "--week", "2026-01-07", "-o"]
    assert main([*arguments, str(target)]) == 0
    text = pdf_text(target.read_bytes())
    assert "Your back-care programme" in text
    assert "Goal: Core stabilisation. Level: Beginner. Week of 5 January 2026." in text
    assert "Weekly plan" in text
    for day in ("Monday", "Wednesday", "Friday", "Saturday (optional)"):
        assert day in text
    monday = build_session(content, "core", "beginner", {}, 0, MONDAY)
    for item in monday.items:
        exercise = item.exercise
        assert exercise.name in text
        assert f"1. {exercise.steps[0]}" in text
        assert exercise.dosing.beginner in text
    assert "Safety rules" in text and "Call 112" in text
    assert "Loss of bladder or bowel control" in text
    assert "Page 1 of" in text


def test_cli_refuses_an_unknown_goal_politely(tmp_path, capsys):
    assert main(["guide", "--goal", "abs", "-o", str(tmp_path / "x.pdf")]) == 2
    assert "Choose one of: core" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_characters_outside_the_pdf_font_do_not_break_the_guide(content):
    bird_dog = content.exercises["bird_dog"].model_copy(
        update={"name": "Bird\u2013dog \u2018classic\u2019 \u0141\u00f3d\u017a \U0001f4aa"}
    )
    edited = replace(content, exercises={**content.exercises, "bird_dog": bird_dog})
    planned_days = [MONDAY.replace(day=day) for day in (5, 7, 9, 10)]
    plans = [build_session(edited, "core", "beginner", {}, 0, day) for day in planned_days]
    assert any(item.exercise.id == "bird_dog" for plan in plans for item in plan.items)
    data = guide_pdf(
        edited,
        goal="core",
        level="beginner",
        stages={},
        user_id=0,
        week_of=MONDAY,
        emergency_number="112",
    )
    assert "Bird-dog 'classic' L\u00f3dz ?" in pdf_text(data)
    assert pdf_safe("caf\u00e9 \u2026 \u2264 5") == "caf\u00e9 ... <= 5"


async def test_guide_command_sends_the_users_programme_as_a_pdf(assistant, content):
    await assistant.press(1, Action("set_goal", "glutes"))
    await assistant.press(1, Action("set_level", "intermediate"))
    overview = await assistant.reply(1, "/session")
    step = next(a for a in overview.actions() if a.name == "session_step")
    first = await assistant.press(1, step)
    await assistant.press(1, next(a for a in first.actions() if a.name == "session_hard"))

    reply = await assistant.reply(1, "/guide")
    document = reply.document
    assert document is not None and document.filename.endswith(".pdf")
    assert document.data.startswith(b"%PDF")
    assert "Glute activation" in document.caption
    text = pdf_text(document.data)
    assert "Goal: Glute activation. Level: Intermediate." in text
    easier = content.exercises[first.id].easier.name
    assert f"Your version for now (easier): {easier}" in text
