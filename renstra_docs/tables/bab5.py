"""BAB V: SWOT matrix (5.1), policies per strategy (5.2), and the chain of tujuan, sasaran,
strategi and kebijakan (5.3, T-C.26), all derived from the links in the data."""

from __future__ import annotations

from ..calc.derive import Derived
from ..model import Goal, Policy, Renstra, Strategy, SwotItem
from .common import BLANK, Keys, agency, blank_repeats, cells, or_none, row, section_row
from .model import BodyRow, Column, Format, HeaderCell, Style, Table

PERSPECTIVES = (
    "Perspektif masyarakat",
    "Perspektif proses internal",
    "Perspektif kelembagaan",
    "Perspektif keuangan",
)  # Permendagri 86/2017, in this order


# ---------------------------------------------------------------- 5.1 SWOT


def _numbered(texts: list[str]) -> str:
    return "\n".join(f"{i}. {t}" for i, t in enumerate(texts, start=1))


def _items(swot: list[SwotItem], kind: str) -> list[str]:
    return [s.text for s in swot if s.kind == kind]


def _strategies(renstra: Renstra, quadrant: str) -> str:
    """The strategies of a quadrant, numbered as in the strategy list of section 5.1."""
    return "\n".join(
        f"{i}. {s.text}"
        for i, s in enumerate(renstra.strategies, start=1)
        if s.quadrant == quadrant
    )


def table_5_1(renstra: Renstra, derived: Derived) -> Table:
    swot = renstra.swot
    rows: list[BodyRow] = [
        row(
            "Peluang/Tantangan",
            (BLANK, _numbered(_items(swot, "Peluang")), _numbered(_items(swot, "Tantangan"))),
        ),
    ]
    for kind, internal in (("Kekuatan", "S"), ("Kelemahan", "W")):
        rows.append(
            row(
                kind.upper(),
                (kind.upper(), f"Strategi O-{internal}", f"Strategi T-{internal}"),
                style=Style.BOLD,
            )
        )
        rows.append(
            row(
                f"{kind} / strategi",
                (
                    _numbered(_items(swot, kind)),
                    _strategies(renstra, f"O-{internal}"),
                    _strategies(renstra, f"T-{internal}"),
                ),
            )
        )
    columns = (
        Column("internal", width=1.0),
        Column("peluang", width=1.2),
        Column("tantangan", width=1.2),
    )
    return Table(
        "5.1",
        f"Analisa SWOT {agency(renstra)}",
        columns,
        (cells("", "PELUANG", "TANTANGAN"),),
        tuple(rows),
    )


# ---------------------------------------------------------------- 5.2 policies


def table_5_2(renstra: Renstra, derived: Derived) -> Table:
    by_strategy: dict[str, list[Policy]] = {}
    for policy in renstra.policies:
        by_strategy.setdefault(policy.strategy_id, []).append(policy)
    keys = Keys()
    rows: list[BodyRow] = []
    for number, strategy in enumerate(renstra.strategies, start=1):
        policies = by_strategy.get(strategy.id)
        if not policies:
            continue
        rows.append(section_row(keys(strategy.id), f"Strategi {number}: {strategy.text}", 4))
        rows.extend(_perspective_rows(keys, strategy, policies))
    header = (cells(HeaderCell("No"), "Perspektif", "Kebijakan Umum", "Program"),)
    columns = (
        Column("no", Format.INT, 0.4),
        Column("perspektif", width=1.4),
        Column("kebijakan", width=2.6),
        Column("program", width=2.0),
    )
    return Table(
        "5.2",
        f"Kebijakan {agency(renstra)} {renstra.config.agency.daerah}",
        columns,
        header,
        tuple(rows),
    )


def _perspective_rows(keys: Keys, strategy: Strategy, policies: list[Policy]) -> list[BodyRow]:
    extra = [p.perspective for p in policies if p.perspective not in PERSPECTIVES]
    rows = []
    for number, perspective in enumerate((*PERSPECTIVES, *dict.fromkeys(extra)), start=1):
        matching = or_none([p for p in policies if p.perspective == perspective])
        for i, policy in enumerate(matching):
            values = (
                number if i == 0 else BLANK,
                perspective if i == 0 else BLANK,
                policy.text if policy else BLANK,
                (policy.program or BLANK) if policy else BLANK,
            )
            sources = (
                None,
                policy.row.loc("perspektif") if policy else None,
                policy.row.loc("uraian") if policy else None,
                policy.row.loc("program") if policy else None,
            )
            rows.append(row(keys(f"{strategy.id} / {perspective}"), values, sources))
    return rows


# ---------------------------------------------------------------- 5.3 T-C.26


def table_5_3(renstra: Renstra, derived: Derived) -> Table:
    keys = Keys()
    rows: list[BodyRow] = []
    if renstra.vision:
        rows.append(section_row(keys("VISI"), f"VISI: {renstra.vision}", 4))
    for mission in (m for m in renstra.missions if m.related):
        rows.append(section_row(keys("MISI"), f"MISI: {mission.text}", 4))
    previous: tuple | None = None
    for path in chains(renstra):
        values = tuple(x.text if x else BLANK for x in path)
        key = " / ".join(x.id for x in path if x)
        rows.append(
            row(
                keys(key),
                blank_repeats(values, previous),
                tuple(x.row.loc("uraian") if x else None for x in path),
            )
        )
        previous = values
    header = (cells("TUJUAN", "SASARAN", "STRATEGI", "KEBIJAKAN"),)
    columns = tuple(
        Column(k, width=w)
        for k, w in (("tujuan", 1.0), ("sasaran", 1.2), ("strategi", 1.8), ("kebijakan", 1.8))
    )
    return Table("5.3", "Tujuan, Sasaran, Strategi Dan Kebijakan", columns, header, tuple(rows))


Chain = tuple[Goal, Goal | None, Strategy | None, Policy | None]


def chains(renstra: Renstra) -> list[Chain]:
    """Every path tujuan -> sasaran -> strategi -> kebijakan, in data order (Tabel 5.3)."""
    sasaran: dict[str, list[Goal]] = {}
    for goal in renstra.goals:
        if goal.kind == "Sasaran" and goal.parent:
            sasaran.setdefault(goal.parent, []).append(goal)
    strategies: dict[str, list[Strategy]] = {}
    for item in renstra.strategies:
        if item.target_id:
            strategies.setdefault(item.target_id, []).append(item)
    policies: dict[str, list[Policy]] = {}
    for rule in renstra.policies:
        policies.setdefault(rule.strategy_id, []).append(rule)
    paths: list[Chain] = []
    for tujuan in (g for g in renstra.goals if g.kind == "Tujuan"):
        for target in or_none(sasaran.get(tujuan.id)):
            for strategy in or_none(strategies.get(target.id) if target else None):
                for policy in or_none(policies.get(strategy.id) if strategy else None):
                    paths.append((tujuan, target, strategy, policy))
    return paths


TABLES = {"5.1": table_5_1, "5.2": table_5_2, "5.3": table_5_3}
