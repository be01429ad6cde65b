"""Spec text in Markdown (every SDK's README): one policy for all targets.

- `markdown_text`: one line of prose that renders as exactly its text — titles, summaries, names, values.
- `markdown_lines`: a spec description (OpenAPI descriptions are CommonMark): its inline Markdown is kept, but
  nothing in it can take over the README — no raw HTML, no code fence opened or closed, no heading, no
  indented code block.
- `markdown_code` / `markdown_cell_code`: a wire value (a path, a URL) as a code span that cannot end early.

All of them normalise with `text.prose` / `text.one_line` first.
"""

from __future__ import annotations

import re

from .text import one_line, prose

# Characters with a meaning in CommonMark or GitHub's Markdown anywhere in a line: written as a backslash escape,
# or as an entity for the HTML characters (so no spec text is raw HTML, an autolink or an entity of its own).
_MARKDOWN_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", **{c: "\\" + c for c in "\\`*_[]|~$"}}
_MARKDOWN_SPECIAL = re.compile("[" + re.escape("".join(_MARKDOWN_ESCAPES)) + "]")


def markdown_text(text: str) -> str:
    """Spec prose as one line of Markdown that renders as exactly its text (OpenAPI allows CommonMark in a
    description, but spec text is text here): no emphasis, code span, link, image, HTML, entity, table, math or
    strikethrough, and no line start that opens a heading, list or block or underlines a heading. An `_` between
    two letters or digits stays as it is (it cannot be emphasis there)."""
    line = one_line(text)
    out = _MARKDOWN_SPECIAL.sub(_markdown_escape, line)  # digits and `+-=#` stay: `out` lines up with `line` there
    if line[:1] in ("+", "-", "=", "#"):
        out = "\\" + out
    digits = len(line) - len(line.lstrip("0123456789"))
    if 0 < digits <= 9 and line[digits : digits + 1] in (".", ")") and line[digits + 1 : digits + 2] in ("", " "):
        out = out[:digits] + "\\" + out[digits:]  # `1. ` or `1)` would start an ordered list; `1.4.0` does not
    return out


def _markdown_escape(found: re.Match[str]) -> str:
    char, line, i = found.group(), found.string, found.start()
    if char == "_" and line[i - 1 : i].isalnum() and line[i + 1 : i + 2].isalnum():
        return char
    return _MARKDOWN_ESCAPES[char]


def markdown_lines(text: str) -> list[str]:
    """A spec description (CommonMark) as the lines of a README section, whole. Its inline
    Markdown is kept (emphasis, links, code spans); what could take over the README is not: `<` outside a code
    span is written `&lt;` (no raw HTML), a run of three or more backticks or tildes has its first one escaped (no
    fenced code block opens or closes), a heading or setext underline is escaped, and indentation is cut to three
    spaces (no indented code block). The section is left with no blank line at either end."""
    lines: list[str] = []
    for line in prose(text).split("\n"):
        line = line.rstrip()
        if line or (lines and lines[-1]):
            lines.append(line)
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
