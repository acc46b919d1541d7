"""Safety triage: recall on the labelled set, specific behaviours, content validation."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from bot.content.safety_models import SafetyContent
from bot.evaluation.safety import EXPECTATIONS, evaluate, format_report, load_items
from bot.language.pain_rating import pain_score
from bot.language.triage.triage import Triage, TriageResult
from bot.model.tiers import TIERS as TIER_ORDER

ROOT = Path(__file__).resolve().parents[3]
SAFETY_YAML = ROOT / "knowledge" / "en" / "safety.yaml"
EVAL_YAML = ROOT / "bot" / "evaluation" / "data" / "safety_eval.yaml"
BLIND_YAML = ROOT / "bot" / "evaluation" / "data" / "safety_blind.yaml"


def _raw_content() -> dict:
    with open(SAFETY_YAML, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.fixture(scope="module")
def content() -> SafetyContent:
    return SafetyContent.model_validate(_raw_content())


@pytest.fixture(scope="module")
def triage(content: SafetyContent) -> Triage:
    return Triage(content)


@pytest.fixture(scope="module")
def report(triage: Triage):
    return evaluate(triage, load_items(EVAL_YAML))


def assess(triage: Triage, text: str) -> TriageResult:
    return triage.assess(text)


# ---------------------------------------------------------------- the labelled set


def test_eval_set_is_large_and_covers_every_red_flag_rule(content: SafetyContent) -> None:
    items = load_items(EVAL_YAML)
    assert len(items) >= 280
    plain = [i for i in items if i.expect == "none" and i.clarify is None]
    assert len(plain) >= 60
    for rule in content.rules:
        if rule.tier in ("emergency", "urgent"):
            wordings = [i for i in items if i.rule == rule.id]
            assert len(wordings) >= 5, f"rule {rule.id} has {len(wordings)} labelled wordings"
    for item in items:
        for rule_id in (item.rule, item.clarify):
            if rule_id is not None:
                content.rule(rule_id)  # raises KeyError on a typo in the labels


def test_no_missed_emergency_or_urgent(report) -> None:
    missed = report.missed_red_flags()
    assert not missed, "missed red flags:\n" + "\n".join(m.describe() for m in missed)
    assert report.red_flag_recall == 1.0


def test_benign_false_alarms_at_most_5_percent(report) -> None:
    alarms = [m for m in report.misses if m.kind == "false_alarm"]
    assert report.false_alarm_rate <= 0.05, "\n".join(m.describe() for m in alarms)


def test_stop_and_soreness_recall_at_least_90_percent(report) -> None:
    for tier in ("stop", "soreness"):
        assert report.tiers[tier].recall >= 0.9, format_report(report)


def test_format_report_is_a_plain_table(report) -> None:
    text = format_report(report)
    assert "emergency" in text and "benign false alarms" in text
    assert "red flags with the alarm or at least the yes/no question" in text


# ---------------------------------------------------------------- the blind set
# bot/evaluation/data/safety_blind.yaml was written from the clinical reference before the rules
# were read. It measures unseen wording, so its sentences must never be copied into safety.yaml.


@pytest.fixture(scope="module")
def blind(triage: Triage):
    return evaluate(triage, load_items(BLIND_YAML))


def test_blind_set_is_balanced() -> None:
    items = load_items(BLIND_YAML)
    counts = {kind: sum(1 for i in items if i.expect == kind) for kind in set(EXPECTATIONS)}
    assert len(items) >= 220
    assert counts["emergency"] + counts["urgent"] >= 120
    assert counts["none"] >= 60 and counts["other"] >= 20
    assert counts["stop"] + counts["soreness"] >= 20


def test_every_blind_red_flag_gets_the_alarm_or_the_yes_no_question(blind) -> None:
    unreached = blind.unreached_red_flags()
    assert not unreached, "\n".join(m.describe() for m in unreached)
    assert blind.red_flags_alarmed + blind.red_flags_asked == blind.red_flag_total


def test_blind_benign_false_alarms_at_most_5_percent(blind) -> None:
    alarms = [m for m in blind.misses if m.kind == "false_alarm"]
    assert blind.false_alarm_rate <= 0.05, "\n".join(m.describe() for m in alarms)


# ---------------------------------------------------------------- behaviours


@pytest.mark.parametrize(
    ("text", "rule_id"),
    [
        ("I lost control of my blader", "bladder_bowel"),
        ("numbnes in both legs", "legs_both"),
        ("cant fel my legs", "legs_both"),
        ("osteoprosis", "osteoporosis"),
        ("feverr and back pain", "fever_unwell"),
    ],
)
def test_typos_are_tolerated(triage: Triage, text: str, rule_id: str) -> None:
    result = assess(triage, text)
    assert rule_id in result.rule_ids
    assert not result.about_other


@pytest.mark.parametrize(
    ("text", "rule_id"),
    [
        ("wet myself", "bladder_bowel"),
        ("peed myself on the bus", "bladder_bowel"),
        ("can't feel my butt when I wipe", "saddle_numbness"),
        ("my bum's gone numb", "saddle_numbness"),
        ("legs keep giving way", "leg_weakness"),
    ],
)
def test_slang_is_understood(triage: Triage, text: str, rule_id: str) -> None:
    result = assess(triage, text)
    assert result.tier == "emergency"
    assert rule_id in result.rule_ids


def test_negation_is_scoped_to_its_clause(triage: Triage) -> None:
    assert assess(triage, "no numbness, just stiffness").tier is None
    assert assess(triage, "I don't have a fever").tier is None
    result = assess(triage, "no fever but I can't feel my feet")
    assert result.tier == "emergency"
    assert result.rule_ids == ("legs_both",)
    assert "fever_unwell" not in result.rule_ids


def test_cannot_is_not_a_negation(triage: Triage) -> None:
    assert assess(triage, "I cannot feel my feet").tier == "emergency"
    assert assess(triage, "I couldn't feel my feet this morning").tier == "emergency"


def test_negation_inside_the_symptom_is_not_a_denial(triage: Triage) -> None:
    assert assess(triage, "I have no feeling in my legs").tier == "emergency"
    assert assess(triage, "I don't feel my legs").tier == "emergency"
    assert assess(triage, "I don't feel any numbness in my legs").tier is None
    assert assess(triage, "I haven't been able to pee since last night").tier == "emergency"
    assert assess(triage, "I've never had any trouble peeing").tier is None


def test_normal_words_deny_a_symptom(triage: Triage) -> None:
    assert assess(triage, "my bladder control is fine").tier is None
    assert assess(triage, "bladder fine but both legs numb").tier == "emergency"


def test_several_symptoms_pick_the_highest_tier(triage: Triage) -> None:
    result = assess(triage, "the plank hurt, I have a fever and I peed myself")
    assert result.tier == "emergency"
    assert result.rule_ids[0] == "bladder_bowel"
    assert {"fever_unwell", "exercise_pain"} <= set(result.rule_ids)
    ranks = [TIER_ORDER.index(triage.rule(r).tier) for r in result.rule_ids]
    assert ranks == sorted(ranks)


def test_questions_about_someone_else_inform_without_alarm(triage: Triage) -> None:
    result = assess(triage, "what should I do if my husband can't feel his legs")
    assert result.about_other
    assert result.tier == "emergency"  # the caller shows the information, not the alarm
    result = assess(triage, "my mum wet herself and has back pain")
    assert result.about_other


def test_mentioning_someone_else_does_not_hide_my_own_red_flag(triage: Triage) -> None:
    result = assess(triage, "my wife says I look pale and I can't feel my legs")
    assert result.tier == "emergency"
    assert not result.about_other
    result = assess(triage, "My dad fell off a ladder last year. Today I wet myself")
    assert not result.about_other
    assert result.rule_ids == ("bladder_bowel",)


def test_hypothetical_and_general_questions_are_about_other(triage: Triage) -> None:
    for text in (
        "what if I lose control of my bladder?",
        "is numbness in both legs a sign of something serious?",
        "can a slipped disc cause incontinence?",
    ):
        result = assess(triage, text)
        assert result.about_other, text
        assert result.clarify_rule is None


def test_a_real_event_is_not_hypothetical(triage: Triage) -> None:
    result = assess(triage, "is it bad if I peed myself this morning")
    assert result.tier == "emergency"
    assert not result.about_other


def test_weak_signals_ask_instead_of_alarming(triage: Triage) -> None:
    for text, rule_id in (
        ("numb", "legs_both"),
        ("just tingling", "legs_both"),
        ("I feel a bit weird down there", "saddle_numbness"),
        ("feeling dizzy", "fainting"),
    ):
        result = assess(triage, text)
        assert result.tier is None, text
        assert result.clarify_rule == rule_id, text
        assert triage.rule(rule_id).question.endswith("?")


def test_weak_signal_denied_or_about_others_asks_nothing(triage: Triage) -> None:
    assert assess(triage, "no numbness").clarify_rule is None
    assert assess(triage, "my husband feels numb").clarify_rule is None
    assert assess(triage, "how do I do a plank").clarify_rule is None


def test_benign_messages_give_nothing(triage: Triage) -> None:
    for text in ("how often should I exercise", "what is a lumbar belt", "hi", "thanks!"):
        assert assess(triage, text) == TriageResult(None, (), None, False), text


def test_soreness_and_exercise_pain(triage: Triage) -> None:
    assert assess(triage, "bit sore after yesterday's session").tier == "soreness"
    assert assess(triage, "the bird dog hurt").tier == "stop"
    assert assess(triage, "plank made my back worse").rule_ids == ("exercise_pain",)


def test_inflections_are_matched(triage: Triage) -> None:
    assert assess(triage, "can't feel it when I'm pooing").tier == "emergency"
    assert assess(triage, "my legs tingled and went numb").tier == "emergency"
    assert "exercise_pain" in assess(triage, "felt my back pull in the side plank").rule_ids


def test_a_singular_never_stands_for_a_plural(triage: Triage) -> None:
    result = assess(triage, "my leg is numb")
    assert result.tier != "emergency"
    assert "saddle_numbness" not in assess(triage, "my foot is a bit numb").rule_ids
    assert assess(triage, "how long to boil an egg") == TriageResult(None, (), None, False)


def test_safety_net_asks_about_red_flag_territory(triage: Triage) -> None:
    for text, rule_id in (
        ("something is wrong with my waterworks", "bladder_bowel"),
        ("my crotch feels weird", "saddle_numbness"),
        ("the stairs have been hard for me lately", "unsteady_walking"),
    ):
        result = assess(triage, text)
        assert result.tier is None, text
        assert result.clarify_rule == rule_id, text
    assert assess(triage, "no problems with my waterworks").clarify_rule is None
    assert assess(triage, "my husband finds the stairs hard lately").clarify_rule is None


def test_a_harmless_reason_asks_instead_of_silencing(triage: Triage) -> None:
    result = assess(triage, "my bum went numb on the long drive")
    assert result.tier is None
    assert result.clarify_rule == "saddle_numbness"
    result = assess(triage, "chest pain after the bench press")
    assert (result.tier, result.clarify_rule) == (None, "chest_pain")
    # an unless word next to a real symptom no longer silences it
    assert assess(triage, "I can't pee and my back hurts a lot").tier == "emergency"


def test_a_denied_feeling_is_not_a_lost_one(triage: Triage) -> None:
    assert assess(triage, "I don't feel any pain in my legs").tier is None
    assert assess(triage, "I don't feel my legs").tier == "emergency"


def test_the_subject_carries_over_an_aside(triage: Triage) -> None:
    result = assess(triage, "my client (I'm a physio) has saddle numbness, what do I tell her")
    assert result.about_other
    result = assess(triage, "back pain (since friday) and I wet myself")
    assert not result.about_other and result.tier == "emergency"


def test_written_ages_count_as_older(triage: Triage) -> None:
    assert assess(triage, "81m, slipped on the stairs").rule_ids == ("fall_older",)
    assert assess(triage, "in my 80s and had a fall").tier == "urgent"
    assert assess(triage, "35m slipped on the stairs").tier is None


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("my pain is 7/10", 7),
        ("8 out of 10", 8),
        ("pain is a 6", 6),
        ("seven out of ten", 7),
        ("6-7/10", 7),
        ("it's about a 6.5/10", 7),
        ("pain level 3", 3),
        ("20/10 honestly", 10),
        ("on a scale of 1 to 10 it's 9", 9),
        ("I did 10 reps", None),
        ("the pain started 3 days ago", None),
        ("see you at 10/10/2025", None),
    ],
)
def test_pain_score(text: str, score: int | None) -> None:
    assert pain_score(text) == score


def test_pain_score_above_5_fires_stop_unless_higher(triage: Triage) -> None:
    assert assess(triage, "my pain is 7/10").rule_ids == ("pain_above_5",)
    assert assess(triage, "my pain is 4/10").tier is None
    result = assess(triage, "pain 8/10 and I wet myself")
    assert result.tier == "emergency"
    assert "pain_above_5" in result.rule_ids


def test_content_has_every_tier_and_pain_check(content: SafetyContent, triage: Triage) -> None:
    assert set(content.tiers) == set(TIER_ORDER)
    assert "{emergency_number}" in content.tiers["emergency"].title
    assert 5 <= len(content.pain_check) <= 6
    assert content.pain_check[0] == "bladder_bowel"
    for rule_id in content.pain_check:
        assert triage.rule(rule_id).question


# ---------------------------------------------------------------- content validation


def test_unknown_tier_is_rejected_with_the_rule_id() -> None:
    raw = copy.deepcopy(_raw_content())
    raw["rules"][0]["tier"] = "critical"
    with pytest.raises(ValidationError, match=rf"rule {raw['rules'][0]['id']}: unknown tier"):
        SafetyContent.model_validate(raw)


def test_duplicate_rule_id_is_rejected() -> None:
    raw = copy.deepcopy(_raw_content())
    raw["rules"].append(copy.deepcopy(raw["rules"][0]))
    with pytest.raises(ValidationError, match=rf"rule {raw['rules'][0]['id']}: duplicate"):
        SafetyContent.model_validate(raw)


def test_missing_tier_and_unknown_pain_check_are_rejected() -> None:
    raw = copy.deepcopy(_raw_content())
    del raw["tiers"]["soreness"]
    with pytest.raises(ValidationError, match="missing soreness"):
        SafetyContent.model_validate(raw)
    raw = copy.deepcopy(_raw_content())
    raw["pain_check"] = ["bladder_bowel", "no_such_rule"]
    with pytest.raises(ValidationError, match="rule no_such_rule: pain_check refers"):
        SafetyContent.model_validate(raw)


def test_rule_without_phrases_or_all_of_is_rejected() -> None:
    raw = copy.deepcopy(_raw_content())
    rule = raw["rules"][0]
    rule["phrases"] = []
    rule["all_of"] = []
    with pytest.raises(ValidationError, match=rf"rule {rule['id']}: needs phrases or all_of"):
        SafetyContent.model_validate(raw)


def test_clarify_all_of_needs_two_groups() -> None:
    raw = copy.deepcopy(_raw_content())
    rule = raw["rules"][0]
    rule["clarify_all_of"] = [["bladder"]]
    with pytest.raises(ValidationError, match=rf"rule {rule['id']}: clarify_all_of needs"):
        SafetyContent.model_validate(raw)


def test_unknown_field_and_cannot_as_negation_are_rejected() -> None:
    raw = copy.deepcopy(_raw_content())
    raw["rules"][0]["phrase"] = ["typo in the field name"]
    with pytest.raises(ValidationError):
        SafetyContent.model_validate(raw)
    raw = copy.deepcopy(_raw_content())
    raw["cues"]["negation"].append("cannot")
    with pytest.raises(ValidationError, match="cannot"):
        SafetyContent.model_validate(raw)
