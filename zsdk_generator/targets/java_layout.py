"""The layout google-java-format 1.28.0 writes, for the shapes the Java templates print, computed here: generation
never runs Java, and the output is gjf-clean as written.

The generated code keeps to a few shapes whose layout gjf decides simply: a statement calling one method with
plain arguments, a declaration with a parameter list, a field, a doc comment. Each helper gives the lines gjf
would write (columns 100, indent 2, continuation +4):

- a call that does not fit breaks after `=` when the right side then fits, else after `(`, with every argument
  on one continuation line when they fit there, else one argument per line;
- a declaration breaks after `(` the same way;
- a field breaks before its name;
- very long class names (real specs have 80–150 characters) add breaks: a head's modifiers on their own line,
  type arguments broken after `<` (8 columns in, nested ones 4), a qualified name filled at its dots, a builder
  chain and a string concatenation broken before each `.` / `+`, a cast local after `=` and after the cast;
- a doc comment is filled to the column limit, paragraphs after the first start with `<p>`, block tags follow a
  blank line and continue 4 columns in; one that fits on one line is `/** … */`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .literals import quoted
from .text import prose

WIDTH = 100


def java_string(text: str) -> str:
    """A Java string literal of `text`, exactly: every character a source file may not carry verbatim is an
    octal escape (below U+0100: a `\\u` escape of a line break would end the line before javac reads the
    literal) or a `\\u` escape."""
    return quoted(text, '"', lambda code: f"\\{code:03o}" if code < 0x100 else f"\\u{code:04x}")


class Expr(str):
    """A call expression `callee(args…)` that gjf may break after its `(` when it is an argument that does not
    fit; as a string, its one-line spelling."""

    callee: str
    args: tuple[str, ...]

    def __new__(cls, callee: str, args: Sequence[str]) -> Expr:
        made = super().__new__(cls, f"{callee}({', '.join(args)})")
        made.callee, made.args = callee, tuple(args)
        return made


def columns(text: str) -> int:
    """How wide google-java-format counts `text`: Java's String.length(), in UTF-16 code units (an emoji is 2)."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def _fits(line: str) -> bool:
    return columns(line) <= WIDTH


MODIFIERS = frozenset({"public", "protected", "private", "static", "final", "abstract", "sealed", "default"})


def split_modifiers(text: str) -> tuple[str, str]:
    """(`public static final`, the rest) of a declaration's head."""
    words = text.split(" ")
    n = 0
    while n < len(words) - 1 and words[n] in MODIFIERS:
        n += 1
    return " ".join(words[:n]), " ".join(words[n:])


def _depth_split(text: str, sep: str) -> list[str]:
    """`text` split at each `sep` outside parentheses, brackets and string literals (kept at the piece's start)."""
    pieces, depth, start, quoted = [], 0, 0, False
    for i, ch in enumerate(text):
        if ch == '"' and (i == 0 or text[i - 1] != "\\"):
            quoted = not quoted
        elif not quoted and ch in "(<[{":
            depth += 1
        elif not quoted and ch in ")>]}":
            depth -= 1
        elif not quoted and depth == 0 and text.startswith(sep, i) and i:
            pieces.append(text[start:i])
            start = i
    return [*pieces, text[start:]]


def dotted(indent: int, name: str, end: str, step: int = 4) -> list[str]:
    """A qualified name (`Outer.Inner.class`) too long for its line, filled at its dots: as many segments on a
    line as fit, the rest `step` columns further in."""
    pad, more = " " * indent, " " * (indent + step)
    segments = _depth_split(name, ".")
    lines, line = [], pad + segments[0]
    for i, segment in enumerate(segments[1:], 1):
        last = end if i == len(segments) - 1 else ""
        if _fits(line + segment + last):
            line += segment
        else:
            lines.append(line)
            line = more + segment
    return [*lines, line + end]


