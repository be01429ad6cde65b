"""The TypeScript target: ESM, strict types, zero run-time dependencies (global `fetch`).

Everything a template prints is decided here, once: identifiers, type expressions, TSDoc, and the layout of
every construct whose shape depends on its length (so the output is prettier's, byte for byte, without running
node: see `typescript_layout.py`). Templates only loop and print.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from ..config import LanguageConfig
from ..diagnostics import error
from ..ir.model import Api, Model, Operation, Parameter, Resource, SecurityScheme, TypeRef
from ..ir.naming import pascal, snake, words
from ..plan.credentials import plan_credentials
from .base import RenderJob, Target, templates_root
from .markdown import markdown_code, markdown_text
from .text import one_line, prose
from .typescript_layout import (
    MAX_SAFE_INTEGER,
    WIDTH,
    array_lines,
    call,
    doc_block,
    import_line,
    is_identifier,
    json_string,
    literal,
    object_key,
    object_literal,
    prop_key,
    signature,
    split_array,
    top_level_union,
    ts_string,
    tsdoc_line,
    type_member,
)

TEMPLATES = templates_root() / "typescript"

# Words TypeScript reserves (as identifiers, property names are free).
RESERVED = frozenset(
    {"break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum",
     "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null",
     "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "as",
     "implements", "interface", "let", "package", "private", "protected", "public", "static", "yield", "any",
     "boolean", "number", "string", "symbol", "type", "from", "of", "await", "async", "constructor", "declare",
     "module", "namespace", "require", "get", "set", "eval", "arguments"}
)  # fmt: skip
# The members of TypeScript's `Object` interface, which every object has. A class member with one of these names
# needs `override` (noImplicitOverride) and an option or optional property of another type makes every object
# literal unassignable (`{}` has `toString: () => string`), so these names are renamed where they are ours and
# widened where they are a wire name (see `_member_parts`).
OBJECT_MEMBERS = frozenset(
    {"constructor", "toString", "toLocaleString", "valueOf", "hasOwnProperty", "isPrototypeOf",
     "propertyIsEnumerable"}
)  # fmt: skip
# Model names the SDK's own exports (or the globals models.ts uses) already take; such a model gets `Model` added.
TAKEN_TYPE_NAMES = frozenset(
    {"APIError", "APIStatusError", "BadRequestError", "AuthenticationError", "PermissionDeniedError",
     "NotFoundError", "ConflictError", "UnprocessableEntityError", "RateLimitError", "InternalServerError",
     "APIConnectionError", "APITimeoutError", "APIUserAbortError", "APIPromise", "ResultPromise", "Result",
     "WithResponse", "Page", "PagePromise", "PageResultPromise", "Stream", "CallOptions", "ClientOptions",
     "RequestHook", "ResponseHook", "Blob", "Object", "Array", "Promise", "String", "Number", "Boolean", "Symbol",
     "Date", "Error", "Function", "BigInt", "Uint8Array", "Partial", "Required", "Readonly", "Pick", "Omit"}
)  # fmt: skip
# Names the resource files and client.ts import from the runtime; a resource class never takes one.
RUNTIME_IMPORTS = frozenset(
    {"APIResource", "Paginator", "SharedClient", "BaseClient", "ApiKeyAuth", "BasicAuth", "BearerAuth",
     "LoginTokenAuth", "OAuth2ClientCredentials"}
)  # fmt: skip
# Members of the runtime's BaseClient; a resource with one of these names is renamed.
CLIENT_MEMBERS = frozenset(
    {"baseUrl", "timeout", "maxRetries", "defaultHeaders", "interceptors", "retryPolicy", "providers", "security",
     "userAgent", "fetchImpl", "authLock", "sleep", "now", "random", "request", "requestResult", "requestPage",
     "requestPageResult", "requestStream", "requestStreamResult", "requestLogin", "authenticate", "constructor",
     "json", "parse", "prepare", "send", "attempt", "exchange", "ensureTokens", "tokenRequest", "shouldReauth",
     "retryDelay", "baseHeaders", "loginAuth"}
) | OBJECT_MEMBERS  # fmt: skip
RESOURCE_MEMBERS = frozenset({"_client"}) | OBJECT_MEMBERS
# Names index.ts exports besides the models, and the `models` namespace functions.ts imports; flat functions never
# take them.
FUNCTION_RESERVED = frozenset({"client", "create", "parseJSON", "stringifyJSON", "models"}) | RESERVED
# Node's built-in modules (`require('node:module').builtinModules` on Node 18 to 24, and the ones only reachable
# as `node:x`): npm refuses them as package names and an import of one would be ambiguous. With npm's own blocked
# names and the SDK's one dependency (a development one), no default package name takes them.
NODE_BUILTIN_MODULES = frozenset(
    {"_http_agent", "_http_client", "_http_common", "_http_incoming", "_http_outgoing", "_http_server",
     "_stream_duplex", "_stream_passthrough", "_stream_readable", "_stream_transform", "_stream_wrap",
     "_stream_writable", "_tls_common", "_tls_wrap", "assert", "assert/strict", "async_hooks", "buffer",
     "child_process", "cluster", "console", "constants", "crypto", "dgram", "diagnostics_channel", "dns",
     "dns/promises", "domain", "events", "fs", "fs/promises", "http", "http2", "https", "inspector",
     "inspector/promises", "module", "net", "os", "path", "path/posix", "path/win32", "perf_hooks", "process",
     "punycode", "querystring", "readline", "readline/promises", "repl", "stream", "stream/consumers",
     "stream/promises", "stream/web", "string_decoder", "sys", "timers", "timers/promises", "tls", "trace_events",
     "tty", "url", "util", "util/types", "v8", "vm", "wasi", "worker_threads", "zlib",
     "sea", "sqlite", "test", "test/reporters"}
)  # fmt: skip
NPM_BLOCKED_NAMES = frozenset({"node_modules", "favicon.ico"})
NPM_NAME_MAX = 214
# An npm package name for a new package: lowercase, URL-safe, not starting with `.` or `_`, optionally scoped.
_NPM_NAME = re.compile(r"(?:@[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*")
_SEMVER = re.compile(
    r"(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)"
    r"(?:-(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*)?"
)


def camel(text: str) -> str:
    parts = words(text)
    return (parts[0] + "".join(w[:1].upper() + w[1:] for w in parts[1:])) if parts else ""


def identifier(text: str, reserved: frozenset[str] = frozenset(), fallback: str = "value") -> str:
    """camelCase identifier; reserved words get a trailing `_`, digits a prefix."""
    name = camel(text) or fallback
    if name[0].isdigit():
        name = fallback + name[:1].upper() + name[1:]
    if name in RESERVED or name in reserved:
        name += "_"
    return name


def member(text: str, reserved: frozenset[str] = frozenset(), fallback: str = "value") -> str:
    """camelCase property or method name: reserved words are fine there, only `reserved` gets a trailing `_`."""
    name = camel(text) or fallback
    if name[0].isdigit():
        name = fallback + name[:1].upper() + name[1:]
    if name in reserved:
        name += "_"
    return name


def unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name}{n}"
    taken.add(candidate)
    return candidate


# ---------------------------------------------------------------------------------------------- views


@dataclass
class ModelView:
    name: str
    kind: str  # interface | alias
    doc: list[str]
    members: list[str] = field(default_factory=list)  # interface: rendered member lines (with docs)
    text: str = ""  # alias: the whole declaration


@dataclass
class MethodView:
    name: str
    doc: list[str]
    params_type: str | None  # the Params interface, None when the method takes no parameters
    params_optional: bool
    params_members: list[str]  # rendered Params interface members
    lines: list[str]  # the method, rendered (signature, body)
    function_lines: list[str]  # the flat function, rendered
    operation_id: str
    runtime_types: frozenset[str] = frozenset()  # runtime types its return type names (APIPromise, Stream…)
    return_uses_models: bool = False  # its return type names a model (`models.X`)
    params_use_models: bool = False  # its Params interface names a model


@dataclass
class ResourceView:
    attr: str
    class_name: str
    field_lines: list[str]  # `readonly attr = new Class(client);` on the parent, laid out
    doc: list[str]
    methods: list[MethodView]
    children: list[ResourceView]
    paginators: list[str] = field(default_factory=list)  # rendered `const X: Paginator = …;` declarations


@dataclass
class Provider:
    """One entry of the client's auth map: `key: new cls(args)`, or `new cls({ options })`."""

    key: str
    cls: str
    args: list[str] = field(default_factory=list)
    options: list[tuple[str, str]] | None = None


