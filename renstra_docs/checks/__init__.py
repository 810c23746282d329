"""The validation report: every finding of reading, computing and cross-checking the data."""

from __future__ import annotations

from dataclasses import dataclass

from ..calc.derive import Derived, derive
from ..config import Config
from ..findings import Finding
from ..model import Dataset
from .codes import check_codes
from .completeness import check_completeness
from .consistency import check_consistency
from .declared import check_declared
from .report import Report


def run_checks(dataset: Dataset, derived: Derived, strict: bool = False) -> Report:
    findings: list[Finding] = list(dataset.findings)
    findings += check_declared(dataset, derived)
    findings += check_consistency(dataset, derived)
    findings += check_codes(dataset, derived.matrices)
    findings += check_completeness(dataset)
    return Report(findings, strict=strict)


@dataclass(frozen=True)
class Analysis:
    dataset: Dataset
    derived: Derived
    report: Report


def analyse(config: Config, strict: bool = False) -> Analysis:
    """Load (fatal problems raise RenstraError), compute and check."""
    from ..model import load

    dataset = load(config)
    derived = derive(dataset)
    return Analysis(dataset, derived, run_checks(dataset, derived, strict=strict))


__all__ = ["Analysis", "Report", "analyse", "run_checks"]
