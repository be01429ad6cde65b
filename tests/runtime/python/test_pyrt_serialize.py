"""docs/serialization.md, row by row: paths, queries, headers, cookies, form and multipart bodies."""

from __future__ import annotations

import datetime
import enum
import urllib.parse
from typing import Any

import pytest
from pydantic import Field
from pyrt_support import json_response, sequence
from sdkrt._models import BaseModel
from sdkrt._request import RequestOptions
from sdkrt._serialize import FORM, Encoding, form_pairs, header_value, path_segment, plain, scalar_text
from sdkrt._types import NOT_GIVEN
from sdkrt._url import format_path

SCALAR = "blue"
ARRAY = ["blue", "black", "brown"]
OBJECT = {"R": 100, "G": 200, "B": 150}
OK = json_response(200, {"ok": True})


class Rgb(BaseModel):
    r: int | None = Field(default=None, alias="R")
    g: int | None = Field(default=None, alias="G")
    b: int | None = Field(default=None, alias="B")


class Shade(enum.Enum):
    DARK = "dark"


PATH_ROWS = [
    ("simple", False, "blue", "blue,black,brown", "R,100,G,200,B,150"),
    ("simple", True, "blue", "blue,black,brown", "R=100,G=200,B=150"),
    ("label", False, ".blue", ".blue,black,brown", ".R,100,G,200,B,150"),
    ("label", True, ".blue", ".blue.black.brown", ".R=100.G=200.B=150"),
    ("matrix", False, ";color=blue", ";color=blue,black,brown", ";color=R,100,G,200,B,150"),
    ("matrix", True, ";color=blue", ";color=blue;color=black;color=brown", ";R=100;G=200;B=150"),
]


@pytest.mark.parametrize(("style", "explode", "scalar", "array", "obj"), PATH_ROWS)
def test_path_table(style: str, explode: bool, scalar: str, array: str, obj: str) -> None:
    encoding = Encoding(style, explode=explode)
    assert path_segment("color", SCALAR, encoding) == scalar
    assert path_segment("color", ARRAY, encoding) == array
    assert path_segment("color", OBJECT, encoding) == obj
    assert path_segment("color", Rgb(R=100, G=200, B=150), encoding) == obj


def test_path_escapes_a_values_own_delimiters() -> None:
    assert format_path("/x/{p}/{a}", {"p": "a b/c,d;é", "a": ["x,y", "z"]}) == "/x/a%20b%2Fc%2Cd%3B%C3%A9/x%2Cy,z"
    for empty in ("", [], {}):
        with pytest.raises(ValueError, match="non-empty"):
            format_path("/x/{p}", {"p": empty})
    with pytest.raises(ValueError, match="Missing"):
        format_path("/x/{p}", {"p": NOT_GIVEN})


QUERY_ROWS = [
    ("form", True, "color=blue", "color=blue&color=black&color=brown", "R=100&G=200&B=150"),
    ("form", False, "color=blue", "color=blue,black,brown", "color=R,100,G,200,B,150"),
    ("spaceDelimited", False, "color=blue", "color=blue%20black%20brown", "color=R%20100%20G%20200%20B%20150"),
    ("pipeDelimited", False, "color=blue", "color=blue%7Cblack%7Cbrown", "color=R%7C100%7CG%7C200%7CB%7C150"),
    ("spaceDelimited", True, "color=blue", "color=blue&color=black&color=brown", "R=100&G=200&B=150"),
    ("pipeDelimited", True, "color=blue", "color=blue&color=black&color=brown", "R=100&G=200&B=150"),
    ("deepObject", True, "color=blue", "color%5B0%5D=blue&color%5B1%5D=black&color%5B2%5D=brown",
     "color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150"),
]  # fmt: skip


def query(name: str, value: object, encoding: Encoding = FORM) -> str:
    return "&".join(f"{k}={v}" for k, v in form_pairs(name, value, encoding))


@pytest.mark.parametrize(("style", "explode", "scalar", "array", "obj"), QUERY_ROWS)
def test_query_table(style: str, explode: bool, scalar: str, array: str, obj: str) -> None:
    encoding = Encoding(style, explode=explode)
    assert query("color", SCALAR, encoding) == scalar
    assert query("color", ARRAY, encoding) == array
    assert query("color", OBJECT, encoding) == obj


