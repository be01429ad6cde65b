"""Operations: parameters, request bodies, responses, idempotency, streaming (ir/operations.py)."""

from __future__ import annotations

from typing import Any

from zsdk_generator.ir.model import Header, TypeRef

OBJECT = {"type": "object", "properties": {"id": {"type": "string"}}}


def ok(schema: Any = OBJECT, status: str = "200", media: str = "application/json") -> dict[str, Any]:
    return {status: {"description": "ok", "content": {media: {"schema": schema}}}}


def operation(op_id: str, **extra: Any) -> dict[str, Any]:
    return {"operationId": op_id, "responses": extra.pop("responses", ok()), **extra}


def param(name: str, location: str, schema: Any = None, **extra: Any) -> dict[str, Any]:
    return {"name": name, "in": location, "schema": schema or {"type": "string"}, **extra}


def params_of(o: Any) -> dict[tuple[str, str], Any]:
    return {(p.name, p.location): p for p in o.params}


# ---------------------------------------------------------------------------------------------- basics


def test_operation_basics(build, doc, op):
    spec = doc(
        {
            "/pets/{id}": {
                "get": operation(
                    "getPet",
                    summary="Get a pet",
                    description="Returns one pet.",
                    deprecated=True,
                    tags=["pets", "animals"],
                    parameters=[param("id", "path", required=True)],
                )
            }
        }
    )
    o = op(build(spec), "getPet")
    assert (o.http_method, o.path) == ("GET", "/pets/{id}")
    assert (o.summary, o.description, o.deprecated) == ("Get a pet", "Returns one pet.", True)
    assert o.tags == ("pets", "animals")
    assert o.source == "/paths/~1pets~1{id}/get"


# ---------------------------------------------------------------------------------------------- parameters


def test_parameter_locations_and_default_styles(build, doc, op):
    spec = doc(
        {
            "/items/{id}": {
                "get": operation(
                    "getItem",
                    parameters=[
                        param("session", "cookie"),
                        param("X-Trace", "header"),
                        param("q", "query"),
                        param("id", "path", required=True),
                    ],
                )
            }
        }
    )
    o = op(build(spec), "getItem")
    assert [(p.name, p.location, p.encoding.style, p.encoding.explode) for p in o.params] == [
        ("id", "path", "simple", False),
        ("q", "query", "form", True),
        ("X-Trace", "header", "simple", False),
        ("session", "cookie", "form", True),
    ]


def test_explicit_style_and_explode_are_kept(build, doc, op):
    obj = {"type": "object", "properties": {"a": {"type": "string"}}}
    arr = {"type": "array", "items": {"type": "string"}}
    spec = doc(
        {
            "/search": {
                "get": operation(
                    "search",
                    parameters=[
                        param("filter", "query", obj, style="deepObject", explode=True),
                        param("ids", "query", arr, explode=False),
                        param("tags", "query", arr, style="pipeDelimited"),
                    ],
                )
            }
        }
    )
    got = {p.name: (p.encoding.style, p.encoding.explode) for p in op(build(spec), "search").params}
    assert got == {"filter": ("deepObject", True), "ids": ("form", False), "tags": ("pipeDelimited", False)}


def test_parameter_required_types_defaults_and_ident(build, doc, op):
    spec = doc(
        {
            "/pets/{petId}": {
                "get": operation(
                    "getPet",
                    parameters=[
                        param("petId", "path", {"type": "integer", "format": "int64"}, required=True),
                        param("limit", "query", {"type": "integer", "default": 20}, description="Page size."),
                        param("include", "query", required=True),
                        param("class", "query", **{"x-zsdk-name": "klass"}),
                        param("old", "query", deprecated=True),
                    ],
                )
            }
        }
    )
    p = params_of(op(build(spec), "getPet"))
    assert p["petId", "path"].required and p["petId", "path"].type == TypeRef("integer", format="int64")
    limit = p["limit", "query"]
    assert not limit.required and limit.has_default and limit.default == 20 and limit.description == "Page size."
    assert p["include", "query"].required and not p["include", "query"].has_default
    assert p["class", "query"].ident == "klass" and p["class", "query"].name == "class"
    assert p["old", "query"].deprecated


