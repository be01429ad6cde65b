"""`diff OLD NEW`: each kind of change found and classified, located in both documents, named in each SDK's
surface; the formats, the semantic-version bump and the exit codes."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import FIXTURES, SPECS, run_cli
from zsdk_generator import pipeline
from zsdk_generator.config import Config
from zsdk_generator.generate import render_language
from zsdk_generator.specdiff.report import diff_specs

PETSTORE: dict[str, Any] = yaml.safe_load((SPECS / "petstore.yaml").read_text())
Edit = Callable[[dict[str, Any]], None]


def _pair(tmp_path: Path, edit: Edit, before: Edit = lambda d: None) -> tuple[str, str]:
    """The petstore spec as `before` leaves it, and then changed by `edit`."""
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    original = copy.deepcopy(PETSTORE)
    before(original)
    changed = copy.deepcopy(original)
    edit(changed)
    old.write_text(yaml.safe_dump(original, sort_keys=False))
    new.write_text(yaml.safe_dump(changed, sort_keys=False))
    return str(old), str(new)


def _schemas(d: dict[str, Any]) -> dict[str, Any]:
    return d["components"]["schemas"]


def _list_pets(d: dict[str, Any]) -> dict[str, Any]:
    return d["paths"]["/pets"]["get"]


def _remove_operation(d: dict[str, Any]) -> None:
    del d["paths"]["/users/{username}"]["delete"]


def _param_required(d: dict[str, Any]) -> None:
    _list_pets(d)["parameters"][2]["required"] = True


def _required_param_added(d: dict[str, Any]) -> None:
    _list_pets(d)["parameters"].append({"name": "owner", "in": "query", "required": True, "schema": {"type": "string"}})


def _optional_param_added(d: dict[str, Any]) -> None:
    _list_pets(d)["parameters"].append({"name": "owner", "in": "query", "schema": {"type": "string"}})


def _narrowed(d: dict[str, Any]) -> None:
    _schemas(d)["NewPet"]["properties"]["name"]["maxLength"] = 32


def _request_property_required(d: dict[str, Any]) -> None:
    _schemas(d)["NewPet"]["required"].append("tag")


def _request_type_changed(d: dict[str, Any]) -> None:
    _schemas(d)["NewPet"]["properties"]["name"]["type"] = "integer"


def _pattern_added(d: dict[str, Any]) -> None:
    _schemas(d)["NewPet"]["properties"]["name"]["pattern"] = "^[a-z]+$"


def _enum_value_removed(d: dict[str, Any]) -> None:
    _schemas(d)["PetStatus"]["enum"].remove("sold")


def _response_property_removed(d: dict[str, Any]) -> None:
    del _schemas(d)["PetImage"]["properties"][next(iter(_schemas(d)["PetImage"]["properties"]))]


def _server_changed(d: dict[str, Any]) -> None:
    d["servers"][0]["url"] = "https://api.example.org/v2"


def _security_changed(d: dict[str, Any]) -> None:
    _list_pets(d)["security"] = [{"nowhere": []}]


def _operation_added(d: dict[str, Any]) -> None:
    d["paths"]["/toys"] = {"get": {"operationId": "listToys", "responses": {"204": {"description": "none"}}}}


def _model_renamed(d: dict[str, Any]) -> None:
    text = json.dumps(d).replace('"#/components/schemas/PetImage"', '"#/components/schemas/Picture"')
    d.clear()
    d.update(json.loads(text))
    _schemas(d)["Picture"] = _schemas(d).pop("PetImage")


def _const_added(d: dict[str, Any]) -> None:
    _schemas(d)["NewPet"]["properties"]["tag"]["const"] = "tabby"


def _response_bound_widened(d: dict[str, Any]) -> None:
    _schemas(d)["Cat"]["allOf"][1]["properties"]["lives_left"]["maximum"] = 99


def _response_variant_added(d: dict[str, Any]) -> None:
    _schemas(d)["Pet"]["oneOf"].append({"$ref": "#/components/schemas/PetImage"})


def _response_became_nullable(d: dict[str, Any]) -> None:
    _schemas(d)["PetImage"]["properties"]["url"] = {"oneOf": [{"type": "null"}, {"type": "string"}]}


def _response_enum_dropped(d: dict[str, Any]) -> None:
    del _schemas(d)["OrderStatus"]["enum"]


def _extensible_enum(d: dict[str, Any]) -> None:
    _schemas(d)["NewPet"]["properties"]["tag"]["x-extensible-enum"] = ["tabby", "calico"]


def _extensible_enum_value_removed(d: dict[str, Any]) -> None:
    _schemas(d)["NewPet"]["properties"]["tag"]["x-extensible-enum"] = ["tabby"]


def _anonymous_access_removed(d: dict[str, Any]) -> None:
    _list_pets(d)["security"] = [{"apiKeyAuth": []}]


def _anonymous_before(d: dict[str, Any]) -> None:
    _list_pets(d)["security"] = [{}]


def _request_body_removed(d: dict[str, Any]) -> None:
    del d["paths"]["/pets"]["post"]["requestBody"]


def _tuple_property(d: dict[str, Any]) -> None:
    d["openapi"] = "3.1.0"
    _schemas(d)["NewPet"]["properties"]["tags"] = {"type": "array", "prefixItems": [{"type": "string"}]}


def _items_became_false(d: dict[str, Any]) -> None:
    _schemas(d)["NewPet"]["properties"]["tags"]["items"] = False


def _all_of_part_added(d: dict[str, Any]) -> None:
    _schemas(d)["NewPet"] = {"allOf": [copy.deepcopy(_schemas(d)["NewPet"]), {"minProperties": 2}]}


def _became_union(d: dict[str, Any]) -> None:
    pet = d["paths"]["/pets"]["post"]["requestBody"]["content"]["application/json"]
    pet["schema"] = {"oneOf": [{"$ref": "#/components/schemas/NewPet"}, {"$ref": "#/components/schemas/NewUser"}]}


def _webhook_removed(d: dict[str, Any]) -> None:
    del d["webhooks"]


def _webhook_before(d: dict[str, Any]) -> None:
    d["openapi"] = "3.1.0"
    d["webhooks"] = {"petAdopted": {"post": {"requestBody": {"content": {"application/json": {"schema": {
        "$ref": "#/components/schemas/PetImage"}}}}, "responses": {"200": {"description": "received"}}}}}  # fmt: skip


CASES: list[tuple[str, Edit, str, str]] = [
    ("operation removed", _remove_operation, "breaking", "operation-removed"),
    ("operation added", _operation_added, "compatible", "operation-added"),
    ("parameter became required", _param_required, "breaking", "request-parameter-became-required"),
    ("required parameter added", _required_param_added, "breaking", "request-required-parameter-added"),
    ("optional parameter added", _optional_param_added, "compatible", "request-parameter-added"),
    ("request maxLength narrowed", _narrowed, "breaking", "request-max-length-changed"),
    ("request property became required", _request_property_required, "breaking", "request-property-became-required"),
    ("request type changed", _request_type_changed, "breaking", "request-type-changed"),
    ("request pattern added", _pattern_added, "breaking", "request-pattern-changed"),
    ("request enum value removed", _enum_value_removed, "breaking", "request-enum-value-removed"),
    ("response property removed", _response_property_removed, "breaking", "response-property-removed"),
    ("default server changed", _server_changed, "potential", "default-server-changed"),
    ("security requirement changed", _security_changed, "breaking", "security-requirement-removed"),
    ("schema renamed", _model_renamed, "breaking", "sdk-model-renamed"),
    ("request const added", _const_added, "breaking", "request-const-added"),
    ("response maximum widened", _response_bound_widened, "breaking", "response-maximum-changed"),
    ("response variant added", _response_variant_added, "breaking", "response-variant-added"),
    ("response property became nullable", _response_became_nullable, "breaking", "response-nullable-changed"),
    ("response enum dropped", _response_enum_dropped, "breaking", "response-enum-removed"),
    ("request body removed", _request_body_removed, "breaking", "request-body-removed"),
    ("request allOf part added", _all_of_part_added, "breaking", "request-all-of-added"),
    ("request body became a union", _became_union, "breaking", "request-union-changed"),
]
# Changes to a spec first made to have what they change: (label, edit before, edit, level, code).
SET_UP_CASES: list[tuple[str, Edit, Edit, str, str]] = [
    ("x-extensible-enum value removed", _extensible_enum, _extensible_enum_value_removed, "breaking",
     "request-x-extensible-enum-value-removed"),
    ("anonymous access removed", _anonymous_before, _anonymous_access_removed, "breaking",
     "security-requirement-removed"),
    ("request items became false", _tuple_property, _items_became_false, "breaking", "request-schema-became-false"),
    ("webhook removed", _webhook_before, _webhook_removed, "breaking", "operation-removed"),
]  # fmt: skip
ALL_CASES = [(label, lambda d: None, edit, level, code) for label, edit, level, code in CASES] + SET_UP_CASES


@pytest.mark.parametrize(("label", "before", "edit", "level", "code"), ALL_CASES, ids=[c[0] for c in ALL_CASES])
def test_each_kind_of_change_is_found_and_classified(
    label: str, before: Edit, edit: Edit, level: str, code: str, tmp_path: Path
) -> None:
    old, new = _pair(tmp_path, edit, before)
    changes = diff_specs(old, new).changes
    found = [c for c in changes if c.code == code]
    assert found, f"{label}: no {code} among {[(c.level, c.code, c.message) for c in changes]}"
    assert found[0].level == level, found[0]
    place = found[0].new or found[0].old
    assert place is not None and place.line >= 1 and place.file.endswith(".yaml")


def test_no_changes(tmp_path: Path) -> None:
    old, new = _pair(tmp_path, lambda d: None)
    report = diff_specs(old, new)
    assert report.changes == [] and report.bump == "none"
    result = run_cli("diff", old, new)
    assert result.returncode == 0
    assert result.stdout.endswith("0 changes: 0 breaking, 0 potentially breaking, 0 compatible; "
                                  "semantic version bump: none\n")  # fmt: skip


def test_text_names_both_places_and_every_language(tmp_path: Path) -> None:
    old, new = _pair(tmp_path, _param_required)
    result = run_cli("diff", old, new)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "breaking: GET /pets: query parameter status became required" in lines
    at = lines[lines.index("breaking: GET /pets: query parameter status became required") + 1]
    assert at.startswith(f"    at {new}:") and f" ← {old}:" in at and "/paths/~1pets/get/parameters/2" in at
    for surface in ["python: client.pets.list(status)", "typescript: client.pets.list(status)",
                    "go: client.Pets.List(Status)", "rust: client.pets().list(status)",
                    "java: client.pets().list(status)", "php: $client->pets->list(status)"]:  # fmt: skip
        assert f"    {surface}" in lines
    assert lines[-1].endswith("semantic version bump: major")


def test_a_model_change_names_the_model_member(tmp_path: Path) -> None:
    old, new = _pair(tmp_path, _narrowed)
    (change,) = [c for c in diff_specs(old, new).changes if c.code == "request-max-length-changed"]
    assert change.surface["python"] == "NewPet.name" and change.surface["go"] == "NewPet.Name"
    assert change.surface["java"] == "NewPet.name()" and change.surface["php"] == "NewPet::$name"


def _reserved_names(d: dict[str, Any]) -> None:
    _list_pets(d)["parameters"].append({"name": "page_size", "in": "query", "schema": {"type": "integer"}})
    _schemas(d)["NewPet"]["properties"]["type"] = {"type": "string"}


def _reserved_names_changed(d: dict[str, Any]) -> None:
    _list_pets(d)["parameters"][-1]["required"] = True
    _schemas(d)["NewPet"]["properties"]["type"]["maxLength"] = 8


def test_surface_names_are_the_ones_each_sdk_spells(tmp_path: Path) -> None:
    """Keyword escapes and each SDK's own conventions: Python's `type_`, Rust's `r#type`, TypeScript's wire-named
    params object; every name shown is found in that language's generated SDK."""
    old, new = _pair(tmp_path, _reserved_names_changed, _reserved_names)
    changes = diff_specs(old, new).changes
    (param,) = [c for c in changes if c.code == "request-parameter-became-required"]
    (field,) = [c for c in changes if c.code == "request-max-length-changed"]
    expected_params = {"python": "page_size", "typescript": "page_size", "go": "PageSize", "rust": "page_size",
                       "java": "pageSize", "php": "pageSize"}  # fmt: skip
    expected_fields = {"python": "NewPet.type_", "typescript": "NewPet.type", "go": "NewPet.Type",
                       "rust": "NewPet.r#type", "java": "NewPet.type()", "php": "NewPet::$type"}  # fmt: skip
    assert {lang: text.rsplit("(", 1)[1].rstrip(")") for lang, text in param.surface.items()} == expected_params
    assert field.surface == expected_fields
    result = pipeline.run(new)
    assert result.api is not None
    for language in expected_params:
        sdk = "\n".join(render_language(result.api, language, Config()).values())
        member = expected_fields[language].split(".", 1)[-1].split("::", 1)[-1].removesuffix("()")
        for name in (expected_params[language], member):
            assert re.search(rf"(?<!\w){re.escape(name)}\b", sdk), f"{language}: {name} is not in the SDK"


