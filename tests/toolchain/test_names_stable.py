"""Adding a schema and an operation to a spec renames nothing already in an SDK: every public identifier of the
first SDK is still there, spelled the same (each public name comes from the thing's own plan or IR name, never
from the order the generator visited unrelated things in). Identifiers are listed by each language's own lexer
(tests/hostile/languages.py: Go's parser, proc-macro2 for Rust, javac's parser for Java, PHP's tokenizer)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import SPECS
from tests.hostile.languages import CHECKS
from zsdk_generator.config import load_config
from zsdk_generator.generate import render_language
from zsdk_generator.pipeline import run

# An unrelated schema (an enum: its constants or variants are names too) and an unrelated operation under a tag
# of its own with query parameters (a params struct) and a paged result.
SCHEMA = {"type": "string", "enum": ["active", "thing", "client"]}
OPERATION = {
    "operationId": "listUnrelatedGadgets",
    "tags": ["gadgets"],
    "parameters": [{"name": "status", "in": "query", "schema": {"$ref": "#/components/schemas/GadgetStatus"}}],
    "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "array",
                  "items": {"$ref": "#/components/schemas/GadgetStatus"}}}}}},
}  # fmt: skip

# Per language: which identifiers are public, and names the addition must bring.
LANGUAGES: dict[str, tuple[Callable[[str], bool], set[str]]] = {
    "go": (lambda name: name[:1].isupper(), {"GadgetsService", "GadgetStatusActive"}),
    "rust": (lambda name: True, {"Gadgets", "GadgetStatus", "gadgets"}),
    "java": (lambda name: True, {"GadgetsService", "GadgetStatus", "gadgets", "ACTIVE"}),
    "php": (lambda name: True, {"GadgetsService", "GadgetStatus", "gadgets", "Active"}),
}


def _sdk(spec: dict[str, Any], language: str, folder: Path) -> Path:
    source = folder / "spec.yaml"
    source.parent.mkdir(parents=True)
    source.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = run(str(source))
    assert result.api is not None, [d.format() for d in result.diagnostics]
    for path, text in render_language(result.api, language, load_config(None)).items():
        (folder / "sdk" / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / "sdk" / path).write_text(text, encoding="utf-8")
    return folder / "sdk"


def _public(sdk: Path, language: str) -> set[str]:
    public = LANGUAGES[language][0]
    names = (line.rsplit(":", 1)[1] for line in CHECKS[language].identifiers(sdk) if line)
    return {name for name in names if public(name)}


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_adding_a_schema_and_an_operation_renames_nothing(language: str, tmp_path: Path) -> None:
    spec = yaml.safe_load((SPECS / "edge-cases.yaml").read_text(encoding="utf-8"))
    before = _public(_sdk(spec, language, tmp_path / "before"), language)
    # The new schema and operation come first, so everything already there is visited later than before.
    spec["components"]["schemas"] = {"GadgetStatus": SCHEMA, **spec["components"]["schemas"]}
    spec["paths"] = {"/gadgets": {"get": OPERATION}, **spec["paths"]}
    after = _public(_sdk(spec, language, tmp_path / "after"), language)
    assert LANGUAGES[language][1] <= after
    assert before <= after, f"renamed or gone: {sorted(before - after)}"
