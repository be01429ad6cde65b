"""The Java SDK of every corpus spec (434 real documents): generation succeeds or stops with a located error
(both counted, never an internal one), the SDKs generated are google-java-format clean — the layout the
generator computes holds on real names, paths and descriptions, not only on our own specs — and compile with
every lint warning an error (test_real_java compiles the largest real SDKs). The toolchain checks take a sample
(real_specs.sample; ZSDK_CORPUS=all for every SDK).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SHARED_SPECS
from tests.real.real_specs import CORPUS, EVERY_COMPILED, EVERY_FORMATTED, sample, write_corpus
from tests.toolchain import java_tools

FILES = [SHARED_SPECS / relative for relative in CORPUS]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], list[str]]:
    """Every corpus SDK written under one folder; the specs generated and the located errors that stopped one."""
    if not FILES:
        pytest.skip(f"shared specs not available: {SHARED_SPECS} is absent")
    folder = tmp_path_factory.mktemp("java-corpus")
    generated, stopped = write_corpus("java", folder)
    return folder, generated, stopped


def _sdks(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir())


def test_every_corpus_spec_generates_or_stops_clearly(corpus: tuple[Path, list[str], list[str]]) -> None:
    _, generated, stopped = corpus
    print(f"java corpus: {len(generated)} generated, {len(stopped)} stopped with a located error")
    assert len(generated) + len(stopped) == len(FILES)
    assert all(": " in line for line in stopped), stopped


def test_corpus_sdks_are_google_java_format_clean(corpus: tuple[Path, list[str], list[str]]) -> None:
    """One google-java-format run over the generated (not runtime) files of a sample of the SDKs (real_specs.EVERY_FORMATTED)."""
    generated = [
        source
        for sdk in sample(_sdks(corpus[0]), EVERY_FORMATTED)
        for source in java_tools.sources(sdk / "src" / "main")
        if source.parent.name != "core"
    ]
    changed = java_tools.gjf_changed(generated)
    assert not changed, f"google-java-format would change {len(changed)} files, e.g.:\n" + "\n".join(changed[:10])


def test_a_sample_of_corpus_sdks_compiles(corpus: tuple[Path, list[str], list[str]]) -> None:
    """javac on a sample of the SDKs (real_specs.EVERY_COMPILED), every lint warning an error."""
    sdks = sample(_sdks(corpus[0]), EVERY_COMPILED)
    builds = [(java_tools.sources(sdk / "src" / "main"), sdk / "classes") for sdk in sdks]
    failed = [
        f"{sdk.name}:\n{output[-1500:]}"
        for sdk, (code, output) in zip(sdks, java_tools.javac_each(builds), strict=True)
        if code != 0
    ]
    assert not failed, f"{len(failed)} SDKs do not compile cleanly:\n" + "\n".join(failed[:5])
