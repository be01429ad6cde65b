"""`zsdk-generator diff` beside oasdiff (the most complete open-source OpenAPI diff) on the same pairs of specs.

Pairs are made from real specs (../shared/specs/real) by scripted edits, each one change oasdiff counts as
breaking: an operation removed, an optional parameter made required, a required parameter added, a response
property removed, a string narrowed, an enum value removed, a property's type changed, a request property made
required, a success response removed. Both tools run on every pair as command-line programs; printed per pair:
whether each found the edit, and how many breaking changes each reported; then agreement (pairs where one
found the edit and the other did not) and the time each took on Stripe (median of --runs fresh processes).

Then oasdiff's own test documents (its module's data/checker `X_base.yaml` → `X_*.yaml` pairs and data/
`X1.yaml` → `X2.yaml`, read from the Go module cache the build fills): how many pairs each tool flags as
breaking, the pairs flagged by one tool only, and the pairs our tool refuses as invalid (with the reason).

oasdiff is built from the Go module proxy into benchmarks/.peers/oasdiff on first use. Usage:

    python benchmarks/diff_oasdiff.py [--runs 3] [--specs real/stripe-2022-04.json ...]
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from python_generate import compile_tool  # noqa: E402 - a sibling script

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "specs"
PEER = ROOT / "benchmarks" / ".peers" / "oasdiff"
OASDIFF_VERSION = "v1.37.0"
SPECS = ["real/stripe-2022-04.json", "real/github-api.github.com-2022-07.json", "real/openai-openapi.yaml",
         "real/petstore-3.0.yaml"]  # fmt: skip
METHODS = ("get", "put", "post", "delete", "patch")
Spec = dict[str, Any]
Edit = Callable[[Spec], str | None]  # changes the spec in place; returns the operation it breaks ("GET /x"), or None


def oasdiff() -> str:
    binary = PEER / "bin" / "oasdiff"
    if not binary.exists():
        print(f"building oasdiff {OASDIFF_VERSION} into {PEER} (Go module proxy)…", flush=True)
        env = {**os.environ, "GOBIN": str(PEER / "bin"), "GOFLAGS": "-mod=mod"}
        subprocess.run(["go", "install", f"github.com/oasdiff/oasdiff@{OASDIFF_VERSION}"], check=True, env=env)
    return str(binary)


# ---------------------------------------------------------------------------------------------- the edits


def _operations(spec: Spec) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path in sorted(spec.get("paths") or {}):
        item = spec["paths"][path]
        for method in METHODS:
            if isinstance(item, dict) and isinstance(item.get(method), dict):
                yield path, method, item[method]


def _deref(spec: Spec, node: Any) -> Any:
    for _ in range(32):
        if not (isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/")):
            break
        target: Any = spec
        for part in node["$ref"][2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def _json_schema(spec: Spec, op: dict[str, Any], *, response: bool) -> Any:
    if response:
        for status, answer in sorted((op.get("responses") or {}).items()):
            if str(status).startswith("2"):
                content = (_deref(spec, answer) or {}).get("content") or {}
                if "application/json" in content:
                    return content["application/json"].get("schema")
        return None
    body = _deref(spec, op.get("requestBody")) or {}
    return ((body.get("content") or {}).get("application/json") or {}).get("schema")


def _component_with(spec: Spec, want: Callable[[dict[str, Any]], bool], *, response: bool) -> tuple[str, Any]:
    """The first operation (and the component schema it uses) whose request or response schema matches."""
    for path, method, op in _operations(spec):
        schema = _json_schema(spec, op, response=response)
        schema = _deref(spec, (schema or {}).get("items", schema) if isinstance(schema, dict) else None)
        if isinstance(schema, dict) and want(schema):
            return f"{method.upper()} {path}", schema
    return "", None


def remove_operation(spec: Spec) -> str | None:
    path, method, _ = next(_operations(spec))
    del spec["paths"][path][method]
    return f"{method.upper()} {path}"


def parameter_became_required(spec: Spec) -> str | None:
    for path, method, op in _operations(spec):
        for param in op.get("parameters") or []:
            if isinstance(param, dict) and param.get("in") == "query" and not param.get("required"):
                param["required"] = True
                return f"{method.upper()} {path}"
    return None


def required_parameter_added(spec: Spec) -> str | None:
    path, method, op = next(_operations(spec))
    op.setdefault("parameters", []).append(
        {"name": "zsdk_added", "in": "query", "required": True, "schema": {"type": "string"}}
    )
    return f"{method.upper()} {path}"


def response_property_removed(spec: Spec) -> str | None:
    where, schema = _component_with(spec, lambda s: bool(s.get("properties")), response=True)
    if schema is None:
        return None
    del schema["properties"][sorted(schema["properties"])[0]]
    return where


def request_string_narrowed(spec: Spec) -> str | None:
    def has_string(schema: dict[str, Any]) -> bool:
        return any(isinstance(p, dict) and p.get("type") == "string" and "enum" not in p
                   for p in (schema.get("properties") or {}).values())  # fmt: skip

    where, schema = _component_with(spec, has_string, response=False)
    if schema is None:
        return None
    name = next(n for n, p in sorted(schema["properties"].items()) if isinstance(p, dict) and p.get("type") == "string"
                and "enum" not in p)  # fmt: skip
    prop = schema["properties"][name]
    prop["maxLength"] = max(1, int(prop.get("maxLength", 10_000)) // 2)
    return where


def request_enum_value_removed(spec: Spec) -> str | None:
    for path, method, op in _operations(spec):
        for param in op.get("parameters") or []:
            schema = _deref(spec, param.get("schema")) if isinstance(param, dict) else None
            if isinstance(schema, dict) and isinstance(schema.get("enum"), list) and len(schema["enum"]) > 1:
                schema["enum"] = schema["enum"][:-1]
                return f"{method.upper()} {path}"
    return None


def response_type_changed(spec: Spec) -> str | None:
    def has_string(schema: dict[str, Any]) -> bool:
        return any(isinstance(p, dict) and p.get("type") == "string" for p in (schema.get("properties") or {}).values())

    where, schema = _component_with(spec, has_string, response=True)
    if schema is None:
        return None
    name = next(n for n, p in sorted(schema["properties"].items()) if isinstance(p, dict) and p.get("type") == "string")
    schema["properties"][name] = {"type": "integer"}
    return where


def request_property_became_required(spec: Spec) -> str | None:
    def optional(schema: dict[str, Any]) -> bool:
        return bool(set(schema.get("properties") or {}) - set(schema.get("required") or []))

    where, schema = _component_with(spec, optional, response=False)
    if schema is None:
        return None
    name = sorted(set(schema["properties"]) - set(schema.get("required") or []))[0]
    schema["required"] = [*(schema.get("required") or []), name]
    return where


def success_response_removed(spec: Spec) -> str | None:
    for path, method, op in _operations(spec):
        codes = [c for c in op.get("responses") or {} if str(c).startswith("2")]
        if codes and len(op["responses"]) > 1:
            del op["responses"][codes[0]]
            return f"{method.upper()} {path}"
    return None


EDITS: list[Edit] = [remove_operation, parameter_became_required, required_parameter_added, response_property_removed,
                     request_string_narrowed, request_enum_value_removed, response_type_changed,
                     request_property_became_required, success_response_removed]  # fmt: skip


# ---------------------------------------------------------------------------------------------- running both


def _load(path: Path) -> Spec:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return dict(json.loads(text))
    sys.path.insert(0, str(ROOT))
    from zsdk_generator.spec.yaml12 import load_yaml

    return dict(load_yaml(text))


def _timed(args: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True)
    return time.perf_counter() - start, result


def run_oasdiff(binary: str, old: Path, new: Path) -> tuple[float, list[dict[str, Any]]]:
    seconds, result = _timed([binary, "breaking", str(old), str(new), "-f", "json"])
    if result.returncode not in (0, 1):
        raise SystemExit(f"oasdiff failed on {new.name}: {result.stderr[-2000:]}")
    items = json.loads(result.stdout or "[]") or []
    return seconds, [item for item in items if item.get("level") == 3]


def _zsdk_diff(old: Path, new: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    zsdk = str(Path(sys.executable).with_name("zsdk-generator"))
    return _timed([zsdk, "diff", str(old), str(new), "--format", "json", "--fail-on", "none"])


def _breaking(result: subprocess.CompletedProcess[str]) -> list[dict[str, Any]]:
    return [c for c in json.loads(result.stdout)["changes"] if c["level"] == "breaking"]


def run_ours(old: Path, new: Path) -> tuple[float, list[dict[str, Any]]]:
    seconds, result = _zsdk_diff(old, new)
    if result.returncode != 0:
        raise SystemExit(f"zsdk-generator diff failed on {new.name}: {result.stderr[-2000:]}")
    return seconds, _breaking(result)


def _print_each(label: str, lines: list[str]) -> None:
    for line in lines:
        print(f"  {label}:", line)


def oasdiff_test_pairs() -> list[tuple[Path, Path]]:
    """oasdiff's own test documents, as (base, revision) pairs."""
    cache = subprocess.run(["go", "env", "GOMODCACHE"], capture_output=True, text=True, check=True).stdout.strip()
    data = Path(cache) / "github.com" / "oasdiff" / f"oasdiff@{OASDIFF_VERSION}" / "data"
    checker = data / "checker"
    stems = {base.name.removesuffix("_base.yaml") for base in checker.glob("*_base.yaml")}
    pairs = []
    for revision in sorted(checker.glob("*.yaml")):
        matching = [stem for stem in stems if revision.name.startswith(stem + "_")]
        if matching and not revision.name.endswith("_base.yaml"):
            pairs.append((checker / f"{max(matching, key=len)}_base.yaml", revision))
    for first in sorted(data.glob("*1.yaml")):
        second = first.with_name(first.name.removesuffix("1.yaml") + "2.yaml")
        if second.exists():
            pairs.append((first, second))
    return pairs


