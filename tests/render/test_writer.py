"""The writer: deterministic, only changed files rewritten, ours removed when no longer made,
others never touched, and nothing changed when anything fails."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from zsdk_generator.diagnostics import SpecError
from zsdk_generator.writer import MANIFEST, write_tree


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}  # fmt: skip


def test_first_write_and_manifest(tmp_path: Path) -> None:
    report = write_tree(tmp_path, {"a.py": "A\n", "pkg/b.py": "B\n"}, language="python")
    assert sorted(report.written) == ["a.py", "pkg/b.py"]
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    assert manifest["files"] == ["a.py", "pkg/b.py"] and manifest["language"] == "python"


def test_unchanged_files_keep_their_mtime(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.py": "A\n", "b.py": "B\n"}, language="python")
    old = tmp_path / "a.py"
    os.utime(old, ns=(1_000_000_000, 1_000_000_000))
    report = write_tree(tmp_path, {"a.py": "A\n", "b.py": "B2\n"}, language="python")
    assert report.unchanged == ["a.py"] and report.written == ["b.py"]
    assert old.stat().st_mtime_ns == 1_000_000_000
    assert (tmp_path / "b.py").read_text() == "B2\n"


def test_files_we_no_longer_make_are_removed_and_others_kept(tmp_path: Path) -> None:
    write_tree(tmp_path, {"keep.py": "k\n", "gone/old.py": "o\n"}, language="python")
    (tmp_path / "mine.txt").write_text("hand-written")
    (tmp_path / "gone" / "notes.md").write_text("also mine")
    report = write_tree(tmp_path, {"keep.py": "k\n"}, language="python")
    assert report.removed == ["gone/old.py"]
    assert (tmp_path / "mine.txt").read_text() == "hand-written"
    assert (tmp_path / "gone" / "notes.md").exists()
    assert not (tmp_path / "gone" / "old.py").exists()


def test_emptied_folders_of_ours_are_pruned(tmp_path: Path) -> None:
    write_tree(tmp_path, {"keep.py": "k\n", "a/b/c.py": "c\n"}, language="python")
    write_tree(tmp_path, {"keep.py": "k\n"}, language="python")
    assert not (tmp_path / "a").exists()


def test_a_failed_write_leaves_the_folder_exactly_as_it_was(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.py": "A\n", "b.py": "B\n"}, language="python")
    (tmp_path / "mine.txt").write_text("x")
    before = _snapshot(tmp_path)
    (tmp_path / "blocked").mkdir()  # a folder where the new tree wants a file
    (tmp_path / "blocked" / "keep").write_text("y")
    before = _snapshot(tmp_path)
    with pytest.raises(SpecError, match="a folder is in the way"):
        write_tree(tmp_path, {"a.py": "A2\n", "new/deep/c.py": "C\n", "blocked": "Z\n"}, language="python")
    assert _snapshot(tmp_path) == before
    assert not (tmp_path / "new").exists()


def test_paths_outside_the_folder_are_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(SpecError, match="outside the output folder"):
        write_tree(out, {"../escape.py": "x\n"}, language="python")
    assert not (tmp_path / "escape.py").exists()
