"""What one call asks for (``RequestOptions``) and how it becomes HTTP.

``prepare_request`` runs once per call: it resolves the URL, encodes query,
headers, cookies and body (docs/serialization.md, in ``_serialize``), reads
upload content and fixes the idempotency key and multipart boundary, so that
every retry sends the same request.  ``build_attempt`` runs once per try: it
applies the (possibly refreshed) credentials and makes the ``httpx.Request``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import cast

import httpx
import pydantic
import pydantic_core

from ._auth import AuthProvider, RequestParts
from ._files import HttpxFile, read_content, to_httpx_file
from ._serialize import (
    FORM,
    SIMPLE,
    Encoding,
    Pairs,
    form_pairs,
    header_value,
    is_json_media_type,
    json_text,
    plain,
    scalar_text,
)
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
from ._url import format_path, join_url

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
    Body: at most one of ``json_body`` (``json_object``: it must be a mapping
    or a model, as the schema is an object), ``form`` (URL-encoded), ``multipart``
    (parts in the schema's order; ``file_parts`` names those carrying files)
    and ``content`` (raw bytes, file object or path). ``encodings`` gives, by
    location (``path``, ``query``, ``header``, ``cookie``, ``body``) and wire
    name, each value's encoding where it is not the default.
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
    json_object: bool = False
    form: Mapping[str, object] | pydantic.BaseModel | NotGiven | None = None
    multipart: Mapping[str, object] | None = None
    file_parts: Collection[str] = ()
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
    encodings: Mapping[str, Mapping[str, Encoding]] = field(default_factory=dict)


@dataclass
class PreparedRequest:
    """A call ready to be sent any number of times."""

    method: str
    url: str  # without its query
    query: list[str]  # encoded ``name=value`` pieces
    headers: httpx.Headers
    override_headers: dict[str, str | Omit]
    cookies: list[str]  # encoded ``name=value`` pieces
    content: bytes | None
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
    elif options.json_object and not isinstance(body, (Mapping, pydantic.BaseModel)):
        raise ValueError(
            f"body must be a mapping or a model (the request body is a JSON object), "
            f"not {type(body).__name__}"
        )
    data = to_jsonable(body)
    if options.extra_body:
        if not isinstance(data, dict):
            raise TypeError("extra_body needs a JSON object request body")
        data = {**data, **to_jsonable_object(options.extra_body)}
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()


def _inferred(value: object) -> Encoding:
    """A form property without an encoding entry: ``deepObject`` for an
    object or an array of objects, else ``form`` exploded."""
    data = plain(value)
    items = data if isinstance(data, list) else [data]
    if any(isinstance(item, dict) for item in items):
        return Encoding("deepObject", explode=True)
    return FORM


def _fields(
    body: object, extra: Body | None, encodings: Mapping[str, Encoding]
) -> list[tuple[str, object, Encoding | None]]:
    """A form or multipart body's properties in order, then the extra fields
    (each replacing a property of the same name, without its entry)."""
    fields: dict[str, tuple[object, Encoding | None]] = {}
    if isinstance(body, pydantic.BaseModel):
        body = body.model_dump(by_alias=True, exclude_unset=True)
    if isinstance(body, Mapping):
        fields = {str(k): (v, encodings.get(str(k))) for k, v in body.items()}
    for name, value in (extra or {}).items():
        fields[name] = (value, None)
    return [(k, v, e) for k, (v, e) in fields.items()]


def _form_body(options: RequestOptions) -> bytes | None:
    form = options.form
    if (form is None or isinstance(form, NotGiven)) and not options.extra_body:
        return None
    pairs: Pairs = []
    encodings = options.encodings.get("body", {})
    for name, value, encoding in _fields(form, options.extra_body, encodings):
        pairs += form_pairs(name, value, encoding or _inferred(value))
    return "&".join(_pieces(pairs)).encode()


def _text_part(text: str, content_type: str | None = None) -> HttpxFile:
    return None, text.encode(), content_type


def _multipart(options: RequestOptions) -> list[tuple[str, HttpxFile]]:
    """Each property as parts: files, style pairs, typed parts, text parts."""
    out: list[tuple[str, HttpxFile]] = []
    parts = options.multipart or {}
    encodings = options.encodings.get("body", {})
    for name, value, encoding in _fields(parts, options.extra_body, encodings):
        if value is None or isinstance(value, (NotGiven, Omit)):
            continue
        if name in options.file_parts:
            files = value if isinstance(value, list) else [value]
            out += [(name, to_httpx_file(cast(FileTypes, f))) for f in files]
            continue
        if encoding is not None and not encoding.content_type:
            pairs = form_pairs(name, value, encoding, escape=False)
            out += [(k, _text_part(v)) for k, v in pairs]
            continue
        data = plain(value)
        if data is None or data == [] or data == {}:
            continue
        items = data if isinstance(data, list) else [data]
        content_type = encoding.content_type if encoding else ""
        if not content_type and any(isinstance(item, dict) for item in items):
            content_type = "application/json"
        if content_type:
            json_type = is_json_media_type(content_type)
            text = json_text(data) if json_type else scalar_text(data)
            out.append((name, _text_part(text, content_type)))
        else:
            out += [(name, _text_part(scalar_text(item))) for item in items]
    return out


def _split_url(url: str) -> tuple[str, list[str]]:
    """A URL without its fragment, and its query string's pieces as written."""
    url = url.partition("#")[0]
    base, _, query = url.partition("?")
    return base, [piece for piece in query.split("&") if piece]


