"""BAB VII: performance indicators that follow the RPJMD (T-C.28), derived from the
program-level indicators of the plan matrix (the support program left out)."""

from __future__ import annotations

import pandas as pd

from ..calc.derive import Derived
from ..model import MATRIX, Dataset
from ..sources.frames import UNIT_SUFFIX
from .bab6 import indicator_slots
from .common import display_units, is_support_program, wide_by_year, wide_units
from .model import Format, Table
from .spec import KEY, Source, TableSpec, build_table, col


def performance_indicators(derived: Derived) -> pd.DataFrame:
    """The outcome indicators of every program of the plan matrix except the support program,
    in document order (slots of `bab6.indicator_slots`)."""
    slots = indicator_slots(derived.matrices[MATRIX])
    programs = (slots["level"] == "Program") & slots["has_indicator"]
    support = [is_support_program(c, n) for c, n in zip(slots["kode"], slots["nama"], strict=True)]
    return slots[programs & ~pd.Series(support, index=slots.index)].reset_index(drop=True)


def table_7_1(dataset: Dataset, derived: Derived) -> Table:
    matrix = derived.matrices[MATRIX]
    years = matrix.years
    chosen = performance_indicators(derived)
    rows = pd.Index(chosen["indicator_row"].astype(int))
    unit = chosen["satuan"]
    ends = matrix.end_targets.reindex(rows)
    body = pd.DataFrame(
        {
            KEY: chosen["indikator"].to_numpy(),
            "no": range(1, len(chosen) + 1),
            "indikator": chosen["indikator"].to_numpy(),
            "tahun_0": chosen["baseline"].astype(object).to_numpy(),
            "tahun_0_unit": display_units(unit, chosen["baseline" + UNIT_SUFFIX]).to_numpy(),
            "akhir": ends["value"].to_numpy(),
            "akhir_unit": display_units(unit, ends["unit"].reset_index(drop=True)).to_numpy(),
            "indicator_row": rows,
        }
    )
    body = body.join(wide_by_year(matrix.targets, "target", years, rows, "tahun"))
    body = body.join(
        wide_units(matrix.targets, "target", years, rows, matrix.indicators["satuan"], "tahun")
    )
    sheet = matrix.indicators_sheet
    targets = [
        col(
            f"tahun_{y}",
            "Target Capaian Setiap Tahun",
            f"Tahun {i}",
            format=Format.QUANTITY,
            width=0.8,
            unit=f"tahun_{y}_unit",
            source=Source(sheet, "target", "indicator_row", y),
        )
        for i, y in enumerate(years, start=1)
    ]
    spec = TableSpec(
        "indikator_rpjmd",
        f"Indikator Kinerja {dataset.config.agency.nama} yang Mengacu pada Tujuan dan "
        "Sasaran RPJMD",
        (
            col("no", "No", format=Format.INT, width=0.4),
            col(
                "indikator",
                "Indikator",
                width=3.6,
                source=Source(sheet, "indikator", "indicator_row"),
            ),
            col(
                "tahun_0",
                "Kondisi Kinerja pada awal periode RPJMD",
                "Tahun 0",
                format=Format.QUANTITY,
                width=1.1,
                unit="tahun_0_unit",
                source=Source(sheet, "baseline", "indicator_row"),
            ),
            *targets,
            col(
                "akhir",
                "Kondisi Kinerja pada akhir periode RPJMD",
                format=Format.QUANTITY,
                width=1.1,
                unit="akhir_unit",
            ),
        ),
        numbering_row=True,
    )
    return build_table(spec, body, dataset)


TABLES = {"indikator_rpjmd": table_7_1}
