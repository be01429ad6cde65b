"""Where schemas live in an OpenAPI 3.x document, and a schema's sub-schemas."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .pointer import Parts

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

SCHEMA_SLOTS = (
    "additionalProperties", "items", "not", "if", "then", "else", "contains", "propertyNames",
    "unevaluatedProperties", "unevaluatedItems", "additionalItems",
)  # fmt: skip
# Keywords that give a schema a shape of its own (a schema with none of them is only annotations).
SHAPE_KEYS = ("type", "properties", "items", "allOf", "anyOf", "oneOf", "enum", "const", "$ref", "additionalProperties")
SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")

SchemaSite = tuple[Parts, dict[str, Any]]


def sub_schemas(schema: dict[str, Any], path: Parts) -> Iterator[SchemaSite]:
    """The schemas directly inside `schema` (one level), with their paths."""
    for key in SCHEMA_SLOTS:
        value = schema.get(key)
        if isinstance(value, dict):
            yield path + (key,), value
    for key in SCHEMA_LISTS + ("items",):  # `items` as a list is the old tuple form
        value = schema.get(key)
        if isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    yield path + (key, str(i)), item
    for key in SCHEMA_MAPS:
        value = schema.get(key)
        if isinstance(value, dict):
            for name, item in value.items():
                if isinstance(item, dict):
                    yield path + (key, name), item


def _content(content: Any, path: Parts) -> Iterator[SchemaSite]:
    if isinstance(content, dict):
        for media, media_object in content.items():
            if isinstance(media_object, dict):
                schema = media_object.get("schema")
                if isinstance(schema, dict):
                    yield path + (media, "schema"), schema
                yield from _headers_in_encoding(media_object.get("encoding"), path + (media, "encoding"))


def _headers_in_encoding(encoding: Any, path: Parts) -> Iterator[SchemaSite]:
    if isinstance(encoding, dict):
        for name, enc in encoding.items():
            if isinstance(enc, dict):
                yield from _headers(enc.get("headers"), path + (name, "headers"))


def _parameter_like(param: Any, path: Parts) -> Iterator[SchemaSite]:
    if isinstance(param, dict) and "$ref" not in param:
        schema = param.get("schema")
        if isinstance(schema, dict):
            yield path + ("schema",), schema
        yield from _content(param.get("content"), path + ("content",))


def _headers(headers: Any, path: Parts) -> Iterator[SchemaSite]:
    if isinstance(headers, dict):
        for name, header in headers.items():
            yield from _parameter_like(header, path + (name,))


def _response(response: Any, path: Parts) -> Iterator[SchemaSite]:
    if isinstance(response, dict) and "$ref" not in response:
        yield from _headers(response.get("headers"), path + ("headers",))
        yield from _content(response.get("content"), path + ("content",))


def _request_body(body: Any, path: Parts) -> Iterator[SchemaSite]:
    if isinstance(body, dict) and "$ref" not in body:
        yield from _content(body.get("content"), path + ("content",))


def _parameters(params: Any, path: Parts) -> Iterator[SchemaSite]:
    if isinstance(params, list):
        for i, param in enumerate(params):
            yield from _parameter_like(param, path + (str(i),))


def _callbacks(callbacks: Any, path: Parts) -> Iterator[SchemaSite]:
    if isinstance(callbacks, dict):
        for name, callback in callbacks.items():
            if isinstance(callback, dict) and "$ref" not in callback:
                for expression, item in callback.items():
                    yield from path_item_schemas(item, path + (name, expression))


def path_item_schemas(item: Any, path: Parts) -> Iterator[SchemaSite]:
    if not isinstance(item, dict) or "$ref" in item:
        return
    yield from _parameters(item.get("parameters"), path + ("parameters",))
    for method in HTTP_METHODS:
        operation = item.get(method)
        if isinstance(operation, dict):
            op_path = path + (method,)
            yield from _parameters(operation.get("parameters"), op_path + ("parameters",))
            yield from _request_body(operation.get("requestBody"), op_path + ("requestBody",))
            responses = operation.get("responses")
            if isinstance(responses, dict):
                for status, response in responses.items():
                    yield from _response(response, op_path + ("responses", str(status)))
            yield from _callbacks(operation.get("callbacks"), op_path + ("callbacks",))


def document_schemas(data: dict[str, Any]) -> Iterator[SchemaSite]:
    """Every top-level schema of a 3.x document (not their sub-schemas), with its path."""
    components = data.get("components")
    if isinstance(components, dict):
        schemas = components.get("schemas")
        if isinstance(schemas, dict):
            for name, schema in schemas.items():
                if isinstance(schema, dict):
                    yield ("components", "schemas", name), schema
        for kind, walker in (
            ("parameters", _parameter_like),
            ("headers", _parameter_like),
            ("responses", _response),
            ("requestBodies", _request_body),
            ("pathItems", path_item_schemas),
        ):
            group = components.get(kind)
            if isinstance(group, dict):
                for name, item in group.items():
                    yield from walker(item, ("components", kind, name))
        yield from _callbacks(components.get("callbacks"), ("components", "callbacks"))
    for section in ("paths", "webhooks"):
        items = data.get(section)
        if isinstance(items, dict):
            for key, item in items.items():
                yield from path_item_schemas(item, (section, key))
