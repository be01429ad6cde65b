"""Credential providers, applied per request, and security selection.

Providers are sans-IO: one that needs a token (OAuth2 client credentials, a
login token past its expiry) returns a :class:`TokenRequest` from
``token_request(now)``; the sync or async client sends it and hands the
decoded body back through ``accept_token(body, now)``.  Then
``apply(parts)`` adds the credential to the outgoing request.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import httpx

from ._exceptions import APIError
from ._types import Security
from ._utils import MISSING, get_path

__all__ = [
    "ApiKeyAuth",
    "AuthConfig",
    "AuthProvider",
    "BasicAuth",
    "BearerAuth",
    "LoginTokenAuth",
    "OAuth2ClientCredentials",
    "RequestParts",
    "TokenRequest",
    "select_auth",
]


@dataclass
class RequestParts:
    """The parts of one outgoing request a provider may add to."""

    headers: httpx.Headers
    params: list[tuple[str, str]] = field(default_factory=list)
    cookies: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TokenRequest:
    """An HTTP call a provider needs made; ``url`` may be relative to the
    client's base URL."""

    method: str
    url: str
    form: Mapping[str, str] | None = None
    json: Mapping[str, object] | None = None
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class AuthConfig:
    """The client's ``auth_config``: ``refresh_buffer_seconds`` is how long
    before a token expires it is refreshed, ``max_refresh_retries`` how many
    times a login token refresh that failed retryably (no answer, a timeout,
    429 or 5xx) is tried again before the call fails (``None``: the SDK's
    default)."""

    refresh_buffer_seconds: float | None = None
    max_refresh_retries: int | None = None

    def __post_init__(self) -> None:
        if self.max_refresh_retries is not None and self.max_refresh_retries < 0:
            raise ValueError("max_refresh_retries must be >= 0")


class AuthProvider:
    """Base of every provider; the defaults suit static credentials."""

    refresh_retries: int | None = None
    """How a failed token fetch is retried (see ``_refresh``): ``None`` by the
    call's own retries, a number by that many retries of the fetch alone."""

    def has_credentials(self) -> bool:
        raise NotImplementedError

    def apply(self, parts: RequestParts) -> None:
        raise NotImplementedError

    def token_request(self, now: float) -> TokenRequest | None:
        """A call to make before ``apply``, or ``None`` when ready."""
        return None

    def accept_token(self, body: object, now: float) -> None:
        """Take the decoded 2xx body of the call ``token_request`` asked for."""

    def invalidate(self) -> bool:
        """Drop a token after a 401; True when a fresh one can be fetched."""
        return False


class ApiKeyAuth(AuthProvider):
    """An API key in a header, query parameter or cookie."""

    def __init__(
        self,
        param_name: str,
        location: Literal["header", "query", "cookie"],
        api_key: str | None = None,
        *,
        prefix: str | None = None,
    ) -> None:
        self.param_name = param_name
        self.location = location
        self.api_key = api_key
        self.prefix = prefix

    def has_credentials(self) -> bool:
        return bool(self.api_key)

    def apply(self, parts: RequestParts) -> None:
        if not self.api_key:
            return
        if self.location == "header":
            value = f"{self.prefix} {self.api_key}" if self.prefix else self.api_key
            parts.headers[self.param_name] = value
        elif self.location == "query":
            parts.params.append((self.param_name, self.api_key))
        else:
            parts.cookies[self.param_name] = self.api_key


class BearerAuth(AuthProvider):
    """``Authorization: Bearer <token>``."""

    def __init__(self, token: str | None = None) -> None:
        self.token = token

    def has_credentials(self) -> bool:
        return bool(self.token)

    def apply(self, parts: RequestParts) -> None:
        if self.token:
            parts.headers["Authorization"] = f"Bearer {self.token}"


def _basic(username: str, password: str) -> str:
    raw = f"{username}:{password}".encode()
    return "Basic " + base64.b64encode(raw).decode("ascii")


