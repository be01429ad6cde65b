"""Structural validation: every node the upgrade and the builder read has the shape they expect.

One pass over the document along the object model of objects.py (Swagger 2.0
or OpenAPI 3.x), before the upgrade. A wrong-typed node is a located error —
so no input reaches an unchecked `.items()` or index downstream — or, for a
field the builder can do without, a warning, and the field is dropped (a
truth value written as text, `required: "true"`, is read as one). A `$ref`
standing for an object is followed and its target checked as that object,
wherever it lives; each node is checked once per shape.
"""

from __future__ import annotations

import json
from typing import Any

from ..diagnostics import Diagnostic
from .bounds import Trail, parts_of
from .objects import OPENAPI_3, SWAGGER_2, Either, Field, ListOf, Named, Obj, Scalar, Shape, Table, expected, resolve
from .pointer import get, join, split

_FOUND = {dict: "a mapping", list: "a list", str: "a string", bool: "a boolean", int: "an integer", float: "a number"}


def check_structure(data: dict[str, Any]) -> list[Diagnostic]:
    """Errors for wrong-typed nodes, warnings for dropped soft fields (removed from `data`)."""
    table = SWAGGER_2 if "swagger" in data else OPENAPI_3
    walker = _Walker(data, table)
    walker.run(Named("Swagger" if "swagger" in data else "OpenAPI"))
    return walker.found


def found(value: Any) -> str:
    return "null" if value is None else _FOUND.get(type(value), type(value).__name__)


_SCALAR = object()  # in an acceptance map: a scalar that fits
_LIST_OF_SCALARS = object()  # in an acceptance map: a list whose items must be scalars of the item shape
_ALL_TYPES = (dict, list, str, bool, int, float, type(None))
Accepts = dict[type, Any]  # a value's Python type → _SCALAR, _LIST_OF_SCALARS, or the _Object/_List to check it as


class _Object:
    """An Obj with each field's acceptance map worked out once."""

    __slots__ = ("shape", "fields", "rest", "refable", "extensions")

    def __init__(self, shape: Obj):
        self.shape = shape
        self.fields: dict[str, tuple[Accepts, Field]] = {}
        self.rest: Accepts | None = None
        self.refable = shape.ref != "none"
        self.extensions = shape.extensions


class _List:
    __slots__ = ("shape", "item")

    def __init__(self, shape: ListOf):
        self.shape = shape
        self.item: Accepts = {}


