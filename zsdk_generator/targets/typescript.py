"""The TypeScript target: ESM, strict types, zero run-time dependencies (global `fetch`).

It spells the SdkPlan: every name cased from its plan Name (or IR model name) by a fixed rule per kind, every type
through the type map (`typescript_data.PRIMITIVES`, expressions carrying their imports), and hands the templates
structured data. The templates own the syntax; `typescript_layout` lays out what they build the way prettier
does, so the output is prettier-clean without running node.
"""

from __future__ import annotations

import shlex
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from ..config import LanguageConfig
from ..diagnostics import error
from ..ir.model import Model, TypeRef
from ..ir.naming import pascal, words
from ..plan.arguments import flat_arguments
from ..plan.model import CallPlan, Credential, Name, ParamPlan, ResourcePlan, SdkPlan
from . import typescript_data as data
from .base import RenderJob, Target, templates_root
from .clashes import settle
from .markdown import markdown_code, markdown_text
from .text import one_line, prose
from .types import Import, TypeExpr, combine, imports_of
from .typescript_layout import (
    MAX_SAFE_INTEGER,
    Arr,
    New,
    Obj,
    assignment,
    call,
    doc_block,
    is_identifier,
    json_string,
    literal,
    object_key,
    prop_key,
    ts_string,
    tsdoc_line,
    type_member,
)
from .typescript_names import POSITIONAL, camel, identifier, spelled
from .typescript_npm import npm_version, package_name
from .typescript_wire import encodings

# ---------------------------------------------------------------------------------------------- views


@dataclass(frozen=True)
class Member:
    """A property of an interface: its key (with `?` when optional), its union members and its TSDoc."""

    key: str
    parts: list[str]
    doc: list[str]


@dataclass
class ModelView:
    """An interface (`members`, `open`: it takes any other key too) or, with `parts`, a type alias."""

    name: str
    doc: list[str]
    members: list[Member] | None = None
    open: bool = False
    parts: list[str] = field(default_factory=list)


@dataclass
class MethodView:
    call: CallPlan
    name: str
    function: str  # the flat function over the shared client
    doc: list[str]
    params: str | None  # the params argument's type (its Params interface), None when it takes no params object
    required: bool  # the params argument must be given
    groups: list[tuple[str, bool, list[Member]]]  # path, query, headers, cookies: (group, required, members)
    body: Member | None
    returns: TypeExpr  # the promise the method returns
    runtime: str  # the client method it calls: request, requestPage, requestStream (`Result` added in result mode)
    payload: TypeExpr  # that method's type arguments: the result, a stream's item, or a page's item and body
    pages: str | None  # the Paginator constant of a paged call
    security: list[Arr] | None  # None: the client's default
    content_type: str | None  # a body media type the runtime would not send by itself
    accept: str | None
    encodings: Obj | None  # the non-default encodings of its parameters and form or multipart fields
    flat: FlatView | None = None  # `arguments: flat`: how the arguments are spelled and sent

    @property
    def interface(self) -> bool:
        """The params type is the method's own Params interface (in the flat style it may be the body's model)."""
        return self.params is not None and (self.flat is None or bool(self.flat.members))


@dataclass
class FlatView:
    """A method in the flat parameter style: path parameters positional (`getJob(jobId)`), the rest one object by
    wire name with the body's fields among them (`executeSql({ query })`)."""

    positional: list[tuple[str, list[str]]]  # each path parameter: its argument name and its type's union members
    members: list[Member]  # the query, header and cookie parameters (and `body`, when its fields are not spread)
    extends: str | None  # the body model whose fields the params object spreads
    optional: bool  # the params argument may be left out though its type has required members (an optional body)
    args: Obj  # what the method passes the runtime: `{ path: { job_id: jobId }, params }`
    layout: Obj | None  # the runtime's FlatLayout: where each key of the params object goes


@dataclass
class ResourceView:
    attr: str
    class_name: str
    owner: str  # what the constructor gets: the client (`this`) or the parent's (`this._client`)
    methods: list[MethodView]
    children: list[ResourceView]
    trail: str  # `projects.files`, from the client
    doc: list[str]


