"""Rust's names: keywords (2024 edition, reserved ones included), the names the SDK's own code takes, casing,
and the rules for a crate name. Generation never runs Rust, so what the toolchain knows is written down here.

A keyword becomes a raw identifier (`r#type`) where Rust allows one; `self`, `super`, `crate` and `Self` cannot
be raw, so they get a `_` suffix. Each rule looks at one name only, so a new schema or operation never renames
anything already generated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Strict and reserved keywords of the 2024 edition (`gen` is reserved since 2024; `async`, `await`, `dyn`, `try`
# since 2018). A raw identifier spells every one of them except RAW_FORBIDDEN.
KEYWORDS = frozenset(
    {"as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in",
     "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct",
     "super", "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn", "abstract",
     "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try",
     "gen"}
)  # fmt: skip
RAW_FORBIDDEN = frozenset({"self", "Self", "super", "crate", "_"})

# The standard library's crates.
STD_CRATES = frozenset({"std", "core", "alloc", "proc_macro", "test"})
# The lib names of every crate in a generated SDK's dependency graph (`cargo metadata`, every platform).
DEPENDENCY_CRATES = frozenset(
    {"atomic_waker", "base64", "bitflags", "block_buffer", "bumpalo", "bytes", "cc", "cfg_aliases", "cfg_if",
     "chacha20", "cpufeatures", "crypto_common", "digest", "displaydoc", "find_msvc_tools", "form_urlencoded",
     "futures", "futures_channel", "futures_core", "futures_io", "futures_macro", "futures_sink",
     "futures_task", "futures_util", "generic_array", "getrandom", "http", "http_body", "http_body_util",
     "httparse", "httpdate", "hyper", "hyper_rustls", "hyper_util", "icu_collections", "icu_locale_core",
     "icu_normalizer", "icu_normalizer_data", "icu_properties", "icu_properties_data", "icu_provider", "idna",
     "idna_adapter", "ipnet", "itoa", "js_sys", "libc", "litemap", "log", "lru_slab", "memchr", "mio",
     "once_cell", "percent_encoding", "pin_project_lite", "potential_utf", "proc_macro2", "quinn",
     "quinn_proto", "quinn_udp", "quote", "r_efi", "rand", "rand_core", "rand_pcg", "reqwest", "ring",
     "rustc_hash", "rustls", "rustls_pki_types", "rustls_webpki", "rustversion", "ryu", "serde", "serde_core",
     "serde_derive", "serde_json", "serde_urlencoded", "sha2", "shlex", "slab", "smallvec", "socket2",
     "stable_deref_trait", "subtle", "syn", "sync_wrapper", "synstructure", "thiserror", "thiserror_impl",
     "tinystr", "tinyvec", "tokio", "tokio_macros", "tokio_rustls", "tokio_util", "tower", "tower_http",
     "tower_layer", "tower_service", "tracing", "tracing_core", "try_lock", "typenum", "unicode_ident",
     "untrusted", "url", "utf8_iter", "utf_types", "version_check", "want", "wasi", "wasm_bindgen",
     "wasm_bindgen_futures", "wasm_bindgen_macro", "wasm_bindgen_macro_support", "wasm_bindgen_shared",
     "wasm_streams", "web_sys", "web_time", "webpki_roots", "windows_aarch64_gnullvm", "windows_aarch64_msvc",
     "windows_i686_gnu", "windows_i686_gnullvm", "windows_i686_msvc", "windows_link", "windows_sys",
     "windows_targets", "windows_x86_64_gnu", "windows_x86_64_gnullvm", "windows_x86_64_msvc", "writeable",
     "yoke", "yoke_derive", "zerofrom", "zerofrom_derive", "zeroize", "zerotrie", "zerovec", "zerovec_derive",
     "zmij"}
)  # fmt: skip
# A crate name users cannot take: the standard library's, our dependencies', a keyword (its path would have to be
# raw), and the names Windows reserves for files.
RESERVED_PACKAGE_NAMES = (
    STD_CRATES | DEPENDENCY_CRATES | {k for k in KEYWORDS if k.islower()}
    | {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
)  # fmt: skip

# Type names a generated file already uses unqualified: the prelude's, the runtime's that a models or resource
# file imports, and the crate root's re-exports. A model or resource struct of such a name gets a suffix.
PRELUDE_TYPES = frozenset(
    {"Option", "Some", "None", "Result", "Ok", "Err", "String", "Vec", "Box", "ToString", "ToOwned", "Clone", "Copy",
     "Default", "Drop", "Eq", "PartialEq", "Ord", "PartialOrd", "Fn", "FnMut", "FnOnce", "From", "Into", "Iterator",
     "IntoIterator", "Extend", "Send", "Sync", "Sized", "Unpin", "AsRef", "AsMut", "Debug", "Hash", "TryFrom",
     "TryInto", "FromIterator", "DoubleEndedIterator", "ExactSizeIterator", "Self", "Future", "IntoFuture"}
)  # fmt: skip
RUNTIME_TYPES = frozenset(
    {"Client", "ClientBuilder", "Core", "CoreBuilder", "Defaults", "ServerVariable", "AuthProvider", "Request",
     "Encoding", "Call", "Page", "Pager", "PagerValue", "ItemStream", "Nullable", "File", "Files", "Body", "Binary",
     "EventStream", "ServerSentEvent", "Error", "ApiError", "ConnectionError", "TimeoutError", "DecodeError",
     "RawResponse", "RateLimit", "RequestOptions", "RetryConfig", "AuthConfig", "Hook", "OAuth", "OAuthTokens",
     "OAuthEndpoints", "LoginSettings", "AuthorizationRequest", "AuthorizationUrlParams", "Method", "Serialize",
     "Deserialize", "Deserializer", "Serializer", "Value", "Map", "BTreeMap", "Duration"}
)  # fmt: skip
TYPE_RESERVED = PRELUDE_TYPES | RUNTIME_TYPES

# Module names a resource file cannot give a sub-resource: the paths its code writes (`models::Pet`, `std::…`,
# crates), and the crate's own top-level modules.
MODULE_RESERVED = STD_CRATES | frozenset(
    {"models", "runtime", "resources", "client", "reqwest", "serde", "serde_json", "bytes", "tokio", "futures_util"}
)
# Field names a struct declares itself.
FIELD_RESERVED = frozenset({"extra"})
# Locals a method body uses (a path parameter of that name would be shadowed or shadow them).
LOCAL_RESERVED = frozenset({"r", "params", "body", "pager", "self"})
# The client's own methods: builder, from_env, and the options ClientBuilder has.
CLIENT_METHODS = frozenset({"builder", "from_env", "authenticate", "oauth", "clone", "fmt", "core"})
BUILDER_METHODS = frozenset(
    {"base_url", "timeout", "max_retries", "retry_config", "auth_config", "default_header", "http_client", "hook",
     "build", "oauth_tokens", "on_oauth_tokens", "clone", "fmt", "inner"}
)  # fmt: skip


def snake_words(ws: Sequence[str]) -> str:
    return "_".join(ws)


def pascal_words(ws: Sequence[str]) -> str:
    return "".join(w[:1].upper() + w[1:] for w in ws)


def identifier(ws: Sequence[str], fallback: str = "value", reserved: frozenset[str] = frozenset()) -> str:
    """A snake_case identifier (field, method, parameter, module): a leading digit gets the fallback in front, a
    keyword is written raw (`r#type`), a name Rust cannot write raw or one in `reserved` gets a `_` suffix."""
    name = snake_words(ws) or fallback
    if name[0].isdigit():
        name = f"{fallback}_{name}"
    if name in RAW_FORBIDDEN or name in reserved:
        return name + "_"
    if name in KEYWORDS:
        return "r#" + name
    return name


def unraw(name: str) -> str:
    """The name as serde and rustdoc see it (`r#type` → `type`)."""
    return name.removeprefix("r#")


def type_name(ws: Sequence[str], fallback: str, suffix: str) -> str:
    """A PascalCase type name: a leading digit gets `fallback` in front, a name a generated file already uses
    (`Option`, `Call`, `Error`…) gets `suffix`."""
    name = pascal_words(ws) or fallback
    if name[0].isdigit():
        name = fallback + name
    return name + suffix if name in TYPE_RESERVED else name


def module_name(ws: Sequence[str], parent: str | None = None) -> str:
    """A resource's module (and file) name: snake_case; a keyword or a path the resource files write gets
    `_resource` (`r#type` would work as a module but not as a file name on every system), as does a module named
    like its parent (clippy's module_inception)."""
    name = snake_words(ws) or "resource"
    if name[0].isdigit():
        name = "resource_" + name
    if name in KEYWORDS or name in MODULE_RESERVED or name == parent:
        return name + "_resource"
    return name


# Method names clippy reads as promises about their signature: `new` returns Self (new_ret_no_self), `len` comes
# with `is_empty` (len_without_is_empty).
_CLIPPY_METHODS = frozenset({"new", "len"})


def method_name(ws: Sequence[str]) -> str:
    """A method's name: snake_case, a keyword raw; `new` and `len` get a `_` suffix."""
    name = identifier(ws, "call")
    return name + "_" if name in _CLIPPY_METHODS else name


_CRATE = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")


def crate_name_problem(name: str) -> str | None:
    """Why crates.io (and cargo) refuse `name` as a package name, or None."""
    if not _CRATE.fullmatch(name):
        return "a crate name is 1 to 64 ASCII letters, digits, `-` and `_`, starting with a letter"
    lib = name.replace("-", "_")
    if lib in KEYWORDS:
        return "it is a Rust keyword"
    if lib in STD_CRATES:
        return "it is the name of a standard library crate"
    return None
