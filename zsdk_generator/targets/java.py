"""The Java target: java.net.http + Jackson, `client.resource().method(…)` blocking, `client.async()` twins
returning CompletableFuture, builders everywhere.

It spells the SdkPlan in Java: names (java_names), types (java_types, java_models) and the data its templates
print — spelled identifiers, type expressions, escaped literals. The templates own the syntax and lay out what
they build through the `java_layout` filters, the way google-java-format 1.28.0 does, so the output is
gjf-clean without running Java. The hand-written runtime (templates/java/runtime/src/{main,test}/java/dev/zsdk/
runtime) is copied with its package rewritten to `<package>.core`; notes/java-contract is what each side assumes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..config import LanguageConfig
from ..diagnostics import error
from ..ir.model import Encoding, Model
from ..ir.naming import words
from ..plan.model import AuthPlan, CallPlan, Credential, ResourcePlan, SdkPlan, ServerVariablePlan
from . import blank_lines
from .base import RenderJob, Target, templates_root
from .clashes import client_options, numbered, settle
from .doc_cache import cached_doc
from .java_layout import (
    Expr,
    Own,
    annotation,
    assign,
    cast,
    declaration,
    escape_doc,
    java_string,
    javadoc,
    record_header,
    type_header,
)
from .java_layout import call as lay
from .java_layout import field as field_lines
from .java_models import JavaModels, ModelView, java_classes
from .java_names import (
    BUILDER_METHODS,
    CLIENT_METHODS,
    LOCAL_RESERVED,
    PARAMS_MEMBERS,
    RESERVED_PACKAGE_NAMES,
    SERVICE_MEMBERS,
    file_safe,
    identifier,
    package_problem,
    package_segment,
    pascal_words,
    type_name,
)
from .java_types import BINARY, EVENT, FILE, JavaTypes
from .markdown import markdown_code, markdown_lines, markdown_text
from .pagers import pager_settings
from .semver import semantic_version
from .text import one_line, prose
from .types import Import, TypeExpr, class_models

TEMPLATES = templates_root() / "java"
RUNTIME_PACKAGE = "dev.zsdk.runtime"
JACKSON = "2.21.3"
JUNIT = "5.14.1"


class JavaTarget(Target):
    name = "java"
    description = "Java 17+: java.net.http, Jackson; blocking and CompletableFuture clients, builders, auto-paging"
    template_dir = TEMPLATES
    reserved_package_names = RESERVED_PACKAGE_NAMES
    # The base Java package, and the Maven coordinates (defaults from the package: group = all but its last
    # segment, artifact = the last segment with `-`).
    settings = {"package": (), "group_id": (), "artifact_id": ()}
    setting_help = {
        "package": "the base Java package",
        "group_id": "the Maven groupId",
        "artifact_id": "the Maven artifactId",
    }

    def defaults(self, config: LanguageConfig, spec_license: str) -> dict[str, str]:
        bare = replace(config, options={})
        package = java_package(self, bare)
        group, artifact = maven_coordinates(bare, package)
        return {"package": package, "group_id": group, "artifact_id": artifact}

    def filters(self) -> dict[str, Callable[..., Any]]:
        return {"doc": _doc, "own": Own, "decl": _decl, "ctor": _ctor, "call": _call, "field": _field,
                "assign": _assign,
                "jstr": java_string,
                "permits": lambda head, names: "\n".join(type_header(head, "permits", names)),
                "record": lambda name, component, parent, body: "\n".join(
                    record_header(name, component, parent, body)),
                "extends": lambda head, names: "\n".join(type_header(head, "extends", names, 2)),
                "set": lambda head, value, indent=4: "\n".join(assign(indent, head, value)),
                "cast": lambda head, kind, value, indent=4: "\n".join(cast(indent, head, kind, value)),
                "annotation": lambda name, key, value: "\n".join(annotation(name, key, value)),
                "implements": lambda head, names: "\n".join(type_header(head, "implements", names)),
                "markdown": markdown_text, "code": markdown_code}  # fmt: skip

    def format(self, path: str, text: str) -> str:
        if path.endswith(".java"):
            return blank_lines.inside_braces(text).strip("\n") + "\n"
        return text

    def lower(self, sdk: SdkPlan, config: LanguageConfig) -> Iterable[RenderJob]:
        package = java_package(self, config)
        group, artifact = maven_coordinates(config, package)
        config = replace(config, version=semantic_version(config.version, "java", "Maven", "/version"))
        lowering = _Lowering(sdk, config, package, group, artifact, "-".join(self.package_words(config)))
        context = lowering.context()
        base = "src/main/java/" + package.replace(".", "/")
        yield RenderJob("pom.xml", "pom.xml.jinja", context)
        yield RenderJob("README.md", "README.md.jinja", context)
        client = context["client"]
        yield RenderJob(f"{base}/{client}.java", "client.java.jinja", {**context, "async": False})
        yield RenderJob(f"{base}/{client}Async.java", "client.java.jinja", {**context, "async": True})
        for model, name in class_models(sdk.models, lowering.classes):
            yield RenderJob(f"{base}/models/{name}.java", "model.java.jinja", context,
                            more=functools.partial(lowering.model_context, model))  # fmt: skip
        for resource in context["all_resources"]:
            for is_async in (False, True):
                name = resource.type + ("Async" if is_async else "")
                yield RenderJob(f"{base}/services/{name}.java", "service.java.jinja",
                                {**context, "resource": resource, "async": is_async,
                                 "imports": _import_lines(resource.imports(is_async), package)})  # fmt: skip
            for params in resource.params:
                imports = _import_lines(params.imports, package)
                yield RenderJob(f"{base}/services/{params.name}.java", "params.java.jinja",
                                {**context, "params": params, "imports": imports})  # fmt: skip
        yield from self._runtime(package)

    def _runtime(self, package: str) -> Iterable[RenderJob]:
        """The runtime's sources and tests, in `<package>.core`."""
        root = self.template_dir / "runtime" / "src"
        for kind in ("main", "test"):
            folder = root / kind / "java" / RUNTIME_PACKAGE.replace(".", "/")
            if not folder.is_dir():
                continue
            for source in sorted(folder.rglob("*.java")):
                relative = source.relative_to(folder).as_posix()
                dest = f"src/{kind}/java/{package.replace('.', '/')}/core/{relative}"
                yield RenderJob(dest, "raw.jinja", {"text": runtime_text(source, package)})


