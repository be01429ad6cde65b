"""Every real spec in ../shared/specs builds an IR, or stops with a clear located error — never a crash.

Skipped (with the reason) when ../shared/specs is absent; in CI with the folder present, nothing is skipped.
"""

from __future__ import annotations

from functools import cache

import pytest

from tests.conftest import SHARED_SPECS
from tests.real.real_specs import built
from zsdk_generator.diagnostics import Diagnostic
from zsdk_generator.spec.pointer import escape, get, split
from zsdk_generator.spec.walk import HTTP_METHODS

FOLDERS = ("real", "peer-tests", "corpus-oas3", "corpus-swagger2")
SUFFIXES = (".json", ".yaml", ".yml")


def _files() -> list[str]:
    if not SHARED_SPECS.exists():
        return []
    found = []
    for folder in FOLDERS:
        for path in sorted((SHARED_SPECS / folder).rglob("*")):
            if path.suffix in SUFFIXES:
                found.append(str(path.relative_to(SHARED_SPECS)))
    return found


FILES = _files()


@cache
def outcome(relative: str) -> tuple[bool, tuple[Diagnostic, ...], int, int, int, int]:
    """(built, errors, operations in the IR, operations in the document, component models, component schemas)."""
    result = built(SHARED_SPECS / relative)
    declared = 0
    if result.document is not None:
        data = result.document.data
        for item in (data.get("paths") or {}).values():
            if isinstance(item, dict) and isinstance(item.get("$ref"), str):
                item = get(data, split(item["$ref"]))
            if isinstance(item, dict):
                declared += sum(isinstance(item.get(m), dict) for m in HTTP_METHODS)
    ok = result.api is not None
    ops = len(result.api.all_operations()) if result.api else 0
    schemas = ((result.document.data if result.document else {}).get("components") or {}).get("schemas") or {}
    sources = {m.source for m in result.api.models} if result.api else set()
    models = sum(1 for name in schemas if "/components/schemas/" + escape(str(name)) in sources)
    return ok, tuple(result.errors), ops, declared, models, len(schemas)


def _is_fragment(relative: str) -> bool:
    """A file another spec `$ref`s into, not an OpenAPI document of its own."""
    return relative.endswith("hey-api-3.1.x/external-shared.json")


@pytest.mark.skipif(not FILES, reason=f"shared specs not available: {SHARED_SPECS} is absent")
@pytest.mark.parametrize("relative", FILES)
def test_builds_or_stops_with_a_clear_error(relative: str) -> None:
    built, errors, ops, declared, models, schemas = outcome(relative)
    if built:
        assert ops == declared, f"{declared - ops} operations did not reach the IR"
        assert models == schemas, f"{schemas - models} component schemas did not become models"
    else:
        assert errors, "no IR and no error"
        for error in errors:
            assert error.file and error.message
            assert error.line >= 1 or _is_fragment(relative) is False


@pytest.mark.skipif(not FILES, reason=f"shared specs not available: {SHARED_SPECS} is absent")
def test_at_least_98_percent_build() -> None:
    documents = [f for f in FILES if not _is_fragment(f)]
    failed = [f for f in documents if not outcome(f)[0]]
    rate = 1 - len(failed) / len(documents)
    print(f"\n{len(documents) - len(failed)}/{len(documents)} real specs build ({rate:.1%})")
    for relative in failed:
        print(f"  not built: {relative}: {outcome(relative)[1][0].format()}")
    assert rate >= 0.98, failed


@pytest.mark.skipif(not FILES, reason=f"shared specs not available: {SHARED_SPECS} is absent")
def test_fragment_file_is_a_clear_error() -> None:
    fragment = next(f for f in FILES if _is_fragment(f))
    built, errors, *_ = outcome(fragment)
    assert not built and "not an OpenAPI document" in errors[0].message
