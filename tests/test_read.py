"""Strict reading of one sheet: each bad cell is a finding with its code, cell and column."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import (
    KEGIATAN,
    MATRIX_HEADER,
    PROGRAM,
    SHEET,
    WORKBOOK,
    YEARS,
    at,
    only,
    read_matrix,
    refused,
    sub,
    write_book,
)
from openpyxl import Workbook

from renstra_docs.findings import Severity
from renstra_docs.fmt import kuantitas
from renstra_docs.sources.numfmt import BUILTIN_FORMATS
from renstra_docs.sources.read import read_workbook
from renstra_docs.sources.schema import BAB2, BAB6, WorkbookSchema

MAIN_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
INDICATOR_SHEET = "indikator"
INDICATOR_SCHEMA = WorkbookSchema(BAB6.filename, BAB6.doc, (BAB6.sheet(INDICATOR_SHEET),))
INDICATOR_HEADER = (
    "ID Node",
    "Indikator",
    "Satuan",
    "Aturan Akhir",
    "Baseline",
    *(f"Target {y}" for y in YEARS),
    "Target Akhir Tertulis",
)  # A..K


def rows_with(**values: object) -> list[dict]:
    """Program, kegiatan and two sub-kegiatan; the first sub-kegiatan (Excel row 4) gets values."""
    return [PROGRAM, KEGIATAN, sub(1, **values), sub(2)]


def errors_of(data) -> list:
    return [f for f in data.findings if f.severity is Severity.ERROR]


def test_valid_sheet_reads_typed_values_without_findings(matrix_book) -> None:
    data = read_matrix(matrix_book())
    assert data.findings == []
    rows = data.sheets[SHEET].rows
    assert [r["id"] for r in rows] == ["P1", "P1.K1", "P1.K1.S1", "P1.K1.S2"]
    assert rows[2]["pagu"] == {y: 1_000_000 + y for y in YEARS}
    assert data.sheets[SHEET].years["pagu"] == list(YEARS)
    assert rows[2].loc("pagu", 2022) == at("H4", "Pagu 2022")


# ---------------------------------------------------------------- errors in cells


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("banyak", "type-error"),  # text in a numeric column
        ("satu juta", "type-error"),
        ("1.23.456", "number-format"),
        (-5_000_000, "negative-amount"),  # a negative pagu
        ("-5.000.000", "negative-amount"),
        (1234.5, "not-integer"),
        ("1.219.764.079,50", "not-integer"),
        ("#DIV/0!", "excel-error"),
        ("#REF!", "excel-error"),
        (dt.datetime(2022, 3, 1), "date-not-number"),  # a date where a number belongs
        (dt.date(2022, 3, 1), "date-not-number"),
        (True, "type-error"),
        ("88,42%", "type-error"),  # a percent in a rupiah column
        (9.223372036854776e18, "amount-too-large"),  # beyond Int64 (found by the fuzz test)
        (2**63, "amount-too-large"),  # a whole number one past Int64's largest
    ],
)
def test_bad_pagu_cell(matrix_book, raw: object, code: str) -> None:
    data = read_matrix(matrix_book(rows_with(**{"Pagu 2023": raw})))
    finding = only(data.findings, code)
    assert finding.location == at("I4", "Pagu 2023")
    assert finding.is_error
    assert data.sheets[SHEET].rows[2]["pagu"][2023] is None  # never a guess


def test_excel_error_value_typed_as_error_cell(matrix_book) -> None:
    def damage(sheet) -> None:
        for ref, error in (("H4", "#DIV/0!"), ("J5", "#REF!")):
            sheet[ref].value = error
            sheet[ref].data_type = "e"

    data = read_matrix(matrix_book(edit=damage))
    codes = sorted(((f.code, f.location) for f in data.findings), key=str)
    assert codes == [("excel-error", at("H4", "Pagu 2022")), ("excel-error", at("J5", "Pagu 2024"))]


def test_excel_error_in_a_text_column(matrix_book) -> None:
    data = read_matrix(matrix_book(rows_with(Nama="#N/A")))
    assert only(data.findings, "excel-error").location == at("E4", "Nama")


def test_formula_without_cached_value(matrix_book) -> None:
    def add_formula(sheet) -> None:
        sheet["H5"] = "=SUM(H2:H4)"  # openpyxl stores no cached value

    data = read_matrix(matrix_book(edit=add_formula))
    finding = only(data.findings, "formula-not-calculated")
    assert finding.location == at("H5", "Pagu 2022")
    assert finding.is_error
    assert data.sheets[SHEET].rows[3]["pagu"][2022] is None


def test_row_holding_only_an_uncalculated_formula_is_not_skipped(matrix_book) -> None:
    data = read_matrix(matrix_book(edit=lambda sheet: sheet.__setitem__("H6", "=SUM(H4:H5)")))
    assert only(data.findings, "formula-not-calculated").location == at("H6", "Pagu 2022")


def _edit_sheet_xml(path: Path, change: Callable[[bytes], bytes]) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts:
            is_sheet = info.filename.startswith("xl/worksheets/")
            archive.writestr(info, change(data) if is_sheet else data)


def _rewrite_sheet_xml(path: Path, *pairs: bytes) -> None:
    def replace(data: bytes) -> bytes:
        for old, new in zip(pairs[::2], pairs[1::2], strict=True):
            assert old in data
            data = data.replace(old, new)
        return data

    _edit_sheet_xml(path, replace)


@pytest.mark.parametrize(
    ("cached", "finding"),
    [
        (b'<c r="H5"><f>SUM(H2:H4)</f><v>3</v></c>', None),  # calculated: the value is read
        (b'<c r="H5"><f>SUM(H2:H4)</f></c>', "formula-not-calculated"),  # no <v> at all
        (b'<c r="H5"><f>SUM(H2:H4)</f><v/></c>', "formula-not-calculated"),
        (b'<x:c r="H5"><x:f>SUM(H2:H4)</x:f></x:c>', "formula-not-calculated"),
    ],
)
def test_formula_cache_as_other_writers_store_it(
    matrix_book, cached: bytes, finding: str | None
) -> None:
    path = matrix_book(edit=lambda sheet: sheet.__setitem__("H5", "=SUM(H2:H4)"))
    _rewrite_sheet_xml(
        path,
        b'<c r="H5"><f>SUM(H2:H4)</f><v></v></c>',
        cached,
        b'<worksheet xmlns="',
        b'<worksheet xmlns:x="%s" xmlns="' % MAIN_NS,
    )
    data = read_matrix(path)
    if finding is None:
        assert data.findings == []
        assert data.sheets[SHEET].rows[3]["pagu"][2022] == 3
    else:
        assert only(data.findings, finding).location == at("H5", "Pagu 2022")


def test_uncalculated_formula_in_a_row_whose_cells_carry_no_reference(matrix_book) -> None:
    """Some writers leave out `r="H5"`: the cell's place is its position in the row (A..L)."""
    full = sub(2, Kode="1.06.01.2.01.0002", Tujuan="T1", Sasaran="S1.1")
    path = matrix_book(
        [PROGRAM, KEGIATAN, sub(1), full], edit=lambda sheet: sheet.__setitem__("H5", "=H4")
    )

    def drop_references(xml: bytes) -> bytes:
        row = re.search(rb'<row r="5".*?</row>', xml).group()
        return xml.replace(row, re.sub(rb' r="[A-Z]+5"', b"", row))

    _edit_sheet_xml(path, drop_references)
    data = read_matrix(path)
    finding = only(data.findings, "formula-not-calculated")
    assert finding.location == at("H5", "Pagu 2022")
    assert finding.is_error
    pagu = data.sheets[SHEET].rows[3]["pagu"]
    assert pagu == {2022: None, **{y: 2_000_000 + y for y in YEARS[1:]}}


