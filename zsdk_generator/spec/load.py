"""Load a spec: parse the root file and bundle local multi-file `$ref`s into it.

Internal references (`#/...`) stay references. An external target that is a
component (`other.yaml#/components/schemas/Pet`) is copied to the same place in
the root; a whole-file or other schema target becomes `components/schemas/<Name>`;
anything else is inlined at the referring site. Every copy records where it came
from, so messages still point at the right file and line.
"""

from __future__ import annotations

import copy
import os
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from ..diagnostics import Diagnostic, SpecError, error
from .bounds import count_values
from .limits import Limits, variable
from .parse import parse_source, read_source
from .pointer import Parts, get, join, split
from .refs import iter_refs
from .sources import SourceFile, Sources, display_path

# Quick test for "could there be a non-local $ref at all?" so the common single-file case skips the walk.
_EXTERNAL_REF = re.compile(r"""\$ref["']?\s*:\s*["']?(?!#)[^\s"',}]""")  # a $ref not to this document (quoted or not)
_SCHEMA_SLOTS = frozenset(
    {"schema", "items", "additionalProperties", "not", "if", "then", "else", "contains",
     "propertyNames", "unevaluatedProperties", "unevaluatedItems", "additionalItems"}
)  # fmt: skip
_SCHEMA_LISTS = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})
_SCHEMA_MAPS = frozenset({"properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "schemas"})


@dataclass
class Document:
    """A loaded (and later upgraded) OpenAPI document with the files it came from."""

    data: dict[str, Any]
    sources: Sources
    source_version: str = ""
    limits: Limits = field(default_factory=Limits)
    warnings: list[Diagnostic] = field(default_factory=list)  # found while loading

    def resolve(self, ref: str) -> Any:
        return get(self.data, split(ref))


def load_document(path: str, limits: Limits | None = None) -> Document:
    limits = limits or Limits.from_environment()
    source = read_source(path, limits)
    warnings: list[Diagnostic] = []
    data = parse_source(source, limits=limits, warnings=warnings)
    assert isinstance(data, dict)
    sources = Sources(source)
    if _EXTERNAL_REF.search(source.text):
        try:
            _Bundler(data, sources, limits, warnings).run()
        except SpecError as exc:
            raise SpecError(sources.locate(exc.diagnostic)) from None
    return Document(data, sources, limits=limits, warnings=warnings)


def _is_schema_site(site: Parts) -> bool:
    if not site:
        return False
    if site[-1] in _SCHEMA_SLOTS:
        return True
    return len(site) >= 2 and (site[-2] in _SCHEMA_LISTS or site[-2] in _SCHEMA_MAPS)


def _name_for(parts: Parts, abspath: str) -> str:
    if parts:
        return parts[-1]
    return os.path.splitext(os.path.basename(abspath))[0]


class _Bundler:
    def __init__(self, root: dict[str, Any], sources: Sources, limits: Limits, warnings: list[Diagnostic]):
        self.root = root
        self.sources = sources
        self.limits = limits
        self.warnings = warnings
        self.swagger2 = "swagger" in root
        self.loaded: dict[str, Any] = {sources.root.abspath: root}
        self.placed: dict[tuple[str, str], str] = {}
        self.copied = 0  # values copied in from other files, against limits.max_nodes

    def run(self) -> None:
        self._rewrite(self.root, self.sources.root, ())

    def _rewrite(self, node: Any, file: SourceFile, at: Parts) -> None:
        for site, ref in list(iter_refs(node, self.swagger2)):
            holder = get(node, site)
            self._resolve_site(holder, ref, file, at + site)

    def _resolve_site(self, holder: dict[str, Any], ref: str, file: SourceFile, site: Parts) -> None:
        url, _, fragment = ref.partition("#")
        if url.startswith(("http://", "https://", "//")):
            raise error(
                f"remote $ref {ref!r} is not supported: download it and refer to the local file", join(site + ("$ref",))
            )
        if not url:
            if file is self.sources.root:
                return
            target_path = file.abspath
        else:
            target_path = os.path.normpath(os.path.join(os.path.dirname(file.abspath), unquote(url)))
            if target_path == self.sources.root.abspath:
                holder["$ref"] = "#" + fragment
                return
        key = (target_path, fragment)
        if key in self.placed:
            holder["$ref"] = self.placed[key]
        else:
            self._place(key, holder, site)

    def _load(self, path: str, site: Parts) -> tuple[SourceFile, Any]:
        source = self.sources.files.get(path)
        if source is None:
            if not os.path.exists(path):
                raise error(f"$ref points to a file that does not exist: {display_path(path)}", join(site + ("$ref",)))
            try:
                source = read_source(path, self.limits)
                self.loaded[path] = parse_source(source, False, self.limits, self.warnings)
            except SpecError as exc:
                raise error(f"in the file this $ref points to: {exc.diagnostic.format()}", join(site)) from None
            self.sources.files[path] = source
        return source, self.loaded[path]

    def _place(self, key: tuple[str, str], holder: dict[str, Any], site: Parts) -> None:
        """Copy the target into the root and point `holder` at it (or inline it into `holder`)."""
        path, fragment = key
        source, data = self._load(path, site)
        try:
            parts = split("#" + fragment)
            target = get(data, parts)
        except (KeyError, ValueError):
            raise error(f"$ref target #{fragment} not found in {source.path}", join(site)) from None
        self.copied += 1 + count_values(target)
        if self.copied > self.limits.max_nodes:
            message = (
                f"bundling the files this document refers to copies more than {self.limits.max_nodes} values "
                f"(the limit is set by {variable('max_nodes')})"
            )
            raise error(message, join(site + ("$ref",)))
        if len(parts) == 3 and parts[0] == "components":
            dest: Parts | None = parts
        elif len(parts) == 2 and parts[0] in ("definitions", "parameters", "responses"):
            dest = parts
        elif _is_schema_site(site):
            dest = ("definitions",) if self.swagger2 else ("components", "schemas")
            dest += (_name_for(parts, path),)
        else:
            dest = None
        if dest is None:  # inline at the site; later refs to the same target point here
            if not isinstance(target, dict):
                raise error(f"$ref target #{fragment} in {source.path} is not an object", join(site))
            self.placed[key] = "#" + join(site)
            body = copy.deepcopy(target)
            siblings = {k: v for k, v in holder.items() if k != "$ref"}
            holder.clear()
            holder.update(body)
            holder.update(siblings)
            self.sources.map(site, source, parts)
            self._rewrite(holder, source, site)
            return
        container: dict[str, Any] = self.root
        for part in dest[:-1]:
            container = container.setdefault(part, {})
        name, n = dest[-1], 1
        while name in container:
            n += 1
            name = f"{dest[-1]}{n}"
        dest = dest[:-1] + (name,)
        self.placed[key] = holder["$ref"] = "#" + join(dest)
        container[name] = copy.deepcopy(target)
        self.sources.map(dest, source, parts)
        self._rewrite(container[name], source, dest)
