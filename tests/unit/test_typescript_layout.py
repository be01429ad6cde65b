"""The TypeScript target's escapers, one per output context, and its npm name and version rules."""

from __future__ import annotations

import json

import pytest

from zsdk_generator.config import LanguageConfig, Retries
from zsdk_generator.diagnostics import SpecError
from zsdk_generator.targets.text import unsafe_in_literal
from zsdk_generator.targets.typescript import TARGET, _doc
from zsdk_generator.targets.typescript_layout import (
    Arr,
    call,
    json_string,
    literal,
    object_key,
    prop_key,
    ts_string,
    tsdoc_line,
)
from zsdk_generator.targets.typescript_npm import npm_version


def test_doc_text_normalises_before_it_escapes() -> None:
    # a control character between `*` and `/` is dropped first, so the `*/` it leaves is escaped
    assert _doc("a *\x01/ b\u2028c\r\nd\x00") == ["a *\\/ b", "c", "d"]
    assert _doc("x", True) == ["x", "", "@deprecated"]


@pytest.mark.parametrize(
    ("line", "escaped"),
    [
        ("ends */ here", "ends *\\/ here"),
        ("**/", "**\\/"),
        ("@deprecated first", "\\@deprecated first"),
        ("mid @param x", "mid \\@param x"),
        ("nbsp\u00a0@returns", "nbsp\u00a0\\@returns"),
        ("{@link zsdkpwn}", "{\\@link zsdkpwn}"),
        ("mail a@example.com and `@code`", "mail a@example.com and `@code`"),
    ],
)
def test_tsdoc_lines_cannot_close_the_block_or_start_a_tag(line: str, escaped: str) -> None:
    assert tsdoc_line(line) == escaped


def test_json_strings_escape_every_unsafe_character_and_keep_the_value() -> None:
    text = 'a"\\\n\x00\x7f\x85\u2028\ufeff\u202e\ud800 naïve'
    encoded = json_string(text)
    assert json.loads(encoded) == text
    assert not any(unsafe_in_literal(ord(c)) for c in encoded)
    assert "naïve" in encoded


def test_literal_types_for_values_typescript_cannot_or_can_only_just_spell() -> None:
    assert literal(2**53 - 1) == "9007199254740991"
    assert literal(2**63) == "9223372036854775808n"
    assert literal(-(10**23)) == "-100000000000000000000000n"
    assert literal(float("inf")) is None and literal(float("-inf")) is None and literal(float("nan")) is None
    assert literal(1e300) == "1e300" and literal(1.0) == "1" and literal(True) == "true"
    assert literal("a'\u2028") == ts_string("a'\u2028") == '"a\'\\u2028"'


def test_keys_of_object_literals_never_set_a_prototype() -> None:
    assert object_key("__proto__") == "['__proto__']"
    assert prop_key("__proto__") == "__proto__"  # an interface member is a plain property
    assert object_key("constructor") == "constructor" and object_key("a-b") == "'a-b'"


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


_LONG = "models." + "VeryLong" * 9  # a type name of ~80 characters


def test_wide_type_arguments_break_as_prettier_breaks_them() -> None:
    head = f"    return this._client.requestPage<{_LONG}Item, {_LONG}Body>("
    assert call(head, ["OP", "PAGES", "params", "options"], ");", 4) == [
        "    return this._client.requestPage<",
        f"      {_LONG}Item,",
        f"      {_LONG}Body",
        "    >(OP, PAGES, params, options);",  # the arguments fit after `>(`
    ]
    tail = f"): PagePromise<{_LONG}Item, {_LONG}Body> {{"
    assert call("  list(", ["params: P", "options?: CallOptions"], tail, 2)[-4:] == [
        "  ): PagePromise<", f"    {_LONG}Item,", f"    {_LONG}Body", "  > {",
    ]  # fmt: skip


def test_a_sole_type_argument_is_never_broken() -> None:
    head = f"    return this._client.request<{_LONG}{_LONG}>("
    assert call(head, ["op", "params", "options"], ");", 4) == [
        head,
        "      op,",
        "      params,",
        "      options,",
        "    );",
    ]


def test_a_last_literal_argument_is_hugged() -> None:
    names = Arr(tuple(f"'option{i}'" for i in range(14)))
    lines = call("export const client = new SharedClient(", ["create", names], ");", 0)
    assert lines[0] == "export const client = new SharedClient(create, [" and lines[-1] == "]);"
