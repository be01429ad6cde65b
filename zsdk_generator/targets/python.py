"""The Python target: httpx + pydantic v2, an openai-python-style surface.

Everything a template prints is decided here, once: identifiers (escaped for
keywords and for the names the runtime and pydantic use), type expressions,
defaults, and the file layout. Templates only loop and print.
"""

from __future__ import annotations

import builtins
import functools
import io
import keyword
import re
import sys
import tokenize
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..config import LanguageConfig
from ..diagnostics import error
from ..ir.model import Api, Field, Model, Operation, Parameter, Resource, SecurityScheme, TypeRef
from ..ir.naming import pascal, snake, words
from ..plan.credentials import plan_credentials
from .base import RenderJob, Target, templates_root
from .markdown import markdown_cell_code, markdown_code, markdown_lines, markdown_text
from .python_text import (
    comment,
    docstring,
    docstring_lines,
    docstring_text,
    py_fstring_text,
    py_literal,
    py_number,
    py_string,
    toml_string,
)
from .text import one_line

TEMPLATES = templates_root() / "python"

# ---------------------------------------------------------------------------------------------- data

PRIMITIVES: dict[tuple[str, str | None], str] = {
    ("string", None): "str",
    ("string", "date"): "datetime.date",
    ("string", "date-time"): "datetime.datetime",
    ("string", "binary"): "bytes",
    ("integer", None): "int",
    ("number", None): "float",
    ("boolean", None): "bool",
}
# Hard keywords, and the soft keywords `match` and `case` (renamed since 3.10). Fixed here rather than read from
# `keyword.softkwlist`, so the generated names do not depend on the Python running the generator (3.12 added
# `type`, which stays a valid name everywhere).
KEYWORDS = frozenset(keyword.kwlist) | {"match", "case"}
# Builtins that type expressions use: a name bound to one of them in a class body (a field, a method) or in a
# function (a parameter) hides the type from what follows there.
TYPE_BUILTINS = frozenset({"list", "dict", "str", "int", "float", "bool", "bytes", "object", "type"})
# Attribute names pydantic's BaseModel (and our runtime BaseModel) already use.
MODEL_ATTRIBUTES = frozenset(
    {"model_config", "model_fields", "model_computed_fields", "model_extra", "model_fields_set", "model_construct",
     "model_copy", "model_dump", "model_dump_json", "model_json_schema", "model_parametrized_name",
     "model_post_init", "model_rebuild", "model_validate", "model_validate_json", "model_validate_strings",
     "dict", "json", "copy", "schema", "schema_json", "validate", "construct", "parse_obj", "parse_raw",
     "parse_file", "from_orm", "update_forward_refs", "fields", "to_dict", "to_json", "datetime", "pydantic",
     "typing"}
)  # fmt: skip
# A model field with one of these names would hide, in the rest of its class body, a type the field annotations
# use (`list: str` then `tags: list[str]`: "Variable ... is not valid as a type"); it is renamed (`list_`, alias
# "list").
FIELD_RESERVED = MODEL_ATTRIBUTES | (TYPE_BUILTINS - {"object", "type"})
# Names a models module imports or defines itself; a model with one of these names is renamed.
MODULE_NAMES = frozenset(
    {"Any", "Annotated", "Literal", "Union", "BaseModel", "OpenEnum", "OpenIntEnum", "None", "True", "False"}
)
# Per-call options every method takes, and the module names a method body uses; a spec parameter with one of
# these names is renamed. (A parameter named like a builtin type the body uses is not: the body spells that type
# `builtins.X`, see `_unshadow_parameters`.)
CALL_OPTIONS = ("extra_headers", "extra_query", "extra_body", "timeout", "max_retries", "idempotency_key")
PARAM_RESERVED = frozenset({"self", "body", "models", "cast", "content", "datetime", "builtins", *CALL_OPTIONS})
# Attributes of the runtime clients and resources; a resource or method with one of these names is renamed.
CLIENT_ATTRIBUTES = frozenset(
    {"request", "request_page", "request_stream", "request_login", "close", "base_url", "timeout", "max_retries",
     "on_request", "on_response", "authenticate", "with_raw_response", "retry_policy", "default_headers",
     "user_agent", "default_security"}
)  # fmt: skip
# A resource class body also uses these names after its methods: the decorator and the modules its annotations
# name. A method or sub-resource named like one is renamed.
RESOURCE_ATTRIBUTES = frozenset({"with_raw_response", "cached_property", "models", "datetime", "builtins"})
# What the credential and server-variable arguments of the client must not be called: the client's own arguments
# and the names `__init__` and `_auth` use in their bodies.
CLIENT_ARGUMENTS = frozenset(
    {"self", "base_url", "timeout", "max_retries", "default_headers", "http_client", "on_request", "on_response",
     "providers", "login", "super", "isinstance", "first_given", "resolve_server_url"}
)  # fmt: skip
# The SDK's runtime dependencies and what they import (optional modules httpx probes at import included): a
# package of one of these names would be imported in their place.
DEPENDENCY_MODULES = frozenset(
    {"httpx", "httpcore", "h11", "anyio", "sniffio", "idna", "certifi", "pydantic", "pydantic_core",
     "annotated_types", "typing_extensions", "typing_inspection", "h2", "brotli", "brotlicffi", "zstandard",
     "socksio", "trio", "click", "rich", "pygments"}
)  # fmt: skip
# Names a default package name must not take: the standard library's (with `compression` and `annotationlib`,
# new in 3.14, and the startup hooks `site` imports), the dependencies', keywords, and builtins (an `import
# list` would hide the builtin in the user's module). Such a name gets `sdk` added: "Numbers API" → numbers_sdk.
RESERVED_PACKAGE_NAMES = (
    frozenset(sys.stdlib_module_names)
    | {"compression", "annotationlib", "sitecustomize", "usercustomize"}
    | DEPENDENCY_MODULES
    | frozenset(keyword.kwlist)
    | {name for name in dir(builtins) if name.islower()}
)
# What the package's __init__ exports besides the two clients.
EXPORTS = [
    "APIConnectionError", "APIError", "APIResponse", "APIResponseValidationError", "APIStatusError",
    "APITimeoutError", "AsyncPage", "AsyncStream", "AuthenticationError", "BadRequestError", "BinaryResponse",
    "ConflictError", "InternalServerError", "NOT_GIVEN", "NotFoundError", "NotGiven", "PermissionDeniedError",
    "RateLimitError", "Stream", "SyncPage", "UnprocessableEntityError", "models",
]  # fmt: skip


