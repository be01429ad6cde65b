"""What a change means in each language's SDK: the method, parameter or model member users write, spelled as
that language's SDK spells it (from the SDK plan's names: the same words every target spells)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..ir.model import Model
from ..ir.naming import words
from ..plan.model import CallPlan, Name, ParamPlan, SdkPlan
from ..spec.pointer import split
from ..targets import (
    go_names,
    java_names,
    php_names,
    python_data,
    python_names,
    rust_names,
    typescript_data,
    typescript_names,
)
from .changes import Change, Place, operation_key


@dataclass(frozen=True)
class Spelling:
    """How one language's SDK writes a call on a resource, its parameters and a model's members: each name spelled
    by that target's own rules (python_names, go_names, …), keyword escapes included."""

    client: str
    resource: str  # how a resource hangs off its parent: "{parent}.{name}"
    call: str  # how a method is called on its resource: "{parent}.{name}()"
    top: Callable[[Name], str]  # a resource on the client
    nested: Callable[[Name], str]  # a resource on a resource
    method: Callable[[Name], str]
    param: Callable[[ParamPlan], str]
    member: str  # how a model's field is read: "{model}.{field}"
    field: Callable[[str], str]  # a field's name (its x-zsdk-name or wire name) → the member


def _ts_param(p: ParamPlan) -> str:
    """A path parameter is a positional argument; the others keep their wire names in the params object."""
    return typescript_names.spelled(p.name, typescript_names.POSITIONAL, "param") if p.location == "path" else p.wire


LANGUAGES = {
    "python": Spelling(
        "client", "{parent}.{name}", "{parent}.{name}()",
        top=lambda n: python_names.identifier(n, python_data.CLIENT_ATTRIBUTES, "resource"),
        nested=lambda n: python_names.identifier(n, python_data.RESOURCE_ATTRIBUTES, "resource"),
        method=lambda n: python_names.identifier(n, python_data.RESOURCE_ATTRIBUTES, "call"),
        param=lambda p: python_names.identifier(p.name, python_data.PARAM_RESERVED, "param"),
        member="{model}.{field}",
        field=lambda f: python_names.identifier(f, python_data.FIELD_RESERVED, "field"),
    ),
    "typescript": Spelling(
        "client", "{parent}.{name}", "{parent}.{name}()",
        top=lambda n: typescript_names.spelled(n, typescript_data.CLIENT_MEMBERS, "resource"),
        nested=lambda n: typescript_names.spelled(n, typescript_data.RESOURCE_MEMBERS, "resource"),
        method=lambda n: typescript_names.spelled(n, typescript_data.RESOURCE_MEMBERS, "call"),
        param=_ts_param,
        member="{model}.{field}",
        field=lambda f: f,
    ),
    "go": Spelling(
        "client", "{parent}.{name}", "{parent}.{name}()",
        top=lambda n: go_names.exported(n.words, "Resource"),
        nested=lambda n: go_names.exported(n.words, "Resource"),
        method=lambda n: go_names.exported(n.words, "Call"),
        param=lambda p: (go_names.unexported(p.name.words, "param") if p.location == "path"
                         else go_names.exported(p.name.words, "Param")),
        member="{model}.{field}",
        field=lambda f: go_names.exported(words(f), "Field"),
    ),
    "rust": Spelling(
        "client", "{parent}.{name}()", "{parent}.{name}()",
        top=lambda n: rust_names.identifier(n.words, "resource", rust_names.CLIENT_METHODS),
        nested=lambda n: rust_names.identifier(n.words, "resource"),
        method=lambda n: rust_names.method_name(n.words),
        param=lambda p: rust_names.identifier(p.name.words, "param"),
        member="{model}.{field}",
        field=lambda f: rust_names.identifier(words(f), "field"),
    ),
    "java": Spelling(
        "client", "{parent}.{name}()", "{parent}.{name}()",
        top=lambda n: java_names.identifier(n.words, "resource"),
        nested=lambda n: java_names.identifier(n.words, "resource"),
        method=lambda n: java_names.identifier(n.words, "call", java_names.SERVICE_MEMBERS),
        param=lambda p: java_names.identifier(p.name.words, "param"),
        member="{model}.{field}()",
        field=lambda f: java_names.identifier(words(f), "field", java_names.MODEL_MEMBERS),
    ),
    "php": Spelling(
        "$client", "{parent}->{name}", "{parent}->{name}()",
        top=lambda n: php_names.identifier(n.words, "resource", php_names.CLIENT_MEMBERS),
        nested=lambda n: php_names.identifier(n.words, "resource"),
        method=lambda n: php_names.identifier(n.words, "call", php_names.SERVICE_MEMBERS),
        param=lambda p: php_names.identifier(p.name.words, "param"),
        member="{model}::${field}",
        field=lambda f: php_names.identifier(words(f), "field", php_names.MODEL_MEMBERS),
    ),
}  # fmt: skip


