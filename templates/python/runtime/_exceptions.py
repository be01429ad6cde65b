"""The error hierarchy, the status → class table and error-envelope parsing.

``APIError`` → ``APIStatusError`` (one subclass per common status) and
``APIConnectionError`` → ``APITimeoutError``.  ``make_status_error`` turns a
failed ``httpx.Response`` into the right exception with the message and the
machine code read from the usual error envelopes.
"""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from ._retry import RateLimit, parse_rate_limit
from ._utils import read_json_or_text

__all__ = [
    "REASONS",
    "STATUS_ERRORS",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
    "ValidationError",
    "error_class_for_status",
    "error_field",
    "extract_error",
    "make_status_error",
    "request_id_from",
    "status_text",
]


def request_id_from(headers: httpx.Headers) -> str | None:
    """The ``x-request-id`` (or ``request-id``) response header."""
    value = headers.get("x-request-id") or headers.get("request-id")
    return value if isinstance(value, str) else None


class APIError(Exception):
    """Base of every error the SDK raises. ``status_code`` is the response's
    status, ``None`` when no response came (a connection error, a timeout)."""

    message: str
    request: httpx.Request | None
    body: object
    code: str | None
    status_code: int | None = None

    def __init__(
        self,
        message: str,
        request: httpx.Request | None = None,
        *,
        body: object = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.request = request
        self.body = body
        self.code = code

    def __str__(self) -> str:
        return self.message


class APIResponseValidationError(APIError):
    """A 2xx response whose body does not match the declared type."""

    response: httpx.Response
    status_code: int

    def __init__(
        self, response: httpx.Response, body: object, message: str | None = None
    ) -> None:
        super().__init__(
            message or "Response body does not match the expected schema",
            response.request,
            body=body,
        )
        self.response = response
        self.status_code = response.status_code


class APIStatusError(APIError):
    """The server answered with a 4xx or 5xx status.

    ``message`` is the message of the error envelope (``Error code: 404``
    when there is none); ``str(error)`` is ``404 Not Found: <message>``
    (``404 Not Found`` when there is none), the same text in every SDK.
    """

    response: httpx.Response
    status_code: int
    headers: httpx.Headers
    request_id: str | None

    def __init__(
        self,
        message: str | None,
        *,
        response: httpx.Response,
        body: object,
        code: str | None = None,
    ) -> None:
        status = response.status_code
        super().__init__(
            message or f"Error code: {status}", response.request, body=body, code=code
        )
        self.response = response
        self.status_code = status
        self.headers = response.headers
        self.request_id = request_id_from(response.headers)
        self._text = status_text(status, message)

    def __str__(self) -> str:
        return self._text

    @property
    def field(self) -> str | None:
        """The field the error envelope names (``errors[0].field``, else
        ``error.field``), ``None`` when it names none."""
        return error_field(self.body)

    @property
    def rate_limit(self) -> RateLimit | None:
        """The response's ``X-RateLimit-*`` headers, ``None`` without any."""
        return parse_rate_limit(self.headers)


class ValidationError(APIStatusError):
    """400 or 422: the server refused what the request sent."""


class BadRequestError(ValidationError):
    """400"""


class AuthenticationError(APIStatusError):
    """401"""


class PermissionDeniedError(APIStatusError):
    """403"""


class NotFoundError(APIStatusError):
    """404"""


class ConflictError(APIStatusError):
    """409"""


class UnprocessableEntityError(ValidationError):
    """422"""


class RateLimitError(APIStatusError):
    """429"""


class InternalServerError(APIStatusError):
    """Any 5xx"""


class APIConnectionError(APIError):
    """No response: the connection failed or broke."""

    def __init__(
        self, *, request: httpx.Request | None = None, message: str = ""
    ) -> None:
        super().__init__(message or "Connection error.", request)


class APITimeoutError(APIConnectionError):
    """No response within the timeout."""

    def __init__(self, *, request: httpx.Request | None = None) -> None:
        super().__init__(request=request, message="Request timed out.")


REASONS: dict[int, str] = {
    400: "Bad Request",
    401: "Unauthorized",
    402: "Payment Required",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    407: "Proxy Authentication Required",
    408: "Request Timeout",
    409: "Conflict",
    410: "Gone",
    411: "Length Required",
    412: "Precondition Failed",
    413: "Request Entity Too Large",
    414: "Request URI Too Long",
    415: "Unsupported Media Type",
    416: "Requested Range Not Satisfiable",
    417: "Expectation Failed",
    418: "I'm a teapot",
    421: "Misdirected Request",
    422: "Unprocessable Entity",
    423: "Locked",
    424: "Failed Dependency",
    425: "Too Early",
    426: "Upgrade Required",
    428: "Precondition Required",
    429: "Too Many Requests",
    431: "Request Header Fields Too Large",
    451: "Unavailable For Legal Reasons",
    500: "Internal Server Error",
    501: "Not Implemented",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
    505: "HTTP Version Not Supported",
    506: "Variant Also Negotiates",
    507: "Insufficient Storage",
    508: "Loop Detected",
    510: "Not Extended",
    511: "Network Authentication Required",
}
"""The reason phrases of the error statuses, as Go's ``net/http`` writes
them (Python's ``http.HTTPStatus`` words some differently, and by version)."""


def status_text(status: int, message: str | None) -> str:
    """``404 Not Found: <message>``, or ``404 Not Found`` without a message
    (``499: <message>`` for a status with no reason phrase)."""
    reason = REASONS.get(status)
    head = f"{status} {reason}" if reason else str(status)
    return f"{head}: {message}" if message else head


STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}
"""Exact statuses; every 5xx maps to ``InternalServerError``; any other
status to ``APIStatusError``."""


