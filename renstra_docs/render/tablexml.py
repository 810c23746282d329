"""A Table of the neutral model as `<w:tbl>` XML strings, one string per body row.

Built as text, never as lxml or python-docx objects: a 20.000-row matrix renders in about a
second and is streamed into word/document.xml by `render.docx`.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from ..tables.model import BodyRow, Format, Style, Table
from .layout import (
    BREAKS,
    CELL_MARGIN,
    CELL_PADDING,
    UNIT_CHARS,
    fit_widths,
    longest_word,
    text_width,
    wrapped_lines,
)
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
    SMALL_FONT_COLUMNS,
    SMALL_FONT_PT,
    TOTAL_FILL,
    text_xml,
)

NO_DATA = "Data belum tersedia."  # the body of a table without rows and without placeholder


def table_notes(table: Table) -> list[str]:
    notes = [table.source_note] if table.source_note else []
    return notes + list(table.notes)


def table_xml(table: Table, usable_width: int) -> list[str]:
    """The `<w:tbl>` of `table` as XML pieces (one per row), sized to `usable_width` twips."""
    small = len(table.columns) > SMALL_FONT_COLUMNS
    font_pt = SMALL_FONT_PT if small else 8.0
    distinct = _distinct_texts(table, table.texts)
    minimums = _minimum_widths(table, distinct, font_pt, unit_chars=None)
    if sum(minimums) > usable_width:  # too wide with whole unit words: let long ones wrap
        minimums = _minimum_widths(table, distinct, font_pt)
    widths = fit_widths(
        [c.width for c in table.columns],
        usable_width,
        minimums,
        [c.unbreakable for c in table.columns],
    )
    parts = ["<w:tbl>", _tbl_pr(sum(widths)), "<w:tblGrid>"]
    parts += [f'<w:gridCol w:w="{w}"/>' for w in widths]
    parts.append("</w:tblGrid>")
    head_style = S_CELL_HEAD_SMALL if small else S_CELL_HEAD
    parts += _header_rows(table, widths, head_style, SMALL_FONT_PT if small else 8.0)
    if table.numbering_row:
        parts.append(_numbering_row(widths, head_style))
    if table.rows:
        parts += _body_rows(table, table.texts, widths, small)
    else:
        text_style = S_CELL_TEXT_SMALL if small else S_CELL_TEXT
        message = table.placeholder or NO_DATA
        parts.append(_placeholder_row(message, sum(widths), len(widths), text_style))
    parts.append("</w:tbl>")
    return parts


def _tbl_pr(total: int) -> str:
    border = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
    sides = "".join(
        f"<w:{s} {border}/>" for s in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    return (
        f'<w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{sides}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="{CELL_MARGIN}" w:type="dxa"/>'
        f'<w:bottom w:w="28" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/>'
        "</w:tblCellMar>"
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
    )


def _head_cell(
    width: int, span: int, merge: str, text: str | None, style: str, fill: str = HEAD_FILL
) -> str:
    grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    vmerge = {"restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}.get(merge, "")
    content = f"<w:r>{text_xml(text)}</w:r>" if text else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid}{vmerge}'
        f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/><w:vAlign w:val="center"/>'
        f'</w:tcPr><w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{content}</w:p></w:tc>'
    )


def _header_rows(table: Table, widths: list[int], style: str, font_pt: float) -> list[str]:
    """Header rows with gridSpan and vMerge, laid on the column grid.

    Each row gets a minimum height large enough for the merged cells that end in it:
    LibreOffice clips the text of a vertically merged cell that is taller than its rows.
    """
    n = len(widths)
    covered: dict[tuple[int, int], int] = {}  # (row, col) -> colspan continuing from above
    needs: list[tuple[int, int, int]] = []  # (first row, rowspan, lines of text)
    rows = []
    for r, header_row in enumerate(table.header):
        cells, c, pending = [], 0, list(header_row)
        while c < n:
            if (r, c) in covered:
                span = covered[(r, c)]
                cells.append(_head_cell(sum(widths[c : c + span]), span, "continue", None, style))
                c += span
                continue
            if not pending:
                raise ValueError(f"{table.caption}: header row {r + 1} covers {c} of {n} columns")
            cell = pending.pop(0)
            if c + cell.colspan > n:
                raise ValueError(f"{table.caption}: header cell {cell.text!r} overflows the grid")
            for dr in range(1, cell.rowspan):
                covered[(r + dr, c)] = cell.colspan
            merge = "restart" if cell.rowspan > 1 else ""
            width = sum(widths[c : c + cell.colspan])
            cells.append(_head_cell(width, cell.colspan, merge, cell.text, style))
            needs.append((r, cell.rowspan, wrapped_lines(cell.text, width, font_pt)))
            c += cell.colspan
        if pending:
            raise ValueError(f"{table.caption}: header row {r + 1} has more cells than columns")
        rows.append("".join(cells))
    lines = header_row_lines(needs, len(rows))
    return [
        _head_tr(count, font_pt) + cells + "</w:tr>"
        for count, cells in zip(lines, rows, strict=True)
    ]


def header_row_lines(needs: list[tuple[int, int, int]], count: int) -> list[int]:
    """Lines per header row so that every cell fits: single-row cells first, then each merged
    cell adds what its rows still lack to its last row. `needs`: (first row, rowspan, lines)."""
    lines = [1] * count
    for first, rowspan, needed in sorted(needs, key=lambda need: need[1]):
        last = min(first + rowspan, count) - 1
        lines[last] += max(0, needed - sum(lines[first : last + 1]))
    return lines


def _head_tr(lines: int = 0, font_pt: float = 0.0) -> str:
    """A repeated header row; with `lines`, at least that many lines of `font_pt` high."""
    height = ""
    if lines:
        twips = round(lines * font_pt * 20 * LINE_FACTOR) + 2 * 28
        height = f'<w:trHeight w:val="{twips}" w:hRule="atLeast"/>'
    return f"<w:tr><w:trPr><w:cantSplit/>{height}<w:tblHeader/></w:trPr>"


def _numbering_row(widths: list[int], style: str) -> str:
    cells = "".join(
        _head_cell(w, 1, "", f"({i})", style, NUMBERING_FILL) for i, w in enumerate(widths, 1)
    )
    return _head_tr() + cells + "</w:tr>"


def _placeholder_row(message: str, width: int, columns: int, style: str) -> str:
    grid = f'<w:gridSpan w:val="{columns}"/>' if columns > 1 else ""
    return (
        f'<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>'
        f'{grid}</w:tcPr><w:p><w:pPr><w:pStyle w:val="{style}"/><w:jc w:val="center"/></w:pPr>'
        f"<w:r><w:rPr><w:i/></w:rPr>{text_xml(message)}</w:r></w:p></w:tc></w:tr>"
    )


_RUN_PLAIN = '<w:r><w:t xml:space="preserve">'
_RUN_BOLD = '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">'
_CELL_END = "</w:t></w:r></w:p></w:tc>"


def _lone_section(table: Table, row: BodyRow) -> bool:
    """A SECTION row given as one label without spans: it spans the whole table."""
    return (
        row.style is Style.SECTION
        and not row.spans
        and len(row.cells) == 1
        and len(table.columns) > 1
    )


def cell_spans(table: Table, row: BodyRow) -> tuple[int, ...]:
    """The column span of each cell of `row` (shared with the XLSX table workbook)."""
    if _lone_section(table, row):
        return (len(table.columns),)
    return row.spans or (1,) * len(row.cells)


def _distinct_texts(table: Table, texts: Sequence[Sequence[str]]) -> list[set[str]]:
    """Per column, the different texts of its unspanned body cells ."""
    distinct: list[set[str]] = [set() for _ in table.columns]
    for row, cells in zip(table.rows, texts, strict=True):
        if not row.spans and len(cells) == len(distinct):
            for values, value in zip(distinct, cells, strict=True):
                values.add(value)
            continue
        col = 0
        for span, value in zip(cell_spans(table, row), cells, strict=False):
            if span == 1:
                distinct[col].add(value)
            col += span
    return distinct


def _minimum_widths(
    table: Table, distinct: list[set[str]], font_pt: float, unit_chars: int | None = UNIT_CHARS
) -> list[int]:
    """Per column, the width of its longest unbreakable word (header and body, unspanned)."""
    longest = [
        _longest_of(values, column.format, unit_chars)
        for values, column in zip(distinct, table.columns, strict=True)
    ]
    header_words: list[list[str]] = [[] for _ in table.columns]
    for header_row, positions in zip(table.header, header_positions(table), strict=True):
        for cell, col in zip(header_row, positions, strict=True):
            if cell.colspan == 1 and col < len(header_words):
                header_words[col] += BREAKS.split(cell.text)
    first_text = table.hierarchy_column
    indent = max((row.level for row in table.rows), default=0) * INDENT_PER_LEVEL
    widths = []
    for col, word in enumerate(longest):
        candidates = [word, *header_words[col], f"({len(table.columns)})"]
        width = max(text_width(w, font_pt) for w in candidates) + CELL_PADDING
        widths.append(width + (indent if col == first_text else 0))
    return widths


def _longest_of(values: set[str], format: Format, unit_chars: int | None) -> str:
    """The longest unbreakable word among `values` (a word is never longer than its text, so
    the longest texts are tried first and the search stops early)."""
    best = ""
    for value in sorted(values, key=lambda v: (-len(v), v)):  # a set's order varies per run
        if len(value) <= len(best):
            break
        word = longest_word(value, format, unit_chars)
        if len(word) > len(best):
            best = word
    return best


def header_positions(table: Table) -> list[list[int]]:
    """The starting grid column of every header cell (shared with the XLSX table workbook)."""
    covered: set[tuple[int, int]] = set()
    positions = []
    for r, header_row in enumerate(table.header):
        row_positions, c = [], 0
        for cell in header_row:
            while (r, c) in covered:
                c += 1
            row_positions.append(c)
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    covered.add((r + dr, c + dc))
            c += cell.colspan
        positions.append(row_positions)
    return positions


def _cell_body(value: str) -> str:
    if "\n" in value or "\t" in value or ILLEGAL_XML.search(value):
        return text_xml(value)[len('<w:t xml:space="preserve">') : -len("</w:t>")]
    return escape(value)


def _body_rows(
    table: Table, texts: Sequence[Sequence[str]], widths: list[int], small: bool
) -> list[str]:
    """All body rows, one XML string per row; the hot loop of the renderer."""
    text_style = S_CELL_TEXT_SMALL if small else S_CELL_TEXT
    number_style = S_CELL_NUMBER_SMALL if small else S_CELL_NUMBER
    styles = [number_style if c.numeric else text_style for c in table.columns]
    first_text = table.hierarchy_column
    openings = _CellOpenings(widths, styles, first_text)
    ncols = len(widths)
    illegal = ILLEGAL_XML
    out: list[str] = []  # one string per row: the document is streamed, never joined whole
    append = out.append
    for row, cells in zip(table.rows, texts, strict=True):
        simple = (
            (row.style is Style.NORMAL or row.style is Style.BOLD)
            and not row.spans
            and len(cells) == ncols
        )
        if not simple:
            append(_complex_row(table, row, cells, widths, styles, first_text))
            continue
        run_open = _RUN_BOLD if row.style is Style.BOLD else _RUN_PLAIN
        joined = "\x00".join(cells)  # NUL never survives: it is XML-illegal
        if "\n" in joined or "\t" in joined or illegal.search(joined.replace("\x00", "")):
            bodies = [_cell_body(value) for value in cells]
        else:
            bodies = escape(joined).split("\x00")
        parts = [
            opening + run_open + body + _CELL_END
            for opening, body in zip(openings.at(row.level), bodies, strict=True)
        ]
        append("<w:tr><w:trPr><w:cantSplit/></w:trPr>" + "".join(parts) + "</w:tr>")
    return out


class _CellOpenings:
    """Cell openings per column, up to the run text, for each indentation level: the fast path
    of plain rows (indentation only changes the hierarchy column's paragraph)."""

    def __init__(self, widths: list[int], styles: list[str], hierarchy: int | None):
        self._widths, self._styles, self._hierarchy = widths, styles, hierarchy
        self._by_level: dict[int, list[str]] = {}

    def at(self, level: int) -> list[str]:
        if level not in self._by_level:
            self._by_level[level] = [
                f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>'
                f'<w:p><w:pPr><w:pStyle w:val="{s}"/>{self._indent(level, col)}</w:pPr>'
                for col, (w, s) in enumerate(zip(self._widths, self._styles, strict=True))
            ]
        return self._by_level[level]

    def _indent(self, level: int, col: int) -> str:
        if level and col == self._hierarchy:
            return f'<w:ind w:left="{level * INDENT_PER_LEVEL}"/>'
        return ""


def _complex_row(
    table: Table,
    row: BodyRow,
    cells: Sequence[str],
    widths: list[int],
    styles: list[str],
    first_text: int | None,
) -> str:
    """A row with spans, indentation, a total or a section label."""
    bold = row.style in (Style.BOLD, Style.TOTAL, Style.SECTION)
    fill = TOTAL_FILL if row.style is Style.TOTAL else None
    spans = cell_spans(table, row)
    text_style = styles[first_text] if first_text is not None else styles[0]
    parts, col = [], 0
    for span, value in zip(spans, cells, strict=True):
        width = sum(widths[col : col + span])
        style = styles[col] if span == 1 else text_style
        indent = ""
        if row.level and col == first_text:
            indent = f'<w:ind w:left="{row.level * INDENT_PER_LEVEL}"/>'
        grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
        shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
        rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
        parts.append(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid}{shd}</w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{indent}</w:pPr>'
            f'<w:r>{rpr}<w:t xml:space="preserve">{_cell_body(value)}</w:t></w:r></w:p></w:tc>'
        )
        col += span
    if col != len(widths):
        raise ValueError(f"{table.caption}: row {row.key!r} spans {col} of {len(widths)} columns")
    return "<w:tr><w:trPr><w:cantSplit/></w:trPr>" + "".join(parts) + "</w:tr>"
