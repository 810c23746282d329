"""Every derived number of the document, computed once from the dataset's frames.

The table builders, the chapter texts and the checks all read this object, so a number is
computed in one place and shown the same way everywhere. Results are frames indexed like the
sheet they come from (the Excel row), so a check can still name the cell of each input.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from ..model import Dataset
from ..sources.frames import YEAR, as_decimal, as_int
from .matrix import Matrix, matrices
from .numbers import achievement, growth, ratio

SERVICE, PERIOD_END, BUDGET = "kinerja_pelayanan", "kinerja_akhir_periode", "anggaran_realisasi"


@dataclass(frozen=True)
class StaffTotals:
    by_position: int | None  # pegawai_jabatan
    by_status: int | None  # pegawai_status
    by_grade: int | None  # pegawai_golongan (PNS only)
    male: int | None
    female: int | None
    pns: int | None
    contract: int | None
    cells: dict[tuple[str, str], int | None]  # (sex, status) -> count


@dataclass(frozen=True)
class Derived:
    matrices: dict[
        str, Matrix
    ]  # by table key: "matriks" and, with a transition year, "matriks_transisi"
    staff: StaffTotals
    service_ratios: pd.DataFrame  # T-C.23: index Excel row; tahun, rasio
    period_end_progress: pd.Series  # kinerja_akhir_periode: index Excel row -> tingkat kemajuan
    budget_values: pd.DataFrame  # T-C.24 as shown: index Excel row; tahun, anggaran, realisasi
    budget_depth: pd.Series  # T-C.24: index Excel row -> 0 for a top row, 1 for its rincian ...
    budget_ratios: pd.DataFrame  # T-C.24: index Excel row; tahun, rasio
    budget: pd.DataFrame  # T-C.24: index Excel row; pertumbuhan_*, rasio_rata_rata
    budget_min: int | None
    budget_max: int | None


def derive(dataset: Dataset) -> Derived:
    values, depth = budget_values(dataset)
    ratios = budget_ratios(values)
    roots = values[values.index.isin(depth.index[depth == 0])]
    yearly_budget = roots.groupby(YEAR)["anggaran"].sum(min_count=1).dropna()
    return Derived(
        matrices=matrices(dataset),
        staff=staff_totals(dataset),
        service_ratios=service_ratios(dataset),
        period_end_progress=period_end_progress(dataset),
        budget_values=values,
        budget_depth=depth,
        budget_ratios=ratios,
        budget=budget_figures(dataset, values, ratios),
        budget_min=as_int(yearly_budget.min()) if len(yearly_budget) else None,
        budget_max=as_int(yearly_budget.max()) if len(yearly_budget) else None,
    )


def staff_totals(dataset: Dataset) -> StaffTotals:
    status = dataset.frame("pegawai_status")
    cells = {
        (sex, kind): as_int(count)
        for sex, kind, count in zip(
            status["jenis_kelamin"], status["status"], status["jumlah"], strict=True
        )
    }

    def where(column: str | None = None, value: str | None = None) -> int | None:
        chosen = status if column is None else status[status[column] == value]
        return _sum(chosen["jumlah"])

    return StaffTotals(
        by_position=_sum(dataset.frame("pegawai_jabatan")["jumlah"]),
        by_status=where(),
        by_grade=_sum(dataset.frame("pegawai_golongan")["jumlah"]),
        male=where("jenis_kelamin", "Laki-laki"),
        female=where("jenis_kelamin", "Perempuan"),
        pns=where("status", "PNS"),
        contract=where("status", "Tenaga Kontrak"),
        cells=cells,
    )


def service_ratios(dataset: Dataset) -> pd.DataFrame:
    """Rasio capaian (T-C.23) of every indicator and year, by the indicator's polarity."""
    yearly = dataset.yearly(SERVICE)
    polarity = dataset.frame(SERVICE)["polaritas"].reindex(yearly.index)
    ratios = [
        achievement(as_decimal(target), as_decimal(actual), str(sign))
        for target, actual, sign in zip(
            yearly["target"], yearly["realisasi"], polarity, strict=True
        )
    ]
    return pd.DataFrame({YEAR: yearly[YEAR], "rasio": pd.array(ratios, dtype=object)})


