"""Spec text made safe to print: the one normalisation every output context applies first.

Spec strings reach generated files in a handful of contexts — a string literal, a line comment, a doc block,
a manifest value (TOML, JSON, go.mod), Markdown. Each target escapes for the exact context it writes
(`literals.quoted` for literals; its own doc-comment and manifest escapers), but prose — titles,
descriptions, summaries, anything shown to a reader rather than sent on the wire — first goes through
`prose`, so no context has to think about invisible or line-breaking characters:

- line breaks of every kind (CR, CRLF, NEL, U+2028, U+2029, VT, FF) become `\\n`; a tab becomes a space;
- other control characters (C0, DEL, C1), NUL among them, are dropped;
- the byte-order mark / zero-width no-break space and the bidirectional controls (the "Trojan Source"
  characters U+202A–U+202E, U+2066–U+2069, and the marks U+200E, U+200F, U+061C) are dropped;
- a lone UTF-16 surrogate (JSON can spell one) becomes U+FFFD, so the file can be written as UTF-8.

Values that travel on the wire (enum values, defaults, examples, server URLs) are never normalised: they are
written as string literals with every such character escaped, so the SDK sends exactly what the spec says.
"""

from __future__ import annotations

import re

_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_DROPPED = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_UNUSUAL_ASCII = re.compile("[^\n -~]")  # in ASCII text, what `prose` may change

# Characters no output context may carry verbatim, even inside a literal: a literal escaper writes them as
# escapes (see `literals.quoted`).
UNSAFE_IN_LITERALS = frozenset(
    [*range(0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029, 0xFEFF, 0x200E, 0x200F, 0x061C,
     *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)  # fmt: skip


def prose(text: str) -> str:
    """`text` with line breaks unified, tabs as spaces, and invisible or unsafe characters removed."""
    if text.isascii() and _UNUSUAL_ASCII.search(text) is None:  # most text: printable ASCII and line feeds
        return text
    text = _LINE_BREAKS.sub("\n", text).replace("\t", " ")
    text = _DROPPED.sub("", text)
    return _SURROGATE.sub("\ufffd", text)


def one_line(text: str) -> str:
    """`prose(text)` on one line: every run of white space becomes one space."""
    return " ".join(prose(text).split())


def unsafe_in_literal(code: int) -> bool:
    """Whether a literal escaper must write this code point as an escape (a surrogate included)."""
    return code in UNSAFE_IN_LITERALS or 0xD800 <= code <= 0xDFFF
