"""What the hostile-spec tests need from each language: its strict build, the identifiers its code uses, and
its package manifest read back. Every installed target must have an entry (the contract test checks it), so a
new language cannot ship without showing that spec text stays text in its output."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tokenize
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import mypy_cache
from tests.toolchain import go_tools, java_tools, node_tools, php_tools, rust_tools

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class LanguageChecks:
    build: Callable[[Path, Path], None]  # (sdk, scratch folder): the strict checks; AssertionError with output
    identifiers: Callable[[Path], list[str]]  # `file:line:name` for every identifier the code uses
    manifest: Callable[[Path], dict[str, object]]  # the package manifest, parsed
    package: Callable[[Path], str]  # the name users import or install
    taken: Callable[[], frozenset[str]]  # names the package must not have: the standard library, our deps


def _checked(args: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 600) -> str:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{' '.join(args)} failed in {cwd}:\n{output[-6000:]}"
    return result.stdout


# ---------------------------------------------------------------------------------------------- Python


def _python_package(sdk: Path) -> str:
    return next(p.name for p in sorted(sdk.iterdir()) if (p / "__init__.py").exists())


def _python_build(sdk: Path, scratch: Path) -> None:
    env = {
        **os.environ,
        "MYPY_CACHE_DIR": mypy_cache(),
        "RUFF_NO_CACHE": "true",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    package = _python_package(sdk)
    _checked([sys.executable, "-m", "mypy", "--strict", package], sdk, env)
    _checked([sys.executable, "-m", "ruff", "check", "--no-cache", "."], sdk, env)
    _checked([sys.executable, "-m", "black", "--check", "-q", "."], sdk, env)
    code = f"import {package}, {package}.models, {package}.resources; print({package}.__version__)"
    _checked([sys.executable, "-W", "error", "-c", code], sdk, env)
    _python_comments_are_no_directives(sdk)


# A comment mypy, ruff, black and friends obey (`# mypy: ignore-errors` anywhere in a file turns checking off):
# spec text in a comment must never read as one, or the checks above could pass on code they did not check.
_PYTHON_DIRECTIVE = re.compile(r"#\s*(?:type|mypy|ruff|flake8|fmt|pyright|pylint|isort|yapf|pragma)\s*:|#\s*noqa", re.I)


def _python_comments_are_no_directives(sdk: Path) -> None:
    found = []
    for path in sorted(sdk.rglob("*.py")):
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
        found += [f"{path}:{t.start[0]}: {t.string}" for t in tokens
                  if t.type == tokenize.COMMENT and "zsdkpwn" in t.string and _PYTHON_DIRECTIVE.match(t.string)]  # fmt: skip
    assert not found, "spec text became a tool directive:\n" + "\n".join(found)


def _python_identifiers(sdk: Path) -> list[str]:
    found = []
    for path in sorted(sdk.rglob("*.py")):
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
        found += [f"{path}:{t.start[0]}:{t.string}" for t in tokens if t.type == tokenize.NAME]
    return found


def _python_manifest(sdk: Path) -> dict[str, object]:
    return tomllib.loads((sdk / "pyproject.toml").read_text(encoding="utf-8"))


_PYTHON_DEPENDENCIES = {"httpx", "httpcore", "h11", "anyio", "sniffio", "idna", "certifi", "pydantic",
                        "pydantic_core", "annotated_types", "typing_extensions", "typing_inspection"}  # fmt: skip


def _python_taken() -> frozenset[str]:
    return frozenset(sys.stdlib_module_names) | _PYTHON_DEPENDENCIES


# ---------------------------------------------------------------------------------------------- TypeScript


def _typescript_build(sdk: Path, scratch: Path) -> None:
    for version in node_tools.TSC_VERSIONS:  # the newest TypeScript 5.x and 7.x
        strict = ["--strict", "--noUncheckedIndexedAccess", "--exactOptionalPropertyTypes"]
        _checked([node_tools.tool("tsc", version), "-p", "tsconfig.json", "--noEmit", *strict], sdk)
    _checked([node_tools.tool("prettier"), "--check", "."], sdk)


def _typescript_identifiers(sdk: Path) -> list[str]:
    typescript = node_tools.NODE_DIR / "node_modules" / "typescript"
    node_tools.tool("tsc")  # installs the pinned toolchain on first use
    files = [str(p) for p in sorted(sdk.rglob("*.ts")) if "node_modules" not in p.parts]
    return _checked([node_tools.node(), str(HERE / "lexers" / "ts_idents.mjs"), str(typescript), *files], sdk).split()


def _typescript_manifest(sdk: Path) -> dict[str, object]:
    manifest: dict[str, object] = json.loads((sdk / "package.json").read_text(encoding="utf-8"))
    name = str(manifest.get("name"))
    assert re.fullmatch(r"(@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*", name), f"not an npm name: {name!r}"
    assert len(name) <= 214, f"npm names have at most 214 characters: {name!r}"
    version = str(manifest.get("version"))
    assert re.fullmatch(_SEMVER, version), f"npm refuses a version that is not semver: {version!r}"
    return manifest


_NUMBER = r"(?:0|[1-9][0-9]*)"
_DOTTED = r"[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*"
_SEMVER = rf"{_NUMBER}\.{_NUMBER}\.{_NUMBER}(?:-{_DOTTED})?(?:\+{_DOTTED})?"


def _typescript_package(sdk: Path) -> str:
    return str(_typescript_manifest(sdk)["name"])


def _typescript_taken() -> frozenset[str]:
    script = "console.log(require('node:module').builtinModules.join('\\n'))"
    builtins = _checked([node_tools.node(), "-e", script], HERE).split()
    return frozenset(builtins) | {name.removeprefix("node:") for name in builtins}


# ---------------------------------------------------------------------------------------------- Go


def _go_build(sdk: Path, scratch: Path) -> None:
    go = go_tools.go()
    env = go_tools.env()
    unformatted = _checked([str(Path(go).with_name("gofmt")), "-l", "."], sdk, env)
    assert not unformatted.strip(), f"gofmt would change:\n{unformatted}"
    _checked([go, "vet", "./..."], sdk, env)
    _checked([go, "build", "./..."], sdk, env)
    # staticcheck skips some checks in files marked generated: check a copy as if a person had written it.
    copy = scratch / "staticcheck"
    shutil.copytree(sdk, copy)
    for path in copy.rglob("*.go"):
        path.write_text(path.read_text(encoding="utf-8").replace(_GO_GENERATED, "// Checked as hand-written.", 1))
    findings = _checked([go_tools.staticcheck(), "./..."], copy, env)
    assert not findings.strip(), findings


_GO_GENERATED = "// Code generated by zsdk-generator. DO NOT EDIT."


def _go_identifiers(sdk: Path) -> list[str]:
    binary = go_tools.TOOLS / "bin" / "go_idents"
    source = HERE / "lexers" / "go_idents.go"
    if not binary.exists() or binary.stat().st_mtime < source.stat().st_mtime:
        _checked([go_tools.go(), "build", "-o", str(binary), str(source)], HERE, go_tools.env())
    files = [str(p) for p in sorted(sdk.rglob("*.go"))]
    return _checked([str(binary), *files], sdk).split()


def _go_manifest(sdk: Path) -> dict[str, object]:
    manifest: dict[str, object] = json.loads(_checked([go_tools.go(), "mod", "edit", "-json"], sdk, go_tools.env()))
    return manifest


def _go_package(sdk: Path) -> str:
    match = re.search(r"^package (\w+)$", (sdk / "client.go").read_text(encoding="utf-8"), re.M)
    assert match, "client.go has no package clause"
    return match.group(1)


def _go_taken() -> frozenset[str]:
    # The standard library's package names (`net/http` is `http`), and the SDK's own internal packages.
    paths = _checked([go_tools.go(), "list", "std"], HERE, go_tools.env()).split()
    public = [path for path in paths if "internal" not in path.split("/") and not path.startswith("vendor/")]
    # `main` is a command and `init` cannot be imported by its name; a keyword is no name at all, and a package
    # named like a predeclared identifier (`string`, `len`) hides it in every file that imports the SDK.
    keywords_and_predeclared = _checked([go_tools.go(), "run", str(HERE / "lexers" / "go_universe.go")], HERE,
                                        go_tools.env()).split()  # fmt: skip
    own = {"core", "option", "main", "init"}
    return frozenset(path.rsplit("/", 1)[-1] for path in public) | own | frozenset(keywords_and_predeclared)


# ---------------------------------------------------------------------------------------------- Rust


def _rust_build(sdk: Path, scratch: Path) -> None:
    cargo = rust_tools.cargo()
    env = rust_tools.env()
    _checked([cargo, "fmt", "--check"], sdk, env)
    _checked([cargo, "clippy", "--all-targets", "--quiet", "--", "-D", "warnings"], sdk, env, timeout=1800)
    _checked([cargo, "doc", "--no-deps", "--quiet"], sdk, {**env, "RUSTDOCFLAGS": "-D warnings"}, timeout=1800)


def _rust_identifiers(sdk: Path) -> list[str]:
    lexer = HERE / "lexers" / "rust_idents"
    _checked([rust_tools.cargo(), "build", "--release", "--quiet"], lexer, rust_tools.env())
    binary = rust_tools.target_dir() / "release" / "rust_idents"
    files = [str(p) for p in sorted(sdk.rglob("*.rs")) if "target" not in p.relative_to(sdk).parts]
    return _checked([str(binary), *files], sdk).split("\n")


def _rust_manifest(sdk: Path) -> dict[str, object]:
    manifest = tomllib.loads((sdk / "Cargo.toml").read_text(encoding="utf-8"))
    package = manifest["package"]
    name = str(package["name"])
    assert re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]{0,63}", name), f"not a crate name crates.io accepts: {name!r}"
    version = str(package["version"])
    assert re.fullmatch(_SEMVER, version), f"Cargo refuses a version that is not semver: {version!r}"
    return manifest


def _rust_package(sdk: Path) -> str:
    return str(_rust_manifest(sdk)["package"]["name"]).replace("-", "_")  # type: ignore[index]


def _rust_taken() -> frozenset[str]:
    # The standard library's crates, and the lib name of every crate in a generated SDK's dependency graph.
    golden = Path(__file__).resolve().parent.parent.parent / "golden" / "petstore" / "rust"
    with tempfile.TemporaryDirectory() as scratch:  # cargo writes Cargo.lock beside the manifest
        sdk = Path(shutil.copytree(golden, Path(scratch) / "sdk"))
        own = tomllib.loads((sdk / "Cargo.toml").read_text(encoding="utf-8"))["package"]["name"]
        resolved = json.loads(_checked([rust_tools.cargo(), "metadata", "--format-version", "1"], sdk,
                                       rust_tools.env()))  # fmt: skip
    graph = {p["name"].replace("-", "_") for p in resolved["packages"] if p["name"] != own}
    return frozenset(graph) | {"std", "core", "alloc", "proc_macro", "test"}


# ---------------------------------------------------------------------------------------------- Java


def _java_build(sdk: Path, scratch: Path) -> None:
    main = java_tools.sources(sdk / "src" / "main")
    for result, what in ((java_tools.javac(main, scratch / "classes"), "javac"),
                         (java_tools.javadoc(main, scratch / "doc"), "javadoc")):  # fmt: skip
        assert result.returncode == 0, f"{what} failed in {sdk}:\n{(result.stdout + result.stderr)[-6000:]}"
    changed = java_tools.gjf_changed(java_tools.sources(sdk / "src"))
    assert not changed, f"google-java-format would change: {changed[:20]}"


def _java_identifiers(sdk: Path) -> list[str]:
    files = [str(p) for p in java_tools.sources(sdk / "src")]
    return _checked([java_tools.tool("java"), str(HERE / "lexers" / "JavaIdents.java"), *files], sdk).split("\n")


def _java_manifest(sdk: Path) -> dict[str, object]:
    import xml.etree.ElementTree as ElementTree

    root = ElementTree.parse(sdk / "pom.xml").getroot()
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    fields = ("groupId", "artifactId", "version", "name", "description")
    return {f: (root.findtext(f"m:{f}", namespaces=ns) or "") for f in fields}


def _java_package(sdk: Path) -> str:
    client = next((sdk / "src" / "main" / "java").rglob("*Client.java"))
    return ".".join(client.parent.relative_to(sdk / "src" / "main" / "java").parts)


def _java_taken() -> frozenset[str]:
    # The JDK's packages and our dependencies' (Jackson): a package may not be one of them.
    return frozenset({"java", "javax", "jdk", "sun", "com.fasterxml.jackson", "com.fasterxml.jackson.core",
                      "com.fasterxml.jackson.databind", "com.fasterxml.jackson.annotation",
                      "com.fasterxml.jackson.datatype"})  # fmt: skip


# ---------------------------------------------------------------------------------------------- PHP


def _php_build(sdk: Path, scratch: Path) -> None:
    # The runtime (src/Core, tests/Core) holds no spec text and is linted once, in tests/toolchain/test_php_sdk.py.
    files = [f for f in php_tools.sources(sdk) if "Core" not in f.relative_to(sdk).parts[:2]]
    for result, what in ((php_tools.php_lint(files), "php -l"), (php_tools.phpcs(files), "phpcs --standard=PSR12")):
        assert result.returncode == 0, f"{what} failed in {sdk}:\n{(result.stdout + result.stderr)[-6000:]}"
    copy = php_tools.copy_sdk(sdk, scratch / "php-load")
    php_tools.dump_autoload(copy)
    loaded = php_tools.load_all([copy])
    assert loaded.returncode == 0, f"loading every class failed in {sdk}:\n{(loaded.stdout + loaded.stderr)[-6000:]}"


def _php_identifiers(sdk: Path) -> list[str]:
    files = [str(p) for p in php_tools.sources(sdk)]
    return _checked([php_tools.tool("php"), str(HERE / "lexers" / "php_idents.php"), *files], sdk).split("\n")


def _php_manifest(sdk: Path) -> dict[str, object]:
    found: dict[str, object] = json.loads((sdk / "composer.json").read_text(encoding="utf-8"))
    return found


def _php_package(sdk: Path) -> str:
    client = next((sdk / "src").glob("*Client.php"))
    line = next(x for x in client.read_text(encoding="utf-8").split("\n") if x.startswith("namespace "))
    return line.removeprefix("namespace ").removesuffix(";")


def _php_taken() -> frozenset[str]:
    # PHP's own namespace, and the tools' a project loads beside the SDK (Composer's autoloader, PHPUnit).
    return frozenset({"php", "composer", "phpunit"})


CHECKS = {
    "python": LanguageChecks(_python_build, _python_identifiers, _python_manifest, _python_package, _python_taken),
    "typescript": LanguageChecks(
        _typescript_build, _typescript_identifiers, _typescript_manifest, _typescript_package, _typescript_taken
    ),
    "go": LanguageChecks(_go_build, _go_identifiers, _go_manifest, _go_package, _go_taken),
    "rust": LanguageChecks(_rust_build, _rust_identifiers, _rust_manifest, _rust_package, _rust_taken),
    "java": LanguageChecks(_java_build, _java_identifiers, _java_manifest, _java_package, _java_taken),
    "php": LanguageChecks(_php_build, _php_identifiers, _php_manifest, _php_package, _php_taken),
}
