"""The Go target: standard library only, functional options, `(ctx, …, opts...) (*T, error)` methods.

Everything a template prints is decided here, once: identifiers (Go casing with initialisms, keywords
escaped, package-level names unique), type expressions, struct fields already aligned the way gofmt aligns
them (`go_layout.align`), doc comments in the form gofmt keeps, imports, and the file layout. Templates
only loop and print. The hand-written runtime (templates/go/runtime: `internal/core`, `option`) is copied
with its import path rewritten to the SDK's module.

Optional and nullable: a required, non-nullable field is its plain Go type; an optional or nullable one is
`Opt[T]` (absent / null / value) — except optional slices and maps, where nil means absent.
"""

from __future__ import annotations

import math
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..config import LanguageConfig
from ..diagnostics import error
from ..ir.model import Api, Model, Operation, Resource, SecurityScheme, TypeRef
from ..ir.naming import words
from ..plan.credentials import Credential, plan_credentials
from .base import RenderJob, Target, templates_root
from .go_layout import (
    align,
    comment_lines,
    doc_comment,
    go_string,
    imports_block,
)
from .go_names import KEYWORDS, PREDECLARED, RESERVED_PACKAGE_NAMES, module_path_problem
from .markdown import markdown_code, markdown_lines, markdown_text
from .text import one_line, prose

TEMPLATES = templates_root() / "go"
RUNTIME_MODULE = "github.com/zsdk-generator/go-runtime"
GO_VERSION = "1.24"
CLIENT_USE = "Make one with NewClient and share it: it is safe for concurrent use."

INITIALISMS = frozenset(
    {"acl", "api", "ascii", "cpu", "css", "dns", "eof", "guid", "html", "http", "https", "id", "ip", "json", "lhs",
     "qps", "ram", "rhs", "rpc", "sla", "smtp", "sql", "ssh", "tcp", "tls", "ttl", "udp", "ui", "uid", "uuid", "uri",
     "url", "utf8", "vm", "xml", "xmpp", "xsrf", "xss", "sdk", "jwt", "oauth", "sse"}
)  # fmt: skip
# Names a parameter must not take inside a method body: the locals and packages the body uses, and every
# predeclared identifier (a parameter `int64` would hide the type from `var out int64`).
LOCAL_RESERVED = PREDECLARED | {"ctx", "opts", "params", "body", "r", "out", "err", "resp", "s", "c", "core",
                                "option", "json", "time", "io", "iter", "context", "runtime"}  # fmt: skip
# Package-level names the runtime aliases and the client file define.
ROOT_RESERVED = frozenset(
    {"Client", "NewClient", "Opt", "Some", "Null", "Date", "NewDate", "File", "NewFile", "Page", "Stream",
     "ServerSentEvent", "APIError", "ConnectionError", "TimeoutError", "RawResponse", "ErrBadRequest",
     "ErrAuthentication", "ErrPermissionDenied", "ErrNotFound", "ErrConflict", "ErrUnprocessableEntity",
     "ErrRateLimit", "ErrInternalServer", "Version"}
)  # fmt: skip
FIELD_RESERVED = frozenset({"ExtraFields", "MarshalJSON", "UnmarshalJSON"})
# Options the runtime's option package already defines.
OPTION_NAMES = frozenset(
    {"WithBaseURL", "WithServerVariable", "WithHTTPClient", "WithTimeout", "WithMaxRetries", "WithRetryDelays",
     "WithHeader", "WithQuery", "WithMiddleware", "WithIdempotencyKey", "WithResponseInto", "WithUserAgent",
     "WithCredential", "RequestOption", "Middleware", "MiddlewareNext", "RawResponse"}
)  # fmt: skip
# encoding/json ignores a tag name with other characters than these (and then uses the Go field name).
_TAG_PUNCTUATION = frozenset("!#$%&()*+-./:;<=>?@[]^_{|}~ ")


def valid_tag(name: str) -> bool:
    """Whether a wire name can be a struct tag's name: encoding/json's isValidTag (letters, digits of any script
    and the punctuation above — never a quote, backslash, backtick or comma, so the tag stays one raw string and
    one option list), and not `-`, which v1 reads as "skip this field" and the `-,` that names it is flagged by
    staticcheck (SA5008, json/v2 rules). A name that cannot be a tag stays in ExtraFields."""
    return (
        bool(name)
        and name != "-"
        and all(c in _TAG_PUNCTUATION or c.isalpha() or unicodedata.category(c) == "Nd" for c in name)
    )


def json_tag(wire: str, omitzero: bool) -> str:
    """The struct tag of a field whose wire name is a `valid_tag`."""
    return f'`json:"{wire}{",omitzero" if omitzero else ""}"`'


# ---------------------------------------------------------------------------------------------- numbers
#
# A Go constant must fit its type, so an enum's values decide its type: int64 (or float64) when every value
# fits, else json.Number — the number as the API writes it, which encoding/json reads and writes as a JSON
# number, never rounded. A non-finite number (a YAML `.inf` or `.nan`) has no JSON spelling, so the API can
# never send it: it gets no constant. Defaults and examples are never written into Go code (an absent Opt is
# not sent, and the server applies its own default), so they need no spelling at all.

