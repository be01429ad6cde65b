"""Every kind of bad input gives one clear located line and a non-zero exit — never a traceback."""

from __future__ import annotations

import re

import pytest

from tests.conftest import FIXTURES, ROOT, run_cli

BAD = FIXTURES / "bad"
LOCATED = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<rest>.+)$")

CASES = {
    "yaml-syntax.yaml": (9, "invalid YAML"),
    "json-syntax.json": (4, "invalid JSON"),
    "empty.yaml": (1, "file is empty"),
    "root-list.yaml": (1, "root is a list"),
    "root-scalar.yaml": (1, "root is a string"),
    "garbage.yaml": (1, "binary file"),
    "latin1.yaml": (3, "not UTF-8"),
    "missing-ref-file.yaml": (12, "file that does not exist"),
    "remote-ref.yaml": (12, "remote $ref"),
    "dangling-ref.yaml": (13, "points to nothing"),
    "cyclic-allof.yaml": (None, "cyclic allOf: A → B → A"),
    "unsupported-version.yaml": (1, "unsupported OpenAPI version '4.0.0'"),
    "not-openapi.yaml": (1, "not an OpenAPI document"),
}


def _errors(output: str) -> list[re.Match[str]]:
    matches = [LOCATED.match(line) for line in output.splitlines()]
    return [m for m in matches if m and m["sev"] == "error"]


def _args(command: str, spec: str) -> list[str]:
    """`command` run on the bad spec (as the new version, for diff)."""
    petstore = str(ROOT / "specs" / "petstore.yaml")
    return {
        "check": ["check", "--lang", "go", "--spec", spec, "--out", "never-written"],
        "diff": ["diff", petstore, spec],
        "init": ["init", "--spec", spec, "-o", "-"],
    }.get(command, [command, spec])


@pytest.mark.parametrize("command", ["validate", "ir", "check", "diff", "init"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_gives_one_located_error(name: str, command: str) -> None:
    line, text = CASES[name]
    result = run_cli(*_args(command, str(BAD / name)))
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.returncode == 1
    errors = _errors(output)
    assert len(errors) == 1, output
    error = errors[0]
    assert error["file"].endswith(name)
    assert text in error["rest"]
    if line is not None:
        assert int(error["line"]) == line, output
    if command in ("ir", "init"):
        assert result.stdout == ""  # no partial IR or zsdk.yaml
    assert not (ROOT / "never-written").exists()


def test_missing_file_is_a_usage_error() -> None:
    result = run_cli("validate", "no/such/spec.yaml")
    assert result.returncode == 2
    assert result.stderr.strip() == "zsdk-generator: error: no/such/spec.yaml: file not found"
    assert "Traceback" not in result.stderr


def test_bad_flag_is_a_usage_error() -> None:
    result = run_cli("validate", "--no-such-flag", str(BAD / "empty.yaml"))
    assert result.returncode == 2
    assert "No such option" in result.stderr


def test_warnings_alone_exit_zero_and_fail_under_strict() -> None:
    spec = str(BAD / "warnings-only.yaml")
    relaxed = run_cli("validate", spec)
    assert relaxed.returncode == 0, relaxed.stdout
    lines = relaxed.stdout.splitlines()
    assert lines[-1].startswith(f"{spec}: 0 errors, ")
    messages = "\n".join(lines)
    assert "duplicate operationId 'getPet'" in messages
    assert "path parameter {petId} is not declared" in messages
    assert "undefined scheme 'undefinedScheme'" in messages
    for line in lines[:-1]:
        assert LOCATED.match(line), line
    strict = run_cli("validate", "--strict", spec)
    assert strict.returncode == 1


def test_every_finding_line_has_file_line_pointer_and_message() -> None:
    result = run_cli("validate", str(BAD / "dangling-ref.yaml"))
    error = _errors(result.stdout)[0]
    assert error["rest"].startswith("/paths/~1pets/get/responses/200/content/application~1json/schema/$ref: ")


def test_unexpected_crash_is_one_line_not_a_traceback(tmp_path) -> None:  # type: ignore[no-untyped-def]
    deep = tmp_path / "deep.json"
    deep.write_text(
        '{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "x": ' + "[" * 100000 + "]" * 100000 + "}"
    )
    result = run_cli("validate", str(deep))
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode != 0
