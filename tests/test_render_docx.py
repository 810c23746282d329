"""The DOCX renderer, read back with python-docx and as raw WordprocessingML."""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from lxml import etree
from schema_order import assert_schema_order

from renstra_docs.render import layout, page, wordml
from renstra_docs.render.docx import (
    CoverInfo,
    Options,
    RenderError,
    project_date,
    render_docx,
    write_docx,
)
from renstra_docs.tables.model import (
    BodyRow,
    Chart,
    Column,
    Document,
    Figure,
    Format,
    HeaderCell,
    Style,
    Table,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TRICKY = 'Data <b> & {{ x }} =HYPERLINK("x")'
COVER = CoverInfo(
    "PEMERINTAH KABUPATEN BLITAR",
    "DINAS SOSIAL",
    ("Jl. Semeru No. 50 Blitar",),
    "RENCANA STRATEGIS DINAS SOSIAL KABUPATEN BLITAR",
    "TAHUN 2021-2026",
    author="Dinas Sosial Kabupaten Blitar",
)
CHAPTER_1 = """# PENDAHULUAN

## Latar Belakang

Paragraf **tebal** pertama.

<!-- list: a -->
1. Undang-Undang Nomor 23 Tahun 2014;
2. Peraturan Pemerintah Nomor 8 Tahun 2008.

Teks di antara dua daftar.

1. satu
2. dua

### Dasar Hukum

Teks.

## Maksud dan Tujuan

<!-- table 1.1 -->
"""
CHAPTER_2 = """# RENCANA PROGRAM

## Program

Nilai \\{{ x }} \\<b> & =HYPERLINK("x") tetap apa adanya.

<!-- table 2.1 -->

<!-- figure 2.1 -->

<!-- figure 2.2 -->
"""


def matrix(rows: int = 3, number: str = "2.1", years: int = 2) -> Table:
    """A T-C.27-like matrix: merged header rows, numbering row, indented rows, a total."""
    columns = [Column("kode", width=1.2, nowrap=True), Column("uraian", width=3.0, indent=True)]
    for year in range(years):
        columns += [
            Column(f"target{year}", Format.QUANTITY, 0.8),
            Column(f"pagu{year}", Format.MONEY, 1.4),
        ]
    header = (
        (
            HeaderCell("Kode", rowspan=2),
            HeaderCell("Program/Kegiatan", rowspan=2),
            *(HeaderCell(f"Tahun {y + 1}", colspan=2) for y in range(years)),
        ),
        tuple(HeaderCell(t) for _ in range(years) for t in ("Target", "Pagu")),
    )
    width = len(columns)
    body = [BodyRow("s", ("URUSAN SOSIAL",), style=Style.SECTION, spans=(width,))]
    values = ("100%", 12206342370, "100%", 6859705997) * years
    body.append(
        BodyRow(
            "p", ("1.06.01", "PROGRAM PENANGANAN BENCANA", *values[: 2 * years]), style=Style.BOLD
        )
    )
    for n in range(rows):
        cells = ("90%", 1000 + n, "95%", None) * years
        body.append(BodyRow(f"k{n}", (f"1.06.01.2.{n:02d}", TRICKY, *cells[: 2 * years]), level=1))
    totals = ("", 12206342370, "", 6859705997) * years
    body.append(BodyRow("t", ("", "JUMLAH", *totals[: 2 * years]), style=Style.TOTAL))
    return Table(
        number,
        "Rencana Program, Kegiatan, dan Pendanaan",
        tuple(columns),
        header,
        tuple(body),
        numbering_row=True,
        landscape=True,
        source_note="Sumber: Dinas Sosial",
        notes=("Catatan: pagu indikatif",),
    )


def small_table(number: str = "1.1") -> Table:
    columns = (
        Column("uraian", width=3),
        Column("jumlah", Format.INT),
        Column("persen", Format.PERCENT),
    )
    header = ((HeaderCell("Uraian"), HeaderCell("Jumlah"), HeaderCell("Persentase")),)
    return Table(number, "Komposisi Pegawai", columns, header, (), placeholder="Data belum ada.")


def tiny_png(width: int = 4, height: int = 2, dpi: int | None = None) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress((b"\x00" + b"\x80" * width) * height)
    phys = (
        chunk(b"pHYs", struct.pack(">IIB", round(dpi / 0.0254), round(dpi / 0.0254), 1))
        if dpi
        else b""
    )
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + phys
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


def sample_document(rows: int = 3) -> Document:
    return Document(
        tables={"2.1": matrix(rows), "1.1": small_table()},
        figures={
            "2.1": Figure(
                "2.1",
                "Pagu per Program",
                label="Gambar",
                png=tiny_png(),
                width_cm=12,
                source_note="Sumber: Dinas Sosial",
            ),
            "2.2": Figure("2.2", "Tren PMKS", placeholder="Data PMKS belum tersedia."),
        },
    )


@pytest.fixture(scope="module")
def rendered() -> bytes:
    return render_docx([CHAPTER_1, CHAPTER_2], sample_document(), COVER)


@pytest.fixture(scope="module")
def document(rendered):
    return docx.Document(io.BytesIO(rendered))


@pytest.fixture(scope="module")
def body_xml(rendered) -> str:
    return _part(rendered, "word/document.xml")


def _part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(name).decode("utf-8")


def _styled(document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def _table_after(document, caption: str):
    """The python-docx table that follows the caption paragraph starting with `caption`."""
    body = document.element.body
    for p in body.iter(f"{W}p"):
        text = "".join(t.text or "" for t in p.iter(f"{W}t"))
        following = p.getnext()
        if text.startswith(caption) and following is not None and following.tag == f"{W}tbl":
            return docx.table.Table(following, document._body)
    raise AssertionError(f"no table after {caption}")


# -- headings and lists: Word numbering -------------------------------------------------------


def test_headings_are_numbered_by_word_numbering(document, rendered):
    """Headings hold only their titles: "BAB I" and "1.1" come from numbering.xml, so a
    heading inserted in Word is numbered and renumbers the following ones."""
    assert _styled(document, "Heading 1") == ["\nPENDAHULUAN", "\nRENCANA PROGRAM"]
    assert _styled(document, "Heading 2") == ["Latar Belakang", "Maksud dan Tujuan", "Program"]
    numbering = etree.fromstring(_part(rendered, "word/numbering.xml").encode())
    styles = etree.fromstring(_part(rendered, "word/styles.xml").encode())

    def style_num(style_id: str) -> tuple[str, str]:
        num = styles.find(f"{W}style[@{W}styleId='{style_id}']/{W}pPr/{W}numPr")
        return num.find(f"{W}numId").get(f"{W}val"), num.find(f"{W}ilvl").get(f"{W}val")

    def level(num_id: str, ilvl: str) -> tuple[str, str]:
        abstract = numbering.find(f"{W}num[@{W}numId='{num_id}']/{W}abstractNumId").get(f"{W}val")
        lvl = numbering.find(
            f"{W}abstractNum[@{W}abstractNumId='{abstract}']/{W}lvl[@{W}ilvl='{ilvl}']"
        )
        return lvl.find(f"{W}numFmt").get(f"{W}val"), lvl.find(f"{W}lvlText").get(f"{W}val")

    assert level(*style_num("Heading1")) == ("upperRoman", "BAB %1")
    assert level(*style_num("Heading2")) == ("decimal", "%1.%2")
    assert level(*style_num("Heading3")) == ("decimal", "%1.%2.%3")
    # the chapter level of the sections: the hidden marker paragraph right after "BAB n"
    assert style_num("PenandaBab") == (style_num("Heading2")[0], "0")
    marker = next(p for p in document.paragraphs if p.style.name == "Penanda Bab")
    assert (
        marker._p.getprevious()
        is document.paragraphs[[p.style.name for p in document.paragraphs].index("Heading 1")]._p
    )


def test_lists_use_word_numbering_and_restart(document, rendered):
    items = [p for p in document.paragraphs if p.style.name == "Daftar"]
    assert [p.text for p in items] == [
        "Undang-Undang Nomor 23 Tahun 2014;",
        "Peraturan Pemerintah Nomor 8 Tahun 2008.",
        "satu",
        "dua",
    ]
    ids = [p._p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val") for p in items]
    assert ids[0] == ids[1] != ids[2] == ids[3]  # two lists, each its own numbering instance
    numbering = etree.fromstring(_part(rendered, "word/numbering.xml").encode())
    for num_id, fmt, text in ((ids[0], "lowerLetter", "%1)"), (ids[2], "decimal", "%1.")):
        num = numbering.find(f"{W}num[@{W}numId='{num_id}']")
        assert num.find(f"{W}lvlOverride/{W}startOverride").get(f"{W}val") == "1"
        abstract = num.find(f"{W}abstractNumId").get(f"{W}val")
        lvl = numbering.find(f"{W}abstractNum[@{W}abstractNumId='{abstract}']/{W}lvl")
        assert (lvl.find(f"{W}numFmt").get(f"{W}val"), lvl.find(f"{W}lvlText").get(f"{W}val")) == (
            fmt,
            text,
        )


# -- captions, contents and lists of tables and figures ---------------------------------------


def _instructions(paragraph) -> str:
    return "".join(t.text for t in paragraph._p.iter(f"{W}instrText"))


def test_captions_are_seq_fields_numbered_per_chapter(document):
    captions = [p for p in document.paragraphs if p.style.name == "Caption"]
    assert [p.text for p in captions] == [
        "Tabel 1.1\nKomposisi Pegawai",
        "Tabel 2.1\nRencana Program, Kegiatan, dan Pendanaan",
        "Gambar 2.1\nPagu per Program",
        "Gambar 2.2\nTren PMKS",
    ]
    fields = [_instructions(p) for p in captions]
    # the first caption of a label in a chapter restarts it (LibreOffice ignores \s)
    assert fields[0] == " SEQ Bab \\c \\* ARABIC  SEQ Tabel \\* ARABIC \\r 1 \\s 1 "
    assert fields[1] == fields[0]
    assert fields[2] == " SEQ Bab \\c \\* ARABIC  SEQ Gambar \\* ARABIC \\r 1 \\s 1 "
    assert fields[3] == " SEQ Bab \\c \\* ARABIC  SEQ Gambar \\* ARABIC \\s 1 "
    markers = [p for p in document.paragraphs if p.style.name == "Penanda Bab"]
    assert [(_instructions(p), p.text) for p in markers] == [
        (" SEQ Bab \\h ", "1"),
        (" SEQ Bab \\h ", "2"),
    ]
    assert all(r.font.hidden for p in markers for r in p.runs)
    assert document.styles["Caption"].paragraph_format.keep_with_next


def test_a_number_out_of_sequence_is_kept_by_its_field():
    """Tabel 1.3 as the first table of BAB I: the field restarts at 3, so an update in Word or
    LibreOffice shows the number the data has."""
    doc = Document(tables={"1.3": small_table("1.3"), "1.4": small_table("1.4")})
    data = render_docx(["# SATU\n\n<!-- table 1.3 -->\n\n<!-- table 1.4 -->\n"], doc, COVER)
    document = docx.Document(io.BytesIO(data))
    captions = [p for p in document.paragraphs if p.style.name == "Caption"]
    assert [p.text.split("\n")[0] for p in captions] == ["Tabel 1.3", "Tabel 1.4"]
    assert "SEQ Tabel \\* ARABIC \\r 3 \\s 1" in _instructions(captions[0])
    assert "SEQ Tabel \\* ARABIC \\s 1" in _instructions(captions[1])


def test_contents_and_lists_of_tables_and_figures(document, body_xml):
    texts = [p.text for p in document.paragraphs]
    titles = _styled(document, "Judul Depan")
    assert titles == ["DAFTAR ISI", "DAFTAR TABEL", "DAFTAR GAMBAR"]
    assert ' TOC \\o "1-3" \\h \\z \\u ' in body_xml
    assert ' TOC \\h \\z \\c "Tabel" ' in body_xml
    assert ' TOC \\h \\z \\c "Gambar" ' in body_xml
    assert "Caption,1" not in body_xml
    # cached entries, so that a reader that does not update fields still sees the lists
    assert "BAB I\tPENDAHULUAN" in texts and "1.1.1\tDasar Hukum" in texts
    assert "Tabel 2.1\tRencana Program, Kegiatan, dan Pendanaan" in texts
    assert "Gambar 2.1\tPagu per Program" in texts
    toc_styles = {p.style.name for p in document.paragraphs if "\t" in p.text}
    assert toc_styles == {"toc 1", "toc 2", "toc 3", "table of figures"}


def test_chapter_heading_separates_number_and_title(document):
    """ "BAB VIII" and "PENUTUP" must not run together: the heading's numbering is followed by a
    line break, and its cached contents entry by a tab."""
    heading = next(p for p in document.paragraphs if p.style.name == "Heading 1")
    assert heading._p.find(f"{W}r/{W}br") is not None  # right after the number
    assert "BAB II\tRENCANA PROGRAM" in [p.text for p in document.paragraphs]


def test_settings_ask_word_to_update_fields(rendered):
    settings = _part(rendered, "word/settings.xml")
    assert '<w:updateFields w:val="true"/>' in settings
    footers = [n for n in zipfile.ZipFile(io.BytesIO(rendered)).namelist() if "footer" in n]
    assert any(" PAGE " in _part(rendered, n) for n in footers)


# -- tables ---------------------------------------------------------------------------------------


def test_tables_have_merged_repeating_header(document, body_xml):
    body = body_xml.index('<w:pStyle w:val="Heading1"/>')  # after the cached lists
    start = body_xml.index("Rencana Program, Kegiatan, dan Pendanaan</w:t>", body)
    table_xml = body_xml[start : body_xml.index("</w:tbl>", start)]
    assert '<w:gridSpan w:val="2"/>' in table_xml
    assert '<w:vMerge w:val="restart"/>' in table_xml and "<w:vMerge/>" in table_xml
    assert table_xml.count("<w:tblHeader/>") == 3  # two header rows and the numbering row
    assert "<w:cantSplit/>" in table_xml
    assert '<w:tblLayout w:type="fixed"/>' in table_xml
    table = _table_after(document, "Tabel 2.1")
    assert [c.text for c in table.rows[2].cells] == [f"({i})" for i in range(1, 7)]


def test_money_right_aligned_and_rows_styled(document):
    table = _table_after(document, "Tabel 2.1")
    program = table.rows[4]
    cell = program.cells[3]
    assert cell.text == "12.206.342.370"
    paragraph = cell.paragraphs[0]
    assert paragraph.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert program.cells[1].paragraphs[0].runs[0].bold
    total = table.rows[-1]
    assert total.cells[1].text == "JUMLAH" and total.cells[1].paragraphs[0].runs[0].bold
    assert 'w:fill="F2F2F2"' in total._tr.xml
    section = table.rows[3]
    assert section.cells[0].text == "URUSAN SOSIAL" and len(section._tr.tc_lst) == 1
    child = table.rows[5]
    assert child.cells[0].paragraphs[0].paragraph_format.left_indent is None
    assert child.cells[1].paragraphs[0].paragraph_format.left_indent == docx.shared.Twips(142)
    assert child.cells[5].text == "n/a"


def test_tricky_data_is_literal(document):
    texts = [p.text for p in document.paragraphs]
    assert 'Nilai {{ x }} <b> & =HYPERLINK("x") tetap apa adanya.' in texts
    assert _table_after(document, "Tabel 2.1").rows[5].cells[1].text == TRICKY


def test_source_notes_leave_space_before_the_text(document):
    notes = [p for p in document.paragraphs if p.text == "Catatan: pagu indikatif"]
    assert notes[0].paragraph_format.space_after == docx.shared.Twips(wordml.NOTE_SPACE_AFTER)


def test_narrow_table_is_portrait_and_long_wide_table_landscape():
    """A table that fits a portrait page at 7 pt or more stays portrait; the long 14-column
    matrix needs landscape, and the text after it is portrait again."""
    doc = Document(tables={"1.1": matrix(40, "1.1", years=6), "1.2": small_table("1.2")})
    chapter = (
        "# SATU\n\nPengantar.\n\n<!-- table 1.1 -->\n\nTeks sesudahnya.\n\n<!-- table 1.2 -->\n"
    )
    document = docx.Document(io.BytesIO(render_docx([chapter], doc, COVER)))
    orientations = [s.orientation for s in document.sections]
    assert orientations == [WD_ORIENT.PORTRAIT] * 3 + [WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    landscape = document.sections[3]
    grid = _table_after(document, "Tabel 1.1")._tbl.tblGrid
    widths = [int(col.get(f"{W}w")) for col in grid.gridCol_lst]
    assert sum(widths) == page.paper("A4").landscape.usable_width
    assert landscape.page_width > landscape.page_height
    styles = {
        p.style.name
        for row in _table_after(document, "Tabel 1.2").rows
        for c in row.cells
        for p in c.paragraphs
    }
    assert styles <= {"Tabel Teks", "Tabel Angka", "Tabel Kepala"}  # 8 pt, portrait


def test_short_wide_table_goes_portrait_in_column_parts():
    """Three rows in 14 columns would leave a landscape page nearly empty: the table is set
    portrait in parts, each repeating the code and name columns, the header clipped."""
    doc = Document(tables={"1.1": matrix(3, "1.1", years=6)})
    data = render_docx(["# SATU\n\n<!-- table 1.1 -->\n"], doc, COVER)
    document = docx.Document(io.BytesIO(data))
    assert {s.orientation for s in document.sections} == {WD_ORIENT.PORTRAIT}
    continued = _styled(document, "Lanjutan Tabel")
    assert continued and continued[0].startswith("Tabel 1.1 (lanjutan, bagian 2 dari ")
    parts = document.tables[1:]  # the first table is the cover's logo box
    assert len(parts) == len(continued) + 1
    for part in parts:
        assert (
            part.rows[0].cells[0].text == "Kode"
            and part.rows[0].cells[1].text == "Program/Kegiatan"
        )
        assert part.rows[4].cells[1].text == "PROGRAM PENANGANAN BENCANA"
        numbers = [c.text for c in part.rows[2].cells]
        assert numbers[:2] == ["(1)", "(2)"]
    all_numbers = [c.text for part in parts for c in part.rows[2].cells[2:]]
    assert all_numbers == [f"({i})" for i in range(3, 15)]  # every column exactly once
    assert "Tabel 1.1" not in "".join(_styled(document, "Caption")[1:])  # one caption


def test_placeholders_and_picture(document, rendered):
    assert _table_after(document, "Tabel 1.1").rows[1].cells[0].text == "Data belum ada."
    assert "Data PMKS belum tersedia." in [p.text for p in document.paragraphs]
    assert len(document.inline_shapes) == 1
    assert abs(document.inline_shapes[0].width - docx.shared.Cm(12)) < 1000  # twips rounding
    with zipfile.ZipFile(io.BytesIO(rendered)) as package:
        assert any(name.startswith("word/media/") for name in package.namelist())


def test_pictures_of_charts_still_drawing_are_placed_last(rendered):
    """A figure whose chart is being drawn elsewhere: the body is laid out first and `drawn`
    is asked for the pictures once, at the end; the result equals rendering it drawn."""
    drawn_figure = sample_document().figures["2.1"]
    pending = replace(drawn_figure, png=None, chart=Chart("bars", {}))
    document = replace(sample_document(), figures={**sample_document().figures, "2.1": pending})
    calls = []

    def drawn():
        calls.append(1)
        return {**document.figures, "2.1": drawn_figure}

    assert render_docx([CHAPTER_1, CHAPTER_2], document, COVER, drawn=drawn) == rendered
    assert calls == [1]


def test_a_chart_that_was_not_drawn_is_a_clear_error():
    pending = Figure("2.1", "Pagu", label="Gambar", chart=Chart("bars", {}))
    document = replace(sample_document(), figures={"2.1": pending, "2.2": Figure("2.2", "x")})
    with pytest.raises(RenderError, match="gambar 2.1"):
        render_docx([CHAPTER_1, CHAPTER_2], document, COVER)


def test_large_table_renders():
    """20.000 rows: fast enough to run in the suite (about a second of rendering)."""
    data = render_docx(["# RENCANA\n\n<!-- table 2.1 -->\n"], sample_document(20_000), COVER)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read("word/document.xml")
    # the cover's logo box; section, program, 20.000 kegiatan and total rows; 3 header rows
    assert xml.count(b"<w:tr>") == 1 + 1 + 1 + 20_000 + 1 + 3
    assert xml.count(b"1.06.01.2.19999") == 1


def test_unknown_table_is_a_clear_error():
    with pytest.raises(RenderError, match="tabel 9.9"):
        render_docx(["# X\n\n<!-- table 9.9 -->\n"], sample_document(), COVER)


# -- pictures of the project, cover, front pages ------------------------------------------------


def test_markdown_image_is_a_captioned_figure(tmp_path: Path):
    (tmp_path / "tahapan.png").write_bytes(tiny_png(300, 150, dpi=100))
    chapter = '# SATU\n\n![Tahapan Penyusunan Renstra](tahapan.png "Sumber: Permendagri 86/2017")\n'
    data = render_docx([chapter], Document(), COVER, options=Options(pictures=tmp_path))
    document = docx.Document(io.BytesIO(data))
    assert _styled(document, "Caption") == ["Gambar 1.1\nTahapan Penyusunan Renstra"]
    caption = next(p for p in document.paragraphs if p.style.name == "Caption")
    assert "SEQ Gambar \\* ARABIC \\r 1 \\s 1" in _instructions(caption)
    assert "Sumber: Permendagri 86/2017" in _styled(document, "Catatan Tabel")
    (shape,) = document.inline_shapes
    assert abs(shape.width - docx.shared.Cm(300 / 100 * 2.54)) < 1000  # its own resolution
    assert "Gambar 1.1\tTahapan Penyusunan Renstra" in [p.text for p in document.paragraphs]


def test_markdown_image_must_exist_inside_the_folder(tmp_path: Path):
    options = Options(pictures=tmp_path)
    with pytest.raises(ValueError, match="tidak ditemukan"):
        render_docx(["# SATU\n\n![Judul](tidak_ada.png)\n"], Document(), COVER, options=options)
    with pytest.raises(ValueError, match="di luar folder"):
        render_docx(["# SATU\n\n![Judul](../rahasia.png)\n"], Document(), COVER, options=options)


def test_cover_shows_the_logo_or_a_placeholder(tmp_path: Path, document):
    assert "LOGO" in document.tables[0].cell(0, 0).text  # no logo file: a dashed box
    logo = tmp_path / "logo.png"
    logo.write_bytes(tiny_png(300, 400))
    with_logo = docx.Document(
        io.BytesIO(
            render_docx(
                [CHAPTER_1], Document(tables={"1.1": small_table()}), replace(COVER, logo=logo)
            )
        )
    )
    first = with_logo.inline_shapes[0]
    assert abs(first.height - docx.shared.Cm(3.5)) < 1000 and first.width < first.height
    assert "LOGO" not in [c.text for t in with_logo.tables for row in t.rows for c in row.cells]


def test_front_pages_from_markdown(document):
    preface = "# KATA PENGANTAR\n\nPuji syukur.\n\n1. satu\n2. dua\n"
    approval = "Disahkan di Blitar.\n"
    data = render_docx(
        [CHAPTER_1],
        Document(tables={"1.1": small_table()}),
        COVER,
        options=Options(preface=preface, approval=approval),
    )
    front = docx.Document(io.BytesIO(data))
    assert _styled(front, "Judul Depan")[:3] == [
        "LEMBAR PENGESAHAN",
        "KATA PENGANTAR",
        "DAFTAR ISI",
    ]
    texts = [p.text for p in front.paragraphs]
    assert "Puji syukur." in texts and "Disahkan di Blitar." in texts
    assert texts.index("LEMBAR PENGESAHAN") < texts.index("Disahkan di Blitar.")
    contents = [p.text for p in front.paragraphs if p.style.name == "toc 1"]
    assert contents[:3] == ["LEMBAR PENGESAHAN", "KATA PENGANTAR", "DAFTAR ISI"]
    roman = front.sections[1]._sectPr.find(f"{W}pgNumType")
    assert (roman.get(f"{W}fmt"), roman.get(f"{W}start")) == ("lowerRoman", "1")
    assert front.sections[0]._sectPr.find(f"{W}footerReference") is None  # cover: no number


# -- page setup -----------------------------------------------------------------------------------


@pytest.mark.parametrize("paper, size", [("A4", (11906, 16838)), ("F4", (12189, 18709))])
def test_paper_applies_to_every_section(paper: str, size: tuple[int, int]):
    doc = Document(tables={"1.1": matrix(40, "1.1", years=6)})
    data = render_docx(
        ["# SATU\n\n<!-- table 1.1 -->\n\nTeks.\n"], doc, COVER, options=Options(paper=paper)
    )
    root = etree.fromstring(_part(data, "word/document.xml").encode())
    sections = root.findall(f".//{W}sectPr")
    assert len(sections) >= 4
    for section in sections:
        sz, mar = section.find(f"{W}pgSz"), section.find(f"{W}pgMar")
        dims = (int(sz.get(f"{W}w")), int(sz.get(f"{W}h")))
        margins = {side: int(mar.get(f"{W}{side}")) for side in ("top", "right", "bottom", "left")}
        if sz.get(f"{W}orient") == "landscape":
            assert dims == size[::-1]
            assert margins == {"top": 2268, "right": 1701, "bottom": 1701, "left": 1701}
        else:
            assert dims == size
            assert margins == {"top": 1701, "right": 1701, "bottom": 1701, "left": 2268}


# -- a real Word package ----------------------------------------------------------------------


def test_document_properties(rendered):
    core = etree.fromstring(_part(rendered, "docProps/core.xml").encode())
    ns = {
        "dc": "http://purl.org/dc/elements/1.1/",
        "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
        "dcterms": "http://purl.org/dc/terms/",
    }
    assert core.findtext("dc:title", namespaces=ns) == (
        "RENCANA STRATEGIS DINAS SOSIAL KABUPATEN BLITAR TAHUN 2021-2026"
    )
    assert core.findtext("dc:subject", namespaces=ns) == (
        "Rencana Strategis Perangkat Daerah Tahun 2021-2026"
    )
    assert core.findtext("dc:creator", namespaces=ns) == "Dinas Sosial Kabupaten Blitar"
    assert core.findtext("dcterms:created", namespaces=ns) == "2021-01-01T00:00:00Z"
    assert "python-docx" not in _part(rendered, "docProps/core.xml")
    app = etree.fromstring(_part(rendered, "docProps/app.xml").encode())
    values = {etree.QName(e).localname: e.text for e in app}
    assert values["Application"] == "renstra-docs"
    assert values["Company"] == "Dinas Sosial Kabupaten Blitar"
    assert not {"Pages", "Words", "Characters", "Lines", "Template"} & set(values)
    names = zipfile.ZipFile(io.BytesIO(rendered)).namelist()
    assert not [n for n in names if "thumbnail" in n or n.startswith("customXml")]
    assert "word/stylesWithEffects.xml" not in names


def test_date_from_source_date_epoch_or_newest_source(tmp_path: Path, monkeypatch):
    source = tmp_path / "source_tables"
    source.mkdir()
    (source / "a.xlsx").write_bytes(b"x")
    os.utime(source / "a.xlsx", (1_700_000_000.7, 1_700_000_000.7))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert project_date([source]) == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    when = project_date([source])
    data = render_docx(
        [CHAPTER_1], Document(tables={"1.1": small_table()}), COVER, options=Options(date=when)
    )
    assert '<dcterms:created xsi:type="dcterms:W3CDTF">2020-09-13T12:26:40Z' in _part(
        data, "docProps/core.xml"
    )


def test_parts_follow_the_schema_element_order(rendered):
    for name in ("word/document.xml", "word/styles.xml", "word/numbering.xml", "word/settings.xml"):
        assert_schema_order(etree.fromstring(_part(rendered, name).encode()), name)


def test_box_style_in_schema_order(rendered):
    """The old template put w:jc before w:ind in KotakGambar."""
    styles = etree.fromstring(_part(rendered, "word/styles.xml").encode())
    ppr = styles.find(f"{W}style[@{W}styleId='KotakGambar']/{W}pPr")
    names = [etree.QName(child).localname for child in ppr]
    assert names.index("pBdr") < names.index("spacing") < names.index("ind") < names.index("jc")


def test_identical_inputs_give_identical_bytes(tmp_path: Path):
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    write_docx(first, [CHAPTER_1, CHAPTER_2], sample_document(), COVER)
    write_docx(second, [CHAPTER_1, CHAPTER_2], sample_document(), COVER)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_xml_illegal_characters_are_dropped():
    assert wordml.esc("a\x00b\x0bc<d") == "abc&lt;d"


def test_widths_fit_minimums():
    widths = layout.fit_widths([1.0, 1.0, 8.0], 10_000, [3000, 0, 0])
    assert widths[0] >= 3000 and sum(widths) == 10_000
    assert layout.text_width("12.206.342.370", 7) < 1100


def test_reference_docx_is_generated_from_reference_py(tmp_path):
    """templates/reference.docx is exactly what render/reference.py writes (no stale styles)."""
    from renstra_docs.render import reference

    target = tmp_path / "reference.docx"
    reference.main([str(target)])
    assert target.read_bytes() == reference.REFERENCE.read_bytes()
    assert reference.check(target.read_bytes()) == []


def _orientation_of(document, text: str):
    """The orientation of the section holding the first paragraph of the body (after the
    front matter) that starts with `text`."""
    body = document.element.body
    index, inside = 0, False
    for element in body:
        if element.tag == f"{W}p":
            inside = inside or element.find(f"{W}pPr/{W}pStyle[@{W}val='Heading1']") is not None
            if inside and "".join(t.text or "" for t in element.iter(f"{W}t")).startswith(text):
                return document.sections[index].orientation
            if element.find(f"{W}pPr/{W}sectPr") is not None:
                index += 1
    raise AssertionError(text)


def test_chapter_titles_and_text_stay_portrait_around_landscape_tables():
    """BAB I opens with a landscape table: its title stays on a portrait page (the hidden
    chapter marker never carries the break); a short text between two landscape tables stays
    on their landscape page; the heading after them is portrait again."""
    doc = Document(tables={"1.1": matrix(40, "1.1", years=6), "1.2": matrix(40, "1.2", years=6)})
    chapter = (
        "# SATU\n\n<!-- table 1.1 -->\n\nDi antara kedua tabel.\n\n<!-- table 1.2 -->\n\n"
        "## Sesudahnya\n\nTeks.\n"
    )
    document = docx.Document(io.BytesIO(render_docx([chapter], doc, COVER)))
    assert _orientation_of(document, "SATU") == WD_ORIENT.PORTRAIT
    assert _orientation_of(document, "Tabel 1.1") == WD_ORIENT.LANDSCAPE
    assert _orientation_of(document, "Di antara kedua tabel.") == WD_ORIENT.LANDSCAPE
    assert _orientation_of(document, "Sesudahnya") == WD_ORIENT.PORTRAIT
    marker = next(p for p in document.paragraphs if p.style.name == "Penanda Bab")
    assert marker._p.find(f"{W}pPr/{W}sectPr") is None


def test_the_last_list_item_never_stands_alone_on_a_page():
    """The item before the last keeps with it (Blitar's BAB VII ended a page with seven of
    eight problems and put the eighth alone on the next)."""
    text = "# SATU\n\nSebab:\n\n1. satu\n2. dua\n3. tiga\n\nLalu:\n\n- empat\n- lima\n\nAkhir.\n"
    document = docx.Document(io.BytesIO(render_docx([text], Document(), COVER)))
    items = [p for p in document.paragraphs if p.text in ("satu", "dua", "tiga", "empat", "lima")]
    assert [(p.text, bool(p.paragraph_format.keep_with_next)) for p in items] == [
        ("satu", False),
        ("dua", True),
        ("tiga", False),
        ("empat", True),
        ("lima", False),
    ]
