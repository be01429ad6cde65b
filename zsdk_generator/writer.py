"""Writing an SDK tree: only changed files are rewritten, files we made and no longer make are removed,
files we did not make are never touched, and a failure leaves the folder as it was.

Ours are listed in a manifest (`.zsdk-manifest.json`) inside the output folder.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .diagnostics import error

MANIFEST = ".zsdk-manifest.json"


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def _previous(out: Path) -> list[str]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        files = data.get("files", [])
        return [f for f in files if isinstance(f, str)]
    except (OSError, ValueError, AttributeError):
        return []


def _safe(out: Path, relative: str) -> Path:
    path = (out / relative).resolve()
    if out.resolve() not in path.parents:
        raise error(f"refusing to write outside the output folder: {relative}", None)
    return path


def write_tree(out: Path, files: dict[str, str], *, language: str) -> WriteReport:
    report = WriteReport()
    previous = _previous(out) if out.exists() else []
    staged: list[tuple[Path, Path]] = []
    created: list[Path] = []
    manifest = json.dumps({"generator": f"zsdk-generator {__version__}", "language": language, "files": sorted(files)},
                          indent=2) + "\n"  # fmt: skip
    try:
        for relative, text in {**files, MANIFEST: manifest}.items():
            target = _safe(out, relative)
            data = text.encode("utf-8")
            if target.is_file() and target.read_bytes() == data:
                if relative != MANIFEST:
                    report.unchanged.append(relative)
                continue
            if target.exists() and not target.is_file():
                raise error(f"cannot write {relative}: a folder is in the way", None)
            _make_dirs(target.parent, created)
            temp = target.with_name(f".{target.name}.zsdk-tmp")
            temp.write_bytes(data)
            staged.append((temp, target))
            if relative != MANIFEST:
                report.written.append(relative)
    except OSError as exc:
        _undo(staged, created)
        raise error(f"cannot write into {out}: {exc.strerror or exc}", None) from None
    except BaseException:
        _undo(staged, created)
        raise
    for temp, target in staged:
        os.replace(temp, target)
    for relative in sorted(set(previous) - set(files)):
        path = _safe(out, relative)
        if path.is_file():
            path.unlink()
            report.removed.append(relative)
            _prune_empty_dirs(path.parent, out)
    return report


def _make_dirs(folder: Path, created: list[Path]) -> None:
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir()
        created.append(path)


def _undo(staged: list[tuple[Path, Path]], created: list[Path]) -> None:
    """Remove what a failed write staged, so the folder is exactly as it was."""
    for temp, _ in staged:
        temp.unlink(missing_ok=True)
    for folder in reversed(created):
        with contextlib.suppress(OSError):
            folder.rmdir()


def _prune_empty_dirs(folder: Path, stop: Path) -> None:
    stop = stop.resolve()
    folder = folder.resolve()
    while folder != stop and stop in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
