"""How values travel: a parameter's or a form/multipart property's `Encoding`, read from the spec.

OpenAPI says it with `style`, `explode` and `allowReserved` (on a parameter, or on a body's `encoding` entry) and
with `content` (a parameter sent as one media type, JSON). What it leaves open — how `deepObject` writes arrays
and values nested in objects — `x-zsdk-deep-object` chooses: `indexed` (`items[0][price]=p1`, Stripe's forms,
the default), `brackets` (`items[][price]=p1`, Rails and PHP) or `repeat` (`items[price]=p1`). It may be set on
the document root, an operation, a parameter or an encoding entry; the innermost wins. docs/serialization.md
shows every combination with its wire form.
"""

from __future__ import annotations

from typing import Any

from ..diagnostics import Diagnostic, error
from .model import NESTINGS, Encoding

# Which styles each location admits, the first being its default (OpenAPI 3.1, "Style Values").
STYLES: dict[str, tuple[str, ...]] = {
    "path": ("simple", "label", "matrix"),
    "query": ("form", "spaceDelimited", "pipeDelimited", "deepObject"),
    "header": ("simple",),
    "cookie": ("form",),
    "body": ("form", "spaceDelimited", "pipeDelimited", "deepObject"),  # an x-www-form-urlencoded property
}
NESTING_KEY = "x-zsdk-deep-object"


def default(location: str) -> Encoding:
    """What a parameter in `location` gets when the spec says nothing: simple in a path or header, form (exploded)
    in a query or cookie."""
    style = STYLES[location][0]
    return Encoding(style, style == "form")


def inferred(kind: str, value_kind: str) -> Encoding:
    """What every runtime does by itself with a form or multipart property of this value kind (one the spec does
    not declare, or an extra one the caller adds): form, exploded — a deepObject for objects in a form body, a JSON
    part for objects in a multipart one. A body's plan lists only the properties whose encoding differs."""
    if value_kind in ("object", "objects"):
        return (
            Encoding("deepObject", True) if kind == "form" else Encoding("form", True, content_type="application/json")
        )
    return Encoding("form", True)


def nesting(node: Any, inherited: str, where: str) -> str:
    """`x-zsdk-deep-object` of `node` (document, operation, parameter or encoding entry), else `inherited`."""
    value = node.get(NESTING_KEY) if isinstance(node, dict) else None
    if value is None:
        return inherited
    if value not in NESTINGS:
        raise error(f"{NESTING_KEY} must be one of {', '.join(NESTINGS)}, not {value!r}", f"{where}/{NESTING_KEY}")
    return str(value)


def param_encoding(
    param: dict[str, Any], location: str, inherited: str, where: str, diagnostics: list[Diagnostic]
) -> Encoding:
    """A parameter's encoding. A style its location does not admit is reported and replaced by the default."""
    content = param.get("content")
    media = next(iter(content), "") if isinstance(content, dict) and content else ""
    return _encoding(param, location, nesting(param, inherited, where), str(media), where, diagnostics)


def property_encoding(
    entry: Any, kind: str, value_kind: str, inherited: str, where: str, diagnostics: list[Diagnostic]
) -> Encoding:
    """A form or multipart body property's encoding from its `encoding` entry (None: it has none).

    `value_kind` is what its schema holds — scalar, array (of scalars), object, or objects (an array of objects).
    Without style or explode, a form property is `form`, exploded — but an object or an array of objects is
    `deepObject`: OpenAPI's form style would spread an object's fields among the body's own. A multipart
    property without a style is one part per value (a file, a scalar, each item of an array) and an object is a
    JSON part, unless its `contentType` says otherwise."""
    entry = entry if isinstance(entry, dict) else {}
    declared = "style" in entry or "explode" in entry or "allowReserved" in entry
    content_type = str(entry.get("contentType") or "")
    if kind == "multipart" and not declared:
        if not content_type and value_kind in ("object", "objects"):
            content_type = "application/json"
        return Encoding("form", True, content_type=content_type)
    if not declared and value_kind in ("object", "objects"):
        entry = {**entry, "style": "deepObject", "explode": True}
    return _encoding(entry, "body", nesting(entry, inherited, where), "", where, diagnostics)


def _encoding(
    node: dict[str, Any], location: str, deep: str, media: str, where: str, diagnostics: list[Diagnostic]
) -> Encoding:
    allowed = STYLES[location]
    style = node.get("style", allowed[0])
    if style not in allowed:
        message = f"style {style!r} is not one of {', '.join(allowed)} for a {location} value; {allowed[0]} is used"
        diagnostics.append(Diagnostic("warning", message, f"{where}/style"))
        style = allowed[0]
    explode = node.get("explode")
    allow_reserved = node.get("allowReserved") is True and location in ("query", "body")
    return Encoding(
        style=style, explode=explode if isinstance(explode, bool) else style == "form",
        allow_reserved=allow_reserved, nesting=deep, content_type=media,  # type: ignore[arg-type]
    )  # fmt: skip
