"""How much work one document may cause: four bounds, each changeable through an environment variable.

A spec is data from anywhere; these bounds keep a small hostile file (a YAML
alias bomb, a million-level nesting, a 60 MB blob) from hanging or exhausting
the tool. The defaults let the largest real specs through with wide margins
(the biggest known — GitHub's and Stripe's, about 4 MB and 85,000 nodes each,
nested 24 levels — use a fifteenth of the size limit and a twentieth of the
node limit). Going past a bound is a located error, never a hang or a crash.

| variable                 | default    | bounds                                                        |
|--------------------------|------------|---------------------------------------------------------------|
| ZSDK_MAX_DOCUMENT_BYTES  | 67108864   | the size of each spec file (64 MiB)                           |
| ZSDK_MAX_NODES           | 2000000    | the values (mappings, lists, scalars) of a document with its  |
|                          |            | YAML aliases expanded; also what bundling copies in from      |
|                          |            | other files and the fields the IR builder merges through allOf|
| ZSDK_MAX_YAML_ALIASES    | 10000      | alias uses (`*name`) in one YAML file                          |
| ZSDK_MAX_DEPTH           | 128        | the nesting of mappings and lists                              |
| ZSDK_MAX_VALIDATOR_SECONDS | 120      | the time openapi-spec-validator may take (`validate` only)     |

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
        values: dict[str, int] = {}
        for spec in fields(cls):
            name = variable(spec.name)
            text = environ.get(name, "").strip()
            if text:
                values[spec.name] = _positive(name, text, spec.default)  # type: ignore[arg-type]
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
