"""build/<output>_tabel.xlsx: every table of the document as a worksheet (render.xlsx_tables)."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from conftest import TABLE_NUMBERS, copy_project, numbered_document
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from renstra_docs.build import build
from renstra_docs.config import load_config
from renstra_docs.render.xlsx_tables import numeric, tables_name, tables_workbook
from renstra_docs.sources.normalise import Quantity
from renstra_docs.tables.model import (
    BodyRow,
    Column,
    Format,
    HeaderCell,
    Style,
    Table,
)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("tabel") / "project")
    result = build(load_config(root))
    assert not result.failed, result.summary_lines()
    return root


@pytest.fixture(scope="module")
def workbook(project: Path):
    return load_workbook(project / "build" / tables_name(load_config(project)))


@pytest.fixture(scope="module")
def tables(project: Path) -> dict[str, Table]:
    """The document's tables by number."""
    from renstra_docs.build import analyse

    analysis = analyse(load_config(project))
    return numbered_document(analysis.dataset, analysis.derived).tables


def _rows_with(sheet: Worksheet, text: str) -> list[int]:
    return [c.row for row in sheet.iter_rows() for c in row if c.value == text]


def test_one_sheet_per_table_in_document_order(workbook) -> None:
    assert workbook.sheetnames == [f"Tabel {number}" for number in TABLE_NUMBERS]
    assert workbook.active.title == "Tabel 2.1"


def _expected_merges(table: Table) -> set[str]:
    """The merged header ranges, from Table.header walked independently of the writer."""
    taken: set[tuple[int, int]] = set()
    merges = set()
    for r, header_row in enumerate(table.header):
        c = 0
        for cell in header_row:
            while (r, c) in taken:
                c += 1
            taken |= {(r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan)}
            if cell.rowspan > 1 or cell.colspan > 1:
                first = f"{chr(65 + c)}{r + 2}"
                last = f"{chr(65 + c + cell.colspan - 1)}{r + 2 + cell.rowspan - 1}"
                merges.add(f"{first}:{last}")
            c += cell.colspan
    return merges


def test_tabel_6_2_title_header_and_numbering(workbook, tables) -> None:
    sheet, table = workbook["Tabel 6.2"], tables["6.2"]
    assert sheet["A1"].value == f"Tabel 6.2 {table.title}" and sheet["A1"].font.b
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert _expected_merges(table) <= merged
    assert "A1:R1" in merged  # the title across the table
    assert "E2:N2" in merged  # "Target Capaian Kinerja ..." over the five years
    (year_one,) = [c for c in sheet[3] if c.value == "Tahun 1"]
    assert f"{year_one.coordinate}:{chr(ord(year_one.column_letter) + 1)}3" in merged
    assert not table.numbering_row and sheet.freeze_panes == "A5"  # title, three header rows
    assert sheet["A2"].font.b and sheet["A2"].fill.fgColor.rgb == "FFD9D9D9"


def test_numbering_row_under_the_header(workbook, tables) -> None:
    sheet, table = workbook["Tabel 2.8"], tables["2.8"]
    assert table.numbering_row and len(table.header) == 2
    count = len(table.columns)
    assert [c.value for c in sheet[4]][:count] == [f"({i})" for i in range(1, count + 1)]
    assert sheet.freeze_panes == "A5" and sheet.print_title_rows == "$2:$4"


def test_tabel_6_2_grand_total_is_a_number(workbook) -> None:
    sheet = workbook["Tabel 6.2"]
    (total_row,) = _rows_with(sheet, "TOTAL")
    values = [c for c in sheet[total_row] if isinstance(c.value, int)]
    last = values[-1]
    assert last.value == 65116280252 and last.data_type == "n"
    assert last.number_format == "#,##0" and last.font.b
    assert last.fill.fgColor.rgb == "FFF2F2F2"  # the total row is shaded


def test_program_rows_bold_and_levels_indented(workbook, tables) -> None:
    sheet, table = workbook["Tabel 6.2"], tables["6.2"]
    hierarchy = table.hierarchy_column
    assert hierarchy is not None
    first_body = 2 + len(table.header)  # under the title and the header
    for offset, row in enumerate(table.rows[:12]):
        cell = sheet.cell(first_body + offset, hierarchy + 1)
        assert cell.value == table.texts[offset][hierarchy]
        assert bool(cell.font.b) == (row.style is not Style.NORMAL)
        assert cell.alignment.indent == row.level
    assert {r.level for r in table.rows[:12]} == {0, 1, 2}


def test_numbers_keep_their_unit_and_percent_is_a_fraction(workbook) -> None:
    sheet = workbook["Tabel 6.2"]
    (row,) = _rows_with(sheet, "Penyusunan Dokumen Perencanaan Perangkat Daerah")
    target = sheet.cell(row, 5)  # Tahun 1 / Target: "3 dokumen" in the document
    assert target.value == 3 and target.number_format == '#,##0 "dokumen"'
    ratios = workbook["Tabel 2.8"]
    fractions = [c for r in ratios.iter_rows() for c in r if c.number_format == "0.00%"]
    assert any(abs(c.value - 0.9131) < 1e-12 for c in fractions)  # 91,31% in the document
    assert all(isinstance(c.value, float | int) for c in fractions)
    program = sheet.cell(5, 5)  # the first programme, Tahun 1 / Target: "100%"
    assert program.value == 1 and program.number_format == "0%"


