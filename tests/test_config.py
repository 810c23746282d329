"""renstra.toml validated key by key: every mistake is one line naming the key (or the line of a
TOML syntax error), exit code 2, no traceback, and the previous build stays exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import copy_project

from renstra_docs.cli import main

CASES = [
    (
        "awal = 2021 ",
        "awal = 2027 ",
        "renstra.toml › periode.awal: 2027 sesudah periode.akhir 2026",
    ),
    (
        "tahun_rencana = [2022, 2023, 2024, 2025, 2026]",
        "tahun_rencana = [2023, 2024, 2025, 2026, 2027]",
        "renstra.toml › periode.tahun_rencana: tahun 2027 di luar periode 2021-2026",
    ),
    (
        "tahun_rencana = [2022, 2023, 2024, 2025, 2026]",
        "tahun_rencana = [2022, 2024, 2023, 2025, 2026]",
        "renstra.toml › periode.tahun_rencana: harus tahun berurutan",
    ),
    (
        "tahun_transisi = 2021 ",
        "tahun_transisi = 2022 ",
        "renstra.toml › periode.tahun_transisi: 2022 juga tahun rencana",
    ),
    (
        "tahun_lalu = [2016, 2017, 2018, 2019, 2020]",
        "tahun_lalu = [2018, 2019, 2020, 2021, 2022]",
        "renstra.toml › periode.tahun_lalu: harus sebelum tahun rencana",
    ),
    (
        'versi = "2023"',
        'versi = "2025"',
        'renstra.toml › nomenklatur.versi: \'2025\' tidak dikenal (pilihan: "2023", "2027", '
        'atau "")',
    ),
    (
        'kertas = "F4"',
        'kertas = "Letter"',
        "renstra.toml › dokumen.kertas: harus salah satu dari A4, F4",
    ),
    (
        '# logo = "templates/logo.png"',
        'logo = "templates/lambang.png"',
        "renstra.toml › dokumen.logo: berkas 'templates/lambang.png' tidak ada di folder proyek",
    ),
    (
        'pertumbuhan = "rata-rata"',
        'pertumbuhan = "geometrik"',
        "renstra.toml › perhitungan.pertumbuhan: harus salah satu dari ('rata-rata', 'majemuk')",
    ),
    (
        'nama = "Dinas Sosial" ',
        "nama = 12 ",
        "renstra.toml › instansi.nama: wajib diisi (teks)",
    ),
    (
        "akhir = 2026",
        'akhir = "2026',
        "renstra.toml: sintaks TOML salah pada baris 18, kolom 14 (Illegal character '\\n')",
    ),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """A copy of the shipped project, built once: what a failed build must leave alone."""
    project = copy_project(tmp_path_factory.mktemp("config") / "project")
    result = CliRunner().invoke(main, ["--root", str(project), "build"])
    assert result.exit_code == 0, result.output
    return project, _files(project / "build")


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("old, new, line", CASES, ids=[c[2].split(":")[0] for c in CASES])
def test_a_wrong_key_is_one_line_and_the_build_is_kept(built, old: str, new: str, line: str):
    project, before = built
    toml = project / "renstra.toml"
    text = toml.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    toml.write_text(text.replace(old, new), encoding="utf-8")
    try:
        result = CliRunner().invoke(main, ["--root", str(project), "build"])
    finally:
        toml.write_text(text, encoding="utf-8")
    assert result.exit_code == 2
    assert result.output == f"galat: {line} [invalid-config]\n"
    assert _files(project / "build") == before


def test_a_missing_renstra_toml_names_the_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--root", str(tmp_path), "validate"])
    assert result.exit_code == 2
    assert result.output == (
        f"galat: renstra.toml: tidak ditemukan di folder {tmp_path} [invalid-config]\n"
    )