# ---------------------------------------------------------------------------------------------- names


def identifier(text: str, reserved: frozenset[str] = frozenset(), fallback: str = "value") -> str:
    """snake_case identifier: keywords and reserved names get a trailing `_`, digits a prefix."""
    name = snake(text) or fallback
    if name[0].isdigit():
        name = f"{fallback}_{name}"
    if name in KEYWORDS or name in reserved:
        name += "_"
    return name


# PEP 440's version scheme (its appendix B), which pip and hatchling require of `version` in pyproject.toml.
_PEP440 = re.compile(
    r"v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*"
    r"(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?[0-9]*)?"
    r"(?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?"
    r"(?:[-_.]?dev[-_.]?[0-9]*)?"
    r"(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?",
    re.IGNORECASE | re.ASCII,
)


def pep440_version(version: str) -> str:
    """The SDK version, when pip can install it; a semantic-version pre-release PEP 440 has no spelling for
    (`1.0.0-x.7`) stops generation with a message rather than a pyproject.toml no build tool accepts."""
    if not _PEP440.fullmatch(version):
        message = (f"the Python SDK's version {version!r} is not a PEP 440 version (1.2.0, 2.0.0rc1, 2.0.0-beta.1); "
                   "set python.version in zsdk.yaml")  # fmt: skip
        raise error(message, None)
    return version


# The integers mypy takes inside `Literal[...]` (it reads them as 64-bit; a wider one is "an arbitrary expression").
_LITERAL_INT_LIMIT = 2**63 - 1


def literal_type(value: object) -> str:
    """The type of a `const`: `Literal[...]` for what Literal takes (strings, booleans, integers within 64 bits),
    `None` for null, else the value's plain type: `int` (a wider integer), `float`, `list[Any]`, `dict[str, Any]`."""
    if value is None:
        return "None"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > _LITERAL_INT_LIMIT:
        return "int"
    if isinstance(value, (str, int)):  # bool is an int
        return f"Literal[{py_literal(value)}]"
    if isinstance(value, float):
        return "float"
    return "list[Any]" if isinstance(value, list) else "dict[str, Any]"


def unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name}_{n}"
    taken.add(candidate)
    return candidate


# ---------------------------------------------------------------------------------------------- views


@dataclass
class FieldView:
    attr: str
    annotation: str
    default: str | None  # None: required (no default)
    alias: str | None  # the wire name when it differs from attr
    doc: list[str]


@dataclass
class ModelView:
    name: str
    kind: str  # object | enum | alias
    doc: list[str]
    fields: list[FieldView] = field(default_factory=list)
    members: list[tuple[str, str]] = field(default_factory=list)  # enum: (NAME, literal)
    enum_base: str = "OpenEnum"
    annotation: str = ""  # alias/union: the right-hand side
    description: str = ""  # the spec's text (an alias is documented in a comment)


@dataclass
class ParamView:
    ident: str
    wire: str
    location: str
    annotation: str
    required: bool


@dataclass
class MethodView:
    name: str
    doc: list[str]
    positional: list[ParamView]
    keyword: list[ParamView]
    body: str | None  # annotation of `body`, when the body is JSON or form
    body_required: bool
    files: list[ParamView]  # multipart parts
    content: bool  # raw binary body
    returns: str
    returns_async: str
    call: str  # request | request_page | request_stream
    cast_to: str
    cast_result: bool  # wrap in typing.cast (unions and aliases are not `type[T]`)
    options: list[tuple[str, str]]  # RequestOptions(key=expr) before the per-call options
    idempotent: bool
    paginator: str | None

    @property
    def cast_argument(self) -> str:
        """The result type as the runtime call takes it: `cast_to=T` for `request`, positional otherwise."""
        expression = f"cast(Any, {self.cast_to})" if self.cast_result else self.cast_to
        return ("cast_to=" if self.call == "request" else "") + expression


@dataclass
class ResourceView:
    attr: str  # attribute on the parent
    class_name: str
    doc: list[str]
    methods: list[MethodView]
    children: list[ResourceView]
    paginators: list[tuple[str, str]] = field(default_factory=list)
    description: str = ""  # the spec's text (the README's section)


