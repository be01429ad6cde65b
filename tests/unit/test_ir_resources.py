"""Resource grouping and method naming (ir/resources.py, ir/naming.py)."""

from __future__ import annotations

from typing import Any

ARRAY = {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}}}}
OBJECT = {"type": "object", "properties": {"id": {"type": "string"}}}
ID = [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}]


def ok(schema: Any = None, status: str = "200") -> dict[str, Any]:
    if schema is None:
        return {status: {"description": "ok"}}
    return {status: {"description": "ok", "content": {"application/json": {"schema": schema}}}}


def get(op_id: str | None, schema: Any = OBJECT, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"responses": ok(schema), **extra}
    if op_id:
        out["operationId"] = op_id
    return out


def names(resource: Any) -> dict[str, str]:
    return {o.id: o.name for o in resource.operations}


# ---------------------------------------------------------------------------------------------- resources


def test_first_tag_wins(build, doc, resource):
    api = build(doc({"/things": {"get": get("listThings", ARRAY, tags=["Billing", "Things"])}}))
    assert [r.name for r in api.resources] == ["billing"]
    assert [o.id for o in resource(api, "billing").operations] == ["listThings"]


def test_no_tag_uses_first_path_segment(build, doc):
    api = build(doc({"/widgets/{id}": {"parameters": ID, "get": get("getWidget")}}))
    assert [r.name for r in api.resources] == ["widgets"]


def test_version_prefix_v1_is_skipped(build, doc):
    api = build(doc({"/v1/orders": {"get": get("listOrders", ARRAY)}}))
    assert [r.name for r in api.resources] == ["orders"]


def test_version_prefix_api_v1_is_skipped(build, doc):
    api = build(doc({"/api/v1/invoices": {"get": get("listInvoices", ARRAY)}}))
    assert [r.name for r in api.resources] == ["invoices"]


def test_version_prefix_v2beta_is_skipped(build, doc):
    api = build(doc({"/v2beta/models": {"get": get("listModels", ARRAY)}}))
    assert [r.name for r in api.resources] == ["models"]


def test_leading_path_parameter_is_skipped(build, doc):
    params = [{"name": "org", "in": "path", "required": True, "schema": {"type": "string"}}]
    api = build(doc({"/v1/{org}/members": {"parameters": params, "get": get("listMembers", ARRAY)}}))
    assert [r.name for r in api.resources] == ["members"]


def test_tag_names_are_snake_cased(build, doc):
    api = build(doc({"/providers": {"get": get("listProviders", ARRAY, tags=["AI Providers"])}}))
    assert [r.name for r in api.resources] == ["ai_providers"]


def test_camel_case_tag_is_snake_cased(build, doc):
    api = build(doc({"/keys": {"get": get("listKeys", ARRAY, tags=["ApiKeys"])}}))
    assert [r.name for r in api.resources] == ["api_keys"]


def test_x_zsdk_resource_makes_a_sub_resource(build, doc, resource):
    api = build(
        doc(
            {
                "/projects": {"get": get("listProjects", ARRAY, tags=["projects"])},
                "/projects/{id}/files": {
                    "parameters": ID,
                    "get": get("listProjectFiles", ARRAY, tags=["projects"], **{"x-zsdk-resource": "projects.files"}),
                },
            }
        )
    )
    assert [r.name for r in api.resources] == ["projects"]
    projects = resource(api, "projects")
    assert [o.id for o in projects.operations] == ["listProjects"]
    assert [r.name for r in projects.resources] == ["files"]
    files = resource(api, "projects", "files")
    assert [o.id for o in files.operations] == ["listProjectFiles"]


def test_x_zsdk_resource_alone_creates_parent(build, doc, resource):
    api = build(doc({"/a": {"get": get("listFiles", ARRAY, **{"x-zsdk-resource": "projects.files"})}}))
    projects = resource(api, "projects")
    assert projects.operations == ()
    assert [o.id for o in resource(api, "projects", "files").operations] == ["listFiles"]


def test_x_zsdk_resource_beats_tag(build, doc):
    api = build(doc({"/a": {"get": get("listA", ARRAY, tags=["alpha"], **{"x-zsdk-resource": "beta"})}}))
    assert [r.name for r in api.resources] == ["beta"]


def test_tag_description_becomes_resource_description(build, doc, resource):
    api = build(
        doc(
            {"/pets": {"get": get("listPets", ARRAY, tags=["Pets"])}},
            tags=[{"name": "Pets", "description": "All the animals."}],
        )
    )
    assert resource(api, "pets").description == "All the animals."


def test_resources_keep_first_seen_order(build, doc):
    api = build(
        doc(
            {
                "/zebras": {"get": get("listZebras", ARRAY)},
                "/apples": {"get": get("listApples", ARRAY)},
                "/zebras/{id}": {"parameters": ID, "get": get("getZebra")},
            }
        )
    )
    assert [r.name for r in api.resources] == ["zebras", "apples"]


