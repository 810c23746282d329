"""The front of the document: cover (with the region's logo), optional Lembar Pengesahan and
Kata Pengantar from Markdown, then DAFTAR ISI, DAFTAR TABEL and DAFTAR GAMBAR.

The cover is a section of its own without a page number; the front pages are numbered i, ii,
... The contents and lists are TOC fields whose cached result holds the entries (titles only:
the page numbers are known after layout, when Word or LibreOffice updates the fields).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import fields, images, tablexml, wordml
from . import markdown as md
from .blocks import RenderError, Shapes, list_item_xml, picture_file, picture_xml, runs_xml
from .layout import wrapped_lines
from .numbering import Numbering
from .package import Package
from .page import Page, Paper, twips
from .wordml import BREAK, TAB, paragraph, run

TOC_LEVELS = 3
LOGO_HEIGHT_CM = 3.5
LOGO_BOX_WIDTH_CM = 3.0
COVER_TITLE_PT, COVER_PERIOD_PT, COVER_GOVERNMENT_PT, COVER_AGENCY_PT = 20, 16, 16, 18
LETTERHEAD = (
    '<w:pBdr><w:bottom w:val="thickThinSmallGap" w:sz="24" w:space="4" w:color="000000"/></w:pBdr>'
)
GREY = "808080"

Entry = tuple[Any, str, str]  # (TOC level or paragraph style, number or label, title)


@dataclass(frozen=True)
class CoverInfo:
    government: str  # "PEMERINTAH KOTA CONTOH"
    agency: str  # "DINAS KESEHATAN"
    address_lines: tuple[str, ...]
    title: str  # "RENCANA STRATEGIS DINAS KESEHATAN KOTA CONTOH"
    period: str  # "TAHUN 2021-2026"
    author: str = ""  # "Dinas Kesehatan Kota Contoh": author and company of the file
    logo: Path | None = None  # the region's logo (PNG/JPEG); a placeholder box when None


@dataclass
class FrontMatter:
    cover: CoverInfo
    sheet: Paper
    package: Package
    numbering: Numbering
    footer: str  # relationship id of the page-number footer
    shapes: Shapes
    approval: str | None = None  # Lembar Pengesahan, Markdown
    preface: str | None = None  # Kata Pengantar, Markdown
    pictures: Path | None = None  # folder of the pictures a front page may show

    def xml(self, toc: list[Entry], captions: list[tuple[str, str, str]]) -> str:
        """The front as XML: `toc` the body's headings, `captions` its (label, number, title)."""
        page = self.sheet.portrait
        parts = [*self._cover(page), paragraph(None, "", sect=wordml.sect_pr(page, None))]
        titles: list[str] = []
        for title, text in (("LEMBAR PENGESAHAN", self.approval), ("KATA PENGANTAR", self.preface)):
            if text is not None:
                parts += self._text_page(title, text, titles)
        lists = [(label, [c for c in captions if c[0] == label]) for label in fields.LABELS]
        lists = [(label, entries) for label, entries in lists if entries]
        contents: list[Entry] = [(1, "", t) for t in [*titles, "DAFTAR ISI"]]
        contents += [(1, "", f"DAFTAR {label.upper()}") for label, _ in lists]
        instruction = fields.toc_instruction(TOC_LEVELS)
        parts += self._index("DAFTAR ISI", instruction, contents + toc, bool(titles))
        for label, entries in lists:
            cached = [(wordml.S_TABLE_OF_FIGURES, f"{e[0]} {e[1]}", e[2]) for e in entries]
            title = f"DAFTAR {label.upper()}"
            parts += self._index(title, fields.list_instruction(label), cached, True)
        section = wordml.sect_pr(page, self.footer, page_start=1, page_format="lowerRoman")
        parts.append(paragraph(None, "", sect=section))
        return "".join(parts)

    # -- cover ----------------------------------------------------------------------------------

    def _cover(self, page: Page) -> list[str]:
        cover = self.cover
        title_spacing = wordml.spacing(before=720, after=480)
        parts = [
            self._logo(page),
            paragraph(
                wordml.S_COVER, run(cover.title, size_pt=COVER_TITLE_PT), spacing=title_spacing
            ),
            paragraph(wordml.S_COVER, run(cover.period, size_pt=COVER_PERIOD_PT)),
            paragraph(
                wordml.S_COVER,
                run(cover.government, size_pt=COVER_GOVERNMENT_PT),
                spacing=wordml.spacing(before=self._gap(page)),
            ),
            paragraph(
                wordml.S_COVER,
                run(cover.agency, size_pt=COVER_AGENCY_PT),
                border="" if cover.address_lines else LETTERHEAD,
            ),
        ]
        last = len(cover.address_lines) - 1
        parts += [
            paragraph(wordml.S_COVER_SMALL, run(line), border=LETTERHEAD if n == last else "")
            for n, line in enumerate(cover.address_lines)
        ]
        return parts

    def _gap(self, page: Page) -> int:
        """Space above the agency block so that it sits at the foot of the cover."""
        line = 20 * 1.15  # twips per point of single-spaced Arial in the cover styles
        title_lines = wrapped_lines(self.cover.title, page.usable_width, COVER_TITLE_PT)
        used = twips(LOGO_HEIGHT_CM) + 720 + 480 + 400 + 3 * 120
        used += round(title_lines * COVER_TITLE_PT * line)
        used += round((COVER_PERIOD_PT + COVER_GOVERNMENT_PT + COVER_AGENCY_PT) * line)
        used += len(self.cover.address_lines) * 240
        return max(0, page.usable_height - used - twips(1.5))

    def _logo(self, page: Page) -> str:
        if self.cover.logo is None:
            return _logo_placeholder()
        image = images.project_image(self.cover.logo.parent, self.cover.logo.name, "logo")
        height = twips(LOGO_HEIGHT_CM)
        width = min(round(height * image.pixels[0] / image.pixels[1]), page.usable_width)
        return picture_xml(self.package, image, self.shapes.next(), width)

    # -- front pages from Markdown ------------------------------------------------------------

    def _text_page(self, title: str, text: str, titles: list[str]) -> list[str]:
        """A front page from Markdown: its first `#` heading (if any) is the page's title."""
        blocks = md.parse_chapter(text, 0)
        if blocks and isinstance(blocks[0], md.Heading) and blocks[0].level == 1:
            title, blocks = blocks[0].text, blocks[1:]
        titles.append(title)
        heading = paragraph(wordml.S_FRONT_TITLE, run(title), page_break_before=len(titles) > 1)
        lists: dict[int, int] = {}
        return [heading, *(self._block(block, lists) for block in blocks)]

    def _block(self, block: md.Block, lists: dict[int, int]) -> str:
        if isinstance(block, md.Heading):  # unnumbered: a front page is not a chapter
            return paragraph(None, runs_xml(block.runs, bold=True), keep_next=True)
        if isinstance(block, md.ListItem):
            return list_item_xml(block, lists, self.numbering)
        if isinstance(block, md.Picture):  # a signature, a stamp: no caption
            image = picture_file(self.pictures, block.path)
            width = min(twips(image.width_cm), self.sheet.portrait.usable_width)
            return picture_xml(self.package, image, self.shapes.next(), width)
        if isinstance(block, md.Paragraph):
            return paragraph(None, runs_xml(block.runs))
        if isinstance(block, md.PageBreak):
            return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
        raise RenderError("halaman depan tidak dapat menempatkan tabel atau gambar data")

    def _index(self, title: str, instruction: str, entries: list[Entry], break_: bool) -> list[str]:
        heading = paragraph(wordml.S_FRONT_TITLE, run(title), page_break_before=break_)
        width = self.sheet.portrait.usable_width
        return [heading, *field_paragraphs(instruction, entries, width)]


