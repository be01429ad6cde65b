"""`zsdk.yaml`: names, versions and options, shared and per language. Optional: defaults come from `info`.

```yaml
package_name: vibedasher          # shared defaults…
client_name: Vibedasher
version: 2.0.0
method_names: crud                # crud | operation_id
retries: {max_retries: 2, base_delay: 0.5, max_delay: 8.0, timeout: 60.0, refresh_buffer: 60.0,
          refresh_retries: 2}
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
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from .diagnostics import Diagnostic, SpecError, error
from .ir.model import Api
from .ir.naming import pascal, words
from .ir.resources import MethodNames

_SHARED_KEYS = {"package_name", "client_name", "version", "method_names", "retries", "description", "client_methods"}
# Each retry setting: its type and the largest value an SDK accepts (every language can spell it exactly).
_RETRY_KEYS = {
    "max_retries": (int, 100),
    "base_delay": (float, 3600.0),
    "max_delay": (float, 3600.0),
    "timeout": (float, 86400.0),
    "refresh_buffer": (float, 86400.0),
    "refresh_retries": (int, 100),
}


@dataclass(frozen=True)
class Retries:
    max_retries: int = 2
    base_delay: float = 0.5
    max_delay: float = 8.0
    timeout: float = 60.0
    refresh_buffer: float = 60.0  # seconds before a token expires that it is refreshed
    refresh_retries: int = 2  # retries of a login token refresh that failed retryably


@dataclass(frozen=True)
class LanguageConfig:
    """What one target needs: resolved names plus its free-form options."""

    package_name: str
    client_name: str
    version: str
    retries: Retries
    options: dict[str, Any] = field(default_factory=dict)
    package_name_given: bool = False  # False: derived from info.title, so a target may adjust it (stdlib clash)
    # The package name every language's SDK names its environment variables after (targets/credentials.py): the
    # shared package_name, else the first a language block gives, else the title's; "" for package_name.
    env_package_name: str = ""
    client_methods: str | tuple[str, ...] = "none"  # all | none | the operationIds lifted onto the client

    def option(self, key: str, default: Any = None) -> Any:
        return self.options.get(key, default)


@dataclass(frozen=True)
class Config:
    path: str | None = None
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def method_names(self) -> MethodNames:
        """`crud` or `operation_id` (load_config refused anything else)."""
        return "operation_id" if self.data.get("method_names") == "operation_id" else "crud"

    def locate(self, diagnostic: Diagnostic) -> Diagnostic:
        """A target's complaint about a setting (`/typescript/package_name`), placed at the line of zsdk.yaml that
        gave it — the language's block or, when the value came from the shared block, the shared key."""
        pointer = diagnostic.pointer or ""
        if diagnostic.file or self.path is None or not pointer.startswith("/"):
            return diagnostic
        parts = pointer.split("/")[1:]
        if len(parts) >= 2 and _get(self.data, parts) is None and _get(self.data, parts[1:]) is not None:
            pointer = "/" + "/".join(parts[1:])  # the shared setting, not the language's own
        if _get(self.data, pointer.split("/")[1:]) is None:
            return diagnostic
        with open(self.path, encoding="utf-8") as handle:
            line = _line_of(yaml.compose(handle.read(), Loader=yaml.SafeLoader), pointer)
        return diagnostic.located(_shown(self.path), line, 1, pointer)

    def shared(self, api: Api) -> LanguageConfig:
        """The settings every language shares (the top level of zsdk.yaml), with their defaults."""
        return self.for_language("", api)

    def for_language(self, language: str, api: Api) -> LanguageConfig:
        shared = {k: v for k, v in self.data.items() if k in _SHARED_KEYS}
        own = (self.data.get(language) or {}) if language else {}
        merged = {**shared, **own}
        retries = {**(shared.get("retries") or {}), **(own.get("retries") or {})}
        title = _title_words(api.title)
        return LanguageConfig(
            package_name=str(merged.get("package_name") or "_".join(title) or "sdk"),
            client_name=_class_name(str(merged.get("client_name") or pascal(" ".join(title)))),
            version=str(merged.get("version") or _sdk_version(api.version)),
            retries=Retries(**retries),
            options={k: v for k, v in merged.items() if k not in _SHARED_KEYS},
            package_name_given=bool(merged.get("package_name")),
            env_package_name=self._env_package_name(title),
            client_methods=lifted if isinstance(lifted := merged.get("client_methods", "none"), str) else tuple(lifted),
        )

    def _env_package_name(self, title: list[str]) -> str:
        """One name for every language, which may each name its package differently: the shared package_name,
        else the first language block's (in the file's order) that gives one, else the title's words."""
        blocks = [self.data, *(v for k, v in self.data.items() if k not in _SHARED_KEYS and isinstance(v, dict))]
        given = next((str(b["package_name"]) for b in blocks if b.get("package_name")), None)
        return given or "_".join(title) or "sdk"


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


