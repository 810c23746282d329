"""Table specifications on the shipped Blitar data: real values, computed totals, derived tables."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import pandas as pd
import pytest
from conftest import FIGURE_NUMBERS, ROOT, TABLE_NUMBERS, numbered_document

from renstra_docs.calc.derive import derive
from renstra_docs.calc.matrix import matrix_of
from renstra_docs.config import load_config
from renstra_docs.model import Dataset, load
from renstra_docs.sources.frames import Origin
from renstra_docs.tables import bab2, bab6, build_figures, build_tables
from renstra_docs.tables.bab5 import blank_repeats
from renstra_docs.tables.common import is_support_program
from renstra_docs.tables.model import BodyRow, Style, Table, table_order
from renstra_docs.tables.spec import col, header_rows, unique_keys

YEARS = (2022, 2023, 2024, 2025, 2026)


@pytest.fixture(scope="module")
def data():
    dataset = load(load_config(ROOT))
    return dataset, derive(dataset)


@pytest.fixture(scope="module")
def document(data):
    """Every table and figure keyed by its key (not numbered: no texts involved)."""
    return by_key(*data)


def by_key(dataset, derived) -> SimpleNamespace:
    return SimpleNamespace(
        tables=build_tables(dataset, derived), figures=build_figures(dataset, derived)
    )


def texts(table: Table, row: BodyRow) -> list[str]:
    return [table.text(row, i) for i in range(len(row.cells))]


def find(table: Table, label: str) -> BodyRow:
    """The first row showing `label` in one of its cells."""
    return next(r for r in table.rows if label in texts(table, r))


def column(table: Table, key: str) -> int:
    return next(i for i, c in enumerate(table.columns) if c.key == key)


# ---------------------------------------------------------------- document


def test_every_table_and_figure_is_built_and_numbered_by_placement(data):
    numbered = numbered_document(*data)
    assert sorted(numbered.tables, key=table_order) == list(TABLE_NUMBERS)
    assert set(numbered.figures) == set(FIGURE_NUMBERS)
    assert numbered.figures["6.1"].caption == "Gambar 6.1"
    assert numbered.figures["2.2"].key == "pegawai_status"  # charts are Gambar, numbered apart
    assert numbered.tables["2.8"].key == "anggaran_realisasi"  # T-C.24, the 8th table of BAB II
    assert [numbered.tables[n].key for n in ("2.1", "2.6", "6.2")] == [
        "pegawai_jabatan",
        "pmks_dibantu",
        "matriks",
    ]


def test_rows_fit_the_columns_and_keys_are_unique(document):
    for table in document.tables.values():
        keys = [r.key for r in table.rows]
        assert len(keys) == len(set(keys)), table.number
        for r in table.rows:
            assert sum(r.span_of(i) for i in range(len(r.cells))) == len(table.columns)
            for extra in (r.units, r.source_rows):
                assert extra is None or len(extra) == len(r.cells), (table.number, r.key)
            texts(table, r)  # every cell can be shown


def test_header_rows_cover_every_column(document):
    for table in document.tables.values():
        assert len(table.header_labels()) == len(table.columns)
        first = table.header[0]
        assert sum(c.colspan for c in first) == len(table.columns), table.number


# ---------------------------------------------------------------- BAB II


def test_staff_totals_are_computed(document):
    t22, t24 = document.tables["pegawai_jabatan"], document.tables["pegawai_golongan"]
    assert texts(t22, t22.rows[-1]) == ["", "TOTAL", "54 Orang"]
    assert t22.rows[-1].style is Style.TOTAL
    assert texts(t24, t24.rows[-1])[-1] == "30 Orang"


def test_assets_are_renumbered(document):
    table = document.tables["aset"]
    assert [r.cells[0] for r in table.rows] == list(range(1, len(table.rows) + 1))
    assert texts(table, find(table, "Tanah")) == ["1", "Tanah", "1.680", "Meter Persegi"]


def test_service_ratio_is_computed(document):
    table = document.tables["kinerja_pelayanan"]
    first = table.rows[0]
    assert texts(table, first)[column(table, "rasio_2016")] == "88,80%"
    assert texts(table, first)[column(table, "target_2016")] == "5%"
    assert table.numbering_row and table.landscape and len(table.columns) == 20
    assert table.source(first, column(table, "rasio_2016")) is None  # computed
    source = table.source(first, column(table, "realisasi_2016"))
    assert (source.sheet, source.cell, source.column) == (
        "kinerja_pelayanan",
        "M2",
        "Realisasi 2016",
    )


def test_pmks_tables_show_missing_values_and_footnotes(document):
    table = document.tables["pmks_dibantu"]
    row = find(table, "Korban bencana alam")
    assert texts(table, row)[-1] == "n/a"
    assert table.notes == ("* Dalam satuan Orang", "* n/a : Data tidak diketahui")
    assert [c.text for c in table.header[0]][1:3] == ["2016", "2017"]


def test_budget_ratio_growth_and_note(document, data):
    dataset, _ = data
    table = document.tables["anggaran_realisasi"]
    shown = texts(table, table.rows[0])
    assert shown[column(table, "rasio_2019")] == "91,31%"
    assert "rata-rata dari pertumbuhan tahunan" in table.notes[0]
    assert dataset.config.growth_method == "rata-rata"
    assert len(table.columns) == 18


def test_growth_note_follows_the_configured_method(data):
    dataset, derived = data
    config = dataclasses.replace(dataset.config, growth_method="majemuk")
    table = bab2.table_2_10(dataclasses.replace(dataset, config=config), derived)
    assert "majemuk" in table.notes[0]


def test_project_figure_is_a_placeholder_without_data(document, data):
    figure = document.figures[
        "pmks_per_tahun"
    ]  # declared in renstra.toml ([[gambar]] pmks_per_tahun)
    assert figure.png is None and figure.chart is None
    assert figure.placeholder == data[0].config.figures[0].placeholder
    assert figure.title == "Perbandingan Jumlah PMKS Tahun 2016-2021"


def test_org_chart_data_holds_every_unit(data):
    dataset, _ = data
    chart = bab2.org_chart_data(dataset)

    def names(node):
        yield node["name"]
        for child in node["children"]:
            yield from names(child)

    assert sorted(names(chart["root"])) == sorted(dataset.frames["unit_organisasi"]["nama_unit"])


def test_staff_chart_data_comes_from_the_counts(data):
    dataset, derived = data
    chart = bab2.staff_chart_data(dataset, derived)
    values = {s["label"]: s["values"] for s in chart["series"]}
    assert values == {"PNS": [18, 21], "Tenaga Kontrak": [6, 9]}
    assert chart["categories"][0].startswith("Laki-laki\n(jumlah 24 orang)")


def test_figures_are_png(document, tmp_path):
    from renstra_docs.render.charts import paint

    painted = paint(document.figures, tmp_path)
    for key in ("struktur_organisasi", "pegawai_status", "pagu_program"):
        assert painted[key].png.startswith(b"\x89PNG"), key


# ---------------------------------------------------------------- BAB IV, V


def test_goal_targets_as_typed(document):
    table = document.tables["tujuan_sasaran"]
    row = find(table, "Persentase penurunan angka PMKS")
    assert texts(table, row)[-5:] == ["0,5%"] * 5
    assert texts(table, row)[:2] == ["1", "Menurunnya angka PMKS"]


def test_swot_quadrants(document):
    table = document.tables["swot"]
    strengths = find(table, "KEKUATAN")
    index = table.rows.index(strengths)
    o_s = table.rows[index + 1].cells[1]
    assert o_s.startswith("1. Meningkatkan kualitas dan kuantitas pemberian bantuan")
    assert "3. Meningkatkan keterampilan dan kemampuan masyarakat" in table.rows[index + 1].cells[2]


def test_policies_grouped_by_strategy(document):
    table = document.tables["kebijakan"]
    sections = [r.cells[0] for r in table.rows if r.style is Style.SECTION]
    assert len(sections) == 3
    assert sections[0].startswith("Strategi 1: Meningkatkan kualitas dan kuantitas pemberian")
    assert all(r.spans == (4,) for r in table.rows if r.style is Style.SECTION)


def test_goal_chain_links_sasaran_to_strategies(document):
    table = document.tables["strategi_kebijakan"]
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
    table = document.tables["matriks"]
    bencana = find(table, "PROGRAM PENANGANAN BENCANA")
    assert texts(table, bencana)[column(table, "pagu_akhir")] == "6.859.705.997"
    assert bencana.style is Style.BOLD and bencana.level == 0
    jamsos = find(table, "PROGRAM PERLINDUNGAN DAN JAMINAN SOSIAL")
    assert texts(table, jamsos)[column(table, "pagu_akhir")] == "6.373.882.571"
    total = table.rows[-1]
    assert total.style is Style.TOTAL
    assert texts(table, total)[column(table, "pagu_2022")] == "12.206.342.370"


def test_matrix_2022_2026_layout(document):
    table = document.tables["matriks"]
    assert len(table.columns) == 18 and table.landscape and len(table.header) == 3
    assert table.header[1][0].text == "Tahun 1" and table.header[1][0].colspan == 2
    gaji = find(table, "Penyediaan Gaji dan Tunjangan ASN")
    shown = texts(table, gaji)
    assert shown[column(table, "target_2022")] == "38 orang"
    assert shown[column(table, "target_akhir")] == "38 orang"
    assert gaji.level == 2


def test_matrix_sources_point_at_data_cells_only(document):
    table = document.tables["matriks"]
    pagu = column(table, "pagu_2024")
    sub = find(table, "Penyediaan Gaji dan Tunjangan ASN")
    source = table.source(sub, pagu)
    assert (source.sheet, source.column) == ("matriks", "Pagu 2024") and source.cell == "J7"
    target = table.source(sub, column(table, "target_2024"))
    assert (target.sheet, target.column) == ("indikator", "Target 2024")
    program = find(table, "PROGRAM PENANGANAN BENCANA")
    assert table.source(program, pagu) is None  # computed roll-up
    assert table.source(program, column(table, "pagu_akhir")) is None


def test_second_indicator_row_has_no_pagu(document):
    table = document.tables["matriks"]
    row = find(table, "Jumlah Makan Minum Rapat Dan Tamu")
    shown = texts(table, row)
    assert shown[column(table, "nama")] == "" and shown[column(table, "pagu_2022")] == ""
    assert row.key.endswith(" (2)")


def test_matrix_2021_total(document, data):
    _, derived = data
    table = document.tables["matriks_transisi"]
    assert (
        table.rows[-1].cells[-1]
        == derived.matrices["matriks_transisi"].grand[2021]
        == 13_125_883_501
    )
    assert texts(table, table.rows[-1])[-1] == "13.125.883.501"
    assert texts(table, table.rows[0])[:3] == ["1", "1.06.01", "Menurunnya angka PMKS"]


def test_table_7_1_derived_from_program_indicators(document):
    table = document.tables["indikator_rpjmd"]
    assert len(table.rows) == 5
    assert table.rows[0].cells[1] == "Persentase Pemberdayaan Sosial di Masyarakat"
    assert texts(table, table.rows[1])[2] == "n/a"  # no baseline typed
    assert texts(table, table.rows[0])[-1] == "100%"


def test_support_program_detection():
    assert is_support_program("1.06.01", "Program apa saja")
    assert is_support_program("2.17.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH")
    assert not is_support_program("1.06.02", "PROGRAM PENUNJANG")  # the code decides
    assert not is_support_program("1.06.01.2.01", "Perencanaan")  # a kegiatan, not a program
    assert is_support_program(None, "PROGRAM PENUNJANG URUSAN PEMERINTAHAN")


def test_pagu_chart_data_from_rollup(data):
    _, derived = data
    chart = bab6.pagu_chart_data(derived.matrices["matriks"])
    assert chart["categories"] == [str(y) for y in YEARS]
    assert sum(s["values"][0] for s in chart["series"]) == 12_206_342_370


def test_keys_are_made_unique():
    assert unique_keys(["a", "a", "b", "a"]) == ["a", "a (2)", "b", "a (3)"]


def test_header_paths_become_merged_cells():
    columns = [
        col("kode", "Kode"),
        col("t1", "Target", "Tahun 1", "Target"),
        col("p1", "Target", "Tahun 1", "Pagu"),
        col("t2", "Target", "Tahun 2", "Target"),
        col("akhir", "Kondisi Akhir", "Target"),
    ]
    rows = header_rows(columns)
    assert [(c.text, c.colspan, c.rowspan) for c in rows[0]] == [
        ("Kode", 1, 3),
        ("Target", 3, 1),
        ("Kondisi Akhir", 1, 2),
    ]
    assert [(c.text, c.colspan) for c in rows[1]] == [("Tahun 1", 2), ("Tahun 2", 1)]
    assert [c.text for c in rows[2]] == ["Target", "Pagu", "Target", "Target"]


# ---------------------------------------------------------------- a large matrix, made in code


def _big_dataset(dataset: Dataset, programs: int, kegiatan: int, subs: int, pagu=None) -> Dataset:
    """The shipped dataset with a plan matrix of programs x kegiatan x subs sub-kegiatan."""
    rows = []
    for p in range(programs):
        code = f"1.06.{p + 1:02d}"
        rows.append((f"P{p}", None, "Program", code))
        for k in range(kegiatan):
            activity = f"{code}.2.{k + 1:02d}"
            rows.append((f"P{p}.K{k}", f"P{p}", "Kegiatan", activity))
            for s in range(subs):
                rows.append(
                    (f"P{p}.K{k}.S{s}", f"P{p}.K{k}", "Sub Kegiatan", f"{activity}.{s + 1:04d}")
                )
    index = pd.Index(range(2, 2 + len(rows)), name="baris")
    nodes = pd.DataFrame(rows, columns=["id", "induk", "level", "kode"], index=index).astype(
        "string"
    )
    nodes = nodes.assign(
        nama=("Nama " + nodes["id"]),
        tujuan=pd.NA,
        sasaran=pd.NA,
        pagu_tertulis_akhir=pd.array([None] * len(rows), dtype="Int64"),
        unit_kerja="Dinas Sosial",
        lokasi="Kab. Blitar",
    ).astype({"tujuan": "string", "sasaran": "string", "unit_kerja": "string", "lokasi": "string"})
    values = pagu or (lambda node_id, s: 1_000 + s)
    amounts = [
        values(node_id, int(node_id.rsplit("S", 1)[1])) if level == "Sub Kegiatan" else None
        for node_id, _, level, _ in rows
    ]
    per_year = pd.DataFrame(
        {
            "tahun": pd.array([y for _ in rows for y in YEARS], dtype="Int64"),
            "pagu": pd.array([a for a in amounts for _ in YEARS], dtype="Int64"),
            "pagu_tertulis": pd.array([None] * len(rows) * 5, dtype="Int64"),
        },
        index=pd.Index([r for r in index for _ in YEARS], name="baris"),
    )
    letters = {("pagu", y): (chr(72 + i), f"Pagu {y}") for i, y in enumerate(YEARS)}
    origin = Origin("bab6_program.xlsx", "matriks", {**letters, ("kode", None): ("D", "Kode")})
    for frame in (nodes, per_year):
        frame.attrs["origin"] = origin
    targets = dataset.per_year["indikator"].iloc[:0]
    frames = {**dataset.frames, "matriks": nodes, "indikator": dataset.frames["indikator"].iloc[:0]}
    yearly = {**dataset.per_year, "matriks": per_year, "indikator": targets}
    return dataclasses.replace(dataset, frames=frames, per_year=yearly)


def _derived_for(big: Dataset, derived):
    matrix = matrix_of(big, "matriks", "matriks", "indikator")
    return dataclasses.replace(derived, matrices={**derived.matrices, "matriks": matrix})


def test_matrix_of_20000_sub_kegiatan(data):
    """Its speed is measured by `make bench`; here, the rows and totals of a large matrix."""
    dataset, derived = data
    big = _big_dataset(dataset, 20, 50, 20)
    big_derived = _derived_for(big, derived)
    assert big_derived.matrices["matriks"].count("Sub Kegiatan") == 20_000
    table = bab6.table_6_2(big, big_derived)
    assert len(table.rows) == 20 * 50 * 21 + 20 + 1
    *_, last_sub, total = table.rows
    assert last_sub.cells[0] == "1.06.20.2.50.0020" and last_sub.cells[5] == 1_019
    assert table.source(last_sub, 5).cell == f"H{len(table.rows)}"
    per_year = 20 * 50 * sum(1_000 + s for s in range(20))  # 20.190.000
    assert total.cells[1] == "TOTAL" and total.cells[5] == per_year
    assert total.cells[-3] == 5 * per_year


def test_pagu_chart_keeps_the_largest_programs(data):
    from renstra_docs.tables.bab6 import CHART_PROGRAMS, pagu_chart_data

    dataset, derived = data
    series = pagu_chart_data(derived.matrices["matriks"])["series"]
    assert len(series) == 6
    assert series[-1]["label"] == "Program Penanganan Bencana"
    # 18 programs of one sub-kegiatan each, program n with pagu n: the 7 largest stay
    big = _big_dataset(dataset, 18, 1, 1, pagu=lambda node_id, s: int(node_id[1:].split(".")[0]))
    series = pagu_chart_data(_derived_for(big, derived).matrices["matriks"])["series"]
    assert len(series) == CHART_PROGRAMS
    assert [s["values"][0] for s in series[:-1]] == [11, 12, 13, 14, 15, 16, 17]
    assert series[-1] == {"label": "Program lainnya (11 program)", "values": [55] * 5}


def test_the_agency_tables_come_from_renstra_toml_only(data):
    dataset, derived = data
    bare = dataclasses.replace(dataset.config, tables=(), figures=())
    document = by_key(dataclasses.replace(dataset, config=bare), derived)
    assert {"pmks_dibantu", "pmks_ditangani", "permasalahan_provinsi"} & set(
        document.tables
    ) == set()
    assert "pmks_per_tahun" not in document.figures and "matriks" in document.tables


def test_a_declared_table_follows_its_declaration(data):
    table = build_tables(*data)["permasalahan_provinsi"]
    assert table.key == "permasalahan_provinsi"
    labels = table.header_labels()
    assert labels[:3] == ["No", "Sasaran Jangka Menengah Renstra Dinsos Prov.Jatim",
                          "Permasalahan Pelayanan Dinsos Kab.Blitar"]  # fmt: skip
    numbers = [r.cells[0] for r in table.rows]
    # one provincial target, its problems on the rows below: No only where a target starts
    assert numbers == [1] + [""] * (len(numbers) - 1) and len(numbers) == 7