def test_broken_cell_xml_is_unreadable_not_a_traceback(matrix_book) -> None:
    path = matrix_book(edit=lambda sheet: sheet.__setitem__("H5", "=SUM(H2:H4)"))
    _rewrite_sheet_xml(path, b"<f>SUM(H2:H4)</f><v></v>", b"<v>tiga</v>")
    finding = only(refused(path), "workbook-unreadable")
    assert finding.location == at(None, None)
    assert "\n" not in finding.line()


def test_code_stored_as_number(matrix_book) -> None:
    data = read_matrix(matrix_book(rows_with(Kode=1.1)))
    finding = only(data.findings, "code-as-number")
    assert finding.location == at("D4", "Kode")
    data = read_matrix(matrix_book([PROGRAM, KEGIATAN, sub(1, ID=3)]))
    assert only(data.findings, "code-as-number").location == at("A4", "ID")


def test_duplicate_ids(matrix_book) -> None:
    data = read_matrix(matrix_book([PROGRAM, KEGIATAN, sub(1), sub(2), sub(1)]))
    finding = only(data.findings, "duplicate-key")
    assert finding.location == at("A6", "ID")
    assert finding.value == "P1.K1.S1"
    assert "baris 4" in finding.message


def test_required_cell_missing(matrix_book) -> None:
    data = read_matrix(matrix_book(rows_with(Nama="  ")))
    assert only(data.findings, "required-missing").location == at("E4", "Nama")


