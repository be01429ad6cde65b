"""Helpers for the IR builder unit tests: write a small inline spec, run the pipeline, find things in the IR.

Fixtures (all factories):

- ``doc(paths, schemas=None, version="3.1.0", **top)``: a minimal OpenAPI document dict.
- ``run_spec(spec, fmt="yaml", **run_kwargs)``: write ``spec`` (a dict, or YAML/JSON text) under
  ``tmp_path`` and return ``pipeline.run``'s ``Result``.
- ``build(spec, errors_ok=False, fmt="yaml", **run_kwargs)``: the same, returning the ``Api``; fails the
  test on any error diagnostic unless ``errors_ok``.
- ``op(api, operation_id)``, ``model(api, name)``, ``resource(api, *names)``, ``field(model, name)``:
  look-ups that fail with the names that do exist.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from zsdk_generator import pipeline
from zsdk_generator.ir.model import Api, Field, Model, Operation, Resource


class _NoAliasDumper(yaml.SafeDumper):
    """Write a dict used twice as two copies: the spec must not depend on YAML anchors by accident."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _write(directory: Path, spec: dict[str, Any] | str, fmt: str, n: int) -> Path:
    if isinstance(spec, str):
        path = directory / f"spec{n}.{'json' if fmt == 'json' else 'yaml'}"
        path.write_text(spec, encoding="utf-8")
    elif fmt == "json":
        path = directory / f"spec{n}.json"
        path.write_text(json.dumps(spec, indent=2), encoding="utf-8")
    else:
        path = directory / f"spec{n}.yaml"
        path.write_text(yaml.dump(spec, Dumper=_NoAliasDumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def doc() -> Callable[..., dict[str, Any]]:
    def make(
        paths: dict[str, Any] | None = None,
        schemas: dict[str, Any] | None = None,
        version: str = "3.1.0",
        **top: Any,
    ) -> dict[str, Any]:
        out: dict[str, Any] = {"openapi": version, "info": {"title": "Test API", "version": "1.0.0"}}
        out["paths"] = paths or {}
        if schemas is not None:
            out.setdefault("components", {})["schemas"] = schemas
        for key, value in top.items():
            if key == "components":
                out.setdefault("components", {}).update(value)
            else:
                out[key] = value
        return out

    return make


@pytest.fixture
def run_spec(tmp_path: Path) -> Callable[..., pipeline.Result]:
    counter = itertools.count(1)

    def run(spec: dict[str, Any] | str, fmt: str = "yaml", **run_kwargs: Any) -> pipeline.Result:
        return pipeline.run(str(_write(tmp_path, spec, fmt, next(counter))), **run_kwargs)

    return run


@pytest.fixture
def build(run_spec: Callable[..., pipeline.Result]) -> Callable[..., Api]:
    def make(spec: dict[str, Any] | str, errors_ok: bool = False, fmt: str = "yaml", **run_kwargs: Any) -> Api:
        result = run_spec(spec, fmt=fmt, **run_kwargs)
        if not errors_ok:
            assert not result.errors, "unexpected errors:\n" + "\n".join(d.format() for d in result.errors)
        assert result.api is not None, "no Api built:\n" + "\n".join(d.format() for d in result.diagnostics)
        return result.api

    return make


@pytest.fixture
def op() -> Callable[[Api, str], Operation]:
    def find(api: Api, operation_id: str) -> Operation:
        ops = {o.id: o for o in api.all_operations()}
        assert operation_id in ops, f"no operation {operation_id!r}; have {sorted(ops)}"
        return ops[operation_id]

    return find


@pytest.fixture
def model() -> Callable[[Api, str], Model]:
    def find(api: Api, name: str) -> Model:
        models = {m.name: m for m in api.models}
        assert name in models, f"no model {name!r}; have {sorted(models)}"
        return models[name]

    return find


@pytest.fixture
def resource() -> Callable[..., Resource]:
    def find(api: Api, *names: str) -> Resource:
        level: tuple[Resource, ...] = api.resources
        found: Resource | None = None
        for name in names:
            by_name = {r.name: r for r in level}
            assert name in by_name, f"no resource {name!r} under {names[: names.index(name)]}; have {sorted(by_name)}"
            found = by_name[name]
            level = found.resources
        assert found is not None
        return found

    return find


@pytest.fixture
def field() -> Callable[[Model, str], Field]:
    def find(m: Model, name: str) -> Field:
        fields = {f.name: f for f in m.fields}
        assert name in fields, f"model {m.name} has no field {name!r}; have {sorted(fields)}"
        return fields[name]

    return find
