"""The OpenAPI object model as far as the upgrade and the IR builder read it: a table, checked by structure.py.

Each object lists the fields something downstream reads and the shape each
must have. A field marked `soft` is one the builder can do without: a
wrong-typed value is dropped with a warning (or, where it plainly stands for
a value — the text "true" for a flag — read as that value). Any other
wrong-typed field is an error that stops the pipeline before the upgrade.
Fields nobody reads are not listed (and not checked); `x-` extensions are
free-form except the `x-zsdk-*` ones we read (docs/extensions.md).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Union

Shape = Union["Scalar", "Obj", "ListOf", "Either", "Named"]
Concrete = Union["Scalar", "Obj", "ListOf", "Either"]


@dataclass(frozen=True)
class Scalar:
    expected: str
    kinds: tuple[type, ...] = ()  # exact types (so True is not an int); () = anything


@dataclass(frozen=True)
class Field:
    shape: Shape
    soft: bool = False  # wrong-typed: dropped with a warning instead of an error
    # For a soft field: the value a wrong-typed one stands for, when it plainly stands for one (else None).
    salvage: Callable[[Any], Any] | None = None


@dataclass(frozen=True)
class Obj:
    """A mapping: known fields, and a shape for every other key (a map of names) or None (other keys unread)."""

    noun: str = ""  # "" for a plain map of names: "a mapping of <plural of rest>"
    fields: Mapping[str, Field] = field(default_factory=dict)
    rest: Shape | None = None
    ref: Literal["none", "replaces", "with-siblings"] = "none"  # how `$ref` may stand in for the object
    extensions: bool = True  # `x-` keys are extensions, not names (false for maps of names like properties)
    plural: str = ""


@dataclass(frozen=True)
class ListOf:
    item: Shape
    noun: str  # plural: "a list of <noun>"


@dataclass(frozen=True)
class Either:
    options: tuple[Shape, ...]


@dataclass(frozen=True)
class Named:
    """A shape of the table by name (a schema contains schemas; an operation, parameters)."""

    name: str


Table = Mapping[str, Shape]


def resolve(shape: Shape, table: Table) -> Concrete:
    while isinstance(shape, Named):
        shape = table[shape.name]
    return shape


def expected(shape: Shape, table: Table) -> str:
    """What a value of `shape` is, for messages: "a list of parameters", "a schema (a mapping) or true or false"."""
    shape = resolve(shape, table)
    if isinstance(shape, Scalar):
        return shape.expected
    if isinstance(shape, ListOf):
        return f"a list of {shape.noun}"
    if isinstance(shape, Either):
        return " or ".join(expected(option, table) for option in shape.options)
    if not shape.noun:
        return f"a mapping of {plural(shape.rest, table)}"
    if shape.noun.startswith("a "):
        return shape.noun
    return f"{'an' if shape.noun[:1].lower() in 'aeiou' else 'a'} {shape.noun} (a mapping)"


def plural(shape: Shape | None, table: Table) -> str:
    shape = resolve(shape, table) if shape is not None else None
    if isinstance(shape, Obj) and shape.noun:
        return shape.plural or shape.noun + "s"
    if isinstance(shape, Either):
        return plural(shape.options[0], table)
    return "values"


def map_of(value: Shape, noun: str = "", extensions: bool = False) -> Obj:
    """A mapping of names to `value`s."""
    return Obj(noun, rest=value, extensions=extensions)


def soft(shape: Shape) -> Field:
    return Field(shape, soft=True)


def hard(shape: Shape) -> Field:
    return Field(shape)


def all_of(shape: Shape, *keys: str) -> dict[str, Field]:
    """The same field for several keys."""
    return {key: hard(shape) for key in keys}


# ---------------------------------------------------------------------------------------------- scalars

ANY = Scalar("anything")
STRING = Scalar("a string", (str,))
TEXT = Scalar("text (a string or a number)", (str, int, float))
BOOLEAN = Scalar("true or false", (bool,))
NUMBER = Scalar("a number", (int, float))
SCALAR = Scalar("a string, number or boolean", (str, int, float, bool))
STRINGS = ListOf(STRING, "strings")


def _true_or_false(value: Any) -> bool | None:
    """`"true"` / `"false"` written as text: what the builder read as a truth value before (wrongly for "false")."""
    text = value.strip().lower() if isinstance(value, str) else ""
    return {"true": True, "false": False}.get(text)


FLAG = Field(BOOLEAN, soft=True, salvage=_true_or_false)  # required, deprecated, readOnly, writeOnly

SCHEMA = Named("Schema")
SCHEMA_OR_BOOLEAN = Either((SCHEMA, BOOLEAN))
SCHEMAS = ListOf(SCHEMA_OR_BOOLEAN, "schemas")
SCHEMA_MAP = map_of(SCHEMA_OR_BOOLEAN, "a mapping of names to schemas")

# ---------------------------------------------------------------------------------------------- x-zsdk-*

_PAGINATION_KEYS = (
    "style", "items", "cursor_param", "next_cursor", "cursor_item_field", "has_more", "offset_param", "limit_param",
    "total", "page_param", "per_page_param", "total_pages", "has_next",
)  # fmt: skip
PAGINATION = Obj("a mapping of x-zsdk-pagination settings", all_of(STRING, *_PAGINATION_KEYS))
LOGIN = Obj(
    "a mapping of x-zsdk-login settings",
    {
        "credentials": hard(STRINGS),
        **all_of(STRING, "scheme", "token", "refresh_token", "expires_in", "refresh_operation", "refresh_param"),
    },
)
ENVELOPE = hard(Either((STRING, BOOLEAN)))
ZSDK_NAME = {"x-zsdk-name": soft(STRING)}

# ---------------------------------------------------------------------------------------------- schemas

_SUB_SCHEMA_KEYS = (
    "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedProperties",
    "unevaluatedItems", "additionalItems",
)  # fmt: skip
DISCRIMINATOR = Obj(
    "discriminator object",
    {"propertyName": soft(STRING), "mapping": soft(map_of(STRING, "a mapping of values to $refs"))},
)
_SCHEMA_FIELDS: dict[str, Field] = {
    "type": soft(Either((STRING, STRINGS))),
    "format": soft(STRING),
    **all_of(SCHEMA_MAP, "properties", "patternProperties", "$defs", "definitions", "dependentSchemas"),
    "items": hard(Either((SCHEMA_OR_BOOLEAN, SCHEMAS))),
    **all_of(SCHEMAS, "prefixItems", "allOf", "anyOf", "oneOf"),
    **all_of(SCHEMA_OR_BOOLEAN, *_SUB_SCHEMA_KEYS),
    "required": soft(ListOf(ANY, "property names")),
    "enum": soft(ListOf(ANY, "values")),
    "discriminator": soft(Either((STRING, DISCRIMINATOR))),  # a string in Swagger 2.0
    "nullable": soft(BOOLEAN),
    "x-nullable": soft(BOOLEAN),
    "exclusiveMinimum": soft(Either((BOOLEAN, NUMBER))),
    "exclusiveMaximum": soft(Either((BOOLEAN, NUMBER))),
    "title": soft(TEXT),
    "description": soft(TEXT),
    "deprecated": FLAG,
    "readOnly": FLAG,
    "writeOnly": FLAG,
    "contentEncoding": soft(STRING),
    "contentMediaType": soft(STRING),
    **ZSDK_NAME,
}

# ---------------------------------------------------------------------------------------------- both versions

_DESCRIBED = {"description": soft(TEXT)}
_INFO = hard(Obj("info object", {"title": soft(TEXT), "version": soft(TEXT), **_DESCRIBED}))
_TAGS = hard(ListOf(Obj("tag", {"name": soft(TEXT), **_DESCRIBED}), "tags"))
_SECURITY = hard(ListOf(map_of(ANY, "a security requirement (a mapping of scheme names)"), "security requirements"))
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_PATHS = hard(Obj("a mapping of paths to path items", rest=Named("PathItem")))
_RESPONSES = hard(Obj("a mapping of status codes to responses", rest=Named("Response")))
_PARAMETERS = hard(ListOf(Named("Parameter"), "parameters"))
_OPERATION_FIELDS = {
    "tags": soft(ListOf(TEXT, "tag names")),
    "summary": soft(TEXT),
    **_DESCRIBED,
    "operationId": soft(STRING),
    "deprecated": FLAG,
    "parameters": _PARAMETERS,
    "responses": _RESPONSES,
    "security": _SECURITY,
    "x-zsdk-resource": soft(STRING),
    "x-zsdk-idempotent": soft(BOOLEAN),
    "x-zsdk-envelope": ENVELOPE,
    "x-zsdk-pagination": hard(Either((BOOLEAN, PAGINATION))),
    "x-zsdk-login": hard(LOGIN),
    "x-zsdk-result": hard(STRING),
    **ZSDK_NAME,
}
_PATH_ITEM_FIELDS = {"parameters": _PARAMETERS, **all_of(Named("Operation"), *_METHODS)}
_ROOT_FIELDS = {"info": _INFO, "paths": _PATHS, "security": _SECURITY, "tags": _TAGS, "x-zsdk-envelope": ENVELOPE}

# ---------------------------------------------------------------------------------------------- OpenAPI 3.x

_PARAMETER_LIKE = {
    **_DESCRIBED,
    "required": FLAG,
    "deprecated": FLAG,
    "style": soft(STRING),
    "explode": soft(BOOLEAN),
    "allowReserved": soft(BOOLEAN),
    "schema": hard(SCHEMA_OR_BOOLEAN),
    "content": hard(map_of(Named("MediaType"))),
    **ZSDK_NAME,
}
_HEADERS = hard(map_of(Named("Header")))
_CONTENT = hard(map_of(Named("MediaType")))
OAUTH_FLOW = Obj(
    "OAuth flow",
    {
        **all_of(STRING, "authorizationUrl", "tokenUrl", "refreshUrl"),
        "scopes": soft(map_of(TEXT, "a mapping of scopes to descriptions")),
    },
)
SERVER_VARIABLE = Obj(
    "server variable",
    {"enum": soft(ListOf(SCALAR, "strings")), "default": soft(SCALAR), **_DESCRIBED},
)
SERVER = Obj("server", {"url": soft(STRING), **_DESCRIBED, "variables": hard(map_of(SERVER_VARIABLE))})
COMPONENTS = Obj(
    "components object",
    {
        "schemas": hard(SCHEMA_MAP),
        "responses": hard(map_of(Named("Response"))),
        "parameters": hard(map_of(Named("Parameter"))),
        "requestBodies": hard(map_of(Named("RequestBody"))),
        "headers": _HEADERS,
        "securitySchemes": hard(map_of(Named("SecurityScheme"))),
        "callbacks": hard(map_of(Named("Callback"))),
        "pathItems": hard(map_of(Named("PathItem"))),
    },
)

OPENAPI_3: dict[str, Shape] = {
    "OpenAPI": Obj(
        "OpenAPI document",
        {
            **_ROOT_FIELDS,
            "servers": hard(ListOf(SERVER, "servers")),
            "webhooks": hard(map_of(Named("PathItem"))),
            "components": hard(COMPONENTS),
        },
    ),
    "PathItem": Obj("path item", {"summary": soft(TEXT), **_DESCRIBED, **_PATH_ITEM_FIELDS}, ref="replaces"),
    "Operation": Obj(
        "operation",
        {
            **_OPERATION_FIELDS,
            "requestBody": hard(Named("RequestBody")),
            "callbacks": hard(map_of(Named("Callback"))),
        },
    ),
    "Parameter": Obj("parameter", {"name": hard(STRING), "in": hard(STRING), **_PARAMETER_LIKE}, ref="replaces"),
    "Header": Obj("header", _PARAMETER_LIKE, ref="replaces"),
    "RequestBody": Obj(
        "request body",
        {**_DESCRIBED, "required": FLAG, "content": _CONTENT},
        ref="replaces",
        plural="request bodies",
    ),
    "MediaType": Obj(
        "media type",
        {
            "schema": hard(SCHEMA_OR_BOOLEAN),
            "encoding": hard(map_of(Obj("encoding", {
                "contentType": soft(STRING), "headers": _HEADERS,
                "style": soft(STRING), "explode": soft(BOOLEAN), "allowReserved": soft(BOOLEAN),
            }))),  # fmt: skip
        },
    ),
    "Response": Obj(
        "response",
        {**_DESCRIBED, "headers": _HEADERS, "content": _CONTENT, "x-zsdk-envelope": ENVELOPE},
        ref="replaces",
    ),
    "Callback": Obj("callback", rest=Named("PathItem"), ref="replaces"),
    "SecurityScheme": Obj(
        "security scheme",
        {
            "type": hard(STRING),
            **_DESCRIBED,
            **{key: soft(STRING) for key in ("name", "in", "scheme", "bearerFormat", "openIdConnectUrl")},
            "flows": hard(Obj("a mapping of OAuth flows", rest=OAUTH_FLOW)),
        },
        ref="replaces",
    ),
    "Schema": Obj("schema", _SCHEMA_FIELDS, ref="with-siblings"),
}

# ---------------------------------------------------------------------------------------------- Swagger 2.0

# The schema fields of a non-body parameter, a header and an Items object.
_SWAGGER_SCHEMA_FIELDS = {
    "type": soft(STRING),
    "format": soft(STRING),
    "items": hard(SCHEMA),
    "enum": soft(ListOf(ANY, "values")),
    "exclusiveMinimum": soft(BOOLEAN),
    "exclusiveMaximum": soft(BOOLEAN),
    "x-nullable": soft(BOOLEAN),
    "collectionFormat": soft(STRING),
}
_MEDIA_TYPES = soft(ListOf(STRING, "media types"))

SWAGGER_2: dict[str, Shape] = {
    "Swagger": Obj(
        "Swagger document",
        {
            **_ROOT_FIELDS,
            "host": soft(STRING),
            "basePath": soft(STRING),
            "schemes": soft(ListOf(STRING, "URL schemes")),
            "consumes": _MEDIA_TYPES,
            "produces": _MEDIA_TYPES,
            "definitions": hard(SCHEMA_MAP),
            "parameters": hard(map_of(Named("Parameter"))),
            "responses": hard(map_of(Named("Response"))),
            "securityDefinitions": hard(map_of(Named("SecurityScheme"))),
        },
    ),
    "PathItem": Obj("path item", _PATH_ITEM_FIELDS, ref="replaces"),
    "Operation": Obj("operation", {**_OPERATION_FIELDS, "consumes": _MEDIA_TYPES, "produces": _MEDIA_TYPES}),
    "Parameter": Obj(
        "parameter",
        {
            "name": hard(STRING),
            "in": hard(STRING),
            **_DESCRIBED,
            "required": FLAG,
            "deprecated": FLAG,
            "schema": hard(SCHEMA),
            **_SWAGGER_SCHEMA_FIELDS,
            **ZSDK_NAME,
        },
        ref="replaces",
    ),
    "Response": Obj(
        "response",
        {
            **_DESCRIBED,
            "schema": hard(SCHEMA),
            "headers": hard(map_of(Obj("header", {**_DESCRIBED, **_SWAGGER_SCHEMA_FIELDS}))),
            "x-zsdk-envelope": ENVELOPE,
        },
        ref="replaces",
    ),
    "SecurityScheme": Obj(
        "security scheme",
        {
            "type": hard(STRING),
            **_DESCRIBED,
            **{key: soft(STRING) for key in ("name", "in", "flow", "authorizationUrl", "tokenUrl")},
            "scopes": soft(map_of(TEXT, "a mapping of scopes to descriptions")),
        },
    ),
    "Schema": OPENAPI_3["Schema"],
}
