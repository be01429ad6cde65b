"""How the TypeScript target spells an identifier: camelCase from the plan's words, a reserved word renamed."""

from __future__ import annotations

from ..ir.naming import words
from ..plan.model import Name
from . import typescript_data as data

# A positional argument never takes the name of the params object or the call options after it.
POSITIONAL = data.RESERVED | {"params", "options"}


def camel(text: str) -> str:
    parts = words(text)
    return (parts[0] + "".join(w[:1].upper() + w[1:] for w in parts[1:])) if parts else ""


def identifier(text: str, reserved: frozenset[str] = data.RESERVED, fallback: str = "value") -> str:
    """camelCase name; a reserved one gets a trailing `_`, a leading digit a prefix."""
    name = camel(text) or fallback
    if name[0].isdigit():
        name = fallback + name[:1].upper() + name[1:]
    return name + "_" if name in reserved else name


def spelled(name: Name, reserved: frozenset[str] = data.RESERVED, fallback: str = "value") -> str:
    return identifier(" ".join(name.words), reserved, fallback)
