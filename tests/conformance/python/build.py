"""Build the Python conformance SDKs: specs/conformance.yaml generated with the body as a keyword (the default,
run in sync and async mode) and positional (`python: {body: positional}`, run in the positional mode).

`sdk/keyword/` and `sdk/positional/` each hold a generated SDK; the positional one also gets `calls.json`: per
scenario call name, the wire names of its path parameters in the order the method takes them and whether it takes
a body (which then follows them) — what the driver needs to spell a call in that style, read from the SDK plan.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

from zsdk_generator import pipeline
from zsdk_generator.config import load_config
from zsdk_generator.plan.build import build_plan

from ...conftest import ROOT, run_cli

HERE = Path(__file__).resolve().parent
SPEC = ROOT / "specs" / "conformance.yaml"
CONFIG = ROOT / "specs" / "conformance.zsdk.yaml"
# Each SDK's settings of the python block, and the modes its driver runs in.
VARIANTS = {"keyword": {}, "positional": {"body": "positional"}}
MODES = {"sync": "keyword", "async": "keyword", "positional": "positional"}


def build(sdk: Path) -> None:
    for variant, settings in VARIANTS.items():
        config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
        config["python"] = {**(config.get("python") or {}), **settings}
        config_file = sdk / f"conformance-{variant}.zsdk.yaml"
        config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
        folder = sdk / variant
        result = run_cli("generate", "--lang", "python", "--spec", str(SPEC), "--config", str(config_file),
                         "--out", str(folder))  # fmt: skip
        if result.returncode != 0:
            raise AssertionError(f"generating the Python ({variant}) conformance SDK failed:\n"
                                 f"{result.stdout}{result.stderr}")  # fmt: skip
        if settings:
            (folder / "calls.json").write_text(json.dumps(positional_calls(config_file)), encoding="utf-8")


def positional_calls(config_file: Path) -> dict[str, dict[str, object]]:
    """`resource.method` (as scenarios name calls) → the wire names of its path parameters, in the order the
    method takes them, and whether it takes a body (positional after them)."""
    result = pipeline.run(str(SPEC))
    assert result.api is not None, result.errors
    plan = build_plan(result.api, load_config(str(config_file)).for_language("python", result.api))
    out: dict[str, dict[str, object]] = {}
    for resource in plan.all_resources():
        for call in resource.calls:
            name = "_".join(resource.name.words) + "." + "_".join(call.name.words)
            out[name] = {"path": [p.wire for p in call.path_params], "body": call.body is not None}
    return out


def command(sdk: Path, mode: str) -> list[str]:
    calls = ["--calls", str(sdk / "positional" / "calls.json")] if mode == "positional" else []
    return [sys.executable, str(HERE / "driver.py"), "--mode", mode, *calls]


def env(sdk: Path, mode: str) -> dict[str, str]:
    return {"PYTHONPATH": str(sdk / MODES[mode])}
