"""The fast cell reader gives exactly what openpyxl's read-only iter_rows() gives, except where it
knows more: a formula without a cached value is UNCALCULATED (None in openpyxl), and a Strict
OOXML workbook is read (openpyxl sees no sheets in it)."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from renstra_docs.findings import Location, RenstraError
from renstra_docs.sources.read import read_workbook
from renstra_docs.sources.schema import BAB6
from renstra_docs.sources.xlsx import STRICT, UNCALCULATED, _plain_sheet_data, open_book

SOURCE = Path(__file__).resolve().parent.parent / "source_tables"


def _openpyxl_rows(path: Path) -> dict[str, list[list[tuple]]]:
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        return {
            ws.title: [
                [(c.value, c.number_format) for c in row if c.value is not None]
                for row in ws.iter_rows()
            ]
            for ws in book.worksheets
        }
    finally:
        book.close()


def _fast_rows(path: Path) -> dict[str, list[list[tuple]]]:
    """As openpyxl sees them: a formula without a cached value (UNCALCULATED) is None there."""
    book = open_book(path)
    try:
        return {
            name: [
                [(c.value, c.number_format) for c in row if c.value not in (None, UNCALCULATED)]
                for row in book[name].iter_rows()
            ]
            for name in book.sheetnames
        }
    finally:
        book.close()


def _trimmed(sheets: dict[str, list[list[tuple]]]) -> dict[str, list[list[tuple]]]:
    """openpyxl stops at the sheet dimension; trailing empty rows carry no values."""
    out = {}
    for name, rows in sheets.items():
        while rows and not rows[-1]:
            rows = rows[:-1]
        out[name] = rows
    return out


@pytest.mark.parametrize("path", sorted(SOURCE.glob("*.xlsx")), ids=lambda p: p.name)
def test_shipped_workbooks_read_identically(path: Path) -> None:
    assert _trimmed(_fast_rows(path)) == _trimmed(_openpyxl_rows(path))


def test_types_formats_and_gaps(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "data"
    sheet["A1"], sheet["C1"] = "judul", "x005F_x000D_ & <b>"
    sheet["A3"], sheet["B3"], sheet["C3"] = 0.8842, 1_219_764_079, 20
    sheet["A3"].number_format = "0.00%"
    sheet["B3"].number_format = "#,##0"
    sheet["C3"].number_format = '#,##0 "Orang"'
    sheet["A4"], sheet["B4"] = dt.datetime(2024, 5, 17), True
    sheet["C4"] = "=SUM(B3:C3)"
    sheet["D6"] = 1.5e-7
    second = book.create_sheet("kedua")
    second["B2"] = "n/a"
    path = tmp_path / "types.xlsx"
    book.save(path)
    fast = _fast_rows(path)
    assert fast == _openpyxl_rows(path)
    assert [len(r) for r in fast["data"]] == [2, 0, 3, 2, 0, 1]
    book = open_book(path)
    assert [c.value for c in list(book["data"].iter_rows())[3]][2] is UNCALCULATED  # C4
    book.close()


# ---------------------------------------------------------------- Strict OOXML

_TO_STRICT = (
    (
        b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        b"http://purl.oclc.org/ooxml/spreadsheetml/main",
    ),
    (
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        b"http://purl.oclc.org/ooxml/officeDocument/relationships",
    ),
)


def _rewrite_namespaces(source: Path, target: Path, pairs: tuple[tuple[bytes, bytes], ...]) -> Path:
    """A copy of `source` with namespaces replaced in every XML part (what differs in Strict:
    the SpreadsheetML and relationship namespaces, and so the relationship types)."""
    with zipfile.ZipFile(source) as archive:
        parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            if name.endswith((".xml", ".rels")):
                for old, new in pairs:
                    data = data.replace(old, new)
            archive.writestr(name, data)
    return target


def test_strict_ooxml_reads_like_transitional(tmp_path: Path) -> None:
    source = SOURCE / BAB6.filename
    strict = _rewrite_namespaces(source, tmp_path / BAB6.filename, _TO_STRICT)
    assert b"purl.oclc.org" in zipfile.ZipFile(strict).read("xl/workbook.xml")
    book = open_book(strict)
    try:
        assert book.names is STRICT
        assert all(_plain_sheet_data(book[n].xml, STRICT.namespace) for n in book.sheetnames)
    finally:
        book.close()
    assert _fast_rows(strict) == _fast_rows(source)
    original, converted = read_workbook(source, BAB6), read_workbook(strict, BAB6)
    assert repr(converted.findings) == repr(original.findings)
    for name, sheet in original.sheets.items():
        assert [r.values for r in converted.sheets[name].rows] == [r.values for r in sheet.rows]


def test_a_workbook_in_an_unknown_namespace_is_unreadable(tmp_path: Path) -> None:
    source = SOURCE / BAB6.filename
    other = ((_TO_STRICT[0][0], b"urn:lain"),)
    path = _rewrite_namespaces(source, tmp_path / BAB6.filename, other)
    with pytest.raises(RenstraError) as info:
        read_workbook(path, BAB6)
    (finding,) = info.value.findings
    assert (finding.code, finding.location) == ("workbook-unreadable", Location(BAB6.filename))
    assert "urn:lain" in finding.message