TARGET = JavaTarget()


_IMPORTS = re.compile(r"^import (?:static )?[\w.]+;\n(?:\n?import (?:static )?[\w.]+;\n)*", re.MULTILINE)


def runtime_text(source: Path, package: str) -> str:
    """A runtime file with `dev.zsdk.runtime` rewritten to `<package>.core` in its package and import lines, and
    its imports ordered again as gjf orders them (static ones first, then the rest, each block in ASCII order):
    the new package name sorts elsewhere than `dev.zsdk`."""
    text = source.read_text(encoding="utf-8")
    pattern = re.compile(r"^(package|import(?: static)?) " + re.escape(RUNTIME_PACKAGE) + r"\b", re.MULTILINE)
    return _IMPORTS.sub(_sorted_imports, pattern.sub(lambda m: f"{m.group(1)} {package}.core", text), count=1)


def _sorted_imports(block: re.Match[str]) -> str:
    lines = [line for line in block.group(0).splitlines() if line]
    static = sorted((line for line in lines if line.startswith("import static ")), key=lambda line: line[:-1])
    plain = sorted((line for line in lines if not line.startswith("import static ")), key=lambda line: line[:-1])
    return "\n\n".join("\n".join(group) for group in (static, plain) if group) + "\n"


def java_package(target: Target, config: LanguageConfig) -> str:
    """The base package: `java: {package: …}` as given (an error naming the setting when Java refuses it), else
    `com.<package words run together>` (as com.stripe and com.openai are their APIs' packages)."""
    configured = config.option("package")
    if configured is not None and configured != "":
        problem = package_problem(configured) if isinstance(configured, str) else "it is not a string"
        if problem:
            raise error(f"java: package {configured!r} is not a Java package name: {problem}", "/java/package")
        return str(configured)
    return "com." + package_segment(target.package_words(config))


_MAVEN_ID = re.compile(r"[A-Za-z0-9_.-]+")


def maven_coordinates(config: LanguageConfig, package: str) -> tuple[str, str]:
    """(groupId, artifactId): as configured, else the package and its last segment suffixed `-java`
    (`com.zatabase` → com.zatabase, zatabase-java; as com.stripe:stripe-java)."""
    last = package.rpartition(".")[2]
    out = []
    for key, default in (("group_id", package), ("artifact_id", last.replace("_", "-") + "-java")):
        value = config.option(key)
        if value is None or value == "":
            out.append(default)
            continue
        if not isinstance(value, str) or not _MAVEN_ID.fullmatch(value):
            raise error(f"java: {key} must be letters, digits, '.', '-' and '_' (as Maven takes it), not {value!r}",
                        f"/java/{key}")  # fmt: skip
        out.append(value)
    return out[0], out[1]


