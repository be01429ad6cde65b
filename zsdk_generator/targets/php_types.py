"""PHP's type map, as data: each IR type is a native type (what PHP checks: `string`, `array`, `JobStatus|string`),
a PHPDoc type (what PHP's own type says less about: `list<Job>`, `array<string, int>`) and the runtime's type
descriptor (`'string'`, `Job::class`, `new ListOf(Job::class)`: how the runtime decodes it).

int32 and int64 → int, number → float, date and date-time → \\DateTimeImmutable, binary → string, free-form →
mixed; an alias is the type it names. An enum is open (`JobStatus|string`: a value this SDK does not know is kept
raw); a union is its interface, plus the PHP types of the variants that are not models (scalars, lists, enums).

An import is ("models", "Job") or ("core", "ListOf").
"""

from __future__ import annotations

from dataclasses import dataclass

from ..ir.model import Model, TypeRef, resolve_alias
from .types import INT64, Import


@dataclass(frozen=True)
class PhpType:
    native: str  # string, ?-less: `JobStatus|string`, `array`, `mixed`
    doc: str  # list<Job>
    desc: str  # the runtime's descriptor: 'string', Job::class, new ListOf('int')
    imports: frozenset[Import] = frozenset()  # the classes the native and doc types name
    variant: str = ""  # in a union's VARIANTS: 'string', 'int', 'array'… ("" = the descriptor)
    desc_imports: frozenset[Import] = frozenset()  # what the descriptor needs besides (ListOf, MapOf)

    def nullable(self) -> PhpType:
        """The same type that may also be null."""
        if self.native == "mixed":
            return self
        native = self.native + "|null" if "|" in self.native else "?" + self.native
        return PhpType(native, _doc_null(self.doc), self.desc, self.imports, self.variant, self.desc_imports)


def _doc_null(doc: str) -> str:
    return doc if doc == "mixed" or doc.endswith("|null") else doc + "|null"


MIXED = PhpType("mixed", "mixed", "'mixed'", variant="mixed")
STRING = PhpType("string", "string", "'string'", variant="string")
INT = PhpType("int", "int", "'int'", variant="int")
FLOAT = PhpType("float", "float", "'float'", variant="float")
BOOL = PhpType("bool", "bool", "'bool'", variant="bool")
DATE = PhpType("\\DateTimeImmutable", "\\DateTimeImmutable", "'date'", variant="date")
DATE_TIME = PhpType("\\DateTimeImmutable", "\\DateTimeImmutable", "'date-time'", variant="date-time")
BINARY = PhpType("string", "string", "'binary'", variant="string")
PRIMITIVES: dict[tuple[str, str | None], PhpType] = {
    ("string", None): STRING,
    ("string", "date"): DATE,
    ("string", "date-time"): DATE_TIME,
    ("string", "binary"): BINARY,
    ("integer", None): INT,
    ("number", None): FLOAT,
    ("boolean", None): BOOL,
}
LITERALS: dict[type, PhpType] = {bool: BOOL, int: INT, float: FLOAT, str: STRING}


class PhpTypes:
    """The PHP type of every IR TypeRef of one SDK (`classes`: IR model name → PHP class name, for the models
    that are classes; `implemented`: object model → the union interfaces it implements)."""

    def __init__(self, models: tuple[Model, ...], classes: dict[str, str], implemented: dict[str, list[str]]) -> None:
        self.models = {m.name: m for m in models}
        self.classes = classes
        self.implemented = implemented
        self._unions: dict[str, PhpType] = {}

    def resolve(self, t: TypeRef | None) -> Model | None:
        return resolve_alias(self.models, t)

    def of(self, t: TypeRef | None) -> PhpType:
        """A value's type (nullability is the field's business)."""
        if t is None or t.kind in ("any", "null"):
            return MIXED
        if t.kind == "model":
            return self._model(t)
        if t.kind in ("array", "map"):
            item = self.of(t.item)
            if t.kind == "array":
                return PhpType("array", f"list<{item.doc}>", f"new ListOf({item.desc})", item.imports, "array",
                               item.desc_imports | {("core", "ListOf")})  # fmt: skip
            return PhpType("array", f"array<string, {item.doc}>", f"new MapOf({item.desc})", item.imports, "array",
                           item.desc_imports | {("core", "MapOf")})  # fmt: skip
        if t.kind == "literal":
            if isinstance(t.value, int) and not isinstance(t.value, bool) and t.value not in INT64:
                return MIXED
            return LITERALS.get(type(t.value), MIXED)
        return PRIMITIVES.get((t.kind, t.format)) or PRIMITIVES.get((t.kind, None), MIXED)

    def _model(self, t: TypeRef) -> PhpType:
        name = self.classes.get(t.model or "")
        model = self.models.get(t.model or "")
        if model is None:
            return MIXED
        if name:
            imports = frozenset({("models", name)})
            if model.kind == "enum":
                base = "string" if (model.enum_type or "string") == "string" else "int"
                return PhpType(f"{name}|{base}", f"{name}|{base}", f"{name}::class", imports)
            if model.kind == "union":
                return self._union(model, name)
            return PhpType(name, name, f"{name}::class", imports)
        if model.kind == "alias":
            target = resolve_alias(self.models, t)
            if target is not None and target.name != model.name:
                return self.of(TypeRef("model", model=target.name))
            return self._alias_target(t)
        return self.of(_enum_base(model))

    def _alias_target(self, t: TypeRef) -> PhpType:
        seen: set[str] = set()
        while t.kind == "model" and t.model in self.models and t.model not in seen:
            seen.add(t.model or "")
            target = self.models[t.model or ""].target
            if target is None:
                return MIXED
            t = target
        return MIXED if t.kind == "model" else self.of(t)

    def _union(self, model: Model, name: str) -> PhpType:
        if name in self._unions:
            return self._unions[name]
        # A cycle (a union among its own variants) is its interface alone until it is known.
        self._unions[name] = PhpType(name, name, f"{name}::class", frozenset({("models", name)}))
        parts = [name]
        imports: set[Import] = {("models", name)}
        for variant in model.variants:
            if variant.kind == "null":
                continue
            target = self.resolve(variant) if variant.kind == "model" else None
            if target is not None and target.kind == "object" and name in self.implemented.get(target.name, ()):
                continue
            found = self.of(variant)
            if found.native == "mixed":
                parts = ["mixed"]
                break
            imports |= found.imports
            for piece in found.native.split("|"):
                if piece not in parts:
                    parts.append(piece)
        if parts == ["mixed"]:
            result = PhpType("mixed", "mixed", f"{name}::class", frozenset({("models", name)}))
        else:
            text = "|".join(parts)
            result = PhpType(text, text, f"{name}::class", frozenset(imports))
        self._unions[name] = result
        return result


def _enum_base(model: Model) -> TypeRef:
    """The type of an enum no PHP enum spells (number, boolean, integers beyond 64 bits): its base type."""
    if model.enum_type == "integer" and any(
        isinstance(v, int) and not isinstance(v, bool) and v not in INT64 for v in model.values
    ):
        return TypeRef("any")
    kind = {"integer": "integer", "number": "number", "boolean": "boolean"}.get(model.enum_type or "", "string")
    return TypeRef(kind)  # type: ignore[arg-type]
