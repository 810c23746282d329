"""A recognised input sheet: its layout, the column of every role, its years, and typed access
to its cells. Every value it cannot read, and every row a reader cannot place, becomes a finding
located in the input file (`file › sheet › cell`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..config import Config
from ..findings import Finding, Location
from ..sources import normalise as nz
from ..sources.numfmt import column_letter
from .columns import Role, classify
from .grid import Grid
from .header import Header, data_rows, find_header
from .layouts import MAX_CODE_COLUMNS, MULTIPLE, OPTIONAL, REQUIRED, Layout, detect, resolve_years
from .values import is_number, text

Parse = Callable[[Any, str], Any]
# TOTAL, JUMLAH, Jumlah Total, TOTAL PAGU: a label, not a text that starts with "Jumlah ..."
TOTAL = re.compile(r"(grand\s+)?(total|jumlah)(\s+\S+){0,2}\s*:?", re.I)
_DECLARED_CODES = ("number-format", "type-error", "not-integer")


@dataclass
class Table:
    grid: Grid
    layout: Layout
    header: Header
    fixed: dict[str, list[int]]  # role -> its columns (a code may take several)
    yearly: dict[str, dict[int, int]]  # measure -> year -> column
    years: tuple[int, ...]
    findings: list[Finding] = field(default_factory=list)

    @property
    def where(self) -> Location:
        return self.grid.sheet_location()

    def rows(self) -> Iterator[int]:
        return data_rows(self.grid, self.header)

    def col(self, key: str) -> int | None:
        cols = self.fixed.get(key)
        return cols[0] if cols else None

    def cols(self, key: str) -> list[int]:
        return self.fixed.get(key, [])

    def text(self, row: int, key: str) -> str | None:
        col = self.col(key)
        return None if col is None else text(self.grid.raw(row, col))

    def read(self, row: int, col: int, parse: Parse, declared: bool = False) -> Any:
        """A cell read by `parse`; a declared value that cannot be read is kept as printed
        (the project's reader then reports it), anything else becomes a finding."""
        raw = self.grid.raw(row, col)
        number_format = self.grid.number_format(row, col) if is_number(raw) else "General"
        try:
            return parse(raw, number_format)
        except nz.CellError as err:
            code = err.code
            if declared and code in _DECLARED_CODES:
                code = "declared-unreadable"
            self.findings.append(Finding(code, err.message, self.grid.loc(row, col), value=raw))
            return text(raw) if declared else None

    def value(self, row: int, key: str, parse: Parse, declared: bool = False) -> Any:
        col = self.col(key)
        return None if col is None else self.read(row, col, parse, declared)

    def per_year(self, row: int, measure: str, parse: Parse, declared: bool = False) -> dict:
        """{year: value} of one measure on a row (every year of the table, None when blank)."""
        cols = self.yearly.get(measure, {})
        return {year: self.read(row, cols[year], parse, declared) for year in sorted(cols)}

    def filled(self, row: int, keys: tuple[str, ...] = ()) -> bool:
        """Whether the row holds anything in these roles (in any column when none are given)."""
        cols = {c for k in keys for c in (*self.cols(k), *self.yearly.get(k, {}).values())}
        return any(not keys or col in cols for col, _ in self.grid.values(row))

    def total_label(self, row: int, keys: tuple[str, ...]) -> str | None:
        """The label of a printed TOTAL/JUMLAH row, in one of these columns (else None)."""
        labels = (text(self.grid.raw(row, col)) for k in keys for col in self.cols(k))
        return next((label for label in labels if label and TOTAL.fullmatch(label)), None)

    def loc(self, row: int, key: str) -> Location:
        col = self.col(key) or next(iter(self.yearly.get(key, {}).values()), None)
        return self.grid.loc(row, col) if col else Location(self.grid.file, self.grid.sheet)

    def first_cell(self, row: int) -> Location:
        col = next((c for c, _ in self.grid.values(row)), self.header.first_col)
        return self.grid.loc(row, col)

    def unplaced(self, row: int, message: str, where: Location | None = None) -> None:
        self.findings.append(Finding("import-row-unplaced", message, where or self.first_cell(row)))

    def skipped(self, row: int, message: str) -> None:
        self.findings.append(Finding("import-row-skipped", message, self.first_cell(row)))


@dataclass
class Spanning:
    """A Tujuan/Sasaran column: its text spans the rows below it, either merged over them or
    printed once with blanks below (in a sheet that merges this column, a blank is a blank)."""

    table: Table
    key: str
    current: str | None = None

    def __post_init__(self) -> None:
        col = self.table.col(self.key)
        self.merged = col is not None and self.table.grid.merged_below(
            col, self.table.header.data_start
        )

    def at(self, row: int) -> str | None:
        col = self.table.col(self.key)
        if col is None:
            return None
        if self.merged:
            return text(self.table.grid.spanned(row, col))
        self.current = text(self.table.grid.raw(row, col)) or self.current
        return self.current

    def printed(self, row: int) -> bool:
        """Whether the text starts on this row (not carried from above)."""
        return self.table.text(row, self.key) is not None

    def reset(self) -> None:
        self.current = None


def recognise(grid: Grid, config: Config) -> tuple[Table | None, list[Finding]]:
    """The table of a sheet, or the findings saying why it is not one (an empty sheet: none)."""
    if grid.is_empty():
        return None, []
    header = find_header(grid)
    if header is None:
        return None, [_unknown(grid, "tidak ada baris judul kolom yang dikenali")]
    roles = {col: classify(parts) for col, parts in header.labels.items()}
    keys = {role.key for role in roles.values() if role is not None}
    layout = detect(keys)
    if layout is None:
        shown = ", ".join(f"'{header.label(c)}'" for c in list(header.labels)[:6])
        return None, [_unknown(grid, f"judul kolom tidak dikenali ({shown} ...)")]
    missing = [k for k in REQUIRED[layout] if k not in keys]
    if missing:
        return None, [_unknown(grid, f"{layout}: kolom {', '.join(missing)} tidak ada")]
    findings: list[Finding] = []
    used = {*REQUIRED[layout], *OPTIONAL[layout]}
    fixed: dict[str, list[int]] = {}
    yearly_roles: dict[int, Role] = {}
    for col, role in roles.items():
        if role is None or role.key not in used:
            findings.append(_ignored(grid, header, col))
        elif role.yearly:
            yearly_roles[col] = role
        else:
            fixed.setdefault(role.key, []).append(col)
    years, problems = resolve_years(layout, yearly_roles, config, grid.sheet_location())
    findings += problems
    if any(f.is_error for f in problems):
        return None, findings
    yearly: dict[str, dict[int, int]] = {}
    for col, year in years.items():
        yearly.setdefault(yearly_roles[col].key, {}).setdefault(year, col)
    doubled = _doubled(grid, header, fixed, yearly_roles, years)
    if doubled:
        return None, findings + doubled
    table = Table(grid, layout, header, fixed, yearly, tuple(sorted(set(years.values()))))
    return table, findings


def _doubled(
    grid: Grid,
    header: Header,
    fixed: dict[str, list[int]],
    yearly_roles: dict[int, Role],
    years: dict[int, int],
) -> list[Finding]:
    """A role printed in more columns than it may take (a code: up to five)."""
    groups = [(cols, MAX_CODE_COLUMNS if key in MULTIPLE else 1) for key, cols in fixed.items()]
    by_year: dict[tuple[str, int], list[int]] = {}
    for col, role in yearly_roles.items():
        by_year.setdefault((role.key, years[col]), []).append(col)
    groups += [(cols, 1) for cols in by_year.values()]
    return [
        _unknown(
            grid,
            f"kolom '{header.label(cols[0])}' tercetak lebih dari sekali "
            f"({', '.join(column_letter(c) for c in cols)})",
        )
        for cols, limit in groups
        if len(cols) > limit
    ]


def _unknown(grid: Grid, message: str) -> Finding:
    return Finding("import-layout-unknown", message, grid.sheet_location())


def _ignored(grid: Grid, header: Header, col: int) -> Finding:
    return Finding(
        "unknown-column",
        f"kolom '{header.label(col)}' tidak diimpor (tidak ada tempatnya di workbook proyek)",
        grid.loc(header.first, col),
    )
