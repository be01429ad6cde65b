"""`diff` on the largest real specs: a spec against itself has no changes (shared schemas, same-titled union
variants, allOf chains and every parameter style of real documents included)."""

from __future__ import annotations

import pytest

from tests.conftest import shared_spec
from tests.real.real_specs import LARGEST, needs_specs
from zsdk_generator.specdiff.report import diff_specs


@needs_specs
@pytest.mark.parametrize("relative", LARGEST)
def test_a_real_spec_has_no_changes_from_itself(relative: str) -> None:
    spec = str(shared_spec(relative))
    assert [c.message for c in diff_specs(spec, spec).changes] == []