def test_invalid_choice(matrix_book) -> None:
    data = read_matrix(matrix_book(rows_with(Level="Proyek")))
    assert only(data.findings, "invalid-choice").location == at("C4", "Level")


def test_unreadable_declared_value_is_only_a_warning(matrix_book) -> None:
    data = read_matrix(matrix_book(rows_with(**{"Pagu Tertulis Akhir": "150.0000.000"})))
    finding = only(data.findings, "declared-unreadable")
    assert finding.location == at("R4", "Pagu Tertulis Akhir")
    assert not finding.is_error


@pytest.mark.parametrize(
    ("cell", "column", "value", "data_type"),
    [
        ("R3", "Pagu Tertulis Akhir", "#DIV/0!", "e"),
        ("M2", "Pagu Tertulis 2022", "#REF!", "e"),
        ("R2", "Pagu Tertulis Akhir", "#N/A", "s"),  # the error typed as text
        ("R2", "Pagu Tertulis Akhir", "=M2/0", "f"),  # a formula never calculated
    ],
)
def test_excel_error_in_a_tertulis_column_is_a_warning(
    matrix_book, cell: str, column: str, value: str, data_type: str
) -> None:
    """A Tertulis column is only checked against the computed value, never shown."""

    def damage(sheet) -> None:
        sheet[cell].value = value
        sheet[cell].data_type = data_type

    data = read_matrix(matrix_book(edit=damage))
    finding = only(data.findings, "declared-unreadable")
    assert finding.location == at(cell, column)
    assert errors_of(data) == []


# ---------------------------------------------------------------- errors in the layout


def _add_merges(path: Path, *refs: str, prefix: bytes = b"") -> None:
    """Merge cells in the sheet XML (openpyxl would empty the lower cells): `prefix` b"x:"
    writes `<x:mergeCell>`, the main namespace under a prefix, as some writers do."""
    merges = b"".join(b'<%smergeCell ref="%s"/>' % (prefix, ref.encode()) for ref in refs)
    _rewrite_sheet_xml(
        path,
        b"</sheetData>",
        b'</sheetData><%smergeCells count="%d">%s</%smergeCells>'
        % (prefix, len(refs), merges, prefix),
        b'<worksheet xmlns="',
        b'<worksheet xmlns:x="%s" xmlns="' % MAIN_NS,
    )


def test_vertical_merge_in_a_text_column_belongs_to_its_top_cell(matrix_book) -> None:
    rows = [PROGRAM, KEGIATAN, sub(1, Unit_Kerja="Bidang Rehsos"), sub(2)]
    data = read_matrix(matrix_book(rows, edit=lambda sheet: sheet.merge_cells("S4:S5")))
    finding = only(data.findings, "merged-text")
    assert finding.location == at("S4", "Unit Kerja")
    assert not finding.is_error
    assert finding.message == "sel gabungan S4:S5: teksnya milik baris 4; baris 5 dibaca kosong"
    assert [r["unit_kerja"] for r in data.sheets[SHEET].rows] == [None, None, "Bidang Rehsos", None]


