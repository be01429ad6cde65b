"""Schemas → models and type references.

Component schemas become models under their own (cleaned) names, reserved
before anything else so hoisted inline schemas never take them. Inline object,
enum and union schemas are hoisted into models named from where they appear
(`Pet` + `status` → `PetStatus`; an operation's body → `CreatePetRequest`).
allOf is merged into one object; oneOf/anyOf become unions (with their
discriminator); a `null` member makes the type nullable instead.

A component whose schema admits null (`anyOf [X, null]`, `type: [object, null]`…) is a nullable model: the model
describes its other values and every reference to it is a nullable type. A discriminator's variants are keyed by
the values their discriminator property can take (its `const` or `enum`), else by the schema's name.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Literal

from ..diagnostics import Diagnostic, SpecError, error
from ..spec.pointer import escape, get, split
from ..spec.walk import SHAPE_KEYS
from .model import Discriminator, Field, Model, TypeRef
from .naming import model_name, pascal

_PRIMITIVES = ("string", "integer", "number", "boolean")
_JSON_TYPES = ("string", "integer", "number", "boolean", "array", "object", "null")
_ANY = TypeRef("any")
_COMPONENTS = "#/components/schemas/"


def _strip_null(schema: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The schema without its `null` alternative, and whether it had one."""
    kind = schema.get("type")
    nullable = False
    if isinstance(kind, list) and "null" in kind:
        rest = [k for k in kind if k != "null"]
        schema = {**schema, "type": rest[0] if len(rest) == 1 else rest}
        if not rest:
            schema.pop("type")
        nullable = True
    enum = schema.get("enum")
    if isinstance(enum, list) and None in enum:
        schema = {**schema, "enum": [v for v in enum if v is not None]}
        nullable = True
    for key in ("anyOf", "oneOf"):
        options = schema.get(key)
        if isinstance(options, list) and any(_is_null(o) for o in options):
            rest = [o for o in options if not _is_null(o)]
            nullable = True
            schema = {k: v for k, v in schema.items() if k != key}
            if len(rest) == 1 and not _has_shape(schema):
                inner = rest[0]
                merged = {k: v for k, v in schema.items() if k in ("description", "title", "default")}
                if isinstance(inner, dict):
                    inner, _ = _strip_null(inner)
                    return ({**inner, **merged} if "$ref" not in inner else {"allOf": [inner], **merged}), True
            elif rest:
                schema[key] = rest
    return schema, nullable


def _is_null(schema: Any) -> bool:
    return isinstance(schema, dict) and (schema.get("type") == "null" or schema.get("enum") == [None])


def _has_shape(schema: dict[str, Any]) -> bool:
    return any(k in schema for k in SHAPE_KEYS)


