"""WordprocessingML written as strings: tables, paragraphs, sections and the deterministic re-zip.

Large tables are never held by lxml or python-docx (see shared/notes/docx-performance.md): each
table becomes one string that `render.docx` splices into word/document.xml at save time. Every
piece of text goes through `esc`, which drops XML-illegal characters and escapes `& < >`.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape

from ..tables.model import BodyRow, Format, Style, Table

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FIXED_DATE = datetime(2021, 1, 1)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

# Paragraph style ids defined by templates/reference.docx (render/reference.py).
S_COVER, S_COVER_SMALL, S_FRONT_TITLE = "Sampul", "SampulAlamat", "JudulDepan"
S_TABLE_OF_FIGURES, S_LIST, S_NOTE = "TableofFigures", "Daftar", "CatatanTabel"
S_FIGURE, S_FIGURE_BOX = "Gambar", "KotakGambar"
S_CELL_TEXT, S_CELL_NUMBER, S_CELL_HEAD = "TabelTeks", "TabelAngka", "TabelKepala"
S_CELL_TEXT_SMALL, S_CELL_NUMBER_SMALL, S_CELL_HEAD_SMALL = (
    "TabelTeksKecil",
    "TabelAngkaKecil",
    "TabelKepalaKecil",
)
REQUIRED_STYLES = (
    "Normal",
    "Heading1",
    "Heading2",
    "Heading3",
    "Heading4",
    "Caption",
    "TOC1",
    "TOC2",
    "TOC3",
    "Footer",
    S_COVER,
    S_COVER_SMALL,
    S_FRONT_TITLE,
    S_TABLE_OF_FIGURES,
    S_LIST,
    S_NOTE,
    S_FIGURE,
    S_FIGURE_BOX,
    S_CELL_TEXT,
    S_CELL_NUMBER,
    S_CELL_HEAD,
    S_CELL_TEXT_SMALL,
    S_CELL_NUMBER_SMALL,
    S_CELL_HEAD_SMALL,
)

HEAD_FILL, NUMBERING_FILL, TOTAL_FILL = "D9D9D9", "F2F2F2", "F2F2F2"
INDENT_PER_LEVEL = 142  # twips, 0.25 cm
SMALL_FONT_COLUMNS = 12  # tables with more columns use the small cell styles
SMALL_FONT_PT = 6.0  # the 18-column T-C.27 matrix fits A4 landscape only at this size
WIDTH_SAFETY = 1.05  # renderers differ slightly from the Arial metrics used here
LINE_FACTOR = 1.17  # line height / font size of single-spaced Arial
UNIT_CHARS = 8  # unit words up to this length stay whole in quantity columns
CELL_MARGIN = 40  # left and right cell margin, twips (0.07 cm)
TWIPS_PER_CM = 1440 / 2.54
EMU_PER_TWIP = 635


@dataclass(frozen=True)
class Page:
    """Page size and margins in twips."""

    width: int
    height: int
    top: int
    bottom: int
    left: int
    right: int
    header: int = 709
    footer: int = 709

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    @property
    def usable_width(self) -> int:
        return self.width - self.left - self.right


PORTRAIT = Page(11906, 16838, top=1418, bottom=1418, left=1701, right=1418)  # A4
LANDSCAPE = Page(16838, 11906, top=1134, bottom=1134, left=567, right=567)

_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def esc(text: str) -> str:
    """Text safe inside `<w:t>`: XML-illegal characters removed, `& < >` escaped."""
    return escape(_ILLEGAL.sub("", text))


def text_xml(text: str) -> str:
    """`<w:t>` content for one run; newlines become line breaks, tabs become tabs."""
    body = esc(text)
    if "\n" in body:
        body = body.replace("\n", '</w:t><w:br/><w:t xml:space="preserve">')
    if "\t" in body:
        body = body.replace("\t", '</w:t><w:tab/><w:t xml:space="preserve">')
    return f'<w:t xml:space="preserve">{body}</w:t>'


def run(text: str, bold: bool = False, italic: bool = False, size_pt: float | None = None) -> str:
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    if size_pt:
        half = round(size_pt * 2)
        props += f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{rpr}{text_xml(text)}</w:r>"


def paragraph(style: str | None, content: str, extra_ppr: str = "") -> str:
    pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
    ppr = pstyle + extra_ppr
    return f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{content}</w:p>"


def sect_pr(
    page: Page,
    footer_default: str,
    footer_first: str | None = None,
    page_start: int | None = None,
    page_format: str | None = None,
) -> str:
    """A section's properties; every section names its footer explicitly."""
    refs = f'<w:footerReference w:type="default" r:id="{footer_default}"/>'
    if footer_first:
        refs += f'<w:footerReference w:type="first" r:id="{footer_first}"/>'
    orient = ' w:orient="landscape"' if page.landscape else ""
    numbering = ""
    if page_start is not None or page_format:
        fmt = f' w:fmt="{page_format}"' if page_format else ""
        start = f' w:start="{page_start}"' if page_start is not None else ""
        numbering = f"<w:pgNumType{fmt}{start}/>"
    title_pg = "<w:titlePg/>" if footer_first else ""
    return (
        f'<w:sectPr>{refs}<w:pgSz w:w="{page.width}" w:h="{page.height}"{orient}/>'
        f'<w:pgMar w:top="{page.top}" w:right="{page.right}" w:bottom="{page.bottom}" '
        f'w:left="{page.left}" w:header="{page.header}" w:footer="{page.footer}" w:gutter="0"/>'
        f'{numbering}<w:cols w:space="708"/>{title_pg}<w:docGrid w:linePitch="360"/></w:sectPr>'
    )


