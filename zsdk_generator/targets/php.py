"""The PHP target: PHP 8.1+, ext-curl and ext-json only; `$client->resource->method(…)`, readonly models with
`#[Field]` attributes, open backed enums, union interfaces, a WithRawResponse twin per service.

It spells the SdkPlan in PHP: names (php_names), types (php_types, php_models) and the lines its templates print —
signatures, calls and doc blocks already laid out as PSR-12 wants them (php_layout), so the output is phpcs-clean
without running PHP. The hand-written runtime (templates/php/runtime/{src,tests}) is copied with its namespace
rewritten to `<namespace>\\Core`; /work/notes/php-contract.md is what each side assumes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..config import LanguageConfig
from ..diagnostics import error
from ..ir.model import Encoding
from ..ir.naming import words
from ..plan.model import AuthPlan, CallPlan, Credential, ResourcePlan, SdkPlan
from .base import RenderJob, Target, templates_root
from .clashes import numbered, settle
from .markdown import markdown_code, markdown_lines, markdown_text
from .pagers import pager_settings
from .php_layout import Expr, Named, Own, array, doc, escape_doc, lay, php_float, php_string, signature
from .php_models import ModelView, PhpModels, declared_param, implemented, php_classes
from .php_names import (
    CLIENT_MEMBERS,
    CLIENT_OPTIONS,
    LOCAL_RESERVED,
    RESERVED_PACKAGE_NAMES,
    SERVICE_MEMBERS,
    composer_problem,
    file_safe,
    identifier,
    namespace_problem,
    namespace_segment,
    pascal_words,
    type_name,
)
from .php_types import MIXED, PhpType, PhpTypes
from .semver import semantic_version
from .text import one_line, prose
from .types import Import

TEMPLATES = templates_root() / "php"
RUNTIME_NAMESPACE = "Zsdk\\Runtime"


class PhpTarget(Target):
    name = "php"
    description = "PHP 8.1+: ext-curl, readonly models, open enums, union interfaces, auto-paging, raw responses"
    template_dir = TEMPLATES
    reserved_package_names = RESERVED_PACKAGE_NAMES
    # The root namespace and the Composer package (defaults: the client's class name, `<name>/<name>-php`).
    settings = {"namespace": (), "package": ()}

    def filters(self) -> dict[str, Callable[..., Any]]:
        return {"doc": _doc, "own": Own, "lines": _lines, "markdown": markdown_text, "code": markdown_code}

    def format(self, path: str, text: str) -> str:
        if path.endswith(".php"):
            text = re.sub(r"\n{3,}", "\n\n", text)
            text = re.sub(r"{\n\n", "{\n", text)
            text = re.sub(r"\n\n( *})", r"\n\1", text)
            return text.strip("\n") + "\n"
        return text

    def lower(self, sdk: SdkPlan, config: LanguageConfig) -> Iterable[RenderJob]:
        namespace = php_namespace(sdk.client.class_name, config)
        package = composer_package(config, namespace)
        config = replace(config, version=semantic_version(config.version, "php", "Composer", "/version"))
        lowering = _Lowering(sdk, config, namespace, package)
        context = lowering.context()
        yield RenderJob("composer.json", "composer.json.jinja", context)
        yield RenderJob("README.md", "README.md.jinja", context)
        yield RenderJob("phpunit.xml.dist", "phpunit.xml.dist.jinja", context)
        yield RenderJob(".gitignore", "gitignore.jinja", context)
        client = context["client"]
        yield RenderJob(f"src/{client}.php", "client.php.jinja",
                        {**context, "uses": _uses(context["client_imports"], namespace, "")})  # fmt: skip
        for model in context["models"]:
            ctx = {**context, "model": model, "uses": _uses(model.imports, namespace, "models")}
            if model.kind == "object":
                yield RenderJob(f"src/Models/{model.name}.php", "model.php.jinja", ctx)
            elif model.kind == "enum":
                yield RenderJob(f"src/Models/{model.name}.php", "enum.php.jinja", ctx)
            else:
                yield RenderJob(f"src/Models/{model.name}.php", "union.php.jinja", ctx)
                yield RenderJob(f"src/Models/{model.name}Unknown.php", "unknown.php.jinja", ctx)
        for resource in context["all_resources"]:
            for kind in ("service", "raw", "calls") if resource.methods else ("service",):
                name = {"service": resource.type, "raw": resource.raw, "calls": resource.calls}[kind]
                yield RenderJob(f"src/Services/{name}.php", f"{kind}.php.jinja",
                                {**context, "resource": resource,
                                 "uses": _uses(resource.imports(kind), namespace, "services")})  # fmt: skip
        yield from self._runtime(namespace)

    def _runtime(self, namespace: str) -> Iterable[RenderJob]:
        """The runtime's sources (src/Core) and tests (tests/Core), in `<namespace>\\Core`."""
        root = self.template_dir / "runtime"
        for kind, dest in (("src", "src/Core"), ("tests", "tests/Core")):
            folder = root / kind
            if not folder.is_dir():
                continue
            for source in sorted(folder.rglob("*.php")):
                relative = source.relative_to(folder).as_posix()
                yield RenderJob(f"{dest}/{relative}", "raw.jinja", {"text": runtime_text(source, namespace)})


