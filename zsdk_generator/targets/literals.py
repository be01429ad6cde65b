"""String literals for generated code: one escaper, each language's rules for the characters it must escape."""

from __future__ import annotations

from collections.abc import Callable

_COMMON = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def quoted(text: str, quote: str, escape: Callable[[int], str | None]) -> str:
    """`text` between `quote`s, with backslash, the quote, newline, CR and tab escaped, and any other character
    written as `escape(code point)` says (None: as it is)."""
    out = [quote]
    for char in text:
        common = _COMMON.get(char)
        if common is not None:
            out.append(common)
        elif char == quote:
            out.append("\\" + quote)
        else:
            special = escape(ord(char))
            out.append(char if special is None else special)
    out.append(quote)
    return "".join(out)


def hex_or_unicode_escape(code: int) -> str:
    """`\\xNN` below 256, else `\\uNNNN` (Python and JavaScript both read these)."""
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
