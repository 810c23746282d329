"""`renstra import`: tables in the official T-C layouts, built here with openpyxl as agencies
print them (merged headers, split codes, continuation rows, numbers as text), imported into a
copy of the shipped project, then read back from the written workbooks and from the build."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import copy_project, only
from official_tables import save, tc27_header, tc27_row, write_table
from openpyxl import load_workbook

import renstra_docs as rd
from renstra_docs.checks import analyse
from renstra_docs.cli import main
from renstra_docs.config import load_config
from renstra_docs.findings import Finding, Location
from renstra_docs.importer import ImportResult, import_tables

BAB2, BAB4, BAB6 = "bab2_gambaran_pelayanan.xlsx", "bab4_tujuan_sasaran.xlsx", "bab6_program.xlsx"
PLAN = (2022, 2023, 2024, 2025, 2026)
SOURCE = "renstra_dinkes.xlsx"


def project_for(tmp_path: Path, urusan: str = "1.02", **periode: str) -> Path:
    """The shipped project, as another agency (urusan) without a nomenclature version."""
    project = copy_project(tmp_path / "project")
    toml = project / "renstra.toml"
    text = toml.read_text(encoding="utf-8")
    text = text.replace('urusan = "1.06"', f'urusan = "{urusan}"')
    text = text.replace('versi = "2023"', 'versi = ""')
    for key, value in periode.items():
        start = text.index(f"{key} = ")
        text = text[:start] + f"{key} = {value}" + text[text.index("\n", start) :]
    toml.write_text(text, encoding="utf-8")
    return project


def run_import(project: Path, *paths: Path) -> ImportResult:
    return import_tables(load_config(project), list(paths))


def sheet_rows(project: Path, workbook: str, sheet: str) -> list[dict[str, Any]]:
    target = load_workbook(project / "source_tables" / workbook)[sheet]
    rows = target.iter_rows(values_only=True)
    header = next(rows)
    return [dict(zip(header, r, strict=True)) for r in rows if any(v is not None for v in r)]


def cell(project: Path, workbook: str, sheet: str, ref: str) -> Any:
    return load_workbook(project / "source_tables" / workbook)[sheet][ref].value


def codes_of(findings: Sequence[Finding]) -> list[str]:
    return sorted({f.code for f in findings})


def validation(project: Path, code: str) -> list[Finding]:
    return [f for f in analyse(load_config(project)).report.ordered if f.code == code]


# ---------------------------------------------------------------- T-C.27

PENUNJANG = "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
UKM = "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT"


def _years(target: Any, *rps: Any) -> list[tuple[Any, Any]]:
    return [(target, rp) for rp in rps]


def kesehatan_rows() -> list[list[Any]]:
    """Urusan 1.02 Kesehatan, codes split over five columns (urusan, bidang, program,
    kegiatan, sub kegiatan); a sub-kegiatan with a second indicator printing another Rp."""
    m = 1_000_000
    return [
        tc27_row(["1", "02", "01", None, None], PENUNJANG,
                 "Persentase capaian kinerja penunjang", "95%", _years("100%", *[30 * m] * 5),
                 ("100%", 150 * m)),
        tc27_row(["1", "02", "01", "2.01", None],
                 "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
                 "Jumlah Dokumen Perencanaan yang Disusun", "3 Dokumen",
                 _years("3 Dokumen", *[30 * m] * 5), ("3 Dokumen", 150 * m)),
        tc27_row(["1", "02", "01", "2.01", "0001"],
                 "Penyusunan Dokumen Perencanaan Perangkat Daerah",
                 "Jumlah Dokumen Perencanaan Perangkat Daerah", "2 Dokumen",
                 _years("2 Dokumen", 20 * m, 20 * m, 20 * m, 20 * m, 20 * m),
                 ("2 Dokumen", 100 * m)),
        tc27_row(["1", "02", "01", "2.01", "0007"], "Evaluasi Kinerja Perangkat Daerah",
                 "Jumlah Laporan Evaluasi Kinerja", "1 Laporan",
                 _years("1 Laporan", *[10 * m] * 5), ("5 Laporan", 50 * m)),
        tc27_row(["1", "02", "02", None, None], UKM,
                 "Persentase fasilitas kesehatan terakreditasi", "80%",
                 [(0.85, 100 * m), (0.9, 110 * m), (0.92, 120 * m), (0.95, 130 * m),
                  (1, 140 * m)], (1, 600 * m)),
        tc27_row(["1", "02", "02", "2.02", None],
                 "Penyediaan Layanan Kesehatan untuk UKM dan UKP Kewenangan Daerah "
                 "Kabupaten/Kota", "Persentase layanan kesehatan yang disediakan", "80%",
                 [(0.85, 100 * m), (0.9, 110 * m), (0.92, 120 * m), (0.95, 130 * m),
                  (1, 140 * m)], (1, 600 * m)),
        tc27_row(["1", "02", "02", "2.02", "0001"], "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
                 "Jumlah Ibu Hamil yang Mendapatkan Pelayanan Kesehatan", "9.500 Orang",
                 _years("9.800 Orang", 100 * m, 110 * m, 120 * m, 130 * m, 140 * m),
                 ("9.800 Orang", 600 * m)),
        # a second indicator of the same sub-kegiatan: no code, no name, another Rp in 2023
        tc27_row([None] * 5, None, "Persentase Ibu Hamil yang Mendapatkan Pelayanan", "90%",
                 [(1, 100 * m), (1, 120 * m), (1, 120 * m), (1, 130 * m), (1, 140 * m)],
                 (1, None)),
        tc27_row(["TOTAL", None, None, None, None], None, None, None,
                 _years(None, 130 * m, 140 * m, 155 * m, 160 * m, 170 * m), (None, 755 * m),
                 unit=None),
    ]  # fmt: skip


def _kesehatan_book(path: Path, **options: Any) -> Path:
    header, merges = tc27_header([f"Tahun {i}" for i in range(1, 6)])

    def fill(sheet: Any) -> None:
        write_table(sheet, header, merges, kesehatan_rows(), **options)
        for row in sheet.iter_rows(min_row=5, min_col=11, max_col=21):
            for c in row[::2]:  # the targets of the UKM rows are fractions shown as percent
                if isinstance(c.value, float | int) and c.value <= 1:
                    c.number_format = "0%"

    return save(path, {"Tabel T-C.27": fill})


def test_tc27_codes_split_over_five_columns(tmp_path: Path) -> None:
    project = project_for(tmp_path)
    result = run_import(project, _kesehatan_book(tmp_path / SOURCE))
    assert not result.errors, [f.line() for f in result.errors]
    assert [w.line() for w in result.written] == [
        "ditulis: bab6_program.xlsx › matriks (7 baris)",
        "ditulis: bab6_program.xlsx › indikator (8 baris)",
        "ditulis: bab6_program.xlsx › deklarasi_matriks (6 baris)",
    ]
    # the written matriks: one row per node, the code joined as printed
    assert cell(project, BAB6, "matriks", "D2") == "1.02.01"
    assert cell(project, BAB6, "matriks", "D5") == "1.02.01.2.01.0007"
    nodes = sheet_rows(project, BAB6, "matriks")
    assert [(n["ID"], n["Induk"], n["Level"]) for n in nodes] == [
        ("P1", None, "Program"),
        ("P1.K1", "P1", "Kegiatan"),
        ("P1.K1.S1", "P1.K1", "Sub Kegiatan"),
        ("P1.K1.S2", "P1.K1", "Sub Kegiatan"),
        ("P2", None, "Program"),
        ("P2.K1", "P2", "Kegiatan"),
        ("P2.K1.S1", "P2.K1", "Sub Kegiatan"),
    ]
    assert nodes[0]["Pagu Tertulis 2022"] == 30_000_000 and nodes[0]["Pagu 2022"] is None
    assert nodes[2]["Pagu 2022"] == 20_000_000 and nodes[2]["Pagu Tertulis Akhir"] == 100_000_000
    # the build: program totals are the sums of their sub-kegiatan
    pagu = rd.pagu(rd.load(project))
    programs = pagu[(pagu["level"] == "program") & (pagu["tahun"] == 2023)]
    assert dict(zip(programs["kode"], programs["pagu"], strict=True)) == {
        "1.02.01": 30_000_000,
        "1.02.02": 110_000_000,
    }
    # the continuation row's indicator lands on the node's indicator rows, with its own Rp
    indicators = [r for r in sheet_rows(project, BAB6, "indikator") if r["ID Node"] == "P2.K1.S1"]
    assert [r["Indikator"] for r in indicators] == [
        "Jumlah Ibu Hamil yang Mendapatkan Pelayanan Kesehatan",
        "Persentase Ibu Hamil yang Mendapatkan Pelayanan",
    ]
    assert indicators[0]["Pagu Tertulis 2023"] is None
    assert indicators[1]["Pagu Tertulis 2023"] == 120_000_000
    assert indicators[0]["Target 2022"] == 9800 and indicators[0]["Satuan"] == "Orang"
    assert indicators[1]["Target 2022"] == 1  # 100%, stored as a fraction with a % format
    # ... and validation reports the different Rp at its written cell
    finding = only(validation(project, "pagu-row-mismatch"), "pagu-row-mismatch")
    assert finding.location == Location(BAB6, "indikator", "L9", "Pagu Tertulis 2023")
    assert (finding.declared, finding.computed) == (120_000_000, 110_000_000)
    # the printed TOTAL is declared, and checked: 2024 and the period are printed wrong
    declared = sheet_rows(project, BAB6, "deklarasi_matriks")
    assert [
        r for r in declared if r["Tabel"] == "matriks_transisi"
    ]  # the transition year's row is kept
    totals = {r["Kunci"]: r["Nilai"] for r in declared if r["Tabel"] == "matriks"}
    assert totals == {
        "total_2022": 130_000_000,
        "total_2023": 140_000_000,
        "total_2024": 155_000_000,
        "total_2025": 160_000_000,
        "total_2026": 170_000_000,
        "total_akhir": 755_000_000,
    }
    wrong = {f.row_label for f in validation(project, "total-mismatch") if f.table == "matriks"}
    assert wrong == {"total_2024", "total_akhir"}


def tc27_two_rows(years: Sequence[Any]) -> tuple[list[list[Any]], list[str]]:
    """T-C.27 over two header rows, one Kode column and a Satuan column, no Tujuan/Sasaran."""
    from openpyxl.utils import get_column_letter as L

    lead = ["Kode", "Program, Kegiatan dan Sub Kegiatan",
            "Indikator Kinerja Program (outcome) / Kegiatan (output)", "Satuan",
            "Kondisi Awal"]  # fmt: skip
    row1: list[Any] = list(lead)
    row2: list[Any] = [None] * len(lead)
    for year in years:
        row1 += [year, None]
        row2 += ["Target", "Pagu (Rp)"]
    row1 += ["Kondisi Kinerja pada Akhir Periode", None, "Unit Kerja", "Lokasi"]
    row2 += ["Target", "Pagu (Rp)", None, None]
    merges = [f"{L(c)}1:{L(c)}2" for c in range(1, len(lead) + 1)]
    merges += [f"{L(c)}1:{L(c + 1)}1" for c in range(len(lead) + 1, len(row1) - 2, 2)]
    merges += [f"{L(len(row1) - 1)}1:{L(len(row1) - 1)}2", f"{L(len(row1))}1:{L(len(row1))}2"]
    return [row1, row2], merges


def _row(code: Any, name: Any, indicator: Any, unit: Any, base: Any, yearly, end) -> list[Any]:
    cells = [code, name, indicator, unit, base]
    for target, rp in yearly:
        cells += [target, rp]
    return [*cells, *end, "Sekretariat" if name else None, "Kab. Blitar" if name else None]


def short_code_rows() -> list[list[Any]]:
    """The support program printed with short codes and numbers as id-ID text (one broken by a
    space as PDF copies print it); the program itself printed with no Rp at all."""
    return [
        _row("01", PENUNJANG, "Persentase capaian kinerja penunjang", "%", "100%",
             [("100%", None)] * 5, ("100%", None)),
        _row("01.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
             "Jumlah dokumen yang disusun", "dokumen", "9",
             [("9", "1.765.883.000")] * 5, ("45", "8.829.415.000")),
        _row("01.01.01", "Penyusunan Dokumen Perencanaan Perangkat Daerah",
             "Jumlah dokumen perencanaan", "dokumen", "3",
             [("3", "1.029.000.000")] * 5, ("3", "5.145.000.000")),
        _row("01.01.07", "Evaluasi Kinerja Perangkat Daerah", "Jumlah laporan evaluasi",
             "dokumen", "6", [("1", "736.88 3.000"), ("2", "736.883.000"), ("3", "736.883.000"),
                              ("4", "736.883.000"), ("5", "736.883.000")], ("n/a", None)),
        _row("JUMLAH", None, None, None, None,
             [(None, "1.765.883.000")] * 5, (None, "8.829.415.000")),
    ]  # fmt: skip


def test_tc27_short_codes_text_numbers_no_numbering_row(tmp_path: Path) -> None:
    project = project_for(tmp_path, urusan="1.06")
    header, merges = tc27_two_rows(PLAN)  # calendar years, the plan years of renstra.toml
    source = save(
        tmp_path / SOURCE,
        {
            "Sheet1": lambda sheet: write_table(
                sheet, header, merges, short_code_rows(), numbering=False,
                title="T-C.27 Rencana Program, Kegiatan, dan Pendanaan Dinas Sosial",
            )
        },
    )  # fmt: skip
    result = run_import(project, source)
    assert not result.errors, [f.line() for f in result.errors]
    # short codes completed from the urusan of renstra.toml and the program/kegiatan above
    nodes = sheet_rows(project, BAB6, "matriks")
    assert [n["Kode"] for n in nodes] == [
        "1.06.01",
        "1.06.01.2.01",
        "1.06.01.2.01.01",
        "1.06.01.2.01.07",
    ]
    assert [n["Level"] for n in nodes] == ["Program", "Kegiatan", "Sub Kegiatan", "Sub Kegiatan"]
    # numbers typed as id-ID text, one broken by a space: 736.88 3.000 = 736.883.000
    assert nodes[3]["Pagu 2022"] == 736_883_000 and nodes[2]["Pagu 2026"] == 1_029_000_000
    assert nodes[1]["Pagu Tertulis 2022"] == 1_765_883_000
    assert cell(project, BAB6, "matriks", "S3") == "Sekretariat"  # Unit Kerja
    # the program printed no Rp at all over rincian with pagu: reported where it is printed
    blank = only(result.findings, "parent-pagu-blank")
    assert blank.location == Location(SOURCE, "Sheet1", "G5")
    # Aturan Akhir read from the printed values; unproven -> terakhir, one warning
    rules = [r["Aturan Akhir"] for r in sheet_rows(project, BAB6, "indikator")]
    assert rules == ["terakhir", "jumlah", "terakhir", "terakhir"]
    default = only(result.findings, "import-default")
    assert default.location == Location(BAB6, "indikator", None, "Aturan Akhir")
    assert "1 indikator" in default.message and "Sheet1 › P8" in default.message
    totals = {r["Kunci"]: r["Nilai"] for r in sheet_rows(project, BAB6, "deklarasi_matriks")}
    assert totals["total_2022"] == 1_765_883_000 and totals["total_akhir"] == 8_829_415_000
    assert not [f for f in validation(project, "total-mismatch") if f.table == "matriks"]


# ---------------------------------------------------------------- T-C.25 (and T-C.27 naming it)

TUJUAN = "Menurunnya angka PMKS"
SASARAN_1 = "Meningkatnya Pemberdayaan Sosial di Masyarakat"
SASARAN_2 = "Meningkatnya kesejahteraan PMKS"


def tc25_book(path: Path, merged: bool) -> Path:
    """Blitar's Tabel 4.1: a Tujuan over four indicator rows (its own, then two sasaran, the
    second with two indicators), merged or printed once with blanks below; `Tahun ke-`."""
    header = [
        ["No", "Tujuan", "Sasaran", "Indikator Tujuan/Sasaran",
         "Formulasi Perhitungan Indikator Tujuan",
         "Target Kinerja Tujuan/ Sasaran pada tahun Ke-", None, None, None, None],
        [None] * 5 + [1, 2, 3, 4, 5],
    ]  # fmt: skip
    merges = ["A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:E2", "F1:J1"]
    rows = [
        [1, TUJUAN, None, "Persentase penurunan angka PMKS", "(PMKS n-1 - PMKS n) / PMKS n-1",
         *["0,5%"] * 5],
        [None, None, SASARAN_1, "Persentase PSKS yang berpartisipasi", None, *["100%"] * 5],
        [None, None, SASARAN_2, "Persentase PMKS yang tertangani", None, *[1.0] * 5],
        [None, None, None, "Persentase PMKS yang memperoleh bantuan sosial", None, *["100%"] * 5],
    ]  # fmt: skip

    def fill(sheet: Any) -> None:
        write_table(sheet, header, merges, rows)
        for c in sheet[6][5:10]:
            c.number_format = "0%"
        if merged:
            sheet.merge_cells("B4:B7")
            sheet.merge_cells("C6:C7")

    return save(path, {"Tabel 4.1": fill})


@pytest.mark.parametrize("merged", [True, False], ids=["merged", "blank-below"])
def test_tc25_goals_span_their_indicator_rows(tmp_path: Path, merged: bool) -> None:
    project = project_for(tmp_path, urusan="1.06")
    result = run_import(project, tc25_book(tmp_path / "tc25.xlsx", merged))
    assert not result.errors, [f.line() for f in result.errors]
    goals = sheet_rows(project, BAB4, "tujuan_sasaran")
    assert [(g["ID"], g["Jenis"], g["Induk"], g["Uraian"]) for g in goals] == [
        ("T1", "Tujuan", None, TUJUAN),
        ("T1.S1", "Sasaran", "T1", SASARAN_1),
        ("T1.S2", "Sasaran", "T1", SASARAN_2),
    ]
    indicators = sheet_rows(project, BAB4, "indikator_tujuan")
    assert [(i["ID"], i["Pemilik"]) for i in indicators] == [
        ("I1", "T1"), ("I2", "T1.S1"), ("I3", "T1.S2"), ("I4", "T1.S2"),
    ]  # fmt: skip
    assert indicators[0]["Formula"] == "(PMKS n-1 - PMKS n) / PMKS n-1"
    # Tahun ke-1..5 of T-C.25 are the plan years; 0,5% and a %-formatted 1 are percentages
    assert indicators[0]["Target 2022"] == pytest.approx(0.005)
    assert indicators[2]["Target 2026"] == 1 and indicators[2]["Satuan"] == "%"
    assert cell(project, BAB4, "indikator_tujuan", "G3") == 1  # Target 2022 of I2 (100%)
    polarity = only(result.findings, "import-default")
    assert polarity.location == Location(BAB4, "indikator_tujuan", None, "Polaritas")
    assert rd.load(project).frame("indikator_tujuan")["polaritas"].tolist() == ["Positif"] * 4


def test_tc27_names_the_goals_of_tc25_and_hierarchical_codes(tmp_path: Path) -> None:
    """T-C.25 and T-C.27 in one import; the T-C.27 codes printed one part per column (a row
    prints only its own part), with a leading-zero urusan and two-digit sub-kegiatan."""
    project = project_for(tmp_path, urusan="1.06")
    header, merges = tc27_header([f"Tahun {i}" for i in range(1, 6)])
    m = 1_000_000
    rows = [
        tc27_row(["01", "06", "04", None, None], "PROGRAM REHABILITASI SOSIAL",
                 "Persentase PMKS yang terpenuhi kebutuhan dasarnya", "100%",
                 _years("100%", *[10 * m] * 5), ("100%", 50 * m), (TUJUAN, SASARAN_2)),
        tc27_row([None, None, None, "2.01", None], "Rehabilitasi Sosial Dasar di Luar Panti",
                 "Persentase layanan sesuai standar", "100%",
                 _years("100%", *[10 * m] * 5), ("100%", 50 * m)),
        tc27_row([None, None, None, None, "06"], "Penyediaan Permakanan",
                 "Jumlah penerima permakanan", "200 Orang",
                 _years("200 Orang", *[10 * m] * 5), ("200 Orang", 50 * m)),
        tc27_row(["01", "06", "05", None, None], "PROGRAM PERLINDUNGAN DAN JAMINAN SOSIAL",
                 "Persentase penerima bantuan yang difasilitasi", "100%",
                 _years("100%", *[5 * m] * 5), ("100%", 25 * m),
                 (None, "Meningkatnya perlindungan sosial")),
        tc27_row([None, None, None, "2.01", None], "Pengelolaan Data Fakir Miskin",
                 "Persentase data yang diverifikasi", "100%",
                 _years("100%", *[5 * m] * 5), ("100%", 25 * m)),
        tc27_row([None, None, None, None, "01"], "Pendataan Fakir Miskin",
                 "Jumlah data fakir miskin yang dikelola", "134.416 Orang",
                 _years("134.416 Orang", *[5 * m] * 5), ("134.416 Orang", 25 * m)),
    ]  # fmt: skip
    tc27 = save(tmp_path / "tc27.xlsx", {"T-C.27": lambda s: write_table(s, header, merges, rows)})
    result = run_import(project, tc27, tc25_book(tmp_path / "tc25.xlsx", merged=True))
    assert not result.errors, [f.line() for f in result.errors]
    nodes = sheet_rows(project, BAB6, "matriks")
    assert [n["Kode"] for n in nodes] == [
        "01.06.04", "01.06.04.2.01", "01.06.04.2.01.06",
        "01.06.05", "01.06.05.2.01", "01.06.05.2.01.01",
    ]  # fmt: skip
    # the Tujuan/Sasaran of a program: the IDs of the T-C.25 imported with it; the second
    # program carries the Tujuan down (printed once, blank below) and a Sasaran T-C.25 lacks
    assert [(n["Tujuan"], n["Sasaran"]) for n in nodes if n["Level"] == "Program"] == [
        ("T1", "T1.S2"),
        ("T1", None),
    ]
    unmatched = only(result.findings, "import-goal-unmatched")
    assert unmatched.location == Location("tc27.xlsx", "T-C.27", "B8")
    assert "Meningkatnya perlindungan sosial" in unmatched.message
    dataset = rd.load(project)
    assert not [f.line() for f in dataset.findings if f.code == "unknown-reference"]


# ---------------------------------------------------------------- T-C.23 and T-C.24


def tc23_sheet(years: Sequence[Any]) -> Any:
    """Blitar's Tabel 2.6: the type of the second indicator printed as a label."""
    header = [
        ["No", "Indikator Kinerja sesuai Tugas dan Fungsi PD", "Target SPM/NSPK", "Target IKK",
         "Target Indikator Lainnya", "Target Renstra PD Tahun ke-", *[None] * 4,
         "Realisasi Capaian Tahun ke-", *[None] * 4, "Rasio Capaian pada Tahun ke-", *[None] * 4],
        [None] * 5 + [*years] * 3,
    ]  # fmt: skip
    merges = ["A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:E2", "F1:J1", "K1:O1", "P1:T1"]
    rows = [
        [1, "Persentase PMKS yang dibantu dan ditangani", None, "5%", None, *["5%"] * 5,
         "4,44%", "7,18%", "2,54%", "4,83%", "5,90%", "88%", "143%", "50%", "96%", "118%"],
        [2, "Persentase PSKS yang berpartisipasi dalam program kesejahteraan sosial",
         "Indikator NSPK", None, None, *[20] * 5, *["20 %"] * 5, *[100] * 5],
    ]  # fmt: skip
    return lambda sheet: write_table(sheet, header, merges, rows)


