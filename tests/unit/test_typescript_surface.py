"""The TypeScript surface options of zsdk.yaml, rendered in-process: `arguments: flat` (path parameters positional,
the body's fields in one params object) and the calls `client_methods` lifts onto the client."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SPECS
from zsdk_generator.config import Config
from zsdk_generator.diagnostics import SpecError
from zsdk_generator.generate import render_language
from zsdk_generator.pipeline import run

OPERATION_ID = {"method_names": "operation_id"}


def _render(spec: str, typescript: dict[str, Any], shared: dict[str, Any] | None = None) -> dict[str, str]:
    data = {**(shared or {}), "typescript": typescript}
    result = run(str(SPECS / f"{spec}.yaml"), method_names=Config(None, data).method_names)
    assert result.api is not None, result.errors
    return render_language(result.api, "typescript", Config(None, data))


def test_grouped_is_the_default() -> None:
    jobs = _render("zatabase", {}, OPERATION_ID)["src/resources/jobs.ts"]
    assert "  getJob(params: JobsGetJobParams, options?: CallOptions): APIPromise<models.Job> {" in jobs
    assert "flat:" not in jobs


def test_flat_path_parameters_are_positional_and_the_body_fields_are_the_params() -> None:
    files = _render("zatabase", {"arguments": "flat"}, OPERATION_ID)
    jobs, collections = files["src/resources/jobs.ts"], files["src/resources/collections.ts"]
    assert "  getJob(jobId: string, options?: CallOptions): APIPromise<models.Job> {" in jobs
    assert "{ path: { job_id: jobId } }," in jobs
    assert "  submitJob(params: models.JobSubmit, options?: CallOptions): APIPromise<models.Job> {" in jobs
    assert "flat: { body: 'fields' }" in jobs
    assert "    collectionName: string,\n    params: models.IngestRequest,\n" in collections
    assert "{ path: { collection_name: collectionName }, params }," in collections
    # query parameters are keys of the params object, by wire name, and the runtime is told which
    assert "export interface JobsListJobsParams {\n" in jobs
    assert "flat: { query: ['status', 'cursor', 'limit'] }" in jobs
    # the flat functions take the same arguments
    assert "export function getJob(jobId: string, options?: CallOptions): APIPromise<models.Job> {\n" \
        "  return client.sdk.jobs.getJob(jobId, options);" in files["src/functions.ts"]  # fmt: skip


def test_flat_login_takes_its_credentials_positionally() -> None:
    client = _render("zatabase", {"arguments": "flat"}, OPERATION_ID)["src/client.ts"]
    assert "  authenticate(email: string, password: string): Promise<unknown> {" in client
    assert "{ method: 'POST', path: '/auth/login' }, { email, password }, auth);" in client
    grouped = _render("zatabase", {}, OPERATION_ID)["src/client.ts"]
    assert "  authenticate(credentials: { email: string; password: string }): Promise<unknown> {" in grouped


def test_flat_spreads_an_object_body_in_any_spec() -> None:
    pets = _render("petstore", {"arguments": "flat"})["src/resources/pets.ts"]
    assert "  create(params: models.NewPet, options?: CallOptions): APIPromise<models.Pet> {" in pets
    assert (
        "  update(petId: number | bigint, params: models.NewPet, options?: CallOptions): APIPromise<models.Pet> {"
        in pets
    )
    assert "{ path: { petId }, params }," in pets


TOY = {
    "openapi": "3.1.0",
    "info": {"title": "Toy", "version": "1.0.0"},
    "paths": {
        "/notes": {
            "post": {
                "operationId": "addNote",
                "tags": ["notes"],
                "parameters": [{"name": "dry_run", "in": "query", "schema": {"type": "boolean"}}],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Note"}}},
                },
                "responses": {"204": {"description": "added"}},
            },
            "put": {
                "operationId": "putNote",
                "tags": ["notes"],
                "parameters": [{"name": "text", "in": "query", "schema": {"type": "string"}}],
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Note"}}}},
                "responses": {"204": {"description": "put"}},
            },
        },
        "/timers": {"get": {"operationId": "sleep", "tags": ["timers"], "responses": {"204": {"description": "ok"}}}},
    },
    "components": {
        "schemas": {
            "Note": {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}},
        }
    },
}


def _render_toy(tmp_path: Path, typescript: dict[str, Any], toy: dict[str, Any] = TOY) -> dict[str, str]:
    spec = tmp_path / "toy.yaml"
    spec.write_text(json.dumps(toy), encoding="utf-8")
    data = {"method_names": "operation_id", "typescript": typescript}
    result = run(str(spec), method_names="operation_id")
    assert result.api is not None, result.errors
    return render_language(result.api, "typescript", Config(None, data))


def test_flat_body_fields_beside_query_parameters_and_a_clash_keeps_the_body_whole(tmp_path: Path) -> None:
    notes = _render_toy(tmp_path, {"arguments": "flat"})["src/resources/notes.ts"]
    # addNote: the Params interface extends the body model with the query parameter
    assert (
        "export interface NotesAddNoteParams extends models.Note {\n  dry_run?: boolean | null | undefined;\n}" in notes
    )
    assert "flat: { query: ['dry_run'], body: 'fields' }" in notes
    # putNote: its query parameter `text` is also a body field, so the body stays under `body`
    assert (
        "export interface NotesPutNoteParams {\n  text?: string | null | undefined;\n  body?: models.Note;\n}" in notes
    )
    assert "flat: { query: ['text'], body: 'body' }" in notes


def test_a_lifted_name_the_typescript_client_has_is_an_error(tmp_path: Path) -> None:
    """`sleep` is free in the plan (no resource, option or credential has it) but the runtime's BaseClient has it."""
    with pytest.raises(SpecError) as raised:
        _render_toy(tmp_path, {"client_methods": ["sleep"]})
    assert raised.value.diagnostic.message == (
        "sleep (timers.sleep) would take the name of a member of the runtime's BaseClient on the TypeScript client"
    )
    assert raised.value.diagnostic.pointer == "/client_methods"


