"""The DOCX renderer, read back with python-docx and as raw WordprocessingML."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH

from renstra_docs.render import layout, wordml
from renstra_docs.render.docx import CoverInfo, RenderError, render_docx, write_docx
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

TRICKY = 'Data <b> & {{ x }} =HYPERLINK("x")'
COVER = CoverInfo(
    "PEMERINTAH KABUPATEN BLITAR",
    "DINAS SOSIAL",
    ("Jl. Semeru No. 50 Blitar",),
    "RENCANA STRATEGIS DINAS SOSIAL KABUPATEN BLITAR",
    "TAHUN 2021-2026",
)
CHAPTER_1 = """# PENDAHULUAN

## Latar Belakang

Paragraf **tebal** pertama.

<!-- list: a -->
1. Undang-Undang Nomor 23 Tahun 2014;
2. Peraturan Pemerintah Nomor 8 Tahun 2008.

### Dasar Hukum

Teks.

## Maksud dan Tujuan

<!-- table 2.2 -->
"""
CHAPTER_2 = """# RENCANA PROGRAM

## Program

Nilai \\{{ x }} \\<b> & =HYPERLINK("x") tetap apa adanya.

<!-- table 6.2 -->

<!-- figure 6.1 -->

<!-- figure 2.3 -->
"""


def matrix(rows: int = 3) -> Table:
    """A T-C.27-like matrix: two merged header rows, numbering row, landscape."""
    columns = [Column("kode", width=1.2), Column("uraian", width=3.0)]
    for year in range(2):
        columns += [Column(f"target{year}", width=0.8), Column(f"pagu{year}", Format.MONEY, 1.4)]
    header = (
        (
            HeaderCell("Kode", rowspan=2),
            HeaderCell("Program/Kegiatan", rowspan=2),
            HeaderCell("Tahun 1", colspan=2),
            HeaderCell("Tahun 2", colspan=2),
        ),
        (HeaderCell("Target"), HeaderCell("Pagu"), HeaderCell("Target"), HeaderCell("Pagu")),
    )
    body = [BodyRow("s", ("URUSAN SOSIAL",), style=Style.SECTION, spans=(6,))]
    body.append(
        BodyRow(
            "p",
            ("1.06.01", "PROGRAM PENANGANAN BENCANA", "100%", 12206342370, "100%", 6859705997),
            style=Style.BOLD,
        )
    )
    for n in range(rows):
        body.append(
            BodyRow(f"k{n}", (f"1.06.01.2.{n:02d}", TRICKY, "90%", 1000 + n, "95%", None), level=1)
        )
    body.append(BodyRow("t", ("", "JUMLAH", "", 12206342370, "", 6859705997), style=Style.TOTAL))
    return Table(
        "6.2",
        "Rencana Program, Kegiatan, dan Pendanaan",
        tuple(columns),
        header,
        tuple(body),
        numbering_row=True,
        landscape=True,
        source_note="Sumber: Dinas Sosial",
        notes=("Catatan: pagu indikatif",),
    )


def small_table() -> Table:
    columns = (
        Column("uraian", width=3),
        Column("jumlah", Format.INT),
        Column("persen", Format.PERCENT),
    )
    header = ((HeaderCell("Uraian"), HeaderCell("Jumlah"), HeaderCell("Persentase")),)
    return Table("2.2", "Komposisi Pegawai", columns, header, (), placeholder="Data belum ada.")


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", 4, 2, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x80\x80\x80\x80" * 2)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def sample_document(rows: int = 3) -> Document:
    return Document(
        tables={"6.2": matrix(rows), "2.2": small_table()},
        figures={
            "6.1": Figure(
                "6.1",
                "Pagu per Program",
                label="Gambar",
                png=tiny_png(),
                width_cm=12,
                source_note="Sumber: Dinas Sosial",
            ),
            "2.3": Figure("2.3", "Tren PMKS", placeholder="Data PMKS belum tersedia."),
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
    with zipfile.ZipFile(io.BytesIO(rendered)) as package:
        return package.read("word/document.xml").decode("utf-8")


def _styled(document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def test_headings_are_numbered_by_the_renderer(document):
    assert _styled(document, "Heading 1") == ["BAB I\nPENDAHULUAN", "BAB II\nRENCANA PROGRAM"]
    assert _styled(document, "Heading 2") == [
        "1.1\tLatar Belakang",
        "1.2\tMaksud dan Tujuan",
        "2.1\tProgram",
    ]
    assert _styled(document, "Heading 3") == ["1.1.1\tDasar Hukum"]


def test_cover_toc_and_list_of_tables(document, body_xml, rendered):
    texts = [p.text for p in document.paragraphs]
    assert texts[:2] == ["PEMERINTAH KABUPATEN BLITAR", "DINAS SOSIAL"]
    assert "DAFTAR ISI" in texts and "DAFTAR TABEL" in texts
    assert 'TOC \\o "1-3" \\h \\z \\u' in body_xml
    assert 'TOC \\h \\z \\t "Caption,1"' in body_xml
    assert "Tabel 6.2\tRencana Program, Kegiatan, dan Pendanaan" in texts
    with zipfile.ZipFile(io.BytesIO(rendered)) as package:
        settings = package.read("word/settings.xml").decode("utf-8")
        footers = [
            package.read(n).decode()
            for n in package.namelist()
            if "footer" in n and n.endswith(".xml")
        ]
    assert '<w:updateFields w:val="true"/>' in settings
    assert any(" PAGE " in footer for footer in footers)


def test_captions_above_tables_with_merged_repeating_header(document, body_xml):
    captions = _styled(document, "Caption")
    assert captions == [
        "Tabel 2.2\nKomposisi Pegawai",
        "Tabel 6.2\nRencana Program, Kegiatan, dan Pendanaan",
        "Gambar 6.1\nPagu per Program",
        "Tabel 2.3\nTren PMKS",
    ]
    assert document.styles["Caption"].paragraph_format.keep_with_next
    start = body_xml.index(
        '<w:pStyle w:val="Caption"/></w:pPr><w:r><w:t xml:space="preserve">Tabel 6.2'
    )
    table_xml = body_xml[start : body_xml.index("</w:tbl>", start)]
    assert '<w:gridSpan w:val="2"/>' in table_xml
    assert '<w:vMerge w:val="restart"/>' in table_xml and "<w:vMerge/>" in table_xml
    assert table_xml.count("<w:tblHeader/>") == 3  # two header rows and the numbering row
    assert "<w:cantSplit/>" in table_xml
    assert '<w:tblLayout w:type="fixed"/>' in table_xml
    matrix_table = document.tables[1]
    assert [c.text for c in matrix_table.rows[2].cells] == [f"({i})" for i in range(1, 7)]


def test_money_right_aligned_and_rows_styled(document):
    table = document.tables[1]
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
    assert child.cells[1].paragraphs[0].paragraph_format.left_indent is None
    assert child.cells[0].paragraphs[0].paragraph_format.left_indent == docx.shared.Twips(142)
    assert child.cells[5].text == "n/a"


def test_tricky_data_is_literal(document):
    texts = [p.text for p in document.paragraphs]
    assert 'Nilai {{ x }} <b> & =HYPERLINK("x") tetap apa adanya.' in texts
    assert document.tables[1].rows[5].cells[1].text == TRICKY


def test_list_labels(document):
    items = _styled(document, "Daftar")
    assert items == [
        "a)\tUndang-Undang Nomor 23 Tahun 2014;",
        "b)\tPeraturan Pemerintah Nomor 8 Tahun 2008.",
    ]


def test_landscape_section_then_portrait(document):
    orientations = [s.orientation for s in document.sections]
    assert WD_ORIENT.LANDSCAPE in orientations
    index = orientations.index(WD_ORIENT.LANDSCAPE)
    landscape = document.sections[index]
    assert landscape.page_width > landscape.page_height
    assert orientations[index + 1] == WD_ORIENT.PORTRAIT  # the figures after it are portrait
    grid = document.tables[1]._tbl.tblGrid
    widths = [int(col.get(docx.oxml.ns.qn("w:w"))) for col in grid.gridCol_lst]
    assert sum(widths) == wordml.LANDSCAPE.usable_width


def test_placeholders_and_picture(document, rendered):
    assert document.tables[0].rows[1].cells[0].text == "Data belum ada."
    assert "Data PMKS belum tersedia." in [p.text for p in document.paragraphs]
    assert len(document.inline_shapes) == 1
    assert abs(document.inline_shapes[0].width - docx.shared.Cm(12)) < 1000  # twips rounding
    with zipfile.ZipFile(io.BytesIO(rendered)) as package:
        assert any(name.startswith("word/media/") for name in package.namelist())


def test_pictures_of_charts_still_drawing_are_placed_last(rendered):
    """A figure whose chart is being drawn elsewhere: the body is laid out first and `drawn`
    is asked for the pictures once, at the end; the result equals rendering it drawn."""
    drawn_figure = sample_document().figures["6.1"]
    pending = replace(drawn_figure, png=None, chart=Chart("bars", {}))
    document = replace(sample_document(), figures={**sample_document().figures, "6.1": pending})
    calls = []

    def drawn():
        calls.append(1)
        return {**document.figures, "6.1": drawn_figure}

    assert render_docx([CHAPTER_1, CHAPTER_2], document, COVER, drawn=drawn) == rendered
    assert calls == [1]


def test_a_chart_that_was_not_drawn_is_a_clear_error():
    pending = Figure("6.1", "Pagu", label="Gambar", chart=Chart("bars", {}))
    document = replace(sample_document(), figures={"6.1": pending, "2.3": Figure("2.3", "x")})
    with pytest.raises(RenderError, match="gambar 6.1"):
        render_docx([CHAPTER_1, CHAPTER_2], document, COVER)


def test_identical_inputs_give_identical_bytes(tmp_path: Path):
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    write_docx(first, [CHAPTER_1, CHAPTER_2], sample_document(), COVER)
    write_docx(second, [CHAPTER_1, CHAPTER_2], sample_document(), COVER)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = package.read("docProps/core.xml").decode()
    assert "2021-01-01T00:00:00Z" in core and "renstra-docs" in core


def test_large_table_renders(tmp_path: Path):
    """20.000 rows: fast enough to run in the suite (about a second of rendering)."""
    data = render_docx(["# RENCANA\n\n<!-- table 6.2 -->\n"], sample_document(20_000), COVER)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read("word/document.xml")
    # section, program, 20.000 kegiatan and total rows; two header rows and the numbering row
    assert xml.count(b"<w:tr>") == 1 + 1 + 20_000 + 1 + 3
    assert xml.count(b"1.06.01.2.19999") == 1


def test_unknown_table_is_a_clear_error():
    with pytest.raises(RenderError, match="tabel 9.9"):
        render_docx(["# X\n\n<!-- table 9.9 -->\n"], sample_document(), COVER)


def test_xml_illegal_characters_are_dropped():
    assert wordml.esc("a\x00b\x0bc<d") == "abc&lt;d"


def test_widths_fit_minimums():
    widths = layout.fit_widths([1.0, 1.0, 8.0], 10_000, [3000, 0, 0])
    assert widths[0] == 3000 and sum(widths) == 10_000
    assert abs(widths[2] - 8 * widths[1]) <= 8  # the rest keeps its proportions
    assert layout.text_width("12.206.342.370", 7) < 1100


def test_reference_docx_is_generated_from_reference_py(tmp_path):
    """templates/reference.docx is exactly what render/reference.py writes (no stale styles)."""
    from renstra_docs.render import reference

    target = tmp_path / "reference.docx"
    reference.main([str(target)])
    assert target.read_bytes() == reference.REFERENCE.read_bytes()