@dataclass
class CredentialView:
    arg: str
    env: str


@dataclass
class AuthView:
    scheme: str
    constructor: str  # provider expression, using credential args
    credentials: list[CredentialView]


# ---------------------------------------------------------------------------------------------- the target


class PythonTarget(Target):
    name = "python"
    description = "Python 3.11+: httpx and pydantic v2, sync and async clients"
    template_dir = TEMPLATES
    reserved_package_names = RESERVED_PACKAGE_NAMES

    def filters(self) -> dict[str, Callable[..., Any]]:
        """One filter per output context (python_text): spec text reaches a file only through one of these."""
        return {
            "pystr": py_string,
            "pyliteral": py_literal,
            "docstring": docstring,
            "docline": docstring_text,
            "comment": comment,
            "toml": toml_string,
            "md": markdown_text,
            "md_lines": markdown_lines,
            "md_code": markdown_code,
            "md_cell_code": markdown_cell_code,
        }

    def format(self, path: str, text: str) -> str:
        if not path.endswith(".py"):
            return text
        import ast

        import black

        from .python_layout import format_module

        # black's output, byte for byte: python_layout lays out the chunks it knows and hands the rest to black.
        # It does not parse, so validity is checked here (black used to find a generator bug as a side effect).
        try:
            ast.parse(text, path)
            return format_module(text, lambda chunk: black.format_str(chunk, mode=black.Mode()))
        except (SyntaxError, black.parsing.InvalidInput) as exc:  # a generator bug: say where, never a traceback
            raise error(f"generated {path} is not valid Python ({exc}); please report this", None) from None

    def plan(self, api: Api, config: LanguageConfig) -> Iterable[RenderJob]:
        lowering = _Lowering(api, config, self.package_words(config))
        package = lowering.package
        context = lowering.context()
        yield RenderJob("pyproject.toml", "pyproject.toml.jinja", context)
        yield RenderJob("README.md", "README.md.jinja", context)
        yield RenderJob(f"{package}/__init__.py", "__init__.py.jinja", context)
        yield RenderJob(f"{package}/_client.py", "_client.py.jinja", context)
        yield RenderJob(f"{package}/models.py", "models.py.jinja", context)
        yield RenderJob(f"{package}/resources/__init__.py", "resources_init.py.jinja", context)
        for resource in context["resources"]:
            yield RenderJob(
                f"{package}/resources/{resource.attr}.py", "resource.py.jinja", {**context, "resource": resource}
            )
        yield from self.runtime_jobs(package)


TARGET = PythonTarget()


