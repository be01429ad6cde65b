"""Prettier's layout for the constructs the TypeScript templates emit, so generated code needs no node to format.

Settings (the generated `.prettierrc.json`): printWidth 120, singleQuote, trailingComma all. Each helper decides
between the one-line form and prettier's broken form by width, the way prettier does for these shapes: call
arguments and parameters one per line, a sole object argument hugged, objects one property per line, long
unions one member per line with a leading `|`, import lists one name per line.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .literals import hex_or_unicode_escape, quoted

WIDTH = 120
_IDENT = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")


def is_identifier(text: str) -> bool:
    """An ECMAScript identifier name (Unicode letters included, as prettier unquotes them)."""
    if _IDENT.match(text):
        return True
    return bool(text) and text.replace("$", "_").isidentifier() and all(c.isprintable() for c in text)


def ts_string(value: object) -> str:
    """A string literal as prettier prints it: single quotes unless the text has more of them than double ones."""
    text = str(value)
    quote = '"' if text.count("'") > text.count('"') else "'"
    if text.isascii() and text.isprintable() and "\\" not in text and quote not in text:
        return quote + text + quote  # nothing to escape: the common case, kept fast
    return quoted(text, quote, hex_or_unicode_escape)


def number(value: int | float) -> str:
    """A number literal as prettier prints it (`1.0` → `1`, `1e-05` → `1e-5`). Call `literal` for values from
    a spec: this one has no spelling for infinities and NaN."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    text = repr(value).lower()
    mantissa, _, exponent = text.partition("e")
    if exponent:
        sign = "-" if exponent.startswith("-") else ""
        text = f"{mantissa}e{sign}{exponent.lstrip('+-').lstrip('0') or '0'}"
    return text


# The runtime's `parseJSON` reads an integer beyond ±(2^53 − 1) as a `bigint`, so such a value's literal type is a
# bigint literal (`9223372036854775808n`): exact, and what the SDK really hands over.
MAX_SAFE_INTEGER = 2**53 - 1


def literal(value: object) -> str | None:
    """A TypeScript literal type for a JSON value; None for a value no literal type spells (an infinity or NaN
    from YAML, an object or array): the caller falls back to the value's base type."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return number(value)
    if isinstance(value, int):
        return f"{value}n" if abs(value) > MAX_SAFE_INTEGER else str(value)
    if isinstance(value, float):
        return number(value) if math.isfinite(value) else None
    if isinstance(value, str):
        return ts_string(value)
    return None


def prop_key(name: str) -> str:
    """An interface member's key: bare when it is an identifier, else a string literal."""
    return name if is_identifier(name) else ts_string(name)


def object_key(name: str) -> str:
    """A key of an object literal expression. `__proto__: v` (bare or quoted) sets the object's prototype instead of
    making a property, so that one name is written computed, `['__proto__']: v`, which prettier keeps."""
    return f"[{ts_string(name)}]" if name == "__proto__" else prop_key(name)


def tsdoc_line(line: str) -> str:
    """One line of normalised text (`text.prose`) made inert inside a `/** … */` block: `*/` cannot close it,
    and an `@` that TypeScript would read as a tag — at the start, after white space or an opening brace
    (`@deprecated`, `@param`, `{@link}`) — is written `\\@`, TSDoc's escape for a literal `@`."""
    if "@" not in line and "*/" not in line:
        return line  # nothing to escape: the common case, kept fast
    out: list[str] = []
    previous = " "
    for char in line:
        closes_block = char == "/" and previous == "*"
        starts_tag = char == "@" and (previous.isspace() or previous == "{")
        if closes_block or starts_tag:
            out.append("\\")
        out.append(char)
        previous = char
    return "".join(out)


def json_string(value: object) -> str:
    """A JSON string (package.json): quote and backslash escaped, and every character no file may carry
    verbatim (controls, line separators, BOM, bidi controls, lone surrogates) written as `\\uXXXX`."""
    return quoted(str(value), '"', lambda code: f"\\u{code:04x}")


def doc_block(lines: list[str], indent: int) -> list[str]:
    """A TSDoc comment: `/** one line */` or the multi-line form."""
    if not lines:
        return []
    pad = " " * indent
    if len(lines) == 1:
        return [f"{pad}/** {lines[0]} */"]
    return [f"{pad}/**"] + [f"{pad} * {line}" if line else f"{pad} *" for line in lines] + [f"{pad} */"]


def type_member(key: str, parts: list[str], indent: int, alias: bool = False) -> list[str]:
    """`key: A | B;` (or `export type X = A | B;`), one member per line when it does not fit."""
    pad = " " * indent
    sep = " " if alias else ": "
    one = f"{pad}{key}{sep}{' | '.join(parts)};"
    if len(one) <= WIDTH:
        return [one]
    if len(parts) == 1 and parts[0].startswith("{ [key: string]: ") and parts[0].endswith((" }", " }[]")):
        # a map type (or a list of them): prettier breaks the object type
        tail = "[]" if parts[0].endswith("[]") else ""
        inner = parts[0][2 : -2 - len(tail)]
        return [f"{pad}{key}{sep}{{", f"{pad}  {inner};", f"{pad}}}{tail};"]
    if len(parts) < 2:
        return [f"{pad}{key}", f"{pad}  {parts[0]};"] if alias else [one]
    head = f"{pad}{key}" + ("" if alias else ":")
    if alias and len(head) >= WIDTH:
        # prettier: with an over-long `export type X =`, the union goes on the next line, whole when it fits there
        joined = f"{pad}  {' | '.join(parts)};"
        if len(joined) <= WIDTH:
            return [head, joined]
        return [head, ""] + [f"{pad}    | {p}" for p in parts[:-1]] + [f"{pad}    | {parts[-1]};"]
    return [head] + [f"{pad}  | {p}" for p in parts[:-1]] + [f"{pad}  | {parts[-1]};"]


