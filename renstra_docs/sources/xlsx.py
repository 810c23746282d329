"""A fast, read-only view of the cell values of an xlsx package (issue 7).

openpyxl's read-only mode builds an object per shared string and per cell through its descriptor
machinery: on a 20.000-row matrix that is most of the build. This module reads the same parts
with lxml and yields, per row, light cells with exactly the `value` and `number_format` that
openpyxl's read-only `iter_rows()` gives with `data_only=True` (shared and inline strings, the
`x005F_` unescaping, numbers as int or float, booleans, ISO and serial dates by number format,
1900/1904 epochs, error cells as their text, missing rows as empty rows). `tests/test_xlsx.py`
compares the two on the shipped and on hand-made workbooks. A plainly written <sheetData> (what
Excel, LibreOffice and openpyxl write) is read with regular expressions instead of lxml elements;
see "the scanned fast path" below and `tests/test_fast_paths.py`.

Two things go beyond openpyxl. A formula without a cached value reads as `UNCALCULATED` (openpyxl
gives None, the same as an empty cell), wherever the cell sits, with or without an `r` reference.
The merged ranges come from the same parse as the cells (`Sheet.merged`, complete once the rows
are read), so a namespace prefix (`<x:mergeCell>`) changes nothing. Both SpreadsheetML dialects
are read: Transitional and Strict (ISO/IEC 29500 Strict, its own namespaces; `Names`).

The package is opened and checked by `safety.check_file` first; anything malformed here raises,
and the reader turns it into a `workbook-unreadable` finding.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from lxml import etree

from .normalise import UNCALCULATED
from .numfmt import BUILTIN_FORMATS, column_number, is_date_format, is_timedelta_format

_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"  # OPC: one for both
_REF = re.compile(r"([A-Z]+)(\d+)")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


class Names(NamedTuple):
    """The qualified names of one SpreadsheetML dialect (its main and relationship namespaces)."""

    namespace: str
    row: str
    cell: str
    value: str
    inline: str
    formula: str
    text: str
    run: str
    shared_string: str
    merge: str
    sheet: str
    workbook_pr: str
    num_fmt: str
    cell_xfs: str
    xf: str
    rel_id: str


def _names(main: str, relationships: str) -> Names:
    tags = ("row", "c", "v", "is", "f", "t", "r", "si", "mergeCell", "sheet", "workbookPr")
    more = ("numFmt", "cellXfs", "xf")
    qualified = [f"{{{main}}}{tag}" for tag in (*tags, *more)]
    return Names._make([main, *qualified, f"{{{relationships}}}id"])


TRANSITIONAL = _names(
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
)
STRICT = _names(
    "http://purl.oclc.org/ooxml/spreadsheetml/main",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)
_DIALECTS = {names.namespace: names for names in (TRANSITIONAL, STRICT)}


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
    names: Names = TRANSITIONAL

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
    xml: bytes  # the raw part
    merged: list[str] = field(default_factory=list)  # merged ranges ("E4:E6"), once rows are read

    def iter_rows(self) -> Iterator[tuple[Cell, ...]]:
        """Like openpyxl's read-only `iter_rows()`: rows from row 1, missing rows as ().

        When the rows are exhausted, `merged` holds the sheet's merged ranges."""
        return _rows(self.xml, self.book, self.merged)


def open_book(path: Any) -> Book:
    archive = zipfile.ZipFile(path)
    try:
        workbook_part = _office_document(archive)
        root = _parse(archive.read(workbook_part))
        names = _dialect(root)
        rels = _relationships(archive, workbook_part)
        sheets = {}
        for sheet in root.iter(names.sheet):
            target = rels.get(sheet.get(names.rel_id) or "")
            if target is not None:
                sheets[sheet.get("name")] = target
        pr = root.find(names.workbook_pr)
        epoch1904 = pr is not None and pr.get("date1904") in ("1", "true")
        by_type = {
            _type_of(t): target for t, target in _typed_relationships(archive, workbook_part)
        }
        strings = _shared_strings(archive, by_type.get("sharedStrings"), names)
        formats, dates, durations = _formats(archive, by_type.get("styles"), names)
        return Book(archive, sheets, strings, formats, dates, durations, epoch1904, names)
    except BaseException:
        archive.close()
        raise


def _parse(data: bytes) -> Any:
    return etree.fromstring(data, _PARSER)


def _dialect(root: Any) -> Names:
    """Transitional or Strict, by the namespace of the workbook part's root element."""
    namespace = etree.QName(root).namespace
    names = _DIALECTS.get(namespace or "")
    if names is None:
        raise ValueError(f"bagian workbook ber-namespace tidak dikenal ({namespace})")
    return names


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