def tc24_sheet(rows: Sequence[Sequence[Any]], indent: Sequence[int] = ()) -> Any:
    """Tabel 2.10 as Blitar prints it: years `Tahun ke-`, two growth columns."""
    header = [
        ["Uraian", "Anggaran pada tahun ke", *[None] * 4, "Realisasi anggaran pada tahun ke",
         *[None] * 4, "Rasio antara realisasi dan anggaran tahun ke", *[None] * 4,
         "Rata rata pertumbuhan", None],
        [None, *[1, 2, 3, 4, 5] * 3, "Anggaran", "Realisasi"],
    ]  # fmt: skip
    merges = ["A1:A2", "B1:F1", "G1:K1", "L1:P1", "Q1:R1"]

    def fill(sheet: Any) -> None:
        from openpyxl.styles import Alignment

        write_table(sheet, header, merges, rows)
        for row in indent:
            sheet.cell(row, 1).alignment = Alignment(indent=1)

    return fill


def budget(name: str, amount: int, ratio: Any = None, growth: Any = None) -> list[Any]:
    return [name, *[amount] * 5, *[amount * 3 // 4] * 5, *[ratio] * 5, growth, growth]


def test_tc23_and_tc24_side_by_side_years(tmp_path: Path) -> None:
    """T-C.23 printed for 2017-2021 (calendar years: kept, a warning) beside a T-C.24 printed
    with `Tahun ke-1..5` (the previous period of renstra.toml: 2016-2020)."""
    project = project_for(tmp_path, urusan="1.06")
    m = 1_000_000
    rows = [
        budget("Belanja Tidak Langsung", 200 * m, "75%"),
        budget("Belanja Pegawai", 200 * m, "75%"),
        budget("Belanja Langsung", 400 * m, "75,00%", "0,1%"),
        budget("Belanja Barang dan Jasa", 350 * m),
        budget("Belanja Modal", 50 * m, None, "12.500.000"),  # a growth printed as rupiah
        budget("JUMLAH", 600 * m),
    ]
    rows[-1][3] = 610 * m  # the JUMLAH of year 3 (2018) printed wrong
    source = save(
        tmp_path / "bab2.xlsx",
        {"T-C.23": tc23_sheet(range(2017, 2022)), "T-C.24": tc24_sheet(rows)},
    )
    result = run_import(project, source)
    assert not result.errors, [f.line() for f in result.errors]
    mismatch = only(result.findings, "year-mismatch")
    assert mismatch.location == Location("bab2.xlsx", "T-C.23")
    assert "2017-2021" in mismatch.message and "2016-2020" in mismatch.message
    # T-C.23: calendar years as printed, the label sets the type and is not a target
    service = sheet_rows(project, BAB2, "kinerja_pelayanan")
    assert service[0]["Target 2017"] == pytest.approx(0.05) and "Target 2016" not in service[0]
    assert service[0]["Realisasi 2021"] == pytest.approx(0.059)
    assert service[0]["Rasio 2019"] == pytest.approx(0.5)  # the third year: 50% (declared)
    assert service[1]["Rasio 2017"] == 1  # a plain 100 in a ratio column is 100%
    assert (service[1]["Jenis Indikator"], service[1]["Target NSPK"]) == ("SPM/NSPK", None)
    assert (service[0]["Jenis Indikator"], service[0]["Target IKK"]) == (None, 0.05)
    assert [r["Polaritas"] for r in service] == ["Positif", "Positif"]
    polarity = only(result.findings, "import-default")
    assert polarity.location == Location(BAB2, "kinerja_pelayanan", None, "Polaritas")
    # T-C.24: Tahun ke-1..5 are 2016-2020; Belanja (Tidak) Langsung over the rows below them,
    # JUMLAH over both
    lines = sheet_rows(project, BAB2, "anggaran_realisasi")
    assert [(r["ID"], r["Induk"], r["Uraian"]) for r in lines] == [
        ("A1", "JUMLAH", "Belanja Tidak Langsung"),
        ("A1.1", "A1", "Belanja Pegawai"),
        ("A2", "JUMLAH", "Belanja Langsung"),
        ("A2.1", "A2", "Belanja Barang dan Jasa"),
        ("A2.2", "A2", "Belanja Modal"),
        ("JUMLAH", None, "JUMLAH"),
    ]
    assert lines[2]["Anggaran 2016"] == 400 * m and lines[2]["Realisasi 2020"] == 300 * m
    # the checks then judge them: the JUMLAH of 2018, the growth printed as an amount
    totals = validation(project, "total-mismatch")
    wrong = only([f for f in totals if f.table == "anggaran_realisasi"], "total-mismatch")
    assert wrong.location == Location(BAB2, "anggaran_realisasi", "F7", "Anggaran 2018")
    amounts = validation(project, "growth-as-amount")
    assert {(f.location.cell, f.declared) for f in amounts} == {
        ("S6", 12_500_000),
        ("T6", 12_500_000),
    }
    analysis = analyse(load_config(project))
    assert not analysis.report.failed  # years differing from renstra.toml: a warning only


@pytest.mark.parametrize("marker", ["dash", "indent", "code"])
def test_tc24_rincian_marked(tmp_path: Path, marker: str) -> None:
    """Rincian marked with a leading "- ", by Excel's indentation or by longer codes."""
    project = project_for(tmp_path, urusan="1.06")
    m = 1_000_000
    names = {
        "dash": ("Pelayanan Administrasi", "- Jasa Surat Menyurat", "- Jasa Kebersihan"),
        "indent": ("Pelayanan Administrasi", "Jasa Surat Menyurat", "Jasa Kebersihan"),
        "code": ("1.06.01 Pelayanan Administrasi", "1.06.01.01 Jasa Surat Menyurat",
                 "1.06.01.02 Jasa Kebersihan"),
    }[marker]  # fmt: skip
    rows = [
        budget(names[0], 30 * m),
        budget(names[1], 10 * m),
        budget(names[2], 20 * m),
        budget("Rehabilitasi Sosial", 40 * m),
    ]
    indent = (5, 6) if marker == "indent" else ()  # title-less: header rows 1-2, numbering 3
    source = save(tmp_path / "tc24.xlsx", {"anggaran": tc24_sheet(rows, indent)})
    result = run_import(project, source)
    assert not result.errors, [f.line() for f in result.errors]
    lines = sheet_rows(project, BAB2, "anggaran_realisasi")
    assert [(r["ID"], r["Induk"]) for r in lines] == [
        ("A1", None), ("A1.1", "A1"), ("A1.2", "A1"), ("A2", None),
    ]  # fmt: skip
    assert [r["Uraian"] for r in lines] == [*names, "Rehabilitasi Sosial"]  # as printed
    assert not [f for f in validation(project, "total-mismatch") if f.table == "anggaran_realisasi"]


# ---------------------------------------------------------------- what is not imported


def _bytes(project: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((project / "source_tables").iterdir())}


def test_sheet_not_recognised_is_an_error_and_nothing_is_written(tmp_path: Path) -> None:
    project = project_for(tmp_path)
    before = _bytes(project)

    def cover(sheet: Any) -> None:
        sheet.append(["Rencana Strategis Dinas Kesehatan 2021-2026"])
        sheet.append(["Disusun oleh", "Sekretariat"])

    source = tmp_path / SOURCE
    _kesehatan_book(source)
    book = load_workbook(source)
    cover(book.create_sheet("Sampul"))
    book.create_sheet("Kosong")  # an empty sheet is no table and no problem
    book.save(source)
    result = run_import(project, source)
    finding = only(result.errors, "import-layout-unknown")
    assert finding.location == Location(SOURCE, "Sampul")
    assert result.written == () and _bytes(project) == before


@pytest.mark.parametrize(
    ("row", "cell", "reason"),
    [
        (tc27_row([None] * 5, "Penyediaan Permakanan", "Jumlah penerima", "1", [(1, 5)] * 5),
         "H14", "tanpa kode"),
        (tc27_row(["1", "02", "03", "2.01", "0001"], "Sub kegiatan program lain", "Jumlah",
                  "1", [(1, 5)] * 5), "C14", "tidak di bawah induk"),
        (tc27_row(["1", "2", None, None, None], "Kode rusak", "Jumlah", "1", [(1, 5)] * 5),
         "C14", "bukan kode"),
        (tc27_row(["1", "02", "02", "2.02", "0002"], "Sub kegiatan lain", "Jumlah", "1",
                  [(1, "20 Orang 30.000.000")] * 5), "L14", "bukan nilai rupiah"),
    ],
    ids=["name-without-code", "wrong-parent", "bad-code", "unreadable-rp"],
)  # fmt: skip
def test_rows_that_cannot_be_placed(tmp_path: Path, row: list, cell: str, reason: str) -> None:
    project = project_for(tmp_path)
    before = _bytes(project)
    source = _kesehatan_book(tmp_path / SOURCE)
    book = load_workbook(source)
    book.active.append(row)  # row 14, after the TOTAL
    book.save(source)
    result = run_import(project, source)
    assert result.errors, "an unplaced row is an error"
    finding = result.errors[0]
    assert finding.location == Location(SOURCE, "Tabel T-C.27", cell), finding.line()
    assert reason in finding.message
    assert _bytes(project) == before  # nothing written


def test_further_indicator_before_any_node(tmp_path: Path) -> None:
    project = project_for(tmp_path)
    header, merges = tc27_header([f"Tahun {i}" for i in range(1, 6)])
    rows = [tc27_row([None] * 5, None, "Persentase tanpa node", "1", [(1, 5)] * 5)]
    source = save(tmp_path / SOURCE, {"x": lambda s: write_table(s, header, merges, rows)})
    finding = only(run_import(project, source).errors, "import-row-unplaced")
    assert finding.location == Location(SOURCE, "x", "I5") and "tanpa program" in finding.message


def test_short_code_without_its_program_above(tmp_path: Path) -> None:
    project = project_for(tmp_path, urusan="1.06")
    header, merges = tc27_two_rows(PLAN)
    rows = [_row("01.01", "Kegiatan tanpa program", "Jumlah", None, "1", [(1, 5)] * 5, (1, 25))]
    source = save(tmp_path / SOURCE, {"x": lambda s: write_table(s, header, merges, rows)})
    finding = only(run_import(project, source).errors, "import-row-unplaced")
    assert finding.location == Location(SOURCE, "x", "A4")
    assert "kode singkat '01.01'" in finding.message


def test_same_layout_twice(tmp_path: Path) -> None:
    project = project_for(tmp_path, urusan="1.06")
    first = tc25_book(tmp_path / "a.xlsx", merged=True)
    second = tc25_book(tmp_path / "b.xlsx", merged=False)
    finding = only(run_import(project, first, second).errors, "import-layout-duplicate")
    assert finding.location == Location("b.xlsx", "Tabel 4.1")


def test_ordinal_years_without_the_configured_period(tmp_path: Path) -> None:
    project = project_for(tmp_path, urusan="1.06")
    toml = project / "renstra.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text.replace("tahun_lalu = [2016, 2017, 2018, 2019, 2020]", ""), "utf-8")
    source = save(tmp_path / "tc24.xlsx", {"T-C.24": tc24_sheet([budget("Belanja", 10)])})
    finding = only(run_import(project, source).errors, "import-years")
    assert "periode.tahun_lalu" in finding.message


# ---------------------------------------------------------------- importing again


def test_importing_again_replaces_and_keeps_the_rest(tmp_path: Path) -> None:
    project = project_for(tmp_path)
    source = _kesehatan_book(tmp_path / SOURCE)
    transition = sheet_rows(project, BAB6, "matriks_transisi")
    run_import(project, source)
    once = _bytes(project)
    run_import(project, source)
    assert _bytes(project) == once  # the same file twice: the same workbooks, byte for byte
    assert len(sheet_rows(project, BAB6, "matriks")) == 7  # replaced, never duplicated
    assert (
        len([r for r in sheet_rows(project, BAB6, "deklarasi_matriks") if r["Tabel"] == "matriks"])
        == 6
    )
    assert sheet_rows(project, BAB6, "matriks_transisi") == transition  # not imported: kept
    book = load_workbook(project / "source_tables" / BAB6)
    assert book.sheetnames == [
        "matriks_transisi", "indikator_transisi", "matriks", "indikator", "deklarasi_matriks",
        "nomenklatur_alias",
    ]  # fmt: skip
    matrix = book["matriks"]
    assert matrix.freeze_panes == "A2" and matrix["H4"].number_format == "#,##0"
    levels = [v for v in matrix.data_validations.dataValidation if "C2" in str(v.sqref)]
    assert levels and "Sub Kegiatan" in levels[0].formula1


def test_a_missing_workbook_is_created_from_the_schema(tmp_path: Path) -> None:
    project = project_for(tmp_path, urusan="1.06")
    (project / "source_tables" / BAB4).unlink()
    result = run_import(project, tc25_book(tmp_path / "tc25.xlsx", merged=False))
    assert not result.errors
    book = load_workbook(project / "source_tables" / BAB4)
    assert book.sheetnames == ["tujuan_sasaran", "indikator_tujuan"]
    assert len(sheet_rows(project, BAB4, "indikator_tujuan")) == 4


# ---------------------------------------------------------------- the command


def test_command_prints_written_sheets_and_findings(tmp_path: Path) -> None:
    project = project_for(tmp_path, urusan="1.06")
    source = tc25_book(tmp_path / "tc25.xlsx", merged=True)
    ran = CliRunner().invoke(main, ["import", str(source), "--root", str(project)])
    assert ran.exit_code == 0, ran.output
    lines = ran.output.splitlines()
    assert "ditulis: bab4_tujuan_sasaran.xlsx › tujuan_sasaran (3 baris)" in lines
    assert "ditulis: bab4_tujuan_sasaran.xlsx › indikator_tujuan (4 baris)" in lines
    assert any(
        line.startswith("peringatan: bab4_tujuan_sasaran.xlsx › indikator_tujuan › Polaritas:")
        for line in lines
    )


def test_command_exits_2_on_an_error(tmp_path: Path) -> None:
    project = project_for(tmp_path)
    source = save(tmp_path / "x.xlsx", {"Catatan": lambda s: s.append(["Uraian", "Catatan"])})
    ran = CliRunner().invoke(main, ["--root", str(project), "import", str(source)])
    assert ran.exit_code == 2
    assert "galat: x.xlsx › Catatan: " in ran.output
    missing = CliRunner().invoke(main, ["--root", str(project), "import", "tidak-ada.xlsx"])
    assert missing.exit_code == 2 and "workbook-missing" in missing.output


def test_page_breaks_repeat_the_header_inside_the_data(tmp_path: Path) -> None:
    """A table copied from a PDF repeats its header rows at every page and ends with a note."""
    project = project_for(tmp_path)
    header, merges = tc27_header([f"Tahun {i}" for i in range(1, 6)])
    data = kesehatan_rows()
    numbering = [f"({i})" for i in range(1, len(header[0]) + 1)]
    rows = [*data[:4], *header, numbering, *data[4:], ["Sumber: Dinas Kesehatan"]]
    source = save(tmp_path / SOURCE, {"T-C.27": lambda s: write_table(s, header, merges, rows)})
    result = run_import(project, source)
    assert not result.errors, [f.line() for f in result.errors]
    assert [n["ID"] for n in sheet_rows(project, BAB6, "matriks")] == [
        "P1", "P1.K1", "P1.K1.S1", "P1.K1.S2", "P2", "P2.K1", "P2.K1.S1",
    ]  # fmt: skip
    assert len(sheet_rows(project, BAB6, "indikator")) == 8


def test_a_parent_counting_a_further_rp_twice(tmp_path: Path) -> None:
    """The kegiatan prints its sub-kegiatan's pagu plus the Rp of that sub-kegiatan's second
    indicator row: counted twice, which the existing check names."""
    project = project_for(tmp_path)
    source = _kesehatan_book(tmp_path / SOURCE)
    book = load_workbook(source)
    book.active["N10"] = 230_000_000  # Rp 2023 of the kegiatan 1.02.02.2.02 (row 10)
    book.save(source)
    assert not run_import(project, source).errors
    twice = only(validation(project, "counted-twice"), "counted-twice")
    assert twice.location == Location(BAB6, "matriks", "N7", "Pagu Tertulis 2023")
    assert (twice.declared, twice.computed) == (230_000_000, 110_000_000)