def test_inline_enum_parameter_is_hoisted_from_operation_and_param_name(build, doc, op, model):
    spec = doc(
        {
            "/pets": {
                "get": operation(
                    "listPets", parameters=[param("status", "query", {"type": "string", "enum": ["a", "b"]})]
                )
            }
        }
    )
    api = build(spec)
    assert params_of(op(api, "listPets"))["status", "query"].type == TypeRef("model", model="ListPetsStatus")
    assert model(api, "ListPetsStatus").values == ("a", "b")


def test_path_level_parameters_merge_and_operation_overrides(build, doc, op):
    spec = doc(
        {
            "/pets/{id}": {
                "parameters": [
                    param("id", "path", required=True),
                    param("verbose", "query", {"type": "boolean"}, description="path level"),
                ],
                "get": operation(
                    "getPet", parameters=[param("verbose", "query", {"type": "integer"}, description="op level")]
                ),
                "delete": operation("deletePet"),
            }
        }
    )
    api = build(spec)
    got = params_of(op(api, "getPet"))
    assert set(got) == {("id", "path"), ("verbose", "query")}
    assert got["verbose", "query"].description == "op level"
    assert got["verbose", "query"].type == TypeRef("integer")
    inherited = params_of(op(api, "deletePet"))
    assert inherited["verbose", "query"].description == "path level"
    assert inherited["id", "path"].required


def test_same_name_in_different_locations_are_separate_params(build, doc, op):
    spec = doc({"/x": {"get": operation("getX", parameters=[param("v", "query"), param("v", "header")])}})
    assert set(params_of(op(build(spec), "getX"))) == {("v", "query"), ("v", "header")}


def test_referenced_parameters_are_resolved(build, doc, op):
    spec = doc(
        {"/pets": {"get": operation("listPets", parameters=[{"$ref": "#/components/parameters/Limit"}])}},
        components={"parameters": {"Limit": param("limit", "query", {"type": "integer", "format": "int32"})}},
    )
    p = params_of(op(build(spec), "listPets"))["limit", "query"]
    assert p.type == TypeRef("integer", format="int32")


def test_accept_content_type_and_authorization_headers_are_not_params(build, doc, op):
    spec = doc(
        {
            "/x": {
                "get": operation(
                    "getX",
                    parameters=[
                        param("Accept", "header"),
                        param("Content-Type", "header"),
                        param("Authorization", "header"),
                        param("X-Keep", "header"),
                    ],
                )
            }
        }
    )
    assert [p.name for p in op(build(spec), "getX").params] == ["X-Keep"]


def test_undeclared_path_parameter_is_added_with_a_warning(run_spec, doc, op):
    result = run_spec(doc({"/pets/{petId}": {"get": operation("getPet")}}))
    assert result.api is not None and not result.errors
    p = params_of(op(result.api, "getPet"))["petId", "path"]
    assert p.required and p.type == TypeRef("string")
    assert any(d.severity == "warning" and "petId" in d.message for d in result.diagnostics)


def test_header_declared_by_every_operation_is_a_global_header(build, doc):
    version = param("X-Api-Version", "header", required=True)
    spec = doc(
        {
            "/a": {"get": operation("getA", parameters=[version, param("X-Only-A", "header")])},
            "/b": {"get": operation("getB", parameters=[version])},
        }
    )
    api = build(spec)
    assert [p.name for p in api.global_headers] == ["X-Api-Version"]


# ---------------------------------------------------------------------------------------------- idempotency


def test_idempotency_key_header_is_not_a_regular_param(build, doc, op):
    spec = doc(
        {
            "/charges": {
                "post": operation(
                    "createCharge", parameters=[param("Idempotency-Key", "header"), param("X-Other", "header")]
                )
            }
        }
    )
    o = op(build(spec), "createCharge")
    assert [p.name for p in o.params] == ["X-Other"]
    assert o.idempotent and o.idempotency_header == "Idempotency-Key"


def test_idempotency_header_keeps_declared_spelling(build, doc, op):
    spec = doc({"/runs": {"put": operation("startRun", parameters=[param("idempotency-key", "header")])}})
    o = op(build(spec), "startRun")
    assert o.idempotent and o.idempotency_header == "idempotency-key"
    assert o.params == ()


def test_declared_idempotency_key_makes_any_method_idempotent(build, doc, op):
    spec = doc({"/x": {"delete": operation("deleteX", parameters=[param("Idempotency-Key", "header")])}})
    assert op(build(spec), "deleteX").idempotent


