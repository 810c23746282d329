"""Nomenclature codes: index, natural order, name matching, checks, filling and the crosswalk."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, at, only
from openpyxl import load_workbook

from renstra_docs import codes, nomenclature
from renstra_docs.calc.derive import derive
from renstra_docs.checks.codes import check_codes
from renstra_docs.cli import main
from renstra_docs.config import load_config
from renstra_docs.findings import Finding
from renstra_docs.model import MATRICES, Dataset, load
from renstra_docs.sources.read import read_workbook
from renstra_docs.sources.schema import BAB6
from renstra_docs.sources.write import write_workbook

PLAN = "matriks"
GAJI = "1.06.01.2.02.0001"  # Penyediaan Gaji dan Tunjangan ASN (row 7 of both matrices)
DATA_FM = "Pengelolaan Data Fakir Miskin Cakupan Daerah Kabupaten/Kota"


@pytest.fixture(scope="module")
def shipped() -> Dataset:
    return load(load_config(ROOT))


def _load(root: Path) -> Dataset:
    return load(load_config(root))


def _codes(dataset: Dataset) -> list[Finding]:
    """The code findings of a dataset, against its renstra.toml version (2023 when shipped)."""
    return list(check_codes(dataset, derive(dataset).matrices))


def _set_cells(path: Path, sheet: str, values: dict[str, str]) -> None:
    book = load_workbook(path)
    for ref, value in values.items():
        book[sheet][ref].value = value
    book.save(path)


def _set_version(root: Path, version: str) -> None:
    toml = root / "renstra.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text.replace('versi = "2023"', f'versi = "{version}"'), encoding="utf-8")


def _code(dataset: Dataset, table: str, node_id: str) -> str:
    nodes = dataset.frames[MATRICES[table][0]]
    return nodes.loc[nodes["id"] == node_id, "kode"].iloc[0]


# ---------------------------------------------------------------- index


def test_index_is_keyed_on_code_and_version() -> None:
    new, old = nomenclature.nomenclature("2027"), nomenclature.nomenclature("2023")
    assert new.get(GAJI).name == "Penyediaan Gaji dan Tunjangan ASN"
    assert new.get("1.06.05.2.02.0008").name == DATA_FM
    assert new.get("1.06.05.2.02.0008").unit == "Usulan"
    assert old.get("1.06.05.2.02.0002").name == DATA_FM
    assert old.get("1.06.05.2.02.0002").unit == "Keluarga"
    assert "1.06.05.2.02.0008" not in old


def test_index_keeps_kabkot_rows_and_generic_penunjang() -> None:
    new, old = nomenclature.nomenclature("2027"), nomenclature.nomenclature("2023")
    assert "1.06.03.1.01" not in new  # a provinsi kegiatan
    assert new.get("1.06.01").name == "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
    # both versions instantiate their own generic X.XX rows for the bidang
    assert old.get(GAJI).generic and new.get(GAJI).generic
    assert (old.get(GAJI).version, new.get(GAJI).version) == ("2023", "2027")
    assert new.get("1.06.01.2.02").parent == "1.06.01"
    assert "1.06.01.2.01.0008" in new and "1.06.01.2.01.0008" not in old  # 2027 only


def test_unknown_version_is_refused() -> None:
    with pytest.raises(ValueError, match="versi nomenklatur '2020' tidak dikenal"):
        nomenclature.nomenclature("2020")


# ---------------------------------------------------------------- codes and names


def test_parent_code_is_the_code_prefix() -> None:
    assert nomenclature.parent_code("1.06.05.2.02.0008") == "1.06.05.2.02"
    assert nomenclature.parent_code("1.06.05.2.02") == "1.06.05"
    assert nomenclature.parent_code("1.06.05") == "1.06"
    assert nomenclature.parent_code(None) is None


def test_natural_key_orders_numeric_parts_and_puts_empty_codes_last() -> None:
    raw = ["1.06.02.2.01.0010", None, "1.06.02", "1.06.10", "", "1.06.02.2.01.0002", "1.06.02.2.01"]
    ordered = sorted(raw, key=nomenclature.natural_key)
    assert ordered == [
        "1.06.02",
        "1.06.02.2.01",
        "1.06.02.2.01.0002",
        "1.06.02.2.01.0010",
        "1.06.10",
        None,
        "",
    ]


def test_names_match_ignoring_case_spaces_punctuation_and_kabupaten_kota() -> None:
    assert nomenclature.normalise_name("Kerjasama antar  Lembaga") == nomenclature.normalise_name(
        "Kerja Sama antar Lembaga"
    )
    assert nomenclature.normalise_name(
        "Pengelolaan Data Fakir Miskin Cakupan Daerah Kabupaten"
    ) != (nomenclature.normalise_name(DATA_FM))
    assert nomenclature.match_key("Pengelolaan Data Fakir Miskin Cakupan Daerah Kabupaten") == (
        nomenclature.match_key(DATA_FM)
    )


def _row(row_id: str, parent: str | None, level: str, name: str) -> codes.SheetRow:
    return codes.SheetRow(PLAN, 2, row_id, parent, level, None, name, "D2")


def test_match_codes_follows_the_parent_code_and_the_aliases() -> None:
    rows = [
        _row("P1", None, "Program", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"),
        _row("P1.K1", "P1", "Kegiatan", "administrasi keuangan  perangkat daerah"),
        _row("P1.K1.S1", "P1.K1", "Sub Kegiatan", "Penyediaan Gaji dan Tunjangan ASN"),
        _row("P1.K2", "P1", "Kegiatan", "Administrasi Umum Perangkat Daerah"),
        _row("P1.K2.S1", "P1.K2", "Sub Kegiatan", "Penyediaan Barang Cetak dan Penggandaan"),
        # a sub-kegiatan of another kegiatan is not found under this one
        _row("P1.K2.S2", "P1.K2", "Sub Kegiatan", "Penyediaan Gaji dan Tunjangan ASN"),
    ]
    aliases = {
        (nomenclature.match_key("Penyediaan Barang Cetak dan Penggandaan"), "Sub Kegiatan"): [
            "Penyediaan Barang Cetakan dan Penggandaan"
        ]
    }
    filled = codes.match_codes(rows, nomenclature.nomenclature("2027"), aliases)
    assert [(f.code, f.note) for f in filled] == [
        ("1.06.01", "nama"),
        ("1.06.01.2.02", "nama"),
        (GAJI, "nama"),
        ("1.06.01.2.06", "nama"),
        ("1.06.01.2.06.0005", "alias"),
        (None, "tidak ada nama yang cocok di bawah 1.06.01.2.06 (versi 2027)"),
    ]


# ---------------------------------------------------------------- the shipped workbook


def test_shipped_matrices_carry_2023_codes_at_each_level(shipped: Dataset) -> None:
    assert shipped.config.nomenclature_version == "2023"
    for table in ("matriks_transisi", "matriks"):
        assert _code(shipped, table, "P1") == "1.06.01"
        assert _code(shipped, table, "P1.K2") == "1.06.01.2.02"
        assert _code(shipped, table, "P1.K2.S1") == GAJI
    assert _code(shipped, "matriks", "P5.K1.S1") == "1.06.05.2.02.0002"
    assert _code(shipped, "matriks", "P6.K2.S2") == "1.06.06.2.02.0002"
    assert _code(shipped, "matriks_transisi", "P4.K1.S1") == "1.06.05.2.02.0001"
    for nodes_sheet, _ in MATRICES.values():  # every row of both matrices has a code
        nodes = shipped.frames[nodes_sheet]
        assert list(nodes.loc[nodes["kode"].isna(), "id"]) == []


def test_shipped_codes_are_text_cells() -> None:
    book = load_workbook(ROOT / "source_tables" / BAB6.filename)
    cell = book[PLAN]["D7"]
    assert (cell.value, cell.data_type, cell.number_format) == (GAJI, "s", "@")


def test_shipped_data_has_no_code_errors(shipped: Dataset) -> None:
    findings = _codes(shipped)
    assert [f.line() for f in findings if f.is_error] == []
    assert [f.line() for f in findings if f.code == "code-missing"] == []


def test_name_mismatch_warning_quotes_the_official_name(shipped: Dataset) -> None:
    findings = [f for f in _codes(shipped) if f.location == at("E53", "Nama")]
    warning = only(findings, "code-name-mismatch")
    assert not warning.is_error
    assert warning.message == (
        f"nama berbeda dengan nomenklatur 1.06.05.2.02.0002 versi 2023; nama resmi: '{DATA_FM}'"
    )
    assert warning.value == "Pengelolaan Data Fakir Miskin Cakupan Daerah Kabupaten"


def test_code_missing_suggests_a_code_when_one_matches(project: Path) -> None:
    _set_cells(project / "source_tables" / BAB6.filename, PLAN, {"D7": None})
    findings = _codes(_load(project))
    missing = only([f for f in findings if f.location == at("D7", "Kode")], "code-missing")
    assert missing.message == (
        "kode sub kegiatan 'Penyediaan Gaji dan Tunjangan ASN' belum "
        f"diisi (usulan: {GAJI} 'Penyediaan Gaji dan Tunjangan ASN')"
    )


# ---------------------------------------------------------------- checks on broken codes


def test_unknown_code_is_an_error_with_its_cell(project: Path) -> None:
    _set_cells(project / "source_tables" / BAB6.filename, PLAN, {"D7": "1.06.01.2.02.0099"})
    findings = _codes(_load(project))
    unknown = only([f for f in findings if f.location == at("D7", "Kode")], "code-unknown")
    assert unknown.is_error
    assert unknown.message == (
        "kode 1.06.01.2.02.0099 tidak ada dalam nomenklatur versi 2023 maupun versi lain"
    )
    assert unknown.value == "1.06.01.2.02.0099"


def test_old_style_codes_are_warnings_with_the_code_of_today(project: Path) -> None:
    # row 8: P1.K2.S2 1.06.01.2.02.0003; row 9: P1.K3 1.06.01.2.06; row 53: 1.06.05.2.02.0002
    _set_cells(
        project / "source_tables" / BAB6.filename,
        PLAN,
        {"D8": "01.06.01.2.02.03", "D9": "01.06.01.2.06", "D53": "1.06.05.2.02.02"},
    )
    findings = {f.location.cell: f for f in _codes(_load(project)) if f.location.column == "Kode"}
    assert {cell: f.code for cell, f in findings.items()} == {
        "D8": "code-old-style",
        "D9": "code-old-style",
        "D53": "code-old-style",
    }
    assert not any(f.is_error for f in findings.values())
    assert findings["D8"].message == (
        "kode 01.06.01.2.02.03 ditulis dalam format lama (sebelum 2021); kode format baru: "
        "1.06.01.2.02.0003 'Pelaksanaan Penatausahaan dan Pengujian/Verifikasi Keuangan SKPD'"
    )
    assert findings["D9"].message == (
        "kode 01.06.01.2.06 ditulis dalam format lama (sebelum 2021); kode format baru: "
        "1.06.01.2.06 'Administrasi Umum Perangkat Daerah'"
    )
    assert findings["D53"].value == "1.06.05.2.02.02"


def test_old_style_code_of_the_other_version(project: Path) -> None:
    _set_cells(project / "source_tables" / BAB6.filename, PLAN, {"D53": "1.06.05.2.02.08"})
    findings = [f for f in _codes(_load(project)) if f.location == at("D53", "Kode")]
    assert only(findings, "code-old-style").message == (
        f"kode 1.06.05.2.02.08 ditulis dalam format lama (sebelum 2021); kode format baru: "
        f"1.06.05.2.02.0008 '{DATA_FM}' (kode versi 2027, bukan versi 2023 dari renstra.toml; "
        f"padanan di versi 2023: 1.06.05.2.02.0002 '{DATA_FM}')"
    )


def test_code_of_the_other_version_is_a_warning_with_its_counterpart(project: Path) -> None:
    _set_cells(project / "source_tables" / BAB6.filename, PLAN, {"D53": "1.06.05.2.02.0008"})
    findings = _codes(_load(project))
    warning = only([f for f in findings if f.location == at("D53", "Kode")], "code-other-version")
    assert not warning.is_error
    assert warning.message == (
        "kode 1.06.05.2.02.0008 adalah kode versi 2027, bukan versi 2023 dari renstra.toml; "
        f"padanan di versi 2023: 1.06.05.2.02.0002 '{DATA_FM}'"
    )
    # the typed name is compared with the official name of the version the code belongs to
    name = only([f for f in findings if f.location == at("E53", "Nama")], "code-name-mismatch")
    assert name.message.startswith("nama berbeda dengan nomenklatur 1.06.05.2.02.0008 versi 2027")


def test_shipped_2023_codes_under_versi_2027(project: Path) -> None:
    _set_version(project, "2027")
    findings = {f.location.cell: f for f in _codes(_load(project)) if f.location.sheet == PLAN}
    assert findings["D53"].code == "code-other-version"
    assert findings["D53"].message == (
        "kode 1.06.05.2.02.0002 adalah kode versi 2023, bukan versi 2027 dari renstra.toml; "
        f"padanan di versi 2027: 1.06.05.2.02.0008 '{DATA_FM}'"
    )
    assert findings["D28"].message == (  # no counterpart in 2027
        "kode 1.06.02.2.03.0001 adalah kode versi 2023, bukan versi 2027 dari renstra.toml"
    )
    assert "D7" not in findings  # Penyediaan Gaji: same code in both versions


def test_empty_versi_switches_code_checks_off(project: Path) -> None:
    _set_cells(
        project / "source_tables" / BAB6.filename,
        PLAN,
        {"D7": "1.06.01.2.02.0099", "D8": "01.06.01.2.02.03", "D25": "1.06.07.2.01"},
    )
    _set_version(project, "")
    dataset = _load(project)
    assert dataset.config.nomenclature_version == ""
    assert _codes(dataset) == []


def test_code_of_another_level_is_unknown(project: Path) -> None:
    _set_cells(project / "source_tables" / BAB6.filename, PLAN, {"D2": "1.06.01.2.02"})
    findings = _codes(_load(project))
    unknown = only([f for f in findings if f.location == at("D2", "Kode")], "code-unknown")
    assert unknown.message == "kode 1.06.01.2.02 adalah kode kegiatan, bukan program"


def test_parent_mismatch_and_foreign_program(project: Path) -> None:
    # P2.K1 (row 25, under program 1.06.02) given a kegiatan of Taman Makam Pahlawan
    _set_cells(project / "source_tables" / BAB6.filename, PLAN, {"D25": "1.06.07.2.01"})
    findings = [
        f for f in _codes(_load(project)) if f.location in (at("D25", "Kode"), at("D26", "Kode"))
    ]
    parent = only([f for f in findings if f.location.cell == "D25"], "code-parent-mismatch")
    assert parent.is_error
    assert parent.message == (
        "awalan kode 1.06.07.2.01 adalah 1.06.07, tetapi induknya (P2) berkode 1.06.02"
    )
    foreign = only(findings, "code-foreign-program")
    assert foreign.message == (
        "kegiatan 1.06.07.2.01 termasuk program 1.06.07 yang tidak ada di matriks ini"
    )


def test_sub_kegiatan_under_a_wrong_kegiatan_code(project: Path) -> None:
    _set_cells(project / "source_tables" / BAB6.filename, PLAN, {"D7": "1.06.01.2.06.0002"})
    findings = [f for f in _codes(_load(project)) if f.location == at("D7", "Kode")]
    mismatch = only(findings, "code-parent-mismatch")
    assert mismatch.message == (
        "awalan kode 1.06.01.2.06.0002 adalah 1.06.01.2.06, tetapi "
        "induknya (P1.K2) berkode 1.06.01.2.02"
    )


# ---------------------------------------------------------------- filling in place


def _small_book(path: Path) -> Path:
    rows = [
        {
            "ID": "P1",
            "Level": "Program",
            "Nama": "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
        },
        {
            "ID": "P1.K1",
            "Induk": "P1",
            "Level": "Kegiatan",
            "Nama": "Administrasi Keuangan Perangkat Daerah",
        },
        {
            "ID": "P1.K1.S1",
            "Induk": "P1.K1",
            "Level": "Sub Kegiatan",
            "Nama": "Penyediaan Gaji dan Tunjangan ASN",
            "Pagu 2022": "1.219.764.079",
        },
        {
            "ID": "P1.K1.S2",
            "Induk": "P1.K1",
            "Level": "Sub Kegiatan",
            "Nama": "Penyediaan Gaji ASN",
            "Pagu 2022": 5,
        },
        {
            "ID": "P1.K1.S3",
            "Induk": "P1.K1",
            "Level": "Sub Kegiatan",
            "Kode": "9.99",
            "Nama": "Kode yang sudah diketik",
            "Pagu 2022": 7,
        },
    ]
    aliases = [
        {
            "Nama Tertulis": "Penyediaan Gaji ASN",
            "Nama Resmi": "Penyediaan Gaji dan Tunjangan ASN",
            "Level": "Sub Kegiatan",
        }
    ]
    years = {"Pagu": [2022], "Pagu Tertulis": [], "Target": [2022]}
    write_workbook(
        path,
        BAB6,
        {PLAN: rows, "nomenklatur_alias": aliases},
        years={s.name: years for s in BAB6.sheets},
    )
    return path


def test_fill_codes_writes_only_the_empty_code_cells(tmp_path: Path) -> None:
    path = _small_book(tmp_path / BAB6.filename)
    filled = codes.fill_codes(path, "2027")
    assert [(f.row.id, f.code, f.note) for f in filled] == [
        ("P1", "1.06.01", "nama"),
        ("P1.K1", "1.06.01.2.02", "nama"),
        ("P1.K1.S1", GAJI, "nama"),
        ("P1.K1.S2", GAJI, "alias"),
        ("P1.K1.S3", "9.99", "ada"),
    ]
    sheet = load_workbook(path)[PLAN]
    assert [sheet[f"D{n}"].value for n in range(2, 7)] == [
        "1.06.01",
        "1.06.01.2.02",
        GAJI,
        GAJI,
        "9.99",
    ]
    assert sheet["H4"].value == 1219764079 and sheet["H4"].number_format == "#,##0"
    assert sheet.freeze_panes == "A2" and sheet.data_validations.dataValidation
    data = read_workbook(path, BAB6)
    assert [f.line() for f in data.findings if f.is_error] == []
    assert data.sheets[PLAN].rows[2]["kode"] == GAJI


def test_fill_codes_dry_run_leaves_the_file(tmp_path: Path) -> None:
    path = _small_book(tmp_path / BAB6.filename)
    before = path.read_bytes()
    assert codes.fill_codes(path, "2027", dry_run=True)[0].code == "1.06.01"
    assert path.read_bytes() == before


# ---------------------------------------------------------------- crosswalk and the command


def test_map_code_through_the_crosswalk() -> None:
    assert nomenclature.map_code("1.06.05.2.02.0002", "2023", "2027") == (
        "1.06.05.2.02.0008",
        "Keluarga",
        "Usulan",
    )
    assert nomenclature.map_code("1.06.05.2.02.0008", "2027", "2023") == (
        "1.06.05.2.02.0002",
        "Usulan",
        "Keluarga",
    )
    assert nomenclature.map_code("1.06.02.2.03.0001", "2023", "2027") == (None, "Orang", None)
    assert nomenclature.map_code(GAJI, "2027", "2023")[0] == GAJI  # Penunjang: same code
    assert nomenclature.map_code("1.06.05.2.02", "2027", "2023")[0] == "1.06.05.2.02"


def _run(root: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(root), "codes", *args])


def test_codes_command_maps_2023_codes_to_2027(project: Path) -> None:
    workbook = project / "source_tables" / BAB6.filename
    assert load_workbook(workbook)[PLAN]["D53"].value == "1.06.05.2.02.0002"
    result = _run(project, "--to", "2027")
    assert result.exit_code == 0, result.output
    assert (
        f"bab6_program.xlsx › {PLAN} › D53: 1.06.05.2.02.0002 -> 1.06.05.2.02.0008 "
        f"'{DATA_FM}' (satuan: Keluarga -> Usulan)"
    ) in result.output.splitlines()
    assert f"ditulis: {workbook}" in result.output
    toml = project / "renstra.toml"
    assert f'ditulis: {toml} ([nomenklatur] versi = "2027")' in result.output
    assert load_config(project).nomenclature_version == "2027"
    assert load_workbook(workbook)[PLAN]["D53"].value == "1.06.05.2.02.0008"
    assert load_workbook(workbook)[PLAN]["D7"].value == GAJI  # unchanged code kept


def test_codes_command_dry_run_writes_nothing(project: Path) -> None:
    workbook, toml = project / "source_tables" / BAB6.filename, project / "renstra.toml"
    before, config = workbook.read_bytes(), toml.read_bytes()
    result = _run(project, "--to", "2027", "--dry-run")
    assert result.exit_code == 0, result.output
    assert (
        f"bab6_program.xlsx › {PLAN} › D53: 1.06.05.2.02.0002 -> 1.06.05.2.02.0008 "
        f"'{DATA_FM}' (satuan: Keluarga -> Usulan)"
    ) in result.output
    assert "--dry-run: workbook dan renstra.toml tidak diubah" in result.output.splitlines()
    assert "ditulis" not in result.output
    assert workbook.read_bytes() == before and toml.read_bytes() == config


def test_codes_command_reports_codes_without_counterpart(project: Path) -> None:
    workbook = project / "source_tables" / BAB6.filename
    assert load_workbook(workbook)[PLAN]["D28"].value == "1.06.02.2.03.0001"  # 2023 only
    result = _run(project, "--to", "2027", "--dry-run")
    assert result.exit_code == 0, result.output
    assert (
        f"peringatan: bab6_program.xlsx › {PLAN} › D28 (Kode): kode 1.06.02.2.03.0001 versi 2023 "
        "(P2.K2.S1 'Peningkatan Kemampuan Potensi Pekerja Sosial Masyarakat Kewenangan Kabupaten "
        "Yang Kabupaten/Kota') tidak punya padanan di versi 2027; kode lama dibiarkan "
        "[code-no-counterpart]"
    ) in result.output


def test_codes_command_fill_and_bad_version(project: Path) -> None:
    _set_cells(project / "source_tables" / BAB6.filename, PLAN, {"D42": None})
    _set_version(project, "2027")
    result = _run(project, "--fill", "--dry-run")
    assert result.exit_code == 0, result.output
    assert (
        f"bab6_program.xlsx › {PLAN} › D42: tanpa kode 'Fasilitasi Pembuatan Nomor Induk "
        "Kependudukan, Akta Kelahiran, Surat Nikah dan Kartu identitas Anak': tidak ada nama "
        "yang cocok di bawah 1.06.04.2.01 (versi 2027)"
    ) in result.output
    bad = _run(project, "--to", "2020")
    assert bad.exit_code == 2
    assert "versi nomenklatur '2020' tidak dikenal (pilihan: 2023, 2027)" in bad.output


# ---------------------------------------------------------------- renstra.toml after --to

TOML = """# the agency's configuration
[instansi]
nama = "Dinas Sosial"

