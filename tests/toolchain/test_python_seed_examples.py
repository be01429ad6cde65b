"""The Python examples of the seed docs (../shared/seeds/*-sdks.txt), copied as written, run against the golden SDKs
and a stub server on 127.0.0.1 — only the server's address is changed. (tests/seeds/ runs every example; these are a
few, one per surface option the examples need.)"""

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
ZATABASE = """
import asyncio
from zatabase import ZatabaseClient

async def main():
    async with ZatabaseClient(
        base_url="https://your-project.zatabase.io",
        api_key="your-api-key",
    ) as db:
        # Query data
        result = await db.execute_sql({
            "query": "SELECT * FROM products WHERE price < 20"
        })

        for row in result["rows"]:
            print(row)

        result = await db.sql.execute_sql({"query": "SELECT * FROM products"})

        # Ingest data
        await db.ingest_data("documents", {
            "records": [
                {"title": "First doc", "content": "Hello world", "embedding": [0.1] * 768},
                {"title": "Second doc", "content": "Goodbye world", "embedding": [0.2] * 768},
            ]
        })

        job = await db.submit_job({
            "command": ["python", "train_model.py"],
            "input_data": {"dataset": "v2"},
        })

        # Poll for completion
        import asyncio

        while True:
            status = await db.get_job(job["id"])
            if status["status"] in ("succeeded", "failed", "canceled"):
                break
            await asyncio.sleep(1)

        # Fetch logs
        logs = await db.get_job_logs(job["id"])

        # Create a serverless function
        func = await db.create_function({
            "name": "process-order",
            "runtime": "python3.12",
            "handler": "handler.main",
            "source": "...",
        })

        # Invoke it
        result = await db.invoke_function(func["id"], {
            "order_id": "ord_123",
        })
        print(result["result"])

asyncio.run(main())
"""


def test_zatabase_examples_run_as_written(stub: Callable[[Route], _Stub]) -> None:
    server = stub(_zatabase)
    out = _run("zatabase", ZATABASE.replace("https://your-project.zatabase.io", server.url))
    assert out.split("\n") == ["{'name': 'Widget'}", "42", ""]
    assert [(m, p) for m, p, _ in server.seen] == [
        ("POST", "/sql/execute"), ("POST", "/sql/execute"), ("POST", "/collections/documents/ingest"),
        ("POST", "/jobs"), ("GET", "/jobs/job_1"), ("GET", "/jobs/job_1/logs"), ("POST", "/functions"),
        ("POST", "/functions/fn_1/invoke"),
    ]  # fmt: skip
    bodies = [body for _, _, body in server.seen]
    assert bodies[0] == {"query": "SELECT * FROM products WHERE price < 20"}
    assert bodies[2]["records"][1]["title"] == "Second doc" and len(bodies[2]["records"][1]["embedding"]) == 768
    assert bodies[3] == {"command": ["python", "train_model.py"], "input_data": {"dataset": "v2"}}
    assert bodies[7] == {"order_id": "ord_123"}


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


def _dataset(n: int) -> dict[str, Any]:
    return {"id": n, "name": f"d{n}", "type": "sql", "created_at": CREATED}


def _vibedasher(method: str, path: str, body: Any) -> tuple[int, Any]:
    if (method, path) == ("POST", "/v1/datasets"):
        return 201, {"id": 1, **body, "created_at": CREATED}
    if method == "GET" and path.split("?")[0] == "/v1/datasets":  # two pages, whatever the limit
        if "exclusiveStartKey=2" in path:
            return 200, {"datasets": [_dataset(3)], "nextKey": None}
        return 200, {"datasets": [_dataset(1), _dataset(2)], "nextKey": 2}
    return 404, {"detail": "no"}


