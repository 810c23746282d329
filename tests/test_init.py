"""`renstra init` (issue 13): a new agency of another urusan, in a Kota, with another period,
builds at once with placeholders that say what to fill in."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook

from renstra_docs.cli import main

AGENCY_WORDS = ("Blitar", "Dinas Sosial", "Dinsos", "PMKS", "Kesejahteraan Sosial", "Jawa Timur")
OPTIONS = [
    "--instansi", "Dinas Kesehatan", "--singkatan", "Dinkes", "--daerah", "Kota Contoh",
    "--provinsi", "Jawa Tengah", "--urusan", "1.02", "--periode", "2026-2030",
]  # fmt: skip


def _init(folder: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["init", str(folder), *OPTIONS, *extra])
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def kota(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("init") / "dinkes"
    code, output = _init(folder)
    assert code == 0, output
    return folder


def test_renstra_toml_from_the_options(kota: Path) -> None:
    config = tomllib.loads((kota / "renstra.toml").read_text(encoding="utf-8"))
    agency, period = config["instansi"], config["periode"]
    assert (agency["nama"], agency["pemerintah"], agency["urusan"]) == (
        "Dinas Kesehatan",
        "Pemerintah Kota Contoh",
        "1.02",
    )
    assert (period["awal"], period["akhir"]) == (2026, 2030)
    assert period["tahun_rencana"] == [2026, 2027, 2028, 2029, 2030]
    assert period["tahun_lalu"] == [2021, 2022, 2023, 2024, 2025]
    assert "tahun_transisi" not in period
    assert config["nomenklatur"]["versi"] == "2027"


def test_workbooks_have_every_column_a_guide_and_input_messages(kota: Path) -> None:
    book = load_workbook(kota / "source_tables" / "bab6_program.xlsx")
    assert book.sheetnames[0] == "Petunjuk"
    assert "matriks_transisi" not in book.sheetnames  # no transition year in this period
    headers = [c.value for c in book["matriks"][1]]
    assert "Pagu 2026" in headers and "Pagu 2030" in headers and "Unit Kerja" in headers
    guide = [[c.value for c in row] for row in book["Petunjuk"].iter_rows()]
    level = next(r for r in guide if r[0] == "Level")
    assert level[1].startswith("pilihan: Program / Kegiatan / Sub Kegiatan")
    assert level[4] == "Program"  # the example value
    validation = next(
        v for v in book["matriks"].data_validations.dataValidation if "Program" in v.formula1
    )
    assert validation.showInputMessage and validation.promptTitle == "Level"
    assert validation.prompt.startswith("Program / Kegiatan / Sub Kegiatan")
    budget = load_workbook(kota / "source_tables" / "bab2_gambaran_pelayanan.xlsx")
    budget_headers = [c.value for c in budget["anggaran_realisasi"][1]]
    assert "Anggaran 2021" in budget_headers and "Realisasi 2025" in budget_headers


def test_the_section_texts_are_the_projects_to_rewrite(kota: Path) -> None:
    text = (kota / "templates" / "bab2_sumber_daya.md").read_text(encoding="utf-8")
    assert "{{ tabel.pegawai_jabatan }}" in text


def test_validate_reports_only_what_is_not_filled_in(kota: Path) -> None:
    result = CliRunner().invoke(main, ["--root", str(kota), "validate"])
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.output.splitlines() if " × " in ln]
    assert lines == ["   21 × sheet-empty (peringatan)"]


def test_build_right_after_init_gives_a_document_of_that_agency(kota: Path) -> None:
    result = CliRunner().invoke(main, ["--root", str(kota), "build"])
    assert result.exit_code == 0, result.output
    document = Document(str(kota / "build" / "renstra_dinkes_2026_2030.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert [w for w in AGENCY_WORDS if w.lower() in text.lower()] == []
    assert "Wali Kota" in text and "Bupati" not in text
    assert "Telaah Renstra K/L dan Renstra Provinsi Jawa Tengah" in text
    assert (
        "Data landasan hukum belum diisi: workbook bab1_pendahuluan.xlsx, sheet landasan_hukum."
        in text
    )
    assert "Data belum diisi: workbook bab6_program.xlsx, sheet matriks." in text


def test_a_six_year_period_has_a_transition_year(tmp_path: Path) -> None:
    code, output = _init(tmp_path / "p", "--periode", "2025-2030", "--nomenklatur", "")
    assert code == 0, output
    config = tomllib.loads((tmp_path / "p" / "renstra.toml").read_text(encoding="utf-8"))
    assert config["periode"]["tahun_transisi"] == 2025
    assert config["periode"]["tahun_rencana"] == [2026, 2027, 2028, 2029, 2030]
    assert config["nomenklatur"]["versi"] == ""
    book = load_workbook(tmp_path / "p" / "source_tables" / "bab6_program.xlsx", read_only=True)
    assert "matriks_transisi" in book.sheetnames


def test_init_never_overwrites(kota: Path) -> None:
    code, output = _init(kota)
    assert code == 2
    assert output.strip().splitlines() == [
        f"galat: renstra.toml: {kota / 'renstra.toml'} sudah ada; tidak ditimpa [project-exists]"
    ]


def test_a_wrong_period_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["init", str(tmp_path / "x"), *OPTIONS[:-1], "2030-2026"])
    assert result.exit_code == 2 and "2030 sesudah 2026" in result.output
