"""WordprocessingML written as strings: style ids, runs, paragraphs, sections and pictures.

Large documents are never held by lxml or python-docx (see shared/notes/docx-performance.md):
`render.docx` streams these strings (and the tables of `render.tablexml`) into
word/document.xml. Every piece of text goes through `esc`, which drops XML-illegal characters
and escapes `& < >`. Properties are written in the order of the WordprocessingML schema
(`ppr`, `run`, `sect_pr`): Word refuses some documents whose elements are out of order.
"""

from __future__ import annotations

from datetime import UTC, datetime

from ..sources.normalise import ILLEGAL_XML
from .page import TWIPS_PER_CM, Page, paper

__all__ = ["TWIPS_PER_CM", "Page"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FIXED_DATE = datetime(2021, 1, 1, tzinfo=UTC)  # the default when no source date is given

# Paragraph style ids defined by templates/reference.docx (render/reference.py).
S_COVER, S_COVER_SMALL, S_FRONT_TITLE = "Sampul", "SampulAlamat", "JudulDepan"
S_TABLE_OF_FIGURES, S_LIST, S_NOTE = "TableofFigures", "Daftar", "CatatanTabel"
S_FIGURE, S_FIGURE_BOX = "Gambar", "KotakGambar"
S_CHAPTER_MARK, S_CONTINUED = "PenandaBab", "LanjutanTabel"
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
    S_CHAPTER_MARK,
    S_CONTINUED,
    S_CELL_TEXT,
    S_CELL_NUMBER,
    S_CELL_HEAD,
    S_CELL_TEXT_SMALL,
    S_CELL_NUMBER_SMALL,
    S_CELL_HEAD_SMALL,
)

HEAD_FILL, NUMBERING_FILL, TOTAL_FILL = "D9D9D9", "F2F2F2", "F2F2F2"
INDENT_PER_LEVEL = 142  # twips, 0.25 cm
TABLE_FONT_PT = 8.0  # cell styles TabelTeks, TabelAngka, TabelKepala
SMALL_FONT_PT = 7.0  # the ...Kecil cell styles: the smallest type of any table
LINE_FACTOR = 1.17  # line height / font size of single-spaced Arial
EMU_PER_TWIP = 635

_A4 = paper("A4")
PORTRAIT, LANDSCAPE = _A4.portrait, _A4.landscape


def escape(text: str) -> str:
    """`& < >` as entities (xml.sax.saxutils.escape without its import of urllib and
    http.client, 24 ms at start-up; runs for every cell)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def quoted(text: str) -> str:
    """An attribute value in double quotes, escaped."""
    return '"' + escape(text).replace('"', "&quot;") + '"'


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


def rpr(
    bold: bool = False,
    italic: bool = False,
    size_pt: float | None = None,
    color: str | None = None,
    hidden: bool = False,
) -> str:
    """Run properties in schema order (b, i, vanish, color, sz, szCs); empty when none."""
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    props += ("<w:vanish/>" if hidden else "") + (f'<w:color w:val="{color}"/>' if color else "")
    if size_pt:
        half = round(size_pt * 2)
        props += f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'
    return f"<w:rPr>{props}</w:rPr>" if props else ""


def run(
    text: str,
    bold: bool = False,
    italic: bool = False,
    size_pt: float | None = None,
    color: str | None = None,
) -> str:
    return f"<w:r>{rpr(bold, italic, size_pt, color)}{text_xml(text)}</w:r>"


BREAK = "<w:r><w:br/></w:r>"
TAB = "<w:r><w:tab/></w:r>"


def ppr(
    style: str | None = None,
    keep_next: bool = False,
    keep_lines: bool = False,
    page_break_before: bool = False,
    num: tuple[int, int] | None = None,
    border: str = "",
    tabs: str = "",
    spacing: str = "",
    ind: str = "",
    jc: str | None = None,
    rpr: str = "",
    sect: str = "",
) -> str:
    """Paragraph properties in schema order; `num` is (numId, ilvl); `border`, `tabs`,
    `spacing` and `ind` are the elements' XML, `rpr` the paragraph mark's properties (their
    content, without `<w:rPr>`)."""
    parts = [f'<w:pStyle w:val="{style}"/>' if style else ""]
    parts.append(("<w:keepNext/>" if keep_next else "") + ("<w:keepLines/>" if keep_lines else ""))
    parts.append("<w:pageBreakBefore/>" if page_break_before else "")
    if num is not None:
        parts.append(num_pr(*num))
    parts += [border, f"<w:tabs>{tabs}</w:tabs>" if tabs else "", spacing, ind]
    parts.append(f'<w:jc w:val="{jc}"/>' if jc else "")
    parts.append(f"<w:rPr>{rpr}</w:rPr>" if rpr else "")
    parts.append(sect)
    body = "".join(parts)
    return f"<w:pPr>{body}</w:pPr>" if body else ""


def num_pr(num_id: int, ilvl: int) -> str:
    return f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'


def paragraph(style: str | None, content: str, **props: object) -> str:
    """A paragraph of `style` with `content` runs; `props` are those of `ppr`."""
    return f"<w:p>{ppr(style, **props)}{content}</w:p>"  # type: ignore[arg-type]


def spacing(before: int | None = None, after: int | None = None) -> str:
    """`<w:spacing>` with before/after in twips."""
    attrs = "" if before is None else f' w:before="{before}"'
    attrs += "" if after is None else f' w:after="{after}"'
    return f"<w:spacing{attrs}/>"


def sect_pr(
    page: Page,
    footer_default: str | None,
    page_start: int | None = None,
    page_format: str | None = None,
) -> str:
    """A section's properties; every section but the cover names its footer explicitly."""
    refs = (
        f'<w:footerReference w:type="default" r:id="{footer_default}"/>' if footer_default else ""
    )
    orient = ' w:orient="landscape"' if page.landscape else ""
    numbering = ""
    if page_start is not None or page_format:
        fmt = f' w:fmt="{page_format}"' if page_format else ""
        start = f' w:start="{page_start}"' if page_start is not None else ""
        numbering = f"<w:pgNumType{fmt}{start}/>"
    return (
        f'<w:sectPr>{refs}<w:pgSz w:w="{page.width}" w:h="{page.height}"{orient}/>'
        f'<w:pgMar w:top="{page.top}" w:right="{page.right}" w:bottom="{page.bottom}" '
        f'w:left="{page.left}" w:header="{page.header}" w:footer="{page.footer}" w:gutter="0"/>'
        f'{numbering}<w:cols w:space="708"/><w:docGrid w:linePitch="360"/></w:sectPr>'
    )


