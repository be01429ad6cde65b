"""Pagination: every style walks three pages lazily, sync and async."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from pyrt_support import BASE_URL, Harness
from sdkrt._auth import ApiKeyAuth
from sdkrt._models import BaseModel
from sdkrt._pagination import AsyncPage, Paginator, SyncPage
from sdkrt._request import RequestOptions
from sdkrt._types import NOT_GIVEN

ITEMS = [{"id": f"i{n}", "n": n} for n in range(1, 7)]  # 3 pages of 2


class Item(BaseModel):
    id: str
    n: int


def cursor_server(request: httpx.Request) -> httpx.Response:
    after = request.url.params.get("cursor")
    start = 0 if after is None else int(after)
    page = ITEMS[start : start + 2]
    nxt = start + 2 if start + 2 < len(ITEMS) else None
    return httpx.Response(
        200,
        json={"data": page, "meta": {"next_cursor": None if nxt is None else str(nxt)}},
    )


def stripe_server(request: httpx.Request) -> httpx.Response:
    after = request.url.params.get("starting_after")
    start = 0 if after is None else next(i for i, it in enumerate(ITEMS) if it["id"] == after) + 1
    page = ITEMS[start : start + 2]
    return httpx.Response(200, json={"object": "list", "data": page, "has_more": start + 2 < len(ITEMS)})


def offset_server(request: httpx.Request) -> httpx.Response:
    offset = int(request.url.params.get("offset", "0"))
    limit = int(request.url.params["limit"])
    return httpx.Response(200, json={"items": ITEMS[offset : offset + limit], "total": len(ITEMS)})


def offset_server_no_total(request: httpx.Request) -> httpx.Response:
    offset = int(request.url.params.get("offset", "0"))
    return httpx.Response(200, json=ITEMS[offset : offset + 2])


def page_server(request: httpx.Request) -> httpx.Response:
    page = int(request.url.params.get("page", "1"))
    per_page = int(request.url.params["per_page"])
    chunk = ITEMS[(page - 1) * per_page : page * per_page]
    return httpx.Response(
        200,
        json={
            "results": chunk,
            "meta": {"pagination": {"page": page, "total_pages": 3}},
        },
    )


def has_next_server(request: httpx.Request) -> httpx.Response:
    page = int(request.url.params.get("page", "1"))
    chunk = ITEMS[(page - 1) * 2 : page * 2]
    return httpx.Response(200, json={"results": chunk, "has_next": page < 3})


def link_server(request: httpx.Request) -> httpx.Response:
    page = int(request.url.params.get("page", "1"))
    chunk = ITEMS[(page - 1) * 2 : page * 2]
    headers = {}
    if page < 3:
        headers["Link"] = (
            f'<{BASE_URL}/items?page={page + 1}&per_page=2>; rel="next", <{BASE_URL}/items?page=3&per_page=2>; rel="last"'
        )
    return httpx.Response(200, json=chunk, headers=headers)


CASES: dict[
    str,
    tuple[Callable[[httpx.Request], httpx.Response], Paginator, dict[str, Any], list[str]],
] = {
    "cursor-next_cursor": (
        cursor_server,
        Paginator(
            style="cursor",
            items="data",
            cursor_param="cursor",
            next_cursor="meta.next_cursor",
        ),
        {"limit": 2, "cursor": NOT_GIVEN},
        ["limit=2", "limit=2&cursor=2", "limit=2&cursor=4"],
    ),
    "cursor-last-item": (
        stripe_server,
        Paginator(
            style="cursor",
            items="data",
            cursor_param="starting_after",
            cursor_item_field="id",
            has_more="has_more",
        ),
        {"limit": 2},
        ["limit=2", "limit=2&starting_after=i2", "limit=2&starting_after=i4"],
    ),
    "offset-total": (
        offset_server,
        Paginator(
            style="offset",
            items="items",
            offset_param="offset",
            limit_param="limit",
            total="total",
        ),
        {"limit": 2},
        ["limit=2", "limit=2&offset=2", "limit=2&offset=4"],
    ),
    "offset-empty-page": (
        offset_server_no_total,
        Paginator(style="offset", items=None),
        {},
        ["", "offset=2", "offset=4", "offset=6"],
    ),
    "page-total_pages": (
        page_server,
        Paginator(
            style="page",
            items="results",
            page_param="page",
            per_page_param="per_page",
            total_pages="meta.pagination.total_pages",
        ),
        {"per_page": 2},
        ["per_page=2", "per_page=2&page=2", "per_page=2&page=3"],
    ),
    "page-has_next": (
        has_next_server,
        Paginator(style="page", items="results", has_next="has_next"),
        {"page": 1},
        ["page=1", "page=2", "page=3"],
    ),
    "link": (
        link_server,
        Paginator(style="link", items=""),
        {"per_page": 2},
        ["per_page=2", "page=2&per_page=2", "page=3&per_page=2"],
    ),
}


def queries(h: Harness) -> list[str]:
    return [r.url.query.decode() for r in h.requests]


@pytest.mark.parametrize("case", list(CASES))
def test_sync_pages_walk_lazily(case: str) -> None:
    server, paginator, query, expected = CASES[case]
    h = Harness("sync", server)
    options = RequestOptions(method="GET", path="/items", query=query)
    page = h.client.request_page(options, Item, paginator)
    assert isinstance(page, SyncPage)
    assert [i.id for i in page.items] == ["i1", "i2"]
    assert page.has_next_page()
    assert len(h.requests) == 1

    seen: list[str] = []
    for item in page:
        assert isinstance(item, Item)
        seen.append(item.id)
        # a page is fetched only when iteration reaches it
        assert len(h.requests) == (len(seen) + 1) // 2
        if len(seen) == 3:
            assert len(h.requests) == 2
    assert seen == [it["id"] for it in ITEMS]
    assert queries(h) == expected
    assert all(r.url.path == "/v1/items" for r in h.requests)


@pytest.mark.parametrize("case", list(CASES))
def test_async_pages_walk_lazily(case: str) -> None:
    server, paginator, query, expected = CASES[case]
    h = Harness("async", server)
    options = RequestOptions(method="GET", path="/items", query=query)

    async def run() -> list[str]:
        page = await h.client.request_page(options, Item, paginator)
        assert isinstance(page, AsyncPage)
        assert [i.id for i in page.items] == ["i1", "i2"]
        assert len(h.requests) == 1
        seen: list[str] = []
        async for item in page:
            seen.append(item.id)
            assert len(h.requests) == (len(seen) + 1) // 2
        return seen

    assert asyncio.run(run()) == [it["id"] for it in ITEMS]
    assert queries(h) == expected


def test_iter_pages_and_get_next_page_sync() -> None:
    server, paginator, query, _ = CASES["cursor-last-item"]
    h = Harness("sync", server)
    page = h.client.request_page(RequestOptions(method="GET", path="/items", query=query), Item, paginator)
    pages = list(page.iter_pages())
    assert [[i.n for i in p.items] for p in pages] == [[1, 2], [3, 4], [5, 6]]
    assert not pages[-1].has_next_page()
    with pytest.raises(RuntimeError):
        pages[-1].get_next_page()
    second = page.get_next_page()
    assert [i.n for i in second.items] == [3, 4]
    assert second.body["has_more"] is True
    assert "SyncPage items=2 has_next_page=True" in repr(second)


def test_iter_pages_async() -> None:
    server, paginator, query, _ = CASES["page-total_pages"]
    h = Harness("async", server)

    async def run() -> list[list[int]]:
        page = await h.client.request_page(RequestOptions(method="GET", path="/items", query=query), Item, paginator)
        out = [[i.n for i in p.items] async for p in page.iter_pages()]
        last = await (await page.get_next_page()).get_next_page()
        assert not last.has_next_page()
        with pytest.raises(RuntimeError):
            await last.get_next_page()
        return out

    assert asyncio.run(run()) == [[1, 2], [3, 4], [5, 6]]


def test_next_page_keeps_other_options() -> None:
    h = Harness(
        "sync",
        stripe_server,
        auth={"k": ApiKeyAuth("api_key", "query", "sk")},
        default_security=[["k"]],
    )
    options = RequestOptions(
        method="GET",
        path="/items",
        query={"limit": 2, "status": "open"},
        extra_headers={"X-Trace": "t"},
    )
    paginator = CASES["cursor-last-item"][1]
    list(h.client.request_page(options, Item, paginator))
    assert len(h.requests) == 3
    for request in h.requests:
        assert request.headers["X-Trace"] == "t"
        assert request.url.params["status"] == "open"
        assert request.url.params["api_key"] == "sk"
    assert h.requests[2].url.params["starting_after"] == "i4"


def test_link_pages_keep_query_auth() -> None:
    h = Harness(
        "sync",
        link_server,
        auth={"k": ApiKeyAuth("api_key", "query", "sk")},
        default_security=[["k"]],
    )
    list(h.client.request_page(RequestOptions(method="GET", path="/items"), Item, CASES["link"][1]))
    assert [r.url.query.decode() for r in h.requests] == [
        "api_key=sk",
        "page=2&per_page=2&api_key=sk",
        "page=3&per_page=2&api_key=sk",
    ]


def test_cursor_stops_on_repeated_cursor_and_empty_page() -> None:
    paginator = Paginator(style="cursor", items="data", next_cursor="next")
    options = RequestOptions(method="GET", path="/x", query={"cursor": "abc"})
    headers = httpx.Headers()
    assert paginator.next_options(options, {"data": [1], "next": "abc"}, [1], headers) is None
    assert paginator.next_options(options, {"data": [], "next": "def"}, [], headers) is None
    assert paginator.next_options(options, {"data": [1], "next": ""}, [1], headers) is None
    nxt = paginator.next_options(options, {"data": [1], "next": "def"}, [1], headers)
    assert nxt is not None
    assert nxt.query["cursor"] == "def"
    assert dataclasses.replace(nxt, query=options.query) == options


def test_cursor_param_in_extra_query_is_replaced() -> None:
    paginator = Paginator(style="cursor", items="data", next_cursor="next")
    options = RequestOptions(method="GET", path="/x", extra_query={"cursor": "a", "k": 1})
    nxt = paginator.next_options(options, {"data": [1], "next": "b"}, [1], httpx.Headers())
    assert nxt is not None
    assert nxt.query == {"cursor": "b"}
    assert nxt.extra_query == {"k": 1}


def test_page_has_next_false_and_missing_items() -> None:
    paginator = Paginator(style="page", items="results", has_next="has_next")
    options = RequestOptions(method="GET", path="/x")
    assert paginator.next_options(options, {"results": [1], "has_next": False}, [1], httpx.Headers()) is None
    assert paginator.raw_items({"other": 1}) == []
    assert paginator.raw_items(None) == []


class Meta(BaseModel):
    next_cursor: str | None = None


class ItemList(BaseModel):
    data: list[Item]
    meta: Meta


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_page_reads_as_its_list_body_when_the_paginator_names_its_model(mode: str) -> None:
    h = Harness(mode, cursor_server)
    paginator = dataclasses.replace(CASES["cursor-next_cursor"][1], body_type=ItemList)
    options = RequestOptions(method="GET", path="/items")

    async def first() -> Any:
        return await h.client.request_page(options, Item, paginator)

    page = h.client.request_page(options, Item, paginator) if mode == "sync" else asyncio.run(first())
    assert [i.id for i in page.data] == ["i1", "i2"]
    assert page.meta.next_cursor == "2"
    assert not hasattr(page, "missing")


def test_without_the_body_model_a_page_has_only_its_own_attributes() -> None:
    page = Harness("sync", cursor_server).client.request_page(
        RequestOptions(method="GET", path="/items"), Item, CASES["cursor-next_cursor"][1]
    )
    assert page.items and not hasattr(page, "data") and not hasattr(page, "meta")
