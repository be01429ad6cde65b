"""The specs we own (specs/): each validates cleanly and its IR shows the features its seed describes."""

from __future__ import annotations

from functools import cache

import pytest

from tests.conftest import SPECS
from zsdk_generator.ir.model import Api, Operation
from zsdk_generator.pipeline import run

OWN = ["petstore.yaml", "vibedasher.yaml", "vibecaas.yaml", "vibefollow.yaml", "zatabase.yaml"]


@cache
def ir(name: str, method_names: str = "crud") -> Api:
    result = run(str(SPECS / name), method_names=method_names)  # type: ignore[arg-type]
    assert result.api is not None, [d.format() for d in result.diagnostics]
    return result.api


def op(api: Api, resource: str, name: str) -> Operation:
    for candidate in api.all_operations():
        if candidate.name == name and any(
            r.name == resource and candidate in r.operations for r in _all_resources(api)
        ):
            return candidate
    raise AssertionError(f"{resource}.{name} not found; have {[(o.name, o.path) for o in api.all_operations()]}")


def _all_resources(api: Api) -> list:  # type: ignore[type-arg]
    out, stack = [], list(api.resources)
    while stack:
        resource = stack.pop()
        out.append(resource)
        stack.extend(resource.resources)
    return out


@pytest.mark.parametrize("name", OWN)
def test_validates_with_no_findings(name: str) -> None:
    result = run(str(SPECS / name), full_validation=True)
    assert result.api is not None
    assert [d.format() for d in result.diagnostics] == []


def test_petstore_features() -> None:
    api = ir("petstore.yaml")
    assert [r.name for r in api.resources] == ["pets", "store", "users"]
    pets_list = op(api, "pets", "list")
    assert pets_list.pagination is not None and pets_list.pagination.style == "offset"
    assert op(api, "pets", "create").idempotent
    assert op(api, "pets", "upload_image").body.kind == "multipart"  # type: ignore[union-attr]
    assert op(api, "pets", "upload_image").body.file_fields == ("file",)  # type: ignore[union-attr]
    assert op(api, "pets", "download_photo").result.kind == "binary"  # type: ignore[union-attr]
    assert op(api, "store", "get_inventory").public
    models = {m.name: m for m in api.models}
    assert models["Pet"].kind == "union" and models["Pet"].discriminator is not None
    assert dict(models["Pet"].discriminator.mapping) == {"cat": "Cat", "dog": "Dog"}
    assert models["PetStatus"].kind == "enum"


def test_vibedasher_features() -> None:
    api = ir("vibedasher.yaml")
    server = api.servers[0]
    assert server.url == "https://api.{region}.vibedasher.com"
    assert [(v.name, v.default, v.enum) for v in server.variables] == [("region", "eu-central-1", ("eu-central-1",))]
    scheme = api.security_schemes[0]
    assert (scheme.kind, scheme.location, scheme.param_name) == ("api_key", "header", "X-Api-Key")
    expected = {"accounts", "ai_providers", "api_keys", "chats", "connections", "dashboard_subscriptions", "datasets",
                "dbt", "folders", "groups", "images", "questions", "refreshes", "sql", "subscriptions", "tasks",
                "templates", "tools", "upload", "users", "viz", "public"}  # fmt: skip
    assert {r.name for r in api.resources} == expected
    assert {o.name for o in next(r for r in api.resources if r.name == "datasets").operations} >= {
        "list", "create", "get", "update", "delete"}  # fmt: skip
    assert op(api, "api_keys", "create_api").http_method == "POST"
    assert op(api, "tasks", "create")
    listing = op(api, "datasets", "list")
    assert listing.pagination is not None
    assert (listing.pagination.style, listing.pagination.cursor_param, listing.pagination.next_cursor) == (
        "cursor", "exclusiveStartKey", ("nextKey",))  # fmt: skip
    public = [o for o in api.all_operations() if o.path.startswith("/v1/public/")]
    assert len(public) == 4 and all(o.public and o.security == () for o in public)
    assert not any(o.public for o in api.all_operations() if not o.path.startswith("/v1/public/"))


