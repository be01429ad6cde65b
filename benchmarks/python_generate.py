"""Time `zsdk-generator generate --lang python` against openapi-python-client on the largest real specs.

Every run is a fresh process writing into a fresh, empty output folder (so nothing
is "unchanged"); the figures printed are the median of --runs runs. Peak memory is
the largest resident set size of any process in the run's tree (the child and the
descendants it waited for, as reported by wait4), not their sum. The command is started
by a small launcher process (`_LAUNCH`), not by this one: Linux counts the resident set
of the process a child is forked from into the child's peak, so a benchmark that has
grown would otherwise inflate every figure after it.

The peer, openapi-python-client, is installed on first use into its own venv at
benchmarks/.peers/venv (gitignored), pinned to PEER_VERSION, and run with its
defaults (`--meta poetry` and its ruff post-hooks, which use the ruff that it
depends on: the venv's bin/ is put first on PATH) plus one option from its own
config file, `literal_enums: true`: with its default enum classes it stops on
Stripe with a duplicate enum key, so without it there is no full generation to
compare with. --peer-defaults runs it without the config file. It fails on some
real specs, or exits 0 while leaving endpoints out: both are reported, never
hidden. Usage:

    python benchmarks/python_generate.py [--runs 3] [--skip-peer] [--peer-defaults] [--specs SPEC ...]

SPEC is a path, or a path under ../shared/specs (override with ZSDK_SHARED_SPECS).
Exits non-zero only for usage errors or when zsdk-generator fails to generate.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("ZSDK_SHARED_SPECS", ROOT.parent / "shared" / "specs"))
DEFAULT_SPECS = [
    "real/stripe-2022-04.json",
    "real/github-api.github.com-2022-07.json",
    "real/openai-openapi.yaml",
]
PEER = "openapi-python-client"
PEER_VERSION = "0.29.1"
PEER_VENV = ROOT / "benchmarks" / ".peers" / "venv"
PEER_CONFIG = ROOT / "benchmarks" / ".peers" / "config.yaml"
PEER_CONFIG_TEXT = "literal_enums: true\n"
TARGET_SPEC = "stripe-2022-04.json"
TARGET_SECONDS = 3.0
TARGET_RATIO = 10.0
OUT = "{out}"  # stands for the fresh output folder in a printed command line
Inspect = Callable[[Path], str]


@dataclass
class Run:
    """One timed run of one generator on one spec."""

    seconds: float
    peak_mb: float
    returncode: int
    output: str
    found: str = ""  # what inspect saw in the output folder


@dataclass
class Result:
    """The runs of one generator on one spec, and what its output said."""

    runs: list[Run] = field(default_factory=list)
    note: str = ""

    @property
    def ok(self) -> bool:
        return all(r.returncode == 0 for r in self.runs)

    @property
    def seconds(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def peak_mb(self) -> float:
        return statistics.median(r.peak_mb for r in self.runs)


def timed_run(command: list[str], env: dict[str, str] | None = None, inspect: Inspect | None = None) -> Run:
    """Run command in a fresh process and empty folder; {out} is a not-yet-existing folder in it.

    inspect, when given, looks at a successful run's output folder before it is removed.
    """
    with tempfile.TemporaryDirectory(prefix="zsdk-bench-") as tmp:
        out = Path(tmp) / "out"
        log_path = Path(tmp) / "log.txt"
        argv = [str(out) if a == OUT else a for a in command]
        figures_path = Path(tmp) / "figures.txt"
        launcher = [sys.executable, "-S", "-c", _LAUNCH, str(figures_path), *argv]
        with log_path.open("w") as log:
            subprocess.run(launcher, stdout=log, stderr=log, stdin=subprocess.DEVNULL, cwd=tmp, env=env, check=False)
        seconds_text, peak_kb, code = figures_path.read_text().split()
        output = log_path.read_text(errors="replace")
        found = inspect(out) if int(code) == 0 and inspect is not None else ""
    return Run(float(seconds_text), int(peak_kb) / 1024, int(code), output, found)


# The launcher: forks and execs the command, waits for it, and writes its wall time, peak resident set (KB, the
# largest of it and the descendants it waited for) and exit code to the file named first.
_LAUNCH = """
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    except OSError as exc:
        print(f"cannot run {sys.argv[2]}: {exc}", file=sys.stderr, flush=True)
    os._exit(127)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
