"""Calculation steps with literal inputs and expected outputs taken from the seed (issue 3)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from renstra_docs.calc.derive import derive
from renstra_docs.calc.matrix import document_order, end_of_period, rollup
from renstra_docs.calc.numbers import (
    achievement,
    compound_growth,
    decline,
    mean_growth,
    ratio,
    total,
    year_on_year,
)
from renstra_docs.config import load_config
from renstra_docs.fmt import persen, round_half_up, rupiah
from renstra_docs.model import load

ROOT = Path(__file__).resolve().parents[1]


def test_ratio_of_budget_2019() -> None:
    assert persen(ratio(8_836_871_162, 9_677_403_097)) == "91,31%"


def test_ratio_with_zero_or_missing_denominator_is_missing() -> None:
    assert ratio(5, 0) is None
    assert ratio(5, None) is None
    assert ratio(None, 5) is None


def test_achievement_respects_polarity() -> None:
    assert achievement(Decimal("5"), Decimal("4.44"), "Positif") == Decimal("88.80")
    # lower is better: (target - (actual - target)) / target
    assert achievement(Decimal("5"), Decimal("4.44"), "Negatif") == Decimal("111.20")


def test_mean_growth_of_budget_2016_2020() -> None:
    budget = [7_613_661_150, 8_857_944_300, 8_949_839_250, 9_677_403_097, 6_579_168_248]
    rates = year_on_year(budget)
    assert [str(round_half_up(r, 2)) for r in rates] == ["16.34", "1.04", "8.13", "-32.02"]
    assert persen(mean_growth(budget)) == "-1,63%"


def test_compound_growth() -> None:
    assert persen(compound_growth([100, 121])) == "21,00%"
    assert persen(compound_growth([7_613_661_150, None, None, None, 6_579_168_248])) == "-3,59%"
    assert compound_growth([0, 10]) is None


def test_decline_n_minus_one() -> None:
    assert decline(1000, 995) == Decimal("0.5")


def test_total_ignores_missing_but_not_all() -> None:
    assert total([1, None, 2]) == 3
    assert total([None, None]) is None


def test_round_half_up_only_when_shown() -> None:
    assert str(round_half_up(Decimal("0.125"), 2)) == "0.13"
    assert persen(Decimal("88.805")) == "88,81%"


@pytest.fixture(scope="module")
def shipped():
    dataset = load(load_config(ROOT))
    return dataset, derive(dataset)


def _program_totals(matrix) -> dict[str, int]:
    period = matrix.pagu_wide["akhir"]
    programs = matrix.programs
    return {n: int(period[i]) for i, n in zip(programs["id"], programs["nama"], strict=True)}


def test_program_five_year_pagu(shipped) -> None:
    _, derived = shipped
    by_name = _program_totals(derived.matrices["matriks"])
    assert by_name["PROGRAM PERLINDUNGAN DAN JAMINAN SOSIAL"] == 6_373_882_571
    assert by_name["PROGRAM PENANGANAN BENCANA"] == 6_859_705_997


def test_grand_totals(shipped) -> None:
    _, derived = shipped
    plan = derived.matrices["matriks"]
    assert rupiah(plan.grand[2022]) == "12.206.342.370"
    assert plan.grand_period == 65_116_280_252
    assert derived.matrices["matriks_transisi"].grand[2021] == 13_125_883_501


def test_kegiatan_is_sum_of_its_sub_kegiatan(shipped) -> None:
    _, derived = shipped
    matrix = derived.matrices["matriks_transisi"]
    nodes = matrix.nodes
    kegiatan = nodes.loc[
        nodes["nama"] == "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah", "id"
    ].iloc[0]
    assert matrix.pagu_wide.at[kegiatan, 2021] == 5_250_000 + 49_139_665 + 361_475_000


def _nodes(*rows: tuple[str, str | None, str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["id", "induk", "level"], index=range(2, 2 + len(rows)))
    frame = frame.astype("string").assign(kode=pd.array([None] * len(rows), dtype="string"))
    return document_order(frame.assign(nama=frame["id"]))


def test_rollup_sums_children_and_keeps_missing_as_missing() -> None:
    nodes = _nodes(
        ("P", None, "Program"),
        ("K1", "P", "Kegiatan"),
        ("S1", "K1", "Sub Kegiatan"),
        ("S2", "K1", "Sub Kegiatan"),
        ("K2", "P", "Kegiatan"),
        ("S3", "K2", "Sub Kegiatan"),
        ("X", "nowhere", "Sub Kegiatan"),  # a wrong parent: counted nowhere
    )
    data = pd.DataFrame(
        {
            "id": ["S1", "S1", "S2", "S2", "S3", "S3", "X", "X"],
            "tahun": [2027, 2028] * 4,
            "pagu": pd.array([100, None, 50, None, None, None, 7, 7], dtype="Int64"),
        }
    )
    pagu = rollup(nodes, data, (2027, 2028)).set_index(["id", "tahun"])["pagu"]
    assert pagu[("K1", 2027)] == 150 and pd.isna(pagu[("K1", 2028)])
    assert pd.isna(pagu[("K2", 2027)])  # its only child has no pagu: missing, never 0
    assert pagu[("P", 2027)] == 150 and pd.isna(pagu[("P", 2028)])
    assert pagu[("X", 2027)] == 7
    assert str(pagu.dtype) == "Int64"


def test_document_order_follows_codes_then_sheet_order() -> None:
    nodes = pd.DataFrame(
        {
            "id": ["P", "K10", "K2", "S"],
            "induk": [None, "P", "P", "K2"],
            "level": ["Program", "Kegiatan", "Kegiatan", "Sub Kegiatan"],
            "kode": ["1.02.02", "1.02.02.2.10", "1.02.02.2.02", "1.02.02.2.02.0001"],
        },
        index=[2, 3, 4, 5],
    ).astype("string")
    ordered = document_order(nodes.assign(nama=nodes["id"]))
    assert list(ordered["id"]) == ["P", "K2", "S", "K10"]
    assert list(ordered["depth"]) == [0, 1, 2, 1]


def test_staff_totals(shipped) -> None:
    _, derived = shipped
    staff = derived.staff
    assert (staff.by_position, staff.by_status, staff.male, staff.female) == (54, 54, 24, 30)
    assert (staff.pns, staff.contract, staff.by_grade) == (39, 15, 30)


def test_service_and_period_end_ratios(shipped) -> None:
    _, derived = shipped
    first = derived.service_ratios.loc[2]
    assert list(first["tahun"]) == [2016, 2017, 2018, 2019, 2020]
    assert [persen(v) for v in first["rasio"]] == [
        "88,80%",
        "143,60%",
        "50,80%",
        "96,60%",
        "118,00%",
    ]
    progress = list(derived.period_end_progress)
    assert persen(progress[1]) == "132,33%"
    assert persen(progress[2]) == "28,67%"


def test_budget_figures(shipped) -> None:
    _, derived = shipped
    ratios = derived.budget_ratios.loc[2].set_index("tahun")["rasio"]
    assert persen(ratios[2019]) == "91,31%"
    assert persen(derived.budget["rasio_rata_rata"].iloc[0]) == "89,95%"
    assert persen(derived.budget["pertumbuhan_anggaran"].iloc[0]) == "-1,63%"
    assert (derived.budget_min, derived.budget_max) == (6_579_168_248, 9_677_403_097)


def test_end_of_period_rules() -> None:
    indicators = pd.DataFrame(
        {"aturan_akhir": ["terakhir", "jumlah", "rata-rata", "terakhir"]}, index=[2, 3, 4, 5]
    )
    rows, years = [2, 3, 4, 5], (2027, 2028)
    targets = pd.DataFrame(
        {
            "tahun": [2027, 2028] * 4,
            "target": pd.array(
                [
                    Decimal(10),
                    Decimal(20),
                    Decimal(1),
                    Decimal(2),
                    Decimal(4),
                    None,
                    Decimal(3),
                    None,
                ],
                dtype=object,
            ),
            "target_satuan": pd.array(
                ["%", "%", None, "orang", None, None, None, None], dtype="string"
            ),
        },
        index=pd.Index([r for r in rows for _ in years], name="baris"),
    )
    ends = end_of_period(indicators, targets, years)
    assert list(ends["value"]) == [Decimal(20), Decimal(3), Decimal(4), None]
    assert list(ends["unit"].fillna("-")) == ["%", "orang", "-", "-"]
