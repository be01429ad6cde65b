"""rustfmt's layout (edition 2024, default settings) for the constructs the Rust templates emit, computed in Python
so generation never needs rustfmt; and the escapers for the contexts spec text reaches in a Rust SDK.

The widths are rustfmt's defaults: lines of 100 columns, a call's arguments on one line only when they take at
most 60 columns (`fn_call_width`), a method chain on one line only when it takes at most 60 (`chain_width`).
Broken, a call puts one argument per line with a trailing comma, a chain one `.method()` per line under its root,
a function signature one parameter per line. tests/toolchain/test_rust_sdk.py checks the output with
`cargo fmt --check`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .literals import quoted
from .markdown import markdown_text
from .text import prose

WIDTH = 100
CALL_WIDTH = 60
CHAIN_WIDTH = 60
INDENT = "    "


def rust_string(value: object) -> str:
    """A Rust string literal, safe for any text: the value exactly, every unsafe character as `\\u{…}` (a lone
    surrogate, which no Rust string can hold, as U+FFFD)."""
    text = str(value)
    if text.isascii() and text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'
    return quoted(text, '"', _rust_escape)


def _rust_escape(code: int) -> str:
    if code == 0:
        return "\\0"
    if 0xD800 <= code <= 0xDFFF:
        return "\\u{fffd}"
    return f"\\x{code:02x}" if code < 0x80 else f"\\u{{{code:x}}}"


# ---------------------------------------------------------------------------------------------- expressions


@dataclass(frozen=True)
class Call:
    """`callee(args…)`: a function, method or constructor call."""

    callee: str
    args: tuple[Expr, ...] = ()


@dataclass(frozen=True)
class Chain:
    """`root.a(…).b(…)`: a method chain; a link is a Call (its callee the method's name) or a field's name."""

    root: Expr
    links: tuple[Call | str, ...]


@dataclass(frozen=True)
class Array:
    """`&[a, b]`: a slice literal."""

    items: tuple[Expr, ...]
    prefix: str = "&"


Expr = str | Call | Chain | Array


def flat(expr: Expr) -> str:
    """The expression on one line."""
    if isinstance(expr, str):
        return expr
    if isinstance(expr, Call):
        return f"{expr.callee}({', '.join(flat(a) for a in expr.args)})"
    if isinstance(expr, Array):
        return f"{expr.prefix}[{', '.join(flat(a) for a in expr.items)}]"
    return flat(expr.root) + "".join("." + flat(link) for link in expr.links)


def _one_line_ok(expr: Expr) -> bool:
    """Whether rustfmt's width heuristics let `expr` stay on one line (given room for it): a call's arguments
    take at most 60 columns, an array's items 60, a chain of two or more links 60 in all."""
    if isinstance(expr, str):
        return True
    if isinstance(expr, Call):
        return len(", ".join(flat(a) for a in expr.args)) <= CALL_WIDTH and all(_one_line_ok(a) for a in expr.args)
    if isinstance(expr, Array):
        return len(", ".join(flat(a) for a in expr.items)) <= CALL_WIDTH and all(_one_line_ok(a) for a in expr.items)
    if len(expr.links) > 1 and len(flat(expr)) > CHAIN_WIDTH:  # one link: a method call, not a chain
        return False
    return _one_line_ok(expr.root) and all(_one_line_ok(link) for link in expr.links)


def layout(expr: Expr, indent: int, used: int, tail: int = 0) -> str:
    """`expr` as rustfmt writes it when it starts `used` columns into a line indented by `indent` columns and
    `tail` columns follow it on its last line (`;`, `,`)."""
    one = flat(expr)
    if isinstance(expr, str) or (used + len(one) + tail <= WIDTH and _one_line_ok(expr)):
        return one
    pad = " " * (indent + 4)
    if isinstance(expr, Call):
        if not expr.args:
            return one
        if len(expr.args) == 1 and isinstance(expr.args[0], Array):  # a sole slice argument is hugged
            return f"{expr.callee}({layout(expr.args[0], indent, used + len(expr.callee) + 1, tail + 1)})"
        lines = [f"{pad}{layout(a, indent + 4, indent + 4, 1)}," for a in expr.args]
        return f"{expr.callee}(\n" + "\n".join(lines) + "\n" + " " * indent + ")"
    if isinstance(expr, Array):
        lines = [f"{pad}{layout(a, indent + 4, indent + 4, 1)}," for a in expr.items]
        return f"{expr.prefix}[\n" + "\n".join(lines) + "\n" + " " * indent + "]"
    # Broken: a root at the start of its line that is no wider than an indent keeps its first link (`r.query(`,
    # `self.inner`); the other links go one per line, unless only the last one is too long even on a line of its
    # own: then it breaks its arguments after the others (`self.inner.credential(` …).
    root, links = flat(expr.root), list(expr.links)
    if isinstance(expr.root, str) and len(root) <= 4 - (used - indent):
        first = links.pop(0)
        if not links:
            assert isinstance(first, Call)
            return root + "." + layout(first, indent, used + len(root) + 1, tail)
        root += "." + flat(first)
    last = links[-1]
    head = root + "".join("." + flat(link) for link in links[:-1])
    vertical_last = indent + 5 + len(flat(last)) + tail <= WIDTH and _one_line_ok(last)
    if vertical_last or isinstance(last, str) or used + len(head) > WIDTH:
        lines = [f"{pad}.{layout(link, indent + 4, indent + 5, tail if i == len(links) - 1 else 0)}"
                 for i, link in enumerate(links)]  # fmt: skip
        return root + "\n" + "\n".join(lines)
    return head + "." + layout(last, indent, used + len(head) + 1, tail)


def statement(expr: Expr, indent: int, prefix: str = "", end: str = ";") -> str:
    """One statement (`prefix` — `let x = `, `x = ` — then the expression and `end`), its first line unindented
    (the template indents it), at block depth `indent` columns. An assignment whose value does not fit after the
    `=` but fits on one line of its own goes on the next line, as rustfmt puts it."""
    one = flat(expr)
    if prefix.endswith("= ") and indent + len(prefix) + len(one) + len(end) > WIDTH and _one_line_ok(expr) \
            and indent + 4 + len(one) + len(end) <= WIDTH:  # fmt: skip
        return prefix.rstrip() + "\n" + " " * (indent + 4) + one + end
    return prefix + layout(expr, indent, indent + len(prefix), len(end)) + end


# ---------------------------------------------------------------------------------------------- items


def signature(indent: int, head: str, params: Sequence[str], returns: str = "", open_brace: bool = True) -> str:
    """`head(params) -> returns {`: on one line when it fits in 100 columns, else one parameter per line (and the
    brace on a line of its own when the return type leaves no room for it)."""
    arrow = f" -> {returns}" if returns else ""
    brace = " {" if open_brace else ""
    one = f"{head}({', '.join(params)}){arrow}{brace}"
    if indent + len(one) <= WIDTH:
        return one
    pad = " " * (indent + 4)
    lines = f"{head}(\n" + "".join(f"{pad}{p},\n" for p in params) + " " * indent if params else f"{head}("
    close = f"){arrow}"
    if not open_brace:
        return lines + close
    if 2 * indent + len(close) + 2 <= WIDTH:  # rustfmt's budget for this line leaves out the indent twice
        return lines + close + " {"
    outer, _, inner = returns.partition("<")
    if indent + len(close) <= WIDTH or "<" not in inner:
        return lines + close + "\n" + " " * indent + "{"
    if indent + 4 + len(inner) <= WIDTH and inner.endswith(">"):
        return f"{lines}) -> {outer}<\n{' ' * (indent + 4)}{inner[:-1]},\n{' ' * indent}> {{"
    return lines + close + "{"  # rustfmt gives up on the line and leaves the brace where it is


def attribute(indent: int, name: str, args: str) -> str:
    """`#[name(args)]`, its arguments on a line of their own when the attribute does not fit."""
    one = f"#[{name}({args})]"
    if indent + len(one) <= WIDTH:
        return one
    return f"#[{name}(\n{' ' * (indent + 4)}{args}\n{' ' * indent})]"


def match_arm(indent: int, pattern: str, value: Expr) -> str:
    """`pattern => value,`; the value in a block when the arm does not fit, or — a call too wide for one line —
    its arguments broken after the `=>`."""
    one = f"{pattern} => {flat(value)},"
    if indent + len(one) <= WIDTH and _one_line_ok(value):
        return one
    if _one_line_ok(value) and indent + 4 + len(flat(value)) <= WIDTH:
        return f"{pattern} => {{\n{' ' * (indent + 4)}{flat(value)}\n{' ' * indent}}}"
    return f"{pattern} => {layout(value, indent, indent + len(pattern) + 4, 1)},"


def struct_literal(indent: int, name: str, fields: Sequence[tuple[str, str]]) -> str:
    """`Name { a: b }`: on one line only when its fields take at most 18 columns (`struct_lit_width`)."""
    inner = ", ".join(f"{k}: {v}" if k != v else k for k, v in fields)
    if not fields:
        return f"{name} {{}}"
    if len(inner) <= 18 and indent + len(name) + len(inner) + 6 <= WIDTH:
        return f"{name} {{ {inner} }}"
    pad = " " * (indent + 4)
    return f"{name} {{\n" + "".join(f"{pad}{k}: {v},\n" if k != v else f"{pad}{k},\n" for k, v in fields) \
        + " " * indent + "}"  # fmt: skip


def use_line(path: str, names: Iterable[str]) -> str:
    """`use path::{A, B};` (sorted as rustfmt sorts them), or `use path::A;` for one name."""
    found = sorted(set(names), key=_version_key)
    if len(found) == 1:
        return f"use {path}::{found[0]};"
    one = f"use {path}::{{{', '.join(found)}}};"
    if len(one) <= WIDTH:
        return one
    lines, line = [], INDENT
    for name in found:
        piece = name + ","
        if len(line) + len(piece) + (1 if line.strip() else 0) > WIDTH - 1:
            lines.append(line)
            line = INDENT
        line += (" " if line.strip() else "") + piece
    lines.append(line)
    return f"use {path}::{{\n" + "\n".join(lines) + "\n};"


def _version_key(name: str) -> tuple[int, str]:
    return (0 if name == "self" else 1, name)


# ---------------------------------------------------------------------------------------------- docs

_URL = re.compile(r"https?://[^\s<>\"`]+")
_URL_TRAILING = ".,;:!?)]}'*_"


def doc_lines(text: str) -> list[str]:
    """Spec prose as the lines of a rustdoc comment, after `prose`: each line Markdown that renders as exactly its
    text (no heading, list, code block — which would become a doctest —, HTML, intra-doc link or emphasis), URLs
    as autolinks (rustdoc flags bare ones), one blank line between paragraphs."""
    paragraphs: list[list[str]] = [[]]
    for raw in prose(text).split("\n"):
        line = raw.strip()
        if line:
            paragraphs[-1].append(_doc_line(line))
        elif paragraphs[-1]:
            paragraphs.append([])
    out: list[str] = []
    for paragraph in paragraphs:
        if paragraph:
            out += ([""] if out else []) + paragraph
    return out


def _doc_line(line: str) -> str:
    pieces: list[str] = []
    start = 0
    for match in _URL.finditer(line):
        url = match.group(0).rstrip(_URL_TRAILING)
        if len(url) <= len("https://"):
            continue
        pieces.append(_text(line[start : match.start()], first=start == 0))
        pieces.append(f"<{url}>")
        start = match.start() + len(url)
    pieces.append(_text(line[start:], first=start == 0))
    return "".join(pieces).strip()


def _text(text: str, first: bool) -> str:
    """Text between URLs, escaped; only the line's first piece can start a block (heading, list…)."""
    if not text.strip():
        return " " if text else ""
    escaped = markdown_text(text) if first else markdown_text("x" + text)[1:]
    lead = " " if text[:1].isspace() and not first else ""
    trail = " " if text[-1:].isspace() else ""
    return lead + escaped.strip() + trail


class Own(str):
    """Our own doc text (Markdown with intra-doc links), printed as it is."""


def doc_comment(paragraphs: Iterable[str], marker: str = "///") -> list[str]:
    """A whole doc comment from paragraphs (empty ones dropped): spec prose through `doc_lines`, our own text
    (`Own`) as it is."""
    lines: list[str] = []
    for paragraph in paragraphs:
        found = paragraph.split("\n") if isinstance(paragraph, Own) else doc_lines(paragraph or "")
        if found:
            lines += ([""] if lines else []) + found
    return [f"{marker} {line}" if line else marker for line in lines]


# ---------------------------------------------------------------------------------------------- long item lines
# When a line of these shapes is over 100 columns rustfmt breaks it once, in a fixed place, and leaves it as it
# was when even that does not fit.


def impl_header(head: str, target: str = "") -> str:
    """`impl Trait for Type {` (or `impl Type {` without a target), broken as rustfmt breaks it when too long:
    `impl Trait` / `    for Type` / `{`, and `impl` on a line of its own when even `impl Trait` is too long."""
    one = f"{head} for {target} {{" if target else f"{head} {{"
    if len(one) <= WIDTH:
        return one
    keyword, _, rest = head.partition(" ")
    if keyword == "impl<'de>":
        keyword, rest = "impl<'de>", rest
    if not target:
        return f"{keyword}\n    {rest}\n{{"
    if len(head) <= WIDTH:
        return f"{head}\n    for {target}\n{{"
    if len(rest) + 4 <= WIDTH:
        return f"{keyword}\n    {rest}\n    for {target}\n{{"
    return f"{keyword}\n    {generic(rest, 4, len(target) + 6)} for {target}\n{{"


def type_alias(head: str, target: str) -> str:
    """`pub type Name = Type;`, or the type on a line of its own."""
    one = f"{head} = {target};"
    if len(one) <= WIDTH or len(head) + 2 > WIDTH or len(target) + 5 > WIDTH:
        return one
    return f"{head} =\n    {target};"


def field(indent: int, head: str, typ: str) -> str:
    """`pub name: Type,` in a struct, or the type on the next line."""
    one = f"{head}: {typ},"
    if indent + len(one) <= WIDTH:
        return one
    if indent + 4 + len(typ) + 1 <= WIDTH:
        return f"{head}:\n{' ' * (indent + 4)}{typ},"
    if "<" in typ and indent + len(head) + len(typ.partition("<")[0]) + 3 <= WIDTH:
        return f"{head}: {generic(typ, indent, 1, indent + len(head) + 2)},"
    return one


def generic(typ: str, indent: int, tail: int = 0, used: int | None = None) -> str:
    """A type as rustfmt breaks one too long for its line (starting `used` columns in): `Outer<` / the argument,
    indented / `>`, again inside the argument while it is still too long."""
    if (indent if used is None else used) + len(typ) + tail <= WIDTH or "<" not in typ or not typ.endswith(">"):
        return typ
    outer, _, inner = typ.partition("<")
    pad = " " * (indent + 4)
    args = "".join(f"{pad}{generic(arg, indent + 4, 1)},\n" for arg in _type_args(inner[:-1]))
    return f"{outer}<\n{args}{' ' * indent}>"


def _type_args(text: str) -> list[str]:
    """A generic's arguments (`String, Vec<A>`), split at the commas outside brackets."""
    args, depth, start = [], 0, 0
    for i, c in enumerate(text):
        depth += c in "<([" and 1 or c in ">)]" and -1 or 0
        if c == "," and depth == 0:
            args.append(text[start:i].strip())
            start = i + 1
    return [*args, text[start:].strip()]


def item_header(head: str) -> str:
    """`pub struct Name {`, the brace on a line of its own when the line is too long."""
    return f"{head} {{" if len(head) + 2 <= WIDTH else f"{head}\n{{"


def tuple_variant(indent: int, name: str, typ: str) -> str:
    """`Name(Type),` in an enum, or its type on a line of its own."""
    one = f"{name}({typ}),"
    if indent + len(one) <= WIDTH:
        return one
    return f"{name}(\n{' ' * (indent + 4)}{generic(typ, indent + 4, 1)},\n{' ' * indent}),"
