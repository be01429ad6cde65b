"""The Go target: standard library only, functional options, `(ctx, …, opts...) (*T, error)` methods.

It spells the SdkPlan in Go: names (go_names), types (go_types, go_models) and the data its templates print —
spelled identifiers, type expressions, escaped literals, struct fields aligned the way gofmt aligns them. The
templates own every statement (templates/go/method.go.jinja holds a method's body). The hand-written runtime
(templates/go/runtime: `internal/core`, `option`) is copied with its import path rewritten to the SDK's module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from ..config import LanguageConfig
from ..diagnostics import error
from ..ir.model import Encoding, Model
from ..ir.naming import words
from ..plan.model import AuthPlan, CallPlan, Credential, ResourcePlan, SdkPlan, ServerVariablePlan
from . import blank_lines
from .base import RenderJob, Target, templates_root
from .clashes import numbered, settle
from .cycles import by_value_cycles
from .go_layout import Row, align, comment_lines, doc_comment, go_string
from .go_models import GoModels, enum_constants, number
from .go_names import (
    BUILD_SUFFIXES,
    KEYWORDS,
    LOCAL_RESERVED,
    OPTION_NAMES,
    RESERVED_PACKAGE_NAMES,
    ROOT_RESERVED,
    exported,
    go_words,
    module_path_problem,
    unexported,
)
from .go_types import BOOL, EVENT, FILE, READ_CLOSER, READER, STRING, GoTypes
from .markdown import markdown_code, markdown_lines, markdown_text
from .pagers import pager_settings
from .text import one_line, prose
from .types import Import, TypeExpr, imports_of

TEMPLATES = templates_root() / "go"
RUNTIME_MODULE = "github.com/zsdk-generator/go-runtime"
GO_VERSION = "1.24"
CLIENT_USE = "Make one with NewClient and share it: it is safe for concurrent use."


class GoTarget(Target):
    name = "go"
    description = "Go 1.24+: standard library only, functional options, context, iter.Seq2 pagination"
    template_dir = TEMPLATES
    reserved_package_names = RESERVED_PACKAGE_NAMES
    settings = {"module": ()}  # the module path (checked like `go get` does, where the target reads it)
    setting_help = {"module": "the Go module path"}

    def defaults(self, config: LanguageConfig, spec_license: str) -> dict[str, str]:
        return {"module": module_path(replace(config, options={}), package_name(self.package_words(config)))}

    def filters(self) -> dict[str, Callable[..., Any]]:
        return {"gostr": go_string, "doc": doc_comment, "jsonpath": json_path}

    def format(self, path: str, text: str) -> str:
        if not path.endswith(".go"):
            return text
        # a blank line between the header comment and the package clause
        return "\n" + blank_lines.single(text).lstrip("\n")

    def lower(self, sdk: SdkPlan, config: LanguageConfig) -> Iterable[RenderJob]:
        go = _Lowering(sdk, config, package_name(self.package_words(config)))
        context = go.context()
        yield RenderJob("go.mod", "go.mod.jinja", context)
        yield RenderJob("README.md", "README.md.jinja", context)
        yield RenderJob("client.go", "client.go.jinja", context)
        yield RenderJob("models.go", "models.go.jinja", context)
        yield RenderJob("option/credentials.go", "credentials.go.jinja", context)
        for service in context["services"]:
            yield RenderJob(f"{service.file}.go", "service.go.jinja", {**context, "service": service})
        runtime = self.template_dir / "runtime"
        for source in sorted(runtime.rglob("*.go")):
            text = source.read_text(encoding="utf-8").replace(RUNTIME_MODULE, context["module"])
            yield RenderJob(source.relative_to(runtime).as_posix(), "raw.jinja", {"text": text})


TARGET = GoTarget()


def package_name(package_words: list[str]) -> str:
    """The package clause: the words run together (a Go package name is one lower-case word); one that would
    start with a digit or be a keyword gets `sdk` in front. Default names already avoid the standard library's
    (`Target.package_words`); a configured name is kept otherwise."""
    name = "".join(package_words) or "sdk"
    return "sdk" + name if name[0].isdigit() or name in KEYWORDS else name


def module_path(config: LanguageConfig, package: str) -> str:
    """The module path: the configured `go: {module: …}`, which must be one `go get` accepts (it is printed in
    go.mod, in every import and in the README), else github.com/<package>/<package>-go."""
    configured = config.option("module")
    if configured is None or configured == "":
        return f"github.com/{package}/{package}-go"
    problem = module_path_problem(configured) if isinstance(configured, str) else "it is not a string"
    if problem:
        raise error(f"go: module must be a Go module path such as github.com/acme/acme-go, not {configured!r}: "
                    f"{problem}", "/go/module")  # fmt: skip
    return str(configured)


@dataclass
class Result:
    """What a method returns: `kind` (page, stream, empty, binary, text, pointer, value) and its Go type; a page's
    paginator (`style`, the items' path and the settings that are not the runtime's defaults, as Go literals)."""

    kind: str
    type: TypeExpr | None
    auto: TypeExpr | None = None  # page: what the AutoPaging twin returns
    style: str = ""
    items_path: str = ""
    settings: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class MethodView:
    """One method as method.go.jinja spells it: names, Go types and the request's parts as data."""

    name: str
    auto: str | None  # the AutoPaging twin's name
    http_method: str
    path: str
    doc: list[str]
    route: str  # README: `GET /widgets`
    summary: str  # README: the spec text's first line
    path_params: list[dict[str, Any]]  # wire, ident, type, encoding
    params: dict[str, Any] | None  # the params struct: name, doc, lines
    sends: list[dict[str, Any]]  # query, header and cookie parameters in send order: location, wire, field, encoding
    parts: list[dict[str, Any]]  # a multipart body's fields: wire, field, file, encoding
    body: dict[str, Any] | None  # kind, media_type, type, encodings (a form body's: wire name, encoding)
    security: list[tuple[str, ...]] | None  # None: the client's default; []: none (public)
    idempotent: bool
    envelope: tuple[str, ...] | None
    accept: str
    result: Result
    imports: frozenset[Import]