class _Lowering:
    """IR → Python views. One instance per generation."""

    def __init__(self, api: Api, config: LanguageConfig, package_words: list[str]):
        self.api = api
        self.config = config
        # The import name (a keyword given in zsdk.yaml gets `_`) and the PEP 508 distribution name: words of
        # ASCII letters and digits joined by `-`.
        self.package = identifier("_".join(package_words), KEYWORDS, "sdk")
        self.distribution = "-".join(package_words)
        self.version = pep440_version(config.version)
        self.models = {m.name: m for m in api.models}
        self.class_names = self._class_names()

    # ------------------------------------------------------------------ names

    def _class_names(self) -> dict[str, str]:
        taken: set[str] = set()
        out: dict[str, str] = {}
        for model in self.api.models:
            name = (
                model.name
                if model.name not in MODULE_NAMES and not keyword.iskeyword(model.name)
                else model.name + "Model"
            )
            candidate, n = name, 1
            while candidate.lower() in taken:
                n += 1
                candidate = f"{name}{n}"
            taken.add(candidate.lower())
            out[model.name] = candidate
        return out

    # ------------------------------------------------------------------ types

    def annotation(self, t: TypeRef | None, prefix: str = "") -> str:
        if t is None:
            return "None"
        text = self._bare(t, prefix)
        if t.nullable and text not in ("Any", "None"):
            text += " | None"
        return text

    def _bare(self, t: TypeRef, prefix: str) -> str:
        if t.kind == "model":
            return prefix + self.class_names.get(t.model or "", "Any")
        if t.kind == "array":
            return f"list[{self.annotation(t.item, prefix)}]"
        if t.kind == "map":
            return f"dict[str, {self.annotation(t.item, prefix)}]"
        if t.kind == "literal":
            return literal_type(t.value)
        if t.kind == "null":
            return "None"
        if t.kind == "any":
            return "Any"
        return PRIMITIVES.get((t.kind, t.format), PRIMITIVES.get((t.kind, None), "Any"))

    def is_class(self, t: TypeRef | None) -> bool:
        """Whether `t` can be passed as `type[T]` (a class, not a union or alias)."""
        if t is None or t.nullable:
            return False
        if t.kind == "model":
            model = self.models.get(t.model or "")
            return model is not None and (
                model.kind == "object" or (model.kind == "enum" and bool(self._enum_base(model)))
            )
        return t.kind in ("string", "integer", "number", "boolean", "array", "map")

    # ------------------------------------------------------------------ models

    def model_views(self) -> tuple[list[ModelView], list[ModelView]]:
        """(classes, aliases): classes first; aliases after, ordered so each follows what it names."""
        classes: list[ModelView] = []
        aliases: list[ModelView] = []
        for model in self.api.models:
            name = self.class_names[model.name]
            doc = docstring_lines(model.description)
            if model.kind == "object":
                classes.append(ModelView(name, "object", doc, fields=self._fields(model)))
            elif model.kind == "enum" and self._enum_base(model):
                classes.append(
                    ModelView(name, "enum", doc, members=self._members(model), enum_base=self._enum_base(model))
                )
            else:
                aliases.append(
                    ModelView(name, "alias", doc, annotation=self._alias_rhs(model), description=model.description)
                )
        return classes, _order_aliases(aliases)

    @staticmethod
    def _enum_base(model: Model) -> str:
        return {"string": "OpenEnum", "integer": "OpenIntEnum"}.get(model.enum_type or "", "")

    def _alias_rhs(self, model: Model) -> str:
        if model.kind == "union":
            tagged = self._discriminated(model)
            if tagged:
                return tagged
            variants = []
            for variant in model.variants:
                text = self.annotation(variant)
                if text not in variants:
                    variants.append(text)
            return " | ".join(variants)
        if model.kind == "enum":  # number or boolean enums: the plain type
            return {"number": "float", "boolean": "bool"}.get(model.enum_type or "", "Any")
        return self.annotation(model.target)

    def _discriminated(self, model: Model) -> str:
        """`Annotated[Annotated[Cat, Tag("Cat")] | …, discriminator(...)]` when every variant is a mapped model."""
        disc = model.discriminator
        names = [v.model for v in model.variants if v.kind == "model" and not v.nullable]
        if disc is None or len(names) != len(model.variants) or len(names) < 2:
            return ""
        mapped = {m for _, m in disc.mapping}
        if not set(names) <= mapped:
            return ""
        classes = [self.class_names[n or ""] for n in names]
        variants = " | ".join(f"Annotated[{c}, pydantic.Tag({py_string(c)})]" for c in classes)
        tags = "{" + ", ".join(f"{py_string(v)}: {py_string(self.class_names[m])}" for v, m in disc.mapping
                               if m in names) + "}"  # fmt: skip
        return f"Annotated[{variants}, discriminator({py_string(disc.property)}, {tags}, {py_string(classes[0])})]"

    def _members(self, model: Model) -> list[tuple[str, str]]:
        taken: set[str] = set()
        members = []
        for value in model.values:
            if isinstance(value, str):
                base = "_".join(w.upper() for w in words(value)) or "EMPTY"
            else:  # an integer (Python's have no range: an enum beyond 64 bits is written as it is)
                base = ("MINUS_" if value < 0 else "") + py_number(abs(value)).upper()
            if base[0].isdigit():
                base = "VALUE_" + base
            members.append((unique(base, taken), py_literal(value)))
        return members

    def _fields(self, model: Model) -> list[FieldView]:
        taken: set[str] = set()
        out = []
        for f in model.fields:
            attr = unique(identifier(f.ident or f.name, FIELD_RESERVED, "field"), taken)
            if attr.startswith("_"):
                attr = "field" + attr
            annotation = self.annotation(f.type)
            default: str | None = None
            if not f.required:
                if not annotation.endswith("| None") and annotation not in ("Any", "None"):
                    annotation += " | None"
                default = self._default(f)
            out.append(
                FieldView(attr, annotation, default, f.name if attr != f.name else None, docstring_lines(f.description))
            )
        return out

    @staticmethod
    def _default(f: Field) -> str:
        """The spec's default for a primitive field when its type fits, else None."""
        fits = {"string": (str,), "integer": (int,), "number": (int, float), "boolean": (bool,)}.get(f.type.kind, ())
        value = f.default
        if f.has_default and isinstance(value, fits) and (isinstance(value, bool) == (f.type.kind == "boolean")):
            return py_literal(value)
        return "None"

    # ------------------------------------------------------------------ resources

    def resource_views(self) -> list[ResourceView]:
        taken: set[str] = set()
        classes: set[str] = set()  # every resource class, Async twins included: all meet in _client.py
        views = [self._resource(r, (), taken, CLIENT_ATTRIBUTES, classes, set()) for r in self.api.resources]
        for view in views:
            _unshadow(view)
        return views

    def _resource(
        self,
        resource: Resource,
        parents: tuple[str, ...],
        taken: set[str],
        reserved: frozenset[str],
        classes: set[str],
        constants: set[str],  # the module's constants (one module per top-level resource)
    ) -> ResourceView:
        attr = unique(identifier(resource.name, reserved, "resource"), taken)
        path = parents + (resource.name,)
        class_name = _resource_class_name(path, classes)
        method_names: set[str] = set()
        methods = []
        paginators: list[tuple[str, str]] = []
        for op in resource.operations:
            name = unique(identifier(op.name, RESOURCE_ATTRIBUTES, "call"), method_names)
            methods.append(self._method(op, name, paginators, constants))
        children_taken = set(method_names)
        children = [
            self._resource(
                child, path, children_taken, RESOURCE_ATTRIBUTES | frozenset(method_names), classes, constants
            )
            for child in resource.resources
        ]
        doc = docstring_lines(resource.description)
        return ResourceView(attr, class_name, doc, methods, children, paginators, resource.description)

    def _method(self, op: Operation, name: str, paginators: list[tuple[str, str]], constants: set[str]) -> MethodView:
        taken: set[str] = set()
        positional: list[ParamView] = []
        keyword_params: list[ParamView] = []
        options: list[tuple[str, str]] = [("method", py_string(op.http_method)), ("path", py_string(op.path))]
        groups: dict[str, list[tuple[str, str]]] = {"path": [], "query": [], "header": [], "cookie": []}
        path_order = re.findall(r"\{([^{}]+)\}", op.path)
        params = sorted(
            op.params, key=lambda p: (p.location != "path", path_order.index(p.name) if p.name in path_order else 0)
        )
        for param in params:
            view = self._param(param, taken)
            (positional if param.location == "path" else keyword_params).append(view)
            groups[param.location].append((param.name, view.ident))
        for location, key in (
            ("path", "path_params"),
            ("query", "query"),
            ("header", "headers"),
            ("cookie", "cookies"),
        ):
            if groups[location]:
                options.append((key, "{" + ", ".join(f"{py_string(w)}: {i}" for w, i in groups[location]) + "}"))
        body_annotation = None
        files: list[ParamView] = []
        content = False
        if op.body is not None:
            kind = op.body.kind
            if kind in ("json", "form", "text"):
                body_annotation = self.annotation(op.body.type, "models.")
                if op.body.type.kind == "model" and body_annotation != "Any":
                    body_annotation += " | dict[str, Any]"
                options.append(("json_body" if kind != "form" else "form", "body"))
            elif kind == "multipart":
                files = self._multipart(op, taken)
                form = [f for f in files if f.location == "form"]
                parts = [f for f in files if f.location == "file"]
                if form:
                    options.append(("form", "{" + ", ".join(f"{py_string(f.wire)}: {f.ident}" for f in form) + "}"))
                if parts:
                    options.append(("files", "{" + ", ".join(f"{py_string(f.wire)}: {f.ident}" for f in parts) + "}"))
            else:
                content = True
                options.append(("content", "content"))
                options.append(("content_type", py_string(op.body.media_type)))
        if op.public:
            options.append(("security", "[]"))
        elif op.security != self.api.security:
            options.append(("security", py_literal([list(alt) for alt in op.security])))
        if op.idempotent:
            options.append(("idempotent", "True"))
        if op.envelope:
            options.append(("envelope", py_string(".".join(op.envelope))))
        returns, cast_to, call, cast_result = self._result(op)
        returns_async = returns
        paginator = None
        if op.pagination is not None:
            paginator = unique(f"_{name.upper()}_PAGES", constants)
            paginators.append((paginator, self._paginator(op)))
            item = self.annotation(op.pagination.item_type, "models.")
            returns, returns_async, call, cast_to = f"SyncPage[{item}]", f"AsyncPage[{item}]", "request_page", item
            cast_result = not self.is_class(op.pagination.item_type)
        elif op.streaming == "sse" and op.result is not None:
            item = self.annotation(op.result.type, "models.") if op.result.type else "object"
            returns, returns_async, call, cast_to = f"Stream[{item}]", f"AsyncStream[{item}]", "request_stream", item
            cast_result = not self.is_class(op.result.type)
        if op.result is not None and op.result.media_type and op.result.kind in ("binary", "text", "sse"):
            options.append(("accept", py_string(op.result.media_type)))
        doc = docstring_lines("\n\n".join(t for t in (op.summary, op.description) if t))
        arguments = [*positional, *keyword_params, *files]
        returns, returns_async, cast_to = (
            _unshadow_parameters(arguments, t) for t in (returns, returns_async, cast_to)
        )
        return MethodView(name, doc, positional, keyword_params, body_annotation,
                          bool(op.body and op.body.required), files, content, returns, returns_async,
                          call, cast_to, cast_result, options, op.idempotent, paginator)  # fmt: skip

    def _param(self, param: Parameter, taken: set[str]) -> ParamView:
        ident = unique(identifier(param.ident or param.name, PARAM_RESERVED, "param"), taken)
        annotation = self.annotation(param.type, "models.")
        return ParamView(ident, param.name, param.location, annotation, param.required)

    def _multipart(self, op: Operation, taken: set[str]) -> list[ParamView]:
        assert op.body is not None
        model = self.models.get(op.body.type.model or "") if op.body.type.kind == "model" else None
        out: list[ParamView] = []
        for f in model.fields if model else ():
            ident = unique(identifier(f.ident or f.name, PARAM_RESERVED, "part"), taken)
            is_file = f.name in op.body.file_fields
            annotation = "FileTypes" if is_file else self.annotation(f.type, "models.")
            if is_file and f.type.kind == "array":
                annotation = "list[FileTypes]"
            out.append(ParamView(ident, f.name, "file" if is_file else "form", annotation, f.required))
        return out

    def _result(self, op: Operation) -> tuple[str, str, str, bool]:
        """(return annotation, cast_to expression, runtime call, needs typing.cast)."""
        result = op.result
        if result is None or result.kind == "empty":
            return "None", "type(None)", "request", False
        if result.kind == "binary":
            return "BinaryResponse", "BinaryResponse", "request", False
        if result.kind == "text":
            return "str", "str", "request", False
        t = op.result_type
        annotation = self.annotation(t, "models.")
        if annotation == "Any":
            return "Any", "object", "request", True
        return annotation, annotation, "request", not self.is_class(t)

    def _paginator(self, op: Operation) -> str:
        p = op.pagination
        assert p is not None
        args = [f"style={py_string(p.style)}", f"items={py_string('.'.join(p.items)) if p.items else 'None'}"]

        def put(key: str, value: object, default: object = None) -> None:
            if value is not None and value != default:
                args.append(f"{key}={py_string('.'.join(value) if isinstance(value, tuple) else value)}")

        put("cursor_param", p.cursor_param, "cursor")
        put("next_cursor", p.next_cursor)
        put("cursor_item_field", p.cursor_item_field)
        put("has_more", p.has_more)
        put("offset_param", p.offset_param, "offset")
        if p.style == "offset" and p.limit_param != "limit":
            args.append(f"limit_param={py_string(p.limit_param) if p.limit_param else 'None'}")
        put("total", p.total)
        put("page_param", p.page_param, "page")
        put("per_page_param", p.per_page_param)
        put("total_pages", p.total_pages)
        put("has_next", p.has_next)
        return "Paginator(" + ", ".join(args) + ")"

    # ------------------------------------------------------------------ client

    def auth_views(self, taken: set[str]) -> list[AuthView]:
        """The security schemes as credential providers; their arguments are added to `taken`."""
        plan = plan_credentials(self.api, self.config)
        login_scheme = self.api.login.scheme if self.api.login else None
        out: list[AuthView] = []
        for scheme in self.api.security_schemes:
            if scheme.name in plan:
                creds = [CredentialView(unique(identifier(c.name, KEYWORDS), taken), c.env) for c in plan[scheme.name]]
                out.append(AuthView(scheme.name, self._provider(scheme, scheme.name == login_scheme, creds), creds))
        return out

    def _provider(self, scheme: SecurityScheme, login: bool, creds: list[CredentialView]) -> str:
        """The provider expression; each credential is the argument, else its environment variable."""
        values = [f"first_given({c.arg}, {py_string(c.env)})" for c in creds]
        if login:
            token = self.api.login
            assert token is not None
            args = [f"access_token={values[0]}", f"token_field={py_string('.'.join(token.token))}"]
            args.append(
                f"refresh_token_field={py_string('.'.join(token.refresh_token)) if token.refresh_token else 'None'}"
            )
            args.append(f"expires_in_field={py_string('.'.join(token.expires_in)) if token.expires_in else 'None'}")
            refresh = next((o for o in self.api.all_operations() if o.id == token.refresh_operation_id), None)
            if refresh is not None:
                args.append(f"refresh_path={py_string(refresh.path)}")
                args.append(f"refresh_method={py_string(refresh.http_method)}")
            if token.refresh_param:
                args.append(f"refresh_param={py_string(token.refresh_param)}")
            return "LoginTokenAuth(" + ", ".join(args) + ")"
        if scheme.kind == "api_key":
            location = py_string(scheme.location or "header")
            return f"ApiKeyAuth({py_string(scheme.param_name or scheme.name)}, {location}, {values[0]})"
        if scheme.kind == "basic":
            return f"BasicAuth({values[0]}, {values[1]})"
        if scheme.kind == "oauth2" and len(values) == 2:
            flow = next(f for f in scheme.flows if f.kind == "client_credentials")
            return f"OAuth2ClientCredentials({py_string(flow.token_url)}, {values[0]}, {values[1]})"
        return f"BearerAuth({values[0]})"  # a bearer token, or an OAuth2 access token

    def context(self) -> dict[str, Any]:
        classes, aliases = self.model_views()
        resources = self.resource_views()
        server = self.api.servers[0] if self.api.servers else None
        arguments = set(CLIENT_ARGUMENTS)  # the client's arguments: credentials first, then server variables
        auth = self.auth_views(arguments)
        variables = [(unique(identifier(v.name, KEYWORDS), arguments), v) for v in (server.variables if server else ())]
        login = self._login_view()
        client = client_class_name(self.config.client_name, [f"{r.class_name}Resource" for r in resources])
        title = one_line(self.api.title)  # prose: each template context escapes it
        return {
            "api": self.api,
            "config": self.config,
            "package": self.package,
            "distribution": self.distribution,
            "client": client,
            "title": title,
            "api_name": title if title.lower().endswith(" api") else f"{title} API".lstrip(),
            "async_client": "Async" + client,
            "version": self.version,
            "user_agent": self._user_agent(),
            "retries": self.config.retries,
            "server_url": server.url if server else "",
            "variables": variables,
            "auth": auth,
            "credentials": [c for a in auth for c in a.credentials],
            "default_security": py_literal([list(alt) for alt in self.api.security]),
            "login": login,
            "classes": classes,
            "aliases": aliases,
            "resources": resources,
            "imports": model_imports(classes, aliases),
            "auth_imports": sorted({"AuthProvider"} | {a.constructor.split("(")[0] for a in auth}, key=isort_key),
            "client_imports": sorted([client, "Async" + client], key=isort_key),
            "exports": sorted(EXPORTS + [client, "Async" + client], key=isort_key),
            "resource_exports": sorted(
                [f"{p}{r.class_name}Resource" for r in resources for p in ("", "Async")], key=isort_key
            ),
            "resource_modules": [
                (r.attr, sorted([f"{r.class_name}Resource", f"Async{r.class_name}Resource"], key=isort_key))
                for r in sorted(resources, key=lambda r: r.attr)
            ],
            "uses_env": any("first_given(" in a.constructor for a in auth),
            "resource_tree": resource_tree,
            "resource_uses": resource_uses,
            "node_path": node_path,
        }

    def _user_agent(self) -> str:
        """`f"name/1.0.0 python/{platform.python_version()}"`: the f-string the client sends as User-Agent."""
        text = py_fstring_text(f"{self.distribution}/{self.version} python/")
        return f'f"{text}{{platform.python_version()}}"'

    def _login_view(self) -> dict[str, Any] | None:
        flow = self.api.login
        if flow is None:
            return None
        op = next(o for o in self.api.all_operations() if o.id == flow.operation_id)
        taken: set[str] = set()
        args = [(unique(identifier(c, PARAM_RESERVED), taken), c) for c in flow.credentials]
        body = "{" + ", ".join(f"{py_string(wire)}: {ident}" for ident, wire in args) + "}"
        return {"args": args, "method": py_string(op.http_method), "path": py_string(op.path), "body": body,
                "scheme": flow.scheme}  # fmt: skip


