"""The blank lines templates leave behind, tidied: what several targets' `format` does to a rendered file.

Plain string replacement rather than a regular expression: `re.sub(r"\\n{3,}", ...)` scans a large SDK's text
ten times slower than `str.replace` (no literal prefix for the engine to search for).
"""

from __future__ import annotations

import re

_BEFORE_CLOSE = re.compile(r"\n\n( *})")


def single(text: str) -> str:
    """Every run of blank lines made one blank line."""
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text


def inside_braces(text: str) -> str:
    """single(text), and no blank line just inside a `{ … }` block (after its `{`, before its `}`)."""
    return _BEFORE_CLOSE.sub(r"\n\1", single(text).replace("{\n\n", "{\n"))
