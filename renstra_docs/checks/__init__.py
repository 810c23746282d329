"""The validation report: every finding of reading, computing and cross-checking the data."""

from __future__ import annotations

from ..calc.derive import Derived
from ..findings import Finding
from ..model import Renstra
from .consistency import check_consistency
from .declared import check_declared
from .report import Report


def run_checks(renstra: Renstra, derived: Derived, strict: bool = False) -> Report:
    findings: list[Finding] = list(renstra.findings)
    findings += check_declared(renstra, derived)
    findings += check_consistency(renstra, derived)
    findings += _code_findings(renstra)
    return Report(findings, strict=strict)


def _code_findings(renstra: Renstra) -> list[Finding]:
    try:
        from ..codes import check_codes
    except ImportError:  # nomenclature support not installed
        return []
    return list(check_codes(renstra, renstra.config.nomenclature_version))


__all__ = ["Report", "run_checks"]
