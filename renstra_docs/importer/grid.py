"""One input sheet as openpyxl reads it in normal mode: raw values, number formats, indentation
and merged ranges (our strict reader refuses merges by design, these tables are full of them)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..findings import Finding, Location, RenstraError
from ..sources.numfmt import column_letter
from ..sources.safety import check_file


@dataclass(frozen=True)
class Merge:
    min_row: int
    min_col: int
    max_row: int
    max_col: int

    def rows(self) -> range:
        return range(self.min_row, self.max_row + 1)

    def cols(self) -> range:
        return range(self.min_col, self.max_col + 1)


@dataclass
class Grid:
    """The cells of one sheet; rows and columns count from 1 as in Excel."""

    file: str
    sheet: str
    cells: list[tuple[Any, ...]]  # openpyxl Cell / MergedCell objects, row 1 first
    merges: list[Merge]
    anchors: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for merge in self.merges:
            for row in merge.rows():
                for col in merge.cols():
                    self.anchors[(row, col)] = (merge.min_row, merge.min_col)

    @property
    def height(self) -> int:
        return len(self.cells)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.cells), default=0)

    def _cell(self, row: int, col: int) -> Any:
        if 1 <= row <= len(self.cells):
            cells = self.cells[row - 1]
            if 1 <= col <= len(cells):
                return cells[col - 1]
        return None

    def raw(self, row: int, col: int) -> Any:
        """The value stored in the cell (None inside a merged range, but for its anchor)."""
        cell = self._cell(row, col)
        return None if cell is None else cell.value

    def spanned(self, row: int, col: int) -> Any:
        """The value shown in the cell: a merged range shows its anchor's value everywhere."""
        anchor = self.anchors.get((row, col))
        return self.raw(*anchor) if anchor else self.raw(row, col)

    def number_format(self, row: int, col: int) -> str:
        cell = self._cell(row, col)
        return getattr(cell, "number_format", None) or "General"

    def indent(self, row: int, col: int) -> int:
        cell = self._cell(row, col)
        alignment = getattr(cell, "alignment", None)
        return int(getattr(alignment, "indent", 0) or 0)

    def merged_below(self, col: int, row: int) -> bool:
        """Whether a merged range spanning several rows starts in column `col` from `row` on."""
        return any(
            m.min_col <= col <= m.max_col and m.min_row >= row and m.max_row > m.min_row
            for m in self.merges
        )

    def loc(self, row: int, col: int) -> Location:
        return Location(self.file, self.sheet, f"{column_letter(col)}{row}")

    def sheet_location(self) -> Location:
        return Location(self.file, self.sheet)

    def is_empty(self) -> bool:
        return all(_blank(c.value) for row in self.cells for c in row)

    def values(self, row: int) -> Iterator[tuple[int, Any]]:
        """(column, raw value) of the non-blank cells of a row."""
        cells = self.cells[row - 1] if 1 <= row <= len(self.cells) else ()
        for col, cell in enumerate(cells, start=1):
            if not _blank(cell.value):
                yield col, cell.value


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def open_grids(path: Path) -> list[Grid]:
    """Every sheet of an input workbook (cached values of formulas, never the formulas)."""
    from openpyxl import load_workbook

    name = path.name
    check_file(path, name)
    try:
        book = load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl, zipfile and lxml raise many types for broken files
        raise RenstraError(
            Finding("workbook-unreadable", f"tidak dapat dibuka: {exc}", Location(name))
        ) from None
    grids = []
    for sheet in book.worksheets:
        merges = [
            Merge(r.min_row, r.min_col, r.max_row, r.max_col) for r in sheet.merged_cells.ranges
        ]
        grids.append(Grid(name, sheet.title, list(sheet.iter_rows()), merges))
    return grids
