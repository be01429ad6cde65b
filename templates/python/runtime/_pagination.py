"""Pages: ``Paginator`` (how an operation pages, as data) and the page types.

A page holds one response's items and the ``RequestOptions`` of the next
page, which are the original options with only the page parameters changed
(or, for Link pagination, the ``rel="next"`` URL).  Iterating a page walks
the items of it and every later page, fetching each page only when the
iteration reaches it.  A page also reads as the list body it came from:
``page.next_key`` is that body's field when the paginator names the body's
model (``body_type``).

Stop rules: cursor — no cursor, ``has_more`` false, an empty page or the
same cursor again; offset — an empty page or ``offset >= total``; page — an
empty page, ``has_next`` false or ``page >= total_pages``; link — no
``rel="next"`` link.
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import (
    Any,
    Generic,
    Literal,
    TypeVar,
)

import httpx
import pydantic

from ._exceptions import APIResponseValidationError
from ._models import validate_as
from ._request import RequestOptions
from ._types import NotGiven, Omit
from ._url import parse_link_header
from ._utils import MISSING, get_path

__all__ = ["AsyncPage", "Paginator", "SyncPage", "parse_page"]

T = TypeVar("T")


def _int(value: object) -> int | None:
    if isinstance(value, bool) or value is None or value is MISSING:
        return None
    if isinstance(value, (NotGiven, Omit)):
        return None
    try:
        return int(str(value))
    except ValueError:
        return None


@dataclass(frozen=True)
class Paginator:
    """How one operation pages (``x-zsdk-pagination``); fields are dotted
    paths into the raw response body, ``*_param`` are query parameters
    (``per_page_param`` is sent again when a Link pagination's next URL
    leaves it out)."""

    style: Literal["cursor", "offset", "page", "link"]
    items: str | None = None
    cursor_param: str = "cursor"
    next_cursor: str | None = None
    cursor_item_field: str | None = None
    has_more: str | None = None
    offset_param: str = "offset"
    limit_param: str | None = "limit"
    total: str | None = None
    page_param: str = "page"
    per_page_param: str | None = None
    total_pages: str | None = None
    has_next: str | None = None
    first_page: int = 1
    body_type: type[object] | None = None  # the list body's model

    def raw_items(self, body: object) -> list[object]:
        found = get_path(body, self.items)
        return list(found) if isinstance(found, list) else []

    def next_options(
        self,
        options: RequestOptions,
        body: object,
        items: list[object],
        headers: httpx.Headers,
    ) -> RequestOptions | None:
        """The next page's request, or ``None`` on the last page."""
        if self.style == "link":
            url = parse_link_header(headers.get("link", "")).get("next")
            if not url:
                return None
            # the page size asked for is asked for again when the link leaves it out
            size = self.per_page_param
            query: dict[str, object] = {}
            if size is not None and size not in httpx.URL(url).params:
                query[size] = self._current(options, size)
            return dataclasses.replace(options, url=url, query=query, extra_query=None)
        if not items:
            return None
        if self.style == "cursor":
            return self._next_cursor(options, body, items)
        if self.style == "offset":
            return self._next_offset(options, body, items)
        return self._next_page(options, body)

    def _with_param(
        self, options: RequestOptions, name: str, value: object
    ) -> RequestOptions:
        query = {**options.query, name: value}
        extra = options.extra_query
        if extra is not None and name in extra:
            extra = {k: v for k, v in extra.items() if k != name}
        return dataclasses.replace(options, query=query, extra_query=extra)

    def _current(self, options: RequestOptions, name: str) -> object:
        value = (options.extra_query or {}).get(name, MISSING)
        return options.query.get(name) if value is MISSING else value

    def _next_cursor(
        self, options: RequestOptions, body: object, items: list[object]
    ) -> RequestOptions | None:
        if self.has_more is not None and get_path(body, self.has_more) is not True:
            return None
        if self.next_cursor is not None:
            cursor = get_path(body, self.next_cursor)
        elif self.cursor_item_field is not None:
            cursor = get_path(items[-1], self.cursor_item_field)
        else:
            return None
        if cursor is None or cursor is MISSING or cursor == "":
            return None
        if cursor == self._current(options, self.cursor_param):
            return None
        return self._with_param(options, self.cursor_param, cursor)

    def _next_offset(
        self, options: RequestOptions, body: object, items: list[object]
    ) -> RequestOptions | None:
        offset = (_int(self._current(options, self.offset_param)) or 0) + len(items)
        total = _int(get_path(body, self.total)) if self.total else None
        if total is not None and offset >= total:
            return None
        return self._with_param(options, self.offset_param, offset)

    def _next_page(
        self, options: RequestOptions, body: object
    ) -> RequestOptions | None:
        page = _int(self._current(options, self.page_param))
        page = self.first_page if page is None else page
        if self.has_next is not None:
            has_next = get_path(body, self.has_next)
            if has_next is False:
                return None
        total_pages = (
            _int(get_path(body, self.total_pages)) if self.total_pages else None
        )
        if total_pages is not None and page >= total_pages:
            return None
        return self._with_param(options, self.page_param, page + 1)