def test_missing_values_are_the_text_na(workbook) -> None:
    cells = [c for r in workbook["Tabel 6.2"].iter_rows() for c in r if c.value == "n/a"]
    assert cells and all(c.data_type == "s" for c in cells)


def test_page_setup_and_widths(workbook, tables) -> None:
    sheet = workbook["Tabel 6.2"]
    assert (
        sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 14
    )  # renstra.toml: F4 (Folio)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == "$2:$4"  # the header repeats on every printed page
    assert workbook["Tabel 2.2"].page_setup.orientation == "landscape"  # every sheet
    widths = [sheet.column_dimensions[chr(65 + i)].width for i in range(18)]
    assert all(w >= 5 for w in widths)
    assert widths[15] >= len("65.116.280.252")  # the five-year pagu fits, never ####


def test_paper_f4_is_folio(tables) -> None:
    book = load_workbook(BytesIO(tables_workbook([tables["2.2"]], paper="F4")))
    assert book["Tabel 2.2"].page_setup.paperSize == 14


def _synthetic() -> Table:
    columns = (
        Column("uraian"),
        Column("pagu", Format.MONEY),
        Column("target", Format.QUANTITY),
        Column("rasio", Format.PERCENT),
    )
    header = (
        (HeaderCell("Uraian", rowspan=2), HeaderCell("Nilai", colspan=3)),
        (HeaderCell("Pagu"), HeaderCell("Target"), HeaderCell("Rasio")),
    )
    rows = (
        BodyRow("misi", ("MISI: satu",), style=Style.SECTION),
        BodyRow(
            "=SUM(A1:A9)", ("=SUM(A1:A9)", 1500, Quantity(Decimal("2.5"), "%"), Decimal("-1.635"))
        ),
        BodyRow("r2", ("+62 812", None, Quantity(Decimal("38"), "orang"), None), level=1),
        BodyRow("r3", ("@cmd", "", Quantity(None, None), Decimal("100"))),
        BodyRow(
            "r4",
            ("-", 7, Quantity(Decimal("1000"), None), Decimal("4.5")),
            units=(None, None, "Orang", None),
        ),
    )
    return Table("9.9", "Uji", columns, header, rows, numbering_row=True, notes=("* catatan",))


def test_synthetic_table_cells(tmp_path: Path) -> None:
    data = tables_workbook([_synthetic()])
    sheet = load_workbook(BytesIO(data))["Tabel 9.9"]
    assert "A5:D5" in {str(r) for r in sheet.merged_cells.ranges}  # the lone section label
    formulas = [sheet.cell(row, 1) for row in (6, 7, 8, 9)]
    assert [c.value for c in formulas] == ["=SUM(A1:A9)", "+62 812", "@cmd", "-"]
    assert all(c.data_type == "s" and c.quotePrefix for c in formulas)  # text, never a formula
    with zipfile.ZipFile(BytesIO(data)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
    assert sheet["B6"].value == 1500 and sheet["B7"].value == "n/a"
    assert sheet["C6"].value == 0.025 and sheet["C6"].number_format == "0.0%"
    assert sheet["C7"].value == 38 and sheet["C7"].number_format == '#,##0 "orang"'
    assert sheet["C8"].value == "n/a" and sheet["C9"].number_format == '#,##0 "Orang"'
    assert sheet["D6"].value == -0.0164 and sheet["D6"].number_format == "0.00%"  # rounded as shown
    assert sheet["A7"].alignment.indent == 1
    assert any(c.value == "* catatan" for r in sheet.iter_rows() for c in r)


def test_numeric_conversions() -> None:
    assert numeric(12206342370, Format.MONEY) == ("12206342370", "#,##0")
    assert numeric(Decimal("91.3145"), Format.PERCENT) == ("0.9131", "0.00%")
    assert numeric(Quantity(Decimal("100"), "%"), Format.QUANTITY) == ("1", "0%")
    assert numeric(Decimal("4.40"), Format.NUMBER) == ("4.4", "#,##0.0")
    assert numeric("100%", Format.QUANTITY) is None  # typed text stays text
    assert numeric(None, Format.MONEY) is None


def test_workbook_is_deterministic(tables) -> None:
    ordered = [tables[n] for n in TABLE_NUMBERS]
    assert tables_workbook(ordered) == tables_workbook(ordered)


def test_two_builds_write_the_same_bytes(project: Path, tmp_path: Path) -> None:
    config = load_config(project).with_paths(build_dir=tmp_path / "again")
    assert not build(config).failed
    name = tables_name(config)
    assert (tmp_path / "again" / name).read_bytes() == (project / "build" / name).read_bytes()
    with zipfile.ZipFile(tmp_path / "again" / name) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert b"2021-01-01T00:00:00Z" in archive.read("docProps/core.xml")
