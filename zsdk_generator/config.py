"""`zsdk.yaml`: names, versions and options, shared and per language. Optional: defaults come from `info`.

```yaml
package_name: vibedasher          # shared defaults…
client_name: Vibedasher
version: 2.0.0
method_names: crud                # crud | operation_id
retries: {max_retries: 2, base_delay: 0.5, max_delay: 8.0, timeout: 60.0}
python:                           # …and per-language overrides
  package_name: vibedasher
typescript:
  package_name: "@vibedasher/client"
  errors: result                  # throw | result
go:
  module: github.com/vibedasher/go-sdk
```
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import yaml

from .diagnostics import error
from .ir.model import Api
from .ir.naming import pascal, words

_SHARED_KEYS = {"package_name", "client_name", "version", "method_names", "retries", "description"}
_RETRY_KEYS = {"max_retries": int, "base_delay": float, "max_delay": float, "timeout": float}


@dataclass(frozen=True)
class Retries:
    max_retries: int = 2
    base_delay: float = 0.5
    max_delay: float = 8.0
    timeout: float = 60.0


@dataclass(frozen=True)
class LanguageConfig:
    """What one target needs: resolved names plus its free-form options."""

    package_name: str
    client_name: str
    version: str
    retries: Retries
    options: dict[str, Any] = field(default_factory=dict)

    def option(self, key: str, default: Any = None) -> Any:
        return self.options.get(key, default)


@dataclass(frozen=True)
class Config:
    path: str | None = None
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def method_names(self) -> str:
        value = self.data.get("method_names", "crud")
        return str(value)

    def for_language(self, language: str, api: Api) -> LanguageConfig:
        shared = {k: v for k, v in self.data.items() if k in _SHARED_KEYS}
        own = self.data.get(language) or {}
        merged = {**shared, **own}
        retries = {**(shared.get("retries") or {}), **(own.get("retries") or {})}
        title = _title_words(api.title)
        return LanguageConfig(
            package_name=str(merged.get("package_name") or "_".join(title) or "sdk"),
            client_name=_class_name(str(merged.get("client_name") or pascal(" ".join(title)))),
            version=str(merged.get("version") or _sdk_version(api.version)),
            retries=Retries(**retries),
            options={k: v for k, v in merged.items() if k not in _SHARED_KEYS},
        )


def _class_name(name: str) -> str:
    """A name every target can use as a class: letters and digits, not starting with a digit."""
    name = "".join(c for c in name if c.isascii() and c.isalnum()) or "Client"
    return "Client" + name if name[0].isdigit() else name


def _title_words(title: str) -> list[str]:
    """`Vibedasher SDK API` → [vibedasher]: the name without generic trailing words."""
    found = words(title)
    while len(found) > 1 and found[-1] in ("api", "apis", "sdk", "rest", "openapi", "service", "v1", "v2", "v3"):
        found.pop()
    return found


def _sdk_version(spec_version: str) -> str:
    """The spec's version when it looks like a release number, else 0.1.0."""
    parts = spec_version.split(".")
    return spec_version if parts and all(p.isdigit() for p in parts) and len(parts) <= 3 else "0.1.0"


def load_config(path: str | None, languages: list[str]) -> Config:
    if path is None:
        return Config()
    shown = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else path
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle) or {}
    except FileNotFoundError:
        raise error("config file not found", None, file=shown) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise error(f"invalid YAML: {exc.problem}", None, shown, (mark.line + 1) if mark else 1, 1) from None
    if not isinstance(data, dict):
        raise error("zsdk.yaml must be a mapping", None, shown, 1, 1)
    _check(data, shown, languages)
    return Config(path, data)


def _check(data: dict[str, Any], shown: str, languages: list[str]) -> None:
    method_names = data.get("method_names", "crud")
    if method_names not in ("crud", "operation_id"):
        raise error(f"method_names must be crud or operation_id, not {method_names!r}", "/method_names", shown, 1, 1)
    for scope, block in [("", data)] + [
        (f"/{lang}", data[lang]) for lang in languages if isinstance(data.get(lang), dict)
    ]:
        retries = block.get("retries")
        if retries is None:
            continue
        if not isinstance(retries, dict):
            raise error("retries must be a mapping", f"{scope}/retries", shown, 1, 1)
        for key, value in retries.items():
            kind = _RETRY_KEYS.get(key)
            if kind is None:
                raise error(f"unknown retry setting {key!r}", f"{scope}/retries/{key}", shown, 1, 1)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise error(f"{key} must be a non-negative number", f"{scope}/retries/{key}", shown, 1, 1)
            retries[key] = kind(value)
