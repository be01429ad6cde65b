"""A change between two versions of a spec, as data: how much it can break, where it is in both documents, and
what it changes in each language's SDK."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

_PATH_PARAMETER = re.compile(r"\{[^}]*\}")

Level = Literal["breaking", "potential", "compatible"]
LEVELS: tuple[Level, ...] = ("breaking", "potential", "compatible")  # most severe first


@dataclass(frozen=True)
class Place:
    """Where a change is in one document: its JSON pointer there and the file and line it comes from."""

    pointer: str
    file: str = ""
    line: int = 0

    def shown(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where} {self.pointer}" if where else self.pointer


@dataclass
class Change:
    level: Level
    code: str  # a stable identifier of the kind of change (`operation-removed`, `request-property-became-required`)
    message: str  # one sentence, naming the operation or schema
    old: Place | None = None  # None: the thing is new
    new: Place | None = None  # None: the thing is gone
    operation: str = ""  # `GET /pets/{}` when the change is inside one operation
    sdk_only: bool = False  # the API's wire contract is unchanged; only the generated SDKs' names change
    parameter: str = ""  # the parameter's wire name, for a change to one
    surface: dict[str, str] = field(default_factory=dict)  # language → the SDK surface it changes

    def to_data(self) -> dict[str, object]:
        return {
            "level": self.level,
            "code": self.code,
            "message": self.message,
            "operation": self.operation or None,
            "sdk_only": self.sdk_only,
            "parameter": self.parameter or None,
            "old": _place(self.old),
            "new": _place(self.new),
            "surface": self.surface,
        }


def _place(place: Place | None) -> dict[str, object] | None:
    if place is None:
        return None
    return {"pointer": place.pointer, "file": place.file, "line": place.line}


def operation_key(method: str, path: str) -> tuple[str, str]:
    """One operation in either version: its method, and its path with the parameters' names blanked (renaming
    `{id}` to `{pet_id}` keeps the operation)."""
    return method.lower(), _PATH_PARAMETER.sub("{}", path)


def bump(changes: list[Change]) -> Literal["major", "minor", "patch", "none"]:
    """The semantic-version bump the changes call for: major for a breaking one, minor for an addition or a
    potentially breaking one, patch for the rest (documentation), none without changes."""
    if not changes:
        return "none"
    if any(change.level == "breaking" for change in changes):
        return "major"
    if any(change.code.endswith("-added") or change.level == "potential" for change in changes):
        return "minor"
    return "patch"


def at_least(changes: list[Change], level: Level) -> list[Change]:
    """The changes as severe as `level` or more."""
    worst = LEVELS.index(level)
    return [change for change in changes if LEVELS.index(change.level) <= worst]