@dataclass
class ResourceFile:
    module: str
    root: ResourceView
    nodes: list[ResourceView]  # children first
    imports: list[str]


# ---------------------------------------------------------------------------------------------- the target


class TypeScriptTarget(Target):
    name = "typescript"
    description = "TypeScript (ESM, strict, zero dependencies: global fetch), Node 18+ and browsers"
    template_dir = TEMPLATES
    reserved_package_names = NODE_BUILTIN_MODULES | NPM_BLOCKED_NAMES | {"typescript"}
    settings = {"errors": ("throw", "result")}

    def filters(self) -> dict[str, Callable[..., Any]]:
        """One escaper per context the templates print spec-derived text in."""
        return {"tsstr": ts_string, "json": json_string, "markdown": markdown_text, "sh": shlex.quote}

    def package_name(self, config: LanguageConfig) -> str:
        """The npm package name: a configured one as given (a clear error when npm would refuse it); a default one
        from the title's words, clear of Node's built-in modules and at most 214 characters."""
        if config.package_name_given:
            problem = _npm_name_problem(config.package_name, self.reserved_package_names)
            if problem:
                message = f"typescript: package_name {config.package_name!r} is not a valid npm package name: {problem}"
                raise error(message, "/typescript/package_name")
            return config.package_name
        found = words(config.package_name)
        while len("_".join(found)) > NPM_NAME_MAX - len("_sdk") and len(found) > 1:
            found.pop()
        trimmed = replace(config, package_name="_".join(found)[: NPM_NAME_MAX - len("_sdk")])
        return "_".join(self.package_words(trimmed))

    def plan(self, api: Api, config: LanguageConfig) -> Iterable[RenderJob]:
        config = replace(config, package_name=self.package_name(config), version=npm_version(config.version))
        lowering = _Lowering(api, config)
        context = lowering.context()
        yield RenderJob("package.json", "package.json.jinja", context)
        yield RenderJob("tsconfig.json", "tsconfig.json.jinja", context)
        yield RenderJob(".prettierrc.json", "prettierrc.json.jinja", context)
        yield RenderJob("README.md", "README.md.jinja", context)
        yield RenderJob("src/index.ts", "index.ts.jinja", context)
        yield RenderJob("src/client.ts", "client.ts.jinja", context)
        yield RenderJob("src/models.ts", "models.ts.jinja", context)
        yield RenderJob("src/functions.ts", "functions.ts.jinja", context)
        for resource_file in context["resource_files"]:
            yield RenderJob(f"src/resources/{resource_file.module}.ts", "resource.ts.jinja",
                            {**context, "file": resource_file})  # fmt: skip
        yield from self.runtime_jobs("src/core")


