"""BAB VI: program matrices 2021 (Tabel 6.1) and 2022-2026 (Tabel 6.2, T-C.27), and the pagu
per program per year (Gambar 6.1). Every pagu above sub-kegiatan comes from the roll-up."""

from __future__ import annotations

from typing import Any

from ..calc.derive import Derived
from ..calc.matrix import Rollup, end_of_period
from ..findings import Location
from ..model import Goal, Indicator, Matrix, Node, Renstra
from .common import (
    BLANK,
    TOTAL,
    Keys,
    Locator,
    agency,
    cells,
    indicator_slots,
    level_of,
    node_key,
    node_style,
    ordered_nodes,
    row,
    tall,
    total_row,
    wide,
)
from .model import BodyRow, Chart, Column, Figure, Format, HeaderCell, Table

NAME_HEADER = "Program, Kegiatan dan Sub Kegiatan"


def _node_row(keys: Keys, node: Node, values: Any, sources: Any, units: Any) -> BodyRow:
    """A matrix row of `node`: keyed by its code or ID, indented and styled by its level."""
    return row(
        keys(node_key(node)), values, sources, units, level=level_of(node), style=node_style(node)
    )


def _has_data_pagu(node: Node) -> bool:
    """Pagu is typed on sub-kegiatan (and on a childless node); computed everywhere else."""
    return node.level == "Sub Kegiatan" or not node.children


# ---------------------------------------------------------------- 6.1 (transition year)


def table_6_1(renstra: Renstra, derived: Derived) -> Table:
    matrix, rollup = renstra.matrices["6.1"], derived.rollups["6.1"]
    year = matrix.years[0]
    goals = {g.id: g for g in renstra.goals}
    tujuan_numbers = {
        g.id: i for i, g in enumerate((g for g in renstra.goals if g.kind == "Tujuan"), start=1)
    }
    keys = Keys()
    rows: list[BodyRow] = []
    shown_tujuan: set[str] = set()
    for node in ordered_nodes(matrix):
        number: Any = BLANK
        if node.level == "Program" and node.goal_id and node.goal_id not in shown_tujuan:
            shown_tujuan.add(node.goal_id)
            number = tujuan_numbers.get(node.goal_id, BLANK)
        rows.extend(_rows_6_1(keys, node, rollup, year, number, goals))
    rows.append(
        total_row(
            keys(TOTAL), (BLANK, BLANK, BLANK, BLANK, TOTAL, BLANK, BLANK, rollup.grand[year])
        )
    )
    header = (
        cells(
            tall("No"),
            tall("Kode"),
            tall("Tujuan"),
            tall("Sasaran"),
            tall(f"{NAME_HEADER} Pembangunan Daerah"),
            tall("Indikator Kinerja Program, Kegiatan dan Sub Kegiatan"),
            wide("Capaian Kinerja Program/ Kegiatan dan Kerangka Pendanaan", 2),
        ),
        cells("Target", "Anggaran (Rp.)"),
    )
    columns = (
        Column("no", Format.INT, 0.4),
        Column("kode", width=1.0, nowrap=True),
        Column("tujuan", width=1.3),
        Column("sasaran", width=1.4),
        Column("nama", width=3.0, indent=True),
        Column("indikator", width=3.0),
        Column("target", Format.QUANTITY, 1.1),
        Column("anggaran", Format.MONEY, 1.4),
    )
    return Table(
        "6.1",
        f"Matriks Program dan Kegiatan {agency(renstra)} Tahun {year}",
        columns,
        header,
        tuple(rows),
        landscape=True,
    )


