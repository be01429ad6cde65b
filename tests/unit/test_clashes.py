"""The one clash rule every target settles its own name clashes by (zsdk_generator/targets/clashes.py)."""

from __future__ import annotations

from zsdk_generator.targets.clashes import numbered, settle


def test_a_clashing_name_is_numbered_past_every_name_wanted() -> None:
    """Stripe's `Etc/GMT+1` and `Etc/GMT-1` both want EtcGmt1: the second's number skips EtcGmt13, which
    `Etc/GMT-13` wants, so no name depends on which of them came first."""
    wanted = [("+1", "EtcGmt1"), ("-1", "EtcGmt1"), ("-12", "EtcGmt12"), ("-13", "EtcGmt13")]
    assert settle(wanted, set()) == {"+1": "EtcGmt1", "-12": "EtcGmt12", "-13": "EtcGmt13", "-1": "EtcGmt14"}
    assert settle([("model/Client", "Client")], {"Client"}) == {"model/Client": "Client2"}


def test_every_clashing_key_gets_its_own_number_and_the_names_join_the_namespace() -> None:
    taken = {"Foo"}
    assert settle([("a", "Foo"), ("b", "Foo"), ("c", "Bar")], taken, "_") == {"c": "Bar", "a": "Foo_2", "b": "Foo_3"}
    assert taken == {"Foo", "Foo_2", "Foo_3", "Bar"}
    assert settle([("d", "Bar")], taken) == {"d": "Bar2"}  # the next kind of the same namespace sees them


def test_an_unrelated_name_changes_nothing() -> None:
    alone = settle([("a", "Foo"), ("b", "Foo")], set())
    assert {k: v for k, v in settle([("z", "Zed"), ("a", "Foo"), ("b", "Foo")], set()).items() if k != "z"} == alone


def test_numbered_names_are_for_one_declaration() -> None:
    taken: set[str] = {"type"}
    assert [numbered(n, taken, "_") for n in ("type", "type", "id")] == ["type_2", "type_3", "id"]
