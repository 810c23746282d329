"""`renstra diff --format docx`: the changed tables as a DOCX with Word tracked changes.

For each changed table the DOCX holds its header and only the rows that changed. A changed cell
holds the old text as a deletion and the new text as an insertion (`<w:del>`/`<w:ins>`); other
cells are plain. Added rows are insertions (also marked in `w:trPr`), removed rows deletions.
Reviewers accept or reject each change in Word or LibreOffice. Every revision mark has the
author "renstra diff", a fixed date and a unique id; the file bytes are deterministic.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.oxml import parse_xml
from docx.shared import Cm

from ..diff import ADDED, CHANGED, REMOVED, CellChange, DiffResult, RowDiff, TableDiff
from ..tables.model import HeaderCell
from .layout import fit_widths, text_width

AUTHOR = "renstra diff"
DATE = "2021-01-01T00:00:00Z"
FIXED = datetime(2021, 1, 1)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PAGE_WIDTH_TWIPS = 15137  # landscape A4 (29,7 cm) minus 1,5 cm margins
FONT_HALF_POINTS = 14  # 7 pt: Tabel 6.2 has 18 columns
HEAD_FILL = "D9D9D9"
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
FONT = '<w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/>'  # widths assume Arial
CELL_MARGIN = 57  # twips (0,1 cm) left and right in every cell
CELL_PADDING = 2 * CELL_MARGIN + 40  # the margins and a little air


class _Ids:
    """Unique w:id values for revision marks, in document order."""

    def __init__(self) -> None:
        self.last = 0

    def mark(self) -> str:
        self.last += 1
        return f'w:id="{self.last}" w:author={quoteattr(AUTHOR)} w:date="{DATE}"'


def tracked_docx(result: DiffResult) -> bytes:
    """The DOCX bytes: a title, then for each table its caption and tracked table."""
    document = new_docx()
    _setup(document)
    document.add_heading("Perubahan Tabel Renstra", level=1)
    document.add_paragraph(
        f"Revisi lama: {result.old}; revisi baru: {result.new}. Setiap perubahan ditandai "
        "sebagai lacak perubahan (track changes): terima atau tolak di Word atau LibreOffice."
    )
    if not result.changed:
        document.add_paragraph("Tidak ada perbedaan.")
    ids = _Ids()
    body = document.element.body
    for table in result.tables:
        document.add_heading(f"{table.caption} {_clean(table.title)}", level=2)
        for line in _notes(table):
            document.add_paragraph(line)
        if table.rows:
            body.insert(len(body) - 1, parse_xml(table_xml(table, ids)))
            document.add_paragraph("")
    buffer = io.BytesIO()
    document.save(buffer)
    return _deterministic_zip(buffer.getvalue())


def write_tracked(path: Path, result: DiffResult) -> None:
    from ..atomic import write_bytes

    write_bytes(path, tracked_docx(result))


def _setup(document) -> None:  # noqa: ANN001 - python-docx Document
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    props = document.core_properties
    props.author = props.last_modified_by = AUTHOR
    props.title = "Perubahan Tabel Renstra"
    props.created = props.modified = FIXED
    props.revision = 1


def _notes(table: TableDiff) -> list[str]:
    status = {
        ADDED: "Tabel baru (seluruh baris disisipkan).",
        REMOVED: "Tabel dihapus (seluruh baris dihapus).",
    }
    lines = [status[table.status]] if table.status in status else []
    if table.old_title is not None:
        lines.append(f"Judul lama: {_clean(table.old_title)}")
    lines += [f"Kolom baru: {_clean(c)}" for c in table.columns_added]
    lines += [f"Kolom dihapus: {_clean(c)}" for c in table.columns_removed]
    return lines


# ---------------------------------------------------------------- table XML


def table_xml(table: TableDiff, ids: _Ids) -> str:
    grid = _grid(table)
    parts = [
        f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{sum(grid)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{CELL_MARGIN}" w:type="dxa"/>'
        f'<w:right w:w="{CELL_MARGIN}" w:type="dxa"/></w:tblCellMar></w:tblPr>',
        "<w:tblGrid>",
        *(f'<w:gridCol w:w="{w}"/>' for w in grid),
        "</w:tblGrid>",
    ]
    parts += list(_header_rows(table.header, grid))
    parts += [_body_row(table, row, grid, ids) for row in table.rows]
    parts.append("</w:tbl>")
    return "".join(parts)


def _grid(table: TableDiff) -> list[int]:
    """Column widths in twips: the document's proportions, numbers never broken."""
    widths = list(table.widths) or [1.0] * len(table.labels)
    minimums = [_minimum(table, i) for i in range(len(widths))]
    numeric = [i < len(table.numeric) and table.numeric[i] for i in range(len(widths))]
    return fit_widths(widths, PAGE_WIDTH_TWIPS, minimums, numeric)


