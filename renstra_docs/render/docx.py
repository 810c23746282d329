"""The Renstra as a DOCX: cover, front pages, contents and lists, chapters, tables, figures.

The whole package is written here as WordprocessingML strings (render/wordml.py, tablexml.py,
package.py): the body is streamed into word/document.xml, so a 20.000-row table costs about as
much as formatting its text, and identical inputs give identical bytes. Only the styles come
from templates/reference.docx.

- Headings and lists use Word numbering (render/numbering.py); captions are SEQ fields
  numbered per chapter, and DAFTAR ISI / TABEL / GAMBAR are TOC fields built from them
  (render/fields.py). Their cached results hold the entries without page numbers; Word offers
  to update them on opening, `renstra pdf` updates them through LibreOffice before exporting.
- Each table is laid out by render/tableplan.py: landscape only when it needs it, otherwise in
  portrait (in column parts when it is short and wide); chapter titles and the text stay
  portrait, short text between two landscape tables stays on their landscape page.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..atomic import write_bytes
from ..tables.model import Document, Figure, Table
from . import fields, images, tablexml, wordml
from . import markdown as md
from .numbering import Numbering, list_indent
from .package import (
    CONTENT_TYPES,
    DOCUMENT_TAIL,
    REL,
    Package,
    Properties,
    document_head,
    read_reference,
    settings_xml,
    source_date,
)
from .page import Page, Paper, paper, twips
from .tableplan import plan_table
from .wordml import BREAK, TAB, paragraph, run

REFERENCE_DOCX = Path(__file__).resolve().parents[2] / "templates" / "reference.docx"
TOC_LEVELS = 3
PREFACE_FILE, APPROVAL_FILE = "kata_pengantar.md", "lembar_pengesahan.md"
PICTURE_MAX_CM = 15.0  # a picture of the project is at most this wide (and the page's width)
LOGO_HEIGHT_CM = 3.5


class RenderError(ValueError):
    """A chapter refers to something the document does not have."""


@dataclass(frozen=True)
class CoverInfo:
    government: str  # "PEMERINTAH KABUPATEN BLITAR"
    agency: str  # "DINAS SOSIAL"
    address_lines: tuple[str, ...]
    title: str  # "RENCANA STRATEGIS DINAS SOSIAL KABUPATEN BLITAR"
    period: str  # "TAHUN 2021-2026"
    author: str = ""  # "Dinas Sosial Kabupaten Blitar": author and company of the file
    logo: Path | None = None  # the region's logo (PNG/JPEG); a placeholder box when None


@dataclass(frozen=True)
class Options:
    """What a project decides besides its data: paper, date, pictures, front pages."""

    paper: str = "A4"
    date: datetime | None = None  # of the document properties; default wordml.FIXED_DATE
    pictures: Path | None = None  # folder Markdown images are relative to (templates/)
    preface: str | None = None  # Kata Pengantar, Markdown
    approval: str | None = None  # Lembar Pengesahan, Markdown


def docx_options(config: Any) -> Options:
    """The options of a project (`renstra.toml`, files of its templates folder)."""
    folder = Path(config.template_dir)
    return Options(
        paper=getattr(config, "paper", "A4"),
        date=project_date([Path(config.source_dir), folder]),
        pictures=folder,
        preface=_optional_text(folder / PREFACE_FILE),
        approval=_optional_text(folder / APPROVAL_FILE),
    )


def project_date(folders: Iterable[Path]) -> datetime:
    """SOURCE_DATE_EPOCH when set, else the newest modification time of the files in
    `folders` (to the second, UTC): rebuilding unchanged sources gives the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return source_date(float(epoch))
    times = [p.stat().st_mtime for f in folders if f.is_dir() for p in f.rglob("*") if p.is_file()]
    return source_date(max(times)) if times else wordml.FIXED_DATE


