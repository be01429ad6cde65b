"""The IR's models as Java classes, as data for model.java.jinja: immutable classes with builders, open enums,
sealed-interface unions. An alias is no class (the type it names is used), nor is an enum Java cannot spell as
an open enum class (number, boolean, integers beyond long): its base type is used, its values documented where
it is used.

A class keeps the fields it does not declare (`additionalProperties`); an open enum accepts any value
(`known()` is `_UNKNOWN` for one it does not list); a union keeps a value no variant matches in `Unknown`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from ..ir.model import Model
from ..ir.naming import words
from .clashes import numbered
from .java_layout import Expr, Own, escape_doc, java_string
from .java_names import MODEL_MEMBERS, constant_name, identifier
from .java_types import JSON, JavaTypes
from .text import one_line
from .types import Import, enum_values, is_class

_EMPTY = {"long": "0L", "int": "0", "double": "0.0", "boolean": "false"}
_FORMATS = {"byte": "Base64 text.", "binary": "The content as text."}


@dataclass(frozen=True)
class FieldView:
    name: str  # the Java identifier: field, getter and builder setter
    wire: str  # the JSON name, a literal
    stored: str  # the field's type
    getter: str  # the getter's type
    setter: str  # the builder setter's parameter type
    kind: str  # required, optional, nullable, tristate
    primitive: bool  # a required primitive (the builder holds it boxed, to know when it is missing)
    doc: list[str]
    builder_type: str  # the builder's field type
    empty: str  # the value a missing field holds
    set: str  # the setter's expression
    returns: str  # the getter's @return


@dataclass(frozen=True)
class ConstantView:
    name: str
    value: str  # literal
    doc: list[str]


@dataclass(frozen=True)
class VariantView:
    name: str  # the class (a model) or nested record
    type: str  # the record's component type ("" for a model)
    test: str = ""  # the UntaggedUnion test a JSON value must pass to be tried as this variant (an Expr)


@dataclass
class ModelView:
    name: str
    kind: str  # object, enum, union
    doc: list[str]
    imports: set[Import] = field(default_factory=set)
    fields: list[FieldView] = field(default_factory=list)
    implements: list[str] = field(default_factory=list)
    constants: list[ConstantView] = field(default_factory=list)
    string: bool = True  # enum: values are strings (else long)
    models: list[VariantView] = field(default_factory=list)  # union: model variants
    records: list[VariantView] = field(default_factory=list)  # union: records
    discriminator: str = ""  # literal
    tagged: list[tuple[str, str]] = field(default_factory=list)
    order: list[tuple[str, str]] = field(default_factory=list)  # union: (class, test) in the order tried
    base: str = ""  # union: the runtime deserializer it extends
    super_args: list[str] = field(default_factory=list)  # union: what its deserializer passes to the base

    @property
    def permits(self) -> list[str]:
        """A union's permitted classes: its model variants, its records, Unknown."""
        return [v.name for v in self.models] + [f"{self.name}.{r.name}" for r in self.records] + \
            [f"{self.name}.Unknown"]  # fmt: skip


def java_classes(models: tuple[Model, ...], name_of: dict[str, str]) -> dict[str, str]:
    """The IR models that are Java classes → their names."""
    return {m.name: name_of[m.name] for m in models if is_class(m)}