def _minimum(table: TableDiff, index: int) -> int:
    """The widest number (or longest word) in a column, at the cell font size, with padding."""
    texts = [t[index] for r in table.rows for t in (r.old_texts, r.new_texts) if index < len(t)]
    words = [w for text in texts for w in text.split()] or [""]
    return max(text_width(w, FONT_HALF_POINTS / 2) for w in words) + CELL_PADDING


def _header_rows(header: tuple[tuple[HeaderCell, ...], ...], grid: list[int]) -> Iterator[str]:
    starts: dict[tuple[int, int], HeaderCell] = {}
    continued: dict[tuple[int, int], int] = {}  # (row, column) -> colspan of a vMerge below
    taken: set[tuple[int, int]] = set()
    for r, cells in enumerate(header):
        c = 0
        for cell in cells:
            while (r, c) in taken:
                c += 1
            starts[(r, c)] = cell
            for dr in range(cell.rowspan):
                taken.update((r + dr, c + dc) for dc in range(cell.colspan))
                if dr:
                    continued[(r + dr, c)] = cell.colspan
            c += cell.colspan
    for r in range(len(header)):
        yield "<w:tr><w:trPr><w:tblHeader/></w:trPr>"
        c = 0
        while c < len(grid):
            if (r, c) in starts:
                cell = starts[(r, c)]
                merge = '<w:vMerge w:val="restart"/>' if cell.rowspan > 1 else ""
                yield _cell(grid, c, cell.colspan, _run(cell.text, bold=True), merge, head=True)
                c += cell.colspan
            elif (r, c) in continued:
                span = continued[(r, c)]
                yield _cell(grid, c, span, "", "<w:vMerge/>", head=True)
                c += span
            else:
                yield _cell(grid, c, 1, "", "", head=True)
                c += 1
        yield "</w:tr>"


def _body_row(table: TableDiff, row: RowDiff, grid: list[int], ids: _Ids) -> str:
    changed = {cell.column: cell for cell in row.cells}
    marks = ""
    if row.status == ADDED:
        marks = f"<w:trPr><w:ins {ids.mark()}/></w:trPr>"
    elif row.status == REMOVED:
        marks = f"<w:trPr><w:del {ids.mark()}/></w:trPr>"
    cells = []
    for i, label in enumerate(table.labels):
        runs = _cell_runs(row, i, changed.get(label), ids)
        right = i < len(table.numeric) and table.numeric[i]
        cells.append(_cell(grid, i, 1, runs, "", right=right))
    return f"<w:tr>{marks}{''.join(cells)}</w:tr>"


def _cell_runs(row: RowDiff, index: int, change: CellChange | None, ids: _Ids) -> str:
    if row.status == ADDED:
        return _inserted(row.new_texts[index], ids)
    if row.status == REMOVED:
        return _deleted(row.old_texts[index], ids)
    if row.status == CHANGED and change is not None:
        # the space after the old text lets the new one wrap onto its own line
        old = change.old + " " if change.old and change.new else change.old
        return _deleted(old, ids) + _inserted(change.new, ids)
    return _run(row.new_texts[index] if index < len(row.new_texts) else "")


def _inserted(text: str, ids: _Ids) -> str:
    return f"<w:ins {ids.mark()}>{_run(text)}</w:ins>" if text else ""


def _deleted(text: str, ids: _Ids) -> str:
    if not text:
        return ""
    return f"<w:del {ids.mark()}>{_run(text, deleted=True)}</w:del>"


def _run(text: str, bold: bool = False, deleted: bool = False) -> str:
    if not text:
        return ""
    bold_mark = "<w:b/>" if bold else ""
    props = f'<w:rPr>{FONT}{bold_mark}<w:sz w:val="{FONT_HALF_POINTS}"/></w:rPr>'
    tag = "w:delText" if deleted else "w:t"
    return f'<w:r>{props}<{tag} xml:space="preserve">{escape(_clean(text))}</{tag}></w:r>'


def _cell(
    grid: list[int],
    column: int,
    span: int,
    runs: str,
    merge: str,
    head: bool = False,
    right: bool = False,
) -> str:
    width = sum(grid[column : column + span])
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    props += f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    props += merge
    props += f'<w:shd w:val="clear" w:color="auto" w:fill="{HEAD_FILL}"/>' if head else ""
    align = "center" if head else ("right" if right else "left")
    paragraph = f'<w:p><w:pPr><w:jc w:val="{align}"/></w:pPr>{runs}</w:p>'
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraph}</w:tc>"


def _clean(text: str) -> str:
    """Text without the characters XML forbids (spaces kept)."""
    return _ILLEGAL_XML.sub("", text)


def _deterministic_zip(data: bytes) -> bytes:
    """Re-zip with fixed timestamps so the same diff gives the same bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
