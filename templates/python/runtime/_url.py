"""URL mechanics: server templates, path parameters, query encoding, Link.

Query encoding rules (the same for form bodies): ``NOT_GIVEN``, ``omit`` and
``None`` are dropped; lists repeat the key (``?tag=a&tag=b``); booleans are
``true``/``false``; mappings use ``key[sub]=value`` (deepObject); enums send
their value; dates and date-times their ISO 8601 form.
"""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import Mapping, Sequence
from urllib.parse import quote

from ._types import NotGiven, Omit

__all__ = [
    "encode_query",
    "encode_value",
    "format_path",
    "join_url",
    "parse_link_header",
    "resolve_server_url",
]

_VARIABLE = re.compile(r"\{([^{}]+)\}")


def resolve_server_url(
    template: str,
    variables: Mapping[str, str | None] | None = None,
    defaults: Mapping[str, str] | None = None,
    enums: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """Fill ``https://api.{region}.example.com`` from variables or defaults.

    A ``None`` variable falls back to its default; a value outside the
    variable's enum, or a variable with neither, raises ``ValueError``.
    """
    given = dict(variables or {})
    fallback = dict(defaults or {})
    allowed = dict(enums or {})

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        value = given.get(name)
        if value is None:
            value = fallback.get(name)
        if value is None:
            raise ValueError(f"Server variable {name!r} has no value and no default")
        choices = allowed.get(name)
        if choices and value not in choices:
            raise ValueError(
                f"Server variable {name!r} must be one of {list(choices)}, "
                f"got {value!r}"
            )
        return value

    return _VARIABLE.sub(substitute, template)


def encode_value(value: object) -> str:
    """One scalar as it goes into a URL, header or form field."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return encode_value(value.value)
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


def _skip(value: object) -> bool:
    return value is None or isinstance(value, (NotGiven, Omit))


def format_path(template: str, params: Mapping[str, object]) -> str:
    """``/pets/{pet_id}`` with each value percent-encoded (``/`` included)."""

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in params or _skip(params[name]):
            raise ValueError(f"Missing path parameter {name!r}")
        text = encode_value(params[name])
        if text == "":
            raise ValueError(f"Expected a non-empty value for path parameter {name!r}")
        return quote(text, safe="")

    return _VARIABLE.sub(substitute, template)


def _encode_into(out: list[tuple[str, str]], key: str, value: object) -> None:
    if _skip(value):
        return
    if isinstance(value, Mapping):
        for sub_key, sub_value in value.items():
            _encode_into(out, f"{key}[{sub_key}]", sub_value)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            _encode_into(out, key, item)
    else:
        out.append((key, encode_value(value)))


def encode_query(*queries: Mapping[str, object] | None) -> list[tuple[str, str]]:
    """Merge query mappings (later ones win per key) into encoded pairs."""
    merged: dict[str, object] = {}
    for query in queries:
        if query:
            merged.update(query)
    out: list[tuple[str, str]] = []
    for key, value in merged.items():
        _encode_into(out, key, value)
    return out


def join_url(base_url: str, path: str) -> str:
    """``https://h/v1`` + ``/pets`` → ``https://h/v1/pets``."""
    if not path:
        return base_url
    return base_url.rstrip("/") + "/" + path.lstrip("/")


_LINK = re.compile(r"<([^>]*)>\s*((?:;\s*[^;,]+)*)")


def parse_link_header(header: str) -> dict[str, str]:
    """RFC 8288 ``Link`` header → ``{rel: url}`` (first URL wins per rel)."""
    links: dict[str, str] = {}
    for match in _LINK.finditer(header):
        url, params = match.group(1), match.group(2)
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() != "rel":
                continue
            for rel in value.strip().strip('"').split():
                links.setdefault(rel.lower(), url)
    return links