def _optional_text(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.is_file() else None


def write_docx(
    path: Path,
    chapters: list[str],
    document: Document,
    cover: CoverInfo,
    reference: Path = REFERENCE_DOCX,
    drawn: Callable[[], Mapping[str, Figure]] | None = None,
    options: Options | None = None,
) -> None:
    """Render the chapters (Markdown, one per BAB) with their tables and figures to `path`."""
    write_bytes(path, render_docx(chapters, document, cover, reference, drawn, options))


def render_docx(
    chapters: list[str],
    document: Document,
    cover: CoverInfo,
    reference: Path = REFERENCE_DOCX,
    drawn: Callable[[], Mapping[str, Figure]] | None = None,
    options: Options | None = None,
) -> bytes:
    """The DOCX as bytes (deterministic).

    `drawn()` gives the figures with their pictures (default: `document.figures`). It is called
    only once the whole body is laid out, so charts still being drawn in another process are
    waited for as late as possible.
    """
    options = options or Options()
    sheet = paper(options.paper)
    package = Package(read_reference(reference.read_bytes()))
    footer = package.add_footer(page_number_footer())
    numbering = Numbering()
    body = Body(document, sheet, package, numbering, footer, options.pictures)
    for number, chapter in enumerate(chapters, 1):
        body.add_chapter(md.parse_chapter(chapter, number), number)
    front = _FrontMatter(cover, options, sheet, package, numbering, footer).xml(body)
    pieces = body.finish(drawn() if drawn else document.figures)
    add_numbering_and_settings(package, numbering, update_fields=True)
    document_xml = [document_head(), front, *pieces, DOCUMENT_TAIL]
    return package.write(document_xml, _properties(cover, options))


def add_numbering_and_settings(package: Package, numbering: Numbering, update_fields: bool) -> None:
    """The last parts of a document: its lists (known once the body is written), settings."""
    numbering_part, settings_part = "word/numbering.xml", "word/settings.xml"
    package.add(numbering_part, numbering.xml(), REL["numbering"], CONTENT_TYPES[numbering_part])
    settings = settings_xml(update_fields)
    package.add(settings_part, settings, REL["settings"], CONTENT_TYPES[settings_part])


def page_number_footer() -> str:
    return paragraph("Footer", fields.complex_field("PAGE", "1"))


def _properties(cover: CoverInfo, options: Options) -> Properties:
    author = cover.author or cover.agency.title()
    return Properties(
        title=f"{cover.title} {cover.period}",
        subject=f"Rencana Strategis Perangkat Daerah {cover.period.title()}",
        author=author,
        company=author,
        date=options.date or wordml.FIXED_DATE,
        description="Dibangun dari tabel sumber dengan renstra-docs.",
    )


# -- front matter -------------------------------------------------------------------------------


@dataclass
class _FrontMatter:
    """Cover (its own section, no page number), then the front pages numbered i, ii, ..."""

    cover: CoverInfo
    options: Options
    sheet: Paper
    package: Package
    numbering: Numbering
    footer: str

    def xml(self, body: Body) -> str:
        page = self.sheet.portrait
        parts = [*self._cover(page), paragraph(None, "", sect=wordml.sect_pr(page, None))]
        titles: list[str] = []
        pages = [
            ("LEMBAR PENGESAHAN", self.options.approval),
            ("KATA PENGANTAR", self.options.preface),
        ]
        for title, text in pages:
            if text is not None:
                parts += self._text_page(title, text, titles)
        contents = [(1, "", t) for t in [*titles, "DAFTAR ISI"]]
        lists = [(label, [c for c in body.captions if c[0] == label]) for label in fields.LABELS]
        contents += [(1, "", f"DAFTAR {label.upper()}") for label, entries in lists if entries]
        parts += self._index(
            "DAFTAR ISI", fields.toc_instruction(TOC_LEVELS), contents + body.toc, bool(titles)
        )
        for label, entries in lists:
            if entries:
                cached = [(wordml.S_TABLE_OF_FIGURES, f"{e[0]} {e[1]}", e[2]) for e in entries]
                parts += self._index(
                    f"DAFTAR {label.upper()}", fields.list_instruction(label), cached, True
                )
        section = wordml.sect_pr(page, self.footer, page_start=1, page_format="lowerRoman")
        parts.append(paragraph(None, "", sect=section))
        return "".join(parts)

    def _cover(self, page: Page) -> list[str]:
        cover = self.cover
        letterhead = (
            '<w:pBdr><w:bottom w:val="thickThinSmallGap" w:sz="24" w:space="4" '
            'w:color="000000"/></w:pBdr>'
        )
        title = [
            paragraph(
                wordml.S_COVER,
                run(cover.title, size_pt=20),
                spacing=wordml.spacing(before=720, after=480),
            ),
            paragraph(wordml.S_COVER, run(cover.period, size_pt=16)),
        ]
        agency = [
            paragraph(
                wordml.S_COVER,
                run(cover.government, size_pt=16),
                spacing=wordml.spacing(before=self._gap(page)),
            ),
            paragraph(
                wordml.S_COVER,
                run(cover.agency, size_pt=18),
                border="" if cover.address_lines else letterhead,
            ),
        ]
        last = len(cover.address_lines) - 1
        agency += [
            paragraph(wordml.S_COVER_SMALL, run(line), border=letterhead if n == last else "")
            for n, line in enumerate(cover.address_lines)
        ]
        return [self._logo(page), *title, *agency]

    def _gap(self, page: Page) -> int:
        """Space above the agency block so that it sits at the foot of the cover."""
        line = 1.15 * 20
        used = twips(LOGO_HEIGHT_CM) + 720 + 480 + 400
        used += _lines(self.cover.title, 20, page.usable_width) * round(20 * line)
        used += round(16 * line) + round(16 * line) + round(18 * line) + 120 * 3
        used += len(self.cover.address_lines) * 240
        return max(0, page.usable_height - used - twips(1.5))

    def _logo(self, page: Page) -> str:
        if self.cover.logo is None:
            return _logo_placeholder()
        image = images.project_image(self.cover.logo.parent, self.cover.logo.name, "logo")
        rel = self.package.add_image(image)
        height = twips(LOGO_HEIGHT_CM)
        width = min(round(height * image.pixels[0] / image.pixels[1]), page.usable_width)
        return paragraph(wordml.S_FIGURE, wordml.drawing_xml(rel, 9000, width, image.pixels))

    def _text_page(self, title: str, text: str, titles: list[str]) -> list[str]:
        """A front page from Markdown: its first `#` heading (if any) is the page's title."""
        blocks = md.parse_chapter(text, 0)
        if blocks and isinstance(blocks[0], md.Heading) and blocks[0].level == 1:
            title, blocks = blocks[0].text, blocks[1:]
        titles.append(title)
        parts = [
            paragraph(wordml.S_FRONT_TITLE, run(title), page_break_before=bool(len(titles) > 1))
        ]
        lists: dict[int, int] = {}
        for block in blocks:
            parts.append(self._front_block(block, lists))
        return parts

    def _front_block(self, block: md.Block, lists: dict[int, int]) -> str:
        if isinstance(block, md.Heading):
            return paragraph(None, _runs(block.runs, bold=True), keep_next=True)
        if isinstance(block, md.ListItem):
            return _list_item(block, lists, self.numbering)
        if isinstance(block, md.Picture):
            image = _picture_file(self.options.pictures, block.path)
            width = min(twips(image.width_cm), self.sheet.portrait.usable_width)
            rel = self.package.add_image(image)
            return paragraph(wordml.S_FIGURE, wordml.drawing_xml(rel, 9001, width, image.pixels))
        if isinstance(block, md.Paragraph):
            return paragraph(None, _runs(block.runs))
        if isinstance(block, md.PageBreak):
            return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
        raise RenderError("halaman depan tidak dapat menempatkan tabel atau gambar data")

    def _index(
        self, title: str, instruction: str, entries: list[tuple[Any, str, str]], page_break: bool
    ) -> list[str]:
        heading = paragraph(wordml.S_FRONT_TITLE, run(title), page_break_before=page_break)
        return [heading, *_field_paragraphs(instruction, entries, self.sheet.portrait.usable_width)]


def _lines(text: str, size_pt: float, width: int) -> int:
    from .layout import wrapped_lines

    return wrapped_lines(text, width, size_pt)


def _logo_placeholder() -> str:
    """A dashed box where the region's logo goes (no logo file in renstra.toml)."""
    width, height = twips(3.0), twips(LOGO_HEIGHT_CM)
    border = 'w:val="dashed" w:sz="6" w:space="0" w:color="808080"'
    sides = "".join(f"<w:{s} {border}/>" for s in ("top", "left", "bottom", "right"))
    runs = run("LOGO", italic=True, size_pt=9, color="808080") + BREAK
    runs += run("PEMERINTAH DAERAH", italic=True, size_pt=7, color="808080")
    cell = tablexml.cell_xml(width, wordml.S_FIGURE, runs, center=True)
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{sides}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr>'
        f'<w:tblGrid><w:gridCol w:w="{width}"/></w:tblGrid><w:tr><w:trPr><w:cantSplit/>'
        f'<w:trHeight w:val="{height}" w:hRule="exact"/></w:trPr>{cell}</w:tr></w:tbl>'
    )