JSON_NUMBER = "json.Number"
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1
_NUMBER_TYPES = {"integer": "int64", "number": "float64"}


def int_type(value: int) -> str:
    """int64, or json.Number for an integer outside int64's range."""
    return "int64" if _INT64_MIN <= value <= _INT64_MAX else JSON_NUMBER


def enum_constants(model: Model) -> tuple[str, list[tuple[str, str]]]:
    """(the enum's Go type, [(constant name suffix, Go literal)]) in spec order, each value once."""
    kind = model.enum_type or "string"
    if kind == "boolean":
        return "bool", []
    values: list[Any] = []
    for value in model.values:
        if _enum_value_ok(kind, value) and value not in values:
            values.append(value)
    if kind == "string":
        return "string", [(exported(v, "Value") if words(v) else "Empty", go_string(v)) for v in values]
    base = _NUMBER_TYPES[kind] if all(_fits(kind, v) for v in values) else JSON_NUMBER
    spell = (lambda v: go_string(_number(v))) if base == JSON_NUMBER else _number
    return base, [(("Minus" if v < 0 else "") + re.sub(r"[^0-9]", "_", str(abs(v))), spell(v)) for v in values]


def _enum_value_ok(kind: str, value: Any) -> bool:
    """Whether a value of an enum of this kind gets a constant (the IR gives each enum one kind of value)."""
    if kind == "string":
        return isinstance(value, str)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return isinstance(value, int) or (kind == "number" and math.isfinite(value))


def _fits(kind: str, value: int | float) -> bool:
    if kind == "integer":
        return _INT64_MIN <= value <= _INT64_MAX
    return isinstance(value, float) or abs(value) <= sys.float_info.max


# File name endings go build reads as build constraints or tests.
BUILD_SUFFIXES = frozenset(
    {"test", "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js", "linux", "nacl",
     "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos", "386", "amd64", "arm", "arm64", "loong64",
     "mips", "mipsle", "mips64", "mips64le", "ppc64", "ppc64le", "riscv64", "s390x", "wasm", "sparc64"}
)  # fmt: skip

PRIMITIVES: dict[tuple[str, str | None], str] = {
    ("string", None): "string",
    ("string", "date"): "Date",
    ("string", "date-time"): "time.Time",
    ("string", "binary"): "[]byte",
    ("string", "byte"): "[]byte",
    ("integer", None): "int64",
    ("integer", "int32"): "int32",
    ("number", None): "float64",
    ("boolean", None): "bool",
}


# ---------------------------------------------------------------------------------------------- names


def go_words(ws: list[str]) -> str:
    return "".join(w.upper() if w in INITIALISMS else w[:1].upper() + w[1:] for w in ws)


def exported(text: str, fallback: str = "Value") -> str:
    name = go_words(words(text)) or fallback
    if name[0].isdigit():
        name = fallback + name
    return name


def unexported(text: str, fallback: str = "value") -> str:
    ws = words(text)
    if not ws:
        return fallback
    first = ws[0]
    name = first + go_words(ws[1:])
    if name[0].isdigit():
        name = fallback + go_words(ws)
    if name in KEYWORDS or name in LOCAL_RESERVED:
        name += "_"
    return name


def unique(name: str, taken: set[str], suffix: str = "") -> str:
    candidate = name
    if candidate in taken and suffix:
        candidate = name + suffix
    n = 1
    base = candidate
    while candidate in taken:
        n += 1
        candidate = f"{base}{n}"
    taken.add(candidate)
    return candidate


# ---------------------------------------------------------------------------------------------- views


@dataclass
class ModelView:
    name: str
    kind: str  # struct | enum | union | alias | defined
    doc: list[str]
    lines: list[str] = field(default_factory=list)  # struct body / const block, aligned, without indentation
    known: str = ""  # struct: the wire names, as Go string literals
    consts: list[str] = field(default_factory=list)
    base: str = ""  # enum base type, alias/defined target
    variants: list[dict[str, Any]] = field(default_factory=list)  # union
    discriminator: str = ""
    tagged: list[tuple[str, str]] = field(default_factory=list)  # union: (wire value literal, variant field)
    alias: bool = False  # enum: `type Name = base` (json.Number must stay json.Number for encoding/json)


@dataclass
class MethodView:
    name: str
    doc: list[str]
    signature: str  # parameters after ctx
    returns: str
    body: list[str]  # statements, without indentation
    auto: str | None = None  # the AutoPaging method's name
    auto_returns: str = ""
    auto_body: list[str] = field(default_factory=list)
    route: str = ""  # `GET /widgets`, for the README
    summary: str = ""  # the first line of the spec's text, for the README


@dataclass
class ParamsView:
    name: str
    doc: list[str]
    lines: list[str]


@dataclass
class ServiceView:
    field: str  # on the parent
    type: str
    doc: list[str]
    path: str  # client.Widgets.Files
    lines: list[str]  # struct body
    methods: list[MethodView]
    params: list[ParamsView]
    children: list[ServiceView]