# ---------------------------------------------------------------------------------------------- method names


def crud_paths(update_method: str = "patch") -> dict[str, Any]:
    return {
        "/pets": {
            "get": get("listPets", ARRAY),
            "post": {"operationId": "createPet", "responses": ok(OBJECT, "201")},
        },
        "/pets/{id}": {
            "parameters": ID,
            "get": get("getPet"),
            update_method: {"operationId": "updatePet", "responses": ok(OBJECT)},
            "delete": {"operationId": "deletePet", "responses": ok(None, "204")},
        },
    }


def test_crud_shapes_get_crud_names(build, doc, resource):
    api = build(doc(crud_paths("patch")))
    assert names(resource(api, "pets")) == {
        "listPets": "list",
        "createPet": "create",
        "getPet": "get",
        "updatePet": "update",
        "deletePet": "delete",
    }


def test_put_item_is_update(build, doc, resource):
    api = build(doc(crud_paths("put")))
    assert names(resource(api, "pets"))["updatePet"] == "update"


def test_patch_beats_put_for_update(build, doc, resource):
    paths = crud_paths("patch")
    paths["/pets/{id}"]["put"] = {"operationId": "replacePet", "responses": ok(OBJECT)}
    api = build(doc(paths))
    got = names(resource(api, "pets"))
    assert got["updatePet"] == "update"
    assert got["replacePet"] == "replace"


def test_crud_without_operation_ids(build, doc, resource):
    api = build(
        doc(
            {
                "/widgets": {"get": get(None, ARRAY), "post": {"responses": ok(OBJECT, "201")}},
                "/widgets/{id}": {"parameters": ID, "get": get(None), "delete": {"responses": ok(None, "204")}},
            }
        )
    )
    got = {(o.http_method, o.path): o.name for o in resource(api, "widgets").operations}
    assert got == {
        ("GET", "/widgets"): "list",
        ("POST", "/widgets"): "create",
        ("GET", "/widgets/{id}"): "get",
        ("DELETE", "/widgets/{id}"): "delete",
    }


def test_operation_id_verb_disagreeing_with_crud_keeps_its_name(build, doc, resource):
    api = build(doc({"/sql": {"post": {"operationId": "executeSql", "responses": ok(OBJECT)}}}))
    assert names(resource(api, "sql")) == {"executeSql": "execute"}


def test_get_collection_returning_an_object_is_not_list(build, doc, resource):
    api = build(doc({"/store/inventory": {"get": get("getInventory", OBJECT, tags=["store"])}}))
    name = names(resource(api, "store"))["getInventory"]
    assert name != "list"
    assert name == "get_inventory"


def test_get_collection_with_pagination_is_list(build, doc, resource):
    page = {"type": "object", "properties": {"items": ARRAY, "next_cursor": {"type": "string"}}}
    params = [{"name": "cursor", "in": "query", "schema": {"type": "string"}}]
    api = build(doc({"/events": {"get": get("listEvents", page, parameters=params)}}))
    assert names(resource(api, "events")) == {"listEvents": "list"}


def test_operation_id_names_drop_resource_words(build, doc, resource):
    api = build(
        doc(
            {
                "/jobs": {"get": get("listJobs", ARRAY, tags=["jobs"])},
                "/jobs/{id}/artifacts": {"parameters": ID, "get": get("listJobArtifacts", ARRAY, tags=["jobs"])},
                "/jobs/{id}/cancel": {"parameters": ID, "post": {"operationId": "cancelJob", "responses": ok(OBJECT)}},
            }
        )
    )
    assert names(resource(api, "jobs")) == {
        "listJobs": "list",
        "listJobArtifacts": "list_artifacts",
        "cancelJob": "cancel",
    }


def test_x_zsdk_name_overrides(build, doc, resource):
    api = build(
        doc(
            {
                "/api_keys": {
                    "post": {"operationId": "createApiKey", "x-zsdk-name": "create_api", "responses": ok(OBJECT)},
                    "get": get("listApiKeys", ARRAY, **{"x-zsdk-name": "allKeys"}),
                }
            }
        )
    )
    assert names(resource(api, "api_keys")) == {"createApiKey": "create_api", "listApiKeys": "all_keys"}


def test_method_names_operation_id_style(build, doc, resource):
    api = build(doc(crud_paths("put")), method_names="operation_id")
    assert names(resource(api, "pets")) == {
        "listPets": "list_pets",
        "createPet": "create_pet",
        "getPet": "get_pet",
        "updatePet": "update_pet",
        "deletePet": "delete_pet",
    }


def test_operation_id_style_still_honours_x_zsdk_name(build, doc, resource):
    api = build(
        doc({"/pets": {"get": get("listPets", ARRAY, **{"x-zsdk-name": "everything"})}}), method_names="operation_id"
    )
    assert names(resource(api, "pets")) == {"listPets": "everything"}


