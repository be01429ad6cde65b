"""The `zsdk-generator` command line."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from . import __version__
from .diagnostics import Diagnostic

if TYPE_CHECKING:
    from .check import Staleness
    from .config import Config
    from .console import Console
    from .diagnostics import SpecError
    from .ir.model import Api

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70


def _print(diagnostics: list[Diagnostic], stream: Any = None) -> None:
    """One located line per diagnostic (to standard output unless `stream`), coloured on a terminal."""
    from .console import Console

    Console(stream=stream or sys.stdout).diagnostics(diagnostics)


def _missing(path: str) -> bool:
    return not os.path.exists(path)


def _emit(text: str, output: str | None) -> None:
    """JSON to a file (`-o`) or to standard output."""
    if output:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)


def _usage_error(message: str) -> NoReturn:
    click.echo(f"zsdk-generator: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _configured_run(
    spec: str, config_path: str | None, console: Console | None = None
) -> tuple[Config, Api, list[Diagnostic]]:
    """zsdk.yaml and the spec's IR, its findings printed (warnings only when not quiet); exits with EXIT_FINDINGS
    when either cannot be used."""
    from .config import load_config
    from .console import Console
    from .diagnostics import SpecError
    from .pipeline import keep_results, run

    keep_results()
    console = console or Console()
    try:
        config = load_config(config_path)
    except SpecError as exc:
        console.diagnostics([exc.diagnostic])
        sys.exit(EXIT_FINDINGS)
    console.stage("loading the spec")
    result = run(spec, method_names=config.method_names)
    if result.api is None:
        console.done()
        console.diagnostics(result.diagnostics)
        sys.exit(EXIT_FINDINGS)
    if not console.quiet:
        console.diagnostics(result.diagnostics)
    return config, result.api, result.diagnostics


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="zsdk-generator")
def cli() -> None:
    """Generate idiomatic SDKs from one OpenAPI document."""


@cli.command()
@click.argument("spec")
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1 if there are any).")
def validate(spec: str, strict: bool) -> None:
    """Check SPEC: openapi-spec-validator plus our own semantic checks.

    One line per finding (FILE:LINE:COL: error|warning: /json/pointer: message),
    then a summary. Exit 0 with only warnings, 1 with errors (or warnings under
    --strict), 2 for usage errors.
    """
    from .pipeline import run

    if _missing(spec):
        _usage_error(f"{spec}: file not found")
    result = run(spec, full_validation=True)
    _print(result.diagnostics)
    errors = len(result.errors)
    warnings = len(result.diagnostics) - errors
    summary = f"{spec}: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    if result.api is not None:
        summary += f"; {len(result.api.all_operations())} operations, {len(result.api.models)} models"
    click.echo(summary)
    sys.exit(EXIT_FINDINGS if errors or (strict and warnings) else EXIT_OK)


@cli.command()
@click.argument("spec")
@click.option(
    "--method-names",
    type=click.Choice(["crud", "operation_id"]),
    default="crud",
    show_default=True,
    help="Name methods list/create/get/update/delete where they fit, or always from the operationId.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the JSON here.")
def ir(spec: str, method_names: str, output: str | None) -> None:
    """Print the language-neutral IR of SPEC as JSON (warnings go to stderr)."""
    from .ir.serialize import to_json
    from .pipeline import run

    if _missing(spec):
        _usage_error(f"{spec}: file not found")
    result = run(spec, method_names="operation_id" if method_names == "operation_id" else "crud")
    _print(result.diagnostics, sys.stderr)
    if result.api is None:
        sys.exit(EXIT_FINDINGS)
    _emit(to_json(result.api), output)


@cli.command()
@click.argument("spec")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="zsdk.yaml with names and options.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the JSON here.")
def plan(spec: str, config_path: str | None, output: str | None) -> None:
    """Print the SDK plan of SPEC as JSON: the surface every language's SDK spells (docs/plan.md)."""
    from .diagnostics import SpecError
    from .ir.serialize import to_json
    from .plan.build import build_plan

    if _missing(spec):
        _usage_error(f"{spec}: file not found")
    config, api, _ = _configured_run(spec, config_path)
    try:
        sdk = build_plan(api, config.shared(api))
    except SpecError as exc:
        _print([config.locate(exc.diagnostic)], sys.stderr)
        sys.exit(EXIT_FINDINGS)
    _emit(to_json(sdk), output)


