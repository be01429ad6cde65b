"""The IR: frozen dataclasses, language-neutral, serialisable to JSON.

Names here are canonical and target-free: model names are PascalCase words
(`PetStatus`), resource and method names are snake_case words (`api_keys`,
`list_artifacts`); wire names (`exclusiveStartKey`, `@type`) are kept as the
spec spells them. Targets re-case and escape them; templates never build names.
Paths into JSON bodies are tuples of field names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

TypeKind = Literal["string", "integer", "number", "boolean", "array", "map", "model", "literal", "any", "null"]


@dataclass(frozen=True)
class TypeRef:
    """A use of a type. `format` refines primitives (int32, int64, double, date, date-time, uuid, byte, binary…)."""

    kind: TypeKind
    format: str | None = None
    item: TypeRef | None = None  # array items, map values
    model: str | None = None  # kind == "model": the Model's name
    value: Any = None  # kind == "literal": the constant
    nullable: bool = False  # null is an allowed value (distinct from "optional")

    def with_nullable(self, nullable: bool = True) -> TypeRef:
        return TypeRef(self.kind, self.format, self.item, self.model, self.value, nullable)


@dataclass(frozen=True)
class Field:
    name: str  # wire name
    type: TypeRef
    required: bool
    description: str = ""
    default: Any = None
    has_default: bool = False
    deprecated: bool = False
    read_only: bool = False
    write_only: bool = False
    example: Any = None
    ident: str | None = None  # x-zsdk-name override for the identifier; wire name stays `name`


@dataclass(frozen=True)
class Discriminator:
    property: str
    # (wire value, model name), in spec order: the spec's mapping, then each other variant by the values its schema
    # allows the property (`const`, `enum`), else by the schema's name; one model per value
    mapping: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Model:
    name: str
    kind: Literal["object", "enum", "union", "alias"]
    source: str  # JSON pointer of the schema this model came from
    description: str = ""
    deprecated: bool = False
    example: Any = None
    # null is one of its values too: every reference to the model is nullable; the rest describes the others
    nullable: bool = False
    # object
    fields: tuple[Field, ...] = ()
    additional_properties: TypeRef | None = None  # None: no declared extra properties (unknown ones are still kept)
    parents: tuple[str, ...] = ()  # models merged in through allOf
    discriminator: Discriminator | None = None
    # enum
    enum_type: Literal["string", "integer", "number", "boolean"] | None = None
    values: tuple[Any, ...] = ()
    open: bool = True  # unknown enum values decode (always true for responses; kept for docs)
    # union
    variants: tuple[TypeRef, ...] = ()
    union_mode: Literal["oneOf", "anyOf"] | None = None
    # alias
    target: TypeRef | None = None


NESTINGS = ("indexed", "brackets", "repeat")


@dataclass(frozen=True)
class Encoding:
    """How a value travels in a path, query, header, cookie or form body (see ir/encoding.py)."""

    style: str  # simple | label | matrix | form | spaceDelimited | pipeDelimited | deepObject
    explode: bool
    allow_reserved: bool = False  # query and form values: RFC 3986 reserved characters are sent as they are
    nesting: Literal["indexed", "brackets", "repeat"] = "indexed"  # deepObject's arrays (x-zsdk-deep-object)
    content_type: str = ""  # a `content` parameter's media type; a multipart part's


@dataclass(frozen=True)
class Parameter:
    name: str  # wire name
    location: Literal["path", "query", "header", "cookie"]
    type: TypeRef
    required: bool
    description: str = ""
    deprecated: bool = False
    encoding: Encoding = Encoding("simple", False)
    default: Any = None
    has_default: bool = False
    ident: str | None = None


@dataclass(frozen=True)
class RequestBody:
    kind: Literal["json", "form", "multipart", "binary", "text"]
    media_type: str
    type: TypeRef
    required: bool
    description: str = ""
    # multipart: the names of fields that carry files
    file_fields: tuple[str, ...] = ()
    # form and multipart: each property's encoding, in the schema's order
    encoding: tuple[tuple[str, Encoding], ...] = ()


@dataclass(frozen=True)
class Header:
    name: str
    type: TypeRef
    description: str = ""


@dataclass(frozen=True)
class Response:
    status: str  # "200", "4XX", "default"
    kind: Literal["json", "binary", "text", "sse", "empty"]
    media_type: str = ""
    type: TypeRef | None = None
    description: str = ""
    headers: tuple[Header, ...] = ()


@dataclass(frozen=True)
class Pagination:
    style: Literal["cursor", "offset", "page", "link"]
    items: tuple[str, ...]  # path to the items in the raw body; () = the body is the list
    item_type: TypeRef
    cursor_param: str | None = None
    next_cursor: tuple[str, ...] | None = None
    cursor_item_field: str | None = None
    has_more: tuple[str, ...] | None = None
    offset_param: str | None = None
    limit_param: str | None = None
    total: tuple[str, ...] | None = None
    page_param: str | None = None
    per_page_param: str | None = None
    total_pages: tuple[str, ...] | None = None
    has_next: tuple[str, ...] | None = None


@dataclass(frozen=True)
class LoginFlow:
    operation_id: str
    scheme: str
    credentials: tuple[str, ...]
    token: tuple[str, ...]
    refresh_token: tuple[str, ...] | None = None
    expires_in: tuple[str, ...] | None = None
    refresh_operation_id: str | None = None
    refresh_param: str | None = None


@dataclass(frozen=True)
class Operation:
    id: str  # operationId (synthesised from method + path when the spec has none)
    name: str  # method name, snake_case
    http_method: str  # upper case
    path: str
    summary: str = ""
    description: str = ""
    deprecated: bool = False
    tags: tuple[str, ...] = ()
    params: tuple[Parameter, ...] = ()
    body: RequestBody | None = None
    responses: tuple[Response, ...] = ()  # 2xx (and 1xx/3xx when declared)
    errors: tuple[Response, ...] = ()  # 4xx, 5xx, default
    result: Response | None = None  # the success response the method returns
    result_type: TypeRef | None = None  # after envelope unwrapping; None for no body
    # security alternatives, each a tuple of scheme names; () inside means "no credentials needed"
    security: tuple[tuple[str, ...], ...] = ()
    public: bool = False  # no credentials are ever sent
    pagination: Pagination | None = None
    envelope: tuple[str, ...] | None = None  # path of the payload inside the raw body
    idempotent: bool = False
    idempotency_header: str | None = None
    streaming: Literal["sse"] | None = None
    result_ok: bool = False  # x-zsdk-result: ok — the call gives whether the server answered 2xx
    source: str = ""  # JSON pointer of the operation


@dataclass(frozen=True)
class Resource:
    name: str  # snake_case
    operations: tuple[Operation, ...] = ()
    resources: tuple[Resource, ...] = ()  # sub-resources
    description: str = ""


@dataclass(frozen=True)
class ServerVariable:
    name: str
    default: str
    enum: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Server:
    url: str  # template, e.g. https://api.{region}.example.com
    description: str = ""
    variables: tuple[ServerVariable, ...] = ()


@dataclass(frozen=True)
class OAuthFlow:
    kind: Literal["client_credentials", "authorization_code", "implicit", "password"]
    token_url: str = ""
    authorization_url: str = ""
    refresh_url: str = ""
    scopes: tuple[tuple[str, str], ...] = ()
    revoke_url: str = ""  # x-zsdk-revoke-url: OpenAPI has no field for it


@dataclass(frozen=True)
class SecurityScheme:
    name: str  # the key in components.securitySchemes
    kind: Literal["api_key", "bearer", "basic", "oauth2", "openid_connect", "http", "mutual_tls"]
    description: str = ""
    location: Literal["header", "query", "cookie"] | None = None  # api_key
    param_name: str | None = None  # api_key: header/query/cookie name
    scheme: str | None = None  # http: bearer, basic, digest…
    bearer_format: str | None = None
    flows: tuple[OAuthFlow, ...] = ()
    openid_url: str = ""


@dataclass(frozen=True)
class Api:
    title: str
    version: str
    description: str = ""
    license: str = ""  # info.license: its SPDX `identifier`, else its `name`, as the spec writes it
    source_version: str = ""  # the spec version that came in (before upgrade)
    servers: tuple[Server, ...] = ()
    security_schemes: tuple[SecurityScheme, ...] = ()
    security: tuple[tuple[str, ...], ...] = ()  # document-wide default
    resources: tuple[Resource, ...] = ()
    models: tuple[Model, ...] = ()
    login: LoginFlow | None = None
    global_headers: tuple[Parameter, ...] = ()  # header parameters every operation declares

    def all_operations(self) -> list[Operation]:
        out: list[Operation] = []
        stack = list(reversed(self.resources))
        while stack:
            resource = stack.pop()
            out.extend(resource.operations)
            stack.extend(reversed(resource.resources))
        return out


def resolve_alias(models: Mapping[str, Model], t: TypeRef | None) -> Model | None:
    """The model a type names, through aliases (None: not a model, an unknown one, or an alias cycle)."""
    seen = set()
    while t is not None and t.model is not None and t.kind == "model" and t.model in models and t.model not in seen:
        seen.add(t.model)
        model = models[t.model]
        if model.kind != "alias":
            return model
        t = model.target
    return None
