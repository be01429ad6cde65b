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
from collections.abc import Iterable
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
        if folder in self.folders:
            return
        self.folders.add(folder)
        missing = []
        while not os.path.lexists(folder):
            missing.append(folder)
            folder = folder.parent
        for path in reversed(missing):
            path.mkdir()
            self.created.append(path)

    def undo(self) -> None:
        """Remove what was staged, so every folder is exactly as it was."""
        for temp, _ in self.temps:
            with contextlib.suppress(OSError):
                temp.unlink(missing_ok=True)
        for folder in reversed(self.created):
            with contextlib.suppress(OSError):
                folder.rmdir()
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

    def __init__(self, out: Path, path: Path) -> None:
        self.out, self.path = out, path
        self._folders: set[str] = {""}

    @classmethod
    def beside(cls, out: Path) -> Prepared | None:
        """A prepared folder for `out`, or None when `out` exists (or is a link) or its parent is no folder we can
        write in: the writer then plans every file against what is there."""
        try:
            parent = out.absolute().parent
            if os.path.lexists(out) or not parent.is_dir():
                return None
            for _ in range(8):
                path = parent / f".{out.name}.zsdk-new-{os.getpid()}-{secrets.token_hex(4)}"
                with contextlib.suppress(FileExistsError):
                    path.mkdir()  # as any folder we make: its mode is the umask's (mkdtemp's would be 0700)
                    return cls(out, path)
        except OSError:
            pass
        return None

    def write(self, relative: str, text: str) -> None:
        """Add one file (a plain relative path: see manifest.path_problem; any other is left to the writer to
        refuse)."""
        if path_problem(relative) is not None:
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

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
