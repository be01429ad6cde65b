"""A recording proxy: what each SDK put on the wire, forwarded unchanged to the mock server behind it.

Mock servers cannot see every mistake (an unknown query parameter, an array style they tolerate), so every
request goes through this proxy on its way to the mock, and the suite checks the wire itself. Requests are
filed under the sample call that sent them: the drivers send the call's id in the X-Rs-Case header; a request
without one (a later page fetched by the SDK itself) is filed under the last call seen.

A mock answers every list with one page and no more, so a call can ask for its first answer to be patched
(`first_answer` in the samples: fields set on the JSON object, such as `has_more: true` and a `next_page` token):
the SDK then fetches a second page, and the suite checks what it sent for it.
"""

from __future__ import annotations

import http.client
import json
import re
import threading
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

CASE_HEADER = "X-Rs-Case"
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}


def request_violations(header: str | None) -> list[str]:
    """The request's violations in Prism's sl-violations header (those of its own examples are not ours)."""
    if not header:
        return []
    try:
        violations = json.loads(header)
    except ValueError:  # not JSON (cut short): keep it whole when it speaks of the request
        return [header] if '"request"' in header else []
    return [f"{'.'.join(map(str, v['location']))}: {v['message']}" for v in violations
            if v.get("location", [""])[0] == "request"]  # fmt: skip


@dataclass
class Exchange:
    """One request as the SDK sent it, and the status the mock answered with."""

    method: str
    path: str
    query: str  # raw, in the order sent
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)  # names in lower case
    status: int = 0
    answer: bytes = b""
    violations: list[str] = field(default_factory=list)  # request violations Prism reported (sl-violations)

    def query_pairs(self) -> list[tuple[str, str]]:
        return urllib.parse.parse_qsl(self.query, keep_blank_values=True)

    def body_pairs(self) -> list[tuple[str, str]]:
        """A form body's pairs, or a multipart body's part names (with a file part's filename), in order."""
        if self.content_type.startswith("application/x-www-form-urlencoded"):
            return urllib.parse.parse_qsl(self.body.decode(), keep_blank_values=True)
        if self.content_type.startswith("multipart/form-data"):
            parts = re.findall(rb'Content-Disposition: form-data; name="([^"]*)"(?:; filename="([^"]*)")?',
                               self.body, flags=re.IGNORECASE)  # fmt: skip
            return [(name.decode(), filename.decode()) for name, filename in parts]
        return []

    def comparable(self) -> dict[str, Any]:
        """What must be the same whichever language sent it (no boundaries, keys or user agents); a body's pairs
        sorted, since their order follows the caller's object in one language and the struct's in another, while the
        query keeps its order (the spec's, a contract point of its own)."""
        record: dict[str, Any] = {"method": self.method, "path": self.path, "query": self.query_pairs()}
        kind = self.content_type.split(";")[0].strip()
        if self.body:
            record["content_type"] = kind
            record["body"] = sorted(self.body_pairs()) if kind != "application/json" else json.loads(self.body)
        return record

    def summary(self) -> str:
        answer = self.answer[:600].decode(errors="replace")
        return f"{self.method} {self.path}?{self.query} [{self.content_type}] {self.body[:300]!r} -> {self.status} {answer}"


@dataclass
class RecordingProxy:
    upstream: str  # host:port of the mock server
    exchanges: dict[str, list[Exchange]] = field(default_factory=dict)
    first_answers: dict[str, dict[str, Any]] = field(default_factory=dict)  # case → fields set on its first answer
    _server: ThreadingHTTPServer | None = None
    _last_case: str = ""

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> RecordingProxy:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def forward(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                path, _, query = self.path.partition("?")
                exchange = Exchange(self.command, path, query, self.headers.get("Content-Type", ""), body,
                                    {name.lower(): value for name, value in self.headers.items()})  # fmt: skip
                proxy.file(self.headers.get(CASE_HEADER), exchange)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP | {"host"}}
                host, _, port = proxy.upstream.partition(":")
                connection = http.client.HTTPConnection(host, int(port), timeout=60)
                try:
                    connection.request(self.command, self.path, body=body or None, headers=headers)
                    response = connection.getresponse()
                    answer = proxy.patched(exchange, response.read())
                    exchange.status, exchange.answer = response.status, answer
                    exchange.violations = request_violations(response.getheader("sl-violations"))
                    self.send_response(response.status)
                    for name, value in response.getheaders():
                        if name.lower() not in HOP_BY_HOP | {"content-length"}:
                            self.send_header(name, value)
                    self.send_header("Content-Length", str(len(answer)))
                    self.end_headers()
                    self.wfile.write(answer)
                finally:
                    connection.close()

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = forward

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def file(self, case: str | None, exchange: Exchange) -> None:
        self._last_case = case or self._last_case
        self.exchanges.setdefault(self._last_case, []).append(exchange)

    def patched(self, exchange: Exchange, answer: bytes) -> bytes:
        """The answer, with the case's `first_answer` fields set when this is the case's first exchange."""
        patch = self.first_answers.get(self._last_case)
        if patch is None or self.exchanges[self._last_case][0] is not exchange:
            return answer
        body = json.loads(answer)
        body.update(patch)
        return json.dumps(body).encode()

    def clear(self) -> None:
        self.exchanges.clear()
        self._last_case = ""

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
