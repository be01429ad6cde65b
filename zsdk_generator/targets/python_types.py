"""Python's type map: IR types as type expressions that carry their imports (`types.TypeExpr`).

An import is `(module, name)`: `("datetime", "")` is `import datetime`, `("typing", "Any")` is
`from typing import Any`; a module starting with `.` is the SDK's own, relative to the package (`("._types",
"FileTypes")`), and `python_imports.import_block` places it for the importing module.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..ir.model import Model, TypeRef
from .python_text import py_literal, py_string
from .types import TypeExpr, combine

ANY = TypeExpr.of("Any", ("typing", "Any"))
NONE = TypeExpr.of("None")
# (kind, format) → the type; a format not listed takes its kind's plain type.
PRIMITIVES: dict[tuple[str, str | None], TypeExpr] = {
    ("string", None): TypeExpr.of("str"),
    ("string", "date"): TypeExpr.of("datetime.date", ("datetime", "")),
    ("string", "date-time"): TypeExpr.of("datetime.datetime", ("datetime", "")),
    ("string", "binary"): TypeExpr.of("bytes"),
    ("integer", None): TypeExpr.of("int"),
    ("number", None): TypeExpr.of("float"),
    ("boolean", None): TypeExpr.of("bool"),
}
# The plain type of a number or boolean enum (string and integer enums are classes).
ENUM_TYPES = {"number": "float", "boolean": "bool"}
# Builtins that type expressions use: a name bound to one of them in a class body (a field, a method) or in a
# function (a parameter) hides the type from what follows there, which then spells it `builtins.X`.
TYPE_BUILTINS = frozenset({"list", "dict", "str", "int", "float", "bool", "bytes", "object", "type"})
ENUM_BASES = {"string": "OpenEnum", "integer": "OpenIntEnum"}
# The integers mypy takes inside `Literal[...]` (it reads them as 64-bit; a wider one is "an arbitrary expression").
_LITERAL_INT_LIMIT = 2**63 - 1


def builtin(name: str, shadowed: frozenset[str] = frozenset()) -> TypeExpr:
    """A builtin type, spelled `builtins.X` where a name in scope hides it."""
    return TypeExpr.of(f"builtins.{name}", ("builtins", "")) if name in shadowed else TypeExpr.of(name)


def subscript(base: TypeExpr, *args: TypeExpr) -> TypeExpr:
    """A generic type with its arguments: `subscript(list, Pet)` → `list[Pet]`, the imports of all of them."""
    return combine(base.text + "[{}]", args, ", ", *base.imports)


def literal_type(value: object, shadowed: frozenset[str] = frozenset()) -> TypeExpr:
    """The type of a `const`: `Literal[...]` for what Literal takes (strings, booleans, integers within 64 bits),
    `None` for null, else the value's plain type: `int` (a wider integer), `float`, `list[Any]`, `dict[str, Any]`."""
    if value is None:
        return NONE
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > _LITERAL_INT_LIMIT:
        return builtin("int", shadowed)
    if isinstance(value, (str, int)):  # bool is an int
        return TypeExpr.of(f"Literal[{py_literal(value)}]", ("typing", "Literal"))
    if isinstance(value, float):
        return builtin("float", shadowed)
    if isinstance(value, list):
        return subscript(builtin("list", shadowed), ANY)
    return subscript(builtin("dict", shadowed), builtin("str", shadowed), ANY)


def enum_base(model: Model) -> str:
    """The runtime's open enum class for a string or integer enum; "" for an enum Python spells as a plain type."""
    return ENUM_BASES.get(model.enum_type or "", "") if model.kind == "enum" else ""


def _union(terms: list[TypeExpr]) -> TypeExpr:
    return terms[0] if len(terms) == 1 else combine("{}", terms, " | ")


def model_refs(t: TypeRef | None) -> Iterator[str]:
    """The model names a type refers to."""
    while t is not None:
        if t.kind == "model" and t.model:
            yield t.model
        t = t.item


