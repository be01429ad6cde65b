"""The clients generated SDK clients extend: ``SyncAPIClient`` and
``AsyncAPIClient``.

Every decision (request building, auth selection, retry table and delays,
error mapping, response parsing, paging) lives in the pure helpers of the
other modules and in ``BaseClient``; the two subclasses only hold the send
loop, which differs by ``await``.

Public methods, the same in both (async ones are coroutines):

- ``request(options, cast_to)`` → ``cast_to`` (``APIResponse`` in raw mode)
- ``request_page(options, item_type, paginator)`` → ``SyncPage`` / ``AsyncPage``
- ``request_stream(options, item_type)`` → ``Stream`` / ``AsyncStream``
- ``request_login(options, provider)`` → the login body, tokens stored

One call: prepare once (URL, body, idempotency key), then per try fetch any
token a provider needs, apply credentials, run hooks, send; a 4xx/5xx
becomes an ``APIStatusError``.  A 401 on a call whose token can be
refreshed drops the token and tries once more (not counted as a retry);
otherwise the retry table in ``_retry`` decides.  A failed token fetch is
retried as ``_refresh`` says.
"""

from __future__ import annotations

import asyncio
import dataclasses
import inspect
import platform
import random
import threading
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Self, TypeVar, cast

import httpx

from ._auth import AuthProvider, LoginTokenAuth, TokenRequest, select_auth
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    make_status_error,
)
from ._pagination import AsyncPage, Paginator, SyncPage, parse_page
from ._refresh import (
    RefreshFailed,
    accept_token,
    build_token_request,
    delay_after,
    drop_tokens,
)
from ._request import PreparedRequest, RequestOptions, build_attempt, prepare_request
from ._response import (
    APIResponse,
    consume_raw_response_flag,
    decode_json,
    parse_response,
)
from ._retry import RetryPolicy
from ._streaming import AsyncStream, Stream
from ._types import Security, Timeout
from ._url import resolve_server_url

__all__ = [
    "DEFAULT_TIMEOUT",
    "AsyncAPIClient",
    "BaseClient",
    "RequestHook",
    "ResponseHook",
    "SyncAPIClient",
    "default_user_agent",
    "resolve_server_url",
]

T = TypeVar("T")
_V = TypeVar("_V")

DEFAULT_TIMEOUT = 60.0

RequestHook = Callable[[httpx.Request], object]
"""Called with every request sent (token requests too), after credentials
are applied; may mutate it.  Async clients await an awaitable result."""

ResponseHook = Callable[[httpx.Response], object]
"""Called with every response received, before it is checked or parsed."""


def default_user_agent(sdk_name: str, version: str) -> str:
    """``"<sdk-name>/<version> python/<python-version>"``."""
    return f"{sdk_name}/{version} python/{platform.python_version()}"


def _connection_error(exc: httpx.RequestError, request: httpx.Request) -> APIError:
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(request=request)
    return APIConnectionError(request=request, message=str(exc) or "")


