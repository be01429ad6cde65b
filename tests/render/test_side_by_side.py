"""A target with a file per model renders a large SDK's files side by side in forked workers (render.py,
forked.map_pulled): the same files, in the same order, and the same first template error, as rendered one by
one; the workers write a new output folder's files as they finish them (staging.Prepared)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SPECS
from zsdk_generator import pipeline, render
from zsdk_generator.config import Config
from zsdk_generator.diagnostics import SpecError
from zsdk_generator.generate import generate, render_language
from zsdk_generator.ir.model import Api


@pytest.fixture(scope="module")
def api() -> Api:
    built = pipeline.run(str(SPECS / "petstore.yaml")).api
    assert built is not None
    return built


@pytest.fixture
def pulled(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Side by side from two jobs on, with two workers; how many jobs each side-by-side render pulled."""
    counts: list[int] = []
    real = render.map_pulled

    def counted(job: Callable[[Any], Any], items: Sequence[Any], chunk: int = 16) -> list[Any]:
        counts.append(len(items))
        return real(job, items, chunk=1)

    monkeypatch.setattr(render, "SIDE_BY_SIDE_JOBS", 2)
    monkeypatch.setattr(render, "map_pulled", counted)
    return counts


def _alone(monkeypatch: pytest.MonkeyPatch, call: Callable[[], Any]) -> Any:
    monkeypatch.setenv("ZSDK_WORKERS", "1")
    try:
        return call()
    finally:
        monkeypatch.setenv("ZSDK_WORKERS", "2")


@pytest.mark.parametrize("language", ["java", "php"])
def test_side_by_side_is_one_by_one(
    language: str, api: Api, pulled: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = _alone(monkeypatch, lambda: render_language(api, language, Config()))
    assert not pulled
    together = render_language(api, language, Config())
    assert pulled and pulled[0] > 17  # every model's file, and more, went to the workers
    assert list(together) == list(alone) and together == alone


def test_the_first_failing_file_is_reported(api: Api, pulled: list[int], tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    (tmp_path / "model.java.jinja").write_text("{{ model.name }}{{ model.nothing }}\n")

    def failure() -> str:
        with pytest.raises(SpecError) as caught:
            render_language(api, "java", Config(), tmp_path)
        return str(caught.value)

    alone = _alone(monkeypatch, failure)
    assert "model.java.jinja" in alone and "/models/" in alone
    assert failure() == alone and pulled


def test_the_workers_write_a_new_folder_as_they_go(api: Api, pulled: list[int], tmp_path: Path) -> None:
    out = tmp_path / "sdk"
    result = generate(api, [("php", out)], Config())[0]
    files = render_language(api, "php", Config())
    written = {p.relative_to(out).as_posix(): p.read_text() for p in out.rglob("*") if p.is_file()}
    assert written.pop(".zsdk-manifest.json") and written == files
    assert sorted(result.report.created) == sorted(files) and len(pulled) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sdk"]


def test_a_template_that_does_not_compile_is_reported_for_its_first_file(
    api: Api, pulled: list[int], tmp_path: Path
) -> None:
    (tmp_path / "model.java.jinja").write_text("{{ model.name\n")
    with pytest.raises(SpecError, match=r"model\.java\.jinja:1 failed for src/main/java/.*/models/"):
        render_language(api, "java", Config(), tmp_path)
    assert pulled