@dataclass
class ServiceView:
    """A resource as a service type (a top-level one is a file of its own)."""

    attribute: str  # its field on its parent
    type: str
    path: str  # client.Widgets.Files
    doc: list[str]
    lines: list[str]
    methods: list[MethodView]
    children: list[ServiceView]
    imports: frozenset[Import]
    file: str = ""  # top level: the file's name
    packages: list[str] = field(default_factory=list)  # top level: the standard-library packages its types need
    has_methods: bool = False


def json_path(names: Iterable[str]) -> str:
    """A path into a JSON body as the runtime's GetPath reads it: a Go string of the names joined with `.`, each
    name written as in a JSON pointer (`~` as `~0`, then `.` as `~1`) so a field such as `@odata.nextLink`
    stays one step."""
    return go_string(".".join(name.replace("~", "~0").replace(".", "~1") for name in names))


def first_line(text: str) -> str:
    """The first line of spec prose that has text on it."""
    return next((line for line in prose(text).split("\n") if line.strip()), "")


class _Lowering:
    """SdkPlan → Go template data. One instance per generation."""

    def __init__(self, sdk: SdkPlan, config: LanguageConfig, package: str):
        self.sdk, self.config, self.package = sdk, config, package
        self.module = module_path(config, package)
        # Package-level names, kind by kind (models, enum constants, services, params structs; options in their own
        # package): each made from the thing's own plan or IR name; a clash is settled by `claim`, never by the
        # order unrelated things were visited in.
        taken = set(ROOT_RESERVED)
        self.type_names = settle([(m.name, _model_name(m)) for m in sdk.models], taken)
        enums = {m.name: enum_constants(m) for m in sdk.models if m.kind == "enum"}
        constant_names = settle([(f"{name}/{i}", self.type_names[name] + suffix) for name, (_, values) in enums.items()
                                for i, (suffix, _) in enumerate(values)], taken)  # fmt: skip
        resources = list(sdk.all_resources())
        self.services = settle([(_key(r), _service_name(r)) for r in resources], taken)
        self.types = GoTypes(sdk.models, self.type_names)
        self.models = GoModels(self.types, self.type_names, enums, constant_names, by_value_cycles(sdk.models))
        self.params = settle([(c.key, f"{self.services[_key(r)].removesuffix('Service')}"
                               f"{exported(c.name.words, 'Call')}Params")
                              for r in resources for c in r.calls if self._has_params(c)], taken)  # fmt: skip
        login = sdk.client.login_scheme
        auth = sdk.client.request_auth + ([login] if login else [])
        self.options = settle([(c.name.key, "With" + exported(c.name.words, "Credential"))
                              for a in auth for c in a.credentials]
                             + [(v.name.key, "With" + exported(v.name.words, "Variable"))
                                for v in sdk.client.server_variables], set(OPTION_NAMES))  # fmt: skip

    # ------------------------------------------------------------------ services

    def _service(self, resource: ResourcePlan, parent: str, taken: set[str]) -> ServiceView:
        type_name = self.services[_key(resource)]
        attribute = numbered(exported(resource.name.words, "Resource"), taken)
        path = f"{parent}.{attribute}"
        members: set[str] = set()
        methods = [self._method(call, type_name, members) for call in resource.calls]
        children = [self._service(child, path, members) for child in resource.resources]
        rows: list[Row] = [[c.attribute, "*" + c.type] for c in children]
        rows.append(["client", "*core.Client"])
        fallback = f"{type_name} groups the {' '.join(resource.name.words)} operations."
        imports = frozenset().union(*(m.imports for m in methods), *(c.imports for c in children))
        doc = doc_comment(resource.description, type_name, fallback)
        return ServiceView(attribute, type_name, path, doc, align(rows), methods, children, imports)

    def _has_params(self, call: CallPlan) -> bool:
        return bool(call.query or call.headers or call.cookies or self._parts(call))

    def _parts(self, call: CallPlan) -> tuple[Any, ...]:
        """A multipart body's fields: the params struct holds them."""
        model = self.types.resolve(call.body.type) if call.body is not None and call.body.kind == "multipart" else None
        return model.fields if model is not None and model.kind == "object" else ()

    def _method(self, call: CallPlan, service: str, members: set[str]) -> MethodView:
        name = numbered(exported(call.name.words, "Call"), members)
        auto = numbered(name + "AutoPaging", members) if call.paging is not None else None
        local: set[str] = set(LOCAL_RESERVED)
        path_params: list[dict[str, Any]] = [
            {
                "wire": p.wire,
                "ident": numbered(unexported(p.name.words, "param"), local),
                "type": self.types.expr(p.type),
                "encoding": encoding_fields(p.encoding),
            }
            for p in call.path_params
        ]
        fields: set[str] = set()
        rows: list[Row] = []
        types: list[TypeExpr | None] = [p["type"] for p in path_params]
        sends = []
        for p in (*call.query, *call.headers, *call.cookies):
            typ = self.types.field(p.type, p.required)[0]
            ident = numbered(exported(p.name.words, "Param"), fields)
            encoding = encoding_fields(p.encoding)
            sends.append({"location": p.location, "wire": p.wire, "field": ident, "encoding": encoding})
            rows += [*doc_comment(p.description, "", ""), [ident, typ.text]]
            types.append(typ)
        parts = []
        declared = dict(call.body.encoding) if call.body is not None else {}
        for f in self._parts(call):
            file = call.body is not None and f.name in call.body.file_fields
            typ = (FILE.wrap("[]{}") if f.type.kind == "array" else FILE if f.required else FILE.wrap("Opt[{}]")) \
                if file else self.types.field(f.type, f.required)[0]  # fmt: skip
            parts.append({"wire": f.name, "field": numbered(exported(words(f.ident or f.name), "Field"), fields),
                          "file": file, "encoding": [] if file else encoding_fields(declared.get(f.name))})  # fmt: skip
            rows += [*doc_comment(f.description, "", ""), [parts[-1]["field"], typ.text]]
            types.append(typ)
        params = None
        if rows:
            params = {"name": self.params[call.key], "lines": align(rows), "doc": [
                f"// {self.params[call.key]} holds the parameters of {service}.{name}."]}  # fmt: skip
        body = None
        if call.body is not None and call.body.kind != "multipart":
            typ = {"binary": READER, "text": STRING}.get(call.body.kind) or self.types.expr(call.body.type)
            media = call.body.media_type or ("text/plain" if call.body.kind == "text" else "")
            encodings = [(wire, encoding_fields(e)) for wire, e in call.body.encoding]
            body = {"kind": call.body.kind, "media_type": media, "type": typ, "encodings": encodings}
            types.append(typ)
        result = self._result(call)
        types += [result.type, result.auto]
        text = "\n".join(t for t in (call.summary, call.description) if t and t.strip())
        deprecated = "Deprecated: the API marks this operation as deprecated." if call.deprecated else ""
        return MethodView(
            name, auto, call.http_method, call.path,
            doc=comment_lines([f"{name} calls {call.http_method} {one_line(call.path)}.", text, deprecated]),
            route=markdown_code(f"{call.http_method} {call.path}"),
            summary=markdown_text(first_line(call.summary) or first_line(call.description)),
            path_params=path_params, params=params, sends=sends, parts=parts, body=body,
            security=self.sdk.client.security_set(call.public, call.security),
            idempotent=call.idempotency_header is not None,
            envelope=call.envelope, accept=call.result_media_type if call.result_kind in ("binary", "text") else "",
            result=result, imports=imports_of(types),
        )  # fmt: skip

    def _result(self, call: CallPlan) -> Result:
        """What a method returns: `kind` (page, stream, empty, binary, text, ok, pointer, value) and its type."""
        if call.paging is not None:
            p = call.paging
            item = self.types.element(p.item_type).expr
            settings = [(k, json_path(v) if isinstance(v, tuple) else go_string(v)) for k, v in pager_settings(p)]
            return Result("page", item, item.wrap("iter.Seq2[{}, error]", ("iter", "")), p.style, json_path(p.items),
                          settings)  # fmt: skip
        if call.result_kind == "sse":
            return Result("stream", self.types.expr(call.result) if call.result is not None else EVENT)
        if call.result_kind in ("empty", "binary", "text", "ok"):
            return Result(call.result_kind, {"binary": READ_CLOSER, "text": STRING, "ok": BOOL}.get(call.result_kind))
        pointer = self.types.by_pointer(call.result)
        return Result("pointer" if pointer else "value", self.types.expr(call.result))

    # ------------------------------------------------------------------ client

    def _credential(self, c: Credential) -> dict[str, Any]:
        option, name = self.options[c.name.key], "_".join(c.name.words)
        lead = f"{option} sets the {name} credential (default: the {c.env} environment variable)."
        return {"option": option, "name": name, "env": c.env, "param": unexported(c.name.words, "value"),
                "doc": comment_lines([lead])}  # fmt: skip

    def _auth(self, a: AuthPlan) -> dict[str, Any]:
        return {"scheme": a.scheme, "kind": a.kind, "location": a.location or "header", "param_name": a.param_name,
                "token_url": a.token_url, "credentials": [self._credential(c) for c in a.credentials],
                "code": a.authorization_code}  # fmt: skip

    def _login(self) -> dict[str, Any] | None:
        login = self.sdk.client.login
        scheme = self.sdk.client.login_scheme
        if login is None or scheme is None:
            return None
        taken = set(LOCAL_RESERVED) | {"c", "login"}
        names = zip(login.credentials, login.wire, strict=True)
        args = [(numbered(unexported(c.words, "credential"), taken), wire) for c, wire in names]
        return {"plan": login, "credential": self._credential(scheme.credentials[0]), "args": args,
                "security": self.sdk.client.security_set(login.public, login.security)}  # fmt: skip

    def _variable(self, v: ServerVariablePlan) -> dict[str, Any]:
        option = self.options[v.name.key]
        choices = f" (one of: {', '.join(one_line(value) for value in v.enum)})" if v.enum else ""
        lead = f"{option} sets the {one_line(v.wire)} variable of the server URL{choices}."
        doc = comment_lines([lead + "\n" + v.description])
        return {"option": option, "wire": v.wire, "default": v.default, "enum": v.enum,
                "param": unexported(v.name.words, "value"), "doc": doc}  # fmt: skip

    def context(self) -> dict[str, Any]:
        sdk, client = self.sdk, self.sdk.client
        models = [self.models.view(m) for m in sdk.models]
        services = [self._service(r, "client", {"Options"}) for r in sdk.resources]
        for s in services:
            s.file, s.packages, s.has_methods = _file_name(s.type), sorted(m for m, _ in s.imports), _has_methods(s)
        all_services = [s for root in services for s in _flat(root)]
        auth = [self._auth(a) for a in client.request_auth]
        login = self._login()
        credentials = [c for a in auth for c in a["credentials"]] + ([login["credential"]] if login else [])
        rows: list[Row] = [[s.attribute, "*" + s.type] for s in services]
        oauth = next((a for a in auth if a["code"]), None)
        rows += [["OAuth", "*OAuth"]] if oauth else []
        rows += [["api", "*core.Client"]] + ([["login", "*core.LoginTokenAuth"]] if login else [])
        title = one_line(sdk.title)
        title = title if title.lower().endswith(" api") else f"{title} API"
        example = next(({"path": s.path, "method": m.name, "pointer": m.result.kind in _POINTERS}
                        for s in all_services for m in s.methods
                        if not (m.path_params or m.params or m.body)), None)  # fmt: skip
        r = client.retries
        return {
            "package_doc": comment_lines([f"Package {self.package} is the Go SDK of the {title}.", sdk.description]),
            "client_doc": comment_lines([f"Client is the {title} client. {CLIENT_USE}"]),
            "readme_title": markdown_text(f"{title} — Go SDK"),
            "readme_doc": markdown_lines(sdk.description),
            "server_url": markdown_code(client.base_url) if client.base_url else "",
            "package": self.package, "module": self.module, "go_version": GO_VERSION, "version": self.config.version,
            "models": models, "services": services, "all_services": all_services, "client_lines": align(rows),
            "base_url": client.base_url, "default_security": client.default_security,
            "retries": {"timeout": number(r.timeout), "max_retries": r.max_retries,
                        "base_delay": number(r.base_delay), "max_delay": number(r.max_delay),
                        "refresh_buffer": number(r.refresh_buffer), "refresh_retries": r.refresh_retries},
            "user_agent": f"{self.package}/{self.config.version} go/",
            "auth": auth, "credentials": credentials, "login": login, "oauth": oauth,
            "variables": [self._variable(v) for v in client.server_variables],
            "model_imports": sorted({m for view in models for m, _ in view.imports}),
            "example": example, "first_credential": credentials[0] if credentials else None,
        }  # fmt: skip