class BasicAuth(AuthProvider):
    """``Authorization: Basic base64(username:password)``."""

    def __init__(
        self, username: str | None = None, password: str | None = None
    ) -> None:
        self.username = username
        self.password = password

    def has_credentials(self) -> bool:
        return self.username is not None

    def apply(self, parts: RequestParts) -> None:
        if self.username is not None:
            parts.headers["Authorization"] = _basic(self.username, self.password or "")


def _field(body: object, path: str) -> object:
    """``get_path``, falling back to inside a ``data`` envelope."""
    value = get_path(body, path)
    if value is MISSING and isinstance(body, Mapping) and "data" in body:
        value = get_path(body["data"], path)
    return value


def _expiry(body: object, field_name: str, now: float) -> float | None:
    value = _field(body, field_name)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return now + float(value)
    if isinstance(value, str):
        try:
            return now + float(value)
        except ValueError:
            return None
    return None


def _stale(expires_at: float | None, now: float, buffer: float) -> bool:
    return expires_at is not None and now >= expires_at - buffer


class OAuth2ClientCredentials(AuthProvider):
    """OAuth2 client-credentials grant with a cached, early-refreshed token.

    The token is fetched on first use and again ``refresh_buffer`` seconds
    before it expires (at most half its lifetime early).
    """

    def __init__(
        self,
        token_url: str,
        client_id: str | None = None,
        client_secret: str | None = None,
        scopes: Sequence[str] = (),
        *,
        client_auth: Literal["body", "basic"] = "body",
        refresh_buffer: float = 60.0,
        extra_params: Mapping[str, str] | None = None,
    ) -> None:
        self.token_url = token_url
        self.client_id = client_id
        self.client_secret = client_secret
        self.scopes = list(scopes)
        self.client_auth = client_auth
        self.refresh_buffer = refresh_buffer
        self.extra_params = dict(extra_params or {})
        self.access_token: str | None = None
        self.expires_at: float | None = None
        self._buffer = refresh_buffer

    def has_credentials(self) -> bool:
        return bool(self.client_id) and self.client_secret is not None

    def token_request(self, now: float) -> TokenRequest | None:
        if self.access_token and not _stale(self.expires_at, now, self._buffer):
            return None
        form: dict[str, str] = {"grant_type": "client_credentials"}
        if self.scopes:
            form["scope"] = " ".join(self.scopes)
        form.update(self.extra_params)
        headers: dict[str, str] = {"Accept": "application/json"}
        if self.client_auth == "basic":
            headers["Authorization"] = _basic(
                self.client_id or "", self.client_secret or ""
            )
        else:
            form["client_id"] = self.client_id or ""
            form["client_secret"] = self.client_secret or ""
        return TokenRequest("POST", self.token_url, form=form, headers=headers)

    def accept_token(self, body: object, now: float) -> None:
        token = _field(body, "access_token")
        if not isinstance(token, str) or not token:
            raise APIError("Token response has no access_token", body=body)
        self.access_token = token
        self.expires_at = _expiry(body, "expires_in", now)
        lifetime = None if self.expires_at is None else self.expires_at - now
        self._buffer = (
            self.refresh_buffer
            if lifetime is None
            else min(self.refresh_buffer, lifetime / 2)
        )

    def apply(self, parts: RequestParts) -> None:
        if self.access_token:
            parts.headers["Authorization"] = f"Bearer {self.access_token}"

    def invalidate(self) -> bool:
        self.access_token = None
        self.expires_at = None
        return self.has_credentials()