def _logo_placeholder() -> str:
    """A dashed box where the region's logo goes (no logo file in renstra.toml)."""
    width, height = twips(LOGO_BOX_WIDTH_CM), twips(LOGO_HEIGHT_CM)
    border = f'w:val="dashed" w:sz="6" w:space="0" w:color="{GREY}"'
    sides = "".join(f"<w:{s} {border}/>" for s in ("top", "left", "bottom", "right"))
    runs = run("LOGO", italic=True, size_pt=9, color=GREY) + BREAK
    runs += run("PEMERINTAH DAERAH", italic=True, size_pt=7, color=GREY)
    cell = tablexml.cell_xml(width, wordml.S_FIGURE, runs, center=True)
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{sides}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr>'
        f'<w:tblGrid><w:gridCol w:w="{width}"/></w:tblGrid><w:tr><w:trPr><w:cantSplit/>'
        f'<w:trHeight w:val="{height}" w:hRule="exact"/></w:trPr>{cell}</w:tr></w:tbl>'
    )


def field_paragraphs(instruction: str, entries: list[Entry], width: int) -> list[str]:
    """A TOC field over several paragraphs, its result pre-filled with the entries (without page
    numbers) so that a reader without field updates sees the contents; each entry has the
    right-aligned dotted tab Word gives its entries."""
    begin, end = fields.field_ends(instruction, dirty=True)
    tabs = f'<w:tab w:val="right" w:leader="dot" w:pos="{width}"/>'
    if not entries:
        return [paragraph("TOC1", begin + run("(Perbarui bidang untuk menampilkan daftar.)") + end)]
    out = []
    for n, (level, number, text) in enumerate(entries):
        style = level if isinstance(level, str) else f"TOC{level}"
        content = (run(number) + TAB if number else "") + run(text)
        first, last = n == 0, n == len(entries) - 1
        body = (begin if first else "") + content + (end if last else "")
        out.append(paragraph(style, body, tabs=tabs))
    return out
