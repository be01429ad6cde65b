"""Line and column of a JSON pointer inside a source file, found only when a message needs one.

Loading uses the fast parsers (json, libyaml) which keep no positions. When a
diagnostic is printed we look the pointer up in the file's text: YAML is
composed (nodes carry marks) once per file and cached; JSON is scanned along
the pointer only, skipping sibling values with the C decoder.
"""

from __future__ import annotations

import json
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

import yaml

from .yaml12 import compose_yaml

_WS = " \t\n\r"
_decoder = json.JSONDecoder()


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


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


def _json_locate(text: str, parts: tuple[str, ...]) -> tuple[int, int]:
    """Index of the deepest value along `parts`, and how many parts were matched."""
    i = _skip_ws(text, 0)
    matched = 0
    for part in parts:
        if i >= len(text) or text[i] not in "{[":
            break
        found = -1
        if text[i] == "{":
            i = _skip_ws(text, i + 1)
            while i < len(text) and text[i] == '"':
                key, i = scanstring(text, i + 1)
                i = _skip_ws(text, i)
                i = _skip_ws(text, i + 1)  # the colon
                if key == part:
                    found = i
                    break
                i = _skip_value(text, i)
        else:
            if not part.isdigit():
                break
            want, index = int(part), 0
            i = _skip_ws(text, i + 1)
            while i < len(text) and text[i] != "]":
                if index == want:
                    found = i
                    break
                i = _skip_value(text, i)
                index += 1
        if found < 0:
            break
        i = found
        matched += 1
    return i, matched


def _yaml_locate(root: yaml.Node | None, parts: tuple[str, ...]) -> tuple[yaml.Node | None, int]:
    """The node that marks the deepest match: a mapping entry's key, a sequence's item."""
    node, mark, matched = root, root, 0
    for part in parts:
        child = key_node = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == part:
                    child, key_node = value, key
                    break
        elif isinstance(node, yaml.SequenceNode) and part.isdigit() and int(part) < len(node.value):
            child = key_node = node.value[int(part)]
        if child is None:
            break
        node, mark, matched = child, key_node, matched + 1
    return mark, matched


class PositionIndex:
    """Finds positions in one file's text; caches the YAML node tree."""

    def __init__(self, text: str, is_json: bool):
        self.text = text
        self.is_json = is_json
        self._yaml_root: Any = None
        self._yaml_failed = False

    def locate(self, parts: tuple[str, ...]) -> tuple[int, int, int]:
        """(line, column, parts matched) of the deepest node found along `parts` (1-based)."""
        try:
            if self.is_json:
                index, matched = _json_locate(self.text, parts)
                line, col = _line_col(self.text, index)
                return line, col, matched
            if self._yaml_root is None and not self._yaml_failed:
                try:
                    self._yaml_root = compose_yaml(self.text)
                except yaml.YAMLError:
                    self._yaml_failed = True
            node, matched = _yaml_locate(self._yaml_root, parts)
            if node is None:
                return 1, 1, 0
            return node.start_mark.line + 1, node.start_mark.column + 1, matched
        except (ValueError, IndexError):
            return 1, 1, 0
