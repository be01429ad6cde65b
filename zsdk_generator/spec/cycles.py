"""Schemas that are only each other: `A: {$ref: B}, B: {$ref: A}`, or `A: {oneOf: [{$ref: A}]}`.

A schema's generated type refers *directly* to another through its own `$ref`,
a oneOf/anyOf member (a union or, with one member, an alias) or the one
shaped allOf member (an alias). It refers *through* something — legal
recursion — when an object's field, an array's items or a map's values stand
in between. A cycle of direct references has no type at the bottom (`type A =
B; type B = A`), so it is an error naming the cycle. (A cycle of allOf members
alone is reported by the cyclic-allOf check.)
"""

from __future__ import annotations

from typing import Any

from ..diagnostics import Diagnostic
from .pointer import get, join, split
from .walk import SHAPE_KEYS

_COMPONENTS = "#/components/schemas/"

# (the schema it refers to, as a $ref; where the reference is; through which keyword)
Edge = tuple[str, str, str]


def alias_cycles(data: dict[str, Any]) -> list[Diagnostic]:
    schemas = (data.get("components") or {}).get("schemas") or {}
    graph = _Graph(data)
    out: list[Diagnostic] = []
    state: dict[str, int] = {}  # 1 = on the path, 2 = done
    for name in schemas:
        start = _COMPONENTS + name.replace("~", "~0").replace("/", "~1")
        if state.get(start):
            continue
        path: list[str] = [start]
        via: list[str] = []
        state[start] = 1
        stack: list[tuple[str, list[Edge], int]] = [(start, graph.edges(start), 0)]
        while stack:
            node, edges, index = stack[-1]
            if index == len(edges):
                stack.pop()
                path.pop()
                if via:
                    via.pop()
                state[node] = 2
                continue
            stack[-1] = (node, edges, index + 1)
            target, site, keyword = edges[index]
            seen = state.get(target)
            if seen == 1:
                cycle = path[path.index(target) :] + [target]
                keywords = via[path.index(target) :] + [keyword]
                if set(keywords) != {"allOf"} or not all(n.startswith(_COMPONENTS) for n in cycle):
                    names = " → ".join(_name(n) for n in cycle)
                    message = f"cyclic schema references with no object or array in between: {names}"
                    out.append(Diagnostic("error", message, site))
            elif not seen:
                state[target] = 1
                path.append(target)
                via.append(keyword)
                stack.append((target, graph.edges(target), 0))
    return out


def _name(ref: str) -> str:
    if ref.startswith(_COMPONENTS) and "/" not in ref[len(_COMPONENTS) :]:
        return ref[len(_COMPONENTS) :].replace("~1", "/").replace("~0", "~")
    return ref


class _Graph:
    def __init__(self, data: dict[str, Any]):
        self.data = data

    def edges(self, ref: str) -> list[Edge]:
        """The schemas the schema at `ref` refers to directly (through inline members too)."""
        try:
            parts = split(ref)
            schema = get(self.data, parts)
        except (KeyError, ValueError):
            return []
        out: list[Edge] = []
        pending: list[tuple[Any, tuple[str, ...], str]] = [(schema, parts, "$ref")]
        while pending:
            node, where, keyword = pending.pop()
            if not isinstance(node, dict) or _stands_between(node):
                continue
            target = node.get("$ref")
            if isinstance(target, str) and target.startswith("#"):
                out.append((target, join(where + ("$ref",)), keyword))
            for key in ("allOf", "oneOf", "anyOf"):
                members = node.get(key)
                if isinstance(members, list):
                    for i, member in enumerate(members):
                        if not _is_null(member):
                            pending.append((member, where + (key, str(i)), key))
        return out


def _is_null(schema: Any) -> bool:
    return isinstance(schema, dict) and (schema.get("type") == "null" or schema.get("enum") == [None])


def _stands_between(schema: dict[str, Any]) -> bool:
    """Whether the schema's type is an object (fields) or a container, so references inside it are recursion.

    Mirrors how the builder reads a schema: a union of several members, else an object with fields, else an
    alias of its `$ref` or single composition member, else an array, map or object type.
    """
    members = [
        m for key in ("oneOf", "anyOf") if isinstance(schema.get(key), list) for m in schema[key] if not _is_null(m)
    ]
    if len(members) > 1 and not schema.get("properties"):
        return False  # a union: its members are direct
    if schema.get("properties") or isinstance(schema.get("discriminator"), dict):
        return True
    parts = schema.get("allOf")
    if isinstance(parts, list) and sum(isinstance(p, dict) and any(k in p for k in SHAPE_KEYS) for p in parts) > 1:
        return True  # allOf parts merged into an object
    if "$ref" in schema or members or parts:
        return False  # an alias of its $ref or its one member
    kind = schema.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    return "array" in kinds or "object" in kinds