def period_end_progress(dataset: Dataset) -> pd.Series:
    frame = dataset.frame(PERIOD_END)
    values = [
        achievement(as_decimal(target), as_decimal(actual), str(sign))
        for target, actual, sign in zip(
            frame["target_akhir"], frame["realisasi"], frame["polaritas"], strict=True
        )
    ]
    return pd.Series(pd.array(values, dtype=object), index=frame.index, name="tingkat_kemajuan")


def budget_values(dataset: Dataset) -> tuple[pd.DataFrame, pd.Series]:
    """T-C.24 as the document shows it: a row with rincian (rows whose Induk is its ID) shows
    the sum of its rincian, per year; other rows what was typed. Also each row's depth."""
    frame, yearly = dataset.frame(BUDGET), dataset.yearly(BUDGET)
    ids = dict(zip(frame["id"].dropna(), frame.index[frame["id"].notna()], strict=True))
    parent = {row: ids[p] for row, p in frame["induk"].dropna().items() if p in ids}
    depth = pd.Series({row: _depth(row, parent) for row in frame.index}, dtype="int64")
    values = yearly[[YEAR, "anggaran", "realisasi"]].copy()
    children: dict[int, list[int]] = {}
    for row, up in parent.items():
        children.setdefault(up, []).append(row)
    for row in sorted(children, key=lambda r: -depth[r]):  # deepest parents first
        for column in ("anggaran", "realisasi"):
            below = values[values.index.isin(children[row])]
            sums = below.groupby(YEAR)[column].sum(min_count=1)
            mine = values.index == row
            values.loc[mine, column] = values.loc[mine, YEAR].map(sums).astype("Int64").to_numpy()
    return values, depth


def _depth(row: int, parent: dict[int, int]) -> int:
    depth, seen = 0, {row}
    while row in parent and parent[row] not in seen:
        row = parent[row]
        seen.add(row)
        depth += 1
    return depth


def budget_ratios(values: pd.DataFrame) -> pd.DataFrame:
    ratios = [
        ratio(as_int(actual), as_int(budget))
        for actual, budget in zip(values["realisasi"], values["anggaran"], strict=True)
    ]
    return pd.DataFrame({YEAR: values[YEAR], "rasio": pd.array(ratios, dtype=object)})


def budget_figures(dataset: Dataset, values: pd.DataFrame, ratios: pd.DataFrame) -> pd.DataFrame:
    """Per T-C.24 row: average growth of budget and realisation, and the mean ratio."""
    method = dataset.config.growth_method
    ordered = values.sort_values(YEAR, kind="stable")
    rows = dataset.frame(BUDGET).index
    by_row = ordered.groupby(level=0)
    figures = {
        "pertumbuhan_anggaran": by_row["anggaran"].agg(lambda s: growth(_ints(s), method)),
        "pertumbuhan_realisasi": by_row["realisasi"].agg(lambda s: growth(_ints(s), method)),
        "rasio_rata_rata": ratios.groupby(level=0)["rasio"].agg(_mean),
    }
    columns = {}
    for key, found in figures.items():
        known = found.to_dict()
        columns[key] = pd.array([known.get(row) for row in rows], dtype=object)
    return pd.DataFrame(columns, index=rows)


def _mean(values: pd.Series) -> Decimal | None:
    known = [v for v in values if isinstance(v, Decimal)]
    return sum(known, Decimal(0)) / len(known) if known else None


def _ints(values: pd.Series) -> list[int | Decimal | None]:
    return [as_int(v) for v in values]


def _sum(values: pd.Series) -> int | None:
    return as_int(values.sum(min_count=1))
