"""URL mechanics: server templates, path parameters, joining, Link."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ._serialize import SIMPLE, Encoding, path_segment
from ._types import NotGiven, Omit

__all__ = [
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


def format_path(
    template: str,
    params: Mapping[str, object],
    encodings: Mapping[str, Encoding] | None = None,
) -> str:
    """``/pets/{pet_id}`` with each value by its style (simple unless
    ``encodings`` says otherwise), percent-encoded."""

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        value = params.get(name)
        if value is None or isinstance(value, (NotGiven, Omit)):
            raise ValueError(f"Missing path parameter {name!r}")
        return path_segment(name, value, (encodings or {}).get(name, SIMPLE))

    return _VARIABLE.sub(substitute, template)


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
