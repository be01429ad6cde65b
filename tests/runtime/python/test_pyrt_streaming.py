"""Server-sent events: decoder, ``Stream`` and ``AsyncStream``."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from pyrt_support import Harness
from sdkrt._exceptions import APIError, InternalServerError
from sdkrt._models import BaseModel
from sdkrt._request import RequestOptions
from sdkrt._streaming import AsyncStream, ServerSentEvent, SSEDecoder, Stream

SSE_BODY = (
    b": keep-alive comment\n"
    b"\n"
    b"event: delta\n"
    b"id: 1\n"
    b'data: {"text": "hel",\n'
    b'data:  "index": 0}\n'
    b"\n"
    b"retry: 1500\r\n"
    b'data:{"text": "lo", "index": 1}\r\n'
    b"\r\n"
    b'data: {"text": "!", "index": 2}\n'
    b"\n"
    b"data: [DONE]\n"
    b"\n"
    b'data: {"text": "never", "index": 3}\n'
    b"\n"
)


class Chunk(BaseModel):
    text: str
    index: int


def events(lines: list[str]) -> list[ServerSentEvent]:
    return list(SSEDecoder().iter_events(lines))


def test_decoder_fields_and_dispatch() -> None:
    got = events(
        [
            ": comment",
            "event: update",
            "id: 7",
            "retry: 3000",
            "data: line one",
            "data: line two",
            "data",
            "",
            "data:no-space",
            "",
            "event: ignored-without-data",
            "",
            "id: bad\0id",
            "retry: soon",
            "unknown: field",
            "data: x",
            "",
            "data: unterminated",
        ]
    )
    assert got == [
        ServerSentEvent(data="line one\nline two\n", event="update", id="7", retry=3000),
        ServerSentEvent(data="no-space", event=None, id="7"),
        ServerSentEvent(data="x", event=None, id="7"),
        ServerSentEvent(data="unterminated", id="7"),
    ]
    assert ServerSentEvent(data='{"a": 1}').json() == {"a": 1}


def sse_handler(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=SSE_BODY, headers={"content-type": "text/event-stream"})


class ChunkedStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """Yield the body in tiny pieces to exercise line reassembly."""

    def __init__(self, body: bytes, size: int = 3) -> None:
        self.body = body
        self.size = size
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        for i in range(0, len(self.body), self.size):
            yield self.body[i : i + self.size]

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for i in range(0, len(self.body), self.size):
            yield self.body[i : i + self.size]

    def close(self) -> None:
        self.closed = True

    async def aclose(self) -> None:
        self.closed = True


def test_sync_stream_models_multiline_and_done() -> None:
    body = ChunkedStream(SSE_BODY)
    h = Harness(
        "sync",
        lambda r: httpx.Response(200, stream=body, headers={"content-type": "text/event-stream"}),
    )
    options = RequestOptions(method="POST", path="/chat", json_body={"stream": True})
    stream = h.client.request_stream(options, Chunk)
    assert isinstance(stream, Stream)
    assert h.requests[0].headers["Accept"] == "text/event-stream"
    assert [c.text for c in stream] == ["hel", "lo", "!"]
    assert stream.response.is_closed
    assert body.closed


def test_sync_stream_raw_events_and_context_manager() -> None:
    h = Harness("sync", sse_handler)
    with h.client.request_stream(RequestOptions(method="GET", path="/events"), ServerSentEvent) as stream:
        first = next(stream)
        assert first.event == "delta"
        assert first.id == "1"
        assert first.json() == {"text": "hel", "index": 0}
    assert stream.response.is_closed


def test_async_stream() -> None:
    h = Harness("async", sse_handler)

    async def run() -> list[int]:
        stream = await h.client.request_stream(RequestOptions(method="GET", path="/events"), Chunk)
        assert isinstance(stream, AsyncStream)
        out = [chunk.index async for chunk in stream]
        assert stream.response.is_closed
        return out

    assert asyncio.run(run()) == [0, 1, 2]


def test_async_stream_chunked_and_context_manager() -> None:
    body = ChunkedStream(SSE_BODY, size=1)
    h = Harness("async", lambda r: httpx.Response(200, stream=body))

    async def run() -> str:
        stream = await h.client.request_stream(RequestOptions(method="GET", path="/e"), Chunk)
        async with stream:
            first = await stream.__anext__()
        assert stream.response.is_closed
        return first.text

    assert asyncio.run(run()) == "hel"


def test_async_stream_unterminated_last_event() -> None:
    h = Harness(
        "async",
        lambda r: httpx.Response(200, content=b'data: {"text": "a", "index": 0}'),
    )

    async def run() -> list[str]:
        stream = await h.client.request_stream(RequestOptions(method="GET", path="/e"), Chunk)
        return [c.text async for c in stream]

    assert asyncio.run(run()) == ["a"]


def test_error_event_raises() -> None:
    body = b'data: {"text": "a", "index": 0}\n\nevent: error\ndata: {"error": {"message": "overloaded", "code": "busy"}}\n\n'
    h = Harness("sync", lambda r: httpx.Response(200, content=body))
    stream = h.client.request_stream(RequestOptions(method="GET", path="/e"), Chunk)
    assert next(stream).text == "a"
    with pytest.raises(APIError) as info:
        next(stream)
    assert info.value.message == "overloaded"
    assert info.value.code == "busy"


def test_stream_error_status_is_retried_then_raised() -> None:
    calls = {"n": 0}

    def handler(request: httpx.Request) -> httpx.Response:
        calls["n"] += 1
        if calls["n"] == 1:
            return httpx.Response(503, json={"message": "warming up"})
        if calls["n"] == 2:
            return sse_handler(request)
        return httpx.Response(500, json={"message": "dead"})

    h = Harness("sync", handler)
    assert [c.index for c in h.client.request_stream(RequestOptions(method="GET", path="/e"), Chunk)] == [0, 1, 2]
    with pytest.raises(InternalServerError) as info:
        h.client.request_stream(RequestOptions(method="GET", path="/e", max_retries=0), Chunk)
    assert info.value.message == "dead"
