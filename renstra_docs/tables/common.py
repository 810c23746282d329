"""Helpers shared by the table specifications of every chapter (frames in, frames out)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..model import Dataset
from ..sources.frames import UNIT_SUFFIX, YEAR, plain

TOTAL = "TOTAL"
SUPPORT_PROGRAM = "01"  # program X.XX.01, PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH
SUPPORT_PROGRAM_NAME = "PROGRAM PENUNJANG"


def not_filled(dataset: Dataset, what: str, sheet: str) -> str:
    """What an empty table or figure says: where its data is to be typed."""
    origin = dataset.origin(sheet)
    return f"Data {what} belum diisi: workbook {origin.workbook}, sheet {origin.sheet}."


def source_note(dataset: Dataset) -> str:
    return f"Sumber: {dataset.config.agency.sumber_data}"


def agency(dataset: Dataset) -> str:
    return dataset.config.agency.nama


def ordinals(count: int) -> list[str]:
    """The "1 2 3 4 5" header labels of year-numbered columns (tahun ke-1..5)."""
    return [str(i) for i in range(1, count + 1)]


def year_range(years: Sequence[int], sep: str = "-") -> str:
    return f"{years[0]}{sep}{years[-1]}" if years else ""


def wide_by_year(
    yearly: pd.DataFrame,
    column: str,
    years: Sequence[int],
    index: pd.Index,
    prefix: str,
) -> pd.DataFrame:
    """One column `<prefix>_<year>` per year of a long per-year frame (Excel row as index, a
    `tahun` column), rows in `index` order (missing: None), indexed like a body frame (0..n-1).

    A dictionary of (row, year), not `pivot`: the tables call this sixteen times on small
    frames, where pivot's fixed cost dominated (about 5 ms a call)."""
    places = zip(yearly.index.tolist(), plain(yearly[YEAR]), strict=True)
    cells = dict(zip(places, plain(yearly[column]), strict=True))
    rows = index.tolist()
    columns = {f"{prefix}_{year}": [cells.get((row, year)) for row in rows] for year in years}
    return pd.DataFrame(columns, index=pd.RangeIndex(len(rows)), dtype=object)


def wide_units(
    yearly: pd.DataFrame,
    column: str,
    years: Sequence[int],
    index: pd.Index,
    indicator_unit: pd.Series,
    prefix: str,
) -> pd.DataFrame:
    """The display unit of each `<prefix>_<year>` cell, as columns `<prefix>_<year>_unit`."""
    typed = wide_by_year(yearly, column + UNIT_SUFFIX, years, index, prefix)
    unit = indicator_unit.reindex(index).reset_index(drop=True)
    return pd.DataFrame(
        {f"{name}_unit": display_units(unit, typed[name]) for name in typed.columns}
    )


def display_units(indicator_unit: pd.Series, typed: pd.Series | None) -> pd.Series:
    """The unit a quantity is shown with: the indicator's, unless the cell typed another one
    (compared without case). Positional: row i of `typed` belongs to row i of the unit."""
    units = plain(indicator_unit)
    if typed is None:
        return pd.Series(units, dtype=object)
    shown = [
        unit if own is None or (unit is not None and own == unit.lower()) else own
        for unit, own in zip(units, plain(typed), strict=True)
    ]
    return pd.Series(shown, dtype=object)


def is_support_program(code: object, name: object) -> bool:
    """The 'PROGRAM PENUNJANG URUSAN ...' of every bidang (code X.XX.01), left out of the RPJMD
    indicator table. By its code when it has one, else by its name."""
    if isinstance(code, str) and code.strip():
        parts = code.strip().split(".")
        return len(parts) == 3 and parts[2].lstrip("0") == SUPPORT_PROGRAM.lstrip("0")
    return isinstance(name, str) and name.strip().upper().startswith(SUPPORT_PROGRAM_NAME)
