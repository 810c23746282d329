"""The Renstra dataset: typed, NaN-free objects built once from the source tables.

Every object keeps its source `Row` so that a finding can name the workbook, sheet and cell of the
value it is about (`obj.row.loc("pagu", 2024)`). Objects are read-only after loading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .config import Config
from .findings import Finding
from .sources.normalise import Quantity
from .sources.read import Row

YearValues = dict[int, Decimal | None]
YearQuantities = dict[int, Quantity]
YearMoney = dict[int, int | None]


@dataclass
class OrgUnit:
    id: str
    name: str
    parent: str | None
    kind: str
    head_title: str | None
    intro: str | None
    duties: list[str]
    row: Row
    children: list[OrgUnit] = field(default_factory=list)


@dataclass(frozen=True)
class Count:
    """A labelled count (Tabel 2.2 and 2.4 rows)."""

    label: str
    count: int | None
    row: Row


@dataclass(frozen=True)
class StaffStatus:
    sex: str  # Laki-laki / Perempuan
    status: str  # PNS / Tenaga Kontrak
    count: int | None
    row: Row


@dataclass(frozen=True)
class Asset:
    name: str
    amount: Decimal | None
    unit: str | None
    row: Row


@dataclass(frozen=True)
class ServiceIndicator:
    """Tabel 2.6 (T-C.23): one indicator of the previous period."""

    name: str
    unit: str | None
    polarity: str
    target_nspk: Quantity | None
    target_ikk: Quantity | None
    target_other: Quantity | None
    targets: YearQuantities
    actuals: YearQuantities
    declared_ratios: YearValues
    row: Row


@dataclass(frozen=True)
class PeriodEndIndicator:
    """Tabel 2.7: target and realisation at the end of the previous period."""

    name: str
    unit: str | None
    polarity: str
    target: Quantity | None
    actual: Quantity | None
    declared_progress: Decimal | None
    row: Row


@dataclass(frozen=True)
class PmksRow:
    """Tabel 2.8 / 2.9: one PMKS type, target and realisation per year."""

    kind: str
    unit: str | None
    targets: dict[int, int | None]
    actuals: dict[int, int | None]
    row: Row


@dataclass(frozen=True)
class BudgetRow:
    """Tabel 2.10 (T-C.24)."""

    label: str
    budget: YearMoney
    actual: YearMoney
    declared_ratios: YearValues
    declared_budget_growth: Decimal | None
    declared_actual_growth: Decimal | None
    row: Row


@dataclass(frozen=True)
class Item:
    """A text item with an optional kind and title (challenges, opportunities)."""

    kind: str
    title: str | None
    text: str | None
    row: Row


@dataclass(frozen=True)
class Stat:
    key: str
    label: str | None
    value: Decimal
    unit: str | None
    source: str | None
    row: Row


@dataclass(frozen=True)
class Declared:
    """A number the staff typed only to be checked (a printed total, a ratio, a quote)."""

    table: str
    key: str
    value: Quantity
    note: str | None
    row: Row


@dataclass(frozen=True)
class Mission:
    no: int | None
    text: str
    related: bool
    row: Row


@dataclass(frozen=True)
class Goal:
    """Tabel 4.1: a tujuan or a sasaran."""

    id: str
    kind: str  # Tujuan / Sasaran
    parent: str | None
    text: str
    row: Row


@dataclass(frozen=True)
class GoalIndicator:
    id: str
    owner: str
    name: str
    formula: str | None
    unit: str | None
    polarity: str
    targets: YearQuantities
    row: Row


@dataclass(frozen=True)
class SwotItem:
    id: str
    kind: str  # Kekuatan / Kelemahan / Peluang / Tantangan
    text: str
    row: Row


@dataclass(frozen=True)
class Strategy:
    id: str
    text: str
    quadrant: str
    target_id: str | None  # the sasaran it serves (Tabel 5.3)
    explanation: str | None
    row: Row


@dataclass(frozen=True)
class Policy:
    id: str
    strategy_id: str
    perspective: str
    text: str
    program: str | None
    row: Row


@dataclass
class Indicator:
    """One performance indicator of a matrix node."""

    node_id: str
    name: str
    unit: str | None
    rule: str  # terakhir / jumlah / rata-rata
    baseline: Quantity | None
    targets: YearQuantities
    declared_final: Quantity | None
    row: Row


@dataclass
class Node:
    """A program, kegiatan or sub-kegiatan of a matrix (Tabel 6.1 / 6.2)."""

    id: str
    parent_id: str | None
    level: str  # Program / Kegiatan / Sub Kegiatan
    code: str | None
    name: str
    goal_id: str | None
    target_id: str | None
    pagu: YearMoney  # data only on sub-kegiatan
    declared_pagu: YearMoney  # printed on program / kegiatan rows
    declared_total: int | None  # printed five-year total
    unit_kerja: str | None
    location: str | None
    row: Row
    indicators: list[Indicator] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}" if self.code else self.name


@dataclass
class Matrix:
    table: str  # "6.1" / "6.2"
    years: tuple[int, ...]
    nodes: list[Node]  # in sheet order
    sheet: str

    @property
    def programs(self) -> list[Node]:
        return [n for n in self.nodes if n.level == "Program"]

    def by_id(self) -> dict[str, Node]:
        return {n.id: n for n in self.nodes}

    def count(self, level: str) -> int:
        return sum(1 for n in self.nodes if n.level == level)

    def walk(self) -> list[Node]:
        """Nodes in document order: each program, then its kegiatan, each followed by its subs."""
        ordered: list[Node] = []

        def visit(node: Node) -> None:
            ordered.append(node)
            for child in node.children:
                visit(child)

        for program in self.programs:
            visit(program)
        return ordered


@dataclass
class Renstra:
    config: Config
    legal_basis: list[str]
    org_units: list[OrgUnit]
    staff_by_position: list[Count]
    staff_by_status: list[StaffStatus]
    staff_by_grade: list[Count]
    assets: list[Asset]
    service_indicators: list[ServiceIndicator]
    service_years: tuple[int, ...]
    period_end_indicators: list[PeriodEndIndicator]
    pmks_assisted: list[PmksRow]
    pmks_handled: list[PmksRow]
    pmks_years: tuple[int, ...]
    budget: list[BudgetRow]
    budget_years: tuple[int, ...]
    pmks_totals: dict[int, int]
    challenges: list[Item]
    stats: dict[str, Stat]
    declared: list[Declared]
    lists: dict[str, list[str]]
    vision: str | None
    missions: list[Mission]
    table_3_1: list[dict[str, str | None]]
    goals: list[Goal]
    goal_indicators: list[GoalIndicator]
    goal_years: tuple[int, ...]
    swot: list[SwotItem]
    strategies: list[Strategy]
    policies: list[Policy]
    matrices: dict[str, Matrix]
    findings: list[Finding] = field(default_factory=list)

    def org_root(self) -> OrgUnit | None:
        return next((u for u in self.org_units if u.parent is None), None)
