"""Calculation steps with literal inputs and expected outputs taken from the seed (issue 3)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from renstra_docs.calc.derive import derive, pmks_decline
from renstra_docs.calc.matrix import end_of_period, rollup
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
from renstra_docs.sources.load import load
from renstra_docs.sources.normalise import Quantity

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


def test_pmks_decline_n_minus_one() -> None:
    assert decline(1000, 995) == Decimal("0.5")
    assert pmks_decline({2020: 1000, 2021: 995, 2023: 990}) == {2021: Decimal("0.5")}


def test_total_ignores_missing_but_not_all() -> None:
    assert total([1, None, 2]) == 3
    assert total([None, None]) is None


def test_round_half_up_only_when_shown() -> None:
    assert str(round_half_up(Decimal("0.125"), 2)) == "0.13"
    assert persen(Decimal("88.805")) == "88,81%"


@pytest.fixture(scope="module")
def shipped():
    renstra = load(load_config(ROOT))
    return renstra, derive(renstra)


def test_program_five_year_pagu(shipped) -> None:
    renstra, derived = shipped
    rolled = derived.rollups["6.2"]
    by_name = {p.name: rolled.period(p) for p in renstra.matrices["6.2"].programs}
    assert by_name["PROGRAM PERLINDUNGAN DAN JAMINAN SOSIAL"] == 6_373_882_571
    assert by_name["PROGRAM PENANGANAN BENCANA"] == 6_859_705_997


def test_grand_totals(shipped) -> None:
    _, derived = shipped
    rolled = derived.rollups["6.2"]
    assert rupiah(rolled.grand[2022]) == "12.206.342.370"
    assert rolled.grand_period == 65_116_280_252
    assert derived.rollups["6.1"].grand[2021] == 13_125_883_501


def test_kegiatan_is_sum_of_its_sub_kegiatan(shipped) -> None:
    renstra, _ = shipped
    matrix = renstra.matrices["6.1"]
    rolled = rollup(matrix)
    kegiatan = next(
        n for n in matrix.nodes if n.name == "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah"
    )
    assert rolled.pagu[kegiatan.id][2021] == 5_250_000 + 49_139_665 + 361_475_000


def test_staff_totals(shipped) -> None:
    _, derived = shipped
    staff = derived.staff
    assert (staff.by_position, staff.by_status, staff.male, staff.female) == (54, 54, 24, 30)
    assert (staff.pns, staff.contract, staff.by_grade) == (39, 15, 30)


def test_service_and_period_end_ratios(shipped) -> None:
    _, derived = shipped
    assert [persen(v) for v in derived.service_ratios[0].values()] == [
        "88,80%",
        "143,60%",
        "50,80%",
        "96,60%",
        "118,00%",
    ]
    assert persen(derived.period_end_progress[1]) == "132,33%"
    assert persen(derived.period_end_progress[2]) == "28,67%"


def test_budget_figures(shipped) -> None:
    _, derived = shipped
    figures = derived.budget[0]
    assert persen(figures.ratios[2019]) == "91,31%"
    assert persen(figures.mean_ratio) == "89,95%"
    assert (derived.budget_min, derived.budget_max) == (6_579_168_248, 9_677_403_097)


def test_end_of_period_rules(shipped) -> None:
    renstra, _ = shipped
    years = renstra.matrices["6.2"].years
    node = next(
        n
        for n in renstra.matrices["6.2"].nodes
        if n.name.startswith("Penyelenggaraan Pemberdayaan Masyarakat")
    )
    indicator = node.indicators[0]
    assert end_of_period(indicator, years) == Quantity(Decimal(20), "%")
    indicator.rule = "jumlah"
    try:
        assert end_of_period(indicator, years).value == 100
    finally:
        indicator.rule = "terakhir"
