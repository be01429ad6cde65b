"""Default credentials and settings from environment variables.

Generated code passes the variable name (``PETSTORE_API_KEY``); an unset or
blank variable reads as ``None``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

__all__ = ["env_value", "first_given"]


def env_value(name: str, environ: Mapping[str, str] | None = None) -> str | None:
    """The stripped value of ``name``, or ``None`` when unset or blank."""
    value = (os.environ if environ is None else environ).get(name)
    if value is None:
        return None
    value = value.strip()
    return value or None


def first_given(
    explicit: str | None, name: str, environ: Mapping[str, str] | None = None
) -> str | None:
    """``explicit`` when not ``None``, else the environment variable."""
    return explicit if explicit is not None else env_value(name, environ)
