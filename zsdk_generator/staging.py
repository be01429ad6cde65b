"""Changing files so that it can be undone: stage (new files as temporary files beside their targets, files to
remove moved aside, folders made as needed), then commit (rename into place) or undo (put everything back).

An output folder that does not exist yet can be filled before that, while its files are still being rendered:
a Prepared folder beside it takes each file as soon as it is made (in whichever process makes it), and staging
then adopts the whole folder, committed by renaming it into place at once.

Callers check paths first: staging never follows a symbolic link when creating a file, but trusts the folders.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import error
from .manifest import path_problem

SUFFIX = ".zsdk-tmp"


@dataclass
class Staging:
    temps: list[tuple[Path, Path]] = field(default_factory=list)  # (temporary file, target), in commit order
    aside: list[tuple[Path, Path, Path]] = field(default_factory=list)  # (moved-aside file, its path, its root)
    created: list[Path] = field(default_factory=list)  # folders we made, outermost first
    folders: set[Path] = field(default_factory=set)  # folders known to be there
    adopted: list[tuple[Path, Path]] = field(default_factory=list)  # (prepared folder, the folder it becomes)

    def stage(self, root: Path, writes: Iterable[tuple[str, bytes]], removals: Iterable[str]) -> None:
        """Stage changes below `root`; on an OSError, call undo()."""
        for relative in removals:  # first, so a file of ours can give way to a folder of the same name
            path = root / relative
            aside = temporary(path)
            os.rename(path, aside)
            self.aside.append((aside, path, root))
        for relative, data in writes:
            target = root / relative
            self._make_dirs(target.parent)
            temp = temporary(target)
            _write_new(temp, data)
            self.temps.append((temp, target))

    def adopt(self, prepared: Path, root: Path, manifest: tuple[str, bytes]) -> None:
        """Stage a prepared folder holding every file of `root` (which does not exist): its manifest is added, and
        commit renames it to `root`. Undo leaves it to its Prepared owner to remove."""
        _write_new(prepared / manifest[0], manifest[1])
        self.adopted.append((prepared, root))

    def _make_dirs(self, folder: Path) -> None:
        if folder not in self.folders:
            self.folders.add(folder)
            self.created += make_folders(folder)

    def undo(self) -> None:
        """Remove what was staged, so every folder is exactly as it was."""
        for temp, _ in self.temps:
            with contextlib.suppress(OSError):
                temp.unlink(missing_ok=True)
        remove_empty(self.created)
        for aside, path, _ in reversed(self.aside):
            with contextlib.suppress(OSError):
                os.rename(aside, path)

    def commit(self) -> None:
        """Rename every staged file into place, then remove the files moved aside and folders they leave empty.

        An OSError here (rare: everything was staged) can no longer be undone; the temporary files not yet
        renamed are removed before it propagates.
        """
        for index, (temp, target) in enumerate(self.temps):
            try:
                os.replace(temp, target)
            except OSError:
                for rest, _ in self.temps[index:]:
                    with contextlib.suppress(OSError):
                        rest.unlink()
                raise
        for prepared, root in self.adopted:
            os.rename(prepared, root)  # fails, rather than replaces, if a folder appeared there meanwhile
        for aside, path, root in self.aside:
            with contextlib.suppress(FileNotFoundError):
                aside.unlink()
            _prune_empty_dirs(path.parent, root)


def make_folders(folder: Path) -> list[Path]:
    """Make `folder` and the folders above it that are missing; returns those made, outermost first (on an
    OSError, none: what it made is removed again)."""
    missing = []
    while not os.path.lexists(folder):
        missing.append(folder)
        folder = folder.parent
    made: list[Path] = []
    try:
        for path in reversed(missing):
            path.mkdir()
            made.append(path)
    except OSError:
        remove_empty(made)
        raise
    return made


def remove_empty(folders: list[Path]) -> None:
    """Remove those of `folders` (outermost first) that are empty, innermost first."""
    for folder in reversed(folders):
        with contextlib.suppress(OSError):
            folder.rmdir()


def temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}{SUFFIX}")


_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


def _write_new(path: Path, data: bytes) -> None:
    """Create `path` afresh, never through a symbolic link; a stray left by a killed run is replaced."""
    try:
        fd = os.open(path, _CREATE, 0o666)
    except FileExistsError:
        os.unlink(path)
        fd = os.open(path, _CREATE, 0o666)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def _prune_empty_dirs(folder: Path, root: Path) -> None:
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


class Prepared:
    """A new folder beside `out` (which does not exist) that receives each file of `out` as it is made, from this
    process or a forked worker; see Staging.adopt. `remove` takes away whatever was not adopted."""

    def __init__(self, out: Path, path: Path, made: list[Path]) -> None:
        self.out, self.path, self.made = out, path, made  # made: the folders above it we made, outermost first
        self._folders: set[str] = {""}

    @classmethod
    def beside(cls, out: Path) -> Prepared | None:
        """A prepared folder for `out`, or None when `out` exists (or is a link) or no folder can be made beside
        it: the writer then plans every file against what is there. The folders above `out` that are missing
        are made (`--lang all` writes each language below one new folder); `remove` takes them away again."""
        parent = out.absolute().parent
        if os.path.lexists(out):
            return None
        try:
            made = make_folders(parent)
        except OSError:
            return None
        for _ in range(8):
            path = parent / f".{out.name}.zsdk-new-{os.getpid()}-{secrets.token_hex(4)}"
            try:
                path.mkdir()  # as any folder we make: its mode is the umask's (mkdtemp's would be 0700)
                return cls(out, path, made)
            except FileExistsError:
                continue
            except OSError:
                break
        remove_empty(made)
        return None

    @staticmethod
    def takes(relative: str) -> bool:
        """Whether `write` puts the file here: a plain relative path (manifest.path_problem); any other is left
        to the writer to refuse."""
        return path_problem(relative) is None

    def write(self, relative: str, text: str) -> None:
        """Add one file, if the folder takes it."""
        if not self.takes(relative):
            return
        folder = relative.rpartition("/")[0]
        try:
            if folder not in self._folders:
                os.makedirs(self.path / folder, exist_ok=True)  # a worker beside this one may be making it too
                self._folders.add(folder)
            _write_new(self.path / relative, text.encode("utf-8"))
        except OSError as exc:
            message = f"cannot write: {exc.strerror or exc} ({relative}); nothing was written"
            raise error(message, None, str(self.out)) from None

    def holding(self, files: Mapping[str, str]) -> PreparedFiles:
        """`files`, which were all sent to this folder, as a mapping that reads each text back from it only
        when asked: what a forked worker sends its parent instead of the texts themselves."""
        return PreparedFiles(self, {path: None if self.takes(path) else text for path, text in files.items()})

    def remove(self) -> None:
        """Remove the folder (unless renamed into place) and the folders made for it that are left empty."""
        shutil.rmtree(self.path, ignore_errors=True)
        remove_empty(self.made)


class PreparedFiles(Mapping[str, str]):
    """An SDK's files, path → text, whose texts are in a prepared folder (None) or kept here (the paths it
    does not take). The writer reads none of them when it adopts the folder; when it cannot (the output folder
    appeared meanwhile), it reads each one back."""

    def __init__(self, folder: Prepared, texts: dict[str, str | None]) -> None:
        self.folder, self.texts = folder, texts

    def __getitem__(self, path: str) -> str:
        text = self.texts[path]
        return (self.folder.path / path).read_bytes().decode("utf-8") if text is None else text  # as written

    def __iter__(self) -> Iterator[str]:
        return iter(self.texts)

    def __len__(self) -> int:
        return len(self.texts)
