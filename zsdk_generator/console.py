"""What the commands print besides their results: diagnostics (coloured on a terminal, never with NO_COLOR),
progress per stage on a terminal once a run passes about a second, and nothing extra when quiet, in JSON mode or
when standard error is not a terminal (a CI log)."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterable
from typing import TextIO

from .diagnostics import Diagnostic

PROGRESS_AFTER = 1.0  # seconds: shorter runs show no progress
_COLOURS = {"error": "\033[31m", "warning": "\033[33m"}
_RESET = "\033[0m"


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Console:
    def __init__(self, *, quiet: bool = False, json_output: bool = False, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        terminal = _is_terminal(self.stream)
        self.colour = terminal and "NO_COLOR" not in os.environ
        self.show_progress = terminal and not quiet and not json_output
        self._started = time.monotonic()
        self._stage = ""
        self._shown = False
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    def diagnostics(self, found: Iterable[Diagnostic]) -> None:
        for diagnostic in found:
            self.line(self.paint(diagnostic.format(), diagnostic.severity))

    def paint(self, text: str, severity: str) -> str:
        """`text` with its `error`/`warning` word coloured, on a colour terminal."""
        colour = _COLOURS.get(severity)
        if not self.colour or colour is None:
            return text
        word = f": {severity}: "
        return text.replace(word, f": {colour}{severity}{_RESET}: ", 1)

    def line(self, text: str) -> None:
        with self._lock:
            self._clear()
            print(text, file=self.stream, flush=True)

    def stage(self, text: str) -> None:
        """The stage the run is in ("rendering python"): shown on one terminal line once the run passes
        PROGRESS_AFTER seconds."""
        if not self.show_progress:
            return
        with self._lock:
            self._stage = text
            if time.monotonic() - self._started >= PROGRESS_AFTER:
                self._show()
            elif self._timer is None:
                self._timer = threading.Timer(PROGRESS_AFTER, self._late)
                self._timer.daemon = True
                self._timer.start()

    def done(self) -> None:
        """The run is over: the progress line goes."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._stage = ""
            self._clear()

    def _late(self) -> None:
        with self._lock:
            if self._stage:
                self._show()

    def _show(self) -> None:
        elapsed = time.monotonic() - self._started
        self.stream.write(f"\r\033[K{self._stage}… ({elapsed:.0f} s)")
        self.stream.flush()
        self._shown = True

    def _clear(self) -> None:
        if self._shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self._shown = False
