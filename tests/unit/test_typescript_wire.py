"""The TypeScript target's `encodings` of a call: only what differs from the runtime's defaults, by location."""

from __future__ import annotations

from zsdk_generator.ir.model import Encoding, TypeRef
from zsdk_generator.plan.model import BodyPlan, CallPlan, Name, ParamPlan
from zsdk_generator.targets.typescript_wire import encodings

TEXT = TypeRef("string")


def _param(wire: str, location: str, encoding: Encoding | None) -> ParamPlan:
    return ParamPlan(Name((wire.lower(),), wire), wire, location, TEXT, False, encoding)  # type: ignore[arg-type]


def _call(*params: ParamPlan, body: BodyPlan | None = None) -> CallPlan:
    by = {loc: tuple(p for p in params if p.location == loc) for loc in ("path", "query", "header", "cookie")}
    return CallPlan("op", Name(("op",), "op"), "GET", "/x", by["path"], by["query"], by["header"], by["cookie"], body,
                    None, "empty", "", None, None, (), False, None)  # fmt: skip


def test_defaults_give_nothing() -> None:
    assert encodings(_call(_param("p", "path", None), _param("q", "query", None))) is None
    assert encodings(_call(body=BodyPlan("form", "application/x-www-form-urlencoded", TEXT, False))) is None


def test_only_the_fields_that_differ() -> None:
    call = _call(
        _param("id", "path", Encoding("label", True)),
        _param("a", "query", Encoding("form", False)),
        _param("r", "query", Encoding("form", True, allow_reserved=True)),
        _param("d", "query", Encoding("deepObject", True, nesting="brackets")),
        _param("j", "query", Encoding("form", True, content_type="application/json")),
        _param("X-O", "header", Encoding("simple", True)),
        _param("c", "cookie", Encoding("form", False)),
        body=BodyPlan("multipart", "multipart/form-data", TEXT, True, (), (("t", Encoding("form", True, content_type="text/csv")),)),
    )  # fmt: skip
    obj = encodings(call)
    assert obj is not None
    assert obj.one_line() == (
        "{ path: { id: { style: 'label', explode: true } }, query: { a: { explode: false }, r: { allowReserved: true },"
        " d: { style: 'deepObject', nesting: 'brackets' }, j: { contentType: 'application/json' } },"
        " headers: { 'X-O': { explode: true } }, cookies: { c: { explode: false } }, body: { t: { contentType: 'text/csv' } } }"
    )


def test_a_declared_form_entry_equal_to_the_defaults_is_still_written() -> None:
    # a form field declared form/exploded that the runtime would infer as deepObject (an object): `{}` says "as declared"
    body = BodyPlan("form", "application/x-www-form-urlencoded", TEXT, False, (), (("o", Encoding("form", True)),))
    obj = encodings(_call(body=body))
    assert obj is not None and obj.one_line() == "{ body: { o: {} } }"
