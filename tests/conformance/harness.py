"""The conformance harness: scenarios from scenarios.yaml, drivers per language, and the comparisons.

A driver is a program that reads the scenarios (JSON), runs each through one language's generated SDK against
the conformance server and prints one JSON observation per line. `run_driver` collects those lines and the
requests the server recorded; `sdk_problems` and `server_problems` compare them with the expected ones;
`comparable` reduces both to what must be identical across languages and modes.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .fixtures import ENVIRONMENT
from .server import ConformanceServer, Request

HERE = Path(__file__).resolve().parent
SCENARIOS_FILE = HERE / "scenarios.yaml"
DRIVER_ENV = ENVIRONMENT  # every credential, for the scenarios whose client is given none


# ------------------------------------------------------------------------------------------------ scenarios


def load_scenarios(path: Path = SCENARIOS_FILE) -> list[dict[str, Any]]:
    """The scenarios of the file, the error matrix expanded into one scenario per (status, envelope)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    scenarios = list(data["scenarios"]) + _error_matrix(data["error_matrix"])
    ids = [s["id"] for s in scenarios]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"{path}: duplicate scenario ids {duplicates}")
    return scenarios


def _error_matrix(matrix: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for status, (error_type, reason) in matrix["statuses"].items():
        for name, envelope in matrix["envelopes"].items():
            respond = {"status": int(status), **{k: envelope[k] for k in ("json", "text") if k in envelope}}
            expected = {
                "type": error_type,
                "status": int(status),
                "request_id": "req_1",
                **{k: v.format(status=status, reason=reason) if isinstance(v, str) else v
                   for k, v in envelope["expect"].items()},
            }  # fmt: skip
            if "json" in envelope:
                expected["body"] = envelope["json"]
            out.append(
                {
                    "id": f"errors.{status}.{name}",
                    "contract": f"5: {status} with the {name} envelope raises {error_type} with its message",
                    "client": matrix["client"],
                    "faults": [{"match": {"path": "*"}, "respond": respond}],
                    "steps": [matrix["call"]],
                    "expect": {"steps": [{"error": expected}], "server": [{"attempt": 1, "answer": str(status)}]},
                }
            )
    return out


# ------------------------------------------------------------------------------------------------ drivers


@dataclass(frozen=True)
class DriverRun:
    """One run of one language's driver in one mode: its observations and what the server saw, by scenario."""

    label: str
    observations: dict[str, dict[str, Any]]
    requests: dict[str, list[Request]]
    stderr: str


def run_driver(
    label: str,
    command: list[str],
    server: ConformanceServer,
    scenarios: list[dict[str, Any]],
    workdir: Path,
    env: dict[str, str] | None = None,
    timeout: float = 600,
) -> DriverRun:
    """Run `command` (which gets `--server URL --scenarios FILE` appended) and collect its observations."""
    scenario_file = workdir / "scenarios.json"
    scenario_file.write_text(json.dumps(scenarios), encoding="utf-8")
    server.take_records()
    proc = subprocess.run(
        [*command, "--server", server.url, "--scenarios", str(scenario_file)],
        capture_output=True, text=True, timeout=timeout, cwd=workdir,
        env={**os.environ, **DRIVER_ENV, **(env or {})},
    )  # fmt: skip
    requests = server.take_records()
    observations: dict[str, dict[str, Any]] = {}
    for line in proc.stdout.splitlines():
        if line.strip():
            observed = json.loads(line)
            observations[observed["scenario"]] = observed
    if proc.returncode != 0:
        raise AssertionError(f"{label} driver exited {proc.returncode}:\n{proc.stderr[-4000:]}")
    return DriverRun(label, observations, requests, proc.stderr)


# ------------------------------------------------------------------------------------------------ comparisons


def subset_problems(expected: Any, observed: Any, where: str) -> list[str]:
    """Where `observed` differs from `expected`: dicts compare as subsets, everything else exactly."""
    if isinstance(expected, dict) and "re" in expected and len(expected) == 1:
        if isinstance(observed, str) and re.search(expected["re"], observed):
            return []
        return [f"{where}: {observed!r} does not match /{expected['re']}/"]
    if isinstance(expected, dict):
        if not isinstance(observed, dict):
            return [f"{where}: expected an object, got {observed!r}"]
        problems = []
        for key, value in expected.items():
            if key not in observed:
                problems.append(f"{where}.{key}: missing (expected {value!r})")
            else:
                problems += subset_problems(value, observed[key], f"{where}.{key}")
        return problems
    if isinstance(expected, list):
        if not isinstance(observed, list) or len(observed) != len(expected):
            return [f"{where}: expected {expected!r}, got {observed!r}"]
        return [p for i, (e, o) in enumerate(zip(expected, observed, strict=True)) for p in
                subset_problems(e, o, f"{where}[{i}]")]  # fmt: skip
    if expected != observed or type(expected) is bool and type(observed) is not bool:
        return [f"{where}: expected {expected!r}, got {observed!r}"]
    return []


def sdk_problems(scenario: dict[str, Any], observed: dict[str, Any] | None) -> list[str]:
    """What the SDK returned or raised, against `expect.steps` (and `expect.hooks`)."""
    if observed is None:
        return ["the driver printed no observation for this scenario"]
    expect = scenario["expect"]
    problems = subset_problems(expect.get("steps", []), observed["steps"], "steps")
    if "hooks" in expect:
        problems += subset_problems(expect["hooks"], observed.get("hooks"), "hooks")
    return problems


def server_problems(scenario: dict[str, Any], requests: list[Request]) -> list[str]:
    """What the server received, against `expect.server`, `gaps` and `same_idempotency_key`."""
    expect = scenario["expect"]
    problems: list[str] = []
    records = [r.record() for r in requests]
    wanted = expect.get("server")
    if wanted is not None:
        if len(records) != len(wanted):
            seen = [f"{r['method']} {r['path']} {r.get('query', {})} → {r['answer']}" for r in records]
            return [f"server: expected {len(wanted)} requests, received {len(records)}: {seen}"]
        for index, (entry, record) in enumerate(zip(wanted, records, strict=True)):
            problems += _request_problems(entry, record, f"server[{index}]")
    for gap in expect.get("gaps", []):
        first, second = requests[gap["after"] - 1], requests[gap["after"]]
        seconds = second.at - first.at
        if not gap["min"] <= seconds <= gap["max"]:
            problems.append(
                f"gap between requests {gap['after']} and {gap['after'] + 1}: {seconds:.3f} s, "
                f"expected {gap['min']}..{gap['max']} s"
            )
    if expect.get("same_idempotency_key"):
        keys = [r.headers.get("idempotency-key") for r in requests]
        if len(set(keys)) != 1 or not _is_uuid4(keys[0]):
            problems.append(f"idempotency keys: expected one UUID v4 on every attempt, got {keys}")
    return problems


def _request_problems(entry: dict[str, Any], record: dict[str, Any], where: str) -> list[str]:
    entry = dict(entry)
    problems = []
    absent = entry.pop("absent_headers", [])
    problems += [f"{where}.headers.{h}: sent ({record['headers'][h]!r}), expected absent"
                 for h in absent if h in record.get("headers", {})]  # fmt: skip
    if "query" in entry:
        query = entry.pop("query")
        if record.get("query", {}) != query:
            problems.append(f"{where}.query: expected {query!r}, got {record.get('query', {})!r}")
    return problems + subset_problems(entry, record, where)


def _is_uuid4(value: str | None) -> bool:
    try:
        return value is not None and uuid.UUID(value).version == 4 and str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False


def comparable(run: DriverRun, scenario_id: str) -> dict[str, Any]:
    """What must be the same for every language and mode: the SDK's observation, and the requests with the
    values that legitimately differ (User-Agent, random keys, multipart boundaries, times, the wording of a
    refused value's message) normalised."""
    requests = []
    for request in run.requests.get(scenario_id, []):
        record = request.record()
        headers = record.get("headers", {})
        if "user-agent" in headers:
            headers["user-agent"] = "<sdk>"
        if "idempotency-key" in headers and _is_uuid4(headers["idempotency-key"]):
            headers["idempotency-key"] = "<uuid4>"
        if headers.get("content-type", "").startswith("multipart/form-data"):
            headers["content-type"] = "multipart/form-data"
            record.pop("body_sha256", None)
        if "content-type" in headers:
            headers["content-type"] = headers["content-type"].split(";")[0]
        requests.append(record)
    return {"observed": _own_wording_left_out(run.observations.get(scenario_id)), "requests": requests}


def _own_wording_left_out(observed: dict[str, Any] | None) -> dict[str, Any] | None:
    """A refused value's message is each language's own sentence: the scenario's pattern checks what it says."""
    if observed is None:
        return None
    steps = []
    for step in observed["steps"]:
        error = step.get("error")
        if isinstance(error, dict) and error.get("type") == "invalid_argument":
            step = {"error": {**error, "message": "<its own wording>"}}
        steps.append(step)
    return {**observed, "steps": steps}


def readme_section(scenarios: list[dict[str, Any]]) -> str:
    """The README's list of guaranteed behaviours, one row per scenario (the error matrix as one row)."""
    rows = ["| scenario | contract point and behaviour |", "|---|---|"]
    errors = [s for s in scenarios if s["id"].startswith("errors.")]
    for scenario in scenarios:
        if not scenario["id"].startswith("errors."):
            rows.append(f"| `{scenario['id']}` | {scenario['contract']} |")
    if errors:
        statuses = sorted({s["id"].split(".")[1] for s in errors}, key=int)
        envelopes = sorted({s["id"].split(".")[2] for s in errors})
        rows.append(
            f"| `errors.<status>.<envelope>` ({len(errors)} scenarios) | 5: each of {', '.join(statuses)} with each "
            f"error envelope ({', '.join(envelopes)}) raises its typed error with status, message, code, request id, "
            "body and text; not retried with max_retries 0 |"
        )
    return "\n".join(rows) + "\n"


def diff(label_a: str, a: Any, label_b: str, b: Any) -> str:
    """A unified diff of two JSON values, for a readable failure."""
    text_a = json.dumps(a, indent=2, sort_keys=True).splitlines()
    text_b = json.dumps(b, indent=2, sort_keys=True).splitlines()
    return "\n".join(difflib.unified_diff(text_a, text_b, label_a, label_b, lineterm=""))


if __name__ == "__main__":
    print(readme_section(load_scenarios()), end="")
