"""The PHP SDK of every corpus spec (434 real documents): generation succeeds or stops with a located error (both
counted, never an internal one), every file generated compiles (`php -l`'s check, one PHP process over them all)
— the names, paths and descriptions of real documents make valid PHP — and a sample is PSR-12 clean, warnings
(a line over 120 columns) included (test_real_php checks and loads the largest real SDKs).

The runtime each SDK carries (src/Core, tests/Core) is the same text but for its namespace; it is checked once, in
tests/toolchain/test_php_sdk.py, not 434 times here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SHARED_SPECS
from tests.real.real_specs import CORPUS
from tests.toolchain import php_tools
from zsdk_generator.config import Config
from zsdk_generator.diagnostics import SpecError
from zsdk_generator.pipeline import run
from zsdk_generator.render import render
from zsdk_generator.targets.registry import load_target
from zsdk_generator.writer import write_tree

FILES = [SHARED_SPECS / relative for relative in CORPUS]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], list[str]]:
    """Every corpus SDK written under one folder; the specs generated and the located errors that stopped one."""
    if not FILES:
        pytest.skip(f"shared specs not available: {SHARED_SPECS} is absent")
    folder = tmp_path_factory.mktemp("php-corpus")
    target = load_target("php")
    generated, stopped = [], []
    for spec in FILES:
        result = run(str(spec))
        if result.api is None:  # the IR stops with a located error
            stopped.append(f"{spec.name}: {result.errors[0].format()}")
            continue
        try:
            files = render(target, result.api, Config().for_language("php", result.api))
        except SpecError as exc:
            stopped.append(f"{spec.name}: {exc.diagnostic.format()}")
            continue
        write_tree(folder / f"{spec.parent.name}__{spec.stem}", files, language="php")
        generated.append(spec.name)
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


SAMPLE = 9  # every ninth corpus SDK is checked by phpcs: 48 SDKs


def test_a_sample_of_corpus_sdks_is_psr12_clean(corpus: tuple[Path, list[str], list[str]]) -> None:
    """One phpcs run over the sample's generated files; any finding, a warning included, fails."""
    sample = _sdks(corpus[0])[SAMPLE - 1 :: SAMPLE]
    files = _generated(sample)
    checked = php_tools.phpcs(files)
    findings = checked.stdout.strip().splitlines()
    print(f"php corpus: phpcs over {len(sample)} SDKs ({len(files)} files): {len(findings)} findings")
    assert checked.returncode == 0, f"{len(findings)} PSR-12 findings, e.g.:\n" + "\n".join(findings[:20])
