"""One environment variable per credential, the same in every language (zsdk_generator.plan.credentials.py)."""

from __future__ import annotations

import re

import pytest

from tests.golden.golden import GOLDEN_SPECS, generate
from zsdk_generator.plan.credentials import env_prefix

# Where each language's generated client reads a credential it was not given.
READS = {
    "python": re.compile(r"first_given\(\w+, \"(\w+)\"\)"),
    "typescript": re.compile(r"fromEnv\(options\.\w+, '(\w+)'\)"),
    "go": re.compile(r"api\.Credential\(\"\w+\", \"(\w+)\"\)"),
    "rust": re.compile(r"credential_value\(\s*\"\w+\",\s*\"(\w+)\",?\s*\)"),
    "php": re.compile(r"\?\? ClientCore::env\('(\w+)'\)"),
}


def test_prefix_is_the_package_names_words() -> None:
    assert env_prefix("vibecaas") == env_prefix("@vibecaas/sdk") == "VIBECAAS"
    assert env_prefix("zatabase-js") == env_prefix("zatabase") == "ZATABASE"
    assert env_prefix("edge_cases") == "EDGE_CASES"
    assert env_prefix("@acme/widgets-client") == "ACME_WIDGETS"
    assert env_prefix("sdk") == "SDK"


@pytest.mark.parametrize("spec", GOLDEN_SPECS)
def test_every_language_reads_the_same_variables(spec: str) -> None:
    read = {}
    for language, pattern in READS.items():
        files = generate(spec, language)
        read[language] = sorted({name for text in files.values() for name in pattern.findall(text)})
    assert read["python"], f"{spec}: no credential read from the environment"
    assert read["python"] == read["typescript"] == read["go"] == read["rust"] == read["php"], read


def test_vibecaas_and_the_zatabase_login_token() -> None:
    """The two divergences this rule ended: Go read VIBE_CAAS_*, and only TypeScript read the login token."""
    for language, pattern in READS.items():
        vibecaas = {name for text in generate("vibecaas", language).values() for name in pattern.findall(text)}
        zatabase = {name for text in generate("zatabase", language).values() for name in pattern.findall(text)}
        assert "VIBECAAS_API_KEY" in vibecaas, language
        assert "ZATABASE_ACCESS_TOKEN" in zatabase, language
