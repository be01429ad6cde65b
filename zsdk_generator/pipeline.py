"""The stages in order — load, check the structure, upgrade, check, build — with diagnostics located in the files."""

from __future__ import annotations

from dataclasses import dataclass, field

from .diagnostics import Diagnostic, SpecError
from .ir.builder import build_api
from .ir.model import Api
from .ir.resources import MethodNames
from .spec.checks import semantic_checks
from .spec.limits import Limits
from .spec.load import Document, load_document
from .spec.structure import check_structure
from .spec.upgrade import upgrade
from .spec.validate import spec_validator_findings


@dataclass
class Result:
    api: Api | None = None
    document: Document | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


def run(path: str, *, full_validation: bool = False, method_names: MethodNames = "crud") -> Result:
    """Load and build `path`. Problems are returned, located; nothing raises for bad input."""
    result = Result()
    try:
        limits = Limits.from_environment()
        document = result.document = load_document(path, limits)
    except SpecError as exc:
        result.diagnostics.append(exc.diagnostic)
        return result
    result.diagnostics += document.warnings
    try:
        if full_validation:
            result.diagnostics += spec_validator_findings(document.data)
        result.diagnostics += check_structure(document.data)
        if not result.errors:
            upgrade(document)
            result.diagnostics += semantic_checks(document)
        if not result.errors:
            result.api, warnings = build_api(document, method_names)
            result.diagnostics += warnings
    except SpecError as exc:
        result.diagnostics.append(exc.diagnostic)
    except RecursionError:
        result.diagnostics.append(Diagnostic("error", "the document is nested too deeply to process", ""))
    result.diagnostics = sorted(
        (document.sources.locate(d) for d in result.diagnostics), key=lambda d: (d.file, d.line, d.column, d.message)
    )
    return result
