"""A fast, read-only view of the cell values of an xlsx package (issue 7).

openpyxl's read-only mode builds an object per shared string and per cell through its descriptor
machinery: on a 20.000-row matrix that is most of the build. This module reads the same parts
with lxml and yields, per row, light cells with exactly the `value` and `number_format` that
openpyxl's read-only `iter_rows()` gives with `data_only=True` (shared and inline strings, the
`x005F_` unescaping, numbers as int or float, booleans, ISO and serial dates by number format,
1900/1904 epochs, error cells as their text, missing rows as empty rows). `tests/test_xlsx.py`
compares the two on the shipped and on hand-made workbooks.

The package is opened and checked by `read.check_file` first; anything malformed here raises,
and the reader turns it into a `workbook-unreadable` finding.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_ROW, _CELL, _VALUE, _INLINE = f"{_MAIN}row", f"{_MAIN}c", f"{_MAIN}v", f"{_MAIN}is"
_T, _R, _SI = f"{_MAIN}t", f"{_MAIN}r", f"{_MAIN}si"
_REF = re.compile(r"([A-Z]+)(\d+)")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


class Cell:
    """What the reader needs of a cell: its value and its number format."""

    __slots__ = ("number_format", "value")

    def __init__(self, value: Any, number_format: str = "General"):
        self.value = value
        self.number_format = number_format

    def __repr__(self) -> str:
        return f"Cell({self.value!r}, {self.number_format!r})"


EMPTY = Cell(None)


@dataclass
class Book:
    """The parts every sheet shares: sheet paths, shared strings and cell formats."""

    archive: zipfile.ZipFile
    sheets: dict[str, str]  # sheet name -> part name inside the zip
    strings: list[str]
    formats: list[str]  # cellXfs index -> number format code
    date_styles: frozenset[int]
    timedelta_styles: frozenset[int]
    epoch1904: bool

    @property
    def sheetnames(self) -> list[str]:
        return list(self.sheets)

    def __getitem__(self, name: str) -> Sheet:
        return Sheet(self, self.archive.read(self.sheets[name]))

    def close(self) -> None:
        self.archive.close()


@dataclass
class Sheet:
    book: Book
    xml: bytes  # the raw part, also scanned by the reader for formulas and merged cells

    def iter_rows(self) -> Iterator[tuple[Cell, ...]]:
        """Like openpyxl's read-only `iter_rows()`: rows from row 1, missing rows as ()."""
        return _rows(self.xml, self.book)


def open_book(path: Any) -> Book:
    archive = zipfile.ZipFile(path)
    try:
        workbook_part = _office_document(archive)
        root = _parse(archive.read(workbook_part))
        rels = _relationships(archive, workbook_part)
        sheets = {}
        for sheet in root.iter(f"{_MAIN}sheet"):
            target = rels.get(sheet.get(f"{_REL}id") or "")
            if target is not None:
                sheets[sheet.get("name")] = target
        pr = root.find(f"{_MAIN}workbookPr")
        epoch1904 = pr is not None and pr.get("date1904") in ("1", "true")
        by_type = {
            _type_of(t): target for t, target in _typed_relationships(archive, workbook_part)
        }
        strings = _shared_strings(archive, by_type.get("sharedStrings"))
        formats, dates, durations = _formats(archive, by_type.get("styles"))
        return Book(archive, sheets, strings, formats, dates, durations, epoch1904)
    except BaseException:
        archive.close()
        raise


def _parse(data: bytes) -> Any:
    return etree.fromstring(data, _PARSER)


def _office_document(archive: zipfile.ZipFile) -> str:
    for target_type, target in _typed_relationships(archive, ""):
        if _type_of(target_type) == "officeDocument":
            return target
    return "xl/workbook.xml"


def _type_of(rel_type: str) -> str:
    return rel_type.rsplit("/", 1)[-1]


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _typed_relationships(archive: zipfile.ZipFile, part: str) -> list[tuple[str, str]]:
    name = _rels_name(part) if part else "_rels/.rels"
    try:
        root = _parse(archive.read(name))
    except KeyError:
        return []
    folder = posixpath.dirname(part)
    found = []
    for rel in root.iter(f"{_PKG_REL}Relationship"):
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External":
            continue
        path = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(folder, target))
        )
        found.append((rel.get("Type") or "", path))
    return found


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, str]:
    name = _rels_name(part)
    root = _parse(archive.read(name))
    folder = posixpath.dirname(part)
    found = {}
    for rel in root.iter(f"{_PKG_REL}Relationship"):
        target = rel.get("Target") or ""
        found[rel.get("Id") or ""] = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(folder, target))
        )
    return found


