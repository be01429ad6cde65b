"""The language-neutral intermediate representation and its builder."""

from .model import Api

__all__ = ["Api"]
