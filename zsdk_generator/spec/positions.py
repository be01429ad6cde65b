"""Line and column of a JSON pointer inside a source file, found only when a message needs one.

Loading uses the fast parsers (json, libyaml) which keep no positions. When a
diagnostic is printed we look the pointer up in the file's text: YAML is
composed (nodes carry marks) once per file and cached; JSON is scanned along
the pointer only, skipping sibling values with the C decoder. The children of
each container a pointer passes through are indexed once, so ten thousand
diagnostics cost about as much as one.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from itertools import accumulate
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

import yaml

from .yaml12 import compose_yaml

_WS = " \t\n\r"
# Skipping only: numbers stay text (a 5000-digit integer must not stop the scan; see bounds.LongInteger).
_decoder = json.JSONDecoder(parse_int=str, parse_float=str, parse_constant=str)


class _Lines:
    """Line and column of an offset, by bisecting the line starts (found once)."""

    def __init__(self, text: str):
        self.starts = [0, *accumulate(len(line) + 1 for line in text.split("\n"))]

    def line_col(self, index: int) -> tuple[int, int]:
        line = bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1


def _skip_ws(text: str, i: int) -> int:
    while i < len(text) and text[i] in _WS:
        i += 1
    return i


def _skip_value(text: str, i: int) -> int:
    """Past the value at `i` (decoded by the C scanner and dropped) and its trailing comma."""
    _, i = _decoder.raw_decode(text, i)
    i = _skip_ws(text, i)
    if i < len(text) and text[i] == ",":
        i = _skip_ws(text, i + 1)
    return i


def _json_children(text: str, i: int) -> dict[str, int]:
    """Where each child value of the container at `i` starts, by key (array items by their index as text)."""
    children: dict[str, int] = {}
    if text[i] == "{":
        i = _skip_ws(text, i + 1)
        while i < len(text) and text[i] == '"':
            key, i = scanstring(text, i + 1)
            i = _skip_ws(text, i)
            i = _skip_ws(text, i + 1)  # the colon
            children[key] = i  # a repeated key: the last one is the value, as for the parser
            i = _skip_value(text, i)
    else:
        index = 0
        i = _skip_ws(text, i + 1)
        while i < len(text) and text[i] != "]":
            children[str(index)] = i
            i = _skip_value(text, i)
            index += 1
    return children


def _yaml_children(node: yaml.Node) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """Each child of a mapping or sequence node by key (items by index): (the node that marks it, the child)."""
    if isinstance(node, yaml.MappingNode):
        children: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                children[key.value] = (key, value)
        return children
    if isinstance(node, yaml.SequenceNode):
        return {str(i): (item, item) for i, item in enumerate(node.value)}
    return {}


class PositionIndex:
    """Finds positions in one file's text; caches the YAML node tree and each container's children once read."""

    def __init__(self, text: str, is_json: bool):
        self.text = text
        self.is_json = is_json
        self._yaml_root: Any = None
        self._yaml_failed = False
        self._json_children: dict[int, dict[str, int]] = {}  # container offset → child offsets
        self._yaml_children: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = {}
        self._lines: _Lines | None = None

    def locate(self, parts: tuple[str, ...]) -> tuple[int, int, int]:
        """(line, column, parts matched) of the deepest node found along `parts` (1-based)."""
        try:
            if self.is_json:
                index, matched = self._json_locate(parts)
                if self._lines is None:
                    self._lines = _Lines(self.text)
                line, col = self._lines.line_col(index)
                return line, col, matched
            if self._yaml_root is None and not self._yaml_failed:
                try:
                    self._yaml_root = compose_yaml(self.text)
                except yaml.YAMLError:
                    self._yaml_failed = True
            node, matched = self._yaml_locate(parts)
            if node is None:
                return 1, 1, 0
            return node.start_mark.line + 1, node.start_mark.column + 1, matched
        except (ValueError, IndexError, RecursionError):
            return 1, 1, 0

    def _json_locate(self, parts: tuple[str, ...]) -> tuple[int, int]:
        """Index of the deepest value along `parts`, and how many parts were matched."""
        text = self.text
        i = _skip_ws(text, 0)
        matched = 0
        for part in parts:
            if i >= len(text) or text[i] not in "{[":
                break
            children = self._json_children.get(i)
            if children is None:
                children = self._json_children[i] = _json_children(text, i)
            found = children.get(part)
            if found is None:
                break
            i = found
            matched += 1
        return i, matched

    def _yaml_locate(self, parts: tuple[str, ...]) -> tuple[yaml.Node | None, int]:
        """The node that marks the deepest match: a mapping entry's key, a sequence's item."""
        node, mark, matched = self._yaml_root, self._yaml_root, 0
        for part in parts:
            if node is None:
                break
            children = self._yaml_children.get(id(node))
            if children is None:
                children = self._yaml_children[id(node)] = _yaml_children(node)
            found = children.get(part)
            if found is None:
                break
            mark, node = found
            matched += 1
        return mark, matched
