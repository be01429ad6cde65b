"""Work that grows faster than the document, found by hostile specs: each is linear (or near it) now.

Every input here is large enough that the old quadratic (or exponential) version took minutes, and small
enough that the linear one takes well under a second; the time bounds leave a wide margin for slow machines.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from zsdk_generator.ir.builder import _global_headers
from zsdk_generator.ir.model import Operation, Parameter, TypeRef
from zsdk_generator.ir.resources import build_tree, name_operations
from zsdk_generator.ir.schemas import SchemaConverter, _dedupe
from zsdk_generator.ir.shapes import Shapes
from zsdk_generator.pipeline import Result
from zsdk_generator.spec.pointer import get, split
from zsdk_generator.spec.positions import PositionIndex
from zsdk_generator.spec.sources import SourceFile, Sources


@contextmanager
def within(seconds: float) -> Iterator[None]:
    start = time.perf_counter()
    yield
    elapsed = time.perf_counter() - start
    assert elapsed < seconds, f"took {elapsed:.1f} s"


def test_unique_names_count_on_from_the_last_suffix() -> None:
    converter = SchemaConverter({}, [])
    with within(5):
        names = [converter.unique("Pet") for _ in range(50_000)]
    assert names[:3] == ["Pet", "Pet2", "Pet3"] and len(set(names)) == 50_000
    converter.taken.add("thing5")
    assert [converter.unique("Thing") for _ in range(6)] == ["Thing", "Thing2", "Thing3", "Thing4", "Thing6", "Thing7"]


def test_dedupe_is_linear_and_keeps_unhashable_literals() -> None:
    with within(5):
        values = _dedupe(tuple(f"v{i % 100_000}" for i in range(200_000)))
    assert len(values) == 100_000
    assert _dedupe((1, True, 1.0, [1], [1], {"a": 1}, 2)) == (1, [1], {"a": 1}, 2)


def test_flattening_visits_each_schema_once() -> None:
    schemas = {f"S{i}": {"allOf": [{"$ref": f"#/S{i + 1}"}] * 6} for i in range(9)}  # 6^9 paths to S9
    schemas["S9"] = {"properties": {"data": {"type": "array"}}}
    shapes = Shapes(lambda ref: get(schemas, split(ref)))
    with within(2):
        assert shapes.is_array(shapes.field_at(schemas["S0"], ("data",)))


def _op(i: int, path: str, headers: int = 0) -> Operation:
    params = tuple(Parameter(f"X-H{h}", "header", TypeRef("string"), False) for h in range(headers))
    return Operation(id="same", name="", http_method="GET", path=path, params=params, source=f"/paths/{i}")


def test_method_names_of_one_crowded_resource() -> None:
    ops: list[tuple[Operation, object]] = [(_op(i, f"/x/{{a{i}}}"), None) for i in range(20_000)]
    with within(10):
        named = name_operations(ops, ("x",), "crud", [True] * len(ops))
    assert [op.name for op in named[:3]] == ["same", "same_2", "same_3"]
    assert len({op.name for op in named}) == len(named)


def test_resource_tree_of_many_resources() -> None:
    groups = {(f"r{i}", "sub"): [_op(i, f"/r{i}")] for i in range(50_000)}
    with within(5):
        tree = build_tree(groups, {})
    assert len(tree) == 50_000 and tree[0].resources[0].name == "sub"


def test_global_headers_of_many_operations() -> None:
    ops = [_op(i, f"/p{i}", headers=500) for i in range(1_000)]
    with within(5):
        shared = _global_headers(ops)
    assert len(shared) == 500


def test_locating_many_findings() -> None:
    text = json.dumps({"paths": {f"/p{i}": {"get": {"x": i}} for i in range(20_000)}})
    index = PositionIndex(text, is_json=True)
    with within(5):
        found = [index.locate(("paths", f"/p{i}", "get", "x")) for i in range(0, 20_000, 2)]
    assert found[0][2] == 4 and found[-1][2] == 4
    assert text[found[-1][1] - 1 :].startswith("19998}")

    source = SourceFile("s.json", "/s.json", text, True)
    sources = Sources(source)
    for i in range(50_000):
        sources.map(("components", "responses", str(i)), source, ("responses", str(i)))
    with within(5):
        for i in range(0, 50_000, 5):
            assert sources.origin(("components", "responses", str(i), "content"))[1] == ("responses", str(i), "content")


def test_many_duplicate_operation_ids_and_base_discriminators(
    run_spec: Callable[..., Result], doc: Callable[..., dict[str, Any]], tmp_path: Path
) -> None:
    paths = {
        f"/p{i}": {"get": {"operationId": "same", "responses": {"200": {"description": "ok"}}}} for i in range(8_000)
    }
    base = {"type": "object", "discriminator": {"propertyName": "kind"}, "properties": {"kind": {"type": "string"}}}
    schemas = {f"B{i}": base for i in range(3_000)}
    with within(30):
        result = run_spec(doc(paths, schemas), fmt="json")
    assert result.api is not None and not result.errors
    assert {op.id for op in result.api.all_operations()} >= {"same", "same_2", "same_8000"}


def test_findings_are_listed_in_part_and_path_parameters_once_per_operation(
    run_spec: Callable[..., Result], doc: Callable[..., dict[str, Any]]
) -> None:
    long_path = "/" + "/".join(f"{{p{i}}}" for i in range(3_000))
    paths = {long_path: {"get": {"responses": {"200": {"description": "ok"}}}}}
    paths.update({f"/a{i}/{{x}}": {"get": {"responses": {"200": {"description": "ok"}}}} for i in range(1_500)})
    with within(30):
        result = run_spec(doc(paths), fmt="json")
    assert result.api is not None
    assert len(result.diagnostics) == 1001
    summary = [d for d in result.diagnostics if d.pointer is None]
    assert [d.message for d in summary] == [
        "0 more errors and 501 more warnings are not listed (the first 1000 findings are)"
    ]
    long_one = [d for d in result.diagnostics if "{p0}" in d.message]
    assert len(long_one) == 1 and "{p9} and 2990 more are not declared" in long_one[0].message
    assert len(long_one[0].format()) < 1000