def _rows_6_1(
    keys: Keys, node: Node, rollup: Rollup, year: int, number: Any, goals: dict[str, Goal]
) -> list[BodyRow]:
    tujuan = goals.get(node.goal_id or "") if node.level == "Program" else None
    sasaran = goals.get(node.target_id or "") if node.level == "Program" else None
    pagu_source = node.row.loc("pagu", year) if _has_data_pagu(node) else None
    rows = []
    for i, indicator in indicator_slots(node):
        first = i == 0
        values = (
            number if first else BLANK,
            node.code or BLANK if first else BLANK,
            tujuan.text if first and tujuan else BLANK,
            sasaran.text if first and sasaran else BLANK,
            node.name if first else BLANK,
            indicator.name if indicator else BLANK,
            indicator.targets.get(year) if indicator else BLANK,
            rollup.pagu[node.id][year] if first else BLANK,
        )
        sources = (
            None,
            node.row.loc("kode") if first and node.code else None,
            tujuan.row.loc("uraian") if first and tujuan else None,
            sasaran.row.loc("uraian") if first and sasaran else None,
            node.row.loc("nama") if first else None,
            indicator.row.loc("indikator") if indicator else None,
            indicator.row.loc("target", year) if indicator else None,
            pagu_source if first else None,
        )
        units = (None,) * 6 + (indicator.unit if indicator else None, None)
        rows.append(_node_row(keys, node, values, sources, units))
    return rows


# ---------------------------------------------------------------- 6.2 (T-C.27)


def table_6_2(renstra: Renstra, derived: Derived) -> Table:
    matrix, rollup = renstra.matrices["6.2"], derived.rollups["6.2"]
    keys, locate = Keys(), Locator()
    rows = [r for node in ordered_nodes(matrix) for r in _rows_6_2(keys, locate, node, rollup)]
    rows.append(_total_6_2(keys, rollup))
    years = matrix.years
    return Table(
        "6.2",
        f"Matriks Program dan Kegiatan {agency(renstra)} Tahun {years[0]}-{years[-1]}",
        _columns_6_2(years),
        _header_6_2(len(years)),
        tuple(rows),
        landscape=True,
    )


def _header_6_2(count: int) -> tuple[tuple[HeaderCell, ...], ...]:
    return (
        cells(
            tall("Kode", 3),
            tall(NAME_HEADER, 3),
            tall("Indikator Kinerja Program (outcome) /Kegiatan (output) /Sub Kegiatan", 3),
            tall("Data Capaian pada Tahun Awal Perencanaan", 3),
            wide("Target Capaian Kinerja Dan Kebutuhan Dana/ Pagu Indikatif", 2 * count),
            HeaderCell(
                "Kondisi Kinerja Pada Akhir Periode Renstra Perangkat Daerah", colspan=2, rowspan=2
            ),
            tall("Unit Kerja Perangkat daerah Penanggung Jawab", 3),
            tall("Lokasi", 3),
        ),
        cells(*(wide(f"Tahun {i}", 2) for i in range(1, count + 1))),
        cells(*(["Target", "Pagu (Rp)"] * (count + 1))),
    )


def _columns_6_2(years: tuple[int, ...]) -> tuple[Column, ...]:
    per_year = (
        c
        for y in years
        for c in (
            Column(f"target_{y}", Format.QUANTITY, 0.9),
            Column(f"pagu_{y}", Format.MONEY, 1.2),
        )
    )
    return (
        Column("kode", width=0.9, nowrap=True),
        Column("nama", width=2.2, indent=True),
        Column("indikator", width=2.2),
        Column("baseline", Format.QUANTITY, 0.9),
        *per_year,
        Column("target_akhir", Format.QUANTITY, 0.9),
        Column("pagu_akhir", Format.MONEY, 1.3),
        Column("unit_kerja", width=1.0),
        Column("lokasi", width=0.8),
    )


