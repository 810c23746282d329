"""Declared against computed: every number the staff typed that the pipeline can compute.

The document always shows the computed value; these checks tell the staff where what they typed
disagrees, with both values and the difference. Declared and computed values meet in a `merge`
of frames; only the rows that differ become findings, each naming the cell that was typed.
Ratios are compared at the precision they were typed with (91,1% against 91,31%: 91,3).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pandas as pd

from .. import fmt
from ..calc.derive import BUDGET, PERIOD_END, SERVICE, Derived
from ..calc.matrix import Matrix
from ..findings import Finding, Location
from ..model import Dataset
from ..sources.frames import UNIT_SUFFIX, YEAR, as_int, locate, plain, quantity
from ..sources.normalise import decimals_of

DECLARED_SHEETS = ("deklarasi", "deklarasi_matriks")
# The keys a deklarasi row may use (documented in docs/source-tables.md): Tabel, Kunci, meaning.
DECLARED_KEYS = (
    ("pegawai_jabatan", "total", "baris TOTAL tabel pegawai menurut jenis jabatan"),
    (
        "narasi_pegawai",
        "jumlah_pegawai, laki_laki, perempuan, laki_laki_pns, laki_laki_kontrak, "
        "perempuan_pns, perempuan_kontrak",
        "angka pegawai di narasi sumber daya perangkat daerah",
    ),
    (
        "narasi_anggaran",
        "anggaran_min, anggaran_max, rasio_rata_rata",
        "kisaran anggaran dan rata-rata rasio realisasi di narasi anggaran (T-C.24)",
    ),
    (
        "matriks / matriks_transisi",
        "total_<tahun>, total_akhir",
        "baris TOTAL matriks program (rencana / tahun transisi)",
    ),
    (
        "(sembarang)",
        "<kunci>-<kunci>",
        "selisih dua angka sheet statistik_wilayah, mis. `penduduk_2020-penduduk_2019`",
    ),
)


def check_declared(dataset: Dataset, derived: Derived) -> Iterator[Finding]:
    for matrix in derived.matrices.values():
        yield from _matrix_totals(dataset, matrix)
        yield from _indicator_targets(dataset, matrix)
    yield from _declared_sheets(dataset, derived)
    yield from _bab2_percentages(dataset, derived)
    yield from _budget_parents(dataset, derived)


# ---------------------------------------------------------------- helpers


def money_mismatch(
    declared: int, computed: int | None, where: Location, table: str, label: str, what: str
) -> Finding | None:
    if computed is None or declared == computed:
        return None
    return Finding(
        "total-mismatch",
        f"{what} tertulis {fmt.rupiah(declared)}, hasil hitung "
        f"{fmt.rupiah(computed)} (selisih {fmt.rupiah(declared - computed)})",
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
    if fmt.round_half_up(computed, places) == fmt.round_half_up(declared, places):
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


def _matrix_totals(dataset: Dataset, matrix: Matrix) -> Iterator[Finding]:
    """Printed pagu of programs and kegiatan (per year and for the period) against the roll-up,
    and the Rp printed on further indicator rows of a node against the node's pagu."""
    nodes = dataset.frame(matrix.nodes_sheet)
    names = dict(zip(plain(matrix.nodes["id"]), plain(matrix.nodes["nama"]), strict=True))
    levels = dict(zip(plain(matrix.nodes["id"]), plain(matrix.nodes["level"]), strict=True))
    extra = _extra_rows(matrix)
    typed = matrix.data[matrix.data["pagu_tertulis"].notna()].reset_index()
    both = typed.merge(matrix.pagu, on=["id", YEAR], suffixes=("", "_hitung"))
    for row, node_id, year, declared, computed in zip(
        plain(both["baris"]),
        plain(both["id"]),
        plain(both[YEAR]),
        plain(both["pagu_tertulis"]),
        plain(both["pagu_hitung"]),
        strict=True,
    ):
        where = locate(nodes, row, "pagu_tertulis", int(year))
        what = f"Pagu {levels[node_id].lower()} {int(year)}"
        twice = extra.get((node_id, int(year)))
        total = as_int(computed)
        if twice and total is not None and int(declared) == total + twice:
            yield _counted_twice(int(declared), total, twice, where, matrix, names[node_id], what)
            continue
        finding = money_mismatch(int(declared), total, where, matrix.table, names[node_id], what)
        if finding:
            yield finding
    totals = matrix.nodes[matrix.nodes["pagu_tertulis_akhir"].notna()]
    period = matrix.pagu_wide["akhir"].to_dict()
    for row, node_id, name, declared in zip(
        totals.index,
        plain(totals["id"]),
        plain(totals["nama"]),
        plain(totals["pagu_tertulis_akhir"]),
        strict=True,
    ):
        finding = money_mismatch(
            int(declared),
            as_int(period.get(node_id)),
            locate(nodes, row, "pagu_tertulis_akhir"),
            matrix.table,
            name,
            "Pagu akhir periode",
        )
        if finding:
            yield finding
    yield from _indicator_row_pagu(dataset, matrix, names)