class LoginTokenAuth(AuthProvider):
    """A token obtained by a login operation, refreshed before it expires.

    Field names are dotted paths into the raw login/refresh response body
    (tried inside a ``data`` envelope too when absent at the top).  The
    refresh call is ``refresh_method refresh_path`` with the JSON body
    ``{refresh_param: refresh_token}``; one that failed retryably is tried
    again ``refresh_retries`` times.
    """

    def __init__(
        self,
        *,
        access_token: str | None = None,
        refresh_token: str | None = None,
        expires_at: float | None = None,
        token_field: str = "access_token",
        refresh_token_field: str | None = "refresh_token",
        expires_in_field: str | None = "expires_in",
        refresh_path: str | None = None,
        refresh_method: str = "POST",
        refresh_param: str = "refresh_token",
        refresh_buffer: float = 60.0,
        refresh_retries: int = 2,
        header_name: str = "Authorization",
        prefix: str | None = "Bearer",
    ) -> None:
        self.access_token = access_token
        self.refresh_token = refresh_token
        self.expires_at = expires_at
        self.token_field = token_field
        self.refresh_token_field = refresh_token_field
        self.expires_in_field = expires_in_field
        self.refresh_path = refresh_path
        self.refresh_method = refresh_method
        self.refresh_param = refresh_param
        self.refresh_buffer = refresh_buffer
        self.refresh_retries = refresh_retries
        self.header_name = header_name
        self.prefix = prefix

    def _can_refresh(self) -> bool:
        return bool(self.refresh_token) and self.refresh_path is not None

    def needs_refresh(self, now: float, buffer_seconds: float | None = None) -> bool:
        """True when there is no token or it expires within the buffer."""
        if not self.access_token:
            return True
        buffer = self.refresh_buffer if buffer_seconds is None else buffer_seconds
        return _stale(self.expires_at, now, buffer)

    def set_tokens(
        self,
        access_token: str,
        *,
        refresh_token: str | None = None,
        expires_in: float | None = None,
        now: float,
    ) -> None:
        """Store a token pair (a refresh token of ``None`` keeps the old one)."""
        self.access_token = access_token
        if refresh_token is not None:
            self.refresh_token = refresh_token
        self.expires_at = None if expires_in is None else now + expires_in

    def update_from_body(self, body: object, now: float) -> None:
        """Store the tokens found in a login or refresh response body."""
        token = _field(body, self.token_field)
        if not isinstance(token, str) or not token:
            raise APIError(f"Login response has no {self.token_field!r}", body=body)
        refresh = (
            _field(body, self.refresh_token_field) if self.refresh_token_field else None
        )
        self.access_token = token
        if isinstance(refresh, str) and refresh:
            self.refresh_token = refresh
        self.expires_at = (
            _expiry(body, self.expires_in_field, now) if self.expires_in_field else None
        )

    def has_credentials(self) -> bool:
        return bool(self.access_token) or self._can_refresh()

    def token_request(self, now: float) -> TokenRequest | None:
        path, token = self.refresh_path, self.refresh_token
        if not self.needs_refresh(now) or path is None or not token:
            return None
        return TokenRequest(
            self.refresh_method,
            path,
            json={self.refresh_param: token},
            headers={"Accept": "application/json"},
        )

    def accept_token(self, body: object, now: float) -> None:
        self.update_from_body(body, now)

    def apply(self, parts: RequestParts) -> None:
        if self.access_token:
            value = (
                f"{self.prefix} {self.access_token}"
                if self.prefix
                else self.access_token
            )
            parts.headers[self.header_name] = value

    def invalidate(self) -> bool:
        if not self._can_refresh():
            return False
        self.access_token = None
        return True


def select_auth(
    security: Security,
    default_security: Security,
    providers: Mapping[str, AuthProvider],
) -> list[AuthProvider]:
    """The providers to apply to one request.

    ``security`` lists alternatives (each a list of scheme names that must all
    be applied); ``None`` means "use ``default_security``" and ``[]`` means a
    public operation.  The first alternative whose schemes all have
    credentials wins; when none does, no credentials are sent.
    """
    requirement = default_security if security is None else security
    for alternative in requirement or ():
        if not alternative:
            continue
        chosen = [providers.get(name) for name in alternative]
        if all(p is not None and p.has_credentials() for p in chosen):
            return [p for p in chosen if p is not None]
    return []
