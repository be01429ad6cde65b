"""The Java SDK runtime (templates/java/runtime, package dev.zsdk.runtime) checked on its own.

The runtime and its JUnit 5 tests are the files every generated SDK gets (as `<package>.core`). They are compiled
once, together, with `javac --release 17 -Xlint:all -Werror`; the main sources must pass `javadoc -Xdoclint:all
-Werror` and every file must be formatted as google-java-format 1.28.0 writes it; then the JUnit tests run once
(unit tests and end-to-end calls against a scripted local server). The JDK tools and jars come from
tests/toolchain/java_tools.py; without a JDK and Maven the checks are skipped (a failure under CI=true).
"""

from __future__ import annotations

import difflib
import re
import subprocess
from pathlib import Path

import pytest

from tests.toolchain import java_tools

ROOT = Path(__file__).resolve().parent.parent.parent.parent
RUNTIME = ROOT / "templates" / "java" / "runtime"
MAIN = RUNTIME / "src" / "main" / "java"
TEST = RUNTIME / "src" / "test" / "java"
MIN_TESTS = 40


def output(result: subprocess.CompletedProcess[str]) -> str:
    return (result.stdout + result.stderr)[-8000:]


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    """The main and test sources compiled once, into one folder."""
    out = tmp_path_factory.mktemp("java-runtime") / "classes"
    out.mkdir()
    result = java_tools.javac([*java_tools.sources(MAIN), *java_tools.sources(TEST)], out, test=True)
    return result, out


def test_sources_exist() -> None:
    names = {path.name for path in java_tools.sources(MAIN)}
    assert {"ClientCore.java", "ApiRequest.java", "Call.java", "Json.java", "Nullable.java"} <= names
    for path in java_tools.sources(MAIN) + java_tools.sources(TEST):
        assert path.read_text().startswith("package dev.zsdk.runtime;"), path


def test_compiles_without_warnings(compiled: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    result, _ = compiled
    assert result.returncode == 0, output(result)


def test_javadoc(tmp_path: Path) -> None:
    result = java_tools.javadoc(java_tools.sources(MAIN), tmp_path / "doc")
    assert result.returncode == 0, output(result)


def test_google_java_format() -> None:
    changed = java_tools.gjf_changed(java_tools.sources(MAIN) + java_tools.sources(TEST))
    if changed:
        first = Path(changed[0])
        text = first.read_text()
        diff = difflib.unified_diff(
            text.splitlines(), java_tools.gjf_format(text).splitlines(), str(first), "formatted", lineterm=""
        )
        pytest.fail(f"google-java-format would change {changed}:\n" + "\n".join(list(diff)[:80]))


def test_junit(compiled: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    result, out = compiled
    assert result.returncode == 0, output(result)
    run = java_tools.junit([out])
    text = run.stdout + run.stderr
    assert run.returncode == 0, text[-8000:]
    found = re.search(r"(\d+) tests successful", text)
    failed = re.search(r"(\d+) tests failed", text)
    assert found and int(found.group(1)) >= MIN_TESTS, text[-3000:]
    assert failed and failed.group(1) == "0", text[-3000:]
