"""What every benchmark reports: named figures with their targets, printed as one table."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str
    target: str
    """Human-readable target such as "<= 2" or ">= 1,000"; "-" for context figures."""
    met: bool


def print_table(title: str, figures: list[Figure], notes: list[str]) -> None:
    print(title)
    print(f"  {'measure':<44}{'median':>12}  {'unit':<4}{'target':>10}  verdict")
    for figure in figures:
        verdict = "" if figure.target == "-" else ("ok" if figure.met else "MISSED")
        print(
            f"  {figure.name:<44}{figure.value:>12,.2f}  {figure.unit:<4}{figure.target:>10}  "
            f"{verdict}"
        )
    for note in notes:
        print(f"    {note}")
