"""The build stage: an upgraded (3.1-dialect) document → the `Api` IR, plus warnings."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Literal

from ..diagnostics import Diagnostic, error
from ..spec.load import Document
from ..spec.pointer import escape
from ..spec.walk import HTTP_METHODS
from .model import Api, LoginFlow, OAuthFlow, Operation, Parameter, SecurityScheme, Server, ServerVariable
from .naming import snake, words
from .operations import OperationBuilder
from .resources import MethodNames, build_tree, name_operations, resource_path
from .schemas import SchemaConverter

_MAX_RESOURCE_NESTING = 16  # `a.b.c…` levels of x-zsdk-resource (targets nest a class per level)


def build_api(document: Document, method_names: MethodNames = "crud") -> tuple[Api, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    schemas = SchemaConverter(document.data, diagnostics, document.limits.max_nodes)
    try:
        return _build(document, method_names, schemas, diagnostics), diagnostics
    except RecursionError:
        raise error(
            "schemas nested or chained (through $ref, allOf or properties) too deeply to build", schemas.current
        ) from None


def _build(
    document: Document, method_names: MethodNames, schemas: SchemaConverter, diagnostics: list[Diagnostic]
) -> Api:
    data = document.data
    schemas.register_components()
    operations = OperationBuilder(data, schemas, diagnostics)
    groups: dict[tuple[str, ...], list[tuple[Operation, object]]] = {}
    raw_ops: dict[str, dict[str, Any]] = {}
    suffixes: dict[str, int] = {}  # operationId → the last suffix a duplicate got
    has_ids: dict[tuple[str, ...], list[bool]] = {}
    paths = data.get("paths") or {}
    if not isinstance(paths, dict):
        raise error("paths must be a mapping", "/paths")
    for path, item in paths.items():
        item_pointer = "/paths/" + escape(str(path))
        if isinstance(item, dict) and isinstance(item.get("$ref"), str):
            item = schemas.resolve(item["$ref"], item_pointer)
        if not isinstance(item, dict):
            continue
        for method in HTTP_METHODS:
            op = item.get(method)
            if not isinstance(op, dict):
                continue
            tags = tuple(str(t) for t in op.get("tags") or () if isinstance(t, (str, int)))
            resource = resource_path(str(path), tags, op.get("x-zsdk-resource"))
            if len(resource) > _MAX_RESOURCE_NESTING:
                where = f"{item_pointer}/{method}/x-zsdk-resource"
                raise error(f"x-zsdk-resource nests more than {_MAX_RESOURCE_NESTING} resources", where)
            built = operations.build(str(path), method, item, op, words(resource[-1]))
            if built.id in raw_ops:  # a duplicate operationId (reported by the checks)
                n = suffixes.get(built.id, 1) + 1
                while f"{built.id}_{n}" in raw_ops:
                    n += 1
                suffixes[built.id] = n
                built = replace(built, id=f"{built.id}_{n}")
            groups.setdefault(resource, []).append((built, op.get("x-zsdk-name")))
            has_ids.setdefault(resource, []).append(bool(op.get("operationId")))
            raw_ops[built.id] = op
    named = {path: name_operations(ops, path, method_names, has_ids[path]) for path, ops in groups.items()}
    tag_docs = {
        str(t.get("name")): str(t.get("description") or "")
        for t in data.get("tags") or []
        if isinstance(t, dict) and t.get("name") is not None
    }
    descriptions = {snake(name): text for name, text in tag_docs.items()}
    all_ops = [op for ops in named.values() for op in ops]
    info: dict[str, Any] = data["info"] if isinstance(data.get("info"), dict) else {}
    return Api(
        title=str(info.get("title") or "API"),
        version=str(info.get("version") or "0.0.0"),
        description=str(info.get("description") or ""),
        license=_license(info.get("license")),
        source_version=document.source_version,
        servers=_servers(data.get("servers")),
        security_schemes=_security_schemes(data),
        security=operations.default_security,
        resources=build_tree(named, descriptions),
        models=tuple(schemas.models.values()),
        login=_login(raw_ops, all_ops, data),
        global_headers=_global_headers(all_ops),
    )


def _servers(raw: Any) -> tuple[Server, ...]:
    if not isinstance(raw, list):
        return ()
    servers = []
    for server in raw:
        if not isinstance(server, dict) or not isinstance(server.get("url"), str):
            continue
        variables = []
        for name, var in (server.get("variables") or {}).items():
            if isinstance(var, dict):
                enum = tuple(str(v) for v in var.get("enum") or ())
                default = str(var.get("default", enum[0] if enum else ""))
                variables.append(ServerVariable(str(name), default, enum, str(var.get("description") or "")))
        servers.append(Server(server["url"], str(server.get("description") or ""), tuple(variables)))
    return tuple(servers)


def _security_schemes(data: dict[str, Any]) -> tuple[SecurityScheme, ...]:
    raw = (data.get("components") or {}).get("securitySchemes") or {}
    out = []
    for name, scheme in raw.items():
        pointer = "/components/securitySchemes/" + escape(str(name))
        if isinstance(scheme, dict) and "$ref" in scheme:
            continue
        if not isinstance(scheme, dict):
            raise error("security scheme must be an object", pointer)
        kind = scheme.get("type")
        description = str(scheme.get("description") or "")
        if kind == "apiKey":
            where = scheme.get("in")
            location: Literal["header", "query", "cookie"] = where if where in ("query", "cookie") else "header"
            out.append(SecurityScheme(str(name), "api_key", description, location, str(scheme.get("name") or name)))
        elif kind == "http":
            http = str(scheme.get("scheme") or "").lower()
            mapped = {"bearer": "bearer", "basic": "basic"}.get(http, "http")
            out.append(SecurityScheme(str(name), mapped, description, scheme=http,  # type: ignore[arg-type]
                                      bearer_format=scheme.get("bearerFormat")))  # fmt: skip
        elif kind == "oauth2":
            flows = []
            names = {"clientCredentials": "client_credentials", "authorizationCode": "authorization_code",
                     "implicit": "implicit", "password": "password"}  # fmt: skip
            for flow_name, flow in (scheme.get("flows") or {}).items():
                if isinstance(flow, dict) and flow_name in names:
                    scopes = tuple((str(k), str(v)) for k, v in (flow.get("scopes") or {}).items())
                    flows.append(OAuthFlow(names[flow_name], str(flow.get("tokenUrl") or ""),  # type: ignore[arg-type]
                                           str(flow.get("authorizationUrl") or ""), str(flow.get("refreshUrl") or ""),
                                           scopes, str(flow.get("x-zsdk-revoke-url") or "")))  # fmt: skip
            out.append(SecurityScheme(str(name), "oauth2", description, flows=tuple(flows)))
        elif kind == "openIdConnect":
            out.append(SecurityScheme(str(name), "openid_connect", description,
                                      openid_url=str(scheme.get("openIdConnectUrl") or "")))  # fmt: skip
        elif kind == "mutualTLS":
            out.append(SecurityScheme(str(name), "mutual_tls", description))
        else:
            raise error(f"unknown security scheme type {kind!r}", pointer + "/type")
    return tuple(out)


def _path(value: Any, default: str | None) -> tuple[str, ...] | None:
    value = value if isinstance(value, str) else default
    return tuple(p for p in value.split(".") if p) if value else None


def _login(raw_ops: dict[str, dict[str, Any]], ops: list[Operation], data: dict[str, Any]) -> LoginFlow | None:
    flows = [(op, raw_ops[op.id]["x-zsdk-login"]) for op in ops if "x-zsdk-login" in raw_ops.get(op.id, {})]
    if not flows:
        return None
    op, spec = flows[0]
    where = op.source + "/x-zsdk-login"
    if len(flows) > 1:
        raise error("only one operation may carry x-zsdk-login", flows[1][0].source + "/x-zsdk-login")
    if not isinstance(spec, dict):
        raise error("x-zsdk-login must be a mapping", where)
    schemes = (data.get("components") or {}).get("securitySchemes") or {}
    scheme = spec.get("scheme")
    if scheme is None:
        scheme = next(
            (n for n, s in schemes.items() if isinstance(s, dict) and str(s.get("scheme", "")).lower() == "bearer"),
            None,
        )
    if not isinstance(scheme, str) or scheme not in schemes:
        raise error(f"x-zsdk-login scheme {scheme!r} is not a declared security scheme", where + "/scheme")
    credentials = spec.get("credentials")
    if not isinstance(credentials, list) or not all(isinstance(c, str) for c in credentials):
        raise error("x-zsdk-login credentials must be a list of request-body field names", where + "/credentials")
    refresh = spec.get("refresh_operation")
    if refresh is not None and refresh not in raw_ops:
        raise error(f"x-zsdk-login refresh_operation {refresh!r} is not an operationId", where + "/refresh_operation")
    return LoginFlow(
        operation_id=op.id, scheme=scheme, credentials=tuple(credentials),
        token=_path(spec.get("token"), "access_token") or ("access_token",),
        refresh_token=_path(spec.get("refresh_token"), None), expires_in=_path(spec.get("expires_in"), None),
        refresh_operation_id=refresh if isinstance(refresh, str) else None,
        refresh_param=spec.get("refresh_param") if isinstance(spec.get("refresh_param"), str) else None,
    )  # fmt: skip


def _global_headers(ops: list[Operation]) -> tuple[Parameter, ...]:
    """The first operation's header parameters that every operation has (names compared case-insensitively)."""
    if len(ops) < 2:
        return ()
    common = {p.name.lower() for p in ops[0].params if p.location == "header"}
    for op in ops[1:]:
        if not common:
            return ()
        common &= {q.name.lower() for q in op.params if q.location == "header"}
    return tuple(p for p in ops[0].params if p.location == "header" and p.name.lower() in common)


def _license(value: Any) -> str:
    """info.license: the SPDX `identifier` (OpenAPI 3.1), else the `name` (often SPDX too: `MIT`, `Apache-2.0`)."""
    if not isinstance(value, dict):
        return ""
    return str(value.get("identifier") or value.get("name") or "").strip()