TARGET = PhpTarget()


def runtime_text(source: Path, namespace: str) -> str:
    r"""A runtime file with `Zsdk\Runtime\Tests` → `<namespace>\Tests\Core` and `Zsdk\Runtime` → `<namespace>\Core`
    in its namespace and use lines (and anywhere else the name is spelled: a docblock, a ::class string)."""
    text = source.read_text(encoding="utf-8")
    text = text.replace(RUNTIME_NAMESPACE + "\\Tests", namespace + "\\Tests\\Core")
    return re.sub(re.escape(RUNTIME_NAMESPACE) + r"(?!\\Tests)", lambda _: namespace + "\\Core", text)


def php_namespace(class_name: str, config: LanguageConfig) -> str:
    """The root namespace: `php: {namespace: …}` as given (an error naming the setting when PHP refuses it), else
    the client's class name (`Zatabase`, `VibeCaaS`)."""
    configured = config.option("namespace")
    if configured is not None and configured != "":
        problem = namespace_problem(configured) if isinstance(configured, str) else "it is not a string"
        if problem:
            raise error(f"php: namespace {configured!r} is not a PHP namespace: {problem}", "/php/namespace")
        return str(configured)
    name = class_name.removesuffix("Client") if class_name != "Client" else class_name
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", name) and namespace_problem(name) is None \
            and name.lower() not in RESERVED_PACKAGE_NAMES:  # fmt: skip
        return name[0].upper() + name[1:]
    return namespace_segment(words(name))


def composer_package(config: LanguageConfig, namespace: str) -> str:
    """`php: {package: …}` as given (an error naming the setting when Composer refuses it), else
    `<name>/<name>-php` from the namespace's last segment in lower case."""
    configured = config.option("package")
    if configured is not None and configured != "":
        problem = composer_problem(configured) if isinstance(configured, str) else "it is not a string"
        if problem:
            raise error(f"php: package {configured!r} is not a Composer package name: {problem}", "/php/package")
        return str(configured)
    last = re.sub(r"[^a-z0-9]", "", namespace.rpartition("\\")[2].lower()) or "sdk"
    return f"{last}/{last}-php"


def _uses(imports: Iterable[Import], namespace: str, here: str) -> list[str]:
    """`use …;` lines, sorted; a class of the file's own namespace needs none."""
    folders = {"models": "Models", "core": "Core", "services": "Services", "": ""}
    names = set()
    for module, name in imports:
        if module == here or not name:
            continue
        if module in folders:
            names.add("\\".join(filter(None, (namespace, folders[module], name))))
        else:
            names.add(name)
    return [f"use {n};" for n in sorted(names, key=str.lower)]


# ---------------------------------------------------------------------------------------------- filters


def _doc(parts: Iterable[str] | str, indent: int = 0, tags: Sequence[tuple[str, Any]] = ()) -> str:
    return "\n".join(doc(indent, parts, tags)).lstrip(" ")


def _lines(lines: Iterable[str]) -> str:
    return "\n".join(lines)


_CODE_SAFE = re.compile(r"[A-Za-z0-9_.:/+=-]+")


def _code(text: str) -> Own:
    return Own(f"`{text}`") if _CODE_SAFE.fullmatch(text) else Own(f'"{escape_doc(one_line(text))}"')


def _encoding(encoding: Encoding | None) -> str:
    """`Encoding::of(style)` with a link per setting that is not the default."""
    assert encoding is not None
    out = f"Encoding::of({php_string(encoding.style)})"
    if encoding.explode:
        out += "->explode()"
    if encoding.allow_reserved:
        out += "->allowReserved()"
    if encoding.nesting != "indexed":
        out += f"->nesting({php_string(encoding.nesting)})"
    if encoding.content_type:
        out += f"->contentType({php_string(encoding.content_type)})"
    return out


def _strings(items: Iterable[str]) -> Expr:
    return array(php_string(i) for i in items)


def _security(alternatives: Iterable[Iterable[str]]) -> Expr:
    return array(_strings(a) for a in alternatives)


def first_line(text: str) -> str:
    return next((line for line in prose(text).split("\n") if line.strip()), "")


OPTIONS_TAG = ("@param RequestOptions|null $options", Own("per-call options: timeout, retries, headers, query"))


# ---------------------------------------------------------------------------------------------- views