def test_json_and_markdown(tmp_path: Path) -> None:
    old, new = _pair(tmp_path, lambda d: (_remove_operation(d), _operation_added(d)))
    data = json.loads(run_cli("diff", old, new, "--format", "json", "--lang", "go").stdout)
    assert data["bump"] == "major" and data["counts"] == {"breaking": 1, "potential": 0, "compatible": 1}
    removed = next(c for c in data["changes"] if c["code"] == "operation-removed")
    assert removed["old"]["pointer"] == "/paths/~1users~1{username}/delete" and removed["new"] is None
    assert removed["surface"] == {"go": "client.Users.Delete() removed"}
    markdown = run_cli("diff", old, new, "--format", "markdown", "--lang", "python").stdout
    assert markdown.startswith("## API changes (major version)\n\n### Breaking changes\n\n- DELETE /users/{username}")
    assert "### Compatible changes" in markdown and "  - python: `client.users.delete() removed`" in markdown


@pytest.mark.parametrize(
    ("edit", "fail_on", "code"),
    [
        (_param_required, "none", 0),
        (_param_required, "breaking", 1),
        (_server_changed, "breaking", 0),
        (_server_changed, "potential", 1),
        (_optional_param_added, "potential", 0),
    ],
)
def test_fail_on(edit: Edit, fail_on: str, code: int, tmp_path: Path) -> None:
    old, new = _pair(tmp_path, edit)
    assert run_cli("diff", old, new, "--fail-on", fail_on).returncode == code


def test_bad_input_is_one_located_error(tmp_path: Path) -> None:
    old, _ = _pair(tmp_path, lambda d: None)
    missing = run_cli("diff", old, str(tmp_path / "none.yaml"))
    assert missing.returncode == 2 and missing.stderr.endswith("none.yaml: file not found\n")
    broken = run_cli("diff", old, str(FIXTURES / "bad" / "dangling-ref.yaml"))
    assert broken.returncode == 1 and "dangling-ref.yaml:" in broken.stderr and ": error: " in broken.stderr
    assert "Traceback" not in broken.stderr + missing.stderr
    unknown = run_cli("diff", old, old, "--lang", "cobol")
    assert unknown.returncode == 2 and "unknown language 'cobol'" in unknown.stderr


@pytest.mark.parametrize("name", ["petstore", "vibedasher", "vibecaas", "vibefollow", "zatabase", "edge-cases"])
def test_a_spec_has_no_changes_from_itself(name: str) -> None:
    spec = str(SPECS / f"{name}.yaml")
    assert [c.message for c in diff_specs(spec, spec).changes] == []
