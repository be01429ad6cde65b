"""The Python SDK generates for every real spec; the largest ones pass mypy --strict.

Skipped (with the reason) when ../shared/specs is absent.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SHARED_SPECS, mypy_cache
from tests.real.real_specs import LARGEST, REAL, generate, needs_specs
from zsdk_generator.diagnostics import SpecError
from zsdk_generator.writer import write_tree


@needs_specs
@pytest.mark.parametrize("relative", REAL)
def test_python_generates(relative: str) -> None:
    try:
        files = generate("python", SHARED_SPECS / relative)
    except SpecError as exc:  # a clear error is allowed only for what the IR could not build
        pytest.fail(f"generation failed: {exc.diagnostic.format()}")
    assert any(path.endswith("/_client.py") for path in files)


@needs_specs
@pytest.mark.parametrize("relative", LARGEST)
def test_largest_sdks_pass_mypy_strict(relative: str, tmp_path: Path) -> None:
    files = generate("python", SHARED_SPECS / relative)
    write_tree(tmp_path, files, language="python")
    package = next(p.split("/")[0] for p in files if p.endswith("/_client.py"))
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", package], cwd=tmp_path, capture_output=True,
                            text=True, env={**os.environ, "MYPY_CACHE_DIR": mypy_cache()}, timeout=900)  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:]
