"""BAB VI: the program matrices (T-C.27) of the transition year, if any, and of the plan
years, and the pagu per program per year (a bar chart).

Every pagu above sub-kegiatan comes from the roll-up (calc/matrix.py). A node prints one row
per indicator; its code, name, pagu, unit kerja and lokasi are on the first of them only. Each
row's key is the node's ID (P1.K1.S1, the next indicators P1.K1.S1 (2) ...), not its code, so a
row keeps its identity when its code changes (a nomenclature migration, a code filled in).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..calc.derive import Derived
from ..calc.matrix import Matrix, has_children
from ..model import MATRIX, TRANSITION_MATRIX, Dataset
from ..sources.frames import UNIT_SUFFIX, as_int
from .common import TOTAL, agency, display_units, not_filled, wide_by_year, wide_units
from .model import Chart, Figure, Format, Style, Table
from .numbers import table_reference
from .spec import BLANK, KEY, LEVEL, STYLE, Source, TableSpec, append_rows, build_table, col

NAME_HEADER = "Program, Kegiatan dan Sub Kegiatan"
TARGETS_6_2 = "Target Capaian Kinerja Dan Kebutuhan Dana/ Pagu Indikatif"
END_6_2 = "Kondisi Kinerja Pada Akhir Periode Renstra Perangkat Daerah"


def indicator_slots(matrix: Matrix) -> pd.DataFrame:
    """One row per printed matrix row: each reachable node in document order, once per
    indicator (once when it has none). Columns: the node's, the indicator's (`indicator_row`,
    `indikator`, `satuan` ...), `first` (the node's first row) and `data_pagu` (its pagu is
    typed, not computed)."""
    nodes = matrix.nodes[matrix.nodes["reachable"]]
    nodes = nodes.assign(data_pagu=(nodes["level"] == "Sub Kegiatan") | ~has_children(nodes))
    indicators = matrix.indicators.reset_index().rename(columns={"baris": "indicator_row"})
    slots = nodes.reset_index().merge(
        indicators, how="left", left_on="id", right_on="id_node", sort=False
    )
    slots["first"] = ~slots["id"].duplicated()
    slots["has_indicator"] = slots["indicator_row"].notna()
    return slots


def _first(slots: pd.DataFrame, values: Any, blank: Any = BLANK) -> pd.Series:
    """`values` on each node's first row, `blank` on the others."""
    return pd.Series(values, index=slots.index).astype(object).where(slots["first"], blank)


def _node_columns(slots: pd.DataFrame) -> dict[str, Any]:
    kode = slots["kode"].astype(object).where(slots["kode"].notna(), BLANK)
    return {
        KEY: slots["id"].to_numpy(),  # survives a code change (diff); "<ID> (2)" per indicator
        LEVEL: slots["depth"].to_numpy(),
        STYLE: [Style.BOLD if level == "Program" else Style.NORMAL for level in slots["level"]],
        "kode": _first(slots, kode).to_numpy(),
        "nama": _first(slots, slots["nama"]).to_numpy(),
        "indikator": slots["indikator"].astype(object).where(slots["has_indicator"], BLANK),
        "node_row": slots["baris"].where(slots["first"]).to_numpy(),
        "pagu_row": slots["baris"].where(slots["first"] & slots["data_pagu"]).to_numpy(),
        "indicator_row": slots["indicator_row"].to_numpy(),
    }


def _targets(matrix: Matrix, slots: pd.DataFrame) -> pd.DataFrame:
    """The yearly targets of each slot (BLANK without an indicator) and their display units."""
    rows = pd.Index(slots["indicator_row"].fillna(-1).astype(int))
    units = matrix.indicators["satuan"]
    values = wide_by_year(matrix.targets, "target", matrix.years, rows, "target")
    has = slots["has_indicator"].to_numpy()
    for column in values.columns:
        values[column] = values[column].where(has, BLANK)
    return values.join(wide_units(matrix.targets, "target", matrix.years, rows, units, "target"))


def _pagu(matrix: Matrix, slots: pd.DataFrame) -> pd.DataFrame:
    pagu = matrix.pagu_wide.reindex(slots["id"])
    columns = {
        f"pagu_{y}": _first(slots, pagu[y].astype(object).to_numpy()).to_numpy()
        for y in matrix.years
    }
    columns["pagu_akhir"] = _first(slots, pagu["akhir"].astype(object).to_numpy()).to_numpy()
    frame = pd.DataFrame(columns)
    return frame.where(frame.notna(), None)


# ---------------------------------------------------------------- 6.1 (transition year)


