"""The Python target: httpx + pydantic v2, an openai-python-style surface.

It spells the SdkPlan in Python: identifiers (the plan's names in snake_case or PascalCase, a reserved one with
`_` added), type expressions with their imports (python_types), and escaped literals. The templates own the
syntax; python_layout makes their output black's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from ..config import LanguageConfig
from ..diagnostics import error
from ..ir.encoding import default
from ..ir.model import Encoding, Field, Model, Pagination
from ..ir.naming import words
from ..plan.model import AuthPlan, CallPlan, Name, ParamPlan, ResourcePlan, SdkPlan, ServerVariablePlan
from .base import RenderJob, Target, templates_root
from .clashes import numbered
from .markdown import markdown_cell_code, markdown_code, markdown_lines, markdown_text
from .python_data import (
    CLIENT_ARGUMENTS,
    CLIENT_ATTRIBUTES,
    CLIENT_MODULE_NAMES,
    ERRORS,
    EXPORTS,
    FIELD_RESERVED,
    KEYWORDS,
    MODULE_NAMES,
    OAUTH_EXPORTS,
    OAUTH_IMPORTS,
    PARAM_RESERVED,
    PROVIDERS,
    RESERVED_PACKAGE_NAMES,
    RESOURCE_ATTRIBUTES,
    RESOURCE_IMPORTS,
    THIRD_PARTY,
)
from .python_names import identifier
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
from .python_types import ANY, NONE, PyTypes, enum_base, model_refs, subscript
from .text import one_line
from .types import Import, TypeExpr, combine, imports_of

TEMPLATES = templates_root() / "python"

# ---------------------------------------------------------------------------------------------- names


def resource_class_name(path: tuple[Name, ...]) -> str:
    """PascalCase from the plan's words: `ProjectsFiles` for the resource projects → files. A name starting with a
    digit, or with `Async` (the async twin of `files` is `AsyncFiles`), gets `Resource` in front."""
    found = "".join(w[:1].upper() + w[1:] for n in path for w in n.words)
    return "Resource" + found if found[:1].isdigit() or path[0].words[0] == "async" else found


def model_class_names(models: Iterable[Model]) -> dict[str, str]:
    """Each model's class: its IR name (unique already), a name the models module uses itself or a keyword with
    `Model` added until no model has it — a rule on the names alone, so no order of models changes it."""
    names = {m.name for m in models}
    out: dict[str, str] = {}
    for name in names:
        found = name
        while found in MODULE_NAMES or found in KEYWORDS or (found != name and found in names):
            found += "Model"
        out[name] = found
    return out


def client_class_name(found: str) -> str:
    """The client class (zsdk.yaml's name, as spelled there); `Client` is added when it or its Async twin would take
    a name its modules use, or end like a resource class."""
    twins = {found, "Async" + found, "Sync" + found}
    clash = twins & CLIENT_MODULE_NAMES or found.endswith(("Resource", "WithRawResponse"))
    return found + "Client" if clash else found


def root_error(client: str) -> str:
    """The name `exceptions` gives the root of the errors besides `APIError`: the client's name without `Client`,
    then `Error` (`ZatabaseClient` → `ZatabaseError`); `SDKError` when that is an error's name already."""
    name = (client.removesuffix("Client") or client) + "Error"
    return "SDKError" if name in ERRORS | {"PermissionError"} else name


def client_names(found: str, primary_async: bool) -> tuple[str, str]:
    """(sync class, async class): the configured name is the sync client's, its twin `Async<name>`; with
    `primary_client: async` the configured name is the async client's and its twin `Sync<name>`."""
    name = client_class_name(found)
    return ("Sync" + name, name) if primary_async else (name, "Async" + name)


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


def isort_key(name: str) -> tuple[int, str]:
    """isort's (and ruff's) order: CONSTANTS, then Classes, then everything else."""
    return (0 if name.isupper() else 1 if name[:1].isupper() else 2, name)


def import_block(imports: Iterable[Import], depth: int = 0) -> list[list[tuple[str, list[str]]]]:
    """Imports as isort writes them: standard library, third party, the SDK's own (a `.` module, spelled for a
    module `depth` folders down); `import x` before `from x import`; names in isort order."""
    modules: dict[str, set[str]] = {}
    for module, name in imports:
        modules.setdefault("." * depth + module if module.startswith(".") else module, set()).add(name)
    sections: list[list[tuple[str, list[str]]]] = [[], [], []]
    for module, names in modules.items():
        section = sections[2 if module.startswith(".") else 1 if module in THIRD_PARTY else 0]
        if "" in names:
            section.append((module, []))
        if names - {""}:
            section.append((module, sorted(names - {""}, key=isort_key)))
    for section in sections:
        section.sort(key=lambda entry: (bool(entry[1]), entry[0]))
    return [s for s in sections if s]


# ---------------------------------------------------------------------------------------------- views


@dataclass
class FieldView:
    attr: str
    annotation: TypeExpr
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
    enum_base: str = ""
    terms: list[TypeExpr] = field(default_factory=list)  # alias: the right-hand side's union terms
    forward: bool = False  # alias: a term is a quoted forward reference, so the union is spelled `Union[...]`
    description: str = ""  # the spec's text (an alias is documented in a comment)


@dataclass
class ParamView:
    ident: str
    wire: str
    annotation: TypeExpr
    required: bool
    is_file: bool = False  # a multipart part that carries a file


@dataclass
class MethodView:
    name: str
    doc: list[str]
    call: CallPlan
    path_params: list[ParamView]
    query: list[ParamView]
    headers: list[ParamView]
    cookies: list[ParamView]
    body: TypeExpr | None  # `body`'s annotation, when the body is JSON, form or text
    parts: list[ParamView]  # multipart
    returns: TypeExpr
    returns_async: TypeExpr
    runtime_call: str  # request | request_page | request_stream
    cast_to: TypeExpr
    cast_result: bool  # wrap in typing.cast (unions and aliases are not `type[T]`)
    security: list[list[str]] | None  # None: the client's default
    accept: str | None
    paginator: str | None
    encodings: list[tuple[str, list[tuple[str, Encoding]]]]  # by location, each value's non-default encoding
    json_object: bool  # the JSON body is an object: the runtime refuses anything but a mapping or a model
    body_positional: bool  # `body` comes after the path parameters, not as a keyword (python.body: positional)

    keyword: list[ParamView] = field(init=False)  # query, header and cookie parameters
    groups: list[tuple[str, list[ParamView]]] = field(init=False)  # each parameter's place, as RequestOptions says
    file_parts: list[str] = field(init=False)  # the multipart parts that carry files, by wire name
    idempotent: bool = field(init=False)

    def __post_init__(self) -> None:
        self.keyword = [*self.query, *self.headers, *self.cookies]
        self.groups = [("path_params", self.path_params), ("query", self.query), ("headers", self.headers),
                       ("cookies", self.cookies), ("multipart", self.parts)]  # fmt: skip
        self.file_parts = [p.wire for p in self.parts if p.is_file]
        self.idempotent = self.call.idempotency_header is not None

    def types(self) -> list[TypeExpr | None]:
        params = [*self.path_params, *self.keyword, *self.parts]
        return [self.body, self.returns, self.returns_async, self.cast_to, *(p.annotation for p in params)]


@dataclass
class ResourceView:
    attr: str  # attribute on the parent
    class_name: str
    path: str  # `projects.files`, as reached from the client
    doc: list[str]
    description: str  # the spec's text (the README's section)
    methods: list[MethodView] = field(default_factory=list)
    children: list[ResourceView] = field(default_factory=list)
    # (constant, paging, the list body's model when a page reads as it: no envelope, an object body)
    paginators: list[tuple[str, Pagination, TypeExpr | None]] = field(default_factory=list)
    imports: list[list[tuple[str, list[str]]]] = field(default_factory=list)  # a module's (top-level resources)

    @property
    def tree(self) -> list[ResourceView]:
        """The resource and its sub-resources, children first (so classes are defined before use)."""
        return [node for child in self.children for node in child.tree] + [self]


@dataclass
class CredentialView:
    arg: str
    env: str


@dataclass
class AuthView:
    plan: AuthPlan
    provider: str  # the runtime class
    credentials: list[CredentialView]


# ---------------------------------------------------------------------------------------------- the target


class PythonTarget(Target):
    name = "python"
    description = "Python 3.11+: httpx and pydantic v2, sync and async clients"
    template_dir = TEMPLATES
    reserved_package_names = RESERVED_PACKAGE_NAMES
    # zsdk.yaml's python block: which client class takes the configured name, and how a request body is passed.
    settings = {
        "primary_client": ("sync", "async"),
        "body": ("keyword", "positional"),
        "operation_modules": ("none", "all"),  # api/<resource>/<operation>.py with sync/asyncio functions
    }
    setting_help = {
        "primary_client": "sync | async: which client class is client_name",
        "body": "keyword (its fields) | positional (one argument)",
        "operation_modules": "none | all: api/<resource>/<operation>.py functions",
    }

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
        import warnings

        from .python_layout import format_module

        # black's output, byte for byte: python_layout lays out the chunks it knows and hands the rest to black
        # (imported only then: most SDKs need none of it). It does not parse, so validity is checked here (black
        # used to find a generator bug as a side effect): compiled, not parsed to an AST (the same syntax errors,
        # and more, in about half the time).
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                compile(text, path, "exec", dont_inherit=True)
            return format_module(text, _black)
        except SyntaxError as exc:  # a generator bug: say where, never a traceback
            raise error(f"generated {path} is not valid Python ({exc}); please report this", None) from None

    def lower(self, sdk: SdkPlan, config: LanguageConfig) -> Iterable[RenderJob]:
        package_words = self.package_words(config)
        package = identifier("_".join(package_words), KEYWORDS, "sdk")
        # the settings' values were checked by zsdk.yaml's loader (`settings`)
        lowering = _Lowering(sdk, config.option("primary_client") == "async", config.option("body") == "positional")
        operations = config.option("operation_modules") == "all"
        context = lowering.context(package, "-".join(package_words), pep440_version(config.version), operations)
        yield RenderJob("pyproject.toml", "pyproject.toml.jinja", context)
        yield RenderJob("README.md", "README.md.jinja", context)
        yield RenderJob(f"{package}/__init__.py", "__init__.py.jinja", context)
        yield RenderJob(f"{package}/_client.py", "_client.py.jinja", context)
        yield RenderJob(f"{package}/models.py", "models.py.jinja", context)
        yield RenderJob(f"{package}/exceptions.py", "exceptions.py.jinja", context)
        yield RenderJob(f"{package}/resources/__init__.py", "resources_init.py.jinja", context)
        for resource in context["resources"]:
            yield RenderJob(
                f"{package}/resources/{resource.attr}.py", "resource.py.jinja", {**context, "resource": resource}
            )
        if operations:
            yield RenderJob(f"{package}/api/__init__.py", "api_init.py.jinja", context)
            for resource in context["resources"]:
                for node in resource.tree:
                    folder = f"{package}/api/{node.path.replace('.', '/')}"
                    yield RenderJob(f"{folder}/__init__.py", "api_folder_init.py.jinja", {**context, "node": node})
                    for op in operation_modules(node, (context["client"], context["async_client"])):
                        yield RenderJob(f"{folder}/{op.module}.py", "operation.py.jinja", {**context, "op": op})
        yield from self.runtime_jobs(package)


def _black(chunk: str) -> str:
    """black's layout of a chunk python_layout does not know; black's refusal is a SyntaxError like compile's."""
    import black

    try:
        return black.format_str(chunk, mode=black.Mode())
    except black.parsing.InvalidInput as exc:
        raise SyntaxError(str(exc)) from None


TARGET = PythonTarget()


class _Lowering:
    """SdkPlan → Python views. One instance per generation."""

    def __init__(self, sdk: SdkPlan, primary_async: bool, body_positional: bool):
        self.sdk = sdk
        self.primary_async = primary_async
        self.body_positional = body_positional
        self.client, self.async_client = client_names(sdk.client.class_name, primary_async)
        self.models = {m.name: m for m in sdk.models}
        self.class_names = model_class_names(sdk.models)

    # ------------------------------------------------------------------ models

    def model_views(self) -> tuple[list[ModelView], list[ModelView]]:
        """(classes, aliases): classes first; aliases after, ordered so each follows what it names."""
        types = PyTypes(self.models, self.class_names)
        classes: list[ModelView] = []
        aliases: list[Model] = []
        for model in self.sdk.models:
            name, doc = self.class_names[model.name], docstring_lines(model.description)
            if model.kind == "object":
                classes.append(ModelView(name, "object", doc, fields=self._fields(model, types)))
            elif enum_base(model):
                classes.append(ModelView(name, "enum", doc, members=_members(model), enum_base=enum_base(model)))
            else:
                aliases.append(model)
        return classes, self._aliases(aliases)

    def _aliases(self, aliases: list[Model]) -> list[ModelView]:
        """Each alias after the aliases it names; in a cycle, a name not defined yet is quoted."""
        by_name = {a.name: a for a in aliases}
        done: list[Model] = []
        state: dict[str, bool] = {}  # False: being visited, True: placed

        def visit(alias: Model) -> None:
            if alias.name in state:
                return
            state[alias.name] = False
            for name in _alias_refs(alias):
                if name in by_name and name != alias.name:
                    visit(by_name[name])
            state[alias.name] = True
            done.append(alias)

        for alias in aliases:
            visit(alias)
        out: list[ModelView] = []
        defined: set[str] = set()
        for alias in done:
            forward = frozenset(n for n in _alias_refs(alias) if n in by_name and n not in defined)
            types = PyTypes(self.models, self.class_names, quoted=forward)
            terms = types.alias_terms(alias)
            # `"A" | B` fails at run time: a quoted name in a union makes it `Union["A", B]`
            quoted = len(terms) > 1 and any(types.model(name) in terms for name in forward)
            doc = docstring_lines(alias.description)
            out.append(ModelView(self.class_names[alias.name], "alias", doc, terms=terms, forward=quoted,
                                 description=alias.description))  # fmt: skip
            defined.add(alias.name)
        return out

    def _fields(self, model: Model, types: PyTypes) -> list[FieldView]:
        taken: set[str] = set()
        out = []
        for f in model.fields:
            attr = identifier(f.ident or f.name, FIELD_RESERVED, "field")
            attr = numbered(attr, taken, "" if attr.endswith("_") else "_")  # `type_`, then `type_2`
            if attr.startswith("_"):
                attr = "field" + attr
            annotation = types.annotation(f.type if f.required else f.type.with_nullable())
            default = None if f.required else _default(f)
            alias = f.name if attr != f.name else None
            out.append(FieldView(attr, annotation, default, alias, docstring_lines(f.description)))
        return out

    # ------------------------------------------------------------------ resources

    def resource_view(self, plan: ResourcePlan, reserved: frozenset[str], parent: str = "") -> ResourceView:
        """The names of a resource tree (its methods are filled in by `resource_module`)."""
        attr = identifier(plan.name, reserved, "resource")
        path = f"{parent}.{attr}" if parent else attr
        view = ResourceView(
            attr, resource_class_name(plan.path), path, docstring_lines(plan.description), plan.description
        )
        view.children = [self.resource_view(child, RESOURCE_ATTRIBUTES, path) for child in plan.resources]
        return view

    def resource_module(self, plan: ResourcePlan) -> ResourceView:
        """A top-level resource with its sub-resources: one module. Inside a class with a method or sub-resource
        named `list`, `list[...]` means that: such builtins are spelled `builtins.list` in the whole module."""
        root = self.resource_view(plan, CLIENT_ATTRIBUTES)
        pairs = _pairs(root, plan)
        members = {identifier(c.name, RESOURCE_ATTRIBUTES, "call") for _, p in pairs for c in p.calls}
        members |= {child.attr for node, _ in pairs for child in node.children}
        types = PyTypes(self.models, self.class_names, in_package=True).hiding(frozenset(members))
        classes: set[str] = set()
        constants: set[str] = set()
        for node, node_plan in pairs:
            node.class_name = numbered(node.class_name, classes, "_")  # a resource tree with two same-named paths
            for call in node_plan.calls:
                node.methods.append(self._method(call, types, node, constants))
        imports = set(RESOURCE_IMPORTS) | imports_of(t for n in root.tree for m in n.methods for t in m.types())
        for m in (m for n in root.tree for m in n.methods):
            imports |= {("._types", "Body")} if m.body else set()
            imports |= {("._types", "FileContent")} if m.call.body and m.call.body.kind == "binary" else set()
            imports |= {("typing", "Any"), ("typing", "cast")} if m.cast_result else set()
            imports |= {("._pagination", "Paginator")} if m.paginator else set()
            imports |= {("._serialize", "Encoding")} if m.encodings else set()
        imports |= imports_of(body for n in root.tree for _, _, body in n.paginators if body)
        root.imports = import_block(imports, 1)
        return root

    def _method(self, call: CallPlan, module: PyTypes, node: ResourceView, constants: set[str]) -> MethodView:
        name = identifier(call.name, RESOURCE_ATTRIBUTES, "call")
        taken: set[str] = set()
        groups = [[self._param(p, module, taken) for p in ps] for ps in (call.path_params, call.query, call.headers,
                                                                          call.cookies)]  # fmt: skip
        body: TypeExpr | None = None
        parts: list[ParamView] = []
        if call.body is not None and call.body.kind in ("json", "form", "text"):
            body = module.annotation(call.body.type)
            if call.body.type.kind == "model" and body != ANY:  # a model, or the same as a plain dict
                body = combine("{}", [body, subscript(module.builtin("dict"), module.builtin("str"), ANY)], " | ")
        elif call.body is not None and call.body.kind == "multipart":
            model = self.models.get(call.body.type.model or "")
            for f in model.fields if model else ():
                is_file = f.name in call.body.file_fields
                annotation = module.annotation(f.type)
                if is_file:
                    files = TypeExpr.of("FileTypes", ("._types", "FileTypes"))
                    annotation = subscript(module.builtin("list"), files) if f.type.kind == "array" else files
                ident = numbered(identifier(f.ident or f.name, PARAM_RESERVED, "part"), taken, "_")
                parts.append(ParamView(ident, f.name, annotation, f.required, is_file))
        # A parameter named like a builtin type hides it from the method body.
        types = module.hiding(frozenset(p.ident for g in groups for p in g) | {p.ident for p in parts})
        returns, cast_to, runtime_call, cast_result = self._result(call, types)
        returns_async = returns
        paginator = None
        if call.paging is not None:
            paginator = numbered(f"_{name.upper()}_PAGES", constants, "_")
            body_model = call.result.model if call.result and not call.envelope else None
            page_body = types.annotation(call.result) if self._is_object(body_model) else None
            node.paginators.append((paginator, call.paging, page_body))
            cast_to = types.annotation(call.paging.item_type)
            returns = cast_to.wrap("SyncPage[{}]", ("._pagination", "SyncPage"))
            returns_async = cast_to.wrap("AsyncPage[{}]", ("._pagination", "AsyncPage"))
            runtime_call, cast_result = "request_page", not types.is_class(call.paging.item_type)
        elif call.result_kind == "sse":
            cast_to = types.annotation(call.result) if call.result else types.builtin("object")
            returns = cast_to.wrap("Stream[{}]", ("._streaming", "Stream"))
            returns_async = cast_to.wrap("AsyncStream[{}]", ("._streaming", "AsyncStream"))
            runtime_call, cast_result = "request_stream", not types.is_class(call.result)
        security = None if call.security == self.sdk.client.default_security and not call.public else [
            list(alternative) for alternative in call.security]  # fmt: skip
        accept = call.result_media_type if call.result_kind in ("binary", "text", "sse") else ""
        doc = docstring_lines("\n\n".join(t for t in (call.summary, call.description) if t))
        path_params, query, headers, cookies = groups
        json_object = (
            body is not None
            and call.body is not None
            and call.body.kind == "json"
            and not call.body.type.nullable
            and (call.body.type.kind == "map" or self._is_object(call.body.type.model))
        )
        return MethodView(name, doc, call, path_params, query, headers, cookies, body, parts, returns, returns_async,
                          runtime_call, cast_to, cast_result, security, accept or None, paginator,
                          _encodings(call), json_object, self.body_positional and body is not None)  # fmt: skip

    def _is_object(self, name: str | None) -> bool:
        model = self.models.get(name or "")
        return model is not None and model.kind == "object"

    @staticmethod
    def _param(p: ParamPlan, types: PyTypes, taken: set[str]) -> ParamView:
        ident = numbered(identifier(p.name, PARAM_RESERVED, "param"), taken, "_")
        return ParamView(ident, p.wire, types.annotation(p.type), p.required)

    @staticmethod
    def _result(call: CallPlan, types: PyTypes) -> tuple[TypeExpr, TypeExpr, str, bool]:
        """(return annotation, cast_to expression, runtime call, needs typing.cast)."""
        if call.result_kind == "empty":
            return NONE, types.builtin("type").wrap("{}(None)"), "request", False
        if call.result_kind == "ok":
            return types.builtin("bool"), types.builtin("bool"), "request_ok", False
        if call.result_kind == "binary":
            binary = TypeExpr.of("BinaryResponse", ("._files", "BinaryResponse"))
            return binary, binary, "request", False
        if call.result_kind == "text":
            return types.builtin("str"), types.builtin("str"), "request", False
        annotation = types.annotation(call.result)
        if annotation == ANY:
            return annotation, types.builtin("object"), "request", True
        return annotation, annotation, "request", not types.is_class(call.result)

    # ------------------------------------------------------------------ client

    def client_calls(self, resources: list[ResourceView]) -> list[tuple[str, MethodView]]:
        """The calls lifted onto the client (`client_methods`), each with the resource path it delegates to. A
        name the client class has already (`close`, `request`, …) is refused at zsdk.yaml's /client_methods."""
        tops = zip(resources, self.sdk.resources, strict=True)
        paths = {plan.path: view.path for top in tops for view, plan in _pairs(*top)}
        lifted = frozenset(identifier(c.call.name, RESOURCE_ATTRIBUTES, "call") for c in self.sdk.client_calls)
        types = PyTypes(self.models, self.class_names, in_package=True).hiding(lifted)
        out = []
        for lift in self.sdk.client_calls:
            scratch = ResourceView("", "", "", [], "")  # the resource module keeps the paginator constants
            method = self._method(lift.call, types, scratch, set())
            if method.name in CLIENT_ATTRIBUTES:
                message = (f"{lift.call.key} would take the name of the Python client's own {method.name!r}; "
                           "leave it out of client_methods")  # fmt: skip
                raise error(message, "/client_methods")
            out.append((paths[lift.resource], method))
        return out

    def auth_views(self) -> list[AuthView]:
        """The security schemes as credential providers, each credential a client argument."""
        out = []
        for auth in self.sdk.client.auth:
            provider = "BearerAuth" if auth.kind == "login" and self.sdk.client.login is None else PROVIDERS[auth.kind]
            creds = [CredentialView(identifier(c.name, CLIENT_ARGUMENTS), c.env) for c in auth.credentials]
            out.append(AuthView(auth, provider, creds))
        return out

    def _client_imports(
        self,
        auth: list[AuthView],
        resources: list[ResourceView],
        client_calls: list[tuple[str, MethodView]],
        operations: bool,
    ) -> set[Import]:
        """What `_client.py` imports: the runtime's client pieces, the providers, each resource's classes and what
        the lifted calls' signatures name."""
        found: set[Import] = {("platform", ""), ("httpx", ""), ("._types", "Timeout")}
        found |= {("._retry", "RetryConfig"), ("._retry", "RetryPolicy")}
        found |= {("._base_client", n) for n in ("AsyncAPIClient", "RequestHook", "ResponseHook", "SyncAPIClient",
                                                  "resolve_server_url")}  # fmt: skip
        found |= {("._auth", n) for n in ("AuthConfig", "AuthProvider", *(a.provider for a in auth))}
        found -= {("._auth", "OAuth2AuthorizationCode")}
        found |= set(OAUTH_IMPORTS) if any(a.plan.authorization_code for a in auth) else set()
        found |= {("._env", "first_given")} if any(a.credentials for a in auth) else set()
        found |= {("._request", "RequestOptions")} if self.sdk.client.login else set()
        found |= {(f".resources.{r.attr}", f"{p}{r.class_name}Resource") for r in resources for p in ("", "Async")}
        found |= {(".api", "OperationsClient")} if operations else set()
        for _, method in client_calls:
            found |= imports_of(method.types()) | {("._types", n) for n in ("Headers", "NOT_GIVEN", "NotGiven",
                                                                               "Query")}  # fmt: skip
            found |= {("._types", "Body")} if method.body else set()
            found |= {("._types", "FileContent")} if method.call.body and method.call.body.kind == "binary" else set()
        return found

    def context(self, package: str, distribution: str, version: str, operations: bool = False) -> dict[str, Any]:
        classes, aliases = self.model_views()
        resources = [self.resource_module(r) for r in self.sdk.resources]
        auth = self.auth_views()
        client_plan = self.sdk.client
        variables: list[tuple[str, ServerVariablePlan]] = [
            (identifier(v.name, CLIENT_ARGUMENTS), v) for v in client_plan.server_variables
        ]
        login = client_plan.login
        oauth = next((a for a in auth if a.plan.authorization_code), None)
        client, async_client = self.client, self.async_client
        client_calls = self.client_calls(resources)
        title = one_line(self.sdk.title)  # prose: each template context escapes it
        model_imports = imports_of(f.annotation for c in classes for f in c.fields) | imports_of(
            t for a in aliases for t in a.terms
        )
        model_imports |= {("typing", "Union")} if any(a.forward for a in aliases) else set()
        model_imports |= {("pydantic", "")} if any(f.alias for c in classes for f in c.fields) else set()
        model_imports |= {("._models", "BaseModel")} if any(c.kind == "object" for c in classes) else set()
        model_imports |= {("._models", c.enum_base) for c in classes if c.kind == "enum"}
        return {
            "sdk": self.sdk,
            "package": package,
            "distribution": distribution,
            "client": client,
            "title": title,
            "api_name": title if title.lower().endswith(" api") else f"{title} API".lstrip(),
            "async_client": async_client,
            "flavours": [("", client), ("Async", async_client)],
            "primary": async_client if self.primary_async else client,
            "twin": "sync" if self.primary_async else "async",
            "client_calls": client_calls,
            "operations": operations,
            "version": version,
            "user_agent": py_fstring_text(f"{distribution}/{version} python/"),
            "retries": client_plan.retries,
            "server_url": client_plan.base_url,
            "variables": variables,
            "auth": auth,
            "credentials": [c for a in auth for c in a.credentials],
            "default_security": [list(alt) for alt in client_plan.default_security],
            "login": login,
            "oauth": oauth,
            "login_args": (
                [(identifier(c, PARAM_RESERVED), w) for c, w in zip(login.credentials, login.wire, strict=True)]
                if login
                else []
            ),
            "classes": classes,
            "aliases": aliases,
            "resources": resources,
            "model_imports": import_block(model_imports),
            "client_imports": sorted([client, async_client] + (["create_client"] if operations else []), key=isort_key),
            "root_error": root_error(self.sdk.client.class_name),
            "error_exports": sorted(
                ERRORS | {"PermissionError", root_error(self.sdk.client.class_name)}, key=isort_key
            ),
            "client_module_imports": import_block(self._client_imports(auth, resources, client_calls, operations)),
            "exports": sorted(
                EXPORTS
                + [client, async_client]
                + (["create_client"] if operations else [])
                + (OAUTH_EXPORTS if oauth else []),
                key=isort_key,
            ),
            "resource_exports": sorted(
                [f"{p}{r.class_name}Resource" for r in resources for p in ("", "Async")], key=isort_key
            ),
            "resource_modules": [
                (r.attr, sorted([f"{r.class_name}Resource", f"Async{r.class_name}Resource"], key=isort_key))
                for r in sorted(resources, key=lambda r: r.attr)
            ],
        }


@dataclass
class OperationView:
    module: str  # the module's name: the operationId in snake_case
    path: str  # the resource, as reached from the client
    method: MethodView
    imports: list[list[tuple[str, list[str]]]]


def operation_modules(node: ResourceView, clients: tuple[str, str]) -> list[OperationView]:
    """One module per method of a resource (`api/datasets/read_datasets.py`), named after its operationId; a name
    a sub-resource's folder has gets a number."""
    depth = node.path.count(".") + 2
    taken = {child.attr for child in node.children} | {"__init__"}
    out = []
    for method in node.methods:
        module = numbered(identifier(method.call.key, KEYWORDS, "operation"), taken, "_")
        imports = imports_of(method.types()) | {(".api", n) for n in ("OperationsClient", "Response", "detailed",
                                                                        "detailed_async")}  # fmt: skip
        imports |= {("._types", n) for n in ("Headers", "NOT_GIVEN", "NotGiven", "Query", "Timeout")}
        imports |= {("._types", "Body")} if method.body else set()
        imports |= {("._types", "FileContent")} if method.call.body and method.call.body.kind == "binary" else set()
        imports |= {("._client", client) for client in clients}
        out.append(OperationView(module, node.path, method, import_block(imports, depth)))
    return out


def _encodings(call: CallPlan) -> list[tuple[str, list[tuple[str, Encoding]]]]:
    """The call's encodings the runtime cannot infer, by location and wire name (deepObject's array convention
    left out of the other styles, and a file part's entry, where they mean nothing)."""
    params = [("path", call.path_params), ("query", call.query), ("header", call.headers), ("cookie", call.cookies)]
    found = [(where, [(p.wire, _spelled(p.encoding)) for p in ps if p.encoding]) for where, ps in params]
    found = [(where, [(w, e) for w, e in entries if e != default(where)]) for where, entries in found]
    files = call.body.file_fields if call.body else ()
    body = [(wire, _spelled(e)) for wire, e in call.body.encoding if wire not in files] if call.body else []
    return [(where, entries) for where, entries in [*found, ("body", body)] if entries]


def _spelled(encoding: Encoding) -> Encoding:
    return encoding if encoding.style == "deepObject" else replace(encoding, nesting="indexed")


def _pairs(view: ResourceView, plan: ResourcePlan) -> list[tuple[ResourceView, ResourcePlan]]:
    """Each resource view of a tree with its plan: parents before children."""
    out = [(view, plan)]
    for child_view, child_plan in zip(view.children, plan.resources, strict=True):
        out.extend(_pairs(child_view, child_plan))
    return out


def _alias_refs(model: Model) -> list[str]:
    """The models an alias's right-hand side names."""
    return [n for t in (*model.variants, model.target) for n in model_refs(t)]


def _members(model: Model) -> list[tuple[str, str]]:
    taken: set[str] = set()
    members = []
    for value in model.values:
        if isinstance(value, str):
            base = "_".join(w.upper() for w in words(value)) or "EMPTY"
        else:  # an integer (Python's have no range: an enum beyond 64 bits is written as it is)
            base = ("MINUS_" if value < 0 else "") + py_number(abs(value)).upper()
        if base[0].isdigit():
            base = "VALUE_" + base
        members.append((numbered(base, taken, "_"), py_literal(value)))
    return members


def _default(f: Field) -> str:
    """The spec's default for a primitive field when its type fits, else None."""
    fits = {"string": (str,), "integer": (int,), "number": (int, float), "boolean": (bool,)}.get(f.type.kind, ())
    value = f.default
    if f.has_default and isinstance(value, fits) and (isinstance(value, bool) == (f.type.kind == "boolean")):
        return py_literal(value)
    return "None"
