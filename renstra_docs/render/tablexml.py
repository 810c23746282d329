"""A Table of the neutral model as `<w:tbl>` XML strings, one string per body row.

Built as text, never as lxml or python-docx objects: a 20.000-row matrix renders in about a
second and is streamed into word/document.xml by `render.docx`. The layout (type size, column
widths, column parts) comes from `render.tableplan`; a table set in parts is one `<w:tbl>` per
part, every part with the whole header clipped to its columns and every row.

This is the only table writer: the tracked-changes DOCX of `renstra diff` (diff/tracked.py)
writes its tables here too, through `Marks` (its own runs per cell and row properties).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..tables.model import BodyRow, Style, Table
from .layout import (
    CELL_MARGIN,
    NO_DATA,
    GridCell,
    cell_spans,
    header_grid,
    header_row_lines,
    wrapped_lines,
)
from .tableplan import TablePart, TablePlan
from .wordml import (
    HEAD_FILL,
    ILLEGAL_XML,
    INDENT_PER_LEVEL,
    LINE_FACTOR,
    NUMBERING_FILL,
    S_CELL_HEAD,
    S_CELL_HEAD_SMALL,
    S_CELL_NUMBER,
    S_CELL_NUMBER_SMALL,
    S_CELL_TEXT,
    S_CELL_TEXT_SMALL,
    TOTAL_FILL,
    escape,
    text_xml,
)

CELL_TOP_BOTTOM = 28  # twips


@dataclass(frozen=True)
class Marks:
    """Per-cell runs and per-row properties that replace the plain ones (tracked changes).

    `cell(row, column)` gives the runs of a body cell (None: its plain text); `row(row)` extra
    `w:trPr` content after the row's own (`<w:ins .../>`)."""

    cell: Callable[[int, int], str | None]
    row: Callable[[int], str]


def table_notes(table: Table) -> list[str]:
    notes = [table.source_note] if table.source_note else []
    return notes + list(table.notes)


def table_xml(table: Table, plan: TablePlan, marks: Marks | None = None) -> list[list[str]]:
    """The `<w:tbl>` of every part of `table`, each as XML pieces (one per row)."""
    styles = _Styles(plan.small)
    header = _HeaderLayout(table)
    bodies = _body_rows(table, plan.parts, styles, marks)
    out = []
    for part, rows in zip(plan.parts, bodies, strict=True):
        parts = ["<w:tbl>", _tbl_pr(sum(part.widths)), "<w:tblGrid>"]
        parts += [f'<w:gridCol w:w="{w}"/>' for w in part.widths]
        parts.append("</w:tblGrid>")
        parts += header.rows(part, styles.head, plan.font_pt)
        if table.numbering_row:
            parts.append(_numbering_row(part, styles.head))
        if table.rows:
            parts += [*rows[:-1], _kept_with_next(rows[-1])]
        else:
            message = table.placeholder or NO_DATA
            parts.append(_placeholder_row(message, part, styles.text))
        parts.append("</w:tbl>")
        out.append(parts)
    return out


@dataclass(frozen=True)
class _Styles:
    small: bool

    @property
    def text(self) -> str:
        return S_CELL_TEXT_SMALL if self.small else S_CELL_TEXT

    @property
    def number(self) -> str:
        return S_CELL_NUMBER_SMALL if self.small else S_CELL_NUMBER

    @property
    def head(self) -> str:
        return S_CELL_HEAD_SMALL if self.small else S_CELL_HEAD

    def columns(self, table: Table) -> list[str]:
        return [self.number if c.numeric else self.text for c in table.columns]


_PSTYLE = re.compile(r'(<w:pStyle w:val="[^"]*"/>)')


def _kept_with_next(row: str) -> str:
    """The last row keeps with what follows (the "Sumber:" note, the next part), so that a note
    never starts a page alone."""
    return _PSTYLE.sub(r"\1<w:keepNext/>", row)


def _tbl_pr(total: int) -> str:
    border = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
    sides = "".join(
        f"<w:{s} {border}/>" for s in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    return (
        f'<w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{sides}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:top w:w="{CELL_TOP_BOTTOM}" w:type="dxa"/>'
        f'<w:left w:w="{CELL_MARGIN}" w:type="dxa"/>'
        f'<w:bottom w:w="{CELL_TOP_BOTTOM}" w:type="dxa"/>'
        f'<w:right w:w="{CELL_MARGIN}" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
    )


def cell_xml(
    width: int,
    style: str,
    runs: str,
    span: int = 1,
    merge: str = "",
    fill: str | None = None,
    center: bool = False,
    ppr_extra: str = "",
) -> str:
    """One `<w:tc>`; tcPr in schema order (tcW, gridSpan, vMerge, shd, vAlign)."""
    grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    vmerge = {"restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}.get(merge, "")
    shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    valign = '<w:vAlign w:val="center"/>' if center else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid}{vmerge}{shd}{valign}</w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{ppr_extra}</w:pPr>{runs}</w:p></w:tc>'
    )


