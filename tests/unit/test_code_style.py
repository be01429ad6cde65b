"""The tool's own code stays as the README promises: ruff-clean, black-formatted, mypy --strict clean."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

CHECKS = {
    "ruff": [sys.executable, "-m", "ruff", "check", "zsdk_generator", "tests", "benchmarks"],
    "black": [sys.executable, "-m", "black", "--check", "--quiet", "zsdk_generator", "tests", "benchmarks"],
    "mypy": [sys.executable, "-m", "mypy", "--strict", "zsdk_generator"],
}


@pytest.mark.parametrize("tool", sorted(CHECKS))
def test_code_style(tool: str) -> None:
    result = subprocess.run(CHECKS[tool], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, f"{tool} found problems:\n{result.stdout}{result.stderr}"
