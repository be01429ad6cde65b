"""Issue 14's plan data: `x-zsdk-result: ok` calls and the token refresh buffer from zsdk.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT
from zsdk_generator.config import Config, load_config
from zsdk_generator.diagnostics import SpecError
from zsdk_generator.ir.builder import build_api
from zsdk_generator.plan.build import build_plan
from zsdk_generator.plan.model import CallPlan, SdkPlan
from zsdk_generator.spec.load import Document
from zsdk_generator.spec.sources import SourceFile, Sources
from zsdk_generator.spec.upgrade import upgrade

SPECS = ROOT / "specs"


def _plan_of(data: dict[str, Any], config: Config | None = None) -> SdkPlan:
    document = Document(data, Sources(SourceFile("spec.yaml", "/spec.yaml", "", False)))
    upgrade(document)
    api, _ = build_api(document, "operation_id")
    return build_plan(api, (config or Config()).shared(api))


def _zatabase() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((SPECS / "zatabase.yaml").read_text(encoding="utf-8"))
    return data


def _call(plan: SdkPlan, key: str) -> CallPlan:
    return next(call for call in plan.all_calls() if call.key == key)


def test_an_ok_call_is_a_boolean_without_body_data() -> None:
    health = _call(_plan_of(_zatabase()), "healthCheck")
    assert (health.result_kind, health.result, health.envelope, health.paging) == ("ok", None, None, None)
    assert health.result_media_type == "" and health.public
    assert _call(_plan_of(_zatabase()), "whoami").result_kind == "json"


def test_without_the_extension_the_health_call_returns_its_body() -> None:
    data = _zatabase()
    del data["paths"]["/health"]["get"]["x-zsdk-result"]
    health = _call(_plan_of(data), "healthCheck")
    assert health.result_kind == "json" and health.result is not None


@pytest.mark.parametrize(("value", "message"), [("bool", "x-zsdk-result must be 'ok', not 'bool'"),
                                                (True, "x-zsdk-result must be 'ok', not True")])  # fmt: skip
def test_x_zsdk_result_takes_only_ok(value: object, message: str) -> None:
    data = _zatabase()
    data["paths"]["/health"]["get"]["x-zsdk-result"] = value
    with pytest.raises(SpecError) as raised:
        _plan_of(data)
    assert message in raised.value.diagnostic.message
    assert (raised.value.diagnostic.pointer or "").endswith("/x-zsdk-result")


def test_the_refresh_buffer_comes_from_zsdk_yaml(tmp_path: Path) -> None:
    zatabase = _plan_of(_zatabase(), load_config(str(SPECS / "zatabase.zsdk.yaml")))
    assert zatabase.client.retries.refresh_buffer == 300.0
    assert _plan_of(_zatabase()).client.retries.refresh_buffer == 60.0
    bad = tmp_path / "zsdk.yaml"
    bad.write_text("retries: {refresh_buffer: -1}\n", encoding="utf-8")
    with pytest.raises(SpecError) as raised:
        load_config(str(bad))
    assert raised.value.diagnostic.message.startswith("refresh_buffer must be a number from 0")