class SchemaConverter:
    def __init__(self, data: dict[str, Any], diagnostics: list[Diagnostic], max_merged_fields: int = 2_000_000):
        self.data = data
        self.diagnostics = diagnostics
        self.models: dict[str, Model] = {}
        self.taken: set[str] = set()
        self.by_ref: dict[str, str] = {}  # component ref → model name
        self.by_id: dict[int, tuple[Any, TypeRef]] = {}  # schema object → its type (shared/aliased nodes)
        self.pending: dict[str, tuple[dict[str, Any], str]] = {}  # component models not built yet
        self.building: list[str] = []  # allOf merge stack, to report cycles
        self.suffixes: dict[str, int] = {}  # wanted name (lower case) → the last numeric suffix tried
        self.merge_budget = max_merged_fields  # fields copied from allOf parents; an error when spent
        self.current = ""  # the pointer of the schema being converted (for an error when recursion runs out)
        self.nullable: set[str] = set()  # component models that admit null: every reference to them is nullable

    # ------------------------------------------------------------------ names

    def unique(self, wanted: str) -> str:
        """`wanted`, else `wanted2`, `wanted3`…: the first not taken (counting on from the last one tried)."""
        key = wanted.lower()
        name, n = wanted, self.suffixes.get(key, 1)
        if n > 1:
            name = f"{wanted}{n}"
        while name.lower() in self.taken:
            n += 1
            name = f"{wanted}{n}"
        self.suffixes[key] = n
        self.taken.add(name.lower())
        return name

    def register_components(self) -> None:
        schemas = (self.data.get("components") or {}).get("schemas") or {}
        for key, schema in schemas.items():
            wanted = schema.get("x-zsdk-name") if isinstance(schema, dict) else None
            self.by_ref[_COMPONENTS + escape(key)] = self.unique(model_name(str(wanted or key)))
            self.pending[self.by_ref[_COMPONENTS + escape(key)]] = (
                schema if isinstance(schema, dict) else {},
                "/components/schemas/" + escape(key),
            )
        self.nullable = self._nullable_components(schemas)
        for name in list(self.pending):
            self.ensure_built(name)
        self._link_base_discriminators(schemas)

    def _nullable_components(self, schemas: dict[str, Any]) -> set[str]:
        """The component models that admit null: their schema says so, or is a reference to one that does."""
        nullable: set[str] = set()
        refers: dict[str, str] = {}  # component model → the component its schema only refers to
        for key, schema in schemas.items():
            name = self.by_ref[_COMPONENTS + escape(key)]
            if not isinstance(schema, dict):
                continue
            plain, admits_null = _strip_null(schema)
            if admits_null:
                nullable.add(name)
            target = _only_ref(plain)
            if target is not None and target in self.by_ref:
                refers[name] = self.by_ref[target]
        grown = True
        while grown:
            grown = False
            for name, target in refers.items():
                if target in nullable and name not in nullable:
                    nullable.add(name)
                    grown = True
        return nullable

    def ensure_built(self, name: str) -> None:
        pending = self.pending.pop(name, None)
        if pending is not None:
            self.build_named(name, *pending)

    # ------------------------------------------------------------------ references

    def resolve(self, ref: str, pointer: str) -> Any:
        if not ref.startswith("#"):
            raise error(f"$ref {ref!r} cannot be resolved (only local references remain after bundling)", pointer)
        try:
            return get(self.data, split(ref))
        except (KeyError, ValueError):
            raise error(f"$ref {ref!r} points to nothing", pointer) from None

    def _ref_type(self, ref: str, pointer: str, hint: str) -> TypeRef:
        name = self.by_ref.get(ref)
        if name is not None:
            return TypeRef("model", model=name, nullable=name in self.nullable)
        target = self.resolve(ref, pointer)
        if not isinstance(target, (dict, bool)):
            raise error(f"$ref {ref!r} does not point to a schema", pointer)
        segments = split(ref)
        return self.type_of(target, ref[1:], model_name(segments[-1]) if segments else hint)

    # ------------------------------------------------------------------ types

    def type_of(self, schema: Any, pointer: str, hint: str) -> TypeRef:
        if not isinstance(schema, dict):
            return _ANY
        memo = self.by_id.get(id(schema))
        if memo is not None:
            return memo[1]
        self.current = pointer
        ref = schema.get("$ref")
        if isinstance(ref, str):
            return self._ref_type(ref, pointer, hint)
        plain, nullable = _strip_null(schema)
        result = self._type_of_plain(plain, pointer, hint)
        if nullable:
            result = result.with_nullable()
        self.by_id[id(schema)] = (schema, result)  # the schema is kept so its id is never reused
        return result

    def _type_of_plain(self, schema: dict[str, Any], pointer: str, hint: str) -> TypeRef:
        ref = schema.get("$ref")
        if isinstance(ref, str):
            return self._ref_type(ref, pointer, hint)
        if "const" in schema:
            return TypeRef("literal", value=schema["const"])
        enum = schema.get("enum")
        if isinstance(enum, list):
            if len(enum) == 1 and isinstance(enum[0], (str, int)) and not isinstance(enum[0], bool):
                return TypeRef("literal", value=enum[0])
            if enum:
                return self._hoist(schema, pointer, hint)
        all_of = schema.get("allOf")
        if isinstance(all_of, list) and all_of:
            shaped = _shaped_parts(all_of)
            if len(shaped) == 1 and not schema.get("properties") and not schema.get("discriminator"):
                return self.type_of(all_of[shaped[0]], f"{pointer}/allOf/{shaped[0]}", hint)
            return self._hoist(schema, pointer, hint)
        for key in ("oneOf", "anyOf"):
            options = schema.get(key)
            if isinstance(options, list) and options:
                if len(options) == 1 and not schema.get("properties"):
                    return self.type_of(options[0], f"{pointer}/{key}/0", hint)
                return self._hoist(schema, pointer, hint)
        kind = schema.get("type")
        if isinstance(kind, list):
            kinds = [k for k in kind if k != "null"]
            if len(kinds) == 1:
                kind = kinds[0]
            elif kinds:
                return self._hoist(schema, pointer, hint)
            else:
                return TypeRef("null")
        if kind == "array" or (kind is None and "items" in schema):
            items = schema.get("items")
            if isinstance(items, list):  # old tuple form
                items = items[0] if items else {}
            return TypeRef("array", item=self.type_of(items, pointer + "/items", hint + "Item"))
        if kind == "object" or (kind is None and ("properties" in schema or "additionalProperties" in schema)):
            if schema.get("properties") or schema.get("discriminator"):
                return self._hoist(schema, pointer, hint)
            return self._map_type(schema, pointer, hint)
        if kind in _PRIMITIVES:
            return TypeRef(kind, format=_format(schema))
        if kind == "null":
            return TypeRef("null")
        return _ANY

    def _map_type(self, schema: dict[str, Any], pointer: str, hint: str) -> TypeRef:
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict) and extra:
            return TypeRef("map", item=self.type_of(extra, pointer + "/additionalProperties", hint + "Value"))
        return TypeRef("map", item=_ANY)

    def _hoist(self, schema: dict[str, Any], pointer: str, hint: str) -> TypeRef:
        wanted = schema.get("x-zsdk-name")
        name = self.unique(model_name(str(wanted)) if isinstance(wanted, str) else model_name(hint))
        model = TypeRef("model", model=name)
        self.by_id[id(schema)] = (schema, model)  # before building: a $ref inside may lead back to this schema
        self.build_named(name, schema, pointer)
        return model

    # ------------------------------------------------------------------ models

    def build_named(self, name: str, schema: dict[str, Any], pointer: str) -> None:
        """Build the model `name` for a schema (a component or a hoisted inline schema)."""
        self.current = pointer
        plain, nullable = _strip_null(schema)
        nullable = nullable or name in self.nullable
        common = {
            "source": pointer,
            "nullable": nullable,
            "description": str(schema.get("description") or schema.get("title") or ""),
            "deprecated": bool(schema.get("deprecated")),
            "example": _example(schema),
        }
        model: Model
        if isinstance(plain.get("enum"), list) and plain["enum"] and "$ref" not in plain:
            model = self._enum(name, plain, common)
        elif self._is_union(plain):
            model = self._union(name, plain, pointer, common)
        elif self._is_object(plain):
            model = self._object(name, plain, pointer, common)
        else:
            target = self._type_of_plain(plain, pointer, name + "Value")
            # a nullable model's references say it admits null; its target describes the other values
            model = Model(name, "alias", target=target.with_nullable(target.nullable and not nullable), **common)
        self.models[name] = model

    @staticmethod
    def _is_union(schema: dict[str, Any]) -> bool:
        if isinstance(schema.get("type"), list) and len([k for k in schema["type"] if k != "null"]) > 1:
            return True
        return any(
            isinstance(schema.get(k), list) and len(schema[k]) > 1 for k in ("oneOf", "anyOf")
        ) and not schema.get("properties")

    @staticmethod
    def _is_object(schema: dict[str, Any]) -> bool:
        if schema.get("properties") or schema.get("discriminator"):
            return True
        all_of = schema.get("allOf")
        if isinstance(all_of, list) and len(_shaped_parts(all_of)) > 1:
            return True
        return schema.get("type") == "object" and "additionalProperties" not in schema and "$ref" not in schema

    def _enum(self, name: str, schema: dict[str, Any], common: dict[str, Any]) -> Model:
        values = tuple(v for v in schema["enum"] if v is not None)
        kinds = {type(v).__name__ for v in values}
        enum_type = {"str": "string", "int": "integer", "float": "number", "bool": "boolean"}.get(
            kinds.pop() if len(kinds) == 1 else "str", "string"
        )
        if enum_type == "string":
            values = tuple(str(v) for v in values)
        return Model(name, "enum", enum_type=enum_type, values=_dedupe(values), **common)  # type: ignore[arg-type]

    def _union(self, name: str, schema: dict[str, Any], pointer: str, common: dict[str, Any]) -> Model:
        key: Literal["oneOf", "anyOf"] = "oneOf" if isinstance(schema.get("oneOf"), list) else "anyOf"
        options = schema.get(key)
        if not isinstance(options, list):  # `type: [string, integer]`
            kinds = list(dict.fromkeys(k for k in schema["type"] if k in _JSON_TYPES and k != "null"))
            simple = tuple(self._type_of_plain({**schema, "type": k}, pointer, name) for k in kinds)
            return Model(name, "union", variants=simple, union_mode="anyOf", **common)
        open_enum = self._open_enum(options)
        if open_enum is not None:
            return Model(name, "enum", enum_type="string", values=open_enum, **common)
        variants: list[TypeRef] = []
        for i, option in enumerate(options):
            hint = name + pascal(str(option.get("title") or f"Option{i + 1}")) if isinstance(option, dict) else name
            variants.append(self.type_of(option, f"{pointer}/{key}/{i}", hint))
        discriminator = self._discriminator(schema.get("discriminator"), options, variants, pointer)
        return Model(
            name, "union", variants=_dedupe(tuple(variants)), union_mode=key, discriminator=discriminator, **common
        )

    def _open_enum(self, options: list[Any]) -> tuple[Any, ...] | None:
        """anyOf [string, string enum] (OpenAI's model ids): a string enum open to other values."""
        values: list[Any] = []
        for option in options:
            if isinstance(option, dict) and "$ref" in option:
                option = self.resolve(option["$ref"], "")
            if (
                not isinstance(option, dict)
                or option.get("type") != "string"
                or _has_shape_besides(option, "type", "enum")
            ):
                return None
            values.extend(option.get("enum") or [])
        return _dedupe(tuple(str(v) for v in values)) if values and len(options) > 1 else None

    def _discriminator(
        self, spec: Any, options: list[Any], variants: list[TypeRef], pointer: str
    ) -> Discriminator | None:
        if not isinstance(spec, dict) or not isinstance(spec.get("propertyName"), str):
            return None
        mapping: list[tuple[str, str]] = []
        explicit = spec.get("mapping")
        if isinstance(explicit, dict):
            for value, target in explicit.items():
                if not isinstance(target, str):
                    continue
                ref = target if target.startswith("#") else _COMPONENTS + escape(target)
                where = f"{pointer}/discriminator/mapping/{escape(str(value))}"
                try:
                    model = self._ref_type(ref, where, model_name(str(value)))
                except SpecError:
                    self.diagnostics.append(
                        Diagnostic(
                            "warning", f"discriminator mapping {target!r} points to nothing; value ignored", where
                        )
                    )
                    continue
                if model.model:
                    mapping.append((str(value), model.model))
        prop = spec["propertyName"]
        mapped = {m for _, m in mapping}
        values = {v for v, _ in mapping}
        for option, variant in zip(options, variants, strict=False):
            if variant.kind != "model" or variant.model in mapped or not isinstance(option, dict):
                continue
            keys = self._tag_values(option, prop) or ((split(option["$ref"])[-1],) if "$ref" in option else ())
            for value in keys:
                if value not in values:
                    mapping.append((value, variant.model or ""))
                    values.add(value)
        return Discriminator(prop, tuple(mapping))

    def _tag_values(self, schema: Any, prop: str, seen: frozenset[str] = frozenset()) -> tuple[str, ...]:
        """The values `schema` lets its property `prop` take (`const`, `enum`), looking through `$ref`s and allOf
        parts; () when the schema does not say."""
        schema = self._deref(schema, seen)
        if schema is None:
            return ()
        seen = seen | {schema[1]}
        plain, _ = _strip_null(schema[0])
        properties = plain.get("properties")
        if isinstance(properties, dict):
            found = self._deref(properties.get(prop), seen)
            if found is not None:
                values = _values(_strip_null(found[0])[0])
                if values:
                    return values
        for part in plain.get("allOf") or []:
            values = self._tag_values(part, prop, seen)
            if values:
                return values
        return ()

    def _deref(self, schema: Any, seen: frozenset[str]) -> tuple[dict[str, Any], str] | None:
        """A schema with its `$ref`s followed, and the last reference (for cycles); None when there is none."""
        ref = ""
        while isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
            ref = schema["$ref"]
            if ref in seen or not ref.startswith("#"):
                return None
            seen = seen | {ref}
            try:
                schema = get(self.data, split(ref))
            except (KeyError, ValueError):
                return None
        return (schema, ref) if isinstance(schema, dict) else None

    def _object(self, name: str, schema: dict[str, Any], pointer: str, common: dict[str, Any]) -> Model:
        fields: dict[str, Field] = {}
        required: set[str] = set()
        parents: dict[str, None] = {}  # an ordered set
        extra: TypeRef | None = None
        self.building.append(name)
        try:
            for i, part in enumerate(schema.get("allOf") or []):
                part_pointer = f"{pointer}/allOf/{i}"
                if not isinstance(part, dict):
                    continue
                if "$ref" in part:
                    parent = self._ref_type(part["$ref"], part_pointer, name + "Base")
                    if parent.model in self.building:
                        raise error(f"cyclic allOf: {' → '.join(self.building + [parent.model or ''])}", part_pointer)
                    self.ensure_built(parent.model or "")
                    parent_model = self.models.get(parent.model or "")
                    if parent_model is None or parent_model.kind != "object":
                        if parent_model is not None:
                            self.diagnostics.append(
                                Diagnostic(
                                    "warning",
                                    f"allOf member {parent.model} is not an object; its fields are not merged",
                                    part_pointer,
                                )
                            )
                        continue
                    parents[parent_model.name] = None
                    self._merge(parent_model.fields, fields, required, part_pointer)
                    extra = parent_model.additional_properties or extra
                else:
                    plain, _ = _strip_null(part)
                    sub = self._object(name, plain, part_pointer, common)
                    self._merge(sub.fields, fields, required, part_pointer)
                    parents.update(dict.fromkeys(sub.parents))
                    extra = sub.additional_properties or extra
            required.update(r for r in schema.get("required") or [] if isinstance(r, str))
            properties = schema.get("properties") or {}
            if isinstance(properties, dict):
                for prop, prop_schema in properties.items():
                    fields[prop] = self._field(
                        name, str(prop), prop_schema, f"{pointer}/properties/{escape(str(prop))}"
                    )
            extra_schema = schema.get("additionalProperties")
            if isinstance(extra_schema, dict):
                extra = self.type_of(extra_schema, pointer + "/additionalProperties", name + "Value")
            elif extra_schema is True:
                extra = _ANY
        finally:
            self.building.pop()
        final = tuple(_with_required(f, f.name in required) for f in fields.values())
        discriminator = None
        spec_disc = schema.get("discriminator")
        if isinstance(spec_disc, dict) and isinstance(spec_disc.get("propertyName"), str):
            discriminator = self._discriminator(spec_disc, [], [], pointer)
        return Model(
            name, "object", fields=final, additional_properties=extra, parents=tuple(parents),
            discriminator=discriminator, **common,
        )  # fmt: skip

    def _merge(self, merged: tuple[Field, ...], fields: dict[str, Field], required: set[str], pointer: str) -> None:
        """Copy an allOf part's fields in (within the budget: long allOf chains copy quadratically many)."""
        self.merge_budget -= len(merged)
        if self.merge_budget < 0:
            raise error(
                "allOf merging copies more fields than the limit allows (ZSDK_MAX_NODES); "
                "the chain of allOf parents is too long",
                pointer,
            )
        for f in merged:
            fields[f.name] = f
            if f.required:
                required.add(f.name)

    def _field(self, owner: str, prop: str, schema: Any, pointer: str) -> Field:
        schema = schema if isinstance(schema, dict) else {}
        field_type = self.type_of(schema, pointer, owner + pascal(prop) if pascal(prop) else owner + "Field")
        return Field(
            name=prop,
            type=field_type,
            required=False,
            description=str(schema.get("description") or ""),
            default=schema.get("default"),
            has_default="default" in schema,
            deprecated=bool(schema.get("deprecated")),
            read_only=bool(schema.get("readOnly")),
            write_only=bool(schema.get("writeOnly")),
            ident=schema.get("x-zsdk-name") if isinstance(schema.get("x-zsdk-name"), str) else None,
        )

    def _link_base_discriminators(self, schemas: dict[str, Any]) -> None:
        """A base schema with a discriminator and no mapping maps to the schemas that allOf it."""
        children_of: dict[str, list[tuple[str, str]]] = {}
        for key in schemas:
            child = self.by_ref[_COMPONENTS + escape(key)]
            for parent in dict.fromkeys(self.models[child].parents):
                children_of.setdefault(parent, []).append((key, child))
        for name, model in list(self.models.items()):
            if model.kind != "object" or model.discriminator is None or model.discriminator.mapping:
                continue
            children = children_of.get(name)
            if children:
                prop, keyed = model.discriminator.property, dict[str, str]()
                for key, child in children:
                    for value in self._tag_values(schemas[key], prop) or (key,):
                        keyed.setdefault(value, child)
                disc = Discriminator(prop, tuple(keyed.items()))
                self.models[name] = replace(model, discriminator=disc)


