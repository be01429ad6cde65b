"""Two versions of a schema compared in the direction data flows: what a client sends (a request: the server
accepting less breaks callers) or what it receives (a response: the server sending more, or less than promised,
breaks decoding). Shared component schemas are compared once per direction, wherever they are used."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from ..spec.pointer import escape, get, split
from .changes import Level

Direction = Literal["request", "response"]
Report = Callable[[Level, str, str, str, str], None]  # (level, code, message, old pointer, new pointer)

_NARROWING = (  # keyword, whether a larger value accepts less
    ("maxLength", False),
    ("minLength", True),
    ("maximum", False),
    ("minimum", True),
    ("exclusiveMaximum", False),
    ("exclusiveMinimum", True),
    ("maxItems", False),
    ("minItems", True),
    ("maxProperties", False),
    ("minProperties", True),
    ("multipleOf", True),
)
_MAX_DEPTH = 64


class SchemaComparer:
    def __init__(
        self,
        old_doc: dict[str, Any],
        new_doc: dict[str, Any],
        report: Report,
        unchanged: Callable[[str], bool] = lambda pointer: False,
    ) -> None:
        """`unchanged(pointer)` says whether the schema at a pointer is the same in both documents."""
        self.old_doc, self.new_doc, self.report, self.unchanged = old_doc, new_doc, report, unchanged
        self.seen: set[tuple[str, str, Direction]] = set()

    def compare(self, old: Any, new: Any, old_at: str, new_at: str, what: str, direction: Direction) -> None:
        self._compare(old, new, old_at, new_at, what, direction, 0)

    # ------------------------------------------------------------------------------------------ one schema

    def _compare(
        self, old: Any, new: Any, old_at: str, new_at: str, what: str, direction: Direction, depth: int
    ) -> None:
        old, old_at, old_ref = resolve(self.old_doc, old, old_at)
        new, new_at, new_ref = resolve(self.new_doc, new, new_at)
        if depth > _MAX_DEPTH:
            return
        if old is not False and new is False:  # the boolean schema that matches nothing
            level: Level = "breaking" if direction == "request" or old is not None else "compatible"
            self.report(level, f"{direction}-schema-became-false", f"{what}: now accepts no value", old_at, new_at)
            return
        if not isinstance(old, dict) or not isinstance(new, dict):
            return
        (old, old_at), (new, new_at) = _unwrapped(self.old_doc, old, old_at), _unwrapped(self.new_doc, new, new_at)
        if old_ref and new_ref:  # a shared schema: compared once per direction, named by its component
            if old_at == new_at and self.unchanged(old_at):
                return
            seen = (old_at, new_at, direction)
            if seen in self.seen:
                return
            self.seen.add(seen)
            what = f"schema {_component(new_at)}"
        old, new = _merged(self.old_doc, old), _merged(self.new_doc, new)
        args = (old_at, new_at)
        self._type(old, new, what, direction, *args)
        self._enum(old, new, what, direction, *args)
        self._bounds(old, new, what, direction, *args)
        self._properties(old, new, what, direction, depth, *args)
        for key in ("items", "additionalProperties"):
            before, after = old.get(key), new.get(key)
            if key == "items" and before is None and after is False:
                before = {}  # any item before; none now
            if isinstance(before, dict) and (isinstance(after, dict) or after is False):
                item = "items" if key == "items" else "values"
                self._compare(
                    before, after, f"{old_at}/{key}", f"{new_at}/{key}", f"{what} {item}", direction, depth + 1
                )
        self._variants(old, new, what, direction, depth, *args)
        self._keywords(old, new, what, direction, *args)

    def _type(
        self, old: dict[str, Any], new: dict[str, Any], what: str, direction: Direction, oa: str, na: str
    ) -> None:
        old_types, new_types = _types(old), _types(new)
        if old_types and new_types and old_types != new_types:
            widened = old_types <= new_types or (old_types == {"integer"} and new_types == {"number"})
            narrowed = new_types <= old_types or (old_types == {"number"} and new_types == {"integer"})
            safe = widened if direction == "request" else narrowed
            level: Level = "compatible" if safe else "breaking"
            self.report(
                level,
                f"{direction}-type-changed",
                f"{what}: type {_shown(old_types)} → {_shown(new_types)}",
                oa + "/type",
                na + "/type",
            )
        if old.get("format") != new.get("format") and (old_types & new_types or not old_types or not new_types):
            if old.get("format") and new.get("format"):
                level = "breaking"
            elif new.get("format"):  # a format added: requests must now match it
                level = "potential" if direction == "request" else "compatible"
            else:
                level = "compatible" if direction == "request" else "potential"
            self.report(
                level,
                f"{direction}-format-changed",
                f"{what}: format {old.get('format') or 'none'} → {new.get('format') or 'none'}",
                oa,
                na,
            )
        if _nullable(old) != _nullable(new):
            loses = _nullable(old) and not _nullable(new)
            level = (
                ("breaking" if loses else "compatible")
                if direction == "request"
                else ("compatible" if loses else "breaking")
            )
            state = "no longer nullable" if loses else "now nullable"
            self.report(level, f"{direction}-nullable-changed", f"{what} is {state}", oa, na)

    def _enum(
        self, old: dict[str, Any], new: dict[str, Any], what: str, direction: Direction, oa: str, na: str
    ) -> None:
        for key in ("enum", "x-extensible-enum"):
            before, after = old.get(key), new.get(key)
            if not isinstance(before, list) or not isinstance(after, list):
                if isinstance(after, list) and direction == "request":
                    self.report(
                        "breaking",
                        f"request-{key}-added",
                        f"{what}: now limited to {_values(after)}",
                        oa,
                        na + "/" + key,
                    )
                elif isinstance(before, list) and direction == "response":  # the SDK's enum type becomes a string
                    self.report("breaking", f"response-{key}-removed", f"{what}: no longer an enum", oa + "/" + key, na)
                continue
            removed = [v for v in before if v not in after]
            added = [v for v in after if v not in before]
            if removed:
                level: Level = "breaking" if direction == "request" else "compatible"
                self.report(
                    level,
                    f"{direction}-{key}-value-removed",
                    f"{what}: value {_values(removed)} removed",
                    f"{oa}/{key}",
                    f"{na}/{key}",
                )
            if added:
                level = "compatible" if direction == "request" else "potential"
                self.report(
                    level,
                    f"{direction}-{key}-value-added",
                    f"{what}: value {_values(added)} added",
                    f"{oa}/{key}",
                    f"{na}/{key}",
                )

    def _bounds(
        self, old: dict[str, Any], new: dict[str, Any], what: str, direction: Direction, oa: str, na: str
    ) -> None:
        for key, larger_is_narrower in _NARROWING:
            before, after = _number(old.get(key)), _number(new.get(key))
            if before == after:
                continue
            narrower = after is not None if before is None or after is None else (after > before) == larger_is_narrower
            if key == "multipleOf" and before is not None and after is not None:
                narrower = after % before != 0 if before else True
            level: Level = (
                ("breaking" if narrower else "compatible")
                if direction == "request"
                else ("compatible" if narrower else "breaking")
            )
            self.report(
                level,
                f"{direction}-{_kebab(key)}-changed",
                f"{what}: {key} {_bound(before)} → {_bound(after)}",
                oa + "/" + key,
                na + "/" + key,
            )
        if old.get("pattern") != new.get("pattern"):
            if direction == "request":
                level = "breaking" if not old.get("pattern") else "potential"
            else:
                level = "compatible" if not old.get("pattern") else "potential"
            self.report(
                level,
                f"{direction}-pattern-changed",
                f"{what}: pattern {old.get('pattern') or 'none'!r} → {new.get('pattern') or 'none'!r}",
                oa,
                na,
            )

    def _properties(
        self, old: dict[str, Any], new: dict[str, Any], what: str, direction: Direction, depth: int, oa: str, na: str
    ) -> None:
        old_props, new_props = old.get("properties") or {}, new.get("properties") or {}
        if not isinstance(old_props, dict) or not isinstance(new_props, dict):
            return
        old_required, new_required = _required(old), _required(new)
        for name in old_props:
            where_old = f"{oa}/properties/{escape(name)}"
            if name not in new_props:
                if direction == "response":
                    self.report(
                        "breaking",
                        "response-property-removed",
                        f"{what}: property {name} removed",
                        where_old,
                        na + "/properties",
                    )
                else:
                    self.report(
                        "potential",
                        "request-property-removed",
                        f"{what}: property {name} removed (the server may ignore or refuse it)",
                        where_old,
                        na + "/properties",
                    )
                continue
            where_new = f"{na}/properties/{escape(name)}"
            was, now = name in old_required, name in new_required
            if was != now:
                if direction == "request":
                    level: Level = "breaking" if now else "compatible"
                else:
                    level = "compatible" if now else "breaking"
                state = "required" if now else "optional"
                self.report(
                    level,
                    f"{direction}-property-became-{state}",
                    f"{what}: property {name} became {state}",
                    where_old,
                    where_new,
                )
            self._compare(
                old_props[name], new_props[name], where_old, where_new, f"{what}.{name}", direction, depth + 1
            )
        for name in new_props:
            if name in old_props:
                continue
            where_new = f"{na}/properties/{escape(name)}"
            if direction == "request" and name in new_required:
                self.report(
                    "breaking",
                    "request-required-property-added",
                    f"{what}: required property {name} added",
                    oa,
                    where_new,
                )
            else:
                self.report(
                    "compatible", f"{direction}-property-added", f"{what}: property {name} added", oa, where_new
                )

    def _variants(
        self, old: dict[str, Any], new: dict[str, Any], what: str, direction: Direction, depth: int, oa: str, na: str
    ) -> None:
        if _is_union(old) != _is_union(new):  # the SDK's type turns from one kind into a union, or back
            state = "now one of several schemas" if _is_union(new) else "no longer one of several schemas"
            self.report("breaking", f"{direction}-union-changed", f"{what}: {state}", oa, na)
            return
        self._parts_added(old, new, what, direction, oa, na)
        for key in ("oneOf", "anyOf"):
            before, after = old.get(key), new.get(key)
            if not isinstance(before, list) or not isinstance(after, list):
                continue
            old_names = [_variant_name(v, i) for i, v in enumerate(before)]
            new_names = [_variant_name(v, i) for i, v in enumerate(after)]
            for i, name in enumerate(old_names):
                if name not in new_names:
                    level: Level = "breaking" if direction == "request" else "compatible"
                    self.report(
                        level,
                        f"{direction}-variant-removed",
                        f"{what}: {key} variant {name} removed",
                        f"{oa}/{key}/{i}",
                        f"{na}/{key}",
                    )
                else:  # the same place when it still has that name (two variants may share a title)
                    j = i if i < len(new_names) and new_names[i] == name else new_names.index(name)
                    self._compare(
                        before[i],
                        after[j],
                        f"{oa}/{key}/{i}",
                        f"{na}/{key}/{j}",
                        f"{what} ({name})",
                        direction,
                        depth + 1,
                    )
            for j, name in enumerate(new_names):
                if name not in old_names:  # a response may now be of a kind the client cannot decode
                    level = "compatible" if direction == "request" else "breaking"
                    self.report(
                        level,
                        f"{direction}-variant-added",
                        f"{what}: {key} variant {name} added",
                        f"{oa}/{key}",
                        f"{na}/{key}/{j}",
                    )

    def _parts_added(
        self, old: dict[str, Any], new: dict[str, Any], what: str, direction: Direction, oa: str, na: str
    ) -> None:
        """allOf parts added: a request must now match each of them too."""
        before, after = old.get("allOf"), new.get("allOf")
        before = before if isinstance(before, list) else []
        for j, part in enumerate(after if isinstance(after, list) else []):
            if part not in before and direction == "request" and not _annotation_only(part):
                name = _variant_name(part, j)
                self.report(
                    "breaking", "request-all-of-added", f"{what}: allOf part {name} added", oa, f"{na}/allOf/{j}"
                )

    def _keywords(
        self, old: dict[str, Any], new: dict[str, Any], what: str, direction: Direction, oa: str, na: str
    ) -> None:
        """Every other validation keyword (const, not, if/then/else, contains, prefixItems, patternProperties,
        dependentRequired, unevaluatedProperties, …): one added or changed restricts what a request may send;
        one removed or changed widens what a response may hold."""
        for key in sorted((old.keys() | new.keys()) - _COMPARED):
            if key.startswith("x-") or old.get(key) == new.get(key):
                continue
            before, after = key in old, key in new
            restricts = after and direction == "request"
            widens = before and direction == "response"
            state = "changed" if before and after else "added" if after else "removed"
            self.report(
                "breaking" if restricts or widens else "compatible",
                f"{direction}-{_kebab(key)}-{state}",
                f"{what}: {key} {state}",
                f"{oa}/{key}" if before else oa,
                f"{na}/{key}" if after else na,
            )


# ---------------------------------------------------------------------------------------------- helpers

# Keywords that do not restrict values, and those the comparer looks at one by one.
_ANNOTATIONS = {
    "title", "description", "default", "example", "examples", "deprecated", "readOnly", "writeOnly", "xml",
    "externalDocs", "$comment", "$id", "$schema", "$anchor", "$defs", "definitions",
}  # fmt: skip
_COMPARED = _ANNOTATIONS | {
    "$ref", "type", "format", "nullable", "enum", "pattern", "properties", "required", "items",
    "additionalProperties", "oneOf", "anyOf", "allOf", "discriminator", "uniqueItems", *(key for key, _ in _NARROWING),
}  # fmt: skip


def _annotation_only(schema: Any) -> bool:
    return isinstance(schema, dict) and not set(schema) - _ANNOTATIONS


def _is_union(schema: dict[str, Any]) -> bool:
    return any(isinstance(schema.get(key), list) and len(schema[key]) > 1 for key in ("oneOf", "anyOf"))


def _unwrapped(doc: dict[str, Any], schema: dict[str, Any], at: str) -> tuple[dict[str, Any], str]:
    """A nullable wrapper (`anyOf`/`oneOf` of one schema and `{type: null}`) as that schema made nullable."""
    for key in ("anyOf", "oneOf"):
        parts = schema.get(key)
        if not isinstance(parts, list) or len(parts) != 2:
            continue
        others = [i for i, part in enumerate(parts) if not (isinstance(part, dict) and part.get("type") == "null")]
        if len(others) != 1:
            continue
        inner, inner_at, _ = resolve(doc, parts[others[0]], f"{at}/{key}/{others[0]}")
        if isinstance(inner, dict):
            outside = {k: v for k, v in schema.items() if k != key}
            return {**inner, **outside, "nullable": True}, inner_at
    return schema, at


def resolve(doc: dict[str, Any], schema: Any, at: str) -> tuple[Any, str, bool]:
    """The schema behind any chain of local `$ref`s, where it is, and whether a `$ref` was followed."""
    followed = False
    for _ in range(32):
        ref = schema.get("$ref") if isinstance(schema, dict) else None
        if not isinstance(ref, str) or not ref.startswith("#"):
            break
        try:
            schema, at, followed = get(doc, split(ref[1:])), ref[1:], True
        except (KeyError, IndexError, TypeError, ValueError):
            return None, at, followed
    return schema, at, followed


def _merged(doc: dict[str, Any], schema: dict[str, Any], depth: int = 0) -> dict[str, Any]:
    """`schema` with its allOf parts' properties and required lists folded in (parts of parts too, resolved)."""
    parts = schema.get("allOf")
    if not isinstance(parts, list) or depth > 8:
        return schema
    merged = dict(schema)
    properties = dict(schema.get("properties") or {})
    required = list(_required(schema))
    for part in parts:
        part, _, _ = resolve(doc, part, "")
        if not isinstance(part, dict):
            continue
        part = _merged(doc, part, depth + 1)
        if isinstance(part.get("properties"), dict):
            properties.update(part["properties"])
        required += [name for name in _required(part) if name not in required]
        for key in ("type", "enum", "format"):
            if key in part and key not in merged:
                merged[key] = part[key]
    merged["properties"], merged["required"] = properties, required
    return merged


