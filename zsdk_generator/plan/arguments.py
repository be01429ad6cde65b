"""The flat argument style (`arguments: flat` in a language's block of zsdk.yaml), decided once for every language.

In the flat style a call takes its path parameters positionally and everything else as one set of named values by
wire name: query, header and cookie parameters and — when it can be spread — the body's fields. What can be spread
is language-neutral, so it is decided here; a target spells the result (docs/plan.md, "Flat arguments").
"""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import error
from ..ir.model import Model
from .model import CallPlan


@dataclass(frozen=True)
class FlatArguments:
    """How one call's named values are laid out in the flat style."""

    spread: bool  # the body's fields are named values beside the parameters (else the body is the `body` value)
    required_fields: bool  # a spread body has a required field: the values cannot all be left out


def flat_arguments(call: CallPlan, models: dict[str, Model], pointer: str) -> FlatArguments:
    """The flat layout of `call`. A JSON, form or multipart body is spread when it is an object model none of whose
    fields a query, header or cookie parameter's wire name (or `body`) takes, or a free-form object (a map, a model
    of additional properties only) on a call with no such parameter; otherwise it stays whole. Two parameters sent
    under one wire name cannot share one set of named values: an error at `pointer`."""
    wires = [p.wire for p in (*call.query, *call.headers, *call.cookies)]
    twice = next((w for w in wires if wires.count(w) > 1), None)
    if twice is not None:
        raise error(
            f"{call.key}: two parameters are sent as {twice!r}; arguments: flat needs one name per key", pointer
        )
    body = call.body
    if body is None or body.kind not in ("json", "form", "multipart"):
        return FlatArguments(False, False)
    model = models.get(body.type.model or "") if body.type.kind == "model" else None
    if model is not None and model.kind != "object":
        model = None
    if model is not None and model.fields:
        if {f.name for f in model.fields} & {*wires, "body"}:
            return FlatArguments(False, False)
        return FlatArguments(True, any(f.required for f in model.fields))
    free_form = model is not None or body.type.kind == "map"
    return FlatArguments(free_form and not wires, False)