def _spec_6_1(dataset: Dataset, matrix: Matrix) -> TableSpec:
    year = matrix.years[0]
    nodes, indicators = matrix.nodes_sheet, matrix.indicators_sheet
    capaian = "Capaian Kinerja Program/ Kegiatan dan Kerangka Pendanaan"
    return TableSpec(
        "matriks_transisi",
        f"Matriks Program dan Kegiatan {agency(dataset)} Tahun {year}",
        (
            col("no", "No", format=Format.INT, width=0.4),
            col("kode", "Kode", width=1.0, nowrap=True, source=Source(nodes, "kode", "node_row")),
            col(
                "tujuan",
                "Tujuan",
                width=1.3,
                source=Source("tujuan_sasaran", "uraian", "tujuan_row"),
            ),
            col(
                "sasaran",
                "Sasaran",
                width=1.4,
                source=Source("tujuan_sasaran", "uraian", "sasaran_row"),
            ),
            col(
                "nama",
                f"{NAME_HEADER} Pembangunan Daerah",
                width=3.0,
                indent=True,
                source=Source(nodes, "nama", "node_row"),
            ),
            col(
                "indikator",
                "Indikator Kinerja Program, Kegiatan dan Sub Kegiatan",
                width=3.0,
                source=Source(indicators, "indikator", "indicator_row"),
            ),
            col(
                f"target_{year}",
                capaian,
                "Target",
                format=Format.QUANTITY,
                width=1.1,
                unit=f"target_{year}_unit",
                source=Source(indicators, "target", "indicator_row", year),
            ),
            col(
                f"pagu_{year}",
                capaian,
                "Anggaran (Rp.)",
                format=Format.MONEY,
                width=1.4,
                source=Source(nodes, "pagu", "pagu_row", year),
            ),
        ),
        landscape=True,
    )


def table_6_1(dataset: Dataset, derived: Derived) -> Table:
    matrix = derived.matrices[TRANSITION_MATRIX]
    year = matrix.years[0]
    slots = indicator_slots(matrix)
    body = pd.DataFrame(_node_columns(slots))
    body = body.join(_targets(matrix, slots)).join(_pagu(matrix, slots))
    body = body.join(_goals_6_1(dataset, slots))
    total = {KEY: TOTAL, "nama": TOTAL, f"pagu_{year}": as_int(matrix.grand.get(year))}
    for key in ("no", "kode", "tujuan", "sasaran", "indikator", f"target_{year}"):
        total[key] = BLANK
    body = append_rows(body, {**total, STYLE: Style.TOTAL})
    return build_table(_spec_6_1(dataset, matrix), body, dataset)


def _goals_6_1(dataset: Dataset, slots: pd.DataFrame) -> pd.DataFrame:
    """A program's tujuan and sasaran (first row only) and the tujuan's number, shown the first
    time a program of that tujuan appears."""
    goals = dataset.frame("tujuan_sasaran")
    rows = pd.Series(goals.index, index=goals["id"].to_numpy())
    numbers = {g: i for i, g in enumerate(goals.loc[goals["jenis"] == "Tujuan", "id"], start=1)}
    program_first = slots["first"] & (slots["level"] == "Program")
    tujuan = slots["tujuan"].where(program_first)
    sasaran = slots["sasaran"].where(program_first)
    tujuan_row = tujuan.map(rows)
    sasaran_row = sasaran.map(rows)
    shown = tujuan.notna() & ~tujuan.duplicated() & tujuan.isin(numbers)
    return pd.DataFrame(
        {
            "no": tujuan.map(numbers).astype(object).where(shown, BLANK).to_numpy(),
            "tujuan": _texts(goals, tujuan_row),
            "sasaran": _texts(goals, sasaran_row),
            "tujuan_row": tujuan_row.to_numpy(),
            "sasaran_row": sasaran_row.to_numpy(),
        }
    )


def _texts(goals: pd.DataFrame, rows: pd.Series) -> list[Any]:
    text = goals["uraian"]
    return [text[int(r)] if pd.notna(r) else BLANK for r in rows]


# ---------------------------------------------------------------- 6.2 (T-C.27)


def _spec_6_2(dataset: Dataset, matrix: Matrix) -> TableSpec:
    years = matrix.years
    nodes, indicators = matrix.nodes_sheet, matrix.indicators_sheet
    per_year = []
    for i, y in enumerate(years, start=1):
        per_year += [
            col(
                f"target_{y}",
                TARGETS_6_2,
                f"Tahun {i}",
                "Target",
                format=Format.QUANTITY,
                width=0.9,
                unit=f"target_{y}_unit",
                source=Source(indicators, "target", "indicator_row", y),
            ),
            col(
                f"pagu_{y}",
                TARGETS_6_2,
                f"Tahun {i}",
                "Pagu (Rp)",
                format=Format.MONEY,
                width=1.2,
                source=Source(nodes, "pagu", "pagu_row", y),
            ),
        ]
    title = f"Matriks Program dan Kegiatan {agency(dataset)} Tahun {years[0]}-{years[-1]}"
    return TableSpec(
        "matriks",
        title if years else f"Matriks Program dan Kegiatan {agency(dataset)}",
        (
            col("kode", "Kode", width=0.9, nowrap=True, source=Source(nodes, "kode", "node_row")),
            col(
                "nama",
                NAME_HEADER,
                width=2.2,
                indent=True,
                source=Source(nodes, "nama", "node_row"),
            ),
            col(
                "indikator",
                "Indikator Kinerja Program (outcome) /Kegiatan (output) /Sub Kegiatan",
                width=2.2,
                source=Source(indicators, "indikator", "indicator_row"),
            ),
            col(
                "baseline",
                "Data Capaian pada Tahun Awal Perencanaan",
                format=Format.QUANTITY,
                width=0.9,
                unit="baseline_unit",
                source=Source(indicators, "baseline", "indicator_row"),
            ),
            *per_year,
            col(
                "target_akhir",
                END_6_2,
                "Target",
                format=Format.QUANTITY,
                width=0.9,
                unit="akhir_unit",
            ),
            col("pagu_akhir", END_6_2, "Pagu (Rp)", format=Format.MONEY, width=1.3),
            col(
                "unit_kerja",
                "Unit Kerja Perangkat daerah Penanggung Jawab",
                width=1.0,
                source=Source(nodes, "unit_kerja", "node_row"),
            ),
            col("lokasi", "Lokasi", width=0.8, source=Source(nodes, "lokasi", "node_row")),
        ),
        landscape=True,
    )