def chain(indent: int, text: str, end: str) -> list[str]:
    """A method chain `Type.builder().build()` too long for its line: `Type.builder()` kept together when it
    fits, else every `.` starts a line, 4 columns in."""
    segments = _depth_split(text, ".")
    pad, more = " " * indent, " " * (indent + 4)
    if len(segments) > 2 and _fits(pad + segments[0] + segments[1]):
        head, rest = segments[0] + segments[1], segments[2:]
    else:
        head, rest = segments[0], segments[1:]
    return [pad + head, *[more + s + (end if i == len(rest) - 1 else "") for i, s in enumerate(rest)]]


def concat(indent: int, text: str, end: str) -> list[str]:
    """`"a=" + b` too long for its line: broken before each `+`, 4 columns in."""
    pieces = _depth_split(text, " + ")
    pad, more = " " * indent, " " * (indent + 4)
    return [pad + pieces[0], *[more + p.lstrip() + (end if i == len(pieces) - 2 else "")
                               for i, p in enumerate(pieces[1:])]]  # fmt: skip


def _piece(indent: int, text: str, end: str) -> list[str]:
    """One argument (or value) that does not fit on its line, broken as gjf breaks its kind of expression."""
    pad = " " * indent
    if len(_depth_split(text, " + ")) > 1:
        return concat(indent, text, end)
    if text.startswith("new ") and "<" in text and text.endswith("{}"):  # new TypeReference<…>() {}
        outer, _, inner = text.partition("<")
        return [pad + outer + "<", " " * (indent + 4) + inner + end]
    if re.fullmatch(r"[\w$]+(\.[\w$]+)+", text):
        return dotted(indent, text, end)
    if re.fullmatch(r"[\w$]+(\.[\w$]+\(\))+", text):
        return chain(indent, text, end)
    return [pad + text + end]


def call(indent: int, prefix: str, callee: str, args: Sequence[str], tail: str = ";") -> list[str]:
    """`prefix callee(args)tail` as gjf lays out a statement or initializer calling one method."""
    pad = " " * indent
    whole = f"{callee}({', '.join(args)}){tail}"
    if _fits(pad + prefix + whole):
        return [pad + prefix + whole]
    kind, _, name = prefix[:-3].rpartition(" ")
    if prefix.endswith(" = ") and kind and not _fits(pad + prefix.rstrip()):  # a declaration: its name goes down
        modifiers, kind_only = split_modifiers(kind)
        if modifiers and not _fits(pad + kind):  # its modifiers first
            return [pad + modifiers, *call(indent, f"{kind_only} {name} = ", callee, args, tail)]
        return [pad + kind, *call(indent + 4, name + " = ", callee, args, tail)]
    if prefix.endswith(" = "):
        if _fits(" " * (indent + 4) + whole):
            return [pad + prefix.rstrip(), " " * (indent + 4) + whole]
        return [pad + prefix.rstrip(), *call(indent + 4, "", callee, args, tail)]
    return [pad + prefix + callee + "(", *_arguments(indent + 4, args, ")" + tail)]


def _arguments(indent: int, args: Sequence[str], close: str) -> list[str]:
    """Arguments after a broken `(`: on one line when they fit, else one per line (an argument that is a call
    and still does not fit broken after its own `(`)."""
    pad = " " * indent
    together = pad + ", ".join(args) + close
    if _fits(together):
        return [together]
    if len(args) == 1 and not isinstance(args[0], Expr):
        return _long_string(indent, args[0], close) or _piece(indent, args[0], close)
    lines = []
    for i, a in enumerate(args):
        end = "," if i < len(args) - 1 else close
        if _fits(pad + a + end):
            lines.append(pad + a + end)
        elif not isinstance(a, Expr) or not a.args:
            lines += _piece(indent, a, end)
        elif "." in a.callee and not _fits(pad + a.callee + "("):  # broken before the method's name
            owner, _, method = a.callee.rpartition(".")
            lines += [pad + owner, *call(indent + 4, "", "." + method, a.args, end)]
        else:
            lines += [pad + a.callee + "(", *_arguments(indent + 4, a.args, ")" + end)]
    return lines


