"""Loading: YAML 1.2 scalars, multi-file bundling, refs that are data, positions."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES, shared_spec
from zsdk_generator.diagnostics import Diagnostic, SpecError
from zsdk_generator.spec.load import load_document
from zsdk_generator.spec.pointer import get, split
from zsdk_generator.spec.refs import iter_refs
from zsdk_generator.spec.yaml12 import load_yaml


def test_yaml_12_core_scalars() -> None:
    data = load_yaml("a: =\nb: on\nc: no\nd: 012\ne: 2020-01-01\nf: 0x1F\ng: 1e3\nh: ~\ni: True\n200: ok\n")
    assert data == {"a": "=", "b": "on", "c": "no", "d": 12, "e": "2020-01-01", "f": 31, "g": 1000.0,
                    "h": None, "i": True, "200": "ok"}  # fmt: skip


def test_jira_unquoted_equals_enum_is_the_string() -> None:
    document = load_document(str(shared_spec("real/jira.yaml")))
    found = []
    stack = [document.data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("enum"), list) and "=" in node["enum"]:
                found.append(node["enum"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    assert found, "the `=` enum value was not read as the string '='"


def test_hey_api_two_file_document_is_bundled() -> None:
    document = load_document(str(shared_spec("peer-tests/hey-api-3.1.x/full.yaml")))
    refs = [ref for _, ref in iter_refs(document.data)]
    assert refs and all(ref.startswith("#") for ref in refs)
    schemas = document.data["components"]["schemas"]
    assert schemas["ExternalSharedModel"]["required"] == ["id"]
    for ref in refs:
        get(document.data, split(ref))  # every reference resolves inside the bundle


def test_multifile_bundle_whole_file_components_and_recursion() -> None:
    document = load_document(str(FIXTURES / "multifile" / "root.yaml"))
    data = document.data
    schemas = data["components"]["schemas"]
    items = data["paths"]["/pets"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["items"]
    assert items == {"$ref": "#/components/schemas/pet"}
    assert schemas["pet"]["properties"]["children"]["items"] == {"$ref": "#/components/schemas/pet"}  # self-reference
    assert schemas["pet"]["properties"]["owner"] == {"$ref": "#/components/schemas/Owner"}
    assert schemas["NewPet"]["properties"]["owner"] == {"$ref": "#/components/schemas/Owner"}
    post = data["paths"]["/pets"]["post"]
    assert post["parameters"] == [{"$ref": "#/components/parameters/Trace"}]
    assert data["components"]["parameters"]["Trace"]["name"] == "X-Trace"


def test_refs_in_extensions_and_examples_are_data() -> None:
    document = load_document(str(FIXTURES / "multifile" / "root.yaml"))
    op = document.data["paths"]["/pets"]["get"]
    assert op["x-policy"] == {"$ref": "../nowhere/policies.yaml"}
    example = op["responses"]["200"]["content"]["application/json"]["example"]
    assert example == [{"$ref": "not-a-reference"}]


def test_spotify_dangling_ref_inside_extension_loads() -> None:
    document = load_document(str(shared_spec("real/spotify-web-api.yml")))
    assert document.data["paths"]


def test_github_example_ref_keys_are_not_references() -> None:
    document = load_document(str(shared_spec("real/github-api.github.com-2022-07.json")))
    assert all(ref.startswith("#/") for _, ref in iter_refs(document.data))


def test_positions_point_into_the_bundled_file() -> None:
    document = load_document(str(FIXTURES / "multifile" / "root.yaml"))
    where = document.sources.locate(Diagnostic("warning", "x", "/components/schemas/Owner/properties/badge"))
    assert where.file.endswith("common.yaml")
    assert where.line == 17
    assert where.pointer == "/components/schemas/Owner/properties/badge"


def test_positions_in_json_use_the_pointer_path() -> None:
    path = shared_spec("real/stripe-2022-04.json")
    document = load_document(str(path))
    where = document.sources.locate(Diagnostic("warning", "x", "/paths/~1v1~1customers/get"))
    lines = Path(path).read_text().splitlines()
    assert lines[where.line - 1].strip().startswith("{") or '"get"' in lines[where.line - 1]
    assert '"/v1/customers": {' in "".join(lines[where.line - 3 : where.line])


def test_remote_ref_is_a_located_error() -> None:
    with pytest.raises(SpecError) as info:
        load_document(str(FIXTURES / "bad" / "remote-ref.yaml"))
    diagnostic = info.value.diagnostic
    assert diagnostic.line == 12 and "remote $ref" in diagnostic.message


def test_recursive_component_schemas_load_and_build() -> None:
    from zsdk_generator.pipeline import run

    result = run(str(shared_spec("peer-tests/hey-api__3.0.x-circular.yaml")))
    assert result.api is not None and not result.errors
