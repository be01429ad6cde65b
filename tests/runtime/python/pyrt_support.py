"""Shared helpers for the Python runtime tests.

Importing this module makes the runtime importable as the package ``sdkrt``:
the runtime files use relative imports and have no ``__init__.py`` (generated
code writes it), so they are copied into a temporary package first.
"""

from __future__ import annotations

import asyncio
import atexit
import inspect
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

RUNTIME_DIR = Path(__file__).resolve().parents[3] / "templates" / "python" / "runtime"
PACKAGE = "sdkrt"


def make_package(root: Path, name: str = PACKAGE) -> Path:
    """Copy the runtime (plus ``sample_sdk.py``) into ``root/name``."""
    package = root / name
    shutil.copytree(RUNTIME_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    (package / "__init__.py").write_text("")
    shutil.copy(Path(__file__).with_name("sample_sdk.py"), package / "sample_sdk.py")
    return package


def _install_runtime() -> Path:
    root = Path(tempfile.mkdtemp(prefix="pyrt-"))
    make_package(root)
    sys.path.insert(0, str(root))
    atexit.register(shutil.rmtree, root, True)
    return root


RUNTIME_ROOT = _install_runtime()

from sdkrt._base_client import AsyncAPIClient, SyncAPIClient  # noqa: E402 - importable only after the install above

BASE_URL = "https://api.example.com/v1"

Handler = Callable[[httpx.Request], httpx.Response]


class Harness:
    """One client, sync or async, over a recording ``MockTransport``.

    ``call(name, *args)`` runs a client method and, for the async client,
    drives the coroutine to completion, so one test body covers both.
    """

    def __init__(self, mode: str, handler: Handler, **kwargs: Any) -> None:
        self.mode = mode
        self.requests: list[httpx.Request] = []
        self.sleeps: list[float] = []

        def record(request: httpx.Request) -> httpx.Response:
            request.read()
            self.requests.append(request)
            return handler(request)

        transport = httpx.MockTransport(record)
        options: dict[str, Any] = {"base_url": BASE_URL, "rand": lambda: 0.0}
        options.update(kwargs)
        if mode == "sync":
            self.client: Any = SyncAPIClient(
                http_client=httpx.Client(transport=transport),
                sleep=self.sleeps.append,
                **options,
            )
        else:

            async def sleep(seconds: float) -> None:
                self.sleeps.append(seconds)

            self.client = AsyncAPIClient(
                http_client=httpx.AsyncClient(transport=transport),
                sleep=sleep,
                **options,
            )

    def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        result = getattr(self.client, name)(*args, **kwargs)
        if inspect.iscoroutine(result):
            return asyncio.run(result)
        return result

    def run(self, value: Any) -> Any:
        """Await ``value`` when it is a coroutine (async mode)."""
        if inspect.iscoroutine(value):
            return asyncio.run(value)
        return value


def json_response(status: int = 200, body: Any = None, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(status, json=body, headers=headers)


def fresh(response: httpx.Response) -> httpx.Response:
    """A new copy of an in-memory response (a response object is single-use)."""
    return httpx.Response(response.status_code, headers=response.headers, content=response.content)


def sequence(*responses: httpx.Response | Exception) -> Handler:
    """A handler answering with the given responses (or raising) in order."""
    queue = list(responses)

    def handler(request: httpx.Request) -> httpx.Response:
        item = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(item, Exception):
            raise item
        return fresh(item)

    return handler
