"""Cells of a printed table as typed values, and back as the raw values `sources/write.py` takes.

Numbers stored by Excel are doubles: they are read through 15 significant digits (0.1 + 0.2 is
0.3). Text goes through `sources/normalise.py` (`1.234.567`, `58,90`, `58,90%`, `20 Orang`); a
number broken by a space as PDF copies print it (`736.88 3.000`) is joined when every part is a
digit group and the whole reads as one grouped number. A plain number in a ratio column is in
percent points (58,90 means 58,90%); a cell formatted as a percentage holds a fraction.
Every function raises `CellError` (normalise.py) on a value it cannot read.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from ..sources import normalise as nz

_BROKEN = re.compile(r"[\d.,]+(?: [\d.,]+)+")
_CURRENCY = re.compile(r"^rp\.?\s*", re.I)
_UNIT_TEXT = re.compile(r"[+-]?\d[\d.,]*\s*(.*)", re.S)
_UNIT_IN_FORMAT = re.compile(r'"([^"]+)"')
_ZEROS = re.compile(r"0+(?:\.(0+))?")


@dataclass(frozen=True)
class Amount:
    """A number as printed, with its unit as printed (`Orang`, `%`) or none."""

    value: Decimal
    unit: str | None = None

    def raw(self) -> Decimal | str:
        """What `sources/write.py` stores as this number (a unit goes into the number format)."""
        if self.unit is None:
            return self.value
        number = format(self.value, "f").replace(".", ",")  # id-ID: a comma is always decimal
        return f"{number}%" if self.unit == "%" else f"{number} {self.unit}"

    def same(self, other: Amount | None) -> bool:
        return other is not None and self.value == other.value and _unit(self) == _unit(other)


def _unit(amount: Amount) -> str | None:
    return nz.normalise_unit(amount.unit)


def native(raw: int | float) -> Decimal:
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise nz.CellError("type-error", f"{raw!r} bukan angka")
        return Decimal(f"{raw:.15g}")
    return Decimal(raw)


def is_number(raw: Any) -> bool:
    return isinstance(raw, int | float) and not isinstance(raw, bool)


def number_text(text: str) -> str:
    """The text of a printed number: spaces normalised, `Rp` dropped, broken groups joined."""
    cleaned = _CURRENCY.sub("", " ".join(text.split()))
    if _BROKEN.fullmatch(cleaned):
        joined = cleaned.replace(" ", "")
        try:
            nz.parse_number_text(joined)
        except nz.CellError:
            return cleaned
        if "." in joined or "," in joined:
            return joined
    return cleaned


def amount(raw: Any, number_format: str = "General") -> Amount | None:
    """A number with an optional unit (targets, realisasi, baseline)."""
    if nz.is_missing(raw):
        return None
    if is_number(raw):
        value = native(raw)
        if "%" in number_format:
            return Amount(nz.scale_percent(value), "%")
        in_format = _UNIT_IN_FORMAT.search(number_format)
        return Amount(value, in_format.group(1).strip() if in_format else None)
    if not isinstance(raw, str):
        nz.parse_quantity(raw)  # raises the reader's error for dates, booleans ...
        raise nz.CellError("type-error", f"{raw!r} bukan angka")
    return _text_amount(raw)


@lru_cache(maxsize=4096)
def _text_amount(raw: str) -> Amount | None:
    """A printed text as a number (tables repeat the same `100 Orang` thousands of times)."""
    text = number_text(raw)
    quantity = nz.parse_quantity(text)
    if quantity.value is None:
        return None
    match = _UNIT_TEXT.fullmatch(text)
    unit = match.group(1).strip() if match and quantity.unit else None
    return Amount(quantity.value, "%" if quantity.unit == "%" else unit)


def money(raw: Any, number_format: str = "General") -> int | None:
    """Whole rupiah, never negative."""
    if type(raw) is int and raw >= 0:
        return raw  # what parse_money gives back for it
    if nz.is_missing(raw):
        return None
    if is_number(raw):
        return nz.parse_money(native(raw))
    return nz.parse_money(number_text(raw) if isinstance(raw, str) else raw)


def percent(raw: Any, number_format: str = "General") -> Decimal | None:
    """Percent points: 58,90% and a plain 58,90 are both 58.90; a %-formatted 0.589 too."""
    if nz.is_missing(raw):
        return None
    if is_number(raw):
        value = native(raw)
        return nz.scale_percent(value) if "%" in number_format else value
    found = amount(raw, number_format)
    if found is None:
        return None
    if found.unit not in (None, "%"):
        raise nz.CellError("type-error", f"{raw!r} bukan persentase")
    return found.value


def count(raw: Any, number_format: str = "General") -> int | None:
    """A printed row number (No)."""
    found = amount(raw, number_format)
    if found is None or found.unit is not None or found.value != found.value.to_integral_value():
        return None
    return int(found.value)


def text(raw: Any) -> str | None:
    """Text with its spaces normalised (line breaks of wrapped cells become spaces)."""
    if raw is None:
        return None
    cleaned, _ = nz.clean_text(" ".join(nz.text_of(raw).split()))
    return cleaned or None


def code_text(raw: Any, number_format: str = "General") -> str | None:
    """A code cell as Excel shows it: a number keeps the zeros of its format (`00` -> 02)."""
    if raw is None:
        return None
    if is_number(raw):
        zeros = _ZEROS.fullmatch(number_format)
        if zeros:
            decimals = len(zeros.group(1) or "")
            shown = f"{raw:.{decimals}f}"
            width = len(number_format.split(".")[0])
            whole, _, frac = shown.partition(".")
            return whole.zfill(width) + (f".{frac}" if frac else "")
        return nz.text_of(raw)
    found = "".join(str(raw).split())
    return found or None
