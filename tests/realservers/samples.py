"""The sample calls (samples/<spec>.yaml, data only) and the checks every observed call must pass.

A call is accepted when every request it sent got a 2xx from the mock, decoded when the driver reports no
error; `wire` says what must be on the wire where the mock cannot see a mistake (see proxy.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .proxy import Exchange

HERE = Path(__file__).resolve().parent
SAMPLES = HERE / "samples"
WIRE_KEYS = {"path", "query", "header", "content_type", "body", "page2_query"}
CALL_KEYS = {"id", "call", "covers", "path", "query", "header", "body", "pages", "first_answer", "wire", "xfail"}


@dataclass(frozen=True)
class Sample:
    name: str  # the file's stem
    spec: str  # under ../shared/specs, or `stripe-mock` for the spec stripe-mock embeds
    server: str  # prism or stripe-mock
    calls: list[dict[str, Any]]
    paths: list[str] | None = None  # the spec's paths the SDK is generated from (see prune.py); all when None

    def driver_calls(self) -> str:
        """The calls as the drivers read them (JSON), without what only the harness reads."""
        keep = {"id", "call", "path", "query", "header", "body", "pages"}
        return json.dumps([{k: v for k, v in call.items() if k in keep} for call in self.calls])


def load(path: Path) -> Sample:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for call in data["calls"]:
        unknown = set(call) - CALL_KEYS | set(call.get("wire", {})) - WIRE_KEYS
        assert not unknown, f"{path.name}: {call.get('id')}: unknown keys {sorted(unknown)}"
    ids = [call["id"] for call in data["calls"]]
    assert len(ids) == len(set(ids)), f"{path.name}: duplicate call ids"
    return Sample(path.stem, data["spec"], data["server"], data["calls"], data.get("paths"))


def load_all() -> list[Sample]:
    return [load(path) for path in sorted(SAMPLES.glob("*.yaml"))]


def pairs(value: list[list[Any]]) -> list[tuple[str, str]]:
    return sorted((str(name), str(v)) for name, v in value)


def problems(call: dict[str, Any], observed: dict[str, Any] | None, exchanges: list[Exchange]) -> list[str]:
    """What is wrong with one call as one driver observed it and the proxy saw it; empty when all holds."""
    found: list[str] = []
    if observed is None:
        return ["the driver printed no observation for this call"]
    if not observed.get("ok"):
        found.append(f"not decoded / failed in the SDK: {observed.get('error')}")
    if not exchanges:
        return found + ["nothing reached the server"]
    refused = [e.summary() for e in exchanges if not 200 <= e.status < 300]
    if refused:
        found.append("the mock refused: " + " | ".join(refused))
    warned = [f"{e.method} {e.path}: {'; '.join(e.violations)}" for e in exchanges if e.violations]
    if warned:
        found.append("the mock accepted with request violations: " + " | ".join(warned))
    if call.get("pages", 1) > 1:
        if "page2" not in observed:
            found.append("no second page was fetched")
        if len(exchanges) < 2:
            found.append(f"{len(exchanges)} request(s) reached the server, not one per page")
    wire = call.get("wire", {})
    first = exchanges[0]
    if "path" in wire and first.path != wire["path"]:
        found.append(f"path {first.path!r}, expected {wire['path']!r}")
    if "query" in wire and pairs(first.query_pairs()) != pairs(wire["query"]):  # type: ignore[arg-type]
        found.append(f"query {first.query!r} ({first.query_pairs()}), expected {wire['query']}")
    for name, value in wire.get("header", {}).items():
        if first.headers.get(name.lower()) != value:
            found.append(f"header {name}: {first.headers.get(name.lower())!r}, expected {value!r}")
    if "content_type" in wire and first.content_type.split(";")[0] != wire["content_type"]:
        found.append(f"content type {first.content_type!r}, expected {wire['content_type']!r}")
    if "body" in wire and pairs(first.body_pairs()) != pairs(wire["body"]):  # type: ignore[arg-type]
        found.append(f"body {first.body[:400]!r} ({first.body_pairs()}), expected {wire['body']}")
    if "page2_query" in wire and len(exchanges) > 1:
        second = exchanges[1]
        if pairs(second.query_pairs()) != pairs(wire["page2_query"]):  # type: ignore[arg-type]
            found.append(f"second page query {second.query!r}, expected {wire['page2_query']}")
    return found
