"""The Go target's rules for names and values a spec controls: package and module names, enum constants that fit
their type, struct tags and JSON paths (issue 11, hostile specs). The toolchain checks are in
tests/toolchain/test_go_doc_comments.py and tests/hostile."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT
from zsdk_generator.config import Config
from zsdk_generator.diagnostics import SpecError
from zsdk_generator.ir.model import Api, Model
from zsdk_generator.targets.go import TARGET, json_path, module_path, package_name
from zsdk_generator.targets.go_models import enum_constants, json_tag, valid_tag
from zsdk_generator.targets.go_names import ROOT_RESERVED, module_path_problem


def _package(title: str, configured: str | None = None) -> str:
    config = Config(data={"package_name": configured} if configured else {}).for_language("go", Api(title, "1"))
    return package_name(TARGET.package_words(config))


@pytest.mark.parametrize(
    "title, package",
    [("Numbers API", "numbers"), ("HTTP API", "httpsdk"), ("Errors API", "errorssdk"), ("JSON", "jsonsdk"),
     ("Crypto API", "cryptosdk"), ("Core API", "coresdk"), ("Option API", "optionsdk"), ("Main API", "mainsdk"),
     ("Init API", "initsdk"), ("String API", "stringsdk"), ("Go API", "gosdk"), ("Type", "typesdk"),
     ("123 API", "sdk123"), ("Pet Store", "petstore")],
)  # fmt: skip
def test_default_package_names_avoid_go_names(title: str, package: str) -> None:
    assert _package(title) == package


def test_configured_package_names_are_kept_unless_they_cannot_be_a_package_clause() -> None:
    assert _package("Anything", configured="http") == "http"
    assert _package("Anything", configured="type") == "sdktype"  # a keyword is no identifier at all


@pytest.mark.parametrize(
    "path", ["github.com/acme/acme-go", "github.com/acme/sdk/v2", "gopkg.in/acme.v1", "example.com/a_b~c.d"]
)
def test_module_paths_go_get_accepts(path: str) -> None:
    assert module_path_problem(path) is None


@pytest.mark.parametrize(
    "path",
    ["acme", "github.com/acme/sdk/v1", "github.com/acme/sdk/v02", "Github.com/acme", "github.com/a b",
     "github.com/acme\nzsdkpwn()", 'github.com/a"b', "github.com//x", "github.com/x/", "github.com/.x",
     "github.com/con", "github.com/x~1", "github.com/é", "-x.com/a", ""],
)  # fmt: skip
def test_module_paths_go_get_refuses(path: str) -> None:
    assert module_path_problem(path)


def test_a_configured_module_path_is_checked_with_a_located_error(tmp_path: Path) -> None:
    config = Config(data={"go": {"module": "github.com/acme\n/zsdkpwn()"}}).for_language("go", Api("A", "1"))
    with pytest.raises(SpecError) as raised:
        module_path(config, "a")
    assert raised.value.diagnostic.pointer == "/go/module"
    assert "module path" in raised.value.diagnostic.message
    assert module_path(Config().for_language("go", Api("A", "1")), "a") == "github.com/a/a-go"


def _enum(kind: str, *values: object) -> Model:
    return Model("E", "enum", "#/E", enum_type=kind, values=values)  # type: ignore[arg-type]


def _constants(model: Model) -> tuple[str, list[tuple[str, str]]]:
    """The enum's Go type as text, and its constants."""
    base, values = enum_constants(model)
    return base.text, values


def test_enum_constants_fit_their_type() -> None:
    assert _constants(_enum("integer", 1, -2)) == ("int64", [("1", "1"), ("Minus2", "-2")])
    huge = _constants(_enum("integer", 1, 2**64, -(10**23)))
    assert huge == ("json.Number", [("1", '"1"'), ("18446744073709551616", '"18446744073709551616"'),
                                    ("Minus100000000000000000000000", '"-100000000000000000000000"')])  # fmt: skip
    assert _constants(_enum("integer", 2**63 - 1, -(2**63)))[0] == "int64"
    assert _constants(_enum("integer", 2**63))[0] == "json.Number"


def test_non_finite_numbers_get_no_constant() -> None:
    base, values = _constants(_enum("number", float("inf"), float("-inf"), float("nan"), 0.5, 1e300))
    assert base == "float64" and [literal for _, literal in values] == ["0.5", "1e+300"]
    assert _constants(_enum("number", 0.5, 10**400))[0] == "json.Number"


def test_enum_values_of_another_kind_get_no_constant() -> None:
    assert _constants(_enum("string", "a", 1, None, "a")) == ("string", [("A", '"a"')])
    assert _constants(_enum("integer", 1, True, "2", 1.5)) == ("int64", [("1", "1")])
    assert _constants(_enum("boolean", True, False)) == ("bool", [])


@pytest.mark.parametrize("name", ["-", "", 'a"b', "a`b", "a\\b", "a,b", "a'b", "a\u2028b", "a\x00b"])
def test_names_a_struct_tag_cannot_carry_stay_in_extra_fields(name: str) -> None:
    assert not valid_tag(name)


@pytest.mark.parametrize("name", ["a b", "é", "x-y.z", "@type", "$ref", "a;b", "omitempty", "日本"])
def test_names_a_struct_tag_carries(name: str) -> None:
    assert valid_tag(name)
    assert json_tag(name, True) == f'`json:"{name},omitzero"`'


def test_json_paths_keep_dotted_names_one_step() -> None:
    assert json_path(("meta", "total")) == '"meta.total"'
    assert json_path(("@odata.nextLink",)) == '"@odata~1nextLink"'
    assert json_path(("a~b", 'c"\n')) == '"a~0b.c\\"\\n"'
    assert json_path(()) == '""'


def test_every_name_the_client_file_declares_is_reserved_for_models() -> None:
    """A model named like something client.go declares (`RateLimit` in GitHub's spec) would not compile: each
    package-level name of the client file is in ROOT_RESERVED, so such a model is renamed."""
    client = (ROOT / "golden" / "petstore" / "go" / "client.go").read_text(encoding="utf-8")
    declared = set(re.findall(r"^(?:type|func|var) ([A-Z]\w*)", client, re.M))
    declared |= set(re.findall(r"^\t([A-Z]\w*)\s+=", client, re.M))  # inside a var ( … ) block
    assert declared - {"Option"} <= ROOT_RESERVED, sorted(declared - ROOT_RESERVED)
