"""BAB IV: tujuan and sasaran with their indicators and yearly targets (Tabel 4.1, T-C.25)."""

from __future__ import annotations

from typing import Any

from ..calc.derive import Derived
from ..model import Goal, GoalIndicator, Renstra
from .common import BLANK, Keys, agency, cells, or_none, ordinals, row, tall, wide
from .model import BodyRow, Column, Format, Table


def table_4_1(renstra: Renstra, derived: Derived) -> Table:
    years = renstra.goal_years
    by_owner: dict[str, list[GoalIndicator]] = {}
    for item in renstra.goal_indicators:
        by_owner.setdefault(item.owner, []).append(item)
    keys = Keys()
    rows: list[BodyRow] = []
    tujuan = [g for g in renstra.goals if g.kind == "Tujuan"]
    for number, goal in enumerate(tujuan, start=1):
        sasaran = [g for g in renstra.goals if g.kind == "Sasaran" and g.parent == goal.id]
        first = True
        for owner in (goal, *sasaran):
            for i, indicator in enumerate(or_none(by_owner.get(owner.id))):
                rows.append(
                    _row(
                        keys,
                        years,
                        number if first else BLANK,
                        goal if first else None,
                        owner,
                        i == 0,
                        indicator,
                    )
                )
                first = False
    header = (
        cells(
            tall("No"),
            tall("Tujuan"),
            tall("Sasaran"),
            tall("Indikator Tujuan/Sasaran"),
            tall("Formulasi Perhitungan Indikator Tujuan"),
            wide("Target Kinerja Tujuan/ Sasaran pada tahun Ke-", len(years)),
        ),
        cells(*ordinals(len(years))),
    )
    columns = (
        Column("no", Format.INT, 0.4),
        Column("tujuan", width=1.6),
        Column("sasaran", width=1.8),
        Column("indikator", width=2.2),
        Column("formula", width=2.6),
        *(Column(f"target_{y}", Format.QUANTITY, 0.8) for y in years),
    )
    return Table(
        "4.1",
        f"Tujuan dan Sasaran Jangka Menengah Pelayanan {agency(renstra)}",
        columns,
        header,
        tuple(rows),
        numbering_row=True,
        landscape=True,
    )


def _row(
    keys: Keys,
    years: tuple[int, ...],
    number: Any,
    goal: Goal | None,
    owner: Goal,
    first_of_owner: bool,
    indicator: GoalIndicator | None,
) -> BodyRow:
    sasaran = owner.text if owner.kind == "Sasaran" and first_of_owner else BLANK
    if indicator is None:
        return row(
            keys(owner.id),
            (number, goal.text if goal else BLANK, sasaran, BLANK, BLANK, *([BLANK] * len(years))),
            (
                None,
                goal.row.loc("uraian") if goal else None,
                owner.row.loc("uraian") if sasaran else None,
            ),
        )
    loc = indicator.row.loc
    values = (
        number,
        goal.text if goal else BLANK,
        sasaran,
        indicator.name,
        indicator.formula or BLANK,
        *(indicator.targets.get(y) for y in years),
    )
    sources = (
        None,
        goal.row.loc("uraian") if goal else None,
        owner.row.loc("uraian") if sasaran else None,
        loc("indikator"),
        loc("formula"),
        *(loc("target", y) for y in years),
    )
    units = (None,) * 5 + (indicator.unit,) * len(years)
    return row(keys(indicator.id), values, sources, units)


TABLES = {"4.1": table_4_1}
