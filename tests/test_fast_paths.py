"""The fast paths of reading give exactly what the general paths give (issue 7).

`xlsx._scanned_rows` reads a plainly written <sheetData> with regular expressions instead of
lxml elements; `read._fast_path` converts the common raw values of a column kind without the
general parse. Both must be invisible: same values, types, number formats and findings.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from renstra_docs.findings import RenstraError
from renstra_docs.sources import read, xlsx
from renstra_docs.sources.schema import Column, Kind, SheetSchema, WorkbookSchema, YearColumns

ROOT = Path(__file__).resolve().parents[1]
_MAIN_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_FIXTURE_OK = [HealthCheck.function_scoped_fixture]
_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<dimension ref="A1:N9"/><sheetData>'
)
_TAIL = b'</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>'
_BOOK = xlsx.Book(
    archive=None,  # type: ignore[arg-type]  # the rows need only strings and formats
    sheets={},
    strings=["gabungan", "x"],
    formats=["General", "#,##0", "yyyy-mm-dd", "0%"],
    date_styles=frozenset({2}),
    timedelta_styles=frozenset(),
    epoch1904=False,
)
_PLAIN = (
    b'<row r="1" spans="1:14" r:dyDescent="0.25">'
    b'<c r="A1" t="inlineStr"><is><t>a &amp; b &#233; &#x41; &lt;&gt;&quot;&apos; \t\n</t></is></c>'
    b'<c r="C1" s="1" t="n"><v>12</v></c><c t="s"><v>0</v></c><c r="E1" t="b"><v>1</v></c>'
    b'<c r="F1" t="e"><v>#DIV/0!</v></c><c r="G1" t="str"><f>A1&amp;"x"</f><v>x</v></c>'
    b'<c r="H1"><f t="shared" ref="H1:H2" si="0"/><v>3</v></c><c r="I1" t="inlineStr"><is/></c>'
    b'<c r="J1" t="inlineStr"><is><t xml:space="preserve">  sp  </t></is></c>'
    b'<c r="K1"><v>1.5E-7</v></c><c r="L1" s="2"><v>45000</v></c><c r="M1" s="3"><v/></c>'
    b'<c r="N1" t="d"><v>2024-05-17T00:00:00</v></c><c r="O1" s="9"><v>0.25</v></c></row>'
    b"<row/>"
    b'<row r="4" spans="1:3"><c r="B4"><v>-3</v></c><c r="D4" s="3"><v>0.8842</v></c></row>'
    b'<row><c><v>007</v></c><c s="2"><v>7</v></c><c t="inlineStr"><is><t/></is></c></row>'
    b'<row r="9"><c r="C9" t="s"><v>1</v></c><c r="A9" t="inlineStr"><is><t>kiri</t></is></c></row>'
)


def _values(rows: Any) -> list[list[tuple[Any, str]]]:
    return [[(c.value, c.number_format) for c in row] for row in rows]


def _same(xml: bytes, fast: bool) -> None:
    """Both paths give the same rows (or the same error); `fast`: the scanner is used."""
    assert (xlsx._plain_sheet_data(xml) is not None) is fast
    try:
        expected = _values(xlsx._tree_rows(xml, _BOOK))
    except Exception as exc:  # noqa: BLE001 - the error itself is compared
        with pytest.raises(type(exc)):
            _values(xlsx._rows(xml, _BOOK))
        return
    assert _values(xlsx._rows(xml, _BOOK)) == expected
    assert [[type(v) for v, _ in row] for row in _values(xlsx._rows(xml, _BOOK))] == [
        [type(v) for v, _ in row] for row in expected
    ]


def test_plain_sheet_reads_like_lxml() -> None:
    _same(_HEAD + _PLAIN + _TAIL, fast=True)
    _same(_HEAD.replace(b"<sheetData>", b"<sheetData/>") + _TAIL[12:], fast=True)
    _same(_HEAD.replace(b"\r\n", b"") + _PLAIN + _TAIL, fast=True)


@pytest.mark.parametrize(
    "change",
    [
        lambda x: x.replace(b"kiri", b"ki\r\nri"),  # XML turns \r\n into \n
        lambda x: x.replace(b"<row/>", b"<!-- komentar --><row/>"),
        lambda x: x.replace(b"<row/>", b"<row/>\n  "),
        lambda x: x.replace(b"<t>kiri</t>", b"<r><t>ki</t></r><r><rPr/><t>ri</t></r>"),
        lambda x: x.replace(b"<t>kiri</t>", b"<t><![CDATA[ki<ri]]></t>"),
        lambda x: x.replace(b'<c r="B4">', b'<c r="B4" cm="1">'),
        lambda x: x.replace(b'<c r="B4">', b"<c r='B4'>"),
        lambda x: x.replace(b'<row r="4"', b'<row r="&#52;"'),
        lambda x: x.replace(b"<sheetData>", b'<sheetData xmlns="urn:lain">'),
        lambda x: x.replace(b'<c r="C9"', b'<x:c xmlns:x="urn:lain" r="C9"').replace(
            b"<v>1</v></c>", b"<v>1</v></x:c>"
        ),
        lambda x: x.replace(b"</worksheet>", b"<x><row><c><v>5</v></c></row></x></worksheet>"),
        lambda x: x.replace(b"spreadsheetml/2006/main", b"spreadsheetml/2006/lain"),
        lambda x: x.replace(b"UTF-8", b"ISO-8859-1").replace(b"kiri", "kiri é".encode("latin-1")),
        lambda x: x.replace(b"kiri", b"ki&nbsp;ri"),  # an undefined entity: not well-formed
        lambda x: x.replace(b"r:dyDescent", b"x14ac:dyDescent"),  # an undeclared prefix
        lambda x: x[: len(x) // 2],  # truncated
        lambda x: x.replace(b"<v>-3</v>", b"<v>-3</w>"),
        # a formula without a cached value: UNCALCULATED, found by lxml
        lambda x: x.replace(b'si="0"/><v>3</v>', b'si="0"/><v></v>'),
        lambda x: x.replace(b'si="0"/><v>3</v>', b'si="0"/>'),
        lambda x: x.replace(b'si="0"/><v>3</v>', b'si="0"/><v> </v>'),
        lambda x: x.replace(b'<f>A1&amp;"x"</f><v>x</v>', b'<f>A1&amp;"x"</f><v></v>'),
    ],
)
def test_anything_else_takes_the_lxml_path(change: Any) -> None:
    _same(change(_HEAD + _PLAIN + _TAIL), fast=False)


@pytest.mark.parametrize(
    ("cached", "value"),
    [(b"<v></v>", xlsx.UNCALCULATED), (b"", xlsx.UNCALCULATED), (b"<v>3</v>", 3)],
)
def test_a_formula_without_a_cached_value_is_uncalculated(cached: bytes, value: Any) -> None:
    xml = _HEAD + _PLAIN.replace(b'si="0"/><v>3</v>', b'si="0"/>' + cached) + _TAIL
    assert list(xlsx._rows(xml, _BOOK))[0][7].value == value  # H1; UNCALCULATED is one object


def _merged(xml: bytes) -> list[str]:
    merged: list[str] = []
    for _ in xlsx._rows(xml, _BOOK, merged):
        pass
    return merged


def _prefixed(namespace: bytes) -> bytes:
    return (
        b'</sheetData><x:mergeCells xmlns:x="%s"><x:mergeCell ref="A1:B1"/>'
        b"</x:mergeCells></worksheet>" % namespace
    )


@pytest.mark.parametrize(
    ("tail", "fast", "merged"),
    [
        (_TAIL, True, ["A1:B1"]),
        (_TAIL.replace(b"<mergeCell ", b'<x:mergeCell xmlns:x="%s" ' % _MAIN_NS), True, ["A1:B1"]),
        (_prefixed(_MAIN_NS), True, ["A1:B1"]),
        (_prefixed(b"urn:lain"), True, []),  # another namespace's mergeCell is not ours
        (_TAIL.replace(b"<mergeCells", b"<!-- x --><mergeCells"), False, ["A1:B1"]),
        (_prefixed(_MAIN_NS).replace(b"<x:m", b"<!-- x --><x:m", 1), False, ["A1:B1"]),
    ],
)
def test_merged_ranges_come_from_the_same_parse(tail: bytes, fast: bool, merged: list) -> None:
    xml = _HEAD + _PLAIN + tail
    assert (xlsx._plain_sheet_data(xml) is not None) is fast
    assert _merged(xml) == merged


def test_merged_ranges_when_sheet_data_is_not_a_child_of_the_root() -> None:
    """The tail after <sheetData> is then no document: the general path finds the ranges."""
    xml = (_HEAD + _PLAIN + _TAIL).replace(b"<sheetData>", b'<x:w xmlns:x="urn:x"><sheetData>')
    xml = xml.replace(b"</sheetData>", b"</sheetData></x:w>")
    assert xlsx._plain_sheet_data(xml) is not None
    assert _merged(xml) == ["A1:B1"]


def test_shipped_sheets_take_the_fast_path() -> None:
    for path in sorted((ROOT / "source_tables").glob("*.xlsx")):
        book = xlsx.open_book(path)
        try:
            for name in book.sheetnames:
                xml = book[name].xml
                assert xlsx._plain_sheet_data(xml) is not None, (path.name, name)
                assert _values(xlsx._rows(xml, book)) == _values(xlsx._tree_rows(xml, book))
        finally:
            book.close()


_RAW = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0.0, -0.0, 0, 1, 1.0, 88.42, 0.8842, 150, 1.5, 100]),
    st.text(max_size=30).map(lambda t: "".join(c for c in t if c.isprintable() or c in "\t\n")),
    st.sampled_from(
        [
            "",
            " ",
            "Program",
            " Sub Kegiatan ",
            "sub  kegiatan",
            "Ya",
            "P1.K1",
            " 1.06 ",
            "#N/A",
            "a&b<c>",
            "20 Orang",
            "88,42%",
            "150%",
            "1.234",
            "-",
            "n/a",
            "_x0007_",
            "x" * 5001,
        ]
    ),  # fmt: skip
    st.dates(min_value=dt.date(1901, 1, 1)),
)
_FORMATS = st.sampled_from(
    ["General", "0%", "0.00%", '#,##0 "Orang"', "#,##0", "0.00", "@", "0.00\\%", '0.00"%"',
     '_-* #,##0_-;-* #,##0_-;_-* "-"_-;_-@_-', '#,##0" Orang"', "[Red]0.0"]
)  # fmt: skip
_SCHEMA = SheetSchema(
    "data",
    "Every kind of column, for the differential test.",
    (
        Column("Teks", Kind.TEXT, required=True),
        Column("Kode", Kind.CODE, unique=True),
        Column("Pilihan", Kind.CHOICE, choices=("Program", "Sub Kegiatan", "Ya")),
        Column("Rupiah", Kind.MONEY),
        Column("Jumlah", Kind.COUNT, unit="orang"),
        Column("Angka", Kind.NUMBER),
        Column("Persen", Kind.PERCENT),
        Column("Kuantitas", Kind.QUANTITY),
        Column("Tertulis", Kind.QUANTITY, declared=True),
        YearColumns("Target", Kind.QUANTITY),
        YearColumns("Pagu", Kind.MONEY),
    ),
)
_HEADER = ["Teks", "Kode", "Pilihan", "Rupiah", "Jumlah", "Angka", "Persen", "Kuantitas",
           "Tertulis", "Target 2024", "Target 2025", "Pagu 2024", "Pagu 2025"]  # fmt: skip


def _read_both(
    path: Path, schema: WorkbookSchema, monkeypatch: pytest.MonkeyPatch
) -> tuple[str, str]:
    """What the reader gives with its fast paths and without them (rows and findings, as repr:
    Decimal('1.0') != Decimal('1'))."""
    results = []
    for fast in (True, False):
        with monkeypatch.context() as patch:
            if not fast:
                patch.setattr(read, "_fast_path", lambda column: None)
                patch.setattr(xlsx, "_plain_sheet_data", lambda *args: None)
            try:
                data = read.read_workbook(path, schema)
            except RenstraError as err:
                results.append(repr(err.findings))
                continue
            sheets = [
                (name, [(r.number, list(r.values.items())) for r in sheet.rows])
                for name, sheet in data.sheets.items()
            ]
            results.append(repr((sheets, data.findings)))
    return results[0], results[1]


@settings(max_examples=120, deadline=None, suppress_health_check=_FIXTURE_OK)
@given(
    rows=st.lists(
        st.lists(st.tuples(_RAW, _FORMATS), min_size=len(_HEADER), max_size=len(_HEADER)),
        min_size=1,
        max_size=5,
    )
)
def test_reader_fast_paths_change_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: list[list[tuple[Any, str]]]
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "data"
    sheet.append(_HEADER)
    for number, row in enumerate(rows, start=2):
        for column, (value, number_format) in enumerate(row, start=1):
            cell = sheet.cell(row=number, column=column, value=value)
            cell.number_format = number_format
    path = tmp_path / "data.xlsx"
    book.save(path)
    fast, general = _read_both(path, WorkbookSchema("data.xlsx", "", (_SCHEMA,)), monkeypatch)
    assert fast == general


def test_fast_paths_on_the_shipped_matrix(monkeypatch: pytest.MonkeyPatch) -> None:
    from renstra_docs.sources.schema import BAB6

    fast, general = _read_both(ROOT / "source_tables" / BAB6.filename, BAB6, monkeypatch)
    assert fast == general
