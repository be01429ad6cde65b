"""Type expressions that carry their own imports: a target's type map is data, and a file's imports are the union
of what its type expressions need — never found by searching the generated text.

An import is a pair (module, name): Python `("datetime", "datetime")` → `from datetime import datetime`,
TypeScript `("./models", "Widget")` → `import type { Widget } from "./models"`, Go `("time", "")` → `import "time"`.
How a pair is written is the target's templates' business.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..ir.model import Model

Import = tuple[str, str]
INT64 = range(-(2**63), 2**63)  # what a 64-bit signed integer holds (Go's int64, Rust's i64)


@dataclass(frozen=True)
class TypeExpr:
    """A type as one language spells it (`list[Widget]`, `Opt[time.Time]`), with the imports that spelling needs."""

    text: str
    imports: frozenset[Import] = frozenset()

    @classmethod
    def of(cls, text: str, *imports: Import) -> TypeExpr:
        return cls(text, frozenset(imports))

    def wrap(self, template: str, *imports: Import) -> TypeExpr:
        """This type inside another: `TypeExpr.of("Widget").wrap("list[{}]")` → `list[Widget]`."""
        return TypeExpr(template.format(self.text), self.imports | frozenset(imports))

    def __str__(self) -> str:
        return self.text


def combine(template: str, parts: Iterable[TypeExpr], separator: str = ", ", *imports: Import) -> TypeExpr:
    """Several types in one (`A | B`, `dict[str, A]`): the parts joined into `template`'s `{}`, imports united."""
    items = list(parts)
    found = frozenset(imports).union(*(p.imports for p in items)) if items else frozenset(imports)
    return TypeExpr(template.format(separator.join(p.text for p in items)), found)


def imports_of(types: Iterable[TypeExpr | None]) -> frozenset[Import]:
    """Every import the given types need (None — no type — needs none)."""
    return frozenset().union(*(t.imports for t in types if t is not None))


def is_class(model: Model) -> bool:
    """Whether an IR model is a named type in the languages whose enums hold strings or 64-bit integers (Java,
    PHP): an object, a union, or such an enum; not an alias, nor an enum of numbers, booleans or integers beyond
    64 bits (its base type is used)."""
    if model.kind in ("object", "union"):
        return True
    if model.kind != "enum":
        return False
    values = enum_values(model)
    kind = model.enum_type or "string"
    return bool(values) and (kind == "string" or kind == "integer" and all(v in INT64 for v in values))


def class_models(models: Iterable[Model], classes: Mapping[str, str]) -> list[tuple[Model, str]]:
    """The models that are classes (`classes`: model → class name, from is_class), with their names, in order."""
    return [(m, classes[m.name]) for m in models if m.name in classes]


def enum_values(model: Model) -> list[Any]:
    """An enum's distinct values of its own type, in spec order."""
    kind = model.enum_type or "string"
    out: list[Any] = []
    for value in model.values:
        ok = isinstance(value, str) if kind == "string" else (
            isinstance(value, int) and not isinstance(value, bool) if kind == "integer" else False)  # fmt: skip
        if ok and value not in out:
            out.append(value)
    return out