@dataclass
class ResourceFile:
    module: str
    root: ResourceView
    nodes: list[ResourceView]  # children first
    imports: list[ImportLine] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------- the target


class TypeScriptTarget(Target):
    name = "typescript"
    description = "TypeScript (ESM, strict, zero dependencies: global fetch), Node 18+ and browsers"
    template_dir = templates_root() / "typescript"
    reserved_package_names = data.NODE_BUILTIN_MODULES | data.NPM_BLOCKED_NAMES | {"typescript"}
    settings = {"errors": ("throw", "result"), "arguments": ("grouped", "flat"), "method_case": ("camel", "snake")}
    setting_help = {
        "errors": "throw | result: methods return {data, error}",
        "arguments": "grouped (one params object) | flat",
        "method_case": "camel | snake: the methods' names",
    }

    def filters(self) -> dict[str, Callable[..., Any]]:
        """One escaper per context the templates print spec-derived text in, and the layout of what they build
        (filters, not context functions: compiled templates call them directly, and they are the hot path)."""
        return {"tsstr": ts_string, "json": json_string, "markdown": markdown_text, "sh": shlex.quote,
                "key": object_key, "prop": prop_key, "code": markdown_code, "ms": _ms, "tsdoc": tsdoc_line,
                "doc": _doc_block, "member": _member, "call": _call, "assign": _assign,
                "obj": lambda pairs: Obj(tuple(pair for pair in pairs if pair is not None)),  # `none`: left out
                "arr": lambda items: Arr(tuple(items)),
                "new": lambda args, cls: New(f"new {cls}", tuple(args))}  # fmt: skip

    def package_name(self, config: LanguageConfig) -> str:
        return package_name(self, config)

    def lower(self, sdk: SdkPlan, config: LanguageConfig) -> Iterable[RenderJob]:
        config = replace(config, package_name=self.package_name(config), version=npm_version(config.version))
        context = _Spelling(sdk, config).context()
        for path in ("package.json", "tsconfig.json", ".prettierrc.json", "README.md", "src/index.ts", "src/client.ts",
                     "src/models.ts", "src/functions.ts"):  # fmt: skip
            yield RenderJob(path, path.rpartition("/")[2].lstrip(".") + ".jinja", context)
        for file in context["resource_files"]:
            yield RenderJob(f"src/resources/{file.module}.ts", "resource.ts.jinja", {**context, "file": file})
        yield from self.runtime_jobs("src/core")


TARGET = TypeScriptTarget()


@dataclass(frozen=True)
class ImportLine:
    path: str  # `./core/client.js`
    names: list[str]  # `APIResource`, `type CallOptions`; without `type` in an `import type`; `* as models`
    type_only: bool


def imports(found: Iterable[Import], relative: str) -> list[ImportLine]:
    """One import per module, in `MODULE_ORDER` (then the others as found): `import type` when every name is a
    type (`type X`)."""
    names: dict[str, list[str]] = defaultdict(list)
    for module, name in found:
        if name not in names[module]:
            names[module].append(name)
    order = [m for m in data.MODULE_ORDER if m in names] + [m for m in names if m not in data.MODULE_ORDER]
    out = []
    for module in order:
        type_only = all(n.startswith("type ") for n in names[module])
        found_names = [n.removeprefix("type ") for n in names[module]] if type_only else names[module]
        out.append(ImportLine(f"{relative}{module}.js", found_names, type_only))
    return out


