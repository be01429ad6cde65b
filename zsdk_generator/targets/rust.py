"""The Rust target: reqwest (rustls) + serde + tokio, `client.resource().method(…)` returning `Call<T>` futures.

It spells the SdkPlan in Rust: names (rust_names), types (rust_types, rust_models) and the data its templates
print — spelled identifiers, type expressions, escaped literals. The templates own the syntax (method.rs.jinja
holds a method's body) and lay out what they build through the `rust_layout` filters, the way rustfmt does, so
the output is rustfmt-clean without running rustfmt. The hand-written runtime (templates/rust/runtime/src/runtime)
is copied as it is; docs/rust-contract (notes) is what each side assumes of the other.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from ..config import LanguageConfig
from ..diagnostics import error
from ..ir.model import Encoding
from ..ir.naming import words
from ..plan.model import AuthPlan, CallPlan, Credential, ResourcePlan, SdkPlan, ServerVariablePlan
from . import blank_lines
from .base import RenderJob, Target, templates_root
from .clashes import numbered, settle
from .cycles import by_value_cycles
from .markdown import markdown_code, markdown_lines, markdown_text
from .pagers import pager_settings
from .rust_layout import (
    Array,
    Call,
    Chain,
    Own,
    attribute,
    doc_comment,
    impl_header,
    item_header,
    match_arm,
    rust_string,
    signature,
    statement,
    struct_literal,
    tuple_variant,
    type_alias,
    use_line,
)
from .rust_layout import field as field_line
from .rust_models import RustModels
from .rust_names import (
    BUILDER_METHODS,
    CLIENT_METHODS,
    LOCAL_RESERVED,
    RESERVED_PACKAGE_NAMES,
    crate_name_problem,
    identifier,
    method_name,
    module_name,
    pascal_words,
    type_name,
)
from .rust_types import BINARY, BOOL, EVENT, FILE, STRING, UNIT, RustTypes
from .semver import semantic_version
from .text import one_line, prose
from .types import Import, TypeExpr, imports_of

TEMPLATES = templates_root() / "rust"
EDITION = "2024"
RUST_VERSION = "1.85"


class RustTarget(Target):
    name = "rust"
    description = "Rust 1.85+ (edition 2024): reqwest with rustls, serde, tokio; Call<T> futures, Stream pagination"
    template_dir = TEMPLATES
    reserved_package_names = RESERVED_PACKAGE_NAMES
    # The crate name (checked as crates.io does, where the target reads it) and the license crates.io requires to
    # publish, an SPDX expression (the API description has no field the IR keeps for it).
    settings = {"crate": (), "license": ()}
    setting_help = {
        "crate": "the crate name (Cargo.toml, crates.io)",
        "license": "an SPDX expression (the spec's license if it is one)",
    }

    def defaults(self, config: LanguageConfig, spec_license: str) -> dict[str, str]:
        bare = replace(config, options={})
        return {"crate": crate_name(self, bare), "license": spec_license if _SPDX.fullmatch(spec_license) else ""}

    def filters(self) -> dict[str, Callable[..., Any]]:
        return {"rstr": rust_string, "call": lambda args, callee: Call(callee, tuple(args)), "stmt": statement,
                "chain": lambda links, root: Chain(root, tuple(links)), "sig": _signature,
                "attr": lambda name, args, indent=4: attribute(indent, name, args),
                "arm": lambda pattern, value, indent=12: match_arm(indent, pattern, value),
                "struct": lambda name, fields, indent=8: struct_literal(indent, name, fields), "doc": _doc,
                "markdown": markdown_text,
                "code": markdown_code, "path": _json_path, "use": use_line,
                "arr": lambda items: Array(tuple(items)), "security": _security_expr,
                "impl": lambda head, target="": impl_header(head, target),
                "alias": lambda head, target: type_alias(head, target), "header": item_header,
                "add_into": lambda ident: f"{ident}: impl Into<String>",
                "field": lambda head, typ, indent=4: field_line(indent, head, typ),
                "variant": lambda name, typ, indent=4: tuple_variant(indent, name, typ)}  # fmt: skip

    def format(self, path: str, text: str) -> str:
        if path.endswith(".rs") or path.endswith(".toml"):
            return blank_lines.single(text).strip("\n") + "\n"
        return text

    def lower(self, sdk: SdkPlan, config: LanguageConfig) -> Iterable[RenderJob]:
        crate = crate_name(self, config)
        config = replace(config, version=cargo_version(config.version))
        context = {**_Lowering(sdk, config, crate).context(), "license": license_expression(config, sdk.license)}
        yield RenderJob("Cargo.toml", "Cargo.toml.jinja", context)
        yield RenderJob("README.md", "README.md.jinja", context)
        yield RenderJob("src/lib.rs", "lib.rs.jinja", context)
        yield RenderJob("src/client.rs", "client.rs.jinja", context)
        yield RenderJob("src/models.rs", "models.rs.jinja", context)
        yield RenderJob("src/resources/mod.rs", "resources.rs.jinja", context)
        for resource in context["all_resources"]:
            yield RenderJob(resource.file, "resource.rs.jinja", {**context, "resource": resource})
        yield from self.runtime_jobs("")


TARGET = RustTarget()


def crate_name(target: Target, config: LanguageConfig) -> str:
    """The crate name: `rust: {crate: …}` as given (an error when crates.io would refuse it), else the package
    name's words joined by `_` (clear of the standard library's and our dependencies' crate names)."""
    configured = config.option("crate")
    if configured is not None and configured != "":
        problem = crate_name_problem(configured) if isinstance(configured, str) else "it is not a string"
        if problem:
            raise error(f"rust: crate {configured!r} is not a crate name crates.io accepts: {problem}", "/rust/crate")
        return str(configured)
    found = target.package_words(config)
    name = "_".join(found)[:64].rstrip("_")
    if not name or not name[0].isalpha():
        name = ("sdk_" + name)[:64].rstrip("_")
    return name


