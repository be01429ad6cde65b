"""Pagination and envelope detection, and the x-zsdk-pagination / x-zsdk-envelope extensions (ir/detect.py)."""

from __future__ import annotations

from typing import Any

from zsdk_generator.ir.model import Pagination, TypeRef

EVENT = {"type": "object", "properties": {"id": {"type": "string"}, "kind": {"type": "string"}}}
EVENTS = {"type": "array", "items": {"$ref": "#/components/schemas/Event"}}
EVENT_T = TypeRef("model", model="Event")


def q(name: str, schema: Any = None) -> dict[str, Any]:
    return {"name": name, "in": "query", "schema": schema or {"type": "string"}}


def listing(response: Any, params: list[Any], method: str = "get", headers: Any = None, **extra: Any) -> dict[str, Any]:
    resp: dict[str, Any] = {"description": "ok", "content": {"application/json": {"schema": response}}}
    if headers:
        resp["headers"] = headers
    return {
        "/events": {method: {"operationId": "listEvents", "parameters": params, "responses": {"200": resp}, **extra}}
    }


def obj(**props: Any) -> dict[str, Any]:
    return {"type": "object", "properties": props}


def paged(build, doc, op, paths: dict[str, Any], **kw: Any) -> Any:
    return op(build(doc(paths, {"Event": EVENT}, **kw)), "listEvents")


INT = {"type": "integer"}
STR = {"type": "string"}
BOOL = {"type": "boolean"}


# ---------------------------------------------------------------------------------------------- detection


def test_cursor_with_next_cursor(build, doc, op):
    o = paged(build, doc, op, listing(obj(data=EVENTS, next_cursor=STR), [q("cursor"), q("limit", INT)]))
    assert o.pagination == Pagination("cursor", ("data",), EVENT_T, cursor_param="cursor", next_cursor=("next_cursor",))
    assert o.envelope is None


def test_cursor_with_page_token_and_has_more(build, doc, op):
    o = paged(build, doc, op, listing(obj(items=EVENTS, nextPageToken=STR, hasMore=BOOL), [q("pageToken")]))
    assert o.pagination == Pagination(
        "cursor", ("items",), EVENT_T, cursor_param="pageToken", next_cursor=("nextPageToken",), has_more=("hasMore",)
    )


def test_cursor_exclusive_start_key_and_next_key(build, doc, op):
    o = paged(build, doc, op, listing(obj(items=EVENTS, nextKey=STR), [q("exclusiveStartKey"), q("limit", INT)]))
    assert o.pagination == Pagination(
        "cursor", ("items",), EVENT_T, cursor_param="exclusiveStartKey", next_cursor=("nextKey",)
    )


def test_stripe_style_starting_after_and_has_more(build, doc, op):
    page = obj(object={"type": "string", "enum": ["list"]}, data=EVENTS, has_more=BOOL, url=STR)
    o = paged(build, doc, op, listing(page, [q("starting_after"), q("ending_before"), q("limit", INT)]))
    assert o.pagination == Pagination(
        "cursor", ("data",), EVENT_T, cursor_param="starting_after", cursor_item_field="id", has_more=("has_more",)
    )


def test_openai_style_after_with_last_id_and_has_more(build, doc, op):
    page = obj(object=STR, data=EVENTS, first_id=STR, last_id=STR, has_more=BOOL)
    o = paged(build, doc, op, listing(page, [q("limit", INT), q("order"), q("after"), q("before")]))
    assert o.pagination == Pagination(
        "cursor", ("data",), EVENT_T, cursor_param="after", next_cursor=("last_id",), has_more=("has_more",)
    )


def test_after_with_has_more_but_no_last_id_takes_the_last_items_id(build, doc, op):
    o = paged(build, doc, op, listing(obj(object=STR, data=EVENTS, has_more=BOOL), [q("after"), q("limit", INT)]))
    assert o.pagination == Pagination(
        "cursor", ("data",), EVENT_T, cursor_param="after", cursor_item_field="id", has_more=("has_more",)
    )


