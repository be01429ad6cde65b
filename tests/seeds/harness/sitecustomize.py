"""Loaded by every Python seed example (this folder is on its PYTHONPATH): requests to the hosts the docs name
(SEEDS_REDIRECT, a JSON map of origin to local origin) go to the local seed server instead, so the example's own
base URL or region stays as written. The request is otherwise untouched (its Host header still names the host)."""

import json
import os

import httpx

_MAP = json.loads(os.environ.get("SEEDS_REDIRECT", "{}"))


def _redirect(request: httpx.Request) -> None:
    url = str(request.url)
    for origin, local in _MAP.items():
        if url.startswith(origin):
            request.url = httpx.URL(local + url[len(origin) :])
            return


_sync = httpx.HTTPTransport.handle_request
_async = httpx.AsyncHTTPTransport.handle_async_request


def _handle(self, request):  # type: ignore[no-untyped-def]
    _redirect(request)
    return _sync(self, request)


async def _handle_async(self, request):  # type: ignore[no-untyped-def]
    _redirect(request)
    return await _async(self, request)


httpx.HTTPTransport.handle_request = _handle  # type: ignore[method-assign]
httpx.AsyncHTTPTransport.handle_async_request = _handle_async  # type: ignore[method-assign]
