"""Hostile specs (tests/fixtures/hostile, one per case): no hang, no traceback, no internal error.

Each bad one gives exit 1 and one located error line — file, line, JSON pointer (when the file parsed) and
message — from `validate`, `ir` and `generate`, well inside a timeout. The others build, with at most warnings.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT
from zsdk_generator.targets.registry import target_names

HOSTILE = FIXTURES / "hostile"
TIMEOUT = 60  # seconds per command; a linear pipeline needs about one
LOCATED = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<rest>.+)$")


@dataclass(frozen=True)
class Bad:
    line: int
    pointer: str | None  # None: a parse error, located by line and column only
    text: str
    env: dict[str, str] = field(default_factory=dict)


BAD = {
    # denial of service
    "yaml-alias-bomb.yaml": Bad(12, "/tags/6", "holds more than 2000000 values once its YAML aliases are expanded"),
    "yaml-alias-bomb-schemas.yaml": Bad(13, "/components/schemas/L7/properties", "YAML aliases are expanded"),
    "yaml-recursive-alias.yaml": Bad(
        9, "/components/schemas/Loop/properties/self", "refers to a node that contains it"
    ),
    "too-many-aliases.yaml": Bad(
        9, "/components/schemas/B/properties/b", "more than 4 YAML alias uses", {"ZSDK_MAX_YAML_ALIASES": "4"}
    ),
    "too-deep.json": Bad(260, "/components/schemas/Deep" + "/items" * 125, "nested more than 128 levels deep"),
    "too-deep.yaml": Bad(131, "/components/schemas/Deep" + "/items" * 125, "nested more than 128 levels deep"),
    "too-large.yaml": Bad(1, None, "larger than 150 bytes", {"ZSDK_MAX_DOCUMENT_BYTES": "150"}),
    "too-many-values.yaml": Bad(2, "", "more than 10 values", {"ZSDK_MAX_NODES": "10"}),
    "allof-chain.yaml": Bad(29, "/components/schemas/C21/allOf/0", "allOf merging copies", {"ZSDK_MAX_NODES": "250"}),
    "long-integer.json": Bad(5, "/components/schemas/Big/maximum", "more than 4300 digits"),
    "long-integer.yaml": Bad(8, "/components/schemas/Big/maximum", "more than 4300 digits"),
    "long-hex-integer.yaml": Bad(8, "/components/schemas/Big/default", "more than 4300 digits"),
    "yaml-bad-bool.yaml": Bad(6, None, "'maybe' is not a YAML 1.2 bool"),
    "yaml-bad-int.yaml": Bad(6, None, "'twelve' is not a YAML 1.2 int"),
    # wrong-typed nodes (internal errors before)
    "paths-string.yaml": Bad(3, "/paths", "paths must be a mapping of paths to path items, not a string"),
    "responses-list.yaml": Bad(6, "/paths/~1pets/get/responses", "responses must be a mapping of status codes"),
    "responses-number.yaml": Bad(6, "/paths/~1pets/get/responses", "not an integer"),
    "flows-number.yaml": Bad(6, "/components/securitySchemes/oauth/flows", "flows must be a mapping of OAuth flows"),
    "ref-list.yaml": Bad(
        11, "/paths/~1pets/get/responses/200/content/application~1json/schema/$ref", "$ref must be a string"
    ),
    "properties-list.yaml": Bad(8, "/components/schemas/Pet/properties", "must be a mapping of names to schemas"),
    "parameter-string.yaml": Bad(6, "/paths/~1pets/get/parameters/0", "must be a parameter (a mapping), not a string"),
    "swagger2-parameters-number.yaml": Bad(6, "/paths/~1pets/post/parameters", "must be a list of parameters"),
    "swagger2-responses-list.yaml": Bad(6, "/paths/~1pets/get/responses", "must be a mapping of status codes"),
    "swagger2-form-name.yaml": Bad(8, "/paths/~1pets/post/parameters/0/name", "name must be a string, not a list"),
    # schemas with no type at the bottom
    "ref-cycle.yaml": Bad(
        7, "/components/schemas/B/$ref", "cyclic schema references with no object or array in between: A → B → A"
    ),
    "ref-self.yaml": Bad(
        6, "/components/schemas/A/$ref", "cyclic schema references with no object or array in between: A → A"
    ),
    "oneof-self.yaml": Bad(8, "/components/schemas/A/oneOf/0/$ref", "in between: A → A"),
    "anyof-cycle.yaml": Bad(12, "/components/schemas/B/oneOf/0/$ref", "in between: A → B → A"),
    # non-ASCII digits are not array indexes
    "non-ascii-digit-ref.yaml": Bad(10, "/paths/~1pets/get/parameters/2/$ref", "points to nothing"),
}

# Documents that build (with at most warnings): the front half must get through them, fast.
GOOD = {
    "lone-surrogate.json": "lone UTF-16 surrogate escape",
    "swagger2-collection-format.yaml": "collectionFormat must be a string, not a mapping; it is ignored",
    "control-characters.json": "path parameter {id\\n} is not declared",
    "flatten-fanout.yaml": None,
    "recursion-through-property.yaml": None,
}


# Target bugs found by these documents, reported to the owner of zsdk_generator/targets: `generate` stops with
# a clear error (exit 1) instead of writing the SDK. Remove an entry once its target is fixed.
def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "zsdk_generator.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "ZSDK_MAX_VALIDATOR_SECONDS": "10", **(env or {})},
        timeout=TIMEOUT,
    )
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert "internal error" not in output, output
    return result


def command(name: str, spec: Path, out: Path) -> list[str]:
    if name == "generate":
        return ["generate", "--lang", "python", "--spec", str(spec), "--out", str(out)]
    if name == "diff":  # the hostile document on both sides (a case's limits may be too tight for another spec)
        return ["diff", str(spec), str(spec)]
    return [name, str(spec)]


def test_every_fixture_has_a_case() -> None:
    assert sorted(p.name for p in HOSTILE.iterdir()) == sorted({*BAD, *GOOD})


@pytest.mark.parametrize("name", ["validate", "ir", "generate", "diff"])
@pytest.mark.parametrize("fixture", sorted(BAD))
def test_bad_document_gives_one_located_error(fixture: str, name: str, tmp_path: Path) -> None:
    case = BAD[fixture]
    result = run(*command(name, HOSTILE / fixture, tmp_path / "out"), env=case.env)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    errors = [m for m in map(LOCATED.match, output.splitlines()) if m and m["sev"] == "error"]
    assert len(errors) == 1, output
    error = errors[0]
    assert error["file"] == f"tests/fixtures/hostile/{fixture}"
    assert int(error["line"]) == case.line, output
    if case.pointer is not None:
        assert error["rest"].startswith((case.pointer or "/") + ": "), output
    assert case.text in error["rest"], output
    if name == "ir":
        assert result.stdout == ""
    if name == "generate":
        assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("fixture", sorted(GOOD))
def test_hostile_but_valid_document_builds(fixture: str) -> None:
    spec = str(HOSTILE / fixture)
    validated = run("validate", spec)
    assert validated.returncode == 0, validated.stdout
    for line in validated.stdout.splitlines()[:-1]:
        assert LOCATED.match(line), line  # one finding per line, control characters escaped
    if GOOD[fixture] is not None:
        assert GOOD[fixture] in validated.stdout
    built = run("ir", spec)
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith("{")


@pytest.mark.parametrize("language", target_names())
@pytest.mark.parametrize("fixture", sorted(GOOD))
def test_hostile_but_valid_document_generates(fixture: str, language: str, tmp_path: Path) -> None:
    result = run("generate", "--lang", language, "--spec", str(HOSTILE / fixture), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr


def test_a_bad_limit_is_a_clear_error() -> None:
    result = run("ir", str(HOSTILE / "paths-string.yaml"), env={"ZSDK_MAX_NODES": "lots"})
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "ZSDK_MAX_NODES: error: must be a whole number of at least 1, not 'lots' (the default is 2000000)"
    )


def test_a_limit_can_be_raised() -> None:
    result = run("ir", str(HOSTILE / "too-deep.json"), env={"ZSDK_MAX_DEPTH": "200"})
    assert result.returncode == 0, result.stderr
