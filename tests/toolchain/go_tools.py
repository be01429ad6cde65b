"""The Go toolchain the tests run: `go` from PATH and a pinned staticcheck from the Go module proxy.

Everything Go writes (module cache, build cache, the staticcheck binary) goes under the gitignored
`.gotools/` folder at the top of the repository. Without `go` the tests cannot check Go: under CI (CI=true)
that is a failure, raised loudly; elsewhere the test is skipped with a message saying what is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
TOOLS = ROOT / ".gotools"
STATICCHECK_VERSION = "v0.8.2"  # honnef.co/go/tools; supports the go1.26 toolchain
STATICCHECK = TOOLS / "bin" / "staticcheck"


def env() -> dict[str, str]:
    """The environment for go commands: caches under .gotools, no VCS stamping, no workspace."""
    return {
        **os.environ,
        "GOPATH": str(TOOLS / "gopath"),
        "GOMODCACHE": str(TOOLS / "gopath" / "pkg" / "mod"),
        "GOCACHE": str(TOOLS / "cache"),
        "GOBIN": str(TOOLS / "bin"),
        "GOFLAGS": "-buildvcs=false -mod=mod",
        "GOWORK": "off",
        "GOTOOLCHAIN": "local",
    }


def go() -> str:
    path = shutil.which("go")
    if path is None:
        message = "go not found on PATH: the Go SDK checks need Go 1.24+"
        if os.environ.get("CI") == "true":
            raise RuntimeError(message)
        pytest.skip(message)
    assert path is not None
    return path


def run(args: list[str], cwd: Path, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env(), capture_output=True, text=True, timeout=timeout)


def staticcheck() -> str:
    """The pinned staticcheck binary, installed from the Go module proxy on first use."""
    go_binary = go()
    if not STATICCHECK.exists():
        result = run([go_binary, "install", f"honnef.co/go/tools/cmd/staticcheck@{STATICCHECK_VERSION}"], ROOT)
        if result.returncode != 0:
            raise RuntimeError(f"installing staticcheck {STATICCHECK_VERSION} failed:\n{result.stderr}")
    return str(STATICCHECK)