def test_client_methods_delegate_to_the_resource_method() -> None:
    client = _render("zatabase", {"arguments": "flat", "client_methods": ["healthCheck", "executeSql"]},
                     OPERATION_ID)["src/client.ts"]  # fmt: skip
    assert "  healthCheck(options?: CallOptions): OkPromise {\n" \
        "    return this.health.healthCheck(options);\n  }" in client  # fmt: skip
    assert "  executeSql(params: models.SqlRequest, options?: CallOptions): APIPromise<models.SqlResult> {\n" \
        "    return this.sql.executeSql(params, options);\n  }" in client  # fmt: skip
    assert "import type * as models from './models.js';" in client
    grouped = _render("zatabase", {"client_methods": ["executeSql"]}, OPERATION_ID)["src/client.ts"]
    assert "  executeSql(params: SqlExecuteSqlParams, options?: CallOptions): APIPromise<models.SqlResult> {" in grouped
    assert "import { type SqlExecuteSqlParams, SqlResource } from './resources/sql.js';" in grouped


def test_flat_refuses_two_parameters_under_one_wire_name(tmp_path: Path) -> None:
    toy = copy.deepcopy(TOY)
    toy["paths"]["/timers"]["get"]["parameters"] = [
        {"name": "id", "in": "query", "schema": {"type": "string"}},
        {"name": "id", "in": "header", "schema": {"type": "string"}},
    ]
    assert _render_toy(tmp_path, {}, toy)  # grouped: `{ query: { id }, headers: { id } }` is fine
    with pytest.raises(SpecError) as raised:
        _render_toy(tmp_path, {"arguments": "flat"}, toy)
    assert raised.value.diagnostic.message == (
        "sleep: two parameters are sent as 'id'; arguments: flat needs one name per key"
    )
    assert raised.value.diagnostic.pointer == "/typescript/arguments"


def test_method_case_snake_spells_resource_methods_only() -> None:
    files = _render("vibedasher", {"method_case": "snake"})
    api_keys = files["src/resources/api_keys.ts"]
    assert "  create_api(params: ApiKeysCreateApiParams, options?: CallOptions)" in api_keys  # Params name kept
    assert "  readonly apiKeys = new ApiKeysResource(this);" in files["src/client.ts"]  # resources stay camelCase
    functions = files["src/functions.ts"]
    assert "export function createApiKey(" in functions  # flat functions keep their operationId names
    assert "  return client.sdk.apiKeys.create_api(params, options);" in functions
    camel = _render("vibedasher", {})["src/resources/api_keys.ts"]
    assert "  createApi(params: ApiKeysCreateApiParams, options?: CallOptions)" in camel


def test_the_shared_client_takes_auth_for_the_default_schemes_credential() -> None:
    functions = _render("vibedasher", {})["src/functions.ts"]
    assert "/** `auth`: the `apiKey` credential, sent as the X-Api-Key header. */" in functions
    assert "  return new Vibedasher(auth === undefined ? rest : { ...rest, apiKey: auth });" in functions
    assert "export const client = new SharedClient(create, ['apiKey', 'region', 'auth']);" in functions
    # the first scheme of the default security that takes one credential
    zatabase = _render("zatabase", {}, OPERATION_ID)["src/functions.ts"]
    assert "/** `auth`: the `apiKey` credential, sent as the X-API-Key header. */" in zatabase


def test_no_auth_option_when_no_scheme_takes_one_credential(tmp_path: Path) -> None:
    toy = copy.deepcopy(TOY)
    toy["components"]["securitySchemes"] = {"basic": {"type": "http", "scheme": "basic"}}
    toy["security"] = [{"basic": []}]
    functions = _render_toy(tmp_path, {}, toy)["src/functions.ts"]
    assert "auth" not in functions.split("export const client")[1].split("\n")[0]
    assert "function create(options: ToyOptions): Toy {" in functions
