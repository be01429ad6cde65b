"""A parsed file against the limits: how many values, how deep, how many YAML aliases.

A YAML alias does not copy: the loader hands out the anchored mapping or list
again, so a billion-laughs file loads in microseconds — and every later walk
(checks, upgrade, builder) would expand it. So the loaded data is measured
first. A tree without shared nodes is measured a level at a time, which is
cheap enough for every load; when a node turns up twice (only YAML can do
that), the data is measured again as a graph, sizes and heights memoised by
node: an alias counts as the full copy the later walks would see, at the price
of one visit. Errors point at the offending value.
"""

from __future__ import annotations

import sys
from typing import Any

from ..diagnostics import Diagnostic, SpecError
from .limits import Limits, variable
from .pointer import Parts, join

_CONTAINERS = (dict, list)
# A path as a linked list (parent, key): walks keep one per container, not a tuple per node.
Trail = tuple["Trail", str] | None


def parts_of(trail: Trail) -> Parts:
    keys: list[str] = []
    while trail is not None:
        trail, key = trail
        keys.append(key)
    return tuple(reversed(keys))


def _limit_error(message: str, trail: Trail, setting: str) -> SpecError:
    text = f"{message} (the limit is set by {variable(setting)})"
    return SpecError(Diagnostic("error", text, join(parts_of(trail))))


def _children(node: Any) -> list[tuple[str, Any]]:
    """The mappings and lists directly inside `node`, with their keys."""
    if type(node) is dict:
        return [(str(k), v) for k, v in node.items() if type(v) is dict or type(v) is list]
    return [(str(i), v) for i, v in enumerate(node) if type(v) is dict or type(v) is list]


# ---------------------------------------------------------------------------------------------- trees


def check_tree(data: Any, limits: Limits, may_share: bool) -> None:
    """Values and nesting of loaded data; SpecError (with a pointer) past a limit.

    `may_share`: the data came from YAML, where a node can be reached twice (an alias).
    """
    level: list[Any] = [data] if isinstance(data, _CONTAINERS) else []
    seen: set[int] = set()
    depth = count = visited = 0
    while level:
        depth += 1
        if may_share:
            visited += len(level)
            seen.update(map(id, level))
            if len(seen) < visited:  # a node reached twice: an alias; measure the data as a graph
                check_graph(data, limits)
                return
        if depth > limits.max_depth:
            deep = _first_at_depth(data, depth)
            raise _limit_error(f"nested more than {limits.max_depth} levels deep", deep, "max_depth")
        below: list[Any] = []
        extend = below.extend
        for node in level:
            values = node.values() if type(node) is dict else node
            count += len(values)
            extend([v for v in values if type(v) is dict or type(v) is list])
        if count > limits.max_nodes:
            raise _limit_error(f"the document has more than {limits.max_nodes} values", None, "max_nodes")
        level = below


def _first_at_depth(data: Any, depth: int) -> Trail:
    """The path of the first container (in document order) nested `depth` levels deep."""
    stack: list[tuple[Any, Trail, int]] = [(data, None, 1)]
    while stack:
        node, trail, level = stack.pop()
        if level == depth:
            return trail
        stack.extend((value, (trail, key), level + 1) for key, value in reversed(_children(node)))
    return None


def find_instance(data: Any, kind: type) -> Parts | None:
    """The path of the first value of exactly type `kind` (document order), or None."""
    stack: list[tuple[Any, Trail]] = [(data, None)]
    while stack:
        node, trail = stack.pop()
        if type(node) is kind:
            return parts_of(trail)
        if isinstance(node, dict):
            stack.extend((v, (trail, str(k))) for k, v in reversed(list(node.items())))
        elif isinstance(node, list):
            stack.extend((v, (trail, str(i))) for i, v in reversed(list(enumerate(node))))
    return None


