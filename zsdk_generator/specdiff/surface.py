"""What a change means in each language's SDK: the method, parameter or model member users write, spelled as
that language's SDK spells it (from the SDK plan's names: the same words every target spells)."""

from __future__ import annotations

from dataclasses import dataclass

from ..ir.naming import words
from ..plan.model import CallPlan, Name, SdkPlan
from ..spec.pointer import split
from .changes import Change, operation_key


@dataclass(frozen=True)
class Spelling:
    """How one language writes a call on a resource, a parameter and a model member."""

    resource: str  # how a resource hangs off the client: "{parent}.{name}"
    resource_case: str
    method_case: str
    param_case: str
    client: str = "client"


LANGUAGES = {
    "python": Spelling("{parent}.{name}", "snake", "snake", "snake"),
    "typescript": Spelling("{parent}.{name}", "camel", "camel", "camel"),
    "go": Spelling("{parent}.{name}", "pascal", "pascal", "pascal"),
    "rust": Spelling("{parent}.{name}()", "snake", "snake", "snake"),
    "java": Spelling("{parent}.{name}()", "camel", "camel", "camel"),
    "php": Spelling("{parent}->{name}", "camel", "camel", "camel", "$client"),
}
# How each language reads a model's field: the model class, then the member (TypeScript keeps wire names).
MEMBERS = {
    "python": "{model}.{snake}",
    "typescript": "{model}.{wire}",
    "go": "{model}.{pascal}",
    "rust": "{model}.{snake}",
    "java": "{model}.{camel}()",
    "php": "{model}::${camel}",
}


def spell(words: tuple[str, ...], case: str) -> str:
    if not words:
        return ""
    if case == "snake":
        return "_".join(words)
    pascal = "".join(word[:1].upper() + word[1:] for word in words)
    return pascal if case == "pascal" else pascal[:1].lower() + pascal[1:]


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
    for name in found.resource:
        text = spelling.resource.format(parent=text, name=spell(name.words, spelling.resource_case))
    separator = "->" if language == "php" else "."
    return f"{text}{separator}{spell(found.call.name.words, spelling.method_case)}()"


def parameter(language: str, found: _Call, wire: str) -> str | None:
    params = [*found.call.path_params, *found.call.query, *found.call.headers, *found.call.cookies]
    match = next((p for p in params if p.wire == wire), None)
    if match is None:
        return None
    return spell(match.name.words, LANGUAGES[language].param_case)


def member(language: str, model: str, field: str) -> str:
    if not field:
        return model
    found = tuple(words(field)) or (field,)
    return MEMBERS[language].format(model=model, wire=field, snake=spell(found, "snake"), camel=spell(found, "camel"),
                                    pascal=spell(found, "pascal"))  # fmt: skip


def _model_member(change: Change, plan: SdkPlan) -> tuple[str, str] | None:
    """(model, field wire name or "") when the change is inside a component schema that is one of the SDK's
    models."""
    place = change.new or change.old
    if place is None or not place.pointer.startswith("/components/schemas/"):
        return None
    parts = split(place.pointer)
    models = {model.source: model.name for model in plan.models}
    name = models.get("/".join(place.pointer.split("/")[:4]))  # /components/schemas/<name>
    if name is None:
        return None
    field = parts[4] if len(parts) > 4 and parts[3] == "properties" else ""
    return name, field


def annotate(changes: list[Change], old_plan: SdkPlan, new_plan: SdkPlan) -> None:
    """Fill each change's `surface`: per language, the model member or the method (and parameter) it changes."""
    old_calls, new_calls = calls(old_plan), calls(new_plan)
    for change in changes:
        inside = _model_member(change, new_plan if change.new else old_plan)
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
