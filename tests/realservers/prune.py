"""A spec cut down to some of its paths and the components those reach through `$ref`, transitively.

Generating an SDK from stripe-mock's whole Stripe spec (8 MB, 419 paths) costs minutes and gigabytes in `go build`;
the samples call a handful of operations, so the suite generates the Stripe SDKs from the spec pruned to the paths
they call. Names in the generator do not depend on the rest of the spec, so the pruned SDK's names are the full
one's (test_real_servers.py checks that on the IR).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

COMPONENT_REF = "#/components/"


def prune(spec: dict[str, Any], paths: Iterable[str]) -> dict[str, Any]:
    """`spec` with only `paths`, and of its components only those reached from them (security schemes all kept)."""
    kept_paths = {path: spec["paths"][path] for path in paths}
    components = spec.get("components", {})
    kept: dict[str, dict[str, Any]] = {"securitySchemes": dict(components.get("securitySchemes", {}))}
    todo: list[Any] = [kept_paths]
    while todo:
        for ref in refs(todo.pop()):
            kind, _, name = ref.removeprefix(COMPONENT_REF).partition("/")
            if name not in kept.setdefault(kind, {}):
                kept[kind][name] = components[kind][name]
                todo.append(components[kind][name])
    return {**spec, "paths": kept_paths, "components": {kind: found for kind, found in kept.items() if found}}


def refs(node: Any) -> Iterator[str]:
    """Every `$ref` to a component anywhere under `node`."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(COMPONENT_REF):
            yield ref
        for value in node.values():
            yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)
