"""Independent jobs run side by side in forked processes, one per CPU: each child inherits what the parent has
built (no copying in), and sends its result back pickled through a temporary file.

map_forked gives each job a process of its own (a few large jobs: one language each); map_pulled starts one
worker per CPU that takes the next few items as it finishes the last (thousands of small jobs of uneven cost:
one file each), and adds the stage laps (timing.py) the workers took to the parent's, each stage counted as
long as its longest worker took.

Where the platform cannot fork, with one CPU, or for one job, the jobs run here, one after another. An exception
a job raises is raised again in the parent (the first one, in job order).
"""

from __future__ import annotations

import math
import os
import pickle
import select
import struct
import sys
import tempfile
import warnings
from collections.abc import Callable, Sequence
from typing import IO, Any, TypeVar

from . import timing

T = TypeVar("T")
R = TypeVar("R")
_in_child = False


def in_child() -> bool:
    """Whether this process is a worker map_forked started (which then runs its own work one job at a time)."""
    return _in_child


def workers() -> int:
    """How many jobs run at once: the CPUs this process may use (ZSDK_WORKERS overrides; 1 runs them here)."""
    configured = os.environ.get("ZSDK_WORKERS", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def workers_here() -> int:
    """How many jobs a map started here runs at once: workers(), or 1 inside a worker."""
    return 1 if _in_child else workers()


def map_forked(job: Callable[[T], R], items: Sequence[T], most: int | None = None) -> list[R]:
    """`job(item)` for every item, in item order; up to `most` (default: workers()) at once."""
    most = most or workers_here()
    if most < 2 or _in_child or len(items) < 2 or not hasattr(os, "fork"):
        return [job(item) for item in items]
    outcomes: list[tuple[bool, Any]] = [(False, None)] * len(items)
    running: dict[int, tuple[int, int, IO[bytes]]] = {}  # end of a pipe → (pid, item index, its result's file)
    queue = list(enumerate(items))
    while queue or running:
        while queue and len(running) < most:
            index, item = queue.pop(0)
            done, pid, channel = _start(job, item)
            running[done] = (pid, index, channel)
        ended, _, _ = select.select(list(running), [], [])
        for done in ended:
            pid, index, channel = running.pop(done)
            outcomes[index] = _collect(done, pid, channel)
    return [_value(outcome) for outcome in outcomes]


_INDEX = struct.Struct("=I")  # the first item of a chunk, as a pipe carries it (a write of 4 bytes is atomic)
_MOST_CHUNKS = 8192  # what a pipe's buffer holds (64 KiB), so the parent writes every chunk before forking


def map_pulled(job: Callable[[T], R], items: Sequence[T], chunk: int = 16) -> list[R]:
    """`job(item)` for every item, in item order, by one worker per CPU, each taking the next `chunk` items from
    a queue (a pipe) as it finishes the last, so the workers end together however uneven the items are. A
    worker stops at its first failing item; the failure raised is the first in item order."""
    most = workers_here()
    if most < 2 or len(items) <= chunk or not hasattr(os, "fork"):
        return [job(item) for item in items]
    chunk = max(chunk, math.ceil(len(items) / _MOST_CHUNKS))
    taken, queue = os.pipe()
    try:
        os.write(queue, b"".join(_INDEX.pack(first) for first in range(0, len(items), chunk)))
    finally:
        os.close(queue)

    def worker(_: int) -> tuple[dict[int, R], tuple[int, BaseException] | None, dict[str, float]]:
        timing.reset()
        done: dict[int, R] = {}
        while message := os.read(taken, _INDEX.size):
            (first,) = _INDEX.unpack(message)
            for index in range(first, min(first + chunk, len(items))):
                try:
                    done[index] = job(items[index])
                except Exception as exc:  # the parent raises the first in item order
                    return done, (index, exc), timing.laps()
        return done, None, timing.laps()

    try:
        parts = map_forked(worker, list(range(min(most, math.ceil(len(items) / chunk)))))
    finally:
        os.close(taken)
    for name in dict.fromkeys(name for _, _, laps in parts for name in laps):
        timing.add({name: max(laps.get(name, 0.0) for _, _, laps in parts)})
    failures = [failure for _, failure, _ in parts if failure is not None]
    if failures:
        raise min(failures, key=lambda failure: failure[0])[1]
    results = {index: result for done, _, _ in parts for index, result in done.items()}
    return [results[index] for index in range(len(items))]


def _start(job: Callable[[T], Any], item: T) -> tuple[int, int, IO[bytes]]:
    """A forked worker running `job(item)`: (the end of a pipe that closes when it exits, its pid, the file its
    outcome comes back in)."""
    sys.stdout.flush()
    sys.stderr.flush()
    channel: IO[bytes] = tempfile.TemporaryFile(prefix="zsdk-job-")  # noqa: SIM115 - _collect closes it
    done, child_end = os.pipe()
    with warnings.catch_warnings():  # Python 3.12+ warns of fork beside a thread (the progress timer)
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the child: run the job, write its outcome, leave without the parent's exit handlers
        os.close(done)
        _child(job, item, channel)
    os.close(child_end)
    return done, pid, channel


def _collect(done: int, pid: int, channel: IO[bytes]) -> tuple[bool, Any]:
    """A worker's outcome, once it has ended: (True, its result) or (False, the exception to raise)."""
    select.select([done], [], [])
    os.close(done)
    _, status = os.waitpid(pid, 0)
    return _outcome(channel, status)


def _value(outcome: tuple[bool, Any]) -> Any:
    ok, value = outcome
    if not ok:
        raise value
    return value


def _child(job: Callable[[T], Any], item: T, channel: IO[bytes]) -> None:
    global _in_child
    _in_child = True
    code = 0
    try:
        try:
            outcome: tuple[bool, Any] = (True, job(item))
        except BaseException as exc:  # every failure goes back to the parent to raise there
            outcome = (False, exc)
        try:
            pickle.dump(outcome, channel, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # an outcome that cannot be pickled is reported as text
            channel.seek(0)
            channel.truncate()
            pickle.dump((False, RuntimeError(f"a job's result could not be passed back: {exc}")), channel)
        channel.flush()
    except BaseException:  # the child must never return into the parent's code
        code = 1
    finally:
        os._exit(code)


def _outcome(channel: IO[bytes], status: int) -> tuple[bool, Any]:
    with channel:
        channel.seek(0)
        try:
            outcome: tuple[bool, Any] = pickle.load(channel)
            return outcome
        except (EOFError, pickle.UnpicklingError):
            code = os.waitstatus_to_exitcode(status)
            return False, RuntimeError(f"a job's process ended without a result (exit status {code})")
        except Exception as exc:  # a result (or exception) that pickles but does not unpickle
            return False, RuntimeError(f"a job's result could not be read back: {type(exc).__name__}: {exc}")