def _format(schema: dict[str, Any]) -> str | None:
    fmt = schema.get("format")
    if isinstance(fmt, str) and fmt:
        return fmt
    if schema.get("contentEncoding") == "base64":
        return "byte"
    if "contentMediaType" in schema and schema.get("type") == "string":
        return "binary"
    return None


def _shaped_parts(parts: list[Any]) -> list[int]:
    """Indexes of allOf members that constrain the shape (not just a description)."""
    return [i for i, p in enumerate(parts) if isinstance(p, dict) and _has_shape(p)] or list(range(len(parts)))


def _only_ref(schema: dict[str, Any]) -> str | None:
    """The reference a schema is nothing but (`$ref: X`, `allOf: [$ref: X]`), else None."""
    ref = schema.get("$ref")
    if isinstance(ref, str):
        return ref
    for key in ("allOf", "anyOf", "oneOf"):
        parts = schema.get(key)
        if isinstance(parts, list) and len(parts) == 1 and isinstance(parts[0], dict) and not schema.get("properties"):
            inner = parts[0].get("$ref")
            return inner if isinstance(inner, str) else None
    return None


def _values(schema: dict[str, Any]) -> tuple[str, ...]:
    """The string or integer values a property schema allows (`const`, `enum`), else ()."""
    if "const" in schema:
        allowed = [schema["const"]]
    elif isinstance(schema.get("enum"), list):
        allowed = schema["enum"]
    else:
        return ()
    return tuple(str(v) for v in allowed if isinstance(v, (str, int)) and not isinstance(v, bool))


def _example(schema: dict[str, Any]) -> Any:
    if "example" in schema:
        return schema["example"]
    examples = schema.get("examples")
    return examples[0] if isinstance(examples, list) and examples else None


def _has_shape_besides(schema: dict[str, Any], *allowed: str) -> bool:
    return any(k in schema for k in SHAPE_KEYS if k not in allowed)


def _dedupe(values: tuple[Any, ...]) -> tuple[Any, ...]:
    """`values` without repeats (by equality), in order; linear for hashable values."""
    seen: set[Any] = set()
    unhashable: list[Any] = []
    out: list[Any] = []
    for v in values:
        try:
            if v in seen:
                continue
            seen.add(v)
        except TypeError:  # a literal holding a list or mapping
            if v in unhashable:
                continue
            unhashable.append(v)
        out.append(v)
    return tuple(out)


def _with_required(f: Field, required: bool) -> Field:
    return f if f.required == required else replace(f, required=required)
