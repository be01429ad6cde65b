"""Models: unknown fields and enum values, nullable vs optional, round-trips."""

from __future__ import annotations

import datetime
import uuid

import pytest
from pydantic import Field, ValidationError
from sdkrt._models import BaseModel, OpenEnum, OpenIntEnum, type_adapter, validate_as


class Status(OpenEnum):
    AVAILABLE = "available"
    SOLD = "sold"


class Priority(OpenIntEnum):
    LOW = 1
    HIGH = 2


class Owner(BaseModel):
    name: str


class Pet(BaseModel):
    id: int
    pet_name: str = Field(alias="petName")
    status: Status
    priority: Priority | None = None
    tag: str | None = None  # optional
    nickname: str | None  # required but nullable
    born: datetime.date | None = None
    updated_at: datetime.datetime | None = Field(default=None, alias="updatedAt")
    owner: Owner | None = None
    ref: uuid.UUID | None = None


WIRE = {
    "id": 9007199254740993,  # 2**53 + 1: breaks float-based decoders
    "petName": "rex",
    "status": "available",
    "nickname": None,
    "born": "2020-02-29",
    "updatedAt": "2024-05-06T07:08:09.123456Z",
    "owner": {"name": "ann", "since": 2019},
    "ref": "12345678-1234-5678-1234-567812345678",
    "color": "brown",
}


def test_round_trip_int64_dates_and_unknown_fields() -> None:
    pet = Pet.model_validate(WIRE)
    assert pet.id == 2**53 + 1
    assert pet.born == datetime.date(2020, 2, 29)
    assert pet.updated_at == datetime.datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=datetime.UTC)
    assert pet.model_extra == {"color": "brown"}
    assert pet.owner is not None
    assert pet.owner.model_extra == {"since": 2019}
    assert pet.to_dict() == WIRE
    assert Pet.model_validate_json(pet.to_json()) == pet
    assert '"id":9007199254740993' in pet.to_json(indent=None)


def test_populate_by_name_and_alias() -> None:
    pet = Pet(id=1, pet_name="a", status=Status.SOLD, nickname=None)
    assert pet.to_dict() == {
        "id": 1,
        "petName": "a",
        "status": "sold",
        "nickname": None,
    }
    assert Pet(id=1, petName="b", status="sold", nickname="n").pet_name == "b"  # type: ignore[call-arg]
    assert pet.to_dict(by_alias=False)["pet_name"] == "a"


def test_nullable_vs_optional() -> None:
    with pytest.raises(ValidationError):
        Pet.model_validate({"id": 1, "petName": "a", "status": "sold"})  # nickname missing
    pet = Pet.model_validate({"id": 1, "petName": "a", "status": "sold", "nickname": None})
    assert "tag" not in pet.to_dict()
    assert pet.to_dict()["nickname"] is None
    assert "tag" in pet.to_dict(exclude_unset=False)
    assert "nickname" not in pet.to_dict(exclude_none=True)


def test_unknown_enum_values_decode() -> None:
    pet = Pet.model_validate({**WIRE, "status": "pending_review", "priority": 7})
    assert pet.status == "pending_review"
    assert isinstance(pet.status, Status)
    assert pet.status.value == "pending_review"
    assert not pet.status.is_known
    assert pet.priority == 7
    assert isinstance(pet.priority, Priority)
    assert not pet.priority.is_known
    assert pet.to_dict()["status"] == "pending_review"
    assert pet.to_dict()["priority"] == 7
    assert list(Status) == [Status.AVAILABLE, Status.SOLD]
    assert Status("available") is Status.AVAILABLE
    assert Status.AVAILABLE.is_known
    assert Status("pending_review") is Status("pending_review")
    assert Priority(2) is Priority.HIGH
    assert Status("SOLD").is_known is False  # a name is not a value
    with pytest.raises(ValueError):
        Status(12)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Priority("high")  # type: ignore[arg-type]


def test_type_adapter_cache_and_validate_as() -> None:
    assert type_adapter(list[Pet]) is type_adapter(list[Pet])
    pets = validate_as([WIRE], list[Pet])
    assert pets[0].pet_name == "rex"
    raw = {"anything": [1, 2]}
    assert validate_as(raw, object) is raw
    assert validate_as({"a": "1"}, dict[str, int]) == {"a": 1}


def test_item_access_by_wire_name() -> None:
    pet = Pet.model_validate(WIRE)
    assert pet["petName"] == "rex" == pet.pet_name
    assert pet["owner"]["name"] == "ann"
    assert pet["color"] == "brown"  # an unknown field
    assert pet["tag"] is None  # a known field the response left out reads as its attribute does
    with pytest.raises(KeyError):
        pet["pet_name"]  # the attribute's name is not a wire name
    with pytest.raises(KeyError):
        pet["missing"]
    assert "petName" in pet and "color" in pet
    assert "tag" not in pet and "missing" not in pet
