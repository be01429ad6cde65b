"""Schemas that are only each other are errors naming the cycle; recursion through a field or items is not."""

from __future__ import annotations

from typing import Any

import pytest

from zsdk_generator.spec.cycles import alias_cycles

REF = {"A": {"$ref": "#/components/schemas/A"}, "B": {"$ref": "#/components/schemas/B"}}


def _cycles(schemas: dict[str, Any]) -> list[tuple[str | None, str]]:
    return [(d.pointer, d.message.split(": ", 1)[1]) for d in alias_cycles({"components": {"schemas": schemas}})]


@pytest.mark.parametrize(
    ("schemas", "found"),
    [
        ({"A": REF["A"]}, [("/components/schemas/A/$ref", "A → A")]),
        ({"A": REF["B"], "B": REF["A"]}, [("/components/schemas/B/$ref", "A → B → A")]),
        ({"A": {"oneOf": [REF["A"], {"type": "string"}]}}, [("/components/schemas/A/oneOf/0/$ref", "A → A")]),
        (
            {"A": {"anyOf": [REF["B"], {"type": "null"}]}, "B": {"allOf": [REF["A"]]}},
            [("/components/schemas/B/allOf/0/$ref", "A → B → A")],
        ),
        (
            {"A": {"anyOf": [{"oneOf": [REF["A"], {"type": "integer"}]}, {"type": "string"}]}},
            [("/components/schemas/A/anyOf/0/oneOf/0/$ref", "A → A")],
        ),
        (
            {"A": {"$ref": "#/components/schemas/X/properties/p"}, "X": {"properties": {"p": REF["A"]}}},
            [("/components/schemas/X/properties/p/$ref", "A → #/components/schemas/X/properties/p → A")],
        ),
    ],
)
def test_cycles_of_direct_references_are_errors(schemas: dict[str, Any], found: list[tuple[str, str]]) -> None:
    assert _cycles(schemas) == found


@pytest.mark.parametrize(
    "schemas",
    [
        {"Node": {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/Node"}}}},
        {"List": {"type": "array", "items": {"$ref": "#/components/schemas/List"}}},
        {"Map": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/Map"}}},
        {"Tree": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"$ref": "#/components/schemas/Tree"}}]}},
        {"A": {"anyOf": [REF["B"], {"type": "null"}]}, "B": {"type": "object", "properties": {"a": REF["A"]}}},
        {
            "A": {"allOf": [REF["B"], {"properties": {"x": {"type": "string"}}}]},
            "B": {"oneOf": [REF["A"], {"type": "integer"}], "properties": {"y": {}}},
        },
        # pure allOf cycles are the cyclic-allOf check's to report
        {"A": {"allOf": [REF["B"]]}, "B": {"allOf": [REF["A"]]}},
    ],
)
def test_recursion_through_an_object_or_a_container_is_legal(schemas: dict[str, Any]) -> None:
    assert _cycles(schemas) == []
