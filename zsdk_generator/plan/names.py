"""The plan's one naming pass: each scope's names made unique in the strictest spelling, independently of every
other scope, so a change in one part of a spec never renames anything in another.

A scope is what one object holds: the client's resources, a resource's sub-resources and methods, a call's
parameters. Within a scope names are claimed in a fixed order (the spec's), and a name whose words run together
like an earlier one's (`api_keys` and `apikeys`, `list` and `list`) gets the next free number word (`list 2`).
A target's casing can then never make two names of a scope collide. Reserved words are the target's: its
naming policy adds its own suffix (`type_`, `list_`) without looking at other names.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..ir.naming import words
from .model import Name


class Scope:
    """The names of one scope, claimed in order."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self._taken = {"".join(words(text)) for text in taken}

    def claim(self, text: str, key: str, fallback: str = "value") -> Name:
        """A unique Name for `text` (any spelling: `listJobs`, `list_jobs`, `List Jobs`) decided for `key`."""
        base = tuple(words(text)) or (fallback,)
        found, n = base, 1
        while "".join(found) in self._taken:
            n += 1
            found = (*base, str(n))
        self._taken.add("".join(found))
        return Name(found, key)
