"""The SDK version as the semantic version package registries take (npm, Cargo, Composer, Maven by habit)."""

from __future__ import annotations

import re

from ..diagnostics import error

SEMVER = re.compile(
    r"(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)"
    r"(?:-(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*)?"
)


def semantic_version(version: str, language: str, tool: str, pointer: str) -> str:
    """The version as semver: a release number from the spec gets its missing parts (`1.0` → `1.0.0`) and loses
    leading zeros (`01.2` → `1.2.0`), in its prerelease numbers too. Anything else semver cannot hold is an error
    naming `tool` (the registry that would refuse it) at `pointer` in zsdk.yaml."""
    release, dash, prerelease = version.partition("-")
    parts = release.split(".")
    if 1 <= len(parts) <= 3 and all(p.isascii() and p.isdigit() for p in parts):
        release = ".".join([str(int(p)) for p in parts] + ["0"] * (3 - len(parts)))
    identifiers = [str(int(p)) if p.isascii() and p.isdigit() else p for p in prerelease.split(".")]
    normalised = release + (dash + ".".join(identifiers) if dash else "")
    if not SEMVER.fullmatch(normalised):
        raise error(f"{language}: version {version!r} is not a semantic version {tool} accepts, such as 1.2.0",
                    pointer)  # fmt: skip
    return normalised
