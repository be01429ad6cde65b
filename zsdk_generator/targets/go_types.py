"""Go's type map, as data: each primitive (kind, format) is a type expression carrying its own imports
(`time.Time` needs `time`), with the field name a union gives a variant of that type; containers wrap them.

Optional and nullable: a required, non-nullable field is its plain Go type; an optional or nullable one is
`Opt[T]` (absent / null / value) — except slices, maps and `any`, where nil means absent.
"""

from __future__ import annotations

from typing import NamedTuple

from ..ir.model import Model, TypeRef, resolve_alias
from .types import INT64, TypeExpr


class GoType(NamedTuple):
    expr: TypeExpr
    variant: str  # a union's field for a variant of this type
    nil: bool = False  # nil is its absent value: never wrapped in Opt


ANY = GoType(TypeExpr.of("any"), "Any", True)
JSON_NUMBER = GoType(TypeExpr.of("json.Number", ("encoding/json", "")), "JSONNumber")
PRIMITIVES: dict[tuple[str, str | None], GoType] = {
    ("string", None): GoType(TypeExpr.of("string"), "String"),
    ("string", "date"): GoType(TypeExpr.of("Date"), "Date"),
    ("string", "date-time"): GoType(TypeExpr.of("time.Time", ("time", "")), "Time"),
    ("string", "binary"): GoType(TypeExpr.of("[]byte"), "Bytes", True),
    ("string", "byte"): GoType(TypeExpr.of("[]byte"), "Bytes", True),
    ("integer", None): GoType(TypeExpr.of("int64"), "Int"),
    ("integer", "int32"): GoType(TypeExpr.of("int32"), "Int"),
    ("number", None): GoType(TypeExpr.of("float64"), "Float"),
    ("boolean", None): GoType(TypeExpr.of("bool"), "Bool"),
}
# A `const` schema's Go type, by its value's Python type (an integer beyond int64 is json.Number).
LITERALS = {bool: PRIMITIVES["boolean", None], int: PRIMITIVES["integer", None],
            float: PRIMITIVES["number", None], str: PRIMITIVES["string", None]}  # fmt: skip

# Types the SDK's own code spells.
STRING = PRIMITIVES["string", None].expr
BOOL = PRIMITIVES["boolean", None].expr
READER = TypeExpr.of("io.Reader", ("io", ""))
READ_CLOSER = TypeExpr.of("io.ReadCloser", ("io", ""))
EVENT = TypeExpr.of("ServerSentEvent")
FILE = TypeExpr.of("File")


class GoTypes:
    """The Go type of every IR TypeRef of one SDK (model names already decided)."""

    def __init__(self, models: tuple[Model, ...], names: dict[str, str]) -> None:
        self.models = {m.name: m for m in models}
        self.names = names

    def of(self, t: TypeRef | None) -> GoType:
        """A value's Go type (nullability is the field's business)."""
        if t is None or t.kind in ("any", "null"):
            return ANY
        if t.kind == "model":
            name = self.names.get(t.model or "")
            return GoType(TypeExpr.of(name), name) if name else ANY
        if t.kind in ("array", "map"):
            item = self.element(t.item)
            suffix = "List" if t.kind == "array" else "Map"
            return GoType(item.expr.wrap("[]{}" if t.kind == "array" else "map[string]{}"), item.variant + suffix, True)
        if t.kind == "literal":
            if isinstance(t.value, int) and not isinstance(t.value, bool) and t.value not in INT64:
                return JSON_NUMBER
            return LITERALS.get(type(t.value), ANY)
        return PRIMITIVES.get((t.kind, t.format)) or PRIMITIVES.get((t.kind, None), ANY)

    def expr(self, t: TypeRef | None) -> TypeExpr:
        return self.of(t).expr

    def element(self, t: TypeRef | None) -> GoType:
        """An array item or map value: a nullable one is Opt[T]."""
        found = self.of(t)
        if t is not None and t.nullable and found is not ANY:
            return GoType(found.expr.wrap("Opt[{}]"), "Nullable" + found.variant)
        return found

    def field(self, t: TypeRef, required: bool, pointer: bool = False) -> tuple[TypeExpr, bool]:
        """(Go type, omitzero) of a struct field or parameter."""
        found = self.of(t)
        if pointer:
            return found.expr.wrap("*{}"), True
        if found is ANY:
            return found.expr, not required
        if required and not t.nullable:
            return found.expr, False
        if not t.nullable and found.nil:
            return found.expr, True
        return found.expr.wrap("Opt[{}]"), not required

    def resolve(self, t: TypeRef | None) -> Model | None:
        """The model a type names, through aliases."""
        return resolve_alias(self.models, t)

    def by_pointer(self, t: TypeRef | None) -> bool:
        """Whether a result of this type is returned as a pointer (structs and unions)."""
        model = self.resolve(t) if t is not None and t.kind == "model" else None
        return model is not None and model.kind in ("object", "union")

    def check(self, t: TypeRef) -> tuple[str, tuple[str, ...]]:
        """How JSON is told apart as this union variant: (the JSON kind to look for, required object fields)."""
        if t.kind == "model":
            model = self.resolve(t)
            if model is not None and model.kind == "object":
                return "object", tuple(f.name for f in model.fields if f.required)
            if model is not None and model.kind == "enum":
                return ("string" if model.enum_type == "string" else "number"), ()
            return "", ()
        kinds = {"array": "array", "map": "object", "string": "string", "integer": "integer", "number": "number",
                 "boolean": "boolean", "literal": "present"}  # fmt: skip
        return kinds.get(t.kind, ""), ()
