"""`check` (is a committed SDK current?), the JSON summaries and the console conventions (quiet, colour, progress)."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, SPECS, run_cli
from zsdk_generator import console as console_module
from zsdk_generator.console import Console
from zsdk_generator.diagnostics import Diagnostic

PETSTORE = str(SPECS / "petstore.yaml")


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("check") / "sdk"
    result = run_cli("generate", "--lang", "python,go", "--spec", PETSTORE, "--out", str(out), "--quiet")
    assert result.returncode == 0 and result.stdout == "" and result.stderr == "", result.stderr
    return out


@pytest.fixture
def sdk(generated: Path, tmp_path: Path) -> Path:
    """A fresh copy of the generated SDKs (python/ and go/) to change."""
    subprocess.run(["cp", "-a", str(generated), str(tmp_path / "sdk")], check=True)
    return tmp_path / "sdk"


def _check(sdk: Path, *more: str) -> subprocess.CompletedProcess[str]:
    return run_cli("check", "--lang", "python,go", "--spec", PETSTORE, "--out", str(sdk), *more)


def test_a_freshly_generated_sdk_is_current(sdk: Path) -> None:
    result = _check(sdk)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        f"python: {sdk / 'python'} is current (29 files)",
        f"go: {sdk / 'go'} is current (28 files)",
    ]


def test_a_stale_sdk_lists_what_generate_would_add_change_and_remove(sdk: Path) -> None:
    (sdk / "python" / "README.md").write_text("edited by hand\n")
    (sdk / "go" / "go.mod").unlink()
    manifest = json.loads((sdk / "go" / ".zsdk-manifest.json").read_text())
    manifest["files"].append("old.go")  # a file we made once and no longer make
    (sdk / "go" / ".zsdk-manifest.json").write_text(json.dumps(manifest))
    (sdk / "go" / "old.go").write_text("package petstore\n")
    before = _snapshot(sdk)
    result = _check(sdk)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"python: {sdk / 'python'} is stale: 1 to change; run generate" in lines
    assert "  ~ README.md" in lines
    assert f"go: {sdk / 'go'} is stale: 1 to add, 1 to remove; run generate" in lines
    assert "  + go.mod" in lines and "  - old.go" in lines
    assert _snapshot(sdk) == before, "check wrote to the output folder"


def test_the_diff_applies_with_git_and_makes_the_sdk_current(sdk: Path) -> None:
    (sdk / "python" / "README.md").write_text("edited by hand\n")
    (sdk / "go" / "go.mod").unlink()
    result = _check(sdk, "--diff")
    assert result.returncode == 1
    assert f"--- a/{(sdk / 'python' / 'README.md').as_posix()}" in result.stdout
    assert f"+++ b/{(sdk / 'go' / 'go.mod').as_posix()}" in result.stdout
    patch = sdk.parent / "fix.patch"
    patch.write_text(result.stdout[result.stdout.index("--- ") :])
    applied = subprocess.run(["git", "apply", "--unsafe-paths", str(patch)], cwd="/", capture_output=True, text=True)
    assert applied.returncode == 0, applied.stderr
    assert _check(sdk).returncode == 0


def test_a_manifest_of_another_version_is_stale(sdk: Path) -> None:
    manifest = sdk / "python" / ".zsdk-manifest.json"
    manifest.write_text(manifest.read_text().replace("zsdk-generator ", "zsdk-generator 0.0.0-"))
    result = _check(sdk)
    assert result.returncode == 1
    assert f"python: {sdk / 'python'} is stale: its manifest to rewrite; run generate" in result.stdout


def test_json_summary(sdk: Path) -> None:
    (sdk / "python" / "README.md").write_text("edited by hand\n")
    result = _check(sdk, "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["command"] == "check" and data["current"] is False
    python, go = data["languages"]
    assert python["changed"] == ["README.md"] and python["current"] is False and python["unchanged"] == 28
    assert go["current"] is True and go["added"] == go["changed"] == go["removed"] == []


def test_a_missing_folder_is_stale_and_stays_missing(tmp_path: Path) -> None:
    result = run_cli("check", "--lang", "go", "--spec", PETSTORE, "--out", str(tmp_path / "none"))
    assert result.returncode == 1 and "28 to add" in result.stdout
    assert not (tmp_path / "none").exists()


def test_a_folder_generate_would_refuse_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("not an SDK\n")
    result = run_cli("check", "--lang", "go", "--spec", PETSTORE, "--out", str(tmp_path))
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith(f"{tmp_path}: error: refusing to write into {tmp_path}")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["--lang", "go", "--spec", "missing.yaml", "--out", "x"], 2, "missing.yaml: file not found"),
        (["--lang", "cobol", "--spec", PETSTORE, "--out", "x"], 2, "unknown language 'cobol'"),
        (["--lang", "go", "--spec", PETSTORE, "--out", "x", "--format", "xml"], 2, "'xml' is not one of"),
        (["--lang", "go", "--spec", str(FIXTURES / "bad" / "dangling-ref.yaml"), "--out", "x"], 1, ": error: "),
    ],
)
def test_bad_input_is_one_located_error(args: list[str], code: int, says: str) -> None:
    result = run_cli("check", *args)
    assert result.returncode == code, result.stderr
    assert says in result.stderr and "Traceback" not in result.stderr


def test_generate_json_summary(tmp_path: Path) -> None:
    result = run_cli("generate", "--lang", "go", "--spec", PETSTORE, "--out", str(tmp_path), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["command"] == "generate" and data["diagnostics"] == []
    (go,) = data["languages"]
    assert go["language"] == "go" and go["written"] == go["files"] == 28 and go["unchanged"] == go["removed"] == 0


# ---------------------------------------------------------------------------------------- the console


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    error = Diagnostic("error", "bad", "/paths", "api.yaml", 3, 5)
    monkeypatch.delenv("NO_COLOR", raising=False)
    terminal, plain = _Terminal(), io.StringIO()
    Console(stream=terminal).diagnostics([error])
    Console(stream=plain).diagnostics([error])
    assert terminal.getvalue() == "api.yaml:3:5: \033[31merror\033[0m: /paths: bad\n"
    assert plain.getvalue() == "api.yaml:3:5: error: /paths: bad\n"
    monkeypatch.setenv("NO_COLOR", "")
    no_color = _Terminal()
    Console(stream=no_color).diagnostics([error])
    assert no_color.getvalue() == plain.getvalue()


def test_progress_shows_on_a_terminal_after_the_first_second(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(console_module, "PROGRESS_AFTER", 0.0)
    terminal = _Terminal()
    shown = Console(stream=terminal)
    shown.stage("rendering go")
    shown.done()
    assert terminal.getvalue().startswith("\r\033[Krendering go…") and terminal.getvalue().endswith("\r\033[K")
    for stream, console in [(io.StringIO(), None), (_Terminal(), "quiet"), (_Terminal(), "json")]:
        silent = Console(stream=stream, quiet=console == "quiet", json_output=console == "json")
        silent.stage("rendering go")
        silent.done()
        assert stream.getvalue() == ""


def test_a_short_run_shows_no_progress() -> None:
    terminal = _Terminal()
    quick = Console(stream=terminal)
    quick.stage("rendering go")
    quick.done()
    assert terminal.getvalue() == ""