class PyTypes:
    """Spells IR types for one module: model classes bare (models.py) or as `models.X` (resources), builtins a
    scope hides as `builtins.X`, and forward references to aliases quoted."""

    def __init__(
        self,
        models: dict[str, Model],
        class_names: dict[str, str],
        in_package: bool = False,
        shadowed: frozenset[str] = frozenset(),
        quoted: frozenset[str] = frozenset(),
    ) -> None:
        self.models = models
        self.class_names = class_names
        self.in_package = in_package  # True: a resource module, which names models through `from .. import models`
        self.shadowed = shadowed
        self.quoted = quoted
        self._annotations: dict[TypeRef, TypeExpr] = {}  # the same types recur all over an API

    def hiding(self, names: frozenset[str]) -> PyTypes:
        """The same map in a scope where `names` hide builtins too."""
        extra = (names & TYPE_BUILTINS) - self.shadowed
        if not extra:
            return self
        return PyTypes(self.models, self.class_names, self.in_package, self.shadowed | extra, self.quoted)

    def builtin(self, name: str) -> TypeExpr:
        return builtin(name, self.shadowed)

    def model(self, name: str) -> TypeExpr:
        found = self.class_names.get(name)
        if found is None:
            return ANY
        if self.in_package:
            return TypeExpr.of(f"models.{found}", (".", "models"))
        return TypeExpr.of(f'"{found}"' if name in self.quoted else found)

    def annotation(self, t: TypeRef | None) -> TypeExpr:
        """`t` as an annotation: `X | None` when null is accepted."""
        if t is None:
            return NONE
        try:
            return self._annotations[t]
        except KeyError:
            pass
        except TypeError:  # a literal holding a list or an object
            return _union(self.terms(t))
        found = self._annotations[t] = _union(self.terms(t))
        return found

    def terms(self, t: TypeRef) -> list[TypeExpr]:
        """The union terms of `t`'s annotation: the type, then `None` when it is nullable."""
        bare = self.bare(t)
        return [bare, NONE] if t.nullable and bare not in (ANY, NONE) else [bare]

    def bare(self, t: TypeRef) -> TypeExpr:
        if t.kind == "model":
            return self.model(t.model or "")
        if t.kind == "array":
            return subscript(self.builtin("list"), self.annotation(t.item))
        if t.kind == "map":
            return subscript(self.builtin("dict"), self.builtin("str"), self.annotation(t.item))
        if t.kind == "literal":
            return literal_type(t.value, self.shadowed)
        if t.kind == "null":
            return NONE
        found = PRIMITIVES.get((t.kind, t.format)) or PRIMITIVES.get((t.kind, None))
        if found is None:
            return ANY
        return self.builtin(found.text) if not found.imports else found

    def is_class(self, t: TypeRef | None) -> bool:
        """Whether `t` can be passed as `type[T]` (a class, not a union or alias)."""
        if t is None or t.nullable:
            return False
        if t.kind == "model":
            model = self.models.get(t.model or "")
            return model is not None and (model.kind == "object" or bool(enum_base(model)))
        return t.kind in ("string", "integer", "number", "boolean", "array", "map")

    def discriminated(self, model: Model) -> TypeExpr | None:
        """`Annotated[Annotated[Cat, Tag("Cat")] | …, discriminator(...)]` when every variant is a mapped model."""
        disc = model.discriminator
        names = [v.model or "" for v in model.variants if v.kind == "model" and not v.nullable]
        if disc is None or len(names) != len(model.variants) or len(names) < 2:
            return None
        if not set(names) <= {m for _, m in disc.mapping}:
            return None
        tagged = [
            self.model(n).wrap(f"Annotated[{{}}, pydantic.Tag({py_string(self.class_names[n])})]",
                               ("typing", "Annotated"), ("pydantic", ""))
            for n in names
        ]  # fmt: skip
        tags = ", ".join(f"{py_string(v)}: {py_string(self.class_names[m])}" for v, m in disc.mapping if m in names)
        first = py_string(self.class_names[names[0]])
        union = combine("{}", tagged, " | ")
        text = f"Annotated[{union.text}, discriminator({py_string(disc.property)}, {{{tags}}}, {first})]"
        return TypeExpr(text, union.imports | {("typing", "Annotated"), ("._models", "discriminator")})

    def alias_terms(self, model: Model) -> list[TypeExpr]:
        """The union terms of an alias's right-hand side."""
        if model.kind == "union":
            tagged = self.discriminated(model)
            if tagged is not None:
                return [tagged]
            out: list[TypeExpr] = []
            seen: set[TypeExpr] = set()
            for variant in model.variants:
                spelled = self.annotation(variant)
                if spelled not in seen:
                    seen.add(spelled)
                    out.extend(self.terms(variant))
            return out
        if model.kind == "enum":  # number or boolean enums: the plain type
            plain = ENUM_TYPES.get(model.enum_type or "")
            return [self.builtin(plain) if plain else ANY]
        return self.terms(model.target) if model.target is not None else [NONE]