def table_6_2(dataset: Dataset, derived: Derived) -> Table:
    matrix = derived.matrices[MATRIX]
    slots = indicator_slots(matrix)
    body = pd.DataFrame(_node_columns(slots))
    body = body.join(_targets(matrix, slots)).join(_pagu(matrix, slots))
    has = slots["has_indicator"]
    unit = slots["satuan"]
    body["baseline"] = slots["baseline"].astype(object).where(has, BLANK).to_numpy()
    body["baseline_unit"] = display_units(unit, slots["baseline" + UNIT_SUFFIX]).to_numpy()
    ends = matrix.end_targets.reindex(slots["indicator_row"].fillna(-1).astype(int))
    body["target_akhir"] = ends["value"].astype(object).where(has.to_numpy(), BLANK).to_numpy()
    body["akhir_unit"] = display_units(unit, ends["unit"].reset_index(drop=True)).to_numpy()
    for key in ("unit_kerja", "lokasi"):
        body[key] = _first(slots, slots[key].astype(object).where(slots[key].notna(), BLANK))
    total: dict[str, Any] = {KEY: TOTAL, "nama": TOTAL, STYLE: Style.TOTAL}
    for key in ("kode", "indikator", "baseline", "target_akhir", "unit_kerja", "lokasi"):
        total[key] = BLANK
    for year in matrix.years:
        total[f"target_{year}"] = BLANK
        total[f"pagu_{year}"] = as_int(matrix.grand.get(year))
    total["pagu_akhir"] = matrix.grand_period
    return build_table(_spec_6_2(dataset, matrix), append_rows(body, total), dataset)


# ---------------------------------------------------------------- Gambar 6.1


PAGU_CHART = "pagu_program"
CHART_PROGRAMS = 8  # more bars than this per year cannot be read: the smallest are summed


def pagu_chart_data(matrix: Matrix) -> dict[str, Any]:
    """Pagu per program (series) per year (groups), in rupiah, from the roll-up. With more than
    CHART_PROGRAMS programs, the largest (by five-year pagu) are kept in document order and the
    others are summed into one 'Program lainnya' series."""
    programs = matrix.nodes[matrix.nodes["reachable"] & (matrix.nodes["level"] == "Program")]
    pagu = matrix.pagu_wide.reindex(programs["id"])
    series = [
        (_title(name), [as_int(v) for v in pagu.loc[node_id, list(matrix.years)]])
        for node_id, name in zip(programs["id"], programs["nama"], strict=True)
    ]
    if len(series) > CHART_PROGRAMS:
        totals = [as_int(v) or 0 for v in pagu["akhir"]]
        ranked = sorted(range(len(series)), key=lambda i: -totals[i])
        kept = sorted(ranked[: CHART_PROGRAMS - 1])
        rest = [series[i][1] for i in ranked[CHART_PROGRAMS - 1 :]]
        others = [sum(v or 0 for v in year) for year in zip(*rest, strict=True)]
        series = [series[i] for i in kept] + [(f"Program lainnya ({len(rest)} program)", others)]
    return {
        "categories": [str(y) for y in matrix.years],
        "series": [{"label": label, "values": values} for label, values in series],
        "y_label": "Pagu indikatif (miliar rupiah)",
        "y_format": "miliar",
        "value_labels": False,
    }


def _title(name: str) -> str:
    return name.title() if name.isupper() else name


def figure_6_1(dataset: Dataset, derived: Derived) -> Figure:
    matrix = derived.matrices[MATRIX]
    years = matrix.years
    title = (
        f"Pagu Indikatif per Program Tahun {years[0]}-{years[-1]}"
        if years
        else "Pagu Indikatif per Program"
    )
    if matrix.programs.empty:
        return Figure(
            "",
            title,
            placeholder=not_filled(dataset, "program", matrix.nodes_sheet),
            key=PAGU_CHART,
        )
    return Figure(
        "",
        title,
        chart=Chart("bars", pagu_chart_data(matrix)),
        width_cm=16.0,
        source_note=f"Sumber: {table_reference(matrix.table)} (diolah)",
        key=PAGU_CHART,
    )


TABLES = {TRANSITION_MATRIX: table_6_1, MATRIX: table_6_2}
FIGURES = {PAGU_CHART: figure_6_1}