class _Spelling:
    """The plan spelled in TypeScript: names, types and the views the templates fill. One per generation."""

    def __init__(self, sdk: SdkPlan, config: LanguageConfig):
        self.sdk = sdk
        self.config = config
        self.result = config.option("errors", "throw") == "result"  # checked by zsdk.yaml's loader (`settings`)
        self.flat = config.option("arguments", "grouped") == "flat"
        self.snake = config.option("method_case", "camel") == "snake"  # resources' methods only
        client = sdk.client.class_name
        self.client = client + ("Client" if client in data.TAKEN_TYPE_NAMES | data.RUNTIME_IMPORTS else "")
        # a model keeps its IR name; one the SDK's own types take gets `Model` added
        own = data.TAKEN_TYPE_NAMES | {self.client, self.client + "Options"}
        wanted = sorted((m.name, m.name + ("Model" if m.name in own else "")) for m in sdk.models)
        self.models = settle(wanted, set(own))
        self.refs: dict[tuple[str | None, str], TypeExpr] = {}  # (model, ns) → how a file names it
        self.model_plans = {m.name: m for m in sdk.models}

    # ------------------------------------------------------------------ types

    def parts(self, t: TypeRef | None, ns: str = "models.") -> list[TypeExpr]:
        """A type as union members (`number`, `bigint`, `null`), each with its imports. `ns`: how a model is
        reached from the file (`models.` outside models.ts)."""
        if t is None:
            return [TypeExpr("void")]
        found = self._bare(t, ns)
        if t.nullable and found[-1].text not in ("unknown", "null"):
            found.append(TypeExpr("null"))
        return found

    def type(self, t: TypeRef | None, ns: str = "models.") -> TypeExpr:
        return combine("{}", self.parts(t, ns), " | ")

    def _bare(self, t: TypeRef, ns: str) -> list[TypeExpr]:
        if t.kind == "model":
            ref = self.refs.get((t.model, ns))
            if ref is None:
                name = self.models.get(t.model or "")
                ref = TypeExpr.of(ns + name, *([data.MODELS] if ns else [])) if name else TypeExpr("unknown")
                self.refs[(t.model, ns)] = ref
            return [ref]
        if t.kind == "array":
            items = self.parts(t.item, ns)
            return [combine("({})[]" if len(items) > 1 else "{}[]", items, " | ")]
        if t.kind == "map":
            return [self.type(t.item, ns).wrap("{{ [key: string]: {} }}")]
        if t.kind == "literal":
            return [TypeExpr(literal(t.value) or ("number" if isinstance(t.value, float) else "unknown"))]
        found = data.PRIMITIVES.get((t.kind, t.format)) or data.PRIMITIVES.get((t.kind, None))
        return list(found or (TypeExpr("unknown"),))

    def member(self, wire: str, t: TypeRef, required: bool, doc: list[str], ns: str = "models.") -> Member:
        """An interface property for a wire name. An optional wire name `Object` already has (`toString`…) also
        admits `Object`'s member: reading the absent field gives that, and literals without it stay assignable."""
        parts = [p.text for p in self.parts(t, ns)]
        if not required and wire in data.OBJECT_MEMBERS:
            parts.append(f"Object[{ts_string(wire)}]")
        return Member(prop_key(wire) + ("" if required else "?"), parts, doc)

    # ------------------------------------------------------------------ models

    def model_view(self, model: Model) -> ModelView:
        name, doc = self.models[model.name], _doc(model.description, model.deprecated)
        if model.kind == "object":
            members = []
            for f in model.fields:
                t = _widened(f.type, f.default, f.example)
                fdoc = _doc(f.description, f.deprecated, _format_note(t), _key_note(f.name))
                members.append(self.member(f.name, t, f.required, fdoc, ""))
            return ModelView(name, doc, members, model.additional_properties is not None or not model.fields)
        if model.kind == "union":
            parts = list(dict.fromkeys(p.text for v in model.variants for p in self.parts(v, "")))
        elif model.kind == "enum":
            values = [text for text in map(literal, model.values) if text is not None]  # no infinities, NaN
            base = {"string": "string", "integer": "number", "number": "number"}.get(model.enum_type or "")
            parts = (values or ["boolean"]) if model.enum_type == "boolean" else values + [
                f"({base} & {{}})" if base else "unknown"]  # fmt: skip
        else:
            parts = [p.text for p in self.parts(model.target, "")] if model.target else []
        return ModelView(name, doc, parts=parts or ["unknown"])

    # ------------------------------------------------------------------ resources

    def resource_files(self) -> list[ResourceFile]:
        bases = {r.path: "".join(pascal(" ".join(n.words)) for n in r.path) for r in self.sdk.all_resources()}
        bases = {path: ("Resource" + base if base[:1].isdigit() else base) for path, base in bases.items()}
        # every resource class gets `Resource`, every Params interface is its resource's and method's name: the
        # names depend on the plan's names alone; a clash with a model or another one is settled by key order
        wanted = {_key(path): base + "Resource" for path, base in bases.items()}
        for r in self.sdk.all_resources():
            for c in filter(_has_params, r.calls):
                wanted[c.key + "/params"] = bases[r.path] + pascal(_method_name(c)) + "Params"
        taken = {*self.models.values(), *data.TAKEN_TYPE_NAMES, *data.RUNTIME_IMPORTS, self.client,
                 self.client + "Options"}  # fmt: skip
        self.types = settle(sorted(wanted.items()), taken)
        calls = self.sdk.all_calls()
        self.functions = settle(sorted((c.key, identifier(c.key, data.RESERVED, "call")) for c in calls),
                                set(data.FUNCTION_RESERVED))  # fmt: skip
        self.pages: dict[str, str] = {}  # call → its Paginator constant, unique in its file
        files = []
        for resource in self.sdk.resources:
            paged = [(r, c) for r in resource.walk() for c in r.calls if c.paging is not None]
            self.pages |= settle(sorted((c.key, f"{_constant(bases[r.path])}_{_constant(_method_name(c))}_PAGES")
                                         for r, c in paged), set())  # fmt: skip
            root = self.resource(resource, data.CLIENT_MEMBERS, "this", "")
            nodes = _tree(root)
            files.append(ResourceFile("_".join(resource.name.words), root, nodes, self.resource_imports(nodes)))
        return files

    def resource(self, r: ResourcePlan, reserved: frozenset[str], owner: str, trail: str) -> ResourceView:
        attr = spelled(r.name, reserved, "resource")
        trail = f"{trail}.{attr}" if trail else attr
        methods = [self.method(c) for c in r.calls]
        children = [self.resource(child, data.RESOURCE_MEMBERS, "this._client", trail) for child in r.resources]
        return ResourceView(attr, self.types[_key(r.path)], owner, methods, children, trail, _doc(r.description))

    def method(self, c: CallPlan) -> MethodView:
        name = _snake_method_name(c) if self.snake else _method_name(c)
        groups = []
        for group, params in (("path", c.path_params), ("query", c.query), ("headers", c.headers),
                              ("cookies", c.cookies)):  # fmt: skip
            if params:
                members = [self.param(p) for p in params]
                groups.append((group, any(p.required or p.location == "path" for p in params), members))
        body = None
        if c.body is not None:
            doc = _doc(c.body.description)
            parts = list(data.BODY_PARTS.get(c.body.kind, ())) or [p.text for p in self.parts(c.body.type)]
            body = Member("body" + ("" if c.body.required else "?"), parts, doc)
        promise, page_promise = data.PROMISES[self.result]
        if c.paging is not None:  # a page types its items and, unless unwrapped from an envelope, its body's fields
            body_type = [self.type(c.result)] if c.result is not None and c.envelope is None else []
            payload = combine("{}", [self.type(c.paging.item_type), *body_type])
            returns = payload.wrap(page_promise + "<{}>", ("core/pagination", "type " + page_promise))
            runtime = "requestPage"
        elif c.result_kind == "sse":
            payload = self.type(c.result) if c.result is not None else TypeExpr("unknown")
            returns = payload.wrap(promise + "<Stream<{}>>", ("core/promise", "type " + promise),
                                   ("core/streaming", "type Stream"))  # fmt: skip
            runtime = "requestStream"
        else:
            known = data.RESULT_TYPES.get(c.result_kind)
            payload = TypeExpr(known) if known else self.type(c.result)
            returns = payload.wrap(promise + "<{}>", ("core/promise", "type " + promise))
            runtime = "request"
            if c.result_kind == "ok":  # false for a failed check, never an error: the same in result style
                runtime = "requestOk"
                returns = TypeExpr.of("OkPromise", ("core/promise", "type OkPromise"))
        security = None
        if c.public or _alternatives(c.security) != _alternatives(self.sdk.client.default_security):
            security = [] if c.public else _alternatives(c.security)
        content_type = None  # a body media type the runtime would not send by itself
        if c.body is not None and c.body.kind != "multipart":
            content_type = c.body.media_type if c.body.media_type != data.BODY_MEDIA_TYPES.get(c.body.kind) else None
        accept = c.result_media_type if c.result_kind in ("binary", "text", "sse") and c.result_media_type else None
        doc = _doc("\n\n".join(t for t in (c.summary, c.description) if t), c.deprecated)
        required = any(g[1] for g in groups) or (c.body is not None and c.body.required)
        view = MethodView(c, name, self.functions[c.key], doc, self.types.get(c.key + "/params"), required, groups,
                          body, returns, runtime, payload, self.pages.get(c.key), security, content_type,
                          accept, encodings(c))  # fmt: skip
        return self.flat_method(view) if self.flat else view

    def flat_method(self, m: MethodView) -> MethodView:
        """`m` in the flat parameter style, as `plan.arguments` lays it out: the body's fields spread into the params
        object (a Params interface `extends` the body model), or the body as its `body` key."""
        c = m.call
        rest = [*c.query, *c.headers, *c.cookies]
        flat = flat_arguments(c, self.model_plans, "/typescript/arguments")
        spread = flat.spread
        members = [self.param(p) for p in rest]
        if m.body is not None and not spread:
            members.append(m.body)
        extends = self.type(c.body.type).text if spread and c.body is not None else None
        body_required = c.body is not None and c.body.required
        needs_body = flat.required_fields
        required = any(not p.key.endswith("?") for p in members) or (body_required and needs_body)
        optional = not required and needs_body
        params = m.params if members else extends
        positional = [(spelled(p.name, POSITIONAL, "param"), self.param(p).parts) for p in c.path_params]
        path = Obj(tuple((prop_key(p.wire), ident) for p, (ident, _) in zip(c.path_params, positional, strict=True)))
        args = Obj(((("path", path),) if c.path_params else ()) + ((("params", "params"),) if params else ()))
        layout = None
        if params:
            groups = (("query", c.query), ("headers", c.headers), ("cookies", c.cookies))
            pairs: list[tuple[str, str | Arr]] = [
                (group, Arr(tuple(ts_string(p.wire) for p in found))) for group, found in groups if found
            ]
            if c.body is not None:
                kind = ("fields" if body_required else "optional fields") if spread else "body"
                pairs.append(("body", ts_string(kind)))
            layout = Obj(tuple(pairs))
        view = FlatView(positional, members, extends, optional, args, layout)
        return replace(m, params=params, required=required, groups=[], body=None, flat=view)

    def param(self, p: ParamPlan) -> Member:
        """A parameter's property. An optional one also takes `null` and `undefined`, which the runtime leaves out
        (`exclusiveStartKey: page.nextKey` on the last page, or a variable that may be unset, needs no `if`)."""
        t = _widened(p.type, p.default)
        required = p.required or p.location == "path"
        member = self.member(p.wire, t, required, _doc(p.description, p.deprecated, _format_note(t), _key_note(p.wire)))
        absent = [] if required else [part for part in ("null", "undefined") if part not in member.parts]
        return replace(member, parts=member.parts + absent) if absent else member

    def body_imports(self, m: MethodView) -> frozenset[Import]:
        types = [p.type for p in (*m.call.path_params, *m.call.query, *m.call.headers, *m.call.cookies)]
        if m.call.body is not None and m.call.body.kind not in data.BODY_PARTS:
            types.append(m.call.body.type)
        return imports_of(self.type(t) for t in types)

    def resource_imports(self, nodes: list[ResourceView]) -> list[ImportLine]:
        """A resource file's imports: the fixed ones its template uses, then its type expressions' own."""
        methods = [m for n in nodes for m in n.methods]
        found = set(imports_of(m.returns for m in methods).union(*(self.body_imports(m) for m in methods)))
        if any(m.pages for m in methods):
            pages = data.PROMISES[self.result][1]
            found |= {("core/pagination", f"type {pages}"), ("core/pagination", "type Paginator")}
        return imports([("core/client", "APIResource"), ("core/client", "type CallOptions"), *_sorted(found)], "../")

    # ------------------------------------------------------------------ client

    def client_imports(
        self, files: list[ResourceFile], credentials: bool, variables: bool, lifted: list[tuple[str, MethodView]]
    ) -> list[ImportLine]:
        found = {("core/auth", data.PROVIDERS[a.kind]) for a in self.sdk.client.auth}
        found -= {("core/auth", "OAuth2AuthorizationCode")}
        if any(a.authorization_code for a in self.sdk.client.auth):
            found |= {("core/oauth", n) for n in ("OAuth", "OAuth2AuthorizationCode", "type OAuthTokens")}
        methods = [m for _, m in lifted]
        found |= {("core/client", "type CallOptions")} if methods else set()
        found |= imports_of(m.returns for m in methods)
        found |= imports_of(self.type(t) for m in methods for t in _flat_types(m))
        modules = {m.call.key: f.module for f in files for n in f.nodes for m in n.methods}
        found |= {(f"resources/{modules[m.call.key]}", f"type {m.params}") for m in methods if m.interface}
        found |= {("core/client", "BaseClient"), ("core/client", "type ClientOptions"), ("core/client", "userAgent")}
        found |= {("core/auth", "fromEnv")} if credentials else set()
        found |= {("core/url", "resolveServerUrl")} if variables else set()
        return imports([*_sorted(found), *[(f"resources/{f.module}", f.root.class_name) for f in files]], "./")

    def function_imports(self, files: list[ResourceFile]) -> list[ImportLine]:
        methods = [(f, m) for f in files for n in f.nodes for m in n.methods]
        found: list[Import] = [("core/client", "SharedClient")]
        found += [("core/client", "type CallOptions")] if methods else []
        found += _sorted(imports_of(m.returns for _, m in methods))
        found += [("client", self.client), ("client", f"type {self.client}Options")]
        found += [(f"resources/{f.module}", f"type {m.params}") for f, m in methods if m.interface]
        found += _sorted(imports_of(self.type(t) for _, m in methods for t in _flat_types(m)))
        return imports(found, "./")

    def client_calls(self, files: list[ResourceFile]) -> list[tuple[str, MethodView]]:
        """The calls `client_methods` lifts onto the client, each with its resource's trail (`sql`). A name the
        client class already has (a BaseClient member, a resource) is an error at /client_methods."""
        found = {m.call.key: (n.trail, m) for f in files for n in f.nodes for m in n.methods}
        taken = {name: "a member of the runtime's BaseClient" for name in data.CLIENT_MEMBERS}
        taken |= {f.root.attr: f"the resource {f.root.attr!r}" for f in files}
        out = []
        for lifted in self.sdk.client_calls:
            trail, m = found[lifted.call.key]
            if m.name in taken:
                raise error(f"{lifted.call.key} ({trail}.{m.name}) would take the name of {taken[m.name]} on the "
                            "TypeScript client", "/client_methods")  # fmt: skip
            taken[m.name] = f"the lifted call {lifted.call.key}"
            out.append((trail, m))
        return out

    def shared_auth(self, credentials: dict[str, tuple[str, Credential]]) -> tuple[str, str] | None:
        """What the shared client's `auth` option sets: the credential of the first scheme of the default security
        that takes one credential (an API key, a bearer or access token), with what it is sent as."""
        if any(name == "auth" for name, _ in credentials.values()) or any(
            spelled(v.name) == "auth" for v in self.sdk.client.server_variables
        ):
            return None  # a client option of that name already: `auth` stays its own
        plans = {a.scheme: a for a in self.sdk.client.auth}
        order = [s for alt in self.sdk.client.default_security for s in alt] + list(plans)
        for scheme in dict.fromkeys(order):
            plan = plans.get(scheme)
            if plan is not None and len(plan.credentials) == 1:
                sent = f"the {plan.param_name} {plan.location}" if plan.kind == "api_key" else "a bearer token"
                return credentials[plan.credentials[0].name.key][0], sent
        return None

    def context(self) -> dict[str, Any]:
        client = self.sdk.client
        files = self.resource_files()
        lifted = self.client_calls(files)
        taken = data.CLIENT_OPTION_NAMES
        credentials = {c.name.key: (spelled(c.name, data.RESERVED | taken), c) for a in client.auth
                       for c in a.credentials}  # fmt: skip
        variables = [(spelled(v.name, data.RESERVED | taken), v) for v in client.server_variables]
        shared_auth = self.shared_auth(credentials)
        return {
            "sdk": self.sdk,
            "config": self.config,
            "client": self.client,
            "options_name": self.client + "Options",
            "package": self.config.package_name,  # a valid npm name: [a-z0-9._-], `@` and `/` for a scope
            "version": self.config.version,  # semver
            "result_mode": self.result,
            "api_name": _api_name(self.sdk.title),  # one line of prose: escape it for the context
            "credentials": list(credentials.values()),
            "option_of": {key: name for key, (name, _) in credentials.items()},
            "providers": data.PROVIDERS,
            "variables": variables,
            "variable_docs": {
                v.wire: _doc(v.description, False, _variable_note(v.wire, v.default)) for _, v in variables
            },
            "security": _alternatives(client.default_security),
            "login": client.login,
            "oauth": next((a for a in client.auth if a.authorization_code), None),
            "client_imports": self.client_imports(files, bool(credentials), bool(variables), lifted),
            "client_calls": lifted,
            "flat_arguments": self.flat,
            "login_args": [(spelled(n, POSITIONAL, "credential"), w) for n, w in zip(client.login.credentials,
                           client.login.wire, strict=True)] if client.login else [],  # fmt: skip
            "client_export": imports([("client", self.client), ("client", f"type {self.client}Options")], "./"),
            "function_imports": self.function_imports(files),
            "models": [self.model_view(m) for m in self.sdk.models],
            "resource_files": files,
            "roots": [f.root for f in files],
            "example": _example(files),
            "paging_fields": data.PAGING_FIELDS,
            "shared_auth": shared_auth,  # (the option `auth` stands for, what it is sent as), or None
            "shared_options": [name for name, _ in (*credentials.values(), *variables)] + ["auth"] * bool(shared_auth),
        }


