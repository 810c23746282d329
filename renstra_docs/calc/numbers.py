"""Ratios, sums and growth on exact values. A missing or zero denominator gives None (missing),
never 0 and never infinity. Nothing is rounded here: rounding happens in fmt only."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TypeVar

HUNDRED = Decimal(100)


def ratio(numerator: Decimal | int | None, denominator: Decimal | int | None) -> Decimal | None:
    """numerator / denominator x 100 (percent points)."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return Decimal(numerator) * HUNDRED / Decimal(denominator)


def achievement(target: Decimal | None, actual: Decimal | None, polarity: str) -> Decimal | None:
    """Rasio capaian (T-C.23). Positif: realisasi / target x 100%. Negatif (lower is better):
    (target - (realisasi - target)) / target x 100%, the usual SAKIP formula."""
    if polarity == "Negatif":
        if target is None or actual is None:
            return None
        return ratio(2 * target - actual, target)
    return ratio(actual, target)


Num = TypeVar("Num", int, Decimal)


def total(values: Iterable[Num | None]) -> Num | None:
    """Sum of the known values; None when none is known."""
    known = [v for v in values if v is not None]
    return sum(known[1:], known[0]) if known else None


def year_on_year(values: list[int | Decimal | None]) -> list[Decimal | None]:
    """Growth from each year to the next, in percent points (len(values) - 1 rates)."""
    return [
        None if prev is None or cur is None else _minus_hundred(ratio(cur, prev))
        for prev, cur in zip(values, values[1:], strict=False)
    ]


def mean_growth(values: list[int | Decimal | None]) -> Decimal | None:
    """Rata-rata pertumbuhan: the mean of the year-on-year growth rates."""
    rates = [r for r in year_on_year(values) if r is not None]
    return sum(rates, Decimal(0)) / len(rates) if rates else None


def compound_growth(values: list[int | Decimal | None]) -> Decimal | None:
    """Compound annual growth rate between the first and the last known value."""
    known = [(i, Decimal(v)) for i, v in enumerate(values) if v is not None]
    if len(known) < 2 or known[0][1] <= 0 or known[-1][1] < 0:
        return None
    (first_i, first), (last_i, last) = known[0], known[-1]
    factor = (last / first) ** (Decimal(1) / Decimal(last_i - first_i))
    return (factor - 1) * HUNDRED


def growth(values: list[int | Decimal | None], method: str) -> Decimal | None:
    return compound_growth(values) if method == "majemuk" else mean_growth(values)


def decline(previous: int | Decimal | None, current: int | Decimal | None) -> Decimal | None:
    """Persentase penurunan: (n-1 - n) / (n-1) x 100%."""
    if previous is None or current is None:
        return None
    return ratio(Decimal(previous) - Decimal(current), previous)


def _minus_hundred(value: Decimal | None) -> Decimal | None:
    return None if value is None else value - HUNDRED
