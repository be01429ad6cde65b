"""The harness's own comparisons can fail: each check below is given an observation it must reject."""

from __future__ import annotations

from .harness import (
    DriverRun,
    comparable,
    load_scenarios,
    readme_section,
    sdk_problems,
    server_problems,
    subset_problems,
)
from .server import Request


def request(**overrides: object) -> Request:
    fields: dict[str, object] = {
        "method": "GET", "path": "/widgets/w_1", "region": "us", "query": {}, "headers": {}, "body": b"", "at": 0.0,
        "answer": "200",
    }  # fmt: skip
    fields.update(overrides)
    return Request(**fields)  # type: ignore[arg-type]


def test_subset_rules() -> None:
    assert subset_problems({"a": 1}, {"a": 1, "b": 2}, "x") == []
    assert subset_problems({"a": 1}, {"b": 2}, "x") == ["x.a: missing (expected 1)"]
    assert subset_problems([1, 2], [1, 2, 3], "x")  # lists compare whole
    assert subset_problems(True, 1, "x")  # a bool is not a number
    assert subset_problems({"re": "^a"}, "ba", "x")
    assert subset_problems({"re": "^a"}, "ab", "x") == []
    assert subset_problems(9007199254740993, 9007199254740992, "x")  # int64 precision counts


def test_sdk_observation_checks() -> None:
    scenario = {"expect": {"steps": [{"error": {"type": "NotFoundError"}}], "hooks": [503, 200]}}
    assert sdk_problems(scenario, None) == ["the driver printed no observation for this scenario"]
    observed = {"steps": [{"error": {"type": "NotFoundError", "status": 404}}], "hooks": [200]}
    assert sdk_problems(scenario, observed) == ["hooks: expected [503, 200], got [200]"]


def test_server_checks() -> None:
    scenario = {
        "expect": {
            "server": [{"query": {}, "absent_headers": ["authorization"]}, {"attempt": 2}],
            "gaps": [{"after": 1, "min": 0.5, "max": 1.0}],
            "same_idempotency_key": True,
        }
    }
    key = "0b5a3f3e-6f1e-4c1a-9c59-0f5e3c1d2b7a"
    good = [request(headers={"idempotency-key": key}), request(headers={"idempotency-key": key}, attempt=2, at=0.7)]
    assert server_problems(scenario, good) == []
    bad = [
        request(query={"a": ["1"]}, headers={"authorization": "Bearer t", "idempotency-key": key}),
        request(headers={"idempotency-key": "not-a-uuid"}, attempt=1, at=0.1),
    ]
    problems = server_problems(scenario, bad)
    assert any("server[0].query" in p for p in problems)
    assert any("server[0].headers.authorization: sent" in p for p in problems)
    assert any("server[1].attempt" in p for p in problems)
    assert any(p.startswith("gap between requests 1 and 2: 0.100 s") for p in problems)
    assert any(p.startswith("idempotency keys") for p in problems)
    assert server_problems(scenario, good[:1])[0].startswith("server: expected 2 requests, received 1")


def test_only_a_refusal_keeps_its_own_wording() -> None:
    def run(error_type: str, message: str) -> DriverRun:
        steps = [{"error": {"type": error_type, "message": message}}]
        return DriverRun("x", {"s": {"scenario": "s", "steps": steps}}, {}, "")

    assert comparable(run("invalid_argument", "a"), "s") == comparable(run("invalid_argument", "b"), "s")
    assert comparable(run("NotFoundError", "a"), "s") != comparable(run("NotFoundError", "b"), "s")
    assert comparable(run("invalid_argument", "a"), "s") != comparable(run("NotFoundError", "a"), "s")


def test_error_matrix_expands() -> None:
    ids = {s["id"] for s in load_scenarios()}
    assert {"errors.404.errors-list", "errors.503.plain-text", "errors.429.success-false"} <= ids


def test_readme_lists_every_scenario() -> None:
    from ..conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_section(load_scenarios()) in readme, (
        "README.md's conformance section is out of date: replace it with the output of "
        "`python -m tests.conformance.harness`"
    )
