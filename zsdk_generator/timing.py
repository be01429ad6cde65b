"""How long each stage of a run took (`--timings`): load, checks, upgrade, IR, and per language plan, render,
format; then write. Laps add up when a stage runs more than once; a forked worker's laps come back with its
result and are added to the parent's."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

_laps: dict[str, float] = {}


@contextmanager
def stage(name: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        add({name: time.perf_counter() - start})


def add(laps: dict[str, float]) -> None:
    for name, seconds in laps.items():
        _laps[name] = _laps.get(name, 0.0) + seconds


def laps() -> dict[str, float]:
    """Every stage timed so far in this process, in the order they first ran."""
    return dict(_laps)


def reset() -> None:
    _laps.clear()
