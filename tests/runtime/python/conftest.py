"""Fixtures for the Python runtime tests (see ``pyrt_support``)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pyrt_support import Handler, Harness


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def harness(mode: str) -> Callable[..., Harness]:
    """Factory: ``harness(handler, **client_kwargs)`` in the current mode."""

    def make(handler: Handler, **kwargs: Any) -> Harness:
        return Harness(mode, handler, **kwargs)

    return make
