"""The installed wheel carries the templates and runtime: build it, install it in a fresh venv, generate."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SPECS


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600)


def test_wheel_generates_from_a_fresh_venv(tmp_path: Path) -> None:
    built = _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path / "dist"), str(ROOT)],
                 tmp_path)  # fmt: skip
    assert built.returncode == 0, built.stderr
    wheel = next((tmp_path / "dist").glob("zsdk_generator-*.whl"))
    venv = tmp_path / "venv"
    assert _run([sys.executable, "-m", "venv", str(venv)], tmp_path).returncode == 0
    installed = _run([str(venv / "bin" / "pip"), "install", "--quiet", str(wheel)], tmp_path)
    assert installed.returncode == 0, installed.stderr
    out = tmp_path / "sdk"
    result = _run([str(venv / "bin" / "zsdk-generator"), "generate", "--lang", "python",
                   "--spec", str(SPECS / "petstore.yaml"), "--out", str(out)], tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (out / "petstore" / "_base_client.py").exists() and (out / "petstore" / "models.py").exists()
    assert (out / "petstore" / "py.typed").exists()
