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
from .blocks import (
    RenderError,
    Shapes,
    before_last_item,
    list_item_xml,
    picture_file,
    picture_xml,
    runs_xml,
)
from .front import TOC_LEVELS, CoverInfo, FrontMatter
from .numbering import Numbering
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
from .wordml import BREAK, paragraph, run

__all__ = ["CoverInfo", "Options", "RenderError", "docx_options", "render_docx", "write_docx"]

REFERENCE_DOCX = Path(__file__).resolve().parents[2] / "templates" / "reference.docx"
PREFACE_FILE, APPROVAL_FILE = "kata_pengantar.md", "lembar_pengesahan.md"
PICTURE_MAX_CM = 15.0  # a picture of the project is at most this wide (and the page's width)


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
    numbering, shapes = Numbering(), Shapes()
    body = Body(document, sheet, package, numbering, footer, options.pictures, shapes)
    for number, chapter in enumerate(chapters, 1):
        body.add_chapter(md.parse_chapter(chapter, number), number)
    front = FrontMatter(
        cover,
        sheet,
        package,
        numbering,
        footer,
        shapes,
        options.approval,
        options.preface,
        options.pictures,
    ).xml(body.toc, body.captions)
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
        return picture_xml(package, image, self.shape_id, self.width)


@dataclass
class Body:
    document: Document
    sheet: Paper
    package: Package
    numbering: Numbering
    footer: str
    pictures_dir: Path | None
    shapes: Shapes = field(default_factory=Shapes)
    blocks: list[_Para | str] = field(default_factory=list)
    pictures: list[tuple[_Para, _Picture]] = field(default_factory=list)
    page: Page = field(init=False)
    page_start: int | None = 1  # the first chapter section restarts page numbering
    toc: list[tuple[int, str, str]] = field(default_factory=list)
    captions: list[tuple[str, str, str]] = field(default_factory=list)  # label, number, title
    counter: fields.CaptionCounter = field(default_factory=fields.CaptionCounter)
    pending: int | None = None  # first narrative block written after a landscape table
    lists: dict[int, int] = field(default_factory=dict)  # list of the chapter -> numId

    def __post_init__(self) -> None:
        self.page = self.sheet.portrait

    def add_chapter(self, blocks: list[md.Block], number: int) -> None:
        self.counter.start_chapter(number)
        self.lists = {}
        for index, block in enumerate(blocks):
            self._add(block, number, keep_next=before_last_item(blocks, index))

    def finish(self, figures: Mapping[str, Figure]) -> list[str]:
        """The body as XML pieces, in order (a large table is one piece per row), with the
        pictures of the drawn `figures`."""
        for para, picture in self.pictures:
            para.xml = picture.xml(figures, self.package)
        if self.pending is not None:
            self._to_portrait()
        section = self._sect_pr()
        return [b.render() if isinstance(b, _Para) else b for b in self.blocks] + [section]

    def _add(self, block: md.Block, chapter: int, keep_next: bool = False) -> None:
        if isinstance(block, md.Heading):
            self._heading(block, chapter)
        elif isinstance(block, md.Paragraph):
            self._para(paragraph(None, runs_xml(block.runs)))
        elif isinstance(block, md.ListItem):
            self._para(list_item_xml(block, self.lists, self.numbering, keep_next))
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
        content = runs_xml(heading.runs)
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
            width = min(twips(figure.width_cm), self.page.usable_width)
            para = _Para("")  # filled in by finish(), once the chart is drawn
            self.pictures.append((para, _Picture(figure.number, self.shapes.next(), width)))
            self.blocks.append(para)
        self._notes([figure.source_note] if figure.source_note else [])

    def _project_picture(self, picture: md.Picture, chapter: int) -> None:
        """`![caption](file "note")`: a picture file of the project, captioned Gambar x.y."""
        self._to_portrait()
        image = picture_file(self.pictures_dir, picture.path)
        self._caption("Gambar", self.counter.next_number("Gambar"), picture.caption)
        width = min(twips(min(image.width_cm, PICTURE_MAX_CM)), self.page.usable_width)
        xml = picture_xml(self.package, image, self.shapes.next(), width)
        self.blocks.append(_Para(xml))
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
