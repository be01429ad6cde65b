"""Java's type map, as data: each primitive (kind, format) is a boxed type (what generics, Optional and a field
that may be missing hold) and, where Java has one, a primitive (what a required value is).

Optional and nullable (the contract's Models list): a required field is its type `T` (primitive where Java has
one), an optional one `Optional<T>` (left out when empty), a required nullable one `Optional<T>` sent as null
when empty, an optional nullable one `Nullable<T>` (absent, null or a value). int32 → int, int64 → long, number →
double, date → LocalDate, date-time → OffsetDateTime, anything free-form → JsonNode; an alias is the type it
names (Java has no type aliases).

An import is (package, name): ("java.util", "List"), ("models", "Pet") for a model (the SDK's models package),
("core", "Nullable") for a runtime class.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from ..ir.model import Model, TypeRef, resolve_alias
from .types import INT64, Import, TypeExpr


class JavaType(NamedTuple):
    boxed: TypeExpr  # Long, String, List<Pet>
    primitive: str = ""  # long; "" when the boxed type is the only one
    variant: str = "Value"  # a union's record for a value of this type

    @property
    def required(self) -> TypeExpr:
        """The type of a required, non-null value: the primitive when Java has one."""
        return TypeExpr(self.primitive, self.boxed.imports) if self.primitive else self.boxed


def _t(name: str, *imports: Import) -> TypeExpr:
    return TypeExpr.of(name, *imports)


JSON = JavaType(_t("JsonNode", ("com.fasterxml.jackson.databind", "JsonNode")), "", "Json")
STRING = JavaType(_t("String"), "", "StringValue")
LONG = JavaType(_t("Long"), "long", "LongValue")
INT = JavaType(_t("Integer"), "int", "IntValue")
DOUBLE = JavaType(_t("Double"), "double", "DoubleValue")
BOOLEAN = JavaType(_t("Boolean"), "boolean", "BooleanValue")
PRIMITIVES: dict[tuple[str, str | None], JavaType] = {
    ("string", None): STRING,
    ("string", "date"): JavaType(_t("LocalDate", ("java.time", "LocalDate")), "", "DateValue"),
    ("string", "date-time"): JavaType(_t("OffsetDateTime", ("java.time", "OffsetDateTime")), "", "DateTimeValue"),
    ("integer", None): LONG,
    ("integer", "int64"): LONG,
    ("integer", "int32"): INT,
    ("number", None): DOUBLE,
    ("boolean", None): BOOLEAN,
}
LITERALS = {bool: BOOLEAN, int: LONG, float: DOUBLE, str: STRING}

# Types the SDK's own code spells.
OPTIONAL = ("java.util", "Optional")
LIST = ("java.util", "List")
MAP = ("java.util", "Map")
NULLABLE = ("core", "Nullable")
FILE = _t("FileUpload", ("core", "FileUpload"))
BINARY = _t("BinaryResponse", ("core", "BinaryResponse"))
EVENT = _t("ServerSentEvent", ("core", "ServerSentEvent"))
VOID = _t("Void")


class JavaTypes:
    """The Java type of every IR TypeRef of one SDK (model names already decided: only object, enum and union
    models are classes; `classes` maps their IR names to Java names)."""

    def __init__(self, models: tuple[Model, ...], classes: dict[str, str]) -> None:
        self.models = {m.name: m for m in models}
        self.classes = classes

    def of(self, t: TypeRef | None) -> JavaType:
        """A value's type (nullability is the field's business)."""
        if t is None or t.kind in ("any", "null"):
            return JSON
        if t.kind == "model":
            name = self.classes.get(t.model or "")
            if name:
                return JavaType(_t(name, ("models", name)), "", name)
            model = self.models.get(t.model or "")
            if model is None:
                return JSON
            if model.kind == "alias":
                target = resolve_alias(self.models, t)
                if target is not None:
                    return self.of(TypeRef("model", model=target.name))
                return self._alias_target(t)
            return self.of(_enum_base(model))
        if t.kind in ("array", "map"):
            item = self.of(t.item).boxed
            if t.kind == "array":
                return JavaType(item.wrap("List<{}>", LIST), "", "ListValue")
            return JavaType(item.wrap("Map<String, {}>", MAP), "", "MapValue")
        if t.kind == "literal":
            if isinstance(t.value, int) and not isinstance(t.value, bool) and t.value not in INT64:
                return JSON
            return LITERALS.get(type(t.value), JSON)
        return PRIMITIVES.get((t.kind, t.format)) or PRIMITIVES.get((t.kind, None), JSON)

    def _alias_target(self, t: TypeRef) -> JavaType:
        """What an alias that ends in no model names (a list, a string…); an alias cycle is free-form."""
        seen: set[str] = set()
        while t.kind == "model" and t.model in self.models and t.model not in seen:
            seen.add(t.model or "")
            target = self.models[t.model or ""].target
            if target is None:
                return JSON
            t = target
        return JSON if t.kind == "model" else self.of(t)

    def boxed(self, t: TypeRef | None) -> TypeExpr:
        return self.of(t).boxed

    def field(self, t: TypeRef, required: bool) -> tuple[TypeExpr, TypeExpr, str]:
        """(stored type, getter type, kind) of a field: kind "required", "optional", "nullable" (required, may
        be null: sent as null) or "tristate" (optional and nullable: a Nullable)."""
        found = self.of(t)
        nullable = t.nullable
        if required and not nullable:
            return found.required, found.required, "required"
        if required:
            return found.boxed, found.boxed.wrap("Optional<{}>", OPTIONAL), "nullable"
        if nullable and found is not JSON:
            typ = found.boxed.wrap("Nullable<{}>", NULLABLE)
            return typ, typ, "tristate"
        return found.boxed, found.boxed.wrap("Optional<{}>", OPTIONAL), "optional"

    def resolve(self, t: TypeRef | None) -> Model | None:
        """The model a type names, through aliases."""
        return resolve_alias(self.models, t)


def _enum_base(model: Model) -> TypeRef:
    """The type of an enum no class spells (number, boolean, integers beyond long): its base type."""
    if model.enum_type == "integer" and any(
        isinstance(v, int) and not isinstance(v, bool) and v not in INT64 for v in model.values
    ):
        return TypeRef("any")
    return TypeRef(_BASES.get(model.enum_type or "", "string"))


_BASES: dict[str, Literal["integer", "number", "boolean", "string"]] = {
    "integer": "integer", "number": "number", "boolean": "boolean"
}  # fmt: skip
