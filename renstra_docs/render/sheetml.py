"""SpreadsheetML written as strings: cells, worksheets, styles and package parts.

Shared by the table workbook (`render.xlsx_tables`) and the marked copies of the source
workbooks (`render.temuan`). openpyxl builds an object per cell: writing the 20.000-row
matrix with it (even in write-only mode) takes several seconds, loading and saving a source
workbook of that size half a minute, so both outputs are written as text like the DOCX
(`render.tablexml`); the tests read them back with openpyxl.

Text cells are inline strings (`t="inlineStr"`): a stored string is never a formula, whatever
it starts with, and `quote=True` styles (Excel's `quotePrefix`) keep it text when edited.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from lxml import etree

from ..sources.numfmt import column_number
from .wordml import FIXED_DATE, ILLEGAL_XML, escape

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
DOC_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_WORKSHEET = f"{DOC_REL_NS}/worksheet"
REL_STYLES = f"{DOC_REL_NS}/styles"
REL_COMMENTS = f"{DOC_REL_NS}/comments"
REL_VML = f"{DOC_REL_NS}/vmlDrawing"
REL_HYPERLINK = f"{DOC_REL_NS}/hyperlink"
REL_OFFICE_DOCUMENT = f"{DOC_REL_NS}/officeDocument"
REL_APP = f"{DOC_REL_NS}/extended-properties"
REL_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_CT = "application/vnd.openxmlformats-officedocument"
CT_WORKBOOK = f"{_CT}.spreadsheetml.sheet.main+xml"
CT_WORKSHEET = f"{_CT}.spreadsheetml.worksheet+xml"
CT_STYLES = f"{_CT}.spreadsheetml.styles+xml"
CT_COMMENTS = f"{_CT}.spreadsheetml.comments+xml"
CT_VML = f"{_CT}.vmlDrawing"
CT_CORE = "application/vnd.openxmlformats-package.core-properties+xml"
CT_APP = f"{_CT}.extended-properties+xml"
CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

MAX_CELL_TEXT = 32_767  # Excel refuses longer cell texts
FORMULA_PREFIXES = ("=", "+", "-", "@")
# Parts of other workbooks are parsed without entities or network access (safety.py checked the
# package already; this is defence in depth).
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
_OOXML_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_ATTR_ESCAPES = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def xml_text(text: str) -> str:
    """Cell text as XML: illegal characters dropped, `& < >` escaped, and a literal `_x0041_`
    kept literal (Excel would read it as an escaped character)."""
    text = ILLEGAL_XML.sub("", text[:MAX_CELL_TEXT])
    if "_x" in text:
        text = _OOXML_ESCAPE.sub(r"_x005F_\1", text)
    return escape(text)


def xml_attr(text: str) -> str:
    """Text safe inside a double-quoted attribute."""
    text = escape(ILLEGAL_XML.sub("", text))
    if '"' in text or "\n" in text or "\r" in text or "\t" in text:
        for char, entity in _ATTR_ESCAPES.items():
            text = text.replace(char, entity)
    return text


def text_cell(ref: str, text: str, style: int) -> str:
    return f'<c r="{ref}"{text_tail(text, style)}'


def number_cell(ref: str, number: str, style: int) -> str:
    return f'<c r="{ref}"{number_tail(number, style)}'


def blank_cell(ref: str, style: int) -> str:
    return f'<c r="{ref}" s="{style}"/>'


# A cell is `<c r="H17"` and its tail: what follows the reference. Large tables reuse the tails
# of their repeated values.


def text_tail(text: str, style: int) -> str:
    if not text:
        return f' s="{style}"/>'
    return f' s="{style}" t="inlineStr"><is><t xml:space="preserve">{xml_text(text)}</t></is></c>'


def number_tail(number: str, style: int) -> str:
    return f' s="{style}"><v>{number}</v></c>'


def row_xml(
    number: int, cells: Iterable[str], height: float | None = None, fixed: bool = False
) -> str:
    """A row; `height` in points. A `fixed` height stays when the cells are edited (merged
    cells, which no spreadsheet fits); otherwise Excel fits the row again after an edit."""
    return f'<row r="{number}"{height_attr(height, fixed)}>' + "".join(cells) + "</row>"


def height_attr(height: float | None, fixed: bool = False) -> str:
    if not height:
        return ""
    return f' ht="{height:.2f}" customHeight="1"' if fixed else f' ht="{height:.2f}"'


def row_template(letters: Sequence[str]) -> str:
    """A row of cells in `letters` as one format string: `.format(number, height_attr(...),
    *tails)` (one format a row is much cheaper than one string a cell, for big tables)."""
    cells = "".join(f'<c r="{letter}{{0}}"{{{i}}}' for i, letter in enumerate(letters, 2))
    return '<row r="{0}"{1}>' + cells + "</row>"


def needs_quote(text: str) -> bool:
    """Text a spreadsheet user would turn into a formula by editing the cell."""
    return text.startswith(FORMULA_PREFIXES)


# -- worksheets ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageSetup:
    paper_size: int  # Excel's paperSize code: 9 = A4, 14 = Folio 8.5 x 13 in
    landscape: bool = False
    fit_to_width: bool = True


class Hyperlink(NamedTuple):
    ref: str  # the cell holding the link
    location: str  # "'Sheet'!H17" inside the target workbook
    rel_id: str | None = None  # for a link to another file (its relationship)
    tooltip: str | None = None

    def xml(self) -> str:
        rel = f' r:id="{self.rel_id}"' if self.rel_id else ""
        tip = f' tooltip="{xml_attr(self.tooltip)}"' if self.tooltip else ""
        location = xml_attr(self.location)
        return f'<hyperlink ref="{self.ref}"{rel} location="{location}" display="{location}"{tip}/>'


def worksheet(
    rows: Iterable[str],
    widths: list[float],
    *,
    page: PageSetup,
    freeze_rows: int = 0,
    merges: Iterable[str] = (),
    hyperlinks: Iterable[Hyperlink] = (),
    selected: bool = False,
) -> Iterator[str]:
    """A whole worksheet part as pieces of XML (rows streamed, never joined whole)."""
    fit = '<pageSetUpPr fitToPage="1"/>' if page.fit_to_width else ""
    yield (
        XML_DECLARATION + f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{DOC_REL_NS}">'
        f"<sheetPr>{fit}</sheetPr><sheetViews>{_sheet_view(freeze_rows, selected)}</sheetViews>"
        '<sheetFormatPr defaultRowHeight="12.75"/>'
    )
    if widths:
        yield (
            "<cols>"
            + "".join(
                f'<col min="{i}" max="{i}" width="{w:.2f}" customWidth="1"/>'
                for i, w in enumerate(widths, 1)
            )
            + "</cols>"
        )
    yield "<sheetData>"
    yield from rows
    yield "</sheetData>"
    merged = sorted(set(merges), key=_range_order)
    if merged:
        yield f'<mergeCells count="{len(merged)}">'
        yield "".join(f'<mergeCell ref="{ref}"/>' for ref in merged) + "</mergeCells>"
    links = list(hyperlinks)
    if links:
        yield "<hyperlinks>" + "".join(link.xml() for link in links) + "</hyperlinks>"
    fit_attrs = ' fitToWidth="1" fitToHeight="0"' if page.fit_to_width else ""
    orientation = "landscape" if page.landscape else "portrait"
    yield (
        '<printOptions horizontalCentered="1"/>'
        '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>'
        f'<pageSetup paperSize="{page.paper_size}" orientation="{orientation}"{fit_attrs}/>'
        "</worksheet>"
    )


def _sheet_view(freeze_rows: int, selected: bool) -> str:
    tab = ' tabSelected="1"' if selected else ""
    if not freeze_rows:
        return f'<sheetView workbookViewId="0"{tab}/>'
    first = f"A{freeze_rows + 1}"
    return (
        f'<sheetView workbookViewId="0"{tab}><pane ySplit="{freeze_rows}" topLeftCell="{first}"'
        f' activePane="bottomLeft" state="frozen"/>'
        f'<selection pane="bottomLeft" activeCell="{first}" sqref="{first}"/></sheetView>'
    )


_REF = re.compile(r"([A-Z]+)(\d+)")


def _range_order(ref: str) -> tuple[int, int]:
    """Merged ranges in reading order (top-left cell: row, then column)."""
    return split_ref(ref.split(":")[0]) or (0, 0)


def split_ref(ref: str) -> tuple[int, int] | None:
    """'H17' -> (17, 8) as (row, column); None when `ref` is not a cell reference."""
    match = _REF.fullmatch(ref) or _REF.fullmatch(ref.replace("$", "").upper())
    if not match:
        return None
    return int(match.group(2)), column_number(match.group(1))


def sheet_location(sheet: str, ref: str) -> str:
    """A hyperlink location: 'matriks 2022'!H17 (quotes doubled inside the name)."""
    return f"{quoted_sheet(sheet)}!{ref}"


def quoted_sheet(sheet: str) -> str:
    """A sheet name as formulas and defined names write it: 'Tabel 6.2'."""
    return "'" + sheet.replace("'", "''") + "'"


# -- styles -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Font:
    bold: bool = False
    italic: bool = False
    underline: bool = False
    size: float = 10
    color: str | None = None  # "FF0000FF"
    name: str = "Arial"

    def xml(self) -> str:
        flags = "".join(tag for tag, on in (("<b/>", self.bold), ("<i/>", self.italic)) if on)
        under = "<u/>" if self.underline else ""
        color = f'<color rgb="{argb(self.color)}"/>' if self.color else ""
        return (
            f'<font>{flags}{under}<sz val="{self.size:g}"/>{color}'
            f'<name val="{xml_attr(self.name)}"/><family val="2"/></font>'
        )


@dataclass(frozen=True)
class Align:
    horizontal: str | None = None  # "left", "center", "right"
    vertical: str | None = "top"
    wrap: bool = False
    indent: int = 0

    def xml(self) -> str:
        attrs = ""
        if self.horizontal:
            attrs += f' horizontal="{self.horizontal}"'
        if self.vertical:
            attrs += f' vertical="{self.vertical}"'
        if self.wrap:
            attrs += ' wrapText="1"'
        if self.indent:
            attrs += f' indent="{self.indent}"'
        return f"<alignment{attrs}/>"


def argb(rgb: str) -> str:
    """'D9D9D9' -> 'FFD9D9D9': SpreadsheetML colours are ARGB."""
    return rgb.upper() if len(rgb) == 8 else "FF" + rgb.upper()


def solid_fill(rgb: str) -> str:
    return (
        f'<fill><patternFill patternType="solid"><fgColor rgb="{argb(rgb)}"/>'
        '<bgColor indexed="64"/></patternFill></fill>'
    )


THIN_BORDER = (
    '<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/>'
    '</right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/>'
    "</bottom><diagonal/></border>"
)
_SECTIONS = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles")
_FRESH_STYLES = (
    f'<styleSheet xmlns="{MAIN_NS}"><fonts>{Font().xml()}</fonts>'
    '<fills><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    "<borders><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
FIRST_CUSTOM_NUMFMT = 164


class Styles:
    """The styles.xml of a workbook: its own cell formats, and those added here (deduplicated).

    `Styles()` starts a fresh workbook (Arial 10); `Styles(xml)` extends an existing one, whose
    cell formats keep their indices.
    """

    def __init__(self, xml: bytes | None = None):
        self._root = etree.fromstring(xml or _FRESH_STYLES.encode(), PARSER)
        self._ns = etree.QName(self._root).namespace or MAIN_NS
        self._known: dict[tuple[str, bytes], int] = {}
        self._indexed: set[str] = set()
        self._frozen = False
        self._formats: dict[str, int] = {}
        numfmts = self._section("numFmts")
        for numfmt in numfmts:
            self._formats[numfmt.get("formatCode", "")] = int(numfmt.get("numFmtId", "0"))

    def _section(self, name: str) -> etree._Element:
        found = self._root.find(f"{{{self._ns}}}{name}")
        if found is not None:
            return found
        section = etree.Element(f"{{{self._ns}}}{name}")
        later = _SECTIONS[_SECTIONS.index(name) + 1 :]
        for index, child in enumerate(self._root):
            if etree.QName(child).localname in later:
                self._root.insert(index, section)
                return section
        self._root.append(section)
        return section

    def _add(self, section: str, xml: str) -> int:
        """The index of `xml` in `section` (the workbook's own entry when it has the same)."""
        element = etree.fromstring(f'<x xmlns="{self._ns}">{xml}</x>', PARSER)[0]
        key = (section, etree.tostring(element))
        parent = self._section(section)
        if not self._known_in(section):
            for index, child in enumerate(parent):
                self._known.setdefault((section, etree.tostring(child)), index)
        if key not in self._known:
            self._check_open()
            parent.append(element)
            parent.set("count", str(len(parent)))
            self._known[key] = len(parent) - 1
        return self._known[key]

    def _known_in(self, section: str) -> bool:
        if section in self._indexed:
            return True
        self._indexed.add(section)
        return False

    def font(self, font: Font) -> int:
        return self._add("fonts", font.xml())

    def fill(self, rgb: str) -> int:
        return self._add("fills", solid_fill(rgb))

    def border(self) -> int:
        return self._add("borders", THIN_BORDER)

    def number_format(self, code: str) -> int:
        if code == "General":
            return 0
        if code not in self._formats:
            self._check_open()
            taken = [*self._formats.values(), FIRST_CUSTOM_NUMFMT - 1]
            self._formats[code] = max(taken) + 1
            section = self._section("numFmts")
            element = etree.SubElement(section, f"{{{self._ns}}}numFmt")
            element.set("numFmtId", str(self._formats[code]))
            element.set("formatCode", code)
            section.set("count", str(len(section)))
        return self._formats[code]

    def xf(
        self,
        font: Font = Font(),
        fill: str | None = None,
        bordered: bool = False,
        number_format: str = "General",
        align: Align | None = None,
        quote: bool = False,
    ) -> int:
        """The index of a cell format (a `s="..."` of a cell)."""
        parts = [
            f'<xf numFmtId="{self.number_format(number_format)}" fontId="{self.font(font)}"',
            f' fillId="{self.fill(fill) if fill else 0}"',
            f' borderId="{self.border() if bordered else 0}" xfId="0"',
            ' applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1"',
            ' applyAlignment="1"' if align else "",
            ' quotePrefix="1"' if quote else "",
            f">{align.xml()}</xf>" if align else "/>",
        ]
        return self._add("cellXfs", "".join(parts))

    def with_fill(self, base: int, rgb: str) -> int:
        """Cell format `base` of this workbook with a solid `rgb` fill (what the cell had
        otherwise: its number format, font, borders)."""
        key = ("filled", f"{base}:{rgb}".encode())
        if key not in self._known:
            self._check_open()
            cells = self._section("cellXfs")
            if not len(cells):
                self.xf()
            original = cells[base] if 0 <= base < len(cells) else cells[0]
            clone = copy.deepcopy(original)
            clone.set("fillId", str(self.fill(rgb)))
            clone.set("applyFill", "1")
            cells.append(clone)
            cells.set("count", str(len(cells)))
            self._known[key] = len(cells) - 1
        return self._known[key]

    def _check_open(self) -> None:
        if self._frozen:
            raise RuntimeError("styles.xml is written already: make cell formats before")

    def freeze(self) -> None:
        """No new cell format from now on (they would be missing from the written part)."""
        self._frozen = True

    def to_xml(self) -> bytes:
        etree.cleanup_namespaces(self._root)
        return etree.tostring(self._root, xml_declaration=True, encoding="UTF-8", standalone=True)


# -- package parts ------------------------------------------------------------------------------


def core_properties(title: str, created: datetime = FIXED_DATE) -> bytes:
    """docProps/core.xml with fixed dates: openpyxl and Excel write the time of saving."""
    stamp = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        XML_DECLARATION + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
        'package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{xml_text(title)}</dc:title><dc:creator>renstra-docs</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


def app_properties() -> bytes:
    return (
        XML_DECLARATION + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/'
        '2006/extended-properties"><Application>renstra-docs</Application></Properties>'
    ).encode()


class Rel(NamedTuple):
    id: str
    type: str
    target: str
    external: bool = False

    def xml(self) -> str:
        mode = ' TargetMode="External"' if self.external else ""
        return (
            f'<Relationship Id="{self.id}" Type="{self.type}" '
            f'Target="{xml_attr(self.target)}"{mode}/>'
        )


def relationships(rels: Iterable[Rel]) -> bytes:
    """A .rels part."""
    items = "".join(rel.xml() for rel in rels)
    return (
        XML_DECLARATION + f'<Relationships xmlns="{PKG_REL_NS}">{items}</Relationships>'
    ).encode()


def content_types(overrides: Iterable[tuple[str, str]], vml: bool = False) -> bytes:
    """[Content_Types].xml: rels and xml by default, one override per (part, type)."""
    defaults = [("rels", CT_RELS), ("xml", "application/xml"), *([("vml", CT_VML)] if vml else [])]
    return (
        XML_DECLARATION
        + f'<Types xmlns="{CT_NS}">'
        + "".join(f'<Default Extension="{e}" ContentType="{t}"/>' for e, t in defaults)
        + "".join(f'<Override PartName="/{p}" ContentType="{t}"/>' for p, t in overrides)
        + "</Types>"
    ).encode()