def scale_widths(weights: list[float], total: int) -> list[int]:
    """Integer twips proportional to `weights`, summing exactly to `total`."""
    positive = [w if w > 0 else 0.0 for w in weights]
    weight_sum = sum(positive)
    if weight_sum <= 0:
        positive, weight_sum = [1.0] * len(weights), float(len(weights))
    widths = [int(total * w / weight_sum) for w in positive]
    widths[-1] += total - sum(widths)
    return widths


def fit_widths(
    weights: list[float], total: int, minimums: list[int], keep: list[bool] | None = None
) -> list[int]:
    """Widths proportional to `weights` but never below `minimums` when the page allows.

    When it does not, the columns marked in `keep` (numbers, which must not break) keep their
    minimum and the others share what is left in proportion to their minimums.
    """
    if sum(minimums) >= total:
        keep = keep or [False] * len(weights)
        kept = sum(m for m, k in zip(minimums, keep, strict=True) if k)
        if not any(keep) or kept >= total:
            return scale_widths([float(m) for m in minimums], total)
        factor = (total - kept) / (sum(minimums) - kept)
        return scale_widths(
            [float(m if k else m * factor) for m, k in zip(minimums, keep, strict=True)], total
        )
    return scale_widths(_grow(weights, total, minimums, keep), total)


NUMBER_GROWTH = 0.25  # a number column grows at most 25 % beyond its minimum; text takes the rest


def _grow(
    weights: list[float], total: int, minimums: list[int], keep: list[bool] | None
) -> list[float]:
    """Number columns get their weighted share, capped at 25 % above their minimum; the text
    columns share the rest by weight, never below their minimum."""
    numeric = keep or [False] * len(weights)
    if all(numeric):
        numeric = [False] * len(weights)
    weight_sum = sum(max(w, 0.0) for w in weights) or 1.0
    exact = [0.0] * len(weights)
    for i, is_number in enumerate(numeric):
        if is_number:
            share = total * max(weights[i], 0.0) / weight_sum
            exact[i] = min(max(share, minimums[i]), minimums[i] * (1 + NUMBER_GROWTH))
    text = [i for i, is_number in enumerate(numeric) if not is_number]
    pinned: dict[int, float] = {}
    while True:
        free = [i for i in text if i not in pinned]
        room = total - sum(exact) - sum(pinned.values())
        free_sum = sum(max(weights[i], 0.0) for i in free) or float(len(free) or 1)
        shares = {i: room * (max(weights[i], 0.0) or free_sum / len(free)) / free_sum for i in free}
        short = [i for i in free if shares[i] < minimums[i]]
        if not short:
            break
        pinned.update({i: float(minimums[i]) for i in short})
    for i in text:
        exact[i] = pinned.get(i, shares.get(i, 0.0))
    return exact


# Arial Bold advance widths in 1/1000 em (a conservative bound for regular text too).
_LOWER = (
    556,
    611,
    556,
    611,
    556,
    333,
    611,
    611,
    278,
    278,
    556,
    278,
    889,
    611,
    611,
    611,
    611,
    389,
    556,
    333,
    611,
    556,
    778,
    556,
    556,
    500,
)
_UPPER = (
    722,
    722,
    722,
    722,
    667,
    611,
    778,
    722,
    278,
    556,
    722,
    611,
    833,
    722,
    778,
    667,
    778,
    722,
    667,
    611,
    722,
    667,
    944,
    667,
    667,
    611,
)
_ADVANCE = {
    **{chr(97 + i): w for i, w in enumerate(_LOWER)},
    **{chr(65 + i): w for i, w in enumerate(_UPPER)},
    **dict.fromkeys("0123456789", 556),
    **dict.fromkeys(" .,/:;!|'", 278),
    **dict.fromkeys("-()[]", 333),
    "%": 889,
}