class BaseClient:
    """Configuration and the decisions shared by the sync and async clients."""

    def __init__(
        self,
        *,
        base_url: str,
        timeout: Timeout,
        max_retries: int | None,
        retry_policy: RetryPolicy | None,
        default_headers: Mapping[str, str] | None,
        user_agent: str | None,
        auth: Mapping[str, AuthProvider] | None,
        default_security: Security,
        on_request: Sequence[RequestHook],
        on_response: Sequence[ResponseHook],
        clock: Callable[[], float],
        rand: Callable[[], float],
    ) -> None:
        policy = retry_policy or RetryPolicy()
        if max_retries is not None:
            policy = dataclasses.replace(policy, max_retries=max_retries)
        self.base_url = base_url
        self.timeout = timeout
        self.retry_policy = policy
        self.default_headers: dict[str, str] = dict(default_headers or {})
        self.user_agent = user_agent
        self._providers: dict[str, AuthProvider] = dict(auth or {})
        self.default_security = default_security
        self.on_request: list[RequestHook] = list(on_request)
        self.on_response: list[ResponseHook] = list(on_response)
        self._clock = clock
        self._rand = rand

    @property
    def max_retries(self) -> int:
        return self.retry_policy.max_retries

    def _base_headers(self) -> httpx.Headers:
        headers = httpx.Headers()
        if self.user_agent:
            headers["User-Agent"] = self.user_agent
        headers.update(self.default_headers)
        return headers

    def _prepare(
        self, options: RequestOptions, accept: str = "application/json"
    ) -> PreparedRequest:
        return prepare_request(
            options,
            base_url=self.base_url,
            default_headers=self._base_headers(),
            default_timeout=self.timeout,
            default_max_retries=self.retry_policy.max_retries,
            providers=select_auth(
                options.security, self.default_security, self._providers
            ),
            accept=accept,
        )

    def _retry_delay(
        self, error: APIError, retries_done: int, limit: int
    ) -> float | None:
        """Seconds to wait before trying again, or ``None`` to give up."""
        now, jitter = self._clock(), self._rand()
        policy = self.retry_policy
        return delay_after(policy, error, retries_done, limit, now=now, jitter=jitter)

    def _token_retry(
        self, provider: AuthProvider, error: APIError, retries_done: int
    ) -> float:
        """Seconds before fetching a token again; raises to give up."""
        if provider.refresh_retries is None:
            raise error
        delay = self._retry_delay(error, retries_done, provider.refresh_retries)
        if delay is None:
            raise RefreshFailed(error) from error
        return delay

    def _token_http_request(
        self,
        http: httpx.Client | httpx.AsyncClient,
        token: TokenRequest,
        timeout: httpx.Timeout | None,
    ) -> httpx.Request:
        headers = self._base_headers()
        return build_token_request(http, token, self.base_url, headers, timeout)

    @staticmethod
    def _result(response: httpx.Response, parse: Callable[[], T], raw: bool) -> T:
        if raw:
            return cast(T, APIResponse(response, parse))
        return parse()


