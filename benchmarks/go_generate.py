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

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from python_generate import (  # noqa: E402 - the sibling script's timing pieces
    OUT,
    ROOT,
    Result,
    benchmark_parser,
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
    args = parse_benchmark_args(benchmark_parser(__doc__, PEER))
    specs = resolve_specs(args.specs)
    peer_version = None if args.skip_peer else ensure_peer()
    print(f"go generate benchmark: median of {args.runs} runs, each a fresh process and an empty output folder; "
          f"{os.cpu_count()} cores")  # fmt: skip
    print(f"zsdk: {shown(zsdk_command(Path('SPEC')))}")
    if peer_version:
        print(f"peer: OpenAPI Generator ({PEER} {peer_version}): {shown(peer_command(Path('SPEC')))}")
    print()
    rows: list[tuple[Path, Result, Result | None]] = []
    for spec in specs:
        zsdk = Result(runs=[timed_run(zsdk_command(spec)) for _ in range(args.runs)])
        zsdk.note = zsdk_note(zsdk)
        peer = None
        if peer_version:
            peer = Result(runs=[timed_run(peer_command(spec), inspect=count_peer_files) for _ in range(args.runs)])
            peer.note = peer_note(peer)
        rows.append((spec, zsdk, peer))
    print_table(rows)
    print_notes(rows)


if __name__ == "__main__":
    main()
