"""forked.map_forked: results in item order from forked workers, a job's exception raised in the parent, and the
same results in this process when there is one worker."""

from __future__ import annotations

import os

import pytest

from zsdk_generator.forked import in_child, map_forked


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