def text_width(text: str, font_pt: float) -> int:
    """Estimated width of `text` in twips, set in bold Arial at `font_pt`."""
    ems = sum(_ADVANCE.get(char, 600) for char in text) / 1000
    return round(ems * font_pt * 20 * WIDTH_SAFETY)


_BREAKS = re.compile(r"(?<=[/-])|\s+")


def _longest_word(text: str, format: Format = Format.TEXT) -> str:
    """The longest piece of `text` a line cannot break (breaks at spaces, after / and -).

    In a quantity ('75 penyelenggara') only the number must not break: the unit may wrap.
    """
    if text.isdigit():
        return text
    words = _BREAKS.split(text)
    if format is Format.QUANTITY:  # a unit word may wrap, but short ones should not break
        words = [w if any(ch.isdigit() for ch in w) else w[:UNIT_CHARS] for w in words]
    return max(words, key=len)


# -- tables -------------------------------------------------------------------------------------


def caption_xml(label: str, title: str) -> str:
    """'Tabel 6.2' and, on the next line, the title: one Caption paragraph (keepNext)."""
    content = run(label) + "<w:r><w:br/></w:r>" + run(title)
    return paragraph("Caption", content)


def notes_xml(table_notes: list[str]) -> list[str]:
    """The small paragraphs under a table or figure; an empty spacer when there are none."""
    if not table_notes:
        return [paragraph(S_NOTE, "")]
    return [paragraph(S_NOTE, run(note)) for note in table_notes]


def table_notes(table: Table) -> list[str]:
    notes = [table.source_note] if table.source_note else []
    return notes + list(table.notes)


def table_xml(table: Table, usable_width: int) -> list[str]:
    """The `<w:tbl>` of `table` as XML pieces (one per row), sized to `usable_width` twips."""
    small = len(table.columns) > SMALL_FONT_COLUMNS
    texts = table.texts
    minimums = _minimum_widths(table, texts, SMALL_FONT_PT if small else 8.0)
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
        parts += _body_rows(table, texts, widths, small)
    else:
        text_style = S_CELL_TEXT_SMALL if small else S_CELL_TEXT
        message = table.placeholder or "Data belum tersedia."
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
    lines = _row_lines(needs, len(rows))
    return [
        _head_tr(count, font_pt) + cells + "</w:tr>"
        for count, cells in zip(lines, rows, strict=True)
    ]


def _row_lines(needs: list[tuple[int, int, int]], count: int) -> list[int]:
    """Lines per header row so that every cell fits: single-row cells first, then each merged
    cell adds what its rows still lack to its last row."""
    lines = [1] * count
    for first, rowspan, needed in sorted(needs, key=lambda need: need[1]):
        last = min(first + rowspan, count) - 1
        lines[last] += max(0, needed - sum(lines[first : last + 1]))
    return lines


