"""npm's rules for the TypeScript SDK's package: its name and its semver version."""

from __future__ import annotations

import re
from dataclasses import replace

from ..config import LanguageConfig
from ..diagnostics import error
from ..ir.naming import words
from .base import Target
from .semver import semantic_version

NPM_NAME_MAX = 214
# An npm package name for a new package: lowercase, URL-safe, not starting with `.` or `_`, optionally scoped.
_NPM_NAME = re.compile(r"(?:@[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*")


def package_name(target: Target, config: LanguageConfig) -> str:
    """The npm package name: a configured one as given (a clear error when npm would refuse it); a default one
    from the title's words, clear of Node's built-in modules and at most 214 characters."""
    if config.package_name_given:
        problem = _npm_name_problem(config.package_name, target.reserved_package_names)
        if problem:
            message = f"typescript: package_name {config.package_name!r} is not a valid npm package name: {problem}"
            raise error(message, "/typescript/package_name")
        return config.package_name
    found = words(config.package_name)
    while len("_".join(found)) > NPM_NAME_MAX - len("_sdk") and len(found) > 1:
        found.pop()
    trimmed = replace(config, package_name="_".join(found)[: NPM_NAME_MAX - len("_sdk")])
    return "_".join(target.package_words(trimmed))


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
    """The SDK version as npm's semver (`1.0` → `1.0.0`)."""
    return semantic_version(version, "typescript", "npm", "/typescript/version")
