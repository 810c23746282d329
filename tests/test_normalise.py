"""The normaliser: Indonesian numbers, percents, units, missing marks and bad cell values."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from renstra_docs.fmt import angka
from renstra_docs.sources import normalise as nz
from renstra_docs.sources.normalise import CellError, Quantity


def error_code(func, *args) -> str:
    with pytest.raises(CellError) as info:
        func(*args)
    return info.value.code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234.567", Decimal(1234567)),  # Indonesian grouping
        ("1,234,567", Decimal(1234567)),  # English grouping
        ("1.234,5", Decimal("1234.5")),  # Indonesian decimal
        ("1,234.5", Decimal("1234.5")),  # English decimal
        ("1.234", Decimal(1234)),  # ambiguous: the Indonesian reading
        ("4.44", Decimal("4.44")),
        ("0.123", Decimal("0.123")),  # a leading zero cannot be a thousands group
        ("1,5", Decimal("1.5")),
        ("1,234", Decimal("1.234")),  # a single comma is always the decimal mark
        ("-1.234.567", Decimal(-1234567)),
        (" 12 ", Decimal(12)),
        ("1.219.764.079,00", Decimal("1219764079.00")),
    ],
)
def test_number_text(text: str, expected: Decimal) -> None:
    value = nz.parse_number(text)
    assert value == expected
    assert isinstance(value, Decimal)


@pytest.mark.parametrize(
    "text", ["1.23.456", "1,234.567,8", "12.34.567", "1..2", "1.234.5", "1.", "1,,5"]
)
def test_ambiguous_or_broken_grouping_is_number_format(text: str) -> None:
    assert error_code(nz.parse_number, text) == "number-format"


@pytest.mark.parametrize("text", ["88,42%", "88.42 %", "88,42 %", " 88.42% "])
def test_percent_text(text: str) -> None:
    assert nz.parse_quantity(text) == Quantity(Decimal("88.42"), "%")


def test_percent_format_scales_the_stored_fraction() -> None:
    assert nz.parse_quantity(0.8842, percent_format=True) == Quantity(Decimal("88.42"), "%")
    assert nz.parse_quantity(1, percent_format=True) == Quantity(Decimal(100), "%")


@pytest.mark.parametrize("raw", [None, "", "   ", "-", "n/a", "N/A", "n.a", "n.a.", "–"])
def test_missing_marks_are_none_never_nan(raw: object) -> None:
    assert nz.parse_quantity(raw) == Quantity(None)
    for func in (nz.parse_number, nz.parse_money, nz.parse_count):
        assert func(raw) is None


def test_value_with_unit_is_case_normalised() -> None:
    assert nz.parse_quantity("20 Orang") == Quantity(Decimal(20), "orang")
    assert nz.parse_quantity("1.000  Makan\u00a0Minum") == Quantity(Decimal(1000), "makan minum")
    assert nz.parse_count("20 Orang", unit="orang") == 20
    assert nz.parse_count("20 ORANG", unit="Orang") == 20


def test_count_with_a_different_unit_is_a_type_error() -> None:
    assert error_code(nz.parse_count, "20 Dokumen", "orang") == "type-error"


def test_numbers_stored_as_text_equal_numbers_stored_as_numbers() -> None:
    assert nz.parse_number("2016") == nz.parse_number(2016) == Decimal(2016)
    assert nz.parse_number("91,1") == nz.parse_number(91.1) == Decimal("91.1")
    assert nz.parse_money("3.966.449.000") == nz.parse_money(3966449000) == 3966449000


@pytest.mark.parametrize("error", sorted(nz.EXCEL_ERRORS))
def test_excel_error_strings(error: str) -> None:
    for func in (nz.parse_number, nz.parse_money, nz.parse_count, nz.parse_code):
        assert error_code(func, error) == "excel-error"


@pytest.mark.parametrize(
    "raw",
    [dt.date(2022, 1, 5), dt.datetime(2022, 1, 5, 10, 0), dt.time(12, 30), dt.timedelta(days=3)],
)
def test_dates_where_a_number_belongs(raw: object) -> None:
    for func in (nz.parse_number, nz.parse_money, nz.parse_count):
        assert error_code(func, raw) == "date-not-number"


@pytest.mark.parametrize("raw", [True, False])
def test_bools_are_not_numbers(raw: bool) -> None:
    for func in (nz.parse_number, nz.parse_money, nz.parse_count):
        assert error_code(func, raw) == "type-error"


@pytest.mark.parametrize(
    "raw",
    [
        math.nan,
        math.inf,
        -math.inf,
        Decimal("NaN"),
        Decimal("Infinity"),
        Decimal("-Infinity"),
        Decimal("sNaN"),
    ],
)
def test_nan_and_infinity_are_type_errors(raw: object) -> None:
    for func in (nz.parse_number, nz.parse_money, nz.parse_count):
        assert error_code(func, raw) == "type-error"
    assert error_code(nz.parse_quantity, raw, True) == "type-error"


@pytest.mark.parametrize("text", ["abc", "12 34", "1e5", "Rp", "satu", "5\n6"])
def test_text_that_is_not_a_number(text: str) -> None:
    assert error_code(nz.parse_number, text) == "type-error"


def test_money() -> None:
    assert nz.parse_money("1.219.764.079,00") == 1219764079
    assert nz.parse_money(1219764079.0) == 1219764079
    assert isinstance(nz.parse_money(Decimal("5000.00")), int)
    assert error_code(nz.parse_money, "1.219.764.079,50") == "not-integer"
    assert error_code(nz.parse_money, 12.5) == "not-integer"
    assert error_code(nz.parse_money, -5000) == "negative-amount"
    assert error_code(nz.parse_money, "-1.000.000") == "negative-amount"
    assert nz.parse_money(2**63 - 1) == 2**63 - 1  # Int64's largest
    assert error_code(nz.parse_money, "9.223.372.036.854.775.808") == "amount-too-large"


@pytest.mark.parametrize("text", ["88,42%", "20 Orang", "5 kg"])
def test_money_with_a_unit_is_a_type_error(text: str) -> None:
    assert error_code(nz.parse_money, text) == "type-error"


def test_count() -> None:
    assert nz.parse_count(54) == 54
    assert nz.parse_count(54.0) == 54
    assert error_code(nz.parse_count, 5.5) == "not-integer"
    assert error_code(nz.parse_count, -1) == "negative-amount"
    assert error_code(nz.parse_count, 10**19) == "amount-too-large"


def test_codes_are_strings() -> None:
    assert nz.parse_code(" 1.06.01 ") == "1.06.01"
    assert nz.parse_code("P1.K1.S1") == "P1.K1.S1"
    assert nz.parse_code("") is None
    assert nz.parse_code(None) is None


@pytest.mark.parametrize("raw", [1.1, 106, Decimal("1.10"), True])
def test_code_stored_as_number_is_rejected(raw: object) -> None:
    assert error_code(nz.parse_code, raw) == "code-as-number"


@pytest.mark.parametrize("raw", ["P1 K1", "{{ x }}", "=A1", "1.06\x00", dt.date(2022, 1, 1)])
def test_invalid_codes(raw: object) -> None:
    assert error_code(nz.parse_code, raw) == "invalid-code"


def test_choice_is_case_insensitive_and_returns_the_declared_spelling() -> None:
    assert nz.parse_choice(" sub  kegiatan ", ("Program", "Sub Kegiatan")) == "Sub Kegiatan"
    assert nz.parse_choice("", ("Program",)) is None
    assert error_code(nz.parse_choice, "Proyek", ("Program",)) == "invalid-choice"


def test_clean_text_removes_xml_forbidden_characters() -> None:
    assert nz.clean_text("Dinas\x00 So\x0bsial\ud800\ufffe ") == ("Dinas Sosial", True)
    assert nz.clean_text("Tab\tand\nnewline") == ("Tab\tand\nnewline", False)


def test_text_of_keeps_labels_literal() -> None:
    assert nz.text_of('=HYPERLINK("http://x","y")') == '=HYPERLINK("http://x","y")'
    assert nz.text_of("{{ x }} {% if %}") == "{{ x }} {% if %}"
    assert nz.text_of(2016.0) == "2016"
    assert nz.text_of(dt.datetime(2022, 1, 5)) == "2022-01-05"


# ---------------------------------------------------------------- parse(fmt(x)) == x

_AMOUNTS = st.one_of(
    st.integers(min_value=-(10**15), max_value=10**15),
    st.decimals(
        min_value=-(10**12), max_value=10**12, places=2, allow_nan=False, allow_infinity=False
    ),
    st.decimals(min_value=0, max_value=10**6, places=4, allow_nan=False, allow_infinity=False),
)


@settings(max_examples=300, deadline=None)
@given(_AMOUNTS, st.integers(min_value=0, max_value=4))
def test_parsing_the_id_id_text_of_a_number_gives_it_back(
    value: Decimal | int, decimals: int
) -> None:
    text = angka(value, decimals)
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding="ROUND_HALF_UP")
    assert nz.parse_number(text) == rounded, text
    # the value's own decimals (`0,123` below one thousand is never read as thousands)
    assert nz.parse_number(angka(value, None)) == Decimal(value)


@settings(max_examples=100, deadline=None)
@given(st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False))
def test_parsing_an_id_id_percent_gives_it_back(value: Decimal) -> None:
    text = angka(value, 2) + "%"
    assert nz.parse_quantity(text) == Quantity(value, "%")


def test_huge_value_in_a_percent_formatted_cell() -> None:
    # found by fuzzing: quantize() raised InvalidOperation above 28 digits
    assert nz.parse_quantity(1e26, percent_format=True) == Quantity(Decimal(10) ** 28, "%")
