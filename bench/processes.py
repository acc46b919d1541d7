"""Benchmarks that stand for several bot instances run each in a process of its own (spawned:
its own interpreter, pool and event loop, as a real instance has), and collect one result each."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence


def _put(work: Callable, arguments: tuple, results) -> None:
    results.put(work(*arguments))


def in_processes(work: Callable, arguments: Sequence[tuple], timeout: float) -> list:
    """`work(*one)` for every `one` of `arguments`, each in a process of its own, all at once;
    their results in the order they finished. `work` must be importable (a module's function)."""
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    children = [context.Process(target=_put, args=(work, one, results)) for one in arguments]
    for child in children:
        child.start()
    outcomes = [results.get(timeout=timeout) for _ in children]
    for child in children:
        child.join(timeout=30)
    return outcomes
