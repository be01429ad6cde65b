"""Base classes for generated models and enums.

Models keep unknown fields (``extra="allow"``), accept both field names and
wire names, and dump by wire name.  Enums generated as ``OpenEnum`` /
``OpenIntEnum`` subclasses decode unknown values into pseudo-members instead
of failing, so a field can be typed plainly as ``MyEnum``::

    class PetStatus(OpenEnum):
        AVAILABLE = "available"
        SOLD = "sold"

    PetStatus("lost")            # <PetStatus.lost: 'lost'>, not a ValueError
    PetStatus("lost").is_known   # False

Optional fields are ``Optional[T] = None``; a required but nullable field is
``Optional[T]`` with no default.  ``to_dict()`` leaves out fields that were
never set, so a model built by the caller sends only what it was given.
A model also reads like the JSON it came from: ``job["id"]`` is the field
whose wire name is ``id`` (unknown fields included), ``"id" in job`` says
whether the response had it.
"""

from __future__ import annotations

import enum
from typing import Any, Literal, TypeVar, cast

import pydantic

__all__ = [
    "BaseModel",
    "OpenEnum",
    "OpenIntEnum",
    "discriminator",
    "type_adapter",
    "validate_as",
]

_T = TypeVar("_T")

_MAX_PSEUDO_MEMBERS = 256


class BaseModel(pydantic.BaseModel):
    """Base of every generated model."""

    model_config = pydantic.ConfigDict(
        extra="allow",
        populate_by_name=True,
        protected_namespaces=(),
    )

    def __getitem__(self, wire_name: str) -> Any:
        """The field whose wire name is ``wire_name`` (``job["id"]``)."""
        name = _field_names(type(self)).get(wire_name)
        if name is not None:
            return getattr(self, name)
        extra = self.__pydantic_extra__ or {}
        if wire_name in extra:
            return extra[wire_name]
        raise KeyError(wire_name)

    def __contains__(self, wire_name: object) -> bool:
        """Whether the data had the field ``wire_name`` (set, or unknown)."""
        name = _field_names(type(self)).get(str(wire_name))
        if name is not None:
            return name in self.model_fields_set
        return wire_name in (self.__pydantic_extra__ or {})

    def to_dict(
        self,
        *,
        mode: Literal["json", "python"] = "json",
        by_alias: bool = True,
        exclude_unset: bool = True,
        exclude_none: bool = False,
    ) -> dict[str, Any]:
        """The model as a dict keyed by wire names (unknown fields included)."""
        return self.model_dump(
            mode=mode,
            by_alias=by_alias,
            exclude_unset=exclude_unset,
            exclude_none=exclude_none,
        )

    def to_json(
        self,
        *,
        indent: int | None = 2,
        by_alias: bool = True,
        exclude_unset: bool = True,
        exclude_none: bool = False,
    ) -> str:
        """The model as JSON text keyed by wire names."""
        return self.model_dump_json(
            indent=indent,
            by_alias=by_alias,
            exclude_unset=exclude_unset,
            exclude_none=exclude_none,
        )


_FIELD_NAMES: dict[type[BaseModel], dict[str, str]] = {}


def _field_names(model: type[BaseModel]) -> dict[str, str]:
    """A model class's fields, by wire name: wire name → attribute."""
    found = _FIELD_NAMES.get(model)
    if found is None:
        found = {
            (info.serialization_alias or name): name
            for name, info in model.model_fields.items()
        }
        _FIELD_NAMES[model] = found
    return found


class _OpenEnumMixin:
    """``_missing_`` that makes (and caches a few) pseudo-members."""

    _value2member_map_: dict[Any, Any]
    _name_: str
    _value_: Any

    @property
    def is_known(self) -> bool:
        """False for a value the spec did not list."""
        members: dict[str, Any] = getattr(type(self), "_member_map_", {})
        return members.get(self._name_) is self

    @classmethod
    def _make_pseudo(cls, value: Any) -> Any:
        member = cls._base_new(value)
        member._name_ = str(value)
        member._value_ = value
        if len(cls._value2member_map_) < _MAX_PSEUDO_MEMBERS:
            return cls._value2member_map_.setdefault(value, member)
        return member

    @classmethod
    def _base_new(cls, value: Any) -> Any:
        raise NotImplementedError


class OpenEnum(_OpenEnumMixin, str, enum.Enum):
    """A string enum that accepts values the spec did not list."""

    @classmethod
    def _base_new(cls, value: Any) -> Any:
        return str.__new__(cls, value)

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if isinstance(value, str):
            return cls._make_pseudo(value)
        return None


class OpenIntEnum(_OpenEnumMixin, int, enum.Enum):
    """An integer enum that accepts values the spec did not list."""

    @classmethod
    def _base_new(cls, value: Any) -> Any:
        return int.__new__(cls, value)

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return cls._make_pseudo(value)
        return None


def discriminator(
    field: str, tags: dict[str, str], default: str
) -> pydantic.Discriminator:
    """Pick a union variant by the value of ``field`` (``pet_type: dog`` → ``Dog``).

    ``tags`` maps wire values to variant tags; a value the spec did not list
    decodes as the ``default`` variant (unknown fields are kept), so a new
    variant on the server never breaks decoding.
    """

    def pick(value: Any) -> str:
        if isinstance(value, dict):
            found = value.get(field)
        else:
            found = getattr(value, field, None)
        if isinstance(found, enum.Enum):
            found = found.value
        return tags.get(str(found), default) if found is not None else default

    return pydantic.Discriminator(pick)


_ADAPTERS: dict[Any, pydantic.TypeAdapter[Any]] = {}


def type_adapter(tp: Any) -> pydantic.TypeAdapter[Any]:
    """A cached ``TypeAdapter`` for ``tp`` (``list[Pet]``, ``Dict[str, int]``…)."""
    try:
        adapter = _ADAPTERS.get(tp)
    except TypeError:  # unhashable type expression
        return pydantic.TypeAdapter(tp)
    if adapter is None:
        adapter = pydantic.TypeAdapter(tp)
        _ADAPTERS[tp] = adapter
    return adapter


def validate_as(data: object, tp: type[_T]) -> _T:
    """Decode JSON data into ``tp``; raises ``pydantic.ValidationError``."""
    if tp is object:
        return cast(_T, data)
    return cast(_T, type_adapter(tp).validate_python(data))
