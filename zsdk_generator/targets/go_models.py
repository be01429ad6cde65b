"""The IR's models as Go declarations: structs with their tags, enums with their constants, unions with their
variants, aliases — as data for models.go.jinja (field rows already aligned the way gofmt aligns them).

A Go constant must fit its type, so an enum's values decide its type: int64 (or float64) when every value
fits, else json.Number — the number as the API writes it, which encoding/json reads and writes as a JSON
number, never rounded. A non-finite number (a YAML `.inf` or `.nan`) has no JSON spelling, so the API can
never send it: it gets no constant. Defaults and examples are never written into Go code (an absent Opt is not
sent, and the server applies its own default), so they need no spelling at all.
"""

from __future__ import annotations

import math
import sys
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ..ir.model import Model
from ..ir.naming import words
from .clashes import numbered
from .go_layout import Row, align, doc_comment, go_string
from .go_names import FIELD_RESERVED, exported
from .go_types import JSON_NUMBER, PRIMITIVES, GoTypes
from .types import Import, TypeExpr, imports_of

# encoding/json ignores a tag name with other characters than these (and then uses the Go field name).
_TAG_PUNCTUATION = frozenset("!#$%&()*+-./:;<=>?@[]^_{|}~ ")
_NUMBER_KINDS = {"integer": ("integer", None), "number": ("number", None)}
_LIMITS = {"integer": 2**63, "number": sys.float_info.max}


def valid_tag(name: str) -> bool:
    """Whether a wire name can be a struct tag's name: encoding/json's isValidTag (letters, digits of any script
    and the punctuation above — never a quote, backslash, backtick or comma, so the tag stays one raw string and
    one option list), and not `-`, which v1 reads as "skip this field" and the `-,` that names it is flagged by
    staticcheck (SA5008, json/v2 rules). A name that cannot be a tag stays in ExtraFields."""
    return (
        bool(name)
        and name != "-"
        and all(c in _TAG_PUNCTUATION or c.isalpha() or unicodedata.category(c) == "Nd" for c in name)
    )


def json_tag(wire: str, omitzero: bool) -> str:
    """The struct tag of a field whose wire name is a `valid_tag`."""
    return f'`json:"{wire}{",omitzero" if omitzero else ""}"`'


def number(value: float | int) -> str:
    """A Go number literal."""
    return str(value) if isinstance(value, int) else repr(float(value))


Constants = tuple[TypeExpr, list[tuple[str, str]]]


def enum_constants(model: Model) -> Constants:
    """(the enum's Go type, [(constant name suffix, Go literal)]) in spec order, each value once."""
    kind = model.enum_type or "string"
    if kind == "boolean":
        return PRIMITIVES["boolean", None].expr, []
    values: list[Any] = []
    for value in model.values:
        if _enum_value_ok(kind, value) and value not in values:
            values.append(value)
    if kind == "string":
        return PRIMITIVES["string", None].expr, [(_suffix(words(v)), go_string(v)) for v in values]
    fits = all(-_LIMITS[kind] <= v < _LIMITS[kind] or isinstance(v, float) for v in values)
    base = PRIMITIVES[_NUMBER_KINDS[kind]].expr if fits else JSON_NUMBER.expr
    return base, [(("Minus" if v < 0 else "") + "".join(c if c.isdigit() else "_" for c in str(abs(v))),
                   number(v) if fits else go_string(number(v))) for v in values]  # fmt: skip


def _suffix(value_words: list[str]) -> str:
    """A string value's part of its constant's name."""
    return exported(value_words) if value_words else "Empty"


def _enum_value_ok(kind: str, value: Any) -> bool:
    """Whether a value of an enum of this kind gets a constant (the IR gives each enum one kind of value)."""
    if kind == "string":
        return isinstance(value, str)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return isinstance(value, int) or (kind == "number" and math.isfinite(value))


@dataclass(frozen=True)
class ModelView:
    """One model as models.go.jinja prints it."""

    name: str
    kind: str  # struct | enum | union | alias | defined
    doc: list[str]
    imports: frozenset[Import]
    lines: list[str] = field(default_factory=list)  # struct fields, enum constants or union variants, aligned
    base: TypeExpr | None = None  # enum, alias, defined: the Go type it is
    alias: bool = False  # enum: `type Name = json.Number` (encoding/json must see json.Number itself)
    known: str = ""  # struct: its wire names, as Go string literals
    variants: list[dict[str, Any]] = field(default_factory=list)  # union
    tagged: list[tuple[str, str]] = field(default_factory=list)  # union: (discriminator value literal, field)
    discriminator: str = ""  # union: the discriminator property, as a Go string literal


