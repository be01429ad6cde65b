"""Issue 13's real-server suite: every language's SDK calls a broad sample of operations on real mock servers.

Prism serves petstore-expanded and OpenAI, validating requests (an invalid one gets 422; a request violation it lets
through, reported in its sl-violations header, fails the test too; `--errors` is not used, because it also turns the
OpenAI spec's own inconsistent examples into 500s); stripe-mock serves the Stripe spec it embeds (the Stripe SDKs
are generated from that very spec, pruned to the paths the samples call: prune.py). Every request goes through a
recording proxy (proxy.py), so each call is checked on both sides: accepted by the mock (2xx), decoded by the SDK,
and, where the mock cannot see a mistake, the wire itself (samples/<spec>.yaml says what). Then every language must
have sent the same.

Known bugs (issue 13's list) are strict xfails, given per language in the samples: when a fix lands the case
XPASSes, fails, and its `xfail` entry must go.

    pytest tests/realservers                      # everything (under 2 minutes warm; see README, Tests)
    pytest tests/realservers -k "stripe and go-"  # one spec, one language
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from zsdk_generator import pipeline

from ..conftest import shared_spec
from . import tools
from .build import LANGUAGES, build
from .proxy import Exchange, RecordingProxy
from .prune import prune
from .samples import Sample, load_all, problems
from .servers import MockServer

SAMPLES = load_all()
API_KEY = "sk_test_123"  # stripe-mock wants a test key; Prism only wants one present
CREDENTIALS = {"RSAPI_API_KEY": API_KEY, "RSAPI_ADMIN_API_KEY_AUTH_TOKEN": API_KEY}  # OpenAI's admin key too
DRIVER_TIMEOUT = 600


@dataclass
class Run:
    observations: dict[str, dict[str, Any]]
    exchanges: dict[str, list[Exchange]]
    stderr: str


def served_spec(sample: Sample) -> Path:
    """The spec the mock serves."""
    if sample.spec == "stripe-mock":
        return tools.stripe_mock()[1]
    return shared_spec(sample.spec)


def sdk_spec(sample: Sample, folder: Path) -> Path:
    """The spec the SDKs are generated from: the served one, pruned to the sample's `paths` when it lists them."""
    spec = served_spec(sample)
    if sample.paths is None:
        return spec
    pruned = folder / f"{sample.name}-pruned.json"
    pruned.write_text(json.dumps(prune(json.loads(spec.read_bytes()), sample.paths)), encoding="utf-8")
    return pruned


def mock_server(sample: Sample) -> MockServer:
    spec = served_spec(sample)  # first, so that a sample without its spec skips before anything is installed
    if sample.server == "prism":
        prism, folder = tools.prism()
        return MockServer("prism", [prism, "mock", "--host", "127.0.0.1", "--port", "{port}", str(spec)], folder)
    assert sample.server == "stripe-mock", sample.server
    stripe_mock, _ = tools.stripe_mock()
    return MockServer("stripe-mock", [stripe_mock, "-http-addr", "127.0.0.1:{port}"], spec.parent)


@pytest.fixture(scope="module")
def real_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[Sample, str], Run]]:
    """A driver run per (sample, language), done once: one mock and proxy per sample, each SDK built once.

    Every sample's mock server is launched at the first run, so that they start while the SDKs build; all stop when
    this module's tests are done, not at the end of the whole test session."""
    servers: dict[str, MockServer] = {}
    specs: dict[str, Path] = {}
    proxies: dict[str, RecordingProxy] = {}
    runs: dict[tuple[str, str], Run] = {}
    failures: dict[tuple[str, str], BaseException] = {}

    def get(sample: Sample, language: str) -> Run:
        if not servers:
            for each in SAMPLES:
                with contextlib.suppress(Exception, pytest.skip.Exception):  # its own runs find out again, and say why
                    servers[each.name] = mock_server(each).launch()
        key = (sample.name, language)
        if key in failures:
            raise failures[key]
        if key not in runs:
            try:
                runs[key] = drive(sample, language)
            except (Exception, pytest.skip.Exception) as error:
                failures[key] = error
                raise
        return runs[key]

    def drive(sample: Sample, language: str) -> Run:
        if sample.name not in specs:
            specs[sample.name] = sdk_spec(sample, tmp_path_factory.mktemp(sample.name))
        spec = specs[sample.name]
        if sample.name not in servers:
            servers[sample.name] = mock_server(sample).launch()
        server = servers[sample.name]
        folder = tmp_path_factory.mktemp(f"{sample.name}-{language}")
        command, env = build(language, spec, folder)
        if sample.name not in proxies:
            proxies[sample.name] = RecordingProxy(server.ready().address).start()
            proxies[sample.name].first_answers = {
                c["id"]: c["first_answer"] for c in sample.calls if "first_answer" in c
            }
        proxy = proxies[sample.name]
        calls = folder / "calls.json"
        calls.write_text(sample.driver_calls(), encoding="utf-8")
        proxy.clear()
        result = subprocess.run(
            [*command, "--server", proxy.url, "--calls", str(calls)], capture_output=True, text=True,
            timeout=DRIVER_TIMEOUT, env={**os.environ, **CREDENTIALS, **env}, cwd=folder,
        )  # fmt: skip
        exchanges = dict(proxy.exchanges)
        proxy.clear()
        if result.returncode != 0:
            raise AssertionError(f"the {language} driver for {sample.name} exited with {result.returncode}:\n"
                                 f"{result.stdout[-3000:]}{result.stderr[-3000:]}\n{server.name} said:\n{server.output()}")  # fmt: skip
        observations = {}
        for line in result.stdout.splitlines():
            observed = json.loads(line)
            observations[observed.pop("id")] = observed
        return Run(observations, exchanges, result.stderr)

    yield get
    for proxy in proxies.values():
        proxy.stop()
    for server in servers.values():
        server.stop()


