"""A paginator's settings as the Go and Rust runtimes take them: only those that are not the runtime's default."""

from __future__ import annotations

from ..ir.model import Pagination

# The paginator settings the runtimes assume when none is given.
PAGER_DEFAULTS = {"cursor_param": "cursor", "offset_param": "offset", "limit_param": "limit", "page_param": "page"}


def pager_settings(p: Pagination) -> list[tuple[str, str | tuple[str, ...]]]:
    """(setting, value) in a fixed order: a query parameter's name, or a path into the body (a tuple of names)."""
    values: dict[str, str | tuple[str, ...] | None] = {
        "cursor_param": p.cursor_param, "next_cursor": p.next_cursor,
        "cursor_item_field": (p.cursor_item_field,) if p.cursor_item_field is not None else None,
        "has_more": p.has_more, "offset_param": p.offset_param, "limit_param": p.limit_param, "total": p.total,
        "page_param": p.page_param, "per_page_param": p.per_page_param, "total_pages": p.total_pages,
        "has_next": p.has_next,
    }  # fmt: skip
    return [(k, v) for k, v in values.items() if v is not None and v != PAGER_DEFAULTS.get(k)]
