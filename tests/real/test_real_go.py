"""The Go SDK generates for every real spec (real/ and peer-tests/); Stripe's and GitHub's are gofmt-clean
and `go build`.

Skipped (with the reason) when ../shared/specs is absent; without Go the build test fails under CI and is
skipped elsewhere (tests/toolchain/go_tools.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SHARED_SPECS, shared_spec
from tests.real.real_specs import LARGEST, REAL, generate, needs_specs
from tests.toolchain import go_tools
from zsdk_generator.diagnostics import SpecError
from zsdk_generator.writer import write_tree

BUILT = LARGEST[:2]  # Stripe and GitHub


@needs_specs
@pytest.mark.parametrize("relative", REAL)
def test_go_generates(relative: str) -> None:
    try:
        files = generate("go", SHARED_SPECS / relative)
    except SpecError as exc:  # a clear error is allowed only for what the IR could not build
        pytest.fail(f"generation failed: {exc.diagnostic.format()}")
    assert "go.mod" in files and "client.go" in files


@needs_specs
@pytest.mark.parametrize("relative", BUILT)
def test_largest_sdks_build(relative: str, tmp_path: Path) -> None:
    go = go_tools.go()
    files = generate("go", shared_spec(relative))
    write_tree(tmp_path, files, language="go")
    gofmt = go_tools.run([str(Path(go).with_name("gofmt")), "-l", "."], tmp_path)
    assert gofmt.returncode == 0 and gofmt.stdout.strip() == "", gofmt.stdout[-3000:] + gofmt.stderr[-3000:]
    result = go_tools.run([go, "build", "./..."], tmp_path, timeout=1800)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
