"""`generate`: spec → IR → every language rendered in memory, then all trees written at once under the lock."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import timing
from .config import Config
from .diagnostics import Diagnostic
from .forked import in_child, map_forked
from .ir.model import Api
from .outlock import Waiting, hold
from .render import Sink, render
from .staging import Prepared
from .targets.registry import load_target
from .writer import Tree, WriteReport, write_trees


@dataclass
class LanguageResult:
    language: str
    out: Path
    report: WriteReport
    files: int


def render_language(
    api: Api, language: str, config: Config, templates: Path | None = None, sink: Sink | None = None
) -> dict[str, str]:
    """The SDK for one language, path → text (each file also to `sink`). Raises SpecError when a template fails."""
    target = load_target(language)
    override = None
    if templates is not None:
        override = templates / language if (templates / language).is_dir() else templates
    return render(target, api, config.for_language(language, api), override, sink)


# Roughly how long each language takes to render a large spec (benchmarks/all.py): the slowest start first, so
# the languages rendered side by side finish close together. It orders the work and nothing else.
_RENDER_COST = {"java": 6, "php": 5, "python": 3, "rust": 3, "go": 2, "typescript": 1}


def render_trees(
    api: Api,
    outs: Sequence[tuple[str, Path]],
    config: Config,
    templates: Path | None = None,
    stage: Callable[[str], None] = lambda _: None,
    prepare: bool = False,
) -> list[Tree]:
    """Every (language, output folder)'s SDK, rendered in memory, the languages side by side on every CPU
    (forked.py); `stage` is told which languages are being rendered. With `prepare`, an output folder that does
    not exist yet is filled beside it while its files are made (staging.Prepared), for the writer to rename
    into place; on an error the prepared folders are removed."""
    stage(f"rendering {', '.join(language for language, _ in outs)}")
    order = sorted(range(len(outs)), key=lambda i: -_RENDER_COST.get(outs[i][0], 1))
    prepared = [Prepared.beside(out) if prepare else None for _, out in outs]

    def job(i: int) -> tuple[Mapping[str, str], dict[str, float]]:
        child = in_child()  # a forked worker: its stages go back to the parent, and the files it wrote by name only
        if child:
            timing.reset()
        folder = prepared[i]
        sink = folder.write if folder is not None else None
        files: Mapping[str, str] = render_language(api, outs[i][0], config, templates, sink)
        if child and folder is not None:
            files = folder.holding(files)
        return files, timing.laps() if child else {}

    try:
        rendered = dict(zip(order, map_forked(job, order), strict=True))
    except BaseException:
        remove_prepared(prepared)
        raise
    for _, laps in rendered.values():
        timing.add(laps)
    return [Tree(out, rendered[i][0], language, prepared[i]) for i, (language, out) in enumerate(outs)]


def remove_prepared(folders: Iterable[Prepared | None]) -> None:
    """Remove the prepared folders (the last made first: a folder an earlier one made may hold a later one)."""
    for folder in reversed(list(folders)):
        if folder is not None:
            folder.remove()


def generate(
    api: Api,
    outs: Sequence[tuple[str, Path]],
    config: Config,
    templates: Path | None = None,
    *,
    force: bool = False,
    lock_timeout: float = 60.0,
    waiting: Waiting | None = None,
    stage: Callable[[str], None] = lambda _: None,
) -> list[LanguageResult]:
    """Render every (language, output folder), then write them all or none. Raises SpecError; nothing is written."""
    trees = render_trees(api, outs, config, templates, stage, prepare=True)
    stage("writing")
    try:
        with hold([tree.out for tree in trees], timeout=lock_timeout, waiting=waiting), timing.stage("write"):
            reports = write_trees(trees, force=force)
    finally:
        remove_prepared(tree.prepared for tree in trees)  # those not renamed into place
    return [LanguageResult(t.language, t.out, r, len(t.files)) for t, r in zip(trees, reports, strict=True)]


def summary_data(api: Api, result: LanguageResult, warnings: list[Diagnostic]) -> dict[str, object]:
    r = result.report
    return {
        "language": result.language,
        "out": str(result.out),
        "operations": len(api.all_operations()),
        "models": len(api.models),
        "files": result.files,
        "written": len(r.written),
        "unchanged": len(r.unchanged),
        "removed": len(r.removed),
        "warnings": len(warnings) + len(r.warnings),
    }


def summary(api: Api, result: LanguageResult, warnings: list[Diagnostic]) -> str:
    r = result.report
    count = len(warnings) + len(r.warnings)
    return (
        f"{result.language}: {len(api.all_operations())} operations, {len(api.models)} models → {result.out}: "
        f"{len(r.written)} written, {len(r.unchanged)} unchanged, {len(r.removed)} removed, "
        f"{count} warning{'s' * (count != 1)}"
    )
