"""Response parsing, envelopes, binary downloads and ``with_raw_response``."""

from __future__ import annotations

import asyncio
import io
from functools import cached_property
from pathlib import Path
from typing import Any

import httpx
import pytest
from pyrt_support import json_response, sequence
from sdkrt._base_client import AsyncAPIClient, SyncAPIClient
from sdkrt._exceptions import APIResponseValidationError, NotFoundError
from sdkrt._files import BinaryResponse
from sdkrt._models import BaseModel
from sdkrt._request import RequestOptions
from sdkrt._resource import AsyncAPIResource, SyncAPIResource
from sdkrt._response import (
    APIResponse,
    async_to_raw_response_wrapper,
    to_raw_response_wrapper,
    unwrap_envelope,
)
from sdkrt._types import NOT_GIVEN, NotGiven


class Pet(BaseModel):
    id: int
    name: str


def get(**kwargs: Any) -> RequestOptions:
    return RequestOptions(method="GET", path="/pets/1", **kwargs)


def test_unwrap_envelope() -> None:
    body = {"data": {"id": 1}, "meta": {"page": 1}, "result": {"item": {"x": 1}}}
    assert unwrap_envelope(body, "data") == {"id": 1}
    assert unwrap_envelope(body, "result.item") == {"x": 1}
    assert unwrap_envelope(body, None) is body
    assert unwrap_envelope(body, "missing") is body
    assert unwrap_envelope([1], "data") == [1]


def test_model_and_envelope(harness: Any) -> None:
    h = harness(sequence(json_response(200, {"data": {"id": 1, "name": "rex", "color": "brown"}, "meta": {}})))
    pet = h.call("request", get(envelope="data"), Pet)
    assert isinstance(pet, Pet)
    assert (pet.id, pet.name) == (1, "rex")
    assert pet.model_extra == {"color": "brown"}


def test_list_dict_and_primitives(harness: Any) -> None:
    h = harness(sequence(json_response(200, [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}])))
    pets = h.call("request", get(), list[Pet])
    assert [p.name for p in pets] == ["a", "b"]
    h = harness(sequence(json_response(200, {"a": 1})))
    assert h.call("request", get(), dict[str, int]) == {"a": 1}
    h = harness(sequence(json_response(200, 42)))
    assert h.call("request", get(), int) == 42
    h = harness(sequence(json_response(200, {"id": 1, "name": "x"})))
    assert h.call("request", get(), Pet | str) == Pet(id=1, name="x")


def test_text_response(harness: Any) -> None:
    h = harness(sequence(httpx.Response(200, text="pong", headers={"content-type": "text/plain"})))
    assert h.call("request", get(), str) == "pong"
    h = harness(sequence(json_response(200, "quoted")))
    assert h.call("request", get(), str) == "quoted"


def test_no_content(harness: Any) -> None:
    h = harness(sequence(httpx.Response(204)))
    assert h.call("request", RequestOptions(method="DELETE", path="/pets/1"), type(None)) is None


def test_invalid_body_raises_validation_error(harness: Any) -> None:
    h = harness(sequence(json_response(200, {"id": "not-a-number", "name": "x"})))
    with pytest.raises(APIResponseValidationError) as info:
        h.call("request", get(), Pet)
    assert info.value.status_code == 200
    assert info.value.body == {"id": "not-a-number", "name": "x"}
    h = harness(sequence(httpx.Response(200, text="<html>", headers={"content-type": "text/html"})))
    with pytest.raises(APIResponseValidationError):
        h.call("request", get(), Pet)


def test_binary_download(harness: Any, tmp_path: Path) -> None:
    payload = bytes(range(256)) * 10
    h = harness(sequence(httpx.Response(200, content=payload, headers={"content-type": "image/png"})))
    result = h.call("request", get(accept="image/png"), BinaryResponse)
    assert h.requests[0].headers["Accept"] == "image/png"
    assert isinstance(result, BinaryResponse)
    assert result.content == payload
    assert result.status_code == 200
    assert result.content_type == "image/png"
    assert result.headers["content-type"] == "image/png"
    assert b"".join(result.iter_bytes(100)) == payload
    assert len(list(result.iter_bytes(1000))) == 3
    target = tmp_path / "out.png"
    result.write_to_file(target)
    assert target.read_bytes() == payload
    buffer = io.BytesIO()
    result.write_to_file(buffer)
    assert buffer.getvalue() == payload
    h = harness(sequence(httpx.Response(200, content=b"abc")))
    assert h.call("request", get(), bytes) == b"abc"
    h = harness(sequence(httpx.Response(200, content=b"abc")))
    assert isinstance(h.call("request", get(), httpx.Response), httpx.Response)