def _resource_class_name(path: tuple[str, ...], classes: set[str]) -> str:
    """`ProjectsFiles` for projects → files: unique with its Async twin among all resource classes ("foo" and
    "async foo" would both make AsyncFoo)."""
    base = "".join(pascal(p) for p in path) or "Root"
    if base[0].isdigit():
        base = "Resource" + base
    candidate, n = base, 1
    while {candidate, "Async" + candidate} & classes:
        n += 1
        candidate = f"{base}{n}"
    classes.update((candidate, "Async" + candidate))
    return candidate


def _unshadow_parameters(params: list[ParamView], expression: str) -> str:
    """A result type as the method body spells it: where a parameter is named like a builtin type the result
    names (`type` and `type(None)`, `str` and a text result), the body says `builtins.type(None)`."""
    builtin = {p.ident: f"builtins.{p.ident}" for p in params if p.ident in TYPE_BUILTINS}
    return rename_references(expression, builtin) if builtin else expression


def _unshadow(root: ResourceView) -> None:
    """Inside a class with a method (or sub-resource) named `list`, `list[...]` means the method: spell the
    builtin `builtins.list` in every annotation of the module."""
    nodes = resource_tree(root)
    names = {m.name for node in nodes for m in node.methods} | {c.attr for node in nodes for c in node.children}
    builtin = {name: f"builtins.{name}" for name in sorted(names & TYPE_BUILTINS)}
    if not builtin:
        return
    for node in nodes:
        for m in node.methods:
            for p in m.positional + m.keyword + m.files:
                p.annotation = rename_references(p.annotation, builtin)
            m.body = rename_references(m.body, builtin) if m.body else m.body
            m.returns, m.returns_async = rename_references(m.returns, builtin), rename_references(
                m.returns_async, builtin
            )
            m.cast_to = rename_references(m.cast_to, builtin)


