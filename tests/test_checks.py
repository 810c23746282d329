"""The validation report on the shipped data (issue 3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from renstra_docs.build import analyse
from renstra_docs.cli import main
from renstra_docs.config import load_config

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def report():
    return analyse(load_config(ROOT)).report


def _find(report, code: str, cell: str):
    return next(f for f in report.ordered if f.code == code and f.location.cell == cell)


def test_budget_ratio_2019_mismatch(report) -> None:
    finding = _find(report, "ratio-mismatch", "O2")
    assert finding.location.sheet == "anggaran_realisasi"
    assert str(finding.declared) == "91.1"
    assert str(finding.computed) == "91.31"
    assert "91,1%" in finding.message and "91,31%" in finding.message


def test_golongan_total_against_pns(report) -> None:
    finding = next(f for f in report.ordered if f.code == "staff-mismatch")
    assert (finding.declared, finding.computed) == (30, 39)
    assert finding.location.sheet == "pegawai_golongan"


def test_grand_total_2022_and_missing_program(report) -> None:
    total = next(
        f for f in report.ordered if f.code == "total-mismatch" and f.row_label == "total_2022"
    )
    assert (total.declared, total.computed, total.difference) == (
        12_106_342_370,
        12_206_342_370,
        -100_000_000,
    )
    gap = next(
        f
        for f in report.ordered
        if f.code == "program-not-in-total" and f.location == total.location
    )
    assert gap.row_label == "PROGRAM PENANGANAN WARGA NEGARA MIGRAN KORBAN TINDAK KEKERASAN"


def test_kegiatan_total_in_2021_matrix(report) -> None:
    finding = next(
        f
        for f in report.ordered
        if f.code == "total-mismatch"
        and f.location.sheet == "matriks_transisi"
        and f.location.cell == "I16"
    )
    assert (finding.declared, finding.computed) == (415_846_665, 415_864_665)


def test_end_target_unit_and_rule(report) -> None:
    unit = next(f for f in report.ordered if f.code == "unit-mismatch")
    assert unit.location.column == "Target Akhir Tertulis"
    target = next(f for f in report.ordered if f.code == "target-mismatch")
    assert (target.declared, target.computed) == (100, 20)


def test_only_warnings_on_shipped_data(report) -> None:
    assert report.errors == []
    assert len(report.warnings) > 20


def test_largest_differences_are_money(report) -> None:
    largest = report.largest(3)
    assert largest[0].difference == 1_250_957_250
    assert largest[0].location.cell == "R2"


def test_validate_command_writes_reports(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--root", str(ROOT), "validate", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "0 galat" in result.output
    data = json.loads((tmp_path / "validation.json").read_text(encoding="utf-8"))
    entry = next(e for e in data["findings"] if e["cell"] == "O2" and e["code"] == "ratio-mismatch")
    assert (entry["declared"], entry["computed"], entry["workbook"]) == (
        "91.1",
        "91.31",
        "bab2_gambaran_pelayanan.xlsx",
    )
    markdown = (tmp_path / "validation.md").read_text(encoding="utf-8")
    assert "91,1%" in markdown and "91,31%" in markdown
    assert "| Tabel 2.2 / Jumlah PNS menurut golongan | 30 | 39 | -9 |" in markdown


def test_validate_strict_fails_on_warnings(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["--root", str(ROOT), "validate", "--strict", "--out", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert "galat" in result.output
