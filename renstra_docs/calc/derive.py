"""Every derived number of the document, computed once from the dataset.

The table builders, the chapter templates and the checks all read this object, so a number is
computed in one place and shown the same way everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..model import BudgetRow, Renstra
from .matrix import Rollup, rollup
from .numbers import achievement, decline, growth, ratio, total


@dataclass(frozen=True)
class StaffTotals:
    by_position: int | None  # Tabel 2.2
    by_status: int | None  # Tabel 2.3
    by_grade: int | None  # Tabel 2.4 (PNS only)
    male: int | None
    female: int | None
    pns: int | None
    contract: int | None
    cells: dict[tuple[str, str], int | None]  # (sex, status) -> count


@dataclass(frozen=True)
class BudgetFigures:
    """Tabel 2.10 (T-C.24) for one row."""

    ratios: dict[int, Decimal | None]
    budget_growth: Decimal | None
    actual_growth: Decimal | None
    mean_ratio: Decimal | None


@dataclass(frozen=True)
class Derived:
    rollups: dict[str, Rollup]
    staff: StaffTotals
    service_ratios: list[dict[int, Decimal | None]]
    period_end_progress: list[Decimal | None]
    budget: list[BudgetFigures]
    budget_min: int | None
    budget_max: int | None
    pmks_decline: dict[int, Decimal | None]
    population_growth: Decimal | None


def derive(renstra: Renstra) -> Derived:
    return Derived(
        rollups={table: rollup(m) for table, m in renstra.matrices.items()},
        staff=staff_totals(renstra),
        service_ratios=[
            {
                y: achievement(_value(i.targets.get(y)), _value(i.actuals.get(y)), i.polarity)
                for y in renstra.service_years
            }
            for i in renstra.service_indicators
        ],
        period_end_progress=[
            achievement(_value(i.target), _value(i.actual), i.polarity)
            for i in renstra.period_end_indicators
        ],
        budget=[
            budget_figures(row, renstra.budget_years, renstra.config.growth_method)
            for row in renstra.budget
        ],
        budget_min=min(_budget_values(renstra), default=None),
        budget_max=max(_budget_values(renstra), default=None),
        pmks_decline=pmks_decline(renstra.pmks_totals),
        population_growth=_population_growth(renstra),
    )


def staff_totals(renstra: Renstra) -> StaffTotals:
    cells = {(s.sex, s.status): s.count for s in renstra.staff_by_status}

    def where(sex: str | None = None, status: str | None = None) -> int | None:
        return total(
            c
            for (x, st), c in cells.items()
            if (sex is None or x == sex) and (status is None or st == status)
        )

    return StaffTotals(
        by_position=total(c.count for c in renstra.staff_by_position),
        by_status=where(),
        by_grade=total(c.count for c in renstra.staff_by_grade),
        male=where(sex="Laki-laki"),
        female=where(sex="Perempuan"),
        pns=where(status="PNS"),
        contract=where(status="Tenaga Kontrak"),
        cells=cells,
    )


def budget_figures(row: BudgetRow, years: tuple[int, ...], method: str) -> BudgetFigures:
    ratios = {y: ratio(row.actual.get(y), row.budget.get(y)) for y in years}
    known = [r for r in ratios.values() if r is not None]
    return BudgetFigures(
        ratios=ratios,
        budget_growth=growth([row.budget.get(y) for y in years], method),
        actual_growth=growth([row.actual.get(y) for y in years], method),
        mean_ratio=sum(known, Decimal(0)) / len(known) if known else None,
    )


def pmks_decline(counts: dict[int, int]) -> dict[int, Decimal | None]:
    """Tabel 4.1 'Persentase penurunan angka PMKS' for every year with a previous count."""
    return {y: decline(counts.get(y - 1), counts[y]) for y in sorted(counts) if y - 1 in counts}


def _budget_values(renstra: Renstra) -> list[int]:
    return [v for row in renstra.budget for v in row.budget.values() if v is not None]


def _population_growth(renstra: Renstra) -> Decimal | None:
    before, after = renstra.stats.get("penduduk_2019"), renstra.stats.get("penduduk_2020")
    return None if before is None or after is None else after.value - before.value


def _value(quantity: object) -> Decimal | None:
    return getattr(quantity, "value", None)
