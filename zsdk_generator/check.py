"""`check`: is a committed SDK what `generate` would write now? Rendered in memory, compared, nothing written."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .config import Config
from .generate import render_trees
from .ir.model import Api
from .writer import WriteReport, compare_trees


@dataclass
class Staleness:
    """One language's output folder against what `generate` would write into it."""

    language: str
    out: Path
    files: dict[str, str]  # what generate would write, path → text
    report: WriteReport

    @property
    def added(self) -> list[str]:
        return sorted(self.report.created)

    @property
    def changed(self) -> list[str]:
        created = set(self.report.created)
        return sorted(path for path in self.report.written if path not in created)

    @property
    def removed(self) -> list[str]:
        return sorted(self.report.removed)

    @property
    def current(self) -> bool:
        return not (self.report.written or self.report.removed or self.report.manifest_changed)

    def summary(self) -> dict[str, object]:
        return {
            "language": self.language,
            "out": str(self.out),
            "current": self.current,
            "added": self.added,
            "changed": self.changed,
            "removed": self.removed,
            "manifest_changed": self.report.manifest_changed,
            "unchanged": len(self.report.unchanged),
        }

    def unified_diff(self) -> Iterator[str]:
        """A unified diff of every file that would change (git's a/ and b/ names: the output folder and the path in
        it, so `git apply` takes it where check ran)."""
        for path in sorted(self.added + self.changed + self.removed):
            shown = (self.out / path).as_posix()
            old = "" if path in self.report.created else _read(self.out / path)
            new = self.files.get(path, "")
            yield from difflib.unified_diff(
                old.splitlines(keepends=True),
                new.splitlines(keepends=True),
                "/dev/null" if path in self.report.created else f"a/{shown}",
                "/dev/null" if path in self.report.removed else f"b/{shown}",
            )


def check(
    api: Api,
    outs: Sequence[tuple[str, Path]],
    config: Config,
    templates: Path | None = None,
    stage: Callable[[str], None] = lambda _: None,
) -> list[Staleness]:
    """Every (language, output folder) against what generate would write. Raises SpecError (a template failed, or
    generate would refuse to write there); reads, never writes."""
    trees = render_trees(api, outs, config, templates, stage)
    stage("comparing")
    reports = compare_trees(trees)
    return [
        Staleness(tree.language, tree.out, dict(tree.files), report)
        for tree, report in zip(trees, reports, strict=True)
    ]


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return ""
