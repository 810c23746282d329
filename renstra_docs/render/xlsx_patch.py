"""Mark cells of an existing xlsx package: fills, comments and a new first sheet.

The package is changed part by part, never loaded as a whole workbook: every part that is not
touched keeps its content, a marked sheet keeps every row and cell it had (only the `s` of a
marked cell changes, or an empty cell is added), the styles keep their indices. openpyxl would
load and save the 20.000-row matrix in half a minute and drop what it does not model; this
takes a fraction of a second and leaves the workbook as the staff made it.

Sheet XML is scanned with regular expressions (like `sources.xlsx`); the small parts
(workbook, relationships, content types, styles, comments) are edited with lxml, parsed
without entities or network access.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from io import BytesIO

from lxml import etree

from ..sources.numfmt import column_letter
from .package import zip_parts
from .sheetml import (
    CT_COMMENTS,
    CT_NS,
    CT_STYLES,
    CT_VML,
    CT_WORKSHEET,
    DOC_REL_NS,
    PARSER,
    PKG_REL_NS,
    REL_COMMENTS,
    REL_HYPERLINK,
    REL_OFFICE_DOCUMENT,
    REL_STYLES,
    REL_VML,
    REL_WORKSHEET,
    Rel,
    Styles,
    relationships,
    split_ref,
    xml_text,
)

Restyle = Callable[[int, str], int]  # (cell format of a cell, fill) -> cell format with the fill

COMMENT_AUTHOR = "renstra-docs"
COMMENT_WIDTH_PT = 260
COMMENT_CHARS_PER_LINE = 52
COMMENT_LINE_PT = 11.5
SHAPES_PER_BLOCK = 1024  # VML shape ids come in blocks of 1024 (o:idmap)

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_R_ID = f"{{{DOC_REL_NS}}}id"
_ROOT = re.compile(r"<(?:(\w+):)?worksheet\b")
_ROW_NUMBER = re.compile(r'\br="(\d+)"')
_CELL_COLUMN = re.compile(r'\br="([A-Z]+)\d+"')
_STYLE = re.compile(r'\bs="(\d+)"')
_SPANS = re.compile(r'\sspans="[^"]*"')
_TAB_SELECTED = re.compile(r'\stabSelected="(?:1|true)"')
_IDMAP = re.compile(r'(<o:idmap\b[^>]*\bdata=")([\d,\s]*)(")')
_SHAPE_ID = re.compile(r'id="_x0000_s(\d+)"')
_VML_END = re.compile(r"</xml>\s*$", re.I)
# Elements a worksheet may have after <legacyDrawing> (ECMA-376 CT_Worksheet order).
_AFTER_LEGACY = (
    "legacyDrawingHF",
    "drawingHF",
    "picture",
    "oleObjects",
    "controls",
    "webPublishItems",
    "tableParts",
    "extLst",
)


@dataclass(frozen=True)
class CellMark:
    """What one cell gets: a solid fill and a comment (plain text, lines separated by \\n)."""

    fill: str  # "FFFF8080"
    comment: str


@dataclass
class _Sheet:
    name: str
    part: str  # "xl/worksheets/sheet3.xml"
    prefix: str = ""  # namespace prefix of the sheet's elements ("x:"), usually none
    merges: list[tuple[int, int, int, int]] | None = None  # read when first needed


class MarkedWorkbook:
    """An xlsx package opened for marking; `to_bytes()` writes the marked copy.

    Parts are read from the package when needed and only the changed ones are held, so a big
    workbook is never in memory uncompressed as a whole.
    """

    def __init__(self, data: bytes):
        self._archive = zipfile.ZipFile(BytesIO(data))
        self._order = [info.filename for info in self._archive.infolist()]
        self._original = frozenset(self._order)
        # changed and added parts: bytes, or pieces of text (a marked sheet, a new drawing)
        self._parts: dict[str, bytes | Iterable[str]] = {}
        self._workbook_part = self._office_document()
        self._workbook = etree.fromstring(self._bytes(self._workbook_part), PARSER)
        self._types = etree.fromstring(self._bytes("[Content_Types].xml"), PARSER)
        self._book_rels = self._rels_tree(self._workbook_part)
        self.sheets = self._read_sheets()
        styles_part = self._target_of(self._workbook_part, REL_STYLES, self._book_rels)
        if styles_part is None:
            styles_part = posixpath.join(posixpath.dirname(self._workbook_part), "styles.xml")
            self._add_rel(self._book_rels, REL_STYLES, styles_part)
            self._override(styles_part, CT_STYLES)
        self._styles_part = styles_part
        self.styles = Styles(self._bytes(styles_part) if self._exists(styles_part) else None)
        self._shape_blocks = self._used_shape_blocks()

    def _exists(self, name: str) -> bool:
        return name in self._parts or name in self._original

    def _bytes(self, name: str) -> bytes:
        data = self._parts.get(name)
        if data is None:
            return self._archive.read(name)
        return data if isinstance(data, bytes) else "".join(data).encode()

    # -- reading ------------------------------------------------------------------------------

    def _office_document(self) -> str:
        for rel in self._rels_tree("").iter(f"{{{PKG_REL_NS}}}Relationship"):
            if rel.get("Type") == REL_OFFICE_DOCUMENT:
                return _resolve("", rel.get("Target", ""))
        return "xl/workbook.xml"

    def _rels_tree(self, part: str) -> etree._Element:
        name = _rels_name(part)
        if not self._exists(name):
            return etree.Element(f"{{{PKG_REL_NS}}}Relationships", nsmap={None: PKG_REL_NS})
        return etree.fromstring(self._bytes(name), PARSER)

    def _target_of(self, part: str, rel_type: str, rels: etree._Element) -> str | None:
        for rel in rels.iter(f"{{{PKG_REL_NS}}}Relationship"):
            if rel.get("Type") == rel_type and rel.get("TargetMode") != "External":
                return _resolve(part, rel.get("Target", ""))
        return None

    def _read_sheets(self) -> dict[str, _Sheet]:
        targets = {
            rel.get("Id"): _resolve(self._workbook_part, rel.get("Target", ""))
            for rel in self._book_rels.iter(f"{{{PKG_REL_NS}}}Relationship")
        }
        sheets = {}
        for element in self._workbook.iter(f"{_MAIN}sheet"):
            part = targets.get(element.get(_R_ID))
            if part is not None and self._exists(part):
                with self._archive.open(part) as stream:
                    head = stream.read(2048).decode("utf-8", "replace")
                root = _ROOT.search(head)
                prefix = f"{root.group(1)}:" if root and root.group(1) else ""
                name = element.get("name", "")
                sheets[name] = _Sheet(name, part, prefix)
        return sheets

    def _used_shape_blocks(self) -> set[int]:
        used: set[int] = set()
        for name in self._order:
            if name.lower().endswith(".vml"):
                for match in _IDMAP.finditer(self._bytes(name).decode("utf-8", "replace")):
                    used.update(int(n) for n in re.findall(r"\d+", match.group(2)))
        return used

    def top_left(self, sheet: str, row: int, column: int) -> tuple[int, int]:
        """The cell that shows (row, column): the first cell of its merged range, if any."""
        found = self.sheets[sheet]
        if found.merges is None:
            found.merges = _merged_ranges(self._bytes(found.part))
        for top, left, bottom, right in found.merges:
            if top <= row <= bottom and left <= column <= right:
                return top, left
        return row, column

    # -- marking ------------------------------------------------------------------------------

    def mark(self, sheet_name: str, marks: Mapping[tuple[int, int], CellMark]) -> None:
        """Fill and comment the cells (row, column) of one sheet."""
        if not marks:
            return
        sheet = self.sheets[sheet_name]
        pieces = _patch_cells(
            self._bytes(sheet.part).decode("utf-8"), sheet.prefix, marks, self.styles.with_fill
        )
        pieces[-1] = self._add_comments(sheet, pieces[-1], marks)  # after the cells
        self._put(sheet.part, pieces)  # streamed into the package, never joined

    def _add_comments(
        self, sheet: _Sheet, text: str, marks: Mapping[tuple[int, int], CellMark]
    ) -> str:
        """The comments of the marked cells, added to those the sheet has (a cell that had
        one keeps it, ours follows), and a note shape for each newly commented cell; `text`
        is the end of the sheet (from </sheetData>), returned with its <legacyDrawing>."""
        rels = self._rels_tree(sheet.part)
        comments_part = self._target_of(sheet.part, REL_COMMENTS, rels)
        vml_part = self._vml_of(sheet.part, text, rels)
        existing = _read_comments(self._bytes(comments_part)) if comments_part else {}
        notes = dict(existing)
        for cell, mark in marks.items():
            author, old = existing.get(cell, (COMMENT_AUTHOR, ""))
            notes[cell] = (author, f"{old}\n\n{mark.comment}" if old else mark.comment)
        notes = dict(sorted(notes.items()))  # in reading order
        if comments_part is None:
            comments_part = self._free_name("xl/comments{}.xml")
            self._add_rel(rels, REL_COMMENTS, comments_part)
            self._override(comments_part, CT_COMMENTS)
        self._put(comments_part, _comments_xml(notes))
        new_cells = [cell for cell in notes if cell not in existing]
        if vml_part is None:
            vml_part = self._free_name("xl/drawings/vmlDrawing{}.vml")
            rel_id = self._add_rel(rels, REL_VML, vml_part)
            text = _insert_legacy_drawing(text, sheet.prefix, rel_id)
            self._default("vml", CT_VML)
            self._put(vml_part, self._vml_xml(new_cells, notes, None))
        else:
            old_vml = self._bytes(vml_part).decode("utf-8", "replace")
            self._put(vml_part, self._vml_xml(new_cells, notes, old_vml))
        self._put(_rels_name(sheet.part), _tree_bytes(rels))
        return text

    def _vml_of(self, part: str, text: str, rels: etree._Element) -> str | None:
        """The VML part of the sheet's <legacyDrawing>, if it has one."""
        match = re.search(r"<(?:\w+:)?legacyDrawing\b[^>]*\br:id=\"([^\"]+)\"", text)
        if not match:
            return None
        for rel in rels.iter(f"{{{PKG_REL_NS}}}Relationship"):
            if rel.get("Id") == match.group(1):
                return _resolve(part, rel.get("Target", ""))
        return None

    def _vml_xml(
        self,
        cells: list[tuple[int, int]],
        notes: Mapping[tuple[int, int], tuple[str, str]],
        old: str | None,
    ) -> bytes | Iterator[str]:
        """The VML drawing with a note shape for each of `cells` (added to `old` if given),
        numbered in shape-id blocks of their own; a new one is streamed into the package."""
        blocks = max(1, -(-(len(cells) + 1) // SHAPES_PER_BLOCK))
        first = max(self._shape_blocks, default=0) + 1
        ids = [str(block) for block in range(first, first + blocks)]
        self._shape_blocks.update(range(first, first + blocks))
        shapes = (
            _note_shape(first * SHAPES_PER_BLOCK + 1 + i, cell, notes[cell][1])
            for i, cell in enumerate(cells)
        )
        if old is None:
            return _new_vml(ids, shapes)
        added = "".join(shapes)
        if "_x0000_t202" not in old:
            added = _NOTE_TYPE + added
        old = _IDMAP.sub(lambda m: m.group(1) + ",".join([m.group(2), *ids]) + m.group(3), old, 1)
        return _VML_END.sub(lambda _: added + "</xml>", old, count=1).encode()

    # -- a new first sheet ----------------------------------------------------------------------

    def insert_first_sheet(
        self, name: str, xml: Iterable[str], links: Iterable[tuple[str, str]] = ()
    ) -> str:
        """Add a worksheet before every other one, selected; returns the name it got.

        `links`: (relationship id, target file) of the sheet's hyperlinks to other files.
        """
        name = self._free_sheet_name(name)
        folder = posixpath.dirname(self._first_sheet_part())
        part = self._free_name(posixpath.join(folder, "temuan{}.xml"))
        self._put(part, xml)  # streamed into the package: its cell formats must exist already
        link_rels = [Rel(rel_id, REL_HYPERLINK, target, True) for rel_id, target in links]
        if link_rels:
            self._put(_rels_name(part), relationships(link_rels))
        rel_id = self._add_rel(self._book_rels, REL_WORKSHEET, part)
        self._override(part, CT_WORKSHEET)
        sheets = self._workbook.find(f"{_MAIN}sheets")
        ids = [int(s.get("sheetId", "0")) for s in sheets]
        entry = etree.Element(f"{_MAIN}sheet", nsmap={"r": DOC_REL_NS})
        entry.set("name", name)
        entry.set("sheetId", str(max(ids, default=0) + 1))
        entry.set(_R_ID, rel_id)
        sheets.insert(0, entry)
        for defined in self._workbook.iter(f"{_MAIN}definedName"):
            if defined.get("localSheetId") is not None:
                defined.set("localSheetId", str(int(defined.get("localSheetId")) + 1))
        for view in self._workbook.iter(f"{_MAIN}workbookView"):
            view.set("activeTab", "0")
            view.set("firstSheet", "0")
        self._unselect_sheets()
        return name

    def _first_sheet_part(self) -> str:
        return next(iter(self.sheets.values())).part if self.sheets else "xl/worksheets/sheet1.xml"

    def _free_sheet_name(self, name: str) -> str:
        taken = {n.lower() for n in self.sheets}
        candidate, number = name, 1
        while candidate.lower() in taken:
            number += 1
            candidate = f"{name} ({number})"
        return candidate

    def _unselect_sheets(self) -> None:
        """Only the new first sheet is selected: two selected tabs would group the sheets."""
        for sheet in self.sheets.values():
            data = self._parts.get(sheet.part)
            if isinstance(data, list):  # marked: its first piece is the head, with the view
                data[0] = _TAB_SELECTED.sub("", data[0], count=1)
                continue
            if data is None:
                with self._archive.open(sheet.part) as stream:
                    if b"tabSelected" not in stream.read(4096):
                        continue
            text = self._bytes(sheet.part).decode("utf-8")
            self._put(sheet.part, _TAB_SELECTED.sub("", text, count=1).encode("utf-8"))

    # -- writing --------------------------------------------------------------------------------

    def to_bytes(self, level: int = 1) -> bytes:
        self._put(self._workbook_part, _tree_bytes(self._workbook))
        self._put(_rels_name(self._workbook_part), _tree_bytes(self._book_rels))
        self._put("[Content_Types].xml", _tree_bytes(self._types))
        self._put(self._styles_part, self.styles.to_xml())
        self.styles.freeze()  # parts still to be streamed may not add cell formats
        added = sorted(name for name in self._parts if name not in self._original)
        parts = (
            (name, self._parts[name] if name in self._parts else self._archive.read(name))
            for name in [*self._order, *added]
        )
        try:
            return zip_parts(parts, level)
        finally:
            self._archive.close()

    def _put(self, name: str, data: bytes | Iterable[str]) -> None:
        self._parts[name] = data

    def _free_name(self, pattern: str) -> str:
        number = 1
        while self._exists(pattern.format(number)):
            number += 1
        name = pattern.format(number)
        self._parts[name] = b""  # reserved
        return name

    def _add_rel(self, rels: etree._Element, rel_type: str, target: str) -> str:
        """Add a relationship to `rels` (the tree of a .rels part); returns its id."""
        ids = {rel.get("Id") for rel in rels}
        number = len(ids) + 1
        while f"rId{number}" in ids:
            number += 1
        rel = etree.SubElement(rels, f"{{{PKG_REL_NS}}}Relationship")
        rel.set("Id", f"rId{number}")
        rel.set("Type", rel_type)
        rel.set("Target", "/" + target)
        return f"rId{number}"

    def _override(self, part: str, content_type: str) -> None:
        element = etree.SubElement(self._types, f"{{{CT_NS}}}Override")
        element.set("PartName", "/" + part)
        element.set("ContentType", content_type)

    def _default(self, extension: str, content_type: str) -> None:
        for element in self._types.iter(f"{{{CT_NS}}}Default"):
            if element.get("Extension", "").lower() == extension:
                return
        element = etree.Element(f"{{{CT_NS}}}Default")
        element.set("Extension", extension)
        element.set("ContentType", content_type)
        self._types.insert(0, element)


# -- sheet XML ------------------------------------------------------------------------------------


def _patch_cells(
    text: str, prefix: str, marks: Mapping[tuple[int, int], CellMark], restyle: Restyle
) -> list[str]:
    """The sheet with each marked cell restyled (its own format plus the fill), empty marked
    cells and rows added in their place; as pieces, the last from </sheetData> to the end."""
    by_row: dict[int, dict[int, str]] = {}
    for (row, column), mark in marks.items():
        by_row.setdefault(row, {})[column] = mark.fill
    text = re.sub(
        rf"<{prefix}sheetData\s*/>", f"<{prefix}sheetData></{prefix}sheetData>", text, count=1
    )
    opening = re.search(rf"<{prefix}sheetData\b[^>]*>", text)
    if not opening:
        raise ValueError("worksheet without sheetData")
    start, end = opening.end(), text.index(f"</{prefix}sheetData>", opening.end())
    body = text[start:end]
    patched = _patch_found_rows(body, prefix, by_row, restyle)
    if patched is None:
        patched = _patch_every_row(body, prefix, by_row, restyle)
    return [text[:start], *patched, text[end:]]


def _patch_found_rows(
    body: str, prefix: str, by_row: Mapping[int, Mapping[int, str]], restyle: Restyle
) -> list[str] | None:
    """The fast way, when every marked row is written `<row r="N"`, in order (as Excel,
    LibreOffice and openpyxl write them): each is found directly. None otherwise."""
    out: list[str] = []
    position = 0
    close = f"</{prefix}row>"
    for number in sorted(by_row):
        at = body.find(f'<{prefix}row r="{number}"', position)
        if at < 0:
            return None
        tag_end = body.index(">", at)
        if body[tag_end - 1] == "/":
            attrs, inner, row_end = body[at + len(prefix) + 4 : tag_end - 1], "", tag_end + 1
        else:
            closing = body.index(close, tag_end)
            attrs, inner = body[at + len(prefix) + 4 : tag_end], body[tag_end + 1 : closing]
            row_end = closing + len(close)
        out.append(body[position:at])
        out.append(_patch_row(prefix, number, attrs, inner, by_row[number], restyle))
        position = row_end
    out.append(body[position:])
    return out


def _patch_every_row(
    body: str, prefix: str, by_row: Mapping[int, Mapping[int, str]], restyle: Restyle
) -> list[str]:
    """The general way: every row read in turn (rows without `r`, marked rows to be added)."""
    pattern = re.compile(rf"<{prefix}row\b([^>]*?)(?:/>|>(.*?)</{prefix}row>)", re.S)
    out: list[str] = []
    position, previous = 0, 0
    pending = sorted(by_row)
    for match in pattern.finditer(body):
        number_match = _ROW_NUMBER.search(match.group(1))
        number = int(number_match.group(1)) if number_match else previous + 1
        previous = number
        out.append(body[position : match.start()])
        position = match.start()
        while pending and pending[0] < number:  # marked rows that do not exist yet
            missing = pending.pop(0)
            out.append(_new_row(prefix, missing, by_row[missing], restyle))
        if pending and pending[0] == number:
            pending.pop(0)
            attrs, inner = match.group(1), match.group(2) or ""
            out.append(_patch_row(prefix, number, attrs, inner, by_row[number], restyle))
            position = match.end()
    out.append(body[position:])
    out += [_new_row(prefix, n, by_row[n], restyle) for n in pending]
    return out


def _patch_row(
    prefix: str,
    number: int,
    attrs: str,
    inner: str,
    fills: Mapping[int, str],
    restyle: Restyle,
) -> str:
    """One existing row (its attributes and content) with its marked cells restyled or added
    (cells stay in order); the cells after the last marked one are copied as they are."""
    out: list[str] = []
    position, previous = 0, 0
    pending = sorted(fills)
    for cell in _cell_pattern(prefix).finditer(inner):
        if not pending:
            break
        ref = _CELL_COLUMN.search(cell.group(1))
        column = _column_number(ref.group(1)) if ref else previous + 1
        previous = column
        out.append(inner[position : cell.start()])
        position = cell.start()
        while pending and pending[0] < column:
            missing = pending.pop(0)
            out.append(_new_cell(prefix, number, missing, restyle(0, fills[missing])))
        if pending and pending[0] == column:
            pending.pop(0)
            attrs_out = _restyled(cell.group(1), fills[column], restyle)
            out.append(f"<{prefix}c{attrs_out}{cell.group(2)}")
            position = cell.end()
    out.append(inner[position:])
    out += [_new_cell(prefix, number, c, restyle(0, fills[c])) for c in pending]
    return f"<{prefix}row{_SPANS.sub('', attrs)}>" + "".join(out) + f"</{prefix}row>"


@lru_cache(maxsize=8)
def _cell_pattern(prefix: str) -> re.Pattern[str]:
    return re.compile(rf"<{prefix}c\b([^>]*?)(/>|>.*?</{prefix}c>)", re.S)


@cache
def _column_number(letters: str) -> int:
    return split_ref(f"{letters}1")[1]  # type: ignore[index]


def _restyled(attrs: str, fill: str, restyle: Restyle) -> str:
    """The attributes of a cell with its `s` replaced by the same format plus `fill`."""
    style = _STYLE.search(attrs)
    if not style:
        return f'{attrs} s="{restyle(0, fill)}"'
    new = restyle(int(style.group(1)), fill)
    return attrs[: style.start(1)] + str(new) + attrs[style.end(1) :]


def _new_row(prefix: str, number: int, fills: Mapping[int, str], restyle: Restyle) -> str:
    cells = "".join(_new_cell(prefix, number, c, restyle(0, fills[c])) for c in sorted(fills))
    return f'<{prefix}row r="{number}">{cells}</{prefix}row>'


def _new_cell(prefix: str, row: int, column: int, style: int) -> str:
    return f'<{prefix}c r="{column_letter(column)}{row}" s="{style}"/>'


def _insert_legacy_drawing(tail: str, prefix: str, rel_id: str) -> str:
    """The end of a sheet (from </sheetData>) with a <legacyDrawing> where the schema wants it."""
    element = f'<{prefix}legacyDrawing xmlns:r="{DOC_REL_NS}" r:id="{rel_id}"/>'
    for name in _AFTER_LEGACY:
        match = re.search(rf"<{prefix}{name}\b", tail)
        if match:
            return tail[: match.start()] + element + tail[match.start() :]
    at = tail.rindex(f"</{prefix}worksheet>")
    return tail[:at] + element + tail[at:]


def _merged_ranges(data: bytes) -> list[tuple[int, int, int, int]]:
    """The merged ranges of a sheet (listed after its cells)."""
    ranges = []
    tail = data[max(data.rfind(b"sheetData>"), 0) :]
    for ref in re.findall(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+\d+:[A-Z]+\d+)"', tail):
        first, last = (split_ref(part) for part in ref.decode().split(":"))
        if first and last:
            ranges.append((first[0], first[1], last[0], last[1]))
    return ranges


# -- comments -------------------------------------------------------------------------------------


def _read_comments(data: bytes) -> dict[tuple[int, int], tuple[str, str]]:
    """(row, column) -> (author, text) of a comments part."""
    root = etree.fromstring(data, PARSER)
    authors = [a.text or "" for a in root.iter(f"{_MAIN}author")]
    notes = {}
    for comment in root.iter(f"{_MAIN}comment"):
        index = int(comment.get("authorId", "0"))
        author = authors[index] if index < len(authors) else ""
        text = "".join(t.text or "" for t in comment.iter(f"{_MAIN}t"))
        cell = split_ref(comment.get("ref", ""))
        if cell:
            notes[cell] = (author, text)
    return notes


def _comments_xml(notes: Mapping[tuple[int, int], tuple[str, str]]) -> bytes:
    authors = sorted({author for author, _ in notes.values()})
    index = {author: i for i, author in enumerate(authors)}
    items = "".join(
        f'<comment ref="{column_letter(column)}{row}" authorId="{index[author]}"><text>'
        f'<t xml:space="preserve">{xml_text(text)}</t></text></comment>'
        for (row, column), (author, text) in notes.items()
    )
    names = "".join(f"<author>{xml_text(a)}</author>" for a in authors)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<authors>{names}</authors><commentList>{items}</commentList></comments>"
    ).encode()


_NOTE_TYPE = (
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
    'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
    '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
)


def _new_vml(ids: list[str], shapes: Iterable[str]) -> Iterator[str]:
    yield (
        '<xml xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel">'
        f'<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{",".join(ids)}"/>'
        f"</o:shapelayout>{_NOTE_TYPE}"
    )
    yield from shapes
    yield "</xml>"


def _note_shape(shape_id: int, cell: tuple[int, int], text: str) -> str:
    """The (hidden until hovered) box of one note, sized to its text."""
    row, column = cell
    lines = sum(max(1, -(-len(line) // COMMENT_CHARS_PER_LINE)) for line in text.split("\n"))
    height = round(lines * COMMENT_LINE_PT + 8, 1)
    return (
        f'<v:shape id="_x0000_s{shape_id}" type="#_x0000_t202" style="position:absolute;'
        f"margin-left:59.25pt;margin-top:1.5pt;width:{COMMENT_WIDTH_PT}pt;height:{height}pt;"
        'z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">'
        '<v:fill color2="#ffffe1"/><v:shadow color="black" obscured="t"/>'
        '<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto">'
        '<div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note">'
        "<x:MoveWithCells/><x:SizeWithCells/><x:AutoFill>False</x:AutoFill>"
        f"<x:Row>{row - 1}</x:Row><x:Column>{column - 1}</x:Column></x:ClientData></v:shape>"
    )


# -- package helpers ------------------------------------------------------------------------------


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels") if part else "_rels/.rels"


def _resolve(part: str, target: str) -> str:
    """A relationship target as a part name ('/xl/x.xml' and '../x.xml' both work)."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(part), target))


def _tree_bytes(tree: etree._Element) -> bytes:
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True)
