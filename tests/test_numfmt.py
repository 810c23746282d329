"""The number-format definitions copied to avoid importing openpyxl agree with openpyxl."""

from __future__ import annotations

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


@given(st.text(alphabet='0#,.%;@"[]$-_\\/: dmhysDMHYSAPaep', max_size=20))
def test_date_detection_on_random_formats(fmt: str) -> None:
    assert numfmt.is_date_format(fmt) == numbers.is_date_format(fmt)
    assert numfmt.is_timedelta_format(fmt) == numbers.is_timedelta_format(fmt)


@given(st.integers(min_value=1, max_value=16384))
def test_column_letters_are_openpyxl_s(index: int) -> None:
    assert numfmt.column_letter(index) == get_column_letter(index)


def test_patterns_and_flags_are_openpyxl_s() -> None:
    assert (numfmt._TIMEDELTA.pattern, numfmt._TIMEDELTA.flags) == (
        numbers.TIMEDELTA_RE.pattern,
        numbers.TIMEDELTA_RE.flags,
    )
    assert (numfmt._STRIP.pattern, numfmt._STRIP.flags) == (
        numbers.STRIP_RE.pattern,
        numbers.STRIP_RE.flags,
    )
    assert numfmt.is_timedelta_format("[H]:MM") is True
