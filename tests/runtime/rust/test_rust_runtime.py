"""The Rust SDK runtime (templates/rust/runtime/src/runtime) checked on its own, through the harness crate here.

The harness (`Cargo.toml`, `src/lib.rs`) includes the runtime module by `#[path]` with exactly the dependencies a
generated crate has, and its committed `Cargo.lock` pins them (`--locked`). The runtime must be formatted as
rustfmt writes it, clippy-clean with `-D warnings` on all targets, pass its unit and end-to-end tests (the ones
every generated SDK runs too) and document cleanly with `RUSTDOCFLAGS=-D warnings`.

Builds go to the target folder every Rust SDK the tests build shares (tests/toolchain/rust_tools.py), so the
dependencies compile once for the whole run. The oldest supported Rust is checked on a generated SDK, which holds
this runtime and its tests (tests/toolchain/test_rust_sdk.py::test_oldest_supported_rust). Without cargo the
checks are skipped with a message; under CI (CI=true) that is a failure.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.toolchain import rust_tools

HERE = Path(__file__).resolve().parent


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return rust_tools.run([rust_tools.cargo(), *args], HERE, **(env or {}))


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
