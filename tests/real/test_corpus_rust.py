"""The Rust SDK of every corpus spec (434 real documents): generation succeeds or stops with a located error
(both counted, never an internal one), the SDKs generated are rustfmt-clean — the layout the generator computes
for rustfmt holds on real names, paths and descriptions, not only on our own specs — and compile without a
warning (test_real_rust compiles the largest real SDKs). The toolchain checks take a sample
(real_specs.sample; ZSDK_CORPUS=all for every SDK).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SHARED_SPECS
from tests.real.real_specs import CORPUS, EVERY_COMPILED, EVERY_FORMATTED, sample, write_corpus
from tests.toolchain import rust_tools

FILES = [SHARED_SPECS / relative for relative in CORPUS]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], list[str]]:
    """Every corpus SDK written under one folder; the specs generated and the located errors that stopped one."""
    if not FILES:
        pytest.skip(f"shared specs not available: {SHARED_SPECS} is absent")
    folder = tmp_path_factory.mktemp("rust-corpus")
    generated, stopped = write_corpus("rust", folder)
    return folder, generated, stopped


def test_every_corpus_spec_generates_or_stops_clearly(corpus: tuple[Path, list[str], list[str]]) -> None:
    _, generated, stopped = corpus
    print(f"rust corpus: {len(generated)} generated, {len(stopped)} stopped with a located error")
    assert len(generated) + len(stopped) == len(FILES)
    assert all(": " in line for line in stopped), stopped


def test_corpus_sdks_are_rustfmt_clean(corpus: tuple[Path, list[str], list[str]]) -> None:
    folder = corpus[0]
    cargo = rust_tools.cargo()
    rustfmt = str(Path(cargo).with_name("rustfmt"))
    unformatted = []
    for sdk in sample(sorted(p for p in folder.iterdir() if p.is_dir()), EVERY_FORMATTED):
        result = rust_tools.run([rustfmt, "--edition", "2024", "--check", "src/lib.rs"], sdk, timeout=600)
        if result.returncode != 0:
            unformatted.append(f"{sdk.name}:\n{(result.stdout + result.stderr)[:1500]}")
    assert not unformatted, f"{len(unformatted)} SDKs rustfmt would change:\n" + "\n".join(unformatted[:5])


def test_a_sample_of_corpus_sdks_compiles(corpus: tuple[Path, list[str], list[str]]) -> None:
    """`cargo check` on a sample of the SDKs (real_specs.EVERY_COMPILED), warnings included (they share one target folder: the dependencies
    compile once)."""
    folder = corpus[0]
    cargo = rust_tools.cargo()
    failed = []
    for sdk in sample(sorted(p for p in folder.iterdir() if p.is_dir()), EVERY_COMPILED):
        result = rust_tools.run([cargo, "check", "--quiet", "--message-format", "short"], sdk)
        if result.returncode != 0 or "warning" in result.stderr:
            failed.append(f"{sdk.name}:\n{result.stderr[-1500:]}")
    assert not failed, f"{len(failed)} SDKs do not compile cleanly:\n" + "\n".join(failed[:5])