def count_values(data: Any) -> int:
    """Values inside `data`, each shared node counted as often as it is reached (memoised: one visit each)."""
    sizes: dict[int, int] = {}
    stack: list[tuple[Any, bool]] = [(data, False)]
    while stack:
        node, done = stack.pop()
        if not isinstance(node, _CONTAINERS) or (id(node) in sizes and not done):
            continue
        values = list(node.values()) if isinstance(node, dict) else node
        if done:
            sizes[id(node)] = len(values) + sum(sizes.get(id(v), 0) for v in values)
        else:
            sizes[id(node)] = 0  # a cycle back to this node adds nothing
            stack.append((node, True))
            stack.extend((v, False) for v in values)
    return sizes.get(id(data), 0)


# ---------------------------------------------------------------------------------------------- graphs


class _Frame:
    __slots__ = ("node", "trail", "children", "next", "size", "height")

    def __init__(self, node: Any, trail: Trail):
        self.node = node
        self.trail = trail
        self.children = _children(node)
        self.next = 0
        self.size = len(node)
        self.height = 1


def check_graph(data: Any, limits: Limits) -> None:
    """Aliases, values (aliases expanded) and nesting of loaded YAML data; SpecError past a limit.

    Every mapping and list is visited once; one reached again is an alias use and adds its memoised size.
    """
    if not isinstance(data, _CONTAINERS):
        return
    measured: dict[int, tuple[int, int]] = {}  # node → (values inside, height)
    active = {id(data)}
    aliases = 0
    stack = [_Frame(data, None)]
    while stack:
        frame = stack[-1]
        if frame.next == len(frame.children):
            stack.pop()
            active.discard(id(frame.node))
            measured[id(frame.node)] = (frame.size, frame.height)
            if frame.size > limits.max_nodes:
                message = f"holds more than {limits.max_nodes} values once its YAML aliases are expanded"
                raise _limit_error(message, frame.trail, "max_nodes")
            if stack:
                stack[-1].size += frame.size
                stack[-1].height = max(stack[-1].height, frame.height + 1)
            continue
        key, child = frame.children[frame.next]
        frame.next += 1
        trail: Trail = (frame.trail, key)
        if id(child) in active:
            message = "a YAML alias refers to a node that contains it"
            raise SpecError(Diagnostic("error", message, join(parts_of(trail))))
        known = measured.get(id(child))
        if known is None:
            if len(stack) >= limits.max_depth:
                raise _limit_error(f"nested more than {limits.max_depth} levels deep", trail, "max_depth")
            active.add(id(child))
            stack.append(_Frame(child, trail))
            continue
        aliases += 1
        if aliases > limits.max_yaml_aliases:
            raise _limit_error(f"more than {limits.max_yaml_aliases} YAML alias uses", trail, "max_yaml_aliases")
        if len(stack) + known[1] > limits.max_depth:
            message = f"nested more than {limits.max_depth} levels deep once its YAML aliases are expanded"
            raise _limit_error(message, trail, "max_depth")
        frame.size += known[0]
        frame.height = max(frame.height, known[1] + 1)


# ---------------------------------------------------------------------------------------------- long integers

# Python refuses to convert longer decimal strings to int (and ints to str); keep every int below it.
MAX_INT_DIGITS = sys.get_int_max_str_digits() or 4300


class LongInteger(str):
    """What the parsers make of an integer literal with more than MAX_INT_DIGITS digits: reported after parsing."""


_MAX_INT_BITS = (MAX_INT_DIGITS - 1) * 3  # fewer bits than MAX_INT_DIGITS decimal digits can hold


def integer(text: str, base: int = 10) -> int | LongInteger:
    """`int(text, base)`, or a LongInteger where the int (or its decimal text) would pass Python's limit."""
    if base == 10 and len(text.lstrip("+-")) > MAX_INT_DIGITS:
        return LongInteger(text)
    value = int(text, base)
    return LongInteger(text) if base != 10 and value.bit_length() > _MAX_INT_BITS else value


def check_long_integers(data: Any) -> None:
    parts = find_instance(data, LongInteger)
    if parts is not None:
        raise SpecError(
            Diagnostic("error", f"an integer with more than {MAX_INT_DIGITS} digits is not supported", join(parts))
        )
