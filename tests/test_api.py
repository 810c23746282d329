"""The public library (issue 12): `renstra_docs.load` gives typed frames, `pagu` the roll-up."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, copy_project
from openpyxl import load_workbook

import renstra_docs as rd
from renstra_docs.build import build
from renstra_docs.config import load_config


@pytest.fixture(scope="module")
def dataset() -> rd.Dataset:
    return rd.load(ROOT)


@pytest.fixture(scope="module")
def pagu(dataset: rd.Dataset) -> pd.DataFrame:
    return rd.pagu(dataset)


def _pagu_of(pagu: pd.DataFrame, year: int, **where: str) -> int:
    chosen = pagu[(pagu["tahun"] == year) & (pagu["matriks"] == "matriks")]
    for column, value in where.items():
        chosen = chosen[chosen[column] == value]
    assert len(chosen) == 1, chosen
    return int(chosen["pagu"].iloc[0])


def test_pagu_of_a_program_and_of_a_sub_kegiatan(pagu: pd.DataFrame) -> None:
    assert _pagu_of(pagu, 2022, kode="1.06.01") == 5_506_451_071
    assert _pagu_of(pagu, 2022, nama="Penyediaan Gaji dan Tunjangan ASN") == 3_966_449_000


def test_sub_kegiatan_of_the_plan_sum_to_the_grand_total(pagu: pd.DataFrame) -> None:
    plan = pagu[(pagu["matriks"] == "matriks") & (pagu["level"] == "sub_kegiatan")]
    assert int(plan["pagu"].sum()) == 65_116_280_252
    programs = pagu[(pagu["matriks"] == "matriks") & (pagu["level"] == "program")]
    assert int(programs["pagu"].sum()) == 65_116_280_252


def test_pagu_has_one_row_per_node_and_year_with_the_transition_year(
    pagu: pd.DataFrame, dataset: rd.Dataset
) -> None:
    assert {"kode", "nama", "level", "tahun", "pagu"} <= set(pagu.columns)
    assert not pagu.duplicated(["matriks", "id", "tahun"]).any()
    assert set(pagu.loc[pagu["matriks"] == "matriks_transisi", "tahun"]) == {2021}
    assert set(pagu.loc[pagu["matriks"] == "matriks", "tahun"]) == set(range(2022, 2027))
    assert set(pagu["level"]) == {"program", "kegiatan", "sub_kegiatan"}
    nodes = dataset.frames["matriks"]
    assert len(pagu[pagu["matriks"] == "matriks"]) == 5 * nodes["id"].notna().sum()
    assert str(pagu["pagu"].dtype) == "Int64"


def test_an_analyst_question_in_a_few_lines(pagu: pd.DataFrame) -> None:
    """Which programs grow their pagu by more than 10% in some year?"""
    programs = pagu[(pagu["level"] == "program") & (pagu["matriks"] == "matriks")]
    by_year = programs.pivot(index="nama", columns="tahun", values="pagu").astype(float)
    growing = by_year.pct_change(axis=1).gt(0.10).any(axis=1)
    # Tabel 6.2: Penunjang 5.506.451.071 -> 6.190.513.000 (+12,4%), Migran 100 -> 150 juta
    # (+50%), Rehabilitasi 887.426.406 -> 992.212.941 (+11,8%); the others stay under 10%
    assert sorted(growing[growing].index) == [
        "PROGRAM PENANGANAN WARGA NEGARA MIGRAN KORBAN TINDAK KEKERASAN",
        "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
        "PROGRAM REHABILITASI SOSIAL",
    ]


def test_frames_are_typed_located_and_never_nan(dataset: rd.Dataset) -> None:
    for name, frame in [*dataset.frames.items(), *dataset.per_year.items()]:
        assert frame.index.name == "baris", name
        assert frame.attrs["origin"].sheet == name
        for column in frame.columns:
            series = frame[column]
            assert series.dtype.kind != "f", (name, column)
            if series.dtype == object:
                assert not any(isinstance(v, float) for v in series), (name, column)
    matrix = dataset.frames["matriks"]
    assert str(matrix["kode"].dtype) == "string"
    assert str(matrix["pagu_tertulis_akhir"].dtype) == "Int64"
    assert matrix.attrs["origin"].loc(matrix.index[0], "kode").cell == "D2"
    targets = dataset.per_year["indikator"]
    assert set(targets.columns) >= {"tahun", "target", "target_satuan"}
    first = targets.loc[2].set_index("tahun")
    assert first.at[2022, "target"] == Decimal(100) and first.at[2022, "target_satuan"] == "%"


def test_no_sheet_or_column_name_carries_a_year(dataset: rd.Dataset) -> None:
    names = [*dataset.frames, *(c for f in dataset.frames.values() for c in f.columns)]
    assert [n for n in names if re.search(r"(19|20)\d\d", n)] == []


# ---------------------------------------------------------------- the same Renstra, six years on


def _shift_years(root: Path, years: int) -> None:
    """Re-date a project: renstra.toml's periods and every year header and year key."""
    toml = (root / "renstra.toml").read_text(encoding="utf-8")
    toml = re.sub(
        r"^(awal|akhir|tahun_transisi) = (\d{4})",
        lambda m: f"{m.group(1)} = {int(m.group(2)) + years}",
        toml,
        flags=re.M,
    )
    toml = re.sub(
        r"^(tahun_rencana|tahun_lalu) = \[([^\]]*)\]",
        lambda m: (
            f"{m.group(1)} = [{', '.join(str(int(y) + years) for y in m.group(2).split(','))}]"
        ),
        toml,
        flags=re.M,
    )
    (root / "renstra.toml").write_text(toml, encoding="utf-8")
    for path in (root / "source_tables").glob("*.xlsx"):
        book = load_workbook(path)
        for sheet in book.worksheets:
            for cell in sheet[1]:
                found = re.fullmatch(r"(.*) (\d{4})", str(cell.value or ""))
                if found:
                    cell.value = f"{found.group(1)} {int(found.group(2)) + years}"
            if sheet.title.startswith("deklarasi"):
                for cell in sheet["B"]:
                    found = re.fullmatch(r"total_(\d{4})", str(cell.value or ""))
                    if found:
                        cell.value = f"total_{int(found.group(1)) + years}"
        book.save(path)


