"""go_layout: gofmt's alignment and doc-comment form, computed without Go (checked against gofmt's own output)."""

from __future__ import annotations

from zsdk_generator.render import environment
from zsdk_generator.targets.go import TARGET
from zsdk_generator.targets.go_layout import align, comment_lines, doc_comment, go_string


def test_struct_fields_align_in_blocks_broken_by_comments() -> None:
    rows: list[list[str] | str] = [
        "// A is a.",
        ["A", "string", '`json:"a"`'],
        "// Bbbbbbb is b.",
        ["Bbbbbbb", "int", '`json:"bbbbbbb,omitzero"`'],
        ["C", "map[string]int", '`json:"c"`'],
        ["x", "int"],
        ["Yyy", "int"],
    ]
    # what gofmt printed for the same struct
    assert align(rows) == [
        "// A is a.",
        'A string `json:"a"`',
        "// Bbbbbbb is b.",
        'Bbbbbbb int            `json:"bbbbbbb,omitzero"`',
        'C       map[string]int `json:"c"`',
        "x       int",
        "Yyy     int",
    ]


def test_const_block() -> None:
    assert align([["X", "T2", '= "x"'], ["Yyyyy", "T2", '= "y"']]) == ['X     T2 = "x"', 'Yyyyy T2 = "y"']


def test_doc_comment_avoids_what_gofmt_rewrites() -> None:
    text = "Overview\n\n    indented code\n- item\n\n\nDone ``quoted''."
    assert doc_comment(text, "Thing", "") == [
        "// Thing: Overview",
        "//",
        "// indented code",
        "// - item",
        "//",
        "// Done \u201cquoted\u201d.",
    ]
    # a one-line paragraph between two others that gofmt would rewrite as `# Overview` joins the one before it
    heading_like = doc_comment("Intro.\n\nOverview\n\nBody text.", "", "")
    assert heading_like == ["// Intro.", "// Overview", "//", "// Body text."]
    # ...so our own paragraphs after it keep their place (Go tools read `Deprecated:` only at a paragraph start)
    deprecated = doc_comment("Body.\n\nLast Heading", "T", "", ["Deprecated: the API marks this as deprecated."])
    assert deprecated == ["// T: Body.", "// Last Heading", "//", "// Deprecated: the API marks this as deprecated."]


def test_doc_comment_normalises_before_laying_out() -> None:
    # every kind of line break is one; controls, BOM and bidi controls are gone; the text cannot leave the comment
    text = "a\r\nb\u2028c\x85d\x0be\rf\x00\x1b[0m\ufeff\u202eg\nzsdkpwn()"
    assert doc_comment(text, "", "") == ["// a", "// b", "// c", "// d", "// e", "// f[0mg", "// zsdkpwn()"]


def test_doc_comment_never_writes_what_gofmt_would_move() -> None:
    # gofmt moves a `+build` line from any comment to the top of the file as a build constraint, and a paragraph of
    # link definitions to the end of the comment
    text = "Intro.\n\n+build ignore\n\n[docs]: https://example.com\n\n#   Spaced"
    assert comment_lines(["Lead.", text]) == [
        "// Lead.",
        "//",
        "// Intro.",
        "//",
        "// + build ignore",
        "// [docs]: https://example.com",
        "//",
        "// # Spaced",
    ]
    assert doc_comment("+build\u00a0linux", "", "") == ["// + build\u00a0linux"]
    assert doc_comment("+buildx", "", "") == ["// +buildx"]


def test_go_string_escapes() -> None:
    assert go_string('a"b\\c\n\x01') == '"a\\"b\\\\c\\n\\x01"'


def test_imports_grouped_and_sorted() -> None:
    """templates/go/imports.go.jinja writes the import declaration gofmt keeps."""
    go = environment(TARGET).get_template("imports.go.jinja").module
    assert go.imports(["time", "context", "time"], ["m/option"]) == (  # type: ignore[attr-defined]
        'import (\n\t"context"\n\t"time"\n\n\t"m/option"\n)\n'
    )
    assert go.imports([], ["m/core"]) == 'import "m/core"\n'  # type: ignore[attr-defined]
    assert go.imports([], []) == ""  # type: ignore[attr-defined]
