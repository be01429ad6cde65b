"""Request building: URL, path/query/header/cookie params, bodies, headers,
hooks, timeouts, User-Agent, server URL templates."""

from __future__ import annotations

import datetime
import enum
import io
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import Field
from pyrt_support import json_response, sequence
from sdkrt._base_client import default_user_agent, resolve_server_url
from sdkrt._files import to_httpx_file
from sdkrt._models import BaseModel
from sdkrt._request import RequestOptions, to_jsonable
from sdkrt._types import NOT_GIVEN, NotGiven, is_given, omit
from sdkrt._url import format_path, join_url, parse_link_header

OK = json_response(200, {"ok": True})


class Color(enum.StrEnum):
    RED = "red"


class NewPet(BaseModel):
    pet_name: str = Field(alias="petName")
    tag: str | None = None
    born: datetime.date | None = None


def test_sentinels() -> None:
    assert not NOT_GIVEN
    assert not omit
    assert repr(NOT_GIVEN) == "NOT_GIVEN"
    assert isinstance(NOT_GIVEN, NotGiven)
    assert not is_given(NOT_GIVEN)
    assert not is_given(omit)
    assert is_given(None)
    assert is_given(0)


def test_format_path_quotes_everything() -> None:
    assert format_path("/pets/{pet_id}", {"pet_id": 12}) == "/pets/12"
    assert format_path("/files/{name}", {"name": "a/b c?d"}) == "/files/a%2Fb%20c%3Fd"
    assert format_path("/x/{flag}/{color}", {"flag": True, "color": Color.RED}) == "/x/true/red"
    with pytest.raises(ValueError, match="non-empty"):
        format_path("/pets/{pet_id}", {"pet_id": ""})
    with pytest.raises(ValueError, match="Missing"):
        format_path("/pets/{pet_id}", {})


def test_join_url() -> None:
    assert join_url("https://h/v1", "/pets") == "https://h/v1/pets"
    assert join_url("https://h/v1/", "/pets") == "https://h/v1/pets"
    assert join_url("https://h", "pets") == "https://h/pets"
    assert join_url("https://h/v1", "") == "https://h/v1"


def test_resolve_server_url() -> None:
    template = "https://api.{region}.example.com/{version}"
    defaults = {"region": "us", "version": "v1"}
    enums = {"region": ["us", "eu"]}
    assert resolve_server_url(template, {}, defaults, enums) == "https://api.us.example.com/v1"
    assert (
        resolve_server_url(template, {"region": "eu", "version": None}, defaults, enums)
        == "https://api.eu.example.com/v1"
    )
    with pytest.raises(ValueError, match="must be one of"):
        resolve_server_url(template, {"region": "mars"}, defaults, enums)
    with pytest.raises(ValueError, match="no default"):
        resolve_server_url("https://{tenant}.x.com", {}, {})
    assert resolve_server_url("https://fixed.example.com") == "https://fixed.example.com"


def test_parse_link_header() -> None:
    header = (
        '<https://api.x.com/items?page=3&per_page=2>; rel="next", <https://api.x.com/items?page=1>; rel="first prev"'
    )
    links = parse_link_header(header)
    assert links["next"] == "https://api.x.com/items?page=3&per_page=2"
    assert links["first"] == links["prev"] == "https://api.x.com/items?page=1"
    assert parse_link_header("") == {}


def test_to_jsonable_omitted_vs_null() -> None:
    body = {
        "name": "rex",
        "tag": None,
        "age": NOT_GIVEN,
        "nested": {"a": NOT_GIVEN, "b": [1, NOT_GIVEN]},
    }
    assert to_jsonable(body) == {"name": "rex", "tag": None, "nested": {"b": [1]}}
    pet = NewPet(petName="rex", born=datetime.date(2020, 5, 1))
    assert to_jsonable(pet) == {"petName": "rex", "born": "2020-05-01"}
    assert to_jsonable(
        {
            "pet": pet,
            "when": datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
            "big": 2**62,
        }
    ) == {
        "pet": {"petName": "rex", "born": "2020-05-01"},
        "when": "2024-01-01T00:00:00Z",
        "big": 2**62,
    }


