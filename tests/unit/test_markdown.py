"""Spec text in Markdown (every SDK's README), one policy for all targets: text renders as itself,
descriptions keep their inline Markdown but open no block, code spans cannot end early."""

from __future__ import annotations

from zsdk_generator.targets.markdown import markdown_cell_code, markdown_code, markdown_lines, markdown_text


def test_markdown_text_is_text() -> None:
    hostile = "1. <script>x</script> **b** `c` [l](u) | ~~s~~ $m$ &amp; a_b _e_ \\"
    assert markdown_text(hostile) == (
        "1\\. &lt;script&gt;x&lt;/script&gt; \\*\\*b\\*\\* \\`c\\` \\[l\\](u) \\| \\~\\~s\\~\\~ \\$m\\$ &amp;amp; a_b \\_e\\_ \\\\"
    )
    assert [markdown_text(t) for t in ("# h", "- i", "+ i", "=== ", "```go", "12) x")] == [
        "\\# h", "\\- i", "\\+ i", "\\===", "\\`\\`\\`go", "12\\) x"
    ]  # fmt: skip
    assert markdown_text("snake_case _emphasis_\n```\nfence") == "snake_case \\_emphasis\\_ \\`\\`\\` fence"


def test_markdown_lines_keep_inline_markdown_and_open_no_block() -> None:
    text = "Use `<token>` and **bold**.\n```python\nrun()\n```\n# heading\n    indented\n~~~\n<script>x</script>\n---"
    lines = markdown_lines(text)
    assert lines[0] == "Use `<token>` and **bold**."  # a code span keeps `<`: it is not HTML there
    assert not any(line.lstrip().startswith(("```", "~~~", "#", "<", "---")) for line in lines), lines
    assert "&lt;script>x&lt;/script>" in lines
    assert "   indented" in lines  # at most three spaces: never an indented code block
    assert markdown_lines("a\r\n\n\n  b\u2028c\n\n") == ["a", "", "  b", "c"]
    assert markdown_lines("") == []


def test_markdown_code_cannot_end_early() -> None:
    assert markdown_code("GET /things") == "`GET /things`"
    assert markdown_code("/a/`${x}`/b") == "``/a/`${x}`/b``"
    assert markdown_code("/a/`${x}`") == "`` /a/`${x}` ``"
    assert markdown_code("a``b\nc") == "```a``b c```"
    assert markdown_cell_code("a|b") == "`a\\|b`"


def test_numbers_that_cannot_start_a_list_stay_as_they_are() -> None:
    assert markdown_text("1.4.0") == "1.4.0"
    assert markdown_text("2) x") == "2\\) x"