@dataclass(frozen=True)
class Arr:
    """An array literal of items (rendered text, or arrays kept on one line), laid out where it is placed."""

    items: tuple[str | Arr, ...]

    def one_line(self) -> str:
        return "[" + ", ".join(_text(item) for item in self.items) + "]"

    def lines(self, prefix: str, suffix: str, indent: int) -> list[str]:
        """`prefix[a, b]suffix` on one line when it fits, else one item per line."""
        one = prefix + self.one_line() + suffix
        if len(one) <= WIDTH or not self.items:
            return [one]
        pad = " " * (indent + 2)
        return [prefix + "["] + [f"{pad}{_text(item)}," for item in self.items] + [" " * indent + "]" + suffix]


@dataclass(frozen=True)
class Obj:
    """An object literal as (key, value) pairs, a value rendered text or an `Arr`, laid out where it is placed; a
    value that is its key's own text is written shorthand (`{ params }`)."""

    pairs: tuple[tuple[str, str | Arr | Obj], ...]

    def one_line(self) -> str:
        if not self.pairs:
            return "{}"
        return "{ " + ", ".join(k if k == v else f"{k}: {_text(v)}" for k, v in self.pairs) + " }"

    def lines(self, prefix: str, suffix: str, indent: int) -> list[str]:
        """`prefix{ … }suffix` on one line when it fits, else one property per line."""
        one = prefix + self.one_line() + suffix
        if len(one) <= WIDTH or not self.pairs:
            return [one]
        pad = " " * (indent + 2)
        lines = [prefix + "{"]
        for k, v in self.pairs:
            lines += [f"{pad}{k},"] if k == v else _lines(v, f"{pad}{k}: ", ",", indent + 2)
        return lines + [" " * indent + "}" + suffix]


@dataclass(frozen=True)
class New:
    """`new Class(args)` as a value inside an object or array: on one line when it fits, else its arguments
    broken as `call` breaks them."""

    head: str  # `new OAuth2ClientCredentials`
    args: tuple[str | Arr | Obj, ...]

    def one_line(self) -> str:
        return f"{self.head}(" + ", ".join(_text(a) for a in self.args) + ")"

    def lines(self, prefix: str, suffix: str, indent: int) -> list[str]:
        return call(f"{prefix}{self.head}(", self.args, ")" + suffix, indent)


def _text(arg: str | Arr | Obj | New) -> str:
    return arg if isinstance(arg, str) else arg.one_line()


def _lines(arg: str | Arr | Obj | New, prefix: str, suffix: str, indent: int) -> list[str]:
    return [prefix + arg + suffix] if isinstance(arg, str) else arg.lines(prefix, suffix, indent)


def _type_arguments(line: str, indent: int) -> list[str]:
    """A line wider than the width whose first `<…>` holds type arguments (`…requestPage<A, B>(`,
    `): PagePromise<A, B> {`), as prettier breaks it: one type argument per line, then `>` and the rest."""
    start = line.index("<")
    parts, depth, current, end = [], 0, "", len(line)
    for i, char in enumerate(line[start + 1 :], start + 1):
        if char == ">" and depth == 0:
            end = i
            break
        depth += {"<": 1, ">": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    if len(parts) < 2:  # prettier never breaks a sole type argument
        return [line]
    pad = " " * (indent + 2)
    closing = " " * indent + line[end:].lstrip() if line[:start].strip() else line[end:]
    return [line[: start + 1], *(f"{pad}{p}," for p in parts[:-1]), f"{pad}{parts[-1]}", closing]


def _fitted(line: str, indent: int) -> list[str]:
    """The line, or its type arguments broken when it is too wide (and there are several)."""
    return _type_arguments(line, indent) if len(line) > WIDTH and "<" in line else [line]


def call(head: str, args: Sequence[str | Arr | Obj], tail: str, indent: int) -> list[str]:
    """`head(args)tail`: `head` ends where the arguments start (after `(`), `tail` starts with what follows them.
    A sole object or array argument is hugged: `head{` … `}tail`."""
    one = head + ", ".join(_text(a) for a in args) + tail
    if len(one) <= WIDTH or not args:
        return [one]
    broken = _fitted(head, indent)
    rest = broken[-1] + ", ".join(_text(a) for a in args) + tail
    if len(broken) > 1 and len(rest) <= WIDTH:  # the type arguments broken, the arguments fit after `>(`
        return [*broken[:-1], rest]
    *first, last = args
    if not isinstance(last, str) and all(isinstance(a, str) for a in first):  # the last literal is hugged
        hugged = broken[-1] + "".join(f"{a}, " for a in first)
        if len(hugged) + 1 <= WIDTH:
            return broken[:-1] + last.lines(hugged, tail, indent)
    pad = " " * (indent + 2)
    out = [*broken[:-1], broken[-1].rstrip()]
    for arg in args:
        out += _lines(arg, pad, ",", indent + 2)
    return out + _fitted(" " * indent + tail, indent)


def assignment(left: str, right: str, args: Sequence[str | Arr | Obj], tail: str, indent: int) -> list[str]:
    """`left = right(args)tail` as prettier lays out an assignment: on one line when it fits, else the arguments
    broken when `left = right(` fits, else the right side on the next line."""
    head = f"{left} = {right}("
    if len(head) <= WIDTH:
        return call(head, args, tail, indent)
    return [f"{left} ="] + call(" " * (indent + 2) + f"{right}(", args, tail, indent + 2)