def test_full_request_shape(harness: Any) -> None:
    h = harness(
        sequence(OK),
        user_agent=default_user_agent("petstore", "1.2.3"),
        default_headers={"X-Tenant": "t1"},
    )
    options = RequestOptions(
        method="post",
        path="/stores/{store_id}/pets",
        path_params={"store_id": "s 1"},
        query={"dry_run": True, "skip": NOT_GIVEN},
        headers={"X-Trace": "abc", "X-Skip": NOT_GIVEN, "X-Count": 3},
        json_body={"name": "rex", "tag": None, "age": NOT_GIVEN},
        extra_headers={"X-Extra": "1", "X-Tenant": omit},
        extra_query={"debug": 1},
        extra_body={"note": "hi"},
    )
    assert h.call("request", options, dict) == {"ok": True}
    request = h.requests[0]
    assert request.method == "POST"
    assert str(request.url) == "https://api.example.com/v1/stores/s%201/pets?dry_run=true&debug=1"
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["Accept"] == "application/json"
    assert request.headers["X-Trace"] == "abc"
    assert request.headers["X-Count"] == "3"
    assert request.headers["X-Extra"] == "1"
    assert "X-Skip" not in request.headers
    assert "X-Tenant" not in request.headers
    assert json.loads(request.content) == {"name": "rex", "tag": None, "note": "hi"}
    ua = request.headers["User-Agent"]
    assert ua.startswith("petstore/1.2.3 python/3.")


def test_default_headers_and_model_body(harness: Any) -> None:
    h = harness(sequence(OK), default_headers={"X-Tenant": "t1"})
    h.call(
        "request",
        RequestOptions(method="POST", path="/pets", json_body=NewPet(pet_name="rex")),
        dict,
    )
    request = h.requests[0]
    assert request.headers["X-Tenant"] == "t1"
    assert json.loads(request.content) == {"petName": "rex"}
    assert "Idempotency-Key" not in request.headers


def test_extra_headers_override_auth(harness: Any) -> None:
    from sdkrt._auth import BearerAuth

    h = harness(sequence(OK), auth={"b": BearerAuth("tok")}, default_security=[["b"]])
    h.call(
        "request",
        RequestOptions(method="GET", path="/x", extra_headers={"Authorization": "Bearer mine"}),
        dict,
    )
    assert h.requests[0].headers["Authorization"] == "Bearer mine"


def test_no_body_for_get(harness: Any) -> None:
    h = harness(sequence(OK))
    h.call("request", RequestOptions(method="GET", path="/pets"), dict)
    assert h.requests[0].content == b""
    assert "Content-Type" not in h.requests[0].headers


def test_form_urlencoded(harness: Any) -> None:
    h = harness(sequence(OK))
    h.call(
        "request",
        RequestOptions(
            method="POST",
            path="/f",
            form={"a": 1, "b": True, "c": None, "d": ["x", "y"], "m": {"k": "v"}},
        ),
        dict,
    )
    request = h.requests[0]
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert request.content.decode() == "a=1&b=true&d=x&d=y&m%5Bk%5D=v"


