"""How much work one document may cause: five bounds, each changeable through an environment variable.

A spec is data from anywhere; these bounds keep a small hostile file (a YAML
alias bomb, a thousand-level nesting, a 60 MB blob) from hanging the tool or
exhausting its memory. Going past one is a located error, never a hang or a
crash. The defaults let the largest real specs through with wide margins:
GitHub's and Stripe's, about 4 MB and 85,000 values each and nested 24 levels
deep, use a sixteenth of the size limit, under a twentieth of the value limit and a
fifth of the depth limit; none of the 465 real specs has a YAML alias.

    ZSDK_MAX_DOCUMENT_BYTES     67108864 (64 MiB)  the size of each spec file
    ZSDK_MAX_NODES              2000000            the values (mappings, lists and scalars) of a file with its
                                                   YAML aliases expanded; also the values bundling copies in
                                                   from other files, the fields the IR builder copies through
                                                   allOf, and Swagger 2.0 media types × operations
    ZSDK_MAX_YAML_ALIASES       10000              alias uses (`*name`) in one YAML file
    ZSDK_MAX_DEPTH              128                the nesting of mappings and lists
    ZSDK_MAX_VALIDATOR_SECONDS  120                openapi-spec-validator's time (`validate` only)

A value must be a whole number of at least 1; anything else is an error that
names the variable. (The YAML and JSON parsers stop at about 1000 levels of
nesting whatever ZSDK_MAX_DEPTH says.)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields

from ..diagnostics import error


@dataclass(frozen=True)
class Limits:
    max_document_bytes: int = 64 * 1024 * 1024
    max_nodes: int = 2_000_000
    max_yaml_aliases: int = 10_000
    max_depth: int = 128
    max_validator_seconds: int = 120

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """The defaults, overridden by the ZSDK_MAX_* variables that are set; SpecError for a bad value."""
        environ = os.environ if environ is None else environ
        defaults = cls()
        values: dict[str, int] = {}
        for spec in fields(cls):
            name = variable(spec.name)
            text = environ.get(name, "").strip()
            if text:
                values[spec.name] = _positive(name, text, getattr(defaults, spec.name))
        return cls(**values)


def variable(field_name: str) -> str:
    """`max_nodes` → `ZSDK_MAX_NODES`: the environment variable that sets a limit."""
    return "ZSDK_" + field_name.upper()


def _positive(name: str, text: str, default: int) -> int:
    try:
        value = int(text) if text.isascii() else 0
    except ValueError:
        value = 0
    if value < 1:
        raise error(f"must be a whole number of at least 1, not {text!r} (the default is {default})", None, file=name)
    return value
