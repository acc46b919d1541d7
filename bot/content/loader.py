"""Load knowledge/ into typed objects, or fail naming the file, entry and field.

Everything a user reads lives once per language (knowledge/en/, knowledge/nb/, ...); what does
not depend on the language (emergency numbers, crisis lines, towns) sits at the top.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.content.messages import Messages
from bot.content.models import (
    CrisisLinesFile,
    EmergencyNumbersFile,
    Exercise,
    ExercisesFile,
    FaqEntry,
    FaqFile,
    Goal,
    GoalsFile,
    Intent,
    IntentsFile,
    LanguageFile,
    LevelInfo,
    Product,
    ProductsFile,
    SynonymsFile,
)
from bot.content.poses import ExercisePoses, PosesFile
from bot.content.record import Record
from bot.content.safety_models import SafetyContent

LANGUAGE_FILES: dict[str, type[Record]] = {
    "faq.yaml": FaqFile,
    "exercises.yaml": ExercisesFile,
    "goals.yaml": GoalsFile,
    "products.yaml": ProductsFile,
    "synonyms.yaml": SynonymsFile,
    "messages.yaml": Messages,
    "safety.yaml": SafetyContent,
    "intents.yaml": IntentsFile,
    "language.yaml": LanguageFile,
}
"""One of each in every language folder."""

SHARED_FILES: dict[str, type[Record]] = {
    "emergency_numbers.yaml": EmergencyNumbersFile,
    "crisis_lines.yaml": CrisisLinesFile,
    "poses.yaml": PosesFile,
}
"""At the top of knowledge/, the same for every language."""

DEFAULT_LANGUAGE = "en"


class ContentError(Exception):
    """Invalid content; `problems` holds one readable line per problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Content:
    """Everything the brain knows, indexed by id."""

    faq: dict[str, FaqEntry]
    exercises: dict[str, Exercise]
    goals: dict[str, Goal]
    levels: dict[str, LevelInfo]
    products: dict[str, Product]
    synonyms: dict[str, list[str]]
    messages: Messages
    safety: SafetyContent
    profile: LanguageFile
    """How this language is read and named (language.yaml)."""
    intents: dict[str, Intent] = field(default_factory=dict)
    """Command name -> the free-text ways of asking for it."""
    emergency_numbers: dict[str, str] = field(default_factory=dict)
    """Country code -> emergency number, for users whose timezone tells their country."""
    crisis_lines: dict[str, str] = field(default_factory=dict)
    """Country code -> crisis line to call now (suicidal thoughts, self-harm)."""
    crisis_fallback: str = "your local crisis line"
    poses: dict[str, ExercisePoses] = field(default_factory=dict)
    """Exercise id -> how it and its variations are drawn (knowledge/poses.yaml)."""
    source: Path = field(default=Path("knowledge"))
    language: str = DEFAULT_LANGUAGE

    def exercises_for_goal(self, goal_id: str) -> list[Exercise]:
        return [exercise for exercise in self.exercises.values() if goal_id in exercise.goals]


def languages_in(directory: Path) -> tuple[str, ...]:
    """The language folders of knowledge/, the default language first."""
    found = sorted(p.name for p in directory.iterdir() if p.is_dir() and _is_language(p.name))
    return tuple(sorted(found, key=lambda code: code != DEFAULT_LANGUAGE))


def _is_language(name: str) -> bool:
    return 2 <= len(name) <= 3 and name.isalpha() and name.islower()


def load_library(directory: Path) -> dict[str, Content]:
    """Every language's content, default first; all problems of all languages in one error."""
    problems: list[str] = []
    library: dict[str, Content] = {}
    if not directory.is_dir():
        raise ContentError([f"{directory}: the knowledge folder is missing"])
    languages = languages_in(directory)
    if DEFAULT_LANGUAGE not in languages:
        missing = f"{directory.name}/{DEFAULT_LANGUAGE}/: the default language's folder is missing"
        raise ContentError([missing])
    for language in languages:
        try:
            library[language] = load_content(directory, language)
        except ContentError as error:
            problems.extend(error.problems)
    from bot.content.parity import differences  # parity reads Content, defined here

    problems = problems or differences(library)
    if problems:
        raise ContentError(problems)
    return library


def load_content(directory: Path, language: str = DEFAULT_LANGUAGE) -> Content:
    """Read and validate one language's files; all problems are collected before raising."""
    from pydantic import ValidationError  # with validation only: a warm start reads no content

    problems: list[str] = []
    parsed: dict[str, Any] = {}
    files = [(directory / language / name, name, model) for name, model in LANGUAGE_FILES.items()]
    files += [(directory / name, name, model) for name, model in SHARED_FILES.items()]
    for path, name, model in files:
        try:
            raw = _read_yaml(path)
            parsed[name] = model.model_validate(raw)
        except _FileProblem as problem:
            problems.append(f"{_shown(path, directory)}: {problem}")
        except ValidationError as error:
            problems.extend(_describe(path, directory, raw, error))
    if problems:
        raise ContentError(problems)
    crisis = parsed["crisis_lines.yaml"]
    crisis_words = crisis.translations.get(language)
    content = Content(
        faq={entry.id: entry for entry in parsed["faq.yaml"].entries},
        exercises={item.id: item for item in parsed["exercises.yaml"].exercises},
        goals={goal.id: goal for goal in parsed["goals.yaml"].goals},
        levels={level.id: level for level in parsed["goals.yaml"].levels},
        products={product.id: product for product in parsed["products.yaml"].products},
        synonyms=parsed["synonyms.yaml"].synonyms,
        messages=parsed["messages.yaml"],
        safety=parsed["safety.yaml"],
        profile=parsed["language.yaml"],
        emergency_numbers={
            **parsed["emergency_numbers.yaml"].numbers,
            **parsed["emergency_numbers.yaml"].translations.get(language, {}),
        },
        crisis_lines={**crisis.lines, **(crisis_words.lines if crisis_words else {})},
        crisis_fallback=(crisis_words and crisis_words.fallback) or crisis.fallback,
        poses=parsed["poses.yaml"].poses,
        intents={intent.command: intent for intent in parsed["intents.yaml"].intents},
        source=directory,
        language=language,
    )
    problems = _cross_references(content, f"{directory.name}/{language}")
    if problems:
        raise ContentError(problems)
    return content


