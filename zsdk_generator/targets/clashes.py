"""The one rule every target settles clashes between spelled names by, so that a name depends only on the names
that want the same spelling — never on the order unrelated things were visited in.

The plan's names are unique per scope in every casing already (plan/names.py); clashes left to a target are its
own: a language-specific suffix meeting another name, or kinds of names that share one namespace in that language
(Go's package scope, TypeScript's exported types).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from ..plan.model import ClientPlan

K = TypeVar("K")


def numbered(name: str, taken: set[str], separator: str = "") -> str:
    """`name`, else `name2`, `name3`… (`name_2` with separator `_`): the first not in `taken`, which it joins.
    For names local to one declaration, claimed in spec order."""
    found, n = name, 1
    while found in taken:
        n += 1
        found = f"{name}{separator}{n}"
    taken.add(found)
    return found


def settle(wanted: Iterable[tuple[K, str]], taken: set[str], separator: str = "") -> dict[K, str]:
    """key → name for names of one kind that share a namespace. Each key wants a name made from its own plan or
    IR name and gets it, unless `taken` holds it or a key before it (in the order given: the spec's) wants it
    too; then it gets the next number free of every name taken or wanted. The names given join `taken`, so the
    kinds of one namespace are settled one after another."""
    pairs = list(wanted)
    used = taken
    wants = {name for _, name in pairs}
    out: dict[K, str] = {}
    for key, name in pairs:
        if name not in used:
            out[key] = name
            used.add(name)
    for key, name in pairs:
        if key not in out:
            n = 2
            while f"{name}{separator}{n}" in used or f"{name}{separator}{n}" in wants:
                n += 1
            out[key] = f"{name}{separator}{n}"
            used.add(out[key])
    return out


def client_options(
    client: ClientPlan, spell: Callable[[tuple[str, ...], str], str], taken: Iterable[str]
) -> dict[str, str]:
    """Plan key → name of each client option made from the plan: a credential of every scheme the client takes
    (the request schemes', then the login scheme's), then each server variable — spelled by `spell(words,
    fallback)` and settled against the options the client has anyway (`taken`)."""
    schemes = client.request_auth + ([client.login_scheme] if client.login_scheme else [])
    wanted = [(c.name.key, spell(c.name.words, "credential")) for a in schemes for c in a.credentials]
    wanted += [(v.name.key, spell(v.name.words, "variable")) for v in client.server_variables]
    return settle(wanted, set(taken))