def compare_on_test_documents(binary: str) -> None:
    pairs = oasdiff_test_pairs()
    both = neither = 0
    only_theirs, only_ours, refused = [], [], []
    for base, revision in pairs:
        _, theirs = run_oasdiff(binary, base, revision)
        _, result = _zsdk_diff(base, revision)
        if result.returncode != 0:
            refused.append(f"{revision.name}: {result.stderr.strip().splitlines()[0].split(': error: ')[-1]}")
            continue
        ours = _breaking(result)
        if theirs and ours:
            both += 1
        elif not theirs and not ours:
            neither += 1
        elif theirs:
            only_theirs.append(f"{revision.name}: {', '.join(sorted({t.get('id', '') for t in theirs}))}")
        else:
            only_ours.append(f"{revision.name}: {', '.join(sorted({c['code'] for c in ours}))}")
    print(f"\noasdiff's test documents: {len(pairs)} pairs; both flag breaking {both}, neither {neither}, "
          f"oasdiff only {len(only_theirs)}, zsdk-generator only {len(only_ours)}, refused by zsdk-generator "
          f"{len(refused)}")  # fmt: skip
    _print_each("missed by zsdk-generator", only_theirs)
    _print_each("breaking for zsdk-generator only", only_ours)
    _print_each("refused by zsdk-generator", refused)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--specs", nargs="*", default=SPECS)
    args = parser.parse_args()
    if not SHARED.exists():
        raise SystemExit(f"the shared specs are not here: {SHARED}")
    compile_tool()
    binary = oasdiff()
    rows, missed_by_us, missed_by_them = [], [], []
    with tempfile.TemporaryDirectory(prefix="zsdk-diff-bench-") as tmp:
        for relative in args.specs:
            original = _load(SHARED / relative)
            old = Path(tmp) / f"{Path(relative).stem}.json"
            old.write_text(json.dumps(original), encoding="utf-8")
            for edit in EDITS:
                changed = copy.deepcopy(original)
                broken = edit(changed)
                if broken is None:
                    continue
                new = Path(tmp) / f"{Path(relative).stem}-{edit.__name__}.json"
                new.write_text(json.dumps(changed), encoding="utf-8")
                _, theirs = run_oasdiff(binary, old, new)
                _, ours = run_ours(old, new)
                rows.append((relative, edit.__name__, broken, len(theirs), len(ours)))
                if theirs and not ours:
                    missed_by_us.append(f"{relative} {edit.__name__}: oasdiff {theirs[0].get('text', '')!r}")
                if ours and not theirs:
                    missed_by_them.append(f"{relative} {edit.__name__}: ours {ours[0]['message']!r}")
        print(f"\n{'spec':42} {'edit':34} {'oasdiff':>8} {'zsdk':>6}   (breaking changes reported)")
        for relative, name, _, theirs_count, ours_count in rows:
            print(f"{relative:42} {name:34} {theirs_count:8} {ours_count:6}")
        print(f"\n{len(rows)} pairs; both found a breaking change in "
              f"{sum(1 for r in rows if r[3] and r[4])}; oasdiff only: {len(missed_by_us)}; zsdk only: "
              f"{len(missed_by_them)}")  # fmt: skip
        _print_each("missed by zsdk-generator", missed_by_us)
        _print_each("missed by oasdiff", missed_by_them)
        compare_on_test_documents(binary)
        stripe = SHARED / "real/stripe-2022-04.json"
        if stripe.exists():
            old = Path(tmp) / "stripe-2022-04.json"
            new = Path(tmp) / "stripe-2022-04-parameter_became_required.json"
            if new.exists():
                theirs_times = [run_oasdiff(binary, old, new)[0] for _ in range(args.runs)]
                ours_times = [run_ours(old, new)[0] for _ in range(args.runs)]
                a, b = statistics.median(ours_times), statistics.median(theirs_times)
                print(f"\nStripe, median of {args.runs}: zsdk-generator diff {a:.2f} s, oasdiff breaking {b:.2f} s "
                      f"({b / a:.2f}× {'faster' if a < b else 'slower'} than oasdiff)")  # fmt: skip


if __name__ == "__main__":
    main()
