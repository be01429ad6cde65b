"""Every language from the largest real specs, stage by stage, beside OpenAPI Generator.

For each spec (Stripe, GitHub, OpenAI by default), in one invocation:

- `zsdk-generator generate --lang all` (the six languages rendered side by side) and `--lang LANG` for each
  language, --runs fresh processes each into an empty folder, with `--timings`: the median of each stage (load,
  checks, upgrade, IR, each language's plan, render and format, write), the median wall time and peak memory
  (the largest resident set of any process in the run's tree: the workers `--lang all` forks share the parent's
  pages until they change them), and which stage dominates;
- OpenAPI Generator's generator for each language (python, typescript-fetch, go, rust, java with
  library=native, php; --peer-runs runs each), as the per-language scripts run it, and the ratio;
- the verdicts: `--lang all` in under twice the slowest single language, under 400 MB, and each language at
  least 10× faster than OpenAPI Generator's.

Usage:

    python benchmarks/all.py [--runs 3] [--peer-runs 3] [--skip-peers] [--specs SPEC ...]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from go_generate import GO  # noqa: E402 - sibling scripts
from java_generate import JAVA  # noqa: E402
from openapi_generator import Comparison, ensure_peer, files_counted, peer_command  # noqa: E402
from php_generate import PHP  # noqa: E402
from python_generate import (  # noqa: E402
    DEFAULT_SPECS,
    OUT,
    Result,
    compile_tool,
    last_line,
    resolve_specs,
    timed_run,
)
from rust_generate import RUST  # noqa: E402

PYTHON = Comparison("python", "python", files_counted("openapi_client/api/*_api.py", "openapi_client/models/*.py"))
TYPESCRIPT = Comparison("typescript", "typescript-fetch", files_counted("apis/*.ts", "models/*.ts"))
LANGUAGES = [PYTHON, TYPESCRIPT, GO, RUST, JAVA, PHP]
TARGET_RATIO = 10.0  # each language at least this many times faster than OpenAPI Generator's
ALL_VS_SLOWEST = 2.0  # --lang all in under this many times the slowest single language
ALL_PEAK_MB = 400.0
# Only the end of each run's output is kept: OpenAPI Generator logs a line per file, and a benchmark process that
# grows raises the peak memory the next runs report (a forked child starts with its parent's resident set).
_KEPT_OUTPUT = 4000


@dataclass
class Measured(Result):
    """The runs of one command (median wall time and peak memory: python_generate.Result), and the stages
    `--timings` reported."""

    stages: list[dict[str, float]] = field(default_factory=list)

    def stage_medians(self) -> dict[str, float]:
        names = dict.fromkeys(name for laps in self.stages for name in laps)
        return {name: statistics.median(laps.get(name, 0.0) for laps in self.stages) for name in names}

    def dominant(self, *, one_language: bool = True) -> str:
        """The stage that took longest; for one language (its stages ran one after another), the time outside
        them (start-up, imports, the summary) counts as a stage too."""
        medians = self.stage_medians()
        if not medians:
            return "-"
        if one_language:
            medians["start-up and the rest"] = max(0.0, self.seconds - sum(medians.values()))
        name = max(medians, key=lambda n: medians[n])
        return f"{name} {medians[name]:.2f} s ({medians[name] / self.seconds:.0%})"


def zsdk(lang: str, spec: Path, runs: int) -> Measured:
    command = ["zsdk-generator", "generate", "--lang", lang, "--spec", str(spec), "--out", OUT, "--format", "json",
               "--timings", "--quiet"]  # fmt: skip
    measured = Measured()
    for _ in range(runs):
        run = timed_run(command)
        measured.runs.append(run)
        if run.returncode == 0:
            start = 0 if run.output.startswith("{") else run.output.index("\n{") + 1
            measured.stages.append(json.loads(run.output[start:])["timings"])
        run.output = run.output[-_KEPT_OUTPUT:]
    return measured


def peer(comparison: Comparison, spec: Path, runs: int) -> Measured:
    measured = Measured(runs=[timed_run(peer_command(comparison, spec)) for _ in range(runs)])
    for run in measured.runs:
        run.output = run.output[-_KEPT_OUTPUT:]
    return measured


def print_spec(spec: Path, together: Measured, alone: dict[str, Measured], peers: dict[str, Measured]) -> None:
    print(f"\n== {spec.name}")
    if not together.ok:
        print(f"  --lang all FAILED: {last_line(together.runs[-1].output)}")
        return
    medians = together.stage_medians()
    shared = ("load", "checks", "upgrade", "IR")
    print("  --lang all, stage medians (s; a language's stages ran in a worker, beside another language's):")
    print("    " + ", ".join(f"{name} {medians.get(name, 0.0):.2f}" for name in shared)
          + f", write {medians.get('write', 0.0):.2f}")  # fmt: skip
    for comparison in LANGUAGES:
        lang = comparison.lang
        parts = [f"{stage} {medians.get(f'{lang} {stage}', 0.0):.2f}" for stage in ("plan", "render", "format")]
        print(f"    {lang:11} " + ", ".join(parts))
    print(f"  dominant stage of --lang all: {together.dominant(one_language=False)}")
    header = (
        f"  {'language':11} {'zsdk s':>7} {'zsdk MB':>8} {'OAG s':>7} {'OAG MB':>7} {'OAG/zsdk':>9}  dominant stage"
    )
    print(header)
    print("  " + "-" * (len(header) + 20))
    for comparison in LANGUAGES:
        ours, theirs = alone[comparison.lang], peers.get(comparison.lang)
        ratio = f"{theirs.seconds / ours.seconds:.2f}x" if theirs and theirs.ok and ours.ok else "-"
        their_s = f"{theirs.seconds:.2f}" + ("" if theirs.ok else "*") if theirs else "-"
        their_mb = f"{theirs.peak_mb:.0f}" if theirs else "-"
        our_s = f"{ours.seconds:.2f}" if ours.ok else "FAILED"
        print(f"  {comparison.lang:11} {our_s:>7} {ours.peak_mb:8.0f} {their_s:>7} {their_mb:>7} {ratio:>9}  "
              f"{ours.dominant()}")  # fmt: skip
    print(f"  {'all six':11} {together.seconds:7.2f} {together.peak_mb:8.0f}")
    if any(theirs is not None and not theirs.ok for theirs in peers.values()):
        print("  * OpenAPI Generator exited non-zero: time to failure")
    print_verdicts(together, alone, peers)


def print_verdicts(together: Measured, alone: dict[str, Measured], peers: dict[str, Measured]) -> None:
    slowest = max(alone.values(), key=lambda m: m.seconds)
    slowest_lang = next(lang for lang, m in alone.items() if m is slowest)
    limit = ALL_VS_SLOWEST * slowest.seconds
    print(f"  --lang all {together.seconds:.2f} s < {ALL_VS_SLOWEST:g} × the slowest language ({slowest_lang} "
          f"{slowest.seconds:.2f} s = {limit:.2f} s): {'ok' if together.seconds < limit else 'MISSED'}")  # fmt: skip
    print(f"  --lang all peak {together.peak_mb:.0f} MB < {ALL_PEAK_MB:g} MB: "
          f"{'ok' if together.peak_mb < ALL_PEAK_MB else 'MISSED'}")  # fmt: skip
    for lang, theirs in peers.items():
        ours = alone[lang]
        if not (theirs.ok and ours.ok):
            print(f"  {lang}: ≥ {TARGET_RATIO:g}× OpenAPI Generator: n/a (a generator failed)")
            continue
        ratio = theirs.seconds / ours.seconds
        print(f"  {lang}: ≥ {TARGET_RATIO:g}× OpenAPI Generator: {ratio:.2f}× "
              f"{'ok' if ratio >= TARGET_RATIO else 'MISSED'}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="fresh-process runs of each zsdk-generator command")
    parser.add_argument("--peer-runs", type=int, default=3, help="runs of each OpenAPI Generator generator")
    parser.add_argument("--skip-peers", action="store_true", help="do not install or run OpenAPI Generator")
    parser.add_argument("--specs", nargs="+", default=DEFAULT_SPECS, metavar="SPEC")
    args = parser.parse_args()
    if args.runs < 3:
        parser.error("--runs must be at least 3 (the figures are medians)")
    compile_tool()
    specs = resolve_specs(args.specs)
    version = None if args.skip_peers else ensure_peer()
    print(f"all languages: medians of {args.runs} fresh-process runs (OpenAPI Generator: {args.peer_runs}); "
          f"{os.cpu_count()} cores; OpenAPI Generator {version or 'not run'}")  # fmt: skip
    for spec in specs:
        together = zsdk("all", spec, args.runs)
        alone = {c.lang: zsdk(c.lang, spec, args.runs) for c in LANGUAGES}
        peers = {c.lang: peer(c, spec, args.peer_runs) for c in LANGUAGES} if version else {}
        print_spec(spec, together, alone, peers)


if __name__ == "__main__":
    main()
