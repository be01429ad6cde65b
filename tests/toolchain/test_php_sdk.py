"""Every golden PHP SDK is `php -l` clean, PSR-12 clean (`phpcs --standard=PSR12` silent, warnings included)
and loads: `composer dump-autoload`, then every class, interface and enum under src/ loaded with every notice and
deprecation a failure. The runtime's PHPUnit tests run once (the runtime is the same in every SDK). The generator
itself never runs PHP: this is where PHP checks it.

Each tool runs once over every SDK's files (tests/toolchain/php_tools.py); without PHP's tools the tests skip,
and fail under CI=true.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.golden.golden import GOLDEN_SPECS, golden_dir
from tests.toolchain import php_tools


def _sdk(spec: str) -> Path:
    source = golden_dir(spec, "php")
    assert (
        source / "composer.json"
    ).exists(), f"no golden PHP SDK for {spec}: run pytest tests/golden --snapshot-update"
    return source


def _ok(result: object, what: str) -> None:
    returncode, stdout, stderr = (getattr(result, k) for k in ("returncode", "stdout", "stderr"))
    assert returncode == 0, f"{what} failed:\n{(stdout + stderr)[-8000:]}"


def _files() -> list[Path]:
    return [f for spec in GOLDEN_SPECS for f in php_tools.sources(_sdk(spec))]


def test_php_lint_clean() -> None:
    files = _files()
    result = php_tools.php_lint(files)
    _ok(result, "php -l")
    assert f"compiled {len(files)} files" in result.stdout


def test_phpcs_psr12_clean() -> None:
    result = php_tools.phpcs(_files())
    assert result.returncode == 0 and not result.stdout.strip(), f"phpcs --standard=PSR12:\n{result.stdout[-8000:]}"


def test_every_class_loads(tmp_path: Path) -> None:
    sdks = [php_tools.copy_sdk(_sdk(spec), tmp_path / spec) for spec in GOLDEN_SPECS]
    for sdk in sdks:
        php_tools.dump_autoload(sdk)
    result = php_tools.load_all(sdks)
    _ok(result, "loading every class")
    count = sum(len(php_tools.sources(sdk / "src")) for sdk in sdks)
    assert f"loaded {count} classes" in result.stdout


def test_runtime_phpunit(tmp_path: Path) -> None:
    """The runtime's own tests, as copied into an SDK (namespace `<N>\\Tests\\Core`)."""
    sdk = php_tools.copy_sdk(_sdk("zatabase"), tmp_path / "zatabase")
    if not php_tools.sources(sdk / "tests"):
        pytest.fail("the runtime has no PHPUnit tests (templates/php/runtime/tests)")
    php_tools.dump_autoload(sdk)
    _ok(php_tools.phpunit(sdk), "phpunit")


def test_phpcs_check_can_fail(tmp_path: Path) -> None:
    """The PSR-12 check above is not vacuous: a badly laid out class is reported."""
    bad = tmp_path / "Bad.php"
    bad.write_text("<?php\nclass Bad { function f( $a ){return $a;} }\n")
    assert php_tools.phpcs([bad]).stdout.strip()


def test_lint_check_can_fail(tmp_path: Path) -> None:
    """The compile check is not vacuous: a file PHP refuses is reported by name."""
    good, bad = tmp_path / "Good.php", tmp_path / "Bad.php"
    good.write_text("<?php\nclass Good {}\n")
    bad.write_text("<?php\nclass List {}\n")
    result = php_tools.php_lint([good, bad])
    assert result.returncode != 0 and "Bad.php" in result.stderr


def test_use_lines_are_sorted_and_used() -> None:
    """Every `use` line of a generated file names a class the file mentions (code or PHPDoc), in ASCII order
    ignoring case; the runtime's files are its author's."""
    found = []
    for spec in GOLDEN_SPECS:
        for path in php_tools.sources(_sdk(spec) / "src"):
            if "Core" in path.relative_to(_sdk(spec) / "src").parts:
                continue
            text = path.read_text(encoding="utf-8")
            uses = re.findall(r"^use ([\w\\]+);$", text, re.MULTILINE)
            rest = re.sub(r"^use [\w\\]+;$", "", text, flags=re.MULTILINE)
            found += [f"{path}: {u} unused" for u in uses
                      if not re.search(r"(?<![\w\\$])" + re.escape(u.rsplit("\\", 1)[-1]) + r"\b", rest)]  # fmt: skip
            if uses != sorted(uses, key=str.lower):
                found.append(f"{path}: use lines out of order")
    assert not found, "\n".join(found[:20])
