"""T-C.25 Tujuan dan Sasaran Jangka Menengah -> bab4 › tujuan_sasaran and indikator_tujuan.

Tujuan and Sasaran cells span their indicator rows (merged, or printed once with blanks below).
An indicator row with no Sasaran under a new Tujuan is the Tujuan's own indicator; in a sheet
that does not merge the Sasaran column, a blank Sasaran carries the one above. IDs follow the
shipped project: T1, T1.S1, indicators I1, I2 ...
"""

from __future__ import annotations

from dataclasses import dataclass

from ..sources.schema import BAB4
from .columns import TARGET
from .output import SheetOutput
from .table import Spanning, Table
from .tc23 import DEFAULT_POLARITY, default_polarity, unit_of
from .values import amount

GOALS, INDICATORS = BAB4.sheet("tujuan_sasaran"), BAB4.sheet("indikator_tujuan")
TUJUAN, SASARAN = "Tujuan", "Sasaran"


@dataclass(frozen=True)
class Goal:
    id: str
    kind: str  # Tujuan / Sasaran
    text: str


def read(table: Table) -> list[SheetOutput]:
    goals = SheetOutput(BAB4, GOALS, table.years)
    indicators = SheetOutput(BAB4, INDICATORS, table.years)
    tujuan_col, sasaran_col = Spanning(table, "tujuan"), Spanning(table, "sasaran")
    tujuan: Goal | None = None
    sasaran: Goal | None = None
    for row in table.rows():
        tujuan_text, sasaran_text = tujuan_col.at(row), sasaran_col.at(row)
        if tujuan_text and (tujuan is None or tujuan_text != tujuan.text):
            tujuan = Goal(f"T{_count(goals, TUJUAN) + 1}", TUJUAN, tujuan_text)
            goals.add({"ID": tujuan.id, "Jenis": TUJUAN, "Uraian": tujuan.text})
            sasaran = None
            sasaran_col.reset()
            sasaran_text = sasaran_col.at(row)
        if sasaran_text and (sasaran is None or sasaran_text != sasaran.text):
            if tujuan is None:
                table.unplaced(row, "sasaran tanpa tujuan di atasnya", table.loc(row, "sasaran"))
                continue
            sasaran = Goal(f"{tujuan.id}.S{_under(goals, tujuan) + 1}", SASARAN, sasaran_text)
            goals.add(
                {"ID": sasaran.id, "Jenis": SASARAN, "Induk": tujuan.id, "Uraian": sasaran_text}
            )
        elif sasaran_col.merged and not sasaran_text:
            sasaran = None
        owner = sasaran or tujuan
        _indicator(table, row, owner, indicators)
    if indicators.rows:
        table.findings.append(default_polarity(indicators, len(indicators.rows)))
    return [goals, indicators]


def _indicator(table: Table, row: int, owner: Goal | None, out: SheetOutput) -> None:
    indicator = table.text(row, "indikator")
    if indicator is None:
        if table.filled(row, (TARGET, "formula", "satuan")):
            table.unplaced(row, "target tanpa indikator: tidak dapat ditempatkan")
        return
    if owner is None:
        table.unplaced(
            row, "indikator tanpa tujuan/sasaran di atasnya", table.loc(row, "indikator")
        )
        return
    targets = table.per_year(row, TARGET, amount)
    out.add(
        {
            "ID": f"I{len(out.rows) + 1}",
            "Pemilik": owner.id,
            "Indikator": indicator,
            "Formula": table.text(row, "formula"),
            "Satuan": table.text(row, "satuan") or unit_of(list(targets.values())),
            "Polaritas": DEFAULT_POLARITY,
        },
        {"Target": targets},
    )


def _count(goals: SheetOutput, kind: str) -> int:
    return sum(1 for row in goals.rows if row["Jenis"] == kind)


def _under(goals: SheetOutput, tujuan: Goal) -> int:
    return sum(1 for row in goals.rows if row.get("Induk") == tujuan.id)


def goals_of(outputs: list[SheetOutput]) -> list[Goal]:
    """The tujuan and sasaran an import of T-C.25 writes."""
    return [
        Goal(row["ID"], row["Jenis"], row["Uraian"])
        for out in outputs
        if out.sheet is GOALS
        for row in out.rows
    ]