def _import_lines(imports: Iterable[Import], package: str) -> list[str]:
    """`import …;` lines as gjf orders them (one block, ASCII order)."""
    names = set()
    for module, name in imports:
        if not name:
            continue
        if module == "models":
            names.add(f"{package}.models.{name}")
        elif module == "core":
            names.add(f"{package}.core.{name}")
        elif module == "services":
            names.add(f"{package}.services.{name}")  # the client's; a service's own package needs none
        elif module == "":
            continue
        else:
            names.add(f"{module}.{name}")
    return [f"import {n};" for n in sorted(names)]


# ---------------------------------------------------------------------------------------------- filters


_doc = cached_doc(javadoc)


def _decl(head: str, params: Sequence[str], indent: int = 2, tail: str = " {") -> str:
    return "\n".join(declaration(indent, head, params, tail))


def _ctor(head: str, params: Sequence[str], indent: int = 2) -> str:
    return "\n".join(declaration(indent, head, params, " {", constructor=True))


def _call(args: Sequence[str], callee: str, indent: int = 4, prefix: str = "", tail: str = ";") -> str:
    return "\n".join(lay(indent, prefix, callee, args, tail))


def _assign(prefix: str, callee: str, args: Sequence[str], indent: int = 4) -> str:
    return "\n".join(lay(indent, prefix, callee, args))


def _field(head: str, name: str, indent: int = 2) -> str:
    return "\n".join(field_lines(indent, head, name))


_CODE_SAFE = re.compile(r"[A-Za-z0-9_.:/+=-]+")


def _code(text: str) -> Own:
    """Spec text (a name, a value) in code font when it is plain, else quoted."""
    return Own("{@code " + text + "}") if _CODE_SAFE.fullmatch(text) else Own(f'"{escape_doc(one_line(text))}"')


def _list(items: Iterable[str]) -> Expr:
    """A `List.of(…)` of string literals."""
    return Expr("List.of", [java_string(i) for i in items])


def _security(alternatives: Iterable[Iterable[str]]) -> Expr:
    return Expr("List.of", [_list(a) for a in alternatives])


def _duration(seconds: float) -> str:
    if float(seconds).is_integer():
        return f"Duration.ofSeconds({int(seconds)})"
    return f"Duration.ofMillis({round(seconds * 1000)})"


def _encoding(encoding: Encoding | None) -> str:
    """`Encoding.of(style)` with a link per setting that is not the default, else `null`."""
    if encoding is None:
        return "null"
    out = f"Encoding.of({java_string(encoding.style)})"
    if encoding.explode:
        out += ".explode()"
    if encoding.allow_reserved:
        out += ".allowReserved()"
    if encoding.nesting != "indexed":
        out += f".nesting({java_string(encoding.nesting)})"
    if encoding.content_type:
        out += f".contentType({java_string(encoding.content_type)})"
    return out


def first_line(text: str) -> str:
    return next((line for line in prose(text).split("\n") if line.strip()), "")


# ---------------------------------------------------------------------------------------------- views


@dataclass
class ParamField:
    name: str
    stored: str  # the field's (boxed) type
    getter: str
    setter: str
    required: bool
    doc: list[str]
    get: str


@dataclass
class ParamsView:
    name: str
    doc: list[str]
    fields: list[ParamField]
    imports: set[Import]


@dataclass
class Arg:
    name: str
    type: str
    doc: list[str]
    default: str = ""  # what a shorter overload passes for it ("" = always given)


@dataclass
class MethodView:
    name: str
    call_name: str  # the static Call builder
    doc: list[str]
    args: list[Arg]
    returns: str  # the T of Call<T>
    blocking: str  # the blocking method's return type (void for Void)
    statements: list[str]  # the Call builder's body lines, laid out
    route: str  # README
    summary: str
    imports: set[Import]  # what a service file declaring it needs
    call_imports: set[Import]  # what the Call builder needs besides

    def overloads(self) -> list[tuple[list[Arg], bool]]:
        """(arguments, with options) of each public overload, the full one first."""
        out = [(self.args, True), (self.args, False)]
        short = [a for a in self.args if not a.default]
        if len(short) < len(self.args):
            out += [(short, True), (short, False)]
        return out

    def declared(self, given: list[Arg]) -> list[str]:
        return [f"{a.type} {a.name}" for a in given]

    def made(self, owner: str = "") -> Expr:
        """The expression that builds this method's Call (from the async service: through `owner`)."""
        return Expr(f"{owner + '.' if owner else ''}{self.call_name}", [a.name for a in self.args])

    def passed(self, given: list[Arg]) -> list[str]:
        """What an overload with `given` passes to the full one."""
        return [a.name if a in given else a.default for a in self.args]


