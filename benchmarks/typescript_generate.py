"""Time `zsdk-generator generate --lang typescript` against @hey-api/openapi-ts on the largest real specs.

Both run in the same invocation, each run a fresh process writing into a fresh, empty output folder; the figures
are the median of --runs runs, with peak memory (largest resident set size in the run's process tree) and the
ratio. The measuring pieces are python_generate.py's.

The peer, @hey-api/openapi-ts (pinned to PEER_VERSION, the newest that runs on Node 20, with the typescript it
needs as a peer dependency), is installed with npm on first use into benchmarks/.peers/hey-api (gitignored) and
run with its defaults (`openapi-ts -i SPEC -o OUT`: types, SDK functions and its fetch client). Usage:

    python benchmarks/typescript_generate.py [--runs 3] [--skip-peer] [--specs SPEC ...]

Exits non-zero only for usage errors or when zsdk-generator fails to generate.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from python_generate import (  # noqa: E402  (benchmarks/ is a folder of scripts, not a package)
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

PEER = "@hey-api/openapi-ts"
PEER_VERSION = "0.95.0"
PEER_TYPESCRIPT = "5.9.3"
PEER_DIR = ROOT / "benchmarks" / ".peers" / "hey-api"
PEER_BIN = PEER_DIR / "node_modules" / ".bin" / "openapi-ts"
TARGET_SPEC = "stripe-2022-04.json"
TARGET_RATIO = 5.0


def zsdk_command(spec: Path) -> list[str]:
    return ["zsdk-generator", "generate", "--lang", "typescript", "--spec", str(spec), "--out", OUT]


def peer_command(spec: Path) -> list[str]:
    return [str(PEER_BIN), "-i", str(spec), "-o", OUT]


def count_ts(out: Path) -> str:
    files = [p for p in out.rglob("*.ts") if p.is_file()]
    return f"{len(files)} .ts files, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB"


def installed_peer_version() -> str | None:
    manifest = PEER_DIR / "node_modules" / "@hey-api" / "openapi-ts" / "package.json"
    if not manifest.exists() or not PEER_BIN.exists():
        return None
    return str(json.loads(manifest.read_text())["version"])


def ensure_peer() -> str | None:
    """Install the pinned peer with npm on first use; the installed version, or None (peer columns left empty)."""
    version = installed_peer_version()
    if version == PEER_VERSION:
        return version
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        print("node/npm not found: peer columns left empty")
        return None
    print(f"installing {PEER}@{PEER_VERSION} into {PEER_DIR.relative_to(ROOT)} ...", flush=True)
    PEER_DIR.mkdir(parents=True, exist_ok=True)
    (PEER_DIR / "package.json").write_text('{"private": true}\n')
    packages = [f"{PEER}@{PEER_VERSION}", f"typescript@{PEER_TYPESCRIPT}"]
    result = subprocess.run([npm, "install", "--no-audit", "--no-fund", *packages], cwd=PEER_DIR, capture_output=True,
                            text=True)  # fmt: skip
    if result.returncode != 0:
        print(f"could not install {PEER}: {last_line(result.stderr)}; peer columns left empty")
        return None
    return installed_peer_version()


def failure_reason(output: str) -> str:
    """The first error message in a failed run's output (ANSI colours removed), else its last line."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", output)
    for line in text.splitlines():
        if re.search(r"\b(Error|error)\b", line) and not line.strip().startswith("at "):
            message = re.search(r"message: '([^']*)", text)
            return line.strip() + (f" ({message.group(1).strip()})" if message else "")
    return last_line(text)


def bench(command: list[str], runs: int, summary_prefix: str | None) -> Result:
    result = Result(runs=[timed_run(command, inspect=count_ts) for _ in range(runs)])
    failed = [r for r in result.runs if r.returncode != 0]
    if failed:
        result.note = f"exit {failed[0].returncode}: {failure_reason(failed[0].output)}"
        return result
    note = ""
    if summary_prefix:
        lines = [line for line in result.runs[0].output.splitlines() if line.startswith(summary_prefix)]
        note = re.sub(r" → \S+:", ":", lines[-1]) + "; " if lines else ""
    result.note = note + result.runs[0].found
    return result


def main() -> None:
    args = parse_benchmark_args(benchmark_parser(__doc__, PEER))
    specs = resolve_specs(args.specs)
    peer_version = None if args.skip_peer else ensure_peer()
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip() or "absent"
    print(f"typescript generate benchmark: median of {args.runs} runs, each a fresh process and an empty output "
          f"folder; {os.cpu_count()} cores, node {node}")  # fmt: skip
    print(f"zsdk: {shown(zsdk_command(Path('SPEC')))}")
    if peer_version:
        print(f"peer: {PEER} {peer_version}: {shown(peer_command(Path('SPEC')))}")
    print()
    rows = []
    for spec in specs:
        zsdk = bench(zsdk_command(spec), args.runs, "typescript:")
        peer = bench(peer_command(spec), args.runs, None) if peer_version else None
        rows.append((spec, zsdk, peer))
    print_table(rows)
    print_notes(rows)
    print()
    row = next((r for r in rows if r[0].name == TARGET_SPEC), None)
    if row is not None and row[2] is not None and row[1].ok:
        ratio = row[2].seconds / row[1].seconds
        print(f"target: ≥ {TARGET_RATIO:g}× faster than {PEER} on Stripe: {ratio:.2f}× "
              f"{'ok' if ratio >= TARGET_RATIO else 'MISSED'}")  # fmt: skip
    if not all(zsdk.ok for _, zsdk, _ in rows):
        sys.exit("zsdk-generator failed to generate (see above): that is a bug")


if __name__ == "__main__":
    main()
