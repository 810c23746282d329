"""Cross-table consistency: the same fact typed in two places must agree."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..calc.derive import Derived
from ..findings import Finding
from ..model import Count, Indicator, Matrix, Renstra, StaffStatus
from .. import fmt


def check_consistency(renstra: Renstra, derived: Derived) -> Iterator[Finding]:
    yield from _staff(renstra, derived)
    yield from _programs_in_total(renstra, derived)
    yield from _baselines(renstra)
    for matrix in renstra.matrices.values():
        yield from _matrix_rows(renstra, matrix)


def _staff(renstra: Renstra, derived: Derived) -> Iterator[Finding]:
    staff = derived.staff
    pairs: list[tuple[int | None, int | None, str, str, str, Sequence[Count | StaffStatus]]] = [
        (
            staff.by_position,
            staff.by_status,
            "Total Tabel 2.2 (jabatan)",
            "total Tabel 2.3 (jenis kelamin dan status)",
            "2.3",
            renstra.staff_by_status,
        ),
        (
            staff.by_grade,
            staff.pns,
            "Jumlah PNS menurut golongan (Tabel 2.4)",
            "jumlah PNS pada Tabel 2.3 dan narasi",
            "2.4",
            renstra.staff_by_grade,
        ),
    ]
    for left, right, left_name, right_name, table, rows in pairs:
        if left is not None and right is not None and left != right and rows:
            yield Finding(
                "staff-mismatch",
                f"{left_name} = {left} orang, sedangkan {right_name}"
                f" = {right} orang (selisih {left - right})",
                rows[0].row.loc("jumlah"),
                declared=left,
                computed=right,
                table=table,
                row_label=left_name,
            )


def _programs_in_total(renstra: Renstra, derived: Derived) -> Iterator[Finding]:
    """A printed TOTAL that is short by exactly one program's pagu left that program out."""
    for item in renstra.declared:
        match = re.fullmatch(r"total_(\d{4})", item.key)
        rolled = derived.rollups.get(item.table)
        if not match or rolled is None or item.value.value is None:
            continue
        year = int(match.group(1))
        gap = (rolled.grand.get(year) or 0) - int(item.value.value)
        for program in renstra.matrices[item.table].programs:
            if gap and rolled.pagu[program.id].get(year) == gap:
                yield Finding(
                    "program-not-in-total",
                    f"TOTAL {year} tertulis kurang "
                    f"{fmt.rupiah(gap)} = pagu {program.name}: program ini tidak ikut "
                    "dijumlahkan",
                    item.row.loc("nilai"),
                    declared=int(item.value.value),
                    computed=rolled.grand.get(year),
                    table=item.table,
                    row_label=program.name,
                )


def _baselines(renstra: Renstra) -> Iterator[Finding]:
    """The 2021 targets of Tabel 6.1 are the baselines of Tabel 6.2 for the same indicator."""
    first, plan = renstra.matrices.get("6.1"), renstra.matrices.get("6.2")
    if first is None or plan is None or not first.years:
        return
    year = first.years[-1]
    earlier = {(_key(n.code or n.name), _key(i.name)): i for n in first.nodes for i in n.indicators}
    for node in plan.nodes:
        for indicator in node.indicators:
            before = earlier.get((_key(node.code or node.name), _key(indicator.name)))
            target = before.targets.get(year) if before else None
            baseline = indicator.baseline
            if target is None or target.value is None or baseline is None:
                continue
            if baseline.value is not None and baseline.value != target.value:
                yield Finding(
                    "baseline-mismatch",
                    f"baseline {fmt.kuantitas(baseline)} "
                    f"berbeda dengan target {year} pada Tabel 6.1 "
                    f"({fmt.kuantitas(target)})",
                    indicator.row.loc("baseline"),
                    declared=baseline.value,
                    computed=target.value,
                    table="6.2",
                    row_label=f"{node.name}: {indicator.name}",
                )


def _matrix_rows(renstra: Renstra, matrix: Matrix) -> Iterator[Finding]:
    units = {_key(u.name) for u in renstra.org_units} | {_key(renstra.config.agency.nama)}
    seen_codes: dict[str, int] = {}
    for node in matrix.nodes:
        if node.code:
            if node.code in seen_codes:
                yield Finding(
                    "duplicate-key",
                    f"kode {node.code} sudah dipakai di baris {seen_codes[node.code]}",
                    node.row.loc("kode"),
                    value=node.code,
                    table=matrix.table,
                    row_label=node.name,
                )
            seen_codes.setdefault(node.code, node.row.number)
        if node.unit_kerja and _key(node.unit_kerja) not in units:
            yield Finding(
                "unknown-unit-kerja",
                f"unit kerja '{node.unit_kerja}' tidak ada di struktur organisasi",
                node.row.loc("unit_kerja"),
                value=node.unit_kerja,
                table=matrix.table,
                row_label=node.name,
            )
        if not node.indicators:
            yield Finding(
                "program-without-indicator",
                f"{node.level.lower()} tanpa indikator",
                node.row.loc("nama"),
                table=matrix.table,
                row_label=node.name,
            )
        if node.level == "Sub Kegiatan" and all(v is None for v in node.pagu.values()):
            yield Finding(
                "node-without-pagu",
                "sub kegiatan tanpa pagu",
                node.row.loc("nama"),
                table=matrix.table,
                row_label=node.name,
            )
        for indicator in node.indicators:
            yield from _missing_baseline(indicator, node.name, matrix)


def _missing_baseline(indicator: Indicator, name: str, matrix: Matrix) -> Iterator[Finding]:
    has_baseline_column = "baseline" in indicator.row.values
    if has_baseline_column and (indicator.baseline is None or indicator.baseline.value is None):
        yield Finding(
            "missing-baseline",
            "data capaian awal (baseline) kosong",
            indicator.row.loc("baseline"),
            table=matrix.table,
            row_label=f"{name}: {indicator.name}",
        )


def _key(text: str) -> str:
    return " ".join(text.casefold().split())
