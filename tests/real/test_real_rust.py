"""The Rust SDK generates for every real spec (real/ and peer-tests/); Stripe's (and in the full sweep GitHub's and
OpenAI's: real_specs.COMPILED_LARGEST) is rustfmt-clean and passes `cargo check`.

Skipped (with the reason) when ../shared/specs is absent; without cargo the build test fails under CI and is
skipped elsewhere (tests/toolchain/rust_tools.py). The three SDKs share one target folder, so the dependencies
compile once.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SHARED_SPECS, shared_spec
from tests.real.real_specs import COMPILED_LARGEST, REAL, generate, needs_specs
from tests.toolchain import rust_tools
from zsdk_generator.diagnostics import SpecError
from zsdk_generator.writer import write_tree


@needs_specs
@pytest.mark.parametrize("relative", REAL)
def test_rust_generates(relative: str) -> None:
    try:
        files = generate("rust", SHARED_SPECS / relative)
    except SpecError as exc:  # a clear error is allowed only for what the IR could not build
        pytest.fail(f"generation failed: {exc.diagnostic.format()}")
    assert "Cargo.toml" in files and "src/lib.rs" in files


@needs_specs
@pytest.mark.parametrize("relative", COMPILED_LARGEST)
def test_largest_sdks_check(relative: str, tmp_path: Path) -> None:
    cargo = rust_tools.cargo()
    write_tree(tmp_path, generate("rust", shared_spec(relative)), language="rust")
    fmt = rust_tools.run([cargo, "fmt", "--check"], tmp_path)
    assert fmt.returncode == 0, "cargo fmt would change files:\n" + (fmt.stdout + fmt.stderr)[-3000:]
    result = rust_tools.run([cargo, "check", "--quiet"], tmp_path, timeout=3600)
    assert result.returncode == 0 and "warning" not in result.stderr, (result.stdout + result.stderr)[-5000:]