# ---------------------------------------------------------------------------------------------- type expressions
# Type expressions are built here as text; what they refer to is read back with Python's own tokenizer, so the
# text of a string literal inside one (`Literal["list"]`, a discriminator tag) is never taken for a name.


def _tokens(expression: str) -> list[tokenize.TokenInfo]:
    """The tokens of a one-line expression, without the end-of-line and end-of-input ones and comments."""
    skipped = (tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER, tokenize.COMMENT)
    return [t for t in tokenize.generate_tokens(io.StringIO(expression).readline) if t.type not in skipped]


@functools.lru_cache(maxsize=4096)
def _reference_tokens(expression: str) -> tuple[tokenize.TokenInfo, ...]:
    """The NAME tokens that refer to something: not attribute names (`models.Pet` refers to `models`), not
    keyword-argument names (`Tag(x=…)`). Cached: the same annotations recur all over an API."""
    tokens = _tokens(expression)
    return tuple(
        token
        for i, token in enumerate(tokens)
        if token.type == tokenize.NAME
        and not (i and tokens[i - 1].string == ".")
        and not (i + 1 < len(tokens) and tokens[i + 1].string == "=")
    )


def references(expression: str) -> list[str]:
    """The names `expression` refers to, in order: `dict[str, models.Pet]` → [dict, str, models]."""
    return [token.string for token in _reference_tokens(expression)]