# -- captions and notes (tables and figures) --------------------------------------------------


NOTE_SPACE_AFTER = 240  # twips (12 pt) after the last note, before the text resumes


def caption_xml(label: str, numbers: str, title: str) -> str:
    """'Tabel 6.2' (label and the SEQ fields of `numbers`) and, on the next line, the title:
    one Caption paragraph, kept with the table that follows (the style's keepNext)."""
    return paragraph("Caption", run(f"{label} ") + numbers + BREAK + run(title))


def continued_xml(caption: str, part: int, parts: int) -> str:
    """The line above a further part of a table split by columns: not a caption (it is not
    listed in DAFTAR TABEL), kept with its part."""
    return paragraph(S_CONTINUED, run(f"{caption} (lanjutan, bagian {part} dari {parts})"))


def notes_xml(table_notes: list[str]) -> list[str]:
    """The small paragraphs under a table or figure, the last with space after it, so that
    "Sumber: ..." never runs into the next paragraph; a spacer when there are none."""
    if not table_notes:
        return [paragraph(S_NOTE, "", spacing=spacing(after=NOTE_SPACE_AFTER - 40))]
    last = len(table_notes) - 1
    return [
        paragraph(S_NOTE, run(note), spacing=spacing(after=NOTE_SPACE_AFTER) if n == last else "")
        for n, note in enumerate(table_notes)
    ]


# -- pictures -----------------------------------------------------------------------------------


A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC_NS = "http://schemas.openxmlformats.org/drawingml/2006/picture"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def drawing_xml(rel_id: str, shape_id: int, width_twips: int, px: tuple[int, int]) -> str:
    """An inline picture run of `width_twips`, keeping the image's aspect ratio."""
    cx = width_twips * EMU_PER_TWIP
    cy = round(cx * px[1] / px[0])
    return (
        f'<w:r><w:drawing><wp:inline xmlns:wp="{WP_NS}" distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{shape_id}" name="Gambar {shape_id}"/>'
        f'<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="{A_NS}" noChangeAspect="1"/>'
        f'</wp:cNvGraphicFramePr><a:graphic xmlns:a="{A_NS}"><a:graphicData uri="{PIC_NS}">'
        f'<pic:pic xmlns:pic="{PIC_NS}"><pic:nvPicPr><pic:cNvPr id="{shape_id}" '
        f'name="gambar{shape_id}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>'
        f'<a:blip r:embed="{rel_id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData>'
        f"</a:graphic></wp:inline></w:drawing></w:r>"
    )