class SyncAPIClient(BaseClient):
    """Blocking client over ``httpx.Client``."""

    def __init__(
        self,
        *,
        base_url: str,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int | None = None,
        retry_policy: RetryPolicy | None = None,
        default_headers: Mapping[str, str] | None = None,
        user_agent: str | None = None,
        auth: Mapping[str, AuthProvider] | None = None,
        default_security: Security = None,
        on_request: Sequence[RequestHook] = (),
        on_response: Sequence[ResponseHook] = (),
        http_client: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
        rand: Callable[[], float] = random.random,
    ) -> None:
        super().__init__(
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            retry_policy=retry_policy,
            default_headers=default_headers,
            user_agent=user_agent,
            auth=auth,
            default_security=default_security,
            on_request=on_request,
            on_response=on_response,
            clock=clock,
            rand=rand,
        )
        self._owns_http_client = http_client is None
        self._http = http_client or httpx.Client(follow_redirects=True)
        self._sleep = sleep
        self._auth_lock = threading.Lock()

    def request(self, options: RequestOptions, cast_to: type[T]) -> T:
        raw = consume_raw_response_flag()
        prepared = self._prepare(options)
        response = self._send(prepared, stream=False)
        return self._result(
            response,
            lambda: parse_response(response, cast_to, prepared.envelope),
            raw,
        )

    def request_ok(self, options: RequestOptions) -> bool:
        """``True`` for a 2xx answer; ``False`` for an error status or no answer
        once the retries are spent (a raw response raises those)."""
        raw = consume_raw_response_flag()
        try:
            response = self._send(self._prepare(options), stream=False)
        except (APIStatusError, APIConnectionError):
            if raw:
                raise
            return False
        return self._result(response, lambda: True, raw)

    def request_page(
        self, options: RequestOptions, item_type: type[T], paginator: Paginator
    ) -> SyncPage[T]:
        raw = consume_raw_response_flag()
        response = self._send(self._prepare(options), stream=False)

        def parse() -> SyncPage[T]:
            body = decode_json(response)
            items, next_options = parse_page(
                paginator, options, response, body, item_type
            )
            return SyncPage(
                items=items,
                body=body,
                response=response,
                next_options=next_options,
                body_type=paginator.body_type,
                fetch=lambda o: self.request_page(o, item_type, paginator),
            )

        return self._result(response, parse, raw)

    def request_stream(self, options: RequestOptions, item_type: type[T]) -> Stream[T]:
        raw = consume_raw_response_flag()
        prepared = self._prepare(options, accept="text/event-stream")
        response = self._send(prepared, stream=True)
        return self._result(response, lambda: Stream(response, item_type), raw)

    def request_login(
        self, options: RequestOptions, provider: LoginTokenAuth
    ) -> object:
        """Call a login operation and store its tokens in ``provider``.

        Returns the raw (not envelope-unwrapped) JSON body.
        """
        body = self.request(dataclasses.replace(options, envelope=None), object)
        provider.update_from_body(body, self._clock())
        return body

    def _send(self, prepared: PreparedRequest, *, stream: bool) -> httpx.Response:
        retries_done = 0
        reauthed = False
        while True:
            try:
                return self._attempt(prepared, stream)
            except RefreshFailed as failed:
                raise failed.error from None
            except APIError as error:
                if not reauthed and drop_tokens(prepared.providers, error):
                    reauthed = True
                    continue
                delay = self._retry_delay(error, retries_done, prepared.max_retries)
                if delay is None:
                    raise
                retries_done += 1
                self._sleep(delay)

    def _attempt(self, prepared: PreparedRequest, stream: bool) -> httpx.Response:
        self._ensure_tokens(prepared)
        response = self._exchange(build_attempt(self._http, prepared), stream)
        if response.is_error:
            response.read()
            response.close()
            raise make_status_error(response)
        return response

    def _exchange(self, request: httpx.Request, stream: bool) -> httpx.Response:
        for hook in self.on_request:
            hook(request)
        try:
            response = self._http.send(request, stream=stream)
        except httpx.RequestError as exc:
            raise _connection_error(exc, request) from exc
        for response_hook in self.on_response:
            response_hook(response)
        return response

    def _ensure_tokens(self, prepared: PreparedRequest) -> None:
        for provider in prepared.providers:
            if provider.token_request(self._clock()) is None:
                continue
            with self._auth_lock:
                token, tries = provider.token_request(self._clock()), 0
                while token is not None:
                    request = self._token_http_request(
                        self._http, token, prepared.timeout
                    )
                    try:
                        accept_token(
                            provider, self._exchange(request, False), self._clock()
                        )
                        break
                    except APIError as error:
                        self._sleep(self._token_retry(provider, error, tries))
                    token, tries = provider.token_request(self._clock()), tries + 1

    def close(self) -> None:
        """Close the HTTP client if this client created it."""
        if self._owns_http_client:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


async def _call_hook(hook: Callable[[_V], object], value: _V) -> None:
    result = hook(value)
    if inspect.isawaitable(result):
        await result