# --- a generated-style resource, sync and async, with raw wiring ---------


class PetsResource(SyncAPIResource):
    def get(
        self,
        pet_id: int,
        *,
        extra_headers: dict[str, str] | None = None,
        timeout: float | None | NotGiven = NOT_GIVEN,
    ) -> Pet:
        return self._client.request(
            RequestOptions(
                method="GET",
                path="/pets/{pet_id}",
                path_params={"pet_id": pet_id},
                extra_headers=extra_headers,
                timeout=timeout,
            ),
            cast_to=Pet,
        )

    @cached_property
    def with_raw_response(self) -> PetsWithRawResponse:
        return PetsWithRawResponse(self)


class PetsWithRawResponse:
    def __init__(self, pets: PetsResource) -> None:
        self.get = to_raw_response_wrapper(pets.get)


class AsyncPetsResource(AsyncAPIResource):
    async def get(self, pet_id: int) -> Pet:
        return await self._client.request(
            RequestOptions(method="GET", path="/pets/{pet_id}", path_params={"pet_id": pet_id}),
            cast_to=Pet,
        )

    @cached_property
    def with_raw_response(self) -> AsyncPetsWithRawResponse:
        return AsyncPetsWithRawResponse(self)


class AsyncPetsWithRawResponse:
    def __init__(self, pets: AsyncPetsResource) -> None:
        self.get = async_to_raw_response_wrapper(pets.get)


def pet_handler(request: httpx.Request) -> httpx.Response:
    if request.url.path.endswith("/404"):
        return httpx.Response(404, json={"message": "nope"})
    return httpx.Response(
        200,
        json={"id": 7, "name": "rex"},
        headers={"x-request-id": "req_7", "x-custom": "c"},
    )


def sync_client() -> SyncAPIClient:
    return SyncAPIClient(
        base_url="https://api.example.com",
        http_client=httpx.Client(transport=httpx.MockTransport(pet_handler)),
    )


def test_with_raw_response_sync() -> None:
    pets = PetsResource(sync_client())
    raw = pets.with_raw_response.get(7, extra_headers={"X-A": "1"})
    assert isinstance(raw, APIResponse)
    assert raw.status_code == 200
    assert raw.headers["x-custom"] == "c"
    assert raw.request_id == "req_7"
    assert raw.http_response.request.headers["X-A"] == "1"
    assert raw.json() == {"id": 7, "name": "rex"}
    assert raw.parse() == Pet(id=7, name="rex")
    assert raw.parse() is raw.parse()
    assert "APIResponse [200]" in repr(raw)
    assert raw.content == raw.http_response.content
    assert raw.text.startswith("{")
    assert str(raw.url) == "https://api.example.com/pets/7"
    # the flag does not leak into later plain calls
    assert pets.get(7) == Pet(id=7, name="rex")
    assert pets.with_raw_response.get.__name__ == "get"
    with pytest.raises(NotFoundError):
        pets.with_raw_response.get(404)
    assert pets.get(1) == Pet(id=7, name="rex")


def test_with_raw_response_async() -> None:
    async def run() -> None:
        client = AsyncAPIClient(
            base_url="https://api.example.com",
            http_client=httpx.AsyncClient(transport=httpx.MockTransport(pet_handler)),
        )
        pets = AsyncPetsResource(client)
        raw = await pets.with_raw_response.get(7)
        assert isinstance(raw, APIResponse)
        assert raw.status_code == 200
        assert raw.request_id == "req_7"
        assert raw.parse() == Pet(id=7, name="rex")
        assert await pets.get(7) == Pet(id=7, name="rex")
        results = await asyncio.gather(pets.with_raw_response.get(1), pets.get(2))
        assert isinstance(results[0], APIResponse)
        assert isinstance(results[1], Pet)

    asyncio.run(run())


def test_raw_wrapper_rejects_methods_without_request() -> None:
    def not_a_request() -> int:
        return 1

    with pytest.raises(TypeError):
        to_raw_response_wrapper(not_a_request)()
