"""The mock servers the real-server suite runs, installed once and cached.

- Prism (npm `@stoplight/prism-cli`, pinned with its lock file in tests/realservers/prism): `npm ci` into the
  gitignored tests/realservers/prism/node_modules on first use, and again when the lock file changes — the way
  tests/toolchain/node_tools.py installs the TypeScript toolchain.
- stripe-mock (Go module proxy, pinned): `go install github.com/stripe/stripe-mock@<version>` into the gitignored
  .gotools/bin, its module source (with the Stripe spec it embeds) in .gotools' module cache — the caches
  tests/toolchain/go_tools.py sets up.

Without npm or go the suite cannot run: under CI (CI=true) that is a failure, raised loudly; elsewhere the test is
skipped with a message saying what is missing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ..toolchain import go_tools
from ..toolchain.node_tools import run

PRISM_DIR = Path(__file__).resolve().parent / "prism"
PRISM = PRISM_DIR / "node_modules" / ".bin" / "prism"
PRISM_LOCK = PRISM_DIR / "package-lock.json"
PRISM_STAMP = PRISM_DIR / "node_modules" / ".zsdk-package-lock.json"  # the lock file `npm ci` last installed

STRIPE_MOCK_MODULE = "github.com/stripe/stripe-mock"
STRIPE_MOCK_VERSION = "v0.203.0"
STRIPE_MOCK = go_tools.TOOLS / "bin" / "stripe-mock"
STRIPE_MOCK_STAMP = go_tools.TOOLS / "bin" / ".stripe-mock-version"


def missing(message: str) -> None:
    if os.environ.get("CI") == "true":
        raise RuntimeError(message)
    pytest.skip(message)


def prism() -> str:
    """The pinned Prism's command, installed with `npm ci` on first use."""
    if shutil.which("node") is None:
        missing("node not found: the real-server suite needs node 18+ (and npm) to run Prism")
    lock = PRISM_LOCK.read_text(encoding="utf-8")
    if PRISM.exists() and PRISM_STAMP.exists() and PRISM_STAMP.read_text(encoding="utf-8") == lock:
        return str(PRISM)
    npm = shutil.which("npm")
    if npm is None:
        missing("npm not found: the real-server suite needs it to install Prism")
    assert npm is not None
    result = run([npm, "ci", "--no-audit", "--no-fund"], PRISM_DIR)
    if result.returncode != 0 or not PRISM.exists():
        raise RuntimeError(f"npm ci in {PRISM_DIR} failed:\n{result.stdout}{result.stderr}")
    PRISM_STAMP.write_text(lock, encoding="utf-8")
    return str(PRISM)


def stripe_mock() -> str:
    """The pinned stripe-mock binary, installed from the Go module proxy on first use."""
    if shutil.which("go") is None:
        missing("go not found: the real-server suite needs Go to install stripe-mock (and to build the Go SDKs)")
    wanted = f"{STRIPE_MOCK_MODULE}@{STRIPE_MOCK_VERSION}"
    if STRIPE_MOCK.exists() and STRIPE_MOCK_STAMP.exists() and STRIPE_MOCK_STAMP.read_text() == wanted:
        return str(STRIPE_MOCK)
    result = go_tools.run([go_tools.go(), "install", wanted], go_tools.ROOT)
    if result.returncode != 0 or not STRIPE_MOCK.exists():
        raise RuntimeError(f"go install {wanted} failed:\n{result.stdout}{result.stderr}")
    STRIPE_MOCK_STAMP.write_text(wanted)
    return str(STRIPE_MOCK)


def stripe_spec() -> Path:
    """The Stripe spec stripe-mock embeds (its module source), so that the SDK and the mock agree."""
    stripe_mock()
    source = Path(go_tools.env()["GOMODCACHE"]) / f"{STRIPE_MOCK_MODULE}@{STRIPE_MOCK_VERSION}"
    spec = source / "embedded" / "openapi" / "spec3.json"
    if not spec.exists():
        raise RuntimeError(f"stripe-mock's embedded spec is not at {spec}")
    return spec