NESTING_ROWS = [
    ("indexed", "expand%5B0%5D=a&expand%5B1%5D=b", "items%5B0%5D%5Bprice%5D=p1&items%5B0%5D%5Bquantity%5D=2"),
    ("brackets", "expand%5B%5D=a&expand%5B%5D=b", "items%5B%5D%5Bprice%5D=p1&items%5B%5D%5Bquantity%5D=2"),
    ("repeat", "expand=a&expand=b", "items%5Bprice%5D=p1&items%5Bquantity%5D=2"),
]


@pytest.mark.parametrize(("nesting", "expand", "items"), NESTING_ROWS)
def test_deep_object_arrays(nesting: str, expand: str, items: str) -> None:
    encoding = Encoding("deepObject", explode=True, nesting=nesting)
    assert query("expand", ["a", "b"], encoding) == expand
    assert query("items", [{"price": "p1", "quantity": 2}], encoding) == items
    assert query("color", {"a": {"b": 1}}, encoding) == "color%5Ba%5D%5Bb%5D=1"


def test_query_values() -> None:
    assert query("p", "") == "p="
    assert query("a", []) == "" and query("o", {}) == "" and query("n", None) == ""
    assert query("n", 9007199254740993) == "n=9007199254740993"
    assert query("x", [1.5, 2.0, True, False, Shade.DARK, datetime.date(2024, 1, 2)]) == (
        "x=1.5&x=2&x=true&x=false&x=dark&x=2024-01-02"
    )
    assert query("a", ["x", None, "y"]) == "a=x&a=y"
    assert query("o", Rgb(R=1, B=None)) == "R=1"
    assert query("nested", [[1, 2], {"k": "v"}]) == "nested=%5B1%2C2%5D&nested=%7B%22k%22%3A%22v%22%7D"


def test_percent_encoding_and_allow_reserved() -> None:
    text = "a b&c=d/é,f"
    assert query("text", text) == "text=a%20b%26c%3Dd%2F%C3%A9%2Cf"
    assert query("reserved", text, Encoding(allow_reserved=True)) == "reserved=a%20b&c=d/%C3%A9,f"
    assert query("k y", "~._-") == "k%20y=~._-"


def test_content_parameter_is_compact_json() -> None:
    encoding = Encoding(content_type="application/json")
    assert query("json", {"R": 1, "G": 2}, encoding) == "json=%7B%22R%22%3A1%2C%22G%22%3A2%7D"
    assert header_value(Rgb(R=1), Encoding("simple", content_type="application/json")) == '{"R":1}'


@pytest.mark.parametrize(
    ("explode", "scalar", "array", "obj"),
    [(False, "blue", "blue,black,brown", "R,100,G,200,B,150"), (True, "blue", "blue,black,brown", "R=100,G=200,B=150")],
)
def test_header_table(explode: bool, scalar: str, array: str, obj: str) -> None:
    encoding = Encoding("simple", explode=explode)
    assert header_value(SCALAR, encoding) == scalar
    assert header_value(ARRAY, encoding) == array
    assert header_value(OBJECT, encoding) == obj
    assert header_value("blue sky", encoding) == "blue sky"
    assert header_value(NOT_GIVEN, encoding) is None


def test_plain_and_scalar_text() -> None:
    assert plain(Rgb(R=1, G=None)) == {"R": 1}
    assert plain({"a": NOT_GIVEN, "b": [None, 1]}) == {"b": [1]}
    assert scalar_text(1e20) == "1e+20"


def cookie_header(harness: Any, cookies: dict[str, object], encodings: dict[str, Encoding]) -> str:
    h = harness(sequence(OK))
    options = RequestOptions(method="GET", path="/c", cookies=cookies, encodings={"cookie": encodings})
    h.call("request", options, dict)
    return str(h.requests[0].headers["Cookie"])


def test_cookies(harness: Any) -> None:
    exploded = cookie_header(harness, {"c": SCALAR, "a": ["blue", "black"], "o": OBJECT}, {})
    assert exploded == "c=blue; a=blue; a=black; R=100; G=200; B=150"
    flat = Encoding(explode=False)
    assert cookie_header(harness, {"a": ["blue", "black"], "o": OBJECT}, {"a": flat, "o": flat}) == (
        "a=blue,black; o=R,100,G,200,B,150"
    )