def _type_lines(pad: str, text: str, step: int = 8) -> list[str]:
    """A declaration's modifiers and type: broken after the type's first `<`, its arguments 8 columns in (4 in
    a nested one), when they do not fit on one line."""
    if _fits(pad + text) or "<" not in text:
        return [pad + text]
    outer, _, inner = text.partition("<")
    if len(_depth_split(inner[:-1], ", ")) == 1 and "<" in inner:
        return [f"{pad}{outer}<", *_type_lines(pad + " " * step, inner, 4)]
    return [f"{pad}{outer}<", f"{pad}{' ' * step}{inner}"]


def _long_string(indent: int, literal: str, close: str) -> list[str]:
    """A string literal too long for its line, split at spaces into `"…" + "…"` pieces as gjf's string wrapper
    does (each later piece 4 columns further in, starting with its space); [] when it is not a plain literal or
    has no space to split at."""
    body = literal[1:-1]
    if not (literal.startswith('"') and literal.endswith('"')) or " " not in body or "\\" in body:
        return []
    words = re.split(r"(?= )", body)
    lines: list[str] = []
    current, first = "", True
    for i, word in enumerate(words):
        prefix = " " * indent if first else " " * (indent + 4) + "+ "
        end = close if i == len(words) - 1 else ""
        if current and not _fits(f'{prefix}"{current}{word}"{end}'):
            lines.append(f'{prefix}"{current}"')
            current, first = word, False
        else:
            current += word
    prefix = " " * indent if first else " " * (indent + 4) + "+ "
    lines.append(f'{prefix}"{current}"{close}')
    return lines


def declaration(
    indent: int, head: str, params: Sequence[str], tail: str = " {", constructor: bool = False
) -> list[str]:
    """`head(params)tail` — a method or constructor declaration — as gjf lays it out (a constructor's name that
    does not fit after its modifiers goes down to their column, a method's 4 columns further in)."""
    pad = " " * indent
    whole = f"{pad}{head}({', '.join(params)}){tail}"
    if _fits(whole):
        return [whole]
    if " " in head and (not params or not _fits(f"{pad}{head}(")):  # the name goes down, 4 columns in
        kind, _, name = head.rpartition(" ")
        modifiers, rest = split_modifiers(kind)
        if modifiers and "<" not in rest and not constructor and not _fits(pad + kind):  # the modifiers first
            return [pad + modifiers, *declaration(indent, f"{rest} {name}", params, tail)]
        return [*_type_lines(pad, kind), *declaration(indent + (0 if constructor else 4), name, params, tail)]
    together = f"{pad}    {', '.join(params)}){tail}"
    if not params:
        return [whole]
    if _fits(together):
        return [f"{pad}{head}(", together]
    lines = [f"{pad}{head}("]
    for i, param in enumerate(params):
        end = "," if i < len(params) - 1 else ")" + tail
        if _fits(f"{pad}    {param}{end}"):
            lines.append(f"{pad}    {param}{end}")
        else:  # the parameter's name goes down
            kind, _, name = param.rpartition(" ")
            lines += [*_type_lines(pad + "    ", kind), f"{pad}        {name}{end}"]
    return lines


def field(indent: int, head: str, name: str, tail: str = ";") -> list[str]:
    """A field declaration `head name;` (`name` may end with ` = value`): when it does not fit, the name on the
    next line, 4 columns in — or, with a value, the value."""
    pad = " " * indent
    whole = f"{pad}{head} {name}{tail}"
    if _fits(whole):
        return [whole]
    modifiers, _, kind = head.rpartition(" ")
    if modifiers and not _fits(f"{pad}{head}"):
        if "<" in kind:  # broken inside its type arguments
            return [*_type_lines(pad, head), " " * (indent + 4) + name + tail]
        return [pad + modifiers, *field(indent, kind, name, tail)]  # the type goes down
    ident, eq, value = name.partition(" = ")
    if eq and _fits(f"{pad}{head} {ident} ="):
        return [f"{pad}{head} {ident} =", " " * (indent + 4) + value + tail]
    return [pad + head, " " * (indent + 4) + name + tail]


