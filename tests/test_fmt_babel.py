"""fmt.angka formats like Babel's id_ID format_decimal, without Babel's per-call cost."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from renstra_docs import fmt


def _babel(value: Decimal, decimals: int) -> str:
    rounded = fmt.round_half_up(value, decimals)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(rounded, format=pattern, locale=fmt.LOCALE)


@given(
    st.decimals(min_value=-(10**15), max_value=10**15, allow_nan=False, places=6),
    st.integers(min_value=0, max_value=4),
)
def test_angka_equals_babel(value: Decimal, decimals: int) -> None:
    assert fmt.angka(value, decimals) == _babel(value, decimals)


def test_angka_examples() -> None:
    assert fmt.angka(12206342370) == "12.206.342.370"
    assert fmt.angka(Decimal("88.42"), None) == "88,42"
    assert fmt.angka(Decimal("-0.5"), 0) == _babel(Decimal("-0.5"), 0)
    assert fmt.persen(Decimal("91.3145")) == "91,31%"


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_whole_numbers_equal_babel(value: int) -> None:
    assert fmt.angka(value) == format_decimal(value, format="#,##0", locale="id_ID")
