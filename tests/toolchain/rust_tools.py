"""The Rust toolchain the tests run: `cargo` from PATH (or ~/.cargo/bin), and the MSRV toolchain through rustup.

Every SDK a test run builds shares one target folder — CARGO_TARGET_DIR when set, else ~/.cache/zsdk-rust-target —
so the dependencies (reqwest, tokio, serde…) compile once, not once per SDK. Without cargo the tests cannot
check Rust: under CI (CI=true) that is a failure, raised loudly; elsewhere the test is skipped with a message
saying what is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

MSRV = "1.85"


def target_dir() -> Path:
    return Path(os.environ.get("CARGO_TARGET_DIR") or Path.home() / ".cache" / "zsdk-rust-target")


def env(**extra: str) -> dict[str, str]:
    """The environment for cargo: the shared target folder, no colour, and `extra`."""
    return {**os.environ, "CARGO_TARGET_DIR": str(target_dir()), "CARGO_TERM_COLOR": "never", **extra}


def _missing(message: str) -> None:
    if os.environ.get("CI") == "true":
        raise RuntimeError(message)
    pytest.skip(message)


def cargo() -> str:
    path = shutil.which("cargo") or shutil.which(str(Path.home() / ".cargo" / "bin" / "cargo"))
    if path is None:
        _missing("cargo not found on PATH: the Rust SDK checks need Rust (rustup.rs), stable and 1.85")
    assert path is not None
    return path


def msrv() -> str:
    """The `+1.85` toolchain argument, installing the toolchain with rustup (minimal profile) when it is missing."""
    cargo_binary = cargo()
    probe = subprocess.run([cargo_binary, f"+{MSRV}", "--version"], capture_output=True, text=True, env=env())
    if probe.returncode != 0:
        rustup = shutil.which("rustup") or shutil.which(str(Path.home() / ".cargo" / "bin" / "rustup"))
        if rustup is None:
            _missing(f"rustup not found: the MSRV check needs the Rust {MSRV} toolchain")
        assert rustup is not None
        installed = subprocess.run([rustup, "toolchain", "install", MSRV, "--profile", "minimal"],
                                   capture_output=True, text=True, timeout=1800)  # fmt: skip
        if installed.returncode != 0:
            raise RuntimeError(f"installing Rust {MSRV} failed:\n{installed.stderr}")
    return f"+{MSRV}"


def run(args: list[str], cwd: Path, timeout: float = 1800, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env(**extra), capture_output=True, text=True, timeout=timeout)