TARGET = TypeScriptTarget()


def _npm_name_problem(name: str, reserved: frozenset[str]) -> str | None:
    """Why npm would refuse `name` for a new package, or None."""
    if len(name) > NPM_NAME_MAX:
        return f"it is longer than {NPM_NAME_MAX} characters"
    if not _NPM_NAME.fullmatch(name):
        return "use lowercase letters, digits, '-', '.' and '_' (not first), optionally after a scope ('@scope/name')"
    if name in reserved:
        return "it is the name of a Node built-in module (or one npm blocks)"
    return None


def npm_version(version: str) -> str:
    """The SDK version as npm's semver: a release number from the spec gets its missing parts (`1.0` → `1.0.0`)
    and loses leading zeros (`01.2` → `1.2.0`), in its prerelease numbers too."""
    release, dash, prerelease = version.partition("-")
    parts = release.split(".")
    if 1 <= len(parts) <= 3 and all(p.isascii() and p.isdigit() for p in parts):
        release = ".".join([str(int(p)) for p in parts] + ["0"] * (3 - len(parts)))
    identifiers = [str(int(p)) if p.isascii() and p.isdigit() else p for p in prerelease.split(".")]
    normalised = release + (dash + ".".join(identifiers) if dash else "")
    if not _SEMVER.fullmatch(normalised):
        message = f"typescript: version {version!r} is not a semantic version npm accepts, such as 1.2.0"
        raise error(message, "/typescript/version")
    return normalised


# The base type of a literal value no literal type spells (`literal` gives None).
_LITERAL_BASE: dict[type, str] = {float: "number"}