@dataclass
class Arg:
    name: str
    declared: str  # `?string $cursor = null`
    doc_type: str
    doc: list[str]

    @property
    def tag(self) -> tuple[str, list[str]]:
        return (f"@param {self.doc_type} ${self.name}", self.doc)


@dataclass
class MethodView:
    name: str
    doc: list[str]
    args: list[Arg]
    returns: str  # native return type
    returns_doc: str  # the @return type when PHP's says less ("" = none)
    request: list[str]  # the *Calls method's body that builds the ApiRequest `$r`, laid out (8 spaces)
    result: list[str]  # the lines that return its Call
    route: str  # README
    summary: str
    imports: set[Import]  # what the service file needs (the arguments' and the result's types)
    call_imports: set[Import]  # what the *Calls file needs
    arg_imports: set[Import]  # what the WithRawResponse file needs (the arguments' types)

    @property
    def params(self) -> list[str]:
        return [a.declared for a in self.args]

    def tags(self, raw: bool, options: bool = True) -> list[tuple[str, Any]]:
        found: list[tuple[str, Any]] = [a.tag for a in self.args]
        if options:
            found.append(OPTIONS_TAG)
        if raw:
            found.append(("@return", Own("RawResponse the response: its value, status code and headers")))
        elif self.returns_doc:
            found.append(("@return", Own(self.returns_doc)))
        return found

    def declaration(self, indent: int, raw: bool) -> list[str]:
        returns = "RawResponse" if raw else self.returns
        params = [*self.params, "?RequestOptions $options = null"]
        return signature(indent, f"public function {self.name}", params, returns)

    def calls_declaration(self, indent: int) -> list[str]:
        """The *Calls method: every argument given (an optional one may be null)."""
        params = [a.declared.removesuffix(" = null") for a in self.args]
        return signature(indent, f"public static function {self.name}", params, "Call")

    def body(self, indent: int, calls: str, raw: bool) -> list[str]:
        made = Expr(f"{calls}::{self.name}", [f"${a.name}" for a in self.args])
        runner = Expr("$this->core->" + ("executeRaw" if raw else "execute"), [made, "$options"])
        keyword = "" if self.returns == "void" and not raw else "return "
        return lay(indent, keyword, runner)

    def delegate(self, indent: int, owner: str) -> list[str]:
        call = Expr(f"$this->{owner}->{self.name}", [*(f"${a.name}" for a in self.args), "$options"])
        return lay(indent, "" if self.returns == "void" else "return ", call)


@dataclass
class ResourceView:
    name: str  # property on its parent
    type: str  # DatasetsService
    raw: str  # DatasetsWithRawResponse
    calls: str  # DatasetsCalls
    trail: str  # $client->datasets
    doc: list[str]
    methods: list[MethodView]
    children: list[ResourceView] = field(default_factory=list)

    def imports(self, kind: str) -> set[Import]:
        """What the service, its WithRawResponse twin ("raw") or its *Calls class ("calls") imports."""
        if kind == "calls":
            return {i for m in self.methods for i in m.call_imports}
        found: set[Import] = {("core", "ClientCore")}
        if self.methods:
            found.add(("core", "RequestOptions"))
        if kind == "raw":
            if self.methods:
                found.add(("core", "RawResponse"))
            return found | {i for m in self.methods for i in m.arg_imports}
        return found | {i for m in self.methods for i in m.imports}


