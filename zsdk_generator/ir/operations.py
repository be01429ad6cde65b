"""One OpenAPI operation → an `Operation` (without its method name, which needs its resource)."""

from __future__ import annotations

import re
from typing import Any, Literal

from ..diagnostics import Diagnostic, error
from ..spec.pointer import escape
from . import detect
from .encoding import inferred, nesting, param_encoding, property_encoding
from .model import Encoding, Header, Operation, Parameter, RequestBody, Response, TypeRef
from .naming import pascal, snake, words
from .schemas import SchemaConverter
from .shapes import Shapes

_JSON = ("application/json", "application/problem+json", "text/json")
_IGNORED_HEADERS = frozenset({"accept", "content-type", "authorization"})
# The first success response as the spec has it: (schema, headers, the response object).
RawSuccess = tuple[Any, dict[str, Any], dict[str, Any]]
Location = Literal["path", "query", "header", "cookie"]
_LOCATIONS: tuple[Location, ...] = ("path", "query", "header", "cookie")


def media_kind(media: str, schema: Any) -> str:
    """json | sse | multipart | form | text | binary, from the media type (and a binary schema)."""
    media = media.split(";")[0].strip().lower()
    if media in _JSON or media.endswith("+json") or media == "*/*" and not _is_binary_schema(schema):
        return "json"
    if media == "text/event-stream":
        return "sse"
    if media == "multipart/form-data" or media.startswith("multipart/"):
        return "multipart"
    if media == "application/x-www-form-urlencoded":
        return "form"
    if media.startswith("text/") and not _is_binary_schema(schema):
        return "text"
    if media.endswith("json") and not _is_binary_schema(schema):  # application/vnd.x.json and kin
        return "json"
    return "binary"


def _is_binary_schema(schema: Any) -> bool:
    return isinstance(schema, dict) and schema.get("type") == "string" and schema.get("format") in ("binary", "byte")


def _pick_media(content: dict[str, Any]) -> tuple[str, Any] | None:
    """The media type an SDK speaks: JSON first, then SSE, multipart, form, binary, text."""
    if not isinstance(content, dict) or not content:
        return None
    ranked = sorted(
        ((media, obj) for media, obj in content.items() if isinstance(obj, dict)),
        key=lambda item: ("json", "sse", "multipart", "form", "binary", "text").index(
            media_kind(item[0], item[1].get("schema"))
        ),
    )
    return ranked[0] if ranked else None


