"""How parameters and form fields go on the wire (docs/serialization.md).

A call gives each parameter's or form property's :class:`Encoding` only when
it is not the default; the functions here turn values into path segments,
query and form pairs, header values, cookie pairs and multipart text parts.
"""

from __future__ import annotations

import datetime
import enum
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import quote

import pydantic

from ._types import NotGiven, Omit

__all__ = [
    "FORM",
    "SIMPLE",
    "Encoding",
    "Pairs",
    "form_pairs",
    "header_value",
    "is_json_media_type",
    "json_text",
    "path_segment",
    "plain",
    "scalar_text",
]

_RESERVED = ":/?@!$&'()*+,;="
_DELIMITERS = {"spaceDelimited": " ", "pipeDelimited": "|"}
_DEEP_OBJECT = "deepObject"


@dataclass(frozen=True)
class Encoding:
    """OpenAPI's ``style``, ``explode`` (``None``: true for ``form`` only),
    ``allowReserved``, how ``deepObject`` writes arrays (``indexed``,
    ``brackets``, ``repeat``) and a ``content`` media type."""

    style: str = "form"
    explode: bool | None = None
    allow_reserved: bool = False
    nesting: str = "indexed"
    content_type: str = ""

    @property
    def exploded(self) -> bool:
        return self.style == "form" if self.explode is None else self.explode


FORM = Encoding()
SIMPLE = Encoding("simple")

Pairs = list[tuple[str, str]]
Plain = str | int | float | bool | list["Plain"] | dict[str, "Plain"] | None


def plain(value: object) -> Plain:
    """``value`` as JSON-like data: models by wire name in declaration order
    (unset fields left out), enums by value, dates in ISO 8601; ``None``,
    ``NOT_GIVEN`` and ``omit`` items and fields dropped (an absent value is
    ``None``)."""
    if value is None or isinstance(value, (NotGiven, Omit)):
        return None
    if isinstance(value, pydantic.BaseModel):
        value = value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, Mapping):
        fields = ((str(k), plain(v)) for k, v in value.items())
        return {k: v for k, v in fields if v is not None}
    if isinstance(value, (list, tuple)):
        items = (plain(v) for v in value)
        return [v for v in items if v is not None]
    if isinstance(value, enum.Enum):
        return plain(value.value)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (str, int, float)):
        return value
    return str(value)


def json_text(value: Plain) -> str:
    """Compact JSON."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def is_json_media_type(media_type: str) -> bool:
    media = media_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


def scalar_text(value: Plain) -> str:
    """A scalar's text; a list or mapping (nested deeper than its style
    defines) is its compact JSON."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, (list, dict)):
        return json_text(value)
    return str(value)


def _strict(text: str) -> str:
    return quote(text, safe="")


def _reserved(text: str) -> str:
    return quote(text, safe=_RESERVED)


def _verbatim(text: str) -> str:
    return text


def _content(value: Plain, encoding: Encoding) -> Plain:
    """A ``content`` parameter is its compact JSON, as a scalar."""
    if encoding.content_type and value is not None:
        return json_text(value)
    return value


def _atoms(value: Plain, exploded_object: bool) -> list[str]:
    """An array's items or an object's ``key, value`` (or ``key=value``) texts."""
    if isinstance(value, dict):
        if exploded_object:
            return [f"{k}={scalar_text(v)}" for k, v in value.items()]
        return [t for k, v in value.items() for t in (k, scalar_text(v))]
    assert isinstance(value, list)
    return [scalar_text(v) for v in value]


def path_segment(name: str, value: object, encoding: Encoding = SIMPLE) -> str:
    """A path parameter by its style (simple, label, matrix), percent-encoded
    but for the style's delimiters; a missing or empty value is refused."""
    data = _content(plain(value), encoding)
    if data is None or data == "" or data == [] or data == {}:
        raise ValueError(f"Expected a non-empty value for path parameter {name!r}")
    explode = encoding.exploded
    if not isinstance(data, (list, dict)):
        text = _strict(scalar_text(data))
        return {"label": f".{text}", "matrix": f";{name}={text}"}.get(
            encoding.style, text
        )
    if isinstance(data, dict) and explode:
        atoms = [f"{_strict(k)}={_strict(scalar_text(v))}" for k, v in data.items()]
    else:
        atoms = [_strict(t) for t in _atoms(data, False)]
    if encoding.style == "label":
        return "." + ("." if explode else ",").join(atoms)
    if encoding.style == "matrix":
        if not explode:
            return f";{name}=" + ",".join(atoms)
        if isinstance(data, dict):
            return ";" + ";".join(atoms)
        return "".join(f";{name}={a}" for a in atoms)
    return ",".join(atoms)


def header_value(value: object, encoding: Encoding = SIMPLE) -> str | None:
    """A header parameter, style simple, not percent-encoded (``None``:
    not sent)."""
    data = _content(plain(value), encoding)
    if data is None or data == [] or data == {}:
        return None
    if not isinstance(data, (list, dict)):
        return scalar_text(data)
    return ",".join(_atoms(data, encoding.exploded))


def form_pairs(
    name: str, value: object, encoding: Encoding = FORM, escape: bool = True
) -> Pairs:
    """The ``(name, value)`` pairs of a query parameter, form field or cookie
    by its style; percent-encoded when ``escape`` (a multipart body's text
    parts are not)."""
    data = _content(plain(value), encoding)
    if data is None or data == [] or data == {}:
        return []
    names = _strict if escape else _verbatim
    values = (_reserved if encoding.allow_reserved else _strict) if escape else names
    if encoding.style == _DEEP_OBJECT:
        return _deep(names(name), data, encoding.nesting, names, values)
    if not isinstance(data, (list, dict)):
        return [(names(name), values(scalar_text(data)))]
    if encoding.exploded:
        if isinstance(data, dict):
            return [(names(k), values(scalar_text(v))) for k, v in data.items()]
        return [(names(name), values(scalar_text(v))) for v in data]
    delimiter = (
        names(_DELIMITERS[encoding.style]) if encoding.style in _DELIMITERS else ","
    )
    return [(names(name), delimiter.join(values(t) for t in _atoms(data, False)))]


def _deep(
    key: str,
    data: Plain,
    nesting: str,
    names: Callable[[str], str],
    values: Callable[[str], str],
) -> Pairs:
    """deepObject: ``key[field]=...``, arrays by ``nesting``."""
    if isinstance(data, dict):
        children = [
            (f"{key}{names('[')}{names(k)}{names(']')}", v) for k, v in data.items()
        ]
    elif isinstance(data, list):
        children = [(key + _index(i, nesting, names), v) for i, v in enumerate(data)]
    else:
        return [(key, values(scalar_text(data)))]
    return [pair for k, v in children for pair in _deep(k, v, nesting, names, values)]


def _index(i: int, nesting: str, names: Callable[[str], str]) -> str:
    """An array item's key suffix: ``[0]`` (indexed), ``[]`` (brackets), none (repeat)."""
    if nesting == "repeat":
        return ""
    return names("[") + (str(i) if nesting == "indexed" else "") + names("]")
