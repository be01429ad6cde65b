"""A YAML 1.2 (core schema) loader on top of libyaml.

PyYAML resolves plain scalars with YAML 1.1 rules: `on`/`no` become booleans,
`=` is a "value" tag that safe_load refuses, `2020-01-01` becomes a date and
`012` is octal. Real specs need YAML 1.2, where all of those are strings. The
parser stays libyaml's (fast); only the scalar resolver and the int/float
constructors are replaced.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_CORE_RESOLVERS: list[tuple[str, re.Pattern[str], str]] = [
    ("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), "~nN"),
    ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    ("tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        re.compile(
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        "-+.0123456789",
    ),
    ("tag:yaml.org,2002:merge", re.compile(r"^<<$"), "<"),
]


def _construct_int(loader: Any, node: yaml.ScalarNode) -> int:
    text: str = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


def _construct_float(loader: Any, node: yaml.ScalarNode) -> float:
    text: str = loader.construct_scalar(node).lower()
    if text.endswith(".inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    if text == ".nan":
        return float("nan")
    return float(text)


def _key_text(key: Any) -> Any:
    """Mapping keys become strings the way JSON would spell them (`200:` → "200")."""
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return "null"
    if isinstance(key, (int, float)):
        return str(key)
    return key


class Yaml12Loader(_BaseLoader):  # type: ignore[misc]
    """libyaml parser + YAML 1.2 core-schema scalar resolution; mapping keys are strings."""

    yaml_implicit_resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]] = {}

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        for key in mapping:
            if type(key) is not str:
                return {_key_text(k): v for k, v in mapping.items()}
        return mapping  # type: ignore[no-any-return]


for _tag, _regexp, _first in _CORE_RESOLVERS:
    Yaml12Loader.add_implicit_resolver(_tag, _regexp, list(_first))
Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
Yaml12Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
# Explicitly tagged 1.1 types (`!!timestamp`, `!!binary`) stay strings.
Yaml12Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)
Yaml12Loader.add_constructor("tag:yaml.org,2002:binary", yaml.SafeLoader.construct_yaml_str)


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=Yaml12Loader)


def compose_yaml(text: str) -> yaml.Node | None:
    return yaml.compose(text, Loader=Yaml12Loader)
