"""Generate templates/reference.docx: the styles every rendered Renstra uses.

Run `python -m renstra_docs.render.reference` after changing a style; the .docx is committed so
that a build never depends on how this script behaves on another machine. The renderer writes
its own page setup (A4, margins, sections); the styles here are the only thing it takes from the
reference document.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor, Twips
from lxml import etree

from ..atomic import write_bytes
from . import wordml

FONT = "Arial"  # LibreOffice substitutes the metric-compatible Liberation Sans
LANG = "id-ID"
BLACK = RGBColor(0, 0, 0)
REFERENCE = Path(__file__).resolve().parents[2] / "templates" / "reference.docx"


def build() -> bytes:
    """The reference document as deterministic bytes."""
    doc = Document()
    _defaults(doc)
    _paragraph_styles(doc)
    _page(doc)
    core = doc.core_properties
    core.author = core.last_modified_by = "renstra-docs"
    core.title = "Renstra reference styles"
    core.created = core.modified = wordml.FIXED_DATE
    core.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    return wordml.rezip(buffer.getvalue(), {})


def _defaults(doc) -> None:
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for name in list(fonts.attrib):
        del fonts.attrib[name]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = etree.SubElement(rpr, qn("w:lang"))
    lang.set(qn("w:val"), LANG)
    lang.set(qn("w:eastAsia"), LANG)
    lang.set(qn("w:bidi"), "ar-SA")


def _font(style, size: float, bold: bool = False, italic: bool = False) -> None:
    font = style.font
    font.name = FONT
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    font.color.rgb = BLACK
    fonts = style.element.rPr.find(qn("w:rFonts"))
    for name in list(fonts.attrib):
        del fonts.attrib[name]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _para(
    style,
    align=None,
    before: float = 0,
    after: float = 0,
    line: float = 1.0,
    keep_next: bool = False,
    left_cm: float = 0,
    hanging_cm: float = 0,
) -> None:
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE if line == 1.0 else WD_LINE_SPACING.MULTIPLE
    if line != 1.0:
        fmt.line_spacing = line
    fmt.keep_with_next = keep_next
    fmt.left_indent = Cm(left_cm) if left_cm else None
    fmt.first_line_indent = Cm(-hanging_cm) if hanging_cm else None


def _style(doc, name: str, style_id: str, base: str = "Normal"):
    styles = doc.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.element.set(qn("w:styleId"), style_id)
    style.base_style = styles[base] if base and name != base else None
    style.quick_style = True
    return style


def _paragraph_styles(doc) -> None:
    J, C, L, R = (
        WD_ALIGN_PARAGRAPH.JUSTIFY,
        WD_ALIGN_PARAGRAPH.CENTER,
        WD_ALIGN_PARAGRAPH.LEFT,
        WD_ALIGN_PARAGRAPH.RIGHT,
    )
    normal = _style(doc, "Normal", "Normal", base="")
    _font(normal, 11)
    _para(normal, J, after=6, line=1.5)
    heading_sizes = {1: 14, 2: 12, 3: 11, 4: 11}
    hanging = {2: 1.0, 3: 1.3, 4: 1.6}
    for level, size in heading_sizes.items():
        style = _style(doc, f"Heading {level}", f"Heading{level}")
        _font(style, size, bold=True, italic=level == 4)
        if level == 1:
            _para(style, C, after=18, line=1.15, keep_next=True)
            style.paragraph_format.page_break_before = True
        else:
            _para(
                style,
                L,
                before=12,
                after=6,
                line=1.15,
                keep_next=True,
                left_cm=hanging[level],
                hanging_cm=hanging[level],
            )
        style.paragraph_format.keep_together = True
    caption = _style(doc, "Caption", "Caption")
    _font(caption, 10, bold=True)
    _para(caption, C, before=12, after=6, line=1.0, keep_next=True)
    caption.paragraph_format.keep_together = True
    front = _style(doc, "Judul Depan", wordml.S_FRONT_TITLE)
    _font(front, 14, bold=True)
    _para(front, C, after=18, line=1.15, keep_next=True)
    cover = _style(doc, "Sampul", wordml.S_COVER)
    _font(cover, 14, bold=True)
    _para(cover, C, after=6, line=1.15)
    cover_small = _style(doc, "Sampul Alamat", wordml.S_COVER_SMALL)
    _font(cover_small, 10)
    _para(cover_small, C, line=1.0)
    for level in (1, 2, 3):
        toc = _style(doc, f"toc {level}", f"TOC{level}")
        _font(toc, 11, bold=level == 1)
        _para(
            toc,
            L,
            before=6 if level == 1 else 0,
            after=2,
            line=1.0,
            left_cm=0.6 * (level - 1) + 1.6,
            hanging_cm=1.6,
        )
    tof = _style(doc, "table of figures", wordml.S_TABLE_OF_FIGURES)
    _font(tof, 11)
    _para(tof, L, after=2, line=1.0, left_cm=2.0, hanging_cm=2.0)
    listing = _style(doc, "Daftar", wordml.S_LIST)
    _para(listing, J, after=3, line=1.5)
    for name, style_id, points, align, bold in (
        ("Tabel Teks", wordml.S_CELL_TEXT, 8.0, L, False),
        ("Tabel Angka", wordml.S_CELL_NUMBER, 8.0, R, False),
        ("Tabel Kepala", wordml.S_CELL_HEAD, 8.0, C, True),
        ("Tabel Teks Kecil", wordml.S_CELL_TEXT_SMALL, wordml.SMALL_FONT_PT, L, False),
        ("Tabel Angka Kecil", wordml.S_CELL_NUMBER_SMALL, wordml.SMALL_FONT_PT, R, False),
        ("Tabel Kepala Kecil", wordml.S_CELL_HEAD_SMALL, wordml.SMALL_FONT_PT, C, True),
    ):
        style = _style(doc, name, style_id)
        _font(style, points, bold=bold)
        _para(style, align, line=1.0)
    note = _style(doc, "Catatan Tabel", wordml.S_NOTE)
    _font(note, 9)
    _para(note, L, before=2, line=1.0)
    figure = _style(doc, "Gambar", wordml.S_FIGURE)
    _para(figure, C, line=1.0)
    box = _style(doc, "Kotak Gambar", wordml.S_FIGURE_BOX)
    _font(box, 10, italic=True)
    _para(box, C, before=6, after=6, line=1.0)
    _box_border(box)
    footer = _style(doc, "Footer", "Footer")
    _font(footer, 10)
    _para(footer, C, line=1.0)


def _box_border(style) -> None:
    ppr = style.element.get_or_add_pPr()
    borders = etree.fromstring(
        f'<w:pBdr xmlns:w="{wordml.W_NS}">'
        + "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="12" w:color="808080"/>'
            for side in ("top", "left", "bottom", "right")
        )
        + "</w:pBdr>"
    )
    anchor = ppr.find(qn("w:spacing"))
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        ppr.append(borders)
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        ind = etree.SubElement(ppr, qn("w:ind"))
    ind.set(qn("w:left"), "1134")
    ind.set(qn("w:right"), "1134")


def _page(doc) -> None:
    section = doc.sections[0]
    geometry = wordml.PORTRAIT
    section.page_width, section.page_height = Twips(geometry.width), Twips(geometry.height)
    section.top_margin, section.bottom_margin = Twips(geometry.top), Twips(geometry.bottom)
    section.left_margin, section.right_margin = Twips(geometry.left), Twips(geometry.right)


def check(data: bytes) -> list[str]:
    """Names of the styles the renderer needs that `data` lacks (empty when complete)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        styles = package.read("word/styles.xml").decode("utf-8")
    return [s for s in wordml.REQUIRED_STYLES if f'w:styleId="{s}"' not in styles]


def main(argv: list[str] | None = None) -> int:
    target = Path(argv[0]) if argv else REFERENCE
    write_bytes(target, build())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
