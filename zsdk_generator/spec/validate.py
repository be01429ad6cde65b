"""openapi-spec-validator's findings, as warnings located in the source files.

It is slow (seconds on the largest specs) and strict about things generation
copes with (the OpenAI spec fails `uniqueItems`), so it runs only under
`zsdk-generator validate`, never on the generate path, and what it finds is a
warning: whether a spec can be generated is decided by our own checks and the
IR builder.
"""

from __future__ import annotations

import re
import signal
import threading
from collections import deque
from collections.abc import Iterator
from typing import Any

from ..diagnostics import Diagnostic
from .limits import variable
from .pointer import get, join

_MAX_MESSAGE = 240
# Findings our own checks report too, with a line and pointer (see checks.py): not repeated.
_COVERED = re.compile(
    r"Operation ID '.*' for '.*' in '.*' is not unique"
    r"|Path parameter '.*' for '.*' operation in '.*' was not resolved"
)


def _validator_class(data: dict[str, Any]) -> Any:
    import openapi_spec_validator as osv

    if "swagger" in data:
        return osv.OpenAPIV2SpecValidator
    version = str(data.get("openapi", ""))
    return osv.OpenAPIV30SpecValidator if version.startswith("3.0") else osv.OpenAPIV31SpecValidator


class _OutOfTime(BaseException):  # not an Exception: nothing in the validator may swallow it
    pass


# Past the time limit the alarm rings again this often: Python drops an exception that a signal handler raises
# while a finalizer runs (a `__del__`, which openapi-spec-validator's caches have), so one ring can go unheard.
_RING_AGAIN_SECONDS = 0.1


def _errors_within(data: dict[str, Any], seconds: int) -> tuple[list[Any], bool]:
    """openapi-spec-validator's errors on `data`, and whether it ran out of `seconds` before it finished.

    The limit is a SIGALRM timer, so it holds on Unix in the main thread when no other timer is set; elsewhere
    the validator runs to the end."""
    validator = _validator_class(data)(data)
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or signal.getitimer(signal.ITIMER_REAL)[0]:
        return list(validator.iter_errors()), False
    errors: list[Any] = []
    ringing = [True]

    def ring(_signum: int, _frame: Any) -> None:
        if ringing[0]:
            raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, ring)
    out_of_time = False
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds, _RING_AGAIN_SECONDS)
        for error in validator.iter_errors():
            errors.append(error)
    except _OutOfTime:
        out_of_time = True
    finally:
        ringing[0] = False  # first: no call before it, so no ring can come between (a later one does nothing)
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return errors, out_of_time


def spec_validator_findings(data: dict[str, Any], seconds: int = 120) -> list[Diagnostic]:
    """Run openapi-spec-validator on the (bundled, not yet upgraded) document, for at most `seconds`.

    It resolves `$ref`s afresh wherever they are used, so a small document whose schemas refer to each other
    level after level can keep it busy for ever: past the time limit it stops with a warning.
    """
    try:
        errors, out_of_time = _errors_within(data, seconds)
    except Exception as exc:  # the validator's own failures must not stop ours
        return [
            Diagnostic("warning", f"openapi-spec-validator stopped early: {type(exc).__name__}: {_short(str(exc))}", "")
        ]
    out: list[Diagnostic] = []
    if out_of_time:
        message = (
            f"openapi-spec-validator stopped after {seconds} s (the limit is set by "
            f"{variable('max_validator_seconds')}); its findings are incomplete"
        )
        out.append(Diagnostic("warning", message, ""))
    finder = _NodeFinder(data)
    for err in errors:
        if _COVERED.match(str(getattr(err, "message", ""))):
            continue
        path = tuple(str(p) for p in getattr(err, "absolute_path", deque()) or ())
        where = finder.find(path, getattr(err, "instance", None))
        out.append(Diagnostic("warning", "openapi-spec-validator: " + _short(str(getattr(err, "message", err))), where))
    return out


def _short(text: str) -> str:
    text = text.strip().splitlines()[0] if text.strip() else "invalid"
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1] + "…"


class _NodeFinder:
    """Turns a validator error path into a document pointer.

    Errors from the document-level schema carry paths from the root; errors
    raised while checking one schema carry paths relative to that schema. For
    those we look for the place in the document whose path ends with the
    relative path and holds the failing value.
    """

    def __init__(self, data: dict[str, Any]):
        self.data = data
        self._index: dict[str, list[tuple[str, ...]]] | None = None

    def find(self, path: tuple[str, ...], instance: Any) -> str:
        try:
            if get(self.data, path) is instance or (path and get(self.data, path) == instance):
                return join(path)
        except KeyError:
            pass
        if not path:
            return ""
        head, last = path[:-1], path[-1]
        for parent in self._parents_of(last):
            if parent[len(parent) - len(head) :] == head:
                try:
                    if get(self.data, parent + (last,)) == instance:
                        return join(parent + (last,))
                except KeyError:
                    continue
        return ""

    def _parents_of(self, key: str) -> list[tuple[str, ...]]:
        """Paths of the containers that have a child named `key`, in document order."""
        if self._index is None:
            self._index = {}
            for path, node in _walk(self.data, ()):
                keys = node.keys() if isinstance(node, dict) else (str(i) for i in range(len(node)))
                for child in keys:
                    self._index.setdefault(str(child), []).append(path)
        return self._index.get(key, [])


def _walk(node: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Any]]:
    stack = [(node, path)]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            yield path, node
            children = [(v, path + (str(k),)) for k, v in node.items() if isinstance(v, (dict, list))]
        elif isinstance(node, list):
            yield path, node
            children = [(v, path + (str(i),)) for i, v in enumerate(node) if isinstance(v, (dict, list))]
        else:
            continue
        stack.extend(reversed(children))
