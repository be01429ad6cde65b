"""A hand-written stand-in for generated code, placed next to the runtime as
``sdkrt/sample_sdk.py``: it shows how generated clients and resources call
the runtime, and ``test_pyrt_typecheck`` runs ``mypy --strict`` over it."""

from __future__ import annotations

import platform
from functools import cached_property
from typing import Any

import httpx

from ._auth import ApiKeyAuth, AuthProvider, LoginTokenAuth
from ._base_client import (
    AsyncAPIClient,
    RequestHook,
    ResponseHook,
    SyncAPIClient,
    resolve_server_url,
)
from ._env import first_given
from ._files import BinaryResponse
from ._models import BaseModel, OpenEnum
from ._pagination import AsyncPage, Paginator, SyncPage
from ._request import RequestOptions
from ._resource import AsyncAPIResource, SyncAPIResource
from ._response import (
    APIResponse,
    async_to_raw_response_wrapper,
    to_raw_response_wrapper,
)
from ._retry import RetryPolicy
from ._streaming import AsyncStream, Stream
from ._types import NOT_GIVEN, Body, FileTypes, Headers, NotGiven, Query, Timeout

# ---- models -----------------------------------------------------------------


class PetStatus(OpenEnum):
    AVAILABLE = "available"
    SOLD = "sold"


class Pet(BaseModel):
    id: int
    name: str
    status: PetStatus | None = None
    tag: str | None = None


class ChatChunk(BaseModel):
    text: str


# ---- resources ----------------------------------------------------------------

_LIST_PAGINATOR = Paginator(style="cursor", items="data", cursor_param="starting_after", cursor_item_field="id")