class _Walker:
    def __init__(self, data: dict[str, Any], table: Table):
        self.data = data
        self.table = table
        self.found: list[Diagnostic] = []
        self.pending: list[tuple[Any, _Object | _List, Trail]] = []
        self.seen: set[tuple[int, int]] = set()  # (node, shape) pairs of objects a $ref may stand for
        self.compiled: dict[int, Accepts] = {}

    def run(self, root: Shape) -> None:
        self.value(self.data, root, None, "the document")
        while self.pending:
            node, shape, trail = self.pending.pop()
            if isinstance(shape, _Object):
                self.object(node, shape, trail)
            else:
                for index, value in enumerate(node):
                    self.value(value, shape.shape.item, (trail, str(index)), f"item {index}")

    def queue(self, node: Any, shape: _Object | _List, trail: Trail) -> None:
        if isinstance(shape, _Object) and shape.refable:
            key = (id(node), id(shape))
            if key in self.seen:
                return
            self.seen.add(key)
        self.pending.append((node, shape, trail))

    # ------------------------------------------------------------------ shapes, compiled

    def accepts(self, shape: Shape) -> Accepts:
        """Which Python types fit `shape`, and what to check a value of each as (worked out once per shape)."""
        known = self.compiled.get(id(shape))
        if known is not None:
            return known
        concrete = resolve(shape, self.table)
        if concrete is not shape:
            known = self.compiled[id(shape)] = self.accepts(concrete)
            return known
        accepts: Accepts = {}
        if isinstance(concrete, Obj):
            compiled = _Object(concrete)
            accepts[dict] = compiled
            self.compiled[id(shape)] = accepts  # before its fields: a schema's fields hold schemas
            compiled.fields = {key: (self.accepts(field.shape), field) for key, field in concrete.fields.items()}
            compiled.rest = self.accepts(concrete.rest) if concrete.rest is not None else None
        elif isinstance(concrete, Scalar):
            accepts.update(dict.fromkeys(concrete.kinds or _ALL_TYPES, _SCALAR))
        elif isinstance(concrete, ListOf):
            listed = _List(concrete)
            listed.item = self.accepts(concrete.item)
            # A list of scalars is checked in one go (so a soft field drops as a whole).
            scalars = listed.item and all(v is _SCALAR for v in listed.item.values())
            accepts[list] = _LIST_OF_SCALARS if scalars else listed
        else:
            for option in concrete.options:
                for kind, target in self.accepts(option).items():
                    accepts.setdefault(kind, target)
        self.compiled[id(shape)] = accepts
        return accepts

    # ------------------------------------------------------------------ values

    def value(self, value: Any, shape: Shape, trail: Trail, subject: str, field: Field | None = None) -> bool:
        """Check one value (queueing a container); False when it is wrong (reported: a warning if `field` is soft)."""
        if value is None:  # null reads as absent everywhere downstream
            return True
        target = self.accepts(shape).get(type(value))
        if target is _SCALAR:
            return True
        if target is None:
            return self.report(value, shape, trail, subject, field)
        if target is _LIST_OF_SCALARS:
            listed = self.list_option(shape)
            kinds = self.accepts(listed.item)
            for index, entry in enumerate(value):
                if type(entry) not in kinds:
                    return self.report(
                        entry, listed.item, (trail, str(index)), f"item {index} of {subject}", field, True
                    )
            return True
        self.queue(value, target, trail)
        return True

    def list_option(self, shape: Shape) -> ListOf:
        """The ListOf among `shape`'s options."""
        concrete = resolve(shape, self.table)
        if isinstance(concrete, Either):
            return next(self.list_option(o) for o in concrete.options if list in self.accepts(o))
        assert isinstance(concrete, ListOf)
        return concrete

    def report(
        self, value: Any, shape: Shape, where: Trail, subject: str, field: Field | None, item: bool = False
    ) -> bool:
        message = f"{subject} must be {expected(shape, self.table)}, not {found(value)}"
        if field is not None and field.soft:
            message += "; the whole list is ignored" if item else "; it is ignored"
            self.found.append(Diagnostic("warning", message, join(parts_of(where))))
        else:
            self.found.append(Diagnostic("error", message, join(parts_of(where))))
        return False

    # ------------------------------------------------------------------ objects

    def object(self, node: dict[str, Any], compiled: _Object, trail: Trail) -> None:
        shape = compiled.shape
        if compiled.refable and "$ref" in node:
            self.reference(node["$ref"], shape, (trail, "$ref"))
            if shape.ref == "replaces":
                return
        fields, rest, extensions = compiled.fields, compiled.rest, compiled.extensions
        dropped: list[str] = []
        salvaged: dict[str, Any] = {}
        for key, value in node.items():
            entry = fields.get(key)
            if entry is not None:
                accepts = entry[0]
            elif rest is None or key == "$ref" or (extensions and key.startswith("x-")) or not isinstance(key, str):
                continue
            else:
                accepts = rest
            target = accepts.get(type(value))
            if target is _SCALAR:
                continue  # the common cases — a fitting scalar, an object or list to check later — without a call
            if type(target) is _Object or type(target) is _List:
                self.queue(value, target, (trail, key))
            elif entry is not None:
                field = entry[1]
                salvage = field.salvage(value) if field.salvage is not None else None
                if salvage is not None:
                    wanted = expected(field.shape, self.table)
                    message = f"{key} must be {wanted}, not {found(value)}; read as {json.dumps(salvage)}"
                    self.found.append(Diagnostic("warning", message, join(parts_of((trail, key)))))
                    salvaged[key] = salvage
                elif not self.value(value, field.shape, (trail, key), key, field) and field.soft:
                    dropped.append(key)
            elif shape.rest is not None:
                self.value(value, shape.rest, (trail, key), key)
        for key in dropped:
            del node[key]
        node.update(salvaged)

    def reference(self, ref: Any, shape: Obj, trail: Trail) -> None:
        if not isinstance(ref, str):
            self.found.append(Diagnostic("error", f"$ref must be a string, not {found(ref)}", join(parts_of(trail))))
            return
        if not ref.startswith("#"):
            return  # bundling has inlined local files; the semantic checks report what is left
        try:
            parts = split(ref)
            target = get(self.data, parts)
        except (KeyError, ValueError):
            return  # a dangling $ref: reported by the semantic checks
        if isinstance(target, dict):
            at: Trail = None
            for part in parts:
                at = (at, part)
            compiled = self.accepts(shape)[dict]
            self.queue(target, compiled, at)