def _types(schema: dict[str, Any]) -> set[str]:
    value = schema.get("type")
    types = (
        {value}
        if isinstance(value, str)
        else {t for t in value if isinstance(t, str)} if isinstance(value, list) else set()
    )
    return types - {"null"}


def _nullable(schema: dict[str, Any]) -> bool:
    value = schema.get("type")
    return schema.get("nullable") is True or (isinstance(value, list) and "null" in value)


def _required(schema: dict[str, Any]) -> list[str]:
    value = schema.get("required")
    return [name for name in value if isinstance(name, str)] if isinstance(value, list) else []


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _bound(value: float | None) -> str:
    return "none" if value is None else f"{value:g}"


def _kebab(key: str) -> str:
    return "".join(f"-{c.lower()}" if c.isupper() else c for c in key)


def _component(pointer: str) -> str:
    return pointer.rsplit("/", 1)[-1] if pointer.startswith("/components/schemas/") else pointer


def _variant_name(variant: Any, index: int) -> str:
    ref = variant.get("$ref") if isinstance(variant, dict) else None
    if isinstance(ref, str):
        return ref.rsplit("/", 1)[-1]
    title = variant.get("title") if isinstance(variant, dict) else None
    return str(title) if isinstance(title, str) else f"#{index}"


def _shown(types: set[str]) -> str:
    return "|".join(sorted(types))


def _values(values: list[Any]) -> str:
    shown = ", ".join(repr(v) for v in values[:5])
    return shown + (f" and {len(values) - 5} more" if len(values) > 5 else "")
