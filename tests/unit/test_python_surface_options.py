"""The Python surface options of zsdk.yaml (`client_methods`, `python.primary_client`, `python.body`) and the rules
every Python SDK follows (builtin-named fields, object bodies), on a small inline spec."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from zsdk_generator.config import Config, load_config
from zsdk_generator.diagnostics import SpecError
from zsdk_generator.generate import render_language
from zsdk_generator.ir.builder import build_api
from zsdk_generator.ir.model import Api
from zsdk_generator.spec.load import Document
from zsdk_generator.spec.sources import SourceFile, Sources
from zsdk_generator.spec.upgrade import upgrade

SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Jobs API", "version": "1.0.0"},
    "servers": [{"url": "https://jobs.example.com"}],
    "paths": {
        "/jobs": {
            "post": {
                "operationId": "submitJob",
                "tags": ["jobs"],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/JobSubmit"}}},
                },
                "responses": {
                    "200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Job"}}}}
                },
            }
        },
        "/jobs/{job_id}": {
            "get": {
                "operationId": "getJob",
                "tags": ["jobs"],
                "parameters": [{"name": "job_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {
                    "200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Job"}}}}
                },
            }
        },
    },
    "components": {
        "schemas": {
            "JobSubmit": {"type": "object", "properties": {"command": {"type": "string"}}},
            "Job": {
                "type": "object",
                "required": ["id", "type"],
                "properties": {"id": {"type": "string"}, "type": {"type": "string"}, "@type": {"type": "string"},
                               "format": {"type": "string"}, "class": {"type": "string"}},  # fmt: skip
            },
        }
    },
}


def _api(data: dict[str, Any]) -> Api:
    document = Document(data, Sources(SourceFile("spec.yaml", "/spec.yaml", "", False)))
    upgrade(document)
    return build_api(document, "operation_id")[0]


def _files(**settings: Any) -> dict[str, str]:
    shared = {k: settings.pop(k) for k in ("client_methods", "client_name") if k in settings}
    config = Config(None, {**shared, "method_names": "operation_id", "python": settings})
    return render_language(_api(SPEC), "python", config)


def test_defaults_keep_the_sync_client_named_and_the_body_a_keyword() -> None:
    files = _files()
    client, jobs = files["jobs/_client.py"], files["jobs/resources/jobs.py"]
    assert "class Jobs(SyncAPIClient):" in client and "class AsyncJobs(AsyncAPIClient):" in client
    assert "def submit_job(\n        self,\n        *,\n        body: models.JobSubmit | dict[str, Any]," in jobs
    assert "def submit_job" not in client  # client_methods: none


def test_primary_client_async_gives_the_configured_name_to_the_async_client() -> None:
    files = _files(client_name="JobsClient", primary_client="async")
    client, init = files["jobs/_client.py"], files["jobs/__init__.py"]
    assert "class JobsClient(AsyncAPIClient):" in client and "class SyncJobsClient(SyncAPIClient):" in client
    assert "from ._client import JobsClient, SyncJobsClient" in init
    assert "async with JobsClient(" in files["README.md"]


def test_body_positional_comes_after_the_path_parameters() -> None:
    jobs = _files(body="positional")["jobs/resources/jobs.py"]
    assert "def submit_job(\n        self,\n        body: models.JobSubmit | dict[str, Any],\n        *," in jobs
    assert "                json_object=True,\n" in jobs  # the runtime refuses a body that is not a mapping


def test_client_methods_delegate_to_the_resource_in_both_clients() -> None:
    client = _files(client_methods="all", body="positional")["jobs/_client.py"]
    assert "        return self.jobs.submit_job(\n            body,\n            extra_headers=extra_headers," in client
    assert "        return await self.jobs.get_job(\n            job_id,\n" in client
    assert client.count("def get_job(") == 2 and "RequestOptions(" not in client  # no request code of its own


def test_a_lifted_call_named_like_a_member_of_the_python_client_is_an_error(tmp_path: Path) -> None:
    spec = {
        **SPEC,
        "paths": {
            **SPEC["paths"],
            "/close": {"post": {"operationId": "close", "tags": ["jobs"], "responses": {"204": {"description": "ok"}}}},
        },
    }
    path = tmp_path / "zsdk.yaml"
    path.write_text("method_names: operation_id\npython:\n  client_methods: all\n", encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        render_language(_api(spec), "python", load_config(str(path)))
    assert caught.value.diagnostic.pointer == "/client_methods"
    assert "'close'" in caught.value.diagnostic.message


def test_bad_option_values_are_refused_at_their_key(tmp_path: Path) -> None:
    path = tmp_path / "zsdk.yaml"
    path.write_text("python:\n  body: spread\n", encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        load_config(str(path))
    assert caught.value.diagnostic.pointer == "/python/body"


def test_fields_named_like_builtins_get_an_underscore_and_keep_their_wire_name() -> None:
    models = _files()["jobs/models.py"]
    flat = " ".join(models.split())  # black may wrap a field over lines

    def declared(name: str, annotation: str, wire: str, default: str = "") -> bool:
        aliases = f'validation_alias="{wire}", serialization_alias="{wire}"'
        return f"{name}: {annotation} = pydantic.Field( {default}{aliases} )" in flat or (
            f"{name}: {annotation} = pydantic.Field({default}{aliases})" in flat
        )

    assert declared("type_", "str", "type")
    assert declared("type_2", "str | None", "@type", "default=None, ")
    assert declared("format_", "str | None", "format", "default=None, ")
    assert declared("class_", "str | None", "class", "default=None, ")
    assert "    id: str\n" in models  # `id`, on nearly every model, keeps its name


def test_operation_modules_give_a_module_per_operation_calling_the_client() -> None:
    files = _files(operation_modules="all")
    module = files["jobs/api/jobs/get_job.py"]
    assert {"jobs/api/__init__.py", "jobs/api/jobs/__init__.py", "jobs/api/jobs/submit_job.py"} <= set(files)
    for function in ("def sync(", "def sync_detailed(", "async def asyncio(", "async def asyncio_detailed("):
        assert function in module
    assert "    return client.sync_client.jobs.get_job(\n        job_id,\n" in module
    assert "    return await detailed_async(\n        client.async_client.jobs.with_raw_response.get_job,\n" in module
    assert "RequestOptions(" not in module  # one request path: the client's
    assert "def create_client(" in files["jobs/_client.py"] and "create_client" in files["jobs/__init__.py"]
    assert not any(path.startswith("jobs/api/") for path in _files())
