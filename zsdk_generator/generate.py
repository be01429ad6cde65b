"""`generate`: spec → IR → for each language: render in memory, then write the tree."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .config import Config
from .diagnostics import Diagnostic
from .ir.model import Api
from .render import render
from .targets.registry import load_target
from .writer import WriteReport, write_tree


@dataclass
class LanguageResult:
    language: str
    out: Path
    report: WriteReport
    files: int


def generate_language(
    api: Api, language: str, config: Config, out: Path, templates: Path | None = None
) -> LanguageResult:
    target = load_target(language)
    override = None
    if templates is not None:
        override = templates / language if (templates / language).is_dir() else templates
    files = render(target, api, config.for_language(language, api), override)
    report = write_tree(out, files, language=language)
    return LanguageResult(language, out, report, len(files))


def summary(api: Api, result: LanguageResult, warnings: list[Diagnostic]) -> str:
    r = result.report
    return (
        f"{result.language}: {len(api.all_operations())} operations, {len(api.models)} models → {result.out}: "
        f"{len(r.written)} written, {len(r.unchanged)} unchanged, {len(r.removed)} removed, "
        f"{len(warnings)} warning{'s' * (len(warnings) != 1)}"
    )
