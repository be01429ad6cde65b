"""Credential providers, security selection, OAuth2 and login-token flows."""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest
from pyrt_support import json_response, sequence
from sdkrt._auth import (
    ApiKeyAuth,
    AuthConfig,
    AuthProvider,
    BasicAuth,
    BearerAuth,
    LoginTokenAuth,
    OAuth2ClientCredentials,
    select_auth,
)
from sdkrt._env import env_value, first_given
from sdkrt._exceptions import APIError, AuthenticationError, InternalServerError
from sdkrt._request import RequestOptions

OK = json_response(200, {"ok": True})


def get(security: Any = None) -> RequestOptions:
    return RequestOptions(method="GET", path="/things", security=security)


def test_api_key_in_header(harness: Any) -> None:
    h = harness(
        sequence(OK),
        auth={"key": ApiKeyAuth("X-API-Key", "header", "sk_1")},
        default_security=[["key"]],
    )
    h.call("request", get(), dict)
    assert h.requests[0].headers["X-API-Key"] == "sk_1"


def test_api_key_with_prefix(harness: Any) -> None:
    auth = {"key": ApiKeyAuth("Authorization", "header", "abc", prefix="Token")}
    h = harness(sequence(OK), auth=auth, default_security=[["key"]])
    h.call("request", get(), dict)
    assert h.requests[0].headers["Authorization"] == "Token abc"


def test_api_key_in_query(harness: Any) -> None:
    h = harness(
        sequence(OK),
        auth={"key": ApiKeyAuth("api_key", "query", "sk 2")},
        default_security=[["key"]],
    )
    h.call("request", RequestOptions(method="GET", path="/x", query={"a": 1}), dict)
    assert h.requests[0].url.params.multi_items() == [("a", "1"), ("api_key", "sk 2")]


def test_api_key_in_cookie(harness: Any) -> None:
    h = harness(
        sequence(OK),
        auth={"key": ApiKeyAuth("session", "cookie", "c00kie")},
        default_security=[["key"]],
    )
    h.call(
        "request",
        RequestOptions(method="GET", path="/x", cookies={"theme": "dark"}),
        dict,
    )
    assert h.requests[0].headers["Cookie"] == "theme=dark; session=c00kie"


def test_bearer(harness: Any) -> None:
    h = harness(sequence(OK), auth={"bearer": BearerAuth("tok")}, default_security=[["bearer"]])
    h.call("request", get(), dict)
    assert h.requests[0].headers["Authorization"] == "Bearer tok"


def test_basic(harness: Any) -> None:
    h = harness(
        sequence(OK),
        auth={"basic": BasicAuth("aladdin", "opensesame")},
        default_security=[["basic"]],
    )
    h.call("request", get(), dict)
    expected = "Basic " + base64.b64encode(b"aladdin:opensesame").decode()
    assert h.requests[0].headers["Authorization"] == expected


def test_public_operation_sends_no_credentials(harness: Any) -> None:
    auth = {
        "key": ApiKeyAuth("X-API-Key", "header", "sk"),
        "q": ApiKeyAuth("k", "query", "v"),
        "c": ApiKeyAuth("s", "cookie", "v"),
    }
    h = harness(sequence(OK), auth=auth, default_security=[["key", "q", "c"]])
    h.call("request", get(security=[]), dict)
    request = h.requests[0]
    assert "X-API-Key" not in request.headers
    assert "Cookie" not in request.headers
    assert "Authorization" not in request.headers
    assert not request.url.params


def test_operation_security_overrides_default(harness: Any) -> None:
    auth = {"key": ApiKeyAuth("X-API-Key", "header", "sk"), "bearer": BearerAuth("tok")}
    h = harness(sequence(OK), auth=auth, default_security=[["key"]])
    h.call("request", get(security=[["bearer"]]), dict)
    assert h.requests[0].headers["Authorization"] == "Bearer tok"
    assert "X-API-Key" not in h.requests[0].headers


def test_missing_credentials_send_nothing(harness: Any) -> None:
    h = harness(
        sequence(json_response(401, {"message": "no key"})),
        auth={"key": ApiKeyAuth("X-API-Key", "header", None)},
        default_security=[["key"]],
    )
    with pytest.raises(AuthenticationError) as info:
        h.call("request", get(), dict)
    assert "X-API-Key" not in h.requests[0].headers
    assert info.value.message == "no key"
    assert len(h.requests) == 1


def test_select_auth_rules() -> None:
    key = ApiKeyAuth("k", "header", "v")
    empty = ApiKeyAuth("k2", "header", None)
    bearer = BearerAuth("t")
    providers: dict[str, AuthProvider] = {"key": key, "empty": empty, "bearer": bearer}
    assert select_auth([], [["key"]], providers) == []
    assert select_auth(None, [["key"]], providers) == [key]
    assert select_auth(None, None, providers) == []
    # first alternative whose schemes all have credentials
    assert select_auth([["empty"], ["bearer"]], None, providers) == [bearer]
    assert select_auth([["key", "empty"], ["bearer"]], None, providers) == [bearer]
    assert select_auth([["key", "bearer"]], None, providers) == [key, bearer]
    assert select_auth([["unknown"]], None, providers) == []
    # an empty alternative (optional auth) is used only when nothing else fits
    assert select_auth([[], ["key"]], None, providers) == [key]
    assert select_auth([["empty"], []], None, providers) == []


def test_env_helpers() -> None:
    env = {"PETSTORE_API_KEY": "  sk_env ", "BLANK": "  "}
    assert env_value("PETSTORE_API_KEY", env) == "sk_env"
    assert env_value("BLANK", env) is None
    assert env_value("MISSING", env) is None
    assert first_given(None, "PETSTORE_API_KEY", env) == "sk_env"
    assert first_given("explicit", "PETSTORE_API_KEY", env) == "explicit"


def test_env_reads_os_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZSDK_TEST_KEY", "from-env")
    assert env_value("ZSDK_TEST_KEY") == "from-env"


class Clock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class TokenServer:
    """Answers /oauth/token with numbered tokens and the API with 200."""

    def __init__(self, expires_in: int | None = 3600) -> None:
        self.tokens = 0
        self.expires_in = expires_in
        self.reject_token: str | None = None

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/oauth/token"):
            self.tokens += 1
            body: dict[str, Any] = {
                "access_token": f"t{self.tokens}",
                "token_type": "bearer",
            }
            if self.expires_in is not None:
                body["expires_in"] = self.expires_in
            return httpx.Response(200, json=body)
        if request.headers.get("Authorization") == f"Bearer {self.reject_token}":
            return httpx.Response(401, json={"message": "expired"})
        return httpx.Response(200, json={"auth": request.headers.get("Authorization")})


def oauth(**kwargs: Any) -> OAuth2ClientCredentials:
    return OAuth2ClientCredentials(
        "https://auth.example.com/oauth/token",
        "cid",
        "secret",
        ["read", "write"],
        **kwargs,
    )


def test_oauth2_fetches_once_caches_and_refreshes(harness: Any) -> None:
    server = TokenServer(expires_in=3600)
    clock = Clock()
    h = harness(server, auth={"oauth": oauth()}, default_security=[["oauth"]], clock=clock)
    assert h.call("request", get(), dict) == {"auth": "Bearer t1"}
    token_request = h.requests[0]
    assert token_request.method == "POST"
    assert str(token_request.url) == "https://auth.example.com/oauth/token"
    assert parse_qs(token_request.content.decode()) == {
        "grant_type": ["client_credentials"],
        "scope": ["read write"],
        "client_id": ["cid"],
        "client_secret": ["secret"],
    }
    assert h.call("request", get(), dict) == {"auth": "Bearer t1"}
    assert server.tokens == 1
    assert len(h.requests) == 3

    clock.now += 3600 - 30  # within the refresh buffer (60 s) of expiry
    assert h.call("request", get(), dict) == {"auth": "Bearer t2"}
    assert server.tokens == 2


def test_oauth2_basic_client_auth_and_relative_token_url(harness: Any) -> None:
    server = TokenServer()
    provider = OAuth2ClientCredentials("/oauth/token", "cid", "secret", client_auth="basic")
    h = harness(server, auth={"oauth": provider}, default_security=[["oauth"]])
    h.call("request", get(), dict)
    token_request = h.requests[0]
    assert str(token_request.url) == "https://api.example.com/v1/oauth/token"
    assert token_request.headers["Authorization"] == "Basic " + base64.b64encode(b"cid:secret").decode()
    assert "client_secret" not in token_request.content.decode()


def test_oauth2_short_lived_token_buffer_is_capped() -> None:
    provider = oauth(refresh_buffer=60)
    provider.accept_token({"access_token": "a", "expires_in": 10}, now=0.0)
    assert provider.token_request(4.0) is None
    assert provider.token_request(5.0) is not None


