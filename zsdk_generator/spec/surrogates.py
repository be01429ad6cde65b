"""Lone UTF-16 surrogates (JSON `"\\ud800"`) → U+FFFD, so no later stage meets a string it cannot encode.

The text of a file is UTF-8 and cannot hold a surrogate itself; only a JSON
`\\uD800`-style escape without its partner makes one. (libyaml refuses such
escapes in YAML with a located syntax error.) So the walk runs only when the
text has such an escape at all.
"""

from __future__ import annotations

import re
from typing import Any

from ..diagnostics import Diagnostic
from .bounds import Trail, parts_of
from .pointer import join

_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def may_have_surrogates(text: str) -> bool:
    return "\\u" in text and _ESCAPE.search(text) is not None


def replace_surrogates(data: Any) -> Diagnostic | None:
    """Replace lone surrogates in every string and key of `data` in place; one warning if there were any."""
    found: list[Trail] = []

    def clean(text: str, trail: Trail) -> str:
        if _SURROGATE.search(text) is None:
            return text
        found.append(trail)
        return _SURROGATE.sub(REPLACEMENT, text)

    stack: list[tuple[Any, Trail]] = [(data, None)]
    while stack:
        node, trail = stack.pop()
        if isinstance(node, dict):
            items = list(node.items())
            if any(_SURROGATE.search(key) for key, _ in items if isinstance(key, str)):
                node.clear()
                node.update((clean(k, (trail, k)) if isinstance(k, str) else k, v) for k, v in items)
                items = list(node.items())
            for key, value in items:
                if isinstance(value, str):
                    node[key] = clean(value, (trail, str(key)))
                elif isinstance(value, (dict, list)):
                    stack.append((value, (trail, str(key))))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                if isinstance(value, str):
                    node[index] = clean(value, (trail, str(index)))
                elif isinstance(value, (dict, list)):
                    stack.append((value, (trail, str(index))))
    if not found:
        return None
    count = len(found)
    message = "a lone UTF-16 surrogate escape (\\ud800-\\udfff) is replaced by U+FFFD here" + (
        f" and in {count - 1} more string{'s' * (count != 2)}" if count > 1 else ""
    )
    return Diagnostic("warning", message, join(parts_of(found[0])))
