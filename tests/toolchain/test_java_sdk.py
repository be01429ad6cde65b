"""Every golden Java SDK compiles with `javac --release 17 -Xlint:all -Werror`, documents itself with
`javadoc -Xdoclint:all -Werror`, and is google-java-format 1.28.0 clean; the runtime's JUnit tests pass in one of
them, and one builds with its own pom.xml (`mvn verify`). The generator itself never runs Java: this is where
Java checks it.

The JDK's tools run directly on the jars java_tools fetches once (a Maven build per SDK would mostly start
Maven); without a JDK or Maven the tests skip, and fail under CI=true.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.golden.golden import GOLDEN_SPECS, golden_dir
from tests.toolchain import java_tools


def _sdk(spec: str) -> Path:
    source = golden_dir(spec, "java")
    assert (source / "pom.xml").exists(), f"no golden Java SDK for {spec}: run pytest tests/golden --snapshot-update"
    return source


def _ok(result: object, what: str) -> None:
    returncode, stdout, stderr = (getattr(result, k) for k in ("returncode", "stdout", "stderr"))
    assert returncode == 0, f"{what} failed:\n{(stdout + stderr)[-8000:]}"


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, str]]:
    """javac's exit code and output for every golden SDK, compiled in one JVM."""
    out = tmp_path_factory.mktemp("javac")
    builds = [(java_tools.sources(_sdk(spec) / "src" / "main"), out / spec / "classes") for spec in GOLDEN_SPECS]
    return dict(zip(GOLDEN_SPECS, java_tools.javac_each(builds), strict=True))


@pytest.fixture(scope="module")
def unformatted() -> list[str]:
    """The files of the golden SDKs google-java-format would change (one run over all of them)."""
    return java_tools.gjf_changed(
        [source for spec in GOLDEN_SPECS for source in java_tools.sources(_sdk(spec) / "src")]
    )


@pytest.mark.parametrize("spec", GOLDEN_SPECS)
def test_javac_clean(spec: str, compiled: dict[str, tuple[int, str]]) -> None:
    code, output = compiled[spec]
    assert code == 0, f"javac ({spec}) failed:\n{output[-8000:]}"


@pytest.mark.parametrize("spec", GOLDEN_SPECS)
def test_javadoc_clean(spec: str, tmp_path: Path) -> None:
    sources = java_tools.sources(_sdk(spec) / "src" / "main")
    _ok(java_tools.javadoc(sources, tmp_path / "doc"), f"javadoc ({spec})")


@pytest.mark.parametrize("spec", GOLDEN_SPECS)
def test_google_java_format_clean(spec: str, unformatted: list[str]) -> None:
    folder = str(_sdk(spec)) + "/"
    changed = [path for path in unformatted if path.startswith(folder)]
    if changed:
        first = Path(changed[0])
        text = first.read_text(encoding="utf-8")
        import difflib

        diff = "".join(difflib.unified_diff(text.splitlines(True), java_tools.gjf_format(text).splitlines(True),
                                            str(first), "google-java-format", n=2))  # fmt: skip
        pytest.fail(f"google-java-format would change {len(changed)} files: {changed[:10]}\n{diff[:6000]}")


def test_runtime_junit(tmp_path: Path) -> None:
    """The runtime's own tests, as copied into an SDK (package `<P>.core`)."""
    sdk = _sdk("zatabase")
    main, test = java_tools.sources(sdk / "src" / "main"), java_tools.sources(sdk / "src" / "test")
    assert test, "the runtime has no JUnit tests (templates/java/runtime/src/test/java/dev/zsdk/runtime)"
    _ok(java_tools.javac(main, tmp_path / "main"), "javac (main)")
    _ok(java_tools.javac(test, tmp_path / "test", extra_classpath=[tmp_path / "main"], test=True, lint=False),
        "javac (tests)")  # fmt: skip
    _ok(java_tools.junit([tmp_path / "main", tmp_path / "test"]), "JUnit")


def test_pom_builds(tmp_path: Path) -> None:
    """The generated pom.xml builds the SDK and runs its tests (`mvn verify`)."""
    sdk = Path(shutil.copytree(_sdk("petstore"), tmp_path / "sdk"))
    java_tools.lib()  # Maven Central reachable and the jars cached before the build
    _ok(java_tools.run([java_tools.tool("mvn"), "-q", "-B", "verify"], cwd=sdk), "mvn verify")


def test_gjf_check_can_fail(tmp_path: Path) -> None:
    """The google-java-format check above is not vacuous: a badly laid out class is reported."""
    bad = tmp_path / "Bad.java"
    bad.write_text("class Bad { int f( int a ){return a;} }\n")
    assert java_tools.gjf_changed([bad]) == [str(bad)]
