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


def list_index(part: str) -> int | None:
    """The array index a pointer part spells (RFC 6901: ASCII digits, no leading zero), else None."""
    if part.isascii() and part.isdigit() and (part == "0" or not part.startswith("0")) and len(part) < 20:
        return int(part)
    return None


def get(document: Any, parts: Iterable[str]) -> Any:
    """The node at `parts`; KeyError if there is none."""
    node = document
    for part in parts:
        if isinstance(node, dict):
            node = node[part]
        elif isinstance(node, list):
            index = list_index(part)
            if index is None or index >= len(node):
                raise KeyError(part)
            node = node[index]
        else:
            raise KeyError(part)
    return node