def test_after_with_has_more_is_not_cursor_without_last_id_or_item_ids(build, doc, op):
    nameless = {"type": "array", "items": obj(kind=STR)}
    o = paged(build, doc, op, listing(obj(data=nameless, has_more=BOOL), [q("after")]))
    assert o.pagination is None


def test_offset_limit_with_total(build, doc, op):
    o = paged(build, doc, op, listing(obj(results=EVENTS, total=INT), [q("offset", INT), q("limit", INT)]))
    assert o.pagination == Pagination(
        "offset", ("results",), EVENT_T, offset_param="offset", limit_param="limit", total=("total",)
    )


def test_offset_on_a_bare_array(build, doc, op):
    o = paged(build, doc, op, listing(EVENTS, [q("limit", INT), q("offset", INT)]))
    assert o.pagination == Pagination("offset", (), EVENT_T, offset_param="offset", limit_param="limit")
    assert o.name == "list"


def test_page_per_page_with_meta_pagination(build, doc, op):
    meta = obj(pagination=obj(page=INT, total_pages=INT, has_next=BOOL))
    o = paged(build, doc, op, listing(obj(data=EVENTS, meta=meta), [q("page", INT), q("per_page", INT)]))
    assert o.pagination == Pagination(
        "page",
        ("data",),
        EVENT_T,
        page_param="page",
        per_page_param="per_page",
        total_pages=("meta", "pagination", "total_pages"),
        has_next=("meta", "pagination", "has_next"),
    )


def test_page_with_page_size_on_a_bare_array(build, doc, op):
    o = paged(build, doc, op, listing(EVENTS, [q("page", INT), q("page_size", INT)]))
    assert o.pagination == Pagination("page", (), EVENT_T, page_param="page", per_page_param="page_size")


def test_string_page_with_next_page_is_a_page_token(build, doc, op):
    # Stripe's search and OpenAI's usage endpoints: `page` is the previous response's `next_page`, not a number
    page = obj(data=EVENTS, has_more=BOOL, next_page={"type": "string", "nullable": True})
    o = paged(build, doc, op, listing(page, [q("page", STR), q("limit", INT)]))
    assert o.pagination == Pagination(
        "cursor", ("data",), EVENT_T, cursor_param="page", next_cursor=("next_page",), has_more=("has_more",)
    )


def test_untyped_page_is_a_token_only_when_next_page_is_a_string(build, doc, op):
    untyped = {"name": "page", "in": "query"}
    o = paged(build, doc, op, listing(obj(items=EVENTS, nextPageToken=STR), [untyped]))
    assert o.pagination == Pagination(
        "cursor", ("items",), EVENT_T, cursor_param="page", next_cursor=("nextPageToken",)
    )
    o = paged(build, doc, op, listing(obj(items=EVENTS, next_page=INT), [untyped]))
    assert o.pagination == Pagination("page", ("items",), EVENT_T, page_param="page")


def test_page_numbers_stay_page_numbers_beside_a_next_page_field(build, doc, op):
    # an integer parameter is a number whatever the response says; a string one is when next_page is a number
    for param, field in ((INT, STR), ({"type": "number"}, STR), (STR, INT)):
        o = paged(build, doc, op, listing(obj(data=EVENTS, next_page=field), [q("page", param), q("per_page", INT)]))
        assert o.pagination == Pagination("page", ("data",), EVENT_T, page_param="page", per_page_param="per_page")


def test_link_header_pagination(build, doc, op):
    headers = {"Link": {"description": "RFC 8288 links", "schema": STR}}
    o = paged(build, doc, op, listing(EVENTS, [q("page", INT), q("per_page", INT)], headers=headers))
    assert o.pagination == Pagination("link", (), EVENT_T, page_param="page", per_page_param="per_page")


