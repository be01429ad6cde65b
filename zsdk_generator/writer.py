"""Writing SDK trees, all or nothing: only changed files are rewritten, files we made and no longer make are
removed, files we did not make are never touched (unless `force`), and a failure leaves every folder as it was.

Ours are listed in a manifest (`.zsdk-manifest.json`) inside each output folder. Three phases, over all trees:
plan (every check, nothing touched), stage (undone on any error) and commit (see staging.py). A folder that does
not exist yet may come with a prepared folder holding its files already (staging.Prepared, filled while they
were rendered): it is checked the same way, then renamed into place. Symbolic links below an output folder are
never followed, for writing or for removing.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, SpecError
from .manifest import MANIFEST, Manifest, manifest_text, path_problem, read_manifest
from .staging import Prepared, Staging


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)  # new or changed files
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    created: list[str] = field(default_factory=list)  # those of `written` that did not exist
    manifest_changed: bool = False  # the manifest would be (or was) rewritten


@dataclass(frozen=True)
class Tree:
    """One SDK to write: its output folder, its files (path → text) and its language; `prepared`, a folder that
    already holds every file, renamed into place if the output folder still does not exist (else the caller
    removes it)."""

    out: Path
    files: Mapping[str, str]
    language: str
    prepared: Prepared | None = None


class WriteRefused(SpecError):
    """The writer stopped: one located diagnostic per problem found, in every output folder."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(diagnostics[0])
        self.diagnostics = diagnostics
        self.args = ("\n".join(d.message for d in diagnostics),)

    def __reduce__(self) -> tuple[type[SpecError], tuple[object, ...]]:
        return WriteRefused, (self.diagnostics,)


def write_tree(out: Path, files: Mapping[str, str], *, language: str, force: bool = False) -> WriteReport:
    return write_trees([Tree(out, files, language)], force=force)[0]


def compare_trees(trees: Sequence[Tree], *, force: bool = False) -> list[WriteReport]:
    """What write_trees would do, touching nothing. Raises WriteRefused where write_trees would refuse."""
    return [plan.report for plan in _plan_all(trees, force)]


def write_trees(trees: Sequence[Tree], *, force: bool = False) -> list[WriteReport]:
    """Write every tree or none. Raises WriteRefused (a SpecError) with every problem before touching anything."""
    plans = _plan_all(trees, force)
    staging = Staging()
    for plan in plans:
        try:
            if plan.adopted is not None:
                staging.adopt(plan.adopted, plan.root, plan.writes[-1])  # the manifest
                continue
            staging.stage(plan.root, plan.writes, plan.removals)
        except OSError as exc:
            staging.undo()
            raise WriteRefused([_os_error(plan.tree.out, "cannot write", exc, "nothing was written")]) from None
        except BaseException:
            staging.undo()
            raise
    try:
        staging.commit()
    except OSError as exc:  # after everything was staged: rare, and no longer undoable
        failed = Path(str(exc.filename or ""))
        where = next((plan.tree.out for plan in plans if plan.root in failed.parents), plans[0].tree.out)
        raise WriteRefused([_os_error(where, "cannot finish writing", exc, "run generate again")]) from None
    return [plan.report for plan in plans]


def _plan_all(trees: Sequence[Tree], force: bool) -> list[_Plan]:
    plans = [_plan(tree, force) for tree in trees]
    for index, plan in enumerate(plans):
        if any(other.root == plan.root for other in plans[:index]):
            plan.problems.append("another language is written to this same folder")
    problems = [Diagnostic("error", text, None, str(plan.tree.out)) for plan in plans for text in plan.problems]
    if problems:
        raise WriteRefused(problems)
    return plans


@dataclass
class _Plan:
    tree: Tree
    root: Path  # the output folder, resolved
    report: WriteReport = field(default_factory=WriteReport)
    writes: list[tuple[str, bytes]] = field(default_factory=list)  # the manifest last
    removals: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    kinds: dict[str, str] = field(default_factory=dict)  # what is at a path below the root, as found

    @property
    def adopted(self) -> Path | None:
        """The tree's prepared folder (every file but the manifest) when it becomes the root, which is missing."""
        prepared = self.tree.prepared
        return prepared.path if prepared is not None and self.kind("") == "missing" else None

    def kind(self, relative: str) -> str:
        """_kind of a path below the root ("" is the root), looked up once; below a missing folder, missing."""
        known = self.kinds.get(relative)
        if known is None:
            parent = relative.rpartition("/")[0] if relative else None
            if parent is not None and self.kind(parent) == "missing":
                known = "missing"
            else:
                known = _kind(self.root / relative if relative else self.root)
            self.kinds[relative] = known
        return known

    def warn(self, message: str) -> None:
        """A warning about an entry of the previous manifest, located at the manifest."""
        self.report.warnings.append(Diagnostic("warning", message, None, str(self.tree.out / MANIFEST)))


def _plan(tree: Tree, force: bool) -> _Plan:
    try:
        plan = _Plan(tree, tree.out.resolve())
    except (OSError, RuntimeError) as exc:  # a symlink loop is a RuntimeError before Python 3.13
        plan = _Plan(tree, tree.out)
        plan.problems.append(f"cannot resolve the output folder: {exc}")
        return plan
    try:
        _plan_folder(plan, force)
    except OSError as exc:
        plan.problems.append(_os_error(tree.out, "cannot read the output folder", exc, "nothing was written").message)
    return plan


