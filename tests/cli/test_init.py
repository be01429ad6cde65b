"""`init`: a zsdk.yaml with every setting at its default, commented out — and the defaults it shows are the ones
generate uses (uncommented, it changes no file of any language's SDK)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, SPECS, run_cli
from zsdk_generator.config import Config, load_config
from zsdk_generator.generate import render_language
from zsdk_generator.init import init_text
from zsdk_generator.pipeline import run
from zsdk_generator.targets.registry import load_target, target_names

SETTING = re.compile(r"^# (\s*)([a-z_]+):(.*?)(?:\s+# .*)?$")


def _uncommented(text: str) -> str:
    """Every setting line of `text` without its comment marks."""
    lines = []
    for line in text.splitlines():
        match = SETTING.match(line)
        if match:
            lines.append(f"{match[1]}{match[2]}:{match[3]}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("name", ["petstore", "zatabase", "vibecaas"])
def test_the_defaults_shown_are_the_defaults_used(name: str, tmp_path: Path) -> None:
    api = run(str(SPECS / f"{name}.yaml")).api
    assert api is not None
    text = init_text(api, f"{name}.yaml")
    written = tmp_path / "zsdk.yaml"
    written.write_text(text)
    assert load_config(str(written)).data == {}, "init's file should change nothing as written"
    uncommented = tmp_path / "uncommented.yaml"
    uncommented.write_text(_uncommented(text))
    config = load_config(str(uncommented))
    for language in target_names():
        for key in load_target(language).settings:
            assert key in config.data.get(language, {}), f"{language}'s setting {key} is not in init's file"
        assert render_language(api, language, config) == render_language(api, language, Config()), language


def test_init_writes_zsdk_yaml_and_refuses_to_overwrite_it(tmp_path: Path) -> None:
    out = tmp_path / "zsdk.yaml"
    result = run_cli("init", "--spec", str(SPECS / "petstore.yaml"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text().startswith("# zsdk.yaml for petstore.yaml")
    assert "# package_name: petstore" in out.read_text()
    again = run_cli("init", "--spec", str(SPECS / "petstore.yaml"), "-o", str(out))
    assert again.returncode == 1 and again.stderr == f"{out}: error: the file exists; pass --force to overwrite it\n"
    assert run_cli("init", "--spec", str(SPECS / "petstore.yaml"), "-o", str(out), "--force").returncode == 0


def test_init_prints_with_dash() -> None:
    result = run_cli("init", "--spec", str(SPECS / "vibedasher.yaml"), "-o", "-")
    assert result.returncode == 0 and "# go:\n#   module: github.com/vibedasher/vibedasher-go" in result.stdout


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["--spec", "missing.yaml"], 2, "missing.yaml: file not found"),
        ([], 2, "no spec here (openapi.yaml"),
        (["--spec", str(FIXTURES / "bad" / "dangling-ref.yaml"), "-o", "-"], 1, "dangling-ref.yaml:"),
    ],
)
def test_bad_input_is_one_located_error(args: list[str], code: int, says: str) -> None:
    result = run_cli("init", *args)
    assert result.returncode == code and says in result.stderr and "Traceback" not in result.stderr
