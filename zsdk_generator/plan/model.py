"""The SdkPlan: what the SDK is — its surface and behaviour — decided once for every language.

The IR says what the API is. The plan says what every SDK built from it does: the client's options and where
each credential comes from (its environment variable), the resource tree with every public name, and per call
how each parameter travels (location, wire name, style, explode), what the body is, which credentials may be
sent, whether an idempotency key is added, how the response is unwrapped and paged. A target only spells it.

Names are `Name`s: lowercase ASCII words, never cased. A target joins them in its own casing (snake_case,
camelCase, PascalCase); the plan has already made every name unique within its scope in the strictest spelling
(the words run together), so no casing can make two of them collide. Frozen dataclasses, serialisable to JSON
(`zsdk-generator plan SPEC`), documented in docs/plan.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from ..ir.model import Encoding, Model, Pagination, TypeRef

Location = Literal["path", "query", "header", "cookie"]


@dataclass(frozen=True)
class Name:
    """A public name as words (`("list", "artifacts")`). `key` is the IR path it was decided for."""

    words: tuple[str, ...]
    key: str

    def to_data(self) -> str:
        """How the plan's JSON shows a name: its words, space-separated."""
        return " ".join(self.words)

    @property
    def compact(self) -> str:
        """The words run together: the spelling in which the plan keeps every name of a scope unique."""
        return "".join(self.words)


@dataclass(frozen=True)
class Credential:
    """One value the client takes to authenticate, and the environment variable it falls back to."""

    name: Name  # the client option: api_key, username, client_secret, access_token…
    env: str  # VIBECAAS_API_KEY
    secret: bool = True


@dataclass(frozen=True)
class AuthorizationCodePlan:
    """An OAuth2 `authorizationCode` flow: where users are sent to grant access, where codes and refresh tokens
    are exchanged, and the scopes an app can ask for (names, in spec order). A URL may be relative to the API's
    base URL."""

    authorization_url: str
    token_url: str
    refresh_url: str  # the token URL when the spec gives none
    revoke_url: str = ""  # x-zsdk-revoke-url; empty: the SDK has no revoke
    scopes: tuple[str, ...] = ()


@dataclass(frozen=True)
class AuthPlan:
    """How one security scheme authenticates a request, with the credentials it needs."""

    scheme: str  # the key in components.securitySchemes
    kind: Literal["api_key", "bearer", "basic", "oauth2_client_credentials", "oauth2_authorization_code", "login"]
    credentials: tuple[Credential, ...]
    location: Literal["header", "query", "cookie"] | None = None  # api_key
    param_name: str | None = None  # api_key: the header, query or cookie name
    token_url: str = ""  # oauth2 client credentials
    # An OAuth2 scheme's authorizationCode flow (kind oauth2_authorization_code, or oauth2_client_credentials when
    # the scheme has both flows): the client takes a token set from it and has the authorization helpers.
    authorization_code: AuthorizationCodePlan | None = None


@dataclass(frozen=True)
class ServerVariablePlan:
    name: Name  # the client option (`region`)
    wire: str  # the name in the URL template
    default: str
    enum: tuple[str, ...] = ()  # a value outside it is refused when the client is made
    description: str = ""


@dataclass(frozen=True)
class RetryPlan:
    max_retries: int
    base_delay: float  # seconds
    max_delay: float
    timeout: float
    statuses: tuple[int, ...] = (408, 429, 500, 502, 503, 504)  # 409 only with `x-should-retry: true`
    refresh_buffer: float = 60.0  # seconds before a token expires that it is refreshed (auth_config)
    refresh_retries: int = 2  # retries of a login token refresh that failed retryably (auth_config)


@dataclass(frozen=True)
class LoginPlan:
    """`x-zsdk-login`: the call that exchanges credentials for a token the client then sends as a bearer token,
    refreshing it before it expires (with the refresh call, else by logging in again)."""

    scheme: str  # the security scheme the token satisfies
    call: str  # the login operation's key (its CallPlan is in the resource tree too)
    http_method: str
    path: str
    security: tuple[tuple[str, ...], ...]  # what the login call itself may send, as CallPlan.security
    public: bool  # the login call sends no credentials
    credentials: tuple[Name, ...]  # the login call's JSON body fields, in spec order (wire names are the words' source)
    wire: tuple[str, ...]  # the same fields as the body spells them
    token: tuple[str, ...]  # the token's path in the response
    refresh_token: tuple[str, ...] | None = None
    expires_in: tuple[str, ...] | None = None
    refresh_http_method: str | None = None
    refresh_path: str | None = None
    refresh_param: str | None = None  # the refresh call's body field that carries the refresh token


