"""The SDK plan: credentials and their environment variables, names unique in every casing and stable when
unrelated parts of the spec change, parameters in the order they travel."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT, run_cli
from zsdk_generator.config import Config, load_config
from zsdk_generator.diagnostics import SpecError
from zsdk_generator.ir.builder import build_api
from zsdk_generator.ir.serialize import to_json
from zsdk_generator.plan.build import build_plan
from zsdk_generator.plan.model import Name, ResourcePlan, SdkPlan
from zsdk_generator.spec.load import Document
from zsdk_generator.spec.sources import SourceFile, Sources
from zsdk_generator.spec.upgrade import upgrade

SPECS = ROOT / "specs"


def _plan_of(data: dict[str, Any], config: Config | None = None, method_names: str = "crud") -> SdkPlan:
    document = Document(data, Sources(SourceFile("spec.yaml", "/spec.yaml", "", False)))
    upgrade(document)
    api, _ = build_api(document, method_names)  # type: ignore[arg-type]
    return build_plan(api, (config or Config()).shared(api))


def _spec(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((SPECS / f"{name}.yaml").read_text(encoding="utf-8"))
    return data


def _config(name: str) -> Config:
    return load_config(str(SPECS / f"{name}.zsdk.yaml"))


def _names(plan: SdkPlan) -> dict[str, Name]:
    """Every name of the plan by the IR path it was decided for."""
    out: dict[str, Name] = {c.name.key: c.name for a in plan.client.auth for c in a.credentials}
    out.update({v.name.key: v.name for v in plan.client.server_variables})

    def walk(resource: ResourcePlan) -> None:
        out[resource.name.key] = resource.name
        for call in resource.calls:
            out[call.name.key] = call.name
            for param in (*call.path_params, *call.query, *call.headers, *call.cookies):
                out[param.name.key] = param.name
        for child in resource.resources:
            walk(child)

    for resource in plan.resources:
        walk(resource)
    return out


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("vibecaas", {"api key": "VIBECAAS_API_KEY", "client id": "VIBECAAS_CLIENT_ID"}),
        ("vibedasher", {"api key": "VIBEDASHER_API_KEY"}),
        ("zatabase", {"api key": "ZATABASE_API_KEY", "access token": "ZATABASE_ACCESS_TOKEN"}),
    ],
)
def test_every_credential_has_one_environment_variable(spec: str, expected: dict[str, str]) -> None:
    plan = _plan_of(_spec(spec), _config(spec))
    found = {c.name.to_data(): c.env for a in plan.client.auth for c in a.credentials}
    assert expected.items() <= found.items(), found


def test_names_stay_when_a_schema_and_an_operation_are_added() -> None:
    before = _spec("vibedasher")
    after = copy.deepcopy(before)
    after["components"]["schemas"]["Zebra"] = {"type": "object", "properties": {"id": {"type": "string"}}}
    first_path = next(iter(before["paths"]))
    after["paths"]["/v1/zebras/{zebra_id}"] = {
        "get": {"operationId": "getZebra", "tags": before["paths"][first_path]["get"].get("tags", ["datasets"]),
                "parameters": [{"name": "zebra_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
                    "$ref": "#/components/schemas/Zebra"}}}}}}
    }  # fmt: skip
    old, new = _names(_plan_of(before)), _names(_plan_of(after))
    assert set(old) < set(new)
    changed = {key: (old[key].words, new[key].words) for key in old if old[key] != new[key]}
    assert not changed, changed


def test_names_of_a_scope_differ_in_every_casing() -> None:
    plan = _plan_of({
        "openapi": "3.1.0", "info": {"title": "T", "version": "1"},
        "paths": {
            "/a": {"get": {"operationId": "listThings", "tags": ["api_keys"], "responses": {"204": {"description": "x"}},
                           "parameters": [{"name": "page_size", "in": "query", "schema": {"type": "integer"}},
                                          {"name": "pageSize", "in": "query", "schema": {"type": "integer"}},
                                          {"name": "timeout", "in": "query", "schema": {"type": "integer"}}]}},
            "/b": {"get": {"operationId": "other", "tags": ["apiKeys"], "responses": {"204": {"description": "x"}}}},
            "/c": {"get": {"operationId": "more", "tags": ["ApiKeys!"], "responses": {"204": {"description": "x"}}}},
        },
    })  # fmt: skip
    compact = [r.name.compact for r in plan.resources]
    assert len(set(compact)) == len(compact), compact
    params = [p.name.compact for p in plan.all_calls()[0].query]
    assert params == ["pagesize", "pagesize2", "timeout2"]  # `timeout` is a per-call option of every SDK
    assert [p.wire for p in plan.all_calls()[0].query] == ["page_size", "pageSize", "timeout"]  # declaration order


def test_path_parameters_follow_the_template() -> None:
    plan = _plan_of({
        "openapi": "3.1.0", "info": {"title": "T", "version": "1"},
        "paths": {"/orgs/{org}/repos/{repo}": {"get": {
            "operationId": "getRepo", "responses": {"204": {"description": "x"}},
            "parameters": [{"name": "repo", "in": "path", "required": True, "schema": {"type": "string"}},
                           {"name": "org", "in": "path", "required": True, "schema": {"type": "string"}},
                           {"name": "q", "in": "query", "schema": {"type": "string"}}]}}},
    })  # fmt: skip
    call = plan.all_calls()[0]
    assert [p.wire for p in call.path_params] == ["org", "repo"] and [p.wire for p in call.query] == ["q"]
    assert call.path_params[0].encoding is None and call.query[0].encoding is None  # the locations' defaults


def test_a_path_parameter_inside_a_segment_keeps_its_place() -> None:
    path = {"name": "version", "in": "path", "required": True, "schema": {"type": "string"}}
    plan = _plan_of({
        "openapi": "3.1.0", "info": {"title": "T", "version": "1"},
        "paths": {"/api/v{version}/items/{id}": {"get": {
            "operationId": "getItem", "responses": {"204": {"description": "x"}},
            "parameters": [{**path, "name": "id"}, path]}}},
    })  # fmt: skip
    assert [p.wire for p in plan.all_calls()[0].path_params] == ["version", "id"]


def test_the_plan_is_deterministic_json() -> None:
    assert to_json(_plan_of(_spec("zatabase"))) == to_json(_plan_of(_spec("zatabase")))


def test_plan_command_prints_the_plan(tmp_path: Path) -> None:
    result = run_cli("plan", str(SPECS / "zatabase.yaml"), "--config", str(SPECS / "zatabase.zsdk.yaml"))
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["client"]["name"] == "zatabase client" and plan["client"]["retries"]["max_retries"] == 3
    bad = tmp_path / "zsdk.yaml"
    bad.write_text("retries: {max_retries: -1}\n", encoding="utf-8")
    result = run_cli("plan", str(SPECS / "zatabase.yaml"), "--config", str(bad))
    assert result.returncode == 1 and "zsdk.yaml:1:1: error: /retries/max_retries" in result.stderr


def test_the_login_flow_is_data() -> None:
    login = _plan_of(_spec("zatabase"), _config("zatabase")).client.login
    assert login is not None
    assert (login.http_method, login.path, login.public) == ("POST", "/auth/login", True)
    assert [n.to_data() for n in login.credentials] == ["email", "password"] and login.wire == ("email", "password")
    assert (login.token, login.refresh_token, login.expires_in) == (("access_token",), ("refresh_token",),
                                                                    ("expires_in",))  # fmt: skip
    assert (login.refresh_http_method, login.refresh_path, login.refresh_param) == ("POST", "/auth/refresh",
                                                                                    "refresh_token")  # fmt: skip
    assert _plan_of(_spec("vibedasher")).client.login is None


def test_client_methods_lift_calls_onto_the_client() -> None:
    everything = _plan_of(_spec("zatabase"), Config(None, {"client_methods": "all"}), "operation_id")
    assert len(everything.client_calls) == len(everything.all_calls())
    chosen = _plan_of(
        _spec("zatabase"), Config(None, {"client_methods": ["executeSql", "healthCheck"]}), "operation_id"
    )
    assert [(c.call.key, [n.to_data() for n in c.resource]) for c in chosen.client_calls] == [
        ("healthCheck", ["health"]),
        ("executeSql", ["sql"]),
    ]
    assert _plan_of(_spec("zatabase"), method_names="operation_id").client_calls == ()


@pytest.mark.parametrize(
    ("chosen", "message"),
    [
        ("all", "readApiKeys (api_keys.list) would take the name of the lifted call readAiProviders"),
        (["nope"], "no operation 'nope' in the spec"),
    ],
)
def test_client_methods_that_cannot_be_lifted_are_errors(chosen: Any, message: str) -> None:
    with pytest.raises(SpecError) as raised:
        _plan_of(_spec("vibedasher"), Config(None, {"client_methods": chosen}))
    assert raised.value.diagnostic.message == message
    assert raised.value.diagnostic.pointer == "/client_methods"


def _code_only_spec(revoke: str | None) -> dict[str, Any]:
    flow: dict[str, Any] = {"authorizationUrl": "https://auth.example.com/authorize", "tokenUrl": "/oauth/token",
                            "scopes": {"b:write": "Write.", "a:read": "Read."}}  # fmt: skip
    if revoke is not None:
        flow["x-zsdk-revoke-url"] = revoke
    return {
        "openapi": "3.1.0",
        "info": {"title": "Apps", "version": "1.0.0"},
        "servers": [{"url": "https://api.example.com"}],
        "security": [{"oauth": []}],
        "paths": {"/me": {"get": {"operationId": "getMe", "responses": {"204": {"description": "No content"}}}}},
        "components": {"securitySchemes": {"oauth": {"type": "oauth2", "flows": {"authorizationCode": flow}}}},
    }


def test_the_login_scheme_stands_apart_from_the_schemes_a_client_is_given_credentials_for() -> None:
    client = _plan_of(_spec("zatabase"), _config("zatabase")).client
    assert client.login is not None and client.login_scheme is not None
    assert client.login_scheme.scheme == client.login.scheme and client.login_scheme.kind == "login"
    assert client.login_scheme not in client.request_auth
    assert [a for a in client.auth if a is not client.login_scheme] == client.request_auth
    assert _plan_of(_spec("vibedasher")).client.login_scheme is None


def test_an_authorization_code_flow_plans_its_urls_scopes_and_client_credentials() -> None:
    (auth,) = _plan_of(_code_only_spec("/oauth/revoke")).client.auth
    assert auth.kind == "oauth2_authorization_code"
    code = auth.authorization_code
    assert code is not None
    assert (code.authorization_url, code.token_url, code.refresh_url, code.revoke_url) == (
        "https://auth.example.com/authorize", "/oauth/token", "/oauth/token", "/oauth/revoke")  # fmt: skip
    assert code.scopes == ("b:write", "a:read")  # spec order, not sorted
    assert [("_".join(c.name.words), c.env, c.secret) for c in auth.credentials] == [
        ("client_id", "APPS_CLIENT_ID", False), ("client_secret", "APPS_CLIENT_SECRET", True)]  # fmt: skip


def test_without_x_zsdk_revoke_url_there_is_no_revoke_url() -> None:
    (auth,) = _plan_of(_code_only_spec(None)).client.auth
    assert auth.authorization_code is not None and auth.authorization_code.revoke_url == ""


def test_vibecaas_oauth2_keeps_client_credentials_and_gains_the_authorization_code_flow() -> None:
    auth = {a.scheme: a for a in _plan_of(_spec("vibecaas"), _config("vibecaas")).client.auth}["oauth2"]
    assert auth.kind == "oauth2_client_credentials"
    assert auth.authorization_code is not None
    assert auth.authorization_code.revoke_url == "https://auth.vibecaas.com/oauth/revoke"
    assert auth.authorization_code.scopes[:2] == ("projects:read", "projects:write")


def test_a_call_sets_its_security_only_when_it_is_not_the_clients_default() -> None:
    plan = _plan_of(_spec("petstore"))
    calls = {call.key: call for call in plan.all_calls()}
    client = plan.client
    public = [c for c in calls.values() if c.public]
    assert public and all(client.security_set(c.public, c.security) == [] for c in public)
    default = [c for c in calls.values() if not c.public and c.security == client.default_security]
    assert default and all(client.security_set(c.public, c.security) is None for c in default)
    assert client.security_set(False, (("other",),)) == [("other",)]
