"""Rust's type map, as data: each primitive (kind, format) is a type expression with the name a union gives a
variant of that type and whether it has a `Default`; containers wrap them.

Optional and nullable (the contract's Models list): a required field is its type `T`, an optional one
`Option<T>` (left out when `None`), a required nullable one `Option<T>` (`None` is sent as null), an optional
nullable one `Nullable<T>` (absent, null or a value). Dates and date-times are `String`s in RFC 3339 (the API's
own text, never reparsed), 64-bit integers `i64`, exact.

An import is ("models", "") for a file that names models through `models::`, or ("runtime", name) for a runtime
type the file uses unqualified.
"""

from __future__ import annotations

from collections.abc import Set
from typing import NamedTuple

from ..ir.model import Model, TypeRef, resolve_alias
from .types import INT64, TypeExpr


class RustType(NamedTuple):
    expr: TypeExpr
    variant: str  # a union's variant for a value of this type
    default: bool = True  # implements Default (a struct holding it required can derive Default)


VALUE = RustType(TypeExpr.of("serde_json::Value"), "Value")
NUMBER = RustType(TypeExpr.of("serde_json::Number"), "Number", False)
STRING = RustType(TypeExpr.of("String"), "String")
PRIMITIVES: dict[tuple[str, str | None], RustType] = {
    ("string", None): STRING,
    ("integer", None): RustType(TypeExpr.of("i64"), "Integer"),
    ("integer", "int64"): RustType(TypeExpr.of("i64"), "Integer"),
    ("integer", "int32"): RustType(TypeExpr.of("i32"), "Integer"),
    ("number", None): RustType(TypeExpr.of("f64"), "Number"),
    ("boolean", None): RustType(TypeExpr.of("bool"), "Boolean"),
}
# A `const` schema's type, by its value's Python type (an integer beyond i64 is a serde_json::Number).
LITERALS = {bool: PRIMITIVES["boolean", None], int: PRIMITIVES["integer", None],
            float: PRIMITIVES["number", None], str: STRING}  # fmt: skip

# Types the SDK's own code spells.
FILE = TypeExpr.of("File", ("runtime", "File"))
BINARY = TypeExpr.of("Binary", ("runtime", "Binary"))
EVENT = TypeExpr.of("ServerSentEvent", ("runtime", "ServerSentEvent"))
BOOL = PRIMITIVES["boolean", None].expr
UNIT = TypeExpr.of("()")


class RustTypes:
    """The Rust type of every IR TypeRef of one SDK (model names already decided). `prefix` is how a file reaches
    the models: "" inside models.rs, `models::` elsewhere."""

    def __init__(self, models: tuple[Model, ...], names: dict[str, str], prefix: str,
                 boxed: Set[tuple[str, str]] = frozenset()) -> None:  # fmt: skip
        self.models = {m.name: m for m in models}
        self.names = names
        self.prefix = prefix
        self.boxed = boxed
        self._defaults: dict[str, bool] = {}

    def of(self, t: TypeRef | None) -> RustType:
        """A value's type (nullability is the field's business)."""
        if t is None or t.kind in ("any", "null"):
            return VALUE
        if t.kind == "model":
            name = self.names.get(t.model or "")
            if not name:
                return VALUE
            imports = (("models", ""),) if self.prefix else ()
            return RustType(TypeExpr.of(self.prefix + name, *imports), name, self.model_default(t.model or ""))
        if t.kind in ("array", "map"):
            item = self.element(t.item)
            if t.kind == "array":
                return RustType(item.expr.wrap("Vec<{}>"), item.variant + "List")
            return RustType(item.expr.wrap("std::collections::BTreeMap<String, {}>"), item.variant + "Map")
        if t.kind == "literal":
            if isinstance(t.value, int) and not isinstance(t.value, bool) and t.value not in INT64:
                return NUMBER
            return LITERALS.get(type(t.value), VALUE)
        return PRIMITIVES.get((t.kind, t.format)) or PRIMITIVES.get((t.kind, None), VALUE)

    def expr(self, t: TypeRef | None) -> TypeExpr:
        return self.of(t).expr

    def element(self, t: TypeRef | None) -> RustType:
        """An array item or map value: a nullable one is Option<T>."""
        found = self.of(t)
        if t is not None and t.nullable and found is not VALUE:
            return RustType(found.expr.wrap("Option<{}>"), "Nullable" + found.variant)
        return found

    def field(self, t: TypeRef, required: bool, boxed: bool = False) -> tuple[TypeExpr, str]:
        """(type, how it is left out: "" never, "option" when None, "nullable" when absent) of a field."""
        found = self.of(t)
        expr = found.expr.wrap("Box<{}>") if boxed else found.expr
        if found is VALUE:
            return (expr, "") if required else (expr.wrap("Option<{}>"), "option")
        if required:
            return (expr.wrap("Option<{}>"), "") if t.nullable else (expr, "")
        if t.nullable:
            return expr.wrap("Nullable<{}>", ("runtime", "Nullable")), "nullable"
        return expr.wrap("Option<{}>"), "option"

    def has_default(self, t: TypeRef, required: bool) -> bool:
        """Whether a field of this type lets its struct derive Default."""
        return not required or t.nullable or self.of(t).default

    def model_default(self, name: str) -> bool:
        """Whether a model's type implements Default: a struct whose required fields all do, an alias of such a
        type; never an enum or union (neither has a natural default value)."""
        if name in self._defaults:
            return self._defaults[name]
        model = self.models.get(name)
        if model is None:
            return True
        self._defaults[name] = True  # a cycle (always through Box or Vec) does not stop the derive
        if model.kind == "object":
            found = all(self.has_default(f.type, f.required) for f in model.fields)
        elif model.kind == "alias":
            found = model.target is None or model.target.nullable or self.of(model.target).default
        else:
            found = False
        self._defaults[name] = found
        return found

    def resolve(self, t: TypeRef | None) -> Model | None:
        """The model a type names, through aliases."""
        return resolve_alias(self.models, t)