def _text_of(node: Any, names: Names) -> str:
    """openpyxl's `Text.content`: the plain `t` and the `t` of every run, not phonetic runs."""
    parts = []
    for child in node:
        if child.tag == names.text:
            parts.append(child.text or "")
        elif child.tag == names.run:
            t = child.find(names.text)
            if t is not None:
                parts.append(t.text or "")
    return "".join(parts)


def _shared_strings(archive: zipfile.ZipFile, part: str | None, names: Names) -> list[str]:
    if part is None or part not in archive.namelist():
        return []
    root = _parse(archive.read(part))
    return [_text_of(si, names).replace("x005F_", "") for si in root.iter(names.shared_string)]


def _formats(
    archive: zipfile.ZipFile, part: str | None, names: Names
) -> tuple[list[str], frozenset[int], frozenset[int]]:
    if part is None or part not in archive.namelist():
        return [], frozenset(), frozenset()
    root = _parse(archive.read(part))
    custom = {}
    for fmt in root.iter(names.num_fmt):
        custom[int(fmt.get("numFmtId"))] = fmt.get("formatCode")
    formats = []
    xfs = root.find(names.cell_xfs)
    for xf in xfs if xfs is not None else ():
        if xf.tag != names.xf:
            continue
        number = int(xf.get("numFmtId") or 0)
        formats.append(custom.get(number) or BUILTIN_FORMATS.get(number, "General"))
    dates = frozenset(i for i, f in enumerate(formats) if is_date_format(f))
    durations = frozenset(i for i, f in enumerate(formats) if is_timedelta_format(f))
    return formats, dates, durations


def _cast_number(text: str) -> int | float:
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


def _rows(xml: bytes, book: Book, merged: list[str] | None = None) -> Iterator[tuple[Cell, ...]]:
    """Rows from row 1 on, missing rows as (), each cell at its column position; at the end the
    merged ranges are added to `merged` (when given).

    A generator, so that a broken part raises on the first row (inside the reader's guard).
    """
    region = _plain_sheet_data(xml, book.names.namespace)
    if region is None:
        yield from _tree_rows(xml, book, merged)
    else:
        yield from _scanned_rows(xml, region, book)
        if merged is not None:
            merged.extend(_merges_after(xml, region, book.names))


def _tree_rows(
    xml: bytes, book: Book, merged: list[str] | None = None
) -> Iterator[tuple[Cell, ...]]:
    """The general path: any well-formed sheet, with lxml, one element at a time."""
    expected = 1
    row_counter = 0
    names = book.names
    for _, row in _rows_and_merges(xml, names):
        if row.tag == names.merge:
            if merged is not None:
                merged.append(row.get("ref") or "")
            continue
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


def _rows_and_merges(xml: bytes, names: Names) -> Any:
    """lxml's events for the rows and the merged ranges of a sheet, one element at a time."""
    return etree.iterparse(
        _Bytes(xml),
        events=("end",),
        tag=(names.row, names.merge),
        resolve_entities=False,
        huge_tree=True,
    )


def _tree_merges(xml: bytes, names: Names) -> list[str]:
    """The merged ranges of a sheet by lxml, rows dropped unread (when the tail is no document)."""
    merged = []
    for _, element in _rows_and_merges(xml, names):
        if element.tag == names.merge:
            merged.append(element.get("ref") or "")
        else:
            element.clear()
    return merged


def _cells(row: Any, book: Book) -> tuple[Cell, ...]:
    values: list[Cell] = []
    column = 0
    formats = book.formats
    for cell in row.iter(book.names.cell):
        ref = cell.get("r")
        if ref:
            match = _REF.fullmatch(ref)
            column = column_number(match.group(1)) if match else column + 1
        else:
            column += 1
        while len(values) < column - 1:
            values.append(EMPTY)
        style = int(cell.get("s") or 0)
        number_format = formats[style] if style < len(formats) else "General"
        values.append(Cell(_value(cell, style, book), number_format))
    return tuple(values)


def _value(cell: Any, style: int, book: Book) -> Any:
    names = book.names
    data_type = cell.get("t", "n")
    if data_type == "inlineStr":
        inline = cell.find(names.inline)
        return _text_of(inline, names) if inline is not None else None
    value = cell.findtext(names.value)
    if (
        not (value and value.strip())
        and (value is None or data_type != "str")  # a text formula's "" result is a value
        and cell.find(names.formula) is not None
    ):
        return UNCALCULATED  # a formula without a cached result
    if not value:
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