def _head_cell(width: int, span: int, merge: str, text: str | None, style: str, fill: str) -> str:
    runs = f"<w:r>{text_xml(text)}</w:r>" if text else ""
    return cell_xml(width, style, runs, span, merge, fill, center=True)


# -- header -------------------------------------------------------------------------------------


class _HeaderLayout:
    """The header cells on the column grid, checked once; clipped to each part's columns."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.cells = header_grid(table)
        n = len(table.columns)
        covered: set[tuple[int, int]] = set()
        for cell in self.cells:
            if cell.col + cell.colspan > n:
                raise ValueError(f"{table.caption}: header cell {cell.text!r} overflows the grid")
            covered |= {
                (cell.row + dr, cell.col + dc)
                for dr in range(cell.rowspan)
                for dc in range(cell.colspan)
            }
        for r in range(len(table.header)):
            count = sum(1 for c in range(n) if (r, c) in covered)
            if count != n:
                raise ValueError(
                    f"{table.caption}: header row {r + 1} covers {count} of {n} columns"
                )

    def rows(self, part: TablePart, style: str, font_pt: float) -> list[str]:
        """The header rows of `part`: cells clipped to its columns, vMerge continued below.

        Each row gets a minimum height large enough for the merged cells that end in it:
        LibreOffice clips the text of a vertically merged cell that is taller than its rows."""
        count = len(self.table.header)
        grid: list[dict[int, tuple[int, str, str | None]]] = [{} for _ in range(count)]
        needs: list[tuple[int, int, int]] = []  # (first row, rowspan, lines of text)
        for cell in self.cells:
            placed = _clip(cell, part.columns)
            if placed is None:
                continue
            start, span = placed
            width = sum(part.widths[start : start + span])
            merge = "restart" if cell.rowspan > 1 else ""
            grid[cell.row][start] = (span, merge, cell.text)
            for dr in range(1, cell.rowspan):
                if cell.row + dr < count:
                    grid[cell.row + dr][start] = (span, "continue", None)
            needs.append((cell.row, cell.rowspan, wrapped_lines(cell.text, width, font_pt)))
        lines = header_row_lines(needs, count)
        out = []
        for row, height in zip(grid, lines, strict=True):
            cells = "".join(
                _head_cell(
                    sum(part.widths[start : start + span]), span, merge, text, style, HEAD_FILL
                )
                for start, (span, merge, text) in sorted(row.items())
            )
            out.append(_head_tr(height, font_pt) + cells + "</w:tr>")
        return out


def _clip(cell: GridCell, columns: Sequence[int]) -> tuple[int, int] | None:
    """Where a header cell starts in a part, and how many of its columns it covers there."""
    inside = [i for i, c in enumerate(columns) if cell.col <= c < cell.col + cell.colspan]
    return (inside[0], len(inside)) if inside else None


def _head_tr(lines: int = 0, font_pt: float = 0.0) -> str:
    """A repeated header row; with `lines`, at least that many lines of `font_pt` high."""
    height = ""
    if lines:
        twips = round(lines * font_pt * 20 * LINE_FACTOR) + 2 * CELL_TOP_BOTTOM
        height = f'<w:trHeight w:val="{twips}" w:hRule="atLeast"/>'
    return f"<w:tr><w:trPr><w:cantSplit/>{height}<w:tblHeader/></w:trPr>"


def _numbering_row(part: TablePart, style: str) -> str:
    cells = "".join(
        _head_cell(w, 1, "", f"({c + 1})", style, NUMBERING_FILL)
        for c, w in zip(part.columns, part.widths, strict=True)
    )
    return _head_tr() + cells + "</w:tr>"


def _placeholder_row(message: str, part: TablePart, style: str) -> str:
    runs = f"<w:r><w:rPr><w:i/></w:rPr>{text_xml(message)}</w:r>"
    cell = cell_xml(
        sum(part.widths), style, runs, len(part.widths), ppr_extra='<w:jc w:val="center"/>'
    )
    return f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cell}</w:tr>"


# -- body ---------------------------------------------------------------------------------------


_RUN_PLAIN = '<w:r><w:t xml:space="preserve">'
_RUN_BOLD = '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">'
_CELL_END = "</w:t></w:r></w:p></w:tc>"
_ROW_START = "<w:tr><w:trPr><w:cantSplit/></w:trPr>"


def _cell_body(value: str) -> str:
    if "\n" in value or "\t" in value or ILLEGAL_XML.search(value):
        return text_xml(value)[len('<w:t xml:space="preserve">') : -len("</w:t>")]
    return escape(value)


def _body_rows(
    table: Table, parts: Sequence[TablePart], styles: _Styles, marks: Marks | None
) -> list[list[str]]:
    """All body rows of every part, one XML string per row; the hot loop of the renderer.

    The rows are read once: a plain row's texts are escaped once and cut into every part."""
    column_styles = styles.columns(table)
    hierarchy = table.hierarchy_column
    openings = [_CellOpenings(p, column_styles, hierarchy) for p in parts]
    out: list[list[str]] = [[] for _ in parts]
    appends = [rows.append for rows in out]
    ncols = len(table.columns)
    illegal = ILLEGAL_XML
    for index, (row, cells) in enumerate(zip(table.rows, table.texts, strict=True)):
        simple = (
            marks is None
            and (row.style is Style.NORMAL or row.style is Style.BOLD)
            and not row.spans
            and len(cells) == ncols
        )
        if not simple:
            for part, append in zip(parts, appends, strict=True):
                append(_complex_row(table, index, row, cells, part, column_styles, marks))
            continue
        run_open = _RUN_BOLD if row.style is Style.BOLD else _RUN_PLAIN
        joined = "\x00".join(cells)  # NUL never survives: it is XML-illegal
        if "\n" in joined or "\t" in joined or illegal.search(joined.replace("\x00", "")):
            bodies = [_cell_body(value) for value in cells]
        else:
            bodies = escape(joined).split("\x00")
        for opening, part, append in zip(openings, parts, appends, strict=True):
            cell_parts = [
                start + run_open + bodies[c] + _CELL_END
                for start, c in zip(opening.at(row.level), part.columns, strict=True)
            ]
            append(_ROW_START + "".join(cell_parts) + "</w:tr>")
    return out