class GoTarget(Target):
    name = "go"
    description = "Go 1.24+: standard library only, functional options, context, iter.Seq2 pagination"
    template_dir = TEMPLATES
    reserved_package_names = RESERVED_PACKAGE_NAMES
    settings = {"module": ()}  # the module path (checked like `go get` does, where the target reads it)

    def filters(self) -> dict[str, Callable[..., Any]]:
        return {"gostr": go_string, "doc": doc_comment}

    def format(self, path: str, text: str) -> str:
        if not path.endswith(".go"):
            return text
        text = re.sub(r"\n{3,}", "\n\n", text)
        return "\n" + text.lstrip("\n")  # a blank line between the header comment and the package clause

    def plan(self, api: Api, config: LanguageConfig) -> Iterable[RenderJob]:
        lowering = _Lowering(api, config, package_name(self.package_words(config)))
        context = lowering.context()
        yield RenderJob("go.mod", "go.mod.jinja", context)
        yield RenderJob("README.md", "README.md.jinja", context)
        yield RenderJob("client.go", "client.go.jinja", context)
        yield RenderJob("models.go", "models.go.jinja", context)
        yield RenderJob("option/credentials.go", "credentials.go.jinja", context)
        for service in context["services"]:
            yield RenderJob(f"{lowering.file_name(service)}.go", "service.go.jinja", {**context, "service": service})
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


