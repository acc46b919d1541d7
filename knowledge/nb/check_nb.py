"""Sjekk at de norske filene i knowledge/nb/ speiler de engelske i knowledge/.

Kjør fra repo-roten:  python3 knowledge/nb/check_nb.py
Sammenligner rekursivt: id-sett, feltnøkler, og kode-felt (related, goals, kind, products,
exercises, url, video, minutes, nivå-id-er) som skal være identiske. Validerer også mot
pydantic-modellene i bot/content/models.py. Skriver ut alle forskjeller; exit 1 hvis noen.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bot.content.models import ExercisesFile, FaqFile, GoalsFile, ProductsFile, SynonymsFile  # noqa: E402

EN, NB = ROOT / "knowledge", ROOT / "knowledge" / "nb"
FILES = {
    "faq.yaml": FaqFile,
    "exercises.yaml": ExercisesFile,
    "goals.yaml": GoalsFile,
    "products.yaml": ProductsFile,
    "synonyms.yaml": SynonymsFile,
}
# Fields whose values are code, not text: they must be equal in both languages.
CODE = {"id", "related", "goals", "kind", "products", "exercises", "url", "video", "minutes"}
# Mappings whose keys are free text (translated), so keys are not compared.
FREE_KEYS = {"synonyms"}
MIN_PHRASINGS = 30

problems: list[str] = []


def compare(en, nb, path: str) -> None:
    if isinstance(en, dict):
        if not isinstance(nb, dict):
            problems.append(f"{path}: expected a mapping")
            return
        if set(en) != set(nb):
            problems.append(
                f"{path}: keys differ: missing {sorted(set(en) - set(nb))}, extra {sorted(set(nb) - set(en))}"
            )
        for key in set(en) & set(nb):
            sub = f"{path}.{key}"
            is_section = isinstance(en[key], list) and en[key] and isinstance(en[key][0], dict)
            if key in CODE and not is_section and en[key] != nb[key]:
                problems.append(f"{sub}: code value differs: {en[key]!r} != {nb[key]!r}")
            elif key not in CODE or is_section:
                compare(en[key], nb[key], sub)
    elif isinstance(en, list):
        if not isinstance(nb, list):
            problems.append(f"{path}: expected a list")
            return
        if en and isinstance(en[0], dict) and "id" in en[0]:
            en_ids = [item["id"] for item in en]
            nb_ids = [item.get("id") for item in nb]
            if en_ids != nb_ids:
                problems.append(
                    f"{path}: ids differ: missing {sorted(set(en_ids) - set(nb_ids))}, "
                    f"extra {sorted(set(nb_ids) - set(en_ids))}, same order: {en_ids == nb_ids}"
                )
            by_id = {item.get("id"): item for item in nb}
            for item in en:
                if item["id"] in by_id:
                    compare(item, by_id[item["id"]], f"{path}[{item['id']}]")
        elif en and isinstance(en[0], dict):
            if len(en) != len(nb):
                problems.append(f"{path}: {len(en)} items in English, {len(nb)} in Norwegian")
            for i, (a, b) in enumerate(zip(en, nb)):
                compare(a, b, f"{path}[{i}]")
        # lists of plain text (phrasings, steps, aliases...) may differ in length
    elif isinstance(nb, (dict, list)):
        problems.append(f"{path}: expected plain text, got {type(nb).__name__}")


for name, model in FILES.items():
    en = yaml.safe_load((EN / name).read_text(encoding="utf-8"))
    try:
        nb = yaml.safe_load((NB / name).read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(f"nb/{name}: missing")
        continue
    try:
        model.model_validate(nb)
    except Exception as error:  # pydantic ValidationError
        problems.append(f"nb/{name}: schema: {error}")
    if name in ("synonyms.yaml",):
        if set(en) != set(nb):
            problems.append(f"nb/{name}: top-level keys differ")
    else:
        compare(en, nb, f"nb/{name}")
    print(f"nb/{name}: loads", end="")
    if name == "faq.yaml":
        counts = [len(e["phrasings"]) for e in nb["entries"]]
        print(
            f", {len(counts)} entries, phrasings min {min(counts)} median {statistics.median(counts)}"
            f" max {max(counts)}",
            end="",
        )
        for e in nb["entries"]:
            if len(e["phrasings"]) < MIN_PHRASINGS:
                problems.append(f"nb/faq.yaml[{e['id']}]: only {len(e['phrasings'])} phrasings")
            dupes = {p for p in e["phrasings"] if e["phrasings"].count(p) > 1}
            if dupes:
                problems.append(f"nb/faq.yaml[{e['id']}]: repeated phrasings {sorted(dupes)}")
        owner: dict[str, str] = {}
        for e in nb["entries"]:
            for p in e["phrasings"]:
                key = p.strip().lower()
                if key in owner and owner[key] != e["id"]:
                    problems.append(f"nb/faq.yaml: {p!r} in both {owner[key]} and {e['id']}")
                owner[key] = e["id"]
    elif name == "exercises.yaml":
        print(f", {len(nb['exercises'])} exercises", end="")
    elif name == "synonyms.yaml":
        groups = nb["synonyms"]
        print(f", {len(groups)} groups", end="")
        import re

        for canon, variants in groups.items():
            for w in [canon, *variants]:
                if w != w.lower() or not re.fullmatch(r"[\w\- ]+", w):
                    problems.append(f"nb/synonyms.yaml: {w!r} is not lowercase letters/digits/spaces/hyphens")
    print()

for line in problems:
    print("DIFF:", line)
print("OK: no differences" if not problems else f"{len(problems)} problem(s)")
sys.exit(1 if problems else 0)
