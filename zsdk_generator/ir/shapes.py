"""Reading the shape of raw response schemas: resolve refs, merge allOf, follow a field path.

Pagination and envelope detection ask questions like "is there an array
field?" or "what is at meta.pagination.total?" of the spec's schemas; these
helpers answer them without building models. Each schema object is flattened
once per build (a schema that allOfs another several times over, level after
level, would otherwise cost exponential time).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Resolver = Callable[[str], Any]
_MAX_DEPTH = 20  # refs and allOf levels followed; deeper parts count as empty


class Shapes:
    def __init__(self, resolve: Resolver):
        self.resolve = resolve
        self._flat: dict[int, tuple[Any, dict[str, Any]]] = {}  # schema → (schema, flattened); the schema is kept alive
        self._active: set[int] = set()

    def flatten(self, schema: Any, depth: int = 0) -> dict[str, Any]:
        """The schema with refs resolved, a null alternative dropped and allOf properties merged."""
        if not isinstance(schema, dict) or depth > _MAX_DEPTH or id(schema) in self._active:
            return {}
        known = self._flat.get(id(schema))
        if known is not None:
            return known[1]
        self._active.add(id(schema))
        try:
            flat = self._flatten(schema, depth)
        finally:
            self._active.discard(id(schema))
        self._flat[id(schema)] = (schema, flat)
        return flat

    def _flatten(self, schema: dict[str, Any], depth: int) -> dict[str, Any]:
        if isinstance(schema.get("$ref"), str):
            try:
                return self.flatten(self.resolve(schema["$ref"]), depth + 1)
            except (KeyError, ValueError):
                return {}
        for key in ("anyOf", "oneOf"):
            options = schema.get(key)
            if isinstance(options, list):
                rest = [o for o in options if not (isinstance(o, dict) and o.get("type") == "null")]
                if len(rest) == 1 and len(rest) < len(options):
                    return self.flatten(rest[0], depth + 1)
        parts = schema.get("allOf")
        if not isinstance(parts, list):
            return schema
        merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
        properties: dict[str, Any] = {}
        required: list[Any] = []
        for part in parts:
            flat = self.flatten(part, depth + 1)
            properties.update(_mapping(flat.get("properties")))
            required.extend(_list(flat.get("required")))
            for key in ("type", "items"):
                if key in flat and key not in merged:
                    merged[key] = flat[key]
        properties.update(_mapping(schema.get("properties")))
        required.extend(_list(schema.get("required")))
        merged["properties"] = properties
        merged["required"] = required
        return merged

    def properties(self, schema: Any) -> dict[str, Any]:
        return _mapping(self.flatten(schema).get("properties"))

    def is_array(self, schema: Any) -> bool:
        flat = self.flatten(schema)
        kind = flat.get("type")
        return kind == "array" or (isinstance(kind, list) and "array" in kind) or ("items" in flat and kind is None)

    def field_at(self, schema: Any, path: tuple[str, ...]) -> Any:
        """The (raw) schema at a dotted field path, or None."""
        node = schema
        for part in path:
            props = self.properties(node)
            if part not in props:
                return None
            node = props[part]
        return node

    def find_field(
        self, schema: Any, names: tuple[str, ...], prefixes: tuple[tuple[str, ...], ...]
    ) -> tuple[str, ...] | None:
        """The first `prefix + (name,)` that exists, trying prefixes in order, names in order."""
        for prefix in prefixes:
            holder = self.field_at(schema, prefix) if prefix else schema
            if holder is None:
                continue
            props = self.properties(holder)
            for name in names:
                if name in props:
                    return prefix + (name,)
        return None


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