@dataclass(frozen=True)
class _Call:
    resource: tuple[Name, ...]
    call: CallPlan


def calls(plan: SdkPlan) -> dict[tuple[str, str], _Call]:
    """(method, path with its parameters' names blanked) → the call and the resource it is on."""
    found = {}
    for top in plan.resources:
        for resource in top.walk():
            for call in resource.calls:
                found[operation_key(call.http_method, call.path)] = _Call(resource.path, call)
    return found


def method(language: str, found: _Call) -> str:
    spelling = LANGUAGES[language]
    text = spelling.client
    for depth, name in enumerate(found.resource):
        spelled = (spelling.nested if depth else spelling.top)(name)
        text = spelling.resource.format(parent=text, name=spelled)
    return spelling.call.format(parent=text, name=spelling.method(found.call.name))


def parameter(language: str, found: _Call, wire: str) -> str | None:
    params = [*found.call.path_params, *found.call.query, *found.call.headers, *found.call.cookies]
    match = next((p for p in params if p.wire == wire), None)
    return None if match is None else LANGUAGES[language].param(match)


def member(language: str, model: str, field: str) -> str:
    if not field:
        return model
    spelling = LANGUAGES[language]
    return spelling.member.format(model=model, field=spelling.field(field))


def _model_member(place: Place | None, models: dict[str, Model]) -> tuple[str, str] | None:
    """(model, the field's name — its x-zsdk-name or wire name — or "") when `place` is inside a component schema
    that is one of the SDK's models (`models`: by their schema's pointer)."""
    if place is None or not place.pointer.startswith("/components/schemas/"):
        return None
    parts = split(place.pointer)
    model = models.get("/".join(place.pointer.split("/")[:4]))  # /components/schemas/<name>
    if model is None:
        return None
    wire = parts[4] if len(parts) > 4 and parts[3] == "properties" else ""
    field = next((f for f in model.fields if f.name == wire), None)
    return model.name, (field.ident if field and field.ident else wire)


def annotate(changes: list[Change], old_plan: SdkPlan, new_plan: SdkPlan) -> None:
    """Fill each change's `surface`: per language, the model member or the method (and parameter) it changes."""
    old_calls, new_calls = calls(old_plan), calls(new_plan)
    old_models = {model.source: model for model in old_plan.models}
    new_models = {model.source: model for model in new_plan.models}
    for change in changes:
        # a removed field is found in the old document only (the new place is the object that held it)
        places = [_model_member(change.new, new_models), _model_member(change.old, old_models)]
        inside = next((p for p in places if p and p[1]), None) or next((p for p in places if p), None)
        if inside is not None and not change.parameter and change.code not in ("sdk-model-renamed",):
            for language in LANGUAGES:
                change.surface[language] = member(language, *inside)
            continue
        if not change.operation:
            continue
        http, _, path = change.operation.partition(" ")
        key = operation_key(http, path)
        before, after = old_calls.get(key), new_calls.get(key)
        found = before or after
        if found is None:
            continue
        for language in LANGUAGES:
            text = method(language, found)
            if change.code == "sdk-method-renamed" and before and after:
                text = f"{text} → {method(language, after)}"
            elif change.code == "operation-removed":
                text += " removed"
            elif change.code == "operation-added":
                text += " added"
            elif change.parameter:
                wire = change.parameter
                name = parameter(language, found, wire) or (after and parameter(language, after, wire))
                if name:
                    text = text[:-1] + f"{name})"
            change.surface[language] = text
