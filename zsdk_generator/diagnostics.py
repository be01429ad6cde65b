"""Problems as values: a severity, where it is (file, line, JSON pointer) and one sentence."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Diagnostic:
    severity: Severity
    message: str
    pointer: str | None = ""  # None: the problem is with the file itself, not a node in it
    file: str = ""
    line: int = 0
    column: int = 0

    def located(self, file: str, line: int, column: int, pointer: str | None = None) -> Diagnostic:
        return replace(
            self,
            file=file,
            line=line,
            column=column,
            pointer=self.pointer if pointer is None else pointer,
        )

    def format(self) -> str:
        """One line: FILE:LINE:COL: severity: /pointer: message (control characters escaped)."""
        where = self.file or "<input>"
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        pointer = f"{_short_pointer(self.pointer) or '/'}: " if self.pointer is not None else ""
        message = self.message if len(self.message) <= _LONGEST else self.message[:_LONGEST] + "…"
        return _one_line(f"{where}: {self.severity}: {pointer}{message}")


_LONGEST = 1000  # characters of a message shown; a key a spec repeats in a message can be megabytes long
_LONGEST_KEY = 100  # characters of one pointer segment shown (…-elided in the middle)


def _short_pointer(pointer: str) -> str:
    if len(pointer) <= _LONGEST_KEY:
        return pointer
    keep = _LONGEST_KEY // 2
    return "/".join(p if len(p) <= _LONGEST_KEY else f"{p[:keep]}…{p[-keep // 2 :]}" for p in pointer.split("/"))


def _one_line(text: str) -> str:
    """Control characters (a newline in a key, a NUL) as escapes, so a finding stays on one line."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else c.encode("unicode_escape").decode("ascii") for c in text)


class SpecError(Exception):
    """A problem that stops the pipeline; carries the diagnostic to print."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic

    def __reduce__(self) -> tuple[type[SpecError], tuple[object, ...]]:  # travels back from forked workers
        return (SpecError, (self.diagnostic,))


def error(message: str, pointer: str | None = "", file: str = "", line: int = 0, column: int = 0) -> SpecError:
    return SpecError(Diagnostic("error", message, pointer, file, line, column))
