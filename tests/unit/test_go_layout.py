"""go_layout: gofmt's alignment and doc-comment form, computed without Go (checked against gofmt's own output)."""

from __future__ import annotations

from zsdk_generator.targets.go_layout import align, doc_comment, go_string, imports_block


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
        "// Thing: Overview",  # a one-line paragraph that could read as a heading joins the next
        "// indented code",
        "// - item",
        "//",
        "// Done \u201cquoted\u201d.",
    ]
    heading_like = doc_comment("Intro.\n\nOverview\n\nBody text.", "", "")
    assert heading_like == ["// Intro.", "//", "// Overview", "// Body text."]


def test_go_string_escapes() -> None:
    assert go_string('a"b\\c\n\x01') == '"a\\"b\\\\c\\n\\x01"'


def test_imports_grouped_and_sorted() -> None:
    assert imports_block(["time", "context"], ["m/option"]) == 'import (\n\t"context"\n\t"time"\n\n\t"m/option"\n)\n'
    assert imports_block([], ["m/core"]) == 'import "m/core"\n'
