"""The generated PHP SDKs, byte for byte, against golden/<spec>/php (syrupy)."""

from __future__ import annotations

import pytest

from tests.golden.golden import GOLDEN_SPECS, committed_files, generate, golden_dir, golden_file


@pytest.mark.parametrize("spec", GOLDEN_SPECS)
def test_php_sdk_matches_golden(spec: str, snapshot, request) -> None:  # type: ignore[no-untyped-def]
    files = generate(spec, "php")
    for relative, text in files.items():
        assert text == snapshot(extension_class=golden_file(spec, "php", relative))
    stale = committed_files(spec, "php") - set(files)
    if stale and request.config.option.update_snapshots:
        for relative in stale:
            (golden_dir(spec, "php") / relative).unlink()
        stale = set()
    assert not stale, f"golden files the generator no longer makes (run pytest --snapshot-update): {sorted(stale)}"


def test_generation_is_deterministic() -> None:
    assert generate("edge-cases", "php") == generate("edge-cases", "php")