def test_items_field_named_after_the_resource(build, doc, op):
    paths = {
        "/events": {
            "get": {
                "operationId": "listEvents",
                "tags": ["events"],
                "parameters": [q("offset", INT)],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {"schema": obj(events=EVENTS, tags={"type": "array", "items": STR})}
                        },
                    }
                },
            }
        }
    }
    o = paged(build, doc, op, paths)
    assert o.pagination is not None and o.pagination.items == ("events",)
    assert o.pagination.item_type == EVENT_T


def test_inline_item_type_is_the_hoisted_item_model(build, doc, op, model):
    inline = {"type": "array", "items": obj(id=STR)}
    api = build(doc(listing(obj(data=inline, next_cursor=STR), [q("cursor")])))
    o = op(api, "listEvents")
    item = o.pagination.item_type
    assert item.kind == "model"
    assert [f.name for f in model(api, item.model).fields] == ["id"]
    data_field = {f.name: f for f in model(api, o.result_type.model).fields}["data"]
    assert data_field.type == TypeRef("array", item=item)


def test_no_pagination_without_paging_parameters(build, doc, op):
    o = paged(build, doc, op, listing(EVENTS, [q("kind")]))
    assert o.pagination is None


def test_no_pagination_without_a_list_in_the_response(build, doc, op):
    o = paged(build, doc, op, listing(obj(count=INT), [q("offset", INT)]))
    assert o.pagination is None


def test_post_is_not_detected_as_paginated(build, doc, op):
    o = paged(build, doc, op, listing(obj(data=EVENTS, next_cursor=STR), [q("cursor")], method="post"))
    assert o.pagination is None


def test_cursor_parameter_without_next_cursor_field_is_not_cursor(build, doc, op):
    o = paged(build, doc, op, listing(obj(data=EVENTS), [q("cursor")]))
    assert o.pagination is None or o.pagination.style != "cursor"


# ---------------------------------------------------------------------------------------------- x-zsdk-pagination


def test_declared_cursor_pagination(build, doc, op):
    ext = {
        "style": "cursor",
        "items": "results",
        "cursor_param": "after_id",
        "next_cursor": "paging.next",
        "has_more": "paging.more",
    }
    page = obj(results=EVENTS, paging=obj(next=STR, more=BOOL))
    o = paged(build, doc, op, listing(page, [q("after_id")], **{"x-zsdk-pagination": ext}))
    assert o.pagination == Pagination(
        "cursor",
        ("results",),
        EVENT_T,
        cursor_param="after_id",
        next_cursor=("paging", "next"),
        has_more=("paging", "more"),
    )


def test_declared_pagination_works_on_post(build, doc, op):
    ext = {"style": "offset", "items": "hits", "offset_param": "from", "limit_param": "size", "total": "meta.total"}
    page = obj(hits=EVENTS, meta=obj(total=INT))
    o = paged(
        build, doc, op, listing(page, [q("from", INT), q("size", INT)], method="post", **{"x-zsdk-pagination": ext})
    )
    assert o.pagination == Pagination(
        "offset", ("hits",), EVENT_T, offset_param="from", limit_param="size", total=("meta", "total")
    )


def test_declared_page_pagination_defaults_and_items_detection(build, doc, op):
    ext = {"style": "page", "per_page_param": "count", "total_pages": "pages"}
    o = paged(
        build,
        doc,
        op,
        listing(obj(data=EVENTS, pages=INT), [q("page", INT), q("count", INT)], **{"x-zsdk-pagination": ext}),
    )
    assert o.pagination == Pagination(
        "page", ("data",), EVENT_T, page_param="page", per_page_param="count", total_pages=("pages",)
    )


def test_declared_cursor_item_field(build, doc, op):
    ext = {"style": "cursor", "cursor_param": "after", "cursor_item_field": "id"}
    o = paged(build, doc, op, listing(EVENTS, [q("after")], **{"x-zsdk-pagination": ext}))
    assert o.pagination == Pagination("cursor", (), EVENT_T, cursor_param="after", cursor_item_field="id")


