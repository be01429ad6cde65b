"""Type expressions that carry their own imports: a target's type map is data, and a file's imports are the union
of what its type expressions need — never found by searching the generated text.

An import is a pair (module, name): Python `("datetime", "datetime")` → `from datetime import datetime`,
TypeScript `("./models", "Widget")` → `import type { Widget } from "./models"`, Go `("time", "")` → `import "time"`.
How a pair is written is the target's templates' business.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

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
