"""plan/arguments.py: which bodies the flat argument style spreads among the named values, for every language."""

from __future__ import annotations

import pytest

from tests.unit.test_plan import _plan_of, _spec
from zsdk_generator.config import Config
from zsdk_generator.diagnostics import SpecError
from zsdk_generator.plan.arguments import FlatArguments, flat_arguments
from zsdk_generator.plan.model import SdkPlan


def _layouts(plan: SdkPlan) -> dict[str, FlatArguments]:
    models = {m.name: m for m in plan.models}
    return {c.key: flat_arguments(c, models, "/x/arguments") for c in plan.all_calls()}


def test_object_bodies_are_spread_and_free_form_ones_when_nothing_else_is_named() -> None:
    layouts = _layouts(_plan_of(_spec("zatabase"), Config(), "operation_id"))
    assert layouts["executeSql"] == FlatArguments(spread=True, required_fields=True)
    assert layouts["invokeFunction"] == FlatArguments(spread=True, required_fields=False)  # a map body
    assert layouts["getJob"] == FlatArguments(spread=False, required_fields=False)  # no body


def test_a_body_field_named_like_a_parameter_keeps_the_body_whole() -> None:
    spec = _spec("petstore")
    operation = spec["paths"]["/pets"]["post"]
    assert _layouts(_plan_of(spec))[operation["operationId"]].spread
    operation["parameters"] = [{"name": "name", "in": "query", "schema": {"type": "string"}}]  # NewPet has `name`
    layouts = _layouts(_plan_of(spec))
    assert layouts[operation["operationId"]] == FlatArguments(spread=False, required_fields=False)


def test_two_parameters_under_one_wire_name_are_an_error_at_the_pointer() -> None:
    spec = _spec("petstore")
    operation = spec["paths"]["/pets"]["get"]
    operation["parameters"] = [
        {"name": "id", "in": "query", "schema": {"type": "string"}},
        {"name": "id", "in": "header", "schema": {"type": "string"}},
    ]
    with pytest.raises(SpecError) as raised:
        _layouts(_plan_of(spec))
    assert raised.value.diagnostic.pointer == "/x/arguments"
    assert "two parameters are sent as 'id'" in raised.value.diagnostic.message
