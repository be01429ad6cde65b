"""The mock servers the real-server suite runs, installed once per version into a cache outside the clone.

The cache is $XDG_CACHE_HOME/zsdk-realservers (~/.cache/zsdk-realservers), one folder per tool and version:

- `prism-<version>-<lock hash>`: Prism (npm `@stoplight/prism-cli`, pinned with the lock file in
  tests/realservers/prism), installed there with `npm ci`.
- `stripe-mock-<version>`: the stripe-mock binary (`go install` from the Go module proxy) and the Stripe spec it
  embeds (`spec3.json`, copied from its module source), so that the SDK and the mock agree.

A tool is installed into a temporary folder beside its final one and renamed into place when complete, so a
folder that exists is whole, and two runs installing at once do not see each other's halves.

Without node, npm or go the suite cannot run: under CI (CI=true) that is a failure, raised loudly; elsewhere the
test is skipped with a message saying what is missing.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from ..toolchain import go_tools
from ..toolchain.node_tools import run

CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "zsdk-realservers"
PRISM_PIN = Path(__file__).resolve().parent / "prism"  # package.json + package-lock.json
STRIPE_MOCK_MODULE = "github.com/stripe/stripe-mock"
STRIPE_MOCK_VERSION = "v0.203.0"


def missing(message: str) -> None:
    if os.environ.get("CI") == "true":
        raise RuntimeError(message)
    pytest.skip(message)


def cached(name: str, install: Callable[[Path], None]) -> Path:
    """CACHE/name, made by `install(folder)` in a temporary folder renamed into place, unless already there."""
    final = CACHE / name
    if final.exists():
        return final
    CACHE.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=CACHE))
    try:
        install(folder)
        folder.rename(final)
    except OSError:
        if not final.exists():  # not just another run's install that finished first
            raise
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return final


def prism() -> tuple[str, Path]:
    """The pinned Prism's command and its folder."""
    if shutil.which("node") is None:
        missing("node not found: the real-server suite needs node 18+ (and npm) to run Prism")
    lock = (PRISM_PIN / "package-lock.json").read_bytes()
    version = json.loads((PRISM_PIN / "package.json").read_bytes())["devDependencies"]["@stoplight/prism-cli"]
    folder = cached(f"prism-{version}-{hashlib.sha256(lock).hexdigest()[:12]}", install_prism)
    return str(folder / "node_modules" / ".bin" / "prism"), folder


def install_prism(folder: Path) -> None:
    npm = shutil.which("npm")
    if npm is None:
        missing("npm not found: the real-server suite needs it to install Prism")
    assert npm is not None
    for name in ("package.json", "package-lock.json"):
        shutil.copy(PRISM_PIN / name, folder / name)
    result = run([npm, "ci", "--no-audit", "--no-fund"], folder)
    if result.returncode != 0 or not (folder / "node_modules" / ".bin" / "prism").exists():
        raise RuntimeError(f"npm ci of Prism failed:\n{result.stdout}{result.stderr}")


def stripe_mock() -> tuple[str, Path]:
    """The pinned stripe-mock binary and the Stripe spec it embeds."""
    if shutil.which("go") is None:
        missing("go not found: the real-server suite needs Go to install stripe-mock (and to build the Go SDKs)")
    folder = cached(f"stripe-mock-{STRIPE_MOCK_VERSION}", install_stripe_mock)
    return str(folder / "stripe-mock"), folder / "spec3.json"


def install_stripe_mock(folder: Path) -> None:
    """`go install` into `folder`, with a module cache of its own there, from which the embedded spec is copied."""
    wanted = f"{STRIPE_MOCK_MODULE}@{STRIPE_MOCK_VERSION}"
    gopath = folder / "gopath"
    env = {**go_tools.env(), "GOPATH": str(gopath), "GOMODCACHE": str(gopath / "mod"), "GOBIN": str(folder),
           "GOFLAGS": "-buildvcs=false -modcacherw"}  # fmt: skip  # a writable module cache can be removed
    result = subprocess.run([go_tools.go(), "install", wanted], cwd=folder, env=env, capture_output=True,
                            text=True, timeout=900)  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(f"go install {wanted} failed:\n{result.stdout}{result.stderr}")
    shutil.copy(gopath / "mod" / wanted / "embedded" / "openapi" / "spec3.json", folder / "spec3.json")
    shutil.rmtree(gopath)