def error_class_for_status(status: int) -> type[APIStatusError]:
    if status in STATUS_ERRORS:
        return STATUS_ERRORS[status]
    if status >= 500:
        return InternalServerError
    return APIStatusError


def _code(value: object) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (str, int)):
        return str(value)
    return None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _from_error_list(items: list[object]) -> tuple[str | None, str | None]:
    messages: list[str] = []
    code: str | None = None
    for item in items:
        if isinstance(item, str):
            messages.append(item)
        elif isinstance(item, Mapping):
            text = _text(item.get("message")) or _text(item.get("msg"))
            if text:
                messages.append(text)
            if code is None:
                code = _code(item.get("code"))
    return ("; ".join(messages) or None), code


def extract_error(body: object) -> tuple[str | None, str | None]:
    """``(message, code)`` from a decoded error body; ``None`` where absent.

    Envelopes, in order: ``{error: {message, code|type}}`` (also with
    ``success: false``), ``{error: "text"}`` (with OAuth's
    ``error_description``), ``{errors: [{code, message, field}]}``,
    ``{message, code}``, ``{detail: str | [{msg}]}``, ``{title}``.
    """
    if not isinstance(body, Mapping):
        return None, None
    error = body.get("error")
    if isinstance(error, Mapping):
        message = _text(error.get("message"))
        code = _code(error.get("code")) or _code(error.get("type"))
        if message or code:
            return message, code
    if isinstance(error, str) and error:
        description = _text(body.get("error_description"))
        if description:
            return description, error
        return error, _code(body.get("code"))
    errors = body.get("errors")
    if isinstance(errors, list) and errors:
        message, code = _from_error_list(errors)
        if message:
            return message, code
    message = _text(body.get("message"))
    if message:
        return message, _code(body.get("code"))
    detail = body.get("detail")
    if isinstance(detail, str) and detail:
        return detail, _code(body.get("code"))
    if isinstance(detail, list):
        message, code = _from_error_list(detail)
        if message:
            return message, code
    title = _text(body.get("title"))
    if title:
        return title, _code(body.get("code"))
    return None, None


def error_field(body: object) -> str | None:
    """``errors[0].field`` or ``error.field`` of an error body, when a string."""
    if not isinstance(body, Mapping):
        return None
    errors, error = body.get("errors"), body.get("error")
    first = errors[0] if isinstance(errors, list) and errors else error
    field = first.get("field") if isinstance(first, Mapping) else None
    return field if isinstance(field, str) and field else None


def make_status_error(response: httpx.Response) -> APIStatusError:
    """The exception for a 4xx/5xx response whose body has been read."""
    body = read_json_or_text(response)
    message, code = extract_error(body)
    cls = error_class_for_status(response.status_code)
    return cls(message, response=response, body=body, code=code)