def _field_paragraphs(
    instruction: str, entries: list[tuple[Any, str, str]], width: int
) -> list[str]:
    """A TOC field over several paragraphs, its result pre-filled with the entries (without page
    numbers) so that a reader without field updates sees the contents."""
    begin, end = fields.field_ends(instruction, dirty=True)
    tabs = f'<w:tab w:val="right" w:leader="dot" w:pos="{width}"/>'
    if not entries:
        return [paragraph("TOC1", begin + run("(Perbarui bidang untuk menampilkan daftar.)") + end)]
    out = []
    for n, (level, number, text) in enumerate(entries):
        style = level if isinstance(level, str) else f"TOC{level}"
        content = (run(number) + TAB if number else "") + run(text)
        first, last = n == 0, n == len(entries) - 1
        out.append(
            paragraph(style, (begin if first else "") + content + (end if last else ""), tabs=tabs)
        )
    return out


# -- body ---------------------------------------------------------------------------------------


MAX_BETWEEN_LANDSCAPE = 3  # paragraphs of text that may stay between two landscape tables


@dataclass
class _Para:
    """A paragraph kept open until the end so that a section break can still be attached."""

    xml: str  # complete <w:p>...</w:p> without sectPr
    movable: bool = False  # a section heading: moves with the landscape table right after it
    sect: str = ""
    text: bool = False  # narrative (heading, paragraph, list item)
    breakable: bool = True  # may carry a section break (not the hidden chapter marker)

    def render(self) -> str:
        if not self.sect:
            return self.xml
        if self.xml.startswith("<w:p><w:pPr>"):
            return self.xml.replace("</w:pPr>", self.sect + "</w:pPr>", 1)
        return "<w:p><w:pPr>" + self.sect + "</w:pPr>" + self.xml[len("<w:p>") :]


