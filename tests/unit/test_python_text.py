"""The Python target's escapers: each context's output parses back to exactly the text (or value) it was given."""

from __future__ import annotations

import ast
import tomllib

import pytest

from zsdk_generator.config import Config
from zsdk_generator.diagnostics import SpecError
from zsdk_generator.ir.model import Api, Model, TypeRef
from zsdk_generator.targets.python import PythonTarget, pep440_version
from zsdk_generator.targets.python_text import (
    comment,
    docstring,
    docstring_lines,
    docstring_text,
    py_fstring_text,
    py_literal,
    py_number,
    toml_string,
)
from zsdk_generator.targets.python_types import PyTypes, literal_type
from zsdk_generator.targets.text import prose
from zsdk_generator.targets.types import TypeExpr

HOSTILE = [
    'ends in a quote"',
    '"starts with a quote',
    'four """" quotes and """ three',
    "trailing backslash \\",
    "escape-looking \\N{BULLET} \\x00 \\u0022 \\",
    "line\u2028separator\rcarriage\x85next\x00nul\x1b[31m\ufeff\u202ebidi",
    '"""\nimport os; os.system(\'zsdkpwn\')\n"""',
    "{braces} and {{doubled}} and %s",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_docstring_holds_the_text_and_nothing_else(text: str) -> None:
    source = f"def f():\n    {docstring(docstring_lines(text), 4)}\n"
    function = ast.parse(source).body[0]
    assert isinstance(function, ast.FunctionDef) and len(function.body) == 1
    value = ast.get_docstring(function, clean=False) or ""
    expected = prose(text).strip()
    assert value.replace("\n    ", "\n").rstrip(". \n") == expected.rstrip(".").rstrip()


@pytest.mark.parametrize("text", HOSTILE)
def test_a_one_line_docstring_holds_the_text(text: str) -> None:
    module = ast.parse(f'"""The client for {docstring_text(text)}."""\n')
    assert len(module.body) == 1
    assert ast.get_docstring(module, clean=False) == f"The client for {' '.join(prose(text).split())}."


@pytest.mark.parametrize("text", HOSTILE)
def test_an_f_string_keeps_spec_braces_as_text(text: str) -> None:
    expression = f'f"{py_fstring_text(text)}{{1 + 1}}"'
    assert eval(expression) == text + "2"  # noqa: S307 - an f-string of our own making


@pytest.mark.parametrize("text", HOSTILE + ["lone \ud800 surrogate"])
def test_a_toml_string_reads_back(text: str) -> None:
    assert tomllib.loads(f"value = {toml_string(text)}\n")["value"] == text.replace("\ud800", "\ufffd")


def test_numbers_python_cannot_spell_as_literals() -> None:
    assert py_number(float("inf")) == 'float("inf")'
    assert py_number(float("-inf")) == 'float("-inf")'
    assert py_number(float("nan")) == 'float("nan")'
    assert eval(py_literal([2**200, -(2**64), 1e300])) == [2**200, -(2**64), 1e300]  # noqa: S307
    huge = 7**20000  # past CPython's 4300 decimal digits
    assert int(py_number(huge), 16) == huge


def test_a_comment_never_reads_as_a_tool_directive() -> None:
    for text in ["mypy: ignore-errors", "type: ignore", "ruff: noqa", "noqa", "fmt: off", "Type: x"]:
        assert comment(text).startswith("Doc: ")
    assert comment("Typed\u2028 value\nhere") == "Typed value here"


def test_type_expressions_carry_their_imports_and_spell_hidden_builtins() -> None:
    pet = Model("Pet", "object", "#/components/schemas/Pet")
    types = PyTypes({"Pet": pet}, {"Pet": "Pet"}, in_package=True).hiding(frozenset({"list", "limit"}))
    pets = types.annotation(TypeRef("array", item=TypeRef("model", model="Pet"), nullable=True))
    assert pets == TypeExpr("builtins.list[models.Pet] | None", frozenset({("builtins", ""), (".", "models")}))
    when = types.annotation(TypeRef("map", item=TypeRef("string", "date-time")))
    assert when == TypeExpr("dict[str, datetime.datetime]", frozenset({("datetime", "")}))
    assert types.annotation(TypeRef("any")) == TypeExpr("Any", frozenset({("typing", "Any")}))


def test_const_types_mypy_accepts() -> None:
    assert literal_type("x") == TypeExpr('Literal["x"]', frozenset({("typing", "Literal")}))
    assert literal_type(True).text == "Literal[True]"
    assert literal_type(2**63 - 1).text == "Literal[9223372036854775807]"
    assert literal_type(2**63).text == "int"
    assert literal_type(0.5).text == "float"
    assert literal_type(None).text == "None"
    assert literal_type([1]) == TypeExpr("list[Any]", frozenset({("typing", "Any")}))
    assert literal_type({"a": 1}).text == "dict[str, Any]"
    assert literal_type([1], frozenset({"list"})).text == "builtins.list[Any]"


@pytest.mark.parametrize(
    ("title", "package"),
    [("Numbers API", "numbers_sdk"), ("Calendar API", "calendar_sdk"), ("Pydantic", "pydantic_sdk"),
     ("Class API", "class_sdk"), ("List API", "list_sdk"), ("Rich API", "rich_sdk"), ("Vibedasher", "vibedasher")],
)  # fmt: skip
def test_default_package_names_clear_the_standard_library_dependencies_and_builtins(title: str, package: str) -> None:
    api = Api(title=title, version="1")
    assert "_".join(PythonTarget().package_words(Config().for_language("python", api))) == package


def test_a_configured_package_name_is_kept() -> None:
    api = Api(title="Anything", version="1")
    config = Config(data={"package_name": "numbers"}).for_language("python", api)
    assert PythonTarget().package_words(config) == ["numbers"]


def test_versions_are_pep_440() -> None:
    assert pep440_version("2.0.0-beta.1") == "2.0.0-beta.1"
    with pytest.raises(SpecError, match="PEP 440"):
        pep440_version("1.0.0-x.7")