_SPDX = re.compile(r"[A-Za-z0-9.+-]+(?: (?:AND|OR|WITH) [A-Za-z0-9.+-]+)*")


def license_expression(config: LanguageConfig, spec_license: str) -> str:
    """`rust: {license: …}` as a TOML string (an SPDX expression such as `MIT OR Apache-2.0`), else the spec's
    license when it is one (`Apache 2.0`, a name with a space, is not: crates.io would refuse it), else ""."""
    value = config.option("license")
    if value is None or value == "":
        return toml_string(spec_license) if _SPDX.fullmatch(spec_license) else ""
    if not isinstance(value, str) or not _SPDX.fullmatch(value):
        raise error(f"rust: license must be an SPDX expression such as MIT OR Apache-2.0, not {value!r}",
                    "/rust/license")  # fmt: skip
    return toml_string(value)


def cargo_version(version: str) -> str:
    """The SDK version as Cargo's semver (`1.0` → `1.0.0`)."""
    return semantic_version(version, "rust", "Cargo", "/version")


def _signature(head: str, params: list[str], returns: str = "", indent: int = 4) -> str:
    return signature(indent, head, params, returns)


def _doc(paragraphs: Iterable[str] | str, marker: str = "///") -> list[str]:
    return doc_comment([paragraphs] if isinstance(paragraphs, str) else paragraphs, marker)


def _security_expr(alternatives: Iterable[Iterable[str]]) -> Array:
    """Security alternatives as a `&[&[…]]` literal."""
    return Array(tuple(Array(tuple(rust_string(s) for s in alt)) for alt in alternatives))


def _json_path(names: Iterable[str]) -> str:
    """A path into a JSON body as a `&[&str]` literal."""
    return "&[" + ", ".join(rust_string(n) for n in names) + "]"