with open(sys.argv[1], "w") as figures:
    figures.write(f"{seconds} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


def count_peer_endpoints(out: Path) -> str:
    """openapi-python-client writes one module per endpoint under PACKAGE/api/TAG/."""
    count = sum(1 for p in out.glob("*/api/*/*.py") if p.name != "__init__.py")
    return f"{count} endpoint modules generated"


def zsdk_command(spec: Path) -> list[str]:
    return ["zsdk-generator", "generate", "--lang", "python", "--spec", str(spec), "--out", OUT]


def zsdk_note(output: str) -> str:
    """zsdk-generator ends with a summary line: `python: N operations, M models → OUT: ...`."""
    summary = [line for line in output.splitlines() if line.startswith("python:")]
    if summary:
        return re.sub(r" → \S+:", ":", summary[-1])
    return last_line(output)


def peer_command(spec: Path, with_config: bool) -> list[str]:
    command = [str(PEER_VENV / "bin" / PEER), "generate", "--path", str(spec), "--output-path", OUT, "--overwrite"]
    return command + ["--config", str(PEER_CONFIG)] if with_config else command


def peer_env() -> dict[str, str]:
    """The venv's bin/ first (its post-hooks call `ruff`), and wide lines so its messages do not wrap."""
    env = dict(os.environ)
    env["PATH"] = f"{PEER_VENV / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(PEER_VENV)
    env["COLUMNS"] = "1000"
    return env


def peer_note(run: Run) -> str:
    """Exit code, a one-line reason, and the warnings openapi-python-client printed."""
    text = run.output
    endpoint_warnings = len(re.findall(r"^WARNING parsing ", text, re.M))
    skipped = text.count("Endpoint will not be generated")
    schema_warnings = len(re.findall(r"^Unable to parse this part of your OpenAPI document", text, re.M))
    schemas_failed = len(re.findall(r"^Unable to process schema ", text, re.M))
    counts = (
        f"{endpoint_warnings} endpoint warnings, {skipped} endpoints skipped, "
        f"{schema_warnings} schema warnings, {schemas_failed} schemas failed"
    )
    if run.found:
        counts += f", {run.found}"
    return f"exit {run.returncode}: {peer_reason(text, run.returncode)} ({counts})"


def peer_reason(text: str, returncode: int) -> str:
    """The exception that stopped it, else its own verdict (and the line after it), else a plain word."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    exceptions = [line for line in lines if re.match(r"^[A-Za-z_.]*(?:Error|Exception)\b.*:", line)]
    if exceptions:
        return exceptions[-1]
    parts = []
    for i, line in enumerate(lines):
        if "encountered while generating" in line:
            parts.append(line)
            if i + 1 < len(lines) and not lines[i + 1].startswith("WARNING"):
                parts.append(lines[i + 1])
            break
    parts += [line for line in lines if line.startswith("error:")][:1]  # a post-hook (ruff) that failed
    if parts:
        return "; ".join(parts)
    return "generated, no warnings" if returncode == 0 else last_line(text)


def last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "(no output)"


def ensure_peer() -> str | None:
    """Create the venv and install the pinned peer on first use; the installed version, or None."""
    return ensure_pypi_peer(PEER, PEER_VERSION, PEER_VENV)


def ensure_pypi_peer(package: str, version: str, venv: Path) -> str | None:
    """`package==version` in its own venv, installed on first use (this script's peer and OpenAPI Generator's
    PyPI wrapper); the installed version, or None when it cannot be installed."""
    python = venv / "bin" / "python"
    installed = installed_pypi_version(python, package)
    if installed == version:
        return installed
    print(f"installing {package}=={version} into {venv.relative_to(ROOT)} ...", flush=True)
    try:
        if not python.exists():
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", f"{package}=={version}"],
            check=True, stdin=subprocess.DEVNULL,
        )  # fmt: skip
    except subprocess.CalledProcessError as error:
        print(f"could not install {package}: {error}; peer columns left empty")
        return None
    return installed_pypi_version(python, package)


def installed_pypi_version(python: Path, package: str) -> str | None:
    if not python.exists():
        return None
    probe = subprocess.run(
        [str(python), "-c", f"import importlib.metadata as m; print(m.version({package!r}))"],
        capture_output=True, text=True,
    )  # fmt: skip
    return probe.stdout.strip() if probe.returncode == 0 else None


def resolve_specs(names: list[str]) -> list[Path]:
    """Paths as given, else under SHARED; a usage error when any is missing."""
    specs = [Path(n).resolve() if Path(n).exists() else SHARED / n for n in names]
    missing = [str(s) for s in specs if not s.exists()]
    if missing:
        sys.exit(f"benchmark specs not found: {', '.join(missing)} (is ../shared/specs present?)")
    return specs


def shown(command: list[str]) -> str:
    """A command line for printing, with the spec as SPEC and the output folder as OUT."""
    text = " ".join(command).replace(OUT, "OUT").replace(str(ROOT) + os.sep, "")
    return re.sub(r"--(spec|path) \S+", r"--\1 SPEC", text)


def bench_zsdk(spec: Path, runs: int) -> Result:
    result = Result(runs=[timed_run(zsdk_command(spec)) for _ in range(runs)])
    failed = [r for r in result.runs if r.returncode != 0]
    if failed:
        result.note = f"exit {failed[0].returncode}: {last_line(failed[0].output)}"
    else:
        result.note = zsdk_note(result.runs[0].output)
    return result


def bench_peer(spec: Path, runs: int, with_config: bool) -> Result:
    env = peer_env()
    command = peer_command(spec, with_config)
    result = Result(runs=[timed_run(command, env=env, inspect=count_peer_endpoints) for _ in range(runs)])
    result.note = peer_note(result.runs[-1])
    return result


def ratio_text(zsdk: Result, peer: Result | None) -> str:
    if peer is None or not zsdk.ok:
        return "-"
    return f"{peer.seconds / zsdk.seconds:.2f}x" + ("" if peer.ok else "*")


def print_table(rows: list[tuple[Path, Result, Result | None]]) -> None:
    header = f"{'spec':40} {'zsdk s':>8} {'zsdk MB':>8} {'peer s':>8} {'peer MB':>8} {'peer/zsdk':>10}"
    print(header)
    print("-" * len(header))
    for spec, zsdk, peer in rows:
        zsdk_s = f"{zsdk.seconds:8.2f}" if zsdk.ok else f"{'FAILED':>8}"
        peer_s = "-" if peer is None else f"{peer.seconds:.2f}" + ("" if peer.ok else "*")
        peer_mb = "-" if peer is None else f"{peer.peak_mb:.1f}"
        print(f"{spec.name:40} {zsdk_s} {zsdk.peak_mb:8.1f} {peer_s:>8} {peer_mb:>8} {ratio_text(zsdk, peer):>10}")
    if any(peer is not None and not peer.ok for _, _, peer in rows):
        print("* the peer exited non-zero: its time is time-to-failure, not a full generation")


def print_notes(rows: list[tuple[Path, Result, Result | None]]) -> None:
    print()
    for spec, zsdk, peer in rows:
        print(f"{spec.name}:")
        print(f"  zsdk: {zsdk.note}")
        if peer is not None:
            print(f"  peer: {peer.note}")


def print_targets(rows: list[tuple[Path, Result, Result | None]]) -> None:
    print()
    print(f"targets: Stripe under {TARGET_SECONDS:g} s here and ≥ {TARGET_RATIO:g}× faster than {PEER}")
    row = next((r for r in rows if r[0].name == TARGET_SPEC), None)
    if row is None:
        print(f"  {TARGET_SPEC} not benchmarked: n/a")
        return
    _, zsdk, peer = row
    if not zsdk.ok:
        print("  zsdk-generator failed on Stripe: MISSED")
        return
    verdict = "ok" if zsdk.seconds < TARGET_SECONDS else "MISSED"
    print(f"  Stripe under {TARGET_SECONDS:g} s: {zsdk.seconds:.2f} s {verdict}")
    if peer is None:
        print(f"  ≥ {TARGET_RATIO:g}× faster: n/a (peer not run)")
        return
    ratio = peer.seconds / zsdk.seconds
    caveat = "" if peer.ok else f" (the peer failed on Stripe; ratio against its {peer.seconds:.2f} s to failure)"
    print(f"  ≥ {TARGET_RATIO:g}× faster: {ratio:.2f}× {'ok' if ratio >= TARGET_RATIO else 'MISSED'}{caveat}")


def benchmark_parser(description: str | None, peer: str) -> argparse.ArgumentParser:
    """The options every generate benchmark takes (this script's and its siblings')."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="runs per generator and spec; the median is shown")
    parser.add_argument("--skip-peer", action="store_true", help=f"do not install or run {peer}")
    parser.add_argument("--specs", nargs="+", default=DEFAULT_SPECS, metavar="SPEC")
    return parser


def parse_benchmark_args(parser: argparse.ArgumentParser) -> argparse.Namespace:
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if shutil.which("zsdk-generator") is None:
        parser.error("zsdk-generator is not on PATH (pip install -e . first)")
    compile_tool()
    return args


def compile_tool() -> None:
    """This checkout's modules compiled to bytecode, as `pip install` leaves an installed tool, so that no run pays
    for compiling them (an editable install under PYTHONDONTWRITEBYTECODE=1 never keeps its bytecode)."""
    compileall.compile_dir(str(ROOT / "zsdk_generator"), quiet=1)


def parse_args() -> argparse.Namespace:
    parser = benchmark_parser(__doc__, PEER)
    parser.add_argument("--peer-defaults", action="store_true", help=f"run {PEER} without its config file")
    return parse_benchmark_args(parser)


def main() -> None:
    args = parse_args()
    specs = resolve_specs(args.specs)
    peer_version = None if args.skip_peer else ensure_peer()
    print(f"python generate benchmark: median of {args.runs} runs, each a fresh process and an empty output folder; "
          f"python {sys.version.split()[0]}, {os.cpu_count()} cores")  # fmt: skip
    print(f"zsdk: {shown(zsdk_command(Path('SPEC')))}")
    with_config = not args.peer_defaults
    if peer_version:
        command = shown(peer_command(Path("SPEC"), with_config))
        print(f"peer: {PEER} {peer_version}: {command}  (PATH={PEER_VENV / 'bin'}:...)")
        if with_config:
            PEER_CONFIG.write_text(PEER_CONFIG_TEXT)
            print(f"peer config {PEER_CONFIG.relative_to(ROOT)}: {PEER_CONFIG_TEXT.strip()}")
    print()
    rows: list[tuple[Path, Result, Result | None]] = []
    for spec in specs:
        zsdk = bench_zsdk(spec, args.runs)
        peer = bench_peer(spec, args.runs, with_config) if peer_version else None
        rows.append((spec, zsdk, peer))
    print_table(rows)
    print_notes(rows)
    print_targets(rows)
    if not all(zsdk.ok for _, zsdk, _ in rows):
        sys.exit("zsdk-generator failed to generate (see above): that is a bug")


if __name__ == "__main__":
    main()
