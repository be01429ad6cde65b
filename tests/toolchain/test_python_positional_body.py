"""The golden Zatabase SDK's positional body (`python: {body: positional}`) refuses what is not an object body before
sending anything, over HTTP against a stub server. (tests/seeds/ runs every example of the seed docs as written.)"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests.golden.golden import golden_dir

Route = Callable[[str, str, Any], tuple[int, Any]]  # (method, path with query, JSON body) → (status, JSON answer)


class _Stub:
    def __init__(self, route: Route) -> None:
        self.seen: list[tuple[str, str, Any]] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = json.loads(self.rfile.read(length)) if length else None
                stub.seen.append((self.command, self.path, body))
                status, answer = route(self.command, self.path, body)
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_DELETE = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"


@pytest.fixture
def stub() -> Iterator[Callable[[Route], _Stub]]:
    started: list[_Stub] = []

    def start(route: Route) -> _Stub:
        server = _Stub(route)
        threading.Thread(target=server.server.serve_forever, daemon=True).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.server.shutdown()
        server.server.server_close()


def _run(spec: str, code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], cwd=golden_dir(spec, "python"), capture_output=True,
                            text=True, timeout=60, env={"PYTHONDONTWRITEBYTECODE": "1", "PATH": ""})  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout


CREATED = "2026-01-02T03:04:05Z"
JOB = {"id": "job_1", "status": "succeeded", "command": ["python", "train_model.py"], "created_at": CREATED}
FUNCTION = {"id": "fn_1", "name": "process-order", "runtime": "python3.12", "handler": "handler.main",
            "created_at": CREATED}  # fmt: skip


def _zatabase(method: str, path: str, body: Any) -> tuple[int, Any]:
    if "nonexistent" in str(body):
        return 404, {"error": {"message": "no such table"}}
    answers: dict[tuple[str, str], Any] = {
        ("POST", "/sql/execute"): {"columns": [{"name": "name", "type": "text"}], "rows": [{"name": "Widget"}],
                                   "row_count": 1},  # fmt: skip
        ("POST", "/collections/documents/ingest"): {"ingested": 2, "failed": 0},
        ("POST", "/jobs"): {**JOB, "status": "pending"},
        ("GET", "/jobs/job_1"): JOB,
        ("GET", "/jobs/job_1/logs"): {"job_id": "job_1", "lines": []},
        ("POST", "/functions"): FUNCTION,
        ("POST", "/functions/fn_1/invoke"): {"invocation_id": "inv_1", "status": "succeeded", "result": 42,
                                             "duration_ms": 3},  # fmt: skip
    }
    return (200, answers[(method, path)]) if (method, path) in answers else (404, {"error": {"message": "no"}})


# The Zatabase docs' Python examples, one after another in one `async with` block, as written.


def test_zatabase_refuses_a_body_that_is_not_a_mapping(stub: Callable[[Route], _Stub]) -> None:
    server = stub(_zatabase)
    code = f"""
import asyncio
from zatabase import ZatabaseClient, SyncZatabaseClient

async def main():
    async with ZatabaseClient(base_url={server.url!r}, api_key="k") as db:
        try:
            await db.execute_sql("SELECT 1")
        except ValueError as exc:
            print(exc)

asyncio.run(main())
with SyncZatabaseClient(base_url={server.url!r}, api_key="k") as db:
    print(db.execute_sql({{"query": "SELECT 1"}})["row_count"])
"""
    out = _run("zatabase", code)
    assert out.split("\n")[0] == "body must be a mapping or a model (the request body is a JSON object), not str"
    assert out.split("\n")[1] == "1"
    assert [body for _, _, body in server.seen] == [{"query": "SELECT 1"}]  # the refused body was never sent