def test_oauth2_token_without_expiry_is_kept() -> None:
    provider = oauth()
    assert provider.token_request(0.0) is not None
    provider.accept_token({"access_token": "a"}, now=0.0)
    assert provider.token_request(10**9) is None
    with pytest.raises(APIError):
        provider.accept_token({"nope": 1}, now=0.0)


def test_oauth2_reauth_once_on_401(harness: Any) -> None:
    server = TokenServer()
    h = harness(server, auth={"oauth": oauth()}, default_security=[["oauth"]])
    h.call("request", get(), dict)
    server.reject_token = "t1"  # server revoked t1
    assert h.call("request", get(), dict) == {"auth": "Bearer t2"}
    assert server.tokens == 2


def test_oauth2_token_endpoint_error(harness: Any) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, json={"error": "invalid_client", "error_description": "bad secret"})

    h = harness(handler, auth={"oauth": oauth()}, default_security=[["oauth"]])
    with pytest.raises(AuthenticationError) as info:
        h.call("request", get(), dict)
    assert info.value.message == "bad secret"
    assert info.value.code == "invalid_client"


def test_oauth2_token_endpoint_5xx_is_retried(harness: Any) -> None:
    server = TokenServer()
    calls = {"n": 0}

    def handler(request: httpx.Request) -> httpx.Response:
        calls["n"] += 1
        if calls["n"] == 1:
            return httpx.Response(503)
        return server(request)

    h = harness(handler, auth={"oauth": oauth()}, default_security=[["oauth"]])
    assert h.call("request", get(), dict) == {"auth": "Bearer t1"}
    assert h.sleeps == [0.5]


def test_oauth2_without_credentials_sends_nothing(harness: Any) -> None:
    h = harness(
        sequence(OK),
        auth={"oauth": OAuth2ClientCredentials("/t", None, None)},
        default_security=[["oauth"]],
    )
    h.call("request", get(), dict)
    assert len(h.requests) == 1
    assert "Authorization" not in h.requests[0].headers


class LoginServer:
    def __init__(self) -> None:
        self.refreshes: list[Any] = []
        self.logins: list[Any] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/auth/login"):
            self.logins.append(json.loads(request.content))
            return httpx.Response(
                200,
                json={
                    "data": {
                        "access_token": "a1",
                        "refresh_token": "r1",
                        "expires_in": 900,
                    }
                },
            )
        if request.url.path.endswith("/auth/refresh"):
            self.refreshes.append(json.loads(request.content))
            n = len(self.refreshes) + 1
            return httpx.Response(
                200,
                json={
                    "data": {
                        "access_token": f"a{n}",
                        "refresh_token": f"r{n}",
                        "expires_in": 900,
                    }
                },
            )
        return httpx.Response(200, json={"auth": request.headers.get("Authorization")})


def login_provider() -> LoginTokenAuth:
    return LoginTokenAuth(
        token_field="data.access_token",
        refresh_token_field="data.refresh_token",
        expires_in_field="data.expires_in",
        refresh_path="/auth/refresh",
        refresh_param="refresh_token",
    )


def test_login_then_refresh_before_expiry(harness: Any) -> None:
    server = LoginServer()
    clock = Clock(0.0)
    provider = login_provider()
    h = harness(
        server,
        auth={"bearerAuth": provider},
        default_security=[["bearerAuth"]],
        clock=clock,
    )

    # before login: no credentials are sent
    assert h.call("request", get(), dict) == {"auth": None}

    login = RequestOptions(
        method="POST",
        path="/auth/login",
        json_body={"email": "a@b.c", "password": "pw"},
        security=[],
    )
    body = h.call("request_login", login, provider)
    assert body == {"data": {"access_token": "a1", "refresh_token": "r1", "expires_in": 900}}
    assert server.logins == [{"email": "a@b.c", "password": "pw"}]
    assert "Authorization" not in h.requests[-1].headers
    assert (provider.access_token, provider.refresh_token, provider.expires_at) == (
        "a1",
        "r1",
        900.0,
    )

    assert h.call("request", get(), dict) == {"auth": "Bearer a1"}
    assert not provider.needs_refresh(100.0)
    assert provider.needs_refresh(850.0)  # within the 60 s buffer
    assert provider.needs_refresh(100.0, buffer_seconds=900)

    clock.now = 850.0
    assert h.call("request", get(), dict) == {"auth": "Bearer a2"}
    assert server.refreshes == [{"refresh_token": "r1"}]
    assert provider.refresh_token == "r2"
    assert provider.expires_at == 850.0 + 900

    clock.now = 900.0
    assert h.call("request", get(), dict) == {"auth": "Bearer a2"}
    assert len(server.refreshes) == 1


