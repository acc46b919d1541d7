"""Every language holds the same entries: what one language has and another lacks, by name.

Fields are checked by the schema (every text is required); ids are checked here, because a
missing FAQ entry or exercise would silently leave that language's users without it.
"""

from __future__ import annotations

from bot.content.fast_yaml import safe_load
from bot.content.loader import DEFAULT_LANGUAGE, Content

EXEMPLAR_BANK = "safety_exemplars.yaml"


def _bank_labels(content: Content) -> set[str]:
    """The labels of the language's whole-message bank (read by bot/language/triage, which
    validates it): a label one language lacks is a red flag its users' long messages miss."""
    path = content.source / content.language / EXEMPLAR_BANK
    if not path.is_file():
        return set()
    bank = safe_load(path.read_text(encoding="utf-8")) or {}
    groups = bank.get("groups", []) if isinstance(bank, dict) else []
    return {str(group["label"]) for group in groups if isinstance(group, dict) and "label" in group}


def _ids(content: Content) -> dict[str, set[str]]:
    return {
        "faq.yaml: entry": set(content.faq),
        "exercises.yaml: exercise": set(content.exercises),
        "goals.yaml: goal": set(content.goals),
        "goals.yaml: level": set(content.levels),
        "products.yaml: product": set(content.products),
        "intents.yaml: command": set(content.intents),
        "safety.yaml: rule": {f"{r.id} ({r.tier})" for r in content.safety.rules},
        "messages.yaml: command_menu entry": set(content.messages.command_menu),
        f"{EXEMPLAR_BANK}: label": _bank_labels(content),
    }


def differences(library: dict[str, Content]) -> list[str]:
    """One line per id that the default language has and another lacks, or the other way."""
    if DEFAULT_LANGUAGE not in library:
        return []
    reference = _ids(library[DEFAULT_LANGUAGE])
    problems: list[str] = []
    for code, content in library.items():
        if code == DEFAULT_LANGUAGE:
            continue
        for kind, ids in _ids(content).items():
            file, what = kind.split(": ")
            for missing in sorted(reference[kind] - ids):
                problems.append(
                    f"knowledge/{code}/{file}: {what} {missing!r} is missing "
                    f"(knowledge/{DEFAULT_LANGUAGE}/{file} has it)"
                )
            for extra in sorted(ids - reference[kind]):
                problems.append(
                    f"knowledge/{code}/{file}: {what} {extra!r} is not in "
                    f"knowledge/{DEFAULT_LANGUAGE}/{file}"
                )
        for exercise_id in set(content.exercises) & set(library[DEFAULT_LANGUAGE].exercises):
            ours = content.exercises[exercise_id]
            theirs = library[DEFAULT_LANGUAGE].exercises[exercise_id]
            if ours.goals != theirs.goals or ours.kind != theirs.kind:
                problems.append(
                    f"knowledge/{code}/exercises.yaml: exercise {exercise_id!r}: goals or kind "
                    f"differ from knowledge/{DEFAULT_LANGUAGE}/exercises.yaml"
                )
    return problems
