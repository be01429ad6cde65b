"""The Java toolchain the tests run: a JDK 17 (`javac`, `javadoc`, `java`) and the jars, fetched once with Maven.

The jars a generated SDK needs (Jackson), the JUnit console launcher and google-java-format are copied from Maven
Central into one cache folder (~/.cache/zsdk-java/<versions>/lib) by a single `mvn dependency:copy-dependencies`
run, the first time a test asks for them; every SDK is then compiled, documented, formatted and tested by calling
the JDK's tools directly — a Maven build per SDK would spend most of its time starting Maven. Without a JDK or
Maven the tests cannot check Java: under CI (CI=true) that is a failure, raised loudly; elsewhere the test is
skipped with a message saying what is missing.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pytest

from .locks import exclusive

JACKSON = "2.21.3"
JUNIT_PLATFORM = "1.14.1"
GOOGLE_JAVA_FORMAT = "1.28.0"

ARTIFACTS = (
    ("com.fasterxml.jackson.core", "jackson-databind", JACKSON, ""),
    ("com.fasterxml.jackson.datatype", "jackson-datatype-jsr310", JACKSON, ""),
    ("org.junit.platform", "junit-platform-console-standalone", JUNIT_PLATFORM, ""),
    ("com.google.googlejavaformat", "google-java-format", GOOGLE_JAVA_FORMAT, "all-deps"),
)
RUNTIME_JARS = ("jackson-databind-", "jackson-core-", "jackson-annotations-", "jackson-datatype-jsr310-")

# google-java-format uses javac's internals, which JDK 16+ hides unless exported to it.
_GJF_EXPORTS = [
    f"--add-exports=jdk.compiler/com.sun.tools.javac.{package}=ALL-UNNAMED"
    for package in ("api", "code", "file", "parser", "tree", "util")
]


def _missing(message: str) -> None:
    if os.environ.get("CI") == "true":
        raise RuntimeError(message)
    pytest.skip(message)


def tool(name: str) -> str:
    """A JDK or Maven command from PATH (or JAVA_HOME/bin)."""
    java_home = os.environ.get("JAVA_HOME")
    path = shutil.which(name) or (shutil.which(str(Path(java_home) / "bin" / name)) if java_home else None)
    if path is None:
        _missing(f"{name} not found on PATH: the Java SDK checks need a JDK 17 and Maven")
    assert path is not None
    return path


def cache_dir() -> Path:
    versions = "|".join(":".join(a) for a in ARTIFACTS)
    digest = hashlib.sha256(versions.encode()).hexdigest()[:12]
    return Path(os.environ.get("ZSDK_JAVA_CACHE") or Path.home() / ".cache" / "zsdk-java") / digest


def _pom() -> str:
    dependencies = "\n".join(
        f"    <dependency><groupId>{group}</groupId><artifactId>{artifact}</artifactId>"
        f"<version>{version}</version>{f'<classifier>{classifier}</classifier>' if classifier else ''}</dependency>"
        for group, artifact, version, classifier in ARTIFACTS
    )
    return (
        '<project xmlns="http://maven.apache.org/POM/4.0.0">\n  <modelVersion>4.0.0</modelVersion>\n'
        "  <groupId>dev.zsdk</groupId><artifactId>toolchain</artifactId><version>1</version>\n"
        f"  <dependencies>\n{dependencies}\n  </dependencies>\n</project>\n"
    )


def lib() -> Path:
    """The folder of jars, fetched from Maven Central on first use."""
    folder = cache_dir()
    done = folder / "lib" / ".complete"
    if done.exists():
        return folder / "lib"
    with exclusive(folder):
        if not done.exists():  # not fetched by another worker while this one waited
            (folder / "pom.xml").write_text(_pom())
            fetched = subprocess.run(
                [tool("mvn"), "-q", "-B", "dependency:copy-dependencies", "-DoutputDirectory=lib"],
                cwd=folder, capture_output=True, text=True, timeout=900,
            )  # fmt: skip
            if fetched.returncode != 0:
                raise RuntimeError(
                    f"fetching the Java test jars with Maven failed:\n{fetched.stdout}\n{fetched.stderr}"
                )
            done.write_text("")
    return folder / "lib"


def _jar(prefix: str) -> Path:
    found = sorted(lib().glob(f"{prefix}*.jar"))
    if not found:
        raise RuntimeError(f"no {prefix}*.jar in {lib()}")
    return found[0]


def classpath(*, test: bool = False) -> str:
    """Jackson (what a generated SDK needs at run time), and with `test` the JUnit console launcher."""
    jars = [_jar(prefix) for prefix in RUNTIME_JARS]
    if test:
        jars.append(_jar("junit-platform-console-standalone-"))
    return os.pathsep.join(str(jar) for jar in jars)


def run(args: Sequence[str], cwd: Path | None = None, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, timeout=timeout)


def _argfile(folder: Path, name: str, sources: Sequence[Path], *, quoted: bool = True) -> str:
    """An @file of `sources`, one per line (quoted for the JDK's tools; google-java-format reads them bare)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("\n".join(f'"{s.as_posix()}"' if quoted else s.as_posix() for s in sources) + "\n")
    return f"@{path}"


def javac(sources: Sequence[Path], out: Path, *, extra_classpath: Sequence[Path] = (), test: bool = False,
          lint: bool = True) -> subprocess.CompletedProcess[str]:  # fmt: skip
    """Compile `sources` into `out` for Java 17; with `lint`, every warning is an error."""
    cp = os.pathsep.join([classpath(test=test), *map(str, extra_classpath)])
    flags = ["-Xlint:all", "-Werror"] if lint else ["-nowarn"]
    return run([tool("javac"), "--release", "17", *flags, "-encoding", "UTF-8", "-d", str(out), "-cp", cp,
                _argfile(out.parent, f"{out.name}-sources.txt", sources)])  # fmt: skip


def javac_each(builds: Sequence[tuple[Sequence[Path], Path]]) -> list[tuple[int, str]]:
    """javac (as `javac` runs it, lint warnings errors) on each (sources, out), all in one JVM
    (java/JavacEach.java): its exit code and output, per build. Many small SDKs compile several times faster so
    than with a JVM started for each."""
    argfiles = []
    for sources, out in builds:
        options = ["--release", "17", "-Xlint:all", "-Werror", "-encoding", "UTF-8", "-d", str(out), "-cp",
                   classpath(), *sources]  # fmt: skip
        out.parent.mkdir(parents=True, exist_ok=True)
        argfile = out.parent / f"{out.name}-javac.txt"
        argfile.write_text("\n".join(f'"{Path(o).as_posix()}"' if isinstance(o, Path) else f'"{o}"' for o in options))
        argfiles.append(str(argfile))
    launcher = Path(__file__).parent / "java" / "JavacEach.java"
    result = run([tool("java"), str(launcher), *argfiles], timeout=3600)
    if result.returncode != 0:
        raise RuntimeError(f"JavacEach failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    found = []
    for part in result.stdout.split("==== ")[1:]:
        head, _, output = part.partition("\n")
        found.append((int(head.split(" ", 1)[0]), output))
    assert len(found) == len(builds), result.stdout[-2000:]
    return found


def javadoc(sources: Sequence[Path], out: Path) -> subprocess.CompletedProcess[str]:
    """Javadoc for `sources` with every doclint check on and warnings as errors."""
    return run([tool("javadoc"), "--release", "17", "-Xdoclint:all", "-Werror", "-quiet", "-encoding", "UTF-8",
                "-d", str(out), "-cp", classpath(), _argfile(out.parent, f"{out.name}-sources.txt", sources)])  # fmt: skip


def gjf_changed(files: Sequence[Path]) -> list[str]:
    """The files google-java-format would change (empty when every one is formatted as it writes them)."""
    if not files:
        return []
    result = run([tool("java"), *_GJF_EXPORTS, "-jar", str(_jar("google-java-format-")), "--dry-run",
                  _argfile(Path(tempfile.mkdtemp(prefix="zsdk-gjf-")), "files.txt", files, quoted=False)])  # fmt: skip
    if result.returncode not in (0, 1) or result.stderr.strip():
        raise RuntimeError(f"google-java-format failed:\n{result.stderr}")
    return result.stdout.split()


def gjf_format(text: str) -> str:
    """`text` as google-java-format writes it (for showing a difference)."""
    result = subprocess.run([tool("java"), *_GJF_EXPORTS, "-jar", str(_jar("google-java-format-")), "-"],
                            input=text, capture_output=True, text=True, timeout=300)  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(f"google-java-format failed:\n{result.stderr}")
    return result.stdout


def junit(classes: Sequence[Path]) -> subprocess.CompletedProcess[str]:
    """Run every JUnit 5 test found in the `classes` folders (the compiled main and test classes)."""
    cp = os.pathsep.join([classpath(), *map(str, classes)])
    return run([tool("java"), "-jar", str(_jar("junit-platform-console-standalone-")), "execute",
                "--disable-banner", "--details=summary", "--fail-if-no-tests", "--class-path", cp,
                *[f"--scan-class-path={c}" for c in classes[-1:]]])  # fmt: skip


def sources(root: Path) -> list[Path]:
    return sorted(root.rglob("*.java"))
