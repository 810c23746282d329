"""T-C.27 Rencana Program, Kegiatan dan Pendanaan -> bab6 › matriks, indikator, deklarasi_matriks.

- A row with a code and a name is a node; its level comes from the code (codes.py), its parent
  from the row order (the program or kegiatan above it, whose code must prefix its own). IDs are
  readable and stable: P1, P1.K1, P1.K1.S1.
- A row without code and name prints a further indicator of the node above. A node's pagu is the
  Rp on its first indicator row: a sub-kegiatan's is its `Pagu`, a program's or kegiatan's its
  `Pagu Tertulis` (checked against the sum of its rincian). A Rp printed on a further indicator
  row goes to that indicator's `Pagu Tertulis`, where `pagu-row-mismatch` and `counted-twice`
  judge it. A program or kegiatan printed with no Rp at all over rincian with pagu is reported.
- `Aturan Akhir` is not printed: it is read from the values when they prove it (Target akhir =
  the last year's target: `terakhir`; = the sum of the years: `jumlah`; = their mean:
  `rata-rata`), else `terakhir` with one warning per sheet.
- Tujuan/Sasaran texts of a program become the IDs of the matching tujuan_sasaran rows.
- The printed TOTAL row becomes `deklarasi_matriks` rows (Tabel `matriks`, total_<tahun>,
  total_akhir).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..config import Config
from ..findings import Finding, Location
from ..nomenclature import normalise_name, parent_code
from ..sources.schema import AGGREGATIONS, BAB6
from .codes import (
    KEGIATAN,
    PROGRAM,
    SUB,
    CodeError,
    Context,
    SplitCode,
    is_urusan,
    read_code,
    urusan_key,
)
from .columns import RP, TARGET
from .output import SheetOutput
from .table import Spanning, Table
from .tc23 import unit_of
from .tc25 import SASARAN, TUJUAN, Goal
from .values import Amount, amount, money

NODES, INDICATORS = BAB6.sheet("matriks"), BAB6.sheet("indikator")
DECLARED = BAB6.sheet("deklarasi_matriks")
TABLE = NODES.name  # a matrix's table key is the sheet of its nodes (deklarasi_matriks Tabel)
LAST, SUM, MEAN = AGGREGATIONS
ID_LETTER = {KEGIATAN: "K", SUB: "S"}
_URUSAN_NAME = re.compile(r"(bidang\s+)?urusan\b", re.I)
_LABEL_COLUMNS = ("no", "tujuan", "sasaran", "kode", "nama")


@dataclass
class Node:
    id: str
    level: str
    code: str
    name: str
    row: int
    parent: Node | None
    rp: dict[int, Any]
    values: dict[str, Any] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)

    def has_pagu(self) -> bool:
        if self.level == SUB:
            return any(isinstance(v, int) for v in self.rp.values())
        return any(child.has_pagu() for child in self.children)


def read(table: Table, config: Config, goals: Sequence[Goal]) -> list[SheetOutput]:
    reader = _Reader(table, config, goals)
    for row in table.rows():
        reader.row(row)
    return reader.outputs()


class _Reader:
    def __init__(self, table: Table, config: Config, goals: Sequence[Goal]):
        self.table = table
        self.nodes: list[Node] = []
        self.programs: list[Node] = []
        self.current: dict[str, Node | None] = {PROGRAM: None, KEGIATAN: None}
        self.last: Node | None = None  # the node a further indicator row belongs to
        self.in_goal = False  # rows of a tujuan/sasaran's own indicators
        self.context = Context(config.agency.urusan, {urusan_key(config.agency.urusan)})
        self.codes = SplitCode(table.grid, table.cols("kode"))
        self.spans = {key: Spanning(table, key) for key in ("tujuan", "sasaran")}
        self.goals = {(g.kind, normalise_name(g.text)): g.id for g in goals}
        self.unmatched: set[tuple[str, str]] = set()
        self.indicators = SheetOutput(BAB6, INDICATORS, table.years)
        self.declared = SheetOutput(BAB6, DECLARED, table.years, replaces_table=TABLE)
        self.unproven: list[Location] = []

    # -- rows
    def row(self, row: int) -> None:
        texts = {key: span.at(row) for key, span in self.spans.items()}
        if not self.table.text(row, "indikator") and self.table.total_label(row, _LABEL_COLUMNS):
            self._total(row)
            return
        code, name = self.codes.at(row), self.table.text(row, "nama")
        if code and (is_urusan(code) or (name and _URUSAN_NAME.match(name))):
            self._urusan(row, code)
        elif code or name:
            self._node(row, code, name, texts)
        else:
            self._further(row)

    def _urusan(self, row: int, code: str) -> None:
        self.context.enter_urusan(code)
        self.current = {PROGRAM: None, KEGIATAN: None}
        self.last = None
        if self.table.filled(row, (RP, "akhir_rp")):
            self.table.skipped(row, f"baris urusan '{code}': pagunya dihitung dari programnya")

    def _node(self, row: int, code: str | None, name: str | None, texts: dict) -> None:
        self.last, self.in_goal = None, False
        table = self.table
        if code is None or name is None:
            what = f"'{name}' tanpa kode" if code is None else f"kode '{code}' tanpa nama"
            table.unplaced(row, f"{what}: tingkat baris tidak dapat ditentukan")
            return
        try:
            level, code = read_code(code, self.context)
        except CodeError as err:
            table.unplaced(row, str(err), table.loc(row, "kode"))
            return
        parent = self.current.get({KEGIATAN: PROGRAM, SUB: KEGIATAN}.get(level, ""))
        if level != PROGRAM and (parent is None or parent_code(code) != parent.code):
            above = f"'{parent.code}'" if parent else "tidak ada"
            table.unplaced(
                row,
                f"{level.lower()} '{code}' tidak di bawah induk di atasnya ({above})",
                table.loc(row, "kode"),
            )
            return
        self.context.saw(level, code)
        node = self._new(row, level, code, name, parent, texts)
        if level != SUB:
            self.current[level] = node
        if level == PROGRAM:
            self.current[KEGIATAN] = None
        self.last = node
        if table.text(row, "indikator"):
            self._indicator(node, row)
        elif table.filled(row, (TARGET, "baseline", "akhir_target")):
            table.unplaced(row, "target tanpa indikator", table.loc(row, TARGET))

    def _new(
        self, row: int, level: str, code: str, name: str, parent: Node | None, texts: dict
    ) -> Node:
        table = self.table
        number = len(parent.children if parent else self.programs) + 1
        node_id = f"P{number}" if parent is None else f"{parent.id}.{ID_LETTER[level]}{number}"
        rp = table.per_year(row, RP, money, declared=level != SUB)
        node = Node(node_id, level, code, name, row, parent, rp)
        node.values = {
            "ID": node_id,
            "Induk": parent.id if parent else None,
            "Level": level,
            "Kode": code,
            "Nama": name,
            "Pagu Tertulis Akhir": table.value(row, "akhir_rp", money, declared=True),
            "Unit Kerja": table.text(row, "unit_kerja"),
            "Lokasi": table.text(row, "lokasi"),
        }
        if level == PROGRAM:
            node.values["Tujuan"] = self._goal(row, "tujuan", TUJUAN, texts["tujuan"])
            node.values["Sasaran"] = self._goal(row, "sasaran", SASARAN, texts["sasaran"])
        (parent.children if parent else self.programs).append(node)
        self.nodes.append(node)
        return node

    def _further(self, row: int) -> None:
        table = self.table
        indicator = table.text(row, "indikator")
        goal_row = any(span.printed(row) for span in self.spans.values())
        if indicator and (goal_row or self.in_goal):
            self.in_goal = True
            table.skipped(
                row,
                "indikator tujuan/sasaran pada T-C.27 tidak diimpor (diimpor dari T-C.25)",
            )
            return
        numbers = table.filled(row, (TARGET, RP, "baseline", "akhir_target", "akhir_rp"))
        if indicator is None:
            if numbers:
                table.unplaced(row, "baris tanpa kode, nama dan indikator")
            return
        if self.last is None:
            table.unplaced(row, "indikator lanjutan tanpa program/kegiatan di atasnya")
        elif not numbers:
            table.unplaced(
                row,
                "indikator lanjutan tanpa target maupun Rp (lanjutan teks baris di atasnya? "
                "gabungkan teksnya di berkas sumber)",
            )
        else:
            self._indicator(self.last, row, table.per_year(row, RP, money, declared=True))

    def _indicator(self, node: Node, row: int, written: dict[int, Any] | None = None) -> None:
        table = self.table
        targets = table.per_year(row, TARGET, amount)
        baseline = table.value(row, "baseline", amount)
        end = table.value(row, "akhir_target", amount, declared=True)
        rule = end_rule(list(targets.values()), end)
        if rule is None:
            self.unproven.append(table.loc(row, "akhir_target"))
        self.indicators.add(
            {
                "ID Node": node.id,
                "Indikator": table.text(row, "indikator"),
                "Satuan": table.text(row, "satuan") or unit_of([baseline, *targets.values(), end]),
                "Aturan Akhir": rule or LAST,
                "Baseline": baseline,
                "Target Akhir Tertulis": end,
            },
            {"Target": targets, "Pagu Tertulis": written or {}},
        )

    def _total(self, row: int) -> None:
        table = self.table
        if self.declared.rows:
            table.unplaced(row, "baris TOTAL kedua")
            return
        printed = table.per_year(row, RP, money, declared=True)
        printed["akhir"] = table.value(row, "akhir_rp", money, declared=True)
        for year, value in printed.items():
            if value is not None:
                key = f"total_{year}"
                self.declared.add(
                    {"Tabel": TABLE, "Kunci": key, "Nilai": value, "Keterangan": "Baris TOTAL"}
                )

    def _goal(self, row: int, key: str, kind: str, printed: str | None) -> str | None:
        if printed is None:
            return None
        found = self.goals.get((kind, normalise_name(printed)))
        if found is None and (kind, printed) not in self.unmatched:
            self.unmatched.add((kind, printed))
            self.table.findings.append(
                Finding(
                    "import-goal-unmatched",
                    f"{kind.lower()} '{printed}' tidak ada di sheet tujuan_sasaran",
                    self.table.loc(row, key),
                )
            )
        return found

    # -- what is written
    def outputs(self) -> list[SheetOutput]:
        nodes = SheetOutput(BAB6, NODES, self.table.years)
        for node in self.nodes:
            group = "Pagu" if node.level == SUB else "Pagu Tertulis"
            nodes.add(node.values, {group: node.rp})
            self._blank_parent(node)
        if self.unproven:
            self.table.findings.append(self._default_rule())
        return [nodes, self.indicators, self.declared]

    def _blank_parent(self, node: Node) -> None:
        printed = [*node.rp.values(), node.values["Pagu Tertulis Akhir"]]
        if node.level != SUB and all(v is None for v in printed) and node.has_pagu():
            self.table.findings.append(
                Finding(
                    "parent-pagu-blank",
                    f"{node.level.lower()} '{node.name}' tercetak tanpa Rp, rinciannya berpagu",
                    self.table.loc(node.row, RP),
                    row_label=node.name,
                )
            )

    def _default_rule(self) -> Finding:
        first = self.unproven[0]
        return Finding(
            "import-default",
            f"aturan akhir tidak tercetak dan tidak terbukti dari angka pada "
            f"{len(self.unproven)} indikator (pertama: {first}): ditulis '{LAST}'",
            Location(BAB6.filename, INDICATORS.name, None, "Aturan Akhir"),
        )


def end_rule(targets: list[Any], end: Any) -> str | None:
    """The aggregation the printed end-of-period target proves, or None."""
    if not isinstance(end, Amount) or not targets:
        return None
    last = targets[-1]
    if isinstance(last, Amount) and end.same(last):
        return LAST
    if not all(isinstance(t, Amount) and t.same(Amount(t.value, end.unit)) for t in targets):
        return None
    total = sum((t.value for t in targets), Decimal(0))
    if total == end.value:
        return SUM
    if total / len(targets) == end.value:
        return MEAN
    return None