def wrapped_lines(text: str, width: int, font_pt: float) -> int:
    """How many lines `text` takes in a cell `width` twips wide (greedy word wrap)."""
    room = max(width - _CELL_PADDING, 1)
    count, used = 1, 0
    space = text_width(" ", font_pt)
    for word in _BREAKS.split(text):
        if not word:
            continue
        size = text_width(word, font_pt)
        if used and used + space + size > room:
            count, used = count + 1, 0
        used += size + (space if used else 0)
        count += max(0, -(-size // room) - 1)  # a word wider than the cell breaks
    return count


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
_CELL_PADDING = 2 * CELL_MARGIN + 20  # left and right cell margins plus slack, twips


def _lone_section(table: Table, row: BodyRow) -> bool:
    """A SECTION row given as one label without spans: it spans the whole table."""
    return (
        row.style is Style.SECTION
        and not row.spans
        and len(row.cells) == 1
        and len(table.columns) > 1
    )


def _spans(table: Table, row: BodyRow) -> tuple[int, ...]:
    if _lone_section(table, row):
        return (len(table.columns),)
    return row.spans or (1,) * len(row.cells)


def _minimum_widths(table: Table, texts: Sequence[Sequence[str]], font_pt: float) -> list[int]:
    """Per column, the width of its longest unbreakable word (header and body, unspanned)."""
    distinct: list[set[str]] = [set() for _ in table.columns]
    for row, cells in zip(table.rows, texts, strict=True):
        if not row.spans and len(cells) == len(distinct):
            for values, value in zip(distinct, cells, strict=True):
                values.add(value)
            continue
        col = 0
        for span, value in zip(_spans(table, row), cells, strict=False):
            if span == 1:
                distinct[col].add(value)
            col += span
    longest = [
        _longest_of(values, column.format)
        for values, column in zip(distinct, table.columns, strict=True)
    ]
    header_words: list[list[str]] = [[] for _ in table.columns]
    for header_row, positions in zip(table.header, _header_positions(table), strict=True):
        for cell, col in zip(header_row, positions, strict=True):
            if cell.colspan == 1 and col < len(header_words):
                header_words[col] += _BREAKS.split(cell.text)
    first_text = table.hierarchy_column
    indent = max((row.level for row in table.rows), default=0) * INDENT_PER_LEVEL
    widths = []
    for col, word in enumerate(longest):
        candidates = [word, *header_words[col], f"({len(table.columns)})"]
        width = max(text_width(w, font_pt) for w in candidates) + _CELL_PADDING
        widths.append(width + (indent if col == first_text else 0))
    return widths


def _longest_of(values: set[str], format: Format) -> str:
    """The longest unbreakable word among `values` (a word is never longer than its text, so
    the longest texts are tried first and the search stops early)."""
    best = ""
    for value in sorted(values, key=lambda v: (-len(v), v)):  # a set's order varies per run
        if len(value) <= len(best):
            break
        word = _longest_word(value, format)
        if len(word) > len(best):
            best = word
    return best


def _header_positions(table: Table) -> list[list[int]]:
    """The starting grid column of every header cell."""
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
    if "\n" in value or "\t" in value or _ILLEGAL.search(value):
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
    illegal = _ILLEGAL
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
    spans = _spans(table, row)
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


# -- figures ------------------------------------------------------------------------------------


def png_size(png: bytes) -> tuple[int, int]:
    """Pixel width and height from a PNG header."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("figure image is not a PNG")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def drawing_xml(rel_id: str, shape_id: int, width_twips: int, px: tuple[int, int]) -> str:
    """An inline picture run of `width_twips`, keeping the image's aspect ratio."""
    cx = width_twips * EMU_PER_TWIP
    cy = round(cx * px[1] / px[0])
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    pic = "http://schemas.openxmlformats.org/drawingml/2006/picture"
    wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    return (
        f'<w:r><w:drawing><wp:inline xmlns:wp="{wp}" distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{shape_id}" name="Gambar {shape_id}"/>'
        f'<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="{a}" noChangeAspect="1"/>'
        f'</wp:cNvGraphicFramePr><a:graphic xmlns:a="{a}"><a:graphicData uri="{pic}">'
        f'<pic:pic xmlns:pic="{pic}"><pic:nvPicPr><pic:cNvPr id="{shape_id}" '
        f'name="gambar{shape_id}.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>'
        f'<a:blip r:embed="{rel_id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData>'
        f"</a:graphic></wp:inline></w:drawing></w:r>"
    )


# -- package ------------------------------------------------------------------------------------


def rezip(package: bytes, replacements: Mapping[str, bytes | Iterable[str]]) -> bytes:
    """Re-zip `package` in its own part order with fixed dates and attributes (deterministic).

    A replacement given as strings is encoded and compressed piece by piece, so a large
    document.xml is never held whole in memory (zlib's output does not depend on the pieces).
    """
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = replacements.get(info.filename)
            if data is None:
                data = source.read(info.filename)
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0o644 << 16
            if isinstance(data, bytes):
                target.writestr(entry, data, compresslevel=6)
            else:
                _write_stream(target, entry, data)
    return out.getvalue()


STREAM_BATCH = 1 << 20  # characters encoded and compressed at a time


def _write_stream(target: zipfile.ZipFile, entry: zipfile.ZipInfo, pieces: Iterable[str]) -> None:
    entry._compresslevel = 6  # type: ignore[attr-defined]  # what writestr() sets
    with target.open(entry, "w") as stream:
        batch: list[str] = []
        size = 0
        for piece in pieces:
            batch.append(piece)
            size += len(piece)
            if size >= STREAM_BATCH:
                stream.write("".join(batch).encode("utf-8"))
                batch, size = [], 0
        stream.write("".join(batch).encode("utf-8"))
