"""Blind sets measured through the whole reply pipeline, as a user's message would go.

Each item is answered by a fresh user, so no earlier message colours the next. Answer items are
judged by what the reply is about (an FAQ entry, an exercise, a goal, a command); safety items by
the tier the reply escalates to, or whether it at least asks the screening question.
"""

from __future__ import annotations

import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bot.content.fast_yaml import safe_load
from bot.model.reply import Reply

SAFETY_TIERS = ("crisis", "emergency", "urgent", "stop", "soreness", "daily_pain", "none")
ALARM = frozenset({"crisis", "emergency", "urgent"})
SCREENING_ACTIONS = frozenset({"safety_yes", "pain_yes", "screen_yes", "crisis_yes"})
"""A reply with one of these buttons asks a screening question (the crisis check-in too)."""
COMMAND_NAMES = {
    "remind": {"remind"},
    "remind_change": {"remind", "reminders", "remind_change"},
    "remind_stop": {"reminders", "remind_stop", "remind_pause"},  # paused: stopped for a while
    "session": {"session"},
    "progress": {"progress"},
    "settings": {"settings"},
    "delete_data": {"delete_my_data"},
    "help": {"help", "start"},
    "pain": {"pain"},
    "language": {"language"},
}
"""Which commands count as reaching what a `command:` label asks for."""


def load(path: Path) -> list[dict]:
    return safe_load(path.read_text(encoding="utf-8")) or []


def reply_topics(reply: Reply) -> set[str]:
    """What a reply answers, as eval labels: faq id, exercise:id, goal:id, command:name."""
    found: set[str] = set()
    for part in (reply, *reply.extra):
        if part.kind == "faq" and part.id:
            found.add(part.id)
        elif part.kind == "exercise" and part.id:
            found.add(f"exercise:{part.id}")
        elif part.kind == "exercises" and part.id:
            found.add(f"goal:{part.id}")
        if part.command:
            found |= {
                f"command:{label}"
                for label, names in COMMAND_NAMES.items()
                if part.command in names
            }
    return found


def offered_topics(reply: Reply) -> set[str]:
    """Topics offered as "did you mean" buttons."""
    offered = set()
    for key in reply.suggestions:
        offered.add(key.removeprefix("faq:"))
    return offered


def safety_outcome(reply: Reply) -> tuple[str, bool]:
    """(tier the reply escalated to or "none", whether it asked a screening question)."""
    tier = "none"
    screening = False
    for part in (reply, *reply.extra):
        if part.severity and tier == "none":
            tier = part.severity
        if any(a.name in SCREENING_ACTIONS for a in part.actions()):
            screening = True
    return tier, screening


@dataclass
class AnswerScore:
    total: int = 0
    right: int = 0
    reached: int = 0
    wrong: int = 0
    baseline: int = 0
    minilm: int = 0
    minilm_wrong: int = 0


@dataclass
class AnswerReport:
    name: str
    groups: dict[str, AnswerScore] = field(default_factory=lambda: defaultdict(AnswerScore))
    misses: list[str] = field(default_factory=list)
    minilm_note: str = ""
    """How the MiniLM baseline did it and how fast, or why it is missing."""
    minilm_shown: bool = False

    def add_minilm(self, item: dict, got: frozenset[str]) -> None:
        """The MiniLM baseline's labels for one item, judged by the bot's rules."""
        self.minilm_shown = True
        group = self.groups[item["group"]]
        wanted = set(str(item["expect"]).split("+")) - {"none"}
        ok = wanted <= got if wanted else not got
        group.minilm += ok
        group.minilm_wrong += not ok and bool(got - wanted)

    def add(self, item: dict, reply: Reply, baseline: str | None) -> None:
        group = self.groups[item["group"]]
        group.total += 1
        wanted = set(str(item["expect"]).split("+")) - {"none"}
        got = reply_topics(reply)
        offered = offered_topics(reply)
        if not wanted:
            ok = not got
            group.right += ok
            group.wrong += not ok
            group.baseline += baseline is None
        else:
            ok = wanted <= got
            group.right += ok
            group.reached += ok or wanted <= (got | offered)
            group.wrong += bool(got - wanted) and not ok
            group.baseline += baseline in wanted
        if not ok:
            shown = ",".join(sorted(got)) or reply.kind
            if offered and not got:
                shown += f" offered {sorted(offered)}"
            self.misses.append(
                f"[{item['group']}] {item['text']!r}: want {item['expect']}, got {shown}"
            )

    def totals(self, groups: Iterable[str]) -> AnswerScore:
        total = AnswerScore()
        for name in groups:
            for key, value in vars(self.groups[name]).items():
                setattr(total, key, getattr(total, key) + value)
        return total


