"""Reading one file into Python data, with a clear located error for every way it can fail."""

from __future__ import annotations

import json
import os
import re

import yaml

from ..diagnostics import error
from .sources import SourceFile, display_path
from .yaml12 import load_yaml

_JSON_SUFFIXES = (".json",)
_MAX_DEPTH = 1000
_TOO_DEEP = f"the document is nested more than {_MAX_DEPTH} levels deep"


def _line_of_offset(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def read_source(path: str) -> SourceFile:
    """Read a spec file as UTF-8 text; errors name the file (and line for bad bytes)."""
    shown = display_path(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise error("file not found", None, file=shown) from None
    except IsADirectoryError:
        raise error("is a directory, expected a spec file", None, file=shown) from None
    except OSError as exc:
        raise error(f"cannot read file: {exc.strerror}", None, file=shown) from None
    if b"\x00" in data[:8192]:
        line, col = _line_of_offset(data, data.index(b"\x00"))
        raise error("binary file, not a YAML or JSON document", None, file=shown, line=line, column=col)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _line_of_offset(data, exc.start)
        raise error(f"not UTF-8 text (byte 0x{data[exc.start]:02x})", None, file=shown, line=line, column=col) from None
    stripped = text.lstrip()
    is_json = path.lower().endswith(_JSON_SUFFIXES) or stripped.startswith("{")
    return SourceFile(shown, os.path.abspath(path), text, is_json)


def parse_source(source: SourceFile, require_mapping: bool = True) -> object:
    text = source.text
    if not text.strip():
        raise error("file is empty", None, file=source.path, line=1, column=1)
    if source.is_json:
        try:
            data: object = json.loads(text)
        except RecursionError:
            raise error(_TOO_DEEP, None, file=source.path, line=1, column=1) from None
        except json.JSONDecodeError as exc:
            if source.path.lower().endswith(_JSON_SUFFIXES):
                raise error(
                    f"invalid JSON: {exc.msg}", None, file=source.path, line=exc.lineno, column=exc.colno
                ) from None
            data = _parse_yaml(source)  # `{`-led YAML flow documents are still YAML
    else:
        data = _parse_yaml(source)
    if require_mapping and not isinstance(data, dict):
        kind = "empty" if data is None else type(data).__name__.replace("str", "a string").replace("list", "a list")
        raise error(
            f"the document root is {kind}, expected a mapping (an OpenAPI object)",
            None,
            file=source.path,
            line=1,
            column=1,
        )
    return data


def _flow_depth(text: str) -> int:
    """Deepest `[`/`{` nesting (quotes ignored: a rough but safe upper bound)."""
    depth = deepest = 0
    for char in re.findall(r"[\[\]{}]", text):
        depth += 1 if char in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _parse_yaml(source: SourceFile) -> object:
    # libyaml recurses in C on nested flow collections; refuse absurd nesting before it overflows.
    if source.text.count("[") + source.text.count("{") > _MAX_DEPTH and _flow_depth(source.text) > _MAX_DEPTH:
        raise error(_TOO_DEEP, None, file=source.path, line=1, column=1)
    try:
        return load_yaml(source.text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "syntax error"
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise error(f"invalid YAML: {problem}", None, file=source.path, line=line, column=col) from None
    except yaml.YAMLError as exc:
        raise error(f"invalid YAML: {exc}", None, file=source.path, line=1, column=1) from None
    except RecursionError:
        raise error(_TOO_DEEP, None, file=source.path, line=1, column=1) from None
