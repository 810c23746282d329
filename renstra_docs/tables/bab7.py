"""BAB VII: performance indicators that follow the RPJMD (Tabel 7.1, T-C.28), derived from the
program-level indicators of the 2022-2026 matrix (the support program left out)."""

from __future__ import annotations

from ..calc.derive import Derived
from ..calc.matrix import end_of_period
from ..model import Indicator, Renstra
from .common import Keys, cells, is_support_program, ordered_nodes, row, tall, wide
from .model import BodyRow, Column, Format, Table


def indicators_7_1(renstra: Renstra) -> list[Indicator]:
    """Outcome indicators of every program of Tabel 6.2 except the support program."""
    matrix = renstra.matrices["6.2"]
    return [
        indicator
        for node in ordered_nodes(matrix)
        if node.level == "Program" and not is_support_program(node)
        for indicator in node.indicators
    ]


def table_7_1(renstra: Renstra, derived: Derived) -> Table:
    years = renstra.matrices["6.2"].years
    keys = Keys()
    rows: list[BodyRow] = []
    for number, indicator in enumerate(indicators_7_1(renstra), start=1):
        loc = indicator.row.loc
        rows.append(
            row(
                keys(indicator.name),
                (
                    number,
                    indicator.name,
                    indicator.baseline,
                    *(indicator.targets.get(y) for y in years),
                    end_of_period(indicator, years),
                ),
                (None, loc("indikator"), loc("baseline"), *(loc("target", y) for y in years), None),
                (None, None, *([indicator.unit] * (len(years) + 2))),
            )
        )
    header = (
        cells(
            tall("No"),
            tall("Indikator"),
            "Kondisi Kinerja pada awal periode RPJMD",
            wide("Target Capaian Setiap Tahun", len(years)),
            tall("Kondisi Kinerja pada akhir periode RPJMD"),
        ),
        cells("Tahun 0", *(f"Tahun {i}" for i in range(1, len(years) + 1))),
    )
    columns = (
        Column("no", Format.INT, 0.4),
        Column("indikator", width=3.6),
        Column("tahun_0", Format.QUANTITY, 1.1),
        *(Column(f"tahun_{i}", Format.QUANTITY, 0.8) for i in range(1, len(years) + 1)),
        Column("akhir", Format.QUANTITY, 1.1),
    )
    agency = renstra.config.agency.nama
    return Table(
        "7.1",
        f"Indikator Kinerja {agency} yang Mengacu pada Tujuan dan Sasaran RPJMD",
        columns,
        header,
        tuple(rows),
        numbering_row=True,
    )


TABLES = {"7.1": table_7_1}
