"""The TypeScript SDK generates for every real spec; Stripe, GitHub and OpenAI compile with tsc --strict
--noUncheckedIndexedAccess --exactOptionalPropertyTypes under each pinned TypeScript (5.x and 7.x) and are
prettier-clean.

Skipped (with the reason) when ../shared/specs is absent; the tsc/prettier checks need node (see
tests/toolchain/node_tools.py: a failure under CI, a skip elsewhere).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SHARED_SPECS, shared_spec
from tests.real.real_specs import LARGEST, REAL, generate, needs_specs
from tests.toolchain.node_tools import TSC_VERSIONS, tool
from tests.toolchain.node_tools import run as run_tool
from zsdk_generator.diagnostics import SpecError
from zsdk_generator.writer import write_tree


@needs_specs
@pytest.mark.parametrize("relative", REAL)
def test_typescript_generates(relative: str) -> None:
    try:
        files = generate("typescript", SHARED_SPECS / relative)
    except SpecError as exc:  # a clear error is allowed only for what the IR could not build
        pytest.fail(f"generation failed: {exc.diagnostic.format()}")
    assert "src/client.ts" in files and "src/index.ts" in files


@pytest.mark.parametrize("version", TSC_VERSIONS)
@pytest.mark.parametrize("relative", LARGEST)
def test_largest_sdks_pass_tsc(relative: str, version: str, tmp_path: Path) -> None:
    files = generate("typescript", shared_spec(relative))
    write_tree(tmp_path, files, language="typescript")
    strict = ["--strict", "--noUncheckedIndexedAccess", "--exactOptionalPropertyTypes"]
    tsc = run_tool([tool("tsc", version), "-p", "tsconfig.json", "--noEmit", *strict], tmp_path, timeout=900)
    assert tsc.returncode == 0, tsc.stdout[-3000:] + tsc.stderr[-2000:]


@pytest.mark.parametrize("relative", LARGEST)
def test_largest_sdks_are_prettier_clean(relative: str, tmp_path: Path) -> None:
    files = generate("typescript", shared_spec(relative))
    write_tree(tmp_path, files, language="typescript")
    prettier = run_tool([tool("prettier"), "--check", "."], tmp_path, timeout=900)
    assert prettier.returncode == 0, prettier.stdout[-3000:] + prettier.stderr[-2000:]
