"""`renstra import`: tables in the official T-C layouts, built here with openpyxl as agencies
print them (merged headers, split codes, continuation rows, numbers as text), imported into a
copy of the shipped project, then read back from the written workbooks and from the build."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import copy_project, only
from openpyxl import Workbook, load_workbook

import renstra_docs as rd
from renstra_docs.checks import analyse
from renstra_docs.cli import main
from renstra_docs.config import load_config
from renstra_docs.findings import Finding, Location
from renstra_docs.importer import ImportResult, import_tables

BAB2, BAB4, BAB6 = "bab2_gambaran_pelayanan.xlsx", "bab4_tujuan_sasaran.xlsx", "bab6_program.xlsx"
PLAN = (2022, 2023, 2024, 2025, 2026)
SOURCE = "renstra_dinkes.xlsx"

# ---------------------------------------------------------------- building printed tables


def write_table(
    sheet: Any,
    header: Sequence[Sequence[Any]],
    merges: Sequence[str],
    rows: Sequence[Sequence[Any]],
    numbering: bool = True,
    title: str | None = None,
) -> None:
    """Title row(s), header rows, merged header cells, the (1) (2) ... row, then the data."""
    offset = 0
    if title:
        sheet.append([title])
        sheet.append([])
        offset = 2
    for row in header:
        sheet.append(list(row))
    for merge in merges:
        sheet.merge_cells(_shift(merge, offset))
    if numbering:
        sheet.append([f"({i})" for i in range(1, len(header[0]) + 1)])
    for row in rows:
        sheet.append(list(row))


def _shift(merge: str, offset: int) -> str:
    from openpyxl.utils.cell import range_boundaries
    from openpyxl.utils import get_column_letter

    c1, r1, c2, r2 = range_boundaries(merge)
    return f"{get_column_letter(c1)}{r1 + offset}:{get_column_letter(c2)}{r2 + offset}"


def save(path: Path, sheets: dict[str, Any]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for name, fill in sheets.items():
        fill(book.create_sheet(name))
    book.save(path)
    return path


def tc27_header(years: Sequence[str], code_columns: int = 5) -> tuple[list[list[Any]], list[str]]:
    """T-C.27 as printed since Permendagri 90/2019: three header rows, the code merged over
    `code_columns`, each year `Target | Rp`, the end of the period `Target | Rp`."""
    from openpyxl.utils import get_column_letter as L

    k = code_columns
    lead = ["Tujuan", "Sasaran", "Kode", *[None] * (k - 1), "Program dan Kegiatan",
            "Indikator Kinerja Tujuan, Sasaran, Program (outcome) dan Kegiatan (output)",
            "Data Capaian pada Tahun Awal Perencanaan"]  # fmt: skip
    first_year = len(lead) + 1
    row1 = [*lead, "Target Kinerja Program dan Kerangka Pendanaan", *[None] * 9,
            "Kondisi Kinerja pada Akhir Periode Renstra PD", None,
            "Unit Kerja PD Penanggung Jawab", "Lokasi"]  # fmt: skip
    row2: list[Any] = [None] * len(lead)
    row3: list[Any] = [None] * len(lead)
    for year in years:
        row2 += [year, None]
        row3 += ["Target", "Rp"]
    row2 += ["Target", "Rp", None, None]
    row3 += [None, None, None, None]
    merges = [f"{L(c)}1:{L(c)}3" for c in range(1, len(lead) + 1) if c not in range(4, 3 + k)]
    merges[2] = f"C1:{L(2 + k)}3"  # the code, over its columns and the three rows
    merges.append(f"{L(first_year)}1:{L(first_year + 9)}1")
    merges += [f"{L(first_year + 2 * i)}2:{L(first_year + 2 * i + 1)}2" for i in range(5)]
    end = first_year + 10
    merges += [f"{L(end)}1:{L(end + 1)}1", f"{L(end)}2:{L(end)}3", f"{L(end + 1)}2:{L(end + 1)}3"]
    merges += [f"{L(end + 2)}1:{L(end + 2)}3", f"{L(end + 3)}1:{L(end + 3)}3"]
    return [row1, row2, row3], merges


def tc27_row(
    code: Sequence[Any],
    name: str | None,
    indicator: str | None,
    baseline: Any,
    yearly: Sequence[tuple[Any, Any]],
    end: tuple[Any, Any] = (None, None),
    goals: tuple[Any, Any] = (None, None),
    unit: str | None = "Dinas Kesehatan",
) -> list[Any]:
    cells: list[Any] = [*goals, *code, name, indicator, baseline]
    for target, rp in yearly:
        cells += [target, rp]
    return [*cells, *end, unit, "Kab. Blitar" if unit else None]


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
    assert [r for r in declared if r["Tabel"] == "6.1"]  # the transition year's row is kept
    totals = {r["Kunci"]: r["Nilai"] for r in declared if r["Tabel"] == "6.2"}
    assert totals == {
        "total_2022": 130_000_000,
        "total_2023": 140_000_000,
        "total_2024": 155_000_000,
        "total_2025": 160_000_000,
        "total_2026": 170_000_000,
        "total_akhir": 755_000_000,
    }
    wrong = {f.row_label for f in validation(project, "total-mismatch") if f.table == "6.2"}
    assert wrong == {"total_2024", "total_akhir"}
