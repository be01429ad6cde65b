"""One run at a time per output folder: an exclusive `flock` on a lock file that lives outside the folder.

The lock file is `<temp folder>/zsdk-generator-locks-<uid>/<hash of the folder's resolved path>.lock`, so it is
never a file in the output folder (never "foreign", never makes a folder non-empty), it can be taken before the
folder exists, and every spelling of a path (relative, through a symlink) shares it. It holds the pid of the run
that has it and is left in place afterwards (removing lock files races with the runs waiting on them). It keeps
apart runs of one user on one machine with the same temp folder ($TMPDIR).

Several folders are locked in sorted order of their resolved paths, so runs that share folders cannot deadlock.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .diagnostics import error

POLL_SECONDS = 0.05

Waiting = Callable[[Path, str], None]  # (folder as given, "pid N" or "") when a run starts to wait


def lock_file(folder: Path) -> Path:
    key = hashlib.sha256(os.fsencode(_resolved(folder))).hexdigest()[:32]
    return Path(tempfile.gettempdir()) / f"zsdk-generator-locks-{os.getuid()}" / f"{key}.lock"


@contextlib.contextmanager
def hold(folders: Iterable[Path], *, timeout: float, waiting: Waiting | None = None) -> Iterator[None]:
    """Lock every folder, waiting at most `timeout` seconds in all; raises SpecError when another run keeps one."""
    deadline = time.monotonic() + timeout
    given = {_resolved(folder): folder for folder in folders}
    with contextlib.ExitStack() as stack:
        for resolved in sorted(given):
            stack.enter_context(_hold_one(given[resolved], timeout, deadline, waiting))
        yield


def _resolved(folder: Path) -> Path:
    try:
        return folder.resolve()
    except (OSError, RuntimeError):  # a symlink loop; the writer reports it
        return folder.absolute()


@contextlib.contextmanager
def _hold_one(folder: Path, timeout: float, deadline: float, waiting: Waiting | None) -> Iterator[None]:
    fd = _open(folder)
    try:
        if not _try_lock(fd):
            holder = _holder(fd)
            if timeout > 0 and waiting is not None:
                waiting(folder, holder)
            while not _try_lock(fd):
                if time.monotonic() >= deadline:
                    who = f"another zsdk-generator run ({holder})" if holder else "another zsdk-generator run"
                    raise error(
                        f"{who} is writing this folder and still held it after {timeout:g} s; nothing was written. "
                        "Run again when it has finished, or wait longer with --lock-timeout SECONDS",
                        None,
                        str(folder),
                    )
                time.sleep(POLL_SECONDS)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


def _open(folder: Path) -> int:
    path = lock_file(folder)
    try:
        path.parent.mkdir(mode=0o700, exist_ok=True)
        info = os.lstat(path.parent)
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            raise error(f"cannot lock the output folder: {path.parent} is not a folder of this user", None, str(folder))
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    except OSError as exc:
        raise error(f"cannot lock the output folder with {path}: {exc.strerror or exc}", None, str(folder)) from None


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _holder(fd: int) -> str:
    text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    return f"pid {text}" if text.isdigit() else ""
