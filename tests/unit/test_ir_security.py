"""Security schemes and requirements, servers and the login flow (ir/builder.py, ir/operations.py)."""

from __future__ import annotations

from typing import Any

from zsdk_generator.ir.model import LoginFlow, OAuthFlow, SecurityScheme, Server, ServerVariable

OK = {
    "200": {
        "description": "ok",
        "content": {"application/json": {"schema": {"type": "object", "properties": {"id": {"type": "string"}}}}},
    }
}

SCHEMES = {
    "apiKey": {"type": "apiKey", "in": "header", "name": "X-Api-Key", "description": "A key."},
    "queryKey": {"type": "apiKey", "in": "query", "name": "api_key"},
    "cookieKey": {"type": "apiKey", "in": "cookie", "name": "sid"},
    "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
    "basic": {"type": "http", "scheme": "Basic"},
}


def operation(op_id: str, **extra: Any) -> dict[str, Any]:
    return {"operationId": op_id, "responses": OK, **extra}


def spec(doc: Any, paths: dict[str, Any], schemes: dict[str, Any] | None = None, **top: Any) -> dict[str, Any]:
    return doc(paths, components={"securitySchemes": SCHEMES if schemes is None else schemes}, **top)


# ---------------------------------------------------------------------------------------------- schemes


def test_api_key_schemes_in_header_query_and_cookie(build, doc):
    api = build(spec(doc, {"/x": {"get": operation("getX")}}))
    by_name = {s.name: s for s in api.security_schemes}
    assert by_name["apiKey"] == SecurityScheme("apiKey", "api_key", "A key.", location="header", param_name="X-Api-Key")
    assert (by_name["queryKey"].kind, by_name["queryKey"].location, by_name["queryKey"].param_name) == (
        "api_key",
        "query",
        "api_key",
    )
    assert (by_name["cookieKey"].kind, by_name["cookieKey"].location, by_name["cookieKey"].param_name) == (
        "api_key",
        "cookie",
        "sid",
    )


def test_http_bearer_and_basic_schemes(build, doc):
    api = build(spec(doc, {"/x": {"get": operation("getX")}}))
    by_name = {s.name: s for s in api.security_schemes}
    assert (by_name["bearer"].kind, by_name["bearer"].scheme, by_name["bearer"].bearer_format) == (
        "bearer",
        "bearer",
        "JWT",
    )
    assert (by_name["basic"].kind, by_name["basic"].scheme) == ("basic", "basic")


def test_other_http_scheme_is_generic_http(build, doc):
    api = build(spec(doc, {"/x": {"get": operation("getX")}}, {"digest": {"type": "http", "scheme": "digest"}}))
    assert api.security_schemes == (SecurityScheme("digest", "http", scheme="digest"),)


def test_schemes_keep_document_order(build, doc):
    api = build(spec(doc, {"/x": {"get": operation("getX")}}))
    assert [s.name for s in api.security_schemes] == list(SCHEMES)


def test_oauth2_client_credentials_flow(build, doc):
    schemes = {
        "oauth": {
            "type": "oauth2",
            "flows": {
                "clientCredentials": {
                    "tokenUrl": "https://auth.example.com/token",
                    "scopes": {"read": "Read things", "write": "Write things"},
                }
            },
        }
    }
    api = build(spec(doc, {"/x": {"get": operation("getX", security=[{"oauth": ["read"]}])}}, schemes))
    (scheme,) = api.security_schemes
    assert scheme.kind == "oauth2"
    assert scheme.flows == (
        OAuthFlow(
            "client_credentials",
            token_url="https://auth.example.com/token",
            scopes=(("read", "Read things"), ("write", "Write things")),
        ),
    )


def test_oauth2_authorization_code_flow(build, doc):
    schemes = {
        "oauth": {
            "type": "oauth2",
            "flows": {
                "authorizationCode": {
                    "authorizationUrl": "https://auth.example.com/authorize",
                    "tokenUrl": "https://auth.example.com/token",
                    "refreshUrl": "https://auth.example.com/refresh",
                    "scopes": {},
                }
            },
        }
    }
    (scheme,) = build(spec(doc, {"/x": {"get": operation("getX")}}, schemes)).security_schemes
    (flow,) = scheme.flows
    assert flow.kind == "authorization_code"
    assert (flow.authorization_url, flow.token_url, flow.refresh_url) == (
        "https://auth.example.com/authorize",
        "https://auth.example.com/token",
        "https://auth.example.com/refresh",
    )


