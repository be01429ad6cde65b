"""OAuth2 authorization code for third-party apps (RFC 6749 §4.1), with PKCE
(RFC 7636, S256) and token revocation (RFC 7009).

An app sends its user to :meth:`OAuth.authorization_url`, gets a ``code``
back on its redirect URI and trades it with :meth:`OAuth.exchange_code`.
From then on the client sends the access token and refreshes it before it
expires; each refresh may rotate the refresh token, and ``on_tokens`` hears
of every new set so the app can store it.  A client made with ``tokens=``
picks up where a stored set left off.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

import httpx

from ._auth import AuthProvider, RequestParts, TokenRequest, _field
from ._exceptions import APIError, make_status_error
from ._url import join_url
from ._utils import read_json_or_text

if TYPE_CHECKING:
    from ._base_client import AsyncAPIClient, SyncAPIClient

__all__ = [
    "AsyncOAuth",
    "AuthorizationRequest",
    "OAuth",
    "OAuth2AuthorizationCode",
    "OAuthEndpoints",
    "OAuthTokens",
    "pkce_pair",
]


@dataclass(frozen=True)
class OAuthTokens:
    """A token set: ``expires_at`` is a Unix time (``None``: not known)."""

    access_token: str
    refresh_token: str | None = None
    expires_at: float | None = None
    scope: str | None = None


@dataclass(frozen=True)
class AuthorizationRequest:
    """Where to send the user, and what to keep until they come back: the
    ``state`` to compare and the ``code_verifier`` for the exchange."""

    url: str
    state: str
    code_verifier: str


@dataclass(frozen=True)
class OAuthEndpoints:
    """The flow's URLs, each absolute or relative to the client's base URL."""

    authorization_url: str
    token_url: str
    refresh_url: str
    revoke_url: str | None = None
    scopes: Sequence[str] = ()


def pkce_pair() -> tuple[str, str]:
    """A fresh PKCE code verifier (64 URL-safe characters) and its S256
    challenge: ``BASE64URL(SHA256(verifier))`` without padding."""
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return verifier, base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def _absolute(base_url: str, url: str) -> str:
    return url if url.startswith(("http://", "https://")) else join_url(base_url, url)


class OAuth2AuthorizationCode(AuthProvider):
    """Sends a token set's access token and refreshes it before it expires.

    ``fallback`` (a scheme that also has client credentials) authenticates
    while there is no token set.
    """

    def __init__(
        self,
        endpoints: OAuthEndpoints,
        client_id: str | None = None,
        client_secret: str | None = None,
        tokens: OAuthTokens | None = None,
        *,
        on_tokens: Callable[[OAuthTokens], None] | None = None,
        refresh_buffer: float = 60.0,
        fallback: AuthProvider | None = None,
    ) -> None:
        self.endpoints = endpoints
        self.client_id = client_id
        self.client_secret = client_secret
        self.tokens = tokens
        self.on_tokens = on_tokens
        self.refresh_buffer = refresh_buffer
        self.fallback = fallback
        self._lifetime: float | None = None
        self._fallback_pending = False

    # -- requests to the token endpoints (sans-IO) ------------------------

    def _client_form(self) -> dict[str, str]:
        form = {"client_id": self.client_id or ""}
        if self.client_secret:
            form["client_secret"] = self.client_secret
        return form

    def exchange_request(
        self, code: str, redirect_uri: str, code_verifier: str | None
    ) -> TokenRequest:
        form = {"grant_type": "authorization_code", "code": code}
        form["redirect_uri"] = redirect_uri
        form.update(self._client_form())
        if code_verifier:
            form["code_verifier"] = code_verifier
        return _post(self.endpoints.token_url, form)

    def refresh_request(self) -> TokenRequest:
        token = self.tokens.refresh_token if self.tokens else None
        if not token:
            raise APIError("There is no refresh token to refresh with")
        form = {"grant_type": "refresh_token", "refresh_token": token}
        form.update(self._client_form())
        return _post(self.endpoints.refresh_url, form)

    def revoke_request(self, token: str) -> TokenRequest:
        if not self.endpoints.revoke_url:
            raise APIError("This API has no token revocation URL")
        return _post(self.endpoints.revoke_url, {"token": token, **self._client_form()})

    def store(self, body: object, now: float) -> OAuthTokens:
        """Take a token response: the new set replaces the old one (a
        refresh token left out keeps the old one, RFC 6749 §6)."""
        access = _field(body, "access_token")
        if not isinstance(access, str) or not access:
            raise APIError("Token response has no access_token", body=body)
        refresh = _field(body, "refresh_token")
        expires_in = _field(body, "expires_in")
        scope = _field(body, "scope")
        lifetime = (
            float(expires_in)
            if isinstance(expires_in, (int, float)) and not isinstance(expires_in, bool)
            else None
        )
        previous = self.tokens.refresh_token if self.tokens else None
        self.tokens = OAuthTokens(
            access,
            refresh if isinstance(refresh, str) and refresh else previous,
            None if lifetime is None else now + lifetime,
            scope if isinstance(scope, str) else None,
        )
        self._lifetime = lifetime
        if self.on_tokens is not None:
            self.on_tokens(self.tokens)
        return self.tokens

    # -- AuthProvider ------------------------------------------------------

    def _stale(self, now: float) -> bool:
        tokens = self.tokens
        if tokens is None or tokens.expires_at is None:
            return False
        buffer = self.refresh_buffer
        if self._lifetime is not None:
            buffer = min(buffer, self._lifetime / 2)
        return now >= tokens.expires_at - buffer

    def has_credentials(self) -> bool:
        if self.tokens is not None:
            return True
        return self.fallback is not None and self.fallback.has_credentials()

    def token_request(self, now: float) -> TokenRequest | None:
        self._fallback_pending = False
        if self.tokens is None:
            request = self.fallback.token_request(now) if self.fallback else None
            self._fallback_pending = request is not None
            return request
        if self.tokens.refresh_token and self._stale(now):
            return self.refresh_request()
        return None

    def accept_token(self, body: object, now: float) -> None:
        if self._fallback_pending and self.fallback is not None:
            self.fallback.accept_token(body, now)
        else:
            self.store(body, now)

    def apply(self, parts: RequestParts) -> None:
        if self.tokens is not None:
            parts.headers["Authorization"] = f"Bearer {self.tokens.access_token}"
        elif self.fallback is not None:
            self.fallback.apply(parts)

    def invalidate(self) -> bool:
        if self.tokens is None:
            return self.fallback.invalidate() if self.fallback else False
        if not self.tokens.refresh_token:
            return False
        self.tokens = OAuthTokens(
            self.tokens.access_token, self.tokens.refresh_token, 0.0
        )
        return True


def _post(url: str, form: Mapping[str, str]) -> TokenRequest:
    return TokenRequest("POST", url, form=form, headers={"Accept": "application/json"})


class _OAuthBase:
    def __init__(self, provider: OAuth2AuthorizationCode, base_url: str) -> None:
        self._provider = provider
        self._base_url = base_url

    @property
    def tokens(self) -> OAuthTokens | None:
        """The current token set (after a refresh, the refreshed one)."""
        return self._provider.tokens

    @tokens.setter
    def tokens(self, tokens: OAuthTokens | None) -> None:
        self._provider.tokens = tokens
        self._provider._lifetime = None

    def authorization_url(
        self,
        *,
        redirect_uri: str,
        scopes: Sequence[str] | None = None,
        state: str | None = None,
        code_verifier: str | None = None,
    ) -> AuthorizationRequest:
        """The URL to send the user to: ``response_type=code``, the client id,
        the redirect URI, ``scopes`` (every scope of the API when ``None``)
        space-separated, ``state`` (random when not given) and the PKCE S256
        challenge of ``code_verifier`` (a fresh one when not given)."""
        provider = self._provider
        if code_verifier is None:
            code_verifier, challenge = pkce_pair()
        else:
            digest = hashlib.sha256(code_verifier.encode("ascii")).digest()
            challenge = base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")
        state = state or secrets.token_urlsafe(16)
        chosen = provider.endpoints.scopes if scopes is None else tuple(scopes)
        query = {"response_type": "code", "client_id": provider.client_id or ""}
        query["redirect_uri"] = redirect_uri
        if chosen:
            query["scope"] = " ".join(chosen)
        query.update(
            state=state, code_challenge=challenge, code_challenge_method="S256"
        )
        url = _absolute(self._base_url, provider.endpoints.authorization_url)
        separator = "&" if "?" in url else "?"
        encoded = urlencode(
            query, quote_via=quote
        )  # spaces as %20, as in the other SDKs
        return AuthorizationRequest(f"{url}{separator}{encoded}", state, code_verifier)

    def _build(
        self,
        http: httpx.Client | httpx.AsyncClient,
        client: SyncAPIClient | AsyncAPIClient,
        token: TokenRequest,
    ) -> httpx.Request:
        headers = client._base_headers()
        headers.update(token.headers)
        return http.build_request(
            token.method,
            _absolute(self._base_url, token.url),
            headers=headers,
            data=dict(token.form or {}),
            timeout=client.timeout,
        )


def _body(response: httpx.Response) -> object:
    if response.is_error:
        raise make_status_error(response)
    return read_json_or_text(response)


class OAuth(_OAuthBase):
    """``client.oauth``: the authorization code flow of a sync client."""

    def __init__(
        self, client: SyncAPIClient, provider: OAuth2AuthorizationCode
    ) -> None:
        super().__init__(provider, client.base_url)
        self._client = client

    def _send(self, token: TokenRequest) -> object:
        client = self._client
        return _body(
            client._exchange(self._build(client._http, client, token), stream=False)
        )

    def exchange_code(
        self, code: str, *, redirect_uri: str, code_verifier: str | None = None
    ) -> OAuthTokens:
        """Trade the code the redirect brought for a token set; later calls
        send it.  Token endpoint errors raise the API's status errors."""
        request = self._provider.exchange_request(code, redirect_uri, code_verifier)
        return self._provider.store(self._send(request), self._client._clock())

    def refresh(self) -> OAuthTokens:
        """Refresh now (calls refresh by themselves before the token expires)."""
        body = self._send(self._provider.refresh_request())
        return self._provider.store(body, self._client._clock())

    def revoke(self, token: str | None = None) -> None:
        """Revoke ``token`` (default: the current refresh token, else the
        access token); revoking the current set forgets it."""
        current = self._provider.tokens
        if token is None and current is not None:
            token = current.refresh_token or current.access_token
        if not token:
            raise APIError("There is no token to revoke")
        self._send(self._provider.revoke_request(token))
        if current and token in (current.access_token, current.refresh_token):
            self._provider.tokens = None


