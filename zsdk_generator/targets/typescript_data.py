"""The TypeScript target's tables: reserved words, names the SDK's own code takes, the type map and where each
import comes from. Data only; `typescript.py` spells the plan with it."""

from __future__ import annotations

from .types import TypeExpr

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
# widened where they are a wire name.
OBJECT_MEMBERS = frozenset(
    {"constructor", "toString", "toLocaleString", "valueOf", "hasOwnProperty", "isPrototypeOf",
     "propertyIsEnumerable"}
)  # fmt: skip
# Type names the SDK's own exports (or the globals models.ts uses) already take; such a model gets `Model` added.
TAKEN_TYPE_NAMES = frozenset(
    {"APIError", "APIStatusError", "BadRequestError", "AuthenticationError", "PermissionDeniedError",
     "NotFoundError", "ConflictError", "UnprocessableEntityError", "RateLimitError", "InternalServerError",
     "APIConnectionError", "APITimeoutError", "APIUserAbortError", "APIPromise", "ResultPromise", "Result",
     "WithResponse", "Page", "PagePromise", "PageResultPromise", "Stream", "CallOptions", "ClientOptions",
     "RequestHook", "ResponseHook", "Blob", "Object", "Array", "Promise", "String", "Number", "Boolean", "Symbol",
     "Date", "Error", "Function", "BigInt", "Uint8Array", "Partial", "Required", "Readonly", "Pick", "Omit"}
)  # fmt: skip
# Names the resource files and client.ts import from the runtime; no generated type takes one.
RUNTIME_IMPORTS = frozenset(
    {"APIResource", "Paginator", "SharedClient", "BaseClient", "ApiKeyAuth", "BasicAuth", "BearerAuth",
     "LoginTokenAuth", "OAuth2ClientCredentials", "OAuth2AuthorizationCode", "OAuth", "OAuthTokens"}
)  # fmt: skip
# Members of the runtime's BaseClient; a resource with one of these names gets `_` added.
CLIENT_MEMBERS = frozenset(
    {"baseUrl", "timeout", "maxRetries", "defaultHeaders", "interceptors", "retryPolicy", "providers", "security",
     "userAgent", "fetchImpl", "authLock", "sleep", "now", "random", "request", "requestResult", "requestPage",
     "requestPageResult", "requestStream", "requestStreamResult", "requestLogin", "authenticate", "constructor",
     "json", "parse", "prepare", "send", "attempt", "exchange", "ensureTokens", "tokenRequest", "shouldReauth",
     "retryDelay", "baseHeaders", "loginAuth", "sendToken", "oauth"}
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
# Client options every client takes: a credential or server variable option never takes one.
CLIENT_OPTION_NAMES = frozenset({"baseUrl", "timeout", "maxRetries", "defaultHeaders", "fetch", "onRequest",
                                 "onResponse"}) | OBJECT_MEMBERS  # fmt: skip

# The type map: (kind, format) → the union members that spell it; a format not listed falls back to (kind, None).
PRIMITIVES: dict[tuple[str, str | None], tuple[TypeExpr, ...]] = {
    ("string", None): (TypeExpr("string"),),
    ("string", "binary"): (TypeExpr("Blob"),),
    ("integer", None): (TypeExpr("number"),),
    ("integer", "int64"): (TypeExpr("number"), TypeExpr("bigint")),
    ("number", None): (TypeExpr("number"),),
    ("boolean", None): (TypeExpr("boolean"),),
    ("null", None): (TypeExpr("null"),),
    ("any", None): (TypeExpr("unknown"),),
}
# What a body of each kind may be given as, and the media type the runtime sends it with unless told otherwise.
BODY_PARTS = {"binary": ("Blob", "Uint8Array", "string"), "text": ("string",)}
BODY_MEDIA_TYPES = {"json": "application/json", "form": "application/x-www-form-urlencoded",
                    "multipart": "multipart/form-data"}  # fmt: skip
# The payload type of a call whose response is not JSON.
RESULT_TYPES = {"binary": "Blob", "text": "string", "empty": "void", "ok": "boolean"}
# The runtime's promise types, by errors style (throw, result): the plain one, the paged one.
PROMISES = {False: ("APIPromise", "PagePromise"), True: ("ResultPromise", "PageResultPromise")}
# Each import's module (relative to src/, without `.js`): a file's imports are written in this order.
MODULE_ORDER = ("core/auth", "core/oauth", "core/client", "core/url", "core/pagination", "core/promise",
                "core/streaming", "models", "client")  # fmt: skip
MODELS = ("models", "type * as models")  # the namespace import a file naming a model (`models.Widget`) needs
# The provider class of each auth kind (core/auth.ts).
PROVIDERS = {"api_key": "ApiKeyAuth", "bearer": "BearerAuth", "basic": "BasicAuth",
             "oauth2_client_credentials": "OAuth2ClientCredentials", "login": "LoginTokenAuth",
             "oauth2_authorization_code": "OAuth2AuthorizationCode"}  # fmt: skip
# Paging fields as the runtime's Paginator spells them, with the value it assumes when one is not given.
PAGING_FIELDS = (
    ("items", "items", None), ("cursorParam", "cursor_param", "cursor"), ("nextCursor", "next_cursor", None),
    ("cursorItemField", "cursor_item_field", None), ("hasMore", "has_more", None),
    ("offsetParam", "offset_param", "offset"), ("total", "total", None), ("pageParam", "page_param", "page"),
    ("perPageParam", "per_page_param", None), ("totalPages", "total_pages", None), ("hasNext", "has_next", None),
)  # fmt: skip