# ---------------------------------------------------------------- the scanned fast path
#
# lxml makes a Python object per element, and that was over half of the time to read a large
# matrix. Excel, LibreOffice and openpyxl all write <sheetData> in one plain shape: rows of
# `<c r=".." s=".." t="..">` with a `<v>` or a single inline `<t>`, double-quoted attributes, no
# whitespace between elements. When the whole <sheetData> has that shape and lxml itself finds
# the part well-formed (parsed without building a tree), the cells are read with regular
# expressions from the bytes. Anything else (comments, CDATA, namespace prefixes, other cell
# attributes, rich text, whitespace, `\r`, a formula without a cached value) takes the lxml path
# above, so a sheet reads the same either way; tests/test_xlsx.py compares the two paths. The
# merged ranges, after <sheetData>, are then parsed by lxml from that tail alone.

_ATTRS = rb'(?:\s+[\w:.-]+="[^"&<\t\n\r]*")*\s*'  # plain attribute values only: no normalising
# a formula only with a cached value that is not blank: anything else is left to lxml
_FORMULA = rb"<f" + _ATTRS + rb"(?:/>|>[^<]*</f>)(?=<v>[^<]*[^<\s])"
_T_OPEN = rb'<t(?: xml:space="preserve")?'


def _cell_pattern(group: bytes) -> bytes:
    """One cell; `group` is b"(" to capture column, style, type, value, <is>, inline text."""
    return (
        rb'<c(?: r="' + group + rb'[A-Z]+)\d+")?(?: s="' + group + rb'\d+)")?'
        rb'(?: t="'
        + group
        + rb'\w+)")?(?:/>|>(?:'
        + _FORMULA
        + rb")?(?:<v>"
        + group
        + rb"[^<]*)</v>|<v/>|"
        + group
        + rb"<is)(?:>(?:"
        + _T_OPEN
        + rb">"
        + group
        + rb"[^<]*)</t>|"
        + _T_OPEN
        + rb"/>)?</is>|/>))?</c>)"
    )


_CELL_SHAPE = _cell_pattern(b"(?:")
_ROW_SHAPE = rb"<row" + _ATTRS + rb"(?:/>|>(?:" + _CELL_SHAPE + rb")*+</row>)"
_SHEET_DATA_SHAPE = re.compile(rb"(?:" + _ROW_SHAPE + rb")*+")
_SCAN_ROW = re.compile(rb"<row(" + _ATTRS + rb")(?:/>|>((?:" + _CELL_SHAPE + rb")*+)</row>)")
_SCAN_CELL = re.compile(_cell_pattern(b"("))
_ROW_NUMBER = re.compile(rb'\sr="([^"]*)"')
_ROOT = re.compile(rb"(?:\xef\xbb\xbf)?(?:<\?xml([^>]*)\?>)?\s*<worksheet(" + _ATTRS + rb")>")
_DEFAULT_NS = {
    namespace: re.compile(rb'\sxmlns="' + re.escape(namespace.encode()) + rb'"(?=[\s"]|$)')
    for namespace in _DIALECTS
}
_NOT_UTF8 = re.compile(rb"""encoding=["'](?!utf-?8["'])""", re.I)
_ROW_TAG = re.compile(rb"<(?:[\w.-]+:)?row[\s/>]")
_ENTITY = re.compile(r"&(?:#x([0-9a-fA-F]+);|#([0-9]+);|(amp|lt|gt|quot|apos);)")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


class _Region(NamedTuple):
    """Where the parts of a plainly written sheet are, as offsets into its bytes."""

    start: int  # the cells: from after <sheetData> ...
    end: int  # ... to </sheetData>
    tail: int  # after the <sheetData> element: what follows it up to </worksheet>
    root_start: int  # the root's start tag, with its namespace declarations
    root_end: int


def _plain_sheet_data(xml: bytes, namespace: str = TRANSITIONAL.namespace) -> _Region | None:
    """Where the cells of a plainly written sheet start and end, or None for the lxml path."""
    root = _ROOT.match(xml)
    if (
        root is None
        or _NOT_UTF8.search(root.group(1) or b"")
        or not _DEFAULT_NS[namespace].search(root.group(2))
        or xml.count(b'xmlns="') != 1  # every unprefixed element is in the main namespace
        or b"<!" in xml  # no comment, CDATA or DOCTYPE can hide or fake a tag
        or xml.find(b"<?", root.start(2)) != -1
        or xml.count(b"<sheetData") != 1
    ):
        return None
    root_start = root.start(2) - len(b"<worksheet")
    start = xml.find(b"<sheetData>") + len(b"<sheetData>")
    end = xml.find(b"</sheetData>", start)
    if start < len(b"<sheetData>") or end < 0:
        empty = xml.find(b"<sheetData/>")
        if empty < 0:
            return None
        return _Region(0, 0, empty + len(b"<sheetData/>"), root_start, root.end())
    if (
        xml.find(b"\r", start, end) != -1  # XML turns \r\n into \n: leave that to lxml
        or _ROW_TAG.search(xml, 0, start)
        or _ROW_TAG.search(xml, end)
        or not _SHEET_DATA_SHAPE.fullmatch(xml, start, end)
        or not _well_formed(xml)
    ):
        return None
    return _Region(start, end, end + len(b"</sheetData>"), root_start, root.end())


