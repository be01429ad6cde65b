"""IR + zsdk.yaml → SdkPlan: every decision the behaviour contract makes, made once, for every language."""

from __future__ import annotations

import re

from ..config import LanguageConfig
from ..diagnostics import error
from ..ir.encoding import default
from ..ir.model import Api, OAuthFlow, Operation, Parameter, Resource, SecurityScheme
from ..ir.naming import words
from .credentials import plan_credentials
from .model import (
    AuthorizationCodePlan,
    AuthPlan,
    BodyPlan,
    CallPlan,
    ClientCall,
    ClientPlan,
    Credential,
    LoginPlan,
    Name,
    ParamPlan,
    ResourcePlan,
    RetryPlan,
    SdkPlan,
    ServerVariablePlan,
)
from .names import Scope

# Options every client takes besides credentials and server variables: a credential or variable never takes
# one of these names.
CLIENT_OPTIONS = (
    "base_url", "timeout", "max_retries", "retry_config", "auth_config", "default_headers", "http_client",
    "on_request", "on_response",
)  # fmt: skip
# Per-call options every method takes: a parameter never takes one of these names.
CALL_OPTIONS = ("extra_headers", "extra_query", "extra_body", "timeout", "max_retries", "idempotency_key", "body")
# Credentials that are not secrets (the rest are: an SDK never prints them).
_PUBLIC = ("username", "client_id")


def build_plan(api: Api, shared: LanguageConfig) -> SdkPlan:
    """The plan of `api` with one language's settings of zsdk.yaml (`Config.for_language`, or `Config.shared`).
    What settings decide (client name, SDK version, retries) may differ per language; nothing else can."""
    client = _client(api, shared)
    resources = _resources(api.resources, Scope(), ())
    return SdkPlan(
        title=api.title,
        version=api.version,
        description=api.description,
        client=client,
        resources=resources,
        models=api.models,
        client_calls=_client_calls(resources, client, shared.client_methods),
        license=api.license,
    )


def _client_calls(
    resources: tuple[ResourcePlan, ...], client: ClientPlan, chosen: str | tuple[str, ...]
) -> tuple[ClientCall, ...]:
    """The calls `client_methods` lifts onto the client (`all`, `none`, or operationIds), in spec order. A name
    that another client member has — a resource, a client option, a credential, `authenticate`, another lifted
    call — is an error naming both."""
    found = [(r.path, c) for top in resources for r in top.walk() for c in r.calls]
    if chosen == "none":
        return ()
    if chosen != "all":
        known = {c.key for _, c in found}
        unknown = [key for key in chosen if key not in known]
        if unknown:
            raise error(f"no operation {unknown[0]!r} in the spec", "/client_methods")
        found = [(path, c) for path, c in found if c.key in chosen]
    members = {r.name.compact: f"the resource {r.name.to_data()!r}" for r in resources}
    members.update({option.replace("_", ""): f"the client option {option!r}" for option in CLIENT_OPTIONS})
    members.update({c.name.compact: "a credential" for a in client.auth for c in a.credentials})
    if client.login is not None:
        members["authenticate"] = "the client's authenticate method"
    out = []
    for path, call in found:
        compact = call.name.compact
        if compact in members:
            where = ".".join(n.to_data().replace(" ", "_") for n in path)
            message = f"{call.key} ({where}.{call.name.to_data()}) would take the name of {members[compact]}"
            raise error(message, "/client_methods")
        members[compact] = f"the lifted call {call.key}"
        out.append(ClientCall(path, call))
    return tuple(out)


# ---------------------------------------------------------------------------------------------- the client


def _client(api: Api, shared: LanguageConfig) -> ClientPlan:
    auth = _auth(api, shared)
    scope = Scope((*CLIENT_OPTIONS, *(c.name.compact for a in auth for c in a.credentials)))
    server = api.servers[0] if api.servers else None
    variables = tuple(
        ServerVariablePlan(scope.claim(v.name, f"server/{v.name}"), v.name, v.default, v.enum, v.description)
        for v in (server.variables if server else ())
    )
    r = shared.retries
    return ClientPlan(
        name=Name(tuple(words(shared.client_name)) or ("client",), "client"),
        class_name=shared.client_name,
        version=shared.version,
        base_url=server.url if server else "",
        server_variables=variables,
        auth=auth,
        default_security=api.security,
        retries=RetryPlan(
            r.max_retries,
            r.base_delay,
            r.max_delay,
            r.timeout,
            refresh_buffer=r.refresh_buffer,
            refresh_retries=r.refresh_retries,
        ),
        login=_login(api),
    )


def _login(api: Api) -> LoginPlan | None:
    flow = api.login
    operations = {op.id: op for op in api.all_operations()}
    op = operations.get(flow.operation_id) if flow else None
    if flow is None or op is None:
        return None
    refresh = operations.get(flow.refresh_operation_id or "")
    scope = Scope(("login", "refresh"))
    return LoginPlan(
        scheme=flow.scheme,
        call=op.id,
        http_method=op.http_method,
        path=op.path,
        security=() if op.public else op.security,
        public=op.public,
        credentials=tuple(scope.claim(c, f"login/{c}", "credential") for c in flow.credentials),
        wire=flow.credentials,
        token=flow.token,
        refresh_token=flow.refresh_token,
        expires_in=flow.expires_in,
        refresh_http_method=refresh.http_method if refresh else None,
        refresh_path=refresh.path if refresh else None,
        refresh_param=flow.refresh_param,
    )