def test_multipart_upload(harness: Any, tmp_path: Path) -> None:
    photo = tmp_path / "photo.png"
    photo.write_bytes(b"\x89PNG-data")
    h = harness(sequence(OK))
    options = RequestOptions(
        method="POST",
        path="/pets/{id}/photos",
        path_params={"id": 1},
        multipart={
            "caption": "cute",
            "meta": {"a": 1},
            "skip": NOT_GIVEN,
            "file": photo,
            "extra": [b"raw-bytes", ("notes.txt", io.BytesIO(b"hello"), "text/plain")],
        },
        file_parts=("file", "extra"),
    )
    h.call("request", options, dict)
    request = h.requests[0]
    content_type = request.headers["Content-Type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    body = request.content
    assert b'name="caption"\r\n\r\ncute' in body
    assert b'name="meta"\r\nContent-Type: application/json\r\n\r\n{"a":1}' in body
    assert b'name="file"; filename="photo.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG-data' in body
    assert b'name="extra"; filename="upload"\r\nContent-Type: application/octet-stream\r\n\r\nraw-bytes' in body
    assert b'name="extra"; filename="notes.txt"\r\nContent-Type: text/plain\r\n\r\nhello' in body
    assert b"skip" not in body


def test_multipart_body_identical_on_retry(harness: Any) -> None:
    h = harness(sequence(json_response(503, {}), OK))
    stream = io.BytesIO(b"once-only stream")
    h.call(
        "request",
        RequestOptions(
            method="POST",
            path="/u",
            multipart={"file": ("a.bin", stream)},
            file_parts=("file",),
        ),
        dict,
    )
    first, second = h.requests

    assert first.headers["Content-Type"] == second.headers["Content-Type"]
    assert first.content == second.content
    assert b"once-only stream" in second.content


def test_file_helpers(tmp_path: Path) -> None:
    path = tmp_path / "doc.pdf"
    path.write_bytes(b"%PDF")
    assert to_httpx_file(path) == ("doc.pdf", b"%PDF", "application/pdf")
    assert to_httpx_file(b"x") == ("upload", b"x", "application/octet-stream")
    assert to_httpx_file(("a.json", b"{}")) == ("a.json", b"{}", "application/json")
    assert to_httpx_file(("a.json", b"{}", "text/x")) == ("a.json", b"{}", "text/x")
    with path.open("rb") as handle:
        assert to_httpx_file(handle) == ("doc.pdf", b"%PDF", "application/pdf")
    with pytest.raises(TypeError):
        to_httpx_file(12)  # type: ignore[arg-type]


def test_raw_binary_body(harness: Any, tmp_path: Path) -> None:
    h = harness(sequence(OK))
    h.call(
        "request",
        RequestOptions(method="PUT", path="/blob", content=b"\x00\x01", content_type="image/png"),
        dict,
    )
    path = tmp_path / "data.bin"
    path.write_bytes(b"from-file")
    h.call("request", RequestOptions(method="PUT", path="/blob", content=path), dict)
    assert h.requests[0].content == b"\x00\x01"
    assert h.requests[0].headers["Content-Type"] == "image/png"
    assert h.requests[1].content == b"from-file"
    assert h.requests[1].headers["Content-Type"] == "application/octet-stream"


def test_hooks_called_every_attempt(harness: Any) -> None:
    seen: list[str] = []

    def on_request(request: httpx.Request) -> None:
        request.headers["X-Signed"] = "yes"
        seen.append(f"req {request.method} {request.url.path}")

    def on_response(response: httpx.Response) -> None:
        seen.append(f"resp {response.status_code}")

    h = harness(
        sequence(json_response(500, {}), OK),
        on_request=[on_request],
        on_response=[on_response],
    )
    h.call("request", RequestOptions(method="GET", path="/x"), dict)
    assert seen == ["req GET /v1/x", "resp 500", "req GET /v1/x", "resp 200"]
    assert h.requests[0].headers["X-Signed"] == "yes"


def test_async_hooks_are_awaited() -> None:
    import asyncio

    from pyrt_support import Harness

    seen: list[str] = []

    async def on_request(request: httpx.Request) -> None:
        await asyncio.sleep(0)
        seen.append("async-req")

    def on_response(response: httpx.Response) -> None:
        seen.append("sync-resp")

    h = Harness("async", sequence(OK), on_request=[on_request], on_response=[on_response])
    h.call("request", RequestOptions(method="GET", path="/x"), dict)
    assert seen == ["async-req", "sync-resp"]


def test_timeouts(harness: Any) -> None:
    h = harness(sequence(OK), timeout=12.5)
    h.call("request", RequestOptions(method="GET", path="/x"), dict)
    h.call("request", RequestOptions(method="GET", path="/x", timeout=3.0), dict)
    h.call(
        "request",
        RequestOptions(method="GET", path="/x", timeout=httpx.Timeout(1.0, connect=2.0)),
        dict,
    )
    h.call("request", RequestOptions(method="GET", path="/x", timeout=None), dict)
    timeouts = [r.extensions["timeout"] for r in h.requests]
    assert timeouts[0] == httpx.Timeout(12.5).as_dict()
    assert timeouts[1] == httpx.Timeout(3.0).as_dict()
    assert timeouts[2]["connect"] == 2.0
    assert timeouts[3] == httpx.Timeout(None).as_dict()


def test_default_timeout_is_60(harness: Any) -> None:
    h = harness(sequence(OK))
    h.call("request", RequestOptions(method="GET", path="/x"), dict)
    assert h.requests[0].extensions["timeout"] == httpx.Timeout(60.0).as_dict()


def test_context_managers_close_owned_clients_only() -> None:
    import asyncio

    from sdkrt._base_client import AsyncAPIClient, SyncAPIClient

    with SyncAPIClient(base_url="https://x") as owned:
        inner = owned._http
    assert inner.is_closed

    injected = httpx.Client()
    with SyncAPIClient(base_url="https://x", http_client=injected):
        pass
    assert not injected.is_closed
    injected.close()

    async def run() -> tuple[bool, bool]:
        async with AsyncAPIClient(base_url="https://x") as client:
            inner = client._http
        injected = httpx.AsyncClient()
        async with AsyncAPIClient(base_url="https://x", http_client=injected):
            pass
        result = (inner.is_closed, injected.is_closed)
        await injected.aclose()
        return result

    assert asyncio.run(run()) == (True, False)
