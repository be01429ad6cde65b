"""Turning responses into results, and raw access (``with_raw_response``).

``parse_response`` decodes a 2xx response into the type a method declares:
``None``, ``bytes``, ``str``, ``BinaryResponse``, ``httpx.Response`` or any
pydantic-compatible type, after unwrapping the declared envelope field.

Raw access: a generated resource exposes ``with_raw_response``, an object
whose methods are ``to_raw_response_wrapper(resource.method)``.  The wrapper
sets a context flag; the client's next request sees it and returns an
``APIResponse[T]`` (status, headers, ``parse() -> T``) instead of ``T``.
"""

from __future__ import annotations

import contextvars
import functools
import json
from collections.abc import Awaitable, Callable
from typing import Any, Generic, ParamSpec, TypeVar, cast

import httpx
import pydantic

from ._exceptions import APIResponseValidationError, request_id_from
from ._files import BinaryResponse
from ._models import validate_as
from ._retry import RateLimit, parse_rate_limit
from ._utils import MISSING, get_path, is_json_content_type

__all__ = [
    "APIResponse",
    "async_to_raw_response_wrapper",
    "consume_raw_response_flag",
    "parse_response",
    "to_raw_response_wrapper",
    "unwrap_envelope",
]

T = TypeVar("T")
R = TypeVar("R")
P = ParamSpec("P")

_RAW_RESPONSE: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "_sdk_raw_response", default=False
)


def unwrap_envelope(body: object, envelope: str | None) -> object:
    """``body[envelope]`` (dotted path); the body itself when absent."""
    if not envelope:
        return body
    inner = get_path(body, envelope)
    return body if inner is MISSING else inner


def decode_json(response: httpx.Response) -> object:
    """The JSON body (``None`` when empty); a non-JSON body raises."""
    if not response.content:
        return None
    try:
        return json.loads(response.text)
    except ValueError as exc:
        raise APIResponseValidationError(
            response, response.text, "Response body is not valid JSON"
        ) from exc


_NONE_TYPE: Any = type(None)


def parse_response(
    response: httpx.Response, cast_to: type[T], envelope: str | None = None
) -> T:
    """Decode a successful response as ``cast_to``."""
    if cast_to is _NONE_TYPE:
        return cast(T, None)
    if cast_to is httpx.Response:
        return cast(T, response)
    if cast_to is BinaryResponse:
        return cast(T, BinaryResponse(response))
    if cast_to is bytes:
        return cast(T, response.content)
    content_type = response.headers.get("content-type", "")
    if cast_to is str and not is_json_content_type(content_type):
        return cast(T, response.text)
    body = unwrap_envelope(decode_json(response), envelope)
    try:
        return validate_as(body, cast_to)
    except pydantic.ValidationError as exc:
        raise APIResponseValidationError(response, body, str(exc)) from exc


_UNSET: Any = object()


class APIResponse(Generic[T]):
    """A response with its status and headers; ``parse()`` gives the result."""

    def __init__(self, http_response: httpx.Response, parser: Callable[[], T]) -> None:
        self.http_response = http_response
        self._parser = parser
        self._parsed: T = _UNSET

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        return request_id_from(self.http_response.headers)

    @property
    def rate_limit(self) -> RateLimit | None:
        """The ``X-RateLimit-*`` headers, ``None`` without any."""
        return parse_rate_limit(self.http_response.headers)

    @property
    def url(self) -> httpx.URL:
        return self.http_response.url

    @property
    def content(self) -> bytes:
        return self.http_response.content

    @property
    def text(self) -> str:
        return self.http_response.text

    def json(self) -> object:
        """The whole JSON body, envelope included."""
        return decode_json(self.http_response)

    def parse(self) -> T:
        """The value the method returns without ``with_raw_response``."""
        if self._parsed is _UNSET:
            self._parsed = self._parser()
        return self._parsed

    def __repr__(self) -> str:
        return f"<APIResponse [{self.status_code}] {self.http_response.url}>"


def consume_raw_response_flag() -> bool:
    """Called by the client once per request: was a raw response asked for?"""
    if not _RAW_RESPONSE.get():
        return False
    _RAW_RESPONSE.set(False)
    return True


def to_raw_response_wrapper(func: Callable[P, R]) -> Callable[P, APIResponse[R]]:
    """``resource.get`` → a function returning ``APIResponse[Pet]``."""

    @functools.wraps(func)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[R]:
        token = _RAW_RESPONSE.set(True)
        try:
            result: object = func(*args, **kwargs)
        finally:
            _RAW_RESPONSE.reset(token)
        if not isinstance(result, APIResponse):
            raise TypeError(f"{func.__name__} did not return a raw response")
        return result

    return wrapped


def async_to_raw_response_wrapper(
    func: Callable[P, Awaitable[R]],
) -> Callable[P, Awaitable[APIResponse[R]]]:
    """The async twin of :func:`to_raw_response_wrapper`."""

    @functools.wraps(func)
    async def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[R]:
        token = _RAW_RESPONSE.set(True)
        try:
            result: object = await func(*args, **kwargs)
        finally:
            _RAW_RESPONSE.reset(token)
        if not isinstance(result, APIResponse):
            raise TypeError(f"{func.__name__} did not return a raw response")
        return result

    return wrapped
