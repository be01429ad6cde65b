"""The ZSDK_MAX_* limits, and the load-time measures held against them."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from typing import Any

import pytest

from zsdk_generator.diagnostics import SpecError
from zsdk_generator.spec import validate
from zsdk_generator.spec.bounds import LongInteger, check_tree, count_values, integer
from zsdk_generator.spec.limits import Limits
from zsdk_generator.spec.surrogates import may_have_surrogates, replace_surrogates
from zsdk_generator.spec.validate import spec_validator_findings
from zsdk_generator.spec.yaml12 import load_yaml, parse_yaml


def test_defaults_without_the_variables() -> None:
    assert Limits.from_environment({}) == Limits(64 * 1024 * 1024, 2_000_000, 10_000, 128, 120)


def test_each_variable_sets_its_limit() -> None:
    limits = Limits.from_environment(
        {
            "ZSDK_MAX_DOCUMENT_BYTES": "1000",
            "ZSDK_MAX_NODES": " 2_000 ",
            "ZSDK_MAX_YAML_ALIASES": "3",
            "ZSDK_MAX_DEPTH": "40",
            "ZSDK_MAX_VALIDATOR_SECONDS": "5",
            "ZSDK_UNRELATED": "x",
        }
    )
    assert limits == Limits(1000, 2000, 3, 40, 5)


@pytest.mark.parametrize("value", ["0", "-5", "lots", "1e6", "2.5", "１２", "9" * 5000])
def test_a_bad_value_names_the_variable(value: str) -> None:
    with pytest.raises(SpecError) as caught:
        Limits.from_environment({"ZSDK_MAX_DEPTH": value})
    found = caught.value.diagnostic
    assert found.file == "ZSDK_MAX_DEPTH" and found.pointer is None
    assert found.format().startswith("ZSDK_MAX_DEPTH: error: must be a whole number of at least 1, not ")
    assert found.message.endswith("(the default is 128)")


@pytest.mark.parametrize("may_share", [False, True])
def test_tree_values_and_depth(may_share: bool) -> None:
    data = {"a": [1, 2, {"b": None}], "c": "d"}  # values: a, c, 1, 2, {}, b
    check_tree(data, Limits(max_nodes=6, max_depth=3), may_share)
    with pytest.raises(SpecError, match="more than 5 values"):
        check_tree(data, Limits(max_nodes=5), may_share)
    with pytest.raises(SpecError) as caught:
        check_tree(data, Limits(max_depth=2), may_share)
    assert caught.value.diagnostic.pointer == "/a/2"


def _check_yaml(text: str, limits: Limits) -> None:
    data: Any = load_yaml(text)
    check_tree(data, limits, may_share=True)


def test_yaml_aliases_count_as_full_copies() -> None:
    text = "a: &x [1, 2, 3]\nb: [*x, *x, *x]\n"  # a and b, a's 3 items, b's 3 items of 3
    _check_yaml(text, Limits(max_nodes=17, max_yaml_aliases=3))
    with pytest.raises(SpecError, match="more than 16 values once its YAML aliases are expanded"):
        _check_yaml(text, Limits(max_nodes=16))
    with pytest.raises(SpecError, match="more than 2 YAML alias uses") as caught:
        _check_yaml(text, Limits(max_yaml_aliases=2))
    assert caught.value.diagnostic.pointer == "/b/2"  # the third use of the anchor (defined at /a)


def test_yaml_alias_depth_counts_the_aliased_levels() -> None:
    text = "deep: &d [[[[x]]]]\nshallow: {a: {b: *d}}\n"  # /shallow/a/b + four levels
    _check_yaml(text, Limits(max_depth=7))
    with pytest.raises(SpecError, match="nested more than 6 levels deep once its YAML aliases are expanded"):
        _check_yaml(text, Limits(max_depth=6))


def test_a_recursive_alias_is_an_error() -> None:
    with pytest.raises(SpecError, match="refers to a node that contains it") as caught:
        _check_yaml("a: &a {b: [1, *a]}\n", Limits())
    assert caught.value.diagnostic.pointer == "/a/b/1"


def test_count_values_expands_shared_nodes_once_each() -> None:
    leaf = [1, 2]
    middle = {"x": leaf, "y": leaf}  # 2 + 2 × 2
    assert count_values({"m": middle, "n": middle}) == 2 + 2 * 6


def test_long_integers_become_markers_in_every_base() -> None:
    assert integer("12") == 12 and integer("-7") == -7 and integer("ff", 16) == 255
    assert isinstance(integer("9" * 4301), LongInteger)
    assert isinstance(integer("f" * 4000, 16), LongInteger)  # its decimal spelling would pass the limit
    loaded = parse_yaml("a: " + "1" * 5000 + "\nb: 0o17\n")
    assert loaded.long_integers and isinstance(loaded.data["a"], LongInteger) and loaded.data["b"] == 15


def test_lone_surrogates_are_replaced_in_values_and_keys() -> None:
    data = {"a": ["ok \U0001f600", "bad \ud800"], "k\udfff": {"x": "\udc00"}}  # JSON decodes a pair to one
    warning = replace_surrogates(data)
    assert data == {"a": ["ok \U0001f600", "bad \ufffd"], "k\ufffd": {"x": "\ufffd"}}
    assert warning is not None and warning.severity == "warning" and "and in 2 more strings" in warning.message
    assert replace_surrogates({"a": "fine"}) is None
    assert may_have_surrogates('{"a": "\\uD800"}') and not may_have_surrogates('{"a": "\\u00e9"}')


def test_openapi_spec_validator_stops_at_its_time_limit() -> None:
    schemas: dict[str, Any] = {
        f"S{i}": {"allOf": [{"$ref": f"#/components/schemas/S{i + 1}"}] * 6} for i in range(12)
    }  # it resolves 6^12 references
    schemas["S12"] = {"type": "object"}
    data = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}, "components": {"schemas": schemas}}
    start = time.perf_counter()
    found = spec_validator_findings(data, seconds=1)
    assert time.perf_counter() - start < 10
    assert [d.message for d in found] == [
        "openapi-spec-validator stopped after 1 s (the limit is set by ZSDK_MAX_VALIDATOR_SECONDS); "
        "its findings are incomplete"
    ]


class _DeafValidator:
    """Swallows the first ring, as a `__del__` running when it comes does; gives up by itself after 10 s."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.swallowed = 0

    def iter_errors(self) -> Iterator[str]:
        give_up = time.monotonic() + 10
        while time.monotonic() < give_up:
            try:
                time.sleep(0.01)
            except BaseException:
                self.swallowed += 1
                if self.swallowed > 1:
                    raise
        yield "never stopped"


def test_a_swallowed_ring_rings_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(validate, "_validator_class", lambda data: _DeafValidator)
    start = time.perf_counter()
    found = spec_validator_findings({"openapi": "3.1.0"}, seconds=1)
    assert time.perf_counter() - start < 5
    assert [d.message for d in found] == [
        "openapi-spec-validator stopped after 1 s (the limit is set by ZSDK_MAX_VALIDATOR_SECONDS); "
        "its findings are incomplete"
    ]
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # no ring left behind
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL
