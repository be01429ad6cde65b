"""OAuth2 authorization code: the authorization URL with PKCE, the code exchange, refresh with rotation before
expiry, revoke, and typed errors from the token endpoints — sync and async."""

from __future__ import annotations

import base64
import hashlib
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from sdkrt._auth import OAuth2ClientCredentials
from sdkrt._exceptions import APIError, BadRequestError
from sdkrt._oauth import AsyncOAuth, OAuth, OAuth2AuthorizationCode, OAuthEndpoints, OAuthTokens, pkce_pair
from sdkrt._request import RequestOptions

ENDPOINTS = OAuthEndpoints(
    authorization_url="https://auth.example.com/authorize",
    token_url="/oauth/token",
    refresh_url="/oauth/token",
    revoke_url="/oauth/revoke",
    scopes=("read", "write"),
)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class AuthServer:
    """Issues numbered token pairs, rotating refresh tokens: a used one is refused with 400 invalid_grant."""

    def __init__(self, expires_in: int = 3600) -> None:
        self.expires_in = expires_in
        self.issued = 0
        self.live_refresh: set[str] = set()
        self.forms: list[dict[str, str]] = []

    def pair(self) -> httpx.Response:
        self.issued += 1
        refresh = f"r{self.issued}"
        self.live_refresh.add(refresh)
        body = {"access_token": f"a{self.issued}", "refresh_token": refresh, "expires_in": self.expires_in,
                "token_type": "Bearer", "scope": "read"}  # fmt: skip
        return httpx.Response(200, json=body)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        form = {k: v[0] for k, v in parse_qs(request.content.decode()).items()}
        if request.url.path.endswith("/oauth/token"):
            self.forms.append(form)
            if form["grant_type"] == "authorization_code":
                if form.get("code") != "good":
                    return httpx.Response(400, json={"error": "invalid_grant", "message": "bad code"})
                return self.pair()
            if form.get("refresh_token") not in self.live_refresh:
                return httpx.Response(400, json={"error": "invalid_grant", "message": "refresh token used"})
            self.live_refresh.discard(form["refresh_token"])
            return self.pair()
        if request.url.path.endswith("/oauth/revoke"):
            self.forms.append(form)
            return httpx.Response(200)
        return httpx.Response(200, json={"auth": request.headers.get("Authorization")})


def make(harness: Any, server: AuthServer, clock: Clock, **kwargs: Any) -> tuple[Any, Any]:
    provider = OAuth2AuthorizationCode(ENDPOINTS, "cid", kwargs.pop("client_secret", None), **kwargs)
    h = harness(server, auth={"oauth": provider}, default_security=[["oauth"]], clock=clock)
    oauth = (OAuth if h.mode == "sync" else AsyncOAuth)(h.client, provider)
    return h, oauth


def get() -> RequestOptions:
    return RequestOptions(method="GET", path="/things")


def test_pkce_pair_is_s256_of_the_verifier() -> None:
    verifier, challenge = pkce_pair()
    assert 43 <= len(verifier) <= 128
    expected = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    assert challenge == expected and "=" not in challenge
    assert pkce_pair()[0] != verifier


def test_authorization_url_carries_client_redirect_scopes_state_and_challenge(harness: Any) -> None:
    _, oauth = make(harness, AuthServer(), Clock())
    request = oauth.authorization_url(redirect_uri="https://app.example.com/cb", state="s1")
    url = urlsplit(request.url)
    assert f"{url.scheme}://{url.netloc}{url.path}" == "https://auth.example.com/authorize"
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    digest = hashlib.sha256(request.code_verifier.encode()).digest()
    assert query == {"response_type": "code", "client_id": "cid", "redirect_uri": "https://app.example.com/cb",
                     "scope": "read write", "state": "s1", "code_challenge_method": "S256",
                     "code_challenge": base64.urlsafe_b64encode(digest).rstrip(b"=").decode()}  # fmt: skip
    assert request.state == "s1"


def test_authorization_url_picks_scopes_and_a_random_state(harness: Any) -> None:
    _, oauth = make(harness, AuthServer(), Clock())
    first = oauth.authorization_url(redirect_uri="x:/cb", scopes=["write"])
    second = oauth.authorization_url(redirect_uri="x:/cb", scopes=[])
    assert parse_qs(urlsplit(first.url).query)["scope"] == ["write"]
    assert "scope" not in parse_qs(urlsplit(second.url).query)
    assert first.state and first.state != second.state
    assert first.code_verifier != second.code_verifier


def test_exchange_sends_the_form_and_later_calls_send_the_token(harness: Any) -> None:
    server, seen = AuthServer(), []
    h, oauth = make(harness, server, Clock(), client_secret="shh", on_tokens=seen.append)
    tokens = h.run(oauth.exchange_code("good", redirect_uri="https://app/cb", code_verifier="v" * 43))
    assert tokens == OAuthTokens("a1", "r1", 1000.0 + 3600, "read")
    assert server.forms[0] == {"grant_type": "authorization_code", "code": "good", "redirect_uri": "https://app/cb",
                               "client_id": "cid", "client_secret": "shh", "code_verifier": "v" * 43}  # fmt: skip
    assert str(h.requests[0].url) == "https://api.example.com/v1/oauth/token"
    assert h.call("request", get(), dict) == {"auth": "Bearer a1"}
    assert seen == [tokens] and oauth.tokens == tokens


