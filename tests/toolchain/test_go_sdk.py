"""Every golden Go SDK is gofmt-clean, passes go vet and staticcheck with no findings, builds, and its
runtime's tests pass (`go test ./...`). The generator itself never runs Go: this is where Go checks it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.golden.golden import GOLDEN_SPECS, golden_dir
from tests.toolchain import go_tools


@pytest.fixture
def sdk(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A copy of the golden SDK (so go commands never write into golden/)."""
    spec = request.node.callspec.params["spec"]
    source = golden_dir(spec, "go")
    assert (source / "go.mod").exists(), f"no golden Go SDK for {spec}: run pytest tests/golden --snapshot-update"
    target = tmp_path / "sdk"
    shutil.copytree(source, target)
    return target


def _check(args: list[str], cwd: Path) -> str:
    result = go_tools.run(args, cwd)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{output}"
    return output


@pytest.mark.parametrize("spec", GOLDEN_SPECS)
def test_gofmt_clean(spec: str, sdk: Path) -> None:
    go = go_tools.go()
    gofmt = str(Path(go).with_name("gofmt"))
    output = _check([gofmt, "-l", "."], sdk)
    assert output.strip() == "", f"files gofmt would change:\n{output}"


@pytest.mark.parametrize("spec", GOLDEN_SPECS)
def test_go_vet_and_build(spec: str, sdk: Path) -> None:
    go = go_tools.go()
    _check([go, "build", "./..."], sdk)
    _check([go, "vet", "./..."], sdk)


@pytest.mark.parametrize("spec", GOLDEN_SPECS)
def test_staticcheck(spec: str, sdk: Path) -> None:
    output = _check([go_tools.staticcheck(), "./..."], sdk)
    assert output.strip() == "", output


@pytest.mark.parametrize("spec", GOLDEN_SPECS)
def test_runtime_tests(spec: str, sdk: Path) -> None:
    output = _check([go_tools.go(), "test", "-count=1", "./..."], sdk)
    assert "ok" in output and "internal/core" in output, output


def test_gofmt_check_can_fail(tmp_path: Path) -> None:
    """The gofmt check above is not vacuous: a misaligned struct is reported."""
    gofmt = str(Path(go_tools.go()).with_name("gofmt"))
    (tmp_path / "x.go").write_text("package x\n\ntype T struct {\n\tA string\n\tBbb int\n}\n", encoding="utf-8")
    result = go_tools.run([gofmt, "-l", "."], tmp_path)
    assert "x.go" in result.stdout