class _CellOpenings:
    """Cell openings per column of a part, up to the run text, for each indentation level: the
    fast path of plain rows (indentation only changes the hierarchy column's paragraph)."""

    def __init__(self, part: TablePart, styles: list[str], hierarchy: int | None):
        self._part, self._styles, self._hierarchy = part, styles, hierarchy
        self._by_level: dict[int, list[str]] = {}

    def at(self, level: int) -> list[str]:
        if level not in self._by_level:
            self._by_level[level] = [
                f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr><w:p><w:pPr>'
                f'<w:pStyle w:val="{self._styles[c]}"/>{_indent(level, c, self._hierarchy)}</w:pPr>'
                for c, w in zip(self._part.columns, self._part.widths, strict=True)
            ]
        return self._by_level[level]


def _indent(level: int, column: int, hierarchy: int | None) -> str:
    if level and column == hierarchy:
        return f'<w:ind w:left="{level * INDENT_PER_LEVEL}"/>'
    return ""


def _complex_row(
    table: Table,
    index: int,
    row: BodyRow,
    cells: Sequence[str],
    part: TablePart,
    styles: list[str],
    marks: Marks | None,
) -> str:
    """A row with spans, a total or a section label, or with tracked changes, in one part:
    each cell clipped to the part's columns."""
    bold = row.style in (Style.BOLD, Style.TOTAL, Style.SECTION)
    fill = TOTAL_FILL if row.style is Style.TOTAL else None
    hierarchy = table.hierarchy_column
    text_style = styles[hierarchy] if hierarchy is not None else styles[0]
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    position = {c: i for i, c in enumerate(part.columns)}
    out, col = [], 0
    for span, value in zip(cell_spans(table, row), cells, strict=True):
        inside = [position[c] for c in range(col, col + span) if c in position]
        if inside:
            width = sum(part.widths[inside[0] : inside[0] + len(inside)])
            style = styles[col] if span == 1 else text_style
            runs = marks.cell(index, col) if marks else None
            if runs is None:
                runs = f'<w:r>{rpr}<w:t xml:space="preserve">{_cell_body(value)}</w:t></w:r>'
            indent = _indent(row.level, col, hierarchy)
            out.append(cell_xml(width, style, runs, len(inside), fill=fill, ppr_extra=indent))
        col += span
    if col != len(table.columns):
        raise ValueError(
            f"{table.caption}: row {row.key!r} spans {col} of {len(table.columns)} columns"
        )
    extra = marks.row(index) if marks else ""
    return f"<w:tr><w:trPr><w:cantSplit/>{extra}</w:trPr>" + "".join(out) + "</w:tr>"
