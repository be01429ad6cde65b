"""The Rust target's naming policy and rustfmt layout rules, one case each (the goldens, the hostile specs and the
corpus check them against rustfmt and rustc as a whole)."""

from __future__ import annotations

import pytest

from zsdk_generator.config import LanguageConfig, Retries
from zsdk_generator.targets.rust import license_expression
from zsdk_generator.targets.rust_layout import Array, Call, Chain, doc_lines, rust_string, signature, statement
from zsdk_generator.targets.rust_names import crate_name_problem, identifier, method_name, module_name, type_name


def test_keywords_are_raw_where_rust_allows_it_else_suffixed() -> None:
    assert identifier(["type"]) == "r#type"
    assert identifier(["gen"]) == "r#gen"  # reserved since the 2024 edition
    assert identifier(["self"]) == "self_" and identifier(["crate"]) == "crate_"
    assert identifier(["2fa"], "param") == "param_2fa"
    assert type_name(["self"], "Model", "Model") == "SelfModel"
    assert type_name(["result"], "Model", "Model") == "ResultModel"  # the prelude's names stay the prelude's
    assert module_name(["type"]) == "type_resource" and module_name(["models"]) == "models_resource"
    assert module_name(["files"], "files") == "files_resource"  # clippy's module_inception
    assert method_name(["new"]) == "new_" and method_name(["list"]) == "list"


@pytest.mark.parametrize(
    ("name", "ok"),
    [("petstore", True), ("pet-store", True), ("9lives", False), ("type", False), ("std", False), ("a" * 65, False)],
)
def test_crate_names_as_crates_io_takes_them(name: str, ok: bool) -> None:
    assert (crate_name_problem(name) is None) is ok


def test_string_literals_keep_the_value_and_escape_what_a_file_cannot_hold() -> None:
    assert rust_string('a"b\\') == '"a\\"b\\\\"'
    assert rust_string("\u2028\x00\ud800") == '"\\u{2028}\\0\\u{fffd}"'


def test_doc_lines_render_as_their_text() -> None:
    lines = doc_lines("# Title\n\n    code\n- item see https://example.com/x. [link] <b>")
    assert lines == ["\\# Title", "", "code", "\\- item see <https://example.com/x>. \\[link\\] &lt;b&gt;"]


def test_calls_chains_and_signatures_break_where_rustfmt_breaks_them() -> None:
    call = Call("Request::new", ("Method::GET", '"/pets/{petId}/photos/{photoId}/thumbnails/small"'))
    assert statement(call, 8, "let mut r = ") == (
        'let mut r = Request::new(\n            Method::GET,\n            "/pets/{petId}/photos/{photoId}/thumbnails/small",\n'
        "        );"
    )
    chain = Chain(
        Call("Pager::new", ('"cursor"', '&["data"]')), (Call("with", ('"a"', '"b"')), Call("with", ('"c"', '"d"')))
    )
    assert (
        statement(chain, 8, "let pager = ")
        == 'let pager = Pager::new("cursor", &["data"])\n            .with("a", "b")\n            .with("c", "d");'
    )
    assert statement(Call("r.security", (Array(tuple(Array(('"x"',)) for _ in range(12))),)), 8).startswith(
        "r.security(&[\n"
    )
    assert signature(4, "pub fn get", ["&self", "id: i64"], "Call<Pet>") == "pub fn get(&self, id: i64) -> Call<Pet> {"


@pytest.mark.parametrize(
    ("configured", "spec", "written"),
    [
        (None, "Apache-2.0", '"Apache-2.0"'),  # the spec's SPDX name
        (None, "MIT OR Apache-2.0", '"MIT OR Apache-2.0"'),
        (None, "Apache 2.0", ""),  # a name, not an SPDX expression: crates.io would refuse it
        (None, "", ""),
        ("MIT", "Apache-2.0", '"MIT"'),  # zsdk.yaml's wins
    ],
)
def test_the_license_is_zsdk_yamls_else_the_specs_spdx_one(configured: str | None, spec: str, written: str) -> None:
    options = {} if configured is None else {"license": configured}
    config = LanguageConfig(package_name="p", client_name="P", version="1.0.0", retries=Retries(), options=options)
    assert license_expression(config, spec) == written
