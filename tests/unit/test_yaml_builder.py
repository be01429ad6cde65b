"""spec.yaml12's fast builder gives exactly what PyYAML's constructors give from the same nodes: aliases as the
same object, merge keys, tags, non-string keys, and the same error for an unhashable key."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from zsdk_generator.spec.yaml12 import Yaml12Loader, parse_yaml

DOCUMENTS = {
    "plain": "a: 1\nb: [x, 2.5, true, ~, '']\nc: {d: e}\nempty:\n",
    "aliases": "base: &b {type: string}\nuse: *b\nlist: &l [1, 2]\nagain: *l\n",
    "merge keys": "base: &b {x: 1, y: 2}\nmerged:\n  <<: *b\n  y: 3\n",
    "keys that are not strings": "200: ok\ntrue: yes\n~: nothing\n1.5: half\n",
    "tags": "a: !!str 12\nb: !!int '7'\nc: !!float '1'\nd: !!set {x, y}\ne: !!omap [{a: 1}]\nf: !!binary aGk=\n",
    "YAML 1.1 words stay strings": "a: on\nb: no\nc: 012\nd: 2020-01-01\ne: =\n",
    "big integers": "a: 123456789012345678901234567890\nb: 0x1F\nc: 0o17\n",
    "a recursive alias": "a: &a\n  self: *a\n",
}


def _constructors(text: str) -> Any:
    loader = Yaml12Loader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


@pytest.mark.parametrize("text", DOCUMENTS.values(), ids=DOCUMENTS.keys())
def test_the_same_data_as_the_constructors(text: str) -> None:
    fast, slow = parse_yaml(text).data, _constructors(text)
    assert repr(fast) == repr(slow)
    assert [type(v) for v in fast.values()] == [type(v) for v in slow.values()]


def test_an_alias_is_the_same_object() -> None:
    data = parse_yaml(DOCUMENTS["aliases"]).data
    assert data["use"] is data["base"] and data["again"] is data["list"]
    recursive = parse_yaml(DOCUMENTS["a recursive alias"]).data
    assert recursive["a"]["self"] is recursive["a"]


def test_an_unhashable_key_is_the_same_located_error() -> None:
    with pytest.raises(yaml.constructor.ConstructorError) as fast:
        parse_yaml("a: 1\n? [x, y]\n: 2\n")
    with pytest.raises(yaml.constructor.ConstructorError) as slow:
        _constructors("a: 1\n? [x, y]\n: 2\n")
    assert fast.value.problem == slow.value.problem == "found unhashable key"
    assert fast.value.problem_mark is not None and fast.value.problem_mark.line == 1
