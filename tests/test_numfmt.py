"""The number-format definitions copied to avoid importing openpyxl agree with openpyxl."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.styles import numbers
from openpyxl.utils import get_column_letter

from renstra_docs.sources import numfmt

SAMPLES = [
    "General", "0", "#,##0", "0.00%", '#,##0 "Orang"', "dd/mm/yyyy", "d-mmm-yy", "h:mm",
    "[h]:mm:ss", "mm:ss", '"Tahun" 0', "[Red]#,##0", "yyyy-mm-dd hh:mm", "0;[Red]-0", "@",
    '_("Rp"* #,##0_)', "[$-421]dddd, d mmmm yyyy", "[mm]:ss", '0 "d"', "#,##0\\ \"m\"",
]  # fmt: skip


def test_builtin_formats_are_openpyxl_s() -> None:
    assert numfmt.BUILTIN_FORMATS == numbers.BUILTIN_FORMATS


def test_date_and_duration_detection_on_samples() -> None:
    formats = SAMPLES + list(numbers.BUILTIN_FORMATS.values())
    assert [numfmt.is_date_format(f) for f in formats] == [
        numbers.is_date_format(f) for f in formats
    ]
    assert [numfmt.is_timedelta_format(f) for f in formats] == [
        numbers.is_timedelta_format(f) for f in formats
    ]


_CODE_CHARS = "0#,.%@$-/: dmhysDMHYSAPaep"
_TOKENS = st.one_of(
    st.text(alphabet=_CODE_CHARS, min_size=1, max_size=3),
    st.text(alphabet=_CODE_CHARS + "_\\[]", max_size=4).map(lambda t: f'"{t}"'),  # quoted
    st.sampled_from(_CODE_CHARS).map(lambda c: "\\" + c),  # escaped
    st.sampled_from(_CODE_CHARS).map(lambda c: "_" + c),  # padding
    st.sampled_from(["[Red]", "[h]", "[mm]", "[ss]", "[H]", "[$-421]", "[>=100]", "[$Rp-421]"]),
)
_WELL_FORMED = st.lists(st.lists(_TOKENS, max_size=5).map("".join), min_size=1, max_size=3).map(
    ";".join
)


@given(_WELL_FORMED)
def test_date_detection_on_random_formats(fmt: str) -> None:
    """The tokeniser finds the dates openpyxl finds in every well-formed format code."""
    assert numfmt.is_date_format(fmt) == numbers.is_date_format(fmt)
    assert numfmt.is_timedelta_format(fmt) == numbers.is_timedelta_format(fmt)


@pytest.mark.parametrize(
    ("fmt", "ours"),
    [
        ("#,##0*d", False),  # fill with the letter d: no day code (openpyxl: a date)
        ('"x;"d', True),  # the `;` is quoted: d is a day code (openpyxl splits there)
        ('"D', False),  # an unterminated quote: text to the end (openpyxl: a date)
        ("\\_D", True),  # an escaped underscore, then a day code (openpyxl: padding)
    ],
)
def test_where_the_tokeniser_knows_better_than_openpyxl(fmt: str, ours: bool) -> None:
    assert numfmt.is_date_format(fmt) is ours
    assert numbers.is_date_format(fmt) is not ours


@pytest.mark.parametrize(
    ("fmt", "scaled", "unit"),
    [
        ("0.00%", True, "%"),  # a percent code: 0.8842 is 88,42%
        ("0%;[Red]-0%", True, "%"),
        ("0.00\\%", False, "%"),  # an escaped percent: 0.75 is 0,75% (as Calc shows it)
        ('0.00"%"', False, "%"),  # a quoted percent: 88.42 is 88,42%
        ('0.00" %"', False, "%"),
        ('#,##0 "Orang"', False, "Orang"),
        ('#,##0" Orang"', False, "Orang"),  # as LibreOffice writes it
        ("#,##0\\ \\o\\r\\a\\n\\g", False, "orang"),  # escaped letters, one word
        ('"Tahun" 0', False, "Tahun"),
        ('_-* #,##0_-;-* #,##0_-;_-* "-"_-;_-@_-', False, None),  # Comma style: no "-" unit
        (numbers.BUILTIN_FORMATS[41], False, None),
        (numbers.BUILTIN_FORMATS[43], False, None),
        ('_("Rp"* #,##0_)', False, "Rp"),
        ('0;"%";0', False, None),  # only the first section counts
        ('0 "-"', False, None),  # a lone dash is no unit
        ("[Red]0.0", False, None),
        ("General", False, None),
    ],
)
def test_percent_and_unit_of_a_format(fmt: str, scaled: bool, unit: str | None) -> None:
    info = numfmt.describe(fmt)
    assert (info.scaled, info.unit) == (scaled, unit)


@pytest.mark.parametrize(
    ("fmt", "general"),
    [("General", True), ("general", True), ("", True), ("General;-General", True),
     ("0", False), ('General" orang"', False), ("0%", False), ("@", False)],
)  # fmt: skip
def test_general_format(fmt: str, general: bool) -> None:
    assert numfmt.describe(fmt).general is general


@given(st.integers(min_value=1, max_value=16384))
def test_column_letters_are_openpyxl_s(index: int) -> None:
    assert numfmt.column_letter(index) == get_column_letter(index)
    assert numfmt.column_number(get_column_letter(index)) == index


def test_patterns_and_flags_are_openpyxl_s() -> None:
    assert (numfmt._TIMEDELTA.pattern, numfmt._TIMEDELTA.flags) == (
        numbers.TIMEDELTA_RE.pattern,
        numbers.TIMEDELTA_RE.flags,
    )
    assert numfmt.is_timedelta_format("[H]:MM") is True


@given(st.text(max_size=40))
def test_any_format_code_is_described(fmt: str) -> None:
    """Whatever a workbook holds as a format code, describe() answers (and never raises)."""
    info = numfmt.describe(fmt)
    assert info.unit is None or (info.unit == info.unit.strip() and info.unit)
    assert not info.scaled or info.unit == "%"
