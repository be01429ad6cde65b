"""Time `zsdk-generator generate --lang LANG` against OpenAPI Generator's generator for the same language.

The shared body of go_generate.py, rust_generate.py and their kin: both tools run in the same invocation, on
the same specs, each run a fresh process writing into a fresh, empty output folder; the figures are the median
of --runs runs, with peak resident memory of the process tree (python_generate.py's timing pieces). Neither side
formats or builds what it wrote.

The peer is the `openapi-generator-cli` package from PyPI (it bundles OpenAPI Generator's jar; Java 17 runs
it), installed on first use into benchmarks/.peers/openapi-generator (gitignored), pinned to PEER_VERSION, and
run as `openapi-generator-cli generate -g GENERATOR -i SPEC -o OUT --skip-validate-spec` (without the last flag
it refuses Stripe and GitHub on validation errors). Its exit code and how many API and model files it wrote
are reported.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from python_generate import (  # noqa: E402 - the sibling script's timing pieces
    OUT,
    ROOT,
    Result,
    benchmark_parser,
    ensure_pypi_peer,
    last_line,
    parse_benchmark_args,
    print_notes,
    print_table,
    resolve_specs,
    shown,
    timed_run,
)

PEER = "openapi-generator-cli"
PEER_VERSION = "7.10.0"
PEER_VENV = ROOT / "benchmarks" / ".peers" / "openapi-generator"
TARGET_RATIO = 5.0  # the speed-up over the peer each language's issue asks for


@dataclass(frozen=True)
class Comparison:
    """One language: our `--lang`, OpenAPI Generator's `-g` (with its `--additional-properties`, if any), and
    how to count the API and model files the peer wrote."""

    lang: str
    generator: str
    count_files: Callable[[Path], str]
    peer_properties: str = ""


def zsdk_command(lang: str, spec: Path) -> list[str]:
    return ["zsdk-generator", "generate", "--lang", lang, "--spec", str(spec), "--out", OUT]


def peer_command(comparison: Comparison, spec: Path) -> list[str]:
    command = [str(PEER_VENV / "bin" / PEER), "generate", "-g", comparison.generator, "-i", str(spec), "-o", OUT,
               "--skip-validate-spec"]  # fmt: skip
    return command + (["--additional-properties", comparison.peer_properties] if comparison.peer_properties else [])


def files_counted(api_glob: str, model_glob: str) -> Callable[[Path], str]:
    """A counter of the peer's output: how many files match each glob under the output folder."""

    def count(out: Path) -> str:
        apis = sum(1 for _ in out.glob(api_glob))
        models = sum(1 for _ in out.glob(model_glob))
        return f"{apis} api files, {models} model files"

    return count


def ensure_peer() -> str | None:
    if shutil.which("java") is None:
        print("java is not on PATH: OpenAPI Generator cannot run; peer columns left empty")
        return None
    return ensure_pypi_peer(PEER, PEER_VERSION, PEER_VENV)


def zsdk_note(lang: str, result: Result) -> str:
    failed = [r for r in result.runs if r.returncode != 0]
    if failed:
        return f"exit {failed[0].returncode}: {last_line(failed[0].output)}"
    summary = [line for line in result.runs[0].output.splitlines() if line.startswith(f"{lang}:")]
    return re.sub(r" → \S+:", ":", summary[-1]) if summary else last_line(result.runs[0].output)


def peer_note(result: Result) -> str:
    run = result.runs[-1]
    errors = [line.strip() for line in run.output.splitlines() if "Exception" in line or "[error]" in line.lower()]
    reason = errors[0] if errors and run.returncode != 0 else ("generated" if run.returncode == 0 else
                                                                last_line(run.output))  # fmt: skip
    return f"exit {run.returncode}: {reason}" + (f" ({run.found})" if run.found else "")


def main(comparison: Comparison, doc: str | None) -> None:
    args = parse_benchmark_args(benchmark_parser(doc, PEER))
    specs = resolve_specs(args.specs)
    peer_version = None if args.skip_peer else ensure_peer()
    print(f"{comparison.lang} generate benchmark: median of {args.runs} runs, each a fresh process and an empty "
          f"output folder; {os.cpu_count()} cores")  # fmt: skip
    print(f"zsdk: {shown(zsdk_command(comparison.lang, Path('SPEC')))}")
    if peer_version:
        print(f"peer: OpenAPI Generator ({PEER} {peer_version}): {shown(peer_command(comparison, Path('SPEC')))}")
    print()
    rows: list[tuple[Path, Result, Result | None]] = []
    for spec in specs:
        zsdk = Result(runs=[timed_run(zsdk_command(comparison.lang, spec)) for _ in range(args.runs)])
        zsdk.note = zsdk_note(comparison.lang, zsdk)
        peer = None
        if peer_version:
            peer = Result(runs=[timed_run(peer_command(comparison, spec), inspect=comparison.count_files)
                                for _ in range(args.runs)])  # fmt: skip
            peer.note = peer_note(peer)
        rows.append((spec, zsdk, peer))
    print_table(rows)
    print_notes(rows)
    print_ratios(rows)


def print_ratios(rows: list[tuple[Path, Result, Result | None]]) -> None:
    """The target, spec by spec: at least TARGET_RATIO times faster than the peer."""
    print()
    print(f"target: ≥ {TARGET_RATIO:g}× faster than OpenAPI Generator on every spec")
    for spec, zsdk, peer in rows:
        if peer is None or not zsdk.ok:
            print(f"  {spec.name}: n/a ({'peer not run' if peer is None else 'zsdk-generator failed'})")
            continue
        ratio = peer.seconds / zsdk.seconds
        caveat = "" if peer.ok else f" (the peer failed; against its {peer.seconds:.2f} s to failure)"
        print(f"  {spec.name}: {ratio:.2f}× {'ok' if ratio >= TARGET_RATIO else 'MISSED'}{caveat}")
