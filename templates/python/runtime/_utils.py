"""Small helpers with no better home: dotted-path lookup and JSON sniffing."""

from __future__ import annotations

import json
from collections.abc import Mapping

import httpx

__all__ = ["MISSING", "get_path", "is_json_content_type", "read_json_or_text"]


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: object = _Missing()
"""Returned by :func:`get_path` when a field is absent."""


def get_path(data: object, path: str | None) -> object:
    """Follow a dotted path (``"meta.pagination.total"``) into JSON data.

    An empty or ``None`` path returns ``data`` itself; an absent field, or a
    step into something that is not an object, returns :data:`MISSING`.
    """
    if not path:
        return data
    current = data
    for key in path.split("."):
        if not isinstance(current, Mapping) or key not in current:
            return MISSING
        current = current[key]
    return current


def is_json_content_type(content_type: str) -> bool:
    """``application/json``, ``application/problem+json``, ``…; charset=…``."""
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


def read_json_or_text(response: httpx.Response) -> object:
    """The body as JSON when it parses, else as text; ``None`` when empty.

    JSON is tried whatever the content type says: error bodies are often
    JSON sent as ``text/plain`` or ``text/html``.
    """
    if not response.content:
        return None
    text = response.text
    try:
        return json.loads(text)
    except ValueError:
        return text