class _Lowering:
    """IR → Go views. One instance per generation."""

    def __init__(self, api: Api, config: LanguageConfig, package: str):
        self.api = api
        self.config = config
        self.package = package
        self.module = module_path(config, package)
        self.models = {m.name: m for m in api.models}
        self.taken: set[str] = set(ROOT_RESERVED)
        self.type_names = {m.name: unique(exported(m.name, "Model"), self.taken, "Model") for m in api.models}
        self.pointer_fields = self._recursive_edges()
        self._uses: set[str] = set()  # standard-library packages the file being lowered needs (see `_uses_package`)
        self.service_packages: dict[str, set[str]] = {}  # service type → its file's standard-library packages

    # ------------------------------------------------------------------ types

    def gotype(self, t: TypeRef | None) -> str:
        """The Go type of a value (nullability is the field's business)."""
        if t is None:
            return "any"
        if t.kind == "model":
            return self.type_names.get(t.model or "", "any")
        if t.kind == "array":
            return "[]" + self.element(t.item)
        if t.kind == "map":
            return "map[string]" + self.element(t.item)
        if t.kind == "literal":
            return self._uses_package(_literal_type(t.value))
        if t.kind in ("any", "null"):
            return "any"
        return self._uses_package(PRIMITIVES.get((t.kind, t.format), PRIMITIVES.get((t.kind, None), "any")))

    def _uses_package(self, typ: str) -> str:
        """`typ`, noting the standard-library package it needs in the file being lowered."""
        package = _TYPE_PACKAGES.get(typ)
        if package:
            self._uses.add(package)
        return typ

    def element(self, t: TypeRef | None) -> str:
        """An array item or map value: nullable ones are Opt[T]."""
        text = self.gotype(t)
        if t is not None and t.nullable and text != "any":
            return f"Opt[{text}]"
        return text

    def is_container(self, t: TypeRef) -> bool:
        text = self.gotype(t)
        return text.startswith(("[]", "map[")) or text == "any"

    def field_type(self, t: TypeRef, required: bool, pointer: bool = False) -> tuple[str, bool]:
        """(Go type, omitzero) for a struct field or parameter."""
        text = self.gotype(t)
        if pointer:
            return "*" + text, True
        if text == "any":
            return text, not required
        if required and not t.nullable:
            return text, False
        if not t.nullable and self.is_container(t):
            return text, True
        return f"Opt[{text}]", not required

    def returned(self, t: TypeRef | None) -> tuple[str, bool]:
        """(Go result type, returned by pointer)."""
        text = self.gotype(t)
        if t is not None and t.kind == "model":
            model = self.resolve(t)
            if model is not None and model.kind in ("object", "union"):
                return text, True
        return text, False

    def resolve(self, t: TypeRef | None) -> Model | None:
        seen = set()
        while t is not None and t.kind == "model" and t.model in self.models and t.model not in seen:
            seen.add(t.model)
            model = self.models[t.model]
            if model.kind != "alias":
                return model
            t = model.target
        return None

    # ------------------------------------------------------------------ recursion

    def _by_value(self, model: Model) -> list[tuple[str, str]]:
        """(field wire name, model) edges where a struct holds another model by value."""
        out = []
        if model.kind == "object":
            for f in model.fields:
                target = self._value_target(f.type)
                if target:
                    out.append((f.name, target))
        elif model.kind == "alias" and model.target is not None:
            target = self._value_target(model.target)
            if target:
                out.append(("", target))
        return out

    def _value_target(self, t: TypeRef) -> str | None:
        if t.kind != "model" or t.model not in self.models:
            return None
        return t.model

    def _recursive_edges(self) -> set[tuple[str, str]]:
        """(model, field) pairs that must be pointers: by-value edges inside a cycle (Tarjan's SCCs)."""
        graph = {m.name: self._by_value(m) for m in self.api.models}
        index: dict[str, int] = {}
        low: dict[str, int] = {}
        stack: list[str] = []
        on_stack: set[str] = set()
        component: dict[str, int] = {}
        counter = [0, 0]

        def strongconnect(root: str) -> None:
            work = [(root, 0)]
            index[root] = low[root] = counter[0]
            counter[0] += 1
            stack.append(root)
            on_stack.add(root)
            while work:
                node, i = work[-1]
                edges = graph.get(node, [])
                if i < len(edges):
                    work[-1] = (node, i + 1)
                    nxt = edges[i][1]
                    if nxt not in index:
                        index[nxt] = low[nxt] = counter[0]
                        counter[0] += 1
                        stack.append(nxt)
                        on_stack.add(nxt)
                        work.append((nxt, 0))
                    elif nxt in on_stack:
                        low[node] = min(low[node], index[nxt])
                    continue
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component[member] = counter[1]
                        if member == node:
                            break
                    counter[1] += 1

        for name in graph:
            if name not in index:
                strongconnect(name)
        return {(name, wire) for name, edges in graph.items() for wire, target in edges
                if component.get(name) == component.get(target)}  # fmt: skip

    # ------------------------------------------------------------------ models

    def model_views(self) -> list[ModelView]:
        views = []
        for model in self.api.models:
            name = self.type_names[model.name]
            notes = ["Deprecated: the API marks this schema as deprecated."] if model.deprecated else []
            if model.kind == "object":
                views.append(self._struct(model, name, notes))
            elif model.kind == "enum":
                views.append(self._enum(model, name, notes))
            elif model.kind == "union":
                views.append(self._union(model, name, notes))
            else:
                target = self.gotype(model.target)
                if model.target is not None and model.target.nullable and target != "any":
                    target = f"Opt[{target}]"
                kind = "defined" if target.startswith(("[]", "map[")) else "alias"
                views.append(ModelView(name, kind, self._model_doc(model, name, notes), base=target))
        return views

    def _model_doc(self, model: Model, name: str, notes: list[str]) -> list[str]:
        return doc_comment(model.description, name, f"{name} is the {model.name} schema.", notes)

    def _struct(self, model: Model, name: str, notes: list[str]) -> ModelView:
        taken = set(FIELD_RESERVED)
        rows: list[list[str] | str] = []
        known = []
        for f in model.fields:
            if not valid_tag(f.name):
                continue  # encoding/json cannot name it: it stays in ExtraFields
            ident = unique(exported(f.ident or f.name, "Field"), taken)
            typ, omit = self.field_type(f.type, f.required, (model.name, f.name) in self.pointer_fields)
            text = f.description
            if f.type.nullable:
                text = (text + "\n" if text else "") + "May be null."
            for line in doc_comment(text, "", ""):
                rows.append(line)
            if f.deprecated:
                rows.append("// Deprecated: the API marks this field as deprecated.")
            rows.append([ident, typ, json_tag(f.name, omit)])
            known.append(go_string(f.name))
        rows.append("// ExtraFields holds the fields the API sent that this type does not declare.")
        rows.append(["ExtraFields", "map[string]json.RawMessage", '`json:"-"`'])
        doc = self._model_doc(model, name, notes)
        return ModelView(name, "struct", doc, lines=align(rows), known=", ".join(known))

    def _enum(self, model: Model, name: str, notes: list[str]) -> ModelView:
        base, values = enum_constants(model)
        rows: list[list[str] | str] = [[unique(name + suffix, self.taken), name, f"= {literal}"]
                                       for suffix, literal in values]  # fmt: skip
        if base == JSON_NUMBER:
            self._uses.add("encoding/json")
            notes = [*notes, f"Its values do not fit in {_NUMBER_TYPES[model.enum_type or '']}, so it is json.Number: "
                             "the number as the API writes it."]  # fmt: skip
        notes = [*notes, "Values other than the constants below decode too: the API may add some."]
        doc = self._model_doc(model, name, notes)
        return ModelView(name, "enum", doc, lines=align(rows), base=base, alias=base == JSON_NUMBER)

    def _union(self, model: Model, name: str, notes: list[str]) -> ModelView:
        taken: set[str] = {"raw"} | FIELD_RESERVED
        variants: list[dict[str, Any]] = []
        by_model: dict[str, str] = {}
        for t in model.variants:
            if t.kind == "null":
                continue
            typ = self.gotype(t)
            if t.kind == "model":
                ident = unique(typ, taken)
                by_model[t.model or ""] = ident
            else:
                ident = unique(_variant_name(typ), taken)
            slice_like = typ.startswith(("[]", "map[")) or typ == "any"
            variants.append({"field": ident, "type": typ if slice_like else "*" + typ, "value_type": typ,
                             "pointer": not slice_like, "check": self._variant_check(t)})  # fmt: skip
        rows: list[list[str] | str] = [[v["field"], v["type"]] for v in variants]
        rows.append(["raw", "json.RawMessage"])
        tagged = []
        if model.discriminator is not None:
            for value, target in model.discriminator.mapping:
                if target in by_model:
                    tagged.append((go_string(value), by_model[target]))
        names = ", ".join(str(v["field"]) for v in variants) or "any JSON value"
        notes = [
            *notes,
            f"One of: {names}.",
            "Exactly one field is set after decoding; a value that matches no variant is kept as it came.",
        ]
        return ModelView(
            name, "union", self._model_doc(model, name, notes), lines=align(rows), variants=variants,
            discriminator=go_string(model.discriminator.property) if model.discriminator else "", tagged=tagged,
        )  # fmt: skip

    def _variant_check(self, t: TypeRef) -> str:
        """The condition under which JSON `data` is tried as this variant."""
        if t.kind == "model":
            model = self.resolve(t)
            if model is None:
                return ""
            if model.kind == "object":
                required = [go_string(f.name) for f in model.fields if f.required]
                if required:
                    return "core.JSONKind(data) == '{' && core.HasFields(data, " + ", ".join(required) + ")"
                return "core.JSONKind(data) == '{'"
            if model.kind == "enum":
                return "core.JSONKind(data) == '\"'" if model.enum_type == "string" else "core.JSONKind(data) == '0'"
            return ""
        text = self.gotype(t)
        if text.startswith("[]") and text != "[]byte":
            return "core.JSONKind(data) == '['"
        if text.startswith("map["):
            return "core.JSONKind(data) == '{'"
        if t.kind == "string" or text == "[]byte":
            return "core.JSONKind(data) == '\"'"
        if t.kind == "integer":
            return "core.IsInteger(data)"
        if t.kind == "number":
            return "core.JSONKind(data) == '0'"
        if t.kind == "boolean":
            return "core.JSONKind(data) == 'b'"
        if t.kind == "literal":
            return "core.JSONKind(data) != 'n'"
        return ""

    # ------------------------------------------------------------------ services

    def service_views(self) -> list[ServiceView]:
        """One view per top-level resource (one file each), noting the packages each file needs."""
        views = []
        for resource in self.api.resources:
            uses = self._collecting()
            views.append(self._service(resource, (), "client"))
            self.service_packages[views[-1].type] = uses
        return views

    def _collecting(self) -> set[str]:
        """Start a new file: the set returned fills with the standard-library packages its code needs."""
        self._uses = set()
        return self._uses

    def _service(self, resource: Resource, parents: tuple[str, ...], parent_path: str,
                 field_taken: set[str] | None = None) -> ServiceView:  # fmt: skip
        path = parents + (resource.name,)
        base = go_words([w for p in path for w in words(p)]) or "Resource"
        type_name = unique(("Resource" + base if base[0].isdigit() else base) + "Service", self.taken)
        field_name = unique(exported(resource.name, "Resource"), field_taken if field_taken is not None else
                            {"Options"})  # fmt: skip
        node_path = f"{parent_path}.{field_name}"
        method_taken: set[str] = set()
        methods = []
        params_views: list[ParamsView] = []
        for op in resource.operations:
            methods.append(self._method(op, type_name, method_taken, params_views))
        children = [self._service(child, path, node_path, method_taken) for child in resource.resources]
        rows: list[list[str] | str] = [[c.field, "*" + c.type] for c in children]
        rows.append(["client", "*core.Client"])
        doc = doc_comment(resource.description, type_name,
                          f"{type_name} groups the {resource.name.replace('_', ' ')} operations.")  # fmt: skip
        return ServiceView(field_name, type_name, doc, node_path, align(rows), methods, params_views, children)

    def _method(self, op: Operation, service: str, taken: set[str], params_views: list[ParamsView]) -> MethodView:
        view = self._method_view(op, service, taken, params_views)
        view.route = markdown_code(f"{op.http_method} {op.path}")
        view.summary = markdown_text(first_line(op.summary) or first_line(op.description))
        self._uses.add("context")
        return view

    def _method_view(self, op: Operation, service: str, taken: set[str], params_views: list[ParamsView]) -> MethodView:
        name = unique(exported(op.name, "Call"), taken)
        auto = unique(name + "AutoPaging", taken) if op.pagination is not None else None
        locals_taken: set[str] = set(LOCAL_RESERVED)
        signature: list[str] = []
        body = [f"r := core.NewRequest({go_string(op.http_method)}, {go_string(op.path)})"]
        path_order = re.findall(r"\{([^{}]+)\}", op.path)
        path_params = sorted((p for p in op.params if p.location == "path"),
                             key=lambda p: path_order.index(p.name) if p.name in path_order else 0)  # fmt: skip
        for p in path_params:
            ident = unique(unexported(p.ident or p.name, "param"), locals_taken)
            signature.append(f"{ident} {self.gotype(p.type)}")
            body.append(f"r.PathParam({go_string(p.name)}, {ident})")
        other = [p for p in op.params if p.location != "path"]
        files: list[tuple[str, str, bool]] = []  # multipart (wire, field, is file)
        params_name = None
        fields_rows: list[list[str] | str] = []
        field_taken: set[str] = set()
        for p in other:
            ident = unique(exported(p.ident or p.name, "Param"), field_taken)
            typ, _ = self.field_type(p.type, p.required)
            for line in doc_comment(p.description, "", ""):
                fields_rows.append(line)
            fields_rows.append([ident, typ])
            call = {"query": "QueryParam", "header": "HeaderParam", "cookie": "CookieParam"}[p.location]
            body.append(f"r.{call}({go_string(p.name)}, params.{ident})")
        if op.body is not None and op.body.kind == "multipart":
            model = self.resolve(op.body.type)
            for f in model.fields if model is not None and model.kind == "object" else ():
                ident = unique(exported(f.ident or f.name, "Field"), field_taken)
                if f.name in op.body.file_fields:
                    is_list = f.type.kind == "array"
                    typ = "[]File" if is_list else "File" if f.required else "Opt[File]"
                    files.append((f.name, ident, True))
                else:
                    typ, _ = self.field_type(f.type, f.required)
                    files.append((f.name, ident, False))
                for line in doc_comment(f.description, "", ""):
                    fields_rows.append(line)
                fields_rows.append([ident, typ])
        if fields_rows:
            params_name = unique(service.removesuffix("Service") + name + "Params", self.taken)
            params_views.append(ParamsView(params_name, [f"// {params_name} holds the parameters of {service}.{name}."],
                                           align(fields_rows)))  # fmt: skip
            signature.append(f"params {params_name}")
        for wire, ident, is_file in files:
            body.append(f"r.{'FileField' if is_file else 'FormField'}({go_string(wire)}, params.{ident})")
        if op.body is not None and op.body.kind != "multipart":
            kind = op.body.kind
            if kind == "binary":
                self._uses.add("io")
                signature.append("body io.Reader")
                body.append(f"r.Content(body, {go_string(op.body.media_type)})")
            elif kind == "text":
                signature.append("body string")
                body.append(f"r.Text(body, {go_string(op.body.media_type or 'text/plain')})")
            else:
                signature.append(f"body {self.gotype(op.body.type)}")
                body.append("r.FormBody(body)" if kind == "form" else "r.JSONBody(body)")
        if op.public:
            body.append("r.Security()")
        elif op.security != self.api.security:
            alts = ", ".join("[]string{" + ", ".join(go_string(s) for s in alt) + "}" for alt in op.security)
            body.append(f"r.Security({alts})")
        if op.idempotent:
            body.append("r.Idempotent()")
        if op.envelope:
            body.append(f"r.Envelope({json_path(op.envelope)})")
        if op.result is not None and op.result.media_type and op.result.kind in ("binary", "text"):
            body.append(f"r.Accept({go_string(op.result.media_type)})")
        head = "ctx context.Context" + "".join(", " + s for s in signature) + ", opts ...option.RequestOption"
        doc = self._method_doc(op, name)
        if op.pagination is not None:
            paging = op.pagination
            item = self.element(paging.item_type)
            pager = f"core.Pages({go_string(paging.style)}, {json_path(paging.items)})" + self._pager(op)
            page_body = body + [f"return core.GetPage[{item}](ctx, s.client, r, {pager}, opts)"]
            self._uses.add("iter")
            auto_body = body + [f"return core.AutoPage[{item}](ctx, s.client, r, {pager}, opts)"]
            view = MethodView(name, doc, head, f"(*Page[{item}], error)", page_body, auto,
                              f"iter.Seq2[{item}, error]", auto_body)  # fmt: skip
            return view
        result = op.result
        if op.streaming == "sse" or (result is not None and result.kind == "sse"):
            item = self.gotype(result.type) if result is not None and result.type is not None else "ServerSentEvent"
            body.append(f"return core.GetStream[{item}](ctx, s.client, r, opts)")
            return MethodView(name, doc, head, f"(*Stream[{item}], error)", body)
        if result is None or result.kind == "empty":
            body.append("return s.client.Do(ctx, r, nil, opts)")
            return MethodView(name, doc, head, "error", body)
        if result.kind == "binary":
            self._uses.add("io")
            body += ["resp, err := s.client.DoStream(ctx, r, opts)", "if err != nil {", "\treturn nil, err", "}",
                     "return resp.Body, nil"]  # fmt: skip
            return MethodView(name, doc, head, "(io.ReadCloser, error)", body)
        if result.kind == "text":
            body.append("return s.client.DoText(ctx, r, opts)")
            return MethodView(name, doc, head, "(string, error)", body)
        typ, pointer = self.returned(op.result_type)
        body.append(f"var out {typ}")
        if pointer:
            body += ["if err := s.client.Do(ctx, r, &out, opts); err != nil {", "\treturn nil, err", "}",
                     "return &out, nil"]  # fmt: skip
            return MethodView(name, doc, head, f"(*{typ}, error)", body)
        body += ["err := s.client.Do(ctx, r, &out, opts)", "return out, err"]
        return MethodView(name, doc, head, f"({typ}, error)", body)

    def _method_doc(self, op: Operation, name: str) -> list[str]:
        lead = f"{name} calls {op.http_method} {one_line(op.path)}."
        text = "\n".join(t for t in (op.summary, op.description) if t and t.strip())
        notes = ["Deprecated: the API marks this operation as deprecated."] if op.deprecated else []
        return comment_lines([lead, text, *notes])

    def _pager(self, op: Operation) -> str:
        p = op.pagination
        assert p is not None
        out = []

        def put(key: str, value: str | None, default: str | None = None) -> None:
            if value is not None and value != default:
                out.append(f".With({go_string(key)}, {go_string(value)})")

        def put_path(key: str, path: tuple[str, ...] | None) -> None:
            if path is not None:
                out.append(f".With({go_string(key)}, {json_path(path)})")

        put("cursor_param", p.cursor_param, "cursor")
        put_path("next_cursor", p.next_cursor)
        put_path("cursor_item_field", (p.cursor_item_field,) if p.cursor_item_field is not None else None)
        put_path("has_more", p.has_more)
        put("offset_param", p.offset_param, "offset")
        put("limit_param", p.limit_param, "limit")
        put_path("total", p.total)
        put("page_param", p.page_param, "page")
        put("per_page_param", p.per_page_param)
        put_path("total_pages", p.total_pages)
        put_path("has_next", p.has_next)
        return "".join(out)

    # ------------------------------------------------------------------ client

    def auth_views(self) -> tuple[list[dict[str, Any]], list[str], list[dict[str, Any]]]:
        """(credential options, client statements installing providers, server variable options)."""
        plan = plan_credentials(self.api, self.config)
        option_taken = set(OPTION_NAMES)
        creds: list[dict[str, Any]] = []
        statements: list[str] = []
        login_scheme = self.api.login.scheme if self.api.login else None

        def cred(c: Credential) -> str:
            option = unique("With" + exported(c.name, "Credential"), option_taken)
            doc = comment_lines([f"{option} sets the {c.name} credential (default: the {c.env} environment variable)."])
            param = unexported(c.name, "value")
            creds.append({"option": option, "name": go_string(c.name), "env": c.env, "param": param, "doc": doc})
            return f"api.Credential({go_string(c.name)}, {go_string(c.env)})"

        for scheme in self.api.security_schemes:
            if scheme.name != login_scheme and scheme.name in plan:
                values = [cred(c) for c in plan[scheme.name]]
                statements.append(f"api.SetAuth({go_string(scheme.name)}, {self._provider(scheme, values)})")
        variables: list[dict[str, Any]] = []
        server = self.api.servers[0] if self.api.servers else None
        for v in server.variables if server else ():
            option = unique("With" + exported(v.name, "Variable"), option_taken)
            choices = f" (one of: {', '.join(one_line(value) for value in v.enum)})" if v.enum else ""
            lead = f"{option} sets the {one_line(v.name)} variable of the server URL{choices}."
            variables.append({"option": option, "name": go_string(v.name), "param": unexported(v.name, "value"),
                              "doc": comment_lines([lead + "\n" + v.description])})  # fmt: skip
        self._login_cred = cred(plan[login_scheme][0]) if login_scheme else ""
        return creds, statements, variables

    def _provider(self, scheme: SecurityScheme, values: list[str]) -> str:
        """The provider of a scheme whose credentials are `values` (each the option, else its variable)."""
        if scheme.kind == "api_key":
            location = go_string(scheme.location or "header")
            return f"core.NewAPIKeyAuth({go_string(scheme.param_name or scheme.name)}, {location}, {values[0]})"
        if scheme.kind == "basic":
            return f"core.NewBasicAuth({values[0]}, {values[1]})"
        if scheme.kind == "oauth2" and len(values) == 2:
            flow = next(f for f in scheme.flows if f.kind == "client_credentials")
            return f"core.NewOAuth2ClientCredentials({go_string(flow.token_url)}, {values[0]}, {values[1]})"
        return f"core.NewBearerAuth({values[0]})"  # a bearer token, or an OAuth2 access token

    def login_view(self) -> dict[str, Any] | None:
        flow = self.api.login
        if flow is None:
            return None
        op = next((o for o in self.api.all_operations() if o.id == flow.operation_id), None)
        if op is None:
            return None
        taken = set(LOCAL_RESERVED) | {"c", "login"}
        args = [(unique(unexported(c, "credential"), taken), c) for c in flow.credentials]
        fields = ", ".join(f"{go_string(wire)}: {ident}" for ident, wire in args)
        request = f"core.NewRequest({go_string(op.http_method)}, {go_string(op.path)})"
        if op.public:
            request += ".Security()"
        elif op.security != self.api.security:
            alts = ", ".join("[]string{" + ", ".join(go_string(s) for s in alt) + "}" for alt in op.security)
            request += f".Security({alts})"
        request += ".JSONBody(map[string]any{" + fields + "})"
        setup = [f"login.TokenField = {json_path(flow.token)}"]
        setup.append(f"login.RefreshTokenField = {json_path(flow.refresh_token or ())}")
        setup.append(f"login.ExpiresInField = {json_path(flow.expires_in or ())}")
        refresh = next((o for o in self.api.all_operations() if o.id == flow.refresh_operation_id), None)
        if refresh is not None:
            setup.append(f"login.RefreshPath = {go_string(refresh.path)}")
            setup.append(f"login.RefreshMethod = {go_string(refresh.http_method)}")
        if flow.refresh_param:
            setup.append(f"login.RefreshParam = {go_string(flow.refresh_param)}")
        setup.append(f"api.SetAuth({go_string(flow.scheme)}, login)")
        return {"signature": "".join(f", {ident} string" for ident, _ in args), "request": request,
                "setup": setup, "credential": self._login_cred}  # fmt: skip

    def file_name(self, service: ServiceView) -> str:
        """`api_keys` for ApiKeysService; a name the build would read as a constraint or a test gets `_service`."""
        name = "_".join(words(service.type.removesuffix("Service"))) or "service"
        if name in ("client", "models") or name.rsplit("_", 1)[-1] in BUILD_SUFFIXES:
            name += "_service"
        return name

    def context(self) -> dict[str, Any]:
        model_packages = self._collecting()
        models = self.model_views()
        services = self.service_views()
        creds, auth, variables = self.auth_views()
        login = self.login_view()
        server = self.api.servers[0] if self.api.servers else None
        all_services = [s for root in services for s in _tree(root)]
        retries = self.config.retries
        defaults = [f"defaults.ServerURL = {go_string(server.url if server else '')}"]
        if server and server.variables:
            pairs = ", ".join(f"{go_string(v.name)}: {go_string(v.default)}" for v in server.variables)
            defaults.append("defaults.ServerVariables = map[string]string{" + pairs + "}")
            enums = ", ".join(f"{go_string(v.name)}: {{{', '.join(go_string(e) for e in v.enum)}}}"
                              for v in server.variables if v.enum)  # fmt: skip
            if enums:
                defaults.append("defaults.ServerEnums = map[string][]string{" + enums + "}")
        defaults += [
            f"defaults.Timeout = core.Seconds({_number(retries.timeout)})",
            f"defaults.MaxRetries = {retries.max_retries}",
            f"defaults.BaseDelay = core.Seconds({_number(retries.base_delay)})",
            f"defaults.MaxDelay = core.Seconds({_number(retries.max_delay)})",
            f"defaults.UserAgent = {go_string(f'{self.package}/{self.config.version} go/')} + runtime.Version()",
        ]
        if self.api.security:
            alts = ", ".join("{" + ", ".join(go_string(s) for s in alt) + "}" for alt in self.api.security)
            defaults.append("defaults.DefaultSecurity = [][]string{" + alts + "}")
        client_rows: list[list[str] | str] = [[s.field, "*" + s.type] for s in services]
        client_rows.append(["api", "*core.Client"])
        if login:
            client_rows.append(["login", "*core.LoginTokenAuth"])
        title = one_line(self.api.title)
        title = title if title.lower().endswith(" api") else f"{title} API"
        api_text = self.api.description
        has_structs = any(m.kind in ("struct", "union") for m in models)
        model_imports = imports_block(
            sorted(model_packages | ({"encoding/json"} if has_structs else set())),
            [self.module + "/internal/core"] if has_structs else [],
        )
        return {
            "package_doc": comment_lines([f"Package {self.package} is the Go SDK of the {title}.", api_text]),
            "client_doc": comment_lines([f"Client is the {title} client. {CLIENT_USE}"]),
            "readme_title": markdown_text(f"{title} — Go SDK"),
            "readme_doc": markdown_lines(self.api.description),
            "server_url": markdown_code(server.url) if server else "",
            "package": self.package,
            "module": self.module,
            "go_version": GO_VERSION,
            "version": self.config.version,
            "models": models,
            "services": services,
            "all_services": all_services,
            "client_lines": align(client_rows),
            "defaults": defaults,
            "auth": auth,
            "credentials": creds,
            "variables": variables,
            "login": login,
            "model_imports": model_imports,
            "service_imports": {s.type: self._service_imports(s) for s in services},
            "file_name": self.file_name,
            "example": self._example(services),
            "first_credential": creds[0] if creds else None,
        }

    def _service_imports(self, root: ServiceView) -> str:
        local = [self.module + "/internal/core"]
        if any(s.methods for s in _tree(root)):
            local.append(self.module + "/option")
        return imports_block(sorted(self.service_packages[root.type]), local)

    def _example(self, services: list[ServiceView]) -> dict[str, Any] | None:
        for service in services:
            for s in _tree(service):
                for m in s.methods:
                    if m.signature.count(",") == 1:  # ctx and opts only
                        return {"path": s.path.replace("client.", "client.", 1), "method": m.name,
                                "pointer": m.returns.startswith("(*")}  # fmt: skip
        return None


