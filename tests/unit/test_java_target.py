"""The Java target's naming policy and google-java-format layout rules, one case each (the goldens, the hostile
specs and the real specs check them against gjf and javac as a whole)."""

from __future__ import annotations

from pathlib import Path

import pytest

from zsdk_generator.config import LanguageConfig, Retries
from zsdk_generator.diagnostics import SpecError
from zsdk_generator.targets.java import TARGET, java_package, maven_coordinates, runtime_text
from zsdk_generator.targets.java_layout import (
    Expr,
    Own,
    call,
    declaration,
    escape_doc,
    field,
    java_string,
    javadoc,
    record_header,
    type_header,
)
from zsdk_generator.targets.java_names import constant_name, file_safe, identifier, package_problem, type_name


def _config(**options: object) -> LanguageConfig:
    return LanguageConfig("zatabase", "Zatabase", "1.0.0", Retries(), dict(options))


def test_keywords_and_taken_names_get_a_suffix() -> None:
    assert identifier(["class"]) == "class_" and identifier(["default"]) == "default_"
    assert identifier(["record"]) == "record_" and identifier(["var"]) == "var_"
    assert identifier(["2fa"], "param") == "param2fa"
    assert identifier(["to", "string"], reserved=frozenset({"toString"})) == "toString_"
    assert identifier(["api", "key"]) == "apiKey"
    assert type_name(["string"], "Model") == "StringModel" and type_name(["call"], "Model") == "CallModel"
    assert type_name(["builder"], "Model") == "BuilderModel"  # a model's nested Builder would shadow it
    assert type_name(["3d", "shape"], "Model") == "Model3dShape"
    assert constant_name(["in", "progress"]) == "IN_PROGRESS" and constant_name(["2x"]) == "VALUE_2X"
    assert constant_name([]) == "EMPTY"


@pytest.mark.parametrize(
    ("name", "ok"),
    [("com.acme.zatabase", True), ("zatabase", True), ("com.Acme", False), ("com.class.x", False),
     ("java.acme", False), ("com..x", False), ("9lives", False)],
)  # fmt: skip
def test_package_names_as_java_takes_them(name: str, ok: bool) -> None:
    assert (package_problem(name) is None) is ok


def test_package_and_coordinates_default_from_the_package_name() -> None:
    assert java_package(TARGET, _config()) == "com.zatabase"
    assert maven_coordinates(_config(), "com.zatabase") == ("com.zatabase", "zatabase-java")
    config = _config(package="com.acme.db", group_id="com.acme", artifact_id="acme-db")
    assert java_package(TARGET, config) == "com.acme.db"
    assert maven_coordinates(config, "com.acme.db") == ("com.acme", "acme-db")


def test_a_bad_package_or_coordinate_is_a_located_error() -> None:
    with pytest.raises(SpecError) as found:
        java_package(TARGET, _config(package="com.Class"))
    assert found.value.diagnostic.pointer == "/java/package"
    with pytest.raises(SpecError) as found:
        maven_coordinates(_config(group_id="com acme"), "com.acme")
    assert found.value.diagnostic.pointer == "/java/group_id"


def test_the_runtime_package_is_rewritten_in_package_and_import_lines_only(tmp_path: object) -> None:
    from pathlib import Path

    source = Path(str(tmp_path)) / "A.java"
    source.write_text('package dev.zsdk.runtime;\n\nimport dev.zsdk.runtime.x.Y;\n\nString s = "dev.zsdk.runtime";\n')
    assert runtime_text(source, "com.acme") == (
        'package com.acme.core;\n\nimport com.acme.core.x.Y;\n\nString s = "dev.zsdk.runtime";\n'
    )


def test_a_runtime_files_imports_are_ordered_again_for_its_new_package(tmp_path: Path) -> None:
    source = tmp_path / "A.java"
    source.write_text(
        "package dev.zsdk.runtime;\n\nimport static org.x.A.a;\n\nimport com.fasterxml.jackson.X;\n"
        "import dev.zsdk.runtime.T.R;\nimport java.util.List;\nimport java.util.List.Of;\n\nclass A {}\n"
    )
    assert runtime_text(source, "com.acme") == (
        "package com.acme.core;\n\nimport static org.x.A.a;\n\nimport com.acme.core.T.R;\n"
        "import com.fasterxml.jackson.X;\nimport java.util.List;\nimport java.util.List.Of;\n\nclass A {}\n"
    )


