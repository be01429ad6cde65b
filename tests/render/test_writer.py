"""The writer: deterministic, only changed files rewritten, ours removed when no longer made,
others never touched, and nothing changed when anything fails."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from zsdk_generator import generate, staging
from zsdk_generator.diagnostics import SpecError
from zsdk_generator.manifest import MANIFEST
from zsdk_generator.writer import Tree, WriteRefused, write_tree, write_trees


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


def _manifest_files(folder: Path) -> list[str]:
    return list(json.loads((folder / MANIFEST).read_text())["files"])


def test_files_we_did_not_make_are_refused_by_name_and_nothing_is_written(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.py": "A\n", "resources/pets.py": "P\n"}, language="python")
    (tmp_path / "README.md").write_text("my own notes\n")
    (tmp_path / "resources" / "zoo.py").write_text("# my own code\n")
    before = _snapshot(tmp_path)
    new = {"a.py": "A2\n", "README.md": "R\n", "resources/pets.py": "P\n", "resources/zoo.py": "Z\n", "b.py": "B\n"}
    with pytest.raises(WriteRefused) as refused:
        write_tree(tmp_path, new, language="python")
    message = str(refused.value)
    assert "2 files we did not make" in message and "README.md, resources/zoo.py" in message
    assert "--force" in message
    assert _snapshot(tmp_path) == before


def test_force_overwrites_files_we_did_not_make_and_then_they_are_ours(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.py": "A\n"}, language="python")
    (tmp_path / "README.md").write_text("my own notes\n")
    (tmp_path / "other.txt").write_text("untouched\n")
    report = write_tree(tmp_path, {"a.py": "A\n", "README.md": "R\n"}, language="python", force=True)
    assert report.written == ["README.md"] and (tmp_path / "README.md").read_text() == "R\n"
    assert _manifest_files(tmp_path) == ["README.md", "a.py"]
    assert (tmp_path / "other.txt").read_text() == "untouched\n"
    assert write_tree(tmp_path, {"a.py": "A\n"}, language="python").removed == ["README.md"]


def test_a_folder_that_is_not_empty_and_not_ours_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n")
    before = _snapshot(tmp_path)
    with pytest.raises(WriteRefused) as refused:
        write_tree(tmp_path, {"a.py": "A\n"}, language="python")
    message = str(refused.value)
    assert "not empty" in message and f"holds no {MANIFEST}" in message and "--force" in message
    assert refused.value.diagnostic.file == str(tmp_path)
    assert _snapshot(tmp_path) == before
    report = write_tree(tmp_path, {"a.py": "A\n"}, language="python", force=True)
    assert report.written == ["a.py"] and (tmp_path / "notes.txt").read_text() == "mine\n"


def test_the_root_folder_is_refused_before_anything_is_staged(monkeypatch: pytest.MonkeyPatch) -> None:
    def never(*args: object) -> None:
        raise AssertionError("staged a write into /")

    monkeypatch.setattr(staging.Staging, "stage", never)
    with pytest.raises(WriteRefused, match="refusing to write into /: the folder is not empty"):
        write_tree(Path("/"), {"README.md": "R\n"}, language="python")


def test_an_empty_or_missing_folder_is_fine(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert write_tree(tmp_path / "empty", {"a.py": "A\n"}, language="python").written == ["a.py"]
    assert write_tree(tmp_path / "new" / "deep", {"a.py": "A\n"}, language="python").written == ["a.py"]


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe", "not valid JSON"),
        (b"[1, 2]", 'no "files" list'),
        (b'{"files": "a.py"}', 'no "files" list'),
    ],
)
def test_a_corrupt_manifest_is_no_manifest(tmp_path: Path, content: bytes, why: str) -> None:
    write_tree(tmp_path, {"a.py": "A\n"}, language="python")
    (tmp_path / MANIFEST).write_bytes(content)
    before = _snapshot(tmp_path)
    with pytest.raises(WriteRefused, match=why) as refused:
        write_tree(tmp_path, {"a.py": "A2\n"}, language="python")
    assert "not empty" in str(refused.value) and "--force" in str(refused.value)
    assert _snapshot(tmp_path) == before
    write_tree(tmp_path, {"a.py": "A2\n"}, language="python", force=True)
    assert _manifest_files(tmp_path) == ["a.py"]


def test_a_hostile_manifest_never_removes_anything_outside_and_stale_files_still_go(tmp_path: Path) -> None:
    out, outside = tmp_path / "out", tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("keep\n")
    write_tree(out, {"a.py": "A\n", "old.py": "O\n"}, language="python")
    (out / "link.py").symlink_to(outside / "secret.txt")
    (out / "linkdir").symlink_to(outside)
    hostile = ["../outside/secret.txt", str(outside / "secret.txt"), "link.py", "linkdir/secret.txt", 42, "a\0b",
               "a/../old.py", MANIFEST, "a.py", "old.py"]  # fmt: skip
    (out / MANIFEST).write_text(json.dumps({"files": hostile}))
    report = write_tree(out, {"a.py": "A\n"}, language="python")
    assert report.removed == ["old.py"] and not (out / "old.py").exists()
    assert (outside / "secret.txt").read_text() == "keep\n"
    assert (out / "link.py").is_symlink() and (out / "linkdir").is_symlink()
    warned = [w.message for w in report.warnings]
    for entry in ['"../outside/secret.txt"', json.dumps(str(outside / "secret.txt")), "link.py", "linkdir/secret.txt",
                  "42", '"a\\u0000b"', '"a/../old.py"', f'"{MANIFEST}"']:  # fmt: skip
        assert any(entry in message for message in warned), entry
    assert all("remov" in message and "writ" not in message for message in warned)
    assert all(w.severity == "warning" and w.file == str(out / MANIFEST) for w in report.warnings)
    assert _manifest_files(out) == ["a.py"]


def test_a_symlink_in_the_way_is_never_written_through(tmp_path: Path) -> None:
    out, outside = tmp_path / "out", tmp_path / "outside"
    outside.mkdir()
    (outside / "x").write_text("keep\n")
    write_tree(out, {"a.py": "A\n"}, language="python")
    (out / "README.md").symlink_to(outside / "x")
    (out / "pkg").symlink_to(outside)
    with pytest.raises(WriteRefused) as refused:
        write_tree(out, {"a.py": "A\n", "README.md": "R\n"}, language="python")
    assert "README.md (a symbolic link)" in str(refused.value)
    with pytest.raises(WriteRefused, match="pkg: it is a symbolic link"):
        write_tree(out, {"a.py": "A\n", "pkg/b.py": "B\n"}, language="python", force=True)
    assert sorted(p.name for p in outside.iterdir()) == ["x"]
    write_tree(out, {"a.py": "A\n", "README.md": "R\n"}, language="python", force=True)
    assert not (out / "README.md").is_symlink() and (out / "README.md").read_text() == "R\n"
    assert (outside / "x").read_text() == "keep\n"


def test_a_file_of_ours_gives_way_to_a_folder_of_the_same_name(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a": "old\n"}, language="python")
    report = write_tree(tmp_path, {"a/b.py": "B\n"}, language="python")
    assert report.removed == ["a"] and (tmp_path / "a" / "b.py").read_text() == "B\n"


def test_a_stray_temporary_file_from_a_killed_run_is_replaced(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.py": "A\n"}, language="python")
    (tmp_path / ".a.py.zsdk-tmp").write_text("half")
    write_tree(tmp_path, {"a.py": "A2\n"}, language="python")
    assert sorted(p.name for p in tmp_path.iterdir()) == [MANIFEST, "a.py"]


def _two_trees(root: Path, go: str, python: str) -> list[Tree]:
    return [
        Tree(root / "go", {"client.go": go, "old.go": "o\n"} if go == "1\n" else {"client.go": go}, "go"),
        Tree(root / "python", {"client.py": python}, "python"),
    ]


def test_several_trees_are_written_all_or_nothing_when_one_is_refused(tmp_path: Path) -> None:
    write_trees(_two_trees(tmp_path, "1\n", "1\n"))
    (tmp_path / "python" / MANIFEST).unlink()  # python/ is now a folder that is not ours
    before = _snapshot(tmp_path)
    with pytest.raises(WriteRefused, match="not empty"):
        write_trees(_two_trees(tmp_path, "2\n", "2\n"))
    assert _snapshot(tmp_path) == before


def test_several_trees_are_written_all_or_nothing_when_staging_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_trees(_two_trees(tmp_path, "1\n", "1\n"))
    for path in tmp_path.rglob("*"):
        os.utime(path, ns=(1_000_000_000, 1_000_000_000), follow_symlinks=False)
    before = _snapshot(tmp_path)
    real = staging._write_new

    def failing(path: Path, data: bytes) -> None:
        if path.parent.name == "python":
            raise OSError(28, "No space left on device", str(path))
        real(path, data)

    monkeypatch.setattr(staging, "_write_new", failing)
    with pytest.raises(WriteRefused, match="No space left on device") as refused:
        write_trees(_two_trees(tmp_path, "2\n", "2\n"))
    assert refused.value.diagnostic.file == str(tmp_path / "python")
    assert "nothing was written" in str(refused.value)
    assert _snapshot(tmp_path) == before  # go/old.go, moved aside to be removed, is back with its mtime
    assert not list(tmp_path.rglob("*.zsdk-tmp"))
    monkeypatch.setattr(staging, "_write_new", real)
    reports = write_trees(_two_trees(tmp_path, "2\n", "2\n"))
    assert [r.written for r in reports] == [["client.go"], ["client.py"]] and reports[0].removed == ["old.go"]


def test_two_trees_in_one_folder_are_refused(tmp_path: Path) -> None:
    (tmp_path / "go").mkdir()
    (tmp_path / "python").symlink_to(tmp_path / "go")
    with pytest.raises(WriteRefused, match="another language is written to this same folder"):
        write_trees(
            [Tree(tmp_path / "go", {"a.go": "A\n"}, "go"), Tree(tmp_path / "python", {"a.py": "A\n"}, "python")]
        )
    assert not list((tmp_path / "go").iterdir())


def _prepared(out: Path, files: dict[str, str]) -> staging.Prepared:
    folder = staging.Prepared.beside(out)
    assert folder is not None and folder.path.parent == out.parent and folder.path.name.startswith(f".{out.name}.")
    for relative, text in files.items():
        folder.write(relative, text)
    return folder


def test_a_prepared_new_folder_is_renamed_into_place_with_its_manifest(tmp_path: Path) -> None:
    files = {"a.py": "A\n", "pkg/b.py": "B\n"}
    out = tmp_path / "sdk"
    folder = _prepared(out, files)
    report = write_trees([Tree(out, files, "python", folder)])[0]
    assert sorted(report.written) == sorted(report.created) == ["a.py", "pkg/b.py"] and report.manifest_changed
    assert {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} == {"a.py", "pkg/b.py", MANIFEST}
    assert (out / "pkg" / "b.py").read_text() == "B\n"
    assert json.loads((out / MANIFEST).read_text())["files"] == ["a.py", "pkg/b.py"]
    assert not folder.path.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["sdk"]
    (tmp_path / "plain").mkdir()  # the folder has the mode any folder we make has
    assert out.stat().st_mode == (tmp_path / "plain").stat().st_mode


def test_a_folder_that_appeared_meanwhile_is_planned_file_by_file(tmp_path: Path) -> None:
    out = tmp_path / "sdk"
    folder = _prepared(out, {"a.py": "A\n"})
    out.mkdir()
    (out / "mine.txt").write_text("not ours\n")
    with pytest.raises(WriteRefused, match="not empty"):
        write_trees([Tree(out, {"a.py": "A\n"}, "python", folder)])
    assert sorted(p.name for p in out.iterdir()) == ["mine.txt"]
    (out / "mine.txt").unlink()
    report = write_trees([Tree(out, {"a.py": "A\n"}, "python", folder)])[0]
    assert report.written == ["a.py"] and (out / "a.py").read_text() == "A\n" and folder.path.exists()
    folder.remove()
    assert not folder.path.exists()


def test_files_held_by_a_prepared_folder_are_read_back_when_it_cannot_be_adopted(tmp_path: Path) -> None:
    out = tmp_path / "sdk"
    files = {"a.py": "A\r\n", "pkg/b.py": "B\n", "../escape.py": "E\n"}
    folder = _prepared(out, files)
    held = folder.holding(files)
    assert held.texts == {"a.py": None, "pkg/b.py": None, "../escape.py": "E\n"}  # a refused path is kept
    assert dict(held) == files and len(held) == 3
    files.pop("../escape.py")
    held = folder.holding(files)
    out.mkdir()  # appeared meanwhile: planned file by file, each text read back from the prepared folder
    report = write_trees([Tree(out, held, "python", folder)])[0]
    assert sorted(report.written) == ["a.py", "pkg/b.py"] and (out / "pkg" / "b.py").read_text() == "B\n"
    assert (out / "a.py").read_bytes() == b"A\r\n"
    folder.remove()


def test_no_folder_is_prepared_where_one_exists_or_cannot_be(tmp_path: Path) -> None:
    assert staging.Prepared.beside(tmp_path) is None
    (tmp_path / "link").symlink_to(tmp_path / "nowhere")
    assert staging.Prepared.beside(tmp_path / "link") is None
    (tmp_path / "file").write_text("")
    assert staging.Prepared.beside(tmp_path / "file" / "sdk") is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "link"]


def test_the_folders_above_a_prepared_folder_are_made_and_removed_with_it(tmp_path: Path) -> None:
    files = {"a.py": "A\n"}
    first, second = _prepared(tmp_path / "all" / "go", files), _prepared(tmp_path / "all" / "python", files)
    assert first.made == [tmp_path / "all"] and second.made == []
    report = write_trees([Tree(tmp_path / "all" / "go", files, "go", first)])[0]
    assert report.written == ["a.py"]
    generate.remove_prepared([first, second])  # as generate does after writing: what was adopted stays
    assert sorted(p.name for p in (tmp_path / "all").iterdir()) == ["go"]
    third, fourth = _prepared(tmp_path / "new" / "go", files), _prepared(tmp_path / "new" / "python", files)
    generate.remove_prepared([third, fourth])  # nothing adopted (an error): nothing is left
    assert sorted(p.name for p in tmp_path.iterdir()) == ["all"]


def test_a_prepared_file_that_cannot_be_written_is_a_located_error(tmp_path: Path) -> None:
    folder = _prepared(tmp_path / "sdk", {"a": "A\n"})
    with pytest.raises(SpecError) as caught:
        folder.write("a/b.py", "B\n")  # a file is where its folder would be
    assert caught.value.diagnostic.file == str(tmp_path / "sdk") and "cannot write" in str(caught.value)
    assert "a/b.py" in caught.value.diagnostic.message
    folder.write("../escape.py", "E\n")  # left to the writer to refuse, never written outside
    assert not (tmp_path / "escape.py").exists()
    with pytest.raises(WriteRefused, match="refusing to write '../escape.py'"):
        write_trees([Tree(tmp_path / "sdk", {"a": "A\n", "../escape.py": "E\n"}, "python", folder)])
    assert not (tmp_path / "sdk").exists()
    folder.remove()