def test_login_token_refresh_on_401(harness: Any) -> None:
    calls = {"api": 0}
    server = LoginServer()

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/things"):
            calls["api"] += 1
            if calls["api"] == 1:
                return httpx.Response(401, json={"message": "token revoked"})
        return server(request)

    provider = login_provider()
    provider.set_tokens("a1", refresh_token="r1", expires_in=None, now=0.0)
    h = harness(handler, auth={"bearerAuth": provider}, default_security=[["bearerAuth"]])
    assert h.call("request", get(), dict) == {"auth": "Bearer a2"}
    assert server.refreshes == [{"refresh_token": "r1"}]


def test_login_token_without_refresh_raises_401(harness: Any) -> None:
    provider = LoginTokenAuth(access_token="a1")
    h = harness(
        sequence(json_response(401, {"message": "expired"})),
        auth={"b": provider},
        default_security=[["b"]],
    )
    with pytest.raises(AuthenticationError):
        h.call("request", get(), dict)
    assert len(h.requests) == 1


def test_login_token_apikey_style_header() -> None:
    provider = LoginTokenAuth(access_token="tok", header_name="X-Auth-Token", prefix=None)
    from sdkrt._auth import RequestParts

    parts = RequestParts(headers=httpx.Headers())
    provider.apply(parts)
    assert parts.headers["X-Auth-Token"] == "tok"
    with pytest.raises(APIError):
        provider.update_from_body({"data": {}}, now=0.0)


def test_refresh_failure_surfaces_error(harness: Any) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/auth/refresh"):
            return httpx.Response(500, json={"message": "down"})
        return httpx.Response(200, json={})

    provider = login_provider()
    provider.set_tokens("a1", refresh_token="r1", expires_in=10, now=0.0)
    h = harness(
        handler,
        auth={"b": provider},
        default_security=[["b"]],
        clock=Clock(100.0),
        max_retries=1,
    )
    with pytest.raises(InternalServerError):
        h.call("request", get(), dict)


def refresh_failing(statuses: list[int]) -> tuple[list[str], Any]:
    """A login server whose refresh route first answers each of ``statuses``;
    the list records every refresh request ("failed" or "ok")."""
    server, refreshes = LoginServer(), []
    pending = list(statuses)

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/auth/refresh"):
            refreshes.append("failed" if pending else "ok")
            if pending:
                return httpx.Response(pending.pop(0), json={"message": "refresh down"})
        return server(request)

    return refreshes, handler


def stale_login(retries: int) -> LoginTokenAuth:
    provider = login_provider()
    provider.refresh_retries = retries
    provider.set_tokens("a1", refresh_token="r1", expires_in=10, now=0.0)  # within the 60 s buffer
    return provider


def test_login_refresh_retried_with_backoff(harness: Any) -> None:
    refreshes, handler = refresh_failing([503, 429])
    provider = stale_login(2)
    h = harness(handler, auth={"b": provider}, default_security=[["b"]])
    assert h.call("request", get(), dict) == {"auth": "Bearer a2"}
    assert refreshes == ["failed", "failed", "ok"]
    assert h.sleeps == [0.5, 1.0]  # the client's backoff, not the call's retries


def test_login_refresh_retries_exhausted_fail_the_call(harness: Any) -> None:
    refreshes, handler = refresh_failing([503] * 9)
    provider = stale_login(1)
    h = harness(handler, auth={"b": provider}, default_security=[["b"]])
    with pytest.raises(InternalServerError) as info:
        h.call("request", get(), dict)
    assert info.value.message == "refresh down"
    assert refreshes == ["failed", "failed"]  # 1 + 1; the call's 2 retries do not refresh again
    assert [r.url.path for r in h.requests] == ["/v1/auth/refresh"] * 2


def test_login_refresh_401_is_not_retried(harness: Any) -> None:
    refreshes, handler = refresh_failing([401] * 9)
    provider = stale_login(3)
    h = harness(handler, auth={"b": provider}, default_security=[["b"]])
    with pytest.raises(AuthenticationError):
        h.call("request", get(), dict)
    assert refreshes == ["failed"]
    assert h.sleeps == []


def test_auth_config_refuses_negative_refresh_retries() -> None:
    with pytest.raises(ValueError):
        AuthConfig(max_refresh_retries=-1)
