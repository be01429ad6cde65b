"""Swagger 2.0 and OpenAPI 3.0 → the internal OpenAPI 3.1 dialect.

After this stage nothing knows which version came in: `nullable` is a `null`
type (or an `anyOf` with `{type: null}`), `exclusiveMinimum` is a number,
Swagger `definitions`/`parameters`/`responses`/`securityDefinitions` live in
`components`, body and formData parameters are request bodies, and
`type: file` is binary.
"""

from __future__ import annotations

from typing import Any

from ..diagnostics import error
from .load import Document
from .pointer import Parts, join
from .refs import rewrite_refs
from .walk import HTTP_METHODS, document_schemas, sub_schemas

_NULL = {"type": "null"}
# Keys that describe a schema's use rather than its shape: they stay outside an `anyOf` wrapper.
_BARE_NULLABLE = {"nullable", "description", "title", "default", "example"}
_ANNOTATIONS = ("title", "description", "default", "example", "examples", "deprecated", "readOnly", "writeOnly")


def upgrade(document: Document) -> Document:
    data = document.data
    if "swagger" in data:
        version = str(data.get("swagger"))
        if not version.startswith("2."):
            raise error(f"unsupported Swagger version {version!r}: only 2.0 is supported", "/swagger")
        document.data = data = _Swagger2(document).convert()
        normalize_schemas(data, legacy=True)
    elif "openapi" in data:
        version = str(data.get("openapi"))
        if version.startswith("3.0"):
            normalize_schemas(data, legacy=True)
        elif version.startswith("3.1"):
            normalize_schemas(data, legacy=False)
        else:
            raise error(f"unsupported OpenAPI version {version!r}: 2.0, 3.0 and 3.1 are supported", "/openapi")
        data["openapi"] = "3.1.0"
    else:
        raise error("not an OpenAPI document: the root has no `openapi` or `swagger` field", "")
    document.source_version = version
    return document


# ---------------------------------------------------------------------------------------------- schemas


def normalize_schemas(data: dict[str, Any], legacy: bool) -> None:
    """Rewrite 3.0/2.0 schema idioms to 3.1 in place, for every schema of the document."""
    seen: set[int] = set()
    stack = [schema for _, schema in document_schemas(data)]
    while stack:
        schema = stack.pop()
        if id(schema) in seen:
            continue
        seen.add(id(schema))
        _normalize_one(schema, legacy)
        stack.extend(sub for _, sub in sub_schemas(schema, ()))


def _normalize_one(schema: dict[str, Any], legacy: bool) -> None:
    if legacy:
        for bound, limit in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
            flag = schema.get(bound)
            if isinstance(flag, bool):
                if flag and limit in schema:
                    schema[bound] = schema.pop(limit)
                else:
                    del schema[bound]
    if schema.get("type") == "file":
        schema["type"] = "string"
        schema["format"] = "binary"
    discriminator = schema.get("discriminator")
    if isinstance(discriminator, str):
        schema["discriminator"] = {"propertyName": discriminator}
    nullable = schema.pop("nullable", None)
    x_nullable = schema.pop("x-nullable", None)
    parts = schema.get("allOf")
    if isinstance(parts, list):
        # `allOf: [{$ref: X}, {nullable: true}]` means "X or null", not "X and anything".
        bare = [p for p in parts if isinstance(p, dict) and p.get("nullable") is True and not set(p) - _BARE_NULLABLE]
        if bare:
            schema["allOf"] = [p for p in parts if not any(p is b for b in bare)]
            nullable = True
    if nullable is True or x_nullable is True:
        _make_nullable(schema)


def _make_nullable(schema: dict[str, Any]) -> None:
    kind = schema.get("type")
    if isinstance(kind, str):
        schema["type"] = [kind, "null"]
    elif isinstance(kind, list):
        if "null" not in kind:
            kind.append("null")
    else:
        inner = {k: v for k, v in schema.items() if k not in _ANNOTATIONS}
        if not inner:
            return  # `{nullable: true}` alone already allows anything
        for key in inner:
            del schema[key]
        schema["anyOf"] = [inner, dict(_NULL)]
        return
    enum = schema.get("enum")
    if isinstance(enum, list) and None not in enum:
        enum.append(None)


# ---------------------------------------------------------------------------------------------- swagger 2.0

_PARAM_FIELDS = ("name", "in", "description", "required", "deprecated", "allowEmptyValue")
_PARAM_SCHEMA_FIELDS = (
    "type", "format", "items", "enum", "default", "minimum", "maximum", "exclusiveMinimum",
    "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "pattern", "minItems", "maxItems",
    "uniqueItems", "x-nullable",
)  # fmt: skip
_COLLECTION_STYLES = {
    "csv": ("form", False),
    "ssv": ("spaceDelimited", False),
    "pipes": ("pipeDelimited", False),
    "tsv": ("form", False),
    "multi": ("form", True),
}
_REF_MOVES = (
    ("#/definitions/", "#/components/schemas/"),
    ("#/parameters/", "#/components/parameters/"),
    ("#/responses/", "#/components/responses/"),
)


