"""The PHP target's naming policy, type map, settings and PSR-12 layout rules, one case each (the goldens, the
hostile specs and tests/toolchain/test_php_sdk.py check them against php -l, phpcs and PHP itself as a whole)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli
from zsdk_generator.config import LanguageConfig, Retries
from zsdk_generator.diagnostics import SpecError
from zsdk_generator.ir.model import Model, TypeRef
from zsdk_generator.targets.php import composer_package, php_namespace, runtime_text
from zsdk_generator.targets.php_layout import (
    Expr,
    Own,
    array,
    class_header,
    doc,
    escape_doc,
    lay,
    literal_pieces,
    new_request,
    php_float,
    php_string,
    signature,
    typed,
)
from zsdk_generator.targets.php_names import case_name, identifier, namespace_problem, type_name
from zsdk_generator.targets.php_types import PhpTypes


def _config(**options: object) -> LanguageConfig:
    return LanguageConfig("zatabase", "Zatabase", "1.0.0", Retries(), dict(options))


def test_reserved_words_and_taken_names_get_a_suffix() -> None:
    assert type_name(["list"], "Model") == "ListModel" and type_name(["class"], "Model") == "ClassModel"
    assert type_name(["function"], "Model") == "FunctionModel" and type_name(["string"], "Model") == "StringModel"
    assert type_name(["call"], "Model") == "CallModel" and type_name(["page"], "Model") == "PageModel"
    assert type_name(["field"], "Model") == "FieldModel" and type_name(["omit"], "Model") == "OmitModel"
    assert type_name(["3d", "shape"], "Model") == "Model3dShape"
    assert type_name(["job", "status"], "Model") == "JobStatus"
    # a keyword is a fine method or property name in PHP; `$this` is not, nor what every model declares
    assert identifier(["list"]) == "list" and identifier(["class"]) == "class"
    assert identifier(["this"]) == "this_"
    assert identifier(["additional", "properties"], reserved=frozenset({"additionalProperties"})) == (
        "additionalProperties_"
    )
    assert identifier(["2fa"], "param") == "param2fa"
    # an enum case may be any name but `class`, in any case
    assert case_name(["class"]) == "Class_" and case_name(["pending"]) == "Pending"
    assert case_name(["2fa"]) == "Value2fa" and case_name([]) == "Empty"


@pytest.mark.parametrize(
    ("name", "ok"),
    [("Zatabase", True), ("Acme\\Db", True), ("acme_db", True), ("Acme\\List", False), ("2fa", False),
     ("Acme\\", False), ("Php\\X", False), ("Acme Db", False)],
)  # fmt: skip
def test_namespaces_as_php_takes_them(name: str, ok: bool) -> None:
    assert (namespace_problem(name) is None) == ok


def test_namespace_and_package_default_from_the_client_name() -> None:
    assert php_namespace("Zatabase", _config()) == "Zatabase"
    assert php_namespace("ZatabaseClient", _config()) == "Zatabase"
    assert php_namespace("VibeCaaS", _config()) == "VibeCaaS"
    assert php_namespace("List", _config()) == "ListSdk"
    assert php_namespace("Core", _config()) == "CoreSdk"
    assert composer_package(_config(), "VibeCaaS") == "vibecaas/vibecaas-php"
    config = _config(namespace="Acme\\Db", package="acme/db")
    assert php_namespace("Zatabase", config) == "Acme\\Db"
    assert composer_package(config, "Acme\\Db") == "acme/db"


def test_a_bad_namespace_or_package_is_a_located_error() -> None:
    with pytest.raises(SpecError) as found:
        php_namespace("Zatabase", _config(namespace="Acme\\Class"))
    assert found.value.diagnostic.pointer == "/php/namespace"
    with pytest.raises(SpecError) as found:
        composer_package(_config(package="Acme/DB"), "Acme")
    assert found.value.diagnostic.pointer == "/php/package"


def test_zsdk_yaml_php_settings_are_checked_by_key(tmp_path: Path) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text("openapi: 3.1.0\ninfo: {title: Acme, version: '1'}\npaths: {}\n", encoding="utf-8")
    for block, key in (("{namespace: 'Acme\\Class'}", "namespace"), ("{package: 'no'}", "package"),
                       ("{nope: x}", "nope")):  # fmt: skip
        config = tmp_path / "zsdk.yaml"
        config.write_text(f"php: {block}\n", encoding="utf-8")
        result = run_cli("generate", "--lang", "php", "--spec", str(spec), "--config", str(config),
                         "--out", str(tmp_path / "sdk"))  # fmt: skip
        assert result.returncode != 0 and key in result.stderr, result.stderr
        assert "Traceback" not in result.stderr


def test_the_runtime_namespace_is_rewritten(tmp_path: Path) -> None:
    source = tmp_path / "A.php"
    source.write_text("<?php\n\nnamespace Zsdk\\Runtime\\Tests;\n\nuse Zsdk\\Runtime\\Call;\nuse Zsdk\\Runtime\\X;\n")
    assert runtime_text(source, "Acme\\Db") == (
        "<?php\n\nnamespace Acme\\Db\\Tests\\Core;\n\nuse Acme\\Db\\Core\\Call;\nuse Acme\\Db\\Core\\X;\n"
    )


def test_types_are_native_doc_and_descriptor() -> None:
    models = (
        Model("Job", "object", "#/a"),
        Model("Status", "enum", "#/b", enum_type="string", values=("a", "b")),
        Model("Level", "enum", "#/c", enum_type="number", values=(1.5,)),
        Model("Alias", "alias", "#/d", target=TypeRef("array", item=TypeRef("model", model="Job"))),
        Model("Pet", "union", "#/e", variants=(TypeRef("model", model="Job"), TypeRef("string"))),
    )
    types = PhpTypes(models, {"Job": "Job", "Status": "Status", "Pet": "Pet"}, {"Job": "Pet"})
    job = types.of(TypeRef("model", model="Job"))
    assert (job.native, job.doc, job.desc) == ("Job", "Job", "Job::class")
    jobs = types.of(TypeRef("model", model="Alias"))
    assert (jobs.native, jobs.doc, jobs.desc) == ("array", "list<Job>", "new ListOf(Job::class)")
    assert ("core", "ListOf") in jobs.desc_imports and ("core", "ListOf") not in jobs.imports
    status = types.of(TypeRef("model", model="Status"))
    assert (status.native, status.desc) == ("Status|string", "Status::class")
    assert status.nullable().native == "Status|string|null"
    assert types.of(TypeRef("model", model="Level")).native == "float"
    assert types.of(TypeRef("model", model="Pet")).native == "Pet|string"
    stamp = types.of(TypeRef("string", format="date-time"))
    assert (stamp.native, stamp.desc) == ("\\DateTimeImmutable", "'date-time'")
    counts = types.of(TypeRef("map", item=TypeRef("integer", format="int64")))
    assert (counts.doc, counts.desc) == ("array<string, int>", "new MapOf('int')")
    assert types.of(TypeRef("any")).nullable().native == "mixed"
    assert types.of(TypeRef("string")).nullable().native == "?string"


def test_string_literals_keep_the_value_and_escape_what_a_file_cannot_hold() -> None:
    assert php_string("it's a \\ back") == "'it\\'s a \\\\ back'"
    assert php_string("$x {$y}") == "'$x {$y}'"  # single quotes: nothing is interpolated
    assert php_string('a\nb$c"\u2028') == '"a\\u{000A}b\\$c\\"\\u{2028}"'
    assert php_float(30) == "30.0" and php_float(0.05) == "0.05"


def test_spec_prose_never_closes_a_doc_block_nor_starts_a_tag() -> None:
    assert escape_doc("a */ b @param\u202e") == "a *&#47; b &#64;param"
    assert doc(4, ["Hi */ there"]) == ["    /** Hi *&#47; there */"]
    lines = doc(0, ["word " * 40], [("@param int $x", Own("the x"))])
    assert lines[0] == "/**" and lines[-1] == " */" and all(len(line) <= 120 for line in lines)
    assert " *" in lines and " * @param int $x the x" in lines
    assert all(len(line) <= 120 for line in doc(4, ["x" * 300]))  # a word longer than a line is cut


def test_calls_and_signatures_break_one_item_a_line_past_120_columns() -> None:
    short = Expr("Pager::of", ["'cursor'", array(["'data'"])])
    assert lay(8, "$pager = ", short) == ["        $pager = Pager::of('cursor', ['data']);"]
    long = Expr("new ApiRequest", ["'" + "a" * 60 + "'", "'" + "b" * 60 + "'"])
    assert lay(8, "$r = ", long) == ["        $r = new ApiRequest(", "            '" + "a" * 60 + "',",
                                     "            '" + "b" * 60 + "'", "        );"]  # fmt: skip
    assert signature(4, "public function get", ["string $id"], "Job") == [
        "    public function get(string $id): Job", "    {"]  # fmt: skip
    params = [f"?string $parameter{i} = null" for i in range(6)]
    lines = signature(4, "public function list", params, "Page")
    assert lines[0] == "    public function list(" and lines[-1] == "    ): Page {"
    assert lines[1:-1] == [f"        {p}," for p in params[:-1]] + [f"        {params[-1]}"]


def test_long_types_and_class_headers_break_where_psr12_lets_them() -> None:
    long = "A" * 70
    assert typed(8, f"public readonly {long}|string|null $value = null,") == [
        f"        public readonly {long}", "        |string", "        |null $value = null,"]  # fmt: skip
    assert typed(8, f"public readonly ?{long}{long} $v = null,") == [
        f"        public readonly {long}{long}", "        |null $v = null,"]  # fmt: skip
    assert typed(8, "?int $limit = null,") == ["        ?int $limit = null,"]
    assert class_header("final class X extends Model", "implements", []) == ["final class X extends Model"]
    assert class_header(f"final class {long}Unknown", "implements", [long, "\\JsonSerializable"]) == [
        f"final class {long}Unknown implements", f"    {long},", "    \\JsonSerializable"]  # fmt: skip
    # a union type in a doc tag breaks before a `|`, not inside a name
    lines = doc(4, [], [(f"@param {long}|{long}|null $x", Own("the x"))])
    assert lines[1] == f"     * @param {long}" and lines[2].startswith(f"     *     |{long}|null")


def test_a_class_name_too_long_for_a_line_is_cut_and_hashed() -> None:
    name = type_name(["very"] * 30, "Model")
    assert len(name) == 80 and name.startswith("VeryVery") and name == type_name(["very"] * 30, "Model")


def test_the_runtime_is_copied_as_written_but_for_its_namespace() -> None:
    from tests.golden.golden import generate
    from zsdk_generator.targets.base import with_header
    from zsdk_generator.targets.php import TEMPLATES

    files = generate("petstore", "php")
    for kind, dest in (("src", "src/Core"), ("tests", "tests/Core")):
        for source in sorted((TEMPLATES / "runtime" / kind).rglob("*.php")):
            path = f"{dest}/{source.relative_to(TEMPLATES / 'runtime' / kind).as_posix()}"
            assert files[path] == with_header(path, runtime_text(source, "Petstore")), path


def test_a_path_too_long_for_a_line_is_cut_into_joined_literals() -> None:
    assert new_request(8, "GET", "/a/{id}") == ["        $r = new ApiRequest('GET', '/a/{id}');"]
    path = "/subscriptions/{subscriptionId}" * 6
    lines = new_request(8, "GET", path)
    assert lines[:2] == ["        $r = new ApiRequest(", "            'GET',"] and lines[-1] == "        );"
    assert all(len(line) <= 120 for line in lines) and lines[3].startswith("                . '/subscriptions")
    pieces = literal_pieces("/x\n" + "y" * 300, 40)
    assert all(len(p) <= 40 for p in pieces) and pieces[0].startswith('"/x\\u{000A}')
