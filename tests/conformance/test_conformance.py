"""The conformance suite: every scenario through every language's SDK, against one fault-injecting server.

`pytest tests/conformance -k python` runs one language; `-k "python-async and retry"` narrows further. Each
scenario is checked against its expected observations; then every run (language × mode) must have observed
exactly what the first one did, on both sides of the wire.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from .harness import DriverRun, comparable, diff, load_scenarios, run_driver, sdk_problems, server_problems
from .languages import LANGUAGES
from .server import ConformanceServer

SCENARIOS = load_scenarios()
RUNS = [(language, mode) for language in LANGUAGES for mode in language.modes]
LABELS = [f"{language.name}-{mode}" for language, mode in RUNS]


@pytest.fixture(scope="session")
def server() -> Iterator[ConformanceServer]:
    server = ConformanceServer({s["id"]: s for s in SCENARIOS}).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def driver_run(server: ConformanceServer, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], DriverRun]:
    """A run by label, each language built once and each (language, mode) run once per session."""
    built: dict[str, Any] = {}
    runs: dict[str, DriverRun] = {}

    def get(label: str) -> DriverRun:
        if label not in runs:
            language, mode = RUNS[LABELS.index(label)]
            if language.name not in built:
                sdk = tmp_path_factory.mktemp(f"sdk-{language.name}")
                language.build(sdk)
                built[language.name] = sdk
            sdk = built[language.name]
            workdir = tmp_path_factory.mktemp(f"run-{label}")
            runs[label] = run_driver(
                label, language.command(sdk, mode), server, SCENARIOS, workdir, language.env(sdk, mode)
            )
        return runs[label]

    return get


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["id"] for s in SCENARIOS])
@pytest.mark.parametrize("label", LABELS)
def test_scenario(label: str, scenario: dict[str, Any], driver_run: Callable[[str], DriverRun]) -> None:
    run = driver_run(label)
    problems = sdk_problems(scenario, run.observations.get(scenario["id"]))
    problems += server_problems(scenario, run.requests.get(scenario["id"], []))
    if problems:
        observed = run.observations.get(scenario["id"])
        requests = [r.record() for r in run.requests.get(scenario["id"], [])]
        pytest.fail(
            f"{label}: {scenario['id']} ({scenario['contract']}):\n  " + "\n  ".join(problems)
            + f"\nobserved: {observed}\nserver saw: {requests}",
            pytrace=False,
        )  # fmt: skip


@pytest.mark.parametrize("label", LABELS[1:])
def test_same_observations_as_baseline(label: str, driver_run: Callable[[str], DriverRun]) -> None:
    """Every language and mode observes what the first one does, on both sides of the wire."""
    baseline, run = driver_run(LABELS[0]), driver_run(label)
    diffs = []
    for scenario in SCENARIOS:
        a, b = comparable(baseline, scenario["id"]), comparable(run, scenario["id"])
        if a != b:
            diffs.append(diff(f"{LABELS[0]}: {scenario['id']}", a, f"{label}: {scenario['id']}", b))
    assert not diffs, f"{len(diffs)} scenarios differ from {LABELS[0]}:\n" + "\n".join(diffs)
