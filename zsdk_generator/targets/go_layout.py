"""gofmt's layout, computed in Python so generation never needs Go: aligned columns, doc comments, imports;
and the escapers for the other contexts spec text reaches in a Go SDK (string literals, README Markdown).

`align` is text/tabwriter's algorithm with gofmt's settings (padding 1, spaces, empty columns discarded):
consecutive lines that have a cell in a column form a block whose cells are padded to the widest; a line
without cells (a comment) ends every block. `doc_comment` writes spec text, after `text.prose`, in the form
gofmt's doc-comment reformatter leaves unchanged (no indented lines, no implicit headings, nothing it moves);
tests/toolchain/test_go_doc_comments.py checks that against gofmt itself.
"""

from __future__ import annotations

from collections.abc import Iterable

from .literals import quoted
from .text import prose

Row = list[str] | str


def align(rows: list[Row]) -> list[str]:
    """Struct fields or const specs as gofmt aligns them; a row is its cells, a str is a line of its own. A
    column's blocks are the runs of consecutive lines with a cell in it (each inside one block of the column
    before); a line's last cell is no column's."""
    cells = [[row] if isinstance(row, str) else row for row in rows]
    padded = [list(line) for line in cells]
    for column in range(max((len(line) for line in cells), default=1) - 1):
        block: list[int] = []
        for i, line in enumerate([*cells, []]):
            if len(line) - 1 > column:
                block.append(i)
            elif block:
                widest = max(len(cells[j][column]) for j in block)  # a block of empty cells is discarded
                for j in block:
                    padded[j][column] = cells[j][column].ljust(widest + 1 if widest else 0)
                block = []
    return ["".join(line).rstrip() for line in padded]


def go_string(value: object) -> str:
    """A double-quoted Go string literal, safe for any text."""
    text = str(value)
    if text.isascii() and text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'  # nothing to escape: the common case, and a hot one
    return quoted(text, '"', _go_escape)


def _go_escape(code: int) -> str:
    """`\\xNN` is a byte in Go, so only ASCII is written that way; a lone surrogate has no Go spelling."""
    if code < 0x80:
        return f"\\x{code:02x}"
    return "\\ufffd" if 0xD800 <= code <= 0xDFFF else f"\\u{code:04x}"


def doc_lines(text: str) -> list[str]:
    """Spec text as comment lines gofmt leaves alone, after `prose` (one kind of line break, no control, BOM or
    bidi character): every line unindented (no code blocks or lists), one blank line between paragraphs, and
    nothing gofmt's doc-comment reformatter would rewrite or move (`_gofmt_stable`, `_joined`)."""
    paragraphs: list[list[str]] = [[]]
    for raw in prose(text).split("\n"):
        line = raw.strip()
        if line:
            paragraphs[-1].append(_gofmt_stable(line))
        elif paragraphs[-1]:
            paragraphs.append([])
    out: list[str] = []
    for paragraph in _joined([p for p in paragraphs if p]):
        out += ([""] if out else []) + paragraph
    return out


def _joined(paragraphs: list[list[str]]) -> list[list[str]]:
    """Paragraphs gofmt would take for something else, joined to the paragraph before them (where they are
    plain text): a one-line paragraph between two others that reads as an old-style heading (gofmt would
    rewrite it as `# Heading`), and a paragraph of `[text]: url` lines only (link definitions, which gofmt
    moves to the end). Our own paragraphs after them (`Deprecated: …`) stay paragraphs of their own."""
    out: list[list[str]] = []
    for i, paragraph in enumerate(paragraphs):
        heading = len(paragraph) == 1 and 0 < i < len(paragraphs) - 1 and _old_heading(paragraph[0])
        if out and (heading or all(_link_definition(line) for line in paragraph)):
            out[-1] = out[-1] + paragraph
        else:
            out.append(paragraph)
    return out


def _gofmt_stable(line: str) -> str:
    """One stripped line as gofmt prints it back: every `` and '' already the curly quote gofmt would make of it
    (none is left for gofmt to convert, wherever its parser splits the text), a `# ` heading with one space, and
    never a `+build` line (gofmt moves one from any comment to the top of the file as a build constraint)."""
    line = line.replace("``", "\u201c").replace("''", "\u201d")
    if line.startswith("#") and line[1:2].isspace():
        line = "# " + line[1:].strip()
    if line.startswith("+build") and (len(line) == 6 or line[6].isspace()):
        line = "+ build" + line[6:]
    return line


def _link_definition(line: str) -> bool:
    """go/doc/comment's parseLink: `[text]: url`, the url with one of the schemes it knows."""
    close = line.find("]:")
    if not line.startswith("[") or close < 0 or close + 3 >= len(line) or line[close + 2] not in " \t":
        return False
    scheme, found, _ = line[close + 3 :].strip().partition("://")
    return bool(found) and scheme in _LINK_SCHEMES


_LINK_SCHEMES = frozenset({"file", "ftp", "gopher", "http", "https", "mailto", "nntp"})


def _old_heading(line: str) -> bool:
    """go/doc/comment's isOldHeading, for the line itself: an upper-case letter first, a letter or digit last,
    none of its excluded characters, `'` only in `'s`, `.` only before a non-space."""
    if not (line[:1].isalpha() and line[:1].isupper() and line[-1:].isalnum()):
        return False
    if any(c in _NOT_IN_HEADINGS for c in line):
        return False
    if any(not (rest == "s" or rest.startswith("s ")) for rest in _rests(line, "'")):
        return False
    return all(rest and not rest.startswith(" ") for rest in _rests(line, "."))


def _rests(line: str, mark: str) -> list[str]:
    """What follows each `mark` in `line`, to its end."""
    return [line[i + 1 :] for i, c in enumerate(line) if c == mark]


_NOT_IN_HEADINGS = frozenset(';:!?+*/=[]{}_^°&§~%#@<">\\')


def doc_comment(text: str, name: str, fallback: str, notes: Iterable[str] = ()) -> list[str]:
    """A whole `//` comment: `Name: first line` and the rest of the spec text (or the fallback sentence), then
    our own `notes` as paragraphs, laid out in one pass so gofmt sees exactly these paragraphs."""
    if not fallback and not notes and not (text or "").strip():
        return []  # most fields and parameters have no description
    lines = doc_lines(text or "")
    if not lines:
        text, name = fallback, ""
    if notes or not lines:
        lines = doc_lines("\n\n".join(p for p in (text, *notes) if p))
    if lines and name:
        lines[0] = f"{name}: {lines[0]}"
    return [f"// {line}" if line else "//" for line in lines]


def comment_lines(paragraphs: Iterable[str]) -> list[str]:
    """`//` lines for paragraphs of prose (spec text inside our own sentences is put on one line first)."""
    return doc_comment("\n\n".join(p for p in paragraphs if p), "", "")
