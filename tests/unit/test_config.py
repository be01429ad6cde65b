"""zsdk.yaml: bad values are errors naming the file, the line and the key; defaults never take odd versions."""

from __future__ import annotations

from pathlib import Path

import pytest

from zsdk_generator.config import _sdk_version, load_config
from zsdk_generator.diagnostics import Diagnostic, SpecError


def _error(tmp_path: Path, text: str) -> str:
    path = tmp_path / "zsdk.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        load_config(str(path))
    return caught.value.diagnostic.format()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("client_name: A\nversion: 1.0\n", ":2:1: error: /version: version must be a release number"),
        ("python:\n  version: '1.².0'\n", ":2:1: error: /python/version: version must be a release number"),
        ("retries:\n  max_retries: .inf\n", ":2:1: error: /retries/max_retries: max_retries must be a whole number"),
        ("go:\n  retries: {timeout: 1e300}\n", ":2:1: error: /go/retries/timeout: timeout must be a number"),
        ("retries: {max_retries: 2.5}\n", ":1:1: error: /retries/max_retries: max_retries must be a whole number"),
        ("retries: {retry_forever: true}\n", ":1:1: error: /retries/retry_forever: unknown retry setting"),
        ("\n\nmethod_names: camel\n", ":3:1: error: /method_names: method_names must be crud or operation_id"),
        ("package_name: [a, b]\n", ":1:1: error: /package_name: package_name must be a string"),
        ("a: &x [1]\nb: *x\n", ":1:1: error: YAML anchors and aliases are not allowed in zsdk.yaml"),
        ("a: [\n", "error: invalid YAML"),
        ("- 1\n", ":1:1: error: zsdk.yaml must be a mapping"),
        ("client_name: A\npackge_name: x\n", ":2:1: error: /packge_name: unknown setting 'packge_name'"),
        ("cobol:\n  program: x\n", ":1:1: error: /cobol: unknown setting 'cobol'"),
        ("typescript:\n  errors: throw\n  eror: x\n", ":3:1: error: /typescript/eror: unknown typescript setting"),
        (
            "typescript:\n  errors: raise\n",
            ":2:1: error: /typescript/errors: typescript setting errors must be throw or result",
        ),
        ("go:\n  module: [a]\n", ":2:1: error: /go/module: go setting module must be a string"),
        ("python:\n  method_names: crud\n", ":2:1: error: /python/method_names: unknown python setting"),
        ("python: 5\n", ":1:1: error: /python: the python block must be a mapping"),
    ],
)
def test_bad_config_is_a_located_error(tmp_path: Path, text: str, expected: str) -> None:
    message = _error(tmp_path, text)
    assert "zsdk.yaml" in message and expected in message, message


def test_good_config_loads(tmp_path: Path) -> None:
    path = tmp_path / "zsdk.yaml"
    path.write_text("version: 2.0.0-beta.1\nretries: {max_retries: 3, base_delay: 1}\npython: {package_name: x}\n")
    config = load_config(str(path))
    assert config.data["retries"] == {"max_retries": 3, "base_delay": 1.0}


@pytest.mark.parametrize(
    ("spec", "sdk"),
    [("1.2.3", "1.2.3"), ("2", "2"), ("1.²", "0.1.0"), ("1.0.0\n", "0.1.0"), ("v1", "0.1.0"), ("١.٢", "0.1.0")],
)
def test_sdk_version_defaults_only_from_plain_release_numbers(spec: str, sdk: str) -> None:
    assert _sdk_version(spec) == sdk


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("client_name: X\n\npackage_name: Bad Name\n", ":3:1: error: /package_name: "),
        ("typescript:\n  errors: throw\n  package_name: Bad\n", ":3:1: error: /typescript/package_name: "),
    ],
)
def test_a_targets_complaint_about_a_setting_names_its_line(tmp_path: Path, text: str, where: str) -> None:
    path = tmp_path / "zsdk.yaml"
    path.write_text(text, encoding="utf-8")
    config = load_config(str(path))
    located = config.locate(Diagnostic("error", "bad name", "/typescript/package_name"))
    assert located.file.endswith("zsdk.yaml") and where in located.format(), located.format()
    assert config.locate(Diagnostic("error", "elsewhere", "/typescript/version")).file == ""  # not in the file
