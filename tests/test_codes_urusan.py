"""Codes of urusan other than Sosial, codes of the other version and codes in the pre-2021 style.

Each case is a copy of the shipped project turned into an agency of another bidang: renstra.toml
names the bidang (`urusan`) and the `matriks` sheet holds a program tree of that bidang, with
real codes and names of the reference lists (Kepmendagri 900.1.15.5-1317/2023 and SIPD 2027).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import at, copy_project, only
from openpyxl import load_workbook

from renstra_docs.calc.derive import derive
from renstra_docs.checks.codes import check_codes
from renstra_docs.cli import main
from renstra_docs.config import load_config
from renstra_docs.findings import Finding
from renstra_docs.model import load
from renstra_docs.sources.schema import BAB6

PLAN = "matriks"
SUB = "Sub Kegiatan"
PENUNJANG = "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"


@dataclass(frozen=True)
class Case:
    """A bidang and real rows of it: (code, name), or (typed code, code today, official name)."""

    urusan: str
    program: tuple[str, str]
    kegiatan: tuple[str, str]
    valid: tuple[str, str]  # a sub-kegiatan of both versions
    misnamed: tuple[str, str, str]  # code, name as typed, official name (2023)
    other: tuple[str, str]  # a sub-kegiatan of version 2027 only
    old: tuple[str, str, str]  # two-digit sub-kegiatan: typed, code today, official name
    zero: tuple[str, str, str]  # leading zero on the urusan as well


KESEHATAN = Case(
    "1.02",
    ("1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT"),
    (
        "1.02.02.2.02",
        "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota",
    ),
    ("1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil"),
    (
        "1.02.02.2.02.0002",
        "Pelayanan Kesehatan Ibu Bersalin",
        "Pengelolaan Pelayanan Kesehatan Ibu Bersalin",
    ),
    ("1.02.02.2.02.0048", "Pengelolaan Layanan Imunisasi"),
    ("1.02.02.2.02.03", "1.02.02.2.02.0003", "Pengelolaan Pelayanan Kesehatan Bayi Baru Lahir"),
    ("01.02.02.2.02.04", "1.02.02.2.02.0004", "Pengelolaan Pelayanan Kesehatan Balita"),
)
KOPERASI_UKM = Case(
    "2.17",
    ("2.17.07", "PROGRAM PEMBERDAYAAN USAHA MENENGAH, USAHA KECIL, DAN USAHA MIKRO (UMKM)"),
    (
        "2.17.07.2.01",
        "Pemberdayaan Usaha Mikro yang Dilakukan Melalui Pendataan, Kemitraan, Kemudahan "
        "Perizinan, Penguatan Kelembagaan dan Koordinasi dengan Para Pemangku Kepentingan",
    ),
    ("2.17.07.2.01.0002", "Pemberdayaan Melalui Kemitraan Usaha Mikro"),
    (
        "2.17.07.2.01.0003",
        "Fasilitasi Perizinan Usaha Mikro",
        "Fasilitasi Kemudahan Perizinan Usaha Mikro",
    ),
    (
        "2.17.07.2.01.0016",
        "Perkuatan Kemitraan antara Instansi Pemerintah dengan Kelembagaan lainnya untuk "
        "pemberdayaan UMKM",
    ),
    (
        "2.17.07.2.01.04",
        "2.17.07.2.01.0004",
        "Pemberdayaan Kelembagaan Potensi dan Pengembangan Usaha Mikro",
    ),
    (
        "02.17.07.2.01.05",
        "2.17.07.2.01.0005",
        "Koordinasi dan Sinkronisasi dengan Para Pemangku Kepentingan dalam Pemberdayaan Usaha "
        "Mikro",
    ),
)
PERTANIAN = Case(
    "3.27",
    ("3.27.07", "PROGRAM PENYULUHAN PERTANIAN"),
    ("3.27.07.2.01", "Pelaksanaan Penyuluhan Pertanian"),
    ("3.27.07.2.01.0007", "Penguatan Kelembagaan penyuluhan pertanian di Tingkat Kabupaten/Kota"),
    (
        "3.27.07.2.01.0009",
        "Diseminasi Informasi Teknis dan Inovasi Pertanian",
        "Diseminasi Informasi Teknis, Sosial, Ekonomi dan Inovasi Pertanian",
    ),
    (
        "3.27.07.2.01.0010",
        "Peningkatan Kapasitas dan Fungsi Kelembagaan Penyuluhan Pertanian di Kecamatan dan Desa",
    ),
    (
        "3.27.07.2.01.02",
        "3.27.07.2.01.0002",
        "Pengembangan Kapasitas Kelembagaan Petani di Kecamatan dan Desa",
    ),
    (
        "03.27.07.2.01.03",
        "3.27.07.2.01.0003",
        "Penyediaan dan Pemanfaatan Sarana dan Prasarana Penyuluhan Pertanian",
    ),
)
CASES = [pytest.param(c, id=c.urusan) for c in (KESEHATAN, KOPERASI_UKM, PERTANIAN)]


def _tree(case: Case) -> list[tuple[str, str | None, str, str | None, str]]:
    """(ID, Induk, Level, Kode, Nama) of rows 2..11 of the `matriks` sheet."""
    b, k = case.urusan, "P2.K1"
    return [
        ("P1", None, "Program", f"{b}.01", PENUNJANG),
        ("P1.K1", "P1", "Kegiatan", f"{b}.01.2.02", "Administrasi Keuangan Perangkat Daerah"),
        ("P1.K1.S1", "P1.K1", SUB, f"{b}.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN"),
        ("P2", None, "Program", *case.program),
        ("P2.K1", "P2", "Kegiatan", *case.kegiatan),
        ("P2.K1.S1", k, SUB, *case.valid),
        ("P2.K1.S2", k, SUB, *case.misnamed[:2]),
        ("P2.K1.S3", k, SUB, *case.other),
        ("P2.K1.S4", k, SUB, case.old[0], case.old[2]),
        ("P2.K1.S5", k, SUB, case.zero[0], case.zero[2]),
    ]


def _project(tmp_path: Path, case: Case, codes: bool = True) -> Path:
    """The shipped project as an agency of `case.urusan`; `codes=False` leaves Kode empty."""
    root = copy_project(tmp_path / f"project_{case.urusan}")
    toml = root / "renstra.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text.replace('urusan = "1.06"', f'urusan = "{case.urusan}"'), "utf-8")
    path = root / "source_tables" / BAB6.filename
    book = load_workbook(path)
    sheet = book[PLAN]
    sheet.delete_rows(2, sheet.max_row)
    for row_id, parent, level, code, name in _tree(case):
        pagu = [1_000_000] * 5 if level == SUB else []
        sheet.append([row_id, parent, level, code if codes else None, name, None, None, *pagu])
    book.save(path)
    return root


def _plan_findings(root: Path) -> list[Finding]:
    dataset = load(load_config(root))
    findings = check_codes(dataset, derive(dataset).matrices)
    return [f for f in findings if f.location.sheet == PLAN]


@pytest.mark.parametrize("case", CASES)
def test_codes_of_another_urusan(tmp_path: Path, case: Case) -> None:
    """Valid codes and the support program X.XX.01 of the bidang give no finding; a wrong name,
    a code of version 2027 and two old-style codes give one warning each, at their cells."""
    findings = _plan_findings(_project(tmp_path, case))
    assert not [f.line() for f in findings if f.is_error]
    code, typed, official = case.misnamed
    assert [(f.location.cell, f.code, f.message, f.value) for f in findings] == [
        (
            "E8",
            "code-name-mismatch",
            f"nama berbeda dengan nomenklatur {code} versi 2023; nama resmi: '{official}'",
            typed,
        ),
        (
            "D9",
            "code-other-version",
            f"kode {case.other[0]} adalah kode versi 2027, bukan versi 2023 dari renstra.toml",
            case.other[0],
        ),
        *(
            (
                cell,
                "code-old-style",
                f"kode {old} ditulis dalam format lama (sebelum 2021); "
                f"kode format baru: {new} '{name}'",
                old,
            )
            for cell, (old, new, name) in (("D10", case.old), ("D11", case.zero))
        ),
    ]


def test_code_of_no_version_in_another_urusan_is_an_error(tmp_path: Path) -> None:
    root = _project(tmp_path, PERTANIAN)
    path = root / "source_tables" / BAB6.filename
    book = load_workbook(path)
    book[PLAN]["D7"] = "3.27.07.2.01.0099"  # P2.K1.S1
    book[PLAN]["D10"] = "3.27.07.2.01.99"  # P2.K1.S4, old style
    book.save(path)
    findings = _plan_findings(root)
    unknown = only([f for f in findings if f.location == at("D7", "Kode")], "code-unknown")
    assert unknown.is_error
    assert unknown.message == (
        "kode 3.27.07.2.01.0099 tidak ada dalam nomenklatur versi 2023 maupun versi lain"
    )
    old = only([f for f in findings if f.location == at("D10", "Kode")], "code-unknown")
    assert old.message == (
        "kode 3.27.07.2.01.99 tidak ada dalam nomenklatur versi 2023 maupun versi lain, "
        "juga tidak dalam format baru 3.27.07.2.01.0099"
    )


def test_support_kegiatan_of_another_bidang_is_out_of_place(tmp_path: Path) -> None:
    """The generic rows exist for every bidang: the Sosial kegiatan 1.06.01.2.02 is a known code
    in a Kesehatan project, but not under its support program 1.02.01."""
    root = _project(tmp_path, KESEHATAN)
    path = root / "source_tables" / BAB6.filename
    book = load_workbook(path)
    book[PLAN]["D3"] = "1.06.01.2.02"  # P1.K1 under P1 = 1.02.01
    book.save(path)
    findings = [f for f in _plan_findings(root) if f.location.cell == "D3"]
    mismatch = only(findings, "code-parent-mismatch")
    assert mismatch.message == (
        "awalan kode 1.06.01.2.02 adalah 1.06.01, tetapi induknya (P1) berkode 1.02.01"
    )
    assert only(findings, "code-foreign-program").message == (
        "kegiatan 1.06.01.2.02 termasuk program 1.06.01 yang tidak ada di matriks ini"
    )


def test_codes_fill_finds_codes_of_another_urusan_by_name(tmp_path: Path) -> None:
    """`renstra codes --fill` in a Pertanian project: codes found by name under the parent's
    code (today's four-digit codes); a misnamed row and a 2027-only name stay empty."""
    root = _project(tmp_path, PERTANIAN, codes=False)
    result = CliRunner().invoke(main, ["--root", str(root), "codes", "--fill"])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(root / "source_tables" / BAB6.filename)[PLAN]
    assert [sheet[f"D{n}"].value for n in range(2, 12)] == [
        "3.27.01",
        "3.27.01.2.02",
        "3.27.01.2.02.0001",
        "3.27.07",
        "3.27.07.2.01",
        "3.27.07.2.01.0007",
        None,
        None,
        "3.27.07.2.01.0002",
        "3.27.07.2.01.0003",
    ]
    assert (
        f"bab6_program.xlsx › {PLAN} › D8: tanpa kode 'Diseminasi Informasi Teknis dan Inovasi "
        "Pertanian': tidak ada nama yang cocok di bawah 3.27.07.2.01 (versi 2023)"
    ) in result.output.splitlines()
    assert not [f.line() for f in _plan_findings(root) if f.is_error]