def _extra_rows(matrix: Matrix) -> dict[tuple[str, int], int]:
    """Per parent node and year: the Rp printed on further indicator rows of its descendants
    (what a printed parent total counts twice when it adds them)."""
    from ..calc.matrix import rollup

    typed = matrix.targets[matrix.targets["pagu_tertulis"].notna()]
    if typed.empty:
        return {}
    owners = matrix.indicators["id_node"].reindex(typed.index).to_numpy()
    per_node = typed.assign(id=owners).groupby(["id", YEAR])["pagu_tertulis"].sum()
    data = per_node.rename("pagu").reset_index()
    summed = rollup(matrix.nodes, data, matrix.years)
    parents = set(matrix.nodes.loc[matrix.nodes["level"] != "Sub Kegiatan", "id"])
    return {
        (node, int(year)): int(value)
        for node, year, value in zip(summed["id"], summed[YEAR], summed["pagu"], strict=True)
        if node in parents and not pd.isna(value) and value
    }


def _counted_twice(
    declared: int, computed: int, twice: int, where: Location, matrix: Matrix, name: str, what: str
) -> Finding:
    return Finding(
        "counted-twice",
        f"{what} tertulis {fmt.rupiah(declared)} = jumlah rincian {fmt.rupiah(computed)} + "
        f"{fmt.rupiah(twice)} Rp baris indikator berikutnya dari rinciannya (terhitung dua kali)",
        where,
        declared=declared,
        computed=computed,
        table=matrix.table,
        row_label=name,
    )


def _indicator_row_pagu(
    dataset: Dataset, matrix: Matrix, names: dict[str, str]
) -> Iterator[Finding]:
    """A node's pagu is the Rp of its first indicator row: a different Rp on a further row."""
    sheet = dataset.frame(matrix.indicators_sheet)
    typed = matrix.targets[matrix.targets["pagu_tertulis"].notna()]
    if typed.empty:
        return
    owners = matrix.indicators["id_node"].reindex(typed.index)
    pagu = matrix.pagu.set_index(["id", YEAR])["pagu"]
    for row, node, year, declared in zip(
        typed.index, plain(owners), plain(typed[YEAR]), plain(typed["pagu_tertulis"]), strict=True
    ):
        computed = as_int(pagu.get((node, year)))
        if computed is None or int(declared) == computed:
            continue
        yield Finding(
            "pagu-row-mismatch",
            f"Rp {int(year)} pada baris indikator ini tertulis {fmt.rupiah(int(declared))}, "
            f"pagu node {fmt.rupiah(computed)} (dari baris pertamanya)",
            locate(sheet, row, "pagu_tertulis", int(year)),
            declared=int(declared),
            computed=computed,
            table=matrix.table,
            row_label=names.get(node),
        )


