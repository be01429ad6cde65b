"""Golden SDK trees: generation in memory, and a syrupy extension that keeps each file under golden/<spec>/<lang>/.

`pytest --snapshot-update` rewrites them (and removes files the generator no longer makes).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from zsdk_generator.config import load_config
from zsdk_generator.render import render
from zsdk_generator.pipeline import run
from zsdk_generator.targets.registry import load_target
from tests.conftest import ROOT, SPECS

GOLDEN = ROOT / "golden"
GOLDEN_SPECS = ["petstore", "vibedasher", "vibecaas", "vibefollow", "zatabase", "edge-cases"]


def generate(spec: str, language: str) -> dict[str, str]:
    """The SDK for specs/<spec>.yaml (with specs/<spec>.zsdk.yaml when present), path → text."""
    config_path = SPECS / f"{spec}.zsdk.yaml"
    config = load_config(str(config_path) if config_path.exists() else None)
    result = run(str(SPECS / f"{spec}.yaml"), method_names=config.method_names)  # type: ignore[arg-type]
    assert result.api is not None, [d.format() for d in result.diagnostics]
    return render(load_target(language), result.api, config.for_language(language, result.api))


def golden_dir(spec: str, language: str) -> Path:
    return GOLDEN / spec / language


def golden_file(spec: str, language: str, relative: str) -> type[SingleFileSnapshotExtension]:
    """A syrupy extension whose one snapshot is golden/<spec>/<language>/<relative>, stored as plain text."""
    path = golden_dir(spec, language) / relative

    class GoldenFile(SingleFileSnapshotExtension):
        _write_mode = WriteMode.TEXT
        file_extension = ""

        @classmethod
        def dirname(cls, *, test_location: Any) -> str:
            return str(path.parent)

        @classmethod
        def discovery_dirname(cls, *, test_location: Any) -> str:
            return str(path.parent)

        @classmethod
        def get_snapshot_name(cls, *, test_location: Any, index: Any = 0) -> str:
            return path.name

        @classmethod
        def get_file_basename(cls, *, test_location: Any, index: Any) -> str:
            return path.name

        def owns_snapshot_collection(self, *, filepath: str, test_location: Any) -> bool:
            return Path(filepath) == path

    return GoldenFile


def committed_files(spec: str, language: str) -> set[str]:
    folder = golden_dir(spec, language)
    if not folder.exists():
        return set()
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
            and ".mypy_cache" not in p.parts and ".ruff_cache" not in p.parts}  # fmt: skip