class _FileProblem(Exception):
    pass


def _read_yaml(path: Path) -> Any:
    import yaml  # loaded when content is read, not when a start-up finds it in the build cache

    from bot.content.fast_yaml import safe_load

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise _FileProblem("file is missing") from error
    except UnicodeDecodeError as error:
        raise _FileProblem("file is not UTF-8 text") from error
    try:
        data = safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        reason = getattr(error, "problem", None) or str(error)
        raise _FileProblem(f"{where}YAML syntax error: {reason}") from error
    if not isinstance(data, dict):
        raise _FileProblem("expected a mapping of sections at the top of the file")
    return data


def _shown(path: Path, root: Path) -> str:
    """knowledge/en/faq.yaml: the path as content staff know it."""
    return f"{root.name}/{path.relative_to(root).as_posix()}"


def _describe(path: Path, root: Path, raw: Any, error: Any) -> list[str]:
    """Turn pydantic's error locations into "file: entry 'x', field 'y': message"."""
    lines = []
    for problem in error.errors():
        location = list(problem["loc"])
        entry, field_path = _split_location(raw, location)
        where = [f"entry {entry!r}"] if entry else []
        if field_path:
            where.append(f"field {field_path!r}")
        message = problem["msg"].removeprefix("Value error, ")
        prefix = ", ".join(where)
        lines.append(f"{_shown(path, root)}: {prefix + ': ' if prefix else ''}{message}")
    return lines


def _split_location(raw: Any, location: list) -> tuple[str | None, str]:
    """Find the innermost list item that is an entry (a mapping); the rest is the field.

    ("entries", 3, "phrasings", 0) -> ("how_often", "phrasings[1]")
    ("general", "fallback")        -> (None, "general.fallback")
    """
    node, entry, rest_from = raw, None, 0
    for index, step in enumerate(location):
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(step, int) and isinstance(node, dict):
            entry = str(node["id"]) if node.get("id") is not None else f"item {step + 1}"
            rest_from = index + 1
    field_path = ""
    for step in location[rest_from:]:
        if isinstance(step, int):
            field_path += f"[{step + 1}]"
        else:
            field_path += f".{step}" if field_path else str(step)
    return entry, field_path


def _cross_references(content: Content, folder: str) -> list[str]:
    problems: list[str] = []

    def unknown(file: str, entry: str, field_name: str, value: str, kind: str) -> None:
        problems.append(
            f"{folder}/{file}: entry {entry!r}, field {field_name!r}: unknown {kind} id {value!r}"
        )

    for entry in content.faq.values():
        for related in entry.related:
            if related not in content.faq:
                unknown("faq.yaml", entry.id, "related", related, "FAQ entry")
        for product in entry.products:
            if product not in content.products:
                unknown("faq.yaml", entry.id, "products", product, "product")
    for rule in content.safety.rules:
        if rule.answered_by is not None and rule.answered_by not in content.faq:
            unknown("safety.yaml", rule.id, "answered_by", rule.answered_by, "FAQ entry")
    for exercise in content.exercises.values():
        for goal in exercise.goals:
            if goal not in content.goals:
                unknown("exercises.yaml", exercise.id, "goals", goal, "goal")
        for product in exercise.products:
            if product not in content.products:
                unknown("exercises.yaml", exercise.id, "products", product, "product")
    for product in content.products.values():
        for goal in product.goals:
            if goal not in content.goals:
                unknown("products.yaml", product.id, "goals", goal, "goal")
        for exercise_id in product.exercises:
            if exercise_id not in content.exercises:
                unknown("products.yaml", product.id, "exercises", exercise_id, "exercise")
    problems += _pose_problems(content, folder)
    for goal in content.goals.values():
        if not content.exercises_for_goal(goal.id):
            problems.append(
                f"{folder}/goals.yaml: entry {goal.id!r}: no exercise in exercises.yaml "
                "lists this goal, so its exercise list would be empty"
            )
    return problems


def _pose_problems(content: Content, folder: str) -> list[str]:
    """Every exercise needs its picture, and every picture an exercise."""
    root = folder.split("/", 1)[0]
    problems = [
        f"{root}/poses.yaml: no pose for exercise {exercise_id!r} ({folder}/exercises.yaml): "
        "every exercise needs one to be drawn"
        for exercise_id in content.exercises
        if exercise_id not in content.poses
    ]
    problems += [
        f"{root}/poses.yaml: entry {pose_id!r}: no such exercise in {folder}/exercises.yaml"
        for pose_id in content.poses
        if pose_id not in content.exercises
    ]
    return problems
