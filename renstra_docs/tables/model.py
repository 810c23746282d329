"""The neutral Table model: built once per Tabel x.y, consumed by every renderer.

The DOCX writer, the CSV/Markdown exporter and the revision diff all read these objects, so a
table is defined in exactly one place (its specification in `tables/babN.py`, built by
`tables/spec.py`). Cells hold typed values (int rupiah, Decimal, Quantity, str, None); `text()`
turns them into what the document shows, through `fmt`, the only place where numbers become text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import cached_property, lru_cache
from typing import Any, NamedTuple

from .. import fmt
from ..findings import Location
from ..quantity import Quantity


class Format(StrEnum):
    TEXT = "text"
    INT = "int"  # counts: 1.234
    MONEY = "money"  # rupiah: 12.206.342.370
    PERCENT = "percent"  # computed ratio, 2 decimals: 91,31%
    NUMBER = "number"  # as typed: 1.680 / 4,44
    QUANTITY = "quantity"  # target with unit: 100% / 38 orang


class Style(StrEnum):
    NORMAL = "normal"
    BOLD = "bold"  # program rows, emphasis
    TOTAL = "total"  # grand total rows (bold, shaded)
    SECTION = "section"  # a label row spanning the table (e.g. VISI / MISI in strategi_kebijakan)


@dataclass(frozen=True)
class Column:
    key: str
    format: Format = Format.TEXT
    width: float = 1.0  # relative width; the renderer scales to the page
    indent: bool = False  # the column that shows the hierarchy (BodyRow.level) by indentation
    nowrap: bool = False  # never break inside a value (codes); numbers never break anyway

    @property
    def numeric(self) -> bool:
        return self.format is not Format.TEXT

    @property
    def unbreakable(self) -> bool:
        return self.numeric or self.nowrap


@dataclass(frozen=True)
class HeaderCell:
    text: str
    colspan: int = 1
    rowspan: int = 1


class SourceColumn(NamedTuple):
    """The spreadsheet column the values of one table column were typed in."""

    workbook: str
    sheet: str
    letter: str
    header: str

    def at(self, row: int) -> Location:
        return Location(self.workbook, self.sheet, f"{self.letter}{row}", self.header)


@dataclass(frozen=True)
class BodyRow:
    key: str  # stable key for exports and diff: an ID (matrix node) or the row label
    cells: tuple[Any, ...]  # one typed value per column (or per span, see spans)
    level: int = 0  # indentation: 0 program, 1 kegiatan, 2 sub-kegiatan
    style: Style = Style.NORMAL
    spans: tuple[int, ...] | None = None  # column span of each cell when not all 1
    units: tuple[str | None, ...] | None = None  # display unit per cell (QUANTITY columns)
    source_rows: tuple[int | None, ...] | None = None  # Excel row each value was typed in

    def span_of(self, index: int) -> int:
        return self.spans[index] if self.spans else 1


@dataclass(frozen=True)
class Table:
    number: str  # "6.2": numbered by placement, chapter by chapter (tables/numbers.py)
    title: str
    columns: tuple[Column, ...]
    header: tuple[tuple[HeaderCell, ...], ...]  # header rows, with spans
    rows: tuple[BodyRow, ...]
    numbering_row: bool = False  # the "(1) (2) (3) ..." row under the header
    landscape: bool = False
    source_note: str | None = None  # "Sumber: Dinas Kesehatan"
    notes: tuple[str, ...] = ()  # footnotes under the table
    placeholder: str | None = None  # shown instead of an empty body ("data belum tersedia")
    key: str = ""  # stable identity of the table, whatever its number ("matriks", "aset")
    source_columns: tuple[SourceColumn | None, ...] = ()  # per column: where its values come from

    def source(self, row: BodyRow, index: int) -> Location | None:
        """The spreadsheet cell that value `index` of `row` was typed in (None when computed)."""
        if not row.source_rows or index >= len(row.source_rows):
            return None
        excel_row = row.source_rows[index]
        column = self._column_index(row, index)
        if excel_row is None or column >= len(self.source_columns):
            return None
        source = self.source_columns[column]
        return source.at(excel_row) if source else None

    @property
    def caption(self) -> str:
        return f"Tabel {self.number}"

    @property
    def slug(self) -> str:
        return "tabel_" + self.number.replace(".", "_")

    def text(self, row: BodyRow, index: int) -> str:
        """What the document shows in cell `index` of `row`."""
        value = row.cells[index]
        column = self.columns[self._column_index(row, index)]
        unit = row.units[index] if row.units else None
        return _cached_cell_text(value, column.format, unit)

    @cached_property
    def texts(self) -> tuple[tuple[str, ...], ...]:
        """What every body cell shows, row by row: formatted once, read by every renderer."""
        formats = [c.format for c in self.columns]
        no_units = (None,) * len(formats)
        shown = _cached_cell_text
        return tuple(
            tuple(map(shown, row.cells, formats, row.units or no_units))
            if not row.spans and len(row.cells) == len(formats)
            else tuple(self.text(row, i) for i in range(len(row.cells)))
            for row in self.rows
        )

    def _column_index(self, row: BodyRow, index: int) -> int:
        if not row.spans:
            return index
        return sum(row.spans[:index])

    @property
    def hierarchy_column(self) -> int | None:
        """The column indented by row level: the one marked `indent`, else the first text one."""
        marked = next((i for i, c in enumerate(self.columns) if c.indent), None)
        if marked is not None:
            return marked
        return next((i for i, c in enumerate(self.columns) if c.format is Format.TEXT), None)

    def header_labels(self) -> list[str]:
        """One flat label per column (joined over header rows), for CSV headers."""
        labels = [""] * len(self.columns)
        grid: dict[tuple[int, int], bool] = {}
        for r, header_row in enumerate(self.header):
            c = 0
            for cell in header_row:
                while grid.get((r, c)):
                    c += 1
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        grid[(r + dr, c + dc)] = True
                        if cell.text and cell.text not in labels[c + dc].split(" / "):
                            sep = " / " if labels[c + dc] else ""
                            labels[c + dc] = labels[c + dc] + sep + cell.text
                c += cell.colspan
        return labels


@dataclass(frozen=True)
class Chart:
    """What to draw: a chart kind of render.charts and its plain data (str, int, lists)."""

    kind: str  # "org", "bars", "line"
    data: dict[str, Any] = field(hash=False)


@dataclass(frozen=True)
class Figure:
    """A chart drawn from data (matplotlib PNG) or a placeholder when its data is missing.

    Builders give the `chart` to draw; render.charts.paint() fills `png` (from its cache when
    the data did not change), so the tables never wait for matplotlib.
    """

    number: str  # "2.3": numbered by placement, chapter by chapter (tables/numbers.py)
    title: str
    label: str = "Gambar"
    png: bytes | None = None
    chart: Chart | None = None
    width_cm: float = 15.0
    placeholder: str | None = None
    source_note: str | None = None
    key: str = ""  # stable identity of the figure, whatever its number ("pagu_program")

    @property
    def caption(self) -> str:
        return f"{self.label} {self.number}"


def table_order(number: str) -> tuple[tuple[int, int | str], ...]:
    """Natural order of table and figure numbers: 2.2 before 2.10."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in number.split("."))


@dataclass
class Document:
    """Everything the renderers need besides the narrative: tables and figures by number."""

    tables: dict[str, Table] = field(default_factory=dict)
    figures: dict[str, Figure] = field(default_factory=dict)


def cell_text(value: Any, format: Format, unit: str | None = None) -> str:
    """The shown text of one typed value (through fmt, the one formatting path)."""
    if value is None:
        return fmt.MISSING if format is not Format.TEXT else ""
    if isinstance(value, str):
        return value
    if isinstance(value, Quantity):
        return fmt.kuantitas(value, unit)
    if format is Format.MONEY:
        return fmt.rupiah(value)
    if format is Format.PERCENT:
        return fmt.persen(value)
    if format is Format.INT:
        return fmt.angka(value, 0)
    if format is Format.QUANTITY:
        return fmt.kuantitas(Quantity(Decimal(value), None), unit)
    return fmt.angka(value, None)


# Tables repeat the same values (100%, 38 orang, the agency's name): format each distinct one once.
_cached_cell_text = lru_cache(maxsize=1 << 16)(cell_text)