# The Vibedasher docs' Python example; the client is given the stub's address as base_url.
VIBEDASHER = """
from vibedasher import Vibedasher
from vibedasher.models import DatasetCreate

client = Vibedasher(api_key="<your-api-key>", region="eu-central-1")

# Create a dataset (request models live in vibedasher.models)
created = client.datasets.create(body=DatasetCreate(name="Sales", type_="flat_file"))
print(created.type_.value, created["type"] == "flat_file")

def handle(ds):
    print(ds.id)

# List datasets page by page
cursor = None
while True:
    page = client.datasets.list(limit=100, exclusive_start_key=cursor)
    for ds in page.datasets or []:
        handle(ds)
    cursor = page.next_key
    if cursor is None:
        break

print([ds.name for ds in client.datasets.list(limit=100)])  # a page still walks every page
"""


def test_vibedasher_examples_run_as_written(stub: Callable[[Route], _Stub]) -> None:
    server = stub(_vibedasher)
    code = VIBEDASHER.replace('region="eu-central-1")', f'region="eu-central-1", base_url={server.url!r})')
    assert _run("vibedasher", code).split("\n") == ["flat_file True", "1", "2", "3", "['d1', 'd2', 'd3']", ""]
    assert server.seen[0] == ("POST", "/v1/datasets", {"name": "Sales", "type": "flat_file"})
    assert [path for _, path, _ in server.seen[1:]] == [
        "/v1/datasets?limit=100",
        "/v1/datasets?limit=100&exclusiveStartKey=2",
    ] * 2


# The Zatabase docs' Python error handling example, as written, in the docs' `async with` block.
ZATABASE_ERRORS = """
import asyncio
from zatabase import ZatabaseClient
from zatabase.exceptions import (
    ZatabaseError,        # Base exception
    AuthenticationError,  # 401 / credential issues
    ValidationError,      # Invalid input
    APIError,             # General API error (has .status_code)
    RateLimitError,       # 429 Too Many Requests
    NotFoundError,        # 404
    PermissionError,      # 403
)

async def main():
    async with ZatabaseClient(base_url="https://your-project.zatabase.io", api_key="your-api-key") as db:
        try:
            await db.execute_sql({"query": "SELECT * FROM nonexistent"})
        except NotFoundError:
            print("Table does not exist")
        except RateLimitError:
            print("Slow down -- retry after backoff")
        except APIError as e:
            print(f"API error {e.status_code}: {e}")
        except ZatabaseError as e:
            print(f"SDK error: {e}")

asyncio.run(main())
"""


def test_zatabase_error_example_runs_as_written(stub: Callable[[Route], _Stub]) -> None:
    server = stub(_zatabase)
    assert _run("zatabase", ZATABASE_ERRORS.replace("https://your-project.zatabase.io", server.url)) == (
        "Table does not exist\n"
    )


# The Vibedasher docs' low-level examples (flat operation modules), as written but for the stub's address.
VIBEDASHER_FLAT = """
from vibedasher import create_client
from vibedasher.api.datasets import read_datasets

client = create_client(api_key="<your-api-key>", region="eu-central-1")
datasets = read_datasets.sync(client=client)
print([ds.name for ds in datasets])

res = read_datasets.sync_detailed(client=client)
if res.status_code >= 400:
    raise RuntimeError(f"Request failed ({res.status_code}): {res.content!r}")
print(res.parsed.next_key)

from vibedasher.api.datasets import read_dataset
missing = read_dataset.sync_detailed(404, client=client)
print(missing.status_code, missing.parsed, missing.content)

import asyncio
page = asyncio.run(read_datasets.asyncio(client=client, limit=100))
print(len(page.items), asyncio.run(read_datasets.asyncio_detailed(client=client, limit=100)).status_code)
"""


def test_vibedasher_flat_module_examples_run_as_written(stub: Callable[[Route], _Stub]) -> None:
    server = stub(_vibedasher)
    code = VIBEDASHER_FLAT.replace('region="eu-central-1")', f'region="eu-central-1", base_url={server.url!r})')
    assert _run("vibedasher", code).split("\n") == [
        "['d1', 'd2', 'd3']", "2", "404 None b'{\"detail\": \"no\"}'", "2 200", ""
    ]  # fmt: skip
