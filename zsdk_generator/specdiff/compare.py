"""Every change between two versions of a spec, classified: operations, parameters, request bodies, responses,
security, servers, pagination and envelopes (from the IR), and the names the SDKs take from the spec."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..diagnostics import Diagnostic
from ..ir.model import Api, Operation
from ..spec.load import Document
from ..spec.pointer import escape, get, split
from ..spec.walk import HTTP_METHODS
from .changes import Change, Level, Place, operation_key
from .schemas import Direction, SchemaComparer, resolve
from .unchanged import Unchanged


class Comparison:
    def __init__(self, old: Document, new: Document, old_api: Api, new_api: Api) -> None:
        self.old, self.new = old, new
        self.old_api, self.new_api = old_api, new_api
        self.changes: list[Change] = []
        self.operation = ""
        self.parameter = ""  # the wire name of the parameter being compared
        self.unchanged = Unchanged(old.data, new.data)
        self.schemas = SchemaComparer(old.data, new.data, self._schema_change, self.unchanged.at)

    def run(self) -> list[Change]:
        self._servers()
        self._security_schemes()
        old_ops, new_ops = _operations(self.old.data), _operations(self.new.data)
        for key, (label, at, op) in old_ops.items():
            self.operation, self.parameter = label, ""
            if key not in new_ops:
                self.add("breaking", "operation-removed", f"{label} removed", at, None)
                continue
            _, new_at, new_op = new_ops[key]
            if new_at != at or not self.unchanged.operation(op, new_op):
                self._operation(op, new_op, at, new_at)
        for key, (label, at, _) in new_ops.items():
            if key not in old_ops:
                self.operation, self.parameter = label, ""
                self.add("compatible", "operation-added", f"{label} added", None, at)
        self.operation = self.parameter = ""
        self._sdk_names()
        return self.changes

    def add(
        self, level: Level, code: str, message: str, old_at: str | None, new_at: str | None, *, sdk_only: bool = False
    ) -> None:
        old = self._place(self.old, old_at) if old_at is not None else None
        new = self._place(self.new, new_at) if new_at is not None else None
        self.changes.append(Change(level, code, message, old, new, self.operation, sdk_only, self.parameter))

    def _schema_change(self, level: Level, code: str, message: str, old_at: str, new_at: str) -> None:
        self.add(level, code, message, old_at, new_at)

    @staticmethod
    def _place(document: Document, pointer: str) -> Place:
        located = document.sources.locate(Diagnostic("warning", "", pointer))
        return Place(located.pointer or pointer, located.file, located.line)

    # ------------------------------------------------------------------------------------------ document

    def _servers(self) -> None:
        old, new = _urls(self.old.data.get("servers")), _urls(self.new.data.get("servers"))
        if old and new and old[0] != new[0]:
            self.add(
                "potential",
                "default-server-changed",
                f"the default server {old[0]} → {new[0]} (the SDKs' default base URL)",
                "/servers/0",
                "/servers/0",
            )
        for i, url in enumerate(old):
            if url not in new:
                self.add("potential", "server-removed", f"server {url} removed", f"/servers/{i}", "/servers")

    def _security_schemes(self) -> None:
        old = ((self.old.data.get("components") or {}).get("securitySchemes")) or {}
        new = ((self.new.data.get("components") or {}).get("securitySchemes")) or {}
        if not isinstance(old, dict) or not isinstance(new, dict):
            return
        for name, scheme in old.items():
            at = f"/components/securitySchemes/{escape(name)}"
            if name not in new:
                self.add("breaking", "security-scheme-removed", f"security scheme {name} removed", at, None)
            elif isinstance(scheme, dict) and isinstance(new[name], dict):
                for key in ("type", "scheme", "in", "name", "bearerFormat"):
                    if scheme.get(key) != new[name].get(key):
                        self.add(
                            "breaking",
                            "security-scheme-changed",
                            f"security scheme {name}: {key} {scheme.get(key)!r} → {new[name].get(key)!r}",
                            at,
                            at,
                        )
        for name in new:
            if name not in old:
                self.add(
                    "compatible",
                    "security-scheme-added",
                    f"security scheme {name} added",
                    None,
                    f"/components/securitySchemes/{escape(name)}",
                )

    # ------------------------------------------------------------------------------------------ an operation

    def _operation(self, old: dict[str, Any], new: dict[str, Any], oa: str, na: str) -> None:
        if not old.get("deprecated") and new.get("deprecated"):
            self.add("compatible", "operation-deprecated", f"{self.operation} deprecated", oa, na + "/deprecated")
        self._parameters(old, new, oa, na)
        self._request_body(old.get("requestBody"), new.get("requestBody"), oa + "/requestBody", na + "/requestBody")
        self._responses(old.get("responses"), new.get("responses"), oa + "/responses", na + "/responses")
        self._security(old, new, oa, na)

    def _parameters(self, old: dict[str, Any], new: dict[str, Any], oa: str, na: str) -> None:
        before, after = _params(self.old.data, old, oa), _params(self.new.data, new, na)
        for key, (param, at) in before.items():
            where, name = key
            self.parameter = name
            if key not in after:
                if where != "path":  # a path parameter's name is not the API's: the path template stays
                    self.add(
                        "potential",
                        "request-parameter-removed",
                        f"{self.operation}: {where} parameter {name} removed",
                        at,
                        None,
                    )
                continue
            new_param, new_at = after[key]
            if not param.get("required") and new_param.get("required"):
                self.add(
                    "breaking",
                    "request-parameter-became-required",
                    f"{self.operation}: {where} parameter {name} became required",
                    at,
                    new_at,
                )
            elif param.get("required") and not new_param.get("required") and where != "path":
                self.add(
                    "compatible",
                    "request-parameter-became-optional",
                    f"{self.operation}: {where} parameter {name} became optional",
                    at,
                    new_at,
                )
            self.schemas.compare(
                param.get("schema"),
                new_param.get("schema"),
                at + "/schema",
                new_at + "/schema",
                f"{self.operation}: {where} parameter {name}",
                "request",
            )
        paths = {key[1] for key in before if key[0] == "path"}
        for key, (param, at) in after.items():
            if key in before or (key[0] == "path" and len(paths) == sum(k[0] == "path" for k in after)):
                continue
            where, name = key
            self.parameter = name
            if param.get("required"):
                self.add(
                    "breaking",
                    "request-required-parameter-added",
                    f"{self.operation}: required {where} parameter {name} added",
                    None,
                    at,
                )
            else:
                self.add(
                    "compatible",
                    "request-parameter-added",
                    f"{self.operation}: {where} parameter {name} added",
                    None,
                    at,
                )

    def _request_body(self, old: Any, new: Any, oa: str, na: str) -> None:
        self.parameter = ""
        old = _deref(self.old.data, old)
        new = _deref(self.new.data, new)
        if not isinstance(old, dict) and not isinstance(new, dict):
            return
        if not isinstance(old, dict):
            level: Level = "breaking" if isinstance(new, dict) and new.get("required") else "compatible"
            self.add(level, "request-body-added", f"{self.operation}: request body added", None, na)
            return
        if not isinstance(new, dict):
            self.add("breaking", "request-body-removed", f"{self.operation}: request body removed", oa, None)
            return
        if not old.get("required") and new.get("required"):
            self.add(
                "breaking", "request-body-became-required", f"{self.operation}: request body became required", oa, na
            )
        self._contents(old, new, oa, na, "request")

    def _responses(self, old: Any, new: Any, oa: str, na: str) -> None:
        if not isinstance(old, dict) or not isinstance(new, dict):
            return
        for status, response in old.items():
            at = f"{oa}/{escape(str(status))}"
            success = str(status).startswith("2")
            if status not in new:
                if success:
                    self.add(
                        "breaking",
                        "response-success-status-removed",
                        f"{self.operation}: response {status} removed",
                        at,
                        None,
                    )
                continue
            before, after = _deref(self.old.data, response), _deref(self.new.data, new[status])
            if not success or not isinstance(before, dict) or not isinstance(after, dict):
                continue
            self._contents(before, after, at, f"{na}/{escape(str(status))}", "response", str(status))
        for status in new:
            if status not in old and str(status).startswith("2"):
                self.add(
                    "potential",
                    "response-success-status-added",
                    f"{self.operation}: response {status} added",
                    None,
                    f"{na}/{escape(str(status))}",
                )

    def _contents(
        self, old: dict[str, Any], new: dict[str, Any], oa: str, na: str, direction: Direction, status: str = ""
    ) -> None:
        """A request body's or a success response's media types: one removed breaks; a kept one's schema is
        compared in the direction the data flows."""
        what = f"{self.operation}: response {status}" if status else f"{self.operation}: request body"
        old_media, new_media = old.get("content") or {}, new.get("content") or {}
        for media, content in old_media.items():
            at = f"{oa}/content/{escape(media)}"
            if media not in new_media:
                gone = f"response {status} no longer {media}" if status else f"request body {media} no longer accepted"
                self.add("breaking", f"{direction}-media-type-removed", f"{self.operation}: {gone}", at, None)
            elif isinstance(content, dict) and isinstance(new_media[media], dict):
                new_at = f"{na}/content/{escape(media)}/schema"
                self.schemas.compare(
                    content.get("schema"), new_media[media].get("schema"), at + "/schema", new_at, what, direction
                )

    def _security(self, old: dict[str, Any], new: dict[str, Any], oa: str, na: str) -> None:
        before = _requirements(old.get("security", self.old.data.get("security")))
        after = _requirements(new.get("security", self.new.data.get("security")))
        old_at = oa + "/security" if "security" in old else "/security"
        new_at = na + "/security" if "security" in new else "/security"
        for requirement in before:
            if requirement not in after:
                shown = _shown(requirement)
                self.add(
                    "breaking",
                    "security-requirement-removed",
                    f"{self.operation}: {shown} no longer accepted",
                    old_at,
                    new_at,
                )
        for requirement in after:
            if requirement not in before:
                shown = _shown(requirement)
                self.add(
                    "compatible",
                    "security-requirement-added",
                    f"{self.operation}: {shown} also accepted",
                    old_at,
                    new_at,
                )

    # ------------------------------------------------------------------------------------------ SDK names

    def _sdk_names(self) -> None:
        """What the IR makes of the spec that the SDKs spell: method names, pagination, envelopes, model names."""
        old_ops = {operation_key(op.http_method, op.path): op for op in self.old_api.all_operations()}
        new_ops = {operation_key(op.http_method, op.path): op for op in self.new_api.all_operations()}
        for key, op in old_ops.items():
            new = new_ops.get(key)
            if new is None:
                continue
            self.operation = f"{op.http_method} {op.path}"
            at_old, at_new = _op_pointer(op), _op_pointer(new)
            if op.name != new.name:
                self.add(
                    "breaking",
                    "sdk-method-renamed",
                    f"{self.operation}: the SDK method {op.name} → {new.name}",
                    at_old,
                    at_new,
                    sdk_only=True,
                )
            elif op.id != new.id:
                self.add(
                    "compatible",
                    "operation-id-changed",
                    f"{self.operation}: operationId {op.id} → {new.id}",
                    at_old,
                    at_new,
                )
            paging = [p.style if p else "none" for p in (op.pagination, new.pagination)]
            if paging[0] != paging[1]:
                self.add(
                    "breaking",
                    "pagination-changed",
                    f"{self.operation}: pagination {paging[0]} → {paging[1]}",
                    at_old,
                    at_new,
                )
            if op.envelope != new.envelope:
                before, after = ".".join(op.envelope or ()) or "none", ".".join(new.envelope or ()) or "none"
                self.add(
                    "breaking",
                    "envelope-changed",
                    f"{self.operation}: response envelope {before} → {after}",
                    at_old,
                    at_new,
                )
        self.operation = ""
        old_models = {m.name: m for m in self.old_api.models}
        new_models = {m.name: m for m in self.new_api.models}
        new_sources = {m.source: m for m in self.new_api.models}
        added = [m for m in self.new_api.models if m.name not in old_models]
        for name, model in old_models.items():
            if name in new_models:
                continue
            schema = _schema_at(self.old.data, model.source)
            renamed = new_sources.get(model.source) or next(
                (m for m in added if schema is not None and schema == _schema_at(self.new.data, m.source)), None
            )
            if renamed is not None:
                self.add(
                    "breaking",
                    "sdk-model-renamed",
                    f"the SDK model {name} → {renamed.name}",
                    model.source,
                    renamed.source,
                    sdk_only=True,
                )
            elif model.source.startswith("/components/schemas/"):
                self.add(
                    "breaking", "sdk-model-removed", f"the SDK model {name} removed", model.source, None, sdk_only=True
                )


# ---------------------------------------------------------------------------------------------- helpers


def _operations(data: dict[str, Any]) -> dict[tuple[str, str], tuple[str, str, dict[str, Any]]]:
    """Each operation and webhook: its key in either version → (what it is called, where, the operation with its
    path's parameters)."""
    found = {}
    for group, name, item in _path_items(data):
        for method in HTTP_METHODS:
            op = item.get(method)
            if not isinstance(op, dict):
                continue
            merged = dict(op)
            if isinstance(item.get("parameters"), list):  # path-level parameters, then the operation's own
                merged["parameters"] = [*item["parameters"], *(op.get("parameters") or [])]
            at = f"/{group}/{escape(name)}/{method}"
            if group == "paths":
                found[operation_key(method, name)] = (f"{method.upper()} {name}", at, merged)
            else:
                found[(method, f"webhook {name}")] = (f"webhook {name} ({method.upper()})", at, merged)
    return found


def _path_items(data: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(`paths` or `webhooks`, the path or webhook name, its path item) for every path item of the document."""
    for group in ("paths", "webhooks"):
        items = data.get(group)
        for name, item in items.items() if isinstance(items, dict) else ():
            if isinstance(item, dict):
                yield group, str(name), item


def _params(data: dict[str, Any], op: dict[str, Any], at: str) -> dict[tuple[str, str], tuple[dict[str, Any], str]]:
    found = {}
    for i, param in enumerate(op.get("parameters") or []):
        resolved = _deref(data, param)
        if isinstance(resolved, dict) and isinstance(resolved.get("name"), str):
            ref = param.get("$ref") if isinstance(param, dict) else None
            where = ref[1:] if isinstance(ref, str) and ref.startswith("#") else f"{at}/parameters/{i}"
            found[(str(resolved.get("in")), resolved["name"])] = (resolved, where)
    return found


def _deref(data: dict[str, Any], node: Any) -> Any:
    return resolve(data, node, "")[0]


def _schema_at(data: dict[str, Any], pointer: str) -> Any:
    """The schema at a model's source pointer (None when it is not one of the document's own)."""
    try:
        return get(data, split(pointer)) if pointer.startswith("/components/schemas/") else None
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def _urls(servers: Any) -> list[str]:
    return (
        [s["url"] for s in servers if isinstance(s, dict) and isinstance(s.get("url"), str)]
        if isinstance(servers, list)
        else []
    )


def _requirements(security: Any) -> list[tuple[tuple[str, tuple[str, ...]], ...]]:
    """Each way to authenticate, as sorted (scheme, scopes) pairs; () is anonymous access, as no security is."""
    if not isinstance(security, list) or not security:
        return [()]
    found = []
    for requirement in security:
        if isinstance(requirement, dict):
            found.append(
                tuple(
                    sorted((str(name), tuple(sorted(map(str, scopes or [])))) for name, scopes in requirement.items())
                )
            )
    return found


def _shown(requirement: tuple[tuple[str, tuple[str, ...]], ...]) -> str:
    if not requirement:
        return "anonymous access"
    return "security " + " + ".join(f"{n} {list(s)}" if s else n for n, s in requirement)


def _op_pointer(op: Operation) -> str:
    return f"/paths/{escape(op.path)}/{op.http_method.lower()}"
