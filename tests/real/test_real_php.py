"""The PHP SDK generates for every real spec (real/ and peer-tests/); Stripe's, GitHub's and OpenAI's are `php -l`
clean, PSR-12 clean — no phpcs finding, a line over 120 columns (its warning) included, unless a real name too long
to fit makes it so (php_tools.findings) — and load every class under error_reporting(E_ALL) without a notice or
deprecation.

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
def test_largest_sdks_lint_load_and_are_psr12_clean(tmp_path: Path) -> None:
    """One php -l, one phpcs and one load over the three SDKs' generated files (the runtime is checked once, in
    tests/toolchain/test_php_sdk.py); every check runs before any fails, so one report says all that is wrong."""
    sdks = []
    for i, relative in enumerate(LARGEST):
        sdk = tmp_path / f"sdk{i}"
        write_tree(sdk, generate("php", shared_spec(relative)), language="php")
        sdks.append(sdk)
    files = [f for sdk in sdks for f in php_tools.sources(sdk / "src") if "Core" not in f.relative_to(sdk).parts[:2]]
    linted = php_tools.php_lint(files)
    assert linted.returncode == 0, (linted.stdout + linted.stderr)[-5000:]
    checked = php_tools.phpcs(files)
    for sdk in sdks:
        php_tools.dump_autoload(sdk)
    loaded = php_tools.load_all(sdks)
    assert loaded.returncode == 0, (loaded.stdout + loaded.stderr)[-5000:]
    findings = php_tools.findings(checked, long_names=True)
    assert not findings, f"{len(findings)} PSR-12 findings, e.g.:\n" + "\n".join(findings[:20])
