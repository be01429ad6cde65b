"""Build the TypeScript conformance driver: generate the SDK (throw, result and flat style), compile it with the
driver.

`sdk/<mode>/` holds the SDK generated from specs/conformance.yaml with the mode's settings added to
specs/conformance.zsdk.yaml (`errors: throw`, `errors: result`, or `arguments: flat`), driver.ts beside it, and `out/`
compiled by the pinned TypeScript 5.x (no npm install in the SDK: it has no dependencies); every other pinned tsc
(7.x) type-checks the same project. The flat mode also gets `calls.json`: per scenario call name, its path
parameters in the order the method takes them and whether it takes a params object — what the driver needs to
spell a call in that style, read from the SDK plan.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from zsdk_generator import pipeline
from zsdk_generator.config import load_config
from zsdk_generator.plan.build import build_plan

from ...conftest import ROOT, run_cli
from ...toolchain.node_tools import DEFAULT_TSC, TSC_VERSIONS, TYPES, node, run, tool

HERE = Path(__file__).resolve().parent
SPEC = ROOT / "specs" / "conformance.yaml"
CONFIG = ROOT / "specs" / "conformance.zsdk.yaml"
# Each mode's settings of the typescript block.
MODES = {"throw": {"errors": "throw"}, "result": {"errors": "result"}, "flat": {"errors": "throw", "arguments": "flat"}}


def build(sdk: Path) -> None:
    for mode, settings in MODES.items():
        folder = sdk / mode
        folder.mkdir(parents=True, exist_ok=True)
        config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
        config["typescript"] = {**(config.get("typescript") or {}), **settings}
        config_file = sdk / f"conformance-{mode}.zsdk.yaml"
        config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
        result = run_cli("generate", "--lang", "typescript", "--spec", str(SPEC), "--config", str(config_file),
                         "--out", str(folder / "sdk"))  # fmt: skip
        if result.returncode != 0:
            raise AssertionError(f"generating the TypeScript conformance SDK failed:\n{result.stdout}{result.stderr}")
        shutil.rmtree(folder / "src", ignore_errors=True)
        shutil.copytree(folder / "sdk" / "src", folder / "src")
        shutil.copy(HERE / "driver.ts", folder / "driver.ts")
        (folder / "calls.json").write_text(json.dumps(flat_calls(config_file)), encoding="utf-8")
        (folder / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")
        (folder / "tsconfig.json").write_text(json.dumps(tsconfig(), indent=2), encoding="utf-8")
        for version in TSC_VERSIONS:
            emit = [] if version == DEFAULT_TSC else ["--noEmit"]
            compiled = run([tool("tsc", version), "-p", "tsconfig.json", *emit], folder)
            if compiled.returncode != 0:
                raise AssertionError(f"tsc {version} failed for the {mode} conformance driver:\n"
                                     f"{compiled.stdout}{compiled.stderr}")  # fmt: skip


def flat_calls(config_file: Path) -> dict[str, dict[str, object]]:
    """`resource.method` (as scenarios name calls) → the wire names of its path parameters, in the order the flat
    style takes them, and whether it takes a params object (any other parameter or a body)."""
    result = pipeline.run(str(SPEC))
    assert result.api is not None, result.errors
    plan = build_plan(result.api, load_config(str(config_file)).for_language("typescript", result.api))
    out: dict[str, dict[str, object]] = {}
    for resource in plan.all_resources():
        for call in resource.calls:
            name = "_".join(resource.name.words) + "." + "_".join(call.name.words)
            rest = bool(call.query or call.headers or call.cookies or call.body)
            out[name] = {"path": [p.wire for p in call.path_params], "params": rest}
    return out


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
