"""Normalised sheets as pandas frames: typed columns named by the schema, Excel rows as the index.

One sheet gives two frames:
- the sheet frame: one row per Excel row, one column per fixed column of the schema;
- the per-year frame (sheets with `<prefix> <tahun>` columns): long form, one row per Excel row
  and year, with a `tahun` column and one column per year group (`pagu`, `target` ...).

Dtypes: `string` for text, codes and choices, `Int64` for rupiah and counts, Python `Decimal`
objects (dtype object) for numbers and percentages, whose typed precision the document keeps. A
number with a unit (`38 orang`, `88,42%`) is two columns, `<key>` and `<key>_satuan`. Missing is
`pd.NA` (or None in object columns), never a float NaN. Both frames carry their `Origin` in
`attrs["origin"]`, so that a finding about any value still names its workbook, sheet and cell.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd

from ..findings import Location
from .normalise import Quantity
from .read import Row, SheetData
from .schema import Column, Kind, SheetSchema

ROW = "baris"  # name of the index: the Excel row number
YEAR = "tahun"
UNIT_SUFFIX = "_satuan"
STRING = pd.StringDtype("python")  # pd.NA for missing (the default `str` dtype uses NaN)
_DTYPES: dict[Kind, Any] = {
    Kind.TEXT: STRING,
    Kind.CODE: STRING,
    Kind.CHOICE: STRING,
    Kind.MONEY: "Int64",
    Kind.COUNT: "Int64",
    Kind.NUMBER: object,
    Kind.PERCENT: object,
    Kind.QUANTITY: object,
}


@dataclass(frozen=True)
class Origin:
    """Where the values of a frame were read: workbook, sheet, and each column's letter."""

    workbook: str
    sheet: str
    letters: Mapping[tuple[str, int | None], tuple[str, str]]  # (key, year) -> (letter, header)

    def column(self, key: str, year: int | None = None) -> tuple[str, str]:
        """The column letter and header of a schema column ("" and the key when absent)."""
        return self.letters.get((key, year), ("", key))

    def loc(self, row: int | None, key: str, year: int | None = None) -> Location:
        letter, header = self.column(key, year)
        cell = f"{letter}{row}" if letter and row else None
        return Location(self.workbook, self.sheet, cell, header)

    def sheet_location(self) -> Location:
        return Location(self.workbook, self.sheet)

    def __deepcopy__(self, memo: dict[int, Any]) -> Origin:
        """Immutable: pandas deep-copies `attrs` into every frame and series it derives, and
        copying the letters map each time was most of the cost of a 20.000-row build."""
        return self


def origin(frame: pd.DataFrame) -> Origin:
    found: Origin = frame.attrs["origin"]
    return found


def locate(frame: pd.DataFrame, row: Any, key: str, year: int | None = None) -> Location:
    """The cell of `key` (and `year`) on Excel row `row` of the sheet `frame` was read from."""
    return origin(frame).loc(None if pd.isna(row) else int(row), key, year)


def sheet_frames(data: SheetData) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """The sheet frame and, when the sheet has year columns, its per-year frame."""
    layout = data.layout
    found = Origin(layout.workbook, layout.sheet, dict(layout.letters))
    numbers = [row.number for row in data.rows]
    frame = pd.DataFrame(_fixed_columns(data.schema, data.rows), index=_index(numbers))
    frame.attrs["origin"] = found
    groups = data.schema.year_groups()
    if not groups:
        return frame, None
    years = sorted({y for g in groups for y in data.years.get(g.key, [])})
    columns: dict[str, Any] = {YEAR: pd.array(years * len(numbers), dtype="Int64")}
    for group in groups:
        key = group.key
        values = [row.values[key].get(year) for row in data.rows for year in years]
        columns.update(_typed(key, group.kind, values))
    per_year = pd.DataFrame(columns, index=_index([n for n in numbers for _ in years]))
    per_year.attrs["origin"] = found
    return frame, per_year


def empty_frame(schema: SheetSchema, workbook: str) -> pd.DataFrame:
    """The frame of a sheet that is not there (an optional sheet): typed columns, no rows."""
    frame = pd.DataFrame(_fixed_columns(schema, []), index=_index([]))
    frame.attrs["origin"] = Origin(workbook, schema.name, {})
    return frame


def _index(numbers: Sequence[int]) -> pd.Index:
    return pd.Index(numbers, dtype="int64", name=ROW)


def _fixed_columns(schema: SheetSchema, rows: Sequence[Row]) -> dict[str, Any]:
    columns: dict[str, Any] = {}
    for column in schema.fixed_columns():
        key = column.key
        columns.update(_typed(key, column.kind, [row.values[key] for row in rows]))
    return columns


def _typed(key: str, kind: Kind, values: list[Any]) -> dict[str, Any]:
    """One typed column (two for a quantity: its value and its unit)."""
    if kind is Kind.QUANTITY:
        return {
            key: pd.array([q.value if q is not None else None for q in values], dtype=object),
            key + UNIT_SUFFIX: pd.array(
                [q.unit if q is not None else None for q in values], dtype=STRING
            ),
        }
    return {key: pd.array(values, dtype=_DTYPES[kind])}


def missing(value: Any) -> bool:
    """None, pd.NA or a float NaN: what a frame cell holds when there is no value."""
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def plain(series: pd.Series) -> list[Any]:
    """A column's values as Python objects, missing as None (never NA or NaN).

    Through numpy, not `astype(object).where(...)`: measured 20 us against 400 us for a
    20-row column (tables call it per column, hundreds of times), twice as fast at 20.000."""
    if isinstance(series.dtype, pd.api.extensions.ExtensionDtype):
        return series.to_numpy(dtype=object, na_value=None).tolist()
    values = series.to_numpy(dtype=object, copy=True)
    values[pd.isna(values)] = None
    return values.tolist()


def as_int(value: Any) -> int | None:
    """A frame scalar (Int64, numpy integer, NA) as int or None."""
    return None if missing(value) else int(value)


def as_decimal(value: Any) -> Decimal | None:
    """A frame scalar as Decimal or None (numbers of object columns are Decimals)."""
    return value if isinstance(value, Decimal) else None


def as_text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def quantity(value: Any, unit: Any = None) -> Quantity | None:
    """A frame's number and unit back as one Quantity (None when the number is missing)."""
    if missing(value):
        return None
    return Quantity(value, None if missing(unit) else unit)


def column_of(schema: SheetSchema, key: str) -> Column:
    return next(c for c in schema.fixed_columns() if c.key == key)