class _Lowering:
    """IR → TypeScript views. One instance per generation."""

    def __init__(self, api: Api, config: LanguageConfig):
        self.api = api
        self.config = config
        self.errors = str(config.option("errors", "throw"))  # checked by zsdk.yaml's loader (`settings`)
        self.result = self.errors == "result"
        # the client class: a name TypeScript code or the runtime needs for itself (`Promise`, `BaseClient`…) gets
        # `Client` added
        taken_by_others = config.client_name in TAKEN_TYPE_NAMES | RUNTIME_IMPORTS
        self.client = config.client_name + ("Client" if taken_by_others else "")
        self.models = {m.name: m for m in api.models}
        self.class_names = self._class_names()
        self.ops_by_id = {o.id: o for o in api.all_operations()}
        self.constants: set[str] = set()  # the module constants (paginators) of the resource file being lowered

    # ------------------------------------------------------------------ names

    def _class_names(self) -> dict[str, str]:
        taken: set[str] = {self.client.lower(), (self.client + "Options").lower()}
        out: dict[str, str] = {}
        for model in self.api.models:
            name = model.name if model.name not in TAKEN_TYPE_NAMES else model.name + "Model"
            candidate, n = name, 1
            while candidate.lower() in taken:
                n += 1
                candidate = f"{name}{n}"
            taken.add(candidate.lower())
            out[model.name] = candidate
        return out

    # ------------------------------------------------------------------ types

    def type_expr(self, t: TypeRef | None, prefix: str = "") -> str:
        if t is None:
            return "void"
        text = self._bare(t, prefix)
        if t.nullable and text not in ("unknown", "null"):
            text += " | null"
        return text

    def _bare(self, t: TypeRef, prefix: str) -> str:
        if t.kind == "model":
            name = self.class_names.get(t.model or "")
            return prefix + name if name else "unknown"
        if t.kind == "array":
            item = self.type_expr(t.item, prefix)
            return f"({item})[]" if top_level_union(item) else f"{item}[]"
        if t.kind == "map":
            return f"{{ [key: string]: {self.type_expr(t.item, prefix)} }}"
        if t.kind == "literal":
            return literal(t.value) or _LITERAL_BASE.get(type(t.value), "unknown")
        if t.kind == "null":
            return "null"
        if t.kind == "any":
            return "unknown"
        if t.kind == "string":
            return "Blob" if t.format == "binary" else "string"
        if t.kind == "integer":
            return "number | bigint" if t.format == "int64" else "number"
        if t.kind == "number":
            return "number"
        if t.kind == "boolean":
            return "boolean"
        return "unknown"

    # ------------------------------------------------------------------ models

    def model_views(self) -> list[ModelView]:
        out = []
        for model in self.api.models:
            name = self.class_names[model.name]
            doc = _doc_text(model.description, model.deprecated)
            if model.kind == "object":
                members: list[str] = []
                for f in model.fields:
                    ftype = _widened(f.type, f.default, f.example)
                    fdoc = _doc_text(f.description, f.deprecated, _format_note(ftype), _key_note(f.name))
                    members.extend(doc_block(fdoc, 2))
                    key = prop_key(f.name) + ("" if f.required else "?")
                    members.extend(type_member(key, self._member_parts(f.name, ftype, f.required), 2))
                if model.additional_properties is not None or not model.fields:
                    members.append("  [key: string]: unknown;")
                out.append(ModelView(name, "interface", doc, members))
            else:
                parts = self._model_alias_parts(model)
                out.append(ModelView(name, "alias", doc, text="\n".join(type_member(f"export type {name} =", parts, 0,
                                                                                     alias=True))))  # fmt: skip
        return out

    def _member_parts(self, name: str, t: TypeRef, required: bool, prefix: str = "") -> list[str]:
        """The union members of an interface member's type. An optional wire name that `Object` already has
        (`toString`, `constructor`…) also admits `Object`'s member, as every object has it: reading the absent
        field gives that, and an object literal without the field stays assignable."""
        parts = self._union_parts(t, prefix)
        if not required and name in OBJECT_MEMBERS:
            parts.append(f"Object[{ts_string(name)}]")
        return parts

    def _union_parts(self, t: TypeRef, prefix: str = "") -> list[str]:
        """A type as union members (so long unions can be laid out one member per line)."""
        text = self.type_expr(t, prefix)
        if t.kind == "integer" and t.format == "int64":
            return text.split(" | ")
        if t.nullable and text.endswith(" | null"):
            inner = text[: -len(" | null")]
            return ([inner] if t.kind != "integer" or t.format != "int64" else inner.split(" | ")) + ["null"]
        return [text]

    def _model_alias_parts(self, model: Model) -> list[str]:
        if model.kind == "union":
            parts: list[str] = []
            for variant in model.variants:
                for part in self._union_parts(variant):
                    if part not in parts:
                        parts.append(part)
            return parts or ["unknown"]
        if model.kind == "enum":
            base = {"string": "string", "integer": "number", "number": "number", "boolean": "boolean"}
            # a value no literal type spells (an infinity or NaN) is left to the base type that follows
            values = [text for text in map(literal, model.values) if text is not None]
            kind = base.get(model.enum_type or "", "unknown")
            if kind == "boolean":
                return values or ["boolean"]
            return values + [f"({kind} & {{}})" if kind != "unknown" else "unknown"]
        return self._union_parts(model.target) if model.target else ["unknown"]

    # ------------------------------------------------------------------ resources

    def resource_files(self) -> list[ResourceFile]:
        taken: set[str] = set()
        files = []
        used_types = {n.lower() for n in {*self.class_names.values(), *TAKEN_TYPE_NAMES, *RUNTIME_IMPORTS}}
        used_types |= {self.client.lower(), (self.client + "Options").lower()}
        function_names: set[str] = set(FUNCTION_RESERVED)
        modules: set[str] = set()
        for resource in self.api.resources:
            self.constants = set()
            root = self._resource(resource, (), taken, CLIENT_MEMBERS, used_types, function_names, [])
            nodes = _tree(root)
            module = unique(snake(resource.name) or root.attr, modules)
            files.append(ResourceFile(module, root, nodes, self._resource_imports(nodes)))
        return files

    def _resource(self, resource: Resource, parents: tuple[str, ...], taken: set[str], reserved: frozenset[str],
                  used_types: set[str], function_names: set[str], trail: list[str]) -> ResourceView:  # fmt: skip
        attr = unique(member(resource.name, reserved, "resource"), taken)
        path = parents + (resource.name,)
        class_name = "".join(pascal(p) for p in path) or "Root"
        if class_name[0].isdigit():
            class_name = "Resource" + class_name
        while class_name.lower() in used_types:
            class_name += "Resource"
        used_types.add(class_name.lower())
        method_names: set[str] = set()
        methods = []
        paginators: list[str] = []
        trail = trail + [attr]
        for op in resource.operations:
            name = unique(member(op.name, RESOURCE_MEMBERS, "call"), method_names)
            methods.append(self._method(op, name, class_name, paginators, used_types, function_names, trail))
        child_taken = set(method_names)
        children = [
            self._resource(child, path, child_taken, RESOURCE_MEMBERS | frozenset(method_names), used_types,
                           function_names, trail)  # fmt: skip
            for child in resource.resources
        ]
        owner = "this._client" if parents else "this"
        field_lines = call(f"  readonly {attr} = new {class_name}(", [owner], ");", 2)
        return ResourceView(attr, class_name, field_lines, _doc_text(resource.description), methods, children,
                            paginators)  # fmt: skip

    def _uses_models(self, t: TypeRef | None) -> bool:
        """Whether `type_expr(t, "models.")` names a model."""
        if t is None:
            return False
        if t.kind == "model":
            return bool(self.class_names.get(t.model or ""))
        return self._uses_models(t.item)

    def _method(self, op: Operation, name: str, class_name: str, paginators: list[str], used_types: set[str],
                function_names: set[str], trail: list[str]) -> MethodView:  # fmt: skip
        params_type = class_name + pascal(name) + "Params"
        while params_type.lower() in used_types:
            params_type += "_"
        members, required, has_params = self._params_members(op)
        if has_params:
            used_types.add(params_type.lower())
        # the operation, as data
        op_pairs: list[tuple[str, str]] = [("method", ts_string(op.http_method)), ("path", ts_string(op.path))]
        query = [p.name for p in op.params if p.location == "query"]
        if len(query) > 1:  # the order they are sent in, whatever the order of the caller's object
            op_pairs.append(("query", "[" + ", ".join(ts_string(name) for name in query) + "]"))
        if op.body is not None:
            op_pairs.append(("body", ts_string(op.body.kind)))
            default_type = {"json": "application/json", "form": "application/x-www-form-urlencoded",
                            "multipart": "multipart/form-data"}.get(op.body.kind)  # fmt: skip
            if op.body.media_type and op.body.media_type != default_type and op.body.kind != "multipart":
                op_pairs.append(("contentType", ts_string(op.body.media_type)))
        result = op.result
        kind = result.kind if result is not None else "empty"
        if kind in ("binary", "text", "empty"):
            op_pairs.append(("response", ts_string(kind)))
        if result is not None and result.media_type and kind in ("binary", "text", "sse"):
            op_pairs.append(("accept", ts_string(result.media_type)))
        if op.public:
            op_pairs.append(("security", "[]"))
        elif _security(op.security) != _security(self.api.security):
            op_pairs.append(("security", _security(op.security)))
        if op.idempotent:
            op_pairs.append(("idempotent", "true"))
            if op.idempotency_header and op.idempotency_header.lower() != "idempotency-key":
                op_pairs.append(("idempotencyHeader", ts_string(op.idempotency_header)))
        if op.envelope:
            op_pairs.append(("envelope", "[" + ", ".join(ts_string(p) for p in op.envelope) + "]"))
        # what it returns
        suffix = "Result" if self.result else ""
        promise = "ResultPromise" if self.result else "APIPromise"
        returned: TypeRef | None  # the type the method's promise carries, when it is one from the spec
        if op.pagination is not None:
            item = self.type_expr(op.pagination.item_type, "models.")
            const = unique(f"{_constant(class_name)}_{_constant(name)}_PAGES", self.constants)
            paginators.append(self._paginator(const, op))
            page_promise = "PageResultPromise" if self.result else "PagePromise"
            returns = f"{page_promise}<{item}>"
            runtime, extra = f"requestPage{suffix}<{item}>", [const]
            runtime_types, returned = frozenset({page_promise}), op.pagination.item_type
        elif op.streaming == "sse" and result is not None:
            item = self.type_expr(result.type, "models.") if result.type else "unknown"
            returns = f"{promise}<Stream<{item}>>"
            runtime, extra = f"requestStream{suffix}<{item}>", []
            runtime_types, returned = frozenset({promise, "Stream"}), result.type
        else:
            data = {"binary": "Blob", "text": "string", "empty": "void"}.get(kind) or self.type_expr(
                op.result_type, "models."
            )
            returns = f"{promise}<{data}>"
            runtime, extra = f"request{suffix}<{data}>", []
            runtime_types = frozenset({promise})
            returned = None if kind in ("binary", "text", "empty") else op.result_type
        params_arg = f"params: {params_type}" + (" = {}" if not required else "")
        args = ([params_arg] if has_params else []) + ["options?: CallOptions"]
        doc = _doc_text("\n\n".join(t for t in (op.summary, op.description) if t), op.deprecated)
        lines = doc_block(doc, 2)
        lines += signature(f"  {name}(", args, f"): {returns} {{", 2)
        call_args = [object_literal(op_pairs, 6)] + extra + (["params"] if has_params else ["{}"]) + ["options"]
        lines += call("    return this._client." + runtime + "(", call_args, ");", 4)
        lines.append("  }")
        # the flat function over the shared client
        fname = unique(identifier(op.id, frozenset(), "call"), function_names)
        flines = doc_block(doc, 0)
        flines += signature(f"export function {fname}(", args, f"): {returns} {{", 0)
        flines += call(f"  return client.sdk.{'.'.join(trail)}.{name}(", (["params"] if has_params else [])
                       + ["options"], ");", 2)  # fmt: skip
        flines.append("}")
        params_types = [p.type for p in op.params]
        if op.body is not None and op.body.kind not in ("binary", "text"):
            params_types.append(op.body.type)
        params_use_models = any(self._uses_models(t) for t in params_types)
        return MethodView(name, doc, params_type if has_params else None, not required, members, lines, flines, op.id,
                          runtime_types, self._uses_models(returned), params_use_models)  # fmt: skip

    def _params_members(self, op: Operation) -> tuple[list[str], bool, bool]:
        """(Params interface members, whether the argument is required, whether there is any)."""
        members: list[str] = []
        any_required = False
        path_order = re.findall(r"\{([^{}]+)\}", op.path)
        groups: dict[str, list[Parameter]] = {"path": [], "query": [], "headers": [], "cookies": []}
        for param in sorted(op.params, key=lambda p: path_order.index(p.name) if p.name in path_order else 0):
            group = {"header": "headers", "cookie": "cookies"}.get(param.location, param.location)
            groups[group].append(param)
        for group, params in groups.items():
            if not params:
                continue
            required = any(p.required or p.location == "path" for p in params)
            any_required |= required
            members.append(f"  {group}{'' if required else '?'}: {{")
            for p in params:
                ptype = _widened(p.type, p.default)
                notes = (_format_note(ptype), _key_note(p.name))
                members.extend(doc_block(_doc_text(p.description, p.deprecated, *notes), 4))
                required = p.required or p.location == "path"
                parts = self._member_parts(p.name, ptype, required, "models.")
                members.extend(type_member(prop_key(p.name) + ("" if required else "?"), parts, 4))
            members.append("  };")
        if op.body is not None:
            body = op.body
            any_required |= body.required
            if body.kind == "binary":
                parts = ["Blob", "Uint8Array", "string"]
            elif body.kind == "text":
                parts = ["string"]
            else:
                parts = self._union_parts(body.type, "models.")
            members.extend(doc_block(_doc_text(body.description), 2))
            members.extend(type_member("body" + ("" if body.required else "?"), parts, 2))
        return members, any_required, bool(members)

    def _paginator(self, const: str, op: Operation) -> str:
        p = op.pagination
        assert p is not None
        pairs: list[tuple[str, str]] = [("style", ts_string(p.style))]

        def path(value: tuple[str, ...]) -> str:
            return "[" + ", ".join(ts_string(v) for v in value) + "]"

        if p.items:
            pairs.append(("items", path(p.items)))
        for key, value, default in (
            ("cursorParam", p.cursor_param, "cursor"), ("nextCursor", p.next_cursor, None),
            ("cursorItemField", p.cursor_item_field, None), ("hasMore", p.has_more, None),
            ("offsetParam", p.offset_param, "offset"), ("total", p.total, None),
            ("pageParam", p.page_param, "page"), ("perPageParam", p.per_page_param, None),
            ("totalPages", p.total_pages, None), ("hasNext", p.has_next, None),
        ):  # fmt: skip
            if value is None or value == default:
                continue
            pairs.append((key, path(value) if isinstance(value, tuple) else ts_string(value)))
        return "\n".join(call(f"const {const}: Paginator = ", [], ";", 0, obj=pairs))

    def _resource_imports(self, nodes: list[ResourceView]) -> list[str]:
        """A resource file's imports, from what its methods use (never from the rendered text)."""
        methods = [m for node in nodes for m in node.methods]
        used = {name for m in methods for name in m.runtime_types}
        core = ["APIResource", "type CallOptions"]
        lines = [import_line(core, "../core/client.js")]
        if any(node.paginators for node in nodes):
            kind = "PageResultPromise" if self.result else "PagePromise"
            lines.append(import_line([kind, "Paginator"], "../core/pagination.js", type_only=True))
        promise = "ResultPromise" if self.result else "APIPromise"
        if promise in used:
            lines.append(import_line([promise], "../core/promise.js", type_only=True))
        if "Stream" in used:
            lines.append(import_line(["Stream"], "../core/streaming.js", type_only=True))
        if any(m.return_uses_models or m.params_use_models for m in methods):
            lines.append("import type * as models from '../models.js';")
        return lines

    # ------------------------------------------------------------------ client

    def auth(self) -> tuple[list[dict[str, str]], list[Provider]]:
        """(credential options, one provider per usable security scheme)."""
        plan = plan_credentials(self.api, self.config)
        taken: set[str] = set(CLIENT_OPTION_NAMES) | OBJECT_MEMBERS
        credentials: list[dict[str, str]] = []
        providers: list[Provider] = []
        login_scheme = self.api.login.scheme if self.api.login else None
        for scheme in self.api.security_schemes:
            values = []
            for c in plan.get(scheme.name, ()):
                name = unique(identifier(c.name), taken)
                credentials.append({"name": name, "env": c.env})
                values.append(f"fromEnv(options.{name}, {ts_string(c.env)})")
            if values:
                providers.append(self._provider(scheme, scheme.name == login_scheme, values))
        return credentials, providers

    def _provider(self, scheme: SecurityScheme, login: bool, values: list[str]) -> Provider:
        """The provider of a scheme whose credentials are `values` (each the option, else its variable)."""
        key = object_key(scheme.name)
        if login:
            flow = self.api.login
            assert flow is not None
            pairs = [("accessToken", values[0]), ("tokenField", ts_string(".".join(flow.token)))]
            if flow.refresh_token:
                pairs.append(("refreshTokenField", ts_string(".".join(flow.refresh_token))))
            if flow.expires_in:
                pairs.append(("expiresInField", ts_string(".".join(flow.expires_in))))
            refresh = self.ops_by_id.get(flow.refresh_operation_id or "")
            if refresh is not None:
                pairs.append(("refreshPath", ts_string(refresh.path)))
                if refresh.http_method != "POST":
                    pairs.append(("refreshMethod", ts_string(refresh.http_method)))
            if flow.refresh_param and flow.refresh_param != "refresh_token":
                pairs.append(("refreshParam", ts_string(flow.refresh_param)))
            return Provider(key, "LoginTokenAuth", options=pairs)
        if scheme.kind == "api_key":
            location = ts_string(scheme.location or "header")
            return Provider(key, "ApiKeyAuth", [ts_string(scheme.param_name or scheme.name), location, values[0]])
        if scheme.kind == "basic":
            return Provider(key, "BasicAuth", values)
        if scheme.kind == "oauth2" and len(values) == 2:
            flow2 = next(f for f in scheme.flows if f.kind == "client_credentials")
            return Provider(key, "OAuth2ClientCredentials", [ts_string(flow2.token_url), *values])
        return Provider(key, "BearerAuth", values)  # a bearer token, or an OAuth2 access token

    def context(self) -> dict[str, Any]:
        server = self.api.servers[0] if self.api.servers else None
        credentials, providers = self.auth()
        # server variables are options too: their names never take a credential's
        variables = []
        taken = set(CLIENT_OPTION_NAMES) | OBJECT_MEMBERS | {c["name"] for c in credentials}
        for v in server.variables if server else ():
            variables.append((unique(identifier(v.name), taken), v))
        resource_files = self.resource_files()
        roots = [f.root for f in resource_files]
        client = self.client
        options_name = client + "Options"
        # module constants: the server URL template, its variables' defaults and allowed values
        server_lines: list[str] = []
        base_url = ts_string(server.url if server else "")
        if variables:
            server_lines.append(f"const SERVER_URL = {base_url};")
            server_lines += call("const SERVER_DEFAULTS = ", [], ";", 0,
                                 obj=[(object_key(v.name), ts_string(v.default)) for _, v in variables])  # fmt: skip
            enums = [(object_key(v.name), "[" + ", ".join(ts_string(e) for e in v.enum) + "]") for _, v in variables
                     if v.enum]  # fmt: skip
            server_lines += call("const SERVER_ENUMS = ", [], ";", 0, obj=enums)
            given = object_literal([(object_key(v.name), f"options.{ident}") for ident, v in variables])
            base_url_lines = call("      baseUrl: resolveServerUrl(", ["SERVER_URL", given, "SERVER_DEFAULTS",
                                  "SERVER_ENUMS"], "),", 6)  # fmt: skip
        else:
            base_url_lines = [f"      baseUrl: {base_url},"]
        # the options interface
        members: list[str] = []
        for c in credentials:
            members += doc_block([f"Defaults to the `{c['env']}` environment variable."], 2)
            members.append(f"  {c['name']}?: string | undefined;")
        for ident, v in variables:
            note = f"Server variable {markdown_code(v.name)} (default {markdown_code(v.default)})."
            members += doc_block(_doc_text(v.description, False, note), 2)
            parts = [ts_string(e) for e in v.enum] or ["string"]
            members += type_member(f"{ident}?", parts + ["undefined"], 2)
        r = self.config.retries
        retries = object_literal([("maxRetries", str(r.max_retries)), ("baseDelay", _ms(r.base_delay)),
                                  ("maxDelay", _ms(r.max_delay)), ("timeout", _ms(r.timeout))])  # fmt: skip
        super_lines = ["    super(options, {", *base_url_lines, "      userAgent: USER_AGENT,"]
        super_lines += retries.lines("      retries: ", ",", 6)
        if providers:
            super_lines.append("      auth: {")
            super_lines += self._provider_lines(providers)
            super_lines.append("      },")
        else:
            super_lines.append("      auth: {},")
        alternatives = split_array(_security(self.api.security)) or []
        super_lines += array_lines("      security: ", alternatives, ",", 6) + ["    });"]
        login = None
        if self.api.login is not None:
            op = self.ops_by_id.get(self.api.login.operation_id)
            if op is not None:
                fields = "; ".join(f"{prop_key(c)}: string" for c in self.api.login.credentials)
                op_obj = object_literal([("method", ts_string(op.http_method)), ("path", ts_string(op.path))])
                lines = [f"  authenticate(credentials: {{ {fields} }}): Promise<unknown> {{"]
                lines.append(f"    const auth = this.providers[{ts_string(self.api.login.scheme)}] as LoginTokenAuth;")
                lines += call("    return this.requestLogin(", [op_obj, "credentials", "auth"], ");", 4)
                lines.append("  }")
                call_span = markdown_code(f"{op.http_method} {op.path}")
                note = f"Log in ({call_span}); later calls send the returned token, refreshed before it expires."
                login = {"doc": doc_block(_doc_text("", False, note), 2), "lines": lines}
        auth_names = sorted({p.cls for p in providers} | ({"fromEnv"} if credentials else set()),
                            key=str.lower)  # fmt: skip
        if login is not None:
            auth_names = sorted(set(auth_names) - {"LoginTokenAuth"} | {"LoginTokenAuth"}, key=str.lower)
        client_imports = []
        if auth_names:
            client_imports.append(import_line(auth_names, "./core/auth.js"))
        client_imports.append(import_line(["BaseClient", "type ClientOptions", "userAgent"], "./core/client.js"))
        if variables:
            client_imports.append("import { resolveServerUrl } from './core/url.js';")
        for f in resource_files:
            client_imports.append(import_line([f.root.class_name], f"./resources/{f.module}.js"))
        api_name = _api_name(self.api.title)
        return {
            "api": self.api,
            "config": self.config,
            "client": client,
            "options_name": options_name,
            "package": self.config.package_name,  # a valid npm name: [a-z0-9._-], `@` and `/` for a scope
            "version": self.config.version,  # semver
            "result_mode": self.result,
            "api_name": api_name,  # one line of prose: escape it for the context (`markdown`, `json`)
            "client_doc": self.client_doc(api_name),
            "server_lines": server_lines,
            "options_head": (f"export interface {options_name} extends ClientOptions" if
                             len(f"export interface {options_name} extends ClientOptions {{") <= WIDTH
                             else f"export interface {options_name}\n  extends ClientOptions"),  # fmt: skip
            "user_agent": call("const USER_AGENT = userAgent(", [ts_string(self.config.package_name),
                               ts_string(self.config.version)], ");", 0),  # fmt: skip
            "option_members": members,
            "super_lines": super_lines,
            "client_imports": client_imports,
            "credentials": credentials,
            "login": login,
            "models": self.model_views(),
            "resource_files": resource_files,
            "roots": roots,
            "tree": _tree,
            "doc": doc_block,
            "ts_string": ts_string,
            "function_imports": self._function_imports(resource_files),
            "node_paths": _node_paths(roots),
            "client_export": import_line([client, f"type {options_name}"], "./client.js", keyword="export"),
            "shared_client": self.shared_client_lines(),
            "example": _example(roots),
        }

    def client_doc(self, api_name: str) -> list[str]:
        """The client class's TSDoc: the API's name (spec text, escaped) and how to use it."""
        usage = "`new " + self.client + "({ ... })`, then call `client.<resource>.<method>(...)`."
        return doc_block([tsdoc_line(f"Client for the {api_name}."), "", usage], 0)

    def _provider_lines(self, providers: list[Provider]) -> list[str]:
        out: list[str] = []
        for p in providers:
            if p.options is not None:
                out += call(f"        {p.key}: new {p.cls}(", [], "),", 8, obj=p.options)
            else:
                out += call(f"        {p.key}: new {p.cls}(", list(p.args), "),", 8)
        return out

    def shared_client_lines(self) -> list[str]:
        client = self.client
        lines = signature("function create(", [f"options: {client}Options"], f"): {client} {{", 0)
        lines += [f"  return new {client}(options);", "}", "", "/**",
                  " * The shared client behind the flat functions: configure it once with `client.setConfig({ ... })`, "
                  "add", " * interceptors with `client.interceptors.request.use(...)`.", " */",
                  "export const client = new SharedClient(create);"]  # fmt: skip
        return lines

    def _function_imports(self, files: list[ResourceFile]) -> list[str]:
        """functions.ts's imports, from what the flat functions' signatures use (never from the rendered text)."""
        methods = [m for f in files for n in f.nodes for m in n.methods]
        used = {name for m in methods for name in m.runtime_types}
        lines = []
        core = ["SharedClient"] + (["type CallOptions"] if methods else [])
        lines.append(import_line(core, "./core/client.js"))
        for name, module in (("PageResultPromise" if self.result else "PagePromise", "pagination"),
                             ("ResultPromise" if self.result else "APIPromise", "promise"),
                             ("Stream", "streaming")):  # fmt: skip
            if name in used:
                lines.append(import_line([name], f"./core/{module}.js", type_only=True))
        if any(m.return_uses_models for m in methods):
            lines.append("import type * as models from './models.js';")
        lines.append(import_line([self.client, f"type {self.client}Options"], "./client.js"))
        for f in files:
            names = [m.params_type for n in f.nodes for m in n.methods if m.params_type]
            if names:
                lines.append(import_line(names, f"./resources/{f.module}.js", type_only=True))
        return lines