def _text_of(node: Any) -> str:
    """openpyxl's `Text.content`: the plain `t` and the `t` of every run, not phonetic runs."""
    parts = []
    for child in node:
        if child.tag == _T:
            parts.append(child.text or "")
        elif child.tag == _R:
            t = child.find(_T)
            if t is not None:
                parts.append(t.text or "")
    return "".join(parts)


def _shared_strings(archive: zipfile.ZipFile, part: str | None) -> list[str]:
    if part is None or part not in archive.namelist():
        return []
    root = _parse(archive.read(part))
    return [_text_of(si).replace("x005F_", "") for si in root.iter(_SI)]


def _formats(
    archive: zipfile.ZipFile, part: str | None
) -> tuple[list[str], frozenset[int], frozenset[int]]:
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

    if part is None or part not in archive.namelist():
        return [], frozenset(), frozenset()
    root = _parse(archive.read(part))
    custom = {}
    for fmt in root.iter(f"{_MAIN}numFmt"):
        custom[int(fmt.get("numFmtId"))] = fmt.get("formatCode")
    formats = []
    xfs = root.find(f"{_MAIN}cellXfs")
    for xf in xfs if xfs is not None else ():
        if xf.tag != f"{_MAIN}xf":
            continue
        number = int(xf.get("numFmtId") or 0)
        formats.append(custom.get(number) or BUILTIN_FORMATS.get(number, "General"))
    dates = frozenset(i for i, f in enumerate(formats) if is_date_format(f))
    durations = frozenset(i for i, f in enumerate(formats) if is_timedelta_format(f))
    return formats, dates, durations


def _column_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index


def _cast_number(text: str) -> int | float:
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


def _rows(xml: bytes, book: Book) -> Iterator[tuple[Cell, ...]]:
    """Rows from row 1 on, missing rows as (), each cell at its column position."""
    expected = 1
    row_counter = 0
    for _, row in etree.iterparse(
        _Bytes(xml), events=("end",), tag=_ROW, resolve_entities=False, huge_tree=True
    ):
        number = row.get("r")
        row_counter = int(number) if number else row_counter + 1
        while expected < row_counter:
            yield ()
            expected += 1
        cells = _cells(row, book)
        expected = row_counter + 1
        row.clear()
        while row.getprevious() is not None:
            del row.getparent()[0]
        yield cells


def _cells(row: Any, book: Book) -> tuple[Cell, ...]:
    values: list[Cell] = []
    column = 0
    formats = book.formats
    for cell in row.iter(_CELL):
        ref = cell.get("r")
        if ref:
            match = _REF.fullmatch(ref)
            column = _column_index(match.group(1)) if match else column + 1
        else:
            column += 1
        while len(values) < column - 1:
            values.append(EMPTY)
        style = int(cell.get("s") or 0)
        number_format = formats[style] if style < len(formats) else "General"
        values.append(Cell(_value(cell, style, book), number_format))
    return tuple(values)


def _value(cell: Any, style: int, book: Book) -> Any:
    data_type = cell.get("t", "n")
    if data_type == "inlineStr":
        inline = cell.find(_INLINE)
        return _text_of(inline) if inline is not None else None
    value = cell.findtext(_VALUE) or None
    if value is None:
        return None
    if data_type == "n":
        number = _cast_number(value)
        if style in book.date_styles:
            return _date(number, style, book)
        return number
    if data_type == "s":
        return book.strings[int(value)]
    if data_type == "b":
        return bool(int(value))
    if data_type == "d":
        from openpyxl.utils.datetime import from_ISO8601

        return from_ISO8601(value)
    return value  # "str", "e" (the error text) and unknown types stay text


def _date(number: int | float, style: int, book: Book) -> Any:
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

    epoch = CALENDAR_MAC_1904 if book.epoch1904 else CALENDAR_WINDOWS_1900
    try:
        return from_excel(number, epoch, timedelta=style in book.timedelta_styles)
    except (OverflowError, ValueError):
        return "#VALUE!"


class _Bytes:
    """A file-like view of bytes for iterparse, without copying them into BytesIO."""

    def __init__(self, data: bytes):
        self.data = memoryview(data)
        self.position = 0

    def read(self, size: int = -1) -> bytes:
        end = len(self.data) if size is None or size < 0 else self.position + size
        chunk = self.data[self.position : end]
        self.position += len(chunk)
        return bytes(chunk)
