"""The printable guide: written by the CLI and by /guide, read back with pypdf."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

from pypdf import PdfReader

from bot.brain.coach.guide import guide_pdf
from bot.brain.coach.sessions import build_session
from bot.cli import main
from bot.model.reply import Action

MONDAY = date(2026, 1, 5)


def pdf_text(data: bytes) -> str:
    return " ".join(pages(data))


def pages(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


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
    assert "Safety rules" in text and "Page 1 of" in text
    cover = pages(target.read_bytes())[0]
    assert "Warning signs" in cover and "Call 112" in cover, "red flags on the first page"
    assert "Loss of bladder or bowel control" in cover
    assert "Tracking sheet" in text and "Pain after sessions (0-10)" in text


def test_every_exercise_sits_on_one_page_with_its_picture_and_variations(content):
    data = guide_pdf(
        content,
        goal="core",
        level="advanced",
        stages={},
        user_id=0,
        week_of=MONDAY,
        emergency_number="112",
    )
    reader = PdfReader(io.BytesIO(data))
    printed = pages(data)
    listed = [e for e in content.exercises.values() if any(f"{e.name} " in p for p in printed[2:])]
    assert len(listed) >= 8
    for exercise in listed:
        home = [p for p in printed[2:] if exercise.safety[:40] in p]
        assert len(home) == 1, exercise.id
        page = home[0]
        assert f"1. {exercise.steps[0]}" in page, f"{exercise.id} is split across pages"
        assert exercise.easier.how[:40] in page and exercise.harder.how[:40] in page
    with_pictures = [page for page in reader.pages[2:-1] if page.images]
    assert len(with_pictures) == len(reader.pages) - 3, "every exercise page has pictures"


def test_cli_refuses_an_unknown_goal_politely(tmp_path, capsys):
    assert main(["guide", "--goal", "abs", "-o", str(tmp_path / "x.pdf")]) == 2
    assert "Choose one of: core" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_norwegian_and_other_letters_print_as_written(content):
    bird_dog = content.exercises["bird_dog"].model_copy(
        update={"name": "Fuglehunden \u2013 bl\u00e5b\u00e6r p\u00e5 \u00f8ya \u0141\u00f3d\u017a"}
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
    assert "Fuglehunden \u2013 bl\u00e5b\u00e6r p\u00e5 \u00f8ya \u0141\u00f3d\u017a" in pdf_text(
        data
    )


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
