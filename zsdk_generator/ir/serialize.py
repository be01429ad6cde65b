"""IR → JSON: deterministic, fields in declaration order, defaults left out."""

from __future__ import annotations

import dataclasses
import json
from typing import Any


def to_data(value: Any) -> Any:
    if hasattr(value, "to_data"):  # a value with its own JSON form (the plan's names)
        return value.to_data()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            default = f.default if f.default is not dataclasses.MISSING else dataclasses.MISSING
            if default is not dataclasses.MISSING and item == default and type(item) is type(default):
                continue
            out[f.name] = to_data(item)
        return out
    if isinstance(value, (list, tuple)):
        return [to_data(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in value.items()}
    return value


def to_json(value: Any) -> str:
    return json.dumps(to_data(value), indent=2, ensure_ascii=False, allow_nan=True) + "\n"
