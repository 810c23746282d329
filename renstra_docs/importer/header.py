"""Where a printed table's header is, and what each of its columns is called.

The header starts at the first row naming at least two table columns (`Indikator`, `Uraian`,
`Target` ...), below any title rows. It spans the rows its merged cells cover (headers merged over
two or three rows) and the sub-header rows under them (`Target | Rp`, `1 2 3 4 5`, years). An
optional numbering row `(1) (2) ...` closes it. Each column's label is the texts above it, top
down: `Target Kinerja ... | Tahun 1 | Rp`. Page breaks copied into the sheet repeat the header
rows inside the data: those rows are skipped, and so are notes under the table (`Sumber: ...`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .grid import Grid
from .values import text

HEADER_SCAN = 30  # rows searched for the header
_KEYWORD = re.compile(
    r"indikator|uraian|program|kode|tujuan|sasaran|target|anggaran|realisasi|rasio|satuan|"
    r"lokasi|^no\.?$",
    re.I,
)
_TOKEN = re.compile(
    r"target|rp\.?|\(rp\.?\)|pagu( \(rp\.?\))?|pagu indikatif|realisasi|anggaran|rasio|k|"
    r"tahun( ke)?[ -]*\d{0,2}|(19|20)\d\d|\d{1,2}|satuan|capaian",
    re.I,
)  # what a sub-header cell says: never a data row's text
_NUMBERING = re.compile(r"\(?(\d{1,2})\)?")
_NOTE = re.compile(r"(sumber|keterangan|catatan|ket\.?)\b|\*", re.I)


@dataclass(frozen=True)
class Header:
    first: int  # first header row
    first_col: int  # the table's first column
    last: int  # last header row (before the numbering row)
    numbering: int | None  # the "(1) (2) ..." row, when printed
    labels: dict[int, tuple[str, ...]]  # column -> header texts, top down

    @property
    def data_start(self) -> int:
        return (self.numbering or self.last) + 1

    def label(self, col: int) -> str:
        return " | ".join(self.labels.get(col, ()))


def find_header(grid: Grid) -> Header | None:
    first = next(
        (r for r in range(1, min(grid.height, HEADER_SCAN) + 1) if _names_columns(grid, r)), None
    )
    if first is None:
        return None
    first_col = min(col for col, _ in grid.values(first))
    last = _merged_end(grid, first)
    numbering = None
    while last < grid.height:
        below = row_texts(grid, last + 1)
        if is_numbering_row(below, first_col):
            numbering = last + 1
            break
        if not is_token_row(below):
            break
        last = _merged_end(grid, first, last + 1)
    return Header(first, first_col, last, numbering, _labels(grid, first, last))


def _names_columns(grid: Grid, row: int) -> bool:
    named = [v for _, v in grid.values(row) if _KEYWORD.search(text(v) or "")]
    return len(named) >= 2


def _merged_end(grid: Grid, first: int, last: int | None = None) -> int:
    """The last row covered by the merged cells that start in the header rows."""
    end = first if last is None else last
    grown = True
    while grown:
        grown = False
        for merge in grid.merges:
            if first <= merge.min_row <= end < merge.max_row:
                end, grown = merge.max_row, True
    return end


def _labels(grid: Grid, first: int, last: int) -> dict[int, tuple[str, ...]]:
    labels: dict[int, tuple[str, ...]] = {}
    for col in range(1, grid.width + 1):
        parts: list[str] = []
        for row in range(first, last + 1):
            found = text(grid.spanned(row, col))
            if found and (not parts or parts[-1] != found):
                parts.append(found)
        if parts:
            labels[col] = tuple(parts)
    return labels


Cells = list[tuple[int, str]]  # (column, text) of the non-blank cells of a row


def row_texts(grid: Grid, row: int) -> Cells:
    return [(col, text(value) or "") for col, value in grid.values(row)]


def is_numbering_row(cells: Cells, first_col: int) -> bool:
    """`(1) (2) (3) ...`, or 1 2 3 ... from the table's first column: increasing numbers."""
    if len(cells) < 3:
        return False
    found = [_NUMBERING.fullmatch(shown) for _, shown in cells]
    if not all(found):
        return False
    numbers = [int(m.group(1)) for m in found if m]
    if numbers != sorted(set(numbers)):
        return False
    bracketed = all(shown.startswith("(") for _, shown in cells)
    return bracketed or (numbers[0] == 1 and cells[0][0] == first_col)


def is_token_row(cells: Cells) -> bool:
    """A sub-header row: every cell a header word, a year or a small number."""
    return bool(cells) and all(_TOKEN.fullmatch(shown) for _, shown in cells)


def data_rows(grid: Grid, header: Header) -> Iterator[int]:
    """The rows holding data: not blank, not a repeated header, not a note under the table."""
    repeated = {col: parts[0].casefold() for col, parts in header.labels.items()}
    for row in range(header.data_start, grid.height + 1):
        cells = row_texts(grid, row)
        if not cells or is_numbering_row(cells, header.first_col) or is_token_row(cells):
            continue
        if _repeats_header(cells, repeated) or _is_note(cells, grid, row):
            continue
        yield row


def _repeats_header(cells: Cells, labels: dict[int, str]) -> bool:
    same = sum(1 for col, shown in cells if shown.casefold() == labels.get(col))
    return same >= 2 and same >= len(cells) // 2


def _is_note(cells: Cells, grid: Grid, row: int) -> bool:
    col, first = cells[0]
    return len(cells) <= 2 and isinstance(grid.raw(row, col), str) and bool(_NOTE.match(first))
