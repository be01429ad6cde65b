"""Pagination and envelope: read from `x-zsdk-*` extensions or detected from common shapes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..diagnostics import error
from .model import Pagination, TypeRef
from .shapes import Shapes

_ITEM_FIELDS = ("data", "items", "results", "records", "entries", "values", "list", "objects", "elements")
_CURSOR_PARAMS = ("cursor", "page_token", "pageToken", "after", "next_token", "nextToken", "page_cursor",
                  "continuation_token", "continuationToken", "starting_token", "marker")  # fmt: skip
_NEXT_CURSOR_FIELDS = ("next_cursor", "nextCursor", "next_page_token", "nextPageToken", "next_token", "nextToken",
                       "next_marker", "nextMarker", "continuation_token", "next", "cursor", "after")  # fmt: skip
_META_PREFIXES: tuple[tuple[str, ...], ...] = (
    (), ("meta", "pagination"), ("meta",), ("pagination",),
    ("response_metadata",), ("paging",), ("page_info",), ("links",),
)  # fmt: skip
_PAGE_PARAMS = ("page", "page_number", "pageNumber")
_NEXT_PAGE_FIELDS = ("next_page", "nextPage", "next_page_token", "nextPageToken")
_PER_PAGE_PARAMS = ("per_page", "perPage", "page_size", "pageSize", "limit", "size")
_LIMIT_PARAMS = ("limit", "page_size", "pageSize", "max_results", "count", "size")
_MAX_DATA_NESTING = 8  # `data.data.…` levels searched for the items (a schema may contain itself there)
_ENVELOPE_COMPANIONS = frozenset({"meta", "links", "success", "pagination", "request_id", "included", "jsonapi"})


def _path(value: Any, where: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise error("expected a dotted field path (a string)", where)
    return tuple(p for p in value.split(".") if p)


def envelope(spec_value: Any, schema: Any, shapes: Shapes, where: str) -> tuple[str, ...] | None:
    """Path of the payload to unwrap from a response body, or None."""
    if spec_value is False:
        return None
    if spec_value is not None and spec_value is not True:
        return _path(spec_value, where)
    props = shapes.properties(schema)
    if "data" in props and len(props) > 1 and set(props) - {"data"} <= _ENVELOPE_COMPANIONS:
        return ("data",)
    if spec_value is True and "data" in props:
        return ("data",)
    return None


def _items_path(schema: Any, shapes: Shapes, resource_words: list[str], depth: int = 0) -> tuple[str, ...] | None:
    if shapes.is_array(schema):
        return ()
    props = shapes.properties(schema)
    arrays = [name for name, sub in props.items() if shapes.is_array(sub)]
    for name in _ITEM_FIELDS + ("_".join(resource_words), "".join(resource_words)):
        if name in arrays:
            return (name,)
    if len(arrays) == 1:
        return (arrays[0],)
    data = props.get("data")
    if data is not None and not shapes.is_array(data) and depth < _MAX_DATA_NESTING:
        inner = _items_path(data, shapes, resource_words, depth + 1)
        if inner:
            return ("data",) + inner
    return None


def pagination(
    spec_value: Any,
    method: str,
    query_params: dict[str, Any],
    response_schema: Any,
    response_headers: dict[str, Any],
    shapes: Shapes,
    item_type: Callable[[tuple[str, ...]], TypeRef],
    resource_words: list[str],
    where: str,
) -> Pagination | None:
    """How an operation pages; `item_type(items_path)` gives the TypeRef of one item."""
    if spec_value is False or response_schema is None:
        return None
    if isinstance(spec_value, dict):
        return _declared(spec_value, response_schema, shapes, item_type, resource_words, where)
    if spec_value is not None:
        raise error("x-zsdk-pagination must be a mapping or false", where)
    if method != "get":
        return None
    items = _items_path(response_schema, shapes, resource_words)
    if items is None:
        return None
    names = set(query_params)

    def meta(*fields: str) -> tuple[str, ...] | None:
        return shapes.find_field(response_schema, fields, _META_PREFIXES)

    item: TypeRef = item_type(items)
    if "exclusiveStartKey" in names and meta("nextKey", "next_key", "lastEvaluatedKey"):
        return Pagination("cursor", items, item, cursor_param="exclusiveStartKey",
                          next_cursor=meta("nextKey", "next_key", "lastEvaluatedKey"))  # fmt: skip
    if "starting_after" in names and meta("has_more"):
        return Pagination("cursor", items, item, cursor_param="starting_after", cursor_item_field="id",
                          has_more=meta("has_more"))  # fmt: skip
    cursor_param = next((p for p in _CURSOR_PARAMS if p in names), None)
    if cursor_param:
        next_field = meta(*_NEXT_CURSOR_FIELDS)
        if next_field is not None:
            return Pagination("cursor", items, item, cursor_param=cursor_param, next_cursor=next_field,
                              has_more=meta("has_more", "hasMore"))  # fmt: skip
    if "after" in names and meta("has_more"):  # OpenAI: the next `after` is `last_id`, else the last item's id
        last_id = meta("last_id")
        if last_id or "id" in _item_fields(response_schema, items, shapes):
            return Pagination("cursor", items, item, cursor_param="after", next_cursor=last_id,
                              cursor_item_field=None if last_id else "id", has_more=meta("has_more"))  # fmt: skip
    if "offset" in names:
        limit = next((p for p in _LIMIT_PARAMS if p in names), None)
        return Pagination("offset", items, item, offset_param="offset", limit_param=limit,
                          total=meta("total", "total_count", "totalCount", "count"))  # fmt: skip
    page_param = next((p for p in _PAGE_PARAMS if p in names), None)
    if page_param:
        next_page, page_type = meta(*_NEXT_PAGE_FIELDS), query_params[page_param].type
        if next_page and _is_token(page_type, shapes.flatten(shapes.field_at(response_schema, next_page))):
            return Pagination("cursor", items, item, cursor_param=page_param, next_cursor=next_page,
                              has_more=meta("has_more", "hasMore"))  # fmt: skip
        per_page = next((p for p in _PER_PAGE_PARAMS if p in names), None)
        if any(h.lower() == "link" for h in response_headers):
            return Pagination("link", items, item, page_param=page_param, per_page_param=per_page)
        return Pagination("page", items, item, page_param=page_param, per_page_param=per_page,
                          total_pages=meta("total_pages", "totalPages", "page_count", "pageCount", "last_page"),
                          has_next=meta("has_next", "hasNext", "has_next_page", "hasNextPage", "has_more"))  # fmt: skip
    return None


def _item_fields(schema: Any, items: tuple[str, ...], shapes: Shapes) -> dict[str, Any]:
    """The fields of one item of the list at `items` in the response."""
    return shapes.properties(shapes.flatten(shapes.field_at(schema, items)).get("items"))


def _is_token(param: TypeRef, next_page: dict[str, Any]) -> bool:
    """Whether a page parameter takes the response's next-page field (flattened schema) verbatim, as a token.

    A string parameter is a token unless the field is a number; an untyped one only when the field is a string;
    an integer or number parameter is a page number."""
    declared = next_page.get("type")
    kinds = set(declared) if isinstance(declared, list) else {declared}
    if param.kind == "string":
        return not kinds & {"integer", "number"}
    return param.kind == "any" and "string" in kinds


def _declared(
    spec: dict[str, Any],
    schema: Any,
    shapes: Shapes,
    item_type: Callable[[tuple[str, ...]], TypeRef],
    resource_words: list[str],
    where: str,
) -> Pagination:
    style = spec.get("style")
    if style not in ("cursor", "offset", "page", "link"):
        raise error(f"x-zsdk-pagination style must be cursor, offset, page or link, not {style!r}", where)
    items = _path(spec.get("items"), where + "/items")
    if items is None:
        items = _items_path(schema, shapes, resource_words)
        if items is None:
            raise error("x-zsdk-pagination: no array field in the response; set `items`", where)
    elif items and shapes.field_at(schema, items) is None:
        raise error(f"x-zsdk-pagination items field {'.'.join(items)!r} is not in the response schema", where)

    def p(key: str) -> tuple[str, ...] | None:
        return _path(spec.get(key), f"{where}/{key}")

    def s(key: str) -> str | None:
        value = spec.get(key)
        return value if isinstance(value, str) else None

    if style == "cursor" and not s("cursor_param"):
        raise error("x-zsdk-pagination style cursor needs `cursor_param`", where)
    if style == "cursor" and not (spec.get("next_cursor") or spec.get("cursor_item_field")):
        raise error("x-zsdk-pagination style cursor needs `next_cursor` or `cursor_item_field`", where)
    return Pagination(
        style, items, item_type(items),
        cursor_param=s("cursor_param"), next_cursor=p("next_cursor"), cursor_item_field=s("cursor_item_field"),
        has_more=p("has_more"),
        offset_param=s("offset_param") or ("offset" if style == "offset" else None),
        limit_param=s("limit_param") or ("limit" if style == "offset" else None), total=p("total"),
        page_param=s("page_param") or ("page" if style in ("page", "link") else None),
        per_page_param=s("per_page_param"), total_pages=p("total_pages"), has_next=p("has_next"),
    )  # fmt: skip
