"""The stages in order — load, check the structure, upgrade, check, build — with diagnostics located in the files."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from .diagnostics import Diagnostic, SpecError
from .ir.builder import build_api
from .ir.model import Api
from .ir.resources import MethodNames
from .spec.checks import semantic_checks
from .spec.limits import Limits
from .spec.load import Document, load_document
from .spec.structure import check_structure
from .spec.upgrade import upgrade
from .spec.validate import spec_validator_findings
from .timing import stage

# Python frames the stages may need per level of nesting (the builder recurses into nested schemas).
_FRAMES_PER_LEVEL = 12
# Findings listed for one document (the most any real spec has is about 50); a broken one can have millions.
MOST_FINDINGS = 1000


@dataclass
class Result:
    api: Api | None = None
    document: Document | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


def run(path: str, *, full_validation: bool = False, method_names: MethodNames = "crud") -> Result:
    """Load and build `path`. Problems are returned, located; nothing raises for bad input."""
    with _collector_paused():
        return _run(path, full_validation, method_names)


def _run(path: str, full_validation: bool, method_names: MethodNames) -> Result:
    result = Result()
    try:
        limits = Limits.from_environment()
        with stage("load"):
            document = result.document = load_document(path, limits)
    except SpecError as exc:
        result.diagnostics.append(exc.diagnostic)
        return result
    result.diagnostics += document.warnings
    try:
        with _recursion_room(limits.max_depth * _FRAMES_PER_LEVEL):
            with stage("checks"):
                if full_validation:
                    result.diagnostics += spec_validator_findings(document.data, limits.max_validator_seconds)
                result.diagnostics += check_structure(document.data)
            if not result.errors:
                with stage("upgrade"):
                    upgrade(document)
                with stage("checks"):
                    result.diagnostics += semantic_checks(document)
            if not result.errors:
                with stage("IR"):
                    result.api, warnings = build_api(document, method_names)
                result.diagnostics += warnings
    except SpecError as exc:
        result.diagnostics.append(exc.diagnostic)
    except RecursionError:
        result.diagnostics.append(Diagnostic("error", "the document is nested too deeply to process", ""))
    listed = _in_part(result.diagnostics, document.sources.root.path)
    result.diagnostics = sorted(
        (document.sources.locate(d) for d in listed), key=lambda d: (d.file, d.line, d.column, d.message)
    )
    return result


def _in_part(found: list[Diagnostic], file: str) -> list[Diagnostic]:
    """The first MOST_FINDINGS findings, errors first, and one saying how many more there are."""
    if len(found) <= MOST_FINDINGS:
        return found
    errors = [d for d in found if d.severity == "error"]
    kept = (errors + [d for d in found if d.severity != "error"])[:MOST_FINDINGS]
    more_errors = len(errors) - sum(d.severity == "error" for d in kept)
    more_warnings = len(found) - len(kept) - more_errors
    message = (
        f"{more_errors} more error{'s' * (more_errors != 1)} and {more_warnings} more warning"
        f"{'s' * (more_warnings != 1)} are not listed (the first {MOST_FINDINGS} findings are)"
    )
    return kept + [Diagnostic("error" if more_errors else "warning", message, None, file=file)]


_keep_results = False


def keep_results() -> None:
    """This process ends soon after its runs (the CLI): their results are never collected."""
    global _keep_results
    _keep_results = True


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while the stages run.

    Loading and building make hundreds of thousands of objects and next to no reference cycles; the
    collections their allocations set off were a third of the time of a large YAML load. (The limits
    bound what a run allocates.) In a command-line run (`keep_results`) what they built lives until the process
    exits, so it is then moved out of the collector's sight (`gc.freeze`): the collections later stages set off
    (rendering, comparing) need not walk it again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if _keep_results:
            gc.freeze()
        if was_enabled:
            gc.enable()


@contextmanager
def _recursion_room(frames: int) -> Iterator[None]:
    """At least `frames` Python frames above the current depth, for the stages' recursion on deep documents."""
    previous = sys.getrecursionlimit()
    depth = 0
    frame = sys._getframe()
    while frame.f_back is not None:
        depth += 1
        frame = frame.f_back
    sys.setrecursionlimit(max(previous, depth + frames + 100))
    try:
        yield
    finally:
        sys.setrecursionlimit(previous)
