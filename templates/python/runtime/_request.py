"""What one call asks for (``RequestOptions``) and how it becomes HTTP.

``prepare_request`` runs once per call: it resolves the URL, encodes query,
headers and body, reads upload content and fixes the idempotency key, so that
every retry sends the same request.  ``build_attempt`` runs once per try: it
applies the (possibly refreshed) credentials and makes the ``httpx.Request``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import httpx
import pydantic
import pydantic_core

from ._auth import AuthProvider, RequestParts
from ._files import HttpxFile, read_content, to_httpx_files
from ._types import (
    NOT_GIVEN,
    Body,
    FileContent,
    FileTypes,
    Headers,
    NotGiven,
    Omit,
    Query,
    Security,
    Timeout,
)
from ._url import encode_query, encode_value, format_path, join_url

__all__ = [
    "IDEMPOTENCY_HEADER",
    "PreparedRequest",
    "RequestOptions",
    "build_attempt",
    "prepare_request",
    "to_jsonable",
]

IDEMPOTENCY_HEADER = "Idempotency-Key"


@dataclass(frozen=True)
class RequestOptions:
    """Everything one operation call asks for; generated methods build one.

    ``path`` is the spec's template (``/pets/{pet_id}``); ``url``, when set,
    is an absolute URL used instead of base URL + path (Link pagination).
    Body: at most one of ``json_body``, ``form`` (+ ``files`` for
    multipart) and ``content`` (raw bytes, file object or path).
    ``envelope`` is the dotted field a JSON response is unwrapped to.
    The ``extra_*``, ``timeout``, ``max_retries`` and ``idempotency_key``
    fields are the caller's per-call overrides.
    """

    method: str
    path: str
    path_params: Mapping[str, object] = field(default_factory=dict)
    query: Mapping[str, object] = field(default_factory=dict)
    headers: Mapping[str, object] = field(default_factory=dict)
    cookies: Mapping[str, object] = field(default_factory=dict)
    json_body: object = NOT_GIVEN
    form: Mapping[str, object] | pydantic.BaseModel | NotGiven | None = None
    files: Mapping[str, FileTypes | list[FileTypes] | NotGiven] | None = None
    content: FileContent | str | None = None
    content_type: str | None = None
    accept: str | None = None
    security: Security = None
    idempotent: bool = False
    envelope: str | None = None
    extra_headers: Headers | None = None
    extra_query: Query | None = None
    extra_body: Body | None = None
    timeout: Timeout | NotGiven = NOT_GIVEN
    max_retries: int | NotGiven = NOT_GIVEN
    idempotency_key: str | None | NotGiven = NOT_GIVEN
    url: str | None = None


@dataclass
class PreparedRequest:
    """A call ready to be sent any number of times."""

    method: str
    url: str
    params: list[tuple[str, str]]
    headers: httpx.Headers
    override_headers: dict[str, str | Omit]
    cookies: dict[str, str]
    content: bytes | None
    data: dict[str, list[str]] | None
    files: list[tuple[str, HttpxFile]] | None
    timeout: httpx.Timeout | None
    max_retries: int
    providers: Sequence[AuthProvider]
    envelope: str | None


def to_jsonable(value: object) -> object:
    """A request body as plain JSON data.

    Models dump by wire name leaving out unset fields; ``NOT_GIVEN`` and
    ``omit`` values drop their key; an explicit ``None`` stays ``null``.
    """
    if isinstance(value, pydantic.BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, Mapping):
        return to_jsonable_object(value)
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value if not isinstance(v, (NotGiven, Omit))]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return pydantic_core.to_jsonable_python(value)


def to_jsonable_object(value: Mapping[str, object]) -> dict[str, object]:
    """:func:`to_jsonable` for a mapping, typed as a dict."""
    return {
        str(k): to_jsonable(v)
        for k, v in value.items()
        if not isinstance(v, (NotGiven, Omit))
    }


def _json_body(options: RequestOptions) -> bytes | None:
    body = options.json_body
    if isinstance(body, (NotGiven, Omit)):
        if not options.extra_body:
            return None
        body = {}
    data = to_jsonable(body)
    if options.extra_body:
        if not isinstance(data, dict):
            raise TypeError("extra_body needs a JSON object request body")
        data = {**data, **to_jsonable_object(options.extra_body)}
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()


def _form_fields(
    form: Mapping[str, object] | pydantic.BaseModel, multipart: bool
) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if isinstance(form, pydantic.BaseModel):
        form = to_jsonable_object(form.model_dump(by_alias=True, exclude_unset=True))
    if multipart:
        for key, value in form.items():
            if value is None or isinstance(value, (NotGiven, Omit)):
                continue
            items = value if isinstance(value, (list, tuple)) else [value]
            for item in items:
                if isinstance(item, (Mapping, pydantic.BaseModel)):
                    text = json.dumps(to_jsonable(item), separators=(",", ":"))
                else:
                    text = encode_value(item)
                out.setdefault(key, []).append(text)
        return out
    for key, text in encode_query(form):
        out.setdefault(key, []).append(text)
    return out


def _split_url(url: str) -> tuple[str, list[tuple[str, str]]]:
    parsed = httpx.URL(url)
    params = list(parsed.params.multi_items())
    return str(parsed.copy_with(query=None, fragment=None)), params


def _timeout(value: Timeout) -> httpx.Timeout | None:
    if value is None:
        return None
    if isinstance(value, httpx.Timeout):
        return value
    return httpx.Timeout(value)


def prepare_request(
    options: RequestOptions,
    *,
    base_url: str,
    default_headers: httpx.Headers,
    default_timeout: Timeout,
    default_max_retries: int,
    providers: Sequence[AuthProvider],
    accept: str = "application/json",
) -> PreparedRequest:
    """Resolve one call's options into a :class:`PreparedRequest`."""
    if options.url is not None:
        url, params = _split_url(options.url)
    else:
        url = join_url(base_url, format_path(options.path, options.path_params))
        params = []
    params.extend(encode_query(options.query, options.extra_query))

    headers = httpx.Headers(default_headers)
    headers["Accept"] = options.accept or accept
    for name, value in options.headers.items():
        if value is not None and not isinstance(value, (NotGiven, Omit)):
            headers[name] = encode_value(value)
    if options.idempotent and IDEMPOTENCY_HEADER not in headers:
        headers[IDEMPOTENCY_HEADER] = str(uuid.uuid4())
    overrides: dict[str, str | Omit] = dict(options.extra_headers or {})
    if isinstance(options.idempotency_key, str):
        overrides[IDEMPOTENCY_HEADER] = options.idempotency_key

    content: bytes | None = None
    data: dict[str, list[str]] | None = None
    files: list[tuple[str, HttpxFile]] | None = None
    form = None if isinstance(options.form, NotGiven) else options.form
    if options.files:
        files = to_httpx_files(options.files)
        data = _form_fields(form or {}, multipart=True)
    elif form is not None:
        data = _form_fields(form, multipart=False)
    elif options.content is not None:
        content = read_content(options.content)
        headers["Content-Type"] = options.content_type or "application/octet-stream"
    else:
        content = _json_body(options)
        if content is not None:
            headers["Content-Type"] = options.content_type or "application/json"

    cookies = {
        name: encode_value(value)
        for name, value in options.cookies.items()
        if value is not None and not isinstance(value, (NotGiven, Omit))
    }
    timeout = (
        default_timeout if isinstance(options.timeout, NotGiven) else options.timeout
    )
    max_retries = (
        default_max_retries
        if isinstance(options.max_retries, NotGiven)
        else options.max_retries
    )
    return PreparedRequest(
        method=options.method.upper(),
        url=url,
        params=params,
        headers=headers,
        override_headers=overrides,
        cookies=cookies,
        content=content,
        data=data,
        files=files,
        timeout=_timeout(timeout),
        max_retries=max(0, max_retries),
        providers=list(providers),
        envelope=options.envelope,
    )


def build_attempt(
    http_client: httpx.Client | httpx.AsyncClient, prepared: PreparedRequest
) -> httpx.Request:
    """One try's ``httpx.Request``: credentials applied, overrides last."""
    parts = RequestParts(
        headers=httpx.Headers(prepared.headers),
        params=list(prepared.params),
        cookies=dict(prepared.cookies),
    )
    for provider in prepared.providers:
        provider.apply(parts)
    for name, value in prepared.override_headers.items():
        if isinstance(value, Omit):
            if name in parts.headers:
                del parts.headers[name]
        else:
            parts.headers[name] = value
    if parts.cookies:
        cookie = "; ".join(f"{k}={v}" for k, v in parts.cookies.items())
        existing = parts.headers.get("Cookie")
        parts.headers["Cookie"] = f"{existing}; {cookie}" if existing else cookie
    return http_client.build_request(
        prepared.method,
        prepared.url,
        params=tuple(parts.params),
        headers=parts.headers,
        content=prepared.content,
        data=prepared.data,
        files=prepared.files,
        timeout=prepared.timeout,
    )
