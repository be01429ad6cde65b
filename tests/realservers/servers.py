"""Starting and stopping a mock server on a free 127.0.0.1 port, waiting until it answers."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

READY_TIMEOUT = 300.0  # seconds after the launch; Prism parses the OpenAI spec (3 MB) before it listens
READY_GRACE = 30.0  # seconds still given when ready() is first asked after READY_TIMEOUT has passed


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class MockServer:
    name: str
    command: list[str]  # `{port}` in an argument becomes the port
    cwd: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    log: Path | None = None
    launched: float = 0.0

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def launch(self) -> MockServer:
        """Start the process and return at once (Prism takes a minute to read the OpenAI spec: build meanwhile)."""
        descriptor, log = tempfile.mkstemp(prefix=f"{self.name}-", suffix=".log")
        self.log = Path(log)
        self.launched = time.monotonic()
        with open(descriptor, "wb") as output:  # a process group of its own, so that stop() ends its children too
            self.process = subprocess.Popen(self.argv(), cwd=self.cwd, stdout=output, stderr=subprocess.STDOUT,
                                            start_new_session=True)  # fmt: skip
        return self

    def argv(self) -> list[str]:
        return [part.replace("{port}", str(self.port)) for part in self.command]

    def ready(self) -> MockServer:
        """Wait until the launched server answers; fail with its output when it exits or never answers."""
        assert self.process is not None, "launch() first"
        # Counted from the launch, since the SDKs build meanwhile; a build that took longer still gets a few asks.
        deadline = max(self.launched + READY_TIMEOUT, time.monotonic() + READY_GRACE)
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode} before it was ready "
                                   f"({' '.join(self.argv())}):\n{self.output()}")  # fmt: skip
            if self.answers():
                return self
            time.sleep(0.3)
        output = self.output()  # before stop() removes the log
        self.stop()
        waited = time.monotonic() - self.launched
        raise RuntimeError(f"{self.name} did not answer on {self.address} {waited:.0f} s after its launch:\n{output}")

    def answers(self) -> bool:
        try:
            urllib.request.urlopen(f"http://{self.address}/", timeout=2).close()
        except urllib.error.HTTPError:
            return True  # any HTTP answer means it is listening
        except OSError:
            return False
        return True

    def output(self) -> str:
        """The end of what the server printed ("" once stop() has removed its log)."""
        if self.log is None or not self.log.exists():
            return ""
        return self.log.read_text(errors="replace")[-4000:]

    def stop(self) -> None:
        """End the server and whatever it started (its process group), and remove its log."""
        if self.process is not None:
            self.signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.signal(signal.SIGKILL)
                self.process.wait()
            self.signal(signal.SIGKILL)  # children that outlived it
        if self.log is not None:
            self.log.unlink(missing_ok=True)

    def signal(self, number: int) -> None:
        assert self.process is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, number)
