"""String literals for generated code: one escaper, each language's spelling of an escaped character."""

from __future__ import annotations

from collections.abc import Callable

from .text import unsafe_in_literal

_COMMON = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def quoted(text: str, quote: str, spell: Callable[[int], str]) -> str:
    """`text` between `quote`s: backslash, the quote, newline, CR and tab escaped, and every other character
    no source file may carry verbatim (`text.unsafe_in_literal`: controls, NUL, line separators, BOM, bidi
    controls, lone surrogates) written as `spell(code point)`. The value is kept exactly: nothing is dropped."""
    if text.isascii() and text.isprintable() and quote not in text and "\\" not in text:
        return quote + text + quote  # nothing to escape (the common case)
    out = [quote]
    for char in text:
        common = _COMMON.get(char)
        if common is not None:
            out.append(common)
        elif char == quote:
            out.append("\\" + quote)
        elif unsafe_in_literal(ord(char)):
            out.append(spell(ord(char)))
        else:
            out.append(char)
    out.append(quote)
    return "".join(out)


def hex_or_unicode_escape(code: int) -> str:
    """`\\xNN` below 256, else `\\uNNNN` (Python and JavaScript both read these, lone surrogates included)."""
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
