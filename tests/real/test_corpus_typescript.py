"""The TypeScript SDKs of every corpus spec (434 real documents) type-check, in one strict tsc run.

Each spec's `src/` goes into its own folder of one project (a module tree per SDK, so they cannot clash), and a
single tsc --strict --noUncheckedIndexedAccess --noUnusedLocals run checks them all: one process instead of 434
keeps the sweep around a minute. Formatting is covered by the golden and real-spec tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SHARED_SPECS
from tests.toolchain.node_tools import run as run_tool
from tests.toolchain.node_tools import tool
from zsdk_generator.config import Config
from zsdk_generator.diagnostics import SpecError
from zsdk_generator.pipeline import run
from zsdk_generator.render import render
from zsdk_generator.targets.registry import load_target

FOLDERS = ("corpus-oas3", "corpus-swagger2")
FILES = sorted(
    p
    for folder in FOLDERS
    if (SHARED_SPECS / folder).exists()
    for p in (SHARED_SPECS / folder).iterdir()
    if p.suffix in (".json", ".yaml", ".yml")
)


@pytest.mark.skipif(not FILES, reason=f"shared specs not available: {SHARED_SPECS} is absent")
def test_corpus_sdks_type_check(tmp_path: Path) -> None:
    tsc = tool("tsc")
    target = load_target("typescript")
    problems = []
    for spec in FILES:
        result = run(str(spec))
        if result.api is None:  # the IR stops with a located error: generation is not expected
            continue
        try:
            files = render(target, result.api, Config().for_language("typescript", result.api))
        except SpecError as exc:
            problems.append(f"{spec.name}: {exc.diagnostic.format()}")
            continue
        folder = tmp_path / f"{spec.parent.name}__{spec.stem}"
        for path, text in files.items():
            if path.startswith("src/"):
                (folder / path).parent.mkdir(parents=True, exist_ok=True)
                (folder / path).write_text(text, encoding="utf-8")
    assert not problems, "\n".join(problems)
    config = {
        "compilerOptions": {
            "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext",
            "lib": ["ES2022", "DOM", "DOM.Iterable"], "types": [], "strict": True, "noUncheckedIndexedAccess": True,
            "noImplicitOverride": True, "noUnusedLocals": True, "noUnusedParameters": True, "noEmit": True,
            "skipLibCheck": True,
        },
        "include": ["*/src/**/*.ts"],
    }  # fmt: skip
    (tmp_path / "tsconfig.json").write_text(json.dumps(config), encoding="utf-8")
    checked = run_tool([tsc, "-p", "tsconfig.json"], tmp_path, timeout=1200)
    assert checked.returncode == 0, checked.stdout[-5000:] + checked.stderr[-2000:]
