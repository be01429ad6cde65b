"""The Python target spells the plan: its public names stay when unrelated parts of the spec change, and its
templates — method bodies included — can be overridden with `--templates`."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT
from tests.hostile.languages import _python_identifiers
from zsdk_generator.config import Config, load_config
from zsdk_generator.generate import render_language
from zsdk_generator.ir.builder import build_api
from zsdk_generator.ir.model import Api
from zsdk_generator.ir.resources import MethodNames
from zsdk_generator.spec.load import Document
from zsdk_generator.spec.sources import SourceFile, Sources
from zsdk_generator.spec.upgrade import upgrade

SPECS = ROOT / "specs"


def _api(data: dict[str, Any], method_names: MethodNames = "crud") -> Api:
    document = Document(data, Sources(SourceFile("spec.yaml", "/spec.yaml", "", False)))
    upgrade(document)
    api, _ = build_api(document, method_names)
    return api


def _spec(name: str) -> tuple[dict[str, Any], Config]:
    data: dict[str, Any] = yaml.safe_load((SPECS / f"{name}.yaml").read_text(encoding="utf-8"))
    config = SPECS / f"{name}.zsdk.yaml"
    return data, load_config(str(config) if config.exists() else None)


def _public_names(files: dict[str, str], folder: Path) -> set[str]:
    """Every identifier of the SDK's code that does not start with `_`, read by Python's tokenizer."""
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return {found.rsplit(":", 1)[1] for found in _python_identifiers(folder) if found.rsplit(":", 1)[1][:1] != "_"}


@pytest.mark.parametrize("spec", ["petstore", "vibedasher", "zatabase", "edge-cases"])
def test_public_names_stay_when_an_unrelated_schema_and_operation_are_added(spec: str, tmp_path: Path) -> None:
    before, config = _spec(spec)
    after = copy.deepcopy(before)
    # Placed first, so anything named in visit order would see them before the rest; the new resource is named so
    # that its class (`AsyncPets` for `async pets`) is what the async twin of an existing one is called.
    tag = "async " + _api(before).resources[0].name
    after["components"]["schemas"] = {
        "Zebra": {"type": "object", "properties": {"list": {"type": "string"}, "stripes": {"type": "integer"}}},
        **after["components"].get("schemas", {}),
    }
    after["paths"] = {
        "/zebras/{zebra_id}": {
            "get": {"operationId": "getZebra", "tags": [tag],
                    "parameters": [{"name": "zebra_id", "in": "path", "required": True, "schema": {"type": "string"}},
                                   {"name": "type", "in": "query", "schema": {"type": "string"}}],
                    "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
                        "$ref": "#/components/schemas/Zebra"}}}}}}
        },
        **after["paths"],
    }  # fmt: skip
    # the spec's own method names (Zatabase's zsdk.yaml lifts every call onto the client: crud names would clash)
    first = _public_names(render_language(_api(before, config.method_names), "python", config), tmp_path / "before")
    second = _public_names(render_language(_api(after, config.method_names), "python", config), tmp_path / "after")
    assert {"Zebra", "get" if config.method_names == "crud" else "get_zebra", "zebra_id"} <= second
    assert not first - second, sorted(first - second)


def test_an_override_of_the_macros_changes_every_method_body(tmp_path: Path) -> None:
    """macros.jinja holds the method bodies: a copy that logs each call before it is made is used as it is."""
    original = (ROOT / "templates" / "python" / "macros.jinja").read_text(encoding="utf-8")
    marker = '        print("calling {{ method.name }}")\n'
    changed = original.replace("{% if method.cast_result %}\n        return cast(", "{% if method.cast_result %}\n"
                               + marker + "        return cast(").replace(
        "{% else %}\n        return {{ call }}", "{% else %}\n" + marker + "        return {{ call }}")  # fmt: skip
    assert changed.count(marker) == 2
    overrides = tmp_path / "templates"
    overrides.mkdir()
    (overrides / "macros.jinja").write_text(changed, encoding="utf-8")
    data, config = _spec("petstore")
    api = _api(data)
    stock = render_language(api, "python", config)["petstore/resources/pets.py"]
    files = render_language(api, "python", config, templates=overrides)
    pets = files["petstore/resources/pets.py"]
    assert 'print("calling list")' not in stock
    assert '    ) -> SyncPage[models.Pet]:\n        """' in pets
    assert pets.count('print("calling list")') == 2  # the sync and the async method
    assert '        print("calling delete")\n        return self._client.request(' in pets