def _key(path: tuple[Name, ...]) -> str:
    return path[-1].key


def _method_name(c: CallPlan) -> str:
    """A resource's method, camelCase; the Params interface and Paginator names follow from it in either casing."""
    return spelled(c.name, data.RESOURCE_MEMBERS, "call")


def _snake_method_name(c: CallPlan) -> str:
    """A resource's method with `method_case: snake` (`create_api`): the plan's words joined by `_`."""
    name = "_".join(c.name.words)
    if name[:1].isdigit():
        name = "call_" + name
    return name + "_" if name in data.RESOURCE_MEMBERS else name


def _flat_types(m: MethodView) -> list[TypeRef]:
    """The types a flat method's signature names outside its Params interface: path parameters, a spread body."""
    if m.flat is None:
        return []
    body = [m.call.body.type] if m.call.body is not None and m.params and not m.flat.members else []
    return [p.type for p in m.call.path_params] + body


def _has_params(c: CallPlan) -> bool:
    return bool(c.path_params or c.query or c.headers or c.cookies or c.body)


def _sorted(found: Iterable[Import]) -> list[Import]:
    """Imports by name, as prettier-minded people sort them: case aside, `type` aside."""
    return sorted(found, key=lambda i: (i[1].removeprefix("type ").lower(), i))


