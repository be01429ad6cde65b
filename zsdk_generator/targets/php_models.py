"""The IR's models as PHP, as data for model.php.jinja, enum.php.jinja and union.php.jinja: final readonly model
classes (promoted constructor properties with `#[Field]`), backed enums (open where they are used), union
interfaces with their `<Union>Unknown` class.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from ..ir.model import Model
from ..ir.naming import words
from .clashes import numbered
from .php_layout import Expr, Named, Own, array, class_header, code, lay, php_string, typed
from .php_names import MODEL_MEMBERS, case_name, identifier
from .php_types import PhpType, PhpTypes
from .types import Import, enum_values, is_class


@dataclass(frozen=True)
class FieldView:
    name: str  # the property and constructor parameter
    wire: str  # literal
    declared: str  # `public readonly ?string $name = null`
    attribute: str  # `#[Field('name', 'string')]`
    doc_type: str  # the @param type
    doc: list[str]

    def lines(self, last: bool) -> list[str]:
        """The attribute and the promoted property, laid out at 8 spaces."""
        attribute = lay(8, "#[", Expr("Field", [self.wire, *self.descriptor]), "]")
        return [*attribute, *typed(8, self.declared + ("" if last else ","))]

    @property
    def descriptor(self) -> list[str]:
        return [] if self.attribute == "'mixed'" else [self.attribute]


@dataclass(frozen=True)
class CaseView:
    name: str
    value: str  # literal
    doc: list[str]

    @property
    def lines(self) -> list[str]:
        one = f"    case {self.name} = {self.value};"
        return [one] if len(one) <= 120 else [f"    case {self.name} =", f"        {self.value};"]


@dataclass
class ModelView:
    name: str
    kind: str  # object, enum, union
    doc: list[str]
    imports: set[Import] = field(default_factory=set)
    fields: list[FieldView] = field(default_factory=list)
    implements: list[str] = field(default_factory=list)  # object: the union interfaces it implements
    cases: list[CaseView] = field(default_factory=list)
    backing: str = "string"  # enum: string or int
    constants: list[list[str]] = field(default_factory=list)  # union: each constant's lines

    @property
    def header(self) -> list[str]:
        if self.kind == "object":
            return class_header(f"final class {self.name} extends Model", "implements", self.implements)
        return class_header(f"final class {self.name}Unknown", "implements", [self.name, "\\JsonSerializable"])


def php_classes(models: tuple[Model, ...], name_of: dict[str, str]) -> dict[str, str]:
    return {m.name: name_of[m.name] for m in models if is_class(m)}


def implemented(models: tuple[Model, ...], classes: dict[str, str], types_resolve: Any) -> dict[str, list[str]]:
    """Object model → the union interfaces it implements (spec order)."""
    out: dict[str, list[str]] = {}
    for m in models:
        if m.kind != "union" or m.name not in classes:
            continue
        for t in m.variants:
            target = types_resolve(t) if t.kind == "model" else None
            if target is not None and target.kind == "object" and target.name in classes:
                found = out.setdefault(target.name, [])
                if classes[m.name] not in found:
                    found.append(classes[m.name])
    return out


class PhpModels:
    def __init__(self, types: PhpTypes) -> None:
        self.types = types

    def view(self, model: Model) -> ModelView:
        name = self.types.classes[model.name]
        notes = ["Deprecated: the API marks this schema as deprecated."] if model.deprecated else []
        doc = [model.description or Own(f"The {code(model.name)} schema."), *notes]
        view = ModelView(name, model.kind, doc)
        if model.kind == "object":
            self._object(model, view)
        elif model.kind == "enum":
            self._enum(model, view)
        else:
            self._union(model, view)
        view.imports = {i for i in view.imports if i != ("models", name)}
        return view

    def _object(self, model: Model, view: ModelView) -> None:
        taken = set(MODEL_MEMBERS)
        view.implements = list(self.types.implemented.get(model.name, []))
        view.imports |= {("core", "Model"), ("core", "Field")}
        view.imports |= {("models", u) for u in view.implements}
        ordered = [f for f in model.fields if f.required] + [f for f in model.fields if not f.required]
        for f in ordered:
            found = self.types.of(f.type)
            ident = numbered(identifier(words(f.ident or f.name), "field", MODEL_MEMBERS), taken)
            notes = _enum_note(self.types, f.type)
            if f.type.nullable:
                notes.append("May be null.")
            if f.deprecated:
                notes.append("Deprecated: the API marks this field as deprecated.")
            declared, doc_type, imports = _declared(found, f.required, f.type.nullable)
            view.imports |= found.imports | found.desc_imports | imports
            attribute = found.desc
            doc = [f.description, *notes] if f.description else [Own(f"The {code(f.name)} property."), *notes]
            view.fields.append(FieldView(ident, php_string(f.name), f"public readonly {declared.format(ident)}",
                                         attribute, doc_type, doc))  # fmt: skip
        view.imports = {i for i in view.imports if i[0] != "models" or i[1] != view.name}

    def _enum(self, model: Model, view: ModelView) -> None:
        kind = model.enum_type or "string"
        view.backing = "string" if kind == "string" else "int"
        taken: set[str] = set()
        for value in enum_values(model):
            if view.backing == "string":
                name = numbered(case_name(words(value)), taken)
                literal = php_string(value)
            else:
                name = numbered(("Minus" if value < 0 else "Value") + str(abs(value)), taken)
                literal = str(value)
            view.cases.append(CaseView(name, literal, [Own(f"The value {code(str(value))}.")]))
        view.doc = [*view.doc, Own("Values this SDK does not know are kept as they are: the API may add some.")]

    def _union(self, model: Model, view: ModelView) -> None:
        variants: list[str] = []
        imports: set[Import] = set()
        by_model: dict[str, str] = {}
        for t in model.variants:
            if t.kind == "null":
                continue
            target = self.types.resolve(t) if t.kind == "model" else None
            found = self.types.of(t)
            if target is not None and target.name in self.types.classes:
                cls = self.types.classes[target.name]
                entry = f"{cls}::class"
                by_model[t.model or ""] = entry
                by_model[target.name] = entry
                imports.add(("models", cls))
            else:
                entry = php_string(found.variant or "mixed") if found.variant else found.desc
            if entry not in variants:
                variants.append(entry)
        mapping = model.discriminator.mapping if model.discriminator is not None else ()
        pairs = [(php_string(value), by_model[target]) for value, target in mapping if target in by_model]
        prop = model.discriminator.property if model.discriminator is not None and pairs else ""
        view.constants = [
            [f"    public const DISCRIMINATOR = {php_string(prop)};"],
            lay(4, "public const MAPPING = ", array(Named(f"{k} => ", v) for k, v in pairs)),
            lay(4, "public const VARIANTS = ", array(variants)),
        ]
        used = "\n".join(line for c in view.constants for line in c)
        view.imports |= {i for i in imports if f"{i[1]}::class" in used}
        view.doc = [*view.doc, Own(f"A value that matches no variant is a {view.name}Unknown.")]


def _declared(found: PhpType, required: bool, nullable: bool) -> tuple[str, str, set[Import]]:
    """(`type ${} = default` with `{}` for the name, the @param type, imports) of a field or parameter, as the
    contract's Models list says: required `T`, required nullable `?T`, optional `?T = null`, optional nullable
    `T|null|Omit = Omit::Omit`."""
    if required and not nullable:
        return found.native + " ${}", found.doc, set()
    if required:
        typ = found.nullable()
        return typ.native + " ${}", typ.doc, set()
    if not nullable:
        typ = found.nullable()
        return typ.native + " ${} = null", typ.doc, set()
    if found.native == "mixed":
        return "mixed ${} = Omit::Omit", "mixed", {("core", "Omit")}
    return f"{found.native}|null|Omit ${{}} = Omit::Omit", f"{found.doc}|null|Omit", {("core", "Omit")}


def declared_param(found: PhpType, required: bool) -> tuple[str, str]:
    """(`type ${}[ = null]`, @param type) of a method parameter: optional ones default to null (not sent)."""
    if required:
        return found.native + " ${}", found.doc
    typ = found.nullable()
    return typ.native + " ${} = null", typ.doc


def _enum_note(types: PhpTypes, t: Any) -> list[str]:
    model = types.resolve(t) if t.kind == "model" else None
    if model is None or model.kind != "enum" or model.name in types.classes:
        return []
    values = [str(v) for v in model.values if not isinstance(v, float) or math.isfinite(v)]
    return [f"One of: {', '.join(values)}."] if values else []