def test_idempotent_defaults_by_method(build, doc, op):
    spec = doc(
        {
            "/things": {"get": operation("listThings"), "post": operation("createThing")},
            "/things/{id}": {
                "parameters": [param("id", "path", required=True)],
                "get": operation("getThing"),
                "put": operation("replaceThing"),
                "patch": operation("updateThing"),
                "delete": operation("deleteThing"),
            },
        }
    )
    api = build(spec)
    got = {o.id: (o.idempotent, o.idempotency_header) for o in api.all_operations()}
    assert got == {
        "listThings": (False, None),
        "createThing": (True, "Idempotency-Key"),
        "getThing": (False, None),
        "replaceThing": (False, None),
        "updateThing": (True, "Idempotency-Key"),
        "deleteThing": (False, None),
    }


def test_x_zsdk_idempotent_overrides_the_default(build, doc, op):
    spec = doc(
        {
            "/a": {"post": operation("postA", **{"x-zsdk-idempotent": False})},
            "/b": {"get": operation("getB", **{"x-zsdk-idempotent": True})},
            "/c": {"delete": operation("deleteC", **{"x-zsdk-idempotent": True})},
        }
    )
    api = build(spec)
    assert (op(api, "postA").idempotent, op(api, "postA").idempotency_header) == (False, None)
    assert (op(api, "getB").idempotent, op(api, "getB").idempotency_header) == (True, "Idempotency-Key")
    assert op(api, "deleteC").idempotent


# ---------------------------------------------------------------------------------------------- request bodies


def body(media: str, schema: Any, required: bool = True) -> dict[str, Any]:
    return {"required": required, "description": "The body.", "content": {media: {"schema": schema}}}


def test_json_request_body(build, doc, op, model):
    schema = {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}
    o = op(
        build(doc({"/pets": {"post": operation("createPet", requestBody=body("application/json", schema))}})),
        "createPet",
    )
    assert o.body.kind == "json" and o.body.media_type == "application/json"
    assert o.body.required and o.body.description == "The body."
    assert o.body.type == TypeRef("model", model="CreatePetRequest")
    assert o.body.file_fields == ()


def test_optional_request_body(build, doc, op):
    o = op(
        build(doc({"/pets": {"post": operation("createPet", requestBody=body("application/json", OBJECT, False))}})),
        "createPet",
    )
    assert not o.body.required


def test_vendor_json_media_type_is_json(build, doc, op):
    o = op(
        build(doc({"/pets": {"post": operation("createPet", requestBody=body("application/vnd.api+json", OBJECT))}})),
        "createPet",
    )
    assert o.body.kind == "json" and o.body.media_type == "application/vnd.api+json"


def test_json_is_preferred_over_other_media_types(build, doc, op):
    rb = {"content": {"application/x-www-form-urlencoded": {"schema": OBJECT}, "application/json": {"schema": OBJECT}}}
    o = op(build(doc({"/pets": {"post": operation("createPet", requestBody=rb)}})), "createPet")
    assert o.body.kind == "json" and o.body.media_type == "application/json"


def test_form_request_body(build, doc, op, model):
    schema = {"type": "object", "properties": {"grant_type": {"type": "string"}, "scope": {"type": "string"}}}
    o = op(
        build(
            doc(
                {
                    "/token": {
                        "post": operation("getToken", requestBody=body("application/x-www-form-urlencoded", schema))
                    }
                }
            )
        ),
        "getToken",
    )
    assert o.body.kind == "form" and o.body.media_type == "application/x-www-form-urlencoded"
    assert o.body.type == TypeRef("model", model="GetTokenRequest")
    assert o.body.file_fields == ()


def test_multipart_request_body_lists_file_fields(build, doc, op, model):
    schema = {
        "type": "object",
        "required": ["file"],
        "properties": {
            "file": {"type": "string", "format": "binary"},
            "attachments": {"type": "array", "items": {"type": "string", "format": "binary"}},
            "caption": {"type": "string"},
            "meta": {"type": "object", "properties": {"k": {"type": "string"}}},
        },
    }
    api = build(
        doc(
            {
                "/pets/{id}/image": {
                    "post": operation(
                        "uploadImage",
                        parameters=[param("id", "path", required=True)],
                        requestBody=body("multipart/form-data", schema),
                    )
                }
            }
        )
    )
    o = op(api, "uploadImage")
    assert o.body.kind == "multipart" and o.body.media_type == "multipart/form-data"
    assert o.body.file_fields == ("file", "attachments")
    req = model(api, "UploadImageRequest")
    assert {f.name: f.type for f in req.fields}["file"] == TypeRef("string", format="binary")