def test_string_literals_keep_the_value_and_escape_what_a_file_cannot_hold() -> None:
    assert java_string('a"b\\') == '"a\\"b\\\\"'
    # a \u000a escape would end the line before javac reads the literal: control characters are octal
    assert java_string("\n\x00\u2028") == '"\\n\\000\\u2028"'


def test_spec_prose_renders_as_itself_in_a_doc_comment() -> None:
    assert (
        escape_doc("<b>a & b</b> @param x */ \\u000a") == "&lt;b&gt;a &amp; b&lt;/b&gt; &#64;param x *&#47; &#92;u000a"
    )


def test_doc_comments_fill_to_the_column_limit_as_gjf_does() -> None:
    assert javadoc(2, ["Short."]) == ["  /** Short. */"]
    lines = javadoc(2, ["word " * 30, "Second."], [("@param x", "the " + "x " * 50), ("@return", Own("it"))])
    assert lines[0] == "  /**" and lines[-1] == "   */"
    assert all(len(line) <= 100 for line in lines)
    assert "   * <p>Second." in lines and "   *" in lines
    assert any(line.startswith("   *     x") for line in lines)  # a tag continues 4 columns in


def test_calls_break_after_the_parenthesis_then_one_argument_per_line() -> None:
    assert call(4, "", "r.query", ['"limit"', "params.limit().orElse(null)", "null"]) == [
        '    r.query("limit", params.limit().orElse(null), null);'
    ]
    long = ['"' + "a" * 28 + '"', "params." + "b" * 28 + "().orElse(null)", "null"]
    assert call(4, "", "r.query", long) == ["    r.query(", "        " + ", ".join(long) + ");"]
    longer = long + ["Encoding.of(" + '"form"' * 3 + ")"]
    assert call(4, "", "r.query", longer)[1:] == [f"        {a}," for a in longer[:-1]] + [f"        {longer[-1]});"]
    nested = Expr("List.of", ['"' + "s" * 30 + '"'] * 3)
    assert call(2, "", "f", ["a", nested]) == [
        "  f(", "      a,", "      List.of(", *[f'          "{"s" * 30}",'] * 2, f'          "{"s" * 30}"));']  # fmt: skip
    assert call(4, "ApiRequest r = ", "new ApiRequest", ['"GET"', '"/' + "x" * 70 + '"'])[0] == "    ApiRequest r ="


def test_declarations_fields_and_headers_break_as_gjf_does() -> None:
    assert declaration(2, "public Pet get", ["long petId"]) == ["  public Pet get(long petId) {"]
    name = "public Optional<" + "X" * 80 + "> value"
    assert declaration(2, name, []) == ["  public Optional<" + "X" * 80 + ">", "      value() {"]
    assert field(2, "private final " + "Y" * 80, "name") == ["  private final " + "Y" * 80, "      name;"]
    assert field(2, "private final " + "Y" * 90, "name") == ["  private final", "  " + "Y" * 90 + " name;"]
    assert type_header("public sealed interface " + "U" * 60, "permits", ["A" * 20, "B" * 20]) == [
        "public sealed interface " + "U" * 60, "    permits " + "A" * 20 + ", " + "B" * 20 + " {"]  # fmt: skip
    assert record_header("StringValue", "String value", "Pet", " {") == [
        "  record StringValue(@JsonValue String value) implements Pet {"
    ]


def test_a_type_name_too_long_for_a_file_name_is_cut_and_hashed() -> None:
    assert file_safe("Pet") == "Pet"
    long = "Get" + "OrderIdOrderId" * 20
    short = file_safe(long)
    assert len(short) == 200 and short.startswith(long[:192]) and short != file_safe(long + "X")
    assert type_name(["order"] * 60, "Model") == file_safe("Order" * 60)
