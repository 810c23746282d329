"""WordprocessingML written as strings: styles, pages, paragraphs, figures and the re-zip.

Large documents are never held by lxml or python-docx (see shared/notes/docx-performance.md):
`render.docx` splices these strings (and the tables of `render.tablexml`) into
word/document.xml at save time. Every piece of text goes through `esc`, which drops
XML-illegal characters and escapes `& < >`.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape

from .package import zip_parts

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FIXED_DATE = datetime(2021, 1, 1)

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
LINE_FACTOR = 1.17  # line height / font size of single-spaced Arial
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

ILLEGAL_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def esc(text: str) -> str:
    """Text safe inside `<w:t>`: XML-illegal characters removed, `& < >` escaped."""
    return escape(ILLEGAL_XML.sub("", text))


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


# -- captions and notes (tables and figures) --------------------------------------------------


def caption_xml(label: str, title: str) -> str:
    """'Tabel 6.2' and, on the next line, the title: one Caption paragraph (keepNext)."""
    content = run(label) + "<w:r><w:br/></w:r>" + run(title)
    return paragraph("Caption", content)


def notes_xml(table_notes: list[str]) -> list[str]:
    """The small paragraphs under a table or figure; an empty spacer when there are none."""
    if not table_notes:
        return [paragraph(S_NOTE, "")]
    return [paragraph(S_NOTE, run(note)) for note in table_notes]


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

    A replacement given as strings is encoded and compressed piece by piece (`zip_parts`).
    """
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        names = [info.filename for info in source.infolist()]
        return zip_parts(
            (name, replacements[name] if name in replacements else source.read(name))
            for name in names
        )
