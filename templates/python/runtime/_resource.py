"""Bases of generated resource classes (``client.pets`` is one)."""

from __future__ import annotations

from ._base_client import AsyncAPIClient, SyncAPIClient

__all__ = ["AsyncAPIResource", "SyncAPIResource"]


class SyncAPIResource:
    """A group of operations sharing one ``SyncAPIClient``."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client


class AsyncAPIResource:
    """A group of operations sharing one ``AsyncAPIClient``."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client
