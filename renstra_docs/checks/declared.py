"""Declared against computed: every number the staff typed that the pipeline can compute.

The document always shows the computed value; these checks tell the staff where what they typed
disagrees, with both values and the difference. Ratios are compared at the precision they were
typed with (91,1% against 91,31% rounded to one decimal: 91,3).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..calc.derive import Derived
from ..calc.matrix import Rollup, end_of_period
from ..calc.numbers import total
from ..findings import Finding, Location
from ..model import Declared, Indicator, Matrix, Node, Renstra
from .. import fmt
from ..sources.normalise import Quantity, decimals_of


def check_declared(renstra: Renstra, derived: Derived) -> Iterator[Finding]:
    for table, matrix in renstra.matrices.items():
        yield from _matrix_totals(matrix, derived.rollups[table])
        yield from _indicator_targets(matrix)
    yield from _declared_sheet(renstra, derived)
    yield from _bab2_percentages(renstra, derived)


# ---------------------------------------------------------------- helpers


def money_mismatch(
    declared: int,
    computed: int | None,
    where: Location,
    table: str,
    label: str,
    what: str,
    hint: str = "",
) -> Finding | None:
    if computed is None or declared == computed:
        return None
    return Finding(
        "total-mismatch",
        f"{what} tertulis {fmt.rupiah(declared)}, hasil hitung "
        f"{fmt.rupiah(computed)} (selisih {fmt.rupiah(declared - computed)}){hint}",
        where,
        declared=declared,
        computed=computed,
        table=table,
        row_label=label,
    )


def ratio_mismatch(
    code: str,
    declared: Decimal,
    computed: Decimal | None,
    where: Location,
    table: str,
    label: str,
    what: str,
) -> Finding | None:
    """Compare a typed percentage with the computed one at the typed precision."""
    if computed is None:
        return None
    places = decimals_of(declared)
    shown = fmt.round_half_up(computed, places)
    if shown == fmt.round_half_up(declared, places):
        return None
    return Finding(
        code,
        f"{what} tertulis {fmt.persen(declared, places)}, hasil hitung {fmt.persen(computed)}",
        where,
        declared=declared,
        computed=fmt.round_half_up(computed, 2),
        table=table,
        row_label=label,
    )


# ---------------------------------------------------------------- matrices


def _matrix_totals(matrix: Matrix, rolled: Rollup) -> Iterator[Finding]:
    for node in matrix.nodes:
        computed = rolled.pagu.get(node.id, {})
        for year, declared in node.declared_pagu.items():
            if declared is not None:
                finding = money_mismatch(
                    declared,
                    computed.get(year),
                    node.row.loc("pagu_tertulis", year),
                    matrix.table,
                    node.name,
                    f"Pagu {node.level.lower()} {year}",
                )
                if finding:
                    yield finding
        if node.declared_total is not None:
            finding = money_mismatch(
                node.declared_total,
                total(computed.values()),
                node.row.loc("pagu_tertulis_akhir"),
                matrix.table,
                node.name,
                "Pagu akhir periode",
            )
            if finding:
                yield finding


def _indicator_targets(matrix: Matrix) -> Iterator[Finding]:
    for node in matrix.nodes:
        for indicator in node.indicators:
            yield from _units(indicator, node, matrix.table)
            final = indicator.declared_final
            if final is None or final.value is None:
                continue
            computed = end_of_period(indicator, matrix.years)
            if computed is None or computed.value is None:
                continue
            if _unit_of(final, indicator) != _unit_of(computed, indicator):
                continue  # reported by _units
            if final.value != computed.value:
                unit = indicator.unit or ""
                yield Finding(
                    "target-mismatch",
                    f"target akhir tertulis "
                    f"{fmt.kuantitas(final, unit)}, menurut aturan "
                    f"'{indicator.rule}' {fmt.kuantitas(computed, unit)}",
                    indicator.row.loc("target_akhir_tertulis"),
                    declared=final.value,
                    computed=computed.value,
                    table=matrix.table,
                    row_label=f"{node.name}: {indicator.name}",
                )


def _unit_of(quantity: Quantity, indicator: Indicator) -> str | None:
    return quantity.unit or (indicator.unit.lower() if indicator.unit else None)


def _units(indicator: Indicator, node: Node, table: str) -> Iterator[Finding]:
    expected = indicator.unit.lower() if indicator.unit else None
    cells: list[tuple[str, int | None, Quantity | None]] = [("baseline", None, indicator.baseline)]
    cells += [("target", y, q) for y, q in indicator.targets.items()]
    cells += [("target_akhir_tertulis", None, indicator.declared_final)]
    for key, year, quantity in cells:
        if quantity is None or quantity.unit is None or expected is None:
            continue
        if quantity.unit != expected:
            yield Finding(
                "unit-mismatch",
                f"satuan '{quantity.unit}' berbeda dengan satuan indikator '{indicator.unit}'",
                indicator.row.loc(key, year),
                table=table,
                row_label=f"{node.name}: {indicator.name}",
            )


# ---------------------------------------------------------------- the deklarasi sheets


def _declared_sheet(renstra: Renstra, derived: Derived) -> Iterator[Finding]:
    expected = _declared_targets(renstra, derived)
    for item in renstra.declared:
        target = expected.get((item.table, item.key))
        if target is None:
            yield Finding(
                "unknown-declared",
                f"kunci '{item.table} / {item.key}' tidak dikenal",
                item.row.loc("kunci"),
                value=item.key,
            )
            continue
        code, computed, what = target
        finding = _compare_declared(item, code, computed, what)
        if finding:
            yield finding


def _declared_targets(renstra: Renstra, derived: Derived) -> dict[tuple[str, str], tuple]:
    staff = derived.staff
    targets: dict[tuple[str, str], tuple] = {
        ("2.2", "total"): ("total-mismatch", staff.by_position, "Total Tabel 2.2"),
        ("narasi 2.2", "jumlah_pegawai"): ("value-mismatch", staff.by_position, "Jumlah pegawai"),
        ("narasi 2.2", "laki_laki"): ("value-mismatch", staff.male, "Pegawai laki-laki"),
        ("narasi 2.2", "perempuan"): ("value-mismatch", staff.female, "Pegawai perempuan"),
        ("narasi 2.4", "pertambahan_penduduk"): (
            "value-mismatch",
            derived.population_growth,
            "Pertambahan penduduk",
        ),
        ("narasi 2.10", "anggaran_min"): (
            "value-mismatch",
            derived.budget_min,
            "Batas bawah kisaran anggaran",
        ),
        ("narasi 2.10", "anggaran_max"): (
            "value-mismatch",
            derived.budget_max,
            "Batas atas kisaran anggaran",
        ),
        ("narasi 2.10", "rasio_rata_rata"): (
            "ratio-mismatch",
            derived.budget[0].mean_ratio if derived.budget else None,
            "Rata-rata rasio realisasi",
        ),
    }
    for sex, key in (("Laki-laki", "laki_laki"), ("Perempuan", "perempuan")):
        for status, suffix in (("PNS", "pns"), ("Tenaga Kontrak", "kontrak")):
            targets[("narasi 2.2", f"{key}_{suffix}")] = (
                "value-mismatch",
                staff.cells.get((sex, status)),
                f"Pegawai {sex} {status}",
            )
    for table, rolled in derived.rollups.items():
        for year, value in rolled.grand.items():
            targets[(table, f"total_{year}")] = (
                "total-mismatch",
                value,
                f"TOTAL Tabel {table} {year}",
            )
        targets[(table, "total_akhir")] = (
            "total-mismatch",
            rolled.grand_period,
            f"TOTAL akhir Tabel {table}",
        )
    return targets


def _compare_declared(
    item: Declared, code: str, computed: Decimal | int | None, what: str
) -> Finding | None:
    if computed is None or item.value.value is None:
        return None
    declared = item.value.value
    where = item.row.loc("nilai")
    if code == "ratio-mismatch":
        return ratio_mismatch(code, declared, Decimal(computed), where, item.table, item.key, what)
    if declared == computed:
        return None
    return Finding(
        code,
        f"{what} tertulis {fmt.angka(declared, None)}, hasil hitung "
        f"{fmt.angka(computed, None)} (selisih {fmt.angka(declared - computed, None)})",
        where,
        declared=declared,
        computed=computed,
        table=item.table,
        row_label=item.key,
    )


# ---------------------------------------------------------------- BAB II tables

# One typed percentage to compare: code, declared, computed, where, table, row label, what.
Comparison = tuple[str, Decimal | None, Decimal | None, Location, str, str, str]


def _bab2_percentages(renstra: Renstra, derived: Derived) -> Iterator[Finding]:
    """Printed ratios and growth rates of Tabel 2.6, 2.7 and 2.10 against the computed ones."""
    for code, declared, computed, where, table, label, what in _bab2_comparisons(renstra, derived):
        if declared is not None:
            finding = ratio_mismatch(code, declared, computed, where, table, label, what)
            if finding:
                yield finding


def _bab2_comparisons(renstra: Renstra, derived: Derived) -> Iterator[Comparison]:
    ratio = "ratio-mismatch"
    for indicator, ratios in zip(renstra.service_indicators, derived.service_ratios, strict=True):
        for year, declared in indicator.declared_ratios.items():
            yield (
                ratio,
                declared,
                ratios.get(year),
                indicator.row.loc("rasio", year),
                "2.6",
                indicator.name,
                f"Rasio capaian {year}",
            )
    for end, progress in zip(
        renstra.period_end_indicators, derived.period_end_progress, strict=True
    ):
        yield (
            ratio,
            end.declared_progress,
            progress,
            end.row.loc("tingkat_kemajuan"),
            "2.7",
            end.name,
            "Tingkat kemajuan",
        )
    for row, figures in zip(renstra.budget, derived.budget, strict=True):
        for year, declared in row.declared_ratios.items():
            yield (
                ratio,
                declared,
                figures.ratios.get(year),
                row.row.loc("rasio", year),
                "2.10",
                row.label,
                f"Rasio realisasi/anggaran {year}",
            )
        growth = "growth-mismatch"
        yield (
            growth,
            row.declared_budget_growth,
            figures.budget_growth,
            row.row.loc("pertumbuhan_anggaran"),
            "2.10",
            row.label,
            "Rata-rata pertumbuhan anggaran",
        )
        yield (
            growth,
            row.declared_actual_growth,
            figures.actual_growth,
            row.row.loc("pertumbuhan_realisasi"),
            "2.10",
            row.label,
            "Rata-rata pertumbuhan realisasi",
        )
