"""The TypeScript SDK runtime (templates/typescript/runtime) under node's test runner, with a fake fetch.

The runtime and the tests in this folder are compiled together by each pinned tsc (the newest 5.x and 7.x: strict,
noUncheckedIndexedAccess, exactOptionalPropertyTypes), then `node --test` runs them; every node test must pass (a
skipped or todo test fails this one).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.toolchain.node_tools import TSC_VERSIONS, node, run, tool, write_node_project

HERE = Path(__file__).resolve().parent
RUNTIME = HERE.parent.parent.parent / "templates" / "typescript" / "runtime"


@pytest.mark.parametrize("version", TSC_VERSIONS)
def test_runtime_under_node_test(version: str, tmp_path: Path) -> None:
    tsc = tool("tsc", version)
    shutil.copytree(RUNTIME, tmp_path / "core")
    (tmp_path / "tests").mkdir()
    for source in HERE.glob("*.ts"):
        shutil.copy(source, tmp_path / "tests" / source.name)
    write_node_project(tmp_path, ["core", "tests"])
    compiled = run([tsc, "-p", "tsconfig.json"], tmp_path)
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    tests = sorted(str(p) for p in (tmp_path / "out" / "tests").glob("*.test.js"))
    assert tests, "no compiled tests"
    result = run([node(), "--test", *tests], tmp_path, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    counts = {k: int(v) for k, v in re.findall(r"^# (pass|fail|skipped|todo|tests) (\d+)", output, re.M)}
    assert counts.get("tests", 0) > 0 and counts.get("pass") == counts.get("tests"), output[-3000:]