@pytest.mark.parametrize(
    ("ref", "prefix", "cell"),
    [
        ("H4:H5", b"", "H4"),  # a number column: which row holds the pagu?
        ("H4:H5", b"x:", "H4"),  # the same, written <x:mergeCell>
        ("E4:F4", b"", "E4"),  # across two columns
        ("S4:S5", b"", "S4"),  # text, but the lower cell holds text of its own
        ("S1:S2", b"", "S1"),  # from the header row into the data
    ],
)
def test_merges_that_could_misplace_a_value_are_refused(
    matrix_book, ref: str, prefix: bytes, cell: str
) -> None:
    rows = [PROGRAM, KEGIATAN, sub(1, Unit_Kerja="Bidang Rehsos"), sub(2, Unit_Kerja="Sekretariat")]
    path = matrix_book(rows)
    _add_merges(path, ref, prefix=prefix)
    finding = only(refused(path), "merged-cells")
    assert finding.location == at(cell, None)
    assert ref in finding.message


def test_merged_header_cells_are_allowed(matrix_book) -> None:
    def merge_header(sheet) -> None:
        sheet.insert_cols(21)
        sheet["U1"] = "Catatan"
        sheet.merge_cells("U1:V1")

    data = read_matrix(matrix_book(edit=merge_header))
    assert [f.code for f in data.findings] == ["unknown-column"]


def test_header_missing(matrix_book) -> None:
    header = tuple(h for h in MATRIX_HEADER if h != "Level")
    finding = only(refused(matrix_book(header=header)), "header-missing")
    assert finding.location == at(None, "Level")


@pytest.mark.parametrize(
    ("renamed", "expected"),
    [
        ({"Nama": "Nama Program"}, [("E1", "Nama", "Nama Program")]),
        ({"Pagu 2026": "Pagu 2026 (Rp)"}, [("L1", "Pagu 2026", "Pagu 2026 (Rp)")]),
        ({"Pagu 2026": "PAGU  2O26"}, [("L1", "Pagu 2026", "PAGU 2O26")]),  # its place: L
        ({"Pagu 2024": "pagu 2024"}, [("J1", "Pagu 2024", "pagu 2024")]),  # not a year gap
        (
            {"Pagu Tertulis 2022": "Pagu Tertulis 2O22"},
            [("M1", "Pagu Tertulis 2022", "Pagu Tertulis 2O22")],
        ),
        (
            {"Tujuan": "ID Tujuan", "Sasaran": "ID Sasaran"},
            [("F1", "Tujuan", "ID Tujuan"), ("G1", "Sasaran", "ID Sasaran")],
        ),
    ],
)
def test_header_renamed(matrix_book, renamed: dict, expected: list) -> None:
    """A renamed header: the missing column named with the unknown header in its place."""
    header = tuple(renamed.get(h, h) for h in MATRIX_HEADER)
    findings = refused(matrix_book(header=header))
    assert [(f.code, f.location) for f in findings] == [
        ("header-missing", at(cell, missing)) for cell, missing, _ in expected
    ]
    for finding, (_, missing, written) in zip(findings, expected, strict=True):
        assert f"kolom '{missing}' tidak ada" in finding.message
        assert f"ada kolom '{written}' yang tidak dikenal" in finding.message


@pytest.mark.parametrize(
    ("header", "cell", "text"),
    [
        ((*MATRIX_HEADER, "Pagu 2027 (usulan)"), "U1", "Pagu 2027 (usulan)"),  # away from Pagu
        (  # next to a Pagu 2026 that is there
            (*MATRIX_HEADER[:12], "Pagu 2026 (Rp)", *MATRIX_HEADER[12:]),
            "M1",
            "Pagu 2026 (Rp)",
        ),
    ],
)
def test_an_extra_year_header_stays_an_unknown_column(
    matrix_book, header: tuple, cell: str, text: str
) -> None:
    data = read_matrix(matrix_book(header=header))
    assert only(data.findings, "unknown-column").location == at(cell, text)
    assert errors_of(data) == []


