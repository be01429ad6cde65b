"""gofmt's layout, computed in Python so generation never needs Go: aligned columns, doc comments, imports.

`align` is text/tabwriter's algorithm with gofmt's settings (padding 1, spaces, empty columns discarded):
consecutive lines that have a cell in a column form a block whose cells are padded to the widest; a line
without cells (a comment) ends every block. `doc_comment` writes spec text in the form gofmt's doc-comment
reformatter leaves unchanged (no indented lines, no implicit headings).
"""

from __future__ import annotations

from .literals import quoted

Row = list[str] | str


def align(rows: list[Row]) -> list[str]:
    """Struct fields or const specs as gofmt aligns them; a row is its cells, a str is a line of its own."""
    cells = [[row] if isinstance(row, str) else list(row) for row in rows]
    widths: list[list[int]] = [[0] * max(len(c) - 1, 0) for c in cells]

    def format_block(line0: int, line1: int, column: int) -> None:
        this = line0
        while this < line1:
            if column >= len(cells[this]) - 1:
                this += 1
                continue
            start = this
            width = 0
            discardable = True
            while this < line1 and column < len(cells[this]) - 1:
                cell = cells[this][column]
                width = max(width, len(cell) + 1)
                if cell:
                    discardable = False
                this += 1
            if discardable:
                width = 0
            for i in range(start, this):
                widths[i][column] = width
            format_block(start, this, column + 1)

    format_block(0, len(cells), 0)
    out = []
    for line, w in zip(cells, widths, strict=True):
        text = "".join(cell.ljust(w[i]) for i, cell in enumerate(line[:-1])) + line[-1]
        out.append(text.rstrip())
    return out


def go_string(value: object) -> str:
    """A double-quoted Go string literal, safe for any text."""
    return quoted(str(value), '"', _go_escape)


def _go_escape(code: int) -> str:
    """`\\xNN` is a byte in Go, so only ASCII is written that way; a lone surrogate has no Go spelling."""
    if code < 0x80:
        return f"\\x{code:02x}"
    return "\\ufffd" if 0xD800 <= code <= 0xDFFF else f"\\u{code:04x}"


def doc_lines(text: str) -> list[str]:
    """Spec text as comment lines gofmt's doc-comment reformatter leaves alone: control characters dropped,
    every line unindented (no code blocks or lists), at most one blank line between paragraphs, and a
    one-line paragraph that could read as a heading joined to the paragraph after it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = "".join(c for c in text if c == "\n" or (ord(c) >= 0x20 and ord(c) != 0x7F and c not in "\u2028\u2029"))
    # gofmt writes `` and '' as curly quotes: write them that way ourselves.
    text = text.replace("``", "\u201c").replace("''", "\u201d")
    paragraphs: list[list[str]] = [[]]
    for raw in text.split("\n"):
        line = raw.strip()
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    paragraphs = [p for p in paragraphs if p]
    out: list[str] = []
    for i, paragraph in enumerate(paragraphs):
        if out:
            previous_heading_like = len(paragraphs[i - 1]) == 1 and _heading_like(paragraphs[i - 1][0])
            if not previous_heading_like:
                out.append("")
        out.extend(paragraph)
    return out


def _heading_like(line: str) -> bool:
    """Whether gofmt might take a one-line paragraph for a heading (an old-style one, or `# `)."""
    return line.startswith("#") or (line[:1].isupper() and line[-1:].isalnum())


def doc_comment(text: str, name: str, fallback: str) -> list[str]:
    """`// Name: first line` and the rest of the spec text, or the fallback sentence."""
    lines = doc_lines(text or "")
    if not lines:
        return [f"// {fallback}"] if fallback else []
    if name:
        lines[0] = f"{name}: {lines[0]}"
    return [f"// {line}" if line else "//" for line in lines]


def imports_block(std: list[str], local: list[str]) -> str:
    """The import declaration gofmt keeps: standard library, a blank line, then the module's packages."""
    groups = [sorted(set(std)), sorted(set(local))]
    paths = [[f'\t"{p}"' for p in g] for g in groups if g]
    if not paths:
        return ""
    if sum(len(g) for g in paths) == 1:
        return "import " + paths[0][0].strip() + "\n"
    return "import (\n" + "\n\n".join("\n".join(g) for g in paths) + "\n)\n"