class _Swagger2:
    def __init__(self, document: Document):
        self.document = document
        self.src = document.data
        self.global_params: dict[str, Any] = self.src.get("parameters") or {}
        self.consumes: list[str] = self.src.get("consumes") or ["application/json"]
        self.produces: list[str] = self.src.get("produces") or ["application/json"]
        # Media types × operations × responses can outgrow the document: the copies made are counted.
        self.budget = document.limits.max_nodes

    def convert(self) -> dict[str, Any]:
        src, sources = self.src, self.document.sources
        out: dict[str, Any] = {"openapi": "3.1.0", "info": src.get("info") or {}}
        out["servers"] = [{"url": self._server_url()}]
        for key in ("tags", "externalDocs", "security"):
            if key in src:
                out[key] = src[key]
        out.update({k: v for k, v in src.items() if isinstance(k, str) and k.startswith("x-")})
        components: dict[str, Any] = {}
        if isinstance(src.get("definitions"), dict):
            components["schemas"] = src["definitions"]
            sources.map(("components", "schemas"), sources.root, ("definitions",))
        params = {n: self._parameter(p) for n, p in self.global_params.items() if not self._is_body(p)}
        if params:
            components["parameters"] = params
            sources.map(("components", "parameters"), sources.root, ("parameters",))
        if isinstance(src.get("responses"), dict):
            self._spend(len(self.produces) * len(src["responses"]), ("responses",))
            components["responses"] = {n: self._response(r, self.produces) for n, r in src["responses"].items()}
            sources.map(("components", "responses"), sources.root, ("responses",))
        if isinstance(src.get("securityDefinitions"), dict):
            components["securitySchemes"] = {n: self._security_scheme(s) for n, s in src["securityDefinitions"].items()}
            sources.map(("components", "securitySchemes"), sources.root, ("securityDefinitions",))
        if components:
            out["components"] = components
        out["paths"] = {p: self._path_item(item, ("paths", p)) for p, item in (src.get("paths") or {}).items()}
        rewrite_refs(out, self._move_ref)
        return out

    def _spend(self, copies: int, path: Parts) -> None:
        self.budget -= copies
        if self.budget < 0:
            raise error(
                "the media types of `consumes`/`produces` times the operations and responses using them come to "
                f"more than {self.document.limits.max_nodes} copies (the limit is set by ZSDK_MAX_NODES)",
                join(path),
            )

    @staticmethod
    def _move_ref(_path: Parts, ref: str) -> str:
        for old, new in _REF_MOVES:
            if ref.startswith(old):
                return new + ref[len(old) :]
        return ref

    def _server_url(self) -> str:
        host = self.src.get("host")
        base = self.src.get("basePath") or ""
        if not host:
            return base or "/"
        schemes = self.src.get("schemes") or ["https"]
        scheme = "https" if "https" in schemes else schemes[0]
        return f"{scheme}://{host}{base}".rstrip("/") if base not in ("", "/") else f"{scheme}://{host}"

    def _deref_param(self, param: Any) -> Any:
        if isinstance(param, dict) and isinstance(param.get("$ref"), str):
            ref = param["$ref"]
            if ref.startswith("#/parameters/"):
                target = self.global_params.get(ref[len("#/parameters/") :])
                if isinstance(target, dict) and self._is_body(target):
                    return target
        return param

    @staticmethod
    def _is_body(param: Any) -> bool:
        return isinstance(param, dict) and param.get("in") in ("body", "formData")

    def _parameter(self, param: Any) -> Any:
        if not isinstance(param, dict) or "$ref" in param:
            return param
        out = {k: param[k] for k in _PARAM_FIELDS if k in param}
        out.update({k: v for k, v in param.items() if k.startswith("x-") and k != "x-nullable"})
        out["schema"] = {k: param[k] for k in _PARAM_SCHEMA_FIELDS if k in param}
        style = _COLLECTION_STYLES.get(param.get("collectionFormat", ""))
        if style and param.get("type") == "array":
            if param.get("in") in ("query", "cookie"):
                out["style"], out["explode"] = style
            else:
                out["style"], out["explode"] = "simple", False
        return out

    def _path_item(self, item: Any, path: Parts) -> Any:
        if not isinstance(item, dict) or "$ref" in item:
            return item
        shared = [self._deref_param(p) for p in item.get("parameters") or []]
        out: dict[str, Any] = {k: v for k, v in item.items() if k not in HTTP_METHODS and k != "parameters"}
        plain = [self._parameter(p) for p in shared if not self._is_body(p)]
        if plain:
            out["parameters"] = plain
        for method in HTTP_METHODS:
            operation = item.get(method)
            if isinstance(operation, dict):
                out[method] = self._operation(operation, [p for p in shared if self._is_body(p)], path + (method,))
        return out

    def _operation(self, op: dict[str, Any], shared_body: list[Any], path: Parts) -> dict[str, Any]:
        consumes = op.get("consumes") or self.consumes
        produces = op.get("produces") or self.produces
        params = [self._deref_param(p) for p in op.get("parameters") or []]
        out = {k: v for k, v in op.items() if k not in ("parameters", "responses", "consumes", "produces", "schemes")}
        plain = [self._parameter(p) for p in params if not self._is_body(p)]
        if plain:
            out["parameters"] = plain
        responses = op.get("responses") or {}
        self._spend(len(consumes) + len(produces) * len(responses), path)
        body_params = [p for p in params if self._is_body(p)] or shared_body
        body = self._request_body(body_params, consumes)
        if body:
            out["requestBody"] = body
        out["responses"] = {}
        for status, response in responses.items():
            out["responses"][str(status)] = self._response(response, produces)
            self.document.sources.map(
                path + ("responses", str(status), "content"),
                self.document.sources.root,
                path + ("responses", str(status)),
            )
        return out

    def _request_body(self, params: list[Any], consumes: list[str]) -> dict[str, Any] | None:
        body = next((p for p in params if p.get("in") == "body"), None)
        if body is not None:
            result: dict[str, Any] = {"content": {m: {"schema": body.get("schema") or {}} for m in consumes}}
            for key in ("description", "required"):
                if key in body:
                    result[key] = body[key]
            for key, value in body.items():
                if key.startswith("x-"):
                    result[key] = value
            return result
        form = [p for p in params if p.get("in") == "formData"]
        if not form:
            return None
        properties: dict[str, Any] = {}
        required: list[str] = []
        for param in form:
            schema = {k: param[k] for k in _PARAM_SCHEMA_FIELDS if k in param}
            if "description" in param:
                schema["description"] = param["description"]
            properties[param["name"]] = schema
            if param.get("required"):
                required.append(param["name"])
        has_file = any(p.get("type") == "file" for p in form)
        media = (
            "multipart/form-data"
            if has_file or "multipart/form-data" in consumes
            else "application/x-www-form-urlencoded"
        )
        schema_obj: dict[str, Any] = {"type": "object", "properties": properties}
        if required:
            schema_obj["required"] = required
        return {"required": bool(required), "content": {media: {"schema": schema_obj}}}

    @staticmethod
    def _response(response: Any, produces: list[str]) -> Any:
        if not isinstance(response, dict) or "$ref" in response:
            return response
        out: dict[str, Any] = {"description": response.get("description") or ""}
        out.update({k: v for k, v in response.items() if k.startswith("x-")})
        if "schema" in response:
            out["content"] = {m: {"schema": response["schema"]} for m in produces}
        headers = response.get("headers")
        if isinstance(headers, dict):
            out["headers"] = {
                name: {
                    **({"description": h["description"]} if "description" in h else {}),
                    "schema": {k: h[k] for k in _PARAM_SCHEMA_FIELDS if k in h},
                }
                for name, h in headers.items()
                if isinstance(h, dict)
            }
        return out

    @staticmethod
    def _security_scheme(scheme: Any) -> Any:
        if not isinstance(scheme, dict):
            return scheme
        kind = scheme.get("type")
        extras = {k: v for k, v in scheme.items() if k == "description" or k.startswith("x-")}
        if kind == "basic":
            return {"type": "http", "scheme": "basic", **extras}
        if kind == "apiKey":
            return {"type": "apiKey", "name": scheme.get("name", ""), "in": scheme.get("in", "header"), **extras}
        if kind == "oauth2":
            flow = scheme.get("flow")
            scopes = scheme.get("scopes") or {}
            names = {
                "implicit": ("implicit", ("authorizationUrl",)),
                "password": ("password", ("tokenUrl",)),
                "application": ("clientCredentials", ("tokenUrl",)),
                "accessCode": ("authorizationCode", ("authorizationUrl", "tokenUrl")),
            }
            name, urls = names.get(str(flow), ("implicit", ("authorizationUrl",)))
            flow_obj = {u: scheme.get(u, "") for u in urls}
            flow_obj["scopes"] = scopes
            return {"type": "oauth2", "flows": {name: flow_obj}, **extras}
        return scheme