def parse_page(
    paginator: Paginator,
    options: RequestOptions,
    response: httpx.Response,
    body: object,
    item_type: type[T],
) -> tuple[list[T], RequestOptions | None]:
    """This page's typed items and the next page's options."""
    raw = paginator.raw_items(body)
    try:
        items = [validate_as(item, item_type) for item in raw]
    except pydantic.ValidationError as exc:
        raise APIResponseValidationError(response, body, str(exc)) from exc
    return items, paginator.next_options(options, body, raw, response.headers)


class _PageBase(Generic[T]):
    def __init__(
        self,
        *,
        items: list[T],
        body: object,
        response: httpx.Response,
        next_options: RequestOptions | None,
        body_type: type[object] | None = None,
    ) -> None:
        self.items = items
        self.body = body
        self.http_response = response
        self.next_page_options = next_options
        self._body_type = body_type
        self._fields: object = MISSING

    def __getattr__(self, name: str) -> Any:
        """A field of the list body this page came from (``page.next_key``)."""
        body_type = self.__dict__.get("_body_type")
        if body_type is None or name.startswith("_"):
            raise AttributeError(name)
        if self._fields is MISSING:
            try:
                self._fields = validate_as(self.body, body_type)
            except pydantic.ValidationError as exc:
                raise APIResponseValidationError(
                    self.http_response, self.body, str(exc)
                ) from exc
        return getattr(self._fields, name)

    def has_next_page(self) -> bool:
        return self.next_page_options is not None

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__} items={len(self.items)} "
            f"has_next_page={self.has_next_page()}>"
        )


class SyncPage(_PageBase[T]):
    """One page; ``for item in page`` walks every later page lazily."""

    def __init__(
        self,
        *,
        items: list[T],
        body: object,
        response: httpx.Response,
        next_options: RequestOptions | None,
        fetch: Callable[[RequestOptions], SyncPage[T]],
        body_type: type[object] | None = None,
    ) -> None:
        super().__init__(
            items=items,
            body=body,
            response=response,
            next_options=next_options,
            body_type=body_type,
        )
        self._fetch = fetch

    def get_next_page(self) -> SyncPage[T]:
        if self.next_page_options is None:
            raise RuntimeError("No next page; check has_next_page() first")
        return self._fetch(self.next_page_options)

    def iter_pages(self) -> Iterator[SyncPage[T]]:
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = page.get_next_page()

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.items


class AsyncPage(_PageBase[T]):
    """One page; ``async for item in page`` walks every later page lazily."""

    def __init__(
        self,
        *,
        items: list[T],
        body: object,
        response: httpx.Response,
        next_options: RequestOptions | None,
        fetch: Callable[[RequestOptions], Awaitable[AsyncPage[T]]],
        body_type: type[object] | None = None,
    ) -> None:
        super().__init__(
            items=items,
            body=body,
            response=response,
            next_options=next_options,
            body_type=body_type,
        )
        self._fetch = fetch

    async def get_next_page(self) -> AsyncPage[T]:
        if self.next_page_options is None:
            raise RuntimeError("No next page; check has_next_page() first")
        return await self._fetch(self.next_page_options)

    async def iter_pages(self) -> AsyncIterator[AsyncPage[T]]:
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = await page.get_next_page()

    async def _iter_items(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for item in page.items:
                yield item

    def __aiter__(self) -> AsyncIterator[T]:
        return self._iter_items()
