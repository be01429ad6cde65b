"""The files a document came from, and how to turn an internal JSON pointer into file:line:col.

Bundling copies pieces of other files into the root document and upgrading
moves pieces (Swagger `definitions` → `components/schemas`). Each such move
records a rule "internal prefix ← (file, file prefix)"; `locate` applies the
longest matching rule, then asks that file's position index.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic
from .pointer import Parts, join, split
from .positions import PositionIndex


@dataclass
class SourceFile:
    path: str  # as shown in messages (relative to the working directory when possible)
    abspath: str
    text: str
    is_json: bool
    _index: PositionIndex | None = None

    def locate(self, parts: Parts) -> tuple[int, int, int]:
        if self._index is None:
            self._index = PositionIndex(self.text, self.is_json)
        return self._index.locate(parts)


def display_path(path: str) -> str:
    """Relative to the working directory when the file is under it, else as given."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


@dataclass
class Sources:
    root: SourceFile
    files: dict[str, SourceFile] = field(default_factory=dict)
    # internal prefix → (file, prefix inside that file); a later rule for the same prefix replaces an earlier one.
    rules: dict[Parts, tuple[SourceFile, Parts]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.files.setdefault(self.root.abspath, self.root)

    def map(self, internal: Parts, file: SourceFile, original: Parts) -> None:
        self.rules[internal] = (file, original)

    def origin(self, parts: Parts) -> tuple[SourceFile, Parts]:
        """The file and in-file path an internal path came from: the rule with the longest matching prefix."""
        for n in range(len(parts), -1, -1):
            rule = self.rules.get(parts[:n])
            if rule is not None:
                return rule[0], rule[1] + parts[n:]
        return self.root, parts

    def locate(self, diagnostic: Diagnostic) -> Diagnostic:
        """Fill in file, line and column (and the in-file pointer) of a diagnostic."""
        if diagnostic.line or diagnostic.pointer is None:
            return diagnostic
        try:
            parts = split(diagnostic.pointer)
        except ValueError:
            parts = ()
        file, in_file = self.origin(parts)
        line, column, _ = file.locate(in_file)
        return diagnostic.located(file.path, line, column, join(in_file))
