"""Time `zsdk-generator generate --lang go` against OpenAPI Generator's `go` generator on the largest real specs.

Both run in the same invocation, on the same specs, each run a fresh process writing into a fresh, empty
output folder; the figures are the median of --runs runs, with peak resident memory of the process tree
(see benchmarks/python_generate.py, whose timing pieces this reuses). Neither side runs gofmt or builds.

The peer is the `openapi-generator-cli` package from PyPI (it bundles OpenAPI Generator's jar; Java 17 runs
it), installed on first use into benchmarks/.peers/openapi-generator (gitignored), pinned to PEER_VERSION, and
run as `openapi-generator-cli generate -g go -i SPEC -o OUT --skip-validate-spec` (without the last flag it
refuses Stripe and GitHub on validation errors). Its exit code and how many API and model files it wrote are
reported. Usage:

    python benchmarks/go_generate.py [--runs 3] [--skip-peer] [--specs SPEC ...]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from python_generate import (  # noqa: E402 - the sibling script's timing pieces
    DEFAULT_SPECS,
    OUT,
    ROOT,
    Result,
    last_line,
    resolve_specs,
    shown,
    timed_run,
)

PEER = "openapi-generator-cli"
PEER_VERSION = "7.10.0"
PEER_VENV = ROOT / "benchmarks" / ".peers" / "openapi-generator"


def zsdk_command(spec: Path) -> list[str]:
    return ["zsdk-generator", "generate", "--lang", "go", "--spec", str(spec), "--out", OUT]


def peer_command(spec: Path) -> list[str]:
    return [str(PEER_VENV / "bin" / PEER), "generate", "-g", "go", "-i", str(spec), "-o", OUT,
            "--skip-validate-spec"]  # fmt: skip


def count_peer_files(out: Path) -> str:
    apis = sum(1 for _ in out.glob("api_*.go"))
    models = sum(1 for _ in out.glob("model_*.go"))
    return f"{apis} api files, {models} model files"


def ensure_peer() -> str | None:
    python = PEER_VENV / "bin" / "python"
    version = installed_version(python)
    if version == PEER_VERSION:
        return version
    print(f"installing {PEER}=={PEER_VERSION} into {PEER_VENV.relative_to(ROOT)} ...", flush=True)
    try:
        if not python.exists():
            subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", f"{PEER}=={PEER_VERSION}"], check=True,
                       stdin=subprocess.DEVNULL)  # fmt: skip
    except subprocess.CalledProcessError as error:
        print(f"could not install {PEER}: {error}; peer columns left empty")
        return None
    if shutil.which("java") is None:
        print("java is not on PATH: OpenAPI Generator cannot run; peer columns left empty")
        return None
    return installed_version(python)


def installed_version(python: Path) -> str | None:
    if not python.exists():
        return None
    probe = subprocess.run([str(python), "-c", f"import importlib.metadata as m; print(m.version({PEER!r}))"],
                           capture_output=True, text=True)  # fmt: skip
    return probe.stdout.strip() if probe.returncode == 0 else None


def zsdk_note(result: Result) -> str:
    failed = [r for r in result.runs if r.returncode != 0]
    if failed:
        return f"exit {failed[0].returncode}: {last_line(failed[0].output)}"
    summary = [line for line in result.runs[0].output.splitlines() if line.startswith("go:")]
    return re.sub(r" → \S+:", ":", summary[-1]) if summary else last_line(result.runs[0].output)


def peer_note(result: Result) -> str:
    run = result.runs[-1]
    errors = [line.strip() for line in run.output.splitlines() if "Exception" in line or "[error]" in line.lower()]
    reason = errors[0] if errors and run.returncode != 0 else ("generated" if run.returncode == 0 else
                                                                last_line(run.output))  # fmt: skip
    return f"exit {run.returncode}: {reason}" + (f" ({run.found})" if run.found else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="runs per generator and spec; the median is shown")
    parser.add_argument("--skip-peer", action="store_true", help=f"do not install or run {PEER}")
    parser.add_argument("--specs", nargs="+", default=DEFAULT_SPECS, metavar="SPEC")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if shutil.which("zsdk-generator") is None:
        parser.error("zsdk-generator is not on PATH (pip install -e . first)")
    specs = resolve_specs(args.specs)
    peer_version = None if args.skip_peer else ensure_peer()
    print(f"go generate benchmark: median of {args.runs} runs, each a fresh process and an empty output folder; "
          f"{os.cpu_count()} cores")  # fmt: skip
    print(f"zsdk: {shown(zsdk_command(Path('SPEC')))}")
    if peer_version:
        print(f"peer: OpenAPI Generator ({PEER} {peer_version}): {shown(peer_command(Path('SPEC')))}")
    print()
    header = f"{'spec':40} {'zsdk s':>8} {'zsdk MB':>8} {'peer s':>8} {'peer MB':>8} {'peer/zsdk':>10}"
    print(header)
    print("-" * len(header))
    notes = []
    peer_failed = False
    for spec in specs:
        zsdk = Result(runs=[timed_run(zsdk_command(spec)) for _ in range(args.runs)])
        peer = None
        if peer_version:
            peer = Result(runs=[timed_run(peer_command(spec), inspect=count_peer_files) for _ in range(args.runs)])
        zsdk_s = f"{zsdk.seconds:8.2f}" if zsdk.ok else f"{'FAILED':>8}"
        peer_s = "-" if peer is None else f"{peer.seconds:.2f}" + ("" if peer.ok else "*")
        peer_mb = "-" if peer is None else f"{peer.peak_mb:.1f}"
        ratio = "-" if peer is None or not zsdk.ok else f"{peer.seconds / zsdk.seconds:.2f}x" + ("" if peer.ok else "*")
        print(f"{spec.name:40} {zsdk_s} {zsdk.peak_mb:8.1f} {peer_s:>8} {peer_mb:>8} {ratio:>10}", flush=True)
        notes.append((spec, zsdk_note(zsdk), None if peer is None else peer_note(peer)))
        peer_failed = peer_failed or (peer is not None and not peer.ok)
    if peer_failed:
        print("* the peer exited non-zero: its time is time-to-failure, not a full generation")
    print()
    for spec, zsdk_text, peer_text in notes:
        print(f"{spec.name}:\n  zsdk: {zsdk_text}" + (f"\n  peer: {peer_text}" if peer_text else ""))


if __name__ == "__main__":
    main()