@dataclass(frozen=True)
class ClientPlan:
    name: Name  # the client class (`vibedasher`, `zatabase client`); package names are each language's own
    class_name: str  # the client class as zsdk.yaml spells it (`VibeCaaS`): casing words cannot keep
    version: str  # the SDK's version
    base_url: str  # the first server's URL template
    server_variables: tuple[ServerVariablePlan, ...]
    auth: tuple[AuthPlan, ...]
    default_security: tuple[tuple[str, ...], ...]  # alternatives of scheme names; () inside: none needed
    retries: RetryPlan
    login: LoginPlan | None = None

    @property
    def request_auth(self) -> list[AuthPlan]:
        """The schemes a client is given credentials for, in spec order: every one but the login scheme."""
        return [a for a in self.auth if a.kind != "login"]

    @property
    def login_scheme(self) -> AuthPlan | None:
        """The scheme an `x-zsdk-login` call's token satisfies, if the API has one."""
        return next((a for a in self.auth if a.kind == "login"), None)

    def security_set(self, public: bool, security: tuple[tuple[str, ...], ...]) -> list[tuple[str, ...]] | None:
        """The security alternatives a request sets itself — none at all for a public call — or None when they
        are the client's default."""
        if public:
            return []
        return list(security) if security != self.default_security else None


@dataclass(frozen=True)
class ParamPlan:
    name: Name  # the identifier users write
    wire: str  # the name on the wire
    location: Location
    type: TypeRef
    required: bool
    encoding: Encoding | None  # style, explode, allowReserved, deepObject's arrays, a `content` media type;
    # None: the location's default (simple in a path or header, form exploded in a query or cookie)
    description: str = ""
    deprecated: bool = False
    default: object = None  # the spec's default value, if any


@dataclass(frozen=True)
class BodyPlan:
    kind: Literal["json", "form", "multipart", "binary", "text"]
    media_type: str
    type: TypeRef
    required: bool
    file_fields: tuple[str, ...] = ()  # multipart parts that carry files
    # form and multipart: by wire name, the properties whose encoding is not what the runtimes infer from the value
    encoding: tuple[tuple[str, Encoding], ...] = ()
    description: str = ""


@dataclass(frozen=True)
class CallPlan:
    """One operation as a method of its resource."""

    key: str  # the operationId
    name: Name
    http_method: str
    path: str  # the template, `/widgets/{widget_id}`
    path_params: tuple[ParamPlan, ...]  # in the order the template names them
    query: tuple[ParamPlan, ...]  # in declaration order: the order they are sent
    headers: tuple[ParamPlan, ...]
    cookies: tuple[ParamPlan, ...]
    body: BodyPlan | None
    result: TypeRef | None  # after the envelope is unwrapped; None: no body (and for an `ok` call)
    # `ok` (x-zsdk-result: ok): a boolean — true for a 2xx answer, false for an error status or no answer
    result_kind: Literal["json", "binary", "text", "sse", "empty", "ok"]
    result_media_type: str  # the success response's media type (what a binary, text or SSE call accepts)
    envelope: tuple[str, ...] | None  # the payload's path in the raw body
    paging: Pagination | None  # the IR's: limit_param / per_page_param are sent again on every page
    security: tuple[tuple[str, ...], ...]  # alternatives; a () alternative means no credentials are needed
    public: bool  # never sends credentials
    idempotency_header: str | None  # the header that carries a v4 UUID key, the same on every retry
    summary: str = ""
    description: str = ""
    deprecated: bool = False
    source: str = ""  # JSON pointer of the operation


@dataclass(frozen=True)
class ResourcePlan:
    name: Name  # the attribute on its parent (`api_keys`)
    path: tuple[Name, ...]  # from the client down to this resource
    calls: tuple[CallPlan, ...]
    resources: tuple[ResourcePlan, ...]
    description: str = ""

    def walk(self) -> Iterator[ResourcePlan]:
        """This resource, then its sub-resources', each before its own."""
        yield self
        for child in self.resources:
            yield from child.walk()


@dataclass(frozen=True)
class ClientCall:
    """A call lifted onto the client (`client_methods` in zsdk.yaml): `db.execute_sql(...)` beside
    `db.sql.execute_sql(...)`. Its name is the call's own; no other client member has it."""

    resource: tuple[Name, ...]  # the resource it stays on, from the client down
    call: CallPlan


@dataclass(frozen=True)
class SdkPlan:
    title: str
    version: str  # the API's version (info.version)
    description: str
    client: ClientPlan
    resources: tuple[ResourcePlan, ...]
    models: tuple[Model, ...]
    client_calls: tuple[ClientCall, ...] = ()
    license: str = ""  # the spec's license (Api.license); a package manifest writes it when its registry takes it

    def all_resources(self) -> Iterator[ResourcePlan]:
        """Every resource, each before its sub-resources, in spec order."""
        for resource in self.resources:
            yield from resource.walk()

    def all_calls(self) -> list[CallPlan]:
        return [call for resource in self.all_resources() for call in resource.calls]
