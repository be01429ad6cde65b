"""Go's names: keywords, predeclared identifiers, the standard library's package names and the names the SDK's
own code takes, as data; Go casing; one rule for package-level names; and the rules for a module path.
Generation never runs Go, so what the toolchain knows is written down here."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

KEYWORDS = frozenset(
    {"break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for", "func", "go",
     "goto", "if", "import", "interface", "map", "package", "range", "return", "select", "struct", "switch", "type",
     "var"}
)  # fmt: skip

# The universe block: a local of that name hides the type, constant or function in the rest of the body.
PREDECLARED = frozenset(
    {"any", "bool", "byte", "comparable", "complex64", "complex128", "error", "float32", "float64", "int", "int8",
     "int16", "int32", "int64", "rune", "string", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "true",
     "false", "iota", "nil", "append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make",
     "max", "min", "new", "panic", "print", "println", "real", "recover"}
)  # fmt: skip

# The last element of every import path `go list std` prints (go1.26), internal/ and vendor/ left out: the name
# a user's file already gives that package (`net/http` is `http`; `math/rand/v2` is imported as `v2`'s path).
STD_PACKAGES = frozenset(
    {"adler32", "aes", "ascii85", "asn1", "ast", "atomic", "base32", "base64", "big", "binary", "bits", "bufio",
     "build", "buildinfo", "bytes", "bzip2", "cgi", "cgo", "cipher", "cmp", "cmplx", "color", "comment", "constant",
     "constraint", "context", "cookiejar", "coverage", "crc32", "crc64", "crypto", "cryptotest", "csv", "debug",
     "des", "doc", "draw", "driver", "dsa", "dwarf", "ecdh", "ecdsa", "ed25519", "elf", "elliptic", "embed",
     "encoding", "errors", "exec", "expvar", "fcgi", "filepath", "fips140", "flag", "flate", "fmt", "fnv", "format",
     "fs", "fstest", "gif", "gob", "gosym", "gzip", "hash", "heap", "hex", "hkdf", "hmac", "hpke", "html", "http",
     "httptest", "httptrace", "httputil", "image", "importer", "io", "iotest", "ioutil", "iter", "jpeg", "json",
     "jsonrpc", "list", "log", "lzw", "macho", "mail", "maphash", "maps", "math", "md5", "metrics", "mime", "mlkem",
     "mlkemtest", "multipart", "net", "netip", "os", "palette", "parse", "parser", "path", "pbkdf2", "pe", "pem",
     "pkix", "plan9obj", "plugin", "png", "pprof", "printer", "quick", "quotedprintable", "race", "rand", "rc4",
     "reflect", "regexp", "ring", "rpc", "rsa", "runtime", "scanner", "sha1", "sha256", "sha3", "sha512", "signal",
     "slices", "slog", "slogtest", "smtp", "sort", "sql", "strconv", "strings", "structs", "subtle",
     "suffixarray", "sync", "synctest", "syntax", "syscall", "syslog", "tabwriter", "tar", "template", "testing",
     "textproto", "time", "tls", "token", "trace", "types", "tzdata", "unicode", "unique", "unsafe", "url", "user",
     "utf16", "utf8", "v2", "version", "weak", "x509", "xml", "zip", "zlib", "builtin"}
)  # fmt: skip

# Names a package clause must not take by default: the standard library's, the SDK's own packages (`core`,
# `option`), `main` (a command, not a library), `init` (cannot be imported under its own name), keywords (not
# an identifier) and predeclared identifiers (importing it would hide `string`, `len`… in the user's file).
RESERVED_PACKAGE_NAMES = STD_PACKAGES | KEYWORDS | PREDECLARED | {"core", "option", "main", "init"}

INITIALISMS = frozenset(
    {"acl", "api", "ascii", "cpu", "css", "dns", "eof", "guid", "html", "http", "https", "id", "ip", "json", "lhs",
     "qps", "ram", "rhs", "rpc", "sla", "smtp", "sql", "ssh", "tcp", "tls", "ttl", "udp", "ui", "uid", "uuid", "uri",
     "url", "utf8", "vm", "xml", "xmpp", "xsrf", "xss", "sdk", "jwt", "oauth", "sse"}
)  # fmt: skip
# Names a parameter must not take inside a method body: the locals and packages the body uses, and every
# predeclared identifier (a parameter `int64` would hide the type from `var out int64`).
LOCAL_RESERVED = PREDECLARED | {"ctx", "opts", "params", "body", "r", "out", "err", "resp", "s", "c", "core",
                                "option", "json", "time", "io", "iter", "context", "runtime"}  # fmt: skip
# Package-level names the runtime aliases and the client file define.
ROOT_RESERVED = frozenset(
    {"Client", "NewClient", "Opt", "Some", "Null", "Date", "NewDate", "File", "NewFile", "Page", "Stream",
     "ServerSentEvent", "APIError", "ConnectionError", "TimeoutError", "RawResponse", "ErrBadRequest",
     "ErrAuthentication", "ErrPermissionDenied", "ErrNotFound", "ErrConflict", "ErrUnprocessableEntity",
     "ErrRateLimit", "ErrInternalServer", "Version", "RateLimit", "ErrInvalidArgument", "OAuth", "OAuthTokens",
     "AuthorizationRequest", "AuthorizationURLParams"}
)  # fmt: skip
FIELD_RESERVED = frozenset({"ExtraFields", "MarshalJSON", "UnmarshalJSON"})
# Options the runtime's option package already defines.
OPTION_NAMES = frozenset(
    {"WithBaseURL", "WithServerVariable", "WithHTTPClient", "WithTimeout", "WithMaxRetries", "WithRetryDelays",
     "WithHeader", "WithQuery", "WithMiddleware", "WithIdempotencyKey", "WithResponseInto", "WithUserAgent",
     "WithCredential", "RequestOption", "Middleware", "MiddlewareNext", "RawResponse", "WithOAuthTokens",
     "WithOnOAuthTokens"}
)  # fmt: skip
# File name endings go build reads as build constraints or tests.
BUILD_SUFFIXES = frozenset(
    {"test", "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js", "linux", "nacl",
     "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos", "386", "amd64", "arm", "arm64", "loong64",
     "mips", "mipsle", "mips64", "mips64le", "ppc64", "ppc64le", "riscv64", "s390x", "wasm", "sparc64"}
)  # fmt: skip


def go_words(ws: Iterable[str]) -> str:
    """Words in Go's MixedCaps, initialisms upper-cased (`api key` → APIKey)."""
    return "".join(w.upper() if w in INITIALISMS else w[:1].upper() + w[1:] for w in ws)


