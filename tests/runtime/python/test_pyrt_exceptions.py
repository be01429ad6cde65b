"""Error mapping: status → class, envelopes → message/code, request ids."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from pyrt_support import json_response, sequence
from sdkrt._exceptions import (
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
    ValidationError,
    error_class_for_status,
    extract_error,
    make_status_error,
    status_text,
)
from sdkrt._request import RequestOptions

GET = RequestOptions(method="GET", path="/things")


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, InternalServerError),
        (502, InternalServerError),
        (503, InternalServerError),
        (504, InternalServerError),
        (599, InternalServerError),
        (418, APIStatusError),
        (405, APIStatusError),
    ],
)
def test_status_table(status: int, cls: type[APIStatusError]) -> None:
    assert error_class_for_status(status) is cls
    assert issubclass(cls, APIStatusError)
    assert issubclass(cls, APIError)


def test_connection_error_hierarchy() -> None:
    assert issubclass(APITimeoutError, APIConnectionError)
    assert issubclass(APIConnectionError, APIError)
    assert not issubclass(APIConnectionError, APIStatusError)


ENVELOPES: list[tuple[Any, str | None, str | None]] = [
    (
        {"error": {"message": "Pet not found", "code": "not_found"}},
        "Pet not found",
        "not_found",
    ),
    (
        {"error": {"message": "Bad key", "type": "invalid_request_error"}},
        "Bad key",
        "invalid_request_error",
    ),
    ({"error": "Something broke"}, "Something broke", None),
    (
        {"error": "invalid_client", "error_description": "Unknown client"},
        "Unknown client",
        "invalid_client",
    ),
    (
        {
            "errors": [
                {"code": "too_short", "message": "name is too short", "field": "name"},
                {"code": "bad", "message": "age must be positive", "field": "age"},
            ]
        },
        "name is too short; age must be positive",
        "too_short",
    ),
    ({"errors": ["first", "second"]}, "first; second", None),
    ({"message": "Rate limited", "code": 1042}, "Rate limited", "1042"),
    ({"detail": "Not authenticated"}, "Not authenticated", None),
    (
        {"detail": [{"loc": ["body", "name"], "msg": "field required", "type": "missing"}]},
        "field required",
        None,
    ),
    (
        {"success": False, "error": {"code": "QUOTA", "message": "Quota exceeded"}},
        "Quota exceeded",
        "QUOTA",
    ),
    ({"type": "about:blank", "title": "Conflict", "status": 409}, "Conflict", None),
    ({"unrelated": True}, None, None),
    ("plain text", None, None),
    (None, None, None),
    ([1, 2], None, None),
]


@pytest.mark.parametrize(("body", "message", "code"), ENVELOPES)
def test_extract_error_envelopes(body: Any, message: str | None, code: str | None) -> None:
    assert extract_error(body) == (message, code)


@pytest.mark.parametrize(("body", "message", "code"), ENVELOPES)
def test_make_status_error_for_every_envelope(body: Any, message: str | None, code: str | None) -> None:
    request = httpx.Request("GET", "https://x.test/pets/1")
    if isinstance(body, str):
        response = httpx.Response(404, text=body, request=request)
    elif body is None:
        response = httpx.Response(404, request=request)
    else:
        response = httpx.Response(404, json=body, request=request, headers={"x-request-id": "req_123"})
    error = make_status_error(response)
    assert isinstance(error, NotFoundError)
    assert error.status_code == 404
    assert error.message == (message or "Error code: 404")
    assert str(error) == (f"404 Not Found: {message}" if message else "404 Not Found")
    assert error.code == code
    assert error.body == body
    assert error.response is response
    assert error.request is request
    assert error.headers is response.headers


def test_request_id_header_variants() -> None:
    request = httpx.Request("GET", "https://x.test/")
    one = make_status_error(httpx.Response(500, request=request, headers={"X-Request-Id": "a"}))
    two = make_status_error(httpx.Response(500, request=request, headers={"request-id": "b"}))
    none = make_status_error(httpx.Response(500, request=request))
    assert (one.request_id, two.request_id, none.request_id) == ("a", "b", None)


def test_text_body_is_kept_raw() -> None:
    request = httpx.Request("GET", "https://x.test/")
    error = make_status_error(httpx.Response(502, text="<html>Bad gateway</html>", request=request))
    assert isinstance(error, InternalServerError)
    assert error.body == "<html>Bad gateway</html>"
    assert error.message == "Error code: 502"
    assert str(error) == "502 Bad Gateway"


def test_status_text_is_the_same_in_every_sdk() -> None:
    # Go's reason phrases, not this Python's http.HTTPStatus ones ("Request-URI Too Long", "I'm a Teapot")
    assert status_text(414, "too long") == "414 Request URI Too Long: too long"
    assert status_text(418, None) == "418 I'm a teapot"
    assert status_text(499, "went away") == "499: went away"
    request = httpx.Request("GET", "https://x.test/")
    error = NotFoundError("no such pet", response=httpx.Response(404, request=request), body=None)
    assert (str(error), error.message) == ("404 Not Found: no such pet", "no such pet")


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, InternalServerError),
        (503, InternalServerError),
    ],
)
def test_client_raises_typed_errors(harness: Any, status: int, cls: type[APIStatusError]) -> None:
    body = {"error": {"message": f"failed with {status}", "code": "E"}}
    h = harness(sequence(json_response(status, body, {"x-request-id": "req_9", "x-should-retry": "false"})))
    with pytest.raises(cls) as info:
        h.call("request", GET, object)
    error = info.value
    assert error.status_code == status
    assert error.message == f"failed with {status}"
    assert error.code == "E"
    assert error.request_id == "req_9"
    assert error.body == body
    assert error.headers["x-request-id"] == "req_9"
    assert len(h.requests) == 1


def test_client_connection_and_timeout_errors(harness: Any) -> None:
    h = harness(sequence(httpx.ConnectError("refused")), max_retries=0)
    with pytest.raises(APIConnectionError) as info:
        h.call("request", GET, object)
    assert not isinstance(info.value, APITimeoutError)
    assert info.value.request is not None
    assert isinstance(info.value.__cause__, httpx.ConnectError)

    h = harness(sequence(httpx.ReadTimeout("slow")), max_retries=0)
    with pytest.raises(APITimeoutError):
        h.call("request", GET, object)


def test_validation_error_is_a_400_or_a_422_and_only_status_errors_have_a_status() -> None:
    assert issubclass(BadRequestError, ValidationError) and issubclass(UnprocessableEntityError, ValidationError)
    assert not issubclass(NotFoundError, ValidationError)
    assert APIConnectionError(message="down").status_code is None
