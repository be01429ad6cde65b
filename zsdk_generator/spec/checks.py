"""Our own semantic checks: the spec mistakes that matter to generation.

Errors are what generation cannot get right (a dangling `$ref`, a cyclic
allOf); warnings are mistakes the builder works around in a stated way. Fast
(one pass over refs, one over operations), so they run on every `generate`
and `ir`, not only under `validate`.
"""

from __future__ import annotations

import re
from typing import Any

from ..diagnostics import Diagnostic
from .cycles import alias_cycles
from .load import Document
from .pointer import escape, get, join, split
from .refs import iter_refs
from .walk import HTTP_METHODS

_TEMPLATE = re.compile(r"\{([^{}]+)\}")


def semantic_checks(document: Document) -> list[Diagnostic]:
    data = document.data
    found: list[Diagnostic] = []
    found += _dangling_refs(data)
    found += _operations(data)
    found += _cyclic_all_of(data)
    found += alias_cycles(data)
    return found


def _dangling_refs(data: dict[str, Any]) -> list[Diagnostic]:
    out = []
    for site, ref in iter_refs(data):
        where = join(site + ("$ref",))
        if not ref.startswith("#"):
            out.append(Diagnostic("error", f"$ref {ref!r} is not a local reference", where))
            continue
        try:
            get(data, split(ref))
        except (KeyError, ValueError):
            out.append(Diagnostic("error", f"$ref {ref!r} points to nothing", where))
    return out


def _deref(data: dict[str, Any], node: Any) -> Any:
    for _ in range(20):
        if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
            return node
        try:
            node = get(data, split(node["$ref"]))
        except (KeyError, ValueError):
            return None
    return node


def _operations(data: dict[str, Any]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    schemes = (data.get("components") or {}).get("securitySchemes") or {}
    seen_ids: dict[str, str] = {}
    out += _security(data.get("security"), schemes, "/security")
    for path, item in (data.get("paths") or {}).items():
        base = "/paths/" + escape(str(path))
        item = _deref(data, item)
        if not isinstance(item, dict):
            continue
        templated = _TEMPLATE.findall(str(path).split("#")[0])
        shared = _param_names(data, item.get("parameters"))
        for method in HTTP_METHODS:
            op = item.get(method)
            if not isinstance(op, dict):
                continue
            where = f"{base}/{method}"
            op_id = op.get("operationId")
            if isinstance(op_id, str):
                if op_id in seen_ids:
                    out.append(Diagnostic(
                        "warning", f"duplicate operationId {op_id!r} (also at {seen_ids[op_id]}); this one is renamed",
                        where + "/operationId",
                    ))  # fmt: skip
                else:
                    seen_ids[op_id] = where
            declared = shared | _param_names(data, op.get("parameters"))
            undeclared = [name for name in dict.fromkeys(templated) if name not in declared]
            if undeclared:  # one finding per operation, however many (a path can have thousands)
                names = _listed([f"{{{name}}}" for name in undeclared])
                message = (
                    f"path parameter {names} is not declared; it is taken as a required string"
                    if len(undeclared) == 1
                    else f"path parameters {names} are not declared; they are taken as required strings"
                )
                out.append(Diagnostic("warning", message, where))
            unused = sorted(declared - set(templated))
            if unused:
                names = _listed([repr(name) for name in unused])
                verb = "does" if len(unused) == 1 else "do"
                message = f"path parameter{'s' * (len(unused) > 1)} {names} {verb} not appear in the path {path}"
                out.append(Diagnostic("warning", message, where))
            out += _security(op.get("security"), schemes, where + "/security")
    return out


def _listed(names: list[str], most: int = 10) -> str:
    """`a, b and c`; past `most` names, `a, b, … and 12 more`."""
    if len(names) > most:
        return ", ".join(names[:most]) + f" and {len(names) - most} more"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _param_names(data: dict[str, Any], params: Any) -> set[str]:
    names = set()
    for param in params or []:
        param = _deref(data, param)
        if isinstance(param, dict) and param.get("in") == "path" and isinstance(param.get("name"), str):
            names.add(param["name"])
    return names


def _security(requirements: Any, schemes: dict[str, Any], where: str) -> list[Diagnostic]:
    out = []
    for i, requirement in enumerate(requirements if isinstance(requirements, list) else []):
        if isinstance(requirement, dict):
            for name in requirement:
                if name not in schemes:
                    message = f"security requirement names an undefined scheme {name!r}; it is ignored"
                    out.append(Diagnostic("warning", message, f"{where}/{i}"))
    return out


def _cyclic_all_of(data: dict[str, Any]) -> list[Diagnostic]:
    schemas = (data.get("components") or {}).get("schemas") or {}
    prefix = "#/components/schemas/"
    edges: dict[str, list[str]] = {}
    for name, schema in schemas.items():
        targets: list[str] = []
        pending = [schema]
        while pending:
            node = pending.pop()
            if isinstance(node, dict):
                for part in node.get("allOf") or []:
                    if isinstance(part, dict) and isinstance(part.get("$ref"), str) and part["$ref"].startswith(prefix):
                        targets.append(split(part["$ref"])[-1])
                    elif isinstance(part, dict):
                        pending.append(part)
        edges[name] = targets
    out = []
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    for start in edges:
        if state.get(start):
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        trail: list[str] = []
        while stack:
            node, index = stack.pop()
            if index == 0:
                state[node] = 1
                trail.append(node)
            targets = edges.get(node, [])
            if index < len(targets):
                stack.append((node, index + 1))
                nxt = targets[index]
                if state.get(nxt) == 1:
                    cycle = trail[trail.index(nxt) :] + [nxt]
                    out.append(
                        Diagnostic(
                            "error", "cyclic allOf: " + " → ".join(cycle), f"/components/schemas/{escape(node)}/allOf"
                        )
                    )
                elif not state.get(nxt):
                    stack.append((nxt, 0))
            else:
                state[node] = 2
                trail.pop()
    return out
