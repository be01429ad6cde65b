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
| Markdown (README): text, paragraphs, code spans  | `markdown_text`, `markdown_lines`, `markdown_code`|
|                                                  | (`markdown_cell_code` in a table)                |
"""

from __future__ import annotations

import math
import re

from .literals import hex_or_unicode_escape, quoted
from .text import one_line, prose

# ---------------------------------------------------------------------------------------------- Python code


def py_string(value: object) -> str:
    """A double-quoted Python string literal (black's preferred quotes) holding exactly `value`."""
    return quoted(str(value), '"', hex_or_unicode_escape)


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


# ---------------------------------------------------------------------------------------------- Markdown

# Characters with a meaning in Markdown inline text, written so they render as themselves: backslash escapes for
# emphasis, code, links, tables, strike-through and headings; entities for what would start raw HTML.
_MARKDOWN = {
    "\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]", "|": "\\|", "~": "\\~", "#": "\\#",
    "<": "&lt;", ">": "&gt;", "&": "&amp;",
}  # fmt: skip


def _markdown_inline(text: str) -> str:
    """Normalised text as Markdown that renders as that text, inside a line."""
    return "".join(_MARKDOWN.get(char, char) for char in text)


def markdown_text(text: str) -> str:
    """Prose as Markdown inline text on one line, placed after other text (a heading's, a sentence's)."""
    return _markdown_inline(one_line(text))


def markdown_lines(text: str, limit: int | None = None) -> list[str]:
    """A spec description (CommonMark) as the lines of a README section, at most `limit` of them. Its inline
    Markdown is kept (emphasis, links, code spans); what could take over the README is not: `<` outside a code
    span is written `&lt;` (no raw HTML), a run of three or more backticks or tildes has its first one escaped (no
    fenced code block opens or closes), a heading or setext underline is escaped, and indentation is cut to three
    spaces (no indented code block). The section is left with no blank line at either end."""
    lines: list[str] = []
    for line in prose(text).split("\n"):
        line = line.rstrip()
        if line or (lines and lines[-1]):
            lines.append(line)
    lines = lines[:limit]
    while lines and not lines[-1]:
        lines.pop()
    return [_markdown_block_line(line) for line in lines]


def _markdown_block_line(line: str) -> str:
    stripped = line.lstrip(" ")
    indent = " " * min(len(line) - len(stripped), 3)
    out = "".join(piece if code else _markdown_prose_piece(piece) for piece, code in _code_spans(stripped))
    if out.startswith("#") or (out and not out.strip("=- ")):
        out = "\\" + out
    return indent + out


def _markdown_prose_piece(text: str) -> str:
    """Text outside code spans: `<` as an entity, the first of three or more backticks or tildes escaped."""
    out: list[str] = []
    for i, char in enumerate(text):
        if char == "<":
            out.append("&lt;")
        elif char in "`~" and text[i : i + 3] == char * 3 and (i == 0 or text[i - 1] != char):
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def _code_spans(line: str) -> list[tuple[str, bool]]:
    """`line` cut into (text, is a code span) pieces: a run of backticks opens a span closed by the next run of
    the same length on this line (CommonMark 6.1); a backslash-escaped backtick opens none. A span that would close
    on a later line is not taken as one, so its text is escaped as prose (safe, if less pretty)."""
    pieces: list[tuple[str, bool]] = []
    start = i = 0
    while i < len(line):
        if line[i] == "\\":
            i += 2
            continue
        if line[i] != "`":
            i += 1
            continue
        run = _backtick_run(line, i)
        close = i + run
        while close < len(line) and _backtick_run(line, close) != run:
            close += _backtick_run(line, close) or 1
        if close >= len(line):
            i += run  # no closing run: literal backticks
            continue
        pieces += [(line[start:i], False), (line[i : close + run], True)]
        start = i = close + run
    pieces.append((line[start:], False))
    return [(text, code) for text, code in pieces if text]


def _backtick_run(line: str, start: int) -> int:
    end = start
    while end < len(line) and line[end] == "`":
        end += 1
    return end - start


def markdown_code(text: str) -> str:
    """A value as a Markdown code span, on one line (`text.one_line`): fenced by one backtick more than its
    longest run of backticks, padded with a space when it starts or ends with one (CommonMark 6.1)."""
    content = one_line(text)
    longest = run = 0
    for char in content:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    if not content or content.startswith("`") or content.endswith("`"):
        content = f" {content} "
    return f"{fence}{content}{fence}"


def markdown_cell_code(text: str) -> str:
    """A code span inside a table cell: `|` would end the cell, so it is written `\\|` (GitHub tables)."""
    return markdown_code(text).replace("|", "\\|")
