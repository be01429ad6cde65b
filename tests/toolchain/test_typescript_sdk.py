"""Every golden TypeScript SDK compiles with tsc --strict --noUncheckedIndexedAccess and is prettier-clean.

The pinned typescript and prettier come from tests/toolchain/node (see node_tools.py): installed on first use,
a failure under CI when node or npm is missing, a skip with a message elsewhere.
"""

from __future__ import annotations

import pytest

from tests.golden.golden import GOLDEN_SPECS, golden_dir
from tests.toolchain.node_tools import run, tool


@pytest.mark.parametrize("spec", GOLDEN_SPECS)
def test_tsc_strict(spec: str) -> None:
    root = golden_dir(spec, "typescript")
    result = run([tool("tsc"), "-p", "tsconfig.json", "--noEmit", "--strict", "--noUncheckedIndexedAccess"], root)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("spec", GOLDEN_SPECS)
def test_prettier_clean(spec: str) -> None:
    root = golden_dir(spec, "typescript")
    result = run([tool("prettier"), "--check", "."], root)
    assert result.returncode == 0, result.stdout + result.stderr