def toml_string(value: str) -> str:
    """A TOML basic string: the text after `prose`, on one line, quotes and backslashes escaped."""
    text = one_line(value)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def first_paragraph(text: str) -> str:
    """The first paragraph of spec prose, on one line."""
    return one_line(next((p for p in prose(text).split("\n\n") if p.strip()), ""))


def first_line(text: str) -> str:
    return next((line for line in prose(text).split("\n") if line.strip()), "")


# ---------------------------------------------------------------------------------------------- views


@dataclass
class FieldLine:
    name: str
    type: str
    doc: list[str]


@dataclass
class ParamsView:
    name: str
    doc: list[str]
    fields: list[FieldLine]
    default: bool


@dataclass
class MethodView:
    """One method as method.rs.jinja spells it: names, Rust types and the request's parts as data."""

    name: str
    doc: list[str]
    args: list[str]  # the parameters after &self, spelled
    arg_names: list[str]  # what a lifted client method passes on
    returns: TypeExpr  # what the Call gives
    http_method: str
    path: str
    route: str  # README: `GET /pets`
    summary: str  # README
    path_params: list[dict[str, Any]]  # ident, wire, into (an `impl Into<String>` to convert), encoding
    params: ParamsView | None
    sends: list[dict[str, Any]]  # location, wire, field, encoding
    parts: list[dict[str, Any]]  # wire, field, file, encoding
    body: dict[str, Any] | None  # kind, media_type, encodings
    security: list[tuple[str, ...]] | None
    idempotent: bool
    envelope: tuple[str, ...] | None
    accept: str
    runtime: str  # json, empty, text, ok, binary, sse, page
    mutates: bool  # the request gets more than its method and path (`let mut r`)
    signature_imports: frozenset[Import]  # what a lifted twin on the client needs
    pager: Chain | None
    imports: frozenset[Import]


@dataclass
class ResourceView:
    name: str  # the accessor on its parent
    module: str
    type: str
    path: str  # resources::pets::files
    trail: str  # client.pets().files()
    doc: list[str]
    methods: list[MethodView]
    children: list[ResourceView]
    params: list[ParamsView] = field(default_factory=list)
    file: str = ""
    uses: list[str] = field(default_factory=list)


