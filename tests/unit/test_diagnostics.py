"""A finding is one line, whatever the spec's keys and values hold."""

from __future__ import annotations

from zsdk_generator.diagnostics import Diagnostic


def test_control_characters_are_escaped_and_text_is_kept() -> None:
    found = Diagnostic("warning", "path parameter {id\n} in café²", "/paths/~1a\x00", "spec.yaml", 3, 4)
    assert found.format() == "spec.yaml:3:4: warning: /paths/~1a\\x00: path parameter {id\\n} in café²"


def test_a_lone_surrogate_is_escaped_so_the_line_can_be_printed() -> None:
    assert Diagnostic("error", "bad \ud800", None, "f.json").format() == "f.json: error: bad \\ud800"
