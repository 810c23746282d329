"""Turn raw cell values (as openpyxl gives them) into typed values, strictly.

Indonesian conventions: `.` groups thousands and `,` is the decimal mark, so `1.234.567` is one
million two hundred thirty-four thousand five hundred sixty-seven and `88,42%` is 88.42 percent.
English grouping is accepted where it is unambiguous (`1,234,567`, `1,234.5`). A single dot
followed by exactly three digits (`1.234`) is ambiguous and follows the Indonesian reading
(1234); a single comma is always the Indonesian decimal mark (`1,234` is 1.234).

A unit may follow the number (`20 Orang` -> 20, `orang`); it starts with a letter or a symbol,
so `12 34`, `1e5` or a second line are type errors, never 12 with the unit `34`. Rupiah takes no
unit at all. NaN and infinity (float or Decimal) are type errors.

Every function raises `CellError(code, message)` on bad input; the reader adds the location.
Missing values (`''`, `-`, `n/a`, `n.a` ...) come back as None, never NaN.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ..quantity import Quantity

MISSING_MARKS = frozenset({"", "-", "–", "—", "n/a", "n/a*", "n.a", "n.a.", "na", "n/a.", "#n/a*"})
EXCEL_ERRORS = frozenset(
    {
        "#DIV/0!",
        "#REF!",
        "#N/A",
        "#NAME?",
        "#NULL!",
        "#NUM!",
        "#VALUE!",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
    }
)
# Characters that XML 1.0 forbids (all C0 controls except tab, LF, CR; lone surrogates; FFFE/FFFF).
# Characters XML 1.0 cannot hold (the one rule: the reader reports them, the writers drop them).
ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NUMBER = re.compile(r"([+-]?)(\d[\d.,]*)")
_QUANTITY = re.compile(r"([+-]?\d[\d.,]*)(?:\s*(.*))?", re.S)
# A unit starts with a letter, `%` or another symbol: never with a digit or a separator (`12 34`
# is not 12 with the unit `34`), and is not an exponent (`1e5`) or a line break.
_BAD_UNIT = re.compile(r"[\d.,+\-]|[eE][+-]?\d|.*[\n\r]", re.S)
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._\-/]*")
_SPACES = re.compile(r"[ \u00a0\u202f]+")
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


class _Uncalculated:
    """The raw value of a formula cell without a cached result (never calculated and saved)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "UNCALCULATED"

    def __str__(self) -> str:
        return "(rumus belum dihitung)"


UNCALCULATED: Any = _Uncalculated()  # what xlsx.py reads for such a cell (openpyxl gives None)


class CellError(Exception):
    def __init__(self, code: str, message: str):
        self.code = code
        self.message = message
        super().__init__(message)


def is_missing(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and raw.strip().lower() in MISSING_MARKS)


def clean_text(raw: str) -> tuple[str, bool]:
    """Strip and remove XML-forbidden characters; returns (text, whether any were removed)."""
    cleaned = ILLEGAL_XML.sub("", raw)
    return cleaned.strip(), cleaned != raw


def has_illegal_xml(text: str) -> bool:
    """Whether clean_text would remove anything from `text`."""
    return ILLEGAL_XML.search(text) is not None


def is_code(text: str) -> bool:
    """Whether a stripped, non-empty text is a well-formed code (parse_code returns it as is)."""
    return _CODE.fullmatch(text) is not None


def unescape_ooxml(text: str) -> str:
    """Decode the `_xHHHH_` escapes Excel writes for characters XML cannot hold (`_x0007_` is BEL).

    openpyxl hands them over literally; decoded, the forbidden ones are then removed by
    clean_text with a warning instead of appearing as `_x0007_` in the document.
    """
    if "_x" not in text:
        return text
    return _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def _reject_non_numeric_types(raw: object) -> None:
    if isinstance(raw, bool):
        raise CellError("type-error", f"nilai logika {raw!r} bukan angka")
    if isinstance(raw, dt.datetime | dt.date | dt.time | dt.timedelta):
        raise CellError("date-not-number", f"tanggal/waktu {raw} bukan angka")
    if isinstance(raw, str) and raw.strip() in EXCEL_ERRORS:
        raise CellError("excel-error", f"nilai galat Excel {raw.strip()}")


