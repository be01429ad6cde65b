"""Which operations two versions of a spec have in common unchanged, so that comparing them can be skipped.

An operation is unchanged when its object (with the path's own parameters) is equal in both documents and nothing
it refers to changed: no component it reaches through `$ref`, however indirectly, differs. Finding `$ref`s by
searching each component's JSON text errs only one way (an `example` holding a `$ref` key counts as a reference),
and a reference to anything but a component of both documents counts as a change, so an operation that changed
is never skipped.
"""

from __future__ import annotations

import json
import re
from typing import Any

_REF = re.compile(r'"\$ref": "((?:[^"\\]|\\.)*)"')
_COMPONENT = re.compile(r"#/components/([^/]+)/([^/]+)")
Component = tuple[str, str]  # (kind, name): ("schemas", "Pet")


class Unchanged:
    def __init__(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        self.same_root = old.get("security") == new.get("security")
        old_parts, new_parts = _components(old), _components(new)
        referrers: dict[Component, set[Component]] = {}
        changed = {name for name in old_parts.keys() | new_parts.keys() if old_parts.get(name) != new_parts.get(name)}
        for parts in (old_parts, new_parts):
            for name, node in parts.items():
                refs = _refs(node)
                targets = [_component(ref) for ref in refs] if refs is not None else [None]
                for target in targets:
                    if target is None or target not in old_parts or target not in new_parts:
                        changed.add(name)  # refers to something this comparison does not follow
                    else:
                        referrers.setdefault(target, set()).add(name)
        self.changed = _with_referrers(changed, referrers)
        self.known = old_parts.keys() & new_parts.keys()

    def operation(self, old: dict[str, Any], new: dict[str, Any]) -> bool:
        """Whether an operation (as found at the same path and method in both documents) is unchanged."""
        if not self.same_root or old != new:
            return False
        refs = _refs(old)
        if refs is None:
            return False
        targets = [_component(ref) for ref in refs]
        return all(target is not None and target not in self.changed for target in targets)

    def at(self, pointer: str) -> bool:
        """Whether what a JSON pointer into a component ("/components/schemas/Pet") shows is unchanged."""
        target = _component("#" + pointer)
        return target is not None and target in self.known and target not in self.changed


def _components(data: dict[str, Any]) -> dict[Component, Any]:
    components = data.get("components")
    found = {}
    for kind, group in components.items() if isinstance(components, dict) else ():
        for name, node in group.items() if isinstance(group, dict) else ():
            found[(str(kind), str(name))] = node
    return found


def _refs(node: Any) -> set[str] | None:
    """Every `$ref` string in a node (as JSON spells it), or None when it cannot be searched."""
    try:
        text = json.dumps(node, ensure_ascii=False)
    except (TypeError, ValueError):
        return None
    return set(_REF.findall(text))


def _component(ref: str) -> Component | None:
    """The component a local reference points into ("#/components/schemas/Pet/properties/id" → schemas, Pet)."""
    match = _COMPONENT.match(ref)
    if match is None:
        return None
    kind, name = (part.replace("~1", "/").replace("~0", "~") for part in match.groups())
    return kind, name


def _with_referrers(changed: set[Component], referrers: dict[Component, set[Component]]) -> set[Component]:
    """The changed components and every component that refers to one of them, directly or not."""
    seen = set(changed)
    queue = list(seen)
    while queue:
        for referrer in referrers.get(queue.pop(), ()):
            if referrer not in seen:
                seen.add(referrer)
                queue.append(referrer)
    return seen