class _Lowering:
    """SdkPlan → Rust template data. One instance per generation."""

    def __init__(self, sdk: SdkPlan, config: LanguageConfig, crate: str):
        self.sdk, self.config, self.crate = sdk, config, crate
        self.lib = crate.replace("-", "_")
        self.type_names = settle([(m.name, type_name(words(m.name), "Model", "Model")) for m in sdk.models], set())
        boxed = by_value_cycles(sdk.models)
        self.model_types = RustTypes(sdk.models, self.type_names, "", boxed)
        self.types = RustTypes(sdk.models, self.type_names, "models::", boxed)
        self.models = RustModels(self.model_types, self.type_names, boxed)
        self.methods: dict[str, MethodView] = {}

    # ------------------------------------------------------------------ resources

    def _resource(self, resource: ResourcePlan, parent: ResourceView | None, taken: set[str]) -> ResourceView:
        module = module_name(resource.name.words, parent.module if parent else None)
        reserved = CLIENT_METHODS if parent is None else frozenset()
        accessor = numbered(identifier(resource.name.words, "resource", reserved), taken)
        path = f"{parent.path}::{module}" if parent else f"resources::{module}"
        trail = f"{parent.trail if parent else 'client'}.{accessor}()"
        type_ = type_name(resource.name.words, "Resource", "Resource")
        fallback = f"The {' '.join(resource.name.words)} operations."
        view = ResourceView(accessor, module, type_, path, trail, doc_comment([resource.description or fallback]),
                            [], [])  # fmt: skip
        members: set[str] = set()
        view.children = [self._resource(child, view, members) for child in resource.resources]
        params_names = {type_} | {"Call", "Request", "Encoding", "Pager", "PagerValue", "File", "Method", "Client"}
        view.methods = [self._method(call, view, members, params_names) for call in resource.calls]
        view.params = [m.params for m in view.methods if m.params is not None]
        parts = path.split("::")
        view.file = "src/" + "/".join(parts) + ".rs"
        imports = imports_of([TypeExpr("", m.imports) for m in view.methods])
        runtime = {name for module, name in imports if module == "runtime" and name}
        if view.methods:
            runtime |= {"Call", "Request"}
        view.uses = []
        if view.methods:
            view.uses.append("use reqwest::Method;")
        crate_uses = ["use crate::Client;"]
        if ("models", "") in imports:
            crate_uses.append("use crate::models;")
        if runtime:
            crate_uses.append(use_line("crate::runtime", runtime))
        view.uses += ([""] if view.uses else []) + crate_uses
        return view

    def _method(self, call: CallPlan, resource: ResourceView, members: set[str], type_names: set[str]) -> MethodView:
        name = numbered(method_name(call.name.words), members)
        local: set[str] = set(LOCAL_RESERVED)
        types: list[TypeExpr | None] = []
        signature: list[TypeExpr | None] = []  # what the method's parameters and result name
        path_params = []
        args, arg_names = [], []
        for p in call.path_params:
            ident = numbered(identifier(p.name.words, "param", frozenset(local)), local)
            typ = self.types.expr(p.type)
            into = typ.text == "String"
            path_params.append({"ident": ident, "wire": p.wire, "into": into, "encoding": _encoding(p.encoding)})
            args.append(f"{ident}: {'impl Into<String>' if into else typ.text}")
            arg_names.append(ident)
            types.append(typ)
            signature.append(typ)
            if p.encoding is not None:
                types.append(TypeExpr.of("", ("runtime", "Encoding")))
        fields: list[FieldLine] = []
        field_names: set[str] = set()
        sends = []
        default = True
        for p in (*call.query, *call.headers, *call.cookies):
            typ, _ = self.types.field(p.type, p.required)
            default = default and self.types.has_default(p.type, p.required)
            ident = numbered(identifier(p.name.words, "param"), field_names)
            sends.append({"location": p.location, "wire": p.wire, "field": ident, "encoding": _encoding(p.encoding)})
            notes = ["Deprecated: the API marks this parameter as deprecated."] if p.deprecated else []
            fields.append(FieldLine(ident, typ.text, doc_comment([p.description, *notes])))
            types.append(typ)
            if p.encoding is not None:
                types.append(TypeExpr.of("", ("runtime", "Encoding")))
        parts = []
        declared = dict(call.body.encoding) if call.body is not None else {}
        for f in self._parts(call):
            file = call.body is not None and f.name in call.body.file_fields
            if file:
                typ = (
                    FILE.wrap("Vec<{}>") if f.type.kind == "array" else FILE if f.required else FILE.wrap("Option<{}>")
                )
            else:
                typ = self.types.field(f.type, f.required)[0]
                default = default and self.types.has_default(f.type, f.required)
            ident = numbered(identifier(words(f.ident or f.name), "field"), field_names)
            encoding = None if file else _encoding(declared.get(f.name))
            parts.append({"wire": f.name, "field": ident, "file": file, "encoding": encoding})
            fields.append(FieldLine(ident, typ.text, doc_comment([f.description])))
            types.append(typ)
            if encoding not in (None, "None"):
                types.append(TypeExpr.of("", ("runtime", "Encoding")))
        params = None
        if fields:
            base = pascal_words(call.name.words) or "Call"
            params_name = numbered(("Call" + base if base[0].isdigit() else base) + "Params", type_names)
            params = ParamsView(params_name, doc_comment([Own(f"The parameters of [`{resource.type}::{name}`].")]),
                                fields, default)  # fmt: skip
            args.append(f"params: {params_name}")
            arg_names.append("params")
        body = None
        if call.body is not None and call.body.kind != "multipart":
            kind = call.body.kind
            if kind == "binary":
                args.append("body: impl Into<Body>")
                types.append(TypeExpr.of("", ("runtime", "Body")))
                signature.append(types[-1])
            elif kind == "text":
                args.append("body: impl Into<String>")
            else:
                typ = self.types.expr(call.body.type)
                args.append(f"body: {typ.text}")
                types.append(typ)
                signature.append(typ)
            media = call.body.media_type or ("text/plain" if kind == "text" else "application/octet-stream")
            encodings = [(wire, _encoding_value(e)) for wire, e in call.body.encoding]
            if encodings:
                types.append(TypeExpr.of("", ("runtime", "Encoding")))
            body = {"kind": kind, "media_type": media, "encodings": encodings}
            arg_names.append("body")
        runtime, returns, pager = self._result(call)
        types.append(returns)
        signature.append(returns)
        if pager is not None:
            types.append(TypeExpr.of("", ("runtime", "Pager")))
        deprecated = "Deprecated: the API marks this operation as deprecated." if call.deprecated else ""
        route = f"{call.http_method} {call.path}"
        summary = call.summary if call.summary.strip() else "" if call.description.strip() else f"Calls {route}."
        doc = doc_comment([summary, call.description, deprecated])
        security = self.sdk.client.security_set(call.public, call.security)
        idempotent = call.idempotency_header is not None
        accept = call.result_media_type if call.result_kind in ("binary", "text") else ""
        self.methods[call.key] = MethodView(
            name, doc, args, arg_names, returns, call.http_method, call.path,
            route=markdown_code(route), summary=markdown_text(first_line(call.summary) or first_line(call.description)),
            path_params=path_params, params=params, sends=sends, parts=parts, body=body,
            security=security, idempotent=idempotent, envelope=call.envelope, accept=accept,
            runtime=runtime, pager=pager, imports=imports_of(types), signature_imports=imports_of(signature),
            # `let mut r` only when a statement after Request::new changes the request
            mutates=bool(path_params or sends or parts or body or security is not None or idempotent
                         or call.envelope or accept),
        )  # fmt: skip
        return self.methods[call.key]

    def _parts(self, call: CallPlan) -> tuple[Any, ...]:
        model = self.types.resolve(call.body.type) if call.body is not None and call.body.kind == "multipart" else None
        return model.fields if model is not None and model.kind == "object" else ()

    def _result(self, call: CallPlan) -> tuple[str, TypeExpr, Chain | None]:
        if call.paging is not None:
            p = call.paging
            item = self.types.element(p.item_type).expr
            links = tuple(Call("with", (rust_string(k), _pager_value(v))) for k, v in pager_settings(p))
            pager = Chain(Call("Pager::new", (rust_string(p.style), _json_path(p.items))), links)
            return "page", item.wrap("Page<{}>", ("runtime", "Page")), pager
        if call.result_kind == "sse":
            item = self.types.expr(call.result) if call.result is not None else EVENT
            return "sse", item.wrap("EventStream<{}>", ("runtime", "EventStream")), None
        if call.result_kind in ("empty", "binary", "text", "ok"):
            return (
                call.result_kind,
                {"empty": UNIT, "binary": BINARY, "text": STRING.expr, "ok": BOOL}[call.result_kind],
                None,
            )
        return "json", self.types.expr(call.result), None

    # ------------------------------------------------------------------ client

    def _credential(self, c: Credential, setters: dict[str, str]) -> dict[str, Any]:
        setter = setters[c.name.key]
        name = "_".join(c.name.words)
        return {
            "setter": setter,
            "name": name,
            "env": c.env,
            "doc": doc_comment([Own(f"Sets the {name} credential (default: the `{c.env}` environment variable).")]),
        }

    def _variable(self, v: ServerVariablePlan, setters: dict[str, str]) -> dict[str, Any]:
        choices = f" (one of: {', '.join(one_line(value) for value in v.enum)})" if v.enum else ""
        lead = f"Sets the {one_line(v.wire)} variable of the server URL{choices}."
        return {"setter": setters[v.name.key], "wire": v.wire, "default": v.default, "enum": v.enum,
                "doc": doc_comment([lead, v.description])}  # fmt: skip

    def context(self) -> dict[str, Any]:
        sdk, client = self.sdk, self.sdk.client
        models = [self.models.view(m) for m in sdk.models]
        taken: set[str] = set()
        resources = [self._resource(r, None, taken) for r in sdk.resources]
        all_resources = [r for root in resources for r in _flat(root)]
        by_key = {
            tuple(n.key for n in r.path): view for r, view in zip(sdk.all_resources(), all_resources, strict=True)
        }
        auth, login_scheme = client.request_auth, client.login_scheme
        ordered = auth + ([login_scheme] if login_scheme else [])
        setters = settle([(c.name.key, identifier(c.name.words, "credential", BUILDER_METHODS))
                          for a in ordered for c in a.credentials]
                         + [(v.name.key, identifier(v.name.words, "variable", BUILDER_METHODS))
                            for v in client.server_variables], set(BUILDER_METHODS))  # fmt: skip
        schemes = [self._auth(a, setters) for a in auth]
        credentials = [c for a in schemes for c in a["credentials"]]
        login = self._login(login_scheme, setters)
        if login:
            credentials.append(login["credential"])
        oauth = next((a for a in schemes if a["code"]), None)
        lifted = []
        lifted_methods: list[MethodView] = []
        members = {r.name for r in resources} | set(CLIENT_METHODS)
        for cc in sdk.client_calls:
            owner = by_key[tuple(n.key for n in cc.resource)]
            method = self.methods[cc.call.key]
            if method.name in members:
                raise error(
                    f"rust: client_methods: {method.name!r} is already a member of the client", "/client_methods"
                )
            members.add(method.name)
            lifted_methods.append(method)
            links = [Call(n) for n in owner.trail.split(".")[1:]]
            links[-1] = Call(links[-1].callee.removesuffix("()"))
            links = [Call(link.callee.removesuffix("()")) for link in links]
            links.append(Call(method.name, tuple(method.arg_names)))
            lifted.append(
                {
                    "method": method,
                    "owner": owner,
                    "call": Chain("self", tuple(links)),
                    "args": [a.replace("params: ", f"params: {owner.path}::", 1) for a in method.args],
                }
            )
        title = one_line(sdk.title)
        title = title if title.lower().endswith(" api") else f"{title} API"
        # A call without arguments to show; one that returns a value (printed) before one that returns nothing.
        bare = [(r, m) for r in all_resources for m in r.methods if not m.args]
        bare.sort(key=lambda found: found[1].runtime == "empty")
        example = {"trail": bare[0][0].trail, "method": bare[0][1].name, "value": bare[0][1].runtime != "empty"} \
            if bare else None  # fmt: skip
        paged = next(((res, m) for res in all_resources for m in res.methods if m.runtime == "page"), None)
        page_example = None
        if paged is not None:
            res, m = paged
            args = ["/* … */" if not a.startswith("params: ") else f"{res.module}::{m.params.name if m.params else ''}"
                    "::default()" for a in m.args]  # fmt: skip
            page_example = {"trail": res.trail, "method": m.name, "args": ", ".join(args), "module": res.path}
        r = client.retries
        runtime_uses = {"Call"} if lifted else set()
        if schemes or login:
            runtime_uses.add("AuthProvider")
        if login:
            runtime_uses |= {"LoginSettings", "Request"}
        if oauth:
            runtime_uses |= {"OAuth", "OAuthEndpoints", "OAuthTokens"}
        lifted_imports = imports_of([TypeExpr("", m.signature_imports) for m in lifted_methods])
        runtime_uses |= {name for module, name in lifted_imports if module == "runtime" and name}
        return {
            "crate": self.crate, "lib": self.lib, "version": self.config.version, "edition": EDITION,
            "rust_version": RUST_VERSION, "title": title,
            "description": toml_string(first_paragraph(sdk.description) or f"The Rust SDK of the {title}."),
            "crate_doc": doc_comment([f"The Rust SDK of the {title}.", sdk.description], "//!"),
            "client_doc": doc_comment([f"The {title} client.", Own("Cheap to clone: every clone shares one connection "
                                       "pool, its credentials and its token cache.")]),  # fmt: skip
            "readme_title": markdown_text(f"{title} — Rust SDK"), "readme_doc": markdown_lines(sdk.description),
            "server_url": markdown_code(client.base_url) if client.base_url else "",
            "models": models, "resources": resources, "all_resources": all_resources,
            "modules": sorted(r.module for r in resources),
            "base_url": client.base_url, "default_security": client.default_security,
            "retries": {"timeout": _duration(r.timeout), "timeout_text": f"{r.timeout:g} s",
                        "max_retries": r.max_retries,
                        "base_delay": _duration(r.base_delay), "max_delay": _duration(r.max_delay),
                        "refresh_buffer": _duration(r.refresh_buffer), "refresh_retries": r.refresh_retries},
            "user_agent": f"{self.crate}/{self.config.version} rust",
            "auth": schemes, "credentials": credentials, "login": login, "oauth": oauth,
            "variables": [self._variable(v, setters) for v in client.server_variables],
            "lifted": lifted, "client_uses": sorted(runtime_uses), "client_models": ("models", "") in lifted_imports,
            "models_use_nullable": any(("runtime", "Nullable") in m.imports for m in models),
            "example": example, "first_credential": credentials[0] if credentials else None,
            "page_example": page_example,
        }  # fmt: skip

    def _auth(self, a: AuthPlan, setters: dict[str, str]) -> dict[str, Any]:
        return {"scheme": a.scheme, "kind": a.kind, "location": a.location or "header", "param_name": a.param_name,
                "token_url": a.token_url, "credentials": [self._credential(c, setters) for c in a.credentials],
                "code": a.authorization_code}  # fmt: skip

    def _login(self, scheme: AuthPlan | None, setters: dict[str, str]) -> dict[str, Any] | None:
        login = self.sdk.client.login
        if login is None or scheme is None:
            return None
        taken = set(LOCAL_RESERVED)
        names = zip(login.credentials, login.wire, strict=True)
        args = [(numbered(identifier(c.words, "credential", frozenset(taken)), taken), wire) for c, wire in names]
        return {"plan": login, "credential": self._credential(scheme.credentials[0], setters), "args": args,
                "security": self.sdk.client.security_set(login.public, login.security)}  # fmt: skip