class PetsResource(SyncAPIResource):
    @cached_property
    def with_raw_response(self) -> PetsWithRawResponse:
        return PetsWithRawResponse(self)

    def get(
        self,
        pet_id: int,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Pet:
        """Get a pet."""
        return self._client.request(
            RequestOptions(
                method="GET",
                path="/pets/{pet_id}",
                path_params={"pet_id": pet_id},
                envelope="data",
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
            ),
            cast_to=Pet,
        )

    def create(
        self,
        *,
        name: str,
        tag: str | None | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_body: Body | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        idempotency_key: str | NotGiven = NOT_GIVEN,
    ) -> Pet:
        return self._client.request(
            RequestOptions(
                method="POST",
                path="/pets",
                json_body={"name": name, "tag": tag},
                idempotent=True,
                extra_headers=extra_headers,
                extra_body=extra_body,
                timeout=timeout,
                max_retries=max_retries,
                idempotency_key=idempotency_key,
            ),
            cast_to=Pet,
        )

    def list(
        self,
        *,
        limit: int | NotGiven = NOT_GIVEN,
        starting_after: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
    ) -> SyncPage[Pet]:
        return self._client.request_page(
            RequestOptions(
                method="GET",
                path="/pets",
                query={"limit": limit, "starting_after": starting_after},
                security=[],
                extra_headers=extra_headers,
                timeout=timeout,
            ),
            Pet,
            _LIST_PAGINATOR,
        )

    def delete(self, pet_id: int) -> None:
        return self._client.request(
            RequestOptions(method="DELETE", path="/pets/{pet_id}", path_params={"pet_id": pet_id}),
            cast_to=type(None),
        )

    def photo(self, pet_id: int) -> BinaryResponse:
        return self._client.request(
            RequestOptions(
                method="GET",
                path="/pets/{pet_id}/photo",
                path_params={"pet_id": pet_id},
                accept="image/png",
            ),
            cast_to=BinaryResponse,
        )

    def upload(self, pet_id: int, *, file: FileTypes, caption: str) -> Pet:
        return self._client.request(
            RequestOptions(
                method="POST",
                path="/pets/{pet_id}/photo",
                path_params={"pet_id": pet_id},
                multipart={"file": file, "caption": caption},
                file_parts=("file",),
            ),
            cast_to=Pet,
        )

    def chat(self, *, prompt: str) -> Stream[ChatChunk]:
        return self._client.request_stream(
            RequestOptions(method="POST", path="/chat", json_body={"prompt": prompt}),
            ChatChunk,
        )

    def counts(self) -> dict[str, int]:
        return self._client.request(RequestOptions(method="GET", path="/pets/counts"), cast_to=dict[str, int])


class PetsWithRawResponse:
    def __init__(self, pets: PetsResource) -> None:
        self.get = to_raw_response_wrapper(pets.get)
        self.create = to_raw_response_wrapper(pets.create)
        self.list = to_raw_response_wrapper(pets.list)
        self.delete = to_raw_response_wrapper(pets.delete)
        self.chat = to_raw_response_wrapper(pets.chat)


class AsyncPetsResource(AsyncAPIResource):
    @cached_property
    def with_raw_response(self) -> AsyncPetsWithRawResponse:
        return AsyncPetsWithRawResponse(self)

    async def get(
        self,
        pet_id: int,
        *,
        extra_headers: Headers | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Pet:
        return await self._client.request(
            RequestOptions(
                method="GET",
                path="/pets/{pet_id}",
                path_params={"pet_id": pet_id},
                envelope="data",
                extra_headers=extra_headers,
                timeout=timeout,
                max_retries=max_retries,
            ),
            cast_to=Pet,
        )

    async def list(self, *, limit: int | NotGiven = NOT_GIVEN) -> AsyncPage[Pet]:
        return await self._client.request_page(
            RequestOptions(method="GET", path="/pets", query={"limit": limit}),
            Pet,
            _LIST_PAGINATOR,
        )

    async def chat(self, *, prompt: str) -> AsyncStream[ChatChunk]:
        return await self._client.request_stream(
            RequestOptions(method="POST", path="/chat", json_body={"prompt": prompt}),
            ChatChunk,
        )


class AsyncPetsWithRawResponse:
    def __init__(self, pets: AsyncPetsResource) -> None:
        self.get = async_to_raw_response_wrapper(pets.get)
        self.list = async_to_raw_response_wrapper(pets.list)


# ---- clients ----------------------------------------------------------------

SERVER = "https://{region}.petstore.example.com/v1"
SERVER_DEFAULTS = {"region": "us"}
SERVER_ENUMS = {"region": ["us", "eu"]}
USER_AGENT = f"petstore/1.0.0 python/{platform.python_version()}"
RETRY_DEFAULTS = RetryPolicy(max_retries=2, base_delay=0.5, max_delay=8.0)


def _auth(api_key: str | None) -> dict[str, AuthProvider]:
    return {
        "api_key": ApiKeyAuth("X-API-Key", "header", first_given(api_key, "PETSTORE_API_KEY")),
        "bearerAuth": LoginTokenAuth(refresh_path="/auth/refresh"),
    }


class Petstore(SyncAPIClient):
    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        region: str | None = None,
        timeout: Timeout = 60.0,
        max_retries: int | None = None,
        default_headers: dict[str, str] | None = None,
        http_client: httpx.Client | None = None,
        on_request: list[RequestHook] | None = None,
        on_response: list[ResponseHook] | None = None,
    ) -> None:
        super().__init__(
            base_url=base_url or resolve_server_url(SERVER, {"region": region}, SERVER_DEFAULTS, SERVER_ENUMS),
            timeout=timeout,
            max_retries=max_retries,
            retry_policy=RETRY_DEFAULTS,
            default_headers=default_headers,
            user_agent=USER_AGENT,
            auth=_auth(api_key),
            default_security=[["api_key"]],
            on_request=on_request or (),
            on_response=on_response or (),
            http_client=http_client,
        )
        self.pets = PetsResource(self)


class AsyncPetstore(AsyncAPIClient):
    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        super().__init__(
            base_url=base_url or resolve_server_url(SERVER, {}, SERVER_DEFAULTS),
            retry_policy=RETRY_DEFAULTS,
            user_agent=USER_AGENT,
            auth=_auth(api_key),
            default_security=[["api_key"]],
            http_client=http_client,
        )
        self.pets = AsyncPetsResource(self)


def _typing_checks(client: Petstore, aclient: AsyncPetstore) -> None:
    """Never run: mypy checks the types users see."""
    from typing import assert_type

    assert_type(client.pets.get(1), Pet)
    assert_type(client.pets.with_raw_response.get(1), APIResponse[Pet])
    assert_type(client.pets.with_raw_response.get(1).parse(), Pet)
    assert_type(client.pets.with_raw_response.list(), APIResponse[SyncPage[Pet]])
    assert_type(client.pets.with_raw_response.delete(1), APIResponse[None])
    assert_type(client.pets.with_raw_response.chat(prompt="x"), APIResponse[Stream[ChatChunk]])
    assert_type(client.pets.list(), SyncPage[Pet])
    assert_type(next(iter(client.pets.list())), Pet)
    assert_type(client.pets.photo(1).content, bytes)
    assert_type(client.pets.counts(), dict[str, int])

    async def run() -> None:
        assert_type(await aclient.pets.get(1), Pet)
        assert_type(await aclient.pets.with_raw_response.get(1), APIResponse[Pet])
        page = await aclient.pets.list()
        assert_type(page, AsyncPage[Pet])
        async for pet in page:
            assert_type(pet, Pet)
        raw_page = await aclient.pets.with_raw_response.list()
        assert_type(raw_page.parse(), AsyncPage[Pet])
        async for chunk in await aclient.pets.chat(prompt="x"):
            assert_type(chunk, ChatChunk)

    _unused: Any = run
