"""A fast stand-in for black on the code our Python templates produce — byte-identical or not used.

Black re-lays every statement on its own; only the blank lines *between* statements depend on their neighbours,
and the templates write those as black does (two around top-level classes, one after a class docstring, …). So a
rendered module is cut into statements (a small scanner: brackets, strings, comments), its blank lines are kept,
and each top-level chunk (an import, an assignment, a whole `class` or `def`) is laid out here when every
statement in it is one of the shapes this module knows black's answer for:

* a line black keeps: it fits in 88 columns, its spacing and quotes are already black's, it has no magic
  trailing comma and no parentheses black would drop;
* an exploded bracket (`f(` / one element per line, each with its trailing comma / `)`), which black keeps as
  long as every element is itself kept or laid out here;
* a first-in-block docstring that black's docstring pass would leave unchanged;
* a handful of over-long lines whose split is emulated (`class X(\\n    Base\\n):`, exploded dict arguments, …).

Anything else — an unknown construct, a doubtful spacing, a line too long for a known rule — makes the chunk go
to `black.format_str` on its own (a top-level chunk is a valid module), and the result is spliced in. Whole-file
oddities this port does not model (a backslash continuation, `'''` strings) send the whole file to black. The
differential test (tests/unit/test_python_layout.py) holds the output equal to black's on every bundled and real
spec.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

LINE_LENGTH = 88
INDENT = "    "

# ---------------------------------------------------------------------------------------------- scanning

# Strings (triple-quoted ones may span lines), comments, brackets; a backslash-newline is noted to give up.
_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'''|'(?:[^'\\\n]|\\.)*'"
    r"|#[^\n]*"
    r"|[()\[\]{}]"
    r"|\\\n",
    re.DOTALL,
)
_OPEN = "([{"
_CLOSE = ")]}"


@dataclass
class Statement:
    """One logical line: its physical lines (as rendered), depth (indent / 4) and the blank lines before it."""

    lines: list[str]
    depth: int
    blank: int
    kind: str  # string | import | class | def | decorator | comment | other


class Unsupported(Exception):
    """The file has something this module does not model; black formats the whole file."""


def statements(text: str) -> list[Statement]:
    """Cut `text` into logical lines (brackets and triple-quoted strings join physical lines)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    continued = _continuation_lines(text, len(lines))
    out: list[Statement] = []
    blank = 0
    for index, line in enumerate(lines):
        if continued[index]:
            out[-1].lines.append(line)
            continue
        if not line.strip():
            blank += 1
            continue
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if indent % 4 or stripped.startswith("\t"):
            raise Unsupported("indentation")
        out.append(Statement([line], indent // 4, blank, ""))
        blank = 0
    for statement in out:
        statement.kind = _kind(statement)
    return out


def _continuation_lines(text: str, count: int) -> list[bool]:
    """For each physical line: does it continue the logical line above (open bracket or string)?"""
    continued = [False] * (count + 1)
    depth = 0
    line = 0
    position = 0
    start_line = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        line += text.count("\n", position, match.start())
        position = match.start()
        first = token[0]
        if token == "'''" or token == "\\\n":
            raise Unsupported(f"{token!r} on line {line + 1}")
        if first in _OPEN:
            if depth == 0:
                start_line = line
            depth += 1
        elif first in _CLOSE:
            depth -= 1
            if depth < 0:
                raise Unsupported("unbalanced brackets")
            if depth == 0:
                for i in range(start_line + 1, line + 1):
                    continued[i] = True
        elif first == '"' and token.startswith('"""'):
            end_line = line + token.count("\n")
            if depth == 0:
                for i in range(line + 1, end_line + 1):
                    continued[i] = True
    if depth:
        raise Unsupported("unbalanced brackets")
    return continued


def _kind(statement: Statement) -> str:
    first = statement.lines[0].lstrip(" ")
    if first.startswith('"'):
        if len(statement.lines) == 1 and _STRING_ONLY.fullmatch(first) or first.startswith('"""'):
            return "string"
        return "other"
    if first.startswith("#"):
        return "comment"
    if first.startswith(("import ", "from ")):
        return "import"
    if first.startswith("class "):
        return "class"
    if first.startswith(("def ", "async def ")):
        return "def"
    if first.startswith("@"):
        return "decorator"
    return "other"


_STRING_ONLY = re.compile(r'"(?:[^"\\\n]|\\.)*"')

# ---------------------------------------------------------------------------------------------- line checks


def width(line: str) -> int:
    """Black's `str_width` (East Asian wide characters count twice, combining ones not at all)."""
    if line.isascii():
        return len(line)
    from black.strings import str_width

    return int(str_width(line))


# Code outside strings and comments that black would respace or rewrite; a line with one of these is not kept.
_SUSPICIOUS_CODE = re.compile(
    r"  |\t|\( | \)|\[ | \]|\{ | \}| ,|,[^ \n]|\s$|\\"  # spacing
    r"|[=:] \(|return \(|,\s*[)\]}]"  # parentheses black drops, magic trailing commas
    r"|\b\d[\d_]*[eE][+-]?\d|\b0[xXoObB]|\b\d+[jJlL]\b|\b\d+\.(?!\d)"  # numbers black normalises
    r"|\*\*|\blambda\b|;|:=|\bfor\b|\bnot\b|\bin\b|~|\^|<<|>>|//|%|@"
    r"|\b(?:assert|await|del|if|elif|while) \(|^(?:if|elif|while|else)\b"  # parentheses black drops; blocks
)
_ONE_TUPLE = re.compile(r'(?<![\w)\]])\((?:""|\w+),\)')  # its comma is not one black keeps as "magic"
_STRING_OR_COMMENT = re.compile(r'"(?:[^"\\\n]|\\.)*"|#[^\n]*')
# Operators black surrounds with one space; checked on the code with strings blanked out.
_OPERATOR = re.compile(r"\s*(->|==|!=|<=|>=|\+=|-=|\*=|/=|\|=|=|\||\+|<|>|-|\*|/|:|\.)\s*")
_IMPORT = re.compile(r"(?:from (?:\.+|\.*\w+(?:\.\w+)*) )?import \w+(?:\.\w+)*(?: as \w+)?(?:, \w+(?: as \w+)?)*")
_STRING_PREFIX = re.compile(r"[A-Za-z]\"")


def code_is_canonical(line: str, in_brackets: bool = False) -> bool:
    """True when black would print this physical line (code, not inside a docstring) exactly as it is;
    `in_brackets`: the line is an element of an exploded bracket."""
    return _stripped_is_canonical(line.lstrip(" "), in_brackets)


@functools.lru_cache(maxsize=65536)  # generated code repeats its lines (fields, parameters, options) many times
def _stripped_is_canonical(stripped: str, in_brackets: bool) -> bool:
    if stripped.startswith("#"):
        return _comment_is_canonical(stripped)
    if stripped.startswith(("from ", "import ")):
        return _IMPORT.fullmatch(stripped) is not None
    if stripped.startswith("@"):
        stripped = stripped[1:]
    pieces = []
    last = 0
    for match in _STRING_OR_COMMENT.finditer(stripped):
        token = match.group()
        if token.startswith("#"):
            before = stripped[: match.start()]
            if not _comment_is_canonical(token) or not before.endswith("  ") or before.endswith("   "):
                return False
            pieces.append(stripped[last : match.start()].rstrip(" "))
            last = len(stripped)
            break
        prefixed = match.start() and _STRING_PREFIX.match(stripped, match.start() - 1)
        if not _string_is_canonical(token) or (prefixed and not _plain_f_string(stripped, match.start(), token)):
            return False
        pieces.append(stripped[last : match.start()])
        pieces.append('""')
        last = match.end()
    pieces.append(stripped[last:])
    code = _ONE_TUPLE.sub('""', "".join(pieces))
    if _SUSPICIOUS_CODE.search(code) or '"' in code.replace('""', ""):
        return False
    return all(_operator_spacing_ok(code, m, in_brackets) for m in _OPERATOR.finditer(code))


def _plain_f_string(stripped: str, start: int, token: str) -> bool:
    """An f-string black leaves alone: a lower-case `f` alone before the quote (`rf`, `F` are respelled), and no
    backslash (black does not format the code of its replacement fields)."""
    alone = start < 2 or not (stripped[start - 2].isalnum() or stripped[start - 2] == "_")
    return stripped[start - 1] == "f" and alone and "\\" not in token


def _spaced_equals(code: str, start: int, in_brackets: bool) -> bool:
    """Is the `=` at `start` an assignment or an annotated default (spaced) rather than a keyword (hugged)?"""
    depth = 0
    for position in range(start - 1, -1, -1):
        char = code[position]
        if char in _CLOSE:
            depth += 1
        elif char in _OPEN:
            if depth == 0:
                in_brackets = True
                break
            depth -= 1
        elif depth == 0 and char == ":":
            return True  # an annotation
    return not in_brackets


def _operator_spacing_ok(code: str, match: re.Match[str], in_brackets: bool) -> bool:
    op, text = match.group(1), match.group()
    if op == ".":
        if match.start() and code[match.start() - 1].isdigit():
            return text == "." and code[match.end() : match.end() + 1].isdigit()  # a float like `60.0`
        return text == "."
    if op == ":":
        # annotations and dict entries `a: b`; slices are not emitted by our templates
        return text == ": " or (text == ":" and match.end() == len(code))
    if op == "=":
        # keyword arguments hug `=`; annotated defaults and assignments have spaces on both sides
        return text == (" = " if _spaced_equals(code, match.start(), in_brackets) else "=")
    if op == "-":
        return text == " - " or (text == "-" and _unary_context(code, match.start()))
    if op == "*":
        # a bare `*` in a signature (`*,`) or `*args`
        return text == " * " or text in ("*", "* ") and _unary_context(code, match.start())
    if op in ("|", "->", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "|=", "+", "<", ">", "/"):
        return text == f" {op} "
    return False


def _unary_context(code: str, start: int) -> bool:
    before = code[:start].rstrip(" ")
    return not before or before[-1] in "([{,=:" or before.endswith(("return", "await"))


def _string_is_canonical(token: str) -> bool:
    """A one-line double-quoted string black leaves alone: no escaped quote (it might switch quotes), no `\\N{}`,
    no upper-case hex escape."""
    return _STRING_NORMALISED.search(token) is None


_STRING_NORMALISED = re.compile(r'\\"|\\N|\\[xuU][0-9a-f]*[A-F]')


def _comment_is_canonical(stripped: str) -> bool:
    return stripped == "#" or (
        stripped.startswith("# ") and not stripped.endswith((" ", "\t")) and "\t" not in stripped
    )


# ---------------------------------------------------------------------------------------------- statements


def layout(statement: Statement, docstring: bool | None = None) -> list[str] | None:
    """Black's lines for one statement, or None when this module does not know them. `docstring`: whether a string
    statement is where black takes it for a docstring (the first statement of the module or of a block; None:
    not known), which decides whether black re-indents its lines."""
    if statement.kind == "string":
        return _string_statement(statement, docstring)
    if statement.kind == "comment":
        return statement.lines if _comment_is_canonical(statement.lines[0].lstrip(" ")) else None
    if len(statement.lines) == 1:
        return _single_line(statement.lines[0])
    return _exploded(statement.lines)


def _single_line(line: str, in_brackets: bool = False) -> list[str] | None:
    if not code_is_canonical(line, in_brackets):
        return None
    if width(line) <= LINE_LENGTH:
        return [line]
    for rule in LONG_LINE_RULES:
        result = rule(line)
        if result is not None:
            return result
    return None


def _exploded(lines: list[str], in_brackets: bool = False) -> list[str] | None:
    """`head(` / elements (each ending in `,`) / `)tail`, kept when every element is kept or laid out."""
    head, tail = lines[0], lines[-1]
    indent = len(head) - len(head.lstrip(" "))
    pad = " " * indent
    if not head.endswith(_OPEN_ENDS) or not tail.startswith(pad) or tail[indent : indent + 1] not in _CLOSE:
        return None
    if _closing(head[-1]) != tail[indent] or width(head) > LINE_LENGTH or width(tail) > LINE_LENGTH:
        return None
    if not code_is_canonical(head[:-1] + "x", in_brackets) or not code_is_canonical(
        pad + "x" + tail[indent + 1 :], in_brackets
    ):
        return None
    if any('"""' in line for line in lines):
        return None
    elements = _elements([line for line in lines[1:-1] if line.strip()], indent + 4)  # black drops blank lines here
    if not elements:
        return None
    out = [head]
    for element in elements:
        if not element[-1].endswith(","):
            return None
        laid = _single_line(element[0], True) if len(element) == 1 else _exploded(element, True)
        if laid is None:
            return None
        out.extend(laid)
    out.append(tail)
    return out


_OPEN_ENDS = ("(", "[", "{")


def _closing(opening: str) -> str:
    return _CLOSE[_OPEN.index(opening)]


def _elements(lines: list[str], indent: int) -> list[list[str]] | None:
    """Group the body of an exploded bracket into its elements (a nested exploded element spans lines)."""
    pad = " " * indent
    out: list[list[str]] = []
    for line in lines:
        if not line.startswith(pad):
            return None
        rest = line[indent:]
        if rest.startswith(" "):
            if not out:
                return None
            out[-1].append(line)
        elif rest[:1] in _CLOSE and out:
            out[-1].append(line)
        else:
            out.append([line])
    return out


def _string_statement(statement: Statement, docstring: bool | None) -> list[str] | None:
    """A string on its own: a docstring black's docstring pass leaves as is or only dedents, or a plain string
    expression (whose lines black never changes)."""
    lines = statement.lines
    pad = INDENT * statement.depth
    first = lines[0]
    if not first.startswith(pad + '"""'):
        return lines if len(lines) == 1 and code_is_canonical(first) else None
    text = first[len(pad) + 3 :]
    if len(lines) == 1:
        if not text.endswith('"""') or len(text) < 4:
            return None
        content = text[:-3]
        return lines if _docstring_edges_ok(content) and '"""' not in content else None
    if lines[-1] != pad + '"""' or not _docstring_edges_ok(text + "x"):
        return None
    body = lines[1:-1]
    if any(line != line.rstrip() or "\t" in line or (line and not line.startswith(pad)) for line in body):
        return None
    if any('"""' in line for line in body) or '"""' in text:
        return None
    extra = min((len(line) - len(line.lstrip(" ")) - len(pad) for line in body if line), default=0)
    if not extra or docstring is False:
        return lines
    if docstring is None:
        return None
    # every body line indented further: black's docstring pass takes the common indent away (PEP 257)
    return [first, *(pad + line[len(pad) + extra :] if line else "" for line in body), lines[-1]]


def _docstring_edges_ok(body: str) -> bool:
    return bool(body) and body == body.strip() and not body.startswith('"') and not body.endswith(('"', "\\"))


# ---------------------------------------------------------------------------------------------- long lines


def _class_bases(line: str) -> list[str] | None:
    """`class X(Base):` too long → black splits inside the parentheses (no magic comma added for one base)."""
    match = re.fullmatch(r"(class \w+)\((\w+)\):", line)
    if not match:
        return None
    body = INDENT + match.group(2)
    if width(body) > LINE_LENGTH:
        return None
    return [match.group(1) + "(", body, "):"]  # even when the head alone is still too long


_FIELD = re.compile(r"( +)(\w+): (.+)")
_ATOM = re.compile(r"None|True|False|-?\d+(?:\.\d+)?|\"[^\"\\]{0,20}\"")
_FIELD_CALL = re.compile(r"(pydantic\.Field)\(([^()\[\]{}]*)\)")


def _top_level_split(text: str, separator: str) -> list[str]:
    """`text` cut at `separator` where it is outside brackets and strings."""
    parts, depth, start, index, quote = [], 0, 0, 0, ""
    while index < len(text):
        char = text[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth -= 1
        elif depth == 0 and text.startswith(separator, index):
            parts.append(text[start:index])
            start = index + len(separator)
            index = start
            continue
        index += 1
    parts.append(text[start:])
    return parts


def _annotated_field(line: str) -> list[str] | None:
    """`name: Annotation = value` too long (a model field), in the two ways black lays it out.

    * value `pydantic.Field(...)`: split the call when `name: Annotation = pydantic.Field(` fits, else wrap the
      value in parentheses when `name: Annotation = (` fits;
    * value an atom (None, a number, a short string): wrap it in parentheses when `name: Annotation = (` fits;
      else, or with no value, parenthesise the annotation, one line inside when it fits, else one `| term`
      per line.
    Anything else (a term black would split inside its brackets, a long value) is left to black.
    """
    match = _FIELD.fullmatch(line)
    if not match or line.endswith(","):  # a parameter inside brackets is laid out differently
        return None
    pad, name, rest = match.groups()
    inner = pad + INDENT
    pieces = _top_level_split(rest, " = ")
    if len(pieces) > 2:
        return None
    annotation, value = pieces[0], (pieces[1] if len(pieces) == 2 else None)
    call = _FIELD_CALL.fullmatch(value) if value is not None else None
    if call is not None and value is not None:
        head = f"{pad}{name}: {annotation} = {call.group(1)}("
        if width(head) <= LINE_LENGTH:
            args = inner + call.group(2)
            if width(args) <= LINE_LENGTH:
                return [head, args, pad + ")"]
            return [head] + [inner + arg + "," for arg in _top_level_split(call.group(2), ", ")] + [pad + ")"]
        wrapped = f"{pad}{name}: {annotation} = ("
        if width(wrapped) <= LINE_LENGTH and width(inner + value) <= LINE_LENGTH:
            return [wrapped, inner + value, pad + ")"]
        tail = f"{pad}) = {value}"
        if _NAME.fullmatch(annotation) and width(tail) <= LINE_LENGTH:
            return [f"{pad}{name}: (", inner + annotation, tail]  # then the annotation in parentheses, however long
        return None
    if value is not None and not _ATOM.fullmatch(value):
        return None
    if value is not None and width(f"{pad}{name}: {annotation} = (") <= LINE_LENGTH:
        return [f"{pad}{name}: {annotation} = (", inner + value, pad + ")"]  # black wraps the value first
    terms = _top_level_split(annotation, " | ")
    if len(terms) == 1 and "[" in annotation:
        # black splits a lone subscript (`list[\n    X\n]`) rather than adding parentheses
        return _subscript(pad, f"{name}: ", annotation) if value is None else None
    if width(inner + annotation) <= LINE_LENGTH:
        body = [inner + annotation]
    elif len(terms) == 1:
        # parentheses would not make it fit: with no value, black leaves the line as it is
        return [line] if value is None and _NAME.fullmatch(annotation) else None
    else:
        union = _union_lines(inner, terms)
        if union is None:
            return None
        body = union
    tail = pad + (f") = {value}" if value is not None else ")")
    if width(tail) > LINE_LENGTH:
        return None
    return [f"{pad}{name}: ("] + body + [tail]


_NAME = re.compile(r"[A-Za-z_][\w.]*")
_SUBSCRIPT = re.compile(r"([A-Za-z_][\w.]*\[)([A-Za-z_][\w.]*)\]")


def _subscript(pad: str, lead: str, term: str) -> list[str] | None:
    """`Outer[Name]` too long, split as black splits at its last opening bracket: `Outer[` / the name one level
    deeper (however long: it cannot be split) / `]`; None for any other term or when `Outer[` or `]` would still
    be too long."""
    match = _SUBSCRIPT.fullmatch(term)
    if not match:
        return None
    head, close = pad + lead + match.group(1), pad + "]"
    if width(head) > LINE_LENGTH or width(close) > LINE_LENGTH:
        return None
    return [head, pad + INDENT + match.group(2), close]


_ASSIGN_ATOM = re.compile(r"( *)([A-Za-z_]\w*) = (\"(?:[^\"\\]|\\.)*\"|-?\d+(?:\.\d+)?)")


def _assigned_atom(line: str) -> list[str] | None:
    """`NAME = "a long string"` (an enum member) too long → black wraps the value in parentheses when the
    value then fits on its own line, even if `NAME = (` itself does not; otherwise it is left to black."""
    match = _ASSIGN_ATOM.fullmatch(line)
    if not match:
        return None
    pad, name, value = match.groups()
    body = pad + INDENT + value
    if width(body) > LINE_LENGTH:
        return None
    return [f"{pad}{name} = (", body, pad + ")"]


_ASSIGN_CALL = re.compile(r"( *)([A-Za-z_][\w.]*) = ([A-Za-z_][\w.]*)\(([^()\[\]{}]*)\)")
_ASSIGN = re.compile(r"( *)([A-Za-z_]\w*) = (.+)")


def _assigned_call(line: str) -> list[str] | None:
    """`NAME = Call(a=1, b=2)` too long (a Paginator) → black splits the call: its arguments on one line when
    they fit, else one per line with a trailing comma. When `NAME = Call(` itself is too long and the call has
    one argument (`self.x = to_raw_response_wrapper(resource.x)`), black wraps the call in parentheses if
    `NAME = (` fits — the call on one line inside, or split again — and else splits the call anyway."""
    match = _ASSIGN_CALL.fullmatch(line)
    if not match:
        return None
    pad, name, call, args = match.groups()
    head = f"{pad}{name} = {call}("
    inner = pad + INDENT
    if width(head) > LINE_LENGTH:
        return _assigned_long_call(pad, name, call, args) if args and ", " not in args else None
    if not args:
        return None
    if width(inner + args) <= LINE_LENGTH:
        return [head, inner + args, pad + ")"]
    lines = [inner + arg + "," for arg in _top_level_split(args, ", ")]
    if any(width(line) > LINE_LENGTH for line in lines):
        return None
    return [head, *lines, pad + ")"]


def _assigned_long_call(pad: str, name: str, call: str, arg: str) -> list[str] | None:
    inner = pad + INDENT
    wrapped = f"{pad}{name} = ("
    if width(wrapped) > LINE_LENGTH:
        return [f"{pad}{name} = {call}(", inner + arg, pad + ")"] if width(inner + arg) <= LINE_LENGTH else None
    one = f"{inner}{call}({arg})"
    if width(one) <= LINE_LENGTH:
        return [wrapped, one, pad + ")"]
    deep = inner + INDENT + arg
    if width(deep) > LINE_LENGTH:
        return None
    return [wrapped, f"{inner}{call}(", deep, inner + ")", pad + ")"]


def _assigned_union(line: str) -> list[str] | None:
    """`Alias = A | B` too long → black wraps the union in parentheses: one line inside when it fits, else one
    `| term` per line (a term that still does not fit and has brackets is left to black)."""
    match = _ASSIGN.fullmatch(line)
    if not match:
        return None
    pad, name, value = match.groups()
    terms = _top_level_split(value, " | ")
    if len(terms) < 2:
        return None
    inner = pad + INDENT
    body = [inner + value] if width(inner + value) <= LINE_LENGTH else _union_lines(inner, terms)
    return None if body is None else [f"{pad}{name} = (", *body, pad + ")"]


def _union_lines(pad: str, terms: list[str]) -> list[str] | None:
    """A union too long for one line inside its parentheses, as black lays it out: one `| term` per line; a term
    still too long stays as it is when it is a name and is split at its bracket when it is `Outer[Name]`; None
    for any other long term (left to black)."""
    lines: list[str] = []
    for i, term in enumerate(terms):
        lead = "| " if i else ""
        if width(pad + lead + term) <= LINE_LENGTH or _NAME.fullmatch(term):
            lines.append(pad + lead + term)
            continue
        split = _subscript(pad, lead, term)
        if split is None:
            return None
        lines += split
    return lines


_PARAMETER = re.compile(r"( +)(\w+): (.+),")
_DEFAULT = re.compile(r"NOT_GIVEN|None|True|False|-?\d+(?:\.\d+)?")


def _parameter(line: str) -> list[str] | None:
    """A parameter line `name: A | B = DEFAULT,` too long → black parenthesises the annotation: one line inside
    when it fits, else one `| term` per line. A single bare name stays as it is; a single subscript is left to
    black."""
    match = _PARAMETER.fullmatch(line)
    if not match:
        return None
    pad, name, rest = match.groups()
    pieces = _top_level_split(rest, " = ")
    if len(pieces) > 2 or (len(pieces) == 2 and not _DEFAULT.fullmatch(pieces[1])):
        return None
    annotation = pieces[0]
    terms = _top_level_split(annotation, " | ")
    if len(terms) == 1:
        return None if re.search(r"[\[(]", annotation) else [line]
    inner = pad + INDENT
    if width(inner + annotation) <= LINE_LENGTH:
        body = [inner + annotation]
    else:
        body = [inner + terms[0]] + [inner + "| " + term for term in terms[1:]]
        if any(width(b) > LINE_LENGTH and "[" in b for b in body):
            return None
    tail = pad + (f") = {pieces[1]}," if len(pieces) == 2 else "),")
    return [f"{pad}{name}: ("] + body + [tail]


_KEYWORD_COLLECTION = re.compile(r"( +)([A-Za-z_]\w*=)([\[{])(.+)([\]}]),")


def _keyword_collection(line: str) -> list[str] | None:
    """An argument `name={"a": a, "b": b},` too long inside an exploded call → black splits the literal (an atom)
    one element per line and adds the trailing comma, even when the elements would fit on one line; a single
    element goes on its own line as it is."""
    match = _KEYWORD_COLLECTION.fullmatch(line)
    if not match:
        return None
    pad, keyword, opening, body, closing = match.groups()
    code = _STRING_OR_COMMENT.sub('""', body)  # brackets inside a string do not nest
    if _closing(opening) != closing or re.search(r"[\[\](){}]", code) or "#" in code:
        return None  # nested brackets, or a comment: left to black
    inner = pad + INDENT
    elements = _top_level_split(body, ", ")
    # One element: no comma to split at, so it stays as it is, with no comma added.
    lines = [inner + body] if len(elements) == 1 else [inner + element + "," for element in elements]
    if any(not line.strip(", ") or width(line) > LINE_LENGTH and not _UNSPLITTABLE.fullmatch(line) for line in lines):
        return None
    return [pad + keyword + opening, *lines, pad + closing + ","]


_CALL_ELEMENT = re.compile(r'( +)((?:"[^"\\]*": )?[A-Za-z_][\w.]*\()(.*)\),')


def _call_element(line: str) -> list[str] | None:
    """An element `Call(args),` or `"key": Call(args),` too long inside an exploded bracket → black splits at the
    call's brackets: its arguments on one line when they fit there, else one per line with a comma added."""
    match = _CALL_ELEMENT.fullmatch(line)
    if not match:
        return None
    pad, head, body = match.groups()
    encloses = _opening_of_last(head + body + ")") == len(head) - 1
    if not body or not encloses or "#" in _STRING_OR_COMMENT.sub('""', body) or width(pad + head) > LINE_LENGTH:
        return None  # the call's own brackets do not enclose the rest, or a comment: left to black
    inner = pad + INDENT
    if width(inner + body) <= LINE_LENGTH:
        return [pad + head, inner + body, pad + "),"]
    arguments = [inner + argument + "," for argument in _top_level_split(body, ", ")]
    if len(arguments) < 2 or any(width(a) > LINE_LENGTH or not code_is_canonical(a, True) for a in arguments):
        return None  # one long argument: black splits it elsewhere
    return [pad + head, *arguments, pad + "),"]


# An element black has nowhere to split, however long: a name or a string, or a string key and a name.
_UNSPLITTABLE = re.compile(r' +(?:"[^"\\]*": )?(?:[A-Za-z_]\w*|"[^"\\]*"),?')
_KEYWORD_STRING = re.compile(r' +[A-Za-z_]\w*="(?:[^"\\]|\\.)*",')


def _keyword_string(line: str) -> list[str] | None:
    """An argument `name="a long string",` inside an exploded call: black has nowhere to split it and keeps it."""
    return [line] if _KEYWORD_STRING.fullmatch(line) else None


_FROM_IMPORT = re.compile(r"(from \S+ import) (\w+(?: as \w+)?(?:, \w+(?: as \w+)?)*)")


def _from_import(line: str) -> list[str] | None:
    """`from x import A, B` too long → black puts the names in parentheses, one per line with a trailing comma
    (an import it splits always gets one, which then keeps it exploded)."""
    match = _FROM_IMPORT.fullmatch(line)
    if not match:
        return None
    lines = [match.group(1) + " (", *(INDENT + name + "," for name in match.group(2).split(", ")), ")"]
    return lines if all(width(line) <= LINE_LENGTH for line in lines) else None


_ANNOTATED_ALIAS = re.compile(r"([A-Za-z_]\w*) = (Annotated\[.*\])")


def _annotated_alias(line: str) -> list[str] | None:
    """`Alias = Annotated[A | B, discriminator(…)]` too long (a discriminated union): black splits at
    `Annotated[` and then what is inside, as `_split_like_black` does."""
    match = _ANNOTATED_ALIAS.fullmatch(line)
    if not match:
        return None
    return _split_like_black("", f"{match.group(1)} = {match.group(2)}", inside=False)


def _split_like_black(pad: str, code: str, inside: bool) -> list[str] | None:
    """Black's lines for `code` at indent `pad`, when it is made of names, strings, brackets, `, ` and ` | `;
    None where black's choice is not modelled here.

    Too long, inside brackets, it is split at its commas (each part ends with one) or else before its `|`s; else
    at the bracket that closes it: `head[` / the inside one level deeper / `]`, the inside of a display
    (`{…}`, a list) one element per line even when it would fit. Each line is split again the same way; one with
    nothing to split at (`"key": "value",`) stays long."""
    if width(pad + code) <= LINE_LENGTH:
        return [pad + code]
    comma = "," if code.endswith(",") else ""
    bare = code.removesuffix(",")
    lines: list[str] | None = None
    if inside:
        items = _top_level_split(bare, ", ")
        terms = _top_level_split(bare, " | ")
        if len(items) > 1:
            lines = [item + "," for item in items]
        elif len(terms) > 1:
            lines = [terms[0], *("| " + term for term in terms[1:-1]), "| " + terms[-1] + comma]
    if lines is None:
        if len(_top_level_split(bare, ".")) > 2:  # a method chain: black splits it at its dots
            return None
        opening = _opening_of_last(bare)
        if opening is None:
            return None if _splittable(bare) else [pad + code]  # nothing to split at: black leaves it long
        head, body = bare[: opening + 1], bare[opening + 1 : -1]
        items = _top_level_split(body, ", ")
        display = opening == 0 or not (bare[opening - 1].isalnum() or bare[opening - 1] in "_)]")
        if width(pad + head) > LINE_LENGTH or not body or (len(items) == 1 and not _splittable(body)):
            return None
        inner = _each_like_black(pad + INDENT, [item + "," for item in items] if display and len(items) > 1 else [body])
        return None if inner is None else [pad + head, *inner, pad + bare[-1] + comma]
    return _each_like_black(pad, lines)


def _each_like_black(pad: str, lines: list[str]) -> list[str] | None:
    """`_split_like_black` on each line inside brackets, joined; None if black's choice for one is not modelled."""
    out: list[str] = []
    for line in lines:
        part = _split_like_black(pad, line, True)
        if part is None:
            return None
        out += part
    return out


def _opening_of_last(code: str) -> int | None:
    """Where the bracket that closes `code` (its last character) opens, outside strings; None if it does not end
    with one."""
    openings: list[int] = []
    for match in _TOKEN.finditer(code):
        token = match.group()
        if token in _OPEN:
            openings.append(match.start())
        elif token in _CLOSE and openings:
            start = openings.pop()
            if match.end() == len(code):
                return start
    return None


def _splittable(code: str) -> bool:
    """Whether black could split `code` further: it has brackets, commas or `|`s outside its strings."""
    return (
        len(_top_level_split(code, ", ")) > 1
        or len(_top_level_split(code, " | ")) > 1
        or any(char in _OPEN for char in _STRING_OR_COMMENT.sub("", code))
    )


LONG_LINE_RULES: list[Callable[[str], list[str] | None]] = [
    _from_import,
    _annotated_alias,
    _class_bases,
    _keyword_string,
    _parameter,
    _keyword_collection,
    _call_element,
    _annotated_field,
    _assigned_atom,
    _assigned_call,
    _assigned_union,
]

# ---------------------------------------------------------------------------------------------- modules


@dataclass
class Stats:
    chunks: int = 0
    fallback_chunks: int = 0
    lines: int = 0
    fallback_lines: int = 0
    whole_file_fallbacks: int = 0
    statement_fallbacks: int = 0


STATS = Stats()


def format_module(text: str, black_format: Callable[[str], str]) -> str:
    """`black_format(text)`'s result, computed here chunk by chunk; `black_format` lays out what this cannot."""
    try:
        stmts = statements(text)
    except Unsupported:
        STATS.whole_file_fallbacks += 1
        return black_format(text)
    if not stmts:
        return black_format(text)
    out: list[str] = []
    index = 0
    comments_only = True  # the statements so far are all comments
    while index < len(stmts):
        end = index + 1
        while end < len(stmts) and stmts[end].depth > 0:
            end += 1
        chunk = stmts[index:end]
        # the module's first statement; after comments only, not known (black reads them as the string's prefix)
        first_in_module = True if not index else None if comments_only else False
        comments_only = comments_only and all(statement.kind == "comment" for statement in chunk)
        laid = _layout_chunk(chunk, black_format, first_in_module)
        STATS.chunks += 1
        if laid is None:
            source = _chunk_source(chunk)
            STATS.fallback_chunks += 1
            STATS.fallback_lines += source.count("\n")
            laid = black_format(source).rstrip("\n").split("\n")
        out.extend([""] * stmts[index].blank)
        out.extend(laid)
        index = end
    STATS.lines += len(out)
    return "\n".join(out) + "\n"


def _layout_chunk(
    chunk: list[Statement], black_format: Callable[[str], str], first_in_module: bool | None
) -> list[str] | None:
    """The chunk laid out here; a nested statement this module cannot lay out goes to black on its own."""
    first = layout(chunk[0], first_in_module)
    if first is None:
        return None
    out = list(first)
    for previous, statement in zip(chunk, chunk[1:], strict=False):
        opens = None if previous.kind == "comment" else previous.depth < statement.depth  # a comment: not known
        laid = layout(statement, opens) or _black_statement(statement, black_format)
        if laid is None:
            return None
        out.extend([""] * statement.blank)
        out.extend(laid)
    return out


def _black_statement(statement: Statement, black_format: Callable[[str], str]) -> list[str] | None:
    """Black's layout of one nested statement or `def` header, formatted alone inside `if True:` blocks.

    Black lays out a statement from its own text and its indentation only, so the dummy blocks give the
    same result as the real class or function around it; a `def` gets a `pass` body that is dropped again.
    Block openers other than `def` (if/for/with…) are left to the chunk fallback.
    """
    first = statement.lines[0].strip()
    if statement.depth == 0 or statement.kind not in ("other", "def"):
        return None
    if statement.kind == "other" and statement.lines[-1].rstrip().endswith(":"):
        return None
    headers = [INDENT * level + "if True:" for level in range(statement.depth)]
    body = [INDENT * (statement.depth + 1) + "pass"] if statement.kind == "def" else []
    STATS.statement_fallbacks += 1
    laid = black_format("\n".join(headers + statement.lines + body) + "\n").rstrip("\n").split("\n")
    if laid[: statement.depth] != headers:
        return None
    laid = laid[statement.depth :]
    while laid and not laid[0]:  # black puts a blank line before a def that follows `if True:`
        laid.pop(0)
    if body:
        if laid[-1] != body[0]:
            return None
        laid = laid[:-1]
    keyword = re.match(r"[\w.]*", first)
    return laid if laid and keyword and laid[0].strip().startswith(keyword.group(0)) else None


def _chunk_source(chunk: list[Statement]) -> str:
    lines: list[str] = []
    for position, statement in enumerate(chunk):
        if position:
            lines.extend([""] * statement.blank)
        lines.extend(statement.lines)
    return "\n".join(lines) + "\n"
