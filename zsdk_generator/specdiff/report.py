"""Two specs compared end to end (loaded, built, planned, diffed, each change's SDK surface named), and the
report as text, JSON or a markdown changelog entry."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from ..config import Config
from ..diagnostics import Diagnostic, SpecError
from ..pipeline import run
from ..plan.build import build_plan
from .changes import LEVELS, Change, bump
from .compare import Comparison
from .surface import annotate

_HEADINGS = {
    "breaking": "Breaking changes",
    "potential": "Potentially breaking changes",
    "compatible": "Compatible changes",
}


@dataclass
class DiffReport:
    old: str
    new: str
    changes: list[Change]

    @property
    def bump(self) -> str:
        return bump(self.changes)

    def counts(self) -> dict[str, int]:
        return {level: sum(change.level == level for change in self.changes) for level in LEVELS}


def diff_specs(
    old: str, new: str, config: Config | None = None, stage: Callable[[str], None] = lambda _: None
) -> DiffReport:
    """Every change from the spec at `old` to the one at `new`. Raises SpecError (located) when either cannot be
    built."""
    config = config or Config()
    built = []
    for path in (old, new):
        stage(f"loading {path}")
        result = run(path, method_names=config.method_names)
        if result.api is None or result.document is None:
            errors = result.errors or [Diagnostic("error", "the spec could not be built", None, path)]
            raise SpecError(errors[0])
        built.append(result)
    before, after = built
    stage("comparing")
    assert before.api and before.document and after.api and after.document
    changes = Comparison(before.document, after.document, before.api, after.api).run()
    order = {level: i for i, level in enumerate(LEVELS)}
    changes.sort(key=lambda c: (order[c.level], c.operation, c.code, c.message))
    annotate(
        changes, build_plan(before.api, config.shared(before.api)), build_plan(after.api, config.shared(after.api))
    )
    return DiffReport(old, new, changes)


def as_json(report: DiffReport, languages: list[str]) -> str:
    data = {
        "old": report.old,
        "new": report.new,
        "bump": report.bump,
        "counts": report.counts(),
        "changes": [_only(change.to_data(), languages) for change in report.changes],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def as_text(report: DiffReport, languages: list[str]) -> str:
    lines = []
    for change in report.changes:
        where = " ← ".join(p.shown() for p in (change.new, change.old) if p is not None)
        sdk = " (SDK only)" if change.sdk_only else ""
        lines.append(f"{change.level}: {change.message}{sdk}")
        lines.append(f"    at {where}")
        for language in languages:
            if language in change.surface:
                lines.append(f"    {language}: {change.surface[language]}")
    counts = report.counts()
    lines.append(
        f"{len(report.changes)} changes: {counts['breaking']} breaking, {counts['potential']} potentially breaking, "
        f"{counts['compatible']} compatible; semantic version bump: {report.bump}"
    )
    return "\n".join(lines) + "\n"


def as_markdown(report: DiffReport, languages: list[str]) -> str:
    """A changelog entry: a heading per level, a bullet per change with its SDK surface."""
    lines = [f"## API changes ({report.bump} version)", ""]
    if not report.changes:
        lines += ["No changes.", ""]
    for level in LEVELS:
        found = [change for change in report.changes if change.level == level]
        if not found:
            continue
        lines += [f"### {_HEADINGS[level]}", ""]
        for change in found:
            lines.append(f"- {_md(change.message)}{' (SDK only)' if change.sdk_only else ''}")
            for language in languages:
                if language in change.surface:
                    lines.append(f"  - {language}: `{change.surface[language]}`")
        lines.append("")
    return "\n".join(lines)


def _only(data: dict[str, object], languages: list[str]) -> dict[str, object]:
    surface = data.get("surface")
    if isinstance(surface, dict):
        data["surface"] = {k: v for k, v in surface.items() if k in languages}
    return data


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;")