def test_query_order_path_query_and_extra(harness: Any) -> None:
    h = harness(sequence(OK, OK))
    encodings = {"query": {"a": Encoding("pipeDelimited", explode=False)}}
    options = RequestOptions(
        method="GET",
        path="/flagged?mode=beta",
        query={"p": "blue", "a": ["x", "y"], "text": "t", "skip": NOT_GIVEN},
        extra_query={"p": "a b", "extra": ["1", "2"]},
        encodings=encodings,
    )
    h.call("request", options, dict)
    h.call("request", RequestOptions(method="GET", path="/flagged?mode=beta"), dict)
    first, second = h.requests
    assert first.url.raw_path == b"/v1/flagged?mode=beta&p=a%20b&a=x%7Cy&text=t&extra=1&extra=2"
    assert second.url.raw_path == b"/v1/flagged?mode=beta"


def test_path_styles_in_a_request(harness: Any) -> None:
    h = harness(sequence(OK))
    encodings = {"path": {"a": Encoding("label", explode=True), "o": Encoding("matrix", explode=True)}}
    options = RequestOptions(
        method="GET", path="/m/{a}/{o}", path_params={"a": ARRAY, "o": OBJECT}, encodings=encodings
    )
    h.call("request", options, dict)
    assert h.requests[0].url.raw_path == b"/v1/m/.blue.black.brown/;R=100;G=200;B=150"


class WireForm(BaseModel):
    p: str | None = None
    a: list[str] | None = None
    o: Rgb | None = None
    items: list[dict[str, object]] | None = None
    expand: list[str] | None = None
    tags: list[str] | None = None
    note: str | None = None


def test_form_body(harness: Any) -> None:
    h = harness(sequence(OK))
    body = WireForm(
        p="a b", a=["x", "y"], o=Rgb(R=1, G=2, B=3), items=[{"price": "p1"}], expand=["c"], tags=["t1", "t2"],
        note="a/b?c",
    )  # fmt: skip
    encodings = {
        "expand": Encoding("deepObject", explode=True),
        "tags": Encoding("pipeDelimited", explode=False),
        "note": Encoding(allow_reserved=True),
    }
    options = RequestOptions(
        method="POST", path="/f", form=body, extra_body={"p": "z", "x": 1}, encodings={"body": encodings}
    )
    h.call("request", options, dict)
    request = h.requests[0]
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert request.content.decode() == (
        "p=z&a=x&a=y&o%5BR%5D=1&o%5BG%5D=2&o%5BB%5D=3&items%5B0%5D%5Bprice%5D=p1&expand%5B0%5D=c&tags=t1%7Ct2"
        "&note=a/b?c&x=1"
    )
    assert urllib.parse.parse_qs(request.content.decode())["p"] == ["z"]


def test_optional_form_body_left_out(harness: Any) -> None:
    h = harness(sequence(OK))
    h.call("request", RequestOptions(method="POST", path="/f", form=NOT_GIVEN), dict)
    assert "Content-Type" not in h.requests[0].headers
    assert h.requests[0].content == b""


def test_multipart_parts_in_schema_order(harness: Any) -> None:
    h = harness(sequence(OK))
    options = RequestOptions(
        method="POST",
        path="/m",
        multipart={
            "file": ("a.txt", b"hello", "text/plain"),
            "meta": Rgb(R=1, G=2, B=3),
            "tags": ["t1", "t2"],
            "link": {"range": {"gt": 1}, "ids": ["x"]},
            "table": "a,b",
            "n": 3,
            "gone": NOT_GIVEN,
            "empty": Rgb(),
        },
        file_parts=("file",),
        encodings={"body": {"link": Encoding("deepObject", explode=True), "table": Encoding(content_type="text/csv")}},
    )
    h.call("request", options, dict)
    request = h.requests[0]
    boundary = request.headers["Content-Type"].split("boundary=")[1]
    parts = request.content.decode().split(f"--{boundary}")[1:-1]
    assert [part.strip("\r\n") for part in parts] == [
        'Content-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello',
        'Content-Disposition: form-data; name="meta"\r\nContent-Type: application/json\r\n\r\n{"R":1,"G":2,"B":3}',
        'Content-Disposition: form-data; name="tags"\r\n\r\nt1',
        'Content-Disposition: form-data; name="tags"\r\n\r\nt2',
        'Content-Disposition: form-data; name="link[range][gt]"\r\n\r\n1',
        'Content-Disposition: form-data; name="link[ids][0]"\r\n\r\nx',
        'Content-Disposition: form-data; name="table"\r\nContent-Type: text/csv\r\n\r\na,b',
        'Content-Disposition: form-data; name="n"\r\n\r\n3',
    ]
