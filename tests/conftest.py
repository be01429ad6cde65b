"""Shared test helpers: where the shared real specs are, and running the CLI as a user would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"
FIXTURES = ROOT / "tests" / "fixtures"
SHARED_SPECS = Path(os.environ.get("ZSDK_SHARED_SPECS", ROOT.parent / "shared" / "specs"))


def shared_spec(relative: str) -> Path:
    """A file under ../shared/specs, or skip the test with a clear reason when the folder is absent."""
    path = SHARED_SPECS / relative
    if not path.exists():
        if os.environ.get("CI") == "true" and SHARED_SPECS.exists():
            raise AssertionError(f"{path} is missing from the shared specs folder")
        pytest.skip(f"shared spec {relative} not available: {SHARED_SPECS} is absent")
    return path


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `zsdk-generator ARGS` in a fresh interpreter and capture its output."""
    return subprocess.run(
        [sys.executable, "-m", "zsdk_generator.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def mypy_cache() -> str:
    """A MYPY_CACHE_DIR for this test process: each mypy run here reuses what the ones before it checked (the
    standard library's stubs: most of a small package's check), and no two processes write one cache at once.
    mypy checks every cached module against its source, so a cache never hides an error."""
    return os.path.join(os.environ.get("ZSDK_TEST_CACHE") or tempfile.gettempdir(), f"mypy-{os.getpid()}")


# Files whose tests split by language across workers (the parameter id starts with the language).
BY_LANGUAGE = ("tests/conformance/test_conformance.py", "tests/hostile/test_hostile.py")


def work_unit(nodeid: str) -> str:
    """What one parallel worker runs together: a test file (its module fixtures, such as a corpus generated once
    or an SDK built once, are made once), or for the conformance and hostile suites one language's part of it."""
    path, _, rest = nodeid.partition("::")
    if path in BY_LANGUAGE and "[" in rest:
        return f"{path}:{rest.split('[', 1)[1].split('-', 1)[0]}"
    return path


# The work units that take longest (measured: minutes each, serially), started first so that no worker is left
# with one of them at the end; every other unit follows in the order pytest collects it.
SLOWEST_FIRST = (
    "tests/real/test_corpus_java.py",
    "tests/realservers/test_real_servers.py",
    "tests/real/test_corpus_rust.py",
    "tests/real/test_corpus_typescript.py",
    "tests/real/test_corpus_php.py",
    "tests/toolchain/test_java_sdk.py",
    "tests/unit/test_python_layout.py",
    "tests/conformance/test_conformance.py:typescript",
    "tests/real/test_real_rust.py",
    "tests/hostile/test_hostile.py:java",
    "tests/real/test_real_java.py",
    "tests/conformance/test_conformance.py:python",
    "tests/real/test_real_python.py",
    "tests/real/test_real_php.py",
    "tests/real/test_real_go.py",
    "tests/conformance/test_conformance.py:java",
    "tests/conformance/test_conformance.py:go",
    "tests/cli/test_hostile_input.py",
    "tests/real/test_real_typescript.py",
)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """`pytest -n 3` (make test) hands each worker whole work units, slowest first. Our own scheduler, not
    `--dist loadgroup`: loadgroup groups by rewriting node ids, which pytest 9.2 no longer lets a plugin do
    (pytest-xdist#1386)."""
    from xdist.scheduler import LoadScopeScheduling

    class ByWorkUnit(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

    config.option.loadscopereorder = False  # keep the collection order: pytest_collection_modifyitems sets it
    return ByWorkUnit(config, log)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The slowest work units first (a stable sort: the rest keep their order)."""
    rank = {unit: i for i, unit in enumerate(SLOWEST_FIRST)}
    items.sort(key=lambda item: rank.get(work_unit(item.nodeid), len(rank)))


@pytest.hookimpl(tryfirst=True)  # before pytest's tmp_path plugin reads --basetemp
def pytest_configure(config: pytest.Config) -> None:
    """In the process that starts the workers: one folder for what the whole run (every worker) computes once
    (real_specs.built's results), and, unless --basetemp is given, the run's temporary folders in memory when
    the machine has room there (_memory_folder)."""
    if hasattr(config, "workerinput") or "ZSDK_TEST_CACHE" in os.environ:
        return
    memory = _memory_folder()
    os.environ["ZSDK_TEST_CACHE"] = tempfile.mkdtemp(prefix="zsdk-test-cache-", dir=memory)
    config.stash[_OWN_FOLDERS] = [os.environ["ZSDK_TEST_CACHE"]]
    if memory is not None and config.option.basetemp is None:
        config.option.basetemp = tempfile.mkdtemp(prefix="zsdk-tests-", dir=memory)
        config.stash[_OWN_FOLDERS].append(config.option.basetemp)


def pytest_unconfigure(config: pytest.Config) -> None:
    owned = config.stash.get(_OWN_FOLDERS, [])
    for folder in owned:
        shutil.rmtree(folder, ignore_errors=True)
    if owned:
        del os.environ["ZSDK_TEST_CACHE"]


_OWN_FOLDERS = pytest.StashKey[list[str]]()
_MEMORY_NEEDED = 8 << 30  # a whole run writes ≈ 2.5 GB in ≈ 260,000 files; the rest is headroom


def _memory_folder() -> str | None:
    """Linux's memory-backed /dev/shm when it has room for a run, else None (the system's temporary folder). On
    the disks we run on, creating a file can take a millisecond, and the suite creates a quarter of a million.
    ZSDK_TEST_TMPFS=0 keeps everything on disk (and pytest's own temporary folders, kept after the run)."""
    if os.environ.get("ZSDK_TEST_TMPFS", "1") == "0" or not os.access("/dev/shm", os.W_OK):
        return None
    try:
        room = os.statvfs("/dev/shm")
    except OSError:
        return None
    return "/dev/shm" if room.f_bavail * room.f_frsize >= _MEMORY_NEEDED else None