@dataclass(frozen=True)
class _Picture:
    """A figure's picture, written when the body is finished: its chart may still be drawing."""

    number: str
    shape_id: int
    width: int  # twips

    def xml(self, figures: Mapping[str, Figure], package: Package) -> str:
        png = figures[self.number].png
        if png is None:
            raise RenderError(f"gambar {self.number} belum tergambar")
        image = images.read_image(png, f"gambar {self.number}")
        rel = package.add_image(image)
        return paragraph(
            wordml.S_FIGURE, wordml.drawing_xml(rel, self.shape_id, self.width, image.pixels)
        )


@dataclass
class Body:
    document: Document
    sheet: Paper
    package: Package
    numbering: Numbering
    footer: str
    pictures_dir: Path | None
    blocks: list[_Para | str] = field(default_factory=list)
    pictures: list[tuple[_Para, _Picture]] = field(default_factory=list)
    page: Page = field(init=False)
    page_start: int | None = 1  # the first chapter section restarts page numbering
    toc: list[tuple[int, str, str]] = field(default_factory=list)
    captions: list[tuple[str, str, str]] = field(default_factory=list)  # label, number, title
    counter: fields.CaptionCounter = field(default_factory=fields.CaptionCounter)
    shapes: int = 0
    pending: int | None = None  # first narrative block written after a landscape table
    lists: dict[int, int] = field(default_factory=dict)  # list of the chapter -> numId

    def __post_init__(self) -> None:
        self.page = self.sheet.portrait

    def add_chapter(self, blocks: list[md.Block], number: int) -> None:
        self.counter.start_chapter(number)
        self.lists = {}
        for block in blocks:
            self._add(block, number)

    def finish(self, figures: Mapping[str, Figure]) -> list[str]:
        """The body as XML pieces, in order (a large table is one piece per row), with the
        pictures of the drawn `figures`."""
        for para, picture in self.pictures:
            para.xml = picture.xml(figures, self.package)
        if self.pending is not None:
            self._to_portrait()
        section = self._sect_pr()
        return [b.render() if isinstance(b, _Para) else b for b in self.blocks] + [section]

    def _add(self, block: md.Block, chapter: int) -> None:
        if isinstance(block, md.Heading):
            self._heading(block, chapter)
        elif isinstance(block, md.Paragraph):
            self._para(paragraph(None, _runs(block.runs)))
        elif isinstance(block, md.ListItem):
            self._para(_list_item(block, self.lists, self.numbering))
        elif isinstance(block, md.PageBreak):
            self._para('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
        elif isinstance(block, md.Picture):
            self._project_picture(block, chapter)
        elif block.kind == "table":
            self._table(self._lookup(self.document.tables, block.key, "tabel", chapter))
        else:
            self._figure(self._lookup(self.document.figures, block.key, "gambar", chapter))

    @staticmethod
    def _lookup(items: dict, key: str, what: str, chapter: int):
        if key not in items:
            raise RenderError(
                f"BAB {md.roman(chapter)} menempatkan {what} {key}, "
                f"tetapi {what} itu tidak ada (tersedia: {', '.join(items)})"
            )
        return items[key]

    def _heading(self, heading: md.Heading, chapter: int) -> None:
        """A numbered heading (the number comes from Word numbering, not from the text)."""
        content = _runs(heading.runs)
        if heading.level == 1:
            self._para(paragraph("Heading1", BREAK + content), heading=True)
            marker = fields.chapter_marker(chapter, wordml.S_CHAPTER_MARK)
            self.blocks.append(_Para(marker, breakable=False))
            self.toc.append((1, f"BAB {heading.number}", heading.text))
            return
        self._para(paragraph(f"Heading{heading.level}", content), heading=True, movable=True)
        if heading.level <= TOC_LEVELS:
            self.toc.append((heading.level, heading.number, heading.text))

    def _para(self, xml: str, heading: bool = False, movable: bool = False) -> None:
        """Narrative after a landscape table waits: if a landscape table follows soon, it stays
        on the landscape page; otherwise (a heading, more text, a figure) it goes portrait."""
        self.blocks.append(_Para(xml, movable, text=True))
        if self.page.landscape:
            if self.pending is None:
                self.pending = len(self.blocks) - 1
            if heading or len(self.blocks) - self.pending > MAX_BETWEEN_LANDSCAPE:
                self._to_portrait()

    def _to_portrait(self) -> None:
        """Close the landscape section before the pending narrative, which becomes portrait."""
        if not self.page.landscape:
            return
        index = len(self.blocks) if self.pending is None else self.pending
        self.pending = None
        tail, self.blocks = self.blocks[index:], self.blocks[:index]
        self._switch(self.sheet.portrait)
        self.blocks += tail

    def _table(self, table: Table) -> None:
        self.place_table(table, tablexml.table_notes(table))

    def place_table(
        self,
        table: Table,
        notes: list[str],
        marks: tablexml.Marks | None = None,
        caption: str | None = None,
    ) -> None:
        """A table with its caption (numbered, or the plain `caption` runs), its parts and the
        notes under it; `marks` (tracked changes) make it an excerpt of a longer table."""
        plan = plan_table(table, self.sheet, excerpt=marks is not None)
        if plan.landscape and self.page.landscape:
            self.pending = None  # the narrative in between stays on the landscape page
        elif plan.landscape:
            self._switch(self.sheet.landscape)
        else:
            self._to_portrait()
        if caption is None:
            self._caption("Tabel", table.number, table.title)
        else:
            self.blocks.append(_Para(paragraph("Caption", caption)))
        parts = tablexml.table_xml(table, plan, marks)
        for n, part in enumerate(parts):
            if n:
                self.blocks.append(_Para(wordml.continued_xml(table.caption, n + 1, len(parts))))
            self.blocks += part
        self._notes(notes)

    def add_text(self, xml: str) -> None:
        """A paragraph of narrative (portrait, unless it sits between landscape tables)."""
        self._para(xml)

    def _caption(self, label: str, number: str, title: str) -> None:
        numbers = self.counter.fields(label, number)
        self.captions.append((label, number, title))
        self.blocks.append(_Para(wordml.caption_xml(label, numbers, title)))

    def _notes(self, notes: list[str]) -> None:
        self.blocks += [_Para(x) for x in wordml.notes_xml(notes)]

    def _figure(self, figure: Figure) -> None:
        self._to_portrait()
        self._caption(figure.label, figure.number, figure.title)
        if figure.png is None and figure.chart is None:
            message = figure.placeholder or "Data untuk gambar ini belum tersedia."
            self.blocks.append(_Para(paragraph(wordml.S_FIGURE_BOX, run(message))))
        else:
            self.shapes += 1
            width = min(twips(figure.width_cm), self.page.usable_width)
            para = _Para("")  # filled in by finish(), once the chart is drawn
            self.pictures.append((para, _Picture(figure.number, self.shapes, width)))
            self.blocks.append(para)
        self._notes([figure.source_note] if figure.source_note else [])

    def _project_picture(self, picture: md.Picture, chapter: int) -> None:
        """`![caption](file "note")`: a picture file of the project, captioned Gambar x.y."""
        self._to_portrait()
        image = _picture_file(self.pictures_dir, picture.path)
        self._caption("Gambar", self.counter.next_number("Gambar"), picture.caption)
        self.shapes += 1
        width = min(twips(min(image.width_cm, PICTURE_MAX_CM)), self.page.usable_width)
        rel = self.package.add_image(image)
        self.blocks.append(
            _Para(
                paragraph(
                    wordml.S_FIGURE, wordml.drawing_xml(rel, self.shapes, width, image.pixels)
                )
            )
        )
        self._notes([picture.note] if picture.note else [])

    def _switch(self, page: Page) -> None:
        """End the current section here and open one with `page`; the section headings right
        before the break move along (a chapter title never does)."""
        moved: list[_Para | str] = []
        while self.blocks and isinstance(self.blocks[-1], _Para) and self.blocks[-1].movable:
            moved.insert(0, self.blocks.pop())
        last = self.blocks[-1] if self.blocks else None
        if isinstance(last, _Para) and last.breakable and not last.sect:
            last.sect = self._sect_pr()
        elif self.blocks or moved:
            self.blocks.append(_Para("<w:p></w:p>", sect=self._sect_pr()))
        else:  # nothing written yet: the first section simply takes the new page
            self.page = page
            return
        self.blocks += moved
        self.page = page

    def _sect_pr(self) -> str:
        start, self.page_start = self.page_start, None
        return wordml.sect_pr(
            self.page, self.footer, page_start=start, page_format="decimal" if start else None
        )


def _picture_file(folder: Path | None, reference: str) -> images.Image:
    if folder is None:
        raise RenderError(f"gambar {reference!r}: folder gambar proyek tidak diketahui")
    return images.project_image(folder, reference, "gambar")


def _runs(runs: tuple[md.Run, ...], bold: bool = False) -> str:
    return "".join(BREAK if r.line_break else run(r.text, r.bold or bold, r.italic) for r in runs)


def _list_item(item: md.ListItem, lists: dict[int, int], numbering: Numbering) -> str:
    """A list paragraph numbered by Word (its list is created on its first item)."""
    if not item.label:  # a further paragraph of the same item: indented, no number
        return paragraph(
            wordml.S_LIST, _runs(item.runs), ind=f'<w:ind w:left="{list_indent(item.depth)}"/>'
        )
    if item.list_index not in lists:
        lists[item.list_index] = numbering.list_id(item.style, item.depth, item.start)
    return paragraph(wordml.S_LIST, _runs(item.runs), num=(lists[item.list_index], item.depth))
