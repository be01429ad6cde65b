"""The pinned TypeScript toolchain (two typescripts, prettier, @types/node) the tests run, from tests/toolchain/node.

Two compilers are pinned, and every SDK is checked with both: the newest TypeScript 5.x (`typescript`, whose JS
API tests/hostile also uses) and the newest release, the native compiler of TypeScript 7 (`typescript7`, an npm
alias; its `bin/tsc` starts the binary of the @typescript/typescript-<platform> package npm installs beside it).
`TSC_VERSIONS` lists their versions, from package.json; `tool("tsc", version)` gives one's `tsc` (the 5.x one when
no version is given), `tool("prettier")` prettier's, installing the locked versions with `npm ci` into the
gitignored tests/toolchain/node/node_modules on first use, and again when package-lock.json has changed since.
Without node or npm the tests cannot check TypeScript: under CI (CI=true) that is a failure, raised loudly;
elsewhere the test is skipped with a message saying what is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .locks import exclusive

NODE_DIR = Path(__file__).resolve().parent / "node"
MODULES = NODE_DIR / "node_modules"
BIN = MODULES / ".bin"
TYPES = MODULES / "@types"
LOCK = NODE_DIR / "package-lock.json"
STAMP = MODULES / ".zsdk-package-lock.json"  # the lock file `npm ci` last installed, to notice a changed one


def _compilers() -> dict[str, str]:
    """The pinned TypeScript versions, oldest first, each with its folder in node_modules."""
    manifest = json.loads((NODE_DIR / "package.json").read_text(encoding="utf-8"))
    found = {}
    for folder, wanted in manifest["devDependencies"].items():
        if folder == "typescript" or wanted.startswith("npm:typescript@"):
            found[wanted.removeprefix("npm:typescript@")] = folder
    return dict(sorted(found.items(), key=lambda item: [int(part) for part in item[0].split(".")]))


COMPILERS = _compilers()
TSC_VERSIONS = list(COMPILERS)
DEFAULT_TSC = next(version for version, folder in COMPILERS.items() if folder == "typescript")


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


def _binary(name: str, version: str | None) -> Path:
    if name == "tsc":
        return MODULES / COMPILERS[version or DEFAULT_TSC] / "bin" / "tsc"
    assert version is None, f"only tsc comes in versions, not {name}"
    return BIN / name


def _install() -> None:
    """`npm ci` when node_modules lacks a binary or was installed from another lock file."""
    lock = LOCK.read_text(encoding="utf-8")
    binaries = [_binary("tsc", version) for version in TSC_VERSIONS] + [_binary("prettier", None)]

    def installed() -> bool:
        return all(b.exists() for b in binaries) and STAMP.exists() and STAMP.read_text(encoding="utf-8") == lock

    if installed():
        return
    with exclusive(NODE_DIR):
        if not installed():  # not installed by another worker while this one waited
            _npm_ci(binaries, lock)


def _npm_ci(binaries: list[Path], lock: str) -> None:
    npm = shutil.which("npm")
    if npm is None:
        _missing("npm not found")
    assert npm is not None
    result = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=NODE_DIR, capture_output=True, text=True,
                            timeout=600)  # fmt: skip
    missing = [str(binary) for binary in binaries if not binary.exists()]
    if result.returncode != 0 or missing:
        raise RuntimeError(f"npm ci in {NODE_DIR} failed (missing: {missing}):\n{result.stdout}{result.stderr}")
    STAMP.write_text(lock, encoding="utf-8")


def tool(name: str, version: str | None = None) -> str:
    """The path of `name` (tsc, prettier) from the pinned toolchain, installed on first use; for tsc, `version`
    (one of TSC_VERSIONS) picks the compiler, the newest 5.x when it is None."""
    node()
    _install()
    return str(_binary(name, version))


def run(args: list[str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout)


def write_node_project(folder: Path, include: list[str]) -> None:
    """A package.json (ESM) and a tsconfig compiling `include` to out/ for node, with @types/node: strict, with
    noUncheckedIndexedAccess and exactOptionalPropertyTypes, like a generated SDK's."""
    (folder / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")
    config = {
        "compilerOptions": {
            "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext", "strict": True,
            "noUncheckedIndexedAccess": True, "exactOptionalPropertyTypes": True,
            "lib": ["ES2022", "DOM", "DOM.Iterable"], "types": ["node"],
            "typeRoots": [str(TYPES)], "outDir": "out", "rootDir": ".", "skipLibCheck": True,
        },
        "include": include,
    }  # fmt: skip
    (folder / "tsconfig.json").write_text(json.dumps(config), encoding="utf-8")