def test_multipart_file_fields_through_a_ref(build, doc, op):
    spec = doc(
        {
            "/upload": {
                "post": operation(
                    "upload", requestBody=body("multipart/form-data", {"$ref": "#/components/schemas/Upload"})
                )
            }
        },
        {
            "Upload": {
                "type": "object",
                "properties": {"data": {"type": "string", "format": "binary"}, "name": {"type": "string"}},
            }
        },
    )
    o = op(build(spec), "upload")
    assert o.body.type == TypeRef("model", model="Upload")
    assert o.body.file_fields == ("data",)


def test_binary_request_body(build, doc, op):
    o = op(
        build(
            doc(
                {
                    "/blobs": {
                        "put": operation(
                            "putBlob",
                            requestBody=body("application/octet-stream", {"type": "string", "format": "binary"}),
                        )
                    }
                }
            )
        ),
        "putBlob",
    )
    assert o.body.kind == "binary" and o.body.media_type == "application/octet-stream"
    assert o.body.type == TypeRef("string", format="binary")


def test_image_request_body_is_binary(build, doc, op):
    o = op(build(doc({"/avatar": {"put": operation("putAvatar", requestBody=body("image/png", {}))}})), "putAvatar")
    assert o.body.kind == "binary" and o.body.type == TypeRef("string", format="binary")


def test_text_request_body(build, doc, op):
    o = op(
        build(doc({"/query": {"post": operation("runQuery", requestBody=body("text/plain", {"type": "string"}))}})),
        "runQuery",
    )
    assert o.body.kind == "text" and o.body.type == TypeRef("string")


def test_referenced_request_body(build, doc, op):
    spec = doc(
        {"/pets": {"post": operation("createPet", requestBody={"$ref": "#/components/requestBodies/NewPet"})}},
        components={
            "requestBodies": {
                "NewPet": body("application/json", {"type": "object", "properties": {"n": {"type": "string"}}})
            }
        },
    )
    o = op(build(spec), "createPet")
    assert o.body.kind == "json" and o.body.required
    assert o.body.type.kind == "model"


def test_no_request_body(build, doc, op):
    assert op(build(doc({"/x": {"post": operation("doX")}})), "doX").body is None


# ---------------------------------------------------------------------------------------------- responses


def test_json_response_and_result_type(build, doc, op):
    spec = doc(
        {
            "/pets/{id}": {
                "get": operation(
                    "getPet",
                    parameters=[param("id", "path", required=True)],
                    responses=ok({"$ref": "#/components/schemas/Pet"}),
                )
            }
        },
        {"Pet": OBJECT},
    )
    o = op(build(spec), "getPet")
    assert o.result is not None and o.result.kind == "json" and o.result.status == "200"
    assert o.result.media_type == "application/json"
    assert o.result_type == TypeRef("model", model="Pet")
    assert o.streaming is None and o.envelope is None


def test_binary_response(build, doc, op):
    o = op(
        build(
            doc(
                {
                    "/photo": {
                        "get": operation(
                            "getPhoto", responses=ok({"type": "string", "format": "binary"}, media="image/jpeg")
                        )
                    }
                }
            )
        ),
        "getPhoto",
    )
    assert o.result.kind == "binary" and o.result.media_type == "image/jpeg"
    assert o.result_type == TypeRef("string", format="binary")


def test_octet_stream_response_is_binary(build, doc, op):
    o = op(
        build(
            doc(
                {
                    "/file": {
                        "get": operation("download", responses=ok({"type": "string"}, media="application/octet-stream"))
                    }
                }
            )
        ),
        "download",
    )
    assert o.result.kind == "binary"


def test_text_response(build, doc, op):
    o = op(
        build(doc({"/health": {"get": operation("health", responses=ok({"type": "string"}, media="text/plain"))}})),
        "health",
    )
    assert o.result.kind == "text" and o.result_type == TypeRef("string")


def test_sse_response_is_streaming(build, doc, op, model):
    event = {"type": "object", "properties": {"delta": {"type": "string"}}}
    o = op(
        build(doc({"/chat": {"post": operation("streamChat", responses=ok(event, media="text/event-stream"))}})),
        "streamChat",
    )
    assert o.result.kind == "sse" and o.result.media_type == "text/event-stream"
    assert o.streaming == "sse"
    assert o.result_type == TypeRef("model", model="StreamChatResponse")


