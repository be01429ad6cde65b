"""A YAML 1.2 (core schema) loader on top of libyaml.

PyYAML resolves plain scalars with YAML 1.1 rules: `on`/`no` become booleans,
`=` is a "value" tag that safe_load refuses, `2020-01-01` becomes a date and
`012` is octal. Real specs need YAML 1.2, where all of those are strings. The
parser stays libyaml's (fast); only the scalar resolver and the int/float
constructors are replaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.constructor import ConstructorError

from .bounds import LongInteger, integer

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


def _scalar_text(loader: Any, node: yaml.Node, tag: str) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise ConstructorError(
            None,
            None,
            f"expected a scalar for !!{tag}, not a {type(node).__name__.replace('Node', '').lower()}",
            node.start_mark,
        )
    return str(loader.construct_scalar(node))


def _bad_scalar(node: yaml.Node, tag: str, text: str) -> ConstructorError:
    return ConstructorError(None, None, f"{text[:40]!r} is not a YAML 1.2 {tag}", node.start_mark)


def _construct_int(loader: Any, node: yaml.Node) -> int | str:
    text = _scalar_text(loader, node, "int")
    try:
        if text.startswith("0o"):
            value = integer(text[2:], 8)
        elif text.startswith("0x"):
            value = integer(text[2:], 16)
        else:
            value = integer(text, 10)
    except ValueError:  # an explicit `!!int` on text that is not one
        raise _bad_scalar(node, "int", text) from None
    if isinstance(value, LongInteger):
        loader.long_integers = True
    return value


def _construct_float(loader: Any, node: yaml.Node) -> float:
    text = _scalar_text(loader, node, "float").lower()
    if text.endswith(".inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    if text == ".nan":
        return float("nan")
    try:
        return float(text)
    except ValueError:
        raise _bad_scalar(node, "float", text) from None


def _construct_bool(loader: Any, node: yaml.Node) -> bool:
    text = _scalar_text(loader, node, "bool")
    if text.lower() not in ("true", "false"):
        raise _bad_scalar(node, "bool", text)
    return text.lower() == "true"


def _construct_plain_mapping(loader: Any, node: yaml.Node) -> Any:
    """`!!set` is a mapping to nulls: a plain mapping, like JSON would have it."""
    return loader.construct_yaml_map(node)


def _construct_plain_sequence(loader: Any, node: yaml.Node) -> Any:
    """`!!omap` and `!!pairs` are sequences of one-entry mappings: a plain list of mappings."""
    return loader.construct_yaml_seq(node)


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
    long_integers = False  # set when an integer literal became a LongInteger

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        """The tag of an untagged node (libyaml's composer asks once per node): BaseResolver.resolve without the
        path resolvers and wildcard resolvers this loader does not have."""
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1] if value else "", ()):
                    if regexp.match(value):
                        return tag
            return _STR
        return _MAP if kind is yaml.MappingNode else _SEQ

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
Yaml12Loader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)
Yaml12Loader.add_constructor("tag:yaml.org,2002:set", _construct_plain_mapping)
Yaml12Loader.add_constructor("tag:yaml.org,2002:omap", _construct_plain_sequence)
Yaml12Loader.add_constructor("tag:yaml.org,2002:pairs", _construct_plain_sequence)
# Explicitly tagged 1.1 types (`!!timestamp`, `!!binary`) stay strings.
Yaml12Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)
Yaml12Loader.add_constructor("tag:yaml.org,2002:binary", yaml.SafeLoader.construct_yaml_str)


@dataclass
class Loaded:
    data: Any
    long_integers: bool  # the data holds LongInteger values (to be reported)


def parse_yaml(text: str) -> Loaded:
    """The document's data (an alias is the anchored mapping or list itself, not a copy: see bounds.py)."""
    loader = Yaml12Loader(text)
    try:
        node = loader.get_single_node()
        return Loaded(None if node is None else _Builder(loader).build(node), loader.long_integers)
    finally:
        loader.dispose()


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"


class _Builder:
    """Python data from composed nodes: plain mappings, sequences and strings directly (most of a document), every
    other node through the loader's constructors. The same data as `loader.construct_document`, several times
    faster; a node reached twice (an alias) gives the same object both times, as there."""

    def __init__(self, loader: Yaml12Loader) -> None:
        self.loader = loader
        self.built: dict[int, Any] = {}

    def build(self, node: yaml.Node) -> Any:
        kind, tag = type(node), node.tag
        if kind is yaml.ScalarNode and tag == _STR:
            return node.value
        done = self.built.get(id(node))
        if done is not None:
            return done
        if kind is yaml.MappingNode and tag == _MAP and not any(key.tag == _MERGE for key, _ in node.value):
            mapping: dict[Any, Any] = {}
            self.built[id(node)] = mapping
            for key_node, value_node in node.value:
                key = self.build(key_node)
                try:
                    hash(key)
                except TypeError:
                    raise ConstructorError(
                        "while constructing a mapping", node.start_mark, "found unhashable key", key_node.start_mark
                    ) from None
                mapping[key if type(key) is str else _key_text(key)] = self.build(value_node)
            return mapping
        if kind is yaml.SequenceNode and tag == _SEQ:
            items: list[Any] = []
            self.built[id(node)] = items
            items.extend(self.build(item) for item in node.value)
            return items
        value = self.loader.construct_object(node, deep=True)  # scalars of other types, tags, merge keys
        if kind is not yaml.ScalarNode:
            self.built[id(node)] = value
        return value


def load_yaml(text: str) -> Any:
    return parse_yaml(text).data


def compose_yaml(text: str) -> yaml.Node | None:
    return yaml.compose(text, Loader=Yaml12Loader)
