"""A second agency from `renstra init` and `renstra import` alone: Dinas Kesehatan of Kota
Pontianak (urusan 1.02, Kalimantan Barat), Renstra 2025-2029. Its T-C.23, T-C.24, T-C.25 and
T-C.27 are made here as an agency prints them (code in one column, `Tahun ke-` years for the
previous period, a printed program Rp that is wrong); nothing of the shipped project is used.
The build must succeed, Tabel 6.1 must show the computed totals, and the document must hold
none of the shipped agency's words."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document
from official_tables import save, tc27_header, tc27_row, write_table

from renstra_docs.cli import main

SHIPPED_AGENCY_WORDS = (
    "Blitar",
    "Dinas Sosial",
    "Dinsos",
    "PMKS",
    "Kesejahteraan Sosial",
    "Jawa Timur",
)
INIT = [
    "--instansi", "Dinas Kesehatan",
    "--singkatan", "Dinkes",
    "--daerah", "Kota Pontianak",
    "--provinsi", "Kalimantan Barat",
    "--urusan", "1.02",
    "--periode", "2025-2029",
]  # fmt: skip
M = 1_000_000
PENUNJANG = "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
UKM = "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT"
TUJUAN = "Meningkatkan derajat kesehatan masyarakat Kota Pontianak"
SASARAN = "Meningkatnya akses dan mutu pelayanan kesehatan"
# Sub-kegiatan Rp per year 2025-2029, as printed (the source of the expected totals below)
PLANNING = (20 * M, 21 * M, 22 * M, 23 * M, 24 * M)
PREGNANT = (300 * M, 310 * M, 320 * M, 330 * M, 340 * M)
BIRTH = (150 * M, 155 * M, 160 * M, 165 * M, 170 * M)


def _yearly(target: Any, rps: tuple[int, ...]) -> list[tuple[Any, Any]]:
    return [(target, rp) for rp in rps]


def _sum(*series: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(sum(values) for values in zip(*series, strict=True))


def tc27_rows() -> list[list[Any]]:
    """Codes in one column; the UKM program prints 1 Rp too many in 2027 (a declared value:
    the document shows the sum of its sub-kegiatan)."""
    ukm = list(_sum(PREGNANT, BIRTH))
    printed_ukm = [*ukm[:2], ukm[2] + 1, *ukm[3:]]
    place = {"unit": "Dinkes", "location": "Kota Pontianak"}
    return [
        tc27_row(["1.02.01"], PENUNJANG, "Nilai SAKIP Dinas Kesehatan", "68 Poin",
                 _yearly("70 Poin", PLANNING), ("70 Poin", sum(PLANNING)), (TUJUAN, SASARAN),
                 **place),
        tc27_row(["1.02.01.2.01"],
                 "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
                 "Jumlah dokumen perencanaan yang disusun", "2 Dokumen",
                 _yearly("2 Dokumen", PLANNING), ("10 Dokumen", sum(PLANNING)), **place),
        tc27_row(["1.02.01.2.01.0001"], "Penyusunan Dokumen Perencanaan Perangkat Daerah",
                 "Jumlah Dokumen Perencanaan Perangkat Daerah", "2 Dokumen",
                 _yearly("2 Dokumen", PLANNING), ("10 Dokumen", sum(PLANNING)), **place),
        tc27_row(["1.02.02"], UKM, "Angka kematian ibu per 100.000 kelahiran hidup", 98,
                 [(95, printed_ukm[0]), (90, printed_ukm[1]), (85, printed_ukm[2]),
                  (80, printed_ukm[3]), (75, printed_ukm[4])], (75, sum(ukm)),
                 (TUJUAN, SASARAN), **place),
        tc27_row(["1.02.02.2.02"],
                 "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah "
                 "Kabupaten/Kota", "Persentase layanan kesehatan sesuai standar", "90%",
                 _yearly("100%", tuple(ukm)), ("100%", sum(ukm)), **place),
        tc27_row(["1.02.02.2.02.0001"], "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
                 "Jumlah Ibu Hamil yang Mendapatkan Pelayanan Kesehatan Sesuai Standar",
                 "11.800 Orang", _yearly("12.000 Orang", PREGNANT), ("12.000 Orang",
                 sum(PREGNANT)), **place),
        tc27_row(["1.02.02.2.02.0002"], "Pengelolaan Pelayanan Kesehatan Ibu Bersalin",
                 "Jumlah Ibu Bersalin yang Mendapatkan Pelayanan Kesehatan Sesuai Standar",
                 "11.500 Orang", _yearly("11.700 Orang", BIRTH), ("11.700 Orang", sum(BIRTH)),
                 **place),
        tc27_row(["JUMLAH"], None, None, None,
                 _yearly(None, _sum(PLANNING, PREGNANT, BIRTH)),
                 (None, sum(_sum(PLANNING, PREGNANT, BIRTH))), unit=None),
    ]  # fmt: skip


def tc25_sheet(sheet: Any) -> None:
    header = [
        ["No", "Tujuan", "Sasaran", "Indikator Tujuan/Sasaran",
         "Target Kinerja Tujuan/ Sasaran pada tahun Ke-", None, None, None, None],
        [None] * 4 + [1, 2, 3, 4, 5],
    ]  # fmt: skip
    rows = [
        [1, TUJUAN, None, "Usia Harapan Hidup (tahun)", 73.1, 73.3, 73.5, 73.7, 73.9],
        [None, None, SASARAN, "Indeks Kepuasan Masyarakat", 82, 83, 84, 85, 86],
    ]
    write_table(sheet, header, ["A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:I1"], rows)


def tc23_sheet(sheet: Any) -> None:
    """Tahun ke-1..5: the previous period of renstra.toml (2020-2024)."""
    ordinal = [1, 2, 3, 4, 5]
    header = [
        ["No", "Indikator Kinerja sesuai Tugas dan Fungsi PD", "Target SPM/NSPK", "Target IKK",
         "Target Indikator Lainnya", "Target Renstra PD Tahun ke-", *[None] * 4,
         "Realisasi Capaian Tahun ke-", *[None] * 4, "Rasio Capaian pada Tahun ke-", *[None] * 4],
        [None] * 5 + ordinal * 3,
    ]  # fmt: skip
    rows = [
        [1, "Persentase ibu hamil mendapatkan pelayanan kesehatan", "100%", None, None,
         *["100%"] * 5, "92%", "94%", "95%", "97%", "98%", "92%", "94%", "95%", "97%", "98%"],
    ]  # fmt: skip
    merges = ["A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:E2", "F1:J1", "K1:O1", "P1:T1"]
    write_table(sheet, header, merges, rows)


def tc24_sheet(sheet: Any) -> None:
    """Calendar years 2020-2024, a total row over the two kinds of spending."""
    years = [2020, 2021, 2022, 2023, 2024]
    header = [
        ["Uraian", "Anggaran pada tahun", *[None] * 4, "Realisasi anggaran pada tahun",
         *[None] * 4, "Rasio antara realisasi dan anggaran tahun", *[None] * 4,
         "Rata rata pertumbuhan", None],
        [None, *years * 3, "Anggaran", "Realisasi"],
    ]  # fmt: skip

    def line(name: str, amount: int) -> list[Any]:
        return [name, *[amount] * 5, *[amount * 9 // 10] * 5, *[None] * 5, None, None]

    rows = [line("Belanja Pegawai", 400 * M), line("Belanja Barang dan Jasa", 600 * M),
            line("JUMLAH", 1000 * M)]  # fmt: skip
    write_table(sheet, header, ["A1:A2", "B1:F1", "G1:K1", "L1:P1", "Q1:R1"], rows)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dinkes") / "dinkes_pontianak"
    runner = CliRunner()
    result = runner.invoke(main, ["init", str(folder), *INIT])
    assert result.exit_code == 0, result.output
    header, merges = tc27_header([f"Tahun {i}" for i in range(1, 6)], code_columns=1)
    printed = save(
        folder.parent / "renstra_dinkes_pontianak.xlsx",
        {
            "T-C.23": tc23_sheet,
            "T-C.24": tc24_sheet,
            "T-C.25": tc25_sheet,
            "T-C.27": lambda sheet: write_table(sheet, header, merges, tc27_rows()),
        },
    )
    result = runner.invoke(main, ["--root", str(folder), "import", str(printed)])
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture(scope="module")
def built(project: Path) -> str:
    result = CliRunner().invoke(main, ["--root", str(project), "build"])
    assert result.exit_code == 0, result.output
    assert "0 galat" in result.output
    return result.output


def _csv(project: Path, name: str) -> list[dict[str, str]]:
    text = (project / "build" / "tables" / name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _rupiah(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def test_the_import_wrote_every_table(project: Path) -> None:
    from openpyxl import load_workbook

    matrix = load_workbook(project / "source_tables" / "bab6_program.xlsx")["matriks"]
    codes = [row[3] for row in matrix.iter_rows(min_row=2, values_only=True) if row[0]]
    assert codes == ["1.02.01", "1.02.01.2.01", "1.02.01.2.01.0001", "1.02.02",
                     "1.02.02.2.02", "1.02.02.2.02.0001", "1.02.02.2.02.0002"]  # fmt: skip


def test_build_succeeds_with_computed_program_totals(project: Path, built: str) -> None:
    rows = _csv(project, "tabel_6_1.csv")  # no transition year: the matrix is Tabel 6.1
    header = list(rows[0])
    pagu = [h for h in header if h.endswith("/ Pagu (Rp)") or h.endswith("/ Rp")]
    by_key = {r["Kode"] or r["Kunci"]: r for r in rows}
    ukm = _sum(PREGNANT, BIRTH)
    expected = {"1.02.01": PLANNING, "1.02.02": ukm, "TOTAL": _sum(PLANNING, ukm)}
    for key, yearly in expected.items():
        shown = [by_key[key][h] for h in pagu[:5]]
        assert shown == [_rupiah(v) for v in yearly], key
    # the wrong printed Rp of 2027 is the one finding besides the sheets left to fill in
    report = json.loads((project / "build" / "validation.json").read_text(encoding="utf-8"))
    others = [f for f in report["findings"] if f["code"] != "sheet-empty"]
    assert [(f["code"], f["sheet"], f["cell"], f["declared"], f["computed"]) for f in others] == [
        ("total-mismatch", "matriks", "O5", ukm[2] + 1, ukm[2])
    ]


def test_the_document_is_that_agencys_only(project: Path, built: str) -> None:
    document = Document(str(project / "build" / "renstra_dinkes_2025_2029.docx"))
    texts = [p.text for p in document.paragraphs]
    texts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    texts += [p.text for s in document.sections for p in s.footer.paragraphs]
    text = "\n".join(texts)
    assert [w for w in SHIPPED_AGENCY_WORDS if w.lower() in text.lower()] == []
    assert "Dinas Kesehatan Kota Pontianak" in text and "Kalimantan Barat" in text
    assert "Wali Kota" in text and "Bupati" not in text
    assert "Pengelolaan Pelayanan Kesehatan Ibu Hamil" in text
    assert "Sumber: Tabel 6.1 (diolah)" in text  # the chart names the matrix by its number
    assert f"Rp {_rupiah(sum(_sum(PLANNING, PREGNANT, BIRTH)))}" in text
