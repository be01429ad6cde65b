"""specdiff.unchanged: an operation is skipped only when neither it nor anything it reaches changed."""

from __future__ import annotations

import copy
from typing import Any

from zsdk_generator.specdiff.unchanged import Unchanged


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _op(schema: dict[str, Any]) -> dict[str, Any]:
    return {"responses": {"200": {"content": {"application/json": {"schema": schema}}}}}


SPEC: dict[str, Any] = {
    "paths": {"/a": {"get": _op(_ref("A"))}, "/c": {"get": _op(_ref("C"))}, "/x": {"get": _op({"$ref": "#/x"})}},
    "components": {
        "schemas": {
            "A": {"type": "object", "properties": {"b": _ref("B")}},
            "B": {"type": "object", "properties": {"n": {"type": "integer"}}},
            "C": {"type": "string"},
        }
    },
}


def _ops(spec: dict[str, Any], path: str) -> dict[str, Any]:
    return dict(spec["paths"][path]["get"])


def test_a_change_two_references_away_keeps_the_operation() -> None:
    new = copy.deepcopy(SPEC)
    new["components"]["schemas"]["B"]["properties"]["n"]["type"] = "string"
    unchanged = Unchanged(SPEC, new)
    assert not unchanged.operation(_ops(SPEC, "/a"), _ops(new, "/a"))  # A → B changed
    assert unchanged.operation(_ops(SPEC, "/c"), _ops(new, "/c"))  # C did not
    assert not unchanged.at("/components/schemas/A") and unchanged.at("/components/schemas/C")


def test_an_edited_operation_a_foreign_reference_and_a_root_security_change_are_never_skipped() -> None:
    new = copy.deepcopy(SPEC)
    new["paths"]["/c"]["get"]["deprecated"] = True
    unchanged = Unchanged(SPEC, new)
    assert not unchanged.operation(_ops(SPEC, "/c"), _ops(new, "/c"))
    assert not unchanged.operation(_ops(SPEC, "/x"), _ops(new, "/x"))  # "#/x" is not a component: not followed
    assert unchanged.operation(_ops(SPEC, "/a"), _ops(new, "/a"))
    secured = {**copy.deepcopy(SPEC), "security": [{"key": []}]}
    assert not Unchanged(SPEC, secured).operation(_ops(SPEC, "/a"), _ops(secured, "/a"))


def test_a_component_that_refers_outside_the_components_counts_as_changed() -> None:
    spec = copy.deepcopy(SPEC)
    spec["components"]["schemas"]["C"] = {"type": "object", "properties": {"p": {"$ref": "other.yaml#/P"}}}
    unchanged = Unchanged(spec, copy.deepcopy(spec))
    assert not unchanged.operation(_ops(spec, "/c"), _ops(spec, "/c"))
    assert unchanged.operation(_ops(spec, "/a"), _ops(spec, "/a"))
