"""What the chapter texts can say about the data: records built once from the frames.

The texts loop over lists (legal basis, organisation units, missions, strategies ...) and quote
single values (a count, a total, an indicator's target): this module turns the frames and the
derived numbers into plain records with attribute access (`unit.name`, `indicator.targets[2022]`)
so that no text reaches into a frame. Quantities are `Quantity(value, unit)` as typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pandas as pd

from ..calc.derive import BUDGET, PERIOD_END, SERVICE, Derived, StaffTotals
from ..calc.matrix import Matrix
from ..model import Dataset
from ..sources.frames import UNIT_SUFFIX, YEAR, missing, plain, quantity
from ..sources.schema import slug
from ..tables.common import is_support_program

Record = SimpleNamespace


@dataclass(frozen=True)
class MatrixFacts:
    """A matrix as the text quotes it: its years, counts per level, programs and totals."""

    years: tuple[int, ...]
    counts: Mapping[str, int]
    programs: list[Record]
    grand_period: int | None

    def count(self, level: str) -> int:
        return self.counts.get(level, 0)


@dataclass(frozen=True)
class Narrative:
    """`r` in the chapter templates: the data of the document as records."""

    legal_basis: list[str]
    org_units: list[Record]
    service_indicators: list[Record]
    service_years: tuple[int, ...]
    period_end_indicators: list[Record]
    budget_years: tuple[int, ...]
    challenges: list[Record]
    stats: dict[str, Record]
    lists: dict[str, list[str]]
    vision: str | None
    missions: list[Record]
    goals: list[Record]
    goal_indicators: list[Record]
    goal_years: tuple[int, ...]
    strategies: list[Record]
    policies: list[Record]
    matrices: dict[str, MatrixFacts]
    tables: dict[str, list[Record]]  # the project's own tables, by key: their rows
    figures: dict[str, list[Record]]  # the project's own figures, by key: their points

    def org_root(self) -> Record | None:
        return next((u for u in self.org_units if u.parent is None), None)


@dataclass(frozen=True)
class Figures:
    """`d` in the chapter templates: derived numbers, each computed once in calc/."""

    staff: StaffTotals
    service_ratios: list[dict[int, Decimal | None]]
    period_end_progress: list[Decimal | None]
    budget: list[Record]
    budget_min: int | None
    budget_max: int | None


def narrative(dataset: Dataset, derived: Derived) -> tuple[Narrative, Figures]:
    config = dataset.config
    texts = dataset.frame("visi_misi")
    vision = texts.loc[texts["jenis"] == "Visi", "uraian"].dropna()
    data = Narrative(
        legal_basis=plain(dataset.frame("landasan_hukum")["peraturan"].dropna()),
        org_units=_org_units(dataset),
        service_indicators=_service_indicators(dataset),
        service_years=dataset.years(SERVICE, "target"),
        period_end_indicators=_period_end(dataset),
        budget_years=dataset.years(BUDGET, "anggaran"),
        challenges=[
            Record(kind=k, title=t, text=x)
            for k, t, x in _rows(dataset.frame("tantangan_peluang"), "jenis", "judul", "uraian")
        ],
        stats=_stats(dataset),
        lists=_lists(dataset),
        vision=vision.iloc[0] if len(vision) else None,
        missions=[
            Record(no=n, text=t, related=r == "Ya")
            for kind, n, t, r in _rows(texts, "jenis", "no", "uraian", "terkait")
            if kind == "Misi"
        ],
        goals=[
            Record(id=i, kind=k, parent=p, text=t)
            for i, k, p, t in _rows(
                dataset.frame("tujuan_sasaran"), "id", "jenis", "induk", "uraian"
            )
        ],
        goal_indicators=_goal_indicators(dataset),
        goal_years=dataset.years("indikator_tujuan", "target"),
        strategies=[
            Record(id=i, text=t, quadrant=q, target_id=s, explanation=e)
            for i, t, q, s, e in _rows(
                dataset.frame("strategi"), "id", "uraian", "kuadran", "sasaran", "penjelasan"
            )
        ],
        policies=[
            Record(id=i, strategy_id=s, perspective=p, text=t, program=g)
            for i, s, p, t, g in _rows(
                dataset.frame("kebijakan"), "id", "strategi", "perspektif", "uraian", "program"
            )
        ],
        matrices={table: _matrix_facts(m) for table, m in derived.matrices.items()},
        tables={d.key: _records(dataset.frame(d.sheet)) for d in config.tables},
        figures={d.key: _records(dataset.frame(d.sheet)) for d in config.figures},
    )
    return data, _figures(dataset, derived)


def _rows(frame: pd.DataFrame, *columns: str) -> list[tuple[Any, ...]]:
    return list(zip(*(plain(frame[c]) for c in columns), strict=True))


def _records(frame: pd.DataFrame) -> list[Record]:
    return [
        Record(**dict(zip(frame.columns, values, strict=True)))
        for values in _rows(frame, *frame.columns)
    ]


def _org_units(dataset: Dataset) -> list[Record]:
    units = dataset.frame("unit_organisasi")
    duties = dataset.frame("tugas_unit")
    by_id: dict[str, Record] = {}
    for uid, name, parent, kind, head, intro in _rows(
        units, "id", "nama_unit", "induk", "jenis", "jabatan_pimpinan", "uraian"
    ):
        if uid and uid not in by_id:
            by_id[uid] = Record(
                id=uid, name=name, parent=parent, kind=kind, head_title=head, intro=intro,
                duties=[], children=[],
            )  # fmt: skip
    for uid, duty in _rows(duties, "id_unit", "uraian_tugas"):
        if uid in by_id and duty:
            by_id[uid].duties.append(duty)
    for unit in by_id.values():
        if unit.parent in by_id:
            by_id[unit.parent].children.append(unit)
    return list(by_id.values())


def _yearly_quantities(dataset: Dataset, sheet: str, group: str) -> dict[int, dict[int, Any]]:
    """Excel row -> year -> Quantity of one year group."""
    yearly = dataset.yearly(sheet)
    found: dict[int, dict[int, Any]] = {}
    for row, year, value, unit in zip(
        yearly.index, yearly[YEAR], yearly[group], yearly[group + UNIT_SUFFIX], strict=True
    ):
        found.setdefault(int(row), {})[int(year)] = quantity(value, unit)
    return found


def _service_indicators(dataset: Dataset) -> list[Record]:
    frame = dataset.frame(SERVICE)
    targets = _yearly_quantities(dataset, SERVICE, "target")
    actuals = _yearly_quantities(dataset, SERVICE, "realisasi")
    records = []
    for row in frame.index:
        values = {c: frame.at[row, c] for c in frame.columns}
        records.append(
            Record(
                name=_plain(values["indikator"]),
                unit=_plain(values["satuan"]),
                polarity=_plain(values["polaritas"]),
                target_nspk=_quantity(values, "target_nspk"),
                target_ikk=_quantity(values, "target_ikk"),
                target_other=_quantity(values, "target_indikator_lainnya"),
                targets=targets.get(int(row), {}),
                actuals=actuals.get(int(row), {}),
            )
        )
    return records


def _period_end(dataset: Dataset) -> list[Record]:
    frame = dataset.frame(PERIOD_END)
    return [
        Record(
            name=_plain(frame.at[row, "indikator"]),
            unit=_plain(frame.at[row, "satuan"]),
            target=_quantity(frame.loc[row], "target_akhir"),
            actual=_quantity(frame.loc[row], "realisasi"),
        )
        for row in frame.index
    ]


def _goal_indicators(dataset: Dataset) -> list[Record]:
    frame = dataset.frame("indikator_tujuan")
    targets = _yearly_quantities(dataset, "indikator_tujuan", "target")
    return [
        Record(
            id=_plain(frame.at[row, "id"]),
            owner=_plain(frame.at[row, "pemilik"]),
            name=_plain(frame.at[row, "indikator"]),
            formula=_plain(frame.at[row, "formula"]),
            unit=_plain(frame.at[row, "satuan"]),
            targets=targets.get(int(row), {}),
        )
        for row in frame.index
    ]


def _stats(dataset: Dataset) -> dict[str, Record]:
    stats = dataset.frame("statistik_wilayah")
    return {
        key: Record(key=key, label=label, value=value, unit=unit, source=source)
        for key, label, value, unit, source in _rows(
            stats, "kunci", "uraian", "nilai", "satuan", "sumber"
        )
        if key and value is not None
    }


def _lists(dataset: Dataset) -> dict[str, list[str]]:
    lists: dict[str, list[str]] = {}
    for name, text in _rows(dataset.frame("daftar"), "daftar", "uraian"):
        if name and text:
            lists.setdefault(name, []).append(text)
    return lists


def _matrix_facts(matrix: Matrix) -> MatrixFacts:
    counts = matrix.nodes["level"].value_counts()
    programs = matrix.nodes[matrix.nodes["reachable"] & (matrix.nodes["level"] == "Program")]
    return MatrixFacts(
        years=matrix.years,
        counts={str(k): int(v) for k, v in counts.items()},
        programs=[
            Record(code=c, name=n, support=is_support_program(c, n))
            for c, n in _rows(programs, "kode", "nama")
        ],
        grand_period=matrix.grand_period,
    )


def _figures(dataset: Dataset, derived: Derived) -> Figures:
    ratios: dict[int, dict[int, Decimal | None]] = {}
    for row, year, value in _rows(derived.service_ratios.reset_index(), "baris", YEAR, "rasio"):
        ratios.setdefault(row, {})[year] = value
    budget_ratios: dict[int, dict[int, Decimal | None]] = {}
    for row, year, value in _rows(derived.budget_ratios.reset_index(), "baris", YEAR, "rasio"):
        budget_ratios.setdefault(row, {})[year] = value
    return Figures(
        staff=derived.staff,
        service_ratios=[ratios.get(int(r), {}) for r in dataset.frame(SERVICE).index],
        period_end_progress=plain(derived.period_end_progress),
        budget=[
            Record(
                mean_ratio=_plain(derived.budget.at[row, "rasio_rata_rata"]),
                ratios=budget_ratios.get(int(row), {}),
            )
            for row in derived.budget.index
        ],
        budget_min=derived.budget_min,
        budget_max=derived.budget_max,
    )


def _quantity(values: Mapping[str, Any], key: str) -> Any:
    return quantity(values[key], values[key + UNIT_SUFFIX])


def _plain(value: Any) -> Any:
    return None if missing(value) else value


def decline(points: Iterable[Record], x: str, y: str) -> dict[int, Decimal | None]:
    """Persentase penurunan of a yearly series: (n-1 - n) / (n-1) x 100% for every year with a
    previous one (a filter of the chapter texts: `r.figures.pmks_per_tahun | penurunan(...)`)."""
    from ..calc.numbers import decline as rate

    values = {getattr(p, slug(x)): getattr(p, slug(y)) for p in points}
    return {
        year: rate(values.get(year - 1), values[year])
        for year in sorted(values)
        if year - 1 in values
    }
