"""The local server the seed examples run against: one per seed, answering every operation of specs/<seed>.yaml.

Each answer is the operation's first 2xx status with a small body built from its response schema (required
properties only, each value from the schema's `example`, `examples`, `const`, `enum` or type), unless the
manifest gives a fixture for the route (`"METHOD /path/{template}": [answer, ...]`, used in order, the last one
repeated). Every request is recorded (method, path, query, lower-cased headers, JSON body) for the test to assert.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import yaml

METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: Any  # parsed JSON, the raw text when it is not JSON, None when empty


@dataclass
class Route:
    method: str
    template: str
    pattern: re.Pattern[str]
    status: int
    schema: dict[str, Any] | None


class Spec:
    """The routes of one OpenAPI document and a minimal schema-valid body for each."""

    def __init__(self, path: Path) -> None:
        self.doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        server = (self.doc.get("servers") or [{"url": ""}])[0]["url"]
        self.prefix = urlsplit(server.replace("{", "").replace("}", "")).path.rstrip("/")
        self.routes: list[Route] = []
        for template, item in self.doc["paths"].items():
            for method, operation in item.items():
                if method not in METHODS:
                    continue
                status, schema = self._success(operation)
                regex = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(self.prefix + template))
                self.routes.append(Route(method.upper(), template, re.compile(f"^{regex}$"), status, schema))

    def _success(self, operation: dict[str, Any]) -> tuple[int, dict[str, Any] | None]:
        for code, response in sorted(operation.get("responses", {}).items(), key=lambda item: str(item[0])):
            if str(code).startswith("2"):
                response = self.resolve(response)
                content = (response.get("content") or {}).get("application/json")
                return int(code), (content or {}).get("schema") if content is not None else None
        return 200, None

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        while isinstance(node, dict) and "$ref" in node:
            target: Any = self.doc
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            node = target
        return node

    def route(self, method: str, path: str) -> Route | None:
        return next((r for r in self.routes if r.method == method and r.pattern.match(path)), None)

    def minimal(self, schema: dict[str, Any] | None, depth: int = 0) -> Any:
        if schema is None:
            return None
        schema = self.resolve(schema)
        if "const" in schema:
            return schema["const"]
        if "example" in schema and schema["example"] is not None:
            return schema["example"]
        if schema.get("examples"):
            return schema["examples"][0]
        if schema.get("enum"):
            return schema["enum"][0]
        if "allOf" in schema:
            merged: dict[str, Any] = {}
            for part in schema["allOf"]:
                value = self.minimal(part, depth + 1)
                if isinstance(value, dict):
                    merged.update(value)
            return merged
        for key in ("oneOf", "anyOf"):
            if key in schema:
                return self.minimal(schema[key][0], depth + 1)
        kind = schema.get("type")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), "null")
        if kind == "object" or "properties" in schema:
            props = schema.get("properties") or {}
            return {name: self.minimal(props.get(name, {}), depth + 1) for name in schema.get("required", [])}
        if kind == "array":
            return []
        if kind == "string":
            return {"date-time": "2026-01-01T00:00:00Z", "date": "2026-01-01", "email": "admin@example.com",
                    "uuid": "00000000-0000-4000-8000-000000000000", "uri": "https://example.com"}.get(
                schema.get("format", ""), "x")  # fmt: skip
        if kind in ("integer", "number"):
            return schema.get("minimum", 1)
        if kind == "boolean":
            return True
        if kind == "null":
            return None
        return {}


@dataclass
class SeedServer:
    spec: Spec
    fixtures: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    requests: list[Recorded] = field(default_factory=list)
    url: str = ""

    def __post_init__(self) -> None:
        self._used: dict[str, int] = {}
        self._lock = threading.Lock()

    def answer(self, recorded: Recorded) -> tuple[int, Any]:
        route = self.spec.route(recorded.method, recorded.path)
        with self._lock:
            self.requests.append(recorded)
        if route is None:
            return 404, {"unrouted": f"{recorded.method} {recorded.path}"}
        key = f"{route.method} {route.template}"
        with self._lock:
            answers = self.fixtures.get(key)
            if answers:
                index = self._used.get(key, 0)
                self._used[key] = index + 1
                answer = answers[min(index, len(answers) - 1)]
                return int(answer.get("status", route.status)), answer.get("body")
        if route.status == 204 or route.schema is None:
            return route.status, None
        return route.status, self.spec.minimal(route.schema)

    def __enter__(self) -> SeedServer:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def _handle(self) -> None:
                parts = urlsplit(self.path)
                raw = self._body().decode("utf-8")
                try:
                    body = json.loads(raw) if raw else None
                except ValueError:
                    body = raw
                recorded = Recorded(self.command, parts.path, dict(parse_qsl(parts.query, keep_blank_values=True)),
                                    {k.lower(): v for k, v in self.headers.items()}, body)  # fmt: skip
                status, payload = owner.answer(recorded)
                data = b"" if payload is None else json.dumps(payload).encode("utf-8")
                self.send_response(status)
                if data:
                    self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _body(self) -> bytes:
                if "chunked" in self.headers.get("transfer-encoding", "").lower():
                    data = b""
                    while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
                        data += self.rfile.read(size)
                        self.rfile.readline()
                    while self.rfile.readline().strip():  # trailers, up to the blank line
                        pass
                    return data
                return self.rfile.read(int(self.headers.get("content-length") or 0))

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _handle

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