def assign(indent: int, head: str, value: str) -> list[str]:
    """`head = value;`, broken after `=` when it does not fit."""
    pad = " " * indent
    whole = f"{pad}{head} = {value};"
    return [whole] if _fits(whole) else [f"{pad}{head} =", f"{pad}    {value};"]


def cast(indent: int, head: str, kind: str, value: str) -> list[str]:
    """`head = (kind) value;` — a local assigned a cast: broken after `=`, then after the cast, and with a type
    too long for `head =`, before the local's name."""
    pad, more = " " * indent, " " * (indent + 4)
    right = f"({kind}) {value};"
    if _fits(f"{pad}{head} = {right}"):
        return [f"{pad}{head} = {right}"]
    typ, _, name = head.rpartition(" ")
    lines = [f"{pad}{head} ="] if _fits(f"{pad}{head} =") else [pad + typ, f"{more}{name} ="]
    at = " " * (len(lines[-1]) - len(lines[-1].lstrip()) + 4)
    if _fits(at + right):
        return [*lines, at + right]
    return [*lines, f"{at}({kind})", f"{at}    {value};"]


def annotation(name: str, key: str, value: str) -> list[str]:
    """`@Name(key = value)` on a top-level declaration: broken after `(`, then after `=`."""
    if _fits(f"@{name}({key} = {value})"):
        return [f"@{name}({key} = {value})"]
    if _fits(f"    {key} = {value})"):
        return [f"@{name}(", f"    {key} = {value})"]
    return [f"@{name}(", f"    {key} =", *dotted(8, value, ")")]


def type_header(head: str, keyword: str, names: Sequence[str], indent: int = 0, body: str = " {") -> list[str]:
    """`head keyword A, B {` (a class's `implements`, an interface's `permits`): the clause on the next line when
    it does not fit, its names one per line when they do not fit there either; a name too long for the line
    after its modifiers goes down with its keyword (`public final` / `class …`)."""
    pad = " " * indent
    for kind in (" class ", " interface "):
        if not _fits(pad + head + (body if not names else "")) and kind in head:
            modifiers, _, rest = head.partition(kind)
            return [pad + modifiers, *type_header(kind.strip() + " " + rest, keyword, names, indent, body)]
    if not names:
        return [pad + head + body]
    whole = f"{pad}{head} {keyword} {', '.join(names)}{body}"
    if _fits(whole):
        return [whole]
    clause = f"{pad}    {keyword} {', '.join(names)}{body}"
    if _fits(clause):
        return [pad + head, clause]
    first, others = names[0], names[1:]
    lead = f"{pad}    {keyword} "
    if not others and "<" in first and not _fits(lead + first + body):  # broken inside its type arguments
        outer, _, inner = first.partition("<")
        return [pad + head, f"{lead}{outer}<", f"{pad}        {inner}{body}"]
    lines = [pad + head, *_name_lines(lead, first, "," if others else body, len(pad) + 12 - len(lead))]
    for i, n in enumerate(others):
        lines += _name_lines(f"{pad}        ", n, "," if i < len(others) - 1 else body, 4)
    return lines


def _name_lines(lead: str, name: str, end: str, step: int) -> list[str]:
    """`lead` then a type's name, filled at its dots (`step` columns past `lead`) when it does not fit."""
    if _fits(lead + name + end):
        return [lead + name + end]
    lines = dotted(len(lead), name, end, step)
    return [lead + lines[0].lstrip(" "), *lines[1:]]