def _indicator_targets(dataset: Dataset, matrix: Matrix) -> Iterator[Finding]:
    yield from _units(dataset, matrix)
    indicators = matrix.indicators
    if "target_akhir_tertulis" not in indicators:
        return
    sheet = dataset.frame(matrix.indicators_sheet)
    names = dict(zip(plain(matrix.nodes["id"]), plain(matrix.nodes["nama"]), strict=True))
    typed = indicators[indicators["target_akhir_tertulis"].notna()]
    ends = matrix.end_targets.reindex(typed.index)
    for row, node, name, unit, rule, value, typed_unit, end, end_unit in zip(
        typed.index,
        plain(typed["id_node"]),
        plain(typed["indikator"]),
        plain(typed["satuan"]),
        plain(typed["aturan_akhir"]),
        plain(typed["target_akhir_tertulis"]),
        plain(typed["target_akhir_tertulis" + UNIT_SUFFIX]),
        plain(ends["value"]),
        plain(ends["unit"]),
        strict=True,
    ):
        final, target = quantity(value, typed_unit), quantity(end, end_unit)
        if final is None or target is None or _unit(final.unit, unit) != _unit(target.unit, unit):
            continue  # a unit that differs is reported by _units
        if final.value != target.value:
            yield Finding(
                "target-mismatch",
                f"target akhir tertulis {fmt.kuantitas(final, unit or '')}, menurut aturan "
                f"'{rule}' {fmt.kuantitas(target, unit or '')}",
                locate(sheet, row, "target_akhir_tertulis"),
                declared=final.value,
                computed=target.value,
                table=matrix.table,
                row_label=f"{names[node]}: {name}",
            )


def _unit(typed: str | None, indicator_unit: str | None) -> str | None:
    return typed or (indicator_unit.lower() if indicator_unit else None)


def _units(dataset: Dataset, matrix: Matrix) -> Iterator[Finding]:
    """A unit typed in a target cell that differs from the indicator's unit."""
    sheet = dataset.frame(matrix.indicators_sheet)
    expected = matrix.indicators["satuan"].str.lower()
    names = matrix.nodes.set_index("id")["nama"]
    label = matrix.indicators["id_node"].map(names) + ": " + matrix.indicators["indikator"]
    cells: list[tuple[str, int | None, pd.Series]] = []
    for key in ("baseline", "target_akhir_tertulis"):
        if key + UNIT_SUFFIX in matrix.indicators:
            cells.append((key, None, matrix.indicators[key + UNIT_SUFFIX]))
    targets = matrix.targets
    for plan_year in matrix.years:
        units = targets.loc[targets[YEAR] == plan_year, "target" + UNIT_SUFFIX]
        cells.append(("target", plan_year, units.reindex(matrix.indicators.index)))
    for key, year, units in cells:
        differs = units.notna() & expected.notna() & (units != expected)
        for row in units.index[differs.fillna(False)]:
            yield Finding(
                "unit-mismatch",
                f"satuan '{units[row]}' berbeda dengan satuan indikator "
                f"'{matrix.indicators.at[row, 'satuan']}'",
                locate(sheet, row, key, year),
                table=matrix.table,
                row_label=label[row],
            )


# ---------------------------------------------------------------- the deklarasi sheets


def _declared_sheets(dataset: Dataset, derived: Derived) -> Iterator[Finding]:
    expected = declared_targets(dataset, derived)
    for sheet in DECLARED_SHEETS:
        if not dataset.has(sheet):
            continue
        frame = dataset.frame(sheet)
        given = frame[frame["tabel"].notna() & frame["kunci"].notna() & frame["nilai"].notna()]
        for row, table, key, value in zip(
            given.index, given["tabel"], given["kunci"], given["nilai"], strict=True
        ):
            target = expected.get((table, key)) or _statistic_difference(dataset, key)
            if target is None:
                yield Finding(
                    "unknown-declared",
                    f"kunci '{table} / {key}' tidak dikenal",
                    locate(frame, row, "kunci"),
                    value=key,
                )
                continue
            code, computed, what = target
            finding = _compare_declared(
                value, code, computed, what, locate(frame, row, "nilai"), table, key
            )
            if finding:
                yield finding


