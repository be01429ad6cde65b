"""The PHP SDK generates for every real spec (real/ and peer-tests/); Stripe's, GitHub's and OpenAI's are `php -l`
clean, without a PSR-12 error, and load every class. PSR-12's line-length warning is left out here: a few of
their names alone are longer than a line can hold where PHP cannot break one (a `use` line, a required property
of a long class name, a long path literal); the golden and hostile SDKs are checked with warnings too.

Skipped (with the reason) when ../shared/specs is absent; without PHP's tools the build test fails under CI and is
skipped elsewhere (tests/toolchain/php_tools.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SHARED_SPECS, shared_spec
from tests.real.real_specs import LARGEST, REAL, generate, needs_specs
from tests.toolchain import php_tools
from zsdk_generator.diagnostics import SpecError
from zsdk_generator.writer import write_tree


@needs_specs
@pytest.mark.parametrize("relative", REAL)
def test_php_generates(relative: str) -> None:
    try:
        files = generate("php", SHARED_SPECS / relative)
    except SpecError as exc:  # a clear error is allowed only for what the IR could not build
        pytest.fail(f"generation failed: {exc.diagnostic.format()}")
    assert "composer.json" in files and any(path.endswith("Client.php") for path in files)


@needs_specs
def test_largest_sdks_lint_and_load(tmp_path: Path) -> None:
    """One php -l, one phpcs and one load over the three SDKs' generated files (the runtime is checked once, in
    tests/toolchain/test_php_sdk.py)."""
    sdks = []
    for i, relative in enumerate(LARGEST):
        sdk = tmp_path / f"sdk{i}"
        write_tree(sdk, generate("php", shared_spec(relative)), language="php")
        sdks.append(sdk)
    files = [f for sdk in sdks for f in php_tools.sources(sdk / "src") if "Core" not in f.relative_to(sdk).parts[:2]]
    linted = php_tools.php_lint(files)
    assert linted.returncode == 0, (linted.stdout + linted.stderr)[-5000:]
    checked = php_tools.phpcs(files, warnings=False)
    assert checked.returncode == 0, checked.stdout[-5000:]
    for sdk in sdks:
        php_tools.dump_autoload(sdk)
    loaded = php_tools.load_all(sdks)
    assert loaded.returncode == 0, (loaded.stdout + loaded.stderr)[-5000:]