def _rows_6_2(keys: Keys, locate: Locator, node: Node, rollup: Rollup) -> list[BodyRow]:
    """One row per indicator; code, name, pagu, unit kerja and lokasi on the first row only."""
    years = rollup.years
    pagu = rollup.pagu[node.id]

    def loc(key: str, year: int | None = None) -> Location:
        return locate(node.row, key, year)

    data_pagu = _has_data_pagu(node)
    rows = []
    for i, indicator in indicator_slots(node):
        first = i == 0
        targets, target_sources, unit = _targets(locate, indicator, years)
        values: list[Any] = [node.code or BLANK, node.name] if first else [BLANK, BLANK]
        sources: list[Any] = [loc("kode"), loc("nama")] if first else [None, None]
        values += [indicator.name if indicator else BLANK, targets[0]]
        sources += [locate(indicator.row, "indikator") if indicator else None, target_sources[0]]
        for y, target, source in zip(years, targets[1:-1], target_sources[1:-1], strict=True):
            values += [target, pagu[y] if first else BLANK]
            sources += [source, loc("pagu", y) if first and data_pagu else None]
        values += [targets[-1], rollup.period(node) if first else BLANK]
        values += [node.unit_kerja or BLANK, node.location or BLANK] if first else [BLANK] * 2
        sources += [None, None, *((loc("unit_kerja"), loc("lokasi")) if first else (None,) * 2)]
        units = [None, None, None, unit, *((unit, None) * len(years)), unit, None, None, None]
        rows.append(_node_row(keys, node, values, sources, units))
    return rows


def _targets(
    locate: Locator, indicator: Indicator | None, years: tuple[int, ...]
) -> tuple[list, list, Any]:
    """Baseline, the yearly targets and the end-of-period target, their sources, the unit."""
    if indicator is None:
        return [BLANK] * (len(years) + 2), [None] * (len(years) + 2), None
    source = indicator.row
    values = [
        indicator.baseline,
        *(indicator.targets.get(y) for y in years),
        end_of_period(indicator, years),
    ]
    sources = [locate(source, "baseline"), *(locate(source, "target", y) for y in years), None]
    return values, sources, indicator.unit


def _total_6_2(keys: Keys, rollup: Rollup) -> BodyRow:
    per_year = [v for y in rollup.years for v in (BLANK, rollup.grand[y])]
    return total_row(
        keys(TOTAL),
        (BLANK, TOTAL, BLANK, BLANK, *per_year, BLANK, rollup.grand_period, BLANK, BLANK),
    )


# ---------------------------------------------------------------- Gambar 6.1


CHART_PROGRAMS = 8  # more bars than this per year cannot be read: the smallest are summed


def pagu_chart_data(matrix: Matrix, rollup: Rollup) -> dict[str, Any]:
    """Pagu per program (series) per year (groups), in rupiah, from the roll-up. With more than
    CHART_PROGRAMS programs, the largest (by five-year pagu) are kept in document order and the
    others are summed into one 'Program lainnya' series."""
    programs = [p for p in ordered_nodes(matrix) if p.level == "Program"]
    series = [(_title(p.name), [rollup.pagu[p.id][y] for y in rollup.years]) for p in programs]
    if len(series) > CHART_PROGRAMS:
        ranked = sorted(range(len(programs)), key=lambda i: -(rollup.period(programs[i]) or 0))
        kept = sorted(ranked[: CHART_PROGRAMS - 1])
        rest = [series[i][1] for i in ranked[CHART_PROGRAMS - 1 :]]
        others = [sum(v or 0 for v in year) for year in zip(*rest, strict=True)]
        series = [series[i] for i in kept] + [(f"Program lainnya ({len(rest)} program)", others)]
    return {
        "categories": [str(y) for y in rollup.years],
        "series": [{"label": label, "values": values} for label, values in series],
        "y_label": "Pagu indikatif (miliar rupiah)",
        "y_format": "miliar",
        "value_labels": False,
    }


def _title(name: str) -> str:
    return name.title() if name.isupper() else name


def figure_6_1(renstra: Renstra, derived: Derived) -> Figure:
    matrix, rollup = renstra.matrices["6.2"], derived.rollups["6.2"]
    years = rollup.years
    title = (
        f"Pagu Indikatif per Program Tahun {years[0]}-{years[-1]}"
        if years
        else "Pagu Indikatif per Program"
    )
    if not matrix.programs:
        return Figure("6.1", title, label="Gambar", placeholder="Data program belum tersedia.")
    return Figure(
        "6.1",
        title,
        label="Gambar",
        chart=Chart("bars", pagu_chart_data(matrix, rollup)),
        width_cm=16.0,
        source_note="Sumber: Tabel 6.2 (diolah)",
    )


TABLES = {"6.1": table_6_1, "6.2": table_6_2}
FIGURES = {"6.1": figure_6_1}
