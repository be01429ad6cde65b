"""The IR is the same on every run: `zsdk-generator ir` prints byte-identical JSON whatever the hash seed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PETSTORE = ROOT / "specs" / "petstore.yaml"
SEEDS = ("0", "1", "4242")


def ir_json(spec: Path, seed: str, *extra: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "zsdk_generator.cli", "ir", str(spec), *extra],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": seed},
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def many_inline_schemas() -> dict[str, Any]:
    """A spec that exercises every naming decision: hoisting, collisions, unions, enums, tags, sub-resources."""
    paths: dict[str, Any] = {}
    schemas: dict[str, Any] = {
        "Thing": {
            "type": "object",
            "properties": {"owner": {"type": "object", "properties": {"id": {"type": "string"}}}},
        },
        "ThingOwner": {"type": "object", "properties": {"name": {"type": "string"}}},
        "Cat": {"type": "object", "properties": {"kind": {"type": "string"}, "lives": {"type": "integer"}}},
        "Dog": {"type": "object", "properties": {"kind": {"type": "string"}, "bark": {"type": "boolean"}}},
        "Pet": {
            "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
            "discriminator": {"propertyName": "kind"},
        },
    }
    for i, word in enumerate(["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"]):
        inline = {
            "type": "object",
            "required": ["id"],
            "properties": {
                "id": {"type": "integer", "format": "int64"},
                "status": {"type": "string", "enum": ["on", "off", word]},
                "nested": {
                    "type": "object",
                    "properties": {"deep": {"type": "object", "properties": {"x": {"type": "number"}}}},
                },
                "parts": {"type": "array", "items": {"type": "object", "properties": {"n": {"type": "string"}}}},
                "either": {
                    "oneOf": [
                        {"type": "object", "title": "left", "properties": {"l": {"type": "string"}}},
                        {"type": "object", "properties": {"r": {"type": "string"}}},
                    ]
                },
                "maybe": {"type": ["string", "null"]},
                "labels": {
                    "type": "object",
                    "additionalProperties": {"type": "object", "properties": {"v": {"type": "string"}}},
                },
            },
        }
        tag = word.capitalize() + " Things"
        paths[f"/v1/{word}"] = {
            "get": {
                "tags": [tag],
                "operationId": f"list{word.capitalize()}",
                "parameters": [
                    {"name": "cursor", "in": "query", "schema": {"type": "string"}},
                    {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["asc", "desc"]}},
                ],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "data": {"type": "array", "items": inline},
                                        "next_cursor": {"type": "string"},
                                    },
                                }
                            }
                        },
                    }
                },
            },
            "post": {
                "tags": [tag],
                "operationId": f"create{word.capitalize()}",
                "requestBody": {"content": {"application/json": {"schema": inline}}},
                "responses": {
                    "201": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "data": inline,
                                        "meta": {"type": "object", "properties": {"t": {"type": "string"}}},
                                    },
                                }
                            }
                        },
                    }
                },
            },
        }
        paths[f"/v1/{word}/{{id}}/run"] = {
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "post": {
                "tags": [tag],
                "operationId": f"run{i % 3}",
                "x-zsdk-resource": f"{word}.jobs",
                "responses": {"200": {"description": "ok"}},
            },
            "get": {
                "tags": [tag],
                "responses": {
                    "200": {"description": "ok", "content": {"text/event-stream": {"schema": {"type": "string"}}}}
                },
            },
        }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Many", "version": "1"},
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "a": {"type": "http", "scheme": "bearer"},
                "b": {"type": "apiKey", "in": "query", "name": "k"},
            },
        },
        "paths": paths,
    }


@pytest.fixture
def many_spec(tmp_path: Path) -> Path:
    path = tmp_path / "many.yaml"
    path.write_text(yaml.safe_dump(many_inline_schemas(), sort_keys=False), encoding="utf-8")
    return path


def test_petstore_ir_is_byte_identical_across_hash_seeds():
    outputs = {seed: ir_json(PETSTORE, seed) for seed in SEEDS}
    assert len(set(outputs.values())) == 1
    data = json.loads(outputs["0"])
    assert data["title"] == "Petstore" and data["models"] and data["resources"]


def test_inline_heavy_ir_is_byte_identical_across_hash_seeds(many_spec):
    outputs = {seed: ir_json(many_spec, seed) for seed in SEEDS}
    assert len(set(outputs.values())) == 1
    data = json.loads(outputs["0"])
    assert len(data["models"]) > 50


def test_operation_id_method_names_are_byte_identical_across_hash_seeds(many_spec):
    outputs = {seed: ir_json(many_spec, seed, "--method-names", "operation_id") for seed in SEEDS[:2]}
    assert len(set(outputs.values())) == 1


def test_inline_heavy_spec_names_are_unique(build, many_spec):
    api = build(many_spec.read_text(encoding="utf-8"))
    model_names = [m.name for m in api.models]
    assert len(model_names) == len({n.lower() for n in model_names})
    assert "ThingOwner" in model_names and "ThingOwner2" in model_names

    def walk(resources: Any) -> None:
        for r in resources:
            names = [o.name for o in r.operations]
            assert len(names) == len(set(names)), (r.name, names)
            walk(r.resources)

    walk(api.resources)
    assert len(api.all_operations()) == 40


def test_in_process_builds_are_equal(build, many_spec):
    text = many_spec.read_text(encoding="utf-8")
    assert build(text) == build(text)


@pytest.mark.parametrize("which", ["many", "petstore"])
def test_every_model_reference_resolves(build, many_spec, which):
    api = build((many_spec if which == "many" else PETSTORE).read_text(encoding="utf-8"))
    known = {m.name for m in api.models}
    refs: list[str] = []

    def collect(value: Any) -> None:
        from dataclasses import fields, is_dataclass

        from zsdk_generator.ir.model import TypeRef

        if isinstance(value, TypeRef) and value.kind == "model":
            refs.append(value.model or "")
        if is_dataclass(value) and not isinstance(value, type):
            for f in fields(value):
                collect(getattr(value, f.name))
        elif isinstance(value, (list, tuple)):
            for item in value:
                collect(item)

    collect(api)
    assert refs and set(refs) <= known, sorted(set(refs) - known)