class AsyncOAuth(_OAuthBase):
    """``client.oauth``: the authorization code flow of an async client."""

    def __init__(
        self, client: AsyncAPIClient, provider: OAuth2AuthorizationCode
    ) -> None:
        super().__init__(provider, client.base_url)
        self._client = client

    async def _send(self, token: TokenRequest) -> object:
        client = self._client
        request = self._build(client._http, client, token)
        return _body(await client._exchange(request, stream=False))

    async def exchange_code(
        self, code: str, *, redirect_uri: str, code_verifier: str | None = None
    ) -> OAuthTokens:
        """Trade the code the redirect brought for a token set; later calls
        send it.  Token endpoint errors raise the API's status errors."""
        request = self._provider.exchange_request(code, redirect_uri, code_verifier)
        return self._provider.store(await self._send(request), self._client._clock())

    async def refresh(self) -> OAuthTokens:
        """Refresh now (calls refresh by themselves before the token expires)."""
        body = await self._send(self._provider.refresh_request())
        return self._provider.store(body, self._client._clock())

    async def revoke(self, token: str | None = None) -> None:
        """Revoke ``token`` (default: the current refresh token, else the
        access token); revoking the current set forgets it."""
        current = self._provider.tokens
        if token is None and current is not None:
            token = current.refresh_token or current.access_token
        if not token:
            raise APIError("There is no token to revoke")
        await self._send(self._provider.revoke_request(token))
        if current and token in (current.access_token, current.refresh_token):
            self._provider.tokens = None
