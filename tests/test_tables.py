"""Table builders on the shipped Blitar data: real values, computed totals, derived tables."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from conftest import FIGURE_NUMBERS, ROOT, TABLE_NUMBERS

from renstra_docs.calc.derive import derive
from renstra_docs.calc.matrix import rollup
from renstra_docs.config import load_config
from renstra_docs.findings import Location
from renstra_docs.model import Indicator, Matrix, Node
from renstra_docs.sources.load import load
from renstra_docs.sources.normalise import Quantity
from renstra_docs.sources.read import Row, SheetLayout
from renstra_docs.tables import bab2, bab6, build_document
from renstra_docs.tables.common import Keys, blank_repeats, is_support_program
from renstra_docs.tables.model import BodyRow, Style, Table

YEARS = (2022, 2023, 2024, 2025, 2026)


@pytest.fixture(scope="module")
def data():
    renstra = load(load_config(ROOT))
    return renstra, derive(renstra)


@pytest.fixture(scope="module")
def document(data, tmp_path_factory):
    renstra, derived = data
    return build_document(renstra, derived, cache_dir=tmp_path_factory.mktemp("charts"))


def texts(table: Table, row: BodyRow) -> list[str]:
    return [table.text(row, i) for i in range(len(row.cells))]


def find(table: Table, label: str) -> BodyRow:
    """The first row showing `label` in one of its cells."""
    return next(r for r in table.rows if label in texts(table, r))


def column(table: Table, key: str) -> int:
    return next(i for i, c in enumerate(table.columns) if c.key == key)


# ---------------------------------------------------------------- document


def test_every_table_and_figure_is_built(document):
    assert list(document.tables) == list(TABLE_NUMBERS)
    assert set(document.figures) == set(FIGURE_NUMBERS)
    assert document.figures["6.1"].caption == "Gambar 6.1"
    assert document.figures["2.3"].caption == "Tabel 2.3"


def test_rows_fit_the_columns_and_keys_are_unique(document):
    for table in document.tables.values():
        keys = [r.key for r in table.rows]
        assert len(keys) == len(set(keys)), table.number
        for r in table.rows:
            assert sum(r.span_of(i) for i in range(len(r.cells))) == len(table.columns)
            for extra in (r.units, r.sources):
                assert extra is None or len(extra) == len(r.cells), (table.number, r.key)
            texts(table, r)  # every cell can be shown


def test_header_rows_cover_every_column(document):
    for table in document.tables.values():
        assert len(table.header_labels()) == len(table.columns)
        first = table.header[0]
        assert sum(c.colspan for c in first) == len(table.columns), table.number


# ---------------------------------------------------------------- BAB II


def test_staff_totals_are_computed(document):
    t22, t24 = document.tables["2.2"], document.tables["2.4"]
    assert texts(t22, t22.rows[-1]) == ["", "TOTAL", "54 Orang"]
    assert t22.rows[-1].style is Style.TOTAL
    assert texts(t24, t24.rows[-1])[-1] == "30 Orang"


def test_assets_are_renumbered(document):
    table = document.tables["2.5"]
    assert [r.cells[0] for r in table.rows] == list(range(1, len(table.rows) + 1))
    assert texts(table, find(table, "Tanah")) == ["1", "Tanah", "1.680", "Meter Persegi"]


def test_service_ratio_is_computed(document):
    table = document.tables["2.6"]
    first = table.rows[0]
    assert texts(table, first)[column(table, "rasio_2016")] == "88,80%"
    assert texts(table, first)[column(table, "target_2016")] == "5%"
    assert table.numbering_row and table.landscape and len(table.columns) == 20
    assert first.sources[column(table, "rasio_2016")] is None  # computed
    assert first.sources[column(table, "realisasi_2016")].sheet == "kinerja_pelayanan"


def test_pmks_tables_show_missing_values_and_footnotes(document):
    table = document.tables["2.8"]
    row = find(table, "Korban bencana alam")
    assert texts(table, row)[-1] == "n/a"
    assert table.notes == ("* Dalam satuan Orang", "* n/a : Data tidak diketahui")
    assert [c.text for c in table.header[0]][1:3] == ["2016", "2017"]


def test_budget_ratio_growth_and_note(document, data):
    renstra, _ = data
    table = document.tables["2.10"]
    shown = texts(table, table.rows[0])
    assert shown[column(table, "rasio_2019")] == "91,31%"
    assert "rata-rata dari pertumbuhan tahunan" in table.notes[0]
    assert renstra.config.growth_method == "rata-rata"
    assert len(table.columns) == 18


def test_growth_note_follows_the_configured_method(data):
    renstra, derived = data
    config = dataclasses.replace(renstra.config, growth_method="majemuk")
    table = bab2.table_2_10(dataclasses.replace(renstra, config=config), derived)
    assert "majemuk" in table.notes[0]


def test_pmks_figure_is_a_placeholder_without_data(document):
    figure = document.figures["2.11"]
    assert figure.png is None
    assert figure.placeholder == bab2.PMKS_PLACEHOLDER


def test_org_chart_data_holds_every_unit(data):
    renstra, _ = data
    chart = bab2.org_chart_data(renstra)

    def names(node):
        yield node["name"]
        for child in node["children"]:
            yield from names(child)

    assert sorted(names(chart["root"])) == sorted(u.name for u in renstra.org_units)


def test_staff_chart_data_comes_from_the_counts(data):
    renstra, derived = data
    chart = bab2.staff_chart_data(renstra, derived)
    values = {s["label"]: s["values"] for s in chart["series"]}
    assert values == {"PNS": [18, 21], "Tenaga Kontrak": [6, 9]}
    assert chart["categories"][0].startswith("Laki-laki\n(jumlah 24 orang)")


def test_figures_are_png(document):
    for number in ("2.1", "2.3", "6.1"):
        assert document.figures[number].png.startswith(b"\x89PNG"), number


# ---------------------------------------------------------------- BAB IV, V


def test_goal_targets_as_typed(document):
    table = document.tables["4.1"]
    row = find(table, "Persentase penurunan angka PMKS")
    assert texts(table, row)[-5:] == ["0,5%"] * 5
    assert texts(table, row)[:2] == ["1", "Menurunnya angka PMKS"]


def test_swot_quadrants(document):
    table = document.tables["5.1"]
    strengths = find(table, "KEKUATAN")
    index = table.rows.index(strengths)
    o_s = table.rows[index + 1].cells[1]
    assert o_s.startswith("1. Meningkatkan kualitas dan kuantitas pemberian bantuan")
    assert "3. Meningkatkan keterampilan dan kemampuan masyarakat" in table.rows[index + 1].cells[2]


def test_policies_grouped_by_strategy(document):
    table = document.tables["5.2"]
    sections = [r.cells[0] for r in table.rows if r.style is Style.SECTION]
    assert len(sections) == 3
    assert sections[0].startswith("Strategi 1: Meningkatkan kualitas dan kuantitas pemberian")
    assert all(r.spans == (4,) for r in table.rows if r.style is Style.SECTION)


def test_goal_chain_links_sasaran_to_strategies(document):
    table = document.tables["5.3"]
    assert table.rows[0].cells[0].startswith("VISI: Terwujudnya Kabupaten Blitar")
    assert table.rows[1].cells[0].startswith("MISI: Meningkatkan kesejahteraan sosial")
    body = [r for r in table.rows if r.style is not Style.SECTION]
    start = next(i for i, r in enumerate(body) if r.cells[1] == "Meningkatnya kesejahteraan PMKS")
    strategies = [r.cells[2] for r in body[start:] if r.cells[2]]
    assert len(strategies) == 2
    assert body[start + 1].cells[:3] == ("", "", "")  # repeated cells left empty


def test_blank_repeats_only_blanks_a_prefix():
    assert blank_repeats(["a", "b", "c"], ["a", "x", "c"]) == ["", "b", "c"]
    assert blank_repeats(["a", "b"], None) == ["a", "b"]


# ---------------------------------------------------------------- BAB VI, VII


def test_matrix_2022_2026_pagu_is_rolled_up(document):
    table = document.tables["6.2"]
    bencana = find(table, "PROGRAM PENANGANAN BENCANA")
    assert texts(table, bencana)[column(table, "pagu_akhir")] == "6.859.705.997"
    assert bencana.style is Style.BOLD and bencana.level == 0
    jamsos = find(table, "PROGRAM PERLINDUNGAN DAN JAMINAN SOSIAL")
    assert texts(table, jamsos)[column(table, "pagu_akhir")] == "6.373.882.571"
    total = table.rows[-1]
    assert total.style is Style.TOTAL
    assert texts(table, total)[column(table, "pagu_2022")] == "12.206.342.370"


def test_matrix_2022_2026_layout(document):
    table = document.tables["6.2"]
    assert len(table.columns) == 18 and table.landscape and len(table.header) == 3
    assert table.header[1][0].text == "Tahun 1" and table.header[1][0].colspan == 2
    gaji = find(table, "Penyediaan Gaji dan Tunjangan ASN")
    shown = texts(table, gaji)
    assert shown[column(table, "target_2022")] == "38 orang"
    assert shown[column(table, "target_akhir")] == "38 orang"
    assert gaji.level == 2


def test_matrix_sources_point_at_data_cells_only(document):
    table = document.tables["6.2"]
    pagu = column(table, "pagu_2024")
    sub = find(table, "Penyediaan Gaji dan Tunjangan ASN")
    assert isinstance(sub.sources[pagu], Location)
    assert sub.sources[pagu].sheet == "matriks" and sub.sources[pagu].cell
    program = find(table, "PROGRAM PENANGANAN BENCANA")
    assert program.sources[pagu] is None  # computed roll-up
    assert program.sources[column(table, "pagu_akhir")] is None


def test_second_indicator_row_has_no_pagu(document):
    table = document.tables["6.2"]
    row = find(table, "Jumlah Makan Minum Rapat Dan Tamu")
    shown = texts(table, row)
    assert shown[column(table, "nama")] == "" and shown[column(table, "pagu_2022")] == ""
    assert row.key.endswith(" (2)")


def test_matrix_2021_total(document, data):
    _, derived = data
    table = document.tables["6.1"]
    assert table.rows[-1].cells[-1] == derived.rollups["6.1"].grand[2021]
    assert texts(table, table.rows[-1])[-1] == "13.125.883.501"
    assert texts(table, table.rows[0])[:3] == ["1", "1.06.01", "Menurunnya angka PMKS"]


def test_table_7_1_derived_from_program_indicators(document):
    table = document.tables["7.1"]
    assert len(table.rows) == 5
    assert table.rows[0].cells[1] == "Persentase Pemberdayaan Sosial di Masyarakat"
    assert texts(table, table.rows[1])[2] == "n/a"  # no baseline typed
    assert texts(table, table.rows[0])[-1] == "100%"


def test_support_program_detection():
    def node(code, name):
        return Node("P1", None, "Program", code, name, None, None, {}, {}, None, None, None, None)

    assert is_support_program(node("1.06.01", "Program apa saja"))
    assert not is_support_program(node("1.06.02", "PROGRAM PENUNJANG"))
    assert is_support_program(node(None, "PROGRAM PENUNJANG URUSAN PEMERINTAHAN"))


def test_pagu_chart_data_from_rollup(data):
    renstra, derived = data
    chart = bab6.pagu_chart_data(renstra.matrices["6.2"], derived.rollups["6.2"])
    assert chart["categories"] == [str(y) for y in YEARS]
    assert sum(s["values"][0] for s in chart["series"]) == 12_206_342_370


def test_keys_are_made_unique():
    keys = Keys()
    assert [keys("a"), keys("a"), keys("b"), keys("a")] == ["a", "a (2)", "b", "a (3)"]


# ---------------------------------------------------------------- performance


def _big_matrix(programs: int, kegiatan: int, subs: int) -> Matrix:
    layout = SheetLayout(
        "bab6_program.xlsx",
        "matriks",
        {("pagu", y): (chr(72 + i), f"Pagu {y}") for i, y in enumerate(YEARS)},
    )
    nodes: list[Node] = []

    def make(node_id: str, parent: Node | None, level: str, code: str, pagu: int | None) -> Node:
        number = len(nodes) + 2
        node = Node(
            node_id,
            parent.id if parent else None,
            level,
            code,
            f"Nama {node_id}",
            None,
            None,
            dict.fromkeys(YEARS, pagu),
            {},
            None,
            "Dinas Sosial",
            "Kab. Blitar",
            Row(number, {}, layout),
        )
        node.indicators.append(
            Indicator(
                node_id,
                f"Indikator {node_id}",
                "orang",
                "terakhir",
                Quantity(Decimal(3)),
                {y: Quantity(Decimal(5)) for y in YEARS},
                None,
                Row(number, {}, layout),
            )
        )
        if parent:
            parent.children.append(node)
        nodes.append(node)
        return node

    for p in range(programs):
        program = make(f"P{p}", None, "Program", f"1.06.{p + 1:02d}", None)
        for k in range(kegiatan):
            activity = make(
                f"P{p}.K{k}", program, "Kegiatan", f"{program.code}.2.{k + 1:02d}", None
            )
            for s in range(subs):
                make(
                    f"P{p}.K{k}.S{s}",
                    activity,
                    "Sub Kegiatan",
                    f"{activity.code}.{s + 1:04d}",
                    1_000 + s,
                )
    return Matrix("6.2", YEARS, nodes, "matriks")


def test_matrix_of_20000_sub_kegiatan(data):
    """Its speed is measured by `make bench`; here, the rows and totals of a large matrix."""
    renstra, derived = data
    matrix = _big_matrix(20, 50, 20)
    assert matrix.count("Sub Kegiatan") == 20_000
    big = dataclasses.replace(renstra, matrices={**renstra.matrices, "6.2": matrix})
    big_derived = dataclasses.replace(derived, rollups={**derived.rollups, "6.2": rollup(matrix)})
    table = bab6.table_6_2(big, big_derived)
    assert len(table.rows) == len(matrix.nodes) + 1
    *_, last_sub, total = table.rows
    assert last_sub.cells[0] == "1.06.20.2.50.0020" and last_sub.cells[5] == 1_019
    per_year = 20 * 50 * sum(1_000 + s for s in range(20))  # 20.190.000
    assert total.cells[1] == "TOTAL" and total.cells[5] == per_year
    assert total.cells[-3] == 5 * per_year


def test_pagu_chart_keeps_the_largest_programs(data):
    from renstra_docs.tables.bab6 import CHART_PROGRAMS, pagu_chart_data

    renstra, derived = data
    matrix = renstra.matrices["6.2"]
    series = pagu_chart_data(matrix, derived.rollups["6.2"])["series"]
    assert len(series) == len(matrix.programs) == 6
    assert series[-1]["label"] == "Program Penanganan Bencana"
    copies = [
        dataclasses.replace(p, id=f"{p.id}-{n}", name=f"PROGRAM SALINAN {n}")
        for n in range(2)
        for p in matrix.programs
    ]  # 18 programs: the 7 largest stay, the other 11 are summed
    many = dataclasses.replace(matrix, nodes=matrix.nodes + copies)
    series = pagu_chart_data(many, rollup(many))["series"]
    assert len(series) == CHART_PROGRAMS
    assert series[-1]["label"] == "Program lainnya (11 program)"