def _valid_groups(groups: list[str]) -> bool:
    first, rest = groups[0], groups[1:]
    return (
        1 <= len(first) <= 3
        and (first != "0" or not rest)
        and not (first.startswith("0") and len(first) > 1)
        and all(len(g) == 3 for g in rest)
    )


def _parse_digits(body: str) -> Decimal:
    """Parse digits with `.`/`,` separators into a Decimal, or raise number-format."""
    bad = CellError("number-format", f"angka {body!r} tidak dapat dibaca dengan pasti")
    has_dot, has_comma = "." in body, "," in body
    if has_dot and has_comma:
        decimal_mark = body[max(body.rfind("."), body.rfind(","))]
        group_mark = "," if decimal_mark == "." else "."
        whole, frac = body.rsplit(decimal_mark, 1)
        if decimal_mark in whole or not frac or not _valid_groups(whole.split(group_mark)):
            raise bad
        return Decimal(whole.replace(group_mark, "") + "." + frac)
    if not (has_dot or has_comma):
        return Decimal(body)
    mark = "." if has_dot else ","
    parts = body.split(mark)
    if any(p == "" for p in parts):
        raise bad
    if len(parts) > 2:
        if not _valid_groups(parts):
            raise bad
        return Decimal("".join(parts))
    whole, frac = parts
    if mark == "." and len(frac) == 3 and _valid_groups(parts):
        return Decimal(whole + frac)  # 1.234 -> 1234 (Indonesian reading)
    return Decimal(whole + "." + frac)


def parse_number_text(text: str) -> Decimal:
    s = _SPACES.sub(" ", text).strip()
    match = _NUMBER.fullmatch(s)
    if not match:
        raise CellError("type-error", f"{text!r} bukan angka")
    value = _parse_digits(match.group(2))
    return -value if match.group(1) == "-" else value


def float_text(raw: float) -> str:
    """A double as Excel shows it and Calc writes it: 15 significant digits.

    Excel stores formula results at full precision (`=F2+0.1` may store 0.79999999999999993);
    `repr` would give back every digit of the binary value, 15 digits give the number typed.
    """
    return f"{raw:.15g}"


def from_native(raw: int | float | Decimal) -> Decimal:
    if isinstance(raw, float):
        if math.isnan(raw) or math.isinf(raw):
            raise CellError("type-error", f"{raw!r} bukan angka")
        return Decimal(float_text(raw))
    if isinstance(raw, Decimal) and not raw.is_finite():  # NaN, sNaN, Infinity
        raise CellError("type-error", f"{raw!r} bukan angka")
    return Decimal(raw)


def parse_quantity(raw: object, percent_format: bool = False) -> Quantity:
    """A number with an optional unit: `20 Orang`, `88,42%`, `88.42 %`, 1234, 0.8842 (% format)."""
    if is_missing(raw):
        return Quantity(None)
    _reject_non_numeric_types(raw)
    if isinstance(raw, int | float | Decimal):
        value = from_native(raw)
        if percent_format:
            return Quantity(scale_percent(value), "%")
        return Quantity(value)
    if not isinstance(raw, str):
        raise CellError("type-error", f"{raw!r} bukan angka")
    text = _SPACES.sub(" ", raw).strip()
    match = _QUANTITY.fullmatch(text)
    if not match or (match.group(2) and _BAD_UNIT.match(match.group(2))):
        raise CellError("type-error", f"{raw!r} bukan angka")
    value = parse_number_text(match.group(1))
    unit = normalise_unit(match.group(2))
    return Quantity(value, unit)


def scale_percent(fraction: Decimal) -> Decimal:
    scaled = fraction * 100
    if scaled == scaled.to_integral_value():
        return Decimal(int(scaled))  # 88.00 -> 88; quantize() fails above 28 digits
    return scaled.normalize()