def test_vibecaas_features() -> None:
    api = ir("vibecaas.yaml")
    kinds = {s.name: s for s in api.security_schemes}
    assert {s.kind for s in kinds.values()} == {"bearer", "oauth2"}
    oauth = next(s for s in kinds.values() if s.kind == "oauth2")
    flows = {f.kind: f for f in oauth.flows}
    assert flows["client_credentials"].token_url == "https://auth.vibecaas.com/oauth/token"
    get = op(api, "projects", "get")
    assert get.envelope == ("data",) and get.result_type is not None and get.result_type.model == "Project"
    listing = op(api, "projects", "list")
    assert listing.pagination is not None and listing.pagination.style == "page"
    assert listing.pagination.items == ("data",)
    assert (listing.pagination.page_param, listing.pagination.per_page_param) == ("page", "per_page")
    assert listing.pagination.has_next == ("meta", "pagination", "has_next")
    create = op(api, "projects", "create")
    assert create.idempotent and create.idempotency_header == "Idempotency-Key"
    assert all(p.name != "Idempotency-Key" for p in create.params)
    codes = next(m for m in api.models if m.name == "ErrorCode")
    assert set(codes.values) >= {"VALIDATION_ERROR", "UNAUTHORIZED", "PAYMENT_REQUIRED", "FORBIDDEN", "NOT_FOUND",
                                 "RATE_LIMITED", "SERVER_ERROR"}  # fmt: skip
    assert {e.status for e in create.errors} >= {"400", "401", "429", "500"}
    assert op(api, "files", "upload").body.kind == "multipart"  # type: ignore[union-attr]


def test_vibefollow_features() -> None:
    api = ir("vibefollow.yaml")
    track = op(api, "events", "track_event")
    assert track.envelope == ("data",) and track.idempotent
    batch = op(api, "events", "track_events")
    assert batch.path == "/events/batch"
    listing = op(api, "events", "list")
    assert listing.pagination is not None and listing.pagination.style == "offset"
    assert listing.pagination.total == ("meta", "pagination", "total")
    error_models = {e.type.model for e in track.errors if e.type is not None}
    error_model = next(m for m in api.models if m.name in error_models)
    assert [f.name for f in error_model.fields] == ["errors"]
    assert any(h.name == "Retry-After" for e in track.errors if e.status == "429" for h in e.headers)


def test_zatabase_features() -> None:
    api = ir("zatabase.yaml", "operation_id")
    assert api.login is not None
    assert (api.login.operation_id, api.login.scheme, api.login.credentials) == (
        "login",
        "bearerAuth",
        ("email", "password"),
    )
    assert api.login.refresh_operation_id == "refreshToken" and api.login.expires_in == ("expires_in",)
    assert api.security == (("apiKeyAuth",), ("bearerAuth",))
    modules = {r.name for r in api.resources}
    assert modules >= {"sql", "vectors", "collections", "tables", "files", "jobs", "permissions", "events",
                       "webhooks", "functions", "analytics", "realtime", "health"}  # fmt: skip
    assert op(api, "sql", "execute_sql").http_method == "POST"
    assert op(api, "jobs", "submit_job") and op(api, "jobs", "get_job_logs")
    assert op(api, "jobs", "list_jobs").pagination.style == "cursor"  # type: ignore[union-attr]
    assert op(api, "health", "health_check").public
    assert op(api, "files", "upload_file").body.kind == "multipart"  # type: ignore[union-attr]
    assert op(api, "files", "download_file").result.kind == "binary"  # type: ignore[union-attr]
    assert any(o.streaming == "sse" for o in api.all_operations())
    statuses = next(m for m in api.models if m.name == "JobStatus")
    assert statuses.values == ("pending", "running", "succeeded", "failed", "canceled")
