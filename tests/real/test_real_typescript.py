"""The TypeScript SDK generates for every real spec; Stripe, GitHub and OpenAI compile with tsc --strict and are
prettier-clean.

Skipped (with the reason) when ../shared/specs is absent; the tsc/prettier checks need node (see
tests/toolchain/node_tools.py: a failure under CI, a skip elsewhere).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SHARED_SPECS, shared_spec
from tests.toolchain.node_tools import run as run_tool
from tests.toolchain.node_tools import tool
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


def _generate(path: Path) -> dict[str, str]:
    result = run(str(path))
    assert result.api is not None, [d.format() for d in result.errors]
    return render(load_target("typescript"), result.api, Config().for_language("typescript", result.api))


@needs_specs
@pytest.mark.parametrize("relative", FILES)
def test_typescript_generates(relative: str) -> None:
    try:
        files = _generate(SHARED_SPECS / relative)
    except SpecError as exc:  # a clear error is allowed only for what the IR could not build
        pytest.fail(f"generation failed: {exc.diagnostic.format()}")
    assert "src/client.ts" in files and "src/index.ts" in files


@pytest.mark.parametrize("relative", LARGEST)
def test_largest_sdks_pass_tsc_and_prettier(relative: str, tmp_path: Path) -> None:
    files = _generate(shared_spec(relative))
    write_tree(tmp_path, files, language="typescript")
    tsc = run_tool([tool("tsc"), "-p", "tsconfig.json", "--noEmit", "--strict", "--noUncheckedIndexedAccess"],
                   tmp_path, timeout=900)  # fmt: skip
    assert tsc.returncode == 0, tsc.stdout[-3000:] + tsc.stderr[-2000:]
    prettier = run_tool([tool("prettier"), "--check", "."], tmp_path, timeout=900)
    assert prettier.returncode == 0, prettier.stdout[-3000:] + prettier.stderr[-2000:]
