"""Sentinels and type aliases shared by the runtime and the generated code.

``NOT_GIVEN`` marks an argument the caller did not pass, so that "omitted"
(nothing is sent) differs from an explicit ``None`` (``null`` is sent in a JSON
body).  ``omit`` removes a header the client would otherwise send, e.g.
``extra_headers={"User-Agent": omit}``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import IO, Literal, TypeVar

import httpx

__all__ = [
    "NOT_GIVEN",
    "Body",
    "FileContent",
    "FileTypes",
    "Headers",
    "NotGiven",
    "Omit",
    "Query",
    "Security",
    "Timeout",
    "is_given",
    "omit",
]

_T = TypeVar("_T")


class NotGiven:
    """The type of ``NOT_GIVEN``: the caller did not pass this argument.

    ``NOT_GIVEN`` is falsy, so ``timeout or default`` style code works, but
    the runtime always tests for it with ``isinstance(x, NotGiven)``.
    """

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __reduce__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()


class Omit:
    """The type of ``omit``: remove a value the client would send by default."""

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "omit"

    def __reduce__(self) -> str:
        return "omit"


omit = Omit()


def is_given(value: _T | NotGiven | Omit) -> bool:
    """True when ``value`` is neither ``NOT_GIVEN`` nor ``omit``."""
    return not isinstance(value, (NotGiven, Omit))


Headers = Mapping[str, str | Omit]
"""Extra headers for one call; ``omit`` removes a default header."""

Query = Mapping[str, object]
"""Extra query parameters for one call."""

Body = Mapping[str, object]
"""Extra JSON body fields for one call."""

Timeout = float | httpx.Timeout | None
"""Seconds (float), a full ``httpx.Timeout``, or ``None`` for no timeout."""

Security = Sequence[Sequence[str]] | None
"""Security alternatives: each inner list names schemes that are all applied.

``[]`` means the operation is public (no credentials), ``None`` means the
client's default requirement applies.
"""

FileContent = IO[bytes] | bytes | os.PathLike[str]

FileTypes = (
    FileContent
    | tuple[str | None, FileContent]
    | tuple[str | None, FileContent, str | None]
)
"""A file to upload: content, ``(filename, content)`` or
``(filename, content, content_type)``; content is bytes, a binary file
object or a path."""