class AsyncAPIClient(BaseClient):
    """Asyncio client over ``httpx.AsyncClient``."""

    def __init__(
        self,
        *,
        base_url: str,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int | None = None,
        retry_policy: RetryPolicy | None = None,
        default_headers: Mapping[str, str] | None = None,
        user_agent: str | None = None,
        auth: Mapping[str, AuthProvider] | None = None,
        default_security: Security = None,
        on_request: Sequence[RequestHook] = (),
        on_response: Sequence[ResponseHook] = (),
        http_client: httpx.AsyncClient | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.time,
        rand: Callable[[], float] = random.random,
    ) -> None:
        super().__init__(
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            retry_policy=retry_policy,
            default_headers=default_headers,
            user_agent=user_agent,
            auth=auth,
            default_security=default_security,
            on_request=on_request,
            on_response=on_response,
            clock=clock,
            rand=rand,
        )
        self._owns_http_client = http_client is None
        self._http = http_client or httpx.AsyncClient(follow_redirects=True)
        self._sleep = sleep
        self._auth_lock: asyncio.Lock | None = None

    async def request(self, options: RequestOptions, cast_to: type[T]) -> T:
        raw = consume_raw_response_flag()
        prepared = self._prepare(options)
        response = await self._send(prepared, stream=False)
        return self._result(
            response,
            lambda: parse_response(response, cast_to, prepared.envelope),
            raw,
        )

    async def request_ok(self, options: RequestOptions) -> bool:
        """The async twin of ``SyncAPIClient.request_ok``."""
        raw = consume_raw_response_flag()
        try:
            response = await self._send(self._prepare(options), stream=False)
        except (APIStatusError, APIConnectionError):
            if raw:
                raise
            return False
        return self._result(response, lambda: True, raw)

    async def request_page(
        self, options: RequestOptions, item_type: type[T], paginator: Paginator
    ) -> AsyncPage[T]:
        raw = consume_raw_response_flag()
        response = await self._send(self._prepare(options), stream=False)

        def parse() -> AsyncPage[T]:
            body = decode_json(response)
            items, next_options = parse_page(
                paginator, options, response, body, item_type
            )
            return AsyncPage(
                items=items,
                body=body,
                response=response,
                next_options=next_options,
                body_type=paginator.body_type,
                fetch=lambda o: self.request_page(o, item_type, paginator),
            )

        return self._result(response, parse, raw)

    async def request_stream(
        self, options: RequestOptions, item_type: type[T]
    ) -> AsyncStream[T]:
        raw = consume_raw_response_flag()
        prepared = self._prepare(options, accept="text/event-stream")
        response = await self._send(prepared, stream=True)
        return self._result(response, lambda: AsyncStream(response, item_type), raw)

    async def request_login(
        self, options: RequestOptions, provider: LoginTokenAuth
    ) -> object:
        """Call a login operation and store its tokens in ``provider``.

        Returns the raw (not envelope-unwrapped) JSON body.
        """
        body = await self.request(dataclasses.replace(options, envelope=None), object)
        provider.update_from_body(body, self._clock())
        return body

    async def _send(self, prepared: PreparedRequest, *, stream: bool) -> httpx.Response:
        retries_done = 0
        reauthed = False
        while True:
            try:
                return await self._attempt(prepared, stream)
            except RefreshFailed as failed:
                raise failed.error from None
            except APIError as error:
                if not reauthed and drop_tokens(prepared.providers, error):
                    reauthed = True
                    continue
                delay = self._retry_delay(error, retries_done, prepared.max_retries)
                if delay is None:
                    raise
                retries_done += 1
                await self._sleep(delay)

    async def _attempt(self, prepared: PreparedRequest, stream: bool) -> httpx.Response:
        await self._ensure_tokens(prepared)
        request = build_attempt(self._http, prepared)
        response = await self._exchange(request, stream)
        if response.is_error:
            await response.aread()
            await response.aclose()
            raise make_status_error(response)
        return response

    async def _exchange(self, request: httpx.Request, stream: bool) -> httpx.Response:
        for hook in self.on_request:
            await _call_hook(hook, request)
        try:
            response = await self._http.send(request, stream=stream)
        except httpx.RequestError as exc:
            raise _connection_error(exc, request) from exc
        for response_hook in self.on_response:
            await _call_hook(response_hook, response)
        return response

    async def _ensure_tokens(self, prepared: PreparedRequest) -> None:
        for provider in prepared.providers:
            if provider.token_request(self._clock()) is None:
                continue
            if self._auth_lock is None:
                self._auth_lock = asyncio.Lock()
            async with self._auth_lock:
                token, tries = provider.token_request(self._clock()), 0
                while token is not None:
                    request = self._token_http_request(
                        self._http, token, prepared.timeout
                    )
                    try:
                        response = await self._exchange(request, stream=False)
                        accept_token(provider, response, self._clock())
                        break
                    except APIError as error:
                        await self._sleep(self._token_retry(provider, error, tries))
                    token, tries = provider.token_request(self._clock()), tries + 1

    async def close(self) -> None:
        """Close the HTTP client if this client created it."""
        if self._owns_http_client:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()
