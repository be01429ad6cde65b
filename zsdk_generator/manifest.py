"""The manifest (`.zsdk-manifest.json`): the files in an output folder that we made, read defensively.

A manifest that is missing, unreadable or of the wrong shape is "none"; entries that are not a plain relative
path inside the folder are ignored, with the reason, so a hostile manifest can never aim a deletion elsewhere.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__

MANIFEST = ".zsdk-manifest.json"


@dataclass
class Manifest:
    found: bool  # a manifest of ours was read
    problem: str = ""  # why there is none, as the end of a sentence ("holds no .zsdk-manifest.json")
    files: list[str] = field(default_factory=list)  # plain relative paths, deduplicated, in manifest order
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (entry as written, why it is ignored)


def manifest_text(language: str, files: list[str]) -> str:
    data = {"generator": f"zsdk-generator {__version__}", "language": language, "files": sorted(files)}
    return json.dumps(data, indent=2) + "\n"


def path_problem(entry: object) -> str | None:
    """Why `entry` is not a plain relative path inside a folder (a/b.py), or None when it is one."""
    if not isinstance(entry, str):
        return "it is not a string"
    if not entry:
        return "it is empty"
    if "\0" in entry:
        return "it contains a NUL character"
    if entry.startswith("/"):
        return "it is an absolute path, outside the output folder"
    parts = entry.split("/")
    if ".." in parts:
        return "it points outside the output folder with '..'"
    if any(part in ("", ".") for part in parts):
        return "it is not a plain relative path"
    if entry == MANIFEST:
        return "it names the manifest itself"
    return None


def read_manifest(out: Path) -> Manifest:
    """The manifest in `out` (a folder that may not exist); never raises for bad content."""
    path = out / MANIFEST
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return Manifest(False, f"holds no {MANIFEST}")
    except OSError as exc:
        return Manifest(False, f"has a {MANIFEST} we cannot read ({exc.strerror})")
    if not stat.S_ISREG(info.st_mode):
        return Manifest(False, f"has a {MANIFEST} that is not a regular file")
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except OSError as exc:
        return Manifest(False, f"has a {MANIFEST} we cannot read ({exc.strerror})")
    except (UnicodeDecodeError, ValueError, RecursionError):
        return Manifest(False, f"has a {MANIFEST} that is not valid JSON")
    if not isinstance(data, dict) or not isinstance(data.get("files"), list):
        return Manifest(False, f'has a {MANIFEST} that is not ours (no "files" list)')
    manifest = Manifest(True)
    for entry in data["files"]:
        problem = path_problem(entry)
        if problem is not None:
            manifest.ignored.append((_shown(entry), problem))
        elif entry not in manifest.files:
            manifest.files.append(entry)
    return manifest


def _shown(entry: object) -> str:
    text = json.dumps(entry, ensure_ascii=True)
    return text if len(text) <= 200 else text[:197] + "..."
