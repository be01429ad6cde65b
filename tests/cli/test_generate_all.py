"""`generate --lang all`: the languages are rendered side by side in forked workers and come out exactly as each
language does alone; `--timings` reports every stage."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import SPECS, run_cli


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_all_languages_side_by_side_are_each_language_alone(tmp_path: Path) -> None:
    spec = str(SPECS / "petstore.yaml")
    together = run_cli("generate", "--lang", "all", "--spec", spec, "--out", str(tmp_path / "all"), "-q")
    assert together.returncode == 0, together.stderr
    languages = sorted(p.name for p in (tmp_path / "all").iterdir())
    assert len(languages) == 6
    for language in languages:
        alone = tmp_path / "alone" / language
        result = run_cli("generate", "--lang", language, "--spec", spec, "--out", str(alone), "-q",
                         env={"ZSDK_WORKERS": "1"})  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert _tree(tmp_path / "all" / language) == _tree(alone), language


def test_timings_name_every_stage(tmp_path: Path) -> None:
    result = run_cli("generate", "--lang", "python,go", "--spec", str(SPECS / "petstore.yaml"), "--out",
                     str(tmp_path), "--format", "json", "--timings")  # fmt: skip
    assert result.returncode == 0, result.stderr
    timings = json.loads(result.stdout)["timings"]
    expected = {"load", "checks", "upgrade", "IR", "write"} | {
        f"{language} {stage}" for language in ("python", "go") for stage in ("plan", "render", "format")
    }
    assert set(timings) == expected
    assert all(isinstance(seconds, float) and seconds >= 0 for seconds in timings.values())
    text = run_cli("generate", "--lang", "go", "--spec", str(SPECS / "petstore.yaml"), "--out", str(tmp_path / "t"),
                   "--timings")  # fmt: skip
    assert text.returncode == 0 and "timings: load " in text.stderr and "go render " in text.stderr


def test_a_template_error_in_one_worker_stops_every_language(tmp_path: Path) -> None:
    broken = tmp_path / "templates" / "python"
    broken.mkdir(parents=True)
    (broken / "README.md.jinja").write_text("{{ nope.nothing }}\n")
    out = tmp_path / "out"
    result = run_cli("generate", "--lang", "python,go,typescript", "--spec", str(SPECS / "petstore.yaml"), "--out",
                     str(out), "--templates", str(tmp_path / "templates"))  # fmt: skip
    assert result.returncode == 1
    assert "template README.md.jinja failed for README.md: 'nope' is undefined" in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["templates"]  # no folder prepared for out is left
