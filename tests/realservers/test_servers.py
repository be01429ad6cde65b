"""MockServer's wait: a server asked late is still asked, and one that never answers is reported with its output."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from . import servers
from .servers import MockServer


def test_asked_after_the_timeout_still_answers(tmp_path: Path) -> None:
    """The SDKs build between launch() and ready(); a build longer than READY_TIMEOUT must not fail a ready server."""
    server = MockServer("http", [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", "{port}"], tmp_path)
    server.launch()
    try:
        server.launched -= servers.READY_TIMEOUT + 1
        assert server.ready() is server
        assert server.answers()
    finally:
        server.stop()
    assert server.log is not None and not server.log.exists()


def test_never_answering_reports_its_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(servers, "READY_TIMEOUT", 0.5)
    monkeypatch.setattr(servers, "READY_GRACE", 0.5)
    script = "import sys, time; print('loading the spec', flush=True); time.sleep(60)"
    server = MockServer("silent", [sys.executable, "-c", script], tmp_path).launch()
    started = time.monotonic()
    with pytest.raises(RuntimeError, match=r"(?s)silent did not answer on 127\.0\.0\.1:\d+ .*loading the spec"):
        server.ready()
    assert time.monotonic() - started < 20
    assert server.process is not None and server.process.poll() is not None  # stopped
    assert server.output() == ""  # its log is removed, and asking again does not raise
