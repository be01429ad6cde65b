"""Java's names: keywords (reserved, contextual and literal), the names the SDK's own code takes, casing, and the
rules for a package name. Generation never runs Java, so what the compiler knows is written down here.

A keyword or a name the generated code already uses gets a `_` suffix (`class_`, `default_`). Each rule looks at
one name only, so a new schema or operation never renames anything already generated.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

# Reserved keywords and literals (JLS 3.9, 3.10.3, 3.10.8), plus the contextual keywords a declaration cannot
# take as a type name (`var`, `yield`, `record`, `sealed`, `permits`) and `_`.
KEYWORDS = frozenset(
    {"abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const", "continue",
     "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if",
     "implements", "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private",
     "protected", "public", "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this",
     "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false", "null", "_", "var",
     "yield", "record", "sealed", "permits", "exports", "module", "non"}
)  # fmt: skip

# Type names a generated file uses unqualified: java.lang's, the imports of a model or service file, the runtime's
# and the nested classes every model declares. A model named like one gets the suffix `Model`.
JAVA_LANG = frozenset(
    {"Object", "String", "Integer", "Long", "Double", "Float", "Short", "Byte", "Boolean", "Character", "Number",
     "Void", "Class", "System", "Math", "Record", "Enum", "Override", "Deprecated", "Exception", "Error",
     "RuntimeException", "Throwable", "Iterable", "Runnable", "Thread", "Comparable", "CharSequence",
     "StringBuilder", "SuppressWarnings", "FunctionalInterface", "SafeVarargs", "Process", "Runtime",
     "ClassLoader", "Module", "Package", "StrictMath", "AutoCloseable", "Cloneable", "Readable", "Appendable",
     "ThreadLocal", "StackTraceElement", "SecurityManager", "Compiler", "InheritableThreadLocal", "ModuleLayer",
     "ProcessBuilder", "ProcessHandle", "StackWalker", "ThreadGroup", "StringBuffer"}
)  # fmt: skip
IMPORTED = frozenset(
    {"List", "Map", "Optional", "Objects", "LinkedHashMap", "ArrayList", "Collections", "StringJoiner",
     "LocalDate", "OffsetDateTime", "Duration", "CompletableFuture", "JsonNode", "JsonProperty", "JsonInclude",
     "JsonAnySetter", "JsonAnyGetter", "JsonCreator", "JsonValue", "JsonDeserialize", "JsonSerialize",
     "TypeReference", "Builder", "Known", "Unknown", "WithRawResponse", "Path", "InputStream"}
)  # fmt: skip
RUNTIME_TYPES = frozenset(
    {"ApiRequest", "Call", "ClientCore", "ClientDefaults", "Encoding", "Pager", "Page", "AutoPager", "RequestOptions",
     "RawResponse", "RateLimit", "Nullable", "FileUpload", "BinaryResponse", "EventStream", "ServerSentEvent",
     "AuthProvider", "OAuth", "OAuthEndpoints", "OAuthTokens", "LoginSettings", "RetryConfig", "AuthConfig",
     "HttpTransport", "Interceptor", "Json", "ApiException", "ApiStatusException", "ApiConnectionException",
     "ApiTimeoutException", "ApiResponseValidationException", "BadRequestException", "AuthenticationException",
     "PermissionDeniedException", "NotFoundException", "ConflictException", "UnprocessableEntityException",
     "RateLimitException", "InternalServerException", "DiscriminatedUnion", "UntaggedUnion", "JdkHttpTransport"}
)  # fmt: skip
TYPE_RESERVED = JAVA_LANG | IMPORTED | RUNTIME_TYPES

# Object's methods: no generated class declares a member of these names with other parameters or results.
OBJECT_METHODS = frozenset({"equals", "hashCode", "toString", "getClass", "notify", "notifyAll", "wait", "clone",
                            "finalize"})  # fmt: skip
# The members a params class and its builder declare.
PARAMS_MEMBERS = OBJECT_METHODS | {"builder", "build"}

# Members every model declares itself (and Object's): a field named like one gets a `_` suffix.
MODEL_MEMBERS = frozenset(
    {"builder", "toBuilder", "additionalProperties", "equals", "hashCode", "toString", "getClass", "notify",
     "notifyAll", "wait", "clone", "finalize", "build", "putAdditionalProperty", "of", "value", "known", "isKnown"}
)  # fmt: skip
# Members a service declares: its constructor's field, the raw-response view, Object's methods.
SERVICE_MEMBERS = frozenset(
    {"core", "withRawResponse", "equals", "hashCode", "toString", "getClass", "notify", "notifyAll", "wait",
     "clone", "finalize"}
)  # fmt: skip
# Locals a service method uses (a path parameter of that name would shadow them).
LOCAL_RESERVED = frozenset({"r", "params", "body", "options", "core", "call"})
# The client's own members.
CLIENT_METHODS = frozenset(
    {"builder", "fromEnv", "async", "authenticate", "oauth", "core", "defaults", "equals", "hashCode", "toString",
     "getClass", "notify", "notifyAll", "wait", "clone", "finalize"}
)  # fmt: skip
BUILDER_METHODS = frozenset(
    {"baseUrl", "timeout", "maxRetries", "retryConfig", "authConfig", "defaultHeader", "transport", "interceptor",
     "build", "oauthTokens", "core", "equals", "hashCode", "toString", "getClass", "notify", "notifyAll", "wait",
     "clone", "finalize"}
)  # fmt: skip

# Package names a user cannot take: the JDK's and the SDK's dependencies' top-level packages.
RESERVED_PACKAGE_NAMES = frozenset({"java", "javax", "jdk", "sun", "com", "org", "core", "models", "services"})


def pascal_words(ws: Sequence[str]) -> str:
    return "".join(w[:1].upper() + w[1:] for w in ws)


def camel_words(ws: Sequence[str]) -> str:
    name = pascal_words(ws)
    return name[:1].lower() + name[1:]


def identifier(ws: Sequence[str], fallback: str = "value", reserved: frozenset[str] = frozenset()) -> str:
    """A lowerCamel identifier (field, method, parameter): a leading digit gets the fallback in front, a keyword
    or a name in `reserved` gets a `_` suffix."""
    name = camel_words(ws) or fallback
    if name[0].isdigit():
        name = fallback + pascal_words([name])
    return name + "_" if name in KEYWORDS or name in reserved else name


def type_name(ws: Sequence[str], fallback: str, suffix: str = "Model") -> str:
    """A PascalCase type name: a leading digit gets `fallback` in front, a name a generated file already uses
    (`String`, `List`, `Call`…) gets `suffix`."""
    name = pascal_words(ws) or fallback
    if name[0].isdigit():
        name = fallback + name
    return file_safe(name + suffix if name in TYPE_RESERVED else name)


MAX_TYPE_NAME = 200  # a class is a file `Name.java` (`NameAsync.java`, staged as `.Name.java.zsdk-tmp`): ≤ 255 bytes


def file_safe(name: str) -> str:
    """`name`, or when too long for its file's name, its first characters and a hash of the whole (stable and
    distinct: `…SortBy` of 291 characters becomes `…` + 8 hex digits)."""
    if len(name) <= MAX_TYPE_NAME:
        return name
    return name[: MAX_TYPE_NAME - 8] + hashlib.sha256(name.encode()).hexdigest()[:8]


def constant_name(ws: Sequence[str], fallback: str = "VALUE") -> str:
    """An UPPER_SNAKE constant (an enum value): a leading digit gets `fallback_` in front."""
    name = "_".join(w.upper() for w in ws) or "EMPTY"
    return f"{fallback}_{name}" if name[0].isdigit() else name


_SEGMENT = re.compile(r"[a-z][a-z0-9_]*")


def package_problem(name: str) -> str | None:
    """Why `name` is not a Java package name this SDK can take, or None."""
    segments = name.split(".")
    for segment in segments:
        if not _SEGMENT.fullmatch(segment):
            return f"{segment!r} is not a lower-case Java identifier (letters, digits, _; a letter first)"
        if segment in KEYWORDS:
            return f"{segment!r} is a Java keyword"
    if segments[0] in ("java", "javax", "jdk"):
        return "the java, javax and jdk packages belong to the JDK"
    return None


def package_segment(ws: Sequence[str]) -> str:
    """One package segment from words: lower case, run together, a keyword or leading digit made valid."""
    name = "".join(ws) or "sdk"
    if name[0].isdigit():
        name = "sdk" + name
    return name + "_" if name in KEYWORDS else name
