"""Measure the safety triage against labelled sets; `run_bot.py eval` prints the report:
per-tier recall, how many red flags raise the alarm or at least get the yes/no question,
the benign false-alarm rate and every miss, for:

- bot/evaluation/data/safety_eval.yaml: the labelled set the rules were written against
  (100% recall expected);
- bot/evaluation/data/safety_blind.yaml: a held-out set written from the clinical reference
  before the rules were read or tuned. It measures unseen wording: never copy its sentences into
  knowledge/<lang>/safety.yaml, or it stops measuring anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bot.content.fast_yaml import safe_load
from bot.language.triage.triage import Triage, TriageResult
from bot.model.tiers import HOLD_TIERS
from bot.model.tiers import TIERS as TIER_ORDER

EXPECTATIONS = (*TIER_ORDER, "none", "other")
DATA = Path(__file__).resolve().parent / "data"
LABELLED_SET = DATA / "safety_eval.yaml"
BLIND_SET = DATA / "safety_blind.yaml"
_RANK = {tier: rank for rank, tier in enumerate(TIER_ORDER)}
_ALARM = frozenset(HOLD_TIERS)


@dataclass(frozen=True)
class EvalItem:
    text: str
    expect: str
    rule: str | None = None
    clarify: str | None = None


@dataclass(frozen=True)
class Miss:
    item: EvalItem
    got: TriageResult
    kind: str
    """missed (tier too low or not found), over (tier too high), false_alarm, wrong_rule,
    not_other, clarify."""

    def describe(self) -> str:
        got = self.got.tier or "none"
        if self.got.about_other:
            got += " (other)"
        extra = f" rules={','.join(self.got.rule_ids)}" if self.got.rule_ids else ""
        if self.got.clarify_rule:
            extra += f" clarify={self.got.clarify_rule}"
        want = self.item.expect + (f"/{self.item.rule}" if self.item.rule else "")
        if self.item.clarify:
            want += f" clarify={self.item.clarify}"
        return f"[{self.kind}] {self.item.text!r}: expected {want}, got {got}{extra}"


@dataclass
class TierStats:
    total: int = 0
    caught: int = 0  # at least as serious as expected, about the user
    exact: int = 0

    @property
    def recall(self) -> float:
        return self.caught / self.total if self.total else 1.0


@dataclass
class SafetyReport:
    tiers: dict[str, TierStats] = field(default_factory=dict)
    benign_total: int = 0
    benign_alarms: int = 0  # none/other items raised to emergency/urgent about the user
    benign_flagged: int = 0  # none items given any tier about the user
    other_total: int = 0
    other_correct: int = 0
    clarify_total: int = 0
    clarify_correct: int = 0
    red_flags_alarmed: int = 0  # emergency/urgent items given emergency or urgent, about the user
    red_flags_asked: int = 0  # ... not alarmed, but the bot asks a red-flag yes/no question
    misses: list[Miss] = field(default_factory=list)

    @property
    def false_alarm_rate(self) -> float:
        return self.benign_alarms / self.benign_total if self.benign_total else 0.0

    @property
    def red_flag_recall(self) -> float:
        total = sum(self.tiers[t].total for t in _ALARM if t in self.tiers)
        caught = sum(self.tiers[t].caught for t in _ALARM if t in self.tiers)
        return caught / total if total else 1.0

    @property
    def red_flag_total(self) -> int:
        return sum(self.tiers[t].total for t in _ALARM if t in self.tiers)

    def missed_red_flags(self) -> list[Miss]:
        return [m for m in self.misses if m.kind == "missed" and m.item.expect in _ALARM]

    @property
    def missed_but_asked(self) -> int:
        """Missed red flags where the bot at least asks a yes/no safety question (the pipeline
        asks only when no tier fired: a stop reply would take the question's place)."""
        return sum(1 for m in self.missed_red_flags() if _asks(m.got))

    def unreached_red_flags(self) -> list[Miss]:
        """Red flags that get neither an alarm (emergency/urgent) nor the yes/no question."""
        return [
            m
            for m in self.missed_red_flags()
            if not _asks(m.got) and (m.got.about_other or m.got.tier not in _ALARM)
        ]


def _asks(got: TriageResult) -> bool:
    return got.tier is None and got.clarify_rule is not None


def load_items(path: str | Path) -> list[EvalItem]:
    with open(path, encoding="utf-8") as handle:
        raw = safe_load(handle) or []
    items = []
    for number, entry in enumerate(raw, start=1):
        if entry.get("expect") not in EXPECTATIONS:
            raise ValueError(f"{path}: item {number} has expect={entry.get('expect')!r}")
        items.append(
            EvalItem(
                text=str(entry["text"]),
                expect=entry["expect"],
                rule=entry.get("rule"),
                clarify=entry.get("clarify"),
            )
        )
    return items


def evaluate(triage: Triage, items: list[EvalItem]) -> SafetyReport:
    report = SafetyReport(tiers={tier: TierStats() for tier in TIER_ORDER})
    for item in items:
        got = triage.assess(item.text)
        own_tier = None if got.about_other else got.tier
        if item.expect in _RANK:
            stats = report.tiers[item.expect]
            stats.total += 1
            if item.expect in _ALARM:
                if own_tier in _ALARM:
                    report.red_flags_alarmed += 1
                elif _asks(got):
                    report.red_flags_asked += 1
            if own_tier is not None and _RANK[own_tier] <= _RANK[item.expect]:
                stats.caught += 1
                if own_tier == item.expect:
                    stats.exact += 1
                else:
                    report.misses.append(Miss(item, got, "over"))
                if item.rule and item.rule not in got.rule_ids:
                    report.misses.append(Miss(item, got, "wrong_rule"))
            else:
                report.misses.append(Miss(item, got, "missed"))
        else:
            report.benign_total += 1
            if own_tier in _ALARM:
                report.benign_alarms += 1
                report.misses.append(Miss(item, got, "false_alarm"))
            elif item.expect == "none" and own_tier is not None:
                report.benign_flagged += 1
                report.misses.append(Miss(item, got, "over"))
            if item.expect == "other":
                report.other_total += 1
                if got.about_other:
                    report.other_correct += 1
                elif own_tier not in _ALARM:
                    report.misses.append(Miss(item, got, "not_other"))
        if item.clarify is not None:
            report.clarify_total += 1
            if got.clarify_rule == item.clarify:
                report.clarify_correct += 1
            else:
                report.misses.append(Miss(item, got, "clarify"))
    return report


def format_report(report: SafetyReport) -> str:
    lines = [f"{'tier':<10} {'items':>5} {'recall':>7} {'exact':>7}"]
    for tier in TIER_ORDER:
        stats = report.tiers.get(tier, TierStats())
        exact = stats.exact / stats.total if stats.total else 1.0
        lines.append(f"{tier:<10} {stats.total:>5} {stats.recall:>7.1%} {exact:>7.1%}")
    lines.append(f"{'red flags':<10} {'':>5} {report.red_flag_recall:>7.1%}")
    total = report.red_flag_total
    if total:
        alarmed, asked = report.red_flags_alarmed, report.red_flags_asked
        lines.append(
            f"red flags raising the alarm (emergency/urgent): {alarmed}/{total} = "
            f"{alarmed / total:.1%}"
        )
        lines.append(
            f"red flags with the alarm or at least the yes/no question: {alarmed + asked}/{total}"
            f" = {(alarmed + asked) / total:.1%}"
        )
    missed = report.missed_red_flags()
    if missed:
        lines.append(
            f"missed red flags that still get a yes/no question: "
            f"{report.missed_but_asked}/{len(missed)}"
        )
    lines.append(
        f"benign false alarms (none/other raised to emergency/urgent): "
        f"{report.benign_alarms}/{report.benign_total} = {report.false_alarm_rate:.1%}"
    )
    lines.append(f"benign messages given a lower tier: {report.benign_flagged}")
    lines.append(
        f"about others / hypothetical recognised: {report.other_correct}/{report.other_total}"
    )
    lines.append(f"clarify questions as expected: {report.clarify_correct}/{report.clarify_total}")
    if report.misses:
        lines.append("")
        lines.append(f"misses ({len(report.misses)}):")
        order = ["missed", "false_alarm", "not_other", "clarify", "over", "wrong_rule"]
        for miss in sorted(report.misses, key=lambda m: (order.index(m.kind), m.item.expect)):
            lines.append("  " + miss.describe())
    return "\n".join(lines)


TITLES = {
    LABELLED_SET: "labelled set (the rules were written against it)",
    BLIND_SET: "blind set (held out: written before the rules were read; do not tune on it)",
}