class _Nothing:
    """A parser target without callbacks: lxml checks the part but builds no tree."""

    def close(self) -> None:
        return None


def _well_formed(xml: bytes) -> bool:
    """Whether lxml reads the part without any complaint (the lxml path would raise on one)."""
    parser = etree.XMLParser(
        target=_Nothing(), resolve_entities=False, no_network=True, huge_tree=True
    )
    try:
        etree.fromstring(xml, parser)
    except etree.LxmlError:
        return False
    return len(parser.error_log) == 0  # e.g. an undeclared prefix: logged here, raised by iterparse


def _scanned_rows(xml: bytes, region: _Region, book: Book) -> Iterator[tuple[Cell, ...]]:
    """The rows of a plain <sheetData>, as `_tree_rows` gives them."""
    expected = 1
    row_counter = 0
    scan = _Scan(book)
    for row in _SCAN_ROW.finditer(xml, region.start, region.end):
        found = _ROW_NUMBER.search(row.group(1))
        number = found.group(1).decode() if found else None
        row_counter = int(number) if number else row_counter + 1
        while expected < row_counter:
            yield ()
            expected += 1
        expected = row_counter + 1
        body = row.group(2)
        yield scan.cells(body) if body else ()


def _merges_after(xml: bytes, region: _Region, names: Names) -> list[str]:
    """The merged ranges of a plain sheet: lxml parses what follows <sheetData> under a copy of
    the root's start tag (its namespace declarations), not the cells again. Should <sheetData>
    not be a child of the root, that tail is no document: the general path finds them."""
    if xml.find(b"mergeCell", region.tail) < 0:
        return []
    tail = xml[region.root_start : region.root_end] + xml[region.tail :]
    try:
        root = _parse(tail)
    except etree.XMLSyntaxError:
        return _tree_merges(xml, names)
    return [merge.get("ref") or "" for merge in root.iter(names.merge)]


class _Scan:
    """Per sheet: the column number of each letter run and the format of each style seen."""

    def __init__(self, book: Book):
        self.book = book
        self.columns: dict[bytes, int] = {}
        self.styles: dict[bytes, tuple[int, str]] = {}

    def cells(self, body: bytes) -> tuple[Cell, ...]:
        """`_cells` of one row. Plain digits and entity-free text skip `_typed`/`_xml_text`:
        int() and decode() read them as they read the decoded text."""
        values: list[Cell] = []
        column = 0
        date_styles = self.book.date_styles
        for letters, style_text, data_type, value, inline, text in _SCAN_CELL.findall(body):
            if letters:
                column = self.columns.get(letters) or self._column(letters)
            else:
                column += 1
            if len(values) < column - 1:
                values.extend([EMPTY] * (column - 1 - len(values)))
            style, number_format = self.styles.get(style_text) or self._style(style_text)
            if data_type == b"inlineStr":
                raw = (text.decode() if b"&" not in text else _xml_text(text)) if inline else None
            elif not value:
                raw = None
            elif data_type in (b"n", b"") and value.isdigit() and style not in date_styles:
                raw = int(value)
            else:
                raw = _typed(data_type or b"n", _xml_text(value), style, self.book)
            values.append(Cell(raw, number_format))
        return tuple(values)

    def _column(self, letters: bytes) -> int:
        column = self.columns[letters] = column_number(letters.decode())
        return column

    def _style(self, style_text: bytes) -> tuple[int, str]:
        formats = self.book.formats
        style = int(style_text) if style_text else 0
        found = self.styles[style_text] = (
            style,
            formats[style] if style < len(formats) else "General",
        )
        return found


def _typed(data_type: bytes, value: str, style: int, book: Book) -> Any:
    """`_value` for a cell with a non-empty <v>."""
    if data_type == b"n":
        number = _cast_number(value)
        if style in book.date_styles:
            return _date(number, style, book)
        return number
    if data_type == b"s":
        return book.strings[int(value)]
    if data_type == b"b":
        return bool(int(value))
    if data_type == b"d":
        from openpyxl.utils.datetime import from_ISO8601

        return from_ISO8601(value)
    return value


def _xml_text(raw: bytes) -> str:
    """Text as lxml gives it: UTF-8 (checked by `_well_formed`), entities and references decoded."""
    text = raw.decode()
    return _ENTITY.sub(_entity, text) if "&" in text else text


def _entity(match: re.Match[str]) -> str:
    hex_code, code, name = match.groups()
    if name:
        return _NAMED[name]
    return chr(int(hex_code, 16) if hex_code else int(code))


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
