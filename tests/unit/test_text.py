"""Spec text made safe to print: the shared prose normalisation and the literal escaper's unsafe set."""

from __future__ import annotations

import pytest

from zsdk_generator.targets.literals import hex_or_unicode_escape, quoted
from zsdk_generator.targets.text import one_line, prose, unsafe_in_literal


@pytest.mark.parametrize("brk", ["\r\n", "\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"])
def test_every_line_break_becomes_a_newline(brk: str) -> None:
    assert prose(f"a{brk}b") == "a\nb"


@pytest.mark.parametrize(
    "char", ["\x00", "\x01", "\x1b", "\x7f", "\x9b", "\ufeff", "\u202e", "\u2066", "\u200f", "\u061c"]
)
def test_invisible_and_control_characters_are_dropped(char: str) -> None:
    assert prose(f"*{char}/") == "*/"  # dropped *before* any context escaper looks for `*/`


def test_tabs_become_spaces_and_lone_surrogates_a_replacement_character() -> None:
    assert prose("a\tb\ud800") == "a b\ufffd"
    assert prose("naïve café — 日本語").encode("utf-8")


def test_one_line_collapses_white_space() -> None:
    assert one_line("  a\u2028 b\n\n c\t ") == "a b c"


def test_literals_escape_every_unsafe_character_and_keep_the_value() -> None:
    text = 'a\x00\x85\u2028\ufeff\u202e\ud800"\\\n'
    literal = quoted(text, '"', hex_or_unicode_escape)
    assert literal == '"a\\x00\\x85\\u2028\\ufeff\\u202e\\ud800\\"\\\\\\n"'
    assert eval(literal) == text  # noqa: S307 - a Python literal of our own making
    assert all(not unsafe_in_literal(ord(c)) for c in literal)


def test_ordinary_text_is_not_unsafe() -> None:
    assert not any(unsafe_in_literal(ord(c)) for c in "Hello, naïve 日本語 ½ “q” \t".replace("\t", " "))