Target = tuple[str, Decimal | int | None, str]  # finding code, computed value, what it is


def declared_targets(dataset: Dataset, derived: Derived) -> dict[tuple[str, str], Target]:
    """The values a deklarasi row may declare, by (Tabel, Kunci)."""
    staff = derived.staff
    mean_ratio = derived.budget["rasio_rata_rata"]
    targets: dict[tuple[str, str], Target] = {
        ("pegawai_jabatan", "total"): (
            "total-mismatch",
            staff.by_position,
            "Total pegawai menurut jabatan",
        ),
        ("narasi_pegawai", "jumlah_pegawai"): (
            "value-mismatch",
            staff.by_position,
            "Jumlah pegawai",
        ),
        ("narasi_pegawai", "laki_laki"): ("value-mismatch", staff.male, "Pegawai laki-laki"),
        ("narasi_pegawai", "perempuan"): ("value-mismatch", staff.female, "Pegawai perempuan"),
        ("narasi_anggaran", "anggaran_min"): (
            "value-mismatch",
            derived.budget_min,
            "Batas bawah kisaran anggaran",
        ),
        ("narasi_anggaran", "anggaran_max"): (
            "value-mismatch",
            derived.budget_max,
            "Batas atas kisaran anggaran",
        ),
        ("narasi_anggaran", "rasio_rata_rata"): (
            "ratio-mismatch",
            mean_ratio.iloc[0] if len(mean_ratio) else None,
            "Rata-rata rasio realisasi",
        ),
    }
    for sex, key in (("Laki-laki", "laki_laki"), ("Perempuan", "perempuan")):
        for status, suffix in (("PNS", "pns"), ("Tenaga Kontrak", "kontrak")):
            targets[("narasi_pegawai", f"{key}_{suffix}")] = (
                "value-mismatch",
                staff.cells.get((sex, status)),
                f"Pegawai {sex} {status}",
            )
    for table, matrix in derived.matrices.items():
        for year, value in matrix.grand.items():
            targets[(table, f"total_{year}")] = (
                "total-mismatch",
                as_int(value),
                f"TOTAL {year}",
            )
        targets[(table, "total_akhir")] = (
            "total-mismatch",
            matrix.grand_period,
            "TOTAL akhir periode",
        )
    return targets


def _statistic_difference(dataset: Dataset, key: str) -> Target | None:
    """`a-b` where a and b are keys of statistik_wilayah: the difference of the two values
    (a number the text quotes, e.g. the growth of the population between two years)."""
    stats = dataset.frame("statistik_wilayah")
    values = dict(zip(stats["kunci"], stats["nilai"], strict=True))
    for at in (i for i, ch in enumerate(key) if ch == "-"):
        first, second = key[:at], key[at + 1 :]
        if first in values and second in values:
            a, b = values[first], values[second]
            computed = a - b if a is not None and b is not None else None
            return ("value-mismatch", computed, f"Selisih {first} dan {second}")
    return None


def _compare_declared(
    value: Decimal,
    code: str,
    computed: Decimal | int | None,
    what: str,
    where: Location,
    table: str,
    key: str,
) -> Finding | None:
    if computed is None:
        return None
    if code == "ratio-mismatch":
        return ratio_mismatch(code, value, Decimal(computed), where, table, key, what)
    if value == computed:
        return None
    return Finding(
        code,
        f"{what} tertulis {fmt.angka(value, None)}, hasil hitung "
        f"{fmt.angka(computed, None)} (selisih {fmt.angka(value - computed, None)})",
        where,
        declared=value,
        computed=computed,
        table=table,
        row_label=key,
    )


# ---------------------------------------------------------------- BAB II tables

# One typed percentage to compare: code, declared, computed, where, table, row label, what.
Comparison = tuple[str, Decimal | None, Decimal | None, Location, str, str, str]


