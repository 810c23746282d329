"""build/<output>_tabel.xlsx: every table of the document as a worksheet, for Bappeda and SIPD.

One sheet per table ("Tabel 6.2"), built from the same `Table` objects as the DOCX and the CSV:
the caption and title as the first row, the header merged as in the document, the `(1) (2) ...`
numbering row, then the body with program rows bold, levels indented and totals shaded. The
header is frozen and repeated on every printed page; pages are landscape where the document's
are, fitted to the width of the project's paper.

Numbers stay numbers: rupiah and counts `#,##0`, computed ratios as fractions `0.00%` (the Table
holds percent points: 91.31 is stored as 0.9131), quantities with their unit in the number
format (`#,##0 "orang"`) so the cell stays numeric. A stored number is rounded as the document
shows it, so a sum in Excel adds what the reader sees. Separators follow the locale of the
Excel that opens the file (an Indonesian Excel shows 12.206.342.370 and 91,31%); a format code
cannot force them. Missing values are the text "n/a", as in the document.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from .. import fmt
from ..config import Config
from ..sources.normalise import Quantity
from ..sources.numfmt import column_letter
from ..tables.model import BodyRow, Document, Format, Style, Table
from .export import ordered_tables
from .layout import (
    NO_DATA,
    cell_spans,
    header_grid,
    header_row_lines,
    longest_word,
    wrapped_lines,
)
from .package import zip_parts
from .page import DEFAULT_PAPER, EXCEL_PAPER_SIZES
from .sheetml import (
    CT_APP,
    CT_CORE,
    CT_STYLES,
    CT_WORKBOOK,
    CT_WORKSHEET,
    DOC_REL_NS,
    FORMULA_PREFIXES,
    MAIN_NS,
    REL_APP,
    REL_CORE,
    REL_OFFICE_DOCUMENT,
    REL_STYLES,
    REL_WORKSHEET,
    XML_DECLARATION,
    Align,
    Font,
    PageSetup,
    Rel,
    Styles,
    app_properties,
    blank_cell,
    content_types,
    core_properties,
    height_attr,
    number_tail,
    quoted_sheet,
    relationships,
    row_template,
    row_xml,
    text_cell,
    text_tail,
    worksheet,
    xml_attr,
)
from .tablexml import table_notes
from .wordml import HEAD_FILL, NUMBERING_FILL, TOTAL_FILL

TABLES_SUFFIX = "_tabel.xlsx"
# zlib level 1: a 20.000-row matrix compresses in a third of the time of level 6, to a file
# about a third larger (4,6 MB instead of 3,3 MB).
FAST_COMPRESSION = 1
FONT_PT = 10
LINE_PT = 12.75  # the height of one line of Arial 10 in Excel
TITLE_FONT = Font(bold=True, size=11)
TEXT_WIDTH_MAX = 45  # characters: longer texts wrap
MIN_WIDTH = 5
NUMBER_SLACK = 3  # characters: a number that does not fit shows as ####
INDENT_CHARS = 2  # about what one indent level of Excel takes
WIDTH_FACTOR = 1.1  # a column is measured in digits; bold text and the header are wider
TWIPS_PER_CHAR, TWIPS_PADDING = 105, 75  # a column width in characters -> twips (7 px each)
CELL_CHARS = 1.5  # what the cell margins take of a column
# Characters per digit width (what a column width counts): Arial lower case is a little
# narrower than a digit, capitals a third wider, bold a few per cent wider.
LOWER_FACTOR, CAPITALS_FACTOR, BOLD_TEXT_FACTOR = 0.95, 1.3, 1.07
WRAP_SLACK = 1.08  # word wrap leaves the end of most lines empty


def tables_name(config: Config) -> str:
    """build/<output>_tabel.xlsx (relative to build/)."""
    return f"{config.output_name}{TABLES_SUFFIX}"


def tables_writer(config: Config, document: Document) -> dict[str, Callable[[Path], None]]:
    """The writer of the table workbook, keyed by its name in build/."""
    agency = config.agency
    title = f"Tabel Renstra {agency.nama} {agency.daerah} {config.period}"

    def write(path: Path) -> None:
        path.write_bytes(tables_workbook(ordered_tables(document), config.paper, title))

    return {tables_name(config): write}


def tables_workbook(tables: Sequence[Table], paper: str = DEFAULT_PAPER, title: str = "") -> bytes:
    """The whole workbook, one sheet per table in the order given (deterministic bytes)."""
    styles = Styles()
    kit = _Kit(styles)
    sheets = [_TableSheet(table, kit, EXCEL_PAPER_SIZES[paper]) for table in tables]

    def parts() -> Iterator[tuple[str, bytes | Iterator[str]]]:
        names = [f"xl/worksheets/sheet{i}.xml" for i in range(1, len(sheets) + 1)]
        overrides = [
            ("xl/workbook.xml", CT_WORKBOOK),
            ("xl/styles.xml", CT_STYLES),
            ("docProps/core.xml", CT_CORE),
            ("docProps/app.xml", CT_APP),
            *((name, CT_WORKSHEET) for name in names),
        ]
        yield "[Content_Types].xml", content_types(overrides)
        yield "_rels/.rels", _root_rels()
        yield "docProps/core.xml", core_properties(title or "Tabel Renstra")
        yield "docProps/app.xml", app_properties()
        yield "xl/workbook.xml", _workbook_xml(sheets)
        sheet_rels = [Rel(f"rId{i}", REL_WORKSHEET, n[3:]) for i, n in enumerate(names, 1)]
        styles_rel = Rel(f"rId{len(names) + 1}", REL_STYLES, "styles.xml")
        yield "xl/_rels/workbook.xml.rels", relationships([*sheet_rels, styles_rel])
        for index, (name, sheet) in enumerate(zip(names, sheets, strict=True)):
            yield name, sheet.xml(selected=index == 0)
        yield "xl/styles.xml", styles.to_xml()  # last: the sheets added their cell formats

    return zip_parts(parts(), level=FAST_COMPRESSION)


def _root_rels() -> bytes:
    return relationships(
        [
            Rel("rId1", REL_OFFICE_DOCUMENT, "xl/workbook.xml"),
            Rel("rId2", REL_CORE, "docProps/core.xml"),
            Rel("rId3", REL_APP, "docProps/app.xml"),
        ]
    )


def _workbook_xml(sheets: Sequence[_TableSheet]) -> bytes:
    """The sheets, and the header rows of each printed on every page (Print_Titles)."""
    entries = "".join(
        f'<sheet name="{xml_attr(s.name)}" sheetId="{i}" r:id="rId{i}"/>'
        for i, s in enumerate(sheets, 1)
    )
    titles = "".join(
        f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">'
        f"{xml_attr(quoted_sheet(s.name))}!$2:${s.header_end}</definedName>"
        for i, s in enumerate(sheets)
    )
    names = f"<definedNames>{titles}</definedNames>" if titles else ""
    return (
        f'{XML_DECLARATION}<workbook xmlns="{MAIN_NS}" xmlns:r="{DOC_REL_NS}">'
        f'<bookViews><workbookView activeTab="0"/></bookViews><sheets>{entries}</sheets>{names}'
        "</workbook>"
    ).encode()


# -- typed cells --------------------------------------------------------------------------------


def numeric(value: Any, format: Format, unit: str | None = None) -> tuple[str, str] | None:
    """(the number as stored, its number format) of a typed table value; None for text.

    The stored number is rounded as the document shows it (`fmt`): percent points become a
    fraction, a quantity keeps its unit in the number format.
    """
    if value.__class__ is int and format in _WHOLE:  # rupiah and counts: most cells
        return str(value), WHOLE_FORMAT
    if value is None or isinstance(value, str | bool):
        return None
    return _cached_numeric(value, format, unit)


_WHOLE = frozenset({Format.MONEY, Format.INT})
WHOLE_FORMAT = "#,##0"


def _numeric(value: Any, format: Format, unit: str | None) -> tuple[str, str] | None:
    if isinstance(value, Quantity):
        return _quantity(value, unit)
    if format is Format.QUANTITY:
        return _quantity(Quantity(Decimal(value), None), unit)
    if format is Format.PERCENT:
        return _number(fmt.round_half_up(value, fmt.RATIO_DECIMALS) / 100), "0.00%"
    if format in _WHOLE:
        return _number(fmt.round_half_up(value)), WHOLE_FORMAT
    return _number(value), _decimal_format(fmt.own_decimals(value))


# Quantities repeat (100%, 38 orang): convert each distinct one once.
_cached_numeric = lru_cache(maxsize=1 << 16)(_numeric)


def _quantity(quantity: Quantity, unit: str | None) -> tuple[str, str] | None:
    if quantity.value is None:
        return None
    shown_unit = fmt.quantity_unit(quantity, unit)
    decimals = fmt.own_decimals(quantity.value)
    if shown_unit == "%":
        return _number(quantity.value / 100), "0" + _decimals(decimals) + "%"
    code = _decimal_format(decimals)
    if shown_unit:
        code += ' "' + shown_unit.replace('"', "").replace("\\", "") + '"'
    return _number(quantity.value), code


def _decimal_format(decimals: int) -> str:
    return "#,##0" + _decimals(decimals)


def _decimals(decimals: int) -> str:
    return "." + "0" * decimals if decimals else ""


def _number(value: int | Decimal) -> str:
    if isinstance(value, int):
        return str(value)
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# -- cell formats -------------------------------------------------------------------------------


class _Kit:
    """The cell formats of the table workbook, each made once."""

    def __init__(self, styles: Styles):
        self.styles = styles
        self._body: dict[tuple[Any, ...], int] = {}
        wrap_center = Align("center", "center", wrap=True)
        self.title = styles.xf(TITLE_FONT, align=Align("left", "center", wrap=True))
        self.head = styles.xf(Font(bold=True), HEAD_FILL, True, align=wrap_center)
        self.numbering = styles.xf(Font(size=8), NUMBERING_FILL, True, align=wrap_center)
        self.note = styles.xf(Font(italic=True, size=9), align=Align("left", "top", wrap=True))
        self.placeholder = styles.xf(Font(italic=True), None, True, align=wrap_center)

    def cell(
        self, style: Style, number_format: str | None, indent: int = 0, quote: bool = False
    ) -> int:
        """A body cell: text (number_format None, "" in a number column) or a number."""
        key = (style, number_format, indent, quote)
        found = self._body.get(key)
        if found is not None:
            return found
        if key not in self._body:
            bold = style is not Style.NORMAL
            fill = TOTAL_FILL if style is Style.TOTAL else None
            # An indent shows only on left (or right) aligned cells, never on "general" ones.
            horizontal = {None: "left", "": "right"}.get(number_format)
            align = Align(horizontal, "top", wrap=True, indent=indent)
            self._body[key] = self.styles.xf(
                Font(bold=bold), fill, True, number_format or "General", align, quote
            )
        return self._body[key]


# -- one table ----------------------------------------------------------------------------------


class _TableSheet:
    """The worksheet of one table: title row, header rows, numbering row, body, notes."""

    def __init__(self, table: Table, kit: _Kit, paper_size: int):
        self.table, self.kit = table, kit
        self.name = table.caption
        self.page = PageSetup(paper_size, landscape=True)
        self.width = len(table.columns)
        self.letters = [column_letter(i) for i in range(1, self.width + 1)]
        self.widths = column_widths(table)
        self.header_end = 1 + len(table.header) + (1 if table.numbering_row else 0)
        self.merges: list[str] = []
        self.hierarchy = table.hierarchy_column
        self.formats = [column.format for column in table.columns]
        self.numeric_columns = [column.numeric for column in table.columns]
        # A text up to this long fits on one line of its column, whatever its case and weight.
        self.one_line = [
            (w - CELL_CHARS) / (CAPITALS_FACTOR * BOLD_TEXT_FACTOR) for w in self.widths
        ]
        self._escaped: dict[str, str] = {}  # each distinct text escaped once

    def xml(self, selected: bool = False) -> Iterator[str]:
        return worksheet(
            self._rows(),
            self.widths,
            page=self.page,
            freeze_rows=self.header_end,
            merges=self.merges,  # filled while the rows are written
            selected=selected,
        )

    def _rows(self) -> Iterator[str]:
        table = self.table
        yield self._wide_row(1, f"{table.caption} {table.title}", self.kit.title, TITLE_FONT)
        yield from self._header_rows()
        if table.numbering_row:
            number = self.header_end
            yield row_xml(
                number,
                (
                    text_cell(f"{letter}{number}", f"({i})", self.kit.numbering)
                    for i, letter in enumerate(self.letters, 1)
                ),
            )
        number = self.header_end + 1
        if not table.rows:
            message = table.placeholder or NO_DATA
            yield self._wide_row(number, message, self.kit.placeholder, Font(italic=True), True)
            number += 1
        body = _Body(self)
        for row, shown in zip(table.rows, table.texts, strict=True):
            yield body.row(number, row, shown)
            number += 1
        for offset, note in enumerate(table_notes(table), 1):  # after one empty row
            yield self._wide_row(number + offset, note, self.kit.note, Font(italic=True, size=9))

    def _wide_row(
        self, number: int, text: str, style: int, font: Font, bordered: bool = False
    ) -> str:
        """One text across the whole table (merged), its height fitted to the wrapped text."""
        first, last = f"A{number}", f"{self.letters[-1]}{number}"
        if self.width > 1:
            self.merges.append(f"{first}:{last}")
        lines = text_lines(text, sum(self.widths), font.size, font.bold)
        cells = [text_cell(first, text, style)]
        if bordered:
            cells += [blank_cell(f"{letter}{number}", style) for letter in self.letters[1:]]
        return row_xml(number, cells, lines * LINE_PT * font.size / FONT_PT + 3, fixed=True)

    def _header_rows(self) -> Iterator[str]:
        """The header rows (from row 2), merged as `Table.header` spans them; each tall enough
        for its wrapped labels (no spreadsheet fits the height of merged cells)."""
        grid, needs = self._header_grid()
        lines = header_row_lines(needs, len(self.table.header))
        for r, count in enumerate(lines):
            row = [grid[(r, c)] for c in range(self.width) if (r, c) in grid]
            yield row_xml(2 + r, row, count * LINE_PT + 3, fixed=True)

    def _header_grid(self) -> tuple[dict[tuple[int, int], str], list[tuple[int, int, int]]]:
        """Every header cell by (header row, column), the covered ones blank but bordered;
        and the lines each label needs, as (first row, rowspan, lines)."""
        table, head, letters = self.table, self.kit.head, self.letters
        grid: dict[tuple[int, int], str] = {}
        needs: list[tuple[int, int, int]] = []
        for cell in header_grid(table):
            r, col, number = cell.row, cell.col, 2 + cell.row
            ref = f"{letters[col]}{number}"
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    grid[(r + dr, col + dc)] = blank_cell(f"{letters[col + dc]}{number + dr}", head)
            grid[(r, col)] = text_cell(ref, cell.text, head)
            if cell.rowspan > 1 or cell.colspan > 1:
                end = f"{letters[col + cell.colspan - 1]}{number + cell.rowspan - 1}"
                self.merges.append(f"{ref}:{end}")
            width = sum(self.widths[col : col + cell.colspan])
            needs.append((r, cell.rowspan, text_lines(cell.text, width, FONT_PT, True)))
        return grid, needs


_Tail = tuple[type, str, int]  # (type of the value, tail of the cell, lines of its text)


class _RowKit(NamedTuple):
    """Per column, for the rows of one style and level: the tails made so far, the tail
    prefix of a whole rupiah or count, the cell format of a text, the room for a text."""

    tails: list[dict[str, _Tail]]
    whole: list[str | None]
    text_styles: list[int]
    rooms: list[float]


class _Body:
    """The body rows of one table, the hot loop of the workbook.

    A cell is its reference and a tail (`sheetml.text_tail`): cell format and value, which
    depend only on the column, the row's style and level, the type of the value and the text
    shown (the text determines the rounded number, its decimals and its unit). Plain rows look
    their tails up, so each distinct value is converted, escaped and measured once; whole
    rupiah, all different, are written directly; rows with spanning cells make theirs each time.
    """

    def __init__(self, sheet: _TableSheet):
        table = sheet.table
        self.sheet, self.table, self.kit = sheet, table, sheet.kit
        self.letters, self.widths, self.width = sheet.letters, sheet.widths, sheet.width
        self.formats = [column.format for column in table.columns]
        self.numeric_columns = [column.numeric for column in table.columns]
        self.hierarchy = table.hierarchy_column
        # A text up to this long fits on one line of its column, whatever its case and weight.
        self.one_line = [
            (w - CELL_CHARS) / (CAPITALS_FACTOR * BOLD_TEXT_FACTOR) for w in self.widths
        ]
        self.no_units: tuple[None, ...] = (None,) * self.width
        self.columns = range(self.width)
        self.template = row_template(self.letters)  # a plain row: one format
        self._kits: dict[tuple[Style, int], _RowKit] = {}

    def row(self, number: int, row: BodyRow, shown: Sequence[str]) -> str:
        if row.spans or len(shown) != self.width:
            return self._spanned_row(number, row, shown)
        kit = self._row_kit(row.style, row.level)
        bold = row.style is not Style.NORMAL
        tails: list[str] = []
        append = tails.append
        lines = 1
        for col, prefix, cache, value, text, unit in zip(
            self.columns,
            kit.whole,
            kit.tails,
            row.cells,
            shown,
            row.units or self.no_units,
            strict=True,
        ):
            if prefix is not None and value.__class__ is int:
                append(f"{prefix}{value}</v></c>")
                continue
            if (
                value.__class__ is str
                and len(text) > _CACHED_TEXT
                and text[0] not in _FORMULA_STARTS
            ):
                append(text_tail(text, kit.text_styles[col]))  # a name, written once
                if len(text) > self.one_line[col] or "\n" in text:
                    lines = max(lines, estimated_lines(text, kit.rooms[col], bold))
                continue
            tail = cache.get(text)
            if tail is None or tail[0] is not value.__class__:
                tail = cache[text] = self._tail(col, 1, value, text, unit, row.style, row.level)
            append(tail[1])
            if tail[2] > lines:
                lines = tail[2]
        height = height_attr(lines * LINE_PT + 3 if lines > 1 else None)
        return self.template.format(number, height, *tails)

    def _row_kit(self, style: Style, level: int) -> _RowKit:
        """What the cells of rows of one style and level share, made once."""
        key = (style, level)
        if key not in self._kits:
            whole: list[str | None] = []
            text_styles, rooms = [], []
            for col, format in enumerate(self.formats):
                indent = level if col == self.hierarchy else 0
                style_id = self.kit.cell(style, WHOLE_FORMAT, indent)
                whole.append(f' s="{style_id}"><v>' if format in _WHOLE else None)
                kind = "" if self.numeric_columns[col] else None
                text_styles.append(self.kit.cell(style, kind, indent))
                rooms.append(self.widths[col] - indent * INDENT_CHARS)
            self._kits[key] = _RowKit([{} for _ in self.formats], whole, text_styles, rooms)
        return self._kits[key]

    def _tail(
        self,
        col: int,
        span: int,
        value: Any,
        text: str,
        unit: str | None,
        style: Style,
        level: int,
    ) -> _Tail:
        """The tail of one cell starting in column `col` and spanning `span` columns."""
        format = self.formats[col] if span == 1 else Format.TEXT  # a spanning cell is text
        indent = level if col == self.hierarchy else 0
        typed = numeric(value, format, unit)
        if typed is not None:
            return value.__class__, number_tail(typed[0], self.kit.cell(style, typed[1], indent)), 1
        kind = "" if format is not Format.TEXT and self.numeric_columns[col] else None
        style_id = self.kit.cell(style, kind, indent, text[:1] in _FORMULA_STARTS)
        lines = 1
        if span > 1 or len(text) > self.one_line[col] or "\n" in text:
            room = sum(self.widths[col : col + span]) - indent * INDENT_CHARS
            lines = estimated_lines(text, room, style is not Style.NORMAL)
        return value.__class__, text_tail(text, style_id), lines

    def _spanned_row(self, number: int, row: BodyRow, shown: Sequence[str]) -> str:
        """A row with cells spanning several columns (merged), e.g. a section label."""
        letters, at = self.letters, str(number)
        units = row.units or self.no_units
        cells: list[str] = []
        col, lines = 0, 1
        for index, (value, text) in enumerate(zip(row.cells, shown, strict=True)):
            span = row.span_of(index) if row.spans else cell_spans(self.table, row)[index]
            unit = units[index] if index < len(units) else None
            _, tail, count = self._tail(col, span, value, text, unit, row.style, row.level)
            cells.append(f'<c r="{letters[col]}{at}"{tail}')
            lines = max(lines, count)
            if span > 1:
                self.sheet.merges.append(f"{letters[col]}{at}:{letters[col + span - 1]}{at}")
                style_id = tail.split('"', 2)[1]
                cells += [
                    f'<c r="{letters[c]}{at}" s="{style_id}"/>' for c in range(col + 1, col + span)
                ]
            col += span
        return row_xml(number, cells, lines * LINE_PT + 3, fixed=True)


_FORMULA_STARTS = frozenset(FORMULA_PREFIXES)
_CACHED_TEXT = 40  # characters: longer texts are names, each written once (not kept)


# -- sizes --------------------------------------------------------------------------------------


def column_widths(table: Table) -> list[float]:
    """Column widths in Excel characters, from what the cells show (header words included)."""
    header_words = _header_words(table)
    deepest = max((row.level for row in table.rows), default=0)
    widths = []
    for col, (texts, column) in enumerate(zip(_column_texts(table), table.columns, strict=True)):
        longest = max(map(len, texts), default=0)
        need = longest if column.unbreakable else min(longest, TEXT_WIDTH_MAX)
        long_texts = {text for text in texts if len(text) > need} if longest > need else ()
        words = [len(longest_word(text)) for text in long_texts]
        need = max(need, *words, *header_words[col], len(f"({len(table.columns)})"))
        if col == table.hierarchy_column:
            need += deepest * INDENT_CHARS
        slack = NUMBER_SLACK if column.unbreakable else 2
        widths.append(max(MIN_WIDTH, round(need * WIDTH_FACTOR + slack, 1)))
    return widths


def _column_texts(table: Table) -> list[Sequence[str]]:
    """Per column, the texts of its one-column body cells (a spanning cell sizes no column)."""
    width = len(table.columns)
    plain = [s for r, s in zip(table.rows, table.texts, strict=True) if _plain(r, s, width)]
    columns: list[Sequence[str]] = list(zip(*plain, strict=True)) if plain else []
    if len(columns) < width:
        columns = [() for _ in range(width)]
    spanned: list[list[str]] = [[] for _ in range(width)]
    for row, shown in zip(table.rows, table.texts, strict=True):
        if not _plain(row, shown, width):
            col = 0
            for span, text in zip(cell_spans(table, row), shown, strict=False):
                if span == 1:
                    spanned[col].append(text)
                col += span
    return [
        [*texts, *extra] if extra else texts for texts, extra in zip(columns, spanned, strict=True)
    ]


def _plain(row: BodyRow, shown: Sequence[str], width: int) -> bool:
    return not row.spans and len(shown) == width


def _header_words(table: Table) -> list[list[int]]:
    """Per column, the lengths of the words of its one-column header cells."""
    words: list[list[int]] = [[] for _ in table.columns]
    for cell in header_grid(table):
        if cell.colspan == 1 and cell.col < len(words):
            words[cell.col] += [len(w) for w in cell.text.split()]
    return words


def text_lines(text: str, width_chars: float, font_pt: float, bold: bool = False) -> int:
    """Lines `text` wraps to in a cell `width_chars` wide (Arial metrics, as for the DOCX)."""
    if not text:
        return 1
    twips = width_chars * TWIPS_PER_CHAR + TWIPS_PADDING
    size = font_pt if bold else font_pt * 0.95
    return sum(max(1, wrapped_lines(line, int(twips), size)) for line in text.split("\n"))


def estimated_lines(text: str, width_chars: float, bold: bool = False) -> int:
    """A quick estimate of `text_lines` for body cells (thousands of them): characters per
    line from the column width, wider for capitals and bold, with slack for word wrap."""
    room = max(width_chars - CELL_CHARS, 1.0)
    if len(text) * CAPITALS_FACTOR * BOLD_TEXT_FACTOR <= room and "\n" not in text:
        return 1
    total = 0
    for line in text.split("\n"):
        factor = CAPITALS_FACTOR if line.isupper() else LOWER_FACTOR
        factor *= BOLD_TEXT_FACTOR if bold else 1.0
        total += max(1, math.ceil(len(line) * factor * WRAP_SLACK / room))
    return total