def test_openid_connect_scheme(build, doc):
    schemes = {
        "oidc": {"type": "openIdConnect", "openIdConnectUrl": "https://id.example.com/.well-known/openid-configuration"}
    }
    (scheme,) = build(spec(doc, {"/x": {"get": operation("getX")}}, schemes)).security_schemes
    assert scheme.kind == "openid_connect" and scheme.openid_url.endswith("openid-configuration")


# ---------------------------------------------------------------------------------------------- requirements


def test_document_security_is_the_default(build, doc, op):
    api = build(spec(doc, {"/x": {"get": operation("getX")}}, security=[{"apiKey": []}]))
    assert api.security == (("apiKey",),)
    o = op(api, "getX")
    assert o.security == (("apiKey",),) and not o.public


def test_security_alternatives_and_combined_requirements(build, doc, op):
    api = build(spec(doc, {"/x": {"get": operation("getX")}}, security=[{"apiKey": [], "basic": []}, {"bearer": []}]))
    assert op(api, "getX").security == (("apiKey", "basic"), ("bearer",))


def test_operation_security_overrides_the_default(build, doc, op):
    api = build(
        spec(
            doc,
            {"/x": {"get": operation("getX", security=[{"bearer": []}])}, "/y": {"get": operation("getY")}},
            security=[{"apiKey": []}],
        )
    )
    assert op(api, "getX").security == (("bearer",),)
    assert op(api, "getY").security == (("apiKey",),)


def test_empty_security_marks_a_public_operation(build, doc, op):
    api = build(
        spec(
            doc,
            {"/login": {"post": operation("login", security=[])}, "/me": {"get": operation("getMe")}},
            security=[{"bearer": []}],
        )
    )
    login = op(api, "login")
    assert login.public and login.security == ()
    me = op(api, "getMe")
    assert not me.public and me.security == (("bearer",),)


def test_empty_requirement_object_is_public(build, doc, op):
    api = build(spec(doc, {"/ping": {"get": operation("ping", security=[{}])}}, security=[{"bearer": []}]))
    assert op(api, "ping").public and op(api, "ping").security == ()


def test_optional_authentication_keeps_an_empty_alternative(build, doc, op):
    api = build(spec(doc, {"/feed": {"get": operation("getFeed", security=[{}, {"bearer": []}])}}))
    o = op(api, "getFeed")
    assert o.security == ((), ("bearer",))
    assert not o.public


def test_no_document_security_makes_each_scheme_an_alternative(build, doc, op):
    schemes = {"apiKey": SCHEMES["apiKey"], "bearer": SCHEMES["bearer"]}
    api = build(spec(doc, {"/x": {"get": operation("getX")}}, schemes))
    assert api.security == (("apiKey",), ("bearer",))
    o = op(api, "getX")
    assert o.security == (("apiKey",), ("bearer",)) and not o.public


def test_no_schemes_at_all_means_public(build, doc, op):
    o = op(build(doc({"/x": {"get": operation("getX")}})), "getX")
    assert o.security == () and o.public


def test_undefined_scheme_is_a_warning_not_a_crash(run_spec, doc, op):
    result = run_spec(spec(doc, {"/x": {"get": operation("getX", security=[{"nope": []}, {"bearer": []}])}}))
    assert result.api is not None and not result.errors
    warnings = [d for d in result.diagnostics if d.severity == "warning" and "nope" in d.message]
    assert warnings and warnings[0].pointer == "/paths/~1x/get/security/0" and warnings[0].line > 0
    assert op(result.api, "getX").security == (("bearer",),)


def test_undefined_scheme_in_document_security_is_a_warning(run_spec, doc):
    result = run_spec(spec(doc, {"/x": {"get": operation("getX")}}, security=[{"missing": []}]))
    assert result.api is not None and not result.errors
    assert any(
        d.severity == "warning" and "missing" in d.message and d.pointer == "/security/0" for d in result.diagnostics
    )


def test_requirements_only_name_declared_schemes(run_spec, doc):
    result = run_spec(spec(doc, {"/x": {"get": operation("getX")}}, security=[{"missing": []}, {"apiKey": []}]))
    assert result.api is not None
    declared = {s.name for s in result.api.security_schemes}
    assert result.api.security == (("apiKey",),)
    for o in result.api.all_operations():
        assert all(name in declared for alt in o.security for name in alt)


def test_undefined_scheme_in_a_combined_requirement_is_ignored(run_spec, doc, op):
    # "it is ignored": the requirement keeps its defined schemes rather than disappearing (which would make
    # the operation look public and send no credentials at all).
    result = run_spec(spec(doc, {"/x": {"get": operation("getX", security=[{"apiKey": [], "nope": []}])}}))
    assert result.api is not None and not result.errors
    o = op(result.api, "getX")
    assert o.security == (("apiKey",),)
    assert not o.public


