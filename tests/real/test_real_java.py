"""The Java SDK generates for every real spec (real/ and peer-tests/); Stripe's (and in the full sweep GitHub's and
OpenAI's: real_specs.COMPILED_LARGEST) is google-java-format clean and compiles with every lint warning an error.

Skipped (with the reason) when ../shared/specs is absent; without a JDK the build test fails under CI and is
skipped elsewhere (tests/toolchain/java_tools.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SHARED_SPECS, shared_spec
from tests.real.real_specs import COMPILED_LARGEST, REAL, generate, needs_specs
from tests.toolchain import java_tools
from zsdk_generator.diagnostics import SpecError
from zsdk_generator.writer import write_tree


@needs_specs
@pytest.mark.parametrize("relative", REAL)
def test_java_generates(relative: str) -> None:
    try:
        files = generate("java", SHARED_SPECS / relative)
    except SpecError as exc:  # a clear error is allowed only for what the IR could not build
        pytest.fail(f"generation failed: {exc.diagnostic.format()}")
    assert "pom.xml" in files and any(path.endswith("Client.java") for path in files)


@needs_specs
@pytest.mark.parametrize("relative", COMPILED_LARGEST)
def test_largest_sdks_compile(relative: str, tmp_path: Path) -> None:
    sdk = tmp_path / "sdk"
    write_tree(sdk, generate("java", shared_spec(relative)), language="java")
    main = java_tools.sources(sdk / "src" / "main")
    changed = java_tools.gjf_changed(main)
    assert not changed, f"google-java-format would change {len(changed)} files, e.g. {changed[:5]}"
    result = java_tools.javac(main, tmp_path / "classes")
    assert result.returncode == 0, (result.stdout + result.stderr)[-5000:]
