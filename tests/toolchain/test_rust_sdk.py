"""Every golden Rust SDK is rustfmt-clean (edition 2024), passes clippy on every target with `-D warnings`,
documents itself without a rustdoc warning; one of them runs its runtime's tests (`cargo test`) and builds with
the oldest Rust it declares (`cargo +1.85 check`). The generator itself never runs Rust: this is where Rust
checks it.

The SDKs share one target folder (tests/toolchain/rust_tools.py), so the dependencies compile once per run.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.golden.golden import GOLDEN_SPECS, golden_dir
from tests.toolchain import rust_tools


@pytest.fixture
def sdk(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A copy of the golden SDK (cargo writes Cargo.lock beside the manifest: never into golden/)."""
    spec = request.node.callspec.params["spec"]
    source = golden_dir(spec, "rust")
    assert (source / "Cargo.toml").exists(), f"no golden Rust SDK for {spec}: run pytest tests/golden --snapshot-update"
    return Path(shutil.copytree(source, tmp_path / "sdk"))


def _check(args: list[str], cwd: Path, **extra: str) -> str:
    result = rust_tools.run(args, cwd, **extra)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{output[-8000:]}"
    return output


@pytest.mark.parametrize("spec", GOLDEN_SPECS)
def test_rustfmt_clean(spec: str, sdk: Path) -> None:
    _check([rust_tools.cargo(), "fmt", "--check"], sdk)


@pytest.mark.parametrize("spec", GOLDEN_SPECS)
def test_clippy_clean(spec: str, sdk: Path) -> None:
    _check([rust_tools.cargo(), "clippy", "--all-targets", "--quiet", "--", "-D", "warnings"], sdk)


@pytest.mark.parametrize("spec", GOLDEN_SPECS)
def test_rustdoc_clean(spec: str, sdk: Path) -> None:
    _check([rust_tools.cargo(), "doc", "--no-deps", "--quiet"], sdk, RUSTDOCFLAGS="-D warnings")


def test_runtime_tests(tmp_path: Path) -> None:
    """The runtime's tests pass inside a generated crate (once: every SDK copies the same runtime verbatim, and
    tests/runtime/rust runs them on their own too)."""
    sdk = Path(shutil.copytree(golden_dir("zatabase", "rust"), tmp_path / "sdk"))
    output = _check([rust_tools.cargo(), "test", "--quiet"], sdk)
    assert "test result: ok" in output, output


def test_oldest_supported_rust(tmp_path: Path) -> None:
    """The SDK with every feature the conformance suite drives builds with Rust 1.85 (Cargo.toml's rust-version)."""
    source = golden_dir("zatabase", "rust")
    sdk = Path(shutil.copytree(source, tmp_path / "sdk"))
    _check([rust_tools.cargo(), rust_tools.msrv(), "check", "--all-targets", "--quiet"], sdk)


def test_rustfmt_check_can_fail(tmp_path: Path) -> None:
    """The rustfmt check above is not vacuous: a badly laid out function is reported."""
    (tmp_path / "src").mkdir()
    (tmp_path / "Cargo.toml").write_text('[package]\nname = "x"\nversion = "0.1.0"\nedition = "2024"\n')
    (tmp_path / "src" / "lib.rs").write_text("pub fn f( a:u8 )->u8{a}\n")
    result = rust_tools.run([rust_tools.cargo(), "fmt", "--check"], tmp_path)
    assert result.returncode != 0 and "lib.rs" in result.stdout
