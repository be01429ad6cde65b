"""The Rust SDK runtime (templates/rust/runtime/src/runtime) checked on its own, through the harness crate here.

The harness (`Cargo.toml`, `src/lib.rs`) includes the runtime module by `#[path]` with exactly the dependencies a
generated crate has, and its committed `Cargo.lock` pins them (`--locked`). The runtime must be formatted as
rustfmt writes it, clippy-clean with `-D warnings` on all targets, pass its unit and end-to-end tests (the ones
every generated SDK runs too) and document cleanly with `RUSTDOCFLAGS=-D warnings`.

Builds go to `$CARGO_TARGET_DIR` when set, else to the gitignored `.cargo-target/` at the top of the repository.
Without cargo the checks are skipped with a message; under CI (CI=true) that is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
TARGET = Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / ".cargo-target" / "runtime")
MSRV = "1.85"


def cargo() -> str:
    path = shutil.which("cargo")
    if path is None:
        message = "cargo not found on PATH: the Rust runtime checks need a Rust toolchain (1.85+)"
        if os.environ.get("CI") == "true":
            raise RuntimeError(message)
        pytest.skip(message)
    assert path is not None
    return path


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [cargo(), *args],
        cwd=HERE,
        env={**os.environ, "CARGO_TARGET_DIR": str(TARGET), "CARGO_TERM_COLOR": "never", **(env or {})},
        capture_output=True,
        text=True,
        timeout=1800,
    )


def check(result: subprocess.CompletedProcess[str]) -> str:
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-8000:]
    return output


def test_rustfmt() -> None:
    check(run("fmt", "--check"))


def test_clippy() -> None:
    check(run("clippy", "--locked", "--all-targets", "--", "-D", "warnings"))


def test_unit_tests() -> None:
    output = check(run("test", "--locked"))
    results = re.findall(r"test result: (\w+)\. (\d+) passed; (\d+) failed; (\d+) ignored", output)
    assert results, output[-3000:]
    assert all(status == "ok" and failed == "0" and ignored == "0" for status, _, failed, ignored in results)
    assert sum(int(passed) for _, passed, _, _ in results) >= 60, output[-3000:]


def test_rustdoc() -> None:
    check(run("doc", "--locked", "--no-deps", env={"RUSTDOCFLAGS": "-D warnings"}))


def test_minimum_rust_version() -> None:
    """`cargo +1.85 check` when rustup has that toolchain (rust-version in the generated Cargo.toml)."""
    rustup = shutil.which("rustup")
    cargo()
    if rustup is None:
        pytest.skip("rustup not found: cannot select the 1.85 toolchain")
    toolchains = subprocess.run([rustup, "toolchain", "list"], capture_output=True, text=True).stdout
    if not re.search(rf"^{re.escape(MSRV)}[.-]", toolchains, re.M):
        pytest.skip(f"the Rust {MSRV} toolchain is not installed (rustup toolchain install {MSRV})")
    check(run(f"+{MSRV}", "check", "--locked", "--all-targets", env={"CARGO_TARGET_DIR": str(TARGET / MSRV)}))
