"""`run_bot.py eval`: how well questions are answered and red flags caught, on labelled sets.

FAQ sets (bot/evaluation/data/faq_*.yaml) go through the whole reply pipeline, as a user's
message would; a naive baseline (rapidfuzz extractOne with WRatio over the raw questions and
names, cut-off 50, as Azure's default threshold) is scored on the same items beside it.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from bot.brain.assistant import Assistant
from bot.brain.services import BrainConfig
from bot.content.fast_yaml import safe_load
from bot.content.loader import Content
from bot.model.clock import SystemClock
from bot.model.reply import Reply
from bot.store import Store

DATA = Path(__file__).resolve().parent / "data"
FAQ_SETS = ("faq_eval.yaml", "faq_holdout.yaml")
BASELINE_CUTOFF = 50


@dataclass
class GroupScore:
    total: int = 0
    correct: int = 0
    """In scope: answered with the expected entry. Out of scope: not answered (abstained)."""
    reached: int = 0
    """In scope: answered right, or the right entry offered as a "did you mean" button."""
    clarified: int = 0
    wrong: int = 0
    """In scope: answered with another entry. Out of scope: answered at all."""
    baseline_correct: int = 0


@dataclass
class FaqReport:
    name: str
    groups: dict[str, GroupScore] = field(default_factory=lambda: defaultdict(GroupScore))
    misses: list[str] = field(default_factory=list)

    def totals(self, in_scope: bool) -> GroupScore:
        total = GroupScore()
        for group, score in self.groups.items():
            if (group != "out_of_scope") == in_scope and group not in SIDE_GROUPS:
                for name in vars(total):
                    setattr(total, name, getattr(total, name) + getattr(score, name))
        return total


def load_items(path: Path) -> list[dict]:
    return safe_load(path.read_text(encoding="utf-8"))


SIDE_GROUPS = ("clarify_expected", "safety_expected")
"""Items judged apart from the FAQ figures: a vague word that should ask back, and a question
about pain while exercising, which the safety screen answers with its advice (issue 11)."""


def expected_key(expect: str) -> str | None:
    if expect in ("none", "clarify", "safety"):
        return None
    return expect if ":" in expect else f"faq:{expect}"


def reply_key(reply: Reply) -> str | None:
    if reply.command:
        return f"command:{reply.command}"
    if reply.kind == "faq":
        return f"faq:{reply.id}"
    if reply.kind == "exercise":
        return f"exercise:{reply.id}"
    if reply.kind == "exercises" and reply.id:
        return f"goal:{reply.id}"
    return None


class Baseline:
    """What a naive bot does: the closest raw question by WRatio, if it scores 50 or more."""

    def __init__(self, content: Content):
        self.choices: dict[str, str] = {f"faq:{e.id}": e.question for e in content.faq.values()}
        self.choices |= {f"exercise:{e.id}": e.name for e in content.exercises.values()}
        self.choices |= {f"goal:{g.id}": g.name for g in content.goals.values()}

    def answer(self, text: str) -> str | None:
        found = process.extractOne(
            text,
            self.choices,
            scorer=fuzz.WRatio,
            processor=utils.default_process,
            score_cutoff=BASELINE_CUTOFF,
        )
        return found[2] if found else None


async def evaluate_faq(content: Content, path: Path) -> FaqReport:
    store = await Store.open(":memory:")
    assistant = Assistant(content, store, SystemClock(), BrainConfig())
    baseline = Baseline(content)
    report = FaqReport(path.name)
    try:
        for number, item in enumerate(load_items(path)):
            reply = await assistant.reply(10_000 + number, item["text"])
            want = expected_key(item["expect"])
            got = reply_key(reply)
            offered = set(reply.suggestions) if reply.kind == "clarify" else set()
            group = {"clarify": "clarify_expected", "safety": "safety_expected"}.get(
                item["expect"], item["group"]
            )
            score = report.groups[group]
            score.total += 1
            score.clarified += reply.kind == "clarify"
            base = baseline.answer(item["text"])
            if item["expect"] == "safety":
                score.correct += reply.kind == "safety"
                score.wrong += reply.kind != "safety"
            elif item["expect"] == "clarify" or want is None:
                score.correct += got is None
                score.wrong += got is not None
                score.baseline_correct += base is None
            else:
                score.correct += got == want
                score.reached += got == want or want in offered
                score.wrong += got is not None and got != want
                score.baseline_correct += base == want
            if item["expect"] == "safety":
                if reply.kind != "safety":
                    report.misses.append(f"[safety_expected] {item['text']!r}: got {reply.kind}")
            elif (want and got != want) or (want is None and got is not None):
                shown = got or (f"clarify{sorted(offered)}" if offered else reply.kind)
                report.misses.append(
                    f"[{group}] {item['text']!r}: expected {item['expect']}, got {shown}"
                )
    finally:
        await store.close()
    return report


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def format_faq(report: FaqReport, show_misses: bool) -> str:
    lines = [
        f"FAQ matching on {report.name}",
        f"  {'group':<18}{'n':>5}  {'correct':>8}  {'reached':>8}  {'clarify':>8}  {'wrong':>7}  "
        f"{'baseline':>8}",
    ]
    for group in sorted(report.groups):
        s = report.groups[group]
        reached = (
            _pct(s.reached, s.total) if group not in ("out_of_scope", *SIDE_GROUPS) else "    -"
        )
        lines.append(
            f"  {group:<18}{s.total:>5}  {_pct(s.correct, s.total):>8}  {reached:>8}  "
            f"{_pct(s.clarified, s.total):>8}  {_pct(s.wrong, s.total):>7}  "
            f"{_pct(s.baseline_correct, s.total):>8}"
        )
    inside, outside = report.totals(True), report.totals(False)
    lines.append(
        f"  {'IN SCOPE':<18}{inside.total:>5}  {_pct(inside.correct, inside.total):>8}  "
        f"{_pct(inside.reached, inside.total):>8}  {_pct(inside.clarified, inside.total):>8}  "
        f"{_pct(inside.wrong, inside.total):>7}  {_pct(inside.baseline_correct, inside.total):>8}"
    )
    lines.append(
        f"  {'OUT OF SCOPE':<18}{outside.total:>5}  {_pct(outside.correct, outside.total):>8}  "
        f"{'    -':>8}  {_pct(outside.clarified, outside.total):>8}  "
        f"{_pct(outside.wrong, outside.total):>7}  "
        f"{_pct(outside.baseline_correct, outside.total):>8}"
    )
    lines.append(
        "  correct: in scope answered with the right entry; out of scope not answered.\n"
        "  reached: right answer, or right entry among the 'did you mean' buttons.\n"
        "  wrong: answered with the wrong entry (in scope) or answered at all (out of scope).\n"
        f"  baseline: extractOne(WRatio) over raw questions and names, cut-off {BASELINE_CUTOFF}."
    )
    if show_misses and report.misses:
        lines.append("  misses:")
        lines += [f"    {miss}" for miss in report.misses]
    return "\n".join(lines)


def run_all(library: dict[str, Content], show_misses: bool = False) -> str:
    """Every set: the old English sets on English content, the blind sets on every language."""
    content = library["en"]
    from bot.evaluation.safety import BLIND_SET, LABELLED_SET, TITLES, evaluate, format_report
    from bot.evaluation.safety import load_items as load_safety_items
    from bot.language.triage.triage import Triage

    parts = []
    for name in FAQ_SETS:
        report = asyncio.run(evaluate_faq(content, DATA / name))
        parts.append(format_faq(report, show_misses))
    triage = Triage(content.safety)
    for path in (LABELLED_SET, BLIND_SET):
        items = load_safety_items(path)
        report = format_report(evaluate(triage, items))
        parts.append(
            f"Safety triage on the {TITLES[path]}: {path.name}, {len(items)} messages\n{report}"
        )
    parts.append(blind_report(library, show_misses))
    parts.append(false_crises(triage, show_misses))
    return "\n\n".join(parts)


def false_crises(triage, show_misses: bool) -> str:
    """The crisis tier on messages not labelled crisis, over every set (holdouts counted, never
    listed): the crisis reply replaces any other answer, so each one is a message gone wrong."""
    total = wrong = 0
    listed: list[str] = []
    for path in sorted(DATA.rglob("*.yaml")):
        if path.name.startswith("nb_"):
            continue  # Norwegian is read by the Norwegian screen, measured in its own sets
        for item in load_items(path) or []:
            if not isinstance(item, dict) or "crisis" in str(item.get("expect", "")):
                continue
            total += 1
            if triage.assess(item["text"]).tier == "crisis":
                wrong += 1
                if "holdout" not in path.name:
                    listed.append(f"    [{path.name}] {item['text']!r}")
    line = f"False crises (crisis on a message not labelled crisis), every set: {wrong}/{total}"
    return "\n".join([line, *(listed if show_misses else [])])


BLIND = DATA / "blind"
BLIND_SETS = ("faq", "safety", "nb")
"""Blind sets, each a `_tune` half (misses may be studied) and a `_holdout` half (never)."""
BLIND_LANGUAGES = {"nb": "nb"}
"""The app language the users of a set have (Telegram's `language_code`); English otherwise,
found by the set name's first letters (nb3_tune is a Norwegian set too)."""


def _set_language(name: str) -> str | None:
    return next((lang for prefix, lang in BLIND_LANGUAGES.items() if name.startswith(prefix)), None)


class BlindSetMissing(LookupError):
    def __init__(self, name: str):
        known = ", ".join(sorted(path.stem for path in BLIND.glob("*.yaml")))
        super().__init__(f"No blind set {name!r}. Known sets: {known}")


def blind_set_report(library: dict[str, Content], name: str, show_misses: bool) -> str:
    """One blind set by name; a `_holdout` half never lists its misses."""
    from bot.evaluation.blind import measure

    path = BLIND / f"{name}.yaml"
    if not path.is_file():
        raise BlindSetMissing(name)
    lang = _set_language(name)
    misses = show_misses and not name.endswith("_holdout")
    return asyncio.run(measure(library, [path], misses, lang))


def blind_report(library: dict[str, Content], show_misses: bool) -> str:
    """The blind sets through the whole pipeline; misses are listed for tune halves only."""
    from bot.evaluation.blind import measure

    parts = ["== Blind sets (written without seeing the code or the content)"]
    for name in BLIND_SETS:
        tune, holdout = BLIND / f"{name}_tune.yaml", BLIND / f"{name}_holdout.yaml"
        lang = _set_language(name)
        parts.append(asyncio.run(measure(library, [tune], show_misses, lang)))
        parts.append(asyncio.run(measure(library, [holdout], show_misses=False, lang=lang)))
    return "\n\n".join(parts)
