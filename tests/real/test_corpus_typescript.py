"""The TypeScript SDKs of the corpus specs (434 real documents) generate, type-check and are prettier-clean.

Each spec's `src/` goes into its own folder of one project (a module tree per SDK, so they cannot clash); one
tsc --strict --noUncheckedIndexedAccess --exactOptionalPropertyTypes --noUnusedLocals run per pinned TypeScript
(5.x and 7.x) and one prettier --check run cover a sample of them (real_specs.EVERY_FORMATTED;
ZSDK_CORPUS=all for every SDK).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SHARED_SPECS
from tests.real.real_specs import CORPUS, EVERY_FORMATTED, built, sample
from tests.toolchain.node_tools import TSC_VERSIONS, tool
from tests.toolchain.node_tools import run as run_tool
from zsdk_generator.config import Config
from zsdk_generator.diagnostics import SpecError
from zsdk_generator.render import render
from zsdk_generator.targets.registry import load_target

FILES = [SHARED_SPECS / relative for relative in CORPUS]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every corpus SDK's src/ under one folder, with the generated SDKs' prettier settings at the top."""
    if not FILES:
        pytest.skip(f"shared specs not available: {SHARED_SPECS} is absent")
    tmp_path = tmp_path_factory.mktemp("ts-corpus")
    target = load_target("typescript")
    problems = []
    prettierrc = ""
    for spec in FILES:
        result = built(spec)
        if result.api is None:  # the IR stops with a located error: generation is not expected
            continue
        try:
            files = render(target, result.api, Config().for_language("typescript", result.api))
        except SpecError as exc:
            problems.append(f"{spec.name}: {exc.diagnostic.format()}")
            continue
        prettierrc = files[".prettierrc.json"]
        folder = tmp_path / f"{spec.parent.name}__{spec.stem}"
        for path, text in files.items():
            if path.startswith("src/"):
                (folder / path).parent.mkdir(parents=True, exist_ok=True)
                (folder / path).write_text(text, encoding="utf-8")
    assert not problems, "\n".join(problems)
    (tmp_path / ".prettierrc.json").write_text(prettierrc, encoding="utf-8")
    return tmp_path


def _sources(corpus: Path) -> list[str]:
    """The globs of the SDKs the toolchain checks: a sample (real_specs.EVERY_FORMATTED; ZSDK_CORPUS=all for all)."""
    return [
        f"{sdk.name}/src/**/*.ts" for sdk in sample(sorted(p for p in corpus.iterdir() if p.is_dir()), EVERY_FORMATTED)
    ]


@pytest.mark.parametrize("version", TSC_VERSIONS)
def test_corpus_sdks_type_check(version: str, corpus: Path) -> None:
    tsc = tool("tsc", version)
    config = {
        "compilerOptions": {
            "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext",
            "lib": ["ES2022", "DOM", "DOM.Iterable"], "types": [], "strict": True, "noUncheckedIndexedAccess": True,
            "exactOptionalPropertyTypes": True, "noImplicitOverride": True, "noUnusedLocals": True,
            "noUnusedParameters": True, "noEmit": True, "skipLibCheck": True,
        },
        "include": _sources(corpus),
    }  # fmt: skip
    (corpus / "tsconfig.json").write_text(json.dumps(config), encoding="utf-8")
    checked = run_tool([tsc, "-p", "tsconfig.json"], corpus, timeout=1200)
    assert checked.returncode == 0, checked.stdout[-5000:] + checked.stderr[-2000:]


def test_corpus_sdks_are_prettier_clean(corpus: Path) -> None:
    checked = run_tool([tool("prettier"), "--check", *_sources(corpus)], corpus, timeout=1200)
    assert checked.returncode == 0, checked.stdout[-5000:] + checked.stderr[-2000:]
