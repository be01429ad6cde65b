"""Structural validation (spec/structure.py over spec/objects.py): wrong-typed nodes stop the pipeline, located."""

from __future__ import annotations

from typing import Any

import pytest

from zsdk_generator.spec.structure import check_structure


def _findings(data: dict[str, Any]) -> list[tuple[str, str | None, str]]:
    return [(d.severity, d.pointer, d.message) for d in check_structure(data)]


def _openapi(**top: Any) -> dict[str, Any]:
    return {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}, **top}


def test_a_well_formed_document_has_no_findings() -> None:
    data = _openapi(
        paths={
            "/pets/{id}": {
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "get": {
                    "operationId": "getPet",
                    "tags": ["pets"],
                    "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": True}}}},
                    "security": [{"key": []}],
                    "x-zsdk-pagination": False,
                },
            }
        },
        components={"schemas": {"Pet": {"type": ["object", "null"], "properties": {"a": {"items": [{}]}}}}},
    )
    assert _findings(data) == []


@pytest.mark.parametrize(
    ("top", "pointer", "message"),
    [
        ({"paths": []}, "/paths", "paths must be a mapping of paths to path items, not a list"),
        ({"servers": [{"variables": {"v": {"enum": "abc"}}}]}, None, None),  # soft: checked below
        ({"tags": [5]}, "/tags/0", "item 0 must be a tag (a mapping), not an integer"),
        ({"security": [["key"]]}, "/security/0", "item 0 must be a security requirement"),
        ({"components": {"schemas": {"A": {"allOf": {"$ref": "#/x"}}}}}, "/components/schemas/A/allOf", "allOf must"),
        (
            {"components": {"securitySchemes": {"o": {"type": "oauth2", "flows": {"implicit": []}}}}},
            "/components/securitySchemes/o/flows/implicit",
            "implicit must be an OAuth flow (a mapping), not a list",
        ),
        ({"x-zsdk-envelope": 3}, "/x-zsdk-envelope", "x-zsdk-envelope must be a string or true or false"),
    ],
)
def test_wrong_typed_nodes_are_errors(top: dict[str, Any], pointer: str | None, message: str | None) -> None:
    found = _findings(_openapi(**top))
    if pointer is None:
        assert all(severity == "warning" for severity, _, _ in found)
    else:
        assert [(severity, where) for severity, where, _ in found] == [("error", pointer)]
        assert message in found[0][2]


def test_soft_fields_are_dropped_with_a_warning() -> None:
    operation = {"summary": {"text": "x"}, "deprecated": "yes", "operationId": 7, "tags": ["a", {"b": 1}]}
    schema = {"type": "object", "required": True, "description": ["x"], "properties": {"a": {"type": "string"}}}
    data = _openapi(paths={"/a": {"get": operation}}, components={"schemas": {"S": schema}})
    found = _findings(data)
    assert {severity for severity, _, _ in found} == {"warning"}
    assert {where for _, where, _ in found} == {
        "/paths/~1a/get/summary",
        "/paths/~1a/get/deprecated",
        "/paths/~1a/get/operationId",
        "/paths/~1a/get/tags/1",
        "/components/schemas/S/required",
        "/components/schemas/S/description",
    }
    assert "item 1 of tags must be text (a string or a number), not a mapping; the whole list is ignored" in {
        message for _, _, message in found
    }
    assert operation == {} and schema == {"type": "object", "properties": {"a": {"type": "string"}}}


def test_a_ref_target_is_checked_as_what_refers_to_it_wherever_it_lives() -> None:
    data = _openapi(
        paths={"/a": {"get": {"parameters": [{"$ref": "#/x-params/limit"}], "responses": {}}}},
        **{"x-params": {"limit": {"name": "limit", "in": "query", "content": []}}},
    )
    assert _findings(data) == [
        ("error", "/x-params/limit/content", "content must be a mapping of media types, not a list")
    ]


def test_a_shared_or_cyclic_node_is_checked_once() -> None:
    bad = {"type": "object", "properties": []}
    schemas = {"A": bad, "B": {"$ref": "#/components/schemas/A"}, "C": {"$ref": "#/components/schemas/C"}}
    found = _findings(_openapi(components={"schemas": schemas}))
    assert found == [
        ("error", "/components/schemas/A/properties", "properties must be a mapping of names to schemas, not a list")
    ]


def test_nulls_read_as_absent_and_refs_must_be_strings() -> None:
    data = _openapi(paths={"/a": {"get": {"parameters": None, "responses": {"200": {"$ref": 5}}}}})
    assert _findings(data) == [("error", "/paths/~1a/get/responses/200/$ref", "$ref must be a string, not an integer")]


def test_swagger_2_documents_are_checked_as_swagger_2() -> None:
    data = {
        "swagger": "2.0",
        "info": {"title": "t", "version": "1"},
        "consumes": "application/json",
        "paths": {"/a": {"post": {"parameters": [{"name": "n", "in": "body", "schema": []}], "responses": []}}},
        "securityDefinitions": {"o": {"type": "oauth2", "scopes": ["read"]}},
    }
    assert sorted(_findings(data)) == [
        ("error", "/paths/~1a/post/parameters/0/schema", "schema must be a schema (a mapping), not a list"),
        ("error", "/paths/~1a/post/responses", "responses must be a mapping of status codes to responses, not a list"),
        ("warning", "/consumes", "consumes must be a list of media types, not a string; it is ignored"),
        (
            "warning",
            "/securityDefinitions/o/scopes",
            "scopes must be a mapping of scopes to descriptions, not a list; it is ignored",
        ),
    ]


def test_a_truth_value_written_as_text_is_read_as_one() -> None:
    parameter = {"name": "q", "in": "query", "required": "TRUE", "deprecated": "false", "explode": "yes"}
    data = _openapi(paths={"/a": {"get": {"parameters": [parameter]}}})
    assert sorted(_findings(data)) == [
        (
            "warning",
            "/paths/~1a/get/parameters/0/deprecated",
            "deprecated must be true or false, not a string; read as false",
        ),
        (
            "warning",
            "/paths/~1a/get/parameters/0/explode",
            "explode must be true or false, not a string; it is ignored",
        ),
        (
            "warning",
            "/paths/~1a/get/parameters/0/required",
            "required must be true or false, not a string; read as true",
        ),
    ]
    assert parameter == {"name": "q", "in": "query", "required": True, "deprecated": False}
