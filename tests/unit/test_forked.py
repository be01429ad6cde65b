"""forked.map_forked and map_pulled: results in item order from forked workers, a job's exception raised in the
parent (the first in item order), the same results in this process when there is one worker, and a pulling
worker's stage laps counted as the longest worker's."""

from __future__ import annotations

import os
import time

import pytest

from zsdk_generator import timing
from zsdk_generator.forked import in_child, map_forked, map_pulled


def _square_and_pid(n: int) -> tuple[int, int, bool]:
    return n * n, os.getpid(), in_child()


def test_results_come_back_in_item_order_from_other_processes() -> None:
    results = map_forked(_square_and_pid, list(range(7)), most=2)
    assert [r[0] for r in results] == [n * n for n in range(7)]
    assert all(pid != os.getpid() and child for _, pid, child in results)
    assert not in_child()


def test_one_worker_runs_the_jobs_here() -> None:
    results = map_forked(_square_and_pid, [1, 2], most=1)
    assert results == [(1, os.getpid(), False), (4, os.getpid(), False)]


def _fails_on_three(n: int) -> int:
    if n == 3:
        raise ValueError(f"job {n} failed")
    return n


def test_a_jobs_exception_is_raised_in_the_parent() -> None:
    with pytest.raises(ValueError, match="job 3 failed"):
        map_forked(_fails_on_three, [1, 2, 3, 4], most=2)


def _exits(n: int) -> int:
    os._exit(3)


def test_a_worker_that_dies_without_a_result_is_an_error() -> None:
    with pytest.raises(RuntimeError, match="without a result"):
        map_forked(_exits, [1, 2], most=2)


def test_a_closure_sees_the_parents_data() -> None:
    big = {"key": list(range(1000))}
    assert map_forked(lambda k: len(big[k]), ["key", "key"], most=2) == [1000, 1000]


def _refuses(n: int) -> int:
    from zsdk_generator.diagnostics import Diagnostic
    from zsdk_generator.writer import WriteRefused

    raise WriteRefused([Diagnostic("error", f"refused {n}", None, "out")])


def test_the_generators_own_errors_come_back_whole() -> None:
    from zsdk_generator.writer import WriteRefused

    with pytest.raises(WriteRefused) as caught:
        map_forked(_refuses, [1, 2], most=2)
    assert [d.message for d in caught.value.diagnostics] == ["refused 1"]


def _slow_on_small(n: int) -> tuple[int, int]:
    with timing.stage("square"):
        if n < 4:  # the first chunk costs far more than the rest: the other worker takes them meanwhile
            time.sleep(0.02)
        return n * n, os.getpid()


def test_pulled_items_come_back_in_item_order_from_workers_that_share_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZSDK_WORKERS", "2")
    timing.reset()
    results = map_pulled(_slow_on_small, list(range(100)), chunk=4)
    assert [square for square, _ in results] == [n * n for n in range(100)]
    pids = [pid for _, pid in results]
    assert os.getpid() not in pids and len(set(pids)) == 2
    # the worker that took the slow chunk ran fewer items than half (a fixed share would have been half)
    assert pids.count(pids[0]) < 50
    laps = timing.laps()
    assert set(laps) == {"square"} and laps["square"] >= 0.08  # the longest worker's


def _fails_from(n: int) -> int:
    if n in (5, 37, 70):
        raise ValueError(f"item {n} failed")
    return n


def test_the_first_failing_pulled_item_is_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZSDK_WORKERS", "2")
    with pytest.raises(ValueError, match="item 5 failed"):
        map_pulled(_fails_from, list(range(100)), chunk=4)


def test_one_worker_or_few_items_pull_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZSDK_WORKERS", "1")
    assert map_pulled(_square_and_pid, [1, 2, 3], chunk=1) == [(n * n, os.getpid(), False) for n in (1, 2, 3)]
    monkeypatch.setenv("ZSDK_WORKERS", "2")
    assert map_pulled(_square_and_pid, [1, 2], chunk=2) == [(1, os.getpid(), False), (4, os.getpid(), False)]
