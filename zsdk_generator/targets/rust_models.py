"""The IR's models as Rust declarations, as data for models.rs.jinja: structs with their serde attributes, open
enums with their variants, unions, aliases.

An enum is open (the contract's Models list): its known values are unit variants, anything else decodes to
`Unknown(String)` (or `Unknown(i64)`), through `#[serde(from, into)]`. An integer enum with a value beyond i64, a
number enum and a boolean enum are plain aliases of their base type (documented with their values): a Rust enum
cannot name those values exactly. A union is an enum of its variants (each model boxed, so no variant is much
larger than another and recursion through a union is finite) and `Unknown(serde_json::Value)`: decoded by its
discriminator when it has one, else by the first variant that fits.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal

from ..ir.model import Model, TypeRef
from ..ir.naming import words
from .clashes import numbered
from .rust_layout import Own, doc_comment, rust_string
from .rust_names import FIELD_RESERVED, identifier, pascal_words, unraw
from .rust_types import VALUE, RustTypes
from .types import INT64, Import, TypeExpr, imports_of


@dataclass(frozen=True)
class FieldView:
    name: str  # the Rust identifier
    wire: str  # a Rust string literal: the JSON name (for `rename`), "" when serde already uses the name
    type: TypeExpr
    skip: str  # "" (always sent), "option" or "nullable"
    doc: list[str]


@dataclass(frozen=True)
class VariantView:
    name: str
    value: str = ""  # an enum: its value as a literal
    type: TypeExpr | None = None  # a union: what the variant holds
    doc: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ModelView:
    """One model as models.rs.jinja prints it: `kind` struct, enum, union or alias."""

    name: str
    kind: str
    doc: list[str]
    imports: frozenset[Import]
    fields: list[FieldView] = field(default_factory=list)  # struct
    default: bool = False  # struct: derives Default
    variants: list[VariantView] = field(default_factory=list)  # enum, union
    base: TypeExpr | None = None  # enum: the type values convert from (String, i64); alias: the type it is
    discriminator: str = ""  # union: the discriminator property, as a literal
    tagged: list[tuple[str, str]] = field(default_factory=list)  # union: (value literal, variant)


class RustModels:
    def __init__(self, types: RustTypes, names: dict[str, str], boxed: set[tuple[str, str]]) -> None:
        self.types, self.names, self.boxed = types, names, boxed

    def view(self, model: Model) -> ModelView:
        name = self.names[model.name]
        notes = ["Deprecated: the API marks this schema as deprecated."] if model.deprecated else []
        if model.kind == "object":
            view = self._struct(model)
        elif model.kind == "enum":
            view = self._enum(model)
        elif model.kind == "union":
            view = self._union(model)
        else:
            target = self.types.element(model.target) if model.target is not None else VALUE
            view = {"kind": "alias", "base": target.expr, "types": [target.expr]}
        types: list[TypeExpr] = view.pop("types")
        notes += view.pop("notes", [])
        doc = doc_comment([model.description or f"The {model.name} schema.", *notes])
        return ModelView(name, view.pop("kind"), doc, imports_of(types), **view)

    def _struct(self, model: Model) -> dict[str, Any]:
        taken = set(FIELD_RESERVED)
        fields, types = [], []
        for f in model.fields:
            boxed = (model.name, f.name) in self.boxed
            typ, skip = self.types.field(f.type, f.required, boxed)
            ident = numbered(identifier(words(f.ident or f.name), "field"), taken)
            notes = [_FORMATS[f.type.format]] if f.type.kind == "string" and f.type.format in _FORMATS else []
            notes += ["May be null."] if f.type.nullable else []
            if f.deprecated:
                notes.append("Deprecated: the API marks this field as deprecated.")
            wire = "" if unraw(ident) == f.name else rust_string(f.name)
            fields.append(FieldView(ident, wire, typ, skip, doc_comment([f.description, *notes])))
            types.append(typ)
        default = all(self.types.has_default(f.type, f.required) for f in model.fields)
        return {"kind": "struct", "fields": fields, "default": default, "types": types}

    def _enum(self, model: Model) -> dict[str, Any]:
        kind = model.enum_type or "string"
        values: list[Any] = []
        for value in model.values:
            if _enum_value_ok(kind, value) and value not in values:
                values.append(value)
        listed = ", ".join(str(v) for v in values)
        if kind != "string" and (kind != "integer" or not all(v in INT64 for v in values)) or not values:
            base = self.types.of(_base_ref(kind, values))
            notes = [f"One of: {listed}."] if values else []
            return {"kind": "alias", "base": base.expr, "types": [], "notes": notes}
        taken = {"Unknown"}
        variants = []
        for value in values:
            if kind == "string":
                variant = numbered(_variant(words(value)), taken)
                variants.append(VariantView(variant, rust_string(value)))
            else:
                variant = numbered(("Minus" if value < 0 else "Value") + str(abs(value)), taken)
                variants.append(VariantView(variant, str(value)))
        notes = [Own("Values this SDK does not know decode as `Unknown`: the API may add some.")]
        base_type = TypeExpr.of("String" if kind == "string" else "i64")
        return {"kind": "enum", "variants": variants, "base": base_type, "types": [], "notes": notes}

    def _union(self, model: Model) -> dict[str, Any]:
        taken = {"Unknown"}
        variants: list[VariantView] = []
        by_model: dict[str, str] = {}
        types = []
        for t in model.variants:
            if t.kind == "null":
                continue
            found = self.types.of(t)
            name = numbered(found.variant if found is not VALUE else "Value", taken)
            resolved = self.types.resolve(t) if t.kind == "model" else None
            typ = found.expr.wrap("Box<{}>") if resolved is not None and resolved.kind in ("object", "union") \
                else found.expr  # fmt: skip
            if t.kind == "model":
                by_model[t.model or ""] = name
            variants.append(VariantView(name, type=typ))
            types.append(typ)
        mapping = model.discriminator.mapping if model.discriminator is not None else ()
        tagged = [(rust_string(value), by_model[target]) for value, target in mapping if target in by_model]
        notes = [Own("A value that matches no variant is kept as `Unknown`.")]
        return {"kind": "union", "variants": variants, "types": types, "notes": notes, "tagged": tagged,
                "discriminator": rust_string(model.discriminator.property) if model.discriminator and tagged
                else ""}  # fmt: skip


_FORMATS = {"date": "A date as RFC 3339 writes it (2024-01-31).",
            "date-time": "A date and time as RFC 3339 writes it (2024-01-31T12:00:00Z).",
            "byte": "Base64 text.", "binary": "The content as text."}  # fmt: skip


def _variant(value_words: list[str]) -> str:
    name = pascal_words(value_words)
    if not name:
        return "Empty"
    if name == "Self":  # the one keyword a PascalCase name can be
        return "SelfValue"
    return "Value" + name if name[0].isdigit() else name


def _enum_value_ok(kind: str, value: Any) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return kind == "boolean" and isinstance(value, bool)
    return isinstance(value, int) or math.isfinite(value)


def _base_ref(kind: str, values: list[Any]) -> TypeRef:
    """The type an enum that gets no Rust enum is an alias of."""
    if kind == "integer" and not all(v in INT64 for v in values):
        return TypeRef("literal", value=2**64)  # beyond i64: serde_json::Number
    return TypeRef(_BASES.get(kind, "string"))


_BASES: dict[str, Literal["integer", "number", "boolean"]] = {
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
}
