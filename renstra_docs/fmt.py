"""The one place where numbers become text (id-ID, via Babel), with round-half-up.

Totals and ratios are computed on exact values and rounded only here, when shown. The same
functions are the Jinja filters of the chapter templates.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from numbers import Integral

from .quantity import Quantity

LOCALE = "id_ID"
MISSING = "n/a"  # how a missing value is shown, everywhere
RATIO_DECIMALS = 2
_ID_SEPARATORS = str.maketrans(",.", ".,")  # id-ID: '.' groups thousands, ',' is the decimal


def round_half_up(value: Decimal | int, places: int = 0) -> Decimal:
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def angka(value: Decimal | int | None, decimals: int | None = 0) -> str:
    """1234567 -> '1.234.567'; decimals=None keeps the value's own decimals (88.42 -> '88,42')."""
    if value is None:
        return MISSING
    if not isinstance(value, int | Decimal) and isinstance(value, Integral):
        value = int(value)  # numpy integers from a frame
    if isinstance(value, int) and not decimals:  # whole rupiah and counts: nothing to round
        return format(value, ",d").translate(_ID_SEPARATORS)
    value = Decimal(value)
    if decimals is None:
        decimals = own_decimals(value)
    rounded = round_half_up(value, decimals)
    # Babel's format_decimal(rounded, "#,##0.00", locale="id_ID") gives the same text (see
    # tests/test_fmt_babel.py) at 7x the cost: it was the largest cost of a 20.000-row build.
    return format(rounded, f",.{decimals}f").translate(_ID_SEPARATORS)


def own_decimals(value: Decimal | int) -> int:
    """The decimals a value shows as typed: 4.40 -> 1 (4,4), 1680 -> 0."""
    if isinstance(value, int):
        return 0
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def rupiah(value: Decimal | int | None, prefix: bool = False) -> str:
    """Integer rupiah: 12206342370 -> '12.206.342.370' (or 'Rp 12.206.342.370')."""
    if value is None:
        return MISSING
    text = angka(value, 0)
    return f"Rp {text}" if prefix else text


def persen(value: Decimal | int | None, decimals: int | None = RATIO_DECIMALS) -> str:
    """Percent points: 91.3145 -> '91,31%'; decimals=None shows the value as typed."""
    if value is None:
        return MISSING
    return angka(value, decimals) + "%"


def miliar(value: Decimal | int | None, decimals: int = 2) -> str:
    """9677403097 -> '9,68 miliar' (for narrative ranges)."""
    if value is None:
        return MISSING
    return angka(Decimal(value) / Decimal(10) ** 9, decimals) + " miliar"


def kuantitas(quantity: Quantity | None, unit: str | None = None) -> str:
    """A target as the seed prints it: '100%', '38 orang', '1.000 makan minum'."""
    if quantity is None or quantity.value is None:
        return MISSING
    shown_unit = quantity_unit(quantity, unit)
    if shown_unit == "%":
        return persen(quantity.value, None)
    number = angka(quantity.value, None)
    return f"{number} {shown_unit}" if shown_unit else number


def quantity_unit(quantity: Quantity, unit: str | None = None) -> str | None:
    """The unit a quantity is shown with: the indicator's `unit` (as spelled there) when the
    typed one agrees with it or is missing, else the typed one."""
    return unit if unit and quantity.unit in (None, unit.lower()) else quantity.unit


FILTERS: dict[str, Callable[..., str]] = {
    "angka": angka,
    "rupiah": rupiah,
    "persen": persen,
    "miliar": miliar,
    "kuantitas": kuantitas,
}
