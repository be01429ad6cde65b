"""The PHP target: PHP 8.1+, ext-curl and ext-json only; `$client->resource->method(…)`, readonly models with
`#[Field]` attributes, open backed enums, union interfaces, a WithRawResponse twin per service.

It spells the SdkPlan in PHP: names (php_names), types (php_types, php_models) and the lines its templates print —
signatures, calls and doc blocks already laid out as PSR-12 wants them (php_layout), so the output is phpcs-clean
without running PHP. The hand-written runtime (templates/php/runtime/{src,tests}) is copied with its namespace
rewritten to `<namespace>\\Core`; docs/php-runtime.md is what the generated code may assume of it.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..config import LanguageConfig
from ..diagnostics import error
from ..ir.model import Model
from ..ir.naming import words
from ..plan.model import AuthPlan, CallPlan, Credential, ResourcePlan, SdkPlan
from . import blank_lines
from .base import RenderJob, Target, templates_root
from .clashes import client_options, numbered, settle
from .doc_cache import cached_doc
from .markdown import markdown_code, markdown_lines, markdown_text
from .php_calls import OPTIONS_TAG, CallLowering, MethodView, security, strings
from .php_layout import (
    Expr,
    Named,
    Own,
    array,
    code,
    doc,
    escape_doc,
    lay,
    new_request,
    php_float,
    php_string,
    signature,
)
from .php_models import PhpModels, implemented, php_classes
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
from .php_types import PhpTypes
from .semver import semantic_version
from .text import one_line, prose
from .types import Import, class_models

TEMPLATES = templates_root() / "php"
RUNTIME_NAMESPACE = "Zsdk\\Runtime"


class PhpTarget(Target):
    name = "php"
    description = "PHP 8.1+: ext-curl, readonly models, open enums, union interfaces, auto-paging, raw responses"
    template_dir = TEMPLATES
    reserved_package_names = RESERVED_PACKAGE_NAMES
    # The root namespace and the Composer package (defaults: the client's class name, `<name>/<name>-php`).
    settings = {"namespace": (), "package": ()}
    setting_help = {"namespace": "the root namespace (PSR-4)", "package": "the Composer package, vendor/name"}

    def defaults(self, config: LanguageConfig, spec_license: str) -> dict[str, str]:
        bare = replace(config, options={})
        namespace = php_namespace(config.client_name, bare)
        return {"namespace": namespace, "package": composer_package(bare, namespace)}

    def filters(self) -> dict[str, Callable[..., Any]]:
        return {"doc": _doc, "own": Own, "lines": _lines, "markdown": markdown_text, "code": markdown_code}

    def format(self, path: str, text: str) -> str:
        """Blank lines the templates leave around blocks removed; the runtime's files (src/Core, tests/Core) are
        kept as their author wrote them (a heredoc may hold blank lines)."""
        if path.endswith(".php") and not path.startswith(("src/Core/", "tests/Core/")):
            return blank_lines.inside_braces(text).strip("\n") + "\n"
        return text

    def lower(self, sdk: SdkPlan, config: LanguageConfig) -> Iterable[RenderJob]:
        namespace = php_namespace(sdk.client.class_name, config)
        package = composer_package(config, namespace)
        config = replace(config, version=semantic_version(config.version, "php", "Composer", "/version"))
        lowering = _Lowering(sdk, config, namespace, package, "-".join(self.package_words(config)))
        context = lowering.context()
        yield RenderJob("composer.json", "composer.json.jinja", context)
        yield RenderJob("README.md", "README.md.jinja", context)
        yield RenderJob("phpunit.xml.dist", "phpunit.xml.dist.jinja", context)
        yield RenderJob(".gitignore", "gitignore.jinja", context)
        client = context["client"]
        yield RenderJob(f"src/{client}.php", "client.php.jinja",
                        {**context, "uses": _uses(context["client_imports"], namespace, "")})  # fmt: skip
        for model, name in class_models(sdk.models, lowering.classes):
            more = functools.cache(functools.partial(lowering.model_context, model))  # a union's two files share it
            if model.kind == "object":
                yield RenderJob(f"src/Models/{name}.php", "model.php.jinja", context, more=more)
            elif model.kind == "enum":
                yield RenderJob(f"src/Models/{name}.php", "enum.php.jinja", context, more=more)
            else:
                yield RenderJob(f"src/Models/{name}.php", "union.php.jinja", context, more=more)
                yield RenderJob(f"src/Models/{name}Unknown.php", "unknown.php.jinja", context, more=more)
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


_doc = cached_doc(doc)


def _lines(lines: Iterable[str]) -> str:
    return "\n".join(lines)


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

    def made(self, core: str) -> list[str]:
        """`$this-><name> = new <Type>(<core>);` at 8 spaces, its argument on a line of its own when too long."""
        return lay(8, f"$this->{self.name} = ", Expr(f"new {self.type}", [core]))

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
    def __init__(self, sdk: SdkPlan, config: LanguageConfig, namespace: str, package: str, name: str) -> None:
        """`name`: the SDK's package name as the User-Agent says it (`zatabase/1.2.0 php`, as every language)."""
        self.sdk, self.config, self.namespace, self.package = sdk, config, namespace, package
        self.name = name
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
        self.calls = CallLowering(self.types, sdk.client)
        self.methods: dict[str, MethodView] = {}
        self.service_names: set[str] = set(self.classes.values()) | reserved | \
            {c + "Unknown" for k, c in self.classes.items() if k in unions}  # fmt: skip

    # ------------------------------------------------------------------ resources

    def _resource(self, r: ResourcePlan, parent: ResourceView | None, members: set[str]) -> ResourceView:
        base = (parent.type.removesuffix("Service") if parent else "") + pascal_words(r.name.words)
        # `public readonly <base>WithRawResponse $withRawResponse;` fits in 120 columns
        base = file_safe(type_name([base], "Resource", "Resource"), 64)
        while {base + "Service", base + "WithRawResponse", base + "Calls"} & self.service_names:
            base = base + "Resource" if not base.endswith("Resource") else numbered(base, set(self.service_names))
        self.service_names |= {base + "Service", base + "WithRawResponse", base + "Calls"}
        name = numbered(identifier(r.name.words, "resource", frozenset(members)), members)
        doc: list[str] = [r.description] if r.description.strip() else \
            [Own(f"The {code(' '.join(r.name.words))} resource.")]  # fmt: skip
        trail = (parent.trail if parent else "$client") + f"->{name}"
        view = ResourceView(name, base + "Service", base + "WithRawResponse", base + "Calls", trail, doc, [])
        own = set(SERVICE_MEMBERS)
        for child in r.resources:
            view.children.append(self._resource(child, view, own))
        methods: set[str] = set()
        for c in r.calls:
            view.methods.append(self._method(c, methods))
        return view

    def _method(self, call: CallPlan, members: set[str]) -> MethodView:
        view = self.calls.method(call, numbered(identifier(call.name.words, "call"), members))
        self.methods[call.key] = view
        return view

    # ------------------------------------------------------------------ client

    def model_context(self, model: Model) -> dict[str, Any]:
        """What a model's templates need of it besides the SDK's context."""
        view = self.models.view(model)
        return {"model": view, "uses": _uses(view.imports, self.namespace, "models")}

    def context(self) -> dict[str, Any]:
        sdk, client = self.sdk, self.sdk.client
        members = set(CLIENT_MEMBERS)
        resources = [self._resource(r, None, members) for r in sdk.resources]
        all_resources = [x for root in resources for x in _flat(root)]
        by_key = {tuple(n.key for n in r.path): v for r, v in zip(sdk.all_resources(), all_resources, strict=True)}
        auth, login_scheme = client.request_auth, client.login_scheme
        ordered = auth + ([login_scheme] if login_scheme else [])
        options = client_options(client, lambda ws, kind: identifier(ws, kind, CLIENT_OPTIONS), CLIENT_OPTIONS)
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
                                                                                      strings(v.enum)]))
                                             for v in client.server_variables)),
            Named("defaultSecurity: ", security(client.default_security)),
            f"timeout: {php_float(retries.timeout)}", f"maxRetries: {retries.max_retries}",
            f"baseDelay: {php_float(retries.base_delay)}", f"maxDelay: {php_float(retries.max_delay)}",
            f"refreshBuffer: {php_float(retries.refresh_buffer)}", f"refreshRetries: {retries.refresh_retries}",
            Named("userAgent: ", php_string(f"{self.name}/{self.config.version} php")),
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
            "resources": resources, "all_resources": all_resources,
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
        lead = f"the {code(name)} credential (default: the {code(c.env)} environment variable)"
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
                                                    strings(code.scopes)])  # fmt: skip
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
        alternatives = self.sdk.client.security_set(login.public, login.security)
        settings = Expr("new LoginSettings", [
            strings(login.token), strings(login.refresh_token or ()),
            strings(login.expires_in or ()), php_string(login.refresh_path or ""),
            php_string(login.refresh_http_method or ""), php_string(login.refresh_param or "")])  # fmt: skip
        lines = new_request(8, login.http_method, login.path)
        lines += lay(8, "$r->", Expr("jsonBody", [array(f"{php_string(w)} => ${i}" for i, w in args)]))
        if alternatives is not None:
            lines += lay(8, "$r->", Expr("security", [security(alternatives)]))
        lines += lay(8, "$this->core->", Expr("login", ["Call::json($r, 'mixed')", php_string(login.scheme),
                                                        "$options"]))  # fmt: skip
        params = [f"string ${i}" for i, _ in args] + ["?RequestOptions $options = null"]
        return {"scheme": login.scheme, "settings": settings, "lines": lines,
                "signature": signature(4, "public function authenticate", params, "void"),
                "tags": [(f"@param string ${i}", Own(f"the login's {code(w)} field")) for i, w in args]
                + [OPTIONS_TAG]}  # fmt: skip


def _flat(resource: ResourceView) -> list[ResourceView]:
    return [resource] + [r for child in resource.children for r in _flat(child)]
