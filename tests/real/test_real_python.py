"""The Python SDK generates for every real spec; the largest ones pass mypy --strict.

Skipped (with the reason) when ../shared/specs is absent.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SHARED_SPECS
from zsdk_generator.config import Config
from zsdk_generator.diagnostics import SpecError
from zsdk_generator.pipeline import run
from zsdk_generator.render import render
from zsdk_generator.targets.registry import load_target
from zsdk_generator.writer import write_tree

FOLDERS = ("real", "peer-tests")
FILES = sorted(
    str(p.relative_to(SHARED_SPECS))
    for folder in FOLDERS
    if (SHARED_SPECS / folder).exists()
    for p in (SHARED_SPECS / folder).rglob("*")
    if p.suffix in (".json", ".yaml", ".yml") and p.name != "external-shared.json"
)
LARGEST = ["real/stripe-2022-04.json", "real/github-api.github.com-2022-07.json", "real/openai-openapi.yaml"]
needs_specs = pytest.mark.skipif(not FILES, reason=f"shared specs not available: {SHARED_SPECS} is absent")


def _generate(relative: str) -> dict[str, str]:
    result = run(str(SHARED_SPECS / relative))
    assert result.api is not None, [d.format() for d in result.errors]
    return render(load_target("python"), result.api, Config().for_language("python", result.api))


@needs_specs
@pytest.mark.parametrize("relative", FILES)
def test_python_generates(relative: str) -> None:
    try:
        files = _generate(relative)
    except SpecError as exc:  # a clear error is allowed only for what the IR could not build
        pytest.fail(f"generation failed: {exc.diagnostic.format()}")
    assert any(path.endswith("/_client.py") for path in files)


@needs_specs
@pytest.mark.parametrize("relative", LARGEST)
def test_largest_sdks_pass_mypy_strict(relative: str, tmp_path: Path) -> None:
    files = _generate(relative)
    write_tree(tmp_path, files, language="python")
    package = next(p.split("/")[0] for p in files if p.endswith("/_client.py"))
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", package], cwd=tmp_path, capture_output=True,
                            text=True, env={**os.environ, "MYPY_CACHE_DIR": str(tmp_path / ".mypy")}, timeout=900)  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:]