def normalise_unit(unit: str | None) -> str | None:
    """Units compare case-insensitively with single spaces: `Orang`, `orang ` -> `orang`."""
    if unit is None:
        return None
    cleaned = _SPACES.sub(" ", unit).strip().lower().rstrip("*").strip()
    return cleaned or None


def parse_number(raw: object, percent_format: bool = False) -> Decimal | None:
    return parse_quantity(raw, percent_format).value


def parse_money(raw: object) -> int | None:
    """Integer rupiah, never negative. `1.219.764.079,00` is accepted (the cents are zero).

    A unit is refused (`88,42%` or `20 Orang` in a rupiah column is a type-error).
    """
    quantity = parse_quantity(raw)
    value = quantity.value
    if value is None:
        return None
    if quantity.unit is not None:
        raise CellError("type-error", f"{raw!r} bukan nilai rupiah")
    if value != value.to_integral_value():
        raise CellError("not-integer", f"{raw!r} bukan rupiah penuh")
    if value < 0:
        raise CellError("negative-amount", f"{raw!r} bernilai negatif")
    return _bounded(int(value), raw)


def parse_count(raw: object, unit: str | None = None) -> int | None:
    """A whole, non-negative count with an optional unit that must match: `20 Orang`."""
    quantity = parse_quantity(raw)
    if quantity.value is None:
        return None
    if unit is not None and quantity.unit is not None and quantity.unit != normalise_unit(unit):
        raise CellError("type-error", f"satuan {quantity.unit!r} seharusnya {unit!r}")
    if quantity.value != quantity.value.to_integral_value():
        raise CellError("not-integer", f"{raw!r} bukan bilangan bulat")
    if quantity.value < 0:
        raise CellError("negative-amount", f"{raw!r} bernilai negatif")
    return _bounded(int(quantity.value), raw)


MAX_WHOLE = 2**63 - 1  # rupiah and counts are Int64 columns


def _bounded(value: int, raw: object) -> int:
    if value > MAX_WHOLE:
        raise CellError("amount-too-large", f"{raw!r} melebihi batas angka yang dapat dihitung")
    return value


def parse_code(raw: object) -> str | None:
    """Codes and IDs are text: a number would lose trailing zeros (1.10 -> 1.1)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool | int | float | Decimal):
        raise CellError("code-as-number", f"kode {raw!r} tersimpan sebagai angka")
    if not isinstance(raw, str):
        raise CellError("invalid-code", f"{raw!r} bukan kode")
    code = raw.strip()
    if code in EXCEL_ERRORS:
        raise CellError("excel-error", f"nilai galat Excel {code}")
    if not _CODE.fullmatch(code):
        raise CellError("invalid-code", f"kode {code!r} berisi karakter yang tidak diperbolehkan")
    return code


def parse_choice(raw: object, choices: tuple[str, ...]) -> str | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    text = _SPACES.sub(" ", str(raw)).strip()
    for choice in choices:
        if choice.casefold() == text.casefold():
            return choice
    raise CellError("invalid-choice", f"{text!r} bukan salah satu dari: {', '.join(choices)}")


def text_of(raw: object) -> str:
    """The text of a text cell; numbers become their plain text (2016 -> '2016')."""
    if isinstance(raw, str):
        return raw
    if isinstance(raw, bool):
        return "Ya" if raw else "Tidak"
    if isinstance(raw, float):
        return str(int(raw)) if raw.is_integer() else float_text(raw)
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat(sep=" ")
    if isinstance(raw, dt.date | dt.time):
        return raw.isoformat()
    return str(raw)


def decimals_of(value: Decimal) -> int:
    """Decimal places a typed value shows: 91.1 -> 1, 88 -> 0, 88.42 -> 2."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def to_decimal(value: object) -> Decimal:
    try:
        return Decimal(str(value))
    except InvalidOperation as exc:  # pragma: no cover - guarded by callers
        raise CellError("type-error", f"{value!r} bukan angka") from exc
