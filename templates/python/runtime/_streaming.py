"""Server-sent events: a line decoder and ``Stream`` / ``AsyncStream``.

Each event's ``data`` is JSON-decoded and cast to the stream's item type,
unless the item type is ``ServerSentEvent`` itself (raw events).  A
``data: [DONE]`` event ends the stream; an ``event: error`` event raises
``APIError``.  An unterminated last event is still delivered.  The
response is closed when iteration ends, on ``close()`` and when a ``with`` /
``async with`` block exits.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass
from typing import (
    Generic,
    Self,
    TypeVar,
    cast,
)

import httpx

from ._exceptions import APIError, extract_error
from ._models import validate_as

__all__ = ["AsyncStream", "SSEDecoder", "ServerSentEvent", "Stream", "decode_event"]

T = TypeVar("T")


@dataclass(frozen=True)
class ServerSentEvent:
    """One dispatched event; ``event`` is ``None`` for the default type."""

    data: str = ""
    event: str | None = None
    id: str | None = None
    retry: int | None = None

    def json(self) -> object:
        return json.loads(self.data)


class SSEDecoder:
    """Feed lines (without line endings); get events at blank lines.

    Follows the WHATWG algorithm: ``field: value`` with one optional space
    removed, repeated ``data`` lines joined by ``\\n``, ``:`` comments
    ignored, an event without ``data`` not dispatched, ``id`` kept across
    events.
    """

    def __init__(self) -> None:
        self._event: str | None = None
        self._data: list[str] = []
        self._id: str | None = None
        self._retry: int | None = None

    def decode(self, line: str) -> ServerSentEvent | None:
        if not line:
            if not self._data:
                self._event = None
                self._retry = None
                return None
            event = ServerSentEvent(
                data="\n".join(self._data),
                event=self._event,
                id=self._id,
                retry=self._retry,
            )
            self._event, self._data, self._retry = None, [], None
            return event
        if line.startswith(":"):
            return None
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._event = value
        elif name == "id":
            if "\0" not in value:
                self._id = value
        elif name == "retry" and value.isdigit():
            self._retry = int(value)
        return None

    def iter_events(self, lines: Iterable[str]) -> Iterator[ServerSentEvent]:
        for line in lines:
            event = self.decode(line)
            if event is not None:
                yield event
        event = self.decode("")
        if event is not None:
            yield event


def decode_event(event: ServerSentEvent, item_type: type[T]) -> T:
    """One event as the stream's item type (see the module docstring)."""
    if event.event == "error":
        try:
            body: object = json.loads(event.data)
        except ValueError:
            body = event.data
        message, code = extract_error(body)
        raise APIError(message or event.data or "Stream error", body=body, code=code)
    if item_type is ServerSentEvent:
        return cast(T, event)
    return validate_as(json.loads(event.data), item_type)


class Stream(Generic[T]):
    """Iterate the items of an SSE response, once."""

    def __init__(self, response: httpx.Response, item_type: type[T]) -> None:
        self.response = response
        self._item_type = item_type
        self._iterator = self._iterate()

    def _iterate(self) -> Iterator[T]:
        try:
            for event in SSEDecoder().iter_events(self.response.iter_lines()):
                if event.data == "[DONE]":
                    break
                yield decode_event(event, self._item_type)
        finally:
            self.response.close()

    def __iter__(self) -> Iterator[T]:
        return self._iterator

    def __next__(self) -> T:
        return next(self._iterator)

    def close(self) -> None:
        self.response.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncStream(Generic[T]):
    """Iterate the items of an SSE response with ``async for``, once."""

    def __init__(self, response: httpx.Response, item_type: type[T]) -> None:
        self.response = response
        self._item_type = item_type
        self._iterator = self._iterate()

    async def _iterate(self) -> AsyncIterator[T]:
        decoder = SSEDecoder()
        try:
            async for line in self.response.aiter_lines():
                event = decoder.decode(line)
                if event is None:
                    continue
                if event.data == "[DONE]":
                    return
                yield decode_event(event, self._item_type)
            event = decoder.decode("")
            if event is not None and event.data != "[DONE]":
                yield decode_event(event, self._item_type)
        finally:
            await self.response.aclose()

    def __aiter__(self) -> AsyncIterator[T]:
        return self._iterator

    async def __anext__(self) -> T:
        return await self._iterator.__anext__()

    async def close(self) -> None:
        await self.response.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()
