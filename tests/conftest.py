"""Shared test helpers: where the shared real specs are, and running the CLI as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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


# Files whose tests split by language across workers: the parameter naming the language of each test.
BY_LANGUAGE = {"tests/conformance/test_conformance.py": "label", "tests/hostile/test_hostile.py": "language"}


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With parallel workers (`make test` runs `pytest -n auto --dist loadgroup`), a test file runs on one
    worker, so its module fixtures (a corpus generated once, an SDK built once) are made once. The conformance
    and hostile suites split by language instead (each language's SDKs built and driven on one worker)."""
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        group = item.nodeid.split("::")[0]
        callspec = getattr(item, "callspec", None)
        language = callspec.params.get(BY_LANGUAGE.get(group, ""), None) if callspec else None
        if isinstance(language, str):
            group += ":" + language.split("-")[0]
        item.add_marker(pytest.mark.xdist_group(group))
