"""Checks that real documents need (issue 13): T-C.24 rincian, T-C.23 gaps and types, a growth
printed as rupiah, a node printing different Rp on its indicator rows, a Rp counted twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import copy_project, edit_workbook, only, row_of

import renstra_docs as rd
from renstra_docs.checks import analyse
from renstra_docs.config import load_config
from renstra_docs.findings import Finding
from renstra_docs.tables import build_tables

BAB2, BAB6 = "bab2_gambaran_pelayanan.xlsx", "bab6_program.xlsx"
YEARS = range(2016, 2021)


def _findings(project: Path, code: str) -> list[Finding]:
    return [f for f in analyse(load_config(project)).report.ordered if f.code == code]


@pytest.fixture
def budget_project(tmp_path: Path) -> Path:
    """Blitar's T-C.24 with Belanja Langsung (printed) over its three rincian."""
    project = copy_project(tmp_path / "p")
    rincian = {"BP": 100_000_000, "BBJ": 250_000_000, "BM": 50_000_000}
    rows = [{"ID": "BL", "Uraian": "Belanja Langsung"}]
    rows[0].update({f"Anggaran {y}": 400_000_000 for y in YEARS})
    rows[0]["Anggaran 2018"] = 410_000_000  # printed wrong in 2018
    rows[0].update({f"Realisasi {y}": 300_000_000 for y in YEARS})
    names = {"BP": "- Belanja Pegawai", "BBJ": "- Belanja Barang dan Jasa", "BM": "- Belanja Modal"}
    for key, amount in rincian.items():
        row = {"ID": key, "Induk": "BL", "Uraian": names[key]}
        row.update({f"Anggaran {y}": amount for y in YEARS})
        row.update({f"Realisasi {y}": amount * 3 // 4 for y in YEARS})
        rows.append(row)
    edit_workbook(project, BAB2, "anggaran_realisasi", rows=rows)
    return project


def test_budget_parent_is_the_sum_of_its_rincian(budget_project: Path) -> None:
    wrong = [
        f for f in _findings(budget_project, "total-mismatch") if f.table == "anggaran_realisasi"
    ]
    finding = only(wrong, "total-mismatch")
    # row 3 (the first appended row); columns: Uraian A, Anggaran 2016 B, 2017 C, 2018 D
    assert finding.location.cell == "D3" and finding.location.column == "Anggaran 2018"
    assert (finding.declared, finding.computed) == (410_000_000, 400_000_000)
    # the realisasi rincian add up to the printed 300.000.000: no finding on Realisasi
    dataset = rd.load(budget_project)
    analysis = analyse(load_config(budget_project))
    table = build_tables(dataset, analysis.derived)["anggaran_realisasi"]
    parent = next(r for r in table.rows if r.key == "Belanja Langsung")
    column = next(i for i, c in enumerate(table.columns) if c.key == "anggaran_2018")
    assert table.text(parent, column) == "400.000.000"  # the sum, not the printed 410 juta
    assert table.source(parent, column) is None  # computed
    child = next(r for r in table.rows if r.key == "- Belanja Modal")
    assert child.level == 1 and parent.level == 0


def test_growth_printed_as_an_amount(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    typed = {(2, "Pertumbuhan Anggaran"): "7.613.661.150"}  # as printed, copied from the PDF
    edit_workbook(project, BAB2, "anggaran_realisasi", typed)
    finding = only(_findings(project, "growth-as-amount"), "growth-as-amount")
    assert finding.location.cell == "Q2"
    assert "7.613.661.150" in finding.message and "-1,63%" in finding.message
    assert not [f for f in _findings(project, "growth-mismatch") if f.location.cell == "Q2"]


def test_t_c_23_gaps_and_indicator_type(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    edit_workbook(
        project,
        BAB2,
        "kinerja_pelayanan",
        {(3, "Realisasi 2020"): None, (2, "Rasio 2018"): None, (2, "Jenis Indikator"): "SPM/NSPK"},
    )
    missing = only(_findings(project, "realisasi-missing"), "realisasi-missing")
    assert (missing.location.cell, missing.location.column) == ("Q3", "Realisasi 2020")
    ratio = only(_findings(project, "rasio-missing"), "rasio-missing")
    assert (ratio.location.cell, ratio.location.column) == ("T2", "Rasio 2018")
    kind = only(_findings(project, "indicator-type-mismatch"), "indicator-type-mismatch")
    assert kind.location.column == "Jenis Indikator"
    assert kind.message == "jenis indikator SPM/NSPK, tetapi target tertulis pada kolom IKK"


def test_a_node_printing_another_rp_on_its_second_indicator_row(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    second = row_of(project, BAB6, "indikator", "Indikator", "Jumlah Makan Minum Rapat Dan Tamu")
    edit_workbook(project, BAB6, "indikator", {(second, "Pagu Tertulis 2022"): 1_000_000})
    finding = only(_findings(project, "pagu-row-mismatch"), "pagu-row-mismatch")
    assert finding.location.sheet == "indikator" and finding.location.cell.endswith(str(second))
    assert finding.declared == 1_000_000
    pagu = rd.pagu(rd.load(project))
    node = pagu[
        (pagu["id"] == "P1.K3.S4") & (pagu["tahun"] == 2022) & (pagu["matriks"] == "matriks")
    ]
    assert finding.computed == int(node["pagu"].iloc[0])


def test_a_parent_that_counts_a_second_indicator_row_twice(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    pagu = rd.pagu(rd.load(project))
    plan = pagu[(pagu["matriks"] == "matriks") & (pagu["tahun"] == 2022)].set_index("id")["pagu"]
    sub, kegiatan = int(plan["P1.K3.S4"]), int(plan["P1.K3"])
    second = row_of(project, BAB6, "indikator", "Indikator", "Jumlah Makan Minum Rapat Dan Tamu")
    keg_row = row_of(project, BAB6, "matriks", "ID", "P1.K3")
    edit_workbook(project, BAB6, "indikator", {(second, "Pagu Tertulis 2022"): sub})
    edit_workbook(project, BAB6, "matriks", {(keg_row, "Pagu Tertulis 2022"): kegiatan + sub})
    twice = only(_findings(project, "counted-twice"), "counted-twice")
    assert twice.location.cell == f"M{keg_row}" and twice.location.column == "Pagu Tertulis 2022"
    assert (twice.declared, twice.computed) == (kegiatan + sub, kegiatan)
    assert not _findings(project, "pagu-row-mismatch")  # the same Rp on both rows
    mismatches = [f for f in _findings(project, "total-mismatch") if f.location == twice.location]
    assert mismatches == []  # reported once, as what it is
