"""How the Python target spells an identifier (the rest of its naming is in python.py)."""

from __future__ import annotations

from ..ir.naming import snake
from ..plan.model import Name
from .python_data import KEYWORDS


def identifier(text: str | Name, reserved: frozenset[str] = frozenset(), fallback: str = "value") -> str:
    """snake_case identifier: keywords and reserved names get a trailing `_`, digits a prefix."""
    name = "_".join(text.words) if isinstance(text, Name) else snake(text)
    name = name or fallback
    if name[0].isdigit():
        name = f"{fallback}_{name}"
    if name in KEYWORDS or name in reserved:
        name += "_"
    return name
