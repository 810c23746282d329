"""Fuzzing: random cell values of every type never make anything but our findings come out."""

from __future__ import annotations

import math
import re
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import MATRIX_HEADER, MATRIX_SCHEMA, ROOT, SHEET, WORKBOOK
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from renstra_docs.config import load_config
from renstra_docs.findings import CATALOGUE, Finding, RenstraError
from renstra_docs.model import load
from renstra_docs.sources import normalise as nz
from renstra_docs.sources.read import read_workbook
from renstra_docs.sources.schema import LEVELS

_FIXTURE_OK = [HealthCheck.function_scoped_fixture]  # tmp_path is reused; each example overwrites
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_NUMBER_TEXT = st.builds(
    lambda sign, digits, sep, unit: f"{sign}{sep.join(digits)}{unit}",
    st.sampled_from(["", "-", "+"]),
    st.lists(st.from_regex(r"\d{1,4}", fullmatch=True), min_size=1, max_size=4),
    st.sampled_from([".", ",", " ", ""]),
    st.sampled_from(["", "%", " %", " Orang", " orang*", "e5", " 12", "\n3", " Rp"]),
)
CELL_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),  # any characters: controls, surrogates, emoji, RTL marks
    st.text(alphabet="0123456789.,-+% nN/aA#!", max_size=16),
    _NUMBER_TEXT,
    st.sampled_from(sorted(nz.EXCEL_ERRORS | nz.MISSING_MARKS)),
    st.sampled_from(
        [
            "Program",
            "sub kegiatan",
            "P1.K1",
            "1.06.01",
            "{{ x }}",
            "=SUM(A1)",
            '=HYPERLINK("http://x","y")',
            "_x0007_",
            "_x005F_x0041_",
        ]
    ),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.timedeltas(),
)


def _check_finding(finding: Finding) -> None:
    assert finding.code in CATALOGUE, finding.code
    assert "\n" not in finding.line()


def _no_nan(value: Any) -> None:
    if isinstance(value, dict):
        for item in value.values():
            _no_nan(item)
    elif isinstance(value, nz.Quantity):
        _no_nan(value.value)
    elif isinstance(value, Decimal):  # math.isinf() would overflow a huge but finite Decimal
        assert value.is_finite(), value
    elif isinstance(value, float):
        assert not (math.isnan(value) or math.isinf(value)), value


@settings(max_examples=400, deadline=None)
@given(CELL_VALUES, st.booleans())
def test_normaliser_raises_only_cell_errors(raw: Any, percent_format: bool) -> None:
    calls = [
        lambda: nz.parse_quantity(raw, percent_format),
        lambda: nz.parse_number(raw),
        lambda: nz.parse_money(raw),
        lambda: nz.parse_count(raw, "orang"),
        lambda: nz.parse_code(raw),
        lambda: nz.parse_choice(raw, LEVELS),
    ]
    for call in calls:
        try:
            result = call()
        except nz.CellError as err:
            assert err.code in CATALOGUE, err.code
            continue
        _no_nan(result)
        if isinstance(result, int) and not isinstance(result, bool):
            assert result >= 0
    assert nz.is_missing(raw) in (True, False)
    text = nz.text_of(raw)
    assert isinstance(text, str)
    cleaned, removed = nz.clean_text(nz.unescape_ooxml(text))
    assert not _ILLEGAL.search(cleaned)
    assert removed or cleaned == nz.unescape_ooxml(text).strip()


def _writable(value: Any) -> Any:
    """What a spreadsheet can hold: XML-forbidden characters as Excel's `_xHHHH_` escapes."""
    if isinstance(value, str):
        return _ILLEGAL.sub(lambda m: f"_x{ord(m.group()):04X}_", value)
    if isinstance(value, Decimal) and value.is_snan():
        return Decimal("NaN")  # openpyxl cannot write a signaling NaN at all
    return value


ROWS = st.lists(
    st.lists(CELL_VALUES, min_size=len(MATRIX_HEADER), max_size=len(MATRIX_HEADER)),
    min_size=1,
    max_size=4,
)
EXTRA_HEADER = st.one_of(st.none(), st.text(min_size=1, max_size=12), st.integers(0, 3000))


@settings(max_examples=60, deadline=None, suppress_health_check=_FIXTURE_OK)
@given(rows=ROWS, extra=EXTRA_HEADER, extra_values=st.lists(CELL_VALUES, min_size=4, max_size=4))
def test_reader_returns_only_findings(
    tmp_path: Path, rows: list[list[Any]], extra: Any, extra_values: list[Any]
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append([*MATRIX_HEADER, _writable(extra)])
    for row, extra_value in zip(rows, extra_values, strict=False):
        sheet.append([_writable(v) for v in (*row, extra_value)])
    path = tmp_path / WORKBOOK
    book.save(path)
    try:
        data = read_workbook(path, MATRIX_SCHEMA)
    except RenstraError as err:
        assert err.findings
        for finding in err.findings:
            _check_finding(finding)
        return
    for finding in data.findings:
        _check_finding(finding)
        assert finding.location is not None and finding.location.workbook == WORKBOOK
    for row in data.sheets[SHEET].rows:
        _no_nan(row.values)
        for key in ("id", "induk", "kode", "nama", "unit_kerja", "lokasi"):
            value = row.values[key]
            assert value is None or (isinstance(value, str) and not _ILLEGAL.search(value))
        for amount in row.values["pagu"].values():
            assert amount is None or (type(amount) is int and amount >= 0)


@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz_project")
    shutil.copy(ROOT / "renstra.toml", root / "renstra.toml")
    shutil.copytree(ROOT / "source_tables", root / "source_tables")
    return root


@settings(max_examples=10, deadline=None, suppress_health_check=_FIXTURE_OK)
@given(
    cells=st.lists(
        st.tuples(st.integers(2, 40), st.integers(1, 20), CELL_VALUES), min_size=1, max_size=6
    )
)
def test_loader_returns_only_findings(
    fuzz_project: Path, cells: list[tuple[int, int, Any]]
) -> None:
    path = fuzz_project / "source_tables" / WORKBOOK
    original = (ROOT / "source_tables" / WORKBOOK).read_bytes()
    book = openpyxl.load_workbook(path)
    for row, column, value in cells:
        book[SHEET].cell(row=row, column=column).value = _writable(value)
    book.save(path)
    try:
        renstra = load(load_config(fuzz_project))
    except RenstraError as err:
        for finding in err.findings:
            _check_finding(finding)
    else:
        for finding in renstra.findings:
            _check_finding(finding)
    finally:
        path.write_bytes(original)
