"""Reading one file into Python data, with a clear located error for every way it can fail."""

from __future__ import annotations

import itertools
import json
import os
from dataclasses import replace

import yaml

from ..diagnostics import Diagnostic, SpecError, error
from .bounds import check_long_integers, check_tree, integer
from .limits import Limits, variable
from .pointer import split
from .sources import SourceFile, display_path
from .surrogates import may_have_surrogates, replace_surrogates
from .yaml12 import Loaded, parse_yaml

_JSON_SUFFIXES = (".json",)
# The parsers' own nesting bound (libyaml stops at 1000 levels; json recurses in C up to the recursion limit).
_PARSER_DEPTH = 1000
_TOO_DEEP = f"the document is nested more than {_PARSER_DEPTH} levels deep"


def _line_of_offset(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def read_source(path: str, limits: Limits | None = None) -> SourceFile:
    """Read a spec file as UTF-8 text; errors name the file (and line for bad bytes)."""
    limits = limits or Limits.from_environment()
    shown = display_path(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limits.max_document_bytes + 1)
    except FileNotFoundError:
        raise error("file not found", None, file=shown) from None
    except IsADirectoryError:
        raise error("is a directory, expected a spec file", None, file=shown) from None
    except OSError as exc:
        raise error(f"cannot read file: {exc.strerror}", None, file=shown) from None
    if len(data) > limits.max_document_bytes:
        message = (
            f"the file is larger than {limits.max_document_bytes} bytes "
            f"(the limit is set by {variable('max_document_bytes')})"
        )
        raise error(message, None, file=shown, line=1, column=1)
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


def parse_source(
    source: SourceFile,
    require_mapping: bool = True,
    limits: Limits | None = None,
    warnings: list[Diagnostic] | None = None,
) -> object:
    """The file's data, within `limits`; warnings (replaced surrogates) are appended to `warnings`."""
    limits = limits or Limits.from_environment()
    text = source.text
    if not text.strip():
        raise error("file is empty", None, file=source.path, line=1, column=1)
    try:
        loaded = _parse(source, limits)
        if loaded.long_integers:
            check_long_integers(loaded.data)
    except SpecError as exc:
        raise _located(exc, source) from None
    data = loaded.data
    if require_mapping and not isinstance(data, dict):
        kind = "empty" if data is None else type(data).__name__.replace("str", "a string").replace("list", "a list")
        raise error(
            f"the document root is {kind}, expected a mapping (an OpenAPI object)",
            None,
            file=source.path,
            line=1,
            column=1,
        )
    if source.is_json and may_have_surrogates(text):
        replaced = replace_surrogates(data)
        if replaced is not None and warnings is not None:
            warnings.append(_located(SpecError(replaced), source).diagnostic)
    return data


def _located(exc: SpecError, source: SourceFile) -> SpecError:
    """The error with this file's name, and its line from its pointer when the parser gave none."""
    found = exc.diagnostic
    if not found.line and found.pointer is not None:
        line, column, _ = source.locate(split(found.pointer))
        found = replace(found, line=line, column=column)
    return SpecError(replace(found, file=source.path))


def _parse(source: SourceFile, limits: Limits) -> Loaded:
    """Parse JSON or YAML and hold it against the limits (SpecError, maybe with only a pointer)."""
    if source.is_json:
        long_integers: list[str] = []

        def parse_int(text: str) -> object:
            value = integer(text)
            if not isinstance(value, int):
                long_integers.append(text)
            return value

        try:
            data: object = json.loads(source.text, parse_int=parse_int)
        except RecursionError:
            raise error(_TOO_DEEP, None, file=source.path, line=1, column=1) from None
        except json.JSONDecodeError as exc:
            if source.path.lower().endswith(_JSON_SUFFIXES):
                raise error(
                    f"invalid JSON: {exc.msg}", None, file=source.path, line=exc.lineno, column=exc.colno
                ) from None
        else:
            check_tree(data, limits, may_share=False)
            return Loaded(data, bool(long_integers))
    # YAML (also a `{`-led YAML flow document that is not JSON)
    loaded = _parse_yaml(source)
    check_tree(loaded.data, limits, may_share=True)
    return loaded


def _flow_depth(text: str) -> int:
    """Deepest `[`/`{` nesting (quotes ignored: a rough but safe upper bound). UTF-8 spells these four characters
    as single bytes no other character's bytes contain, so the brackets are taken out of the encoded text."""
    brackets = text.encode("utf-8", "surrogatepass").translate(None, _NOT_BRACKETS)
    return max(itertools.accumulate(map(_NESTING.__getitem__, brackets)), default=0)


_NOT_BRACKETS = bytes(byte for byte in range(256) if byte not in b"[]{}")
_NESTING = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


def _parse_yaml(source: SourceFile) -> Loaded:
    # libyaml recurses in C on nested flow collections; refuse absurd nesting before it overflows.
    if source.text.count("[") + source.text.count("{") > _PARSER_DEPTH and _flow_depth(source.text) > _PARSER_DEPTH:
        raise error(_TOO_DEEP, None, file=source.path, line=1, column=1)
    try:
        return parse_yaml(source.text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "syntax error"
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise error(f"invalid YAML: {problem}", None, file=source.path, line=line, column=col) from None
    except yaml.YAMLError as exc:
        raise error(f"invalid YAML: {exc}", None, file=source.path, line=1, column=1) from None
    except RecursionError:
        raise error(_TOO_DEEP, None, file=source.path, line=1, column=1) from None
