"""PHP code laid out as PSR-12 wants it, without running phpcs: string literals, PHPDoc blocks, and signatures and
calls that stay on one line when they fit in 120 columns and otherwise break one parameter or argument per line.

Spec text reaches a doc block only through `escape_doc` (after `text.prose`): `*/` can never close the comment,
and `@` is an entity (at a line start it would be a tag).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .text import one_line, prose, unsafe_in_literal

WIDTH = 120  # PSR-12's soft limit: phpcs warns past it
DOC_WIDTH = 116


class Own(str):
    """Text the generator wrote (already safe in a doc block): kept as it is."""


def php_string(text: str) -> str:
    """A PHP string literal holding `text` exactly: single-quoted, or double-quoted with `\\u{…}` escapes when it
    carries a character no source file may hold verbatim (a control, a line separator, a bidi control…)."""
    if (text.isascii() and text.isprintable()) or not any(unsafe_in_literal(ord(c)) for c in text):
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
    out = ['"']
    for char in text:
        code = ord(char)
        if char in ('"', "\\", "$"):
            out.append("\\" + char)
        elif unsafe_in_literal(code):
            out.append(f"\\u{{{code:04X}}}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def php_float(value: float) -> str:
    text = repr(float(value))
    return text if any(c in text for c in ".eE") else text + ".0"


def escape_doc(text: str) -> str:
    """Spec prose as it may appear in a PHPDoc block: `*/` broken, `@` an entity (a tag otherwise)."""
    return prose(text).replace("*/", "*&#47;").replace("@", "&#64;")


_CODE_SAFE = re.compile(r"[A-Za-z0-9_.:/+=-]+")


def code(text: str) -> Own:
    """Spec text (a name, a value) in a doc block: in backticks when it is plain, else quoted and escaped."""
    return Own(f"`{text}`") if _CODE_SAFE.fullmatch(text) else Own(f'"{escape_doc(one_line(text))}"')


def _paragraphs(parts: Iterable[str]) -> list[list[str]]:
    out: list[list[str]] = []
    for part in parts:
        text = part if isinstance(part, Own) else escape_doc(part)
        for paragraph in text.replace("\r", "").split("\n\n"):
            found = paragraph.split()
            if found:
                out.append(found)
    return out


def _fill(words: Sequence[str], first: str, rest: str, width: int = DOC_WIDTH) -> list[str]:
    """Words filled into lines of at most `width` columns; a word longer than a line is cut."""
    room = max(width - len(rest), 16)
    if not words or max(map(len, words)) <= room:
        joined = " ".join(words)
        if len(first) + len(joined) <= width:
            return [(first + joined).rstrip()]  # one line (the common case)
        pieces = list(words)
    else:
        pieces = [piece for w in words for piece in _cut(w, room)]
    lines: list[str] = []
    line, empty = first, True
    for word in pieces:
        if not empty and len(line) + 1 + len(word) > width:
            lines.append(line)
            line, empty = rest, True
        line += ("" if empty else " ") + word
        empty = False
    lines.append(line.rstrip())
    return lines


def _cut(word: str, room: int) -> list[str]:
    """A word too long for a line in pieces: a type union before its `|`s, what is still too long where the line
    ends."""
    if len(word) <= room:
        return [word]
    groups = [""]
    for i, part in enumerate(word.split("|")):
        piece = part if i == 0 else "|" + part
        if groups[-1] and len(groups[-1]) + len(piece) > room:
            groups.append(piece)
        else:
            groups[-1] += piece
    return [g[i : i + room] for g in groups for i in range(0, len(g), room)]


def doc(indent: int, parts: Iterable[str] | str, tags: Sequence[tuple[str, str | Sequence[str]]] = ()) -> list[str]:
    """A PHPDoc block: the paragraphs of `parts`, a blank line, then the tags (`("@param int $x", text)`); a
    block of one short line with no tag is written on one line."""
    pad = " " * indent
    paragraphs = _paragraphs([parts] if isinstance(parts, str) else parts)
    body: list[str] = []
    for i, words in enumerate(paragraphs):
        if i:
            body.append(pad + " *")
        body += _fill(words, pad + " * ", pad + " * ")
    tag_lines: list[str] = []
    for tag, text in tags:
        flat = [w for p in _paragraphs([text] if isinstance(text, str) else text) for w in p]
        tag_lines += _fill([*tag.split(" "), *flat], pad + " * ", pad + " *     ")
    if not tag_lines and len(body) == 1:
        single = f"{pad}/** {body[0][len(pad) + 3:]} */"
        if len(single) <= WIDTH:
            return [single]
    lines = [pad + "/**", *body]
    if tag_lines:
        lines += [pad + " *", *tag_lines] if body else tag_lines
    return [*lines, pad + " */"]


@dataclass(frozen=True)
class Expr:
    """A call (`callee(args…)`) or, with `callee` "[", an array literal, laid out by `lay`."""

    callee: str
    args: Sequence[str | Expr | Named]

    def flat(self) -> str:
        inner = ", ".join(flat(a) for a in self.args)
        return f"[{inner}]" if self.callee == "[" else f"{self.callee}({inner})"


@dataclass(frozen=True)
class Named:
    """An argument or array item with a lead: `name: value`, `'key' => value`."""

    lead: str
    value: str | Expr


def array(items: Iterable[str | Expr | Named]) -> Expr:
    return Expr("[", list(items))


def flat(value: str | Expr | Named) -> str:
    if isinstance(value, Named):
        return value.lead + flat(value.value)
    return value if isinstance(value, str) else value.flat()


def lay(indent: int, prefix: str, value: str | Expr | Named, suffix: str = ";") -> list[str]:
    """`prefix value suffix` on one line when it fits, else the call's arguments (an array's items) one a line."""
    pad = " " * indent
    if isinstance(value, Named):
        if isinstance(value.value, str) and len(f"{pad}{prefix}{flat(value)}{suffix}") > WIDTH:
            return [f"{pad}{prefix}{value.lead.rstrip()}", f"{pad}    {value.value}{suffix}"]
        return lay(indent, prefix + value.lead, value.value, suffix)
    one = f"{pad}{prefix}{flat(value)}{suffix}"
    if len(one) <= WIDTH or isinstance(value, str) or not value.args:
        return [one]
    open_, close = ("[", "]") if value.callee == "[" else (value.callee + "(", ")")
    lines = [f"{pad}{prefix}{open_}"]
    for i, arg in enumerate(value.args):
        lines += lay(indent + 4, "", arg, "," if i < len(value.args) - 1 or value.callee == "[" else "")
    return [*lines, f"{pad}{close}{suffix}"]


def signature(indent: int, head: str, params: Sequence[str], returns: str = "", body: bool = True) -> list[str]:
    """A function's declaration: `head(params): returns` then `{` on the next line; when too long, one parameter
    a line and `): returns {` (PSR-12 4.4, 4.5)."""
    pad = " " * indent
    tail = f": {returns}" if returns else ""
    one = f"{pad}{head}({', '.join(params)}){tail}"
    if len(one) <= WIDTH and not any("\n" in p for p in params):
        return [one, pad + "{"] if body else [one + ";"]
    lines = [f"{pad}{head}("]
    for i, p in enumerate(params):
        lines += typed(indent + 4, p + ("," if i < len(params) - 1 else ""))
    return [*lines, f"{pad}){tail} {{" if body else f"{pad}){tail};"]


def typed(indent: int, text: str) -> list[str]:
    """A parameter or promoted property (`public readonly A|B|null $x = null,`): on one line when it fits, else its
    union type broken before each `|`, at the same indent (as phpcs takes a multi-line type)."""
    pad = " " * indent
    if len(pad + text) <= WIDTH or " $" not in text:
        return [pad + text]
    head, _, rest = text.partition(" $")
    modifiers, _, type_ = head.rpartition(" ")
    if type_.startswith("?"):
        head = f"{modifiers} {type_[1:]}|null".lstrip()
    parts = head.split("|")
    return [pad + parts[0], *(f"{pad}|{part}" for part in parts[1:-1]), f"{pad}|{parts[-1]} ${rest}"] \
        if len(parts) > 1 else [pad + text]  # fmt: skip


def class_header(head: str, keyword: str, names: Sequence[str]) -> list[str]:
    """`final class X extends Model implements A, B` on one line when it fits, else the list one name a line."""
    if not names:
        return [head]
    one = f"{head} {keyword} {', '.join(names)}"
    if len(one) <= WIDTH:
        return [one]
    return [f"{head} {keyword}", *(f"    {n}," for n in names[:-1]), f"    {names[-1]}"]


def literal_pieces(text: str, room: int) -> list[str]:
    """`text` as string literals of at most `room` columns each, cut before a `/` where it can be (a path), else
    anywhere: joined with `.`, they make `text` again."""
    segments = [text[i:j] for i, j in zip([0, *_slashes(text)], [*_slashes(text), len(text)], strict=True)]
    pieces = [""]
    for segment in segments:
        if pieces[-1] and len(php_string(pieces[-1] + segment)) > room:
            pieces.append("")
        pieces[-1] += segment
    out: list[str] = []
    for piece in pieces:
        while len(php_string(piece)) > room and len(piece) > 1:
            cut = max(1, room // 2)
            while cut < len(piece) and len(php_string(piece[: cut + 1])) <= room:
                cut += 1
            out.append(php_string(piece[:cut]))
            piece = piece[cut:]
        out.append(php_string(piece))
    return out


def _slashes(text: str) -> list[int]:
    return [i for i, c in enumerate(text) if c == "/" and i > 0]


def new_request(indent: int, method: str, path: str) -> list[str]:
    """`$r = new ApiRequest('GET', '/path');`, its path literal cut into `.`-joined pieces when too long for a
    line."""
    one = lay(indent, "$r = ", Expr("new ApiRequest", [php_string(method), php_string(path)]))
    if all(len(line) <= WIDTH for line in one):
        return one
    pad = " " * indent
    pieces = literal_pieces(path, WIDTH - indent - 10)
    return [f"{pad}$r = new ApiRequest(", f"{pad}    {php_string(method)},", f"{pad}    {pieces[0]}",
            *(f"{pad}        . {p}" for p in pieces[1:]), f"{pad});"]  # fmt: skip
