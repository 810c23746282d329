"""`renstra diff --format docx`: the changed tables as a DOCX with Word tracked changes.

For each changed table the DOCX holds its header and only the rows that changed. A changed cell
holds the old text as a deletion and the new text as an insertion (`<w:del>`/`<w:ins>`); other
cells are plain. Added rows are insertions (also marked in `w:trPr`), removed rows deletions.
Reviewers accept or reject each change in Word or LibreOffice. Every revision mark has the
author "renstra diff", a fixed date and a unique id; the file bytes are deterministic. The
findings reported beside the comparison (each side's galat, warnings of one side only) close
the document as plain lines.

The tables go through the document's own writer (render/tablexml.py) and layout (tableplan.py):
the same styles, header merging, cell margins, paper and orientation rules, column parts and
width rules as the Renstra itself. Widths are measured on the rows shown (the old and the new
text of each cell), and an excerpt is never treated as a short table.
"""

from __future__ import annotations

from pathlib import Path

from ..atomic import write_bytes
from ..render.docx import REFERENCE_DOCX, Body, add_numbering_and_settings, page_number_footer
from ..render.numbering import Numbering
from ..render.package import DOCUMENT_TAIL, Package, Properties, document_head, read_reference
from ..render.page import paper
from ..render.tablexml import Marks
from ..render.wordml import BREAK, FIXED_DATE, S_FRONT_TITLE, esc, paragraph, quoted, run
from ..tables.model import BodyRow, Column, Document, Format, Table
from .compare import ADDED, CHANGED, REMOVED, CellChange, DiffResult, RowDiff, TableDiff
from .report import FINDINGS_TITLE, finding_lines

AUTHOR = "renstra diff"
DATE = "2021-01-01T00:00:00Z"
TITLE = "Perubahan Tabel Renstra"


class _Ids:
    """Unique w:id values for revision marks, in the order they are written."""

    def __init__(self) -> None:
        self.last = 0

    def mark(self) -> str:
        self.last += 1
        return f'w:id="{self.last}" w:author={quoted(AUTHOR)} w:date="{DATE}"'


def tracked_docx(
    result: DiffResult, paper_name: str = "A4", reference: Path = REFERENCE_DOCX
) -> bytes:
    """The DOCX bytes: a title, then for each table its caption and tracked table."""
    package = Package(read_reference(reference.read_bytes()))
    numbering = Numbering()
    body = Body(
        Document(),
        paper(paper_name),
        package,
        numbering,
        package.add_footer(page_number_footer()),
        None,
    )
    body.add_text(paragraph(S_FRONT_TITLE, run(TITLE)))
    body.add_text(paragraph(None, run(_intro(result))))
    if not result.changed:
        body.add_text(paragraph(None, run("Tidak ada perbedaan.")))
    ids = _Ids()
    for table in result.tables:
        caption = run(table.caption) + BREAK + run(table.title)
        if not table.rows:
            body.add_text(paragraph("Caption", caption))
        for line in _notes(table):
            body.add_text(paragraph(None, run(line)))
        if table.rows:
            body.place_table(_as_table(table), [], _marks(table, ids), caption)
    if result.findings:  # beside the tables, as in the text and Markdown reports
        body.add_text(paragraph(None, run(FINDINGS_TITLE + ":")))
        for line in finding_lines(result):
            body.add_text(paragraph(None, run(line)))
    add_numbering_and_settings(package, numbering, update_fields=False)
    props = Properties(TITLE, f"Revisi {result.old} -> {result.new}", AUTHOR, "", FIXED_DATE)
    return package.write([document_head(), *body.finish({}), DOCUMENT_TAIL], props)


def _intro(result: DiffResult) -> str:
    return (
        f"Revisi lama: {result.old}; revisi baru: {result.new}. Setiap perubahan ditandai sebagai "
        "lacak perubahan (track changes): terima atau tolak di Word atau LibreOffice."
    )


def write_tracked(path: Path, result: DiffResult, paper_name: str = "A4") -> None:
    write_bytes(path, tracked_docx(result, paper_name))


def _notes(table: TableDiff) -> list[str]:
    status = {
        ADDED: "Tabel baru (seluruh baris disisipkan).",
        REMOVED: "Tabel dihapus (seluruh baris dihapus).",
    }
    lines = [status[table.status]] if table.status in status else []
    if table.old_title is not None:
        lines.append(f"Judul lama: {table.old_title}")
    lines += [f"Kolom baru: {c}" for c in table.columns_added]
    lines += [f"Kolom dihapus: {c}" for c in table.columns_removed]
    return lines


# ---------------------------------------------------------------- the table and its marks


def _as_table(diff: TableDiff) -> Table:
    """The rows shown, as a neutral table: each cell the text it holds (old and new)."""
    columns = tuple(
        Column(label, Format.NUMBER if _numeric(diff, i) else Format.TEXT, _width(diff, i))
        for i, label in enumerate(diff.labels)
    )
    rows = tuple(BodyRow(row.key, _shown(diff, row)) for row in diff.rows)
    return Table(diff.number, diff.title, columns, diff.header, rows)


def _numeric(diff: TableDiff, index: int) -> bool:
    return index < len(diff.numeric) and diff.numeric[index]


def _width(diff: TableDiff, index: int) -> float:
    return diff.widths[index] if index < len(diff.widths) else 1.0


def _shown(diff: TableDiff, row: RowDiff) -> tuple[str, ...]:
    texts = row.old_texts if row.status == REMOVED else row.new_texts
    changed = {cell.column: cell for cell in row.cells}
    shown = []
    for i, label in enumerate(diff.labels):
        text = texts[i] if i < len(texts) else ""
        change = changed.get(label)
        shown.append(f"{change.old} {change.new}".strip() if change else text)
    return tuple(shown)


def _marks(diff: TableDiff, ids: _Ids) -> Marks:
    def cell(index: int, column: int) -> str:
        row = diff.rows[index]
        changed = {c.column: c for c in row.cells}
        return _cell_runs(row, column, changed.get(diff.labels[column]), ids)

    def row_marks(index: int) -> str:
        status = diff.rows[index].status
        if status == ADDED:
            return f"<w:ins {ids.mark()}/>"
        if status == REMOVED:
            return f"<w:del {ids.mark()}/>"
        return ""

    return Marks(cell, row_marks)


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


def _run(text: str, deleted: bool = False) -> str:
    if not text:
        return ""
    tag = "w:delText" if deleted else "w:t"
    return f'<w:r><{tag} xml:space="preserve">{esc(text)}</{tag}></w:r>'
