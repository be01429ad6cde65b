"""Time the spine — load, structure, upgrade, checks, IR build — and openapi-spec-validator on the largest specs.

Each measurement runs in a fresh interpreter (so caches and memory start cold);
the figures printed are the median of --runs runs, and peak memory is the
child's maximum resident set size. Usage:

    python benchmarks/spine.py [--runs 3] [SPEC ...]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("ZSDK_SHARED_SPECS", ROOT.parent / "shared" / "specs"))
DEFAULT_SPECS = [
    "real/stripe-2022-04.json",
    "real/github-api.github.com-2022-07.json",
    "real/openai-openapi.yaml",
]
TARGETS = {"stripe-2022-04.json": 1.0, "github-api.github.com-2022-07.json": 1.0, "openai-openapi.yaml": 2.0}


def measure_once(spec: str, validate: bool) -> dict[str, float]:
    """Runs in the child: one pass of every stage, timed separately (with the collector paused, as in run())."""
    import gc
    import resource

    from zsdk_generator.ir.builder import build_api
    from zsdk_generator.spec.checks import semantic_checks
    from zsdk_generator.spec.load import load_document
    from zsdk_generator.spec.structure import check_structure
    from zsdk_generator.spec.upgrade import upgrade
    from zsdk_generator.spec.validate import spec_validator_findings

    gc.disable()
    figures: dict[str, float] = {}
    start = time.perf_counter()
    document = load_document(spec)
    figures["load"] = time.perf_counter() - start
    if validate:
        start = time.perf_counter()
        spec_validator_findings(document.data)
        figures["openapi-spec-validator"] = time.perf_counter() - start
    start = time.perf_counter()
    check_structure(document.data)
    figures["structure"] = time.perf_counter() - start
    start = time.perf_counter()
    upgrade(document)
    figures["upgrade"] = time.perf_counter() - start
    start = time.perf_counter()
    semantic_checks(document)
    figures["checks"] = time.perf_counter() - start
    start = time.perf_counter()
    build_api(document)
    figures["ir"] = time.perf_counter() - start
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def run_child(spec: str, validate: bool) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", spec] + (["--validate"] if validate else []),
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("specs", nargs="*")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child")
    parser.add_argument("--validate", action="store_true")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure_once(args.child, args.validate)))
        return
    specs = [Path(s) for s in args.specs] or [SHARED / s for s in DEFAULT_SPECS]
    missing = [str(s) for s in specs if not s.exists()]
    if missing:
        sys.exit(f"benchmark specs not found: {', '.join(missing)} (is ../shared/specs present?)")
    print(f"spine benchmark: median of {args.runs} runs, each in a fresh process; python {sys.version.split()[0]}")
    header = (
        f"{'spec':40} {'load':>7} {'struct':>7} {'upgrade':>8} {'checks':>7} {'ir':>7} {'total':>7} {'target':>7} "
        f"{'peak MB':>8}"
    )
    print(header)
    print("-" * len(header))
    validator_rows = []
    for spec in specs:
        runs = [run_child(str(spec), validate=False) for _ in range(args.runs)]
        med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        total = med["load"] + med["structure"] + med["upgrade"] + med["checks"] + med["ir"]
        target = TARGETS.get(spec.name)
        verdict = "" if target is None else f"<{target:.1f}s {'ok' if total < target else 'MISSED'}"
        print(f"{spec.name:40} {med['load']:7.3f} {med['structure']:7.3f} {med['upgrade']:8.3f} {med['checks']:7.3f} "
              f"{med['ir']:7.3f} {total:7.3f} {verdict:>7} {med['peak_mb']:8.1f}")  # fmt: skip
        validated = [run_child(str(spec), validate=True)["openapi-spec-validator"] for _ in range(args.runs)]
        validator_rows.append((spec.name, statistics.median(validated)))
    print()
    print("validation (openapi-spec-validator, `zsdk-generator validate` only — not on the generate/ir path):")
    for name, seconds in validator_rows:
        print(f"  {name:40} {seconds:7.3f} s")


if __name__ == "__main__":
    main()
