"""Tables declared, not coded: a `TableSpec` says what each column is, one builder makes the Table.

A column (`Col`) has a key, its header path from the top header row down (merged cells follow:
equal leading headers of neighbouring columns become one cell, a short path spans the rows below
its first header), a format, a width, the frame column holding each row's display unit, and the
sheet column its values are typed in (`Source`, for the revision diff). A table's body is a
pandas frame with one row per body row and one column per `Col.key`, plus

- `_key`: the row key (made unique: a repeated key gets " (2)", " (3)" ...),
- `_level` (indentation, default 0) and `_style` (a `Style`, default normal); a `section` row
  spans the whole table and shows its first column;
- the unit and Excel-row columns the specs name.

Values: typed (str, int, Decimal), "" for a cell left empty on purpose, None/NA for a missing value
(shown as n/a).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..model import Dataset
from ..sources.frames import plain
from .model import BodyRow, Column, Format, HeaderCell, SourceColumn, Style, Table

KEY, LEVEL, STYLE = "_key", "_level", "_style"
BLANK = ""  # an empty cell on purpose (not a missing value)


@dataclass(frozen=True)
class Source:
    """Where a column's values are typed: a sheet, its column key (and year), and the frame
    column holding the Excel row of each value (NA where the cell is computed or empty)."""

    sheet: str
    key: str
    row: str
    year: int | None = None


@dataclass(frozen=True)
class Col:
    key: str
    header: tuple[str, ...]
    format: Format = Format.TEXT
    width: float = 1.0
    indent: bool = False  # shows the hierarchy (`_level`) by indentation
    nowrap: bool = False
    unit: str | None = None  # frame column with each row's display unit
    source: Source | None = None


@dataclass(frozen=True)
class TableSpec:
    key: str  # the table's identity; its number comes from where the texts place it
    title: str
    columns: tuple[Col, ...]
    numbering_row: bool = False
    landscape: bool = False
    source_note: str | None = None
    notes: tuple[str, ...] = ()
    placeholder: str | None = None


def col(key: str, *header: str, **options: Any) -> Col:
    return Col(key, tuple(header), **options)


# ---------------------------------------------------------------- header


def header_rows(columns: Sequence[Col]) -> tuple[tuple[HeaderCell, ...], ...]:
    """The header rows with their merged cells, from each column's header path."""
    depth = max((len(c.header) for c in columns), default=1)
    placed: dict[int, list[tuple[int, tuple[str, ...], int]]] = {r: [] for r in range(depth)}
    for index, column in enumerate(columns):
        path = column.header or ("",)
        first_span = depth - len(path) + 1
        for level in range(len(path)):
            row = 0 if level == 0 else first_span + level - 1
            rowspan = first_span if level == 0 else 1
            placed[row].append((index, path[: level + 1], rowspan))
    rows = []
    for row in range(depth):
        cells: list[HeaderCell] = []
        previous: tuple[tuple[str, ...], int, int] | None = None  # (path, rowspan, last index)
        for index, path, rowspan in placed[row]:
            if (
                previous
                and previous[0] == path
                and previous[1] == rowspan
                and previous[2] == index - 1
            ):
                last = cells[-1]
                cells[-1] = HeaderCell(last.text, last.colspan + 1, last.rowspan)
            else:
                cells.append(HeaderCell(path[-1], 1, rowspan))
            previous = (path, rowspan, index)
        rows.append(tuple(cells))
    return tuple(rows)


# ---------------------------------------------------------------- body


def build_table(spec: TableSpec, body: pd.DataFrame, dataset: Dataset | None = None) -> Table:
    """The neutral Table of `spec`, its rows from `body` (see the module docstring)."""
    columns = tuple(
        Column(c.key, c.format, c.width, indent=c.indent, nowrap=c.nowrap) for c in spec.columns
    )
    rows = _body_rows(spec, body)
    return Table(
        "",  # numbered by placement (tables/numbers.py)
        spec.title,
        columns,
        header_rows(spec.columns),
        rows,
        numbering_row=spec.numbering_row,
        landscape=spec.landscape,
        source_note=spec.source_note,
        notes=spec.notes,
        placeholder=spec.placeholder or (None if rows else _not_filled(spec, dataset)),
        key=spec.key,
        source_columns=_source_columns(spec, dataset),
    )