def exported(ws: Sequence[str], fallback: str = "Value") -> str:
    name = go_words(ws) or fallback
    return fallback + name if name[0].isdigit() else name


def unexported(ws: Sequence[str], fallback: str = "value") -> str:
    """A local's name: the first word lower-case; a keyword or a name the method body uses gets `_`."""
    if not ws:
        return fallback
    name = ws[0] + go_words(ws[1:])
    if name[0].isdigit():
        name = fallback + go_words(ws)
    return name + "_" if name in KEYWORDS or name in LOCAL_RESERVED else name


def module_path_problem(path: str) -> str | None:
    """Why `path` is not a module path `go get` accepts (golang.org/x/mod/module.CheckPath), or None."""
    if not path:
        return "it is empty"
    if path.startswith("-"):
        return "it starts with a dash"
    if "//" in path or path.endswith("/") or path.startswith("/"):
        return "it has an empty path element"
    for element in path.split("/"):
        problem = _element_problem(element)
        if problem:
            return f"its element {element!r} {problem}"
    first = path.split("/", 1)[0]
    if "." not in first:
        return f"its first element {first!r} has no dot (a domain such as github.com comes first)"
    if any(not (c == "-" or c == "." or c.isdigit() or "a" <= c <= "z") for c in first):
        return f"its first element {first!r} may only have lower-case letters, digits, dots and dashes"
    if not _major_version_ok(path):
        return "its last element looks like a major version but is not /v2, /v3…"
    return None


_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
)


def _element_problem(element: str) -> str | None:
    if not element or set(element) == {"."}:
        return "is empty or dots only"
    if element.startswith(".") or element.endswith("."):
        return "starts or ends with a dot"
    if any(not (c.isascii() and (c.isalnum() or c in "-._~")) for c in element):
        return "may only have ASCII letters, digits and - . _ ~"
    short = element.split(".", 1)[0]
    if short.lower() in _WINDOWS_RESERVED:
        return "is a reserved file name on Windows"
    tilde = short.rfind("~")
    if 0 <= tilde < len(short) - 1 and short[tilde + 1 :].isdigit():
        return "ends in a tilde and digits"
    return None


def _major_version_ok(path: str) -> bool:
    """module.SplitPathVersion: a final `/vN` must be N ≥ 2 without a leading zero; gopkg.in paths end in .vN."""
    if path.startswith("gopkg.in/"):
        stem = path.removesuffix("-unstable")
        digits = len(stem) - len(stem.rstrip("0123456789"))
        major = stem[len(stem) - digits :]
        return digits > 0 and stem[: len(stem) - digits].endswith(".v") and (major[0] != "0" or path.endswith(".v0"))
    tail = path.rstrip("0123456789.")
    if tail == path or not tail.endswith("/v") or len(tail) < 2:
        return True
    major = path[len(tail) :]
    return "." not in major and major[0] != "0" and major != "1"
