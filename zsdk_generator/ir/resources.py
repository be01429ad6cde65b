"""Grouping operations into resources and giving each a method name.

Resource: `x-zsdk-resource` (dots for sub-resources), else the first tag, else
the first path segment after a version prefix (`/v1`, `/api/v1`). Method:
`x-zsdk-name`, else `list`/`create`/`get`/`update`/`delete` for the CRUD shapes
of the resource's main collection, else the operationId without the resource's
own words (`listJobArtifacts` in jobs → `list_artifacts`). Collisions fall back
to the full operationId name, then to a numeric suffix, in document order.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Literal

from .model import Operation, Resource
from .naming import snake, strip_resource_words, words

MethodNames = Literal["crud", "operation_id"]
_VERSION = re.compile(r"^v[0-9]+([a-z]+[0-9]*)?$|^[0-9]+(\.[0-9]+)*$")


def _segments(path: str) -> list[str]:
    return [s for s in path.split("/") if s]


def _is_param(segment: str) -> bool:
    return segment.startswith("{") and segment.endswith("}")


def resource_path(path: str, tags: tuple[str, ...], override: object) -> tuple[str, ...]:
    if isinstance(override, str) and override.strip("."):
        return tuple(snake(p) or "default" for p in override.split(".") if p)
    if tags and snake(tags[0]):
        return (snake(tags[0]),)
    segments = _segments(path.split("#")[0])
    if segments and segments[0].lower() == "api" and len(segments) > 1:
        segments = segments[1:]
    while segments and _VERSION.match(segments[0].lower()):
        segments = segments[1:]
    for segment in segments:
        if not _is_param(segment) and snake(segment):
            return (snake(segment),)
    return ("root",)


# The first word of an operationId that agrees with a CRUD role (`executeSql` on POST /sql is not `create`).
_CRUD_VERBS = {
    "list": {"list", "get", "all", "search", "find", "fetch", "index", "query", "read", "browse"},
    "create": {"create", "add", "new", "post", "insert", "make", "put", "register", "upsert"},
    "get": {"get", "retrieve", "read", "fetch", "show", "find", "describe", "view", "lookup"},
    "update": {"update", "edit", "patch", "modify", "put", "replace", "set", "post", "change", "save", "upsert"},
    "delete": {"delete", "remove", "destroy", "del", "drop", "purge", "erase"},
}


def _crud_role(op: Operation, has_operation_id: bool, resource_words: list[str]) -> tuple[str, str] | None:
    """(role, collection path) of an operation shaped like CRUD, else None."""
    segments = _segments(op.path.split("#")[0])
    if not segments:
        return None
    method = op.http_method
    if _is_param(segments[-1]):
        collection = "/" + "/".join(segments[:-1])
        role = {"GET": "get", "PUT": "update", "PATCH": "update", "POST": "update", "DELETE": "delete"}.get(method)
    else:
        collection = "/" + "/".join(segments)
        role = {"GET": "list", "POST": "create"}.get(method)
    if role is None:
        return None
    if role == "list" and op.pagination is None and (op.result_type is None or op.result_type.kind != "array"):
        return None
    if has_operation_id:
        verb = strip_resource_words(words(op.id), resource_words)[:1]
        if not verb or verb[0] not in _CRUD_VERBS[role]:
            return None
    return role, collection


def name_operations(
    ops: list[tuple[Operation, object]], resource: tuple[str, ...], style: MethodNames, has_ids: list[bool]
) -> list[Operation]:
    """Give each operation of one resource its method name.

    `ops` pairs an Operation with its x-zsdk-name; `has_ids` says which had an operationId in the spec.
    """
    resource_words = words(resource[-1]) if resource else []
    names: list[str | None] = [None] * len(ops)
    full = [snake(op.id) or "call" for op, _ in ops]
    for i, (_, override) in enumerate(ops):
        if isinstance(override, str) and snake(override):
            names[i] = snake(override)
    overridden = {n for n in names if n}
    if style == "crud":
        roles = [_crud_role(op, has_id, resource_words) for (op, _), has_id in zip(ops, has_ids, strict=True)]
        collections = [r[1] for r in roles if r]
        if collections:
            main = min(collections, key=lambda c: len(_segments(c)))  # the first of the shortest
            claimed: dict[str, int] = {}
            for i, role in enumerate(roles):
                if names[i] is None and role and role[1] == main and role[0] not in overridden:
                    name = role[0]
                    if name == "update" and name in claimed:
                        # PATCH beats PUT beats POST for `update`
                        rank = {"PATCH": 0, "PUT": 1, "POST": 2}
                        other = claimed[name]
                        if rank[ops[i][0].http_method] < rank[ops[other][0].http_method]:
                            names[other] = None
                            claimed[name] = i
                            names[i] = name
                        continue
                    if name not in claimed:
                        claimed[name] = i
                        names[i] = name
    fixed = [n is not None for n in names]  # overrides and CRUD names keep their name
    for i, (op, _) in enumerate(ops):
        if names[i] is None:
            if style == "crud":
                stripped = words(op.id)
                for level in reversed(resource):  # files, then projects: projects.files.upload
                    stripped = strip_resource_words(stripped, words(level))
                names[i] = "_".join(stripped) or full[i]
            else:
                names[i] = full[i]
    final = _dedupe([n or "call" for n in names], full, fixed, overridden)
    return [replace(op, name=final[i]) for i, (op, _) in enumerate(ops)]


def _dedupe(names: list[str], full: list[str], fixed: list[bool], overridden: set[str]) -> list[str]:
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    out = [full[i] if counts[n] > 1 and not fixed[i] else n for i, n in enumerate(names)]
    seen: set[str] = set()
    suffixes: dict[str, int] = {}  # name → the last suffix tried for it
    for i in sorted(range(len(out)), key=lambda i: (names[i] not in overridden, not fixed[i])):
        base = out[i]
        n = suffixes.get(base, 1)
        candidate = base if n == 1 else f"{base}_{n}"
        while candidate in seen:
            n += 1
            candidate = f"{base}_{n}"
        suffixes[base] = n
        seen.add(candidate)
        out[i] = candidate
    return out


def build_tree(groups: dict[tuple[str, ...], list[Operation]], descriptions: dict[str, str]) -> tuple[Resource, ...]:
    """Nest resource paths (`projects`, `projects.files`) into a tree, in first-seen order."""
    children: dict[tuple[str, ...], dict[tuple[str, ...], None]] = {}  # ordered sets
    roots: dict[tuple[str, ...], None] = {}
    for path in list(groups):
        for depth in range(1, len(path) + 1):
            prefix = path[:depth]
            parent = path[: depth - 1]
            bucket = children.setdefault(parent, {}) if parent else roots
            bucket[prefix] = None

    def make(path: tuple[str, ...]) -> Resource:
        return Resource(
            name=path[-1],
            operations=tuple(groups.get(path, ())),
            resources=tuple(make(child) for child in children.get(path, {})),
            description=descriptions.get(path[-1], ""),
        )

    return tuple(make(root) for root in roots)
