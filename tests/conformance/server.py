"""The conformance test server: specs/conformance.yaml served on 127.0.0.1, with faults scripted per scenario.

A driver announces each scenario with `POST /_conformance/begin?scenario=ID`; from then on every request is
recorded under that scenario (method, path, query — parsed, and raw for the order of its parameters —, the
headers that matter, a body digest, the attempt number, the arrival time) and answered by the first unspent
fault that matches it, else by the API itself. A fault is a status with headers and a body, a delay (alone:
the API answers late; with a status: the fault does), or a reset connection. Paths start with the server
variable `region` (`/us/widgets`); it is recorded too.
"""

from __future__ import annotations

import base64
import contextlib
import email.parser
import email.policy
import email.utils
import fnmatch
import hashlib
import json
import math
import socket
import struct
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from .fixtures import (
    API_KEY,
    BASIC,
    BEARER_TOKEN,
    CLIENT_ID,
    CLIENT_SECRET,
    DOWNLOAD,
    ENV_ACCESS_TOKEN,
    ENV_API_KEY,
    ENV_BASIC,
    ENV_BEARER_TOKEN,
    ENV_CLIENT,
    ENV_QUERY_KEY,
    EVENTS,
    GADGETS,
    LOGIN,
    OAUTH_CHALLENGE,
    OAUTH_CODE,
    OAUTH_REDIRECT_URI,
    OAUTH_STORED,
    QUERY_KEY,
    RECORDS,
    WIDGETS,
)

RECORDED_HEADERS = (
    "accept",
    "authorization",
    "content-type",
    "idempotency-key",
    "user-agent",
    "x-api-key",
    "x-call",
    "x-default",
    "x-hook",
    "cookie",  # and the wire.* operations' own headers:
    "x-p",
    "x-a",
    "x-o",
    "x-o-exploded",
)
REGIONS = ("us", "eu")


@dataclass
class Request:
    """What one request looked like when it arrived."""

    method: str
    path: str  # without the region prefix
    region: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    at: float
    raw_query: str = ""  # as it arrived: the order of the parameters counts
    attempt: int = 1
    number: int = 0  # its place in the scenario, from 1; the response's x-request-id is req_<number>
    answer: str = ""  # the status sent, "reset", or "delayed" (a late answer the client may not wait for)

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None

    def record(self) -> dict[str, Any]:
        """The request as the harness compares it (times are relative, added by the harness)."""
        out: dict[str, Any] = {"method": self.method, "path": self.path, "attempt": self.attempt}
        if self.region != "us":
            out["region"] = self.region
        if self.query:
            out["query"] = {k: v[0] if len(v) == 1 else v for k, v in sorted(self.query.items())}
        if self.raw_query:
            out["raw_query"] = self.raw_query
        if self.headers:
            out["headers"] = dict(sorted(self.headers.items()))
        if self.body:
            out["body_sha256"] = hashlib.sha256(self.body).hexdigest()
            kind = self.headers.get("content-type", "").split(";")[0]
            if kind == "application/json":
                out["body"] = self.json()
            elif kind == "application/x-www-form-urlencoded":
                out["form"] = dict(urllib.parse.parse_qsl(self.body.decode()))
                out["body_text"] = self.body.decode()
            elif kind == "multipart/form-data":
                out["parts"] = [_part_record(part) for part in multipart_parts(self.headers["content-type"], self.body)]
        out["answer"] = self.answer
        return out