# ---------------------------------------------------------------------------------------------- servers


def test_server_url_template_with_variables(build, doc):
    servers = [
        {
            "url": "https://api.{region}.example.com/{version}",
            "description": "Production",
            "variables": {
                "region": {"default": "us", "enum": ["us", "eu", "ap"], "description": "Data region."},
                "version": {"default": "v1"},
            },
        },
        {"url": "http://localhost:8080"},
    ]
    api = build(doc({"/x": {"get": operation("getX")}}, servers=servers))
    assert api.servers == (
        Server(
            "https://api.{region}.example.com/{version}",
            "Production",
            (ServerVariable("region", "us", ("us", "eu", "ap"), "Data region."), ServerVariable("version", "v1")),
        ),
        Server("http://localhost:8080"),
    )


def test_server_variable_without_default_takes_first_enum_value(build, doc):
    servers = [{"url": "https://{env}.example.com", "variables": {"env": {"enum": ["prod", "staging"]}}}]
    (server,) = build(
        doc({"/x": {"get": operation("getX")}}, servers=servers, version="3.1.0"), errors_ok=False
    ).servers
    assert server.variables == (ServerVariable("env", "prod", ("prod", "staging")),)


def test_no_servers(build, doc):
    assert build(doc({"/x": {"get": operation("getX")}})).servers == ()


# ---------------------------------------------------------------------------------------------- login


LOGIN_PATHS = {
    "/auth/login": {
        "post": {
            "operationId": "login",
            "security": [],
            "requestBody": {
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {"email": {"type": "string"}, "password": {"type": "string"}},
                        }
                    }
                }
            },
            "responses": {
                "200": {
                    "description": "ok",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "session": {
                                        "type": "object",
                                        "properties": {
                                            "access_token": {"type": "string"},
                                            "refresh_token": {"type": "string"},
                                            "expires_in": {"type": "integer"},
                                        },
                                    }
                                },
                            }
                        }
                    },
                }
            },
        }
    },
    "/auth/refresh": {"post": operation("refreshToken", security=[])},
    "/me": {"get": operation("getMe")},
}


def with_login(extension: Any) -> dict[str, Any]:
    paths = {k: {m: dict(v) for m, v in item.items()} for k, item in LOGIN_PATHS.items()}
    paths["/auth/login"]["post"]["x-zsdk-login"] = extension
    return paths


def test_x_zsdk_login_gives_the_login_flow(build, doc):
    ext = {
        "scheme": "bearer",
        "credentials": ["email", "password"],
        "token": "session.access_token",
        "refresh_token": "session.refresh_token",
        "expires_in": "session.expires_in",
        "refresh_operation": "refreshToken",
        "refresh_param": "refresh_token",
    }
    api = build(spec(doc, with_login(ext), security=[{"bearer": []}]))
    assert api.login == LoginFlow(
        operation_id="login",
        scheme="bearer",
        credentials=("email", "password"),
        token=("session", "access_token"),
        refresh_token=("session", "refresh_token"),
        expires_in=("session", "expires_in"),
        refresh_operation_id="refreshToken",
        refresh_param="refresh_token",
    )


def test_login_defaults_to_the_bearer_scheme_and_access_token(build, doc):
    api = build(spec(doc, with_login({"credentials": ["email", "password"]}), security=[{"bearer": []}]))
    assert api.login == LoginFlow("login", "bearer", ("email", "password"), ("access_token",))


def test_no_login_extension_means_no_login(build, doc):
    assert build(spec(doc, LOGIN_PATHS)).login is None


def test_login_with_an_undeclared_scheme_is_an_error(run_spec, doc):
    result = run_spec(spec(doc, with_login({"scheme": "nope", "credentials": ["email"]})))
    errors = [d for d in result.errors if "nope" in d.message]
    assert errors, [d.format() for d in result.diagnostics]
    assert errors[0].pointer == "/paths/~1auth~1login/post/x-zsdk-login/scheme"
    assert errors[0].line > 0
    assert result.api is None


def test_login_with_an_unknown_refresh_operation_is_an_error(run_spec, doc):
    result = run_spec(
        spec(doc, with_login({"scheme": "bearer", "credentials": ["email"], "refresh_operation": "nothing"}))
    )
    assert any("refresh_operation" in d.message for d in result.errors)
    assert result.api is None


def test_login_credentials_must_be_a_list(run_spec, doc):
    result = run_spec(spec(doc, with_login({"scheme": "bearer", "credentials": "email"})))
    assert any("credentials" in d.message for d in result.errors)
