"""Spec text in every context a Python SDK prints it, each through the one escaper for that context.

Prose (titles, descriptions, summaries) is normalised first (`text.prose`, `text.one_line`: line breaks, controls,
BOM, bidi controls, surrogates) and escaped after; wire values (enum values, defaults, names, paths, URLs) are
never normalised, only escaped, so the SDK sends exactly what the spec says.

| context                                          | escaper                                          |
|--------------------------------------------------|--------------------------------------------------|
| a string literal (wire values, names, URLs)      | `py_string`                                      |
| a JSON value as an expression (defaults, consts) | `py_literal` (numbers: `py_number`)              |
| the text part of an f-string                     | `py_fstring_text`                                |
| a docstring                                      | `docstring_lines` + `docstring`, `docstring_text`|
| a `#` comment                                    | `comment`                                        |
| a TOML basic string (pyproject.toml)             | `toml_string`                                    |
| Markdown (README)                                | `markdown.py`, shared by every target            |
"""

from __future__ import annotations

import functools
import math
import re

from .literals import hex_or_unicode_escape, quoted
from .text import one_line, prose

# ---------------------------------------------------------------------------------------------- Python code


def py_string(value: object) -> str:
    """A double-quoted Python string literal (black's preferred quotes) holding exactly `value`."""
    return _py_string(str(value))


@functools.lru_cache(maxsize=65536)  # wire names, paths and enum values recur (and each method is spelled twice)
def _py_string(text: str) -> str:
    return quoted(text, '"', hex_or_unicode_escape)


# Integers this wide may pass the 4300 digits CPython converts to or from decimal (`sys.int_info`).
_DECIMAL_BITS = 14000


def py_number(value: int | float) -> str:
    """A Python expression for a JSON number. Python integers have no range, so every integer the spec holds is
    written as it is (in hexadecimal past the 4300 digits CPython reads as decimal); infinities and NaN, which
    YAML spells `.inf` / `.nan` and no Python literal can, are written `float("inf")`, `float("-inf")` and
    `float("nan")`: the default the spec gives, in the language's spelling."""
    if isinstance(value, float) and not math.isfinite(value):
        return 'float("nan")' if math.isnan(value) else 'float("inf")' if value > 0 else 'float("-inf")'
    if isinstance(value, int) and value.bit_length() > _DECIMAL_BITS:
        return hex(value)
    return repr(value)


def py_literal(value: object) -> str:
    """A Python expression for a JSON value."""
    if value is None:
        return "None"
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, (int, float)):
        return py_number(value)
    if isinstance(value, list):
        return "[" + ", ".join(py_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{py_string(k)}: {py_literal(v)}" for k, v in value.items()) + "}"
    return py_string(value)


def py_fstring_text(text: str) -> str:
    """`text` as the literal part of a double-quoted f-string, without the quotes: escaped as `py_string` escapes
    it, braces doubled so no spec text becomes a replacement field."""
    return py_string(text.replace("{", "{{").replace("}", "}}"))[1:-1]


# ---------------------------------------------------------------------------------------------- docstrings


def _docstring_escaped(text: str) -> str:
    """Normalised text that cannot end a docstring or start an escape in it: backslashes doubled (`\\N{`, `\\x`,
    a trailing backslash stay text) and every `\"\"\"` written `\\"\\"\\"`."""
    return text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')


def docstring_lines(text: str) -> list[str]:
    """Prose as the lines of a docstring (see `docstring`): normalised, escaped, no trailing spaces, no blank
    lines at either end; a last line ending in a quote gets a full stop (`\"\"\"` after it would make four)."""
    out = [line.rstrip() for line in _docstring_escaped(prose(text)).strip().split("\n")]
    while out and not out[-1]:
        out.pop()
    if out and out[-1].endswith('"'):
        out[-1] += "."
    return out


def docstring_text(text: str) -> str:
    """Prose on one line inside a docstring our template opens and closes (`\"\"\"The client for {text}.\"\"\"`)."""
    return _docstring_escaped(one_line(text))


def docstring(lines: list[str], indent: int) -> str:
    """A docstring from `docstring_lines`: one line, or a summary and a body with the quotes on their own line."""
    if len(lines) == 1:
        return f'"""{lines[0]}"""'
    pad = " " * indent
    body = "\n".join(f"{pad}{line}" if line else "" for line in lines[1:])
    return f'"""{lines[0]}\n{body}\n{pad}"""'


# ---------------------------------------------------------------------------------------------- comments

# A comment a tool reads as an instruction to itself when it starts with one of these: mypy (`mypy:` anywhere in
# a file, `type: ignore`), ruff and flake8 (their file-wide `noqa`), black (`fmt: off`), and friends.
_DIRECTIVE = re.compile(r"(?:type|mypy|ruff|flake8|fmt|pyright|pylint|isort|yapf|pragma)\s*:|noqa\b|nosec\b", re.I)


def comment(text: str) -> str:
    """Prose as the text of a `#` comment: one line; text that a checker or formatter would take as its own
    directive (`type: ignore`, `ruff: noqa`, `mypy: ignore-errors`, `fmt: off`) is led by `Doc:` so it reads as
    prose to them too."""
    line = one_line(text)
    return f"Doc: {line}" if _DIRECTIVE.match(line) else line


# ---------------------------------------------------------------------------------------------- TOML


def _toml_escape(code: int) -> str:
    """TOML's `\\uXXXX`; a lone surrogate, which no TOML string can hold, as U+FFFD."""
    return "\\uFFFD" if 0xD800 <= code <= 0xDFFF else f"\\u{code:04X}"


def toml_string(text: str) -> str:
    """A TOML basic string: backslash and quote escaped, every control, line separator, BOM and bidi control
    written `\\n` / `\\uXXXX` (TOML has no `\\x`)."""
    return quoted(text, '"', _toml_escape)