def test_exchange_errors_are_typed_api_errors(harness: Any) -> None:
    h, oauth = make(harness, AuthServer(), Clock())
    with pytest.raises(BadRequestError) as caught:
        h.run(oauth.exchange_code("bad", redirect_uri="https://app/cb"))
    assert caught.value.status_code == 400
    assert oauth.tokens is None


def test_refresh_before_expiry_rotates_the_refresh_token(harness: Any) -> None:
    server, clock, seen = AuthServer(expires_in=100), Clock(), []
    h, oauth = make(harness, server, clock, on_tokens=seen.append, refresh_buffer=10)
    h.run(oauth.exchange_code("good", redirect_uri="https://app/cb"))
    clock.now += 89  # 11 s left: not yet
    assert h.call("request", get(), dict) == {"auth": "Bearer a1"}
    clock.now += 2  # within the buffer
    assert h.call("request", get(), dict) == {"auth": "Bearer a2"}
    clock.now += 95
    assert h.call("request", get(), dict) == {"auth": "Bearer a3"}
    refreshes = [f for f in server.forms if f["grant_type"] == "refresh_token"]
    assert [f["refresh_token"] for f in refreshes] == ["r1", "r2"]
    assert refreshes[0]["client_id"] == "cid" and "client_secret" not in refreshes[0]
    assert [t.refresh_token for t in seen] == ["r1", "r2", "r3"]
    assert oauth.tokens.access_token == "a3"


def test_a_client_made_with_a_stored_token_set_refreshes_it(harness: Any) -> None:
    server, clock = AuthServer(), Clock()
    server.live_refresh.add("stored")
    stored = OAuthTokens("old", "stored", expires_at=clock.now - 1)
    h, oauth = make(harness, server, clock, tokens=stored)
    assert h.call("request", get(), dict) == {"auth": "Bearer a1"}
    assert server.forms[0]["refresh_token"] == "stored"
    assert oauth.tokens.refresh_token == "r1"


def test_a_token_without_expiry_is_sent_as_is(harness: Any) -> None:
    server = AuthServer()
    h, _ = make(harness, server, Clock(), tokens=OAuthTokens("static"))
    assert h.call("request", get(), dict) == {"auth": "Bearer static"}
    assert server.forms == []


def test_a_refused_refresh_is_a_typed_error(harness: Any) -> None:
    clock = Clock()
    h, _ = make(harness, AuthServer(), clock, tokens=OAuthTokens("a0", "spent", clock.now))
    with pytest.raises(BadRequestError):
        h.call("request", get(), dict)


def test_revoke_posts_the_refresh_token_and_forgets_the_set(harness: Any) -> None:
    server = AuthServer()
    h, oauth = make(harness, server, Clock(), client_secret="shh")
    h.run(oauth.exchange_code("good", redirect_uri="https://app/cb"))
    h.run(oauth.revoke())
    assert str(h.requests[-1].url) == "https://api.example.com/v1/oauth/revoke"
    assert server.forms[-1] == {"token": "r1", "client_id": "cid", "client_secret": "shh"}
    assert oauth.tokens is None
    h.run(oauth.revoke("other"))
    assert server.forms[-1]["token"] == "other"


def test_revoke_without_a_token_or_url_is_refused(harness: Any) -> None:
    _, oauth = make(harness, AuthServer(), Clock())
    with pytest.raises(APIError):
        oauth.revoke() if oauth.__class__ is OAuth else __import__("asyncio").run(oauth.revoke())
    provider = OAuth2AuthorizationCode(OAuthEndpoints("/a", "/t", "/t"), "cid", tokens=OAuthTokens("x"))
    with pytest.raises(APIError, match="revocation"):
        provider.revoke_request("x")


def test_without_a_token_set_the_fallback_client_credentials_authenticate(harness: Any) -> None:
    def server(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/cc/token"):
            return httpx.Response(200, json={"access_token": "cc1", "expires_in": 3600})
        return httpx.Response(200, json={"auth": request.headers.get("Authorization")})

    fallback = OAuth2ClientCredentials("/cc/token", "cid", "secret")
    provider = OAuth2AuthorizationCode(ENDPOINTS, "cid", "secret", fallback=fallback)
    h = harness(server, auth={"oauth": provider}, default_security=[["oauth"]], clock=Clock())
    assert h.call("request", get(), dict) == {"auth": "Bearer cc1"}
    provider.tokens = OAuthTokens("user1")
    assert h.call("request", get(), dict) == {"auth": "Bearer user1"}