GROWTH_AS_AMOUNT = 1_000  # a "rate" of 1.000% or more is a rupiah amount printed in its place


def _bab2_percentages(dataset: Dataset, derived: Derived) -> Iterator[Finding]:
    """Printed ratios and growth rates of T-C.23, the period-end table and T-C.24 against the
    computed ones."""
    for code, declared, computed, where, table, label, what in _bab2_comparisons(dataset, derived):
        if declared is None:
            continue
        if code == "growth-mismatch" and abs(declared) >= GROWTH_AS_AMOUNT:
            yield Finding(
                "growth-as-amount",
                f"{what} tertulis {fmt.angka(declared, None)}: angka rupiah, bukan persentase "
                f"(hasil hitung {fmt.persen(computed)})",
                where,
                declared=declared,
                computed=computed,
                table=table,
                row_label=label,
            )
            continue
        finding = ratio_mismatch(code, declared, computed, where, table, label, what)
        if finding:
            yield finding


def _yearly_ratios(
    dataset: Dataset, sheet: str, computed: pd.DataFrame, label: str, table: str, what: str
) -> Iterator[Comparison]:
    frame, yearly = dataset.frame(sheet), dataset.yearly(sheet)
    for row, year, declared, ratio in zip(
        yearly.index, yearly[YEAR], yearly["rasio"], computed["rasio"], strict=True
    ):
        yield (
            "ratio-mismatch",
            declared,
            ratio,
            locate(frame, row, "rasio", int(year)),
            table,
            frame.at[row, label],
            f"{what} {int(year)}",
        )


def _budget_parents(dataset: Dataset, derived: Derived) -> Iterator[Finding]:
    """T-C.24: what a row with rincian printed against the sum of its rincian, per year."""
    frame = dataset.frame(BUDGET)
    parents = frame.index[frame["id"].notna() & frame["id"].isin(frame["induk"].dropna())]
    typed = dataset.yearly(BUDGET)
    shown = derived.budget_values
    for column, what in (("anggaran", "Anggaran"), ("realisasi", "Realisasi")):
        for row in parents:
            pairs = zip(
                typed.loc[[row], YEAR],
                typed.loc[[row], column],
                shown.loc[[row], column],
                strict=True,
            )
            for year, declared, computed in pairs:
                if pd.isna(declared):
                    continue
                finding = money_mismatch(
                    int(declared),
                    as_int(computed),
                    locate(frame, row, column, int(year)),
                    BUDGET,
                    frame.at[row, "uraian"],
                    f"{what} {int(year)} (jumlah rinciannya)",
                )
                if finding:
                    yield finding


def _bab2_comparisons(dataset: Dataset, derived: Derived) -> Iterator[Comparison]:
    yield from _yearly_ratios(
        dataset, SERVICE, derived.service_ratios, "indikator", SERVICE, "Rasio capaian"
    )
    period_end = dataset.frame(PERIOD_END)
    for row, name, declared in zip(
        period_end.index, period_end["indikator"], period_end["tingkat_kemajuan"], strict=True
    ):
        yield (
            "ratio-mismatch",
            declared,
            derived.period_end_progress[row],
            locate(period_end, row, "tingkat_kemajuan"),
            PERIOD_END,
            name,
            "Tingkat kemajuan",
        )
    yield from _yearly_ratios(
        dataset, BUDGET, derived.budget_ratios, "uraian", BUDGET, "Rasio realisasi/anggaran"
    )
    budget = dataset.frame(BUDGET)
    for key, what in (("anggaran", "anggaran"), ("realisasi", "realisasi")):
        column = f"pertumbuhan_{key}"
        for row, label, declared in zip(
            budget.index, budget["uraian"], budget[column], strict=True
        ):
            yield (
                "growth-mismatch",
                declared,
                derived.budget.at[row, column],
                locate(budget, row, column),
                BUDGET,
                label,
                f"Rata-rata pertumbuhan {what}",
            )
