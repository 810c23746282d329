"""Write imported rows into the project's workbooks.

Each target sheet is replaced as a whole (header from the schema with the imported years,
formats and drop-downs as `sources/write.py` makes them); a `deklarasi` sheet keeps the rows of
other tables. Every other sheet keeps its content, every other workbook is not touched. A
workbook that does not exist yet is created from the schema. The bytes are deterministic (fixed
document properties and zip times): importing the same file twice gives the same workbook. Each
workbook is saved atomically.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..atomic import write_bytes
from ..config import Config
from ..sources.load import project_schemas
from ..sources.safety import check_file
from ..sources.schema import SheetSchema, WorkbookSchema
from ..sources.write import FIXED_TIME, header_columns, write_sheet
from .output import SheetOutput
from .values import amount

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_EMPTY_SHEET = (
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b"<sheetData/></worksheet>"
)


@dataclass(frozen=True)
class WrittenSheet:
    workbook: str
    sheet: str
    rows: int

    def line(self) -> str:
        return f"ditulis: {self.workbook} › {self.sheet} ({self.rows} baris)"


def write_outputs(config: Config, outputs: Sequence[SheetOutput]) -> list[WrittenSheet]:
    written = []
    for book in project_schemas(config):
        mine = [out for out in outputs if out.book.filename == book.filename]
        if not mine:
            continue
        path = config.source_dir / book.filename
        replaced = {out.sheet.name for out in mine if out.replaces_table is None}
        workbook = _open(path, book, config, replaced)
        for out in mine:
            sheet = book.sheet(out.sheet.name)
            _replace(workbook, sheet, _kept(workbook, out) + out.rows, out.years)
            written.append(WrittenSheet(book.filename, sheet.name, len(out.rows)))
        write_bytes(path, workbook_bytes(workbook))
    return written


def _open(path: Path, book: WorkbookSchema, config: Config, replaced: set[str]) -> Any:
    from openpyxl import Workbook, load_workbook

    if path.exists():
        check_file(path, book.filename)
        return load_workbook(io.BytesIO(_without(path, replaced)))
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in book.sheets:
        years = config.years_of(sheet.year_groups()[0].period) if sheet.year_groups() else ()
        _replace(workbook, sheet, [], years)
    return workbook


def _without(path: Path, replaced: set[str]) -> bytes:
    """The workbook's bytes with the sheets about to be replaced emptied: openpyxl need not
    parse thousands of rows only to drop them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        parts = _sheet_parts(source)
        emptied = {parts[name] for name in replaced if name in parts}
        for info in source.infolist():
            data = _EMPTY_SHEET if info.filename in emptied else source.read(info)
            out.writestr(info, data)
    return buffer.getvalue()


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the zip part holding it (xl/workbook.xml and its relationships)."""
    from defusedxml import ElementTree

    sheets = ElementTree.fromstring(archive.read("xl/workbook.xml")).iter(f"{_MAIN}sheet")
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    parts = {}
    for sheet in sheets:
        target = targets.get(sheet.get(_REL_ID), "")
        parts[sheet.get("name", "")] = (
            target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        )
    return parts


def _replace(workbook: Any, sheet: SheetSchema, rows: list[dict], years: Sequence[int]) -> None:
    index = None
    if sheet.name in workbook.sheetnames:
        index = workbook.sheetnames.index(sheet.name)
        workbook.remove(workbook[sheet.name])
    target = workbook.create_sheet(sheet.name, index)
    columns = header_columns(sheet, {g.prefix: years for g in sheet.year_groups()})
    write_sheet(target, columns, rows)


def _kept(workbook: Any, out: SheetOutput) -> list[dict[str, Any]]:
    """The rows of a deklarasi sheet that belong to other tables (kept as they are)."""
    if out.replaces_table is None or out.sheet.name not in workbook.sheetnames:
        return []
    sheet = workbook[out.sheet.name]
    rows = sheet.iter_rows()
    header = [c.value for c in next(rows, ())]
    kept = []
    for cells in rows:
        row = {h: _stored(c) for h, c in zip(header, cells, strict=False) if h is not None}
        if any(v is not None for v in row.values()) and str(row.get("Tabel")) != out.replaces_table:
            kept.append(row)
    return kept


def _stored(cell: Any) -> Any:
    """A stored value as write.py takes it back (a percentage or a unit from its format)."""
    value, number_format = cell.value, cell.number_format or "General"
    if isinstance(value, int | float) and ("%" in number_format or '"' in number_format):
        found = amount(value, number_format)
        return found.raw() if found else None
    return value


def workbook_bytes(workbook: Any) -> bytes:
    """The workbook as xlsx bytes that depend on its content only."""
    from openpyxl.writer.excel import ExcelWriter

    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    archive = zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED, allowZip64=True)
    ExcelWriter(workbook, archive).save()  # save_workbook() would stamp the current time
    # compressed once, below, with fixed times
    fixed = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info))
    return fixed.getvalue()
