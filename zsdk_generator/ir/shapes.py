"""Reading the shape of raw response schemas: resolve refs, merge allOf, follow a field path.

Pagination and envelope detection ask questions like "is there an array
field?" or "what is at meta.pagination.total?" of the spec's schemas; these
helpers answer them without building models.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Resolver = Callable[[str], Any]


def flatten(schema: Any, resolve: Resolver, depth: int = 0) -> dict[str, Any]:
    """The schema with refs resolved, a null alternative dropped and allOf properties merged."""
    if not isinstance(schema, dict) or depth > 20:
        return {}
    if isinstance(schema.get("$ref"), str):
        try:
            return flatten(resolve(schema["$ref"]), resolve, depth + 1)
        except (KeyError, ValueError):
            return {}
    for key in ("anyOf", "oneOf"):
        options = schema.get(key)
        if isinstance(options, list):
            rest = [o for o in options if not (isinstance(o, dict) and o.get("type") == "null")]
            if len(rest) == 1 and len(rest) < len(options):
                return flatten(rest[0], resolve, depth + 1)
    parts = schema.get("allOf")
    if not isinstance(parts, list):
        return schema
    merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
    properties: dict[str, Any] = {}
    required: list[Any] = []
    for part in parts:
        flat = flatten(part, resolve, depth + 1)
        properties.update(flat.get("properties") or {})
        required.extend(flat.get("required") or [])
        for key in ("type", "items"):
            if key in flat and key not in merged:
                merged[key] = flat[key]
    properties.update(schema.get("properties") or {})
    required.extend(schema.get("required") or [])
    merged["properties"] = properties
    merged["required"] = required
    return merged


def properties(schema: Any, resolve: Resolver) -> dict[str, Any]:
    props = flatten(schema, resolve).get("properties")
    return props if isinstance(props, dict) else {}


def is_array(schema: Any, resolve: Resolver) -> bool:
    flat = flatten(schema, resolve)
    kind = flat.get("type")
    return kind == "array" or (isinstance(kind, list) and "array" in kind) or ("items" in flat and kind is None)


def field_at(schema: Any, path: tuple[str, ...], resolve: Resolver) -> Any:
    """The (raw) schema at a dotted field path, or None."""
    node = schema
    for part in path:
        props = properties(node, resolve)
        if part not in props:
            return None
        node = props[part]
    return node


def find_field(
    schema: Any, names: tuple[str, ...], resolve: Resolver, prefixes: tuple[tuple[str, ...], ...]
) -> tuple[str, ...] | None:
    """The first `prefix + (name,)` that exists, trying prefixes in order, names in order."""
    for prefix in prefixes:
        holder = field_at(schema, prefix, resolve) if prefix else schema
        if holder is None:
            continue
        props = properties(holder, resolve)
        for name in names:
            if name in props:
                return prefix + (name,)
    return None
