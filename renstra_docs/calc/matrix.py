"""Roll-ups of the program matrices (Tabel 6.1, 6.2) and end-of-period targets.

Pagu is data only on sub-kegiatan; a kegiatan is the sum of its sub-kegiatan, a program the sum
of its kegiatan, the grand total the sum of every program, per year and over the period.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..model import Indicator, Matrix, Node
from ..sources.normalise import Quantity
from .numbers import total


@dataclass(frozen=True)
class Rollup:
    """Computed pagu of every node and of the whole matrix."""

    years: tuple[int, ...]
    pagu: dict[str, dict[int, int | None]]  # node id -> year -> pagu
    grand: dict[int, int | None]

    def of(self, node: Node) -> dict[int, int | None]:
        return self.pagu[node.id]

    def period(self, node: Node) -> int | None:
        return total(self.pagu[node.id].values())

    @property
    def grand_period(self) -> int | None:
        return total(self.grand.values())


def rollup(matrix: Matrix) -> Rollup:
    pagu: dict[str, dict[int, int | None]] = {}

    def visit(node: Node) -> dict[int, int | None]:
        if node.level == "Sub Kegiatan" or not node.children:
            values = {y: node.pagu.get(y) for y in matrix.years}
        else:
            children = [visit(child) for child in node.children]
            values = {y: total(c[y] for c in children) for y in matrix.years}
        pagu[node.id] = values
        return values

    programs = [visit(program) for program in matrix.programs]
    for node in matrix.nodes:  # detached nodes (bad parent) still get their own values
        pagu.setdefault(node.id, {y: node.pagu.get(y) for y in matrix.years})
    grand = {y: total(p[y] for p in programs) for y in matrix.years}
    return Rollup(matrix.years, pagu, grand)


def end_of_period(indicator: Indicator, years: tuple[int, ...]) -> Quantity | None:
    """The end-of-period target from the indicator's aggregation rule."""
    targets = [indicator.targets.get(y) for y in years]
    values = [t.value for t in targets if t is not None and t.value is not None]
    unit = next((t.unit for t in targets if t is not None and t.unit), None)
    if not values:
        return None
    if indicator.rule == "jumlah":
        return Quantity(sum(values, Decimal(0)), unit)
    if indicator.rule == "rata-rata":
        return Quantity(sum(values, Decimal(0)) / len(values), unit)
    last = targets[-1]
    return last if last is not None and last.value is not None else None