def test_json_is_preferred_over_sse_when_both_are_offered(build, doc, op):
    responses = {
        "200": {
            "description": "ok",
            "content": {"text/event-stream": {"schema": OBJECT}, "application/json": {"schema": OBJECT}},
        }
    }
    o = op(build(doc({"/chat": {"post": operation("chat", responses=responses)}})), "chat")
    assert o.result.kind == "json" and o.streaming is None


def test_no_content_response_is_empty(build, doc, op):
    o = op(
        build(
            doc(
                {
                    "/pets/{id}": {
                        "delete": operation(
                            "deletePet",
                            parameters=[param("id", "path", required=True)],
                            responses={"204": {"description": "gone"}},
                        )
                    }
                }
            )
        ),
        "deletePet",
    )
    assert o.result.kind == "empty" and o.result.status == "204"
    assert o.result.type is None and o.result_type is None


def test_errors_are_split_from_successes(build, doc, op):
    err = {"type": "object", "properties": {"message": {"type": "string"}}}
    responses = {
        "404": {"description": "missing", "content": {"application/json": {"schema": err}}},
        "default": {"description": "error", "content": {"application/json": {"schema": err}}},
        "201": {"description": "created", "content": {"application/json": {"schema": OBJECT}}},
        "200": {"description": "ok", "content": {"application/json": {"schema": OBJECT}}},
        "5XX": {"description": "server"},
    }
    o = op(build(doc({"/x": {"post": operation("makeX", responses=responses)}})), "makeX")
    assert [r.status for r in o.responses] == ["200", "201"]
    assert [r.status for r in o.errors] == ["404", "5XX", "default"]
    assert o.result.status == "200"
    assert o.errors[0].kind == "json" and o.errors[0].type.kind == "model"
    assert o.errors[1].kind == "empty"


def test_default_only_response_is_the_success(build, doc, op):
    o = op(build(doc({"/x": {"get": operation("getX", responses={"default": ok()["200"]})}})), "getX")
    assert o.result is not None and o.result.status == "default"
    assert o.errors == ()


def test_no_success_response_means_no_result(build, doc, op):
    o = op(build(doc({"/x": {"get": operation("getX", responses={"400": {"description": "bad"}})}})), "getX")
    assert o.result is None and o.result_type is None
    assert [r.status for r in o.errors] == ["400"]


def test_response_headers_are_kept(build, doc, op):
    responses = {
        "200": {**ok()["200"], "headers": {"X-Rate-Limit": {"description": "left", "schema": {"type": "integer"}}}}
    }
    o = op(build(doc({"/x": {"get": operation("getX", responses=responses)}})), "getX")
    assert o.result.headers == (Header("X-Rate-Limit", TypeRef("integer"), "left"),)


def test_referenced_response(build, doc, op):
    spec = doc(
        {"/x": {"get": operation("getX", responses={"200": {"$ref": "#/components/responses/Thing"}})}},
        {"Thing": OBJECT},
        components={
            "responses": {
                "Thing": {
                    "description": "a thing",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
                }
            }
        },
    )
    o = op(build(spec), "getX")
    assert o.result_type == TypeRef("model", model="Thing")
    assert o.result.description == "a thing"


def test_array_response_result_type(build, doc, op):
    spec = doc({"/tags": {"get": operation("listTags", responses=ok({"type": "array", "items": {"type": "string"}}))}})
    assert op(build(spec), "listTags").result_type == TypeRef("array", item=TypeRef("string"))


def test_x_zsdk_idempotent_false_turns_a_declared_key_off(build, doc, op):
    # docs/extensions.md: `false` turns it off. The IR must then not ask for an automatic key, and the header the
    # spec declares stays reachable as an ordinary parameter.
    spec = doc(
        {
            "/charges": {
                "post": operation(
                    "createCharge", parameters=[param("Idempotency-Key", "header")], **{"x-zsdk-idempotent": False}
                )
            }
        }
    )
    o = op(build(spec), "createCharge")
    assert not o.idempotent
    assert o.idempotency_header is None
    assert [(p.name, p.location) for p in o.params] == [("Idempotency-Key", "header")]
