"""A finding is one line, whatever the spec's keys and values hold."""

from __future__ import annotations

from zsdk_generator.diagnostics import Diagnostic


def test_control_characters_are_escaped_and_text_is_kept() -> None:
    found = Diagnostic("warning", "path parameter {id\n} in café²", "/paths/~1a\x00", "spec.yaml", 3, 4)
    assert found.format() == "spec.yaml:3:4: warning: /paths/~1a\\x00: path parameter {id\\n} in café²"


def test_a_lone_surrogate_is_escaped_so_the_line_can_be_printed() -> None:
    assert Diagnostic("error", "bad \ud800", None, "f.json").format() == "f.json: error: bad \\ud800"


def test_a_huge_key_or_message_is_elided_so_output_stays_small() -> None:
    line = Diagnostic("warning", "m" * 5000, "/paths/~1" + "a" * 100_000 + "/get", "spec.json", 1, 2).format()
    assert len(line) < 1200
    assert line.startswith("spec.json:1:2: warning: /paths/~1aaa") and "…" in line and "/get: mmm" in line