@dataclass
class Fault:
    method: str | None
    path: str  # an fnmatch pattern over the path without the region
    query: dict[str, str]  # query parameters the request must have, with these values
    times: int
    status: int | None
    headers: dict[str, str]
    body: Any
    delay: float
    reset: bool
    retry_after_date: float | None  # send `Retry-After` as the HTTP-date this many seconds from now
    reset_epoch: float | None  # send `X-RateLimit-Reset` as the epoch second this many seconds from now

    @classmethod
    def parse(cls, data: dict[str, Any]) -> Fault:
        match = data.get("match", {})
        respond = data.get("respond", {})
        return cls(
            method=match.get("method"),
            path=match.get("path", "*"),
            query={k: str(v) for k, v in match.get("query", {}).items()},
            times=int(data.get("times", 1)),
            status=respond.get("status"),
            headers={k.lower(): str(v) for k, v in respond.get("headers", {}).items()},
            body=respond.get("json", respond.get("text")),
            delay=float(respond.get("delay", 0)),
            reset=bool(respond.get("reset", False)),
            retry_after_date=respond.get("retry_after_date"),
            reset_epoch=respond.get("reset_epoch"),
        )

    def matches(self, request: Request) -> bool:
        if self.times <= 0 or (self.method and self.method != request.method):
            return False
        if any(request.query.get(k) != [v] for k, v in self.query.items()):
            return False
        return fnmatch.fnmatchcase(request.path, self.path)


@dataclass
class Scenario:
    """The server's state for one scenario: its faults, the tokens it issued and the requests it saw."""

    id: str
    faults: list[Fault]
    token_ttl: float = 3600.0
    session_ttl: float = 3600.0
    link_per_page: bool = True  # whether the Link header's URLs carry per_page
    # how /records/search's last page ends: has_more false and a null token, or has_more true and a null/empty token
    search_end: str = "has_more"  # has_more, null or empty
    rate_limit: dict[str, str] = field(default_factory=dict)  # X-RateLimit-* headers every answer carries
    requests: list[Request] = field(default_factory=list)
    tokens: dict[str, float] = field(default_factory=dict)  # access token → expiry (monotonic)
    refresh_tokens: set[str] = field(default_factory=set)
    issued: int = 0
    # OAuth2 authorization code: codes not yet exchanged, and the refresh tokens still unused (each works once)
    oauth_codes: set[str] = field(default_factory=lambda: {OAUTH_CODE})
    oauth_refresh: set[str] = field(default_factory=lambda: {OAUTH_STORED[1]})

    def issue(self, prefix: str, ttl: float) -> tuple[str, int]:
        self.issued += 1
        token = f"{prefix}_{self.issued}"
        self.tokens[token] = time.monotonic() + ttl
        return token, int(ttl)

    def token_valid(self, token: str) -> bool:
        expiry = self.tokens.get(token)
        return expiry is not None and time.monotonic() < expiry


class ConformanceServer:
    """Start with `start()`, stop with `stop()`; `take_records()` gives each scenario's requests."""

    def __init__(self, scenarios: dict[str, dict[str, Any]]) -> None:
        self.scenarios = scenarios
        self.lock = threading.Lock()
        self.current: Scenario | None = None
        self.done: dict[str, Scenario] = {}
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.app = self  # type: ignore[attr-defined]
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="conformance-server", daemon=True)

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ConformanceServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def begin(self, scenario_id: str) -> None:
        data = self.scenarios[scenario_id]
        server = data.get("server", {})
        with self.lock:
            self.current = Scenario(
                scenario_id,
                [Fault.parse(f) for f in data.get("faults", [])],
                token_ttl=float(server.get("token_ttl", 3600)),
                session_ttl=float(server.get("session_ttl", 3600)),
                link_per_page=bool(server.get("link_per_page", True)),
                search_end=str(server.get("search_end", "has_more")),
                rate_limit={f"x-ratelimit-{k}": str(v) for k, v in server.get("rate_limit", {}).items()},
            )
            self.done[scenario_id] = self.current

    def take_records(self) -> dict[str, list[Request]]:
        """Every scenario's requests since the last call, and forget them (one driver run at a time)."""
        with self.lock:
            out = {sid: list(s.requests) for sid, s in self.done.items()}
            self.done = {}
            self.current = None
        return out