def test_x_zsdk_pagination_false_turns_detection_off(build, doc, op):
    o = paged(build, doc, op, listing(EVENTS, [q("offset", INT), q("limit", INT)], **{"x-zsdk-pagination": False}))
    assert o.pagination is None


def test_x_zsdk_pagination_bad_style_is_an_error(run_spec, doc):
    result = run_spec(
        doc(listing(EVENTS, [q("offset", INT)], **{"x-zsdk-pagination": {"style": "infinite"}}), {"Event": EVENT})
    )
    errors = [d for d in result.errors if "style" in d.message]
    assert errors, [d.format() for d in result.diagnostics]
    assert errors[0].pointer == "/paths/~1events/get/x-zsdk-pagination"
    assert errors[0].line > 0
    assert result.api is None


def test_x_zsdk_pagination_cursor_without_cursor_param_is_an_error(run_spec, doc):
    ext = {"style": "cursor", "next_cursor": "next"}
    result = run_spec(doc(listing(obj(data=EVENTS, next=STR), [], **{"x-zsdk-pagination": ext}), {"Event": EVENT}))
    assert any("cursor_param" in d.message for d in result.errors)


def test_x_zsdk_pagination_items_not_in_response_is_an_error(run_spec, doc):
    ext = {"style": "offset", "items": "nothing"}
    result = run_spec(
        doc(listing(obj(data=EVENTS), [q("offset", INT)], **{"x-zsdk-pagination": ext}), {"Event": EVENT})
    )
    assert any("nothing" in d.message for d in result.errors)


def test_x_zsdk_pagination_not_a_mapping_is_an_error(run_spec, doc):
    result = run_spec(doc(listing(EVENTS, [q("offset", INT)], **{"x-zsdk-pagination": "cursor"}), {"Event": EVENT}))
    assert any("x-zsdk-pagination" in d.message for d in result.errors)


# ---------------------------------------------------------------------------------------------- envelopes