def rename_references(expression: str, names: dict[str, str]) -> str:
    """`expression` with every reference to a name in `names` replaced by its value (string literals untouched)."""
    out: list[str] = []
    last = 0
    for token in _reference_tokens(expression):
        if token.string in names:
            out += [expression[last : token.start[1]], names[token.string]]
            last = token.end[1]
    return "".join(out) + expression[last:]


def union_terms(expression: str) -> list[str]:
    """The terms of a union type, cut at each `|` outside brackets: `A | B[C | D]` → [A, B[C | D]]."""
    depth = 0
    cuts = [-1]
    for token in _tokens(expression):
        if token.type != tokenize.OP:
            continue
        if token.string in ("(", "[", "{"):
            depth += 1
        elif token.string in (")", "]", "}"):
            depth -= 1
        elif token.string == "|" and depth == 0:
            cuts.append(token.start[1])
    cuts.append(len(expression))
    return [expression[a + 1 : b].strip() for a, b in zip(cuts, cuts[1:], strict=False)]


# Names `_client.py` and `__init__.py` import besides the clients: a client class (or its Async twin) named like
# one gets `Client` added ("Stream API" → StreamClient, AsyncStreamClient).
CLIENT_MODULE_NAMES = frozenset(
    {*EXPORTS, "AuthProvider", "ApiKeyAuth", "BearerAuth", "BasicAuth", "OAuth2ClientCredentials", "LoginTokenAuth",
     "AsyncAPIClient", "SyncAPIClient", "RequestHook", "ResponseHook", "RequestOptions", "RetryPolicy", "Timeout"}
)  # fmt: skip


