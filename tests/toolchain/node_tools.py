"""The pinned TypeScript toolchain (typescript, prettier, @types/node) the tests run, from tests/toolchain/node.

`tool("tsc")` gives the path of a binary, installing the locked versions with `npm ci` into the gitignored
tests/toolchain/node/node_modules on first use. Without node or npm the tests cannot check TypeScript: under
CI (CI=true) that is a failure, raised loudly; elsewhere the test is skipped with a message saying what is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

NODE_DIR = Path(__file__).resolve().parent / "node"
BIN = NODE_DIR / "node_modules" / ".bin"
TYPES = NODE_DIR / "node_modules" / "@types"


def _missing(what: str) -> None:
    message = f"{what}: the TypeScript checks need node 18+ and npm on PATH"
    if os.environ.get("CI") == "true":
        raise RuntimeError(message)
    pytest.skip(message)


def node() -> str:
    path = shutil.which("node")
    if path is None:
        _missing("node not found")
    assert path is not None
    return path


def tool(name: str) -> str:
    """The path of `name` (tsc, prettier) from the pinned toolchain, installed on first use."""
    node()
    binary = BIN / name
    if not binary.exists():
        npm = shutil.which("npm")
        if npm is None:
            _missing("npm not found")
        assert npm is not None
        result = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=NODE_DIR, capture_output=True,
                                text=True, timeout=600)  # fmt: skip
        if result.returncode != 0 or not binary.exists():
            raise RuntimeError(f"npm ci in {NODE_DIR} failed:\n{result.stdout}{result.stderr}")
    return str(binary)


def run(args: list[str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout)


def write_node_project(folder: Path, include: list[str]) -> None:
    """A package.json (ESM) and a strict tsconfig compiling `include` to out/ for node, with @types/node."""
    (folder / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")
    config = {
        "compilerOptions": {
            "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext", "strict": True,
            "noUncheckedIndexedAccess": True, "lib": ["ES2022", "DOM", "DOM.Iterable"], "types": ["node"],
            "typeRoots": [str(TYPES)], "outDir": "out", "rootDir": ".", "skipLibCheck": True,
        },
        "include": include,
    }  # fmt: skip
    (folder / "tsconfig.json").write_text(json.dumps(config), encoding="utf-8")