class JavaModels:
    def __init__(self, types: JavaTypes, classes: dict[str, str]) -> None:
        self.types, self.classes = types, classes
        # model → the unions it implements directly (object variants of a union)
        self.unions: dict[str, list[str]] = {}
        for m in types.models.values():
            if m.kind == "union" and m.name in classes:
                for t in m.variants:
                    target = types.resolve(t) if t.kind == "model" else None
                    if target is not None and target.kind == "object" and target.name in classes:
                        owners = self.unions.setdefault(target.name, [])
                        if classes[m.name] not in owners:
                            owners.append(classes[m.name])

    def view(self, model: Model) -> ModelView:
        name = self.classes[model.name]
        notes = ["Deprecated: the API marks this schema as deprecated."] if model.deprecated else []
        doc = [model.description or Own(f"The {_code(model.name)} schema."), *notes]
        view = ModelView(name, model.kind, doc)
        if model.kind == "object":
            self._object(model, view)
        elif model.kind == "enum":
            self._enum(model, view)
        else:
            self._union(model, view)
        view.imports = {i for i in view.imports if i[0] != "models"}
        return view

    def _object(self, model: Model, view: ModelView) -> None:
        taken = set(MODEL_MEMBERS)
        view.implements = sorted(self.unions.get(model.name, []))
        for f in model.fields:
            stored, getter, kind = self.types.field(f.type, f.required)
            found = self.types.of(f.type)
            ident = numbered(identifier(words(f.ident or f.name), "field", frozenset(MODEL_MEMBERS)), taken)
            notes = [_FORMATS[f.type.format]] if f.type.kind == "string" and f.type.format in _FORMATS else []
            notes += _enum_note(self.types, f.type)
            if f.type.nullable:
                notes.append("May be null.")
            if f.deprecated:
                notes.append("Deprecated: the API marks this field as deprecated.")
            primitive = kind == "required" and bool(found.primitive)
            setter = found.required.text if kind in ("required",) else found.boxed.text
            builder_type = found.boxed.text if primitive else stored.text
            empty = _EMPTY.get(found.primitive, "null") if primitive else "Nullable.absent()" \
                if kind == "tristate" else "null"  # fmt: skip
            returns = {"required": "the value", "optional": "the value, empty when the API left it out",
                       "nullable": "the value, empty when it is null",
                       "tristate": "the value: absent, null or set"}[kind]  # fmt: skip
            setv = f"Nullable.of({ident})" if kind == "tristate" else ident
            view.fields.append(FieldView(
                ident, java_string(f.name), stored.text, getter.text, setter, kind, primitive,
                [f.description, *notes] if f.description else [Own(f"The {_code(f.name)} property."), *notes],
                builder_type, empty, setv, returns,
            ))  # fmt: skip
            if kind in ("optional", "nullable"):
                view.imports.add(("java.util", "Optional"))
            view.imports |= stored.imports | getter.imports
        view.imports |= {("java.util", "Map"), ("com.fasterxml.jackson.databind", "JsonNode")}

    def _enum(self, model: Model, view: ModelView) -> None:
        kind = model.enum_type or "string"
        view.string = kind == "string"
        taken = {"_UNKNOWN"}
        for value in enum_values(model):
            if view.string:
                name = numbered(constant_name(words(value)), taken, "_")
                literal = java_string(value)
            else:
                name = numbered(("MINUS_" if value < 0 else "VALUE_") + str(abs(value)), taken, "_")
                literal = f"{value}L"
            view.constants.append(ConstantView(name, literal, [Own(f"The value {_code(str(value))}.")]))
        view.doc = [*view.doc, Own("Values this SDK does not know are kept: the API may add some.")]

    def _union(self, model: Model, view: ModelView) -> None:
        taken = {"Unknown", "Deserializer", view.name, *self.classes.values()}
        by_model: dict[str, str] = {}
        for t in model.variants:
            if t.kind == "null":
                continue
            target = self.types.resolve(t) if t.kind == "model" else None
            if target is not None and target.kind == "object" and target.name in self.classes:
                cls = self.classes[target.name]
                if cls not in [v.name for v in view.models]:
                    required = [java_string(f.name) for f in target.fields if f.required]
                    view.models.append(VariantView(cls, "", Expr("hasFields", required)))
                    view.order.append((cls, view.models[-1].test))
                by_model[t.model or ""] = cls
                by_model[target.name] = cls
                continue
            found = self.types.of(t)
            name = numbered(found.variant if found is not JSON else "Json", taken)
            if target is not None:
                by_model[t.model or ""] = name
            view.records.append(VariantView(name, found.boxed.text, _test(self.types, t)))
            view.order.append((f"{name}", view.records[-1].test))
            view.imports |= found.boxed.imports
        view.imports.add(("com.fasterxml.jackson.databind", "JsonNode"))
        mapping = model.discriminator.mapping if model.discriminator is not None else ()
        view.tagged = [(java_string(value), by_model[target]) for value, target in mapping if target in by_model]
        if model.discriminator is not None and view.tagged:
            view.discriminator = java_string(model.discriminator.property)
            if len(view.tagged) <= 10:
                variants = Expr("Map.of", [x for tag, cls in view.tagged for x in (tag, cls + ".class")])
            else:
                variants = Expr("Map.ofEntries", [Expr("Map.entry", [tag, cls + ".class"]) for tag, cls in view.tagged])
            view.base = "DiscriminatedUnion"
            view.imports |= {("core", "DiscriminatedUnion"), ("java.util", "Map")}
            view.super_args = [view.name + ".class", view.discriminator, variants, "Unknown::new"]
        else:
            tried = Expr("List.of", [Expr("variant", [test, cls + ".class"]) for cls, test in view.order])
            view.base = "UntaggedUnion"
            view.imports |= {("core", "UntaggedUnion"), ("java.util", "List")}
            view.super_args = [view.name + ".class", tried, "Unknown::new"]
        if view.records:
            view.imports.add(("com.fasterxml.jackson.annotation", "JsonCreator"))
        view.doc = [*view.doc, Own("A value that matches no variant is kept as {@link Unknown}.")]


def _test(types: JavaTypes, t: Any) -> Expr:
    """The UntaggedUnion test of a variant that is not an object model."""
    return Expr(_test_name(types, t), [])


def _test_name(types: JavaTypes, t: Any) -> str:
    model = types.resolve(t) if t.kind == "model" else None
    if model is not None:
        if model.kind == "enum":
            return {"integer": "isInteger", "number": "isNumber", "boolean": "isBoolean"}.get(
                model.enum_type or "", "isString"
            )
        if model.kind == "object":
            return "hasFields"
        return "any"
    if t.kind == "model" and t.model in types.models:  # an alias of a non-model type
        target = types.models[t.model].target
        return _test_name(types, target) if target is not None and target.kind != "model" else "any"
    if t.kind == "literal":
        value = t.value
        return (
            "isBoolean"
            if isinstance(value, bool)
            else (
                "isInteger"
                if isinstance(value, int)
                else "isNumber" if isinstance(value, float) else "isString" if isinstance(value, str) else "any"
            )
        )
    return {
        "string": "isString",
        "integer": "isInteger",
        "number": "isNumber",
        "boolean": "isBoolean",
        "array": "isArray",
        "map": "hasFields",
    }.get(t.kind, "any")


def _enum_note(types: JavaTypes, t: Any) -> list[str]:
    """The values of an enum no class spells, for the doc of a field of that type."""
    model = types.resolve(t) if t.kind == "model" else None
    if model is None or model.kind != "enum" or model.name in types.classes:
        return []
    values = [str(v) for v in model.values if not isinstance(v, float) or math.isfinite(v)]
    return [f"One of: {', '.join(values)}."] if values else []


_CODE_SAFE = re.compile(r"[A-Za-z0-9_.:/+=-]+")


def _code(text: str) -> Own:
    """Spec text (a name, a value) in code font when it is plain, else quoted."""
    return Own("{@code " + text + "}") if _CODE_SAFE.fullmatch(text) else Own(f'"{escape_doc(one_line(text))}"')