def _pieces(pairs: Pairs) -> list[str]:
    return [f"{k}={v}" for k, v in pairs]


def _query(options: RequestOptions) -> list[str]:
    """The call's parameters in order; an extra one replaces the parameter of
    the same name, in its place, and is sent form-exploded."""
    encodings = options.encodings.get("query", {})
    merged = {k: (v, encodings.get(k, FORM)) for k, v in options.query.items()}
    for name, value in (options.extra_query or {}).items():
        merged[name] = (value, FORM)
    return [p for k, (v, e) in merged.items() for p in _pieces(form_pairs(k, v, e))]


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
        url = options.url
    else:
        encodings = options.encodings.get("path", {})
        url = join_url(
            base_url, format_path(options.path, options.path_params, encodings)
        )
    url, query = _split_url(url)
    query += _query(options)

    headers = httpx.Headers(default_headers)
    headers["Accept"] = options.accept or accept
    header_encodings = options.encodings.get("header", {})
    for name, value in options.headers.items():
        text = header_value(value, header_encodings.get(name, SIMPLE))
        if text is not None:
            headers[name] = text
    if options.idempotent and IDEMPOTENCY_HEADER not in headers:
        headers[IDEMPOTENCY_HEADER] = str(uuid.uuid4())
    overrides: dict[str, str | Omit] = dict(options.extra_headers or {})
    if isinstance(options.idempotency_key, str):
        overrides[IDEMPOTENCY_HEADER] = options.idempotency_key

    content: bytes | None = None
    files: list[tuple[str, HttpxFile]] | None = None
    if options.multipart is not None:
        files = _multipart(options)
        boundary = uuid.uuid4().hex
        headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
    elif options.form is not None:
        content = _form_body(options)
        if content is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
    elif options.content is not None:
        content = read_content(options.content)
        headers["Content-Type"] = options.content_type or "application/octet-stream"
    else:
        content = _json_body(options)
        if content is not None:
            headers["Content-Type"] = options.content_type or "application/json"

    cookie_encodings = options.encodings.get("cookie", {})
    cookies = [
        piece
        for name, value in options.cookies.items()
        for piece in _pieces(form_pairs(name, value, cookie_encodings.get(name, FORM)))
    ]
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
        query=query,
        headers=headers,
        override_headers=overrides,
        cookies=cookies,
        content=content,
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
    parts = RequestParts(headers=httpx.Headers(prepared.headers))
    for provider in prepared.providers:
        provider.apply(parts)
    for name, value in prepared.override_headers.items():
        if isinstance(value, Omit):
            if name in parts.headers:
                del parts.headers[name]
        else:
            parts.headers[name] = value
    query = prepared.query + [
        piece
        for name, value in parts.params
        for piece in _pieces(form_pairs(name, value))
    ]
    cookies = prepared.cookies + [
        piece
        for name, value in parts.cookies.items()
        for piece in _pieces(form_pairs(name, value))
    ]
    if cookies:
        cookie = "; ".join(cookies)
        existing = parts.headers.get("Cookie")
        parts.headers["Cookie"] = f"{existing}; {cookie}" if existing else cookie
    url = f"{prepared.url}?{'&'.join(query)}" if query else prepared.url
    return http_client.build_request(
        prepared.method,
        url,
        headers=parts.headers,
        content=prepared.content,
        files=prepared.files,
        timeout=prepared.timeout,
    )