Answer = tuple[int, dict[str, str], bytes | list[bytes]]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "conformance/1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's signature
        pass

    def do_GET(self) -> None:
        self._handle()

    do_POST = do_PATCH = do_PUT = do_DELETE = do_GET

    @property
    def app(self) -> ConformanceServer:
        return self.server.app  # type: ignore[attr-defined, no-any-return]

    def _handle(self) -> None:
        parsed = urllib.parse.urlsplit(self.path)
        body = self._read_body()
        if parsed.path == "/_conformance/begin":
            scenario_id = urllib.parse.parse_qs(parsed.query).get("scenario", [""])[0]
            if scenario_id not in self.app.scenarios:
                self._send(404, {}, _json({"message": f"unknown scenario {scenario_id!r}"}))
                return
            self.app.begin(scenario_id)
            self._send(204, {}, b"")
            return
        region, _, rest = parsed.path.lstrip("/").partition("/")
        headers = {name: self.headers[name] for name in RECORDED_HEADERS if self.headers.get(name) is not None}
        request = Request(
            self.command, "/" + rest, region, urllib.parse.parse_qs(parsed.query, keep_blank_values=True),
            headers, body, time.monotonic(), parsed.query,
        )  # fmt: skip
        with self.app.lock:
            scenario = self.app.current
            if scenario is None:
                fault = None
            else:
                request.attempt = 1 + sum(
                    1
                    for r in scenario.requests
                    if (r.method, r.path, r.query) == (request.method, request.path, request.query)
                )
                scenario.requests.append(request)
                request.number = len(scenario.requests)
                fault = next((f for f in scenario.faults if f.matches(request)), None)
                if fault is not None:
                    fault.times -= 1
        if scenario is None:
            self._answer(request, (409, {}, _json({"message": "no scenario begun"})))
            return
        if fault is not None and fault.delay:
            request.answer = "delayed"  # whether the late answer reaches a client that gave up is a race
            time.sleep(fault.delay)
        if fault is not None and fault.reset:
            request.answer = "reset"
            self._reset()
            return
        if fault is not None and fault.status is not None:
            self._answer(request, _fault_answer(fault))
            return
        if region not in REGIONS:
            self._answer(request, (404, {}, _json({"message": f"unknown region {region!r}"})))
            return
        self._answer(request, _route(scenario, request, self.headers.get("host", "")))

    def _read_body(self) -> bytes:
        if self.headers.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("content-length") or 0)
        return self.rfile.read(length) if length else b""

    def _answer(self, request: Request, answer: Answer) -> None:
        status, headers, payload = answer
        request.answer = request.answer or str(status)
        scenario = self.app.current
        rate_limit = scenario.rate_limit if scenario is not None else {}
        headers = {"x-request-id": f"req_{request.number}", **rate_limit, **headers}
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client timed out and went away
            self._send(status, headers, payload)

    def _send(self, status: int, headers: dict[str, str], payload: bytes | list[bytes]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if isinstance(payload, list):  # a stream: written as it goes, then the connection closes
            self.send_header("connection", "close")
            self.end_headers()
            for piece in payload:
                self.wfile.write(piece)
                self.wfile.flush()
                time.sleep(0.01)
            self.close_connection = True
            return
        self.send_header("content-length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _reset(self) -> None:
        """Close the connection with a TCP RST and no response."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()


def _json(value: Any) -> bytes:
    return json.dumps(value).encode()


def _fault_answer(fault: Fault) -> Answer:
    headers = dict(fault.headers)
    if fault.retry_after_date is not None:
        headers["retry-after"] = email.utils.formatdate(time.time() + fault.retry_after_date, usegmt=True)
    if fault.reset_epoch is not None:
        headers["x-ratelimit-reset"] = str(math.ceil(time.time() + fault.reset_epoch))
    if fault.body is None:
        return fault.status or 500, headers, b""
    if isinstance(fault.body, str):
        headers.setdefault("content-type", "text/plain")
        return fault.status or 500, headers, fault.body.encode()
    headers.setdefault("content-type", "application/json")
    return fault.status or 500, headers, _json(fault.body)


# ------------------------------------------------------------------------------------------------ the API


def _ok(value: Any, status: int = 200, headers: dict[str, str] | None = None) -> Answer:
    return status, {"content-type": "application/json", **(headers or {})}, _json(value)


def _error(status: int, message: str) -> Answer:
    return _ok({"error": {"message": message, "code": "conformance_error"}}, status)


def _query(request: Request, name: str, default: str | None = None) -> str | None:
    values = request.query.get(name)
    return values[0] if values else default


def _int_query(request: Request, name: str, default: int) -> int:
    return int(_query(request, name) or default)


def _bearer(request: Request) -> str | None:
    value = request.headers.get("authorization", "")
    return value[7:] if value.startswith("Bearer ") else None


def _api_key_ok(request: Request) -> bool:
    return request.headers.get("x-api-key") in (API_KEY, ENV_API_KEY)


def _route(scenario: Scenario, request: Request, host: str) -> Answer:
    """The API of specs/conformance.yaml."""
    method, path = request.method, request.path
    for (route_method, pattern), handler in ROUTES.items():
        if route_method == method and fnmatch.fnmatchcase(path, pattern):
            secured = pattern not in OWN_AUTH
            if secured and not _api_key_ok(request):
                return _error(401, "missing or invalid API key")
            return handler(scenario, request, host)
    return _error(404, f"no route for {method} {path}")


def _widget(widget_id: str) -> dict[str, Any] | None:
    return next((w for w in WIDGETS if w["id"] == widget_id), None)


def list_widgets(scenario: Scenario, request: Request, host: str) -> Answer:
    limit = _int_query(request, "limit", 2)
    start = int((_query(request, "cursor") or "cur_0").removeprefix("cur_"))
    page = WIDGETS[start : start + limit]
    more = start + limit < len(WIDGETS)
    return _ok({"data": page, "next_cursor": f"cur_{start + limit}" if more else None})


def create_widget(scenario: Scenario, request: Request, host: str) -> Answer:
    body = request.json() or {}
    widget = {"id": "w_new", "status": "active", "count": 0, "created_at": "2024-03-01T12:34:56Z", **body}
    return _ok(widget, 201)


def get_widget(scenario: Scenario, request: Request, host: str) -> Answer:
    widget = _widget(request.path.rsplit("/", 1)[1])
    return _ok(widget) if widget else _error(404, "widget not found")


def update_widget(scenario: Scenario, request: Request, host: str) -> Answer:
    widget = _widget(request.path.rsplit("/", 1)[1])
    if widget is None:
        return _error(404, "widget not found")
    return _ok({**widget, **(request.json() or {})})


def delete_widget(scenario: Scenario, request: Request, host: str) -> Answer:
    return (204, {}, b"") if _widget(request.path.rsplit("/", 1)[1]) else _error(404, "widget not found")


def _records(start: int, size: int) -> list[dict[str, Any]]:
    return RECORDS[start : start + size]


def records_by_offset(scenario: Scenario, request: Request, host: str) -> Answer:
    offset, limit = _int_query(request, "offset", 0), _int_query(request, "limit", 2)
    return _ok(_records(offset, limit))


def records_by_page(scenario: Scenario, request: Request, host: str) -> Answer:
    page, per_page = _int_query(request, "page", 1), _int_query(request, "per_page", 2)
    pages = -(-len(RECORDS) // per_page)
    meta = {"pagination": {"page": page, "per_page": per_page, "total": len(RECORDS), "total_pages": pages}}
    return _ok({"data": _records((page - 1) * per_page, per_page), "meta": meta})


def records_by_link(scenario: Scenario, request: Request, host: str) -> Answer:
    page, per_page = _int_query(request, "page", 1), _int_query(request, "per_page", 2)
    headers = {}
    if page * per_page < len(RECORDS):
        size = f"&per_page={per_page}" if scenario.link_per_page else ""
        url = f"http://{host}/{request.region}/records/link?page={page + 1}{size}"
        headers["link"] = f'<{url}>; rel="next", <http://{host}/{request.region}/records/link?page=1>; rel="first"'
    return _ok(_records((page - 1) * per_page, per_page), headers=headers)


def _after(key: str | None) -> int:
    return 0 if key is None else next(i + 1 for i, r in enumerate(RECORDS) if r["id"] == key)


def records_by_key(scenario: Scenario, request: Request, host: str) -> Answer:
    start, limit = _after(_query(request, "exclusiveStartKey")), _int_query(request, "limit", 2)
    items = _records(start, limit)
    return _ok({"items": items, "nextKey": items[-1]["id"] if start + limit < len(RECORDS) else None})


def records_after(scenario: Scenario, request: Request, host: str) -> Answer:
    start, limit = _after(_query(request, "starting_after")), _int_query(request, "limit", 2)
    return _ok({"data": _records(start, limit), "has_more": start + limit < len(RECORDS)})


def page_token(offset: int) -> str:
    """An opaque next-page token, base64 with padding like Stripe's: it must come back byte for byte."""
    return base64.b64encode(f"offset={offset}".encode()).decode()


def search_records(scenario: Scenario, request: Request, host: str) -> Answer:
    if _query(request, "query") is None:
        return _error(400, "query is required")
    token, limit = _query(request, "page"), _int_query(request, "limit", 2)
    start = next((i for i in range(len(RECORDS)) if page_token(i) == token), None) if token else 0
    if start is None:
        return _error(400, f"not a page token: {token!r}")
    more = start + limit < len(RECORDS)
    next_page = page_token(start + limit) if more else {"null": None, "empty": ""}.get(scenario.search_end)
    return _ok({"data": _records(start, limit), "has_more": more or scenario.search_end != "has_more",
                "next_page": next_page})  # fmt: skip


def data_meta(scenario: Scenario, request: Request, host: str) -> Answer:
    return _ok({"data": WIDGETS[0], "meta": {"served_by": "conformance", "version": 3}})


def success_envelope(scenario: Scenario, request: Request, host: str) -> Answer:
    return _ok({"success": True, "data": WIDGETS[1], "meta": {"served_by": "conformance"}})


def multipart_parts(content_type: str, body: bytes) -> list[Any]:
    """A multipart/form-data body's parts, in order."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body
    )
    return list(message.iter_parts())


def _part_record(part: Any) -> dict[str, Any]:
    """One part as scenarios compare it: name, the file name and content type when sent, the text."""
    out: dict[str, Any] = {"name": part.get_param("name", header="content-disposition")}
    if part.get_filename() is not None:
        out["filename"] = part.get_filename()
    if part.get("content-type") is not None:
        out["content_type"] = part.get_content_type()
    out["value"] = (part.get_payload(decode=True) or b"").decode("utf-8", "replace")
    return out


def nothing(scenario: Scenario, request: Request, host: str) -> Answer:
    """The wire.* operations: what arrived is all a scenario looks at."""
    return 204, {}, b""


def upload_file(scenario: Scenario, request: Request, host: str) -> Answer:
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith("multipart/form-data"):
        return _error(415, f"expected multipart/form-data, got {content_type!r}")
    parts = {
        part.get_param("name", header="content-disposition"): part
        for part in multipart_parts(content_type, request.body)
    }
    file, purpose = parts.get("file"), parts.get("purpose")
    if file is None or purpose is None:
        return _error(422, f"expected parts file and purpose, got {sorted(map(str, parts))}")
    data = file.get_payload(decode=True) or b""
    return _ok(
        {
            "id": "file_1",
            "filename": file.get_filename(),
            "content_type": file.get_content_type(),
            "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "purpose": (purpose.get_payload(decode=True) or b"").decode(),
        },
        201,
    )


def download_file(scenario: Scenario, request: Request, host: str) -> Answer:
    if request.path != "/files/file_1/content":
        return _error(404, "file not found")
    return 200, {"content-type": "application/octet-stream"}, DOWNLOAD


def stream_events(scenario: Scenario, request: Request, host: str) -> Answer:
    return 200, {"content-type": "text/event-stream", "cache-control": "no-cache"}, [e.encode() for e in EVENTS]


def get_report(scenario: Scenario, request: Request, host: str) -> Answer:
    return _ok({"id": request.path.rsplit("/", 1)[1], "state": "ready"})


def oauth_token(scenario: Scenario, request: Request, host: str) -> Answer:
    form = dict(urllib.parse.parse_qsl(request.body.decode()))
    client = (form.get("client_id"), form.get("client_secret"))
    authorization = request.headers.get("authorization", "")
    if authorization.startswith("Basic "):
        user, _, secret = base64.b64decode(authorization[6:]).decode().partition(":")
        client = (urllib.parse.unquote(user), urllib.parse.unquote(secret))
    if client not in ((CLIENT_ID, CLIENT_SECRET), ENV_CLIENT):
        return _ok({"error": "invalid_client", "error_description": "unknown client"}, 401)
    if form.get("grant_type") in ("authorization_code", "refresh_token"):
        return _oauth_grant(scenario, form)
    if form.get("grant_type") != "client_credentials":
        return _ok({"error": "unsupported_grant_type"}, 400)
    token, ttl = scenario.issue("tok", scenario.token_ttl)
    return _ok({"access_token": token, "token_type": "bearer", "expires_in": ttl})


def _oauth_grant(scenario: Scenario, form: dict[str, str]) -> Answer:
    """The authorization code grant (RFC 6749 4.1.3, with RFC 7636's verifier checked against the challenge the
    code was granted for) and the refresh grant, which rotates: a refresh token works once."""
    if form["grant_type"] == "authorization_code":
        verifier = form.get("code_verifier", "")
        digest = hashlib.sha256(verifier.encode()).digest()
        challenge = base64.urlsafe_b64encode(digest).decode().rstrip("=")
        if form.get("code") not in scenario.oauth_codes:
            return _oauth_refused("unknown or used authorization code")
        if form.get("redirect_uri") != OAUTH_REDIRECT_URI or challenge != OAUTH_CHALLENGE:
            return _oauth_refused("redirect_uri or code_verifier does not match the authorization request")
        scenario.oauth_codes.discard(form["code"])
    elif form.get("refresh_token") in scenario.oauth_refresh:
        scenario.oauth_refresh.discard(form["refresh_token"])
    else:
        return _oauth_refused("unknown, used or revoked refresh token")
    access, ttl = scenario.issue("at", scenario.token_ttl)
    refresh_token = f"rt_{scenario.issued}"
    scenario.oauth_refresh.add(refresh_token)
    return _ok({"access_token": access, "refresh_token": refresh_token, "expires_in": ttl, "token_type": "bearer",
                "scope": "widgets:read"})  # fmt: skip


def _oauth_refused(description: str) -> Answer:
    return _ok({"error": "invalid_grant", "error_description": description}, 400)


def oauth_revoke(scenario: Scenario, request: Request, host: str) -> Answer:
    """RFC 7009: the token stops working; 200 whether or not it was known."""
    form = dict(urllib.parse.parse_qsl(request.body.decode()))
    if (form.get("client_id"), form.get("client_secret")) not in ((CLIENT_ID, CLIENT_SECRET), ENV_CLIENT):
        return _ok({"error": "invalid_client", "error_description": "unknown client"}, 401)
    scenario.oauth_refresh.discard(form.get("token", ""))
    scenario.tokens.pop(form.get("token", ""), None)
    return 200, {}, b""


def login(scenario: Scenario, request: Request, host: str) -> Answer:
    body = request.json() or {}
    if (body.get("email"), body.get("password")) != LOGIN:
        return _error(401, "wrong email or password")
    return _session(scenario)


def refresh(scenario: Scenario, request: Request, host: str) -> Answer:
    token = (request.json() or {}).get("refresh_token")
    if token not in scenario.refresh_tokens:
        return _error(401, "unknown refresh token")
    scenario.refresh_tokens.discard(token)
    return _session(scenario)


def _session(scenario: Scenario) -> Answer:
    access, ttl = scenario.issue("sess", scenario.session_ttl)
    refresh_token = f"ref_{scenario.issued}"
    scenario.refresh_tokens.add(refresh_token)
    return _ok({"access_token": access, "refresh_token": refresh_token, "expires_in": ttl, "token_type": "bearer"})


def _principal(scheme: str, ok: bool, subject: str) -> Answer:
    return _ok({"scheme": scheme, "subject": subject}) if ok else _error(401, f"{scheme}: missing or invalid")


def me(scenario: Scenario, request: Request, host: str) -> Answer:
    token = _bearer(request) or ""
    ok = token == ENV_ACCESS_TOKEN or token.startswith("sess_") and scenario.token_valid(token)
    return _principal("sessionAuth", ok, "user@example.com")


def check_api_key_query(scenario: Scenario, request: Request, host: str) -> Answer:
    return _principal("apiKeyQuery", _query(request, "api_key") in (QUERY_KEY, ENV_QUERY_KEY), "query-key-owner")


def check_bearer(scenario: Scenario, request: Request, host: str) -> Answer:
    return _principal("bearerAuth", _bearer(request) in (BEARER_TOKEN, ENV_BEARER_TOKEN), "bearer-owner")


def check_basic(scenario: Scenario, request: Request, host: str) -> Answer:
    return _principal("basicAuth", request.headers.get("authorization") in (BASIC, ENV_BASIC), "user")


def check_oauth2(scenario: Scenario, request: Request, host: str) -> Answer:
    """A client-credentials token (tok_) or an authorization code flow's access token (at_, or the stored set's)."""
    token = _bearer(request) or ""
    valid = token.startswith(("tok_", "at_")) and scenario.token_valid(token) or token == OAUTH_STORED[0]
    return _principal("oauth2", valid, CLIENT_ID)


def status(scenario: Scenario, request: Request, host: str) -> Answer:
    return _ok({"status": "ok"})


def get_gadget(scenario: Scenario, request: Request, host: str) -> Answer:
    gadget_id = request.path.rsplit("/", 1)[1]
    gadget = next((g for g in GADGETS if g["id"] == gadget_id), None)
    return _ok(gadget) if gadget else _error(404, "gadget not found")


Handler = Callable[[Scenario, Request, str], Answer]
ROUTES: dict[tuple[str, str], Handler] = {
    ("GET", "/widgets"): list_widgets,
    ("POST", "/widgets"): create_widget,
    ("GET", "/widgets/*"): get_widget,
    ("PATCH", "/widgets/*"): update_widget,
    ("DELETE", "/widgets/*"): delete_widget,
    ("GET", "/records/offset"): records_by_offset,
    ("GET", "/records/pages"): records_by_page,
    ("GET", "/records/link"): records_by_link,
    ("GET", "/records/keys"): records_by_key,
    ("GET", "/records/after"): records_after,
    ("GET", "/records/search"): search_records,
    ("GET", "/envelopes/data-meta"): data_meta,
    ("GET", "/envelopes/success"): success_envelope,
    ("POST", "/files"): upload_file,
    ("GET", "/files/*/content"): download_file,
    ("GET", "/events"): stream_events,
    ("GET", "/reports/*"): get_report,
    ("POST", "/oauth/token"): oauth_token,
    ("POST", "/oauth/revoke"): oauth_revoke,
    ("POST", "/auth/login"): login,
    ("POST", "/auth/refresh"): refresh,
    ("GET", "/me"): me,
    ("GET", "/auth/api-key-query"): check_api_key_query,
    ("GET", "/auth/bearer"): check_bearer,
    ("GET", "/auth/basic"): check_basic,
    ("GET", "/auth/oauth2"): check_oauth2,
    ("GET", "/public/status"): status,
    ("GET", "/public/health"): status,
    ("GET", "/gadgets/*"): get_gadget,
    ("GET", "/wire/*"): nothing,
    ("POST", "/wire/*"): nothing,
}
# Routes that check their own credentials (or none): every other route wants the X-API-Key header.
OWN_AUTH = frozenset(
    {"/oauth/token", "/oauth/revoke", "/auth/login", "/auth/refresh", "/me", "/auth/api-key-query", "/auth/bearer", "/auth/basic",
     "/auth/oauth2", "/public/status", "/public/health"}
)  # fmt: skip