CLIENT_OPTION_NAMES = ("baseUrl", "timeout", "maxRetries", "defaultHeaders", "fetch", "onRequest", "onResponse")


def _ms(seconds: float) -> str:
    value = round(seconds * 1000)
    return f"{value:_}" if value >= 10_000 else str(value)


def _security(security: tuple[tuple[str, ...], ...]) -> str:
    """Security alternatives as a literal; alternatives naming the same schemes (scopes differ) are one."""
    alternatives = list(dict.fromkeys("[" + ", ".join(ts_string(s) for s in alt) + "]" for alt in security))
    return "[" + ", ".join(alternatives) + "]"


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


def _doc_text(text: str, deprecated: bool = False, *notes: str) -> list[str]:
    """Spec text as TSDoc lines: normalised first (`text.prose`: line breaks, controls, invisible characters),
    then each line escaped for the block (`tsdoc_line`: `*/`, tag-like `@`), trailing spaces and repeated blank
    lines dropped. `notes` are ours (spec values in them are `code_span`s) and escaped the same way; `@deprecated`
    is the one tag written."""
    text = prose(text).strip()
    lines = [tsdoc_line(line.rstrip()) for line in text.split("\n")] if text else []
    for extra in [tsdoc_line(note) for note in notes if note] + (["@deprecated"] if deprecated else []):
        if lines:
            lines.append("")
        lines.append(extra)
    # collapse runs of blank lines
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return out


def _node_paths(roots: list[ResourceView]) -> dict[str, str]:
    """class name → `projects.files`, as reached from the client."""
    out: dict[str, str] = {}

    def walk(node: ResourceView, trail: str) -> None:
        path = f"{trail}.{node.attr}" if trail else node.attr
        out[node.class_name] = path
        for child in node.children:
            walk(child, path)

    for root in roots:
        walk(root, "")
    return out


def _example(roots: list[ResourceView]) -> str:
    """A call for the README: the first method needing no arguments, else the first method."""
    paths = _node_paths(roots)
    candidates = [(paths[n.class_name], m) for r in roots for n in reversed(_tree(r)) for m in n.methods]
    for path, method in candidates:
        if method.params_type is None or method.params_optional:
            return f"{path}.{method.name}()"
    if candidates:
        path, method = candidates[0]
        return f"{path}.{method.name}(params)"
    return "request()"


def _tree(resource: ResourceView) -> list[ResourceView]:
    out: list[ResourceView] = []
    for child in resource.children:
        out.extend(_tree(child))
    out.append(resource)
    return out


__all__ = ["TARGET", "TypeScriptTarget", "camel", "identifier", "is_identifier"]
