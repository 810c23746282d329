"""Table layout: type size, orientation, widths from the content, column parts."""

from __future__ import annotations

import pytest
from conftest import ROOT
from test_render_docx import matrix

from renstra_docs.build import analyse
from renstra_docs.config import load_config
from renstra_docs.render import layout, page, tableplan
from renstra_docs.tables import build_tables
from renstra_docs.tables.model import BodyRow, Column, Format, HeaderCell, Table


@pytest.fixture(scope="module")
def tables() -> dict[str, Table]:
    analysis = analyse(load_config(ROOT))
    return build_tables(analysis.dataset, analysis.derived)


def test_words_break_only_where_word_and_libreoffice_break():
    assert layout.longest_word("Pengujian/Verifikasi Keuangan") == "Pengujian/Verifikasi"
    assert layout.longest_word("Penyelenggaraan sub-kegiatan") == "Penyelenggaraan"
    assert layout.longest_word("Tahun 2016-2021") == "2016-2021"
    assert layout.longest_word("1.000 makan minum") == "1.000"


def test_regular_text_is_narrower_than_bold():
    assert layout.text_width("penyelenggara", 7, bold=False) < layout.text_width("penyelenggara", 7)
    assert layout.text_width("12.206.342.370", 7, bold=False) == layout.text_width(
        "12.206.342.370", 7
    )


@pytest.mark.parametrize("paper_name", ["A4", "F4"])
def test_every_shipped_table_is_readable(tables: dict[str, Table], paper_name: str):
    """At least 7 pt, no word broken (each column as wide as its longest word), numbers exactly
    their width, every part filling the line, every column in exactly one part (keys apart)."""
    sheet = page.paper(paper_name)
    for number, table in tables.items():
        plan = tableplan.plan_table(table, sheet)
        stats = tableplan.column_stats(table)
        assert plan.font_pt >= 7.0, number
        usable = (sheet.landscape if plan.landscape else sheet.portrait).usable_width
        keys = set(tableplan.key_columns(table)) if len(plan.parts) > 1 else set()
        seen: list[int] = []
        for part in plan.parts:
            assert sum(part.widths) == usable, number
            has_text = any(not stats[c].unbreakable for c in part.columns)
            for column, width in zip(part.columns, part.widths, strict=True):
                assert width >= stats[column].minimum(plan.font_pt), (number, column)
                if stats[column].unbreakable and has_text:
                    assert width == stats[column].minimum(plan.font_pt), (number, column)
            seen += [c for c in part.columns if c not in keys]
        assert sorted(seen + sorted(keys)) == list(range(len(table.columns))), number


@pytest.mark.parametrize("paper_name", ["A4", "F4"])
def test_landscape_only_when_portrait_cannot_hold_the_table(
    tables: dict[str, Table], paper_name: str
):
    sheet = page.paper(paper_name)
    for number, table in tables.items():
        plan = tableplan.plan_table(table, sheet)
        if not plan.landscape:
            continue
        stats = tableplan.column_stats(table)
        every = range(len(table.columns))
        for pt in tableplan.SIZES:
            assert tableplan.column_widths(stats, every, sheet.portrait.usable_width, pt) is None
        assert len(table.rows) > tableplan.SHORT_ROWS, number  # short ones go portrait in parts


def test_the_tc27_matrix(tables: dict[str, Table]):
    """Tabel 6.2 on F4: landscape, 8 pt, two parts that repeat Kode and the program name and
    never separate a year's target from its pagu."""
    table = tables["matriks"]
    plan = tableplan.plan_table(table, page.paper("F4"))
    keys = [table.columns[c].key for c in tableplan.key_columns(table)]
    assert (plan.landscape, plan.font_pt, len(plan.parts), keys) == (True, 8.0, 2, ["kode", "nama"])
    for part in plan.parts:
        names = [table.columns[c].key for c in part.columns]
        assert names[:2] == ["kode", "nama"]
        years = {n.split("_")[1] for n in names if n.startswith(("target_", "pagu_"))}
        for year in years:
            assert f"target_{year}" in names and f"pagu_{year}" in names
    name = tableplan.column_stats(table)[1]
    width = dict(zip(plan.parts[1].columns, plan.parts[1].widths, strict=True))[1]
    assert width >= name.comfortable(8.0) > layout.text_width("Penyelenggaraan", 8, bold=False)


def test_short_wide_table_is_split_in_portrait_long_one_is_landscape():
    sheet = page.paper("A4")
    short = tableplan.plan_table(matrix(3, years=6), sheet)
    long = tableplan.plan_table(matrix(40, years=6), sheet)
    assert not short.landscape and len(short.parts) > 1
    assert long.landscape and len(long.parts) == 1
    assert tableplan.plan_table(matrix(40, years=6), sheet, excerpt=True) == long
    assert tableplan.plan_table(matrix(3, years=6), sheet, excerpt=True).landscape


def test_text_columns_share_the_room_by_their_text():
    columns = (Column("a"), Column("b"), Column("n", Format.INT))
    header = ((HeaderCell("A"), HeaderCell("B"), HeaderCell("N")),)
    rows = tuple(BodyRow(str(i), ("kata " * 40, "pendek", i)) for i in range(5))
    table = Table("1.1", "T", columns, header, rows)
    plan = tableplan.plan_table(table, page.paper("A4"))
    a, b, n = plan.parts[0].widths
    assert a > 3 * b  # the long text gets the room
    assert b >= tableplan.column_stats(table)[1].natural(plan.font_pt) - 1  # short text: one line
    assert n == tableplan.column_stats(table)[2].minimum(plan.font_pt)
