"""The Go SDK generates for every real spec (real/ and peer-tests/); Stripe's and GitHub's are gofmt-clean
and `go build`.

Skipped (with the reason) when ../shared/specs is absent; without Go the build test fails under CI and is
skipped elsewhere (tests/toolchain/go_tools.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SHARED_SPECS, shared_spec
from tests.real.test_real_python import FILES, needs_specs
from tests.toolchain import go_tools
from zsdk_generator.config import Config
from zsdk_generator.diagnostics import SpecError
from zsdk_generator.pipeline import run
from zsdk_generator.render import render
from zsdk_generator.targets.registry import load_target
from zsdk_generator.writer import write_tree

BUILT = ["real/stripe-2022-04.json", "real/github-api.github.com-2022-07.json"]


def _generate(path: Path) -> dict[str, str]:
    result = run(str(path))
    assert result.api is not None, [d.format() for d in result.errors]
    return render(load_target("go"), result.api, Config().for_language("go", result.api))


@needs_specs
@pytest.mark.parametrize("relative", FILES)
def test_go_generates(relative: str) -> None:
    try:
        files = _generate(SHARED_SPECS / relative)
    except SpecError as exc:  # a clear error is allowed only for what the IR could not build
        pytest.fail(f"generation failed: {exc.diagnostic.format()}")
    assert "go.mod" in files and "client.go" in files


@needs_specs
@pytest.mark.parametrize("relative", BUILT)
def test_largest_sdks_build(relative: str, tmp_path: Path) -> None:
    go = go_tools.go()
    files = _generate(shared_spec(relative))
    write_tree(tmp_path, files, language="go")
    gofmt = go_tools.run([str(Path(go).with_name("gofmt")), "-l", "."], tmp_path)
    assert gofmt.returncode == 0 and gofmt.stdout.strip() == "", gofmt.stdout[-3000:] + gofmt.stderr[-3000:]
    result = go_tools.run([go, "build", "./..."], tmp_path, timeout=1800)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