def call_cases() -> list[Any]:
    cases = []
    for sample in SAMPLES:
        for language in LANGUAGES:
            for call in sample.calls:
                reason = call.get("xfail", {}).get(language)
                marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
                cases.append(pytest.param(sample, language, call, marks=marks,
                                          id=f"{sample.name}-{language}-{call['id']}"))  # fmt: skip
    return cases


@pytest.mark.parametrize(("sample", "language", "call"), call_cases())
def test_call(sample: Sample, language: str, call: dict[str, Any], real_run: Callable[[Sample, str], Run]) -> None:
    """One call through one language's SDK: accepted by the mock, decoded, and right on the wire."""
    run = real_run(sample, language)
    exchanges = run.exchanges.get(call["id"], [])
    found = problems(call, run.observations.get(call["id"]), exchanges)
    if found:
        sent = "\n  ".join(e.summary() for e in exchanges) or "(nothing)"
        pytest.fail(f"{sample.name} {language} {call['id']} ({call['call']}):\n- " + "\n- ".join(found)
                    + f"\nsent:\n  {sent}", pytrace=False)  # fmt: skip


def same_wire_cases() -> list[Any]:
    """Per call, the languages not marked xfail for it (two at least): those must send the same requests."""
    cases = []
    for sample in SAMPLES:
        for call in sample.calls:
            working = [language for language in LANGUAGES if language not in call.get("xfail", {})]
            if len(working) >= 2:
                cases.append(pytest.param(sample, call, working, id=f"{sample.name}-{call['id']}"))
    return cases


@pytest.mark.parametrize(("sample", "call", "languages"), same_wire_cases())
def test_same_wire_in_every_language(
    sample: Sample, call: dict[str, Any], languages: list[str], real_run: Callable[[Sample, str], Run]
) -> None:
    """The same call sends the same requests (method, path, query, body) whichever language sends it."""
    seen = {language: [e.comparable() for e in real_run(sample, language).exchanges.get(call["id"], [])]
            for language in languages}  # fmt: skip
    first = languages[0]
    differ = [language for language in languages[1:] if seen[language] != seen[first]]
    assert not differ, "\n".join(f"{language}: {seen[language]}" for language in [first, *differ])


def test_samples_cover_what_issue_13_asks() -> None:
    """Every kind of call the issue lists appears in the samples (a sample edit cannot drop one unnoticed)."""
    covered = {kind for sample in SAMPLES for call in sample.calls for kind in call.get("covers", [])}
    wanted = {"path", "query", "array", "object", "enum", "int64", "json-body", "form-body", "multipart", "delete",
              "pagination", "page-token", "header"}  # fmt: skip
    assert wanted <= covered, f"not covered: {sorted(wanted - covered)}"


@pytest.mark.parametrize("sample", [s for s in SAMPLES if s.paths is not None], ids=lambda s: s.name)
def test_pruned_spec_keeps_the_full_specs_names(sample: Sample, tmp_path: Path) -> None:
    """The IR of the pruned spec is part of the full spec's, name for name (models and operations), and offers
    every call of the sample: the pruned SDKs are the full ones' with operations left out."""
    full = pipeline.run(str(served_spec(sample))).api
    pruned = pipeline.run(str(sdk_spec(sample, tmp_path))).api
    assert full is not None and pruned is not None and pruned.models
    models = {model.name: model for model in full.models}
    assert [model.name for model in pruned.models if models.get(model.name) != model] == []
    operations = {operation.id: operation for operation in full.all_operations()}
    assert [op.id for op in pruned.all_operations() if operations.get(op.id) != op] == []
    offered = {f"{resource.name}.{op.name}" for resource in pruned.resources for op in resource.operations}
    assert {call["call"] for call in sample.calls} - offered == set(), "a call's path is missing from `paths`"
