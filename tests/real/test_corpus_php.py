"""The PHP SDK of every corpus spec (434 real documents): generation succeeds or stops with a located error (both
counted, never an internal one), every file generated compiles (`php -l`'s check, one PHP process over them all)
— the names, paths and descriptions of real documents make valid PHP — and a sample is PSR-12 clean, warnings
(a line over 120 columns) included, and loads every class (what only linking finds: a class implementing two
interfaces that declare one constant, an attribute the runtime does not take); test_real_php checks the largest
real SDKs.

The runtime each SDK carries (src/Core, tests/Core) is the same text but for its namespace; it is checked once, in
tests/toolchain/test_php_sdk.py, not 434 times here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SHARED_SPECS
from tests.real.real_specs import CORPUS, EVERY_COMPILED, sample, write_corpus
from tests.toolchain import php_tools

FILES = [SHARED_SPECS / relative for relative in CORPUS]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], list[str]]:
    """Every corpus SDK written under one folder; the specs generated and the located errors that stopped one."""
    if not FILES:
        pytest.skip(f"shared specs not available: {SHARED_SPECS} is absent")
    folder = tmp_path_factory.mktemp("php-corpus")
    generated, stopped = write_corpus("php", folder)
    return folder, generated, stopped


def _sdks(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir())


def _generated(sdks: list[Path]) -> list[Path]:
    """The PHP files the generator wrote for `sdks` (not their copy of the runtime)."""
    return [source for sdk in sdks for source in php_tools.sources(sdk / "src") if source.parent.name != "Core"]


def test_every_corpus_spec_generates_or_stops_clearly(corpus: tuple[Path, list[str], list[str]]) -> None:
    _, generated, stopped = corpus
    print(f"php corpus: {len(generated)} generated, {len(stopped)} stopped with a located error")
    assert len(generated) + len(stopped) == len(FILES)
    assert all(": " in line for line in stopped), stopped


def test_every_corpus_file_compiles(corpus: tuple[Path, list[str], list[str]]) -> None:
    """One PHP process compiles every generated file of every SDK (a deprecation or warning fails too)."""
    files = _generated(_sdks(corpus[0]))
    linted = php_tools.php_lint(files)
    print(f"php corpus: {linted.stdout.strip()} of {len(files)}")
    assert linted.returncode == 0, (linted.stdout + linted.stderr)[-5000:]


def _sample(folder: Path) -> list[Path]:
    """The SDKs phpcs checks and PHP loads: a sample (real_specs.EVERY_COMPILED; ZSDK_CORPUS=all for all)."""
    return sample(_sdks(folder), EVERY_COMPILED)


def test_a_sample_of_corpus_sdks_is_psr12_clean(corpus: tuple[Path, list[str], list[str]]) -> None:
    """One phpcs run over the sample's generated files; any finding, a warning included, fails (but a line
    a long real name makes too long: php_tools.findings)."""
    sample = _sample(corpus[0])
    files = _generated(sample)
    checked = php_tools.phpcs(files)
    findings = php_tools.findings(checked, long_names=True)
    print(f"php corpus: phpcs over {len(sample)} SDKs ({len(files)} files): {len(findings)} findings")
    assert not findings, f"{len(findings)} PSR-12 findings, e.g.:\n" + "\n".join(findings[:20])


# A sample SDK's vendor/autoload.php: PSR-4 for its namespace, without running Composer 48 times (test_real_php
# checks the composer.json Composer reads); php_tools.load_all requires it.
_AUTOLOAD = r"""<?php

declare(strict_types=1);

spl_autoload_register(function (string $class): void {
    $prefix = '%s';
    if (str_starts_with($class, $prefix)) {
        $file = dirname(__DIR__) . '/src/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
        if (is_file($file)) {
            require $file;
        }
    }
});
"""


def _namespace(sdk: Path) -> str:
    """The SDK's root namespace with its trailing backslash, as composer.json maps it to src/."""
    psr4: dict[str, str] = json.loads((sdk / "composer.json").read_text(encoding="utf-8"))["autoload"]["psr-4"]
    return next(prefix for prefix, folder in psr4.items() if folder == "src/")


def test_a_sample_of_corpus_sdks_loads(corpus: tuple[Path, list[str], list[str]]) -> None:
    """Every class of the sample loaded under error_reporting(E_ALL), in one PHP process per group of SDKs whose
    namespaces differ (PHP's names ignore case)."""
    groups: list[dict[str, Path]] = []
    for sdk in _sample(corpus[0]):
        namespace = _namespace(sdk)
        (sdk / "vendor").mkdir(exist_ok=True)
        (sdk / "vendor" / "autoload.php").write_text(_AUTOLOAD % namespace.replace("\\", "\\\\"), encoding="utf-8")
        group = next((g for g in groups if namespace.lower() not in g), None)
        if group is None:
            group = {}
            groups.append(group)
        group[namespace.lower()] = sdk
    failed = []
    for group in groups:
        loaded = php_tools.load_all(list(group.values()))
        print(f"php corpus: {loaded.stdout.strip()} of {len(group)} SDKs")
        if loaded.returncode != 0:
            failed.append((loaded.stdout + loaded.stderr)[-2000:])
    assert not failed, "\n".join(failed)
