"""The Python SDK for every corpus spec (434 real documents) is valid Python, or generation stops clearly.

Formatting is left out here (black only re-lays valid code; it fails only on what `compile` rejects), which
keeps this sweep fast; the formatted output is covered by test_real_python and the golden toolchain tests.
"""

from __future__ import annotations

from functools import cache

import pytest

from tests.conftest import SHARED_SPECS
from tests.real.real_specs import CORPUS, built
from zsdk_generator.config import Config
from zsdk_generator.diagnostics import SpecError
from zsdk_generator.render import render
from zsdk_generator.targets.python import PythonTarget

FILES = CORPUS


class _Unformatted(PythonTarget):
    def format(self, path: str, text: str) -> str:
        return text


@cache
def outcome(relative: str) -> str:
    """ "ok", or the located error that stopped generation."""
    result = built(SHARED_SPECS / relative)
    if result.api is None:
        return result.errors[0].format()
    try:
        files = render(_Unformatted(), result.api, Config().for_language("python", result.api))
    except SpecError as exc:
        return exc.diagnostic.format()
    for path, text in files.items():
        if path.endswith(".py"):
            compile(text, path, "exec")  # a SyntaxError fails the test with the file and line
    return "ok"


@pytest.mark.skipif(not FILES, reason=f"shared specs not available: {SHARED_SPECS} is absent")
@pytest.mark.parametrize("relative", FILES)
def test_corpus_spec_generates_valid_python(relative: str) -> None:
    assert outcome(relative) == "ok"