def _flat(resource: ResourceView) -> list[ResourceView]:
    return [resource] + [r for child in resource.children for r in _flat(child)]


def _duration(seconds: float) -> str:
    """A `Duration` literal."""
    if float(seconds).is_integer():
        return f"Duration::from_secs({int(seconds)})"
    millis = round(seconds * 1000)
    return f"Duration::from_millis({millis})"


def _encoding(encoding: Encoding | None) -> Call | str:
    """`Some(Encoding::new(…)…)` for a non-default encoding, else `None`."""
    return "None" if encoding is None else Call("Some", (_encoding_value(encoding),))


def _encoding_value(encoding: Encoding) -> Call | Chain:
    """`Encoding::new(style)` with a link per setting that is not the default."""
    links = []
    if encoding.explode:
        links.append(Call("explode"))
    if encoding.allow_reserved:
        links.append(Call("allow_reserved"))
    if encoding.nesting != "indexed":
        links.append(Call("nesting", (rust_string(encoding.nesting),)))
    if encoding.content_type:
        links.append(Call("content_type", (rust_string(encoding.content_type),)))
    root = Call("Encoding::new", (rust_string(encoding.style),))
    return Chain(root, tuple(links)) if links else root


def _pager_value(value: Any) -> str:
    """A paginator setting: a parameter's name, or a path into the body (`&["meta", "next"]`)."""
    return _json_path(value) if isinstance(value, tuple) else rust_string(value)