PET = {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"}}}


def single(response: Any, **extra: Any) -> dict[str, Any]:
    return {
        "/pets/{id}": {
            "get": {
                "operationId": "getPet",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": STR}],
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": response}}}},
                **extra,
            }
        }
    }


PET_REF = {"$ref": "#/components/schemas/Pet"}


def test_data_meta_envelope_is_unwrapped(build, doc, op):
    o = op(build(doc(single(obj(data=PET_REF, meta=obj(request_id=STR))), {"Pet": PET})), "getPet")
    assert o.envelope == ("data",)
    assert o.result_type == TypeRef("model", model="Pet")
    assert o.result.type == TypeRef("model", model="GetPetResponse")


def test_success_data_meta_envelope_is_unwrapped(build, doc, op):
    o = op(build(doc(single(obj(success=BOOL, data=PET_REF, meta=obj(took=INT))), {"Pet": PET})), "getPet")
    assert o.envelope == ("data",) and o.result_type == TypeRef("model", model="Pet")


def test_envelope_through_a_referenced_schema(build, doc, op):
    schemas = {"Pet": PET, "PetEnvelope": obj(data=PET_REF, links=obj(self=STR))}
    o = op(build(doc(single({"$ref": "#/components/schemas/PetEnvelope"}), schemas)), "getPet")
    assert o.envelope == ("data",) and o.result_type == TypeRef("model", model="Pet")


def test_envelope_with_an_array_payload(build, doc, op):
    o = op(
        build(doc(single(obj(data={"type": "array", "items": PET_REF}, meta=obj(count=INT))), {"Pet": PET})), "getPet"
    )
    assert o.envelope == ("data",)
    assert o.result_type == TypeRef("array", item=TypeRef("model", model="Pet"))


def test_object_with_data_and_other_fields_is_not_an_envelope(build, doc, op):
    o = op(build(doc(single(obj(data=PET_REF, name=STR)), {"Pet": PET})), "getPet")
    assert o.envelope is None
    assert o.result_type == TypeRef("model", model="GetPetResponse")


def test_x_zsdk_envelope_false_disables_unwrapping(build, doc, op):
    o = op(build(doc(single(obj(data=PET_REF, meta=obj(x=STR)), **{"x-zsdk-envelope": False}), {"Pet": PET})), "getPet")
    assert o.envelope is None
    assert o.result_type == TypeRef("model", model="GetPetResponse")


def test_root_x_zsdk_envelope_false_disables_unwrapping(build, doc, op):
    spec = doc(single(obj(data=PET_REF, meta=obj(x=STR))), {"Pet": PET}, **{"x-zsdk-envelope": False})
    assert op(build(spec), "getPet").envelope is None


def test_x_zsdk_envelope_explicit_path(build, doc, op):
    response = obj(status=STR, result=obj(payload=PET_REF, trace=STR))
    o = op(build(doc(single(response, **{"x-zsdk-envelope": "result.payload"}), {"Pet": PET})), "getPet")
    assert o.envelope == ("result", "payload")
    assert o.result_type == TypeRef("model", model="Pet")


def test_x_zsdk_envelope_on_the_response_object(build, doc, op):
    # docs/extensions.md: x-zsdk-envelope may sit on an operation, a response or the document root.
    schemas = {"Pet": PET, "Wrapped": obj(item=PET_REF, version=STR)}
    paths = single({"$ref": "#/components/schemas/Wrapped"})
    paths["/pets/{id}"]["get"]["responses"]["200"]["x-zsdk-envelope"] = "item"
    o = op(build(doc(paths, schemas)), "getPet")
    assert o.envelope == ("item",) and o.result_type == TypeRef("model", model="Pet")


def test_x_zsdk_envelope_on_a_response_object_overrides_the_root(build, doc, op):
    paths = single(obj(data=PET_REF, meta=obj(x=STR)))
    paths["/pets/{id}"]["get"]["responses"]["200"]["x-zsdk-envelope"] = "data"
    o = op(build(doc(paths, {"Pet": PET}, **{"x-zsdk-envelope": False})), "getPet")
    assert o.envelope == ("data",)


def test_x_zsdk_envelope_field_missing_is_an_error(run_spec, doc):
    result = run_spec(doc(single(obj(data=PET_REF), **{"x-zsdk-envelope": "payload"}), {"Pet": PET}))
    assert any("payload" in d.message for d in result.errors)
    assert result.api is None


def test_paginated_operations_are_not_unwrapped(build, doc, op):
    o = paged(build, doc, op, listing(obj(data=EVENTS, meta=obj(total=INT)), [q("offset", INT)]))
    assert o.pagination is not None and o.pagination.total == ("meta", "total")
    assert o.envelope is None


def test_pagination_through_an_all_of_page_schema(build, doc, op):
    schemas = {"Event": EVENT, "Page": obj(next_cursor=STR, has_more=BOOL)}
    page = {"allOf": [{"$ref": "#/components/schemas/Page"}, obj(data=EVENTS)]}
    o = op(build(doc(listing(page, [q("cursor")]), schemas)), "listEvents")
    assert o.pagination == Pagination(
        "cursor", ("data",), EVENT_T, cursor_param="cursor", next_cursor=("next_cursor",), has_more=("has_more",)
    )


def test_enveloped_list_without_paging_is_unwrapped_and_named_list(build, doc, op):
    o = op(build(doc(listing(obj(data=EVENTS, meta=obj(count=INT)), []), {"Event": EVENT})), "listEvents")
    assert o.pagination is None and o.envelope == ("data",)
    assert o.result_type == TypeRef("array", item=EVENT_T)
    assert o.name == "list"
