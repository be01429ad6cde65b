"""The OAuth2 authorization code surface each target generates from a spec's `authorizationCode` flow: the client
takes a token set and a hook, `oauth` is the client's own (a resource of that name is renamed), and a spec
without the flow gets none of it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import run_cli


def _spec(flow: bool) -> dict[str, Any]:
    flows: dict[str, Any] = {"clientCredentials": {"tokenUrl": "/token", "scopes": {"a": "A"}}}
    if flow:
        flows = {"authorizationCode": {"authorizationUrl": "/authorize", "tokenUrl": "/token",
                                       "x-zsdk-revoke-url": "/revoke", "scopes": {"b": "B", "a": "A"}}}  # fmt: skip
    return {
        "openapi": "3.1.0",
        "info": {"title": "Apps", "version": "1.0.0"},
        "servers": [{"url": "https://api.example.com"}],
        "security": [{"oauth": []}],
        "paths": {"/oauth/apps": {"get": {"operationId": "listApps", "tags": ["oauth"],
                                          "responses": {"204": {"description": "none"}}}}},  # fmt: skip
        "components": {"securitySchemes": {"oauth": {"type": "oauth2", "flows": flows}}},
    }


def _generate(tmp_path: Path, language: str, flow: bool) -> Path:
    spec = tmp_path / "spec.yaml"
    spec.write_text(yaml.safe_dump(_spec(flow), sort_keys=False), encoding="utf-8")
    out = tmp_path / language
    result = run_cli("generate", "--lang", language, "--spec", str(spec), "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.mark.parametrize("flow", [True, False])
def test_python_client(tmp_path: Path, flow: bool) -> None:
    client = (_generate(tmp_path, "python", flow) / "apps" / "_client.py").read_text(encoding="utf-8")
    assert ("self.oauth = OAuth(self, oauth)" in client) is flow
    assert ("tokens: OAuthTokens | None = None" in client) is flow
    assert ('revoke_url="/revoke"' in client) is flow
    assert ('scopes=["b", "a"]' in client) is flow
    assert "self.oauth_ = OauthResource(self)" in client  # `oauth` is the client's: always renamed


@pytest.mark.parametrize("flow", [True, False])
def test_typescript_client(tmp_path: Path, flow: bool) -> None:
    client = (_generate(tmp_path, "typescript", flow) / "src" / "client.ts").read_text(encoding="utf-8")
    assert ("readonly oauth: OAuth;" in client) is flow
    assert ("onTokens?: ((tokens: OAuthTokens) => void) | undefined;" in client) is flow
    assert "readonly oauth_ = new OauthResource(this);" in client  # `oauth` is the client's: always renamed


@pytest.mark.parametrize("flow", [True, False])
def test_go_client(tmp_path: Path, flow: bool) -> None:
    out = _generate(tmp_path, "go", flow)
    client = (out / "client.go").read_text(encoding="utf-8")
    options = (out / "option" / "credentials.go").read_text(encoding="utf-8")
    assert ('c.OAuth = core.NewOAuth(api, "oauth")' in client) is flow
    assert ('RevokeURL:        "/revoke",' in client) is flow
    assert ("func WithOAuthTokens(" in options) is flow


@pytest.mark.parametrize("flow", [True, False])
def test_php_client(tmp_path: Path, flow: bool) -> None:
    client = (_generate(tmp_path, "php", flow) / "src" / "AppsClient.php").read_text(encoding="utf-8")
    assert ("public function oauth(): OAuth" in client) is flow
    assert ("?OAuthTokens $oauthTokens = null," in client) is flow
    assert ("new OAuthEndpoints('/authorize', '/token', '/token', '/revoke', ['b', 'a'])" in client) is flow
    assert "public readonly OauthService $oauth_;" in client  # `oauth` is the client's: always renamed