def _doc_block(lines: list[str], indent: int) -> str:
    return "\n".join(doc_block(lines, indent))


def _member(parts: list[str], key: str, indent: int, alias: bool = False) -> str:
    return "\n".join(type_member(key, parts, indent, alias))


def _call(head: str, args: list[str | Arr | Obj], tail: str, indent: int) -> str:
    return "\n".join(call(head, args, tail, indent))


def _assign(left: str, right: str, args: list[str | Arr | Obj], tail: str, indent: int) -> str:
    return "\n".join(assignment(left, right, args, tail, indent))


def _variable_note(wire: str, default: str) -> str:
    return f"Server variable {markdown_code(wire)} (default {markdown_code(default)})."


def _ms(seconds: float) -> str:
    value = round(seconds * 1000)
    return f"{value:_}" if value >= 10_000 else str(value)


def _alternatives(security: tuple[tuple[str, ...], ...]) -> list[Arr]:
    """Security alternatives as array literals; alternatives naming the same schemes (scopes differ) are one."""
    found = dict.fromkeys(tuple(ts_string(s) for s in alt) for alt in security)
    return [Arr(alt) for alt in found]


def _constant(name: str) -> str:
    return "_".join(w.upper() for w in words(name)) or "X"


def _widened(t: TypeRef, *values: object) -> TypeRef:
    """An integer type the spec gives a value beyond ±(2^53 − 1) for (a default, an example) as a 64-bit one,
    `number | bigint`: `parseJSON` hands such values over as `bigint`, and a `bigint` is sent exactly."""
    beyond = any(isinstance(v, int) and not isinstance(v, bool) and abs(v) > MAX_SAFE_INTEGER for v in values)
    return replace(t, format="int64") if t.kind == "integer" and beyond else t