def _not_filled(spec: TableSpec, dataset: Dataset | None) -> str:
    """What an empty table says: where its data is to be typed."""
    sheet = next((c.source.sheet for c in spec.columns if c.source), None)
    if dataset is None or sheet is None or not dataset.has(sheet):
        return "Data belum diisi."
    origin = dataset.origin(sheet)
    return f"Data belum diisi: workbook {origin.workbook}, sheet {origin.sheet}."


def _source_columns(spec: TableSpec, dataset: Dataset | None) -> tuple[SourceColumn | None, ...]:
    found: list[SourceColumn | None] = []
    for column in spec.columns:
        source = column.source
        if source is None or dataset is None or not dataset.has(source.sheet):
            found.append(None)
            continue
        origin = dataset.origin(source.sheet)
        letter, header = origin.column(source.key, source.year)
        found.append(
            SourceColumn(origin.workbook, origin.sheet, letter, header) if letter else None
        )
    return tuple(found)


def _body_rows(spec: TableSpec, body: pd.DataFrame) -> tuple[BodyRow, ...]:
    n = len(body)
    if n == 0:
        return ()
    keys = unique_keys(body[KEY].tolist())
    levels = [v or 0 for v in plain(body[LEVEL])] if LEVEL in body else [0] * n
    styles = (
        [v or Style.NORMAL for v in plain(body[STYLE])] if STYLE in body else [Style.NORMAL] * n
    )
    columns = [plain(body[c.key]) for c in spec.columns]
    values = list(zip(*columns, strict=True))
    units = _per_cell(body, [c.unit for c in spec.columns], n)
    rows_of = _source_rows(spec, body, columns, n)
    width = len(spec.columns)
    rows = []
    for i in range(n):
        style = Style(styles[i])
        if style is Style.SECTION:
            rows.append(BodyRow(keys[i], (values[i][0],), style=style, spans=(width,)))
            continue
        rows.append(BodyRow(keys[i], values[i], int(levels[i]), style, None, units[i], rows_of[i]))
    return tuple(rows)


def _source_rows(
    spec: TableSpec, body: pd.DataFrame, columns: list[list[Any]], n: int
) -> list[tuple | None]:
    """Per row, the Excel row each cell was typed in (None for a computed or an empty cell),
    or None when no cell of the row was typed. `columns`: the shown values, per column."""
    found: list[list[int | None]] = []
    for column, values in zip(spec.columns, columns, strict=True):
        if column.source is None:
            found.append([None] * n)
            continue
        rows = plain(body[column.source.row])
        found.append(
            [
                None if row is None or value == BLANK else int(row)
                for row, value in zip(rows, values, strict=True)
            ]
        )
    per_row = list(zip(*found, strict=True))
    return [row if any(v is not None for v in row) else None for row in per_row]


def _per_cell(body: pd.DataFrame, names: list[str | None], n: int) -> list[tuple | None]:
    """Per row, a tuple with the value of each named column (None for unnamed ones), or None
    when the row has no value at all."""
    if not any(names):
        return [None] * n
    columns = [plain(body[name]) if name else [None] * n for name in names]
    rows = list(zip(*columns, strict=True))
    return [row if any(v is not None for v in row) else None for row in rows]


def unique_keys(keys: Sequence[str]) -> list[str]:
    seen: dict[str, int] = {}
    result = []
    for key in keys:
        count = seen.get(key, 0) + 1
        seen[key] = count
        result.append(key if count == 1 else f"{key} ({count})")
    return result


def numbered(flags: pd.Series) -> pd.Series:
    """1, 2, 3 ... on the rows where `flags` is true, BLANK elsewhere (a grouped No column)."""
    counts = flags.astype(bool).cumsum()
    return counts.astype(object).where(flags.astype(bool), BLANK)


def body_frame(key: Any, **columns: Any) -> pd.DataFrame:
    """A body frame from columns (Series, lists or scalars), `key` the row keys."""
    frame = pd.DataFrame({KEY: key, **columns})
    return frame.reset_index(drop=True)


def append_rows(body: pd.DataFrame, *rows: dict[str, Any]) -> pd.DataFrame:
    """`body` with more rows (e.g. a TOTAL row) given as column -> value; an empty body stays
    empty (a TOTAL of nothing is not shown: the table says what to fill in)."""
    if body.empty:
        return body
    extra = pd.DataFrame(list(rows), dtype=object)
    return pd.concat([body.astype(object), extra], ignore_index=True)
