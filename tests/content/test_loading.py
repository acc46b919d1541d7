"""Content validation: every kind of breakage names the file, the entry and the field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.content.loader import ContentError, load_content
from harness.bot_process import run_bot
from tests.conftest import KNOWLEDGE, ROOT


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target


def _edit(folder: Path, name: str, change) -> None:
    path = folder / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def _problems(folder: Path) -> str:
    with pytest.raises(ContentError) as caught:
        load_content(folder)
    return "\n".join(caught.value.problems)


def test_shipped_content_is_complete(content):
    assert len(content.faq) >= 30
    assert all(len(entry.phrasings) >= 5 for entry in content.faq.values())
    article_exercises = {
        "glute_bridge", "bird_dog", "plank", "side_plank", "drawing_in", "side_leg_raise",
        "knee_to_chest", "knee_rolls", "hamstring_stretch", "seated_forward_bend",
        "bent_over_row", "iyt_raise",
    }  # fmt: skip
    assert article_exercises <= set(content.exercises)
    assert {"core", "glutes", "flexibility", "strength", "prevention"} <= set(content.goals)
    for exercise in content.exercises.values():
        assert exercise.steps and exercise.cues and exercise.mistakes
        assert exercise.easier.name and exercise.harder.name


def test_yaml_syntax_error_names_file_and_line(knowledge):
    (knowledge / "en" / "faq.yaml").write_text("entries:\n  - id: x\n    question: [unclosed\n")
    problems = _problems(knowledge)
    assert "knowledge/en/faq.yaml: line" in problems
    assert "YAML syntax error" in problems


def test_missing_field_names_entry_and_field(knowledge):
    _edit(knowledge, "en/faq.yaml", lambda d: d["entries"][0].pop("answer"))
    first = yaml.safe_load((KNOWLEDGE / "en" / "faq.yaml").read_text())["entries"][0]["id"]
    assert f"knowledge/en/faq.yaml: entry '{first}', field 'answer': Field required" in _problems(
        knowledge
    )


def test_unknown_related_id_is_reported(knowledge):
    _edit(knowledge, "en/faq.yaml", lambda d: d["entries"][1].update(related=["no_such_entry"]))
    entry = yaml.safe_load((KNOWLEDGE / "en" / "faq.yaml").read_text())["entries"][1]["id"]
    assert (
        f"knowledge/en/faq.yaml: entry '{entry}', field 'related': unknown FAQ entry id "
        "'no_such_entry'" in _problems(knowledge)
    )


def test_unknown_faq_entry_answering_a_pain_rule_is_reported(knowledge):
    def point_elsewhere(data):
        rule = next(r for r in data["rules"] if r.get("answered_by"))
        rule["answered_by"] = "no_such_entry"

    _edit(knowledge, "en/safety.yaml", point_elsewhere)
    assert (
        "knowledge/en/safety.yaml: entry 'exercise_pain', field 'answered_by': unknown FAQ entry "
        "id 'no_such_entry'" in _problems(knowledge)
    )


def test_duplicate_id_is_reported(knowledge):
    def duplicate(data):
        data["exercises"][1]["id"] = data["exercises"][0]["id"]

    _edit(knowledge, "en/exercises.yaml", duplicate)
    problems = _problems(knowledge)
    assert "knowledge/en/exercises.yaml" in problems
    assert "duplicate id 'glute_bridge'" in problems


def test_empty_steps_are_reported(knowledge):
    _edit(knowledge, "en/exercises.yaml", lambda d: d["exercises"][0].update(steps=[]))
    problems = _problems(knowledge)
    assert "knowledge/en/exercises.yaml: entry 'glute_bridge', field 'steps'" in problems


def test_misspelled_field_is_reported(knowledge):
    _edit(knowledge, "en/goals.yaml", lambda d: d["goals"][0].update(sumary="typo"))
    assert "knowledge/en/goals.yaml: entry 'core', field 'sumary': Extra inputs" in _problems(
        knowledge
    )


def test_missing_message_is_reported(knowledge):
    _edit(knowledge, "en/messages.yaml", lambda d: d["general"].pop("fallback"))
    assert "knowledge/en/messages.yaml: field 'general.fallback': Field required" in _problems(
        knowledge
    )


def test_all_problems_are_listed_at_once(knowledge):
    _edit(knowledge, "en/faq.yaml", lambda d: d["entries"][0].update(phrasings=["only one"]))
    _edit(knowledge, "en/exercises.yaml", lambda d: d["exercises"][0].update(kind="cardio"))
    problems = _problems(knowledge)
    assert "faq.yaml" in problems and "exercises.yaml" in problems


def _run(*args: str, env_extra: dict | None = None, stdin: str | None = None):
    env = {"PATH": "/usr/bin:/bin", "TELEGRAM_BOT_TOKEN": "", **(env_extra or {})}
    return run_bot(env, ROOT, *args, stdin=stdin)


def test_check_command_exits_2_naming_the_problem(knowledge):
    _edit(knowledge, "en/exercises.yaml", lambda d: d["exercises"][0].update(steps=[]))
    result = _run("check", env_extra={"KNOWLEDGE_DIR": str(knowledge)})
    assert result.returncode == 2
    assert "entry 'glute_bridge', field 'steps'" in result.stderr


def test_check_command_passes_on_shipped_content():
    result = _run("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK en:")


def test_bot_refuses_to_start_on_invalid_content(knowledge, tmp_path):
    (knowledge / "en" / "safety.yaml").write_text("rules: [\n")
    result = _run(
        "run",
        env_extra={"KNOWLEDGE_DIR": str(knowledge), "DATABASE_URL": f"sqlite:///{tmp_path}/b.db"},
        stdin="",
    )
    assert result.returncode == 2
    assert "knowledge/en/safety.yaml: line" in result.stderr


def test_intent_naming_an_unknown_command_is_reported(knowledge):
    def add(data):
        data["intents"].append({"command": "dance", "label": "Dance", "phrasings": ["a", "b", "c"]})

    for language in ("en", "nb"):
        _edit(knowledge, f"{language}/intents.yaml", add)
    result = _run("check", env_extra={"KNOWLEDGE_DIR": str(knowledge)})
    assert result.returncode == 2
    expected = "knowledge/en/intents.yaml: entry 'dance', field 'command': no such command"
    assert expected in result.stderr


def test_check_names_what_one_language_lacks(knowledge):
    removed = {}

    def drop_one(data):
        related = {r for entry in data["entries"] for r in entry.get("related", [])}
        index = next(i for i, e in enumerate(data["entries"]) if e["id"] not in related)
        removed["faq"] = data["entries"].pop(index)["id"]

    _edit(knowledge, "nb/faq.yaml", drop_one)
    result = _run("check", env_extra={"KNOWLEDGE_DIR": str(knowledge)})
    assert result.returncode == 2
    assert (
        f"knowledge/nb/faq.yaml: entry {removed['faq']!r} is missing (knowledge/en/faq.yaml has it)"
        in result.stderr
    )


def test_shared_numbers_are_worded_per_language():
    """crisis_lines.yaml / emergency_numbers.yaml `translations`: a Norwegian reader gets the
    crisis line in Norwegian; a country without a translation keeps the shared wording."""
    english = load_content(KNOWLEDGE, "en")
    norwegian = load_content(KNOWLEDGE, "nb")
    assert "116 123" in norwegian.crisis_lines["NO"] and " on " not in norwegian.crisis_lines["NO"]
    assert english.crisis_lines["NO"] == "Mental Helse on 116 123 (day and night)"
    assert norwegian.crisis_fallback != english.crisis_fallback
    assert norwegian.emergency_numbers["NO"] == english.emergency_numbers["NO"] == "113"
    assert norwegian.emergency_numbers["GB"] == "999 eller 112"
    assert norwegian.emergency_numbers["US"] == english.emergency_numbers["US"]


def test_check_names_a_whole_message_label_one_language_lacks(knowledge):
    """safety_exemplars.yaml: a red-flag label the Norwegian bank lacks means Norwegian long
    messages about that flag are never raised; `check` says which."""
    removed = {}

    def drop_one(data):
        index = next(i for i, g in enumerate(data["groups"]) if not g["label"].startswith("benign"))
        removed["label"] = data["groups"].pop(index)["label"]
        if any(g["label"] == removed["label"] for g in data["groups"]):
            data["groups"] = [g for g in data["groups"] if g["label"] != removed["label"]]

    _edit(knowledge, "nb/safety_exemplars.yaml", drop_one)
    result = _run("check", env_extra={"KNOWLEDGE_DIR": str(knowledge)})
    assert result.returncode == 2
    expected = (
        f"knowledge/nb/safety_exemplars.yaml: label {removed['label']!r} is missing "
        "(knowledge/en/safety_exemplars.yaml has it)"
    )
    assert expected in result.stderr