def _plan_folder(plan: _Plan, force: bool) -> None:
    if plan.adopted is not None:
        _plan_prepared(plan)
        return
    kind = plan.kind("")
    if kind not in ("dir", "missing"):
        plan.problems.append("the output folder exists and is not a folder")
        return
    manifest = read_manifest(plan.root) if kind == "dir" else Manifest(False)
    if not manifest.found and not force and kind == "dir" and not _is_empty(plan.root):
        plan.problems.append(
            f"refusing to write into {plan.tree.out}: the folder is not empty and {manifest.problem}, so we cannot "
            "tell which files in it are ours; choose an empty or new folder, or pass --force to write into it anyway "
            "(files with the names we make are overwritten, nothing else is touched)"
        )
        return
    for entry, why in manifest.ignored:
        plan.warn(f"ignoring the entry {entry}: {why}; nothing is removed for it")
    for relative in manifest.files:
        if relative not in plan.tree.files:
            _plan_removal(plan, relative)
    ours = set(manifest.files)
    foreign: list[str] = []
    for relative, text in plan.tree.files.items():
        _plan_write(plan, relative, text.encode("utf-8"), ours, foreign, force)
    if foreign and not force:
        plan.problems.append(
            f"refusing to overwrite {len(foreign)} file{'s' * (len(foreign) != 1)} we did not make (not listed in "
            f"{MANIFEST}): {', '.join(foreign)}; move {'them' if len(foreign) > 1 else 'it'} away, or pass --force "
            "to overwrite"
        )
    _plan_manifest(plan)


def _plan_prepared(plan: _Plan) -> None:
    """A new folder whose files are all in the prepared folder already: every file is written and created."""
    plan.problems += [problem for problem in map(_refusal, plan.tree.files) if problem is not None]
    plan.report.written, plan.report.created = list(plan.tree.files), list(plan.tree.files)
    _plan_manifest(plan)


def _refusal(relative: str) -> str | None:
    """Why the writer refuses a path (not a plain relative path inside the folder), or None."""
    problem = path_problem(relative)
    return None if problem is None else f"refusing to write {relative!r}: {problem}"


def _plan_manifest(plan: _Plan) -> None:
    text = manifest_text(plan.tree.language, list(plan.tree.files)).encode("utf-8")
    target = plan.root / MANIFEST
    kind = plan.kind(MANIFEST)
    if kind == "dir":
        plan.problems.append(f"cannot write {MANIFEST}: a folder is in the way")
    elif kind != "file" or target.read_bytes() != text:
        plan.writes.append((MANIFEST, text))
        plan.report.manifest_changed = True


def _plan_removal(plan: _Plan, relative: str) -> None:
    """A file we made and no longer make: removed, unless it is no longer a plain file inside the folder."""
    blocked = _blocked(plan, relative)
    if blocked is not None:
        if blocked[1] == "link":
            plan.warn(f"not removing {relative}: it is reached through the symbolic link {blocked[0]}")
        return
    kind = plan.kind(relative)
    if kind == "file":
        plan.removals.append(relative)
        plan.report.removed.append(relative)
    elif kind != "missing":
        plan.warn(f"not removing {relative}: it is {_KINDS[kind]}, which we never make")


def _plan_write(plan: _Plan, relative: str, data: bytes, ours: set[str], foreign: list[str], force: bool) -> None:
    refused = _refusal(relative)
    if refused is not None:
        plan.problems.append(refused)
        return
    blocked = _blocked(plan, relative)
    if blocked is not None:
        where, kind = blocked
        if kind == "link":
            problem = f"refusing to write into {where}: it is a symbolic link, which we never follow; remove it"
            if problem not in plan.problems:
                plan.problems.append(problem)
        elif where not in plan.removals:  # a file of ours we no longer make is moved aside before folders are made
            plan.problems.append(f"cannot write {relative}: {where} is {_KINDS[kind]}, not a folder")
        else:
            _will_write(plan, relative, data)
        return
    target = plan.root / relative
    kind = plan.kind(relative)
    if kind in ("dir", "other"):
        plan.problems.append(f"cannot write {relative}: {_KINDS[kind]} is in the way")
    elif kind == "link" or (kind == "file" and relative not in ours):
        foreign.append(relative + " (a symbolic link)" * (kind == "link"))
        if force:
            _will_write(plan, relative, data)
    elif kind == "file" and target.read_bytes() == data:
        plan.report.unchanged.append(relative)
    else:
        _will_write(plan, relative, data)


def _will_write(plan: _Plan, relative: str, data: bytes) -> None:
    plan.writes.append((relative, data))
    plan.report.written.append(relative)
    if plan.kind(relative) == "missing":
        plan.report.created.append(relative)


_KINDS = {"dir": "a folder", "link": "a symbolic link", "file": "a file", "other": "something that is not a file"}


def _kind(path: Path) -> str:
    """What is at `path` without following a final symbolic link: missing, link, dir, file or other."""
    try:
        mode = os.lstat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return "missing"
    if stat.S_ISLNK(mode):
        return "link"
    return "dir" if stat.S_ISDIR(mode) else "file" if stat.S_ISREG(mode) else "other"


def _is_empty(folder: Path) -> bool:
    with os.scandir(folder) as entries:
        return next(entries, None) is None


def _blocked(plan: _Plan, relative: str) -> tuple[str, str] | None:
    """The first folder on the way to `relative` that is not a real folder (a link, a file), as (path, kind)."""
    parts = relative.split("/")
    for end in range(1, len(parts)):
        where = "/".join(parts[:end])
        kind = plan.kind(where)
        if kind == "missing":
            return None
        if kind != "dir":
            return where, kind
    return None


def _os_error(out: Path, doing: str, exc: OSError, outcome: str) -> Diagnostic:
    name = f" ({exc.filename})" if exc.filename else ""
    return Diagnostic("error", f"{doing}: {exc.strerror or exc}{name}; {outcome}", None, str(out))