@dataclass
class TierScore:
    total: int = 0
    exact: int = 0
    alarm: int = 0
    alarm_or_screen: int = 0


@dataclass
class SafetyReport:
    name: str
    tiers: dict[str, TierScore] = field(default_factory=lambda: defaultdict(TierScore))
    false_alarm: int = 0
    benign: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, item: dict, reply: Reply) -> None:
        expect = item["expect"]
        tier, screening = safety_outcome(reply)
        score = self.tiers[expect]
        score.total += 1
        score.exact += tier == expect
        score.alarm += tier in ALARM
        score.alarm_or_screen += tier in ALARM or screening
        if expect in ("none", "soreness", "daily_pain", "stop"):
            self.benign += 1
            self.false_alarm += tier in ALARM
        if tier != expect:
            self.misses.append(
                f"[{expect}] {item['text']!r}: got {tier}{' +screen' if screening else ''}"
            )


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def format_answers(report: AnswerReport, show_misses: bool) -> str:
    lines = [
        f"Answers on {report.name}",
        f"  {'group':<14}{'n':>5}{'right':>8}{'reached':>9}{'wrong':>8}{'wratio':>8}"
        f"{'minilm':>8}{'ml wrong':>10}",
    ]
    names = sorted(report.groups)
    in_scope = [g for g in names if g != "out_of_scope"]

    def minilm(s: AnswerScore) -> str:
        if not report.minilm_shown:
            return f"{'-':>8}{'-':>10}"
        return f"{pct(s.minilm, s.total):>8}{pct(s.minilm_wrong, s.total):>10}"

    for group in [*names, "IN SCOPE"]:
        s = report.totals(in_scope) if group == "IN SCOPE" else report.groups[group]
        lines.append(
            f"  {group:<14}{s.total:>5}{pct(s.right, s.total):>8}{pct(s.reached, s.total):>9}"
            f"{pct(s.wrong, s.total):>8}{pct(s.baseline, s.total):>8}{minilm(s)}"
        )
    every = report.totals(names)
    lines.append(
        f"  {'ALL':<14}{every.total:>5}{pct(every.right, every.total):>8}{'':>25}{minilm(every)}"
    )
    lines.append("  wratio: extractOne(WRatio) over raw questions and names, cut-off 50.")
    lines.append("  minilm, ml wrong: the MiniLM nearest-neighbour baseline, right and wrong.")
    if report.minilm_note:
        lines.append(f"  {report.minilm_note}")
    if show_misses:
        lines += [f"    {m}" for m in report.misses]
    return "\n".join(lines)


def format_safety(report: SafetyReport, show_misses: bool) -> str:
    lines = [
        f"Safety on {report.name}",
        f"  {'expected':<12}{'n':>5}{'exact':>8}{'alarm':>8}{'alarm|screen':>14}",
    ]
    for tier in SAFETY_TIERS:
        s = report.tiers.get(tier)
        if s:
            lines.append(
                f"  {tier:<12}{s.total:>5}{pct(s.exact, s.total):>8}{pct(s.alarm, s.total):>8}"
                f"{pct(s.alarm_or_screen, s.total):>14}"
            )
    lines.append(
        f"  false alarms (crisis/emergency/urgent on none, pain, soreness): "
        f"{report.false_alarm}/{report.benign} = {pct(report.false_alarm, report.benign).strip()}"
    )
    if show_misses:
        lines += [f"    {m}" for m in report.misses]
    return "\n".join(lines)


