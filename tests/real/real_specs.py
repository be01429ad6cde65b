"""The real specs the tests read from ../shared/specs, and an SDK generated from one of them in memory."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from tests.conftest import SHARED_SPECS
from zsdk_generator.config import Config
from zsdk_generator.diagnostics import SpecError
from zsdk_generator.pipeline import Result, run
from zsdk_generator.render import render
from zsdk_generator.targets.registry import load_target
from zsdk_generator.writer import write_tree

SUFFIXES = (".json", ".yaml", ".yml")
FRAGMENTS = ("external-shared.json",)  # files a document refers to, not documents of their own
LARGEST = ["real/stripe-2022-04.json", "real/github-api.github.com-2022-07.json", "real/openai-openapi.yaml"]


def spec_files(*folders: str, fragments: bool = False) -> list[str]:
    """Paths relative to ../shared/specs of every spec file in `folders` (and their subfolders), sorted."""
    return sorted(
        str(path.relative_to(SHARED_SPECS))
        for folder in folders
        if (SHARED_SPECS / folder).exists()
        for path in (SHARED_SPECS / folder).rglob("*")
        if path.suffix in SUFFIXES and (fragments or path.name not in FRAGMENTS)
    )


REAL = spec_files("real", "peer-tests")
CORPUS = spec_files("corpus-oas3", "corpus-swagger2")
# Every corpus and real spec generates in every language on every run. The toolchain sweeps over the generated
# SDKs take a sample: all of them would not fit the suite's 30 minutes in CI. ZSDK_CORPUS=all (the full sweep:
# README, Tests) formats and compiles every corpus SDK and compiles all three largest real SDKs in every language.
FULL = os.environ.get("ZSDK_CORPUS") == "all"
EVERY_FORMATTED = 18  # formatters: every eighteenth SDK (24 of them)
EVERY_COMPILED = 54  # compilers: every fifty-fourth (8)
# The largest real SDKs that the slowest compilers (rustc, javac) build: Stripe's, the largest; all three in the
# full sweep (the other languages build or type-check all three, or Stripe's and GitHub's, on every run).
COMPILED_LARGEST = LARGEST if FULL else LARGEST[:1]


def sample(sdks: list[Path], every: int) -> list[Path]:
    """Every `every`-th of `sdks`, or all of them in the full sweep."""
    return sdks if FULL else sdks[every - 1 :: every]


needs_specs = pytest.mark.skipif(not REAL, reason=f"shared specs not available: {SHARED_SPECS} is absent")


def built(path: Path) -> Result:
    """`pipeline.run` on the spec at `path`, once per test run: the result is kept (pickled) in the folder
    tests/conftest.py names in ZSDK_TEST_CACHE, which every parallel worker shares, so the corpus and real-spec
    tests of six languages parse and build each spec once between them."""
    cache = os.environ.get("ZSDK_TEST_CACHE")
    if not cache:
        return run(str(path))
    kept = Path(cache) / (str(path.relative_to(SHARED_SPECS)).replace("/", "__") + ".pickle")
    try:
        with kept.open("rb") as handle:
            result: Result = pickle.load(handle)
        return result
    except (OSError, EOFError, pickle.UnpicklingError):
        pass
    result = run(str(path))
    try:
        data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    except RecursionError:  # a deeply nested document: built again where it is needed
        return result
    partial = kept.with_name(f"{kept.name}.{os.getpid()}")
    partial.write_bytes(data)
    partial.replace(kept)  # whole or not at all, whichever worker writes it first
    return result


def generate(language: str, path: Path) -> dict[str, str]:
    """Every file of `language`'s SDK for the spec at `path`, rendered in memory."""
    result = built(path)
    assert result.api is not None, [d.format() for d in result.errors]
    return render(load_target(language), result.api, Config().for_language(language, result.api))


def write_corpus(language: str, folder: Path) -> tuple[list[str], list[str]]:
    """Every corpus spec's `language` SDK written under `folder` (one subfolder each); the specs generated and
    the located errors that stopped the others — the IR's or the target's, never an internal one."""
    target = load_target(language)
    generated, stopped = [], []
    for relative in CORPUS:
        spec = SHARED_SPECS / relative
        result = built(spec)
        if result.api is None:  # the IR stops with a located error
            stopped.append(f"{spec.name}: {result.errors[0].format()}")
            continue
        try:
            files = render(target, result.api, Config().for_language(language, result.api))
        except SpecError as exc:
            stopped.append(f"{spec.name}: {exc.diagnostic.format()}")
            continue
        write_tree(folder / f"{spec.parent.name}__{spec.stem}", files, language=language)
        generated.append(spec.name)
    return generated, stopped
