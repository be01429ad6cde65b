"""A call's encodings as the TypeScript runtime reads them (`Operation.encodings`, runtime/serialize.ts): only the
parameters and form or multipart fields the plan gives an encoding, each with only the fields that differ from
its location's default — so a call whose values all travel the default way gets nothing."""

from __future__ import annotations

from ..ir.encoding import STYLES
from ..ir.model import Encoding
from ..plan.model import CallPlan
from .typescript_layout import Obj, object_key, ts_string

# the runtime's name for each location, and the plan's
_LOCATIONS = (("path", "path"), ("query", "query"), ("headers", "header"), ("cookies", "cookie"), ("body", "body"))


def encodings(c: CallPlan) -> Obj | None:
    """`{ query: { a_flat: { explode: false } }, … }`, or None when every encoding is the default one."""
    found = {
        "path": [(p.wire, p.encoding) for p in c.path_params if p.encoding is not None],
        "query": [(p.wire, p.encoding) for p in c.query if p.encoding is not None],
        "headers": [(p.wire, p.encoding) for p in c.headers if p.encoding is not None],
        "cookies": [(p.wire, p.encoding) for p in c.cookies if p.encoding is not None],
        "body": list(c.body.encoding) if c.body is not None else [],
    }
    pairs = tuple(
        (group, Obj(tuple((object_key(wire), _fields(e, location)) for wire, e in found[group])))
        for group, location in _LOCATIONS
        if found[group]
    )
    return Obj(pairs) if pairs else None


def _fields(e: Encoding, location: str) -> Obj:
    """One encoding's fields that differ from the runtime's defaults (style: the location's first; explode: true
    for style form, and not read for deepObject; indexed deepObject arrays)."""
    pairs: list[tuple[str, str]] = []
    if e.style != STYLES[location][0]:
        pairs.append(("style", ts_string(e.style)))
    if e.explode != (e.style == "form") and e.style != "deepObject":
        pairs.append(("explode", "true" if e.explode else "false"))
    if e.allow_reserved:
        pairs.append(("allowReserved", "true"))
    if e.nesting != "indexed":
        pairs.append(("nesting", ts_string(e.nesting)))
    if e.content_type:
        pairs.append(("contentType", ts_string(e.content_type)))
    return Obj(tuple(pairs))
