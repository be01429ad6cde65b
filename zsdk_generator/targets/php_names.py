"""PHP's names: reserved words, the names the SDK's own code takes, casing, and the rules for a namespace and a
Composer package name. Generation never runs PHP, so what the parser knows is written down here.

A class named like a keyword or a class a generated file imports gets a suffix (`List` → `ListModel`); an enum
case, a property or a parameter the language or the SDK's own code takes gets a `_` suffix. Each rule looks at one
name only, so a new schema or operation never renames anything already generated.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

# Keywords (https://www.php.net/manual/en/reserved.keywords.php) and the reserved type names
# (https://www.php.net/manual/en/reserved.other-reserved-words.php): no class, interface or enum may take one,
# in any case. `enum` is a soft keyword since 8.1; it is avoided too.
KEYWORDS = frozenset(
    {"abstract", "and", "array", "as", "break", "callable", "case", "catch", "class", "clone", "const", "continue",
     "declare", "default", "die", "do", "echo", "else", "elseif", "empty", "enddeclare", "endfor", "endforeach",
     "endif", "endswitch", "endwhile", "eval", "exit", "extends", "final", "finally", "fn", "for", "foreach",
     "function", "global", "goto", "if", "implements", "include", "include_once", "instanceof", "insteadof",
     "interface", "isset", "list", "match", "namespace", "new", "or", "print", "private", "protected", "public",
     "readonly", "require", "require_once", "return", "static", "switch", "throw", "trait", "try", "unset", "use",
     "var", "while", "xor", "yield", "enum", "int", "float", "bool", "string", "true", "false", "null", "void",
     "iterable", "object", "mixed", "never", "self", "parent", "resource", "numeric", "__halt_compiler"}
)  # fmt: skip

# The runtime's classes (N\Core) a generated file may import: a model named like one gets the suffix `Model`.
RUNTIME_TYPES = frozenset(
    {"ApiRequest", "Call", "ClientCore", "ClientDefaults", "Encoding", "Pager", "Page", "RequestOptions",
     "RawResponse", "RateLimit", "FileUpload", "BinaryResponse", "EventStream", "ServerSentEvent", "AuthProvider",
     "OAuth", "OAuthEndpoints", "OAuthTokens", "LoginSettings", "RetryConfig", "AuthConfig", "HttpTransport",
     "HttpRequest", "HttpResponse", "CurlTransport", "Middleware", "Model", "Field", "ListOf", "MapOf", "Type",
     "Omit", "ApiException", "ApiStatusException", "ApiConnectionException", "ApiTimeoutException",
     "ApiResponseValidationException", "BadRequestException", "AuthenticationException",
     "PermissionDeniedException", "NotFoundException", "ConflictException", "UnprocessableEntityException",
     "RateLimitException", "InternalServerException", "AuthorizationRequest"}
)  # fmt: skip
TYPE_RESERVED = RUNTIME_TYPES

# Names no property or parameter may take: `$this`, and what every model declares itself.
VARIABLE_RESERVED = frozenset({"this", "GLOBALS"})
MODEL_MEMBERS = frozenset({"this", "additionalProperties", "GLOBALS"})
# A service's own properties (its core, the raw-response twin).
SERVICE_MEMBERS = frozenset({"core", "withRawResponse"})
# Locals a *Calls method and a service method use: a parameter of that name gets a `_` suffix.
LOCAL_RESERVED = frozenset({"this", "r", "options", "GLOBALS"})
# The client's own members: its methods and properties.
CLIENT_MEMBERS = frozenset({"core", "authenticate", "oauth", "defaults"})
# The client constructor's fixed options: a credential or server variable named like one gets a `_` suffix.
CLIENT_OPTIONS = frozenset(
    {"baseUrl", "timeout", "maxRetries", "retryConfig", "authConfig", "defaultHeaders", "transport", "middleware",
     "oauthTokens", "this", "GLOBALS"}
)  # fmt: skip

# Namespaces a user cannot take as the SDK's first segment: PHP's own and the SDK's sub-namespaces.
RESERVED_PACKAGE_NAMES = frozenset({"php", "core", "models", "services", "tests", "composer", "phpunit"})


def pascal_words(ws: Sequence[str]) -> str:
    return "".join(w[:1].upper() + w[1:] for w in ws)


def camel_words(ws: Sequence[str]) -> str:
    name = pascal_words(ws)
    return name[:1].lower() + name[1:]


def identifier(ws: Sequence[str], fallback: str = "value", reserved: frozenset[str] = frozenset()) -> str:
    """A lowerCamel variable, property or method name: a leading digit gets the fallback in front, a name in
    `reserved` (or `$this`) gets a `_` suffix. PHP lets a keyword be a method or property name."""
    name = camel_words(ws) or fallback
    if name[0].isdigit():
        name = fallback + pascal_words([name])
    return name + "_" if name in reserved or name in VARIABLE_RESERVED else name


# A class name longer than this is cut and hashed: `final class <name> extends Model implements` must fit in 120
# columns (PSR-12 keeps `extends` and `implements` on the class's line), as must `<name>::class` in an attribute.
MAX_TYPE_NAME = 80


def file_safe(name: str, limit: int = MAX_TYPE_NAME) -> str:
    """`name`, or when too long for a line, its first characters and a hash of the whole (stable and distinct)."""
    if len(name) <= limit:
        return name
    return name[: limit - 8] + hashlib.sha256(name.encode()).hexdigest()[:8]


def type_name(ws: Sequence[str], fallback: str, suffix: str = "Model") -> str:
    """A PascalCase class name: a leading digit gets `fallback` in front; a keyword (`List`, `Class`) or a runtime
    class a generated file imports (`Call`, `Page`) gets `suffix`."""
    name = pascal_words(ws) or fallback
    if name[0].isdigit():
        name = fallback + name
    taken = name.lower() in KEYWORDS or name in TYPE_RESERVED or name.lower().startswith("__")
    return file_safe(name + suffix if taken else name)


def case_name(ws: Sequence[str], fallback: str = "Value") -> str:
    """A PascalCase enum case: a leading digit gets `fallback` in front; `class` (the one constant name PHP
    refuses, in any case) gets a `_` suffix."""
    name = pascal_words(ws) or "Empty"
    if name[0].isdigit():
        name = fallback + name
    return name + "_" if name.lower() == "class" else name


_SEGMENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def namespace_problem(name: str) -> str | None:
    """Why `name` is not a PHP namespace this SDK can take, or None."""
    for segment in name.split("\\"):
        if not _SEGMENT.fullmatch(segment):
            return f"{segment!r} is not a PHP name (letters, digits, _; not a digit first)"
        if segment.lower() in KEYWORDS:
            return f"{segment!r} is a PHP reserved word"
    if name.split("\\")[0].lower() == "php":
        return "the PHP namespace belongs to PHP"
    return None


_COMPOSER = re.compile(r"[a-z0-9]([_.-]?[a-z0-9]+)*/[a-z0-9](([_.]|-{1,2})?[a-z0-9]+)*")


def composer_problem(name: str) -> str | None:
    """Why `name` is not a Composer package name (vendor/package, lower case), or None."""
    return None if _COMPOSER.fullmatch(name) else "Composer wants vendor/package: lower-case letters, digits, - _ ."


def namespace_segment(ws: Sequence[str]) -> str:
    """One namespace segment from words: PascalCase, a reserved word or leading digit made valid."""
    name = pascal_words(ws) or "Sdk"
    if name[0].isdigit():
        name = "Sdk" + name
    return name + "Sdk" if name.lower() in KEYWORDS or name.lower() in RESERVED_PACKAGE_NAMES else name