def _format_note(t: TypeRef) -> str:
    """A doc note for formats the TypeScript type does not show."""
    fmt = t.format if t.kind in ("string", "integer") else None
    if fmt == "int64":
        return "64-bit integer: a `bigint` when beyond `Number.MAX_SAFE_INTEGER`, else a `number`."
    if fmt in ("date", "date-time"):
        return f"ISO 8601 {'date' if fmt == 'date' else 'date-time'} string."
    return ""


def _api_name(title: str) -> str:
    """`info.title` on one line, ending in `API`: "Petstore" → "Petstore API"."""
    title = one_line(title)
    return title if title.lower().endswith(" api") or title.lower() == "api" else f"{title} API".strip()


def _key_note(name: str) -> str:
    """A doc note for a wire name an object literal cannot simply spell."""
    if name == "__proto__":
        return "Set it with a computed key, `{ ['__proto__']: value }`: `__proto__: value` sets the prototype."
    return ""


def _doc(text: str, deprecated: bool = False, *notes: str) -> list[str]:
    """Spec text as TSDoc lines: normalised first (`text.prose`: line breaks, controls, invisible characters),
    then each line escaped for the block (`tsdoc_line`: `*/`, tag-like `@`), trailing spaces and repeated blank
    lines dropped. `notes` are ours (spec values in them are `code_span`s) and escaped the same way; `@deprecated`
    is the one tag written."""
    if not (text or deprecated or any(notes)):
        return []
    text = prose(text).strip()
    lines = [tsdoc_line(line.rstrip()) for line in text.split("\n")] if text else []
    for extra in [tsdoc_line(note) for note in notes if note] + (["@deprecated"] if deprecated else []):
        if lines:
            lines.append("")
        lines.append(extra)
    out: list[str] = []
    for line in lines:  # runs of blank lines collapsed
        if line or (out and out[-1]):
            out.append(line)
    return out


def _example(files: list[ResourceFile]) -> str:
    """A call for the README: the first method needing no arguments, else the first method."""
    candidates = [(n.trail, m) for f in files for n in reversed(f.nodes) for m in n.methods]
    for trail, method in candidates:
        if not method.required:
            return f"{trail}.{method.name}()"
    if candidates:
        trail, method = candidates[0]
        return f"{trail}.{method.name}(params)"
    return "request()"


def _tree(resource: ResourceView) -> list[ResourceView]:
    return [node for child in resource.children for node in _tree(child)] + [resource]


__all__ = ["TARGET", "TypeScriptTarget", "camel", "identifier", "is_identifier"]