[nomenklatur]
versi = "2023"   # Kepmendagri 900.1.15.5-1317/2023

[dokumen]
kertas = "F4"
"""


def test_with_version_changes_only_the_value_and_keeps_the_comment() -> None:
    edited = codes.with_version(TOML, "2027")
    assert edited == TOML.replace('versi = "2023"', 'versi = "2027"')
    crlf = TOML.replace("\n", "\r\n")
    assert codes.with_version(crlf, "2027") == crlf.replace('"2023"', '"2027"')


def test_with_version_adds_the_key_or_the_section() -> None:
    without_key = TOML.replace('versi = "2023"   # Kepmendagri 900.1.15.5-1317/2023\n', "")
    assert codes.with_version(without_key, "2027") == without_key.replace(
        "[nomenklatur]\n", '[nomenklatur]\nversi = "2027"\n'
    )
    without_section = TOML.split("[nomenklatur]")[0].rstrip("\n")
    assert codes.with_version(without_section, "2027") == (
        without_section + '\n\n[nomenklatur]\nversi = "2027"\n'
    )


def _top_level_versi(text: str) -> str:
    """The same configuration with `nomenklatur.versi` as a dotted key on top, no section."""
    section = re.search(r"\[nomenklatur\]\nversi = [^\n]*\n", text)
    assert section is not None
    return 'nomenklatur.versi = "2023"\n' + text[: section.start()] + text[section.end() :]


def test_with_version_refuses_a_form_it_cannot_edit() -> None:
    with pytest.raises(ValueError, match=r'renstra.toml › nomenklatur.versi: .* versi = "2027"'):
        codes.with_version(_top_level_versi(TOML), "2027")


def test_codes_command_refusing_renstra_toml_writes_nothing(project: Path) -> None:
    toml, workbook = project / "renstra.toml", project / "source_tables" / BAB6.filename
    text = _top_level_versi(toml.read_text(encoding="utf-8"))
    toml.write_text(text, encoding="utf-8")
    before = workbook.read_bytes()
    result = _run(project, "--to", "2027")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "galat: renstra.toml › nomenklatur.versi: tidak dapat diubah otomatis; tulis versi = "
        '"2027" di bagian [nomenklatur]'
    ]
    assert workbook.read_bytes() == before and toml.read_text(encoding="utf-8") == text
