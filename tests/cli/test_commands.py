"""The command surface: --help, --version, languages, and no `generate` until it is real."""

from __future__ import annotations

import json
import os

from tests.conftest import SPECS, run_cli
from zsdk_generator import __version__


def test_help_lists_the_commands() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("generate", "validate", "ir", "languages"):
        assert command in result.stdout


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"zsdk-generator, version {__version__}"


def test_languages_runs() -> None:
    result = run_cli("languages")
    assert result.returncode == 0
    assert result.stdout.strip()


def test_generate_needs_its_options() -> None:
    result = run_cli("generate", "--lang", "python")
    assert result.returncode == 2
    assert "Missing option '--spec'" in result.stderr


def test_languages_lists_python() -> None:
    assert any(line.startswith("python ") for line in run_cli("languages").stdout.splitlines())


def test_ir_prints_json_and_writes_a_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("ir", str(SPECS / "petstore.yaml"))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] and data["resources"] and data["models"]
    out = tmp_path / "ir.json"
    written = run_cli("ir", str(SPECS / "petstore.yaml"), "-o", str(out))
    assert written.returncode == 0
    assert out.read_text() == result.stdout


def test_ir_is_byte_identical_across_hash_seeds() -> None:
    outputs = {
        run_cli("ir", str(SPECS / spec), env={"PYTHONHASHSEED": seed}).stdout
        for spec in ("vibedasher.yaml",)
        for seed in ("0", "1", "12345")
    }
    assert len(outputs) == 1
    assert os.linesep in next(iter(outputs)) or "\n" in next(iter(outputs))
