"""Finding targets: the `zsdk_generator.targets` entry-point group (ours and third parties')."""

from __future__ import annotations

import functools
from importlib.metadata import entry_points

from ..diagnostics import error
from .base import Target

GROUP = "zsdk_generator.targets"


@functools.cache
def _entries() -> dict[str, object]:
    return {entry.name: entry for entry in entry_points(group=GROUP)}


def available_targets() -> list[tuple[str, str]]:
    """(name, one-line description) of every installed target, sorted by name."""
    found = []
    for name, entry in sorted(_entries().items()):
        try:
            target = entry.load()  # type: ignore[attr-defined]
        except Exception as exc:  # noqa: BLE001 - a broken plugin is reported, not fatal
            found.append((name, f"(failed to load: {type(exc).__name__}: {exc})"))
            continue
        found.append((name, str(getattr(target, "description", "") or "")))
    return found


def load_target(name: str) -> Target:
    entries = _entries()
    if name not in entries:
        known = ", ".join(sorted(entries)) or "none"
        raise error(f"unknown language {name!r} (installed: {known})", None)
    loaded = entries[name].load()  # type: ignore[attr-defined]
    target = loaded() if isinstance(loaded, type) else loaded
    if not isinstance(target, Target):
        raise error(f"the {name!r} entry point does not give a zsdk_generator Target", None)
    return target


def target_names() -> list[str]:
    return sorted(_entries())