def record_header(name: str, component: str, parent: str, body: str) -> list[str]:
    """`record Name(@JsonValue Type value) implements Parent {` nested in an interface (indent 2)."""
    head = f"record {name}(@JsonValue {component})"
    if _fits(f"  {head} implements {parent}{body}") or _fits(f"  {head}"):
        return type_header(head, "implements", [parent], 2, body)
    lines = [f"  record {name}("]
    if _fits(f"      @JsonValue {component})"):
        lines.append(f"      @JsonValue {component})")
    else:
        kind, _, ident = component.rpartition(" ")
        lines.append("      @JsonValue")
        lines += [f"          {component})"] if _fits(f"          {component})") else \
            [*_type_lines("          ", kind), f"              {ident})"]  # fmt: skip
    if len(lines) == 2 and _fits(f"{lines[-1]} implements {parent}{body}"):  # not after a broken component
        return [*lines[:-1], f"{lines[-1]} implements {parent}{body}"]
    return [*lines, f"      implements {parent}{body}"]


# ---------------------------------------------------------------------------------------------- doc comments


class Own(str):
    """Text the generator wrote itself (with its own `{@code}` and `{@link}` tags): not escaped."""


def escape_doc(text: str) -> str:
    """Spec prose as it must appear in a doc comment to render as itself: HTML-escaped, `@` and `\\` as entities
    (a tag or a unicode escape otherwise), `*/` broken."""
    text = prose(text)
    for old, new in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("@", "&#64;"), ("\\", "&#92;"),
                     ("*/", "*&#47;")):  # fmt: skip
        text = text.replace(old, new)
    return text


def _words(text: str) -> list[str]:
    return text.split()


def _paragraphs(parts: Iterable[str]) -> list[list[str]]:
    """Each text's paragraphs (split at blank lines) as lists of words; spec text escaped, the generator's kept."""
    out: list[list[str]] = []
    for part in parts:
        text = part if isinstance(part, Own) else escape_doc(part)
        for paragraph in text.replace("\r", "").split("\n\n"):
            found = _words(paragraph)
            if found:
                out.append(found)
    return out


def _fill(words: list[str], first: str, rest: str, width: int) -> list[str]:
    """Words filled greedily into lines: the first line starts with `first`, the others with `rest`."""
    joined = " ".join(words)
    if joined.isascii() and first.isascii() and len(first) + len(joined) <= width:
        return [first + joined]  # one line (the common case)
    measure = len if joined.isascii() and first.isascii() and rest.isascii() else columns
    lines: list[str] = []
    line, used = first, measure(first)
    empty = True
    for word in words:
        size = measure(word)
        if empty:
            line += word
            used += size
            empty = False
        elif used + 1 + size <= width:
            line += " " + word
            used += 1 + size
        else:
            lines.append(line)
            line, used = rest + word, measure(rest) + size
    lines.append(line)
    return lines


def javadoc(indent: int, parts: Iterable[str], tags: Sequence[tuple[str, str | Sequence[str]]] = ()) -> list[str]:
    """A doc comment: the paragraphs of `parts` (a default is the caller's business), then block tags
    (`("@param name", text)`, `("@return", text)`), laid out as gjf does."""
    pad = " " * indent
    paragraphs = _paragraphs(parts)
    if not paragraphs:
        paragraphs = [["-"]]
    body: list[str] = []
    for i, words in enumerate(paragraphs):
        if i:
            body.append(pad + " *")
            words = ["<p>" + words[0], *words[1:]]
        body += _fill(words, pad + " * ", pad + " * ", WIDTH)
    tag_lines: list[str] = []
    for tag, text in tags:
        tag_words = _paragraphs([text] if isinstance(text, str) else text)
        flat = [w for p in tag_words for w in p]
        tag_lines += _fill([*tag.split(), *flat], pad + " * ", pad + " *     ", WIDTH)
    if not tag_lines and len(body) == 1:
        single = f"{pad}/** {body[0][len(pad) + 3:]} */"
        if _fits(single):
            return [single]
    lines = [pad + "/**", *body]
    if tag_lines:
        lines += [pad + " *", *tag_lines]
    return [*lines, pad + " */"]
