"""The program matrices (T-C.27 of the plan years and of the transition year) on frames:
hierarchy, roll-ups, targets.

Pagu is data only on sub-kegiatan; a kegiatan is the sum of its sub-kegiatan, a program the sum
of its kegiatan, the grand total the sum of every program, per year and over the period. Sums
keep integer rupiah (`Int64`) and are missing only when every part is (`min_count=1`).
The end-of-period target of an indicator follows its aggregation rule: the last year's target
(`terakhir`), the sum (`jumlah`) or the mean (`rata-rata`) of its yearly targets.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

import pandas as pd

from ..model import LEVELS, MATRICES, Dataset
from ..nomenclature import natural_key
from ..sources.frames import ROW, STRING, UNIT_SUFFIX, YEAR, as_decimal, as_int, as_text, plain
from ..sources.links import PARENT_LEVEL, valid_nodes

PAGU = "pagu"
DEPTH = {level: depth for depth, level in enumerate(LEVELS)}  # Program 0 ... Sub Kegiatan 2


@dataclass(frozen=True)
class Matrix:
    """One program matrix: its nodes (document order), indicators, years and computed pagu."""

    table: str  # its table key: "matriks" (plan years) or "matriks_transisi"
    nodes_sheet: str
    indicators_sheet: str
    years: tuple[int, ...]
    nodes: pd.DataFrame  # valid nodes in document order; index: Excel row; + `depth`, `linked`
    data: pd.DataFrame  # per-year rows of the nodes sheet for the matrix years (`id` added)
    indicators: pd.DataFrame  # indicator rows whose node exists, in sheet order
    targets: pd.DataFrame  # per-year targets of those indicators (index: Excel row)

    @cached_property
    def pagu(self) -> pd.DataFrame:
        """Computed pagu: one row per node and year (columns id, tahun, pagu)."""
        return rollup(self.nodes, self.data, self.years)

    @cached_property
    def pagu_wide(self) -> pd.DataFrame:
        """Computed pagu by node (index: id) and year (columns), the period total in `akhir`."""
        wide = self.pagu.pivot(index="id", columns=YEAR, values=PAGU)
        wide = wide.reindex(columns=list(self.years))
        wide["akhir"] = wide.sum(axis=1, min_count=1).astype("Int64")
        return wide

    @cached_property
    def grand(self) -> pd.Series:
        """The grand total per year (index: year): the sum of every program."""
        programs = self.nodes.loc[self.nodes["level"] == "Program", "id"]
        own = self.pagu[self.pagu["id"].isin(programs)]
        totals = own.groupby(YEAR)[PAGU].sum(min_count=1)
        return totals.reindex(list(self.years)).astype("Int64")

    @property
    def grand_period(self) -> int | None:
        return as_int(self.grand.sum(min_count=1))

    def count(self, level: str) -> int:
        return int((self.nodes["level"] == level).sum())

    @property
    def programs(self) -> pd.DataFrame:
        return self.nodes[self.nodes["level"] == "Program"]

    @cached_property
    def end_targets(self) -> pd.DataFrame:
        """The end-of-period target of each indicator (index: Excel row; value, unit)."""
        return end_of_period(self.indicators, self.targets, self.years)


def matrices(dataset: Dataset) -> dict[str, Matrix]:
    """Every matrix of the project by table key ("matriks_transisi" only with a transition
    year)."""
    return {
        key: matrix_of(dataset, key, nodes, indicators)
        for key, (nodes, indicators) in MATRICES.items()
        if dataset.has(nodes)
    }


def matrix_of(dataset: Dataset, table: str, nodes_sheet: str, indicators_sheet: str) -> Matrix:
    years = dataset.years(nodes_sheet, PAGU)
    nodes = document_order(valid_nodes(dataset.frame(nodes_sheet)))
    per_year = dataset.yearly(nodes_sheet)
    data = per_year[per_year.index.isin(nodes.index) & per_year[YEAR].isin(years)]
    data = data.assign(id=nodes["id"].reindex(data.index).to_numpy())
    indicators = dataset.frame(indicators_sheet)
    indicators = indicators[indicators["id_node"].isin(nodes["id"])]
    targets = dataset.yearly(indicators_sheet)
    targets = targets[targets.index.isin(indicators.index) & targets[YEAR].isin(years)]
    return Matrix(table, nodes_sheet, indicators_sheet, years, nodes, data, indicators, targets)


# ---------------------------------------------------------------- hierarchy and order


def document_order(nodes: pd.DataFrame) -> pd.DataFrame:
    """The nodes in document order: each program, its kegiatan, each followed by its
    sub-kegiatan; siblings by code (natural order) when the matrix has codes, else in sheet
    order. Nodes no program reaches (a wrong parent) follow, with `reachable` False. Adds
    `depth` (0 program, 1 kegiatan, 2 sub-kegiatan) and `linked` (its parent is valid)."""
    parent = nodes["induk"].astype(object).where(nodes["induk"].notna(), None)
    parent_level = parent.map(dict(zip(plain(nodes["id"]), plain(nodes["level"]), strict=True)))
    linked = nodes["level"].map(PARENT_LEVEL) == parent_level
    children: dict[str, list[int]] = {}
    for row, parent_id in parent[linked].items():
        children.setdefault(parent_id, []).append(row)
    codes = nodes["kode"].astype(object).where(nodes["kode"].notna(), None)
    with_codes = bool(nodes["kode"].notna().any())

    def ordered(rows: list[int]) -> list[int]:
        return sorted(rows, key=lambda r: natural_key(codes[r])) if with_codes else rows

    programs = ordered(list(nodes.index[nodes["level"] == "Program"]))
    reached = list(_depth_first(programs, children, nodes["id"], ordered))
    seen = set(reached)
    order = reached + [row for row in nodes.index if row not in seen]
    result = nodes.loc[order]
    return result.assign(
        depth=result["level"].map(DEPTH).fillna(2).astype("int64"),
        linked=linked.reindex(order).fillna(False).astype(bool).to_numpy(),
        reachable=pd.array([row in seen for row in order], dtype=bool),
    )


def _depth_first(
    rows: list[int], children: dict[str, list[int]], ids: pd.Series, ordered: object
) -> Iterator[int]:
    stack = list(reversed(rows))
    while stack:
        row = stack.pop()
        yield row
        below = children.get(ids[row])
        if below:
            stack.extend(reversed(ordered(below)))  # type: ignore[operator]


def has_children(nodes: pd.DataFrame) -> pd.Series:
    """Whether each node (by Excel row) has at least one linked child."""
    parents = set(nodes.loc[nodes["linked"], "induk"])
    return nodes["id"].isin(parents)


# ---------------------------------------------------------------- roll-up


def rollup(nodes: pd.DataFrame, data: pd.DataFrame, years: tuple[int, ...]) -> pd.DataFrame:
    """Computed pagu of every node (columns id, tahun, pagu): sub-kegiatan and childless nodes
    keep their own pagu; a kegiatan sums its linked sub-kegiatan, a program its kegiatan."""
    own = data[["id", YEAR, PAGU]]
    grid = pd.MultiIndex.from_product([nodes["id"], list(years)], names=["id", YEAR])
    result = own.set_index(["id", YEAR])[PAGU].reindex(grid)
    parent_of = nodes.set_index("id")["induk"]
    for level in ("Kegiatan", "Program"):
        child_level = LEVELS[LEVELS.index(level) + 1]
        children = nodes[(nodes["level"] == child_level) & nodes["linked"]]
        below = result[result.index.get_level_values("id").isin(children["id"])]
        parents = parent_of.reindex(below.index.get_level_values("id")).to_numpy()
        sums = below.groupby([parents, below.index.get_level_values(YEAR)]).sum(min_count=1)
        sums.index = sums.index.set_names(["id", YEAR])
        result.loc[sums.index] = sums
    return result.astype("Int64").reset_index()


# ---------------------------------------------------------------- indicators


def end_of_period(
    indicators: pd.DataFrame, targets: pd.DataFrame, years: tuple[int, ...]
) -> pd.DataFrame:
    """Per indicator row: the end-of-period target (`value`, a Decimal or None) and its `unit`:
    the last year's target with its own unit (`terakhir`), or the sum or the mean of the known
    targets with the first unit typed among them (`jumlah`, `rata-rata`)."""
    table = targets.reset_index()
    shape = {"index": indicators.index, "columns": list(years)}

    def wide(column: str) -> list[list[object]]:
        if table.empty:
            return [[None] * len(years) for _ in indicators.index]
        pivot = table.pivot(index=ROW, columns=YEAR, values=column).reindex(**shape)
        return pivot.to_numpy(dtype=object).tolist()

    results = [
        _aggregate([as_decimal(v) for v in values], [as_text(u) for u in units], rule)
        for values, units, rule in zip(
            wide("target"),
            wide("target" + UNIT_SUFFIX),
            plain(indicators["aturan_akhir"]),
            strict=True,
        )
    ]
    return pd.DataFrame(
        {
            "value": pd.array([value for value, _ in results], dtype=object),
            "unit": pd.array([unit for _, unit in results], dtype=STRING),
        },
        index=indicators.index,
    )


def _aggregate(
    values: list[Decimal | None], units: list[str | None], rule: object
) -> tuple[Decimal | None, str | None]:
    known = [v for v in values if v is not None]
    if not known:
        return None, None
    if rule == "jumlah" or rule == "rata-rata":
        total = sum(known, Decimal(0))
        first_unit = next((u for u in units if u), None)
        return (total if rule == "jumlah" else total / len(known)), first_unit
    return (values[-1], units[-1]) if values[-1] is not None else (None, None)
