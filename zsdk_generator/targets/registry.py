"""Finding targets: the `zsdk_generator.targets` entry-point group (ours and third parties')."""

from __future__ import annotations

from importlib.metadata import entry_points

GROUP = "zsdk_generator.targets"


def available_targets() -> list[tuple[str, str]]:
    """(name, one-line description) of every installed target, sorted by name."""
    found = []
    for entry in entry_points(group=GROUP):
        try:
            target = entry.load()
        except Exception as exc:  # a broken plugin is reported, not fatal
            found.append((entry.name, f"(failed to load: {type(exc).__name__}: {exc})"))
            continue
        found.append((entry.name, str(getattr(target, "description", "") or "")))
    return sorted(found)
