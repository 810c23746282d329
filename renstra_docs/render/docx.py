"""The Renstra as a DOCX: cover, table of contents, list of tables, chapters, tables, figures.

python-docx only opens templates/reference.docx (the styles), creates the footer and image
parts, sets the document properties and saves the package. The body itself is written as
WordprocessingML strings (render/wordml.py) and spliced into word/document.xml while the package
is re-zipped with fixed dates, so a 20.000-row table costs about as much as formatting its text,
and identical inputs give identical bytes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document as open_docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from ..atomic import write_bytes
from ..tables.model import Document, Figure, Table
from . import markdown as md
from . import tablexml, wordml
from .wordml import LANDSCAPE, PORTRAIT, Page, paragraph, run

REFERENCE_DOCX = Path(__file__).resolve().parents[2] / "templates" / "reference.docx"
AUTHOR = "renstra-docs"
TOC_LEVELS = 3


class RenderError(ValueError):
    """A chapter refers to something the document does not have."""


@dataclass(frozen=True)
class CoverInfo:
    government: str  # "PEMERINTAH KABUPATEN BLITAR"
    agency: str  # "DINAS SOSIAL"
    address_lines: tuple[str, ...]
    title: str  # "RENCANA STRATEGIS DINAS SOSIAL KABUPATEN BLITAR"
    period: str  # "TAHUN 2021-2026"


def write_docx(
    path: Path,
    chapters: list[str],
    document: Document,
    cover: CoverInfo,
    reference: Path = REFERENCE_DOCX,
    drawn: Callable[[], Mapping[str, Figure]] | None = None,
) -> None:
    """Render the chapters (Markdown, one per BAB) with their tables and figures to `path`."""
    write_bytes(path, render_docx(chapters, document, cover, reference, drawn))


def render_docx(
    chapters: list[str],
    document: Document,
    cover: CoverInfo,
    reference: Path = REFERENCE_DOCX,
    drawn: Callable[[], Mapping[str, Figure]] | None = None,
) -> bytes:
    """The DOCX as bytes (deterministic).

    `drawn()` gives the figures with their pictures (default: `document.figures`). It is called
    only once the whole body is laid out, so charts still being drawn in another process are
    waited for as late as possible.
    """
    doc = open_docx(str(reference))
    footers = _footers(doc)
    body = _Body(document, footers)
    for number, chapter in enumerate(chapters, 1):
        body.add_chapter(md.parse_chapter(chapter, number), number)
    front = _front_matter(cover, body.toc, body.captions, footers)
    pieces = body.finish(drawn() if drawn else document.figures, lambda png: _add_image(doc, png))
    _settings(doc)
    _core_properties(doc, cover)
    package = io.BytesIO()
    doc.save(package)
    xml = _document_xml(package.getvalue(), [front, *pieces])
    return wordml.rezip(package.getvalue(), {"word/document.xml": xml})


# -- package-level parts ------------------------------------------------------------------------


@dataclass(frozen=True)
class _FooterIds:
    page: str  # footer with the centred PAGE field
    empty: str  # footer of the cover page


def _footers(doc) -> _FooterIds:
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    page = section.footer.paragraphs[0]
    page.style = doc.styles["Footer"]
    page._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>'))
    page._p.append(
        parse_xml(
            f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        )
    )
    page._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>'))
    page._p.append(parse_xml(f"<w:r {nsdecls('w')}><w:t>1</w:t></w:r>"))
    page._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))
    section.first_page_footer.paragraphs[0].style = doc.styles["Footer"]  # creates the part
    refs = {
        ref.get(qn("w:type")): ref.get(qn("r:id"))
        for ref in section._sectPr.findall(qn("w:footerReference"))
    }
    return _FooterIds(page=refs["default"], empty=refs["first"])


def _add_image(doc, png: bytes) -> str:
    rel_id, _image = doc.part.get_or_add_image(io.BytesIO(png))
    return rel_id


def _settings(doc) -> None:
    """Ask Word to update the TOC fields on open (w:updateFields), in schema order, and keep
    justified lines that end in a line break from being stretched (doNotExpandShiftReturn)."""
    settings = doc.settings.element
    compat = settings.find(qn("w:compat"))
    if compat is not None and compat.find(qn("w:doNotExpandShiftReturn")) is None:
        compat.insert(0, parse_xml(f"<w:doNotExpandShiftReturn {nsdecls('w')}/>"))
    if settings.find(qn("w:updateFields")) is not None:
        return
    update = parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>')
    later = (
        "w:hdrShapeDefaults",
        "w:footnotePr",
        "w:endnotePr",
        "w:compat",
        "w:docVars",
        "w:rsids",
        "m:mathPr",
        "w:attachedSchema",
        "w:themeFontLang",
        "w:clrSchemeMapping",
        "w:doNotIncludeSubdocsInStats",
        "w:shapeDefaults",
        "w:decimalSymbol",
        "w:listSeparator",
    )
    for tag in later:
        anchor = settings.find(qn(tag))
        if anchor is not None:
            anchor.addprevious(update)
            return
    settings.append(update)


def _core_properties(doc, cover: CoverInfo) -> None:
    core = doc.core_properties
    core.author = core.last_modified_by = AUTHOR
    core.title = f"{cover.title} {cover.period}"
    core.subject = cover.agency
    core.created = core.modified = wordml.FIXED_DATE
    core.last_printed = wordml.FIXED_DATE
    core.revision = 1


def _document_xml(package: bytes, body: list[str]) -> list[str]:
    """word/document.xml as pieces, its body replaced by `body` (the splice)."""
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        xml = source.read("word/document.xml").decode("utf-8")
    start = xml.index("<w:body>") + len("<w:body>")
    end = xml.rindex("</w:body>")
    return [xml[:start], *body, xml[end:]]


# -- front matter -------------------------------------------------------------------------------


def _front_matter(
    cover: CoverInfo,
    toc: list[tuple[int, str, str]],
    captions: list[tuple[str, str]],
    footers: _FooterIds,
) -> str:
    """Cover, DAFTAR ISI and DAFTAR TABEL: one section, page numbers in roman, none on the cover."""
    parts = _cover(cover)
    parts.append(paragraph(wordml.S_FRONT_TITLE, run("DAFTAR ISI"), "<w:pageBreakBefore/>"))
    toc_entries = [(f"TOC{level}", number, text) for level, number, text in toc]
    parts += _field_paragraphs(f' TOC \\o "1-{TOC_LEVELS}" \\h \\z \\u ', toc_entries)
    parts.append(paragraph(wordml.S_FRONT_TITLE, run("DAFTAR TABEL"), "<w:pageBreakBefore/>"))
    lot_entries = [(wordml.S_TABLE_OF_FIGURES, label, title) for label, title in captions]
    parts += _field_paragraphs(' TOC \\h \\z \\t "Caption,1" ', lot_entries)
    section = wordml.sect_pr(
        PORTRAIT, footers.page, footers.empty, page_start=1, page_format="lowerRoman"
    )
    parts.append(f"<w:p><w:pPr>{section}</w:pPr></w:p>")
    return "".join(parts)


def _cover(cover: CoverInfo) -> list[str]:
    letterhead = (
        '<w:pBdr><w:bottom w:val="thickThinSmallGap" w:sz="24" w:space="4" '
        'w:color="000000"/></w:pBdr>'
    )
    parts = [
        paragraph(wordml.S_COVER, run(cover.government, size_pt=16)),
        paragraph(
            wordml.S_COVER, run(cover.agency, size_pt=18), "" if cover.address_lines else letterhead
        ),
    ]
    for n, line in enumerate(cover.address_lines):
        last = n == len(cover.address_lines) - 1
        parts.append(paragraph(wordml.S_COVER_SMALL, run(line), letterhead if last else ""))
    parts.append(
        paragraph(
            wordml.S_COVER,
            run(cover.title, size_pt=20),
            '<w:spacing w:before="5000" w:after="480"/>',
        )
    )
    parts.append(paragraph(wordml.S_COVER, run(cover.period, size_pt=16)))
    return parts


def _field_paragraphs(instruction: str, entries: list[tuple[str, str, str]]) -> list[str]:
    """A TOC field over several paragraphs, its result pre-filled with the entries (without page
    numbers) so that a reader without Word sees the contents; Word rebuilds it on open."""
    begin = (
        '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r><w:r>'
        f'<w:instrText xml:space="preserve">{instruction}</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )
    end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    if not entries:
        return [paragraph("TOC1", begin + run("(Perbarui bidang untuk menampilkan daftar.)") + end)]
    out = []
    for n, (style, number, text) in enumerate(entries):
        content = run(number) + "<w:r><w:tab/></w:r>" + run(text)
        first, last = n == 0, n == len(entries) - 1
        out.append(paragraph(style, (begin if first else "") + content + (end if last else "")))
    return out


# -- body ---------------------------------------------------------------------------------------


MAX_INTRO_PARAGRAPHS = 3


@dataclass
class _Para:
    """A paragraph kept open until the end so that a section break can still be attached."""

    xml: str  # complete <w:p>...</w:p> without sectPr
    heading: bool = False
    sect: str = ""
    text: bool = False  # narrative (heading, paragraph, list item): may move with a table

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

    def xml(self, figures: Mapping[str, Figure], add_image: Callable[[bytes], str]) -> str:
        png = figures[self.number].png
        if png is None:
            raise RenderError(f"gambar {self.number} belum tergambar")
        picture = wordml.drawing_xml(
            add_image(png), self.shape_id, self.width, wordml.png_size(png)
        )
        return paragraph(wordml.S_FIGURE, picture)


@dataclass
class _Body:
    document: Document
    footers: _FooterIds
    blocks: list[_Para | str] = field(default_factory=list)
    pictures: list[tuple[_Para, _Picture]] = field(default_factory=list)
    page: Page = PORTRAIT
    page_start: int | None = 1  # the first chapter section restarts page numbering
    toc: list[tuple[int, str, str]] = field(default_factory=list)
    captions: list[tuple[str, str]] = field(default_factory=list)
    shapes: int = 0
    pending: int | None = None  # first narrative block written after a landscape table

    def add_chapter(self, blocks: list[md.Block], number: int) -> None:
        for block in blocks:
            self._add(block, number)

    def finish(self, figures: Mapping[str, Figure], add_image: Callable[[bytes], str]) -> list[str]:
        """The body as XML pieces, in order (a large table is one piece per row), with the
        pictures of the drawn `figures` (`add_image`: png bytes -> relationship id)."""
        for para, picture in self.pictures:
            para.xml = picture.xml(figures, add_image)
        self._to_portrait()
        section = self._sect_pr()
        return [b.render() if isinstance(b, _Para) else b for b in self.blocks] + [section]

    def _add(self, block: md.Block, chapter: int) -> None:
        if isinstance(block, md.Heading):
            self._heading(block)
        elif isinstance(block, md.Paragraph):
            self._para(paragraph(None, _runs(block.runs)))
        elif isinstance(block, md.ListItem):
            self._para(_list_item(block))
        elif isinstance(block, md.PageBreak):
            self._para('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
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

    def _heading(self, heading: md.Heading) -> None:
        content = _runs(heading.runs)
        if heading.level == 1:
            label = f"BAB {heading.number}"
            xml = paragraph("Heading1", run(label) + "<w:r><w:br/></w:r>" + content)
            self.toc.append((1, label, heading.text))
        else:
            xml = paragraph(
                f"Heading{heading.level}", run(heading.number) + "<w:r><w:tab/></w:r>" + content
            )
            if heading.level <= TOC_LEVELS:
                self.toc.append((heading.level, heading.number, heading.text))
        self._para(xml, heading=True)

    def _para(self, xml: str, heading: bool = False) -> None:
        """Narrative after a landscape table waits: if a landscape table follows soon, it stays
        on the landscape page; otherwise (a heading, more text, a figure) it goes portrait."""
        self.blocks.append(_Para(xml, heading, text=True))
        if self.page.landscape:
            if self.pending is None:
                self.pending = len(self.blocks) - 1
            if heading or len(self.blocks) - self.pending > MAX_INTRO_PARAGRAPHS:
                self._to_portrait()

    def _to_portrait(self) -> None:
        """Close the landscape section before the pending narrative, which becomes portrait."""
        if not self.page.landscape:
            return
        index = len(self.blocks) if self.pending is None else self.pending
        self.pending = None
        tail, self.blocks = self.blocks[index:], self.blocks[:index]
        self._switch(PORTRAIT)
        self.blocks += tail

    def _table(self, table: Table) -> None:
        if table.landscape and self.page.landscape:
            self.pending = None  # the narrative in between stays on the landscape page
        elif not table.landscape:
            self._to_portrait()
        else:
            self._switch(LANDSCAPE)
        self.captions.append((table.caption, table.title))
        self.blocks.append(_Para(wordml.caption_xml(table.caption, table.title)))
        self.blocks += tablexml.table_xml(table, self.page.usable_width)
        self.blocks += [_Para(x) for x in wordml.notes_xml(tablexml.table_notes(table))]

    def _figure(self, figure: Figure) -> None:
        self._to_portrait()
        self.captions.append((figure.caption, figure.title))
        self.blocks.append(_Para(wordml.caption_xml(figure.caption, figure.title)))
        if figure.png is None and figure.chart is None:
            message = figure.placeholder or "Data untuk gambar ini belum tersedia."
            self.blocks.append(_Para(paragraph(wordml.S_FIGURE_BOX, run(message))))
        else:
            self.shapes += 1
            width = min(round(figure.width_cm * wordml.TWIPS_PER_CM), self.page.usable_width)
            para = _Para("")  # filled in by finish(), once the chart is drawn
            self.pictures.append((para, _Picture(figure.number, self.shapes, width)))
            self.blocks.append(para)
        notes = [figure.source_note] if figure.source_note else []
        self.blocks += [_Para(x) for x in wordml.notes_xml(notes)]

    def _switch(self, page: Page) -> None:
        """End the current section here and open one with `page`.

        The headings right before the break move along; into a landscape section, so do the
        few narrative paragraphs that introduce the table (up to the last heading), so that no
        portrait page is left holding only an introduction.
        """
        moved: list[_Para | str] = []
        while self.blocks and isinstance(self.blocks[-1], _Para) and self.blocks[-1].heading:
            moved.insert(0, self.blocks.pop())
        if page.landscape and not moved:
            moved = self._introduction()
        if self.blocks and isinstance(self.blocks[-1], _Para) and not self.blocks[-1].sect:
            self.blocks[-1].sect = self._sect_pr()
        elif self.blocks or moved:
            self.blocks.append(_Para("<w:p></w:p>", sect=self._sect_pr()))
        else:  # nothing written yet: the first section simply takes the new page
            self.page = page
            return
        self.blocks += moved
        self.page = page

    def _introduction(self) -> list[_Para | str]:
        """The trailing narrative paragraphs back to the last heading, when they are few."""
        count = 0
        for block in reversed(self.blocks):
            if not (isinstance(block, _Para) and block.text and not block.sect):
                return []
            count += 1
            if block.heading or count > MAX_INTRO_PARAGRAPHS:
                break
        if count > MAX_INTRO_PARAGRAPHS or count == len(self.blocks):
            return []
        moved, self.blocks = self.blocks[-count:], self.blocks[:-count]
        return moved

    def _sect_pr(self) -> str:
        start, self.page_start = self.page_start, None
        return wordml.sect_pr(
            self.page, self.footers.page, page_start=start, page_format="decimal" if start else None
        )


def _runs(runs: tuple[md.Run, ...]) -> str:
    return "".join(
        "<w:r><w:br/></w:r>" if r.line_break else run(r.text, r.bold, r.italic) for r in runs
    )


def _list_item(item: md.ListItem) -> str:
    hanging = 360
    left = hanging * (item.depth + 2)
    if not item.label:
        return paragraph(wordml.S_LIST, _runs(item.runs), f'<w:ind w:left="{left}"/>')
    ppr = (
        f'<w:tabs><w:tab w:val="left" w:pos="{left}"/></w:tabs>'
        f'<w:ind w:left="{left}" w:hanging="{hanging}"/>'
    )
    content = run(item.label) + "<w:r><w:tab/></w:r>" + _runs(item.runs)
    return paragraph(wordml.S_LIST, content, ppr)