def test_colliding_derived_names_fall_back_to_full_operation_ids(build, doc, resource):
    api = build(
        doc(
            {
                "/jobs/{id}/status": {"parameters": ID, "get": get("getJobStatus", tags=["jobs"])},
                "/jobs/status": {"get": get("getStatus", tags=["jobs"])},
            }
        )
    )
    assert names(resource(api, "jobs")) == {"getJobStatus": "get_job_status", "getStatus": "get_status"}


def test_derived_name_colliding_with_crud_name_falls_back(build, doc, resource):
    paths = crud_paths("patch")
    paths["/pets/query"] = {"post": {"operationId": "petsList", "responses": ok(ARRAY)}}
    api = build(doc(paths))
    got = names(resource(api, "pets"))
    assert got["listPets"] == "list"
    assert got["petsList"] == "pets_list"


def test_identical_full_names_get_numeric_suffixes_in_document_order(build, doc, resource):
    api = build(
        doc(
            {
                "/things/a": {"post": {"operationId": "syncThing", "responses": ok(OBJECT), "tags": ["things"]}},
                "/things/b": {"post": {"operationId": "sync_thing", "responses": ok(OBJECT), "tags": ["things"]}},
                "/things/c": {"post": {"operationId": "SyncThing", "responses": ok(OBJECT), "tags": ["things"]}},
            }
        )
    )
    assert [o.name for o in resource(api, "things").operations] == ["sync_thing", "sync_thing_2", "sync_thing_3"]


def test_colliding_overrides_get_numeric_suffixes(build, doc, resource):
    api = build(
        doc(
            {
                "/a": {"post": {"operationId": "doA", "x-zsdk-name": "run", "responses": ok(OBJECT), "tags": ["t"]}},
                "/b": {"post": {"operationId": "doB", "x-zsdk-name": "run", "responses": ok(OBJECT), "tags": ["t"]}},
            }
        )
    )
    assert [o.name for o in resource(api, "t").operations] == ["run", "run_2"]


def test_method_names_unique_within_each_resource(build, doc):
    paths = crud_paths("patch")
    paths["/pets/{id}"]["put"] = {"operationId": "putPet", "responses": ok(OBJECT)}
    paths["/pets/search"] = {"get": get("listPetsSearch", ARRAY)}
    paths["/pets/all"] = {"get": get("list", ARRAY)}
    api = build(doc(paths))
    for r in api.resources:
        method_names = [o.name for o in r.operations]
        assert len(method_names) == len(set(method_names)), method_names


def test_synthesized_operation_ids(build, doc, op):
    params = [{"name": "userId", "in": "path", "required": True, "schema": {"type": "string"}}]
    api = build(
        doc(
            {
                "/v1/users/{userId}/keys": {"parameters": params, "get": get(None, ARRAY)},
                "/v1/status": {"get": get(None)},
            }
        )
    )
    ids = sorted(o.id for o in api.all_operations())
    assert ids == ["get_v1_status", "get_v1_users_by_user_id_keys"]
    assert op(api, "get_v1_status").http_method == "GET"


def test_duplicate_operation_ids_are_renamed_with_a_warning(run_spec, doc):
    result = run_spec(
        doc(
            {
                "/a": {"get": get("fetch", tags=["t"])},
                "/b": {"get": get("fetch", tags=["t"])},
            }
        )
    )
    assert result.api is not None and not result.errors
    assert sorted(o.id for o in result.api.all_operations()) == ["fetch", "fetch_2"]
    assert any(d.severity == "warning" and "duplicate operationId" in d.message for d in result.diagnostics)


def test_x_zsdk_name_beats_a_crud_name(build, doc, resource):
    # an explicit name is the user's decision: the automatic CRUD name yields, wherever it sits in the document
    paths = crud_paths("patch")
    paths["/pets/search"] = {"post": {"operationId": "searchPets", "x-zsdk-name": "list", "responses": ok(ARRAY)}}
    got = names(resource(build(doc(paths)), "pets"))
    assert got["searchPets"] == "list"
    assert got["listPets"] != "list"
    assert len(set(got.values())) == len(got)


def test_sub_resource_method_names_drop_parent_resource_words(build, doc, resource):
    # client.projects.files.upload(...), not client.projects.files.upload_project(...)
    params = [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}]
    ext = {"x-zsdk-resource": "projects.files"}
    api = build(
        doc(
            {
                "/projects/{id}/files/upload": {
                    "parameters": params,
                    "post": {"operationId": "uploadProjectFile", "responses": ok(OBJECT), **ext},
                },
                "/projects/{id}/files/sync": {
                    "parameters": params,
                    "post": {"operationId": "syncProjectFiles", "responses": ok(OBJECT), **ext},
                },
            }
        )
    )
    assert names(resource(api, "projects", "files")) == {"uploadProjectFile": "upload", "syncProjectFiles": "sync"}