class GoModels:
    """Model views: `name`, `kind` (struct, enum, union, alias, defined), `doc` and per kind its rows."""

    def __init__(self, types: GoTypes, names: dict[str, str], enums: dict[str, Constants], constants: dict[str, str],
                 pointers: set[tuple[str, str]]) -> None:  # fmt: skip
        self.types, self.names, self.pointers = types, names, pointers
        self.enums, self.constants = enums, constants  # each enum's `enum_constants`, and their names

    def view(self, model: Model) -> ModelView:
        name = self.names[model.name]
        notes = ["Deprecated: the API marks this schema as deprecated."] if model.deprecated else []
        if model.kind == "object":
            view = self._struct(model, name)
        elif model.kind == "enum":
            view = self._enum(model, name)
        elif model.kind == "union":
            view = self._union(model, name)
        else:
            target = self.types.element(model.target)
            defined = target.nil and target.expr.text != "any"
            view = {"kind": "defined" if defined else "alias", "base": target.expr}
        types: list[TypeExpr] = view.pop("types", [view.get("base")])
        notes += view.pop("notes", [])
        doc = doc_comment(model.description, name, f"{name} is the {model.name} schema.", notes)
        return ModelView(name, view.pop("kind"), doc, imports_of(types), **view)

    def _struct(self, model: Model, name: str) -> dict[str, Any]:
        taken = set(FIELD_RESERVED)
        rows: list[Row] = []
        known, types = [], []
        for f in model.fields:
            if not valid_tag(f.name):
                continue  # encoding/json cannot name it: it stays in ExtraFields
            typ, omit = self.types.field(f.type, f.required, (model.name, f.name) in self.pointers)
            text = "\n".join(t for t in (f.description, "May be null." if f.type.nullable else "") if t)
            rows += doc_comment(text, "", "")
            if f.deprecated:
                rows.append("// Deprecated: the API marks this field as deprecated.")
            ident = numbered(exported(words(f.ident or f.name), "Field"), taken)
            rows.append([ident, typ.text, json_tag(f.name, omit)])
            known.append(go_string(f.name))
            types.append(typ)
        rows.append("// ExtraFields holds the fields the API sent that this type does not declare.")
        rows.append(["ExtraFields", "map[string]json.RawMessage", '`json:"-"`'])
        return {"kind": "struct", "lines": align(rows), "known": ", ".join(known), "types": types}

    def _enum(self, model: Model, name: str) -> dict[str, Any]:
        base, values = self.enums[model.name]
        rows: list[Row] = [[self.constants[f"{model.name}/{i}"], name, f"= {literal}"]
                           for i, (_, literal) in enumerate(values)]  # fmt: skip
        notes = []
        if base == JSON_NUMBER.expr:
            notes.append(f"Its values do not fit in {PRIMITIVES[_NUMBER_KINDS[model.enum_type or '']].expr}, "
                         "so it is json.Number: the number as the API writes it.")  # fmt: skip
        notes.append("Values other than the constants below decode too: the API may add some.")
        return {"kind": "enum", "lines": align(rows), "base": base, "alias": base == JSON_NUMBER.expr, "notes": notes}

    def _union(self, model: Model, name: str) -> dict[str, Any]:
        taken = {"raw"} | FIELD_RESERVED
        variants: list[dict[str, Any]] = []
        by_model: dict[str, str] = {}
        for t in model.variants:
            if t.kind == "null":
                continue
            found = self.types.of(t)
            ident = numbered(found.variant, taken)
            if t.kind == "model":
                by_model[t.model or ""] = ident
            kind, required = self.types.check(t)
            variants.append({"field": ident, "type": found.expr if found.nil else found.expr.wrap("*{}"),
                             "value_type": found.expr, "pointer": not found.nil, "check": kind,
                             "required": [go_string(r) for r in required]})  # fmt: skip
        rows: list[Row] = [[v["field"], v["type"].text] for v in variants]
        rows.append(["raw", "json.RawMessage"])
        mapping = model.discriminator.mapping if model.discriminator is not None else ()
        tagged = [(go_string(value), by_model[target]) for value, target in mapping if target in by_model]
        fields = ", ".join(v["field"] for v in variants) or "any JSON value"
        notes = [f"One of: {fields}.", "Exactly one field is set after decoding; a value that matches no variant is "
                 "kept as it came."]  # fmt: skip
        return {"kind": "union", "notes": notes, "lines": align(rows), "variants": variants, "tagged": tagged,
                "discriminator": go_string(model.discriminator.property) if model.discriminator else "",
                "types": [v["type"] for v in variants]}  # fmt: skip