def _auth(api: Api, shared: LanguageConfig) -> tuple[AuthPlan, ...]:
    """Each scheme the SDK can authenticate with, in spec order, with its credentials (`credentials.py`)."""
    login = api.login.scheme if api.login else None
    named = plan_credentials(api, shared)
    out: list[AuthPlan] = []
    for scheme in api.security_schemes:
        if scheme.name not in named:
            continue
        found = tuple(
            Credential(Name(tuple(c.name.split("_")), f"auth/{scheme.name}/{c.name}"), c.env, c.name not in _PUBLIC)
            for c in named[scheme.name]
        )
        out.append(_scheme(scheme, scheme.name == login, found))
    return tuple(out)


def _scheme(scheme: SecurityScheme, login: bool, credentials: tuple[Credential, ...]) -> AuthPlan:
    name = scheme.name
    if login:
        return AuthPlan(name, "login", credentials)
    if scheme.kind == "api_key":
        return AuthPlan(name, "api_key", credentials, scheme.location or "header", scheme.param_name or name)
    if scheme.kind == "oauth2":
        code = next((_code_flow(f) for f in scheme.flows if f.kind == "authorization_code"), None)
        flow = next((f for f in scheme.flows if f.kind == "client_credentials"), None)
        if flow is not None:
            return AuthPlan(name, "oauth2_client_credentials", credentials, token_url=flow.token_url,
                            authorization_code=code)  # fmt: skip
        if code is not None:
            return AuthPlan(name, "oauth2_authorization_code", credentials, token_url=code.token_url,
                            authorization_code=code)  # fmt: skip
    return AuthPlan(name, "basic" if scheme.kind == "basic" else "bearer", credentials)


def _code_flow(flow: OAuthFlow) -> AuthorizationCodePlan:
    return AuthorizationCodePlan(flow.authorization_url, flow.token_url, flow.refresh_url or flow.token_url,
                                 flow.revoke_url, tuple(name for name, _ in flow.scopes))  # fmt: skip


# ---------------------------------------------------------------------------------------------- resources


def _resources(resources: tuple[Resource, ...], scope: Scope, trail: tuple[Name, ...]) -> tuple[ResourcePlan, ...]:
    out = []
    for resource in resources:
        key = "/".join(["resources", *(n.key.rsplit("/", 1)[-1] for n in trail), resource.name])
        name = scope.claim(resource.name, key)
        members = Scope()  # a resource's sub-resources and methods are attributes of one object
        children = _resources(resource.resources, members, (*trail, name))
        calls = tuple(_call(op, members.claim(op.name, f"operations/{op.id}", "call")) for op in resource.operations)
        out.append(ResourcePlan(name, (*trail, name), calls, children, resource.description))
    return tuple(out)


def _call(op: Operation, name: Name) -> CallPlan:
    scope = Scope(CALL_OPTIONS)
    params = []
    for p in _path_order(op):
        params.append(_param(p, scope.claim(p.ident or p.name, f"operations/{op.id}/params/{p.location}/{p.name}")))

    def located(location: str) -> tuple[ParamPlan, ...]:
        return tuple(plan for plan in params if plan.location == location)

    body = op.body
    result_kind = "ok" if op.result_ok else op.result.kind if op.result else "empty"
    ok = result_kind == "ok"  # the body is not read: no result type, envelope or pages
    return CallPlan(
        key=op.id,
        name=name,
        http_method=op.http_method,
        path=op.path,
        path_params=located("path"),
        query=located("query"),
        headers=located("header"),
        cookies=located("cookie"),
        body=(
            BodyPlan(
                body.kind, body.media_type, body.type, body.required, body.file_fields, body.encoding, body.description
            )
            if body
            else None
        ),
        result=None if ok else op.result_type,
        result_kind=result_kind,
        result_media_type=op.result.media_type if op.result and not ok else "",
        envelope=None if ok else op.envelope,
        paging=None if ok else op.pagination,
        security=() if op.public else op.security,
        public=op.public,
        idempotency_header=op.idempotency_header if op.idempotent else None,
        summary=op.summary,
        description=op.description,
        deprecated=op.deprecated,
        source=op.source,
    )


_TEMPLATE_VARIABLE = re.compile(r"\{([^{}]+)\}")


def _path_order(op: Operation) -> list[Parameter]:
    """Path parameters in the order the template names them, then the rest in declaration order."""
    template = _TEMPLATE_VARIABLE.findall(op.path)  # `/v{version}/items/{id}` names version, then id

    def position(p: Parameter) -> int:
        return template.index(p.name) if p.name in template else len(template)

    path = sorted((p for p in op.params if p.location == "path"), key=position)
    return path + [p for p in op.params if p.location != "path"]


def _param(p: Parameter, name: Name) -> ParamPlan:
    encoding = None if p.encoding == default(p.location) else p.encoding
    return ParamPlan(name, p.name, p.location, p.type, p.required, encoding, p.description, p.deprecated, p.default)