@dataclass
class ResourceView:
    name: str  # accessor on its parent
    type: str  # DatasetsService
    trail: str  # client.datasets().files()
    doc: list[str]
    methods: list[MethodView]
    children: list[ResourceView]
    params: list[ParamsView] = field(default_factory=list)

    def imports(self, is_async: bool) -> set[Import]:
        found: set[Import] = {("core", "ClientCore"), ("core", "RequestOptions")}
        if self.methods:
            found |= {("core", "RawResponse")}
        if is_async and self.methods:
            found.add(("java.util.concurrent", "CompletableFuture"))
        for m in self.methods:
            found |= m.imports
            if not is_async:
                found |= m.call_imports
        return {i for i in found if i[0] != "services"}


class _Lowering:
    def __init__(self, sdk: SdkPlan, config: LanguageConfig, package: str, group: str, artifact: str,
                 name: str) -> None:  # fmt: skip
        """`name`: the SDK's package name as the User-Agent says it (`zatabase/1.2.0 java`, as every language)."""
        self.sdk, self.config, self.package, self.group, self.artifact = sdk, config, package, group, artifact
        self.name = name
        base = type_name(words(sdk.client.class_name), "Api", "Api")
        self.client = base if base.endswith("Client") else base + "Client"
        wanted = [(m.name, type_name(words(m.name), "Model")) for m in sdk.models]
        reserved = {self.client, self.client + "Async"}
        self.names = settle(wanted, set(reserved))
        self.classes = java_classes(sdk.models, self.names)
        self.types = JavaTypes(sdk.models, self.classes)
        self.models = JavaModels(self.types, self.classes)
        self.methods: dict[str, MethodView] = {}
        self.service_names: set[str] = set(self.classes.values()) | reserved

    # ------------------------------------------------------------------ resources

    def _resource(self, r: ResourcePlan, parent: ResourceView | None) -> ResourceView:
        base = (parent.type.removesuffix("Service") if parent else "") + pascal_words(r.name.words)
        type_ = numbered(type_name([base], "Resource", "Resource") + "Service", self.service_names)
        self.service_names.add(type_ + "Async")
        members = set(SERVICE_MEMBERS)
        trail = (parent.trail if parent else "client") + f".{identifier(r.name.words, 'resource')}()"
        doc: list[str] = [r.description] if r.description.strip() else \
            [Own(f"The {_code(' '.join(r.name.words))} resource.")]  # fmt: skip
        view = ResourceView(identifier(r.name.words, "resource"), type_, trail, doc, [], [])
        children = []
        for child in r.resources:
            cv = self._resource(child, view)
            cv.name = numbered(cv.name, members)
            cv.trail = f"{trail}.{cv.name}()"
            children.append(cv)
        view.children = children
        for c in r.calls:
            method = self._method(c, view, members)
            view.methods.append(method)
        return view

    def _method(self, call: CallPlan, resource: ResourceView, members: set[str]) -> MethodView:
        name = numbered(identifier(call.name.words, "call", frozenset(members)), members)
        call_name = numbered(name.rstrip("_") + "Call", members)
        local = set(LOCAL_RESERVED)
        args: list[Arg] = []
        imports: set[Import] = set()
        call_imports: set[Import] = {("core", "ApiRequest"), ("core", "Call")}
        statements: list[str] = []
        request = [java_string(call.http_method), java_string(call.path)]
        statements += lay(4, "ApiRequest r = ", "new ApiRequest", request)
        for p in call.path_params:
            ident = numbered(identifier(p.name.words, "param", frozenset(local)), local)
            found = self.types.of(p.type)
            args.append(Arg(ident, found.required.text, [p.description] if p.description.strip() else
                            [Own(f"the {_code(p.wire)} path parameter")]))  # fmt: skip
            imports |= found.boxed.imports
            statements += lay(4, "", "r.pathParam", [java_string(p.wire), ident, self._enc(p.encoding, call_imports)])
        fields: list[ParamField] = []
        field_names: set[str] = set(PARAMS_MEMBERS)
        params_imports: set[Import] = set()
        sends = [*call.query, *call.headers, *call.cookies]
        setters = {"query": "r.query", "header": "r.header", "cookie": "r.cookie"}
        for p in sends:
            found = self.types.of(p.type)
            ident = numbered(identifier(p.name.words, "param", PARAMS_MEMBERS), field_names)
            notes = ["Deprecated: the API marks this parameter as deprecated."] if p.deprecated else []
            fields.append(self._param_field(ident, found.boxed, p.required, [p.description, *notes], p.wire,
                                            params_imports))  # fmt: skip
            value = fields[-1].get
            statements += lay(4, "", setters[p.location],
                               [java_string(p.wire), value, self._enc(p.encoding, call_imports)])  # fmt: skip
        declared = dict(call.body.encoding) if call.body is not None else {}
        for f in self._parts(call):
            file = call.body is not None and f.name in call.body.file_fields
            ident = numbered(identifier(words(f.ident or f.name), "field", PARAMS_MEMBERS), field_names)
            if file:
                typ = FILE.wrap("List<{}>", ("java.util", "List")) if f.type.kind == "array" else FILE
                fields.append(self._param_field(ident, typ, f.required, [f.description], f.name, params_imports))
                statements += lay(4, "", "r.fileField", [java_string(f.name), fields[-1].get])
            else:
                found = self.types.of(f.type)
                fields.append(self._param_field(ident, found.boxed, f.required, [f.description], f.name,
                                                params_imports))  # fmt: skip
                statements += lay(4, "", "r.multipartField",
                                   [java_string(f.name), fields[-1].get,
                                    self._enc(declared.get(f.name), call_imports)])  # fmt: skip
        params_view = None
        pascal = pascal_words(call.name.words) or "Call"
        if fields:
            params_name = numbered(
                file_safe(resource.type.removesuffix("Service") + pascal + "Params"), self.service_names
            )
            params_view = ParamsView(params_name, [Own(f"The parameters of {{@link {resource.type}#{name}}}.")],
                                     fields, params_imports)  # fmt: skip
            resource.params.append(params_view)
            optional = all(not f.required for f in fields)
            args.append(Arg("params", params_name, [Own("the call's parameters")],
                            f"{params_name}.builder().build()" if optional else ""))  # fmt: skip
        if call.body is not None and call.body.kind != "multipart":
            kind = call.body.kind
            media = call.body.media_type or ("text/plain" if kind == "text" else "application/octet-stream")
            body_doc: list[str] = [call.body.description] if call.body.description.strip() else \
                [Own("the request body")]  # fmt: skip
            default = "" if call.body.required else "null"
            if kind == "binary":
                args.append(Arg("body", FILE.text, body_doc, default))
                imports |= FILE.imports
                statements += lay(4, "", "r.binaryBody", ["body", java_string(media)])
            elif kind == "text":
                args.append(Arg("body", "String", body_doc, default))
                statements += lay(4, "", "r.textBody", ["body", java_string(media)])
            else:
                typ = self.types.boxed(call.body.type)
                args.append(Arg("body", typ.text, body_doc, default))
                imports |= typ.imports
                statements.append(f"    r.{kind}Body(body);")
                for wire, e in call.body.encoding:
                    statements += lay(4, "", "r.fieldEncoding", [java_string(wire), self._enc(e, call_imports)])
        security = self.sdk.client.security_set(call.public, call.security)
        if security is not None:
            statements += lay(4, "", "r.security", [_security(security)])
            call_imports.add(("java.util", "List"))
        if call.idempotency_header is not None:
            statements.append("    r.idempotent();")
        if call.envelope:
            statements += lay(4, "", "r.envelope", [_list(call.envelope)])
            call_imports.add(("java.util", "List"))
        if call.result_kind in ("binary", "text") and call.result_media_type:
            statements += lay(4, "", "r.accept", [java_string(call.result_media_type)])
        returns, result = self._result(call, call_imports)
        imports |= returns.imports
        statements += result
        blocking = {"Void": "void", "Boolean": "boolean"}.get(returns.text, returns.text)
        deprecated = "Deprecated: the API marks this operation as deprecated." if call.deprecated else ""
        route = f"{call.http_method} {call.path}"
        summary = call.summary if call.summary.strip() else "" if call.description.strip() else ""
        doc: list[str] = [summary, call.description, deprecated]
        if not any(p.strip() for p in doc):
            doc = [Own(f"Calls {_code(call.http_method)} {_code(call.path)}.")]
        if params_view is not None:
            imports.add(("services", params_view.name))
        self.methods[call.key] = MethodView(
            name, call_name, doc, args, returns.text, blocking, statements, markdown_code(route),
            markdown_text(first_line(call.summary) or first_line(call.description)), imports, call_imports,
        )  # fmt: skip
        return self.methods[call.key]

    def _param_field(self, ident: str, typ: TypeExpr, required: bool, doc: list[str], wire: str,
                     imports: set[Import]) -> ParamField:  # fmt: skip
        imports |= typ.imports
        if not required:
            imports.add(("java.util", "Optional"))
        doc = doc if any(d.strip() for d in doc) else [Own(f"The {_code(wire)} parameter.")]
        getter = typ.text if required else f"Optional<{typ.text}>"
        get = f"params.{ident}()" + ("" if required else ".orElse(null)")
        return ParamField(ident, typ.text, getter, typ.text, required, doc, get)

    def _enc(self, encoding: Encoding | None, imports: set[Import]) -> str:
        if encoding is not None:
            imports.add(("core", "Encoding"))
        return _encoding(encoding)

    def _parts(self, call: CallPlan) -> tuple[Any, ...]:
        model = self.types.resolve(call.body.type) if call.body is not None and call.body.kind == "multipart" else None
        return model.fields if model is not None and model.kind == "object" else ()

    def _result(self, call: CallPlan, imports: set[Import]) -> tuple[TypeExpr, list[str]]:
        """(the T of Call<T>, the statements that make the Call)."""
        if call.paging is not None:
            p = call.paging
            item = self.types.boxed(p.item_type)
            imports |= item.imports | {("core", "Pager"), ("java.util", "List"),
                                       ("com.fasterxml.jackson.core.type", "TypeReference")}  # fmt: skip
            lines = lay(4, "Pager pager = ", "Pager.of", [java_string(p.style), _list(p.items)])
            for key, value in pager_settings(p):
                v = _list(value) if isinstance(value, tuple) else java_string(value)
                lines += lay(4, "pager = ", "pager.with", [java_string(key), v])
            lines += lay(4, "return ", "Call.page", ["r", f"new TypeReference<{item.text}>() {{}}", "pager"])
            return item.wrap("Page<{}>", ("core", "Page")), lines
        if call.result_kind == "sse":
            item = self.types.boxed(call.result) if call.result is not None else EVENT
            imports |= item.imports | {("com.fasterxml.jackson.core.type", "TypeReference")}
            lines = lay(4, "return ", "Call.sse", ["r", f"new TypeReference<{item.text}>() {{}}"])
            return item.wrap("EventStream<{}>", ("core", "EventStream")), lines
        simple = {"empty": (TypeExpr.of("Void"), "Call.empty(r)"), "text": (TypeExpr.of("String"), "Call.text(r)"),
                  "ok": (TypeExpr.of("Boolean"), "Call.ok(r)"), "binary": (BINARY, "Call.binary(r)")}  # fmt: skip
        if call.result_kind in simple:
            typ, made = simple[call.result_kind]
            return typ, [f"    return {made};"]
        typ = self.types.boxed(call.result)
        imports |= typ.imports | {("com.fasterxml.jackson.core.type", "TypeReference")}
        return typ, lay(4, "return ", "Call.json", ["r", f"new TypeReference<{typ.text}>() {{}}"])

    # ------------------------------------------------------------------ client

    def _credential(self, c: Credential, setters: dict[str, str]) -> dict[str, Any]:
        setter = setters[c.name.key]
        name = "_".join(c.name.words)
        return {"setter": setter, "name": name, "env": c.env,
                "doc": [Own(f"Sets the {_code(name)} credential (default: the {_code(c.env)} environment "
                            "variable).")]}  # fmt: skip

    def _variable(self, v: ServerVariablePlan, setters: dict[str, str]) -> dict[str, Any]:
        choices = f" (one of: {', '.join(one_line(value) for value in v.enum)})" if v.enum else ""
        lead = f"Sets the {one_line(v.wire)} variable of the server URL{choices}."
        return {"setter": setters[v.name.key], "wire": java_string(v.wire), "default": java_string(v.default),
                "enum": _list(v.enum), "doc": [lead, v.description]}  # fmt: skip

    def _auth(self, a: AuthPlan, setters: dict[str, str]) -> dict[str, Any]:
        creds = [self._credential(c, setters) for c in a.credentials]
        c = [x["setter"] for x in creds]
        if a.kind == "api_key":
            provider = ("AuthProvider.apiKey", [java_string(a.param_name or ""), java_string(a.location or "header"),
                                                c[0]])  # fmt: skip
        elif a.kind == "basic":
            provider = ("AuthProvider.basic", [c[0], c[1]])
        elif a.authorization_code is not None:
            fallback = Expr("AuthProvider.clientCredentials", [java_string(a.token_url), c[0], c[1]]) \
                if a.kind == "oauth2_client_credentials" else "null"  # fmt: skip
            provider = ("AuthProvider.authorizationCode", ["OAUTH", c[0], c[1], "oauthTokens", fallback])
        elif a.kind == "oauth2_client_credentials":
            provider = ("AuthProvider.clientCredentials", [java_string(a.token_url), c[0], c[1]])
        else:
            provider = ("AuthProvider.bearer", [c[0]])
        lines = lay(4 + 2, "", "core.auth", [java_string(a.scheme), Expr(*provider)])
        if len(lines) > 1 or len(lines[0]) > 100:
            lines = lay(6, "AuthProvider " + _local(a) + " = ", provider[0], provider[1])
            lines += lay(6, "", "core.auth", [java_string(a.scheme), _local(a)])
        return {"scheme": a.scheme, "credentials": creds, "lines": lines, "code": a.authorization_code}

    def context(self) -> dict[str, Any]:
        sdk, client = self.sdk, self.sdk.client
        resources = []
        taken = set(CLIENT_METHODS)
        for r in sdk.resources:
            view = self._resource(r, None)
            view.name = numbered(view.name, taken)
            view.trail = f"client.{view.name}()"
            _retrail(view)
            resources.append(view)
        all_resources = [x for root in resources for x in _flat(root)]
        by_key = {tuple(n.key for n in r.path): v for r, v in zip(sdk.all_resources(), all_resources, strict=True)}
        auth, login_scheme = client.request_auth, client.login_scheme
        setters = client_options(client, lambda ws, kind: identifier(ws, kind, BUILDER_METHODS), BUILDER_METHODS)
        schemes = [self._auth(a, setters) for a in auth]
        credentials = [c for a in schemes for c in a["credentials"]]
        login = self._login(login_scheme, setters)
        if login:
            credentials.append(login["credential"])
        oauth = next((a for a in schemes if a["code"]), None)
        lifted = []
        members = {r.name for r in resources} | set(CLIENT_METHODS)
        for cc in sdk.client_calls:
            owner = by_key[tuple(n.key for n in cc.resource)]
            method = self.methods[cc.call.key]
            if method.name in members:
                raise error(f"java: client_methods: {method.name!r} is already a member of the client",
                            "/client_methods")  # fmt: skip
            members.add(method.name)
            lifted.append({"method": method, "owner": owner.trail.removeprefix("client.").removesuffix("()")
                           .replace("().", "()."), "type": owner.type})  # fmt: skip
        title = one_line(sdk.title)
        title = title if title.lower().endswith(" api") else f"{title} API"
        bare = [(r, m) for r in all_resources for m in r.methods if not [a for a in m.args if not a.default]]
        bare.sort(key=lambda found: found[1].blocking == "void")
        example = {"trail": bare[0][0].trail, "method": bare[0][1].name, "value": bare[0][1].blocking != "void",
                   "type": bare[0][1].blocking} if bare else None  # fmt: skip
        paged = next((f"{res.trail}.{m.name}()" for res, m in bare if m.returns.startswith("Page<")), None)
        retries = client.retries
        client_imports = self._client_imports(resources, lifted, schemes, login, oauth, False)
        async_imports = self._client_imports(resources, lifted, schemes, login, oauth, True)
        return {
            "package": self.package, "group_id": self.group, "artifact_id": self.artifact,
            "version": self.config.version, "title": title, "client": self.client,
            "async_doc": [Own(f"The {escape_doc(title)} client whose methods return a "
                              "{@link java.util.concurrent.CompletableFuture}: {@code client.async()}.")],
            "jackson": JACKSON, "junit": JUNIT,
            "description": _xml(one_line(next((p for p in prose(sdk.description).split("\n\n") if p.strip()), ""))
                                or f"The Java SDK of the {title}."),
            "license": _xml(one_line(sdk.license)),
            "client_doc": [Own(f"The {escape_doc(title)} client."), sdk.description,
                           Own("Thread-safe: share one client; every service it gives shares its connection pool, "
                               "credentials and token cache.")],
            "readme_title": markdown_text(f"{title} — Java SDK"), "readme_doc": markdown_lines(sdk.description),
            "server_url": markdown_code(client.base_url) if client.base_url else "",
            "resources": resources, "all_resources": all_resources,
            "base_url": java_string(client.base_url), "default_security": _security(client.default_security),
            "retries": {"timeout": _duration(retries.timeout), "timeout_text": f"{retries.timeout:g} s",
                        "max_retries": retries.max_retries, "base_delay": _duration(retries.base_delay),
                        "max_delay": _duration(retries.max_delay),
                        "refresh_buffer": _duration(retries.refresh_buffer),
                        "refresh_retries": retries.refresh_retries},
            "user_agent": java_string(f"{self.name}/{self.config.version} java"),
            "auth": schemes, "credentials": credentials, "login": login, "oauth": oauth,
            "variables": [self._variable(v, setters) for v in client.server_variables],
            "lifted": lifted, "client_imports": _import_lines(client_imports, self.package),
            "async_imports": _import_lines(async_imports, self.package),
            "example": example, "first_credential": credentials[0] if credentials else None, "paged": paged,
            "java_string": java_string, "list": _list, "security": _security,
        }  # fmt: skip

    def _client_imports(self, resources: list[ResourceView], lifted: list[dict[str, Any]], schemes: list[Any],
                        login: Any, oauth: Any, is_async: bool) -> set[Import]:  # fmt: skip
        found: set[Import] = {("core", "ClientCore")}
        suffix = "Async" if is_async else ""
        for r in resources:
            found.add(("services", r.type + suffix))
        if lifted:
            found.add(("core", "RequestOptions"))
            if is_async:
                found.add(("java.util.concurrent", "CompletableFuture"))
        for item in lifted:
            found |= {i for i in item["method"].imports}
        if not is_async:
            found |= {("core", "ClientDefaults"), ("java.time", "Duration"), ("java.util", "List"),
                      ("core", "RetryConfig"), ("core", "AuthConfig"), ("core", "HttpTransport"),
                      ("core", "Interceptor")}  # fmt: skip
            if schemes or login:
                found.add(("core", "AuthProvider"))
            if login:
                found.add(("core", "LoginSettings"))
            if oauth:
                found |= {("core", "OAuthEndpoints"), ("core", "OAuthTokens")}
        if login:
            found |= {("core", "ApiRequest"), ("core", "Call"), ("core", "RequestOptions"),
                      ("java.util", "LinkedHashMap"), ("java.util", "Map"),
                      ("com.fasterxml.jackson.core.type", "TypeReference"),
                      ("com.fasterxml.jackson.databind", "JsonNode")}  # fmt: skip
            if login["security"] is not None:
                found.add(("java.util", "List"))
            if is_async:
                found.add(("java.util.concurrent", "CompletableFuture"))
        if oauth:
            found.add(("core", "OAuth"))
        return found

    def _login(self, scheme: AuthPlan | None, setters: dict[str, str]) -> dict[str, Any] | None:
        login = self.sdk.client.login
        if login is None or scheme is None:
            return None
        taken = set(LOCAL_RESERVED)
        names = zip(login.credentials, login.wire, strict=True)
        args = [(numbered(identifier(c.words, "credential", frozenset(taken)), taken), java_string(wire))
                for c, wire in names]  # fmt: skip
        security = self.sdk.client.security_set(login.public, login.security)
        settings = [_list(login.token), _list(login.refresh_token or ()), _list(login.expires_in or ()),
                    java_string(login.refresh_path or ""), java_string(login.refresh_http_method or ""),
                    java_string(login.refresh_param or "")]  # fmt: skip
        return {"plan": login, "credential": self._credential(scheme.credentials[0], setters), "args": args,
                "decl": [f"String {ident}" for ident, _ in args],
                "tags": [(f"@param {ident}", Own(f"the login's {_code(wire)} field"))
                         for (ident, _), wire in zip(args, login.wire, strict=True)],
                "scheme": java_string(login.scheme), "method": java_string(login.http_method),
                "path": java_string(login.path), "settings": settings,
                "security": _security(security) if security is not None else None}  # fmt: skip

    def model_context(self, model: Model) -> dict[str, Any]:
        """What model.java.jinja needs of one model besides the SDK's context."""
        view = self.models.view(model)
        self._model_imports(view)
        return {"model": view, "imports": _import_lines(view.imports, self.package)}

    def _model_imports(self, m: ModelView) -> None:
        if m.kind == "object":
            m.imports |= {
                ("com.fasterxml.jackson.annotation", "JsonAnyGetter"),
                ("com.fasterxml.jackson.annotation", "JsonAnySetter"),
                ("java.util", "Collections"),
                ("java.util", "LinkedHashMap"),
                ("java.util", "Objects"),
                ("java.util", "StringJoiner"),
            }
            if m.fields:
                m.imports.add(("com.fasterxml.jackson.annotation", "JsonProperty"))
            if any(f.kind == "nullable" for f in m.fields):
                m.imports.add(("com.fasterxml.jackson.annotation", "JsonInclude"))
        elif m.kind == "enum":
            m.imports |= {
                ("com.fasterxml.jackson.annotation", "JsonCreator"),
                ("com.fasterxml.jackson.annotation", "JsonValue"),
            }
            if m.string:
                m.imports.add(("java.util", "Objects"))
        else:
            m.imports |= {
                ("com.fasterxml.jackson.annotation", "JsonValue"),
                ("com.fasterxml.jackson.databind.annotation", "JsonDeserialize"),
            }


def _local(a: AuthPlan) -> str:
    return identifier(words(a.scheme), "scheme", frozenset(BUILDER_METHODS)) + "Provider"


def _retrail(view: ResourceView) -> None:
    for child in view.children:
        child.trail = f"{view.trail}.{child.name}()"
        _retrail(child)


def _flat(resource: ResourceView) -> list[ResourceView]:
    return [resource] + [r for child in resource.children for r in _flat(child)]


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
