"""The shipped workbooks, read back: real values of the seed (issue 2)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from renstra_docs.config import load_config
from renstra_docs.model import Renstra
from renstra_docs.sources.load import load

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def renstra() -> Renstra:
    return load(load_config(ROOT))


def _node(renstra: Renstra, table: str, name: str, level: str | None = None):
    return next(
        n
        for n in renstra.matrices[table].nodes
        if n.name == name and (level is None or n.level == level)
    )


def test_no_errors_in_shipped_tables(renstra: Renstra) -> None:
    assert [f.line() for f in renstra.findings if f.is_error] == []


def test_staff_by_position_adds_to_54(renstra: Renstra) -> None:
    counts = [c.count for c in renstra.staff_by_position]
    assert counts == [1, 1, 4, 3, 11, 5, 14, 15]
    assert sum(counts) == 54


def test_staff_by_status_matches_narrative(renstra: Renstra) -> None:
    cells = {(s.sex, s.status): s.count for s in renstra.staff_by_status}
    assert cells == {
        ("Laki-laki", "PNS"): 18,
        ("Laki-laki", "Tenaga Kontrak"): 6,
        ("Perempuan", "PNS"): 21,
        ("Perempuan", "Tenaga Kontrak"): 9,
    }


def test_salary_pagu_2022(renstra: Renstra) -> None:
    node = _node(renstra, "6.2", "Penyediaan Gaji dan Tunjangan ASN")
    assert node.level == "Sub Kegiatan"
    assert node.pagu[2022] == 3_966_449_000
    assert isinstance(node.pagu[2022], int)


@pytest.mark.parametrize(
    ("table", "programs", "kegiatan", "subs"), [("6.1", 5, 13, 31), ("6.2", 6, 14, 43)]
)
def test_matrix_counts(
    renstra: Renstra, table: str, programs: int, kegiatan: int, subs: int
) -> None:
    matrix = renstra.matrices[table]
    assert (matrix.count("Program"), matrix.count("Kegiatan"), matrix.count("Sub Kegiatan")) == (
        programs,
        kegiatan,
        subs,
    )


def test_every_sub_kegiatan_pagu_of_penanganan_bencana(renstra: Renstra) -> None:
    program = _node(renstra, "6.2", "PROGRAM PENANGANAN BENCANA")
    subs = {
        s.name: [s.pagu[y] for y in range(2022, 2027)] for k in program.children for s in k.children
    }
    assert subs == {
        "Penyediaan Makanan": [424_620_725, 494_389_663, 596_676_258, 578_923_485, 564_838_866],
        "Penyediaan Sandang": [15_000_000] * 5,
        "Penanganan khusus bagi kelompok rentan": [30_000_000] * 5,
        "Pelayanan Dukungan Psikososial": [15_000_000] * 5,
        "Koordinasi, Sosialisasi dan Pelaksanaan Kampung Siaga Bencana": [
            340_381_000,
            350_295_000,
            360_209_000,
            370_123_000,
            380_599_000,
        ],
        "Koordinasi, Sosialisasi dan Pelaksanaan Taruna Siaga Bencana": [
            396_502_000,
            408_051_000,
            419_599_000,
            431_148_000,
            443_350_000,
        ],
    }


def test_declared_values_are_kept_apart(renstra: Renstra) -> None:
    program = _node(renstra, "6.2", "PROGRAM PENANGANAN BENCANA")
    assert program.declared_pagu[2022] == 1_221_503_725
    assert all(v is None for v in program.pagu.values())


def test_budget_row_and_declared_ratio(renstra: Renstra) -> None:
    row = renstra.budget[0]
    assert row.label == "Belanja Lanjutan"
    assert row.budget[2019] == 9_677_403_097
    assert row.actual[2019] == 8_836_871_162
    assert str(row.declared_ratios[2019]) == "91.1"


def test_percent_and_unit_cells(renstra: Renstra) -> None:
    indicator = renstra.service_indicators[0]
    assert indicator.actuals[2016].value == Decimal("4.44")
    assert indicator.actuals[2016].unit == "%"
    node = _node(renstra, "6.2", "Penyediaan Gaji dan Tunjangan ASN")
    assert node.indicators[0].targets[2022].value == 38
    assert node.indicators[0].unit.lower() == "orang"


def test_assets_follow_indonesian_reading(renstra: Renstra) -> None:
    land = renstra.assets[0]
    assert (land.name, land.amount, land.unit) == ("Tanah", 1680, "Meter Persegi")


def test_empty_pmks_totals_sheet(renstra: Renstra) -> None:
    assert renstra.pmks_totals == {}


def _validations(sheet) -> dict[str, tuple[str, str]]:
    """Column header -> (list formula, error style; absent means "stop") of each drop-down."""
    headers = {cell.column_letter: cell.value for cell in sheet[1]}
    found = {}
    for validation in sheet.data_validations.dataValidation:
        for cell_range in validation.sqref.ranges:
            letter = str(cell_range).split(":")[0].rstrip("0123456789")
            found[headers[letter]] = (validation.formula1, validation.errorStyle or "stop")
    return found


def test_shipped_workbooks_have_drop_downs() -> None:
    from openpyxl import load_workbook

    book = load_workbook(ROOT / "source_tables" / "bab6_program.xlsx")
    matrix = _validations(book["matriks"])
    assert matrix["Level"] == ('"Program,Kegiatan,Sub Kegiatan"', "stop")
    indicators = _validations(book["indikator"])
    assert indicators["Aturan Akhir"][1] == "stop"
    formula, style = indicators["Satuan"]  # units: suggested, other values still allowed
    assert style == "warning" and "orang" in formula and "%" in formula
    staff = _validations(
        load_workbook(ROOT / "source_tables" / "bab2_gambaran_pelayanan.xlsx")["kinerja_pelayanan"]
    )
    assert staff["Polaritas"] == ('"Positif,Negatif"', "stop")