def test_year_columns_missing(matrix_book) -> None:
    header = tuple(h for h in MATRIX_HEADER if not h.startswith("Pagu 20"))
    assert only(refused(matrix_book(header=header)), "header-missing").location == at(None, "Pagu")


def test_year_columns_with_a_gap(matrix_book) -> None:
    header = tuple(h for h in MATRIX_HEADER if h != "Pagu 2024")
    assert only(refused(matrix_book(header=header)), "year-columns").location == at(None, None)


def test_duplicate_column_names(matrix_book) -> None:
    findings = refused(matrix_book(header=(*MATRIX_HEADER, "nama")))
    assert only(findings, "header-duplicate").location == at("U1", "nama")
    assert "E dan U" in only(findings, "header-duplicate").message


def test_empty_sheet_has_every_header_missing(tmp_path: Path) -> None:
    book = Workbook()
    book.active.title = SHEET
    book.save(tmp_path / WORKBOOK)
    findings = refused(tmp_path / WORKBOOK)
    assert {f.code for f in findings} == {"header-missing"}
    assert {f.location.column for f in findings} >= {"ID", "Level", "Nama", "Pagu"}


# ---------------------------------------------------------------- warnings (reading goes on)


def test_unknown_extra_column(matrix_book) -> None:
    header = (*MATRIX_HEADER, "Catatan")
    rows = [{**r, "Catatan": "bebas"} for r in rows_with()]
    data = read_matrix(matrix_book(rows, header=header))
    finding = only(data.findings, "unknown-column")
    assert finding.location == at("U1", "Catatan")
    assert not finding.is_error
    assert len(data.sheets[SHEET].rows) == 4


def test_data_under_an_empty_header_is_not_lost_silently(matrix_book) -> None:
    def add_stray(sheet) -> None:
        sheet["V3"] = "catatan tanpa judul"
        sheet["V5"] = 12

    data = read_matrix(matrix_book(edit=add_stray))
    finding = only(data.findings, "unknown-column")
    assert finding.location == at("V3", None)
    assert not finding.is_error


def test_a_bad_required_cell_is_one_finding_not_two(matrix_book) -> None:
    bad_pagu = {f"Pagu {y}": "banyak" for y in YEARS}
    data = read_matrix(matrix_book([PROGRAM, KEGIATAN, sub(1, ID=7, **bad_pagu)]))
    at_id = [f for f in data.findings if f.location == at("A4", "ID")]
    assert [f.code for f in at_id] == ["code-as-number"]
    assert len(data.findings) == 1 + len(YEARS)


def test_empty_rows_in_the_middle(matrix_book) -> None:
    data = read_matrix(matrix_book([PROGRAM, KEGIATAN, {}, {"Nama": "   "}, sub(1), sub(2)]))
    finding = only(data.findings, "empty-row")
    assert finding.location == at("A4", None)
    assert "4-5" in finding.message
    assert not finding.is_error
    assert [r.number for r in data.sheets[SHEET].rows] == [2, 3, 6, 7]


def test_trailing_empty_rows_are_not_reported(matrix_book) -> None:
    assert read_matrix(matrix_book([*rows_with(), {}, {}])).findings == []


def test_control_characters_are_removed_naming_the_cell(matrix_book) -> None:
    # Excel stores a control character as the escape `_x0007_` (openpyxl refuses the raw one)
    data = read_matrix(matrix_book(rows_with(Nama="Penyediaan_x0007_ Gaji_x001B_")))
    finding = only(data.findings, "illegal-character")
    assert finding.location == at("E4", "Nama")
    assert not finding.is_error
    assert data.sheets[SHEET].rows[2]["nama"] == "Penyediaan Gaji"


def test_escaped_legal_characters_are_decoded_without_warning(matrix_book) -> None:
    data = read_matrix(matrix_book(rows_with(Nama="A_x000A_B _x005F_x0041_")))
    assert data.findings == []
    assert data.sheets[SHEET].rows[2]["nama"] == "A\nB _x0041_"


def test_very_long_text(matrix_book) -> None:
    data = read_matrix(matrix_book(rows_with(Nama="x" * 10_000)))
    finding = only(data.findings, "text-too-long")
    assert finding.location == at("E4", "Nama")
    assert "10.000" in finding.message
    assert not finding.is_error
    assert data.sheets[SHEET].rows[2]["nama"] == "x" * 10_000