def test_the_shipped_renstra_re_dated_to_2027_2032_gives_the_same_totals(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "later")
    _shift_years(root, 6)
    config = load_config(root)
    assert (config.start_year, config.end_year) == (2027, 2032)
    assert config.plan_years == (2028, 2029, 2030, 2031, 2032)
    result = build(config)
    assert not result.failed
    later = rd.pagu(rd.load(root))
    now = rd.pagu(rd.load(ROOT)).assign(tahun=lambda f: f["tahun"] + 6)
    key = ["matriks", "id", "tahun"]
    merged = now.merge(later, on=key, suffixes=("_now", "_later"))
    assert len(merged) == len(now) == len(later)
    assert merged["pagu_now"].equals(merged["pagu_later"])
    assert len(result.report.warnings) == 69  # the same findings, on the re-dated columns
    total = (root / "build" / "tables" / "tabel_6_2.csv").read_text(encoding="utf-8")
    assert total.splitlines()[-1].endswith(",65.116.280.252,,")
    assert "Tahun 2028-2032" in (root / "build" / "tables.md").read_text(encoding="utf-8")


def test_init_names_sheets_by_content_and_year_columns_from_the_period(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from renstra_docs.cli import main

    options = ["--instansi", "Dinas X", "--singkatan", "DX", "--daerah", "Kabupaten Y"]
    options += ["--provinsi", "Z", "--urusan", "1.06", "--periode", "2026-2031"]
    result = CliRunner().invoke(main, ["init", str(tmp_path / "new"), *options])
    assert result.exit_code == 0, result.output
    book = load_workbook(tmp_path / "new" / "source_tables" / "bab6_program.xlsx")
    assert book.sheetnames[1:5] == [
        "matriks_transisi",
        "indikator_transisi",
        "matriks",
        "indikator",
    ]
    headers = [c.value for c in book["matriks"][1]]
    pagu = [h for h in headers if re.fullmatch(r"Pagu \d{4}", h)]
    assert pagu == [f"Pagu {y}" for y in range(2027, 2032)]
    assert "Pagu Tertulis 2031" in headers
    assert "Pagu 2026" in [c.value for c in book["matriks_transisi"][1]]
    service = load_workbook(tmp_path / "new" / "source_tables" / "bab2_gambaran_pelayanan.xlsx")
    targets = [
        c.value for c in service["kinerja_pelayanan"][1] if str(c.value).startswith("Target 2")
    ]
    assert targets == [f"Target {y}" for y in range(2021, 2026)]  # periode.tahun_lalu