def _tree(service: ServiceView) -> list[ServiceView]:
    out = [service]
    for child in service.children:
        out.extend(_tree(child))
    return out


def json_path(names: tuple[str, ...]) -> str:
    """A path into a JSON body as the runtime's GetPath reads it: a Go string of the names joined with `.`, each
    name written as in a JSON pointer (`~` as `~0`, then `.` as `~1`) so a field such as `@odata.nextLink`
    stays one step."""
    return go_string(".".join(name.replace("~", "~0").replace(".", "~1") for name in names))


def _literal_type(value: object) -> str:
    """The Go type of a `const` schema's value."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return int_type(value)
    return "float64" if isinstance(value, float) else "string" if isinstance(value, str) else "any"


# The standard-library package a type from `gotype` needs imported.
_TYPE_PACKAGES = {"time.Time": "time", JSON_NUMBER: "encoding/json"}


def _variant_name(typ: str) -> str:
    names = {"string": "String", "int64": "Int", "int32": "Int", "float64": "Float", "bool": "Bool", "any": "Any",
             "Date": "Date", "time.Time": "Time", "[]byte": "Bytes"}  # fmt: skip
    if typ in names:
        return names[typ]
    if typ.startswith("[]"):
        return _variant_name(typ[2:]) + "List"
    if typ.startswith("map[string]"):
        return _variant_name(typ[len("map[string]") :]) + "Map"
    if typ.startswith("Opt["):
        return "Nullable" + _variant_name(typ[4:-1])
    return exported(typ, "Variant")


def _number(value: float | int) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = repr(float(value))
    return text


def first_line(text: str) -> str:
    """The first line of spec prose that has text on it."""
    return next((line for line in prose(text).split("\n") if line.strip()), "")