_POINTERS = ("pointer", "page", "stream")


def _model_name(model: Model) -> str:
    name = exported(words(model.name), "Model")
    return name + "Model" if name in ROOT_RESERVED else name


def _key(resource: ResourcePlan) -> str:
    return "/".join(n.key for n in resource.path)


def _service_name(resource: ResourcePlan) -> str:
    base = go_words(w for n in resource.path for w in n.words) or "Resource"
    return ("Resource" + base if base[0].isdigit() else base) + "Service"


def encoding_fields(encoding: Encoding | None) -> list[tuple[str, str]]:
    """A core.Encoding's fields that are not Go's zero values, as (field, Go literal) pairs; none for a location's
    default, which the runtime assumes."""
    if encoding is None:
        return []
    values = {"Style": go_string(encoding.style), "Explode": "true" if encoding.explode else "",
              "AllowReserved": "true" if encoding.allow_reserved else "",
              "Nesting": go_string(encoding.nesting) if encoding.nesting != "indexed" else "",
              "ContentType": go_string(encoding.content_type) if encoding.content_type else ""}  # fmt: skip
    return [(name, value) for name, value in values.items() if value]


def _file_name(service: str) -> str:
    """`api_keys` for ApiKeysService; a name the build would read as a constraint or a test gets `_service`."""
    name = "_".join(words(service.removesuffix("Service"))) or "service"
    if name in ("client", "models") or name.rsplit("_", 1)[-1] in BUILD_SUFFIXES:
        name += "_service"
    return name


def _flat(service: ServiceView) -> list[ServiceView]:
    return [service] + [s for child in service.children for s in _flat(child)]


def _has_methods(service: ServiceView) -> bool:
    return any(s.methods for s in _flat(service))
