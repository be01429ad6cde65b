"""The hostile-spec corpus (tests/hostile/specs): spec text stays text in every language's output.

For every installed target and every spec of the corpus: generation succeeds (or stops with a located error,
never an internal one), the SDK passes its language's strict checks, no identifier of its code is `zsdkpwn`
(the call every hostile string carries: it appears only if spec text escaped a literal or comment), no output
file carries a control, line-separator, BOM or bidi character, the package manifest parses, and the README's
code fences are the ones we wrote. Default package names never take a standard-library or dependency name.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.hostile.languages import CHECKS
from zsdk_generator.targets.registry import target_names
from zsdk_generator.targets.text import unsafe_in_literal

SPECS = sorted((Path(__file__).parent / "specs").glob("*.yaml"))
MARKER = "zsdkpwn"
LANGUAGES = target_names()


def _generate(language: str, spec: Path, out: Path) -> Path:
    result = run_cli("generate", "--lang", language, "--spec", str(spec), "--out", str(out))
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_target_has_hostile_checks(language: str) -> None:
    assert language in CHECKS, f"{language}: add its build, identifier scan and manifest reader to languages.py"


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
@pytest.mark.parametrize("language", LANGUAGES)
def test_hostile_spec_builds_and_its_text_stays_text(language: str, spec: Path, tmp_path: Path) -> None:
    checks = CHECKS[language]
    sdk = _generate(language, spec, tmp_path / "sdk")
    leaks = [found for found in checks.identifiers(sdk) if found.rsplit(":", 1)[-1] == MARKER]
    assert not leaks, "spec text reached code:\n" + "\n".join(leaks[:20])
    unsafe = [f"{path.relative_to(sdk)}:{text[:i].count(chr(10)) + 1}: U+{ord(c):04X}"
              for path in sorted(sdk.rglob("*")) if path.is_file()
              for text in [path.read_text(encoding="utf-8")]
              for i, c in enumerate(text) if c not in "\n\t" and unsafe_in_literal(ord(c))]  # fmt: skip
    assert not unsafe, "characters no source file should carry:\n" + "\n".join(unsafe[:20])
    manifest = json.dumps(checks.manifest(sdk), ensure_ascii=False)
    assert not any(unsafe_in_literal(ord(c)) for c in manifest), manifest
    _readme_fences_are_ours(sdk / "README.md")
    checks.build(sdk, tmp_path)


def _readme_fences_are_ours(readme: Path) -> None:
    """Spec text in the README cannot open or close a code block (a user copies code from there)."""
    fences = [line for line in readme.read_text(encoding="utf-8").split("\n") if line.lstrip().startswith("```")]
    assert len(fences) % 2 == 0, f"unbalanced code fences in {readme}: {fences}"
    assert all(re.fullmatch(r"\s*```[a-z]*", line) for line in fences), fences
    assert MARKER not in "".join(fences)
    assert "<script" not in readme.read_text(encoding="utf-8").lower()


TITLES = ["Numbers API", "Calendar API", "HTTP API", "Errors API", "JSON", "Typing API", "Pydantic", "Httpx",
          "Fs API", "OS API", "Context API", "Core API", "Option API", "URL API", "Time API", "Crypto API",
          "Stream API", "Test API", "Models API", "Builtins", "Process API"]  # fmt: skip


@pytest.mark.parametrize("language", LANGUAGES)
def test_default_package_names_never_take_a_standard_library_or_dependency_name(language: str, tmp_path: Path) -> None:
    checks = CHECKS[language]
    taken = checks.taken()
    clashes = []
    for i, title in enumerate(TITLES):
        spec = tmp_path / f"{i}.yaml"
        spec.write_text(f"openapi: 3.1.0\ninfo: {{title: {title}, version: '1'}}\npaths: {{}}\n", encoding="utf-8")
        package = checks.package(_generate(language, spec, tmp_path / f"sdk{i}"))
        if package.lower() in taken:
            clashes.append(f"{title!r} → {package}")
    assert (
        not clashes
    ), f"{language} default package names clash with the standard library or our dependencies: {clashes}"
