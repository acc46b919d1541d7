"""What every benchmark reports: named figures with their targets, printed as one table."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def process_memory_mb(pid: int, field: str = "VmRSS") -> float:
    """A process's memory from /proc: VmRSS now, or VmHWM for its peak (Linux only)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/{pid}/status: Linux only")
