"""Build the TypeScript conformance driver: generate the SDK (throw and result style), compile it with the driver.

`sdk/<mode>/` holds the SDK generated from specs/conformance.yaml with `errors: <mode>` added to
specs/conformance.zsdk.yaml, driver.ts beside it, and `out/` compiled by the pinned TypeScript 5.x (no npm install
in the SDK: it has no dependencies); every other pinned tsc (7.x) type-checks the same project.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from ...conftest import ROOT, run_cli
from ...toolchain.node_tools import DEFAULT_TSC, TSC_VERSIONS, TYPES, node, run, tool

HERE = Path(__file__).resolve().parent
SPEC = ROOT / "specs" / "conformance.yaml"
CONFIG = ROOT / "specs" / "conformance.zsdk.yaml"
MODES = ("throw", "result")


def build(sdk: Path) -> None:
    for mode in MODES:
        folder = sdk / mode
        folder.mkdir(parents=True, exist_ok=True)
        config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
        config["typescript"] = {**(config.get("typescript") or {}), "errors": mode}
        config_file = sdk / f"conformance-{mode}.zsdk.yaml"
        config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
        result = run_cli("generate", "--lang", "typescript", "--spec", str(SPEC), "--config", str(config_file),
                         "--out", str(folder / "sdk"))  # fmt: skip
        if result.returncode != 0:
            raise AssertionError(f"generating the TypeScript conformance SDK failed:\n{result.stdout}{result.stderr}")
        shutil.rmtree(folder / "src", ignore_errors=True)
        shutil.copytree(folder / "sdk" / "src", folder / "src")
        shutil.copy(HERE / "driver.ts", folder / "driver.ts")
        (folder / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")
        (folder / "tsconfig.json").write_text(json.dumps(tsconfig(), indent=2), encoding="utf-8")
        for version in TSC_VERSIONS:
            emit = [] if version == DEFAULT_TSC else ["--noEmit"]
            compiled = run([tool("tsc", version), "-p", "tsconfig.json", *emit], folder)
            if compiled.returncode != 0:
                raise AssertionError(f"tsc {version} failed for the {mode} conformance driver:\n"
                                     f"{compiled.stdout}{compiled.stderr}")  # fmt: skip


def tsconfig() -> dict[str, object]:
    return {
        "compilerOptions": {
            "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext",
            "lib": ["ES2022", "DOM", "DOM.Iterable"], "types": ["node"], "typeRoots": [str(TYPES)],
            "strict": True, "noUncheckedIndexedAccess": True, "exactOptionalPropertyTypes": True, "outDir": "out",
            "rootDir": ".", "skipLibCheck": True,
        },
        "include": ["driver.ts", "src"],
    }  # fmt: skip


def command(sdk: Path, mode: str) -> list[str]:
    return [node(), str(sdk / mode / "out" / "driver.js"), "--mode", mode]