class _Lowering:
    def __init__(self, sdk: SdkPlan, config: LanguageConfig, namespace: str, package: str) -> None:
        self.sdk, self.config, self.namespace, self.package = sdk, config, namespace, package
        name = sdk.client.class_name if re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", sdk.client.class_name) else \
            pascal_words(words(sdk.client.class_name)) or "Api"  # fmt: skip
        name = type_name([name[0].upper() + name[1:]], "Api", "Api")
        self.client = name if name.endswith("Client") else name + "Client"
        wanted = [(m.name, type_name(words(m.name), "Model")) for m in sdk.models]
        reserved = {self.client}
        names = settle(wanted, set(reserved))
        # a union's Unknown class takes a name too
        self.classes = php_classes(sdk.models, names)
        unions = {m.name for m in sdk.models if m.kind == "union" and m.name in self.classes}
        taken = set(self.classes.values()) | reserved
        for key in sorted(unions, key=lambda k: list(self.classes).index(k)):
            base = self.classes[key]
            while base + "Unknown" in taken - {base}:
                base = numbered(base + "Union", taken)
            self.classes[key] = base
            taken |= {base, base + "Unknown"}
        types_for_resolve = PhpTypes(sdk.models, self.classes, {})
        self.types = PhpTypes(sdk.models, self.classes, implemented(sdk.models, self.classes,
                                                                      types_for_resolve.resolve))  # fmt: skip
        self.models = PhpModels(self.types)
        self.methods: dict[str, MethodView] = {}
        self.service_names: set[str] = set(self.classes.values()) | reserved | \
            {c + "Unknown" for k, c in self.classes.items() if k in unions}  # fmt: skip

    # ------------------------------------------------------------------ resources

    def _resource(self, r: ResourcePlan, parent: ResourceView | None, members: set[str]) -> ResourceView:
        base = (parent.type.removesuffix("Service") if parent else "") + pascal_words(r.name.words)
        base = file_safe(type_name([base], "Resource", "Resource"))
        while {base + "Service", base + "WithRawResponse", base + "Calls"} & self.service_names:
            base = base + "Resource" if not base.endswith("Resource") else numbered(base, set(self.service_names))
        self.service_names |= {base + "Service", base + "WithRawResponse", base + "Calls"}
        name = numbered(identifier(r.name.words, "resource", frozenset(members)), members)
        doc: list[str] = [r.description] if r.description.strip() else \
            [Own(f"The {_code(' '.join(r.name.words))} resource.")]  # fmt: skip
        trail = (parent.trail if parent else "$client") + f"->{name}"
        view = ResourceView(name, base + "Service", base + "WithRawResponse", base + "Calls", trail, doc, [])
        own = set(SERVICE_MEMBERS)
        for child in r.resources:
            view.children.append(self._resource(child, view, own))
        methods: set[str] = set()
        for c in r.calls:
            view.methods.append(self._method(c, view, methods))
        return view

    def _method(self, call: CallPlan, resource: ResourceView, members: set[str]) -> MethodView:
        name = numbered(identifier(call.name.words, "call"), members)
        local = set(LOCAL_RESERVED) | {"pager"}
        imports: set[Import] = set()
        call_imports: set[Import] = {("core", "ApiRequest"), ("core", "Call")}
        arg_imports: set[Import] = set()
        lines = lay(8, "$r = ", Expr("new ApiRequest", [php_string(call.http_method), php_string(call.path)]))

        def arg(words_: Sequence[str], found: PhpType, required: bool, docs: list[str], default_doc: str,
                native: str = "", doc_type: str = "") -> Arg:  # fmt: skip
            ident = numbered(identifier(words_, "param", frozenset(local)), local)
            if native:
                declared = native + (f" ${ident}" if required else f"|null ${ident} = null")
                dt = doc_type + ("" if required else "|null")
            else:
                form, dt = declared_param(found, required)
                declared = form.format(ident)
            arg_imports.update(found.imports)
            docs = docs if any(d.strip() for d in docs) else [Own(default_doc)]
            return Arg(ident, declared, dt, docs)

        def enc(e: Encoding | None) -> list[str]:
            if e is None:
                return []
            call_imports.add(("core", "Encoding"))
            return [_encoding(e)]

        required: list[Arg] = []
        optional: list[Arg] = []
        path: list[Arg] = []
        for p in call.path_params:
            found = self.types.of(p.type)
            a = arg(p.name.words, found, True, [p.description], f"The {_code(p.wire)} path parameter.")
            path.append(a)
            lines += lay(8, "$r->", Expr("pathParam", [php_string(p.wire), f"${a.name}", *enc(p.encoding)]))
        body_lines: list[str] = []
        body_arg: Arg | None = None
        required_parts: list[Arg] = []
        optional_parts: list[Arg] = []
        if call.body is not None:
            body = call.body
            body_doc = [body.description] if body.description.strip() else []
            media = body.media_type or ("text/plain" if body.kind == "text" else "application/octet-stream")
            if body.kind == "multipart":
                model = self.types.resolve(body.type)
                declared_enc = dict(body.encoding)
                for f in model.fields if model is not None and model.kind == "object" else ():
                    file = f.name in body.file_fields
                    if file:
                        many = f.type.kind == "array"
                        a = arg(words(f.ident or f.name), PhpType("FileUpload", "FileUpload", "",
                                frozenset({("core", "FileUpload")})), f.required, [f.description],
                                f"The {_code(f.name)} part.", "FileUpload|array" if many else "FileUpload",
                                "FileUpload|list<FileUpload>" if many else "FileUpload")  # fmt: skip
                        body_lines += lay(8, "$r->", Expr("fileField", [php_string(f.name), f"${a.name}"]))
                    else:
                        a = arg(words(f.ident or f.name), self.types.of(f.type), f.required, [f.description],
                                f"The {_code(f.name)} part.")  # fmt: skip
                        part = [php_string(f.name), f"${a.name}", *enc(declared_enc.get(f.name))]
                        body_lines += lay(8, "$r->", Expr("multipartField", part))
                    (required_parts if f.required else optional_parts).append(a)
            else:
                default = "The request body."
                if body.kind == "binary":
                    file_type = PhpType("FileUpload|string", "FileUpload|string", "",
                                        frozenset({("core", "FileUpload")}))  # fmt: skip
                    body_arg = arg(["body"], file_type, body.required, body_doc, default,
                                   "FileUpload|string", "FileUpload|string")  # fmt: skip
                    stmt = lay(8 if body.required else 12, "$r->",
                               Expr("binaryBody", [f"${body_arg.name}", php_string(media)]))  # fmt: skip
                elif body.kind == "text":
                    body_arg = arg(["body"], PhpType("string", "string", ""), body.required, body_doc, default)
                    stmt = lay(8 if body.required else 12, "$r->",
                               Expr("textBody", [f"${body_arg.name}", php_string(media)]))  # fmt: skip
                else:
                    found = self.types.of(body.type)
                    body_arg = arg(["body"], found, body.required, body_doc, default)
                    stmt = lay(8, "$r->", Expr(f"{body.kind}Body", [f"${body_arg.name}"]))
                    for wire, e in body.encoding:
                        stmt += lay(8, "$r->", Expr("fieldEncoding", [php_string(wire), *enc(e)]))
                if body.kind in ("binary", "text") and not body.required:
                    stmt = [f"        if (${body_arg.name} !== null) {{", *stmt, "        }"]
                body_lines += stmt
        setters = {"query": "query", "header": "header", "cookie": "cookie"}
        send_lines: list[str] = []
        sent_required: list[Arg] = []
        sent_optional: list[Arg] = []
        for p in [*call.query, *call.headers, *call.cookies]:
            found = self.types.of(p.type)
            notes = ["Deprecated: the API marks this parameter as deprecated."] if p.deprecated else []
            a = arg(p.name.words, found, p.required, [p.description, *notes], f"The {_code(p.wire)} parameter.")
            (sent_required if p.required else sent_optional).append(a)
            send_lines += lay(8, "$r->", Expr(setters[p.location], [php_string(p.wire), f"${a.name}",
                                                                     *enc(p.encoding)]))  # fmt: skip
        required = [*path, *required_parts]
        if body_arg is not None and call.body is not None and call.body.required:
            required.append(body_arg)
        required += sent_required
        if body_arg is not None and call.body is not None and not call.body.required:
            optional.append(body_arg)
        optional += optional_parts + sent_optional
        args = required + optional
        lines += send_lines + body_lines
        security = self.sdk.client.security_set(call.public, call.security)
        if security is not None:
            lines += lay(8, "$r->", Expr("security", [_security(security)]))
        if call.idempotency_header is not None:
            lines.append("        $r->idempotent();")
        if call.envelope:
            lines += lay(8, "$r->", Expr("envelope", [_strings(call.envelope)]))
        if call.result_kind in ("binary", "text") and call.result_media_type:
            lines += lay(8, "$r->", Expr("accept", [php_string(call.result_media_type)]))
        returns, returns_doc, result_lines = self._result(call, call_imports, imports)
        deprecated = "Deprecated: the API marks this operation as deprecated." if call.deprecated else ""
        method_doc: list[str] = [call.summary, call.description, deprecated]
        if not any(p.strip() for p in method_doc):
            method_doc = [Own(f"Calls {_code(call.http_method)} {_code(call.path)}.")]
        imports |= arg_imports
        call_imports |= arg_imports
        view = MethodView(name, method_doc, args, returns, returns_doc, lines, result_lines,
                          markdown_code(f"{call.http_method} {call.path}"),
                          markdown_text(first_line(call.summary) or first_line(call.description)), imports,
                          call_imports, arg_imports)  # fmt: skip
        self.methods[call.key] = view
        return view

    def _result(self, call: CallPlan, call_imports: set[Import], imports: set[Import]) -> tuple[str, str, list[str]]:
        """(native return type, @return text, the *Calls lines that return the Call)."""
        if call.paging is not None:
            p = call.paging
            item = self.types.of(p.item_type)
            call_imports |= item.imports | item.desc_imports | {("core", "Pager")}
            imports |= item.imports | {("core", "Page")}
            start = Expr("Pager::of", [php_string(p.style), _strings(p.items)])
            lines = lay(8, "$pager = ", start, "")
            settings = pager_settings(p)
            for i, (key, value) in enumerate(settings):
                v: str | Expr = _strings(value) if isinstance(value, tuple) else php_string(value)
                lines += lay(12, "->", Expr("with", [php_string(key), v]), ";" if i == len(settings) - 1 else "")
            if not settings:
                lines[-1] += ";"
            lines += lay(8, "return ", Expr("Call::page", ["$r", item.desc, "$pager"]))
            return "Page", f"Page<{item.doc}> the first page; `autoPager()` walks every item", lines
        if call.result_kind == "sse":
            imports.add(("core", "EventStream"))
            if call.result is not None:
                event = self.types.of(call.result)
                call_imports |= event.imports | event.desc_imports
                imports |= event.imports
                return "EventStream", f"EventStream<{event.doc}> the events", \
                    lay(8, "return ", Expr("Call::sse", ["$r", event.desc]))  # fmt: skip
            imports.add(("core", "ServerSentEvent"))
            return "EventStream", "EventStream<ServerSentEvent> the events", \
                lay(8, "return ", Expr("Call::sse", ["$r", "'event'"]))  # fmt: skip
        simple = {"empty": ("void", "", "Call::empty($r)"), "text": ("string", "string the body", "Call::text($r)"),
                  "ok": ("bool", "bool whether the API answered with a 2xx status", "Call::ok($r)"),
                  "binary": ("BinaryResponse", "", "Call::binary($r)")}  # fmt: skip
        if call.result_kind in simple:
            native, returns_doc, made = simple[call.result_kind]
            if native == "BinaryResponse":
                imports.add(("core", "BinaryResponse"))
            return native, returns_doc, [f"        return {made};"]
        found = self.types.of(call.result) if call.result is not None else MIXED
        if call.result is not None and call.result.nullable:
            found = found.nullable()
        imports |= found.imports
        call_imports |= found.imports | found.desc_imports
        returns_doc = found.doc if found.doc != found.native else ""
        return found.native, returns_doc, lay(8, "return ", Expr("Call::json", ["$r", found.desc]))

    # ------------------------------------------------------------------ client

    def context(self) -> dict[str, Any]:
        sdk, client = self.sdk, self.sdk.client
        models: list[ModelView] = self.models.views()
        members = set(CLIENT_MEMBERS)
        resources = [self._resource(r, None, members) for r in sdk.resources]
        all_resources = [x for root in resources for x in _flat(root)]
        by_key = {tuple(n.key for n in r.path): v for r, v in zip(sdk.all_resources(), all_resources, strict=True)}
        auth, login_scheme = client.request_auth, client.login_scheme
        ordered = auth + ([login_scheme] if login_scheme else [])
        options = settle([(c.name.key, identifier(c.name.words, "credential", CLIENT_OPTIONS))
                          for a in ordered for c in a.credentials]
                         + [(v.name.key, identifier(v.name.words, "variable", CLIENT_OPTIONS))
                            for v in client.server_variables], set(CLIENT_OPTIONS))  # fmt: skip
        imports: set[Import] = {("core", "ClientCore"), ("core", "ClientDefaults"), ("core", "RetryConfig"),
                                ("core", "AuthConfig"), ("core", "HttpTransport"), ("core", "Middleware")}  # fmt: skip
        for r in resources:
            imports.add(("services", r.type))
        params: list[str] = []
        tags: list[tuple[str, Any]] = []
        credentials = []
        for a in ordered:
            for c in a.credentials:
                credentials.append(self._credential(c, options[c.name.key]))
                params.append(f"?string ${options[c.name.key]} = null")
                tags.append((f"@param string|null ${options[c.name.key]}", credentials[-1]["doc"]))
        variables = []
        for v in client.server_variables:
            ident = options[v.name.key]
            choices = f" (one of: {', '.join(one_line(x) for x in v.enum)})" if v.enum else ""
            lead = f"The {one_line(v.wire)} variable of the server URL (default: {one_line(v.default)}){choices}."
            variables.append({"name": ident, "wire": v.wire})
            params.append(f"?string ${ident} = null")
            tags.append((f"@param string|null ${ident}", [lead, v.description]))
        oauth_scheme = next((a for a in auth if a.authorization_code is not None), None)
        if oauth_scheme is not None:
            imports |= {("core", "OAuthTokens"), ("core", "OAuthEndpoints"), ("core", "OAuth")}
            params.append("?OAuthTokens $oauthTokens = null")
            tags.append(("@param OAuthTokens|null $oauthTokens",
                         Own("the tokens of an earlier authorization, refreshed before they expire")))  # fmt: skip
        params += ["?string $baseUrl = null", "?float $timeout = null", "?int $maxRetries = null",
                   "?RetryConfig $retryConfig = null", "?AuthConfig $authConfig = null", "array $defaultHeaders = []",
                   "?HttpTransport $transport = null", "array $middleware = []"]  # fmt: skip
        tags += [
            ("@param string|null $baseUrl", Own("sends every request to this URL instead of the API description's "
                                                "server (its variables are then unused)")),
            ("@param float|null $timeout", Own(f"seconds one attempt may take (default {client.retries.timeout:g})")),
            ("@param int|null $maxRetries", Own(f"how often a failed request is retried (default "
                                                f"{client.retries.max_retries}; 0 turns retries off)")),
            ("@param RetryConfig|null $retryConfig", Own("retry settings: the ones left null keep their defaults")),
            ("@param AuthConfig|null $authConfig", Own("token refresh settings")),
            ("@param array<string, string> $defaultHeaders", Own("headers sent with every request")),
            ("@param HttpTransport|null $transport", Own("the HTTP transport (default: curl)")),
            ("@param list<Middleware> $middleware", Own("middleware that sees every request and response")),
            ("@throws \\InvalidArgumentException", Own("when a server variable is outside its allowed values")),
        ]  # fmt: skip
        if auth or login_scheme:
            imports.add(("core", "AuthProvider"))
        providers: list[tuple[str, Expr]] = []
        for a in auth:
            providers.append((php_string(a.scheme), self._provider(a, options)))
        login = self._login(login_scheme, options)
        if login is not None:
            imports |= {("core", "LoginSettings"), ("core", "ApiRequest"), ("core", "Call"), ("core", "RequestOptions")}
            cred = login_scheme.credentials[0] if login_scheme is not None else None
            if cred is not None:
                value = f"${options[cred.name.key]} ?? ClientCore::env({php_string(cred.env)})"
                providers.append((php_string(login["scheme"]), Expr("AuthProvider::login", [value, login["settings"]])))
        server = array(Named(f"{php_string(v['wire'])} => ", f"${v['name']}") for v in variables)
        core_args: list[str | Named] = [
            "self::defaults()", "baseUrl: $baseUrl", *([Named("serverVariables: ", server)] if variables else []),
            "timeout: $timeout", "maxRetries: $maxRetries", "retryConfig: $retryConfig", "authConfig: $authConfig",
            "defaultHeaders: $defaultHeaders", "transport: $transport", "middleware: $middleware",
        ]  # fmt: skip
        construct = self._core_lines(core_args, providers)
        lifted = []
        taken = set(CLIENT_MEMBERS) | {r.name for r in resources}
        for cc in sdk.client_calls:
            owner = by_key[tuple(n.key for n in cc.resource)]
            method = self.methods[cc.call.key]
            if method.name in taken:
                raise error(f"php: client_methods: {method.name!r} is already a member of the client",
                            "/client_methods")  # fmt: skip
            taken.add(method.name)
            lifted.append({"method": method, "owner": owner.trail.removeprefix("$client->")})
            imports |= method.imports | {("core", "RequestOptions")}
        retries = client.retries
        defaults: list[str | Named] = [
            Named("baseUrl: ", php_string(client.base_url)),
            Named("serverVariables: ", array(Named(f"{php_string(v.wire)} => ", array([php_string(v.default),
                                                                                      _strings(v.enum)]))
                                             for v in client.server_variables)),
            Named("defaultSecurity: ", _security(client.default_security)),
            f"timeout: {php_float(retries.timeout)}", f"maxRetries: {retries.max_retries}",
            f"baseDelay: {php_float(retries.base_delay)}", f"maxDelay: {php_float(retries.max_delay)}",
            f"refreshBuffer: {php_float(retries.refresh_buffer)}", f"refreshRetries: {retries.refresh_retries}",
            f"userAgent: {php_string(f'{self.package}/{self.config.version} php')}",
        ]  # fmt: skip
        title = one_line(sdk.title)
        title = title if title.lower().endswith(" api") else f"{title} API"
        bare = [(r, m) for r in all_resources for m in r.methods
                if not [a for a in m.args if "=" not in a.declared]]  # fmt: skip
        bare.sort(key=lambda found: found[1].returns == "void")
        example = {"trail": bare[0][0].trail, "method": bare[0][1].name} if bare else None
        paged = next((f"{res.trail}->{m.name}()" for res, m in bare if m.returns == "Page"), None)
        description = one_line(next((p for p in prose(sdk.description).split("\n\n") if p.strip()), "")) \
            or f"The PHP SDK of the {title}."  # fmt: skip
        composer = {
            "name": self.package, "description": description, "type": "library",
            **({"license": one_line(sdk.license)} if sdk.license.strip() else {}),
            "require": {"php": ">=8.1", "ext-curl": "*", "ext-json": "*"},
            "autoload": {"psr-4": {self.namespace + "\\": "src/"}},
            "autoload-dev": {"psr-4": {self.namespace + "\\Tests\\": "tests/"}},
        }  # fmt: skip
        oauth = None
        if oauth_scheme is not None and oauth_scheme.authorization_code is not None:
            oauth = {"scheme": php_string(oauth_scheme.scheme)}
        return {
            "namespace": self.namespace, "package": self.package, "version": self.config.version, "title": title,
            "client": self.client,
            "composer_json": json.dumps(composer, indent=4, ensure_ascii=False),
            "client_doc": [Own(f"The {escape_doc(title)} client."), sdk.description],
            "readme_title": markdown_text(f"{title} — PHP SDK"), "readme_doc": markdown_lines(sdk.description),
            "server_url": markdown_code(client.base_url) if client.base_url else "",
            "models": models, "resources": resources, "all_resources": all_resources,
            "signature": signature(4, "public function __construct", params, ""),
            "constructor_tags": tags, "construct": construct,
            "defaults": lay(8, "return ", Expr("new ClientDefaults", defaults)),
            "credentials": credentials, "variables": variables, "login": login, "oauth": oauth, "lifted": lifted,
            "client_imports": imports, "example": example, "paged": paged,
            "first_credential": credentials[0] if credentials else None,
            "timeout_text": f"{retries.timeout:g}", "max_retries": retries.max_retries,
        }  # fmt: skip

    def _core_lines(self, args: list[str | Named], providers: list[tuple[str, Expr]]) -> list[str]:
        """`$this->core = new ClientCore(…);` with the auth providers as a keyed array, one a line."""
        if not providers:
            return lay(8, "$this->core = ", Expr("new ClientCore", args))
        lines = ["        $this->core = new ClientCore(", "            self::defaults(),", "            auth: ["]
        for key, provider in providers:
            lines += lay(16, f"{key} => ", provider, ",")
        lines.append("            ],")
        rest = args[1:]
        for i, a in enumerate(rest):
            lines += lay(12, "", a, "," if i < len(rest) - 1 else "")
        return [*lines, "        );"]

    def _credential(self, c: Credential, ident: str) -> dict[str, Any]:
        name = "_".join(c.name.words)
        lead = f"the {_code(name)} credential (default: the {_code(c.env)} environment variable)"
        return {"name": ident, "env": c.env, "readme_env": markdown_code(c.env), "doc": Own(lead)}

    def _provider(self, a: AuthPlan, options: dict[str, str]) -> Expr:
        c = [f"${options[x.name.key]} ?? ClientCore::env({php_string(x.env)})" for x in a.credentials]
        if a.kind == "api_key":
            return Expr("AuthProvider::apiKey", [php_string(a.param_name or ""), php_string(a.location or "header"),
                                                 c[0]])  # fmt: skip
        if a.kind == "basic":
            return Expr("AuthProvider::basic", c[:2])
        code = a.authorization_code
        if code is not None:
            fallback: str | Expr = Expr("AuthProvider::clientCredentials", [php_string(a.token_url), *c[:2]]) \
                if a.kind == "oauth2_client_credentials" else "null"  # fmt: skip
            endpoints = Expr("new OAuthEndpoints", [php_string(code.authorization_url), php_string(code.token_url),
                                                    php_string(code.refresh_url), php_string(code.revoke_url),
                                                    _strings(code.scopes)])  # fmt: skip
            return Expr("AuthProvider::authorizationCode", [endpoints, *c[:2], "$oauthTokens", fallback])
        if a.kind == "oauth2_client_credentials":
            return Expr("AuthProvider::clientCredentials", [php_string(a.token_url), *c[:2]])
        return Expr("AuthProvider::bearer", [c[0]])

    def _login(self, scheme: AuthPlan | None, options: dict[str, str]) -> dict[str, Any] | None:
        login = self.sdk.client.login
        if login is None or scheme is None:
            return None
        taken = set(LOCAL_RESERVED)
        args = [(numbered(identifier(c.words, "credential", frozenset(taken)), taken), wire)
                for c, wire in zip(login.credentials, login.wire, strict=True)]  # fmt: skip
        security = self.sdk.client.security_set(login.public, login.security)
        settings = Expr("new LoginSettings", [
            _strings(login.token), _strings(login.refresh_token or ()),
            _strings(login.expires_in or ()), php_string(login.refresh_path or ""),
            php_string(login.refresh_http_method or ""), php_string(login.refresh_param or "")])  # fmt: skip
        lines = lay(8, "$r = ", Expr("new ApiRequest", [php_string(login.http_method), php_string(login.path)]))
        lines += lay(8, "$r->", Expr("jsonBody", [array(f"{php_string(w)} => ${i}" for i, w in args)]))
        if security is not None:
            lines += lay(8, "$r->", Expr("security", [_security(security)]))
        lines += lay(8, "$this->core->", Expr("login", ["Call::json($r, 'mixed')", php_string(login.scheme),
                                                        "$options"]))  # fmt: skip
        params = [f"string ${i}" for i, _ in args] + ["?RequestOptions $options = null"]
        return {"scheme": login.scheme, "settings": settings, "lines": lines,
                "signature": signature(4, "public function authenticate", params, "void"),
                "tags": [(f"@param string ${i}", Own(f"the login's {_code(w)} field")) for i, w in args]
                + [OPTIONS_TAG]}  # fmt: skip


def _flat(resource: ResourceView) -> list[ResourceView]:
    return [resource] + [r for child in resource.children for r in _flat(child)]
