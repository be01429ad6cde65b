"""The TypeScript target's escapers, one per output context, and its npm name and version rules."""

from __future__ import annotations

import pytest

from zsdk_generator.config import LanguageConfig, Retries
from zsdk_generator.diagnostics import SpecError
from zsdk_generator.targets.typescript import TARGET, npm_version


@pytest.mark.parametrize(
    ("version", "semver"),
    [("1", "1.0.0"), ("1.0", "1.0.0"), ("01.2", "1.2.0"), ("2.0.0-beta.01", "2.0.0-beta.1"), ("0.1.0", "0.1.0")],
)
def test_versions_are_npm_semver(version: str, semver: str) -> None:
    assert npm_version(version) == semver


def _config(name: str, given: bool) -> LanguageConfig:
    return LanguageConfig(package_name=name, client_name="C", version="1.0.0", retries=Retries(),
                          package_name_given=given)  # fmt: skip


def test_default_package_names_avoid_node_builtins_and_fit_npm() -> None:
    assert TARGET.package_name(_config("http", False)) == "http_sdk"
    assert TARGET.package_name(_config("string_decoder", False)) == "string_decoder_sdk"
    assert TARGET.package_name(_config("petstore", False)) == "petstore"
    long = TARGET.package_name(_config("_".join(["word"] * 100), False))
    assert len(long) <= 214 and long.startswith("word_word")


@pytest.mark.parametrize("name", ["My SDK", "Upper", "_private", ".dot", "a" * 215, "http", "@scope/Name", "x!"])
def test_configured_package_names_npm_would_refuse_are_a_located_error(name: str) -> None:
    with pytest.raises(SpecError) as caught:
        TARGET.package_name(_config(name, True))
    assert caught.value.diagnostic.pointer == "/typescript/package_name"
    assert repr(name) in caught.value.diagnostic.message


@pytest.mark.parametrize("name", ["@vibedasher/client", "zatabase-js", "edge_cases", "a.b"])
def test_configured_package_names_are_kept_as_given(name: str) -> None:
    assert TARGET.package_name(_config(name, True)) == name
