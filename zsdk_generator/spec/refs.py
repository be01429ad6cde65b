"""Finding the `$ref`s of a document — and only the real ones.

A `$ref` inside an `x-` extension, an `example`, `examples`, `default`,
`enum`, `const` or an Example object's `value` is data, not a reference. Keys
of name maps (`properties`, `paths`, `components/schemas`, …) are names, so a
property called `example` or `default` is still walked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from .bounds import Trail, parts_of
from .pointer import get

# Keywords whose values are data (never references).
DATA_KEYS = frozenset({"example", "default", "enum", "const", "value", "x-example"})
# Keywords whose (mapping) values are maps from names to objects.
NAME_MAP_KEYS = frozenset(
    {
        "properties", "patternProperties", "definitions", "$defs", "dependentSchemas",
        "schemas", "responses", "parameters", "requestBodies", "headers", "securitySchemes",
        "securityDefinitions", "links", "callbacks", "pathItems", "paths", "webhooks",
        "content", "encoding", "variables",
    }
)  # fmt: skip

RefSite = tuple[tuple[str, ...], str]


def iter_refs(root: Any, swagger2: bool = False) -> Iterator[RefSite]:
    """Yield (path to the object holding `$ref`, the ref string) in document order."""
    # Paths are kept as (parent, key) links and spelled out only for a $ref: a tuple per node would cost
    # depth × nodes.
    stack: list[tuple[Any, Trail, bool]] = [(root, None, False)]
    while stack:
        node, trail, names = stack.pop()
        if isinstance(node, dict):
            if names:
                children = [(v, (trail, k), False) for k, v in node.items() if isinstance(v, (dict, list))]
            else:
                ref = node.get("$ref")
                if isinstance(ref, str):
                    yield parts_of(trail), ref
                children = []
                for key, value in node.items():
                    if not isinstance(value, (dict, list)) or key in DATA_KEYS or key.startswith("x-"):
                        continue
                    if key == "examples":
                        if swagger2 or not isinstance(value, dict):
                            continue
                        for name, example in value.items():
                            if isinstance(example, dict) and isinstance(example.get("$ref"), str):
                                yield parts_of(trail) + (key, name), example["$ref"]
                        continue
                    children.append((value, (trail, key), key in NAME_MAP_KEYS and isinstance(value, dict)))
            stack.extend(reversed(children))
        elif isinstance(node, list):
            stack.extend(
                reversed([(v, (trail, str(i)), False) for i, v in enumerate(node) if isinstance(v, (dict, list))])
            )


def rewrite_refs(root: Any, rewrite: Callable[[tuple[str, ...], str], str], swagger2: bool = False) -> None:
    """Replace every real `$ref` string in place with `rewrite(path, ref)`."""
    for path, ref in list(iter_refs(root, swagger2)):
        holder = get(root, path)
        new = rewrite(path, ref)
        if new != ref:
            holder["$ref"] = new