class OperationBuilder:
    def __init__(self, data: dict[str, Any], schemas: SchemaConverter, diagnostics: list[Diagnostic]):
        self.data = data
        self.schemas = schemas
        self.diagnostics = diagnostics
        self.schemes = set((data.get("components") or {}).get("securitySchemes") or {})
        security = data.get("security")
        if isinstance(security, list):
            self.default_security = self._known(_security(security))
        else:  # no document-wide requirement: any declared scheme may be used
            schemes = (data.get("components") or {}).get("securitySchemes") or {}
            self.default_security = tuple((str(name),) for name in schemes)
        self.root_envelope = data.get("x-zsdk-envelope")
        self.root_nesting = nesting(data, "indexed", "")
        self.shapes = Shapes(self._resolve)

    def _deref(self, node: Any, pointer: str) -> tuple[Any, str]:
        seen = 0
        while isinstance(node, dict) and isinstance(node.get("$ref"), str) and seen < 20:
            ref = node["$ref"]
            node = self.schemas.resolve(ref, pointer)
            pointer = ref[1:]
            seen += 1
        return node, pointer

    def build(
        self, path: str, method: str, item: dict[str, Any], op: dict[str, Any], resource_words: list[str]
    ) -> Operation:
        pointer = f"/paths/{escape(path)}/{method}"
        op_id = op.get("operationId") if isinstance(op.get("operationId"), str) and op.get("operationId") else None
        op_id = op_id or synth_operation_id(method, path)
        self._path = path.split("#")[0]
        hint = pascal(op_id) or "Operation"
        self._nesting = nesting(op, self.root_nesting, pointer)
        params = self._params(item, op, pointer, hint)
        # A declared Idempotency-Key header is the runtime's to fill, unless idempotency is turned off.
        idem_param = next((p for p in params if p.location == "header" and p.name.lower() == "idempotency-key"), None)
        body = self._body(op.get("requestBody"), pointer + "/requestBody", hint)
        successes, errors, raw_success = self._responses(op.get("responses"), pointer + "/responses", hint)
        result = successes[0] if successes else None
        security_spec = op.get("security")
        security = _security(security_spec) if isinstance(security_spec, list) else self.default_security
        security = self._known(security)
        idempotent = op.get("x-zsdk-idempotent")
        if not isinstance(idempotent, bool):
            idempotent = method in ("post", "patch") or idem_param is not None
        if idempotent and idem_param is not None:
            params = tuple(p for p in params if p is not idem_param)
        result_type = result.type if result else None
        envelope = pagination = None
        if result is not None and result.kind == "json" and raw_success is not None:
            schema, headers, response_object = raw_success
            query = {p.name: p for p in params if p.location == "query"}
            pagination = detect.pagination(
                op.get("x-zsdk-pagination"), method, query, schema, headers, self.shapes,
                lambda items: self._item_type(result_type, schema, items, hint), resource_words,
                pointer + "/x-zsdk-pagination",
            )  # fmt: skip
            if pagination is None:
                declared = op.get("x-zsdk-envelope", response_object.get("x-zsdk-envelope", self.root_envelope))
                envelope = detect.envelope(declared, schema, self.shapes, pointer + "/x-zsdk-envelope")
                if envelope:
                    inner = self.shapes.field_at(schema, envelope)
                    if inner is None:
                        raise error(f"x-zsdk-envelope field {'.'.join(envelope)!r} is not in the response", pointer)
                    result_type = self.schemas.type_of(inner, pointer, hint + "Data")
        idem_name = idem_param.name if idem_param else "Idempotency-Key"
        result_ok = op.get("x-zsdk-result")
        if result_ok is not None and result_ok != "ok":
            raise error(f"x-zsdk-result must be 'ok', not {result_ok!r}", pointer + "/x-zsdk-result")
        return Operation(
            id=op_id, name="", http_method=method.upper(), path=path,
            summary=str(op.get("summary") or ""), description=str(op.get("description") or ""),
            deprecated=bool(op.get("deprecated")),
            tags=tuple(str(t) for t in op.get("tags") or () if isinstance(t, (str, int))),
            params=params, body=body, responses=successes, errors=errors, result=result, result_type=result_type,
            security=security, public=not security, pagination=pagination, envelope=envelope,
            idempotent=idempotent, idempotency_header=idem_name if idempotent else None,
            streaming="sse" if result is not None and result.kind == "sse" else None, result_ok=result_ok == "ok",
            source=pointer,
        )  # fmt: skip

    def _known(self, security: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
        """Requirements without undefined schemes (reported by the checks); an emptied one is dropped."""
        kept = (tuple(n for n in alt if n in self.schemes) for alt in security)
        return tuple(alt for alt, original in zip(kept, security, strict=True) if alt or not original)

    def _resolve(self, ref: str) -> Any:
        return self.schemas.resolve(ref, "")

    def _item_type(self, result_type: TypeRef | None, schema: Any, items: tuple[str, ...], hint: str) -> TypeRef:
        node = schema if not items else self.shapes.field_at(schema, items)
        flat = self.shapes.flatten(node)
        array_type = self.schemas.type_of(node, "", hint + "Items") if node is not None else TypeRef("any")
        if array_type.kind == "array" and array_type.item is not None:
            return array_type.item
        return self.schemas.type_of(flat.get("items"), "", hint + "Item")

    # ------------------------------------------------------------------ parameters

    def _params(self, item: dict[str, Any], op: dict[str, Any], pointer: str, hint: str) -> tuple[Parameter, ...]:
        merged: dict[tuple[str, Location], tuple[Any, str]] = {}
        for base, source in ((f"{pointer.rsplit('/', 1)[0]}/parameters", item), (f"{pointer}/parameters", op)):
            for i, raw in enumerate(source.get("parameters") or []):
                param, where = self._deref(raw, f"{base}/{i}")
                if not isinstance(param, dict) or not isinstance(param.get("name"), str):
                    raise error("parameter has no name", where)
                location = param.get("in")
                if location not in _LOCATIONS:
                    message = f"parameter {param['name']!r} has an unknown location {location!r}; it is skipped"
                    self.diagnostics.append(Diagnostic("warning", message, where))
                    continue
                merged[(param["name"], location)] = (param, where)
        params: list[Parameter] = []
        for (name, location), (param, where) in merged.items():
            if location == "header" and name.lower() in _IGNORED_HEADERS:
                continue
            schema = param.get("schema")
            if schema is None and isinstance(param.get("content"), dict) and param["content"]:
                media, media_obj = next(iter(param["content"].items()))
                schema = media_obj.get("schema") if isinstance(media_obj, dict) else None
            param_type = self.schemas.type_of(schema, where + "/schema", hint + pascal(name))
            encoding = param_encoding(param, location, self._nesting, where, self.diagnostics)
            params.append(
                Parameter(
                    name=name, location=location, type=param_type,
                    required=bool(param.get("required")) or location == "path",
                    description=str(param.get("description") or ""), deprecated=bool(param.get("deprecated")),
                    encoding=encoding,
                    default=(schema or {}).get("default") if isinstance(schema, dict) else None,
                    has_default=isinstance(schema, dict) and "default" in schema,
                    ident=param.get("x-zsdk-name") if isinstance(param.get("x-zsdk-name"), str) else None,
                )  # fmt: skip
            )
        declared = {p.name for p in params if p.location == "path"}
        for name in re.findall(r"\{([^{}]+)\}", self._path):
            if name not in declared:  # reported by the checks; the URL still needs it
                params.append(
                    Parameter(name=name, location="path", type=TypeRef("string"), required=True,
                              encoding=Encoding("simple", False))
                )  # fmt: skip
                declared.add(name)
        order = {"path": 0, "query": 1, "header": 2, "cookie": 3}
        params.sort(key=lambda p: order[p.location])
        return tuple(params)

    # ------------------------------------------------------------------ bodies and responses

    def _body(self, raw: Any, pointer: str, hint: str) -> RequestBody | None:
        if raw is None:
            return None
        body, where = self._deref(raw, pointer)
        if not isinstance(body, dict):
            raise error("requestBody must be an object", where)
        picked = _pick_media(body.get("content") or {})
        if picked is None:
            return None
        media, media_obj = picked
        schema = media_obj.get("schema")
        kind = media_kind(media, schema)
        if kind == "sse":
            kind = "text"
        body_type = self.schemas.type_of(schema, f"{where}/content/{escape(media)}/schema", hint + "Request")
        file_fields: tuple[str, ...] = ()
        if kind == "multipart":
            flatten = self.shapes.flatten
            file_fields = tuple(
                name for name, sub in self.shapes.properties(schema).items()
                if _is_binary_schema(flatten(sub)) or _is_binary_schema(flatten(flatten(sub).get("items")))
            )  # fmt: skip
        if kind == "binary":
            body_type = TypeRef("string", format="binary")
        encoding = self._property_encodings(kind, schema, media_obj, f"{where}/content/{escape(media)}/encoding")
        return RequestBody(
            kind=kind, media_type=media, type=body_type, required=bool(body.get("required")),  # type: ignore[arg-type]
            description=str(body.get("description") or ""), file_fields=file_fields, encoding=encoding,
        )  # fmt: skip

    def _property_encodings(
        self, kind: str, schema: Any, media_obj: dict[str, Any], where: str
    ) -> tuple[tuple[str, Encoding], ...]:
        """The form or multipart properties whose encoding is not the one the runtimes infer, in the schema's order."""
        if kind not in ("form", "multipart"):
            return ()
        entries = media_obj.get("encoding")
        entries = entries if isinstance(entries, dict) else {}
        out = []
        for name, sub in self.shapes.properties(schema).items():
            value_kind = self._value_kind(sub)
            encoding = property_encoding(
                entries.get(name), kind, value_kind, self._nesting, f"{where}/{escape(name)}", self.diagnostics
            )
            if encoding != inferred(kind, value_kind):
                out.append((name, encoding))
        return tuple(out)

    def _value_kind(self, schema: Any) -> str:
        """scalar | array | object | objects (an array of objects): what a form property's schema holds."""
        flat = self.shapes.flatten(schema)
        if self.shapes.is_array(flat):
            return "objects" if self._value_kind(flat.get("items")) in ("object", "objects") else "array"
        options = [o for key in ("anyOf", "oneOf") for o in flat.get(key) or () if isinstance(o, dict)]
        if options:
            kinds = {self._value_kind(o) for o in options}
            return next((k for k in ("objects", "object", "array") if k in kinds), "scalar")
        kind = flat.get("type")
        is_object = kind == "object" or (isinstance(kind, list) and "object" in kind)
        return "object" if is_object or "properties" in flat or "additionalProperties" in flat else "scalar"

    def _responses(
        self, raw: Any, pointer: str, hint: str
    ) -> tuple[tuple[Response, ...], tuple[Response, ...], RawSuccess | None]:
        if not isinstance(raw, dict):
            return (), (), None
        successes: list[Response] = []
        errors: list[Response] = []
        raw_success: RawSuccess | None = None
        statuses = sorted(raw, key=_status_rank)
        has_success = any(str(s)[:1] in "123" for s in statuses)
        for status in statuses:
            code = str(status)
            response, where = self._deref(raw[status], f"{pointer}/{escape(code)}")
            if not isinstance(response, dict):
                continue
            success = code[:1] in "123" or (code == "default" and not has_success)
            name = hint + (
                "Response" if success and not successes else pascal(code) + ("Response" if success else "Error")
            )
            picked = _pick_media(response.get("content") or {})
            headers = self._headers(response.get("headers"), where + "/headers", name)
            if picked is None:
                entry = Response(code, "empty", description=str(response.get("description") or ""), headers=headers)
                schema = None
            else:
                media, media_obj = picked
                schema = media_obj.get("schema")
                kind = media_kind(media, schema)
                if kind in ("multipart", "form"):
                    kind = "json"
                if kind == "binary":
                    rtype = TypeRef("string", format="binary")
                elif kind == "text":
                    rtype = TypeRef("string")
                else:
                    rtype = self.schemas.type_of(schema, f"{where}/content/{escape(media)}/schema", name)
                entry = Response(code, kind, media, rtype, str(response.get("description") or ""), headers)  # type: ignore[arg-type]
            if success:
                if not successes:
                    raw_success = (schema, response.get("headers") or {}, response)
                successes.append(entry)
            else:
                errors.append(entry)
        return tuple(successes), tuple(errors), raw_success

    def _headers(self, raw: Any, pointer: str, hint: str) -> tuple[Header, ...]:
        if not isinstance(raw, dict):
            return ()
        out = []
        for name, header in raw.items():
            header, where = self._deref(header, f"{pointer}/{escape(str(name))}")
            if isinstance(header, dict):
                header_type = self.schemas.type_of(header.get("schema"), where + "/schema", hint + pascal(str(name)))
                out.append(Header(str(name), header_type, str(header.get("description") or "")))
        return tuple(out)


def _status_rank(status: Any) -> tuple[int, str]:
    code = str(status)
    preferred = {"200": 0, "201": 1, "202": 2, "2XX": 3, "204": 4}
    return (preferred.get(code.upper(), 5 if code[:1] in "123" else 6 if code != "default" else 7), code)


def _security(spec: list[Any]) -> tuple[tuple[str, ...], ...]:
    alternatives: list[tuple[str, ...]] = []
    for requirement in spec:
        if isinstance(requirement, dict):
            alternatives.append(tuple(str(k) for k in requirement))
    if alternatives and all(not alt for alt in alternatives):
        return ()
    return tuple(alternatives)


def synth_operation_id(method: str, path: str) -> str:
    parts = [method]
    for segment in path.strip("/").split("/"):
        if segment.startswith("{") and segment.endswith("}"):
            parts.extend(["by"] + words(segment[1:-1]))
        elif segment:
            parts.extend(words(segment))
    return snake("_".join(parts))
