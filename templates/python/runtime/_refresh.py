"""Token fetches and refreshes, and when a failed call or fetch is tried again.

A provider's ``refresh_retries`` says what a failed token fetch does:

- ``None`` (OAuth2 client credentials): it fails the attempt, and the call's
  own retries (the retry table) try it again;
- a number (a login token's refresh): a connection error, timeout or
  retryable status is retried that many times with the client's backoff,
  then the call fails with the refresh's error; any other failure (a 401 or
  400: the refresh token is bad) fails the call at once.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import httpx

from ._auth import AuthProvider, TokenRequest
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIStatusError,
    make_status_error,
)
from ._retry import RetryPolicy, retry_delay, should_retry_status
from ._url import join_url
from ._utils import read_json_or_text

__all__ = [
    "RefreshFailed",
    "accept_token",
    "build_token_request",
    "delay_after",
    "drop_tokens",
]


class RefreshFailed(Exception):
    """A token refresh that ends the call; the call raises ``error``."""

    def __init__(self, error: APIError) -> None:
        super().__init__(str(error))
        self.error = error


def delay_after(
    policy: RetryPolicy,
    error: APIError,
    retries_done: int,
    limit: int,
    *,
    now: float,
    jitter: float,
) -> float | None:
    """Seconds to wait before trying again after ``error``, or ``None`` to give
    up: ``limit`` retries are spent or the retry table says no."""
    if retries_done >= limit:
        return None
    headers: httpx.Headers | None = None
    status: int | None = None
    if isinstance(error, APIStatusError):
        if not should_retry_status(error.status_code, error.headers):
            return None
        headers, status = error.headers, error.status_code
    elif not isinstance(error, APIConnectionError):
        return None
    return retry_delay(
        policy, retries_done, headers, now=now, jitter=jitter, status=status
    )


def accept_token(provider: AuthProvider, response: httpx.Response, now: float) -> None:
    """Hand a token response's body to ``provider``; an error status raises."""
    if response.is_error:
        raise make_status_error(response)
    provider.accept_token(read_json_or_text(response), now)


def drop_tokens(providers: Sequence[AuthProvider], error: APIError) -> bool:
    """After a 401: drop cached tokens; True when trying again can help."""
    if not isinstance(error, APIStatusError) or error.status_code != 401:
        return False
    refreshable = [provider.invalidate() for provider in providers]
    return any(refreshable)


def build_token_request(
    http_client: httpx.Client | httpx.AsyncClient,
    token: TokenRequest,
    base_url: str,
    headers: httpx.Headers,
    timeout: httpx.Timeout | None,
) -> httpx.Request:
    """The HTTP request for ``token``, with the client's ``headers``."""
    url = token.url
    if not url.startswith(("http://", "https://")):
        url = join_url(base_url, url)
    headers.update(token.headers)
    body: bytes | None = None
    if token.json is not None:
        body = json.dumps(dict(token.json), separators=(",", ":")).encode()
        headers["Content-Type"] = "application/json"
    return http_client.build_request(
        token.method,
        url,
        headers=headers,
        data=dict(token.form) if token.form is not None else None,
        content=body,
        timeout=timeout,
    )