def _indicator_book(
    tmp_path: Path, target_2024: object, number_format: str | None = None, satuan: str = "%"
) -> Path:
    """One indicator row; Target 2024 (H2) holds `target_2024` in `number_format`."""
    book = Workbook()
    sheet = book.active
    sheet.title = INDICATOR_SHEET
    sheet.append(INDICATOR_HEADER)
    sheet.append(
        [
            "P1",
            "Persentase PMKS tertangani",
            satuan,
            "terakhir",
            "80%",
            "82%",
            "84%",
            target_2024,
            "88%",
            "90%",
            "90%",
        ]
    )
    if number_format:
        sheet["H2"].number_format = number_format
    book.save(tmp_path / WORKBOOK)
    return tmp_path / WORKBOOK


@pytest.mark.parametrize(("raw", "number_format"), [("120,5%", None), (1.205, "0.0%")])
def test_percentage_above_100(tmp_path: Path, raw: object, number_format: str | None) -> None:
    data = read_workbook(_indicator_book(tmp_path, raw, number_format), INDICATOR_SCHEMA)
    finding = only(data.findings, "percent-over-100")
    assert finding.location == at("H2", "Target 2024", sheet=INDICATOR_SHEET)
    assert not finding.is_error
    assert data.sheets[INDICATOR_SHEET].rows[0]["target"][2024].value == pytest.approx(120.5)


def test_unit_from_the_number_format(tmp_path: Path) -> None:
    path = _indicator_book(tmp_path, 38, '#,##0 "Orang"')
    target = read_workbook(path, INDICATOR_SCHEMA).sheets[INDICATOR_SHEET].rows[0]["target"]
    assert (target[2024].value, target[2024].unit) == (38, "orang")
    assert (target[2022].value, target[2022].unit) == (82, "%")


def _shown_target(path: Path) -> tuple[str, list]:
    """Target 2024 as the document shows it (with the indicator's unit), and the findings."""
    data = read_workbook(path, INDICATOR_SCHEMA)
    row = data.sheets[INDICATOR_SHEET].rows[0]
    return kuantitas(row["target"][2024], row["satuan"]), data.findings


@pytest.mark.parametrize(
    ("raw", "number_format", "satuan", "shown"),
    [
        (0.75, "0.00\\%", "%", "0,75%"),  # an escaped %: the value is in percent (Calc: 0,75%)
        (88.42, '0.00"%"', "%", "88,42%"),  # a quoted %
        (0.8842, "0.00%", "%", "88,42%"),  # the % code: a fraction, times 100
        (20, BUILTIN_FORMATS[41], "dokumen", "20 dokumen"),  # Excel's Comma style
        (20, '_-* #,##0_-;-* #,##0_-;_-* "-"_-;_-@_-', "dokumen", "20 dokumen"),
        (20, "_-* #,##0_-;\\-* #,##0_-;_-* \\-_-;_-@_-", "dokumen", "20 dokumen"),  # by Calc
        (20, '#,##0" Dokumen"', "dokumen", "20 dokumen"),
    ],
)
def test_value_shown_for_a_number_format(
    tmp_path: Path, raw: object, number_format: str, satuan: str, shown: str
) -> None:
    text, findings = _shown_target(_indicator_book(tmp_path, raw, number_format, satuan))
    assert text == shown
    assert [f for f in findings if f.code != "percent-as-fraction"] == []


@pytest.mark.parametrize(
    ("stored", "number_format", "satuan", "shown"),
    [
        (b"<f>G2+0.1</f><v>0.79999999999999993</v>", "0%", "%", "80%"),
        (b"<f>G2*3</f><v>2.4000000000000004</v>", "General", "dokumen", "2,4 dokumen"),
        (b"<v>0.30000000000000004</v>", "General", "%", "0,3%"),
        (b"<v>88.420000000000002</v>", "General", "%", "88,42%"),
    ],
)
def test_doubles_as_excel_stores_them(
    tmp_path: Path, stored: bytes, number_format: str, satuan: str, shown: str
) -> None:
    """Excel writes formula results with 17 digits; they are shown with the 15 Excel shows."""
    path = _indicator_book(tmp_path, 12345, number_format, satuan)
    _rewrite_sheet_xml(path, b"<v>12345</v>", stored)
    text, findings = _shown_target(path)
    assert text == shown
    assert [f for f in findings if f.code != "percent-as-fraction"] == []


