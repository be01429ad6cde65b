"""JSON Pointer (RFC 6901) helpers, plus the URI-fragment form used in `$ref`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote

Parts = tuple[str, ...]


def escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


def unescape(part: str) -> str:
    return part.replace("~1", "/").replace("~0", "~")


def join(parts: Iterable[Any]) -> str:
    return "".join("/" + escape(str(p)) for p in parts)


def split(pointer: str) -> Parts:
    """`/a/b~1c` → ("a", "b/c"); "" and "/"-less text give ()."""
    if not pointer or pointer == "#":
        return ()
    if pointer.startswith("#"):
        pointer = unquote(pointer[1:])
    if not pointer.startswith("/"):
        raise ValueError(f"not a JSON pointer: {pointer!r}")
    return tuple(unescape(p) for p in pointer[1:].split("/"))


def get(document: Any, parts: Iterable[str]) -> Any:
    """The node at `parts`; KeyError if there is none."""
    node = document
    for part in parts:
        if isinstance(node, dict):
            node = node[part]
        elif isinstance(node, list):
            if not part.isdigit() or int(part) >= len(node):
                raise KeyError(part)
            node = node[int(part)]
        else:
            raise KeyError(part)
    return node