def client_class_name(name: str, resource_classes: list[str]) -> str:
    """The client class: `name`, with `Client` added when it or its Async twin would take a name the client
    module or the package's `__init__` already uses."""
    taken = CLIENT_MODULE_NAMES | {p + c for c in resource_classes for p in ("", "Async")}
    return name + "Client" if {name, "Async" + name} & taken else name


def isort_key(name: str) -> tuple[int, str]:
    """isort's (and ruff's) order: CONSTANTS, then Classes, then everything else."""
    return (0 if name.isupper() else 1 if name[:1].isupper() else 2, name)


def resource_tree(resource: ResourceView) -> list[ResourceView]:
    """The resource and its sub-resources, children first (so classes are defined before use)."""
    out: list[ResourceView] = []
    for child in resource.children:
        out.extend(resource_tree(child))
    out.append(resource)
    return out


def node_path(root: ResourceView, node: ResourceView) -> str:
    """`projects.files` for a sub-resource, as reached from the client."""

    def find(current: ResourceView, trail: list[str]) -> list[str] | None:
        trail = trail + [current.attr]
        if current is node:
            return trail
        for child in current.children:
            found = find(child, trail)
            if found:
                return found
        return None

    return ".".join(find(root, []) or [node.attr])


def resource_uses(resource: ResourceView) -> dict[str, Any]:
    """What a resource module imports: only what its code uses."""
    methods = [m for node in resource_tree(resource) for m in node.methods]
    expressions = [e for m in methods for e in (m.returns, m.cast_to, m.body or "")]
    expressions += [p.annotation for m in methods for p in m.positional + m.keyword + m.files]
    used = {name for expression in expressions for name in references(expression)}
    types = ["Headers", "NOT_GIVEN", "NotGiven", "Query", "Timeout"]  # the per-call options use these
    if any(m.body for m in methods):
        types.append("Body")
    if "FileTypes" in used:
        types.append("FileTypes")
    if any(m.content for m in methods):
        types.append("FileContent")
    casts = any(m.cast_result for m in methods)
    return {
        "models": "models" in used,
        "datetime": "datetime" in used,
        "typing": [
            name for name, needed in (("Any", "Any" in used or casts), ("Literal", "Literal" in used), ("cast", casts))
            if needed
        ],  # fmt: skip
        "builtins": "builtins" in used,
        "binary": "BinaryResponse" in used,
        "pages": any(m.paginator for m in methods),
        "stream": any(m.call == "request_stream" for m in methods),
        "types": sorted(types, key=isort_key),
    }


def _order_aliases(aliases: list[ModelView]) -> list[ModelView]:
    """Each alias after the aliases it names; a cycle keeps document order (names are quoted later)."""
    by_name = {a.name: a for a in aliases}
    done: list[ModelView] = []
    seen: set[str] = set()
    visiting: set[str] = set()

    def visit(alias: ModelView) -> None:
        if alias.name in seen or alias.name in visiting:
            return
        visiting.add(alias.name)
        for name in references(alias.annotation):
            if name in by_name and name != alias.name:
                visit(by_name[name])
        visiting.discard(alias.name)
        seen.add(alias.name)
        done.append(alias)

    for alias in aliases:
        visit(alias)
    defined: set[str] = set()
    for alias in done:  # quote forward (cyclic) references
        forward = {name: f'"{name}"' for name in references(alias.annotation) if name in by_name}
        quoted = rename_references(alias.annotation, {k: v for k, v in forward.items() if k not in defined})
        parts = union_terms(quoted)
        if len(parts) > 1 and any(p.startswith('"') for p in parts):
            # `"A" | B` fails at run time; Union takes a bare forward reference.
            quoted = "Union[" + ", ".join(parts) + "]  # noqa: UP007"
        alias.annotation = quoted
        defined.add(alias.name)
    return done


def model_imports(classes: list[ModelView], aliases: list[ModelView]) -> dict[str, Any]:
    """What models.py imports: only what its code uses, so no file has a dead import."""
    expressions = [f.annotation for c in classes for f in c.fields] + [a.annotation for a in aliases]
    used = {name for expression in expressions for name in references(expression)}
    typing = [name for name in ("Annotated", "Any", "Literal", "Union") if name in used]
    runtime = [
        name
        for name, needed in (
            ("BaseModel", any(c.kind == "object" for c in classes)),
            ("OpenEnum", any(c.kind == "enum" and c.enum_base == "OpenEnum" for c in classes)),
            ("OpenIntEnum", any(c.kind == "enum" and c.enum_base == "OpenIntEnum" for c in classes)),
            ("discriminator", "discriminator" in used),
        )
        if needed
    ]
    pydantic = any(f.alias for c in classes for f in c.fields) or "pydantic" in used
    return {"datetime": "datetime" in used, "typing": typing, "pydantic": pydantic, "runtime": runtime}
