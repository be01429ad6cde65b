"""The Python target's data: reserved names, the names the runtime and templates use, package names to avoid."""

from __future__ import annotations

import builtins
import keyword
import sys

from .python_types import TYPE_BUILTINS

# Hard keywords, and the soft keywords `match` and `case` (renamed since 3.10). Fixed here rather than read from
# `keyword.softkwlist`, so the generated names do not depend on the Python running the generator (3.12 added
# `type`, which stays a valid name everywhere).
KEYWORDS = frozenset(keyword.kwlist) | {"match", "case"}
# Attribute names pydantic's BaseModel (and our runtime BaseModel) already use.
MODEL_ATTRIBUTES = frozenset(
    {"model_config", "model_fields", "model_computed_fields", "model_extra", "model_fields_set", "model_construct",
     "model_copy", "model_dump", "model_dump_json", "model_json_schema", "model_parametrized_name",
     "model_post_init", "model_rebuild", "model_validate", "model_validate_json", "model_validate_strings",
     "dict", "json", "copy", "schema", "schema_json", "validate", "construct", "parse_obj", "parse_raw",
     "parse_file", "from_orm", "update_forward_refs", "fields", "to_dict", "to_json", "datetime", "pydantic",
     "typing"}
)  # fmt: skip
# The builtins' public names (`site` adds the last six; listed so that `python -S` changes nothing).
BUILTIN_NAMES = frozenset(n for n in dir(builtins) if n.islower() and not n.startswith("_")) | {
    "copyright", "credits", "exit", "help", "license", "quit"}  # fmt: skip
# A model field named like a builtin is renamed (`type_`, alias "type"): it would shadow the builtin in the rest of
# its class body (`list: str` then `tags: list[str]`: "Variable ... is not valid as a type") and it reads as
# Python SDKs do (`DatasetCreate(name="Sales", type_="flat_file")`). `id`, on nearly every model, keeps its name.
FIELD_RESERVED = MODEL_ATTRIBUTES | TYPE_BUILTINS | (BUILTIN_NAMES - {"id"})
# Names a models module imports or defines itself; a model with one of these names is renamed.
MODULE_NAMES = frozenset(
    {"Any", "Annotated", "Literal", "Union", "BaseModel", "OpenEnum", "OpenIntEnum", "None", "True", "False"}
)
# The names a method body uses besides the per-call options (which the plan keeps free); a spec parameter with
# one of these names is renamed. (A parameter named like a builtin type the body uses is not: the body spells that
# type `builtins.X`.)
PARAM_RESERVED = frozenset({"self", "body", "models", "cast", "content", "datetime", "builtins"})
# Attributes of the runtime clients and resources; a resource or method with one of these names is renamed.
CLIENT_ATTRIBUTES = frozenset(
    {"request", "request_page", "request_stream", "request_login", "request_ok", "close", "base_url", "timeout",
     "max_retries",
     "on_request", "on_response", "authenticate", "with_raw_response", "retry_policy", "default_headers",
     "user_agent", "default_security", "oauth"}
)  # fmt: skip
# A resource class body also uses these names after its methods: the decorator and the modules its annotations
# name. A method or sub-resource named like one is renamed.
RESOURCE_ATTRIBUTES = frozenset({"with_raw_response", "cached_property", "models", "datetime", "builtins"})
# What the credential and server-variable arguments of the client must not be called: the client's own arguments
# and the names `__init__` and `_auth` use in their bodies.
CLIENT_ARGUMENTS = frozenset(
    {"self", "base_url", "timeout", "max_retries", "retry_config", "auth_config", "default_headers", "http_client",
     "on_request", "on_response", "providers", "login", "refresh_buffer", "buffer", "config", "retries",
     "refresh_retries", "super", "isinstance", "first_given", "resolve_server_url"}
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
# The error classes of the runtime, all of which the public `exceptions` module exports.
ERRORS = frozenset(
    {"APIConnectionError", "APIError", "APIResponseValidationError", "APIStatusError", "APITimeoutError",
     "AuthenticationError", "BadRequestError", "ConflictError", "InternalServerError", "NotFoundError",
     "PermissionDeniedError", "RateLimitError", "UnprocessableEntityError", "ValidationError"}
)  # fmt: skip
# What the package's __init__ exports besides the two clients.
EXPORTS = [
    "APIConnectionError", "APIError", "APIResponse", "APIResponseValidationError", "APIStatusError",
    "APITimeoutError", "AsyncPage", "AsyncStream", "AuthConfig", "AuthenticationError", "BadRequestError",
    "BinaryResponse", "ConflictError", "InternalServerError", "NOT_GIVEN", "NotFoundError", "NotGiven",
    "PermissionDeniedError", "RateLimit", "RateLimitError", "RetryConfig", "Stream", "SyncPage",
    "UnprocessableEntityError", "models",
]  # fmt: skip

# Names `_client.py` and `__init__.py` import besides the clients: a client class (or its Async twin) named like
# one gets `Client` added ("Stream API" → StreamClient, AsyncStreamClient).
CLIENT_MODULE_NAMES = frozenset(
    {*EXPORTS, "AuthProvider", "ApiKeyAuth", "BearerAuth", "BasicAuth", "OAuth2ClientCredentials", "LoginTokenAuth",
     "OAuth2AuthorizationCode", "OAuthEndpoints", "OAuth", "AsyncOAuth", "AuthorizationRequest", "OAuthTokens",
     "Callable", "AsyncAPIClient", "SyncAPIClient", "RequestHook", "ResponseHook", "RequestOptions", "RetryPolicy",
     "Timeout"}
)  # fmt: skip
# The runtime's credential provider for each kind of scheme in the plan.
PROVIDERS = {
    "api_key": "ApiKeyAuth",
    "bearer": "BearerAuth",
    "basic": "BasicAuth",
    "oauth2_client_credentials": "OAuth2ClientCredentials",
    "oauth2_authorization_code": "OAuth2AuthorizationCode",
    "login": "LoginTokenAuth",
}
# What a client with an OAuth2 authorization code flow imports for its `tokens=`, `on_tokens=` and `client.oauth`,
# and what its package exports of them.
OAUTH_IMPORTS = (
    ("collections.abc", "Callable"), ("._oauth", "AsyncOAuth"), ("._oauth", "OAuth"),
    ("._oauth", "OAuth2AuthorizationCode"), ("._oauth", "OAuthEndpoints"), ("._oauth", "OAuthTokens"),
)  # fmt: skip
OAUTH_EXPORTS = ["AuthorizationRequest", "OAuthTokens"]
# What a resource module imports whatever its methods are (the per-call options' types among them).
RESOURCE_IMPORTS = (
    ("functools", "cached_property"), ("._request", "RequestOptions"), ("._resource", "AsyncAPIResource"),
    ("._resource", "SyncAPIResource"), ("._response", "async_to_raw_response_wrapper"),
    ("._response", "to_raw_response_wrapper"), ("._types", "Headers"), ("._types", "NOT_GIVEN"),
    ("._types", "NotGiven"), ("._types", "Query"), ("._types", "Timeout"),
)  # fmt: skip
# Third-party modules (the SDK's dependencies); the rest not starting with `.` are the standard library's.
THIRD_PARTY = frozenset({"httpx", "pydantic"})