_RELEASE = re.compile(r"[0-9]+(?:\.[0-9]+){0,2}", re.ASCII)
_VERSION = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+(?:-[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*)?", re.ASCII)  # zsdk.yaml


def _sdk_version(spec_version: str) -> str:
    """The spec's version when it is a plain release number (ASCII digits: `1.²` is not), else 0.1.0."""
    return spec_version if _RELEASE.fullmatch(spec_version) else "0.1.0"


def _get(data: Any, parts: list[str]) -> Any:
    for part in parts:
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def _shown(path: str) -> str:
    return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else path


# A language's own settings: name → the values it takes (an empty tuple: any string). Each target declares its own
# (`Target.settings`); these are every language's, from the shared block or its own.
Settings = Mapping[str, tuple[str, ...]]
_LANGUAGE_KEYS = _SHARED_KEYS - {"method_names"}  # the IR is built once: method names are chosen for all


def load_config(path: str | None, languages: Mapping[str, Settings] | None = None) -> Config:
    """zsdk.yaml, checked: every key known (the shared ones, an installed language's block and its settings), every
    value of the right kind. `languages` defaults to the installed targets' settings."""
    if path is None:
        return Config()
    if languages is None:
        from .targets.registry import load_target, target_names

        languages = {name: load_target(name).settings for name in target_names()}
    shown = _shown(path)
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        raise error("config file not found", None, file=shown) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"cannot read the config file: {exc}", None, file=shown) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        if _aliases(node):
            raise error("YAML anchors and aliases are not allowed in zsdk.yaml", None, shown, 1, 1)
        data = yaml.safe_load(text) or {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise error(f"invalid YAML: {exc.problem}", None, shown, (mark.line + 1) if mark else 1, 1) from None
    except yaml.YAMLError as exc:
        raise error(f"invalid YAML: {exc}", None, shown, 1, 1) from None
    if not isinstance(data, dict):
        raise error("zsdk.yaml must be a mapping", None, shown, 1, 1)
    try:
        _check(data, languages)
    except SpecError as exc:
        pointer = exc.diagnostic.pointer or ""
        line = _line_of(node, pointer)
        raise error(exc.diagnostic.message, pointer, shown, line, 1) from None
    return Config(path, data)


def _aliases(node: yaml.Node | None) -> bool:
    """Whether the composed tree reuses a node (an alias): zsdk.yaml is small and needs none."""
    seen: set[int] = set()
    pending = [node] if node is not None else []
    while pending:
        current = pending.pop()
        if id(current) in seen:
            return True
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            pending.extend(item for pair in current.value for item in pair)
        elif isinstance(current, yaml.SequenceNode):
            pending.extend(current.value)
    return False


def _line_of(node: yaml.Node | None, pointer: str) -> int:
    """The 1-based line of the node at `pointer` (`/python/retries/max_retries`), or of its nearest parent."""
    line = 1
    for part in [p for p in pointer.split("/") if p]:
        if not isinstance(node, yaml.MappingNode):
            break
        match = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == part), None)
        if match is None:
            break
        line = match[0].start_mark.line + 1
        node = match[1]
    return line


def _check(data: dict[str, Any], languages: Mapping[str, Settings]) -> None:
    method_names = data.get("method_names", "crud")
    if method_names not in ("crud", "operation_id"):
        raise error(f"method_names must be crud or operation_id, not {method_names!r}", "/method_names")
    for key, value in data.items():
        if key in languages:
            if not isinstance(value, dict):
                raise error(f"the {key} block must be a mapping of settings", f"/{key}")
            _check_language(key, value, languages[key])
        elif key not in _SHARED_KEYS:
            known = ", ".join(sorted(_SHARED_KEYS)) + "; a block per language: " + ", ".join(sorted(languages))
            raise error(f"unknown setting {key!r} (known: {known})", f"/{key}")
    for scope, block in [("", data)] + [(f"/{lang}", data[lang]) for lang in languages if lang in data]:
        for key in ("package_name", "client_name", "description"):
            if key in block and not isinstance(block[key], str):
                raise error(f"{key} must be a string, not {block[key]!r}", f"{scope}/{key}")
        version = block.get("version")
        if version is not None and not (isinstance(version, str) and _VERSION.fullmatch(version)):
            message = f"version must be a release number such as 1.2.0 or 2.0.0-beta.1, not {version!r}"
            raise error(message, f"{scope}/version")
        lifted = block.get("client_methods")
        if (
            lifted is not None
            and lifted not in ("all", "none")
            and not (isinstance(lifted, list) and all(isinstance(key, str) for key in lifted))
        ):
            message = f"client_methods must be all, none or a list of operationIds, not {lifted!r}"
            raise error(message, f"{scope}/client_methods")
        retries = block.get("retries")
        if retries is None:
            continue
        if not isinstance(retries, dict):
            raise error("retries must be a mapping", f"{scope}/retries")
        for key, value in retries.items():
            if key not in _RETRY_KEYS:
                raise error(f"unknown retry setting {key!r}", f"{scope}/retries/{key}")
            kind, largest = _RETRY_KEYS[key]
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            if not number or not 0 <= value <= largest or (kind is int and value != int(value)):
                what = "a whole number" if kind is int else "a number"
                raise error(f"{key} must be {what} from 0 to {largest:g}, not {value!r}", f"{scope}/retries/{key}")
            retries[key] = kind(value)


def _check_language(language: str, block: dict[str, Any], settings: Settings) -> None:
    for key, value in block.items():
        if key in _LANGUAGE_KEYS:
            continue
        if key not in settings:
            known = ", ".join(sorted(_LANGUAGE_KEYS | set(settings)))
            raise error(f"unknown {language} setting {key!r} (known: {known})", f"/{language}/{key}")
        choices = settings[key]
        if not isinstance(value, str) or (choices and value not in choices):
            wanted = " or ".join(choices) if choices else "a string"
            raise error(f"{language} setting {key} must be {wanted}, not {value!r}", f"/{language}/{key}")
