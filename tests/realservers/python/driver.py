"""The Python real-server driver: every sample call through the generated `rsapi` SDK, one JSON line each.

    python driver.py --server URL --calls FILE

The harness puts the generated package on PYTHONPATH and RSAPI_API_KEY in the environment. A call names its
operation as `resource.method` (Python spelling) and gives its arguments in wire names, grouped as path, query,
header and body; here they become an SDK call, found by name: path values positionally, in order, the rest as
keyword arguments whose names match the wire names once case and punctuation are ignored.
"""

from __future__ import annotations

import argparse
import inspect
import json
import re
import sys
import types
import typing
from typing import Any

import pydantic
import rsapi

CASE_HEADER = "X-Rs-Case"


def plain(name: str) -> str:
    """A name with case and punctuation ignored: `starting_after`, `startingAfter` and `StartingAfter` agree."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def member(owner: Any, name: str) -> Any:
    for candidate in dir(owner):
        if not candidate.startswith("_") and plain(candidate) == plain(name):
            return getattr(owner, candidate)
    raise LookupError(f"{type(owner).__name__} has no member {name!r}")


def model_class(annotation: Any) -> type[pydantic.BaseModel] | None:
    """The pydantic model an argument's annotation names, if any (through unions)."""
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        for option in typing.get_args(annotation):
            found = model_class(option)
            if found is not None:
                return found
    return None


def file_value(value: Any) -> Any:
    if isinstance(value, dict) and "$file" in value:
        spec = value["$file"]
        return (spec["filename"], spec["text"].encode(), spec["content_type"])
    return value


def arguments(method: Any, call: dict[str, Any]) -> tuple[list[Any], dict[str, Any]]:
    signature = inspect.signature(method)
    hints = typing.get_type_hints(method, globalns=vars(sys.modules[method.__module__]))
    by_name = {plain(name): name for name in signature.parameters}
    positional = list(call.get("path", {}).values())
    keywords: dict[str, Any] = {}
    named = {**call.get("query", {}), **call.get("header", {})}
    if "body" in call:
        if "body" in signature.parameters:
            keywords["body"] = call["body"]
        else:  # multipart and some form bodies: one keyword argument per field
            named.update({name: file_value(value) for name, value in call["body"].items()})
    for wire_name, value in named.items():
        if plain(wire_name) not in by_name:
            raise LookupError(f"{method.__qualname__} has no parameter for {wire_name!r}")
        name = by_name[plain(wire_name)]
        model = model_class(hints.get(name))
        keywords[name] = model.model_validate(value) if model is not None and isinstance(value, dict) else value
    return positional, keywords


def wire(value: Any) -> Any:
    if isinstance(value, pydantic.BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, list):
        return [wire(v) for v in value]
    if isinstance(value, dict):
        return {k: wire(v) for k, v in value.items()}
    return value


def page_observation(page: Any) -> dict[str, Any]:
    return {"items": len(page.items), "has_next": page.has_next_page()}


def observe(client: rsapi.Rsapi, call: dict[str, Any]) -> dict[str, Any]:
    target: Any = client
    *resources, method_name = call["call"].split(".")
    for resource in resources:
        target = member(target, resource)
    method = member(target, method_name)
    positional, keywords = arguments(method, call)
    result = method(*positional, **keywords, extra_headers={CASE_HEADER: call["id"]})
    if hasattr(result, "has_next_page"):
        observed: dict[str, Any] = {"ok": True, "page": page_observation(result), "result": wire(result.items)}
        if call.get("pages", 1) > 1:
            if not result.has_next_page():
                return {**observed, "ok": False, "error": "the first page has no next page"}
            second = result.get_next_page()
            observed["page2"] = page_observation(second)
        return observed
    return {"ok": True, "result": wire(result)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--calls", required=True)
    options = parser.parse_args()
    with open(options.calls, encoding="utf-8") as file:
        calls = json.load(file)
    client = rsapi.Rsapi(base_url=options.server, max_retries=0)
    for call in calls:
        try:
            observed = observe(client, call)
        except Exception as error:  # every failure is an observation: the harness says which ones matter
            observed = {"ok": False, "error": f"{type(error).__name__}: {error}"[:2000]}
        print(json.dumps({"id": call["id"], **observed}), flush=True)


if __name__ == "__main__":
    main()