@pytest.mark.parametrize(
    ("raw", "number_format", "satuan", "warned"),
    [
        (0.05, None, "%", "0,05%"),  # 5% after a pandas round trip: shown as 0,05%
        (1, None, "%", "1%"),
        (0.05, None, " Persen ", "0,05 Persen"),
        (0.05, "0%", "%", None),  # a percent format: 5%
        (0.05, "0.00", "%", None),  # a number format chosen by hand
        (0, None, "%", None),
        (5, None, "%", None),
        (0.5, None, "orang", None),
        ("0,05%", None, "%", None),  # typed with its percent sign
    ],
)
def test_a_bare_fraction_in_a_percent_indicator(
    tmp_path: Path, raw: object, number_format: str | None, satuan: str, warned: str | None
) -> None:
    """`warned`: the value shown (read as it is, the warning only asks) when a warning is due."""
    text, findings = _shown_target(_indicator_book(tmp_path, raw, number_format, satuan))
    fractions = [f for f in findings if f.code == "percent-as-fraction"]
    if warned is None:
        assert fractions == []
        return
    finding = only(findings, "percent-as-fraction")
    assert finding.location == at("H2", "Target 2024", sheet=INDICATOR_SHEET)
    assert not finding.is_error
    assert text == warned


def test_a_bare_fraction_in_a_percent_column(tmp_path: Path) -> None:
    """A PERCENT column (Tingkat Kemajuan) is in percent whatever the row's Satuan."""
    sheet = "kinerja_akhir_periode"
    header = ["Indikator", "Satuan", "Polaritas", "Target Akhir", "Realisasi", "Tingkat Kemajuan"]
    path = write_book(
        tmp_path / BAB2.filename, {sheet: [header, ["Cakupan", "orang", "Positif", 10, 9, 0.9]]}
    )
    data = read_workbook(path, WorkbookSchema(BAB2.filename, BAB2.doc, (BAB2.sheet(sheet),)))
    finding = only(data.findings, "percent-as-fraction")
    assert finding.location == at("F2", "Tingkat Kemajuan", sheet, BAB2.filename)
    assert data.sheets[sheet].rows[0]["tingkat_kemajuan"] == Decimal("0.9")


# ---------------------------------------------------------------- values that pass through


@pytest.mark.parametrize(
    "label",
    [
        '=HYPERLINK("http://x","y")',
        "{{ x }} dan {% if %} tetap {# literal #}",
        "+62 342 801357",
        "@SUM(A1)",
    ],
)
def test_labels_pass_through_unchanged(matrix_book, label: str) -> None:
    def set_label(sheet) -> None:
        sheet["E4"].value = label
        sheet["E4"].data_type = "s"  # text that looks like a formula, as Excel stores it

    data = read_matrix(matrix_book(edit=set_label))
    assert data.findings == []
    assert data.sheets[SHEET].rows[2]["nama"] == label


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1.234.567", 1234567),
        ("1,234,567", 1234567),
        ("1.234", 1234),
        ("1.219.764.079,00", 1219764079),
        ("  2.500.000 ", 2500000),
    ],
)
def test_pagu_typed_as_text(matrix_book, raw: str, expected: int) -> None:
    data = read_matrix(matrix_book(rows_with(**{"Pagu 2022": raw})))
    assert data.findings == []
    assert data.sheets[SHEET].rows[2]["pagu"][2022] == expected


@pytest.mark.parametrize("raw", ["-", "n/a", "N.A", ""])
def test_missing_marks_are_none(matrix_book, raw: str) -> None:
    data = read_matrix(matrix_book(rows_with(**{"Pagu 2022": raw})))
    assert data.findings == []
    assert data.sheets[SHEET].rows[2]["pagu"][2022] is None