def split_items(items: list[dict]) -> tuple[list[dict], list[dict]]:
    """(answer items, safety items): a set may hold both (the Norwegian sets do)."""
    safety = [
        i
        for i in items
        if i.get("group") == "safety" or i["expect"] in SAFETY_TIERS and "group" not in i
    ]
    answers = [i for i in items if i not in safety]
    return answers, safety


def tally(counter: Counter) -> str:
    return ", ".join(f"{k} {v}" for k, v in counter.most_common())


LATENCY_SAMPLE = 20
"""Messages per set the MiniLM baseline encodes afresh to time it (the rest come from its
cache); the bot is timed on every message of the set, in the same process."""


_MINILM: dict[int, object] = {}
"""Content id -> its MiniLM baseline (or why there is none): built once per process."""


def _minilm(content):
    """The MiniLM baseline over this content, or a sentence saying why it cannot be built."""
    from bot.evaluation.minilm import MinilmMissing
    from bot.evaluation.minilm_baseline import MinilmBaseline

    if id(content) not in _MINILM:
        try:
            _MINILM[id(content)] = MinilmBaseline.for_content(content)
        except MinilmMissing as missing:
            _MINILM[id(content)] = str(missing)
    return _MINILM[id(content)]


def _judge_minilm(minilm, report: AnswerReport, answers: list[dict], bot_ms: list[float]) -> str:
    if minilm is None:
        return "minilm: English only (the model knows no Norwegian)."
    if isinstance(minilm, str):
        return f"minilm: not shown, {minilm}"
    for item, got in zip(answers, minilm.answer_all([i["text"] for i in answers]), strict=True):
        report.add_minilm(item, got)
    sample = [item["text"] for item in answers[:LATENCY_SAMPLE]]
    ml = statistics.median(minilm.latency_ms(sample))
    bot = statistics.median(bot_ms)
    return (
        f"minilm: nearest phrasing by cosine, answered at >= {minilm.threshold:.2f} (chosen on "
        f"the English _tune sets).\n  per message, median: MiniLM {ml:.1f} ms "
        f"({len(sample)} timed), the bot's Assistant.reply {bot:.2f} ms: {ml / bot:.1f}x."
    )


async def measure(content, paths: list[Path], show_misses: bool, lang: str | None = None) -> str:
    """Run every set in `paths` through a fresh brain; the report as text."""
    from bot.brain.assistant import Assistant
    from bot.brain.services import BrainConfig
    from bot.evaluation.faq import Baseline
    from bot.model.clock import SystemClock
    from bot.store import Store

    store = await Store.open(":memory:")
    assistant = Assistant(content, store, SystemClock(), BrainConfig())
    baseline = Baseline(assistant.content_in(lang))
    in_language = replies = 0
    parts = []
    user = 500_000
    try:
        minilm = _minilm(assistant.content_in(lang)) if (lang or "en") == "en" else None
        for path in paths:
            answers, safety = split_items(load(path))
            if answers:
                report = AnswerReport(path.name)
                bot_ms = []
                for item in answers:
                    user += 1
                    start = time.perf_counter()
                    reply = await assistant.reply(user, item["text"], language_code=lang)
                    bot_ms.append((time.perf_counter() - start) * 1000)
                    in_language += reply.language == (lang or "en")
                    replies += 1
                    found = baseline.answer(item["text"])
                    report.add(item, reply, found.removeprefix("faq:") if found else None)
                report.minilm_note = _judge_minilm(minilm, report, answers, bot_ms)
                parts.append(format_answers(report, show_misses))
            if safety:
                report = SafetyReport(path.name)
                for item in safety:
                    user += 1
                    reply = await assistant.reply(user, item["text"], language_code=lang)
                    in_language += reply.language == (lang or "en")
                    replies += 1
                    report.add(item, reply)
                parts.append(format_safety(report, show_misses))
    finally:
        await store.close()
    if lang and replies:
        parts.append(f"  replies written in {lang}: {pct(in_language, replies)} of {replies}")
    return "\n\n".join(parts)