def _sdk_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options generate and check share: which SDKs, from what, into where, and how to report."""
    for option in reversed(
        [
            click.option("--lang", "lang", required=True, help="A language, a comma list, or `all`."),
            click.option("--spec", required=True, help="The OpenAPI document (YAML or JSON)."),
            click.option(
                "--out",
                required=True,
                type=click.Path(file_okay=False),
                help="Output folder (one per language for several).",
            ),
            click.option(
                "--config", "config_path", type=click.Path(dir_okay=False), help="zsdk.yaml with names and options."
            ),
            click.option(
                "--templates",
                type=click.Path(file_okay=False, exists=True),
                help="Folder of templates overriding ours.",
            ),
            click.option("-q", "--quiet", is_flag=True, help="Print errors only (and the exit code says the rest)."),
            click.option(
                "--format",
                "output_format",
                type=click.Choice(["text", "json"]),
                default="text",
                show_default=True,
                help="The summary as text lines or as one JSON document on standard output.",
            ),
        ]
    ):
        command = option(command)
    return command


def _outs(lang: str, out: str) -> list[tuple[str, Path]]:
    """(language, output folder) for --lang and --out; a usage error for an unknown language."""
    from .targets.registry import target_names

    installed = target_names()
    languages = installed if lang == "all" else [part.strip() for part in lang.split(",") if part.strip()]
    unknown = [name for name in languages if name not in installed]
    if unknown or not languages:
        _usage_error(f"unknown language {', '.join(unknown) or lang!r} (installed: {', '.join(installed) or 'none'})")
    several = lang == "all" or "," in lang
    return [(language, Path(out) / language if several else Path(out)) for language in dict.fromkeys(languages)]


def _diagnostic_data(d: Diagnostic) -> dict[str, object]:
    return {"severity": d.severity, "file": d.file, "line": d.line, "column": d.column, "pointer": d.pointer,
            "message": d.message}  # fmt: skip


def _json_summary(command: str, spec: str, languages: list[dict[str, object]], **more: object) -> None:
    import json

    data = {"command": command, "spec": spec, **more, "languages": languages}
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


@cli.command()
@_sdk_options
@click.option("--force", is_flag=True, help="Write into a folder that is not ours, overwriting files we did not make.")
@click.option(
    "--lock-timeout",
    type=click.FloatRange(min=0),
    default=60.0,
    show_default=True,
    metavar="SECONDS",
    help="How long to wait for another run writing the same folder (0: stop at once).",
)
@click.option(
    "--timings",
    is_flag=True,
    help="Also report how long each stage took (load, checks, upgrade, IR, each language's plan, render and "
    "format, write): a line on standard error, or `timings` in the JSON summary.",
)
def generate(
    lang: str,
    spec: str,
    out: str,
    config_path: str | None,
    templates: str | None,
    quiet: bool,
    output_format: str,
    force: bool,
    lock_timeout: float,
    timings: bool,
) -> None:
    """Generate SDKs from SPEC into OUT.

    Ends with one summary line per language: operations, models, files
    written / unchanged / removed, warnings (--format json: one JSON
    document). Every language is rendered before any is written; on any
    error nothing in OUT changes. Files we did not make are never
    overwritten, and a non-empty folder without our manifest is refused,
    unless --force. Exit 0 when written, 1 when the spec, zsdk.yaml, a
    template or the output folder stopped it, 2 for usage errors.
    """
    from . import timing
    from .console import Console
    from .diagnostics import SpecError
    from .generate import generate as generate_all
    from .generate import summary, summary_data

    if _missing(spec):
        _usage_error(f"{spec}: file not found")
    outs = _outs(lang, out)
    console = Console(quiet=quiet, json_output=output_format == "json")
    config, api, diagnostics = _configured_run(spec, config_path, console)
    warnings = [d for d in diagnostics if d.severity == "warning"]
    try:
        done = generate_all(
            api,
            outs,
            config,
            Path(templates) if templates else None,
            force=force,
            lock_timeout=lock_timeout,
            waiting=_say_waiting(lock_timeout),
            stage=console.stage,
        )
    except SpecError as exc:
        _stopped(console, config, exc)
    console.done()
    laps = {name: round(seconds, 4) for name, seconds in timing.laps().items()} if timings else None
    if output_format == "json":
        found = warnings + [w for r in done for w in r.report.warnings]
        more: dict[str, object] = {"timings": laps} if laps is not None else {}
        _json_summary(
            "generate",
            spec,
            [summary_data(api, r, warnings) for r in done],
            diagnostics=[_diagnostic_data(d) for d in found],
            **more,
        )
        return
    for language_result in done:
        if not quiet:
            console.diagnostics(language_result.report.warnings)
            click.echo(summary(api, language_result, warnings))
    if laps is not None:
        sys.stdout.flush()
        console.line("timings: " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in laps.items()))


@cli.command()
@_sdk_options
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff of every file that would change.")
def check(
    lang: str,
    spec: str,
    out: str,
    config_path: str | None,
    templates: str | None,
    quiet: bool,
    output_format: str,
    show_diff: bool,
) -> None:
    """Is the SDK in OUT what `generate` would write from SPEC now? Never writes.

    Renders in memory and compares with OUT (its manifest says which files
    are ours): one line per language, then the files generate would add
    (+), change (~) or remove (-); --diff adds a unified diff; --format json
    one JSON document. Exit 0 when every SDK is current, 1 when one is stale
    (or the spec, zsdk.yaml, a template or OUT stops generation), 2 for
    usage errors.
    """
    from .check import check as check_all
    from .console import Console
    from .diagnostics import SpecError

    if _missing(spec):
        _usage_error(f"{spec}: file not found")
    outs = _outs(lang, out)
    console = Console(quiet=quiet, json_output=output_format == "json")
    config, api, _ = _configured_run(spec, config_path, console)
    try:
        results = check_all(api, outs, config, Path(templates) if templates else None, stage=console.stage)
    except SpecError as exc:
        _stopped(console, config, exc)
    console.done()
    current = all(result.current for result in results)
    if output_format == "json":
        _json_summary("check", spec, [result.summary() for result in results], current=current)
    elif not quiet:
        for result in results:
            click.echo(_check_line(result))
            for mark, paths in (("+", result.added), ("~", result.changed), ("-", result.removed)):
                for path in paths:
                    click.echo(f"  {mark} {path}")
    if show_diff and output_format == "text":
        for result in results:
            for line in result.unified_diff():
                sys.stdout.write(line if line.endswith("\n") else line + "\n")
    sys.exit(EXIT_OK if current else EXIT_FINDINGS)


def _stopped(console: Console, config: Config, exc: SpecError) -> NoReturn:
    """generate or check stopped by a template (located in zsdk.yaml when a setting caused it) or by the output
    folder (one line per problem)."""
    from .writer import WriteRefused

    console.done()
    console.diagnostics(exc.diagnostics if isinstance(exc, WriteRefused) else [config.locate(exc.diagnostic)])
    sys.exit(EXIT_FINDINGS)


def _check_line(result: Staleness) -> str:
    if result.current:
        return f"{result.language}: {result.out} is current ({len(result.files)} files)"
    counts = [f"{len(paths)} to {verb}" for verb, paths in
              (("add", result.added), ("change", result.changed), ("remove", result.removed)) if paths]  # fmt: skip
    if not counts:
        counts = ["its manifest to rewrite"]
    return f"{result.language}: {result.out} is stale: {', '.join(counts)}; run generate"


def _say_waiting(timeout: float) -> Callable[[Path, str], None]:
    def waiting(folder: Path, holder: str) -> None:
        who = f"another zsdk-generator run ({holder})" if holder else "another zsdk-generator run"
        click.echo(f"zsdk-generator: waiting up to {timeout:g} s for {who} writing {folder} to finish", err=True)

    return waiting


@cli.command()
@click.argument("old")
@click.argument("new")
@click.option("--lang", "lang", default="all", show_default=True, help="The SDKs whose surface to name: a comma list.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="Lines for a person or a CI log, one JSON document, or a changelog entry.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["breaking", "potential", "none"]),
    default="breaking",
    show_default=True,
    help="Exit 1 when a change this severe (or more) is found.",
)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="zsdk.yaml (the SDKs' names).")
def diff(old: str, new: str, lang: str, output_format: str, fail_on: str, config_path: str | None) -> None:
    """Every change from the spec OLD to NEW: breaking, potentially breaking or compatible, each located in both
    documents (file:line and JSON pointer) with the SDK surface it changes in each language, and the semantic
    version bump they call for.

    Exit 0 when nothing reaches --fail-on, 1 when something does (or a spec or zsdk.yaml cannot be used), 2 for
    usage errors.
    """
    from .config import load_config
    from .console import Console
    from .diagnostics import SpecError
    from .pipeline import keep_results
    from .specdiff.changes import at_least
    from .specdiff.report import as_json, as_markdown, as_text, diff_specs

    keep_results()
    for path in (old, new):
        if _missing(path):
            _usage_error(f"{path}: file not found")
    languages = [language for language, _ in _outs(lang, ".")]
    console = Console(json_output=output_format != "text")
    try:
        report = diff_specs(old, new, load_config(config_path), stage=console.stage)
    except SpecError as exc:
        console.done()
        console.diagnostics([exc.diagnostic])
        sys.exit(EXIT_FINDINGS)
    console.done()
    render = {"json": as_json, "markdown": as_markdown}.get(output_format, as_text)
    sys.stdout.write(render(report, languages))
    failing = (
        [] if fail_on == "none" else at_least(report.changes, "breaking" if fail_on == "breaking" else "potential")
    )
    sys.exit(EXIT_FINDINGS if failing else EXIT_OK)


_SPEC_NAMES = ("openapi.yaml", "openapi.yml", "openapi.json", "swagger.yaml", "swagger.yml", "swagger.json")


@cli.command()
@click.option("--spec", help="The OpenAPI document (default: openapi.yaml/.yml/.json or swagger.* here).")
@click.option("-o", "--output", default="zsdk.yaml", show_default=True, help="Where to write it (`-`: print it).")
@click.option("--force", is_flag=True, help="Overwrite the output file when it exists.")
def init(spec: str | None, output: str, force: bool) -> None:
    """Write a zsdk.yaml with every setting, commented out at its default for SPEC.

    Exit 0 when written, 1 when the spec cannot be built or the file exists
    (without --force), 2 for usage errors.
    """
    from .init import init_text

    if spec is None:
        spec = next((name for name in _SPEC_NAMES if os.path.isfile(name)), None)
        if spec is None:
            _usage_error(f"no spec here ({', '.join(_SPEC_NAMES)}): pass --spec")
    if _missing(spec):
        _usage_error(f"{spec}: file not found")
    if output != "-" and os.path.exists(output) and not force:
        click.echo(f"{output}: error: the file exists; pass --force to overwrite it", err=True)
        sys.exit(EXIT_FINDINGS)
    _, api, _ = _configured_run(spec, None)
    text = init_text(api, os.path.basename(spec))
    if output == "-":
        sys.stdout.write(text)
        return
    try:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        click.echo(f"{output}: error: cannot write it: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_FINDINGS)
    click.echo(f"wrote {output}: every setting at its default for {spec}, commented out")


@cli.command()
def languages() -> None:
    """List the installed language targets."""
    from .targets.registry import available_targets

    targets = available_targets()
    if not targets:
        click.echo("no language targets are installed yet")
        return
    for name, description in targets:
        click.echo(f"{name:12} {description}")


def main() -> None:
    """The `zsdk-generator` command. It ends without tearing down what the run built (on a large spec, millions of
    objects freed one by one for nothing): standard output and error are flushed, then the process exits."""
    try:
        returned = _main()
        code = returned if isinstance(returned, int) else EXIT_OK
    except SystemExit as exc:
        if isinstance(exc.code, str):
            print(exc.code, file=sys.stderr)
        code = exc.code if isinstance(exc.code, int) else EXIT_OK if exc.code is None else EXIT_FINDINGS
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, OSError):
        pass
    os._exit(code)


def _main() -> object:
    try:
        return cli.main(standalone_mode=False)
    except click.exceptions.UsageError as exc:
        exc.show()
        sys.exit(EXIT_USAGE)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.exceptions.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(EXIT_OK)
    except Exception as exc:  # never a traceback for the user
        click.echo(f"zsdk-generator: internal error: {type(exc).__name__}: {exc} (please report this)", err=True)
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    main()
