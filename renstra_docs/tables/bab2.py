"""BAB II: organisation, staff, assets, service performance, PMKS, budget (Tabel 2.1-2.11)."""

from __future__ import annotations

from typing import Any

from ..calc.derive import Derived
from ..calc.numbers import total
from ..model import OrgUnit, PmksRow, Renstra
from .. import fmt
from .common import (
    BLANK,
    TOTAL,
    Keys,
    agency,
    cells,
    ordinals,
    row,
    source_note,
    tall,
    wide,
)
from .model import Chart, Column, Figure, Format, Style, Table

PERSON = "Orang"
GROWTH_NOTES = {
    "rata-rata": "Rata-rata pertumbuhan = rata-rata dari pertumbuhan tahunan ((nilai tahun n - "
    "nilai tahun n-1) / nilai tahun n-1 x 100%)",
    "majemuk": "Rata-rata pertumbuhan = pertumbuhan majemuk tahunan (((nilai tahun terakhir / "
    "nilai tahun pertama) ^ (1 / jumlah tahun antara) - 1) x 100%)",
}
PMKS_PLACEHOLDER = "Data jumlah PMKS per tahun belum tersedia (sheet pmks_jumlah masih kosong)."


# ---------------------------------------------------------------- figures 2.1, 2.3, 2.11


def org_chart_data(renstra: Renstra) -> dict[str, Any]:
    """The organisation tree as plain data for charts.draw("org", ...)."""

    def node(unit: OrgUnit) -> dict[str, Any]:
        return {
            "name": unit.name,
            "kind": unit.kind,
            "children": [node(child) for child in unit.children],
        }

    root = renstra.org_root()
    return {"root": node(root) if root else None}


def figure_2_1(renstra: Renstra, derived: Derived) -> Figure:
    title = f"Struktur Organisasi {agency(renstra)}"
    if renstra.org_root() is None:
        return Figure("2.1", title, placeholder="Data unit organisasi belum tersedia.")
    return Figure("2.1", title, chart=Chart("org", org_chart_data(renstra)), width_cm=16.0)


def staff_chart_data(renstra: Renstra, derived: Derived) -> dict[str, Any]:
    """Staff by sex (groups) and employment status (bars), from the computed cells."""
    sexes = _unique(s.sex for s in renstra.staff_by_status)
    statuses = _unique(s.status for s in renstra.staff_by_status)
    cells_ = derived.staff.cells
    totals = {sex: total(cells_.get((sex, status)) for status in statuses) for sex in sexes}
    return {
        "categories": [f"{sex}\n(jumlah {fmt.angka(totals[sex])} orang)" for sex in sexes],
        "series": [
            {"label": status, "values": [cells_.get((sex, status)) for sex in sexes]}
            for status in statuses
        ],
        "y_label": "Jumlah pegawai (orang)",
        "value_labels": True,
        "y_format": "count",
    }


def figure_2_3(renstra: Renstra, derived: Derived) -> Figure:
    title = f"Perbandingan Jumlah SDM {agency(renstra)}"
    if not renstra.staff_by_status:
        return Figure("2.3", title, placeholder="Data pegawai per status belum tersedia.")
    chart = Chart("bars", staff_chart_data(renstra, derived))
    return Figure("2.3", title, chart=chart, width_cm=13.0, source_note=source_note(renstra))


def pmks_chart_data(renstra: Renstra) -> dict[str, Any]:
    years = sorted(renstra.pmks_totals)
    return {
        "x": [str(y) for y in years],
        "y": [renstra.pmks_totals[y] for y in years],
        "y_label": "Jumlah PMKS (jiwa)",
    }


def figure_2_11(renstra: Renstra, derived: Derived) -> Figure:
    title = f"Perbandingan Jumlah PMKS Tahun {_year_range(renstra.pmks_years)}"
    if not renstra.pmks_totals:
        return Figure("2.11", title, placeholder=PMKS_PLACEHOLDER)
    chart = Chart("line", pmks_chart_data(renstra))
    return Figure("2.11", title, chart=chart, width_cm=14.0, source_note=source_note(renstra))


# ---------------------------------------------------------------- staff and assets


def table_2_2(renstra: Renstra, derived: Derived) -> Table:
    return _count_table(
        renstra,
        "2.2",
        "Klasifikasi Sumber Daya Manusia Berdasar Kepangkatan",
        ("No.", "Jenis Jabatan", "Jumlah SDM"),
        renstra.staff_by_position,
        derived.staff.by_position,
        "jenis_jabatan",
    )


def table_2_4(renstra: Renstra, derived: Derived) -> Table:
    return _count_table(
        renstra,
        "2.4",
        "Klasifikasi Sumber Daya Manusia Berdasarkan Golongan",
        ("No", "Jenis Golongan", "Jumlah"),
        renstra.staff_by_grade,
        derived.staff.by_grade,
        "golongan",
    )


def _count_table(
    renstra: Renstra,
    number: str,
    title: str,
    header: tuple[str, str, str],
    counts: list,
    grand: int | None,
    label_key: str,
) -> Table:
    keys = Keys()
    units = (None, None, PERSON)
    rows = [
        row(
            keys(c.label),
            (i, c.label, c.count),
            (None, c.row.loc(label_key), c.row.loc("jumlah")),
            units,
        )
        for i, c in enumerate(counts, start=1)
    ]
    rows.append(row(keys(TOTAL), (BLANK, TOTAL, grand), units=units, style=Style.TOTAL))
    return Table(
        number,
        title,
        (
            Column("no", Format.INT, 0.4),
            Column("label", width=3.0),
            Column("jumlah", Format.QUANTITY, 1.2),
        ),
        (cells(*header),),
        tuple(rows),
    )


def table_2_5(renstra: Renstra, derived: Derived) -> Table:
    keys = Keys()
    rows = [
        row(
            keys(a.name),
            (i, a.name, a.amount, a.unit or BLANK),
            (None, a.row.loc("nama_aset"), a.row.loc("jumlah"), a.row.loc("satuan")),
        )
        for i, a in enumerate(renstra.assets, start=1)
    ]
    columns = (
        Column("no", Format.INT, 0.4),
        Column("nama_aset", width=3.0),
        Column("jumlah", Format.NUMBER, 1.0),
        Column("satuan", width=1.5),
    )
    return Table(
        "2.5",
        f"Data Asset {agency(renstra)}",
        columns,
        (cells("No", "Nama Aset", "Jumlah", "Satuan"),),
        tuple(rows),
    )


# ---------------------------------------------------------------- service performance


def table_2_6(renstra: Renstra, derived: Derived) -> Table:
    years = renstra.service_years
    n = len(years)
    header = (
        cells(
            tall("No"),
            tall("Indikator Kinerja Sesuai Tugas dan Fungsi PD"),
            tall("Target NSPK"),
            tall("Target IKK"),
            tall("Target Indikator Lainnya"),
            wide("Target Renstra PD Tahun Ke-", n),
            wide("Realisasi Capaian Tahun Ke-", n),
            wide("Rasio Capaian Pada Tahun Ke-", n),
        ),
        cells(*ordinals(n), *ordinals(n), *ordinals(n)),
    )
    columns = (
        Column("no", Format.INT, 0.4),
        Column("indikator", width=3.2),
        *(Column(k, Format.QUANTITY) for k in ("nspk", "ikk", "lainnya")),
        *(Column(f"target_{y}", Format.QUANTITY) for y in years),
        *(Column(f"realisasi_{y}", Format.QUANTITY) for y in years),
        *(Column(f"rasio_{y}", Format.PERCENT) for y in years),
    )
    keys = Keys()
    rows = []
    for i, (ind, ratios) in enumerate(
        zip(renstra.service_indicators, derived.service_ratios, strict=True), start=1
    ):
        loc = ind.row.loc
        values = [
            i,
            ind.name,
            ind.target_nspk,
            ind.target_ikk,
            ind.target_other,
            *(ind.targets.get(y) for y in years),
            *(ind.actuals.get(y) for y in years),
            *(ratios.get(y) for y in years),
        ]
        sources = [
            None,
            loc("indikator"),
            loc("target_nspk"),
            loc("target_ikk"),
            loc("target_indikator_lainnya"),
            *(loc("target", y) for y in years),
            *(loc("realisasi", y) for y in years),
            *([None] * n),
        ]
        units = [None, None, *([ind.unit] * (3 + 2 * n)), *([None] * n)]
        rows.append(row(keys(ind.name), _blank_empty(values, 2, 5), sources, units))
    return Table(
        "2.6",
        f"Tabel Kinerja Pelayanan {agency(renstra)} {renstra.config.agency.pemerintah}",
        columns,
        header,
        tuple(rows),
        numbering_row=True,
        landscape=True,
        source_note=source_note(renstra),
    )


def _blank_empty(values: list[Any], start: int, stop: int) -> list[Any]:
    """Optional target columns (NSPK, IKK, lainnya) stay empty when not set, not 'n/a'."""
    return [
        BLANK if start <= i < stop and getattr(v, "value", v) is None else v
        for i, v in enumerate(values)
    ]


def table_2_7(renstra: Renstra, derived: Derived) -> Table:
    keys = Keys()
    rows = [
        row(
            keys(ind.name),
            (ind.name, ind.target, ind.actual, progress),
            (ind.row.loc("indikator"), ind.row.loc("target_akhir"), ind.row.loc("realisasi"), None),
            (None, ind.unit, ind.unit, None),
        )
        for ind, progress in zip(
            renstra.period_end_indicators, derived.period_end_progress, strict=True
        )
    ]
    columns = (
        Column("indikator", width=3.5),
        Column("target", Format.QUANTITY, 1.3),
        Column("realisasi", Format.QUANTITY, 1.3),
        Column("tingkat_kemajuan", Format.PERCENT, 1.2),
    )
    header = (
        cells("Indikator kinerja", "Target Akhir RPJMD/RENSTRA", "Realisasi", "Tingkat Kemajuan"),
    )
    return Table(
        "2.7",
        "Perbandingan realisasi kinerja s.d akhir periode RPJMD/RENSTRA",
        columns,
        header,
        tuple(rows),
        numbering_row=True,
    )


# ---------------------------------------------------------------- PMKS (2.8, 2.9)


def table_2_8(renstra: Renstra, derived: Derived) -> Table:
    return _pmks_table(
        renstra,
        "2.8",
        "Rincian Jenis PMKS yang Dibantu Tahun",
        "Jenis PMKS yang dibantu",
        renstra.pmks_assisted,
        numbering=True,
    )


def table_2_9(renstra: Renstra, derived: Derived) -> Table:
    return _pmks_table(
        renstra,
        "2.9",
        "Rincian Jenis PMKS yang Ditangani pada tahun",
        "Jenis PMKS yang ditangani",
        renstra.pmks_handled,
        numbering=False,
    )


def _pmks_table(
    renstra: Renstra, number: str, title: str, label: str, data: list[PmksRow], numbering: bool
) -> Table:
    years = renstra.pmks_years
    header = (
        cells(tall(label), *(wide(str(y), 2) for y in years)),
        cells(*(x for _ in years for x in ("Target", "Realisasi"))),
    )
    columns = (
        Column("jenis", width=3.0),
        *(Column(f"{kind}_{y}", Format.INT) for y in years for kind in ("target", "realisasi")),
    )
    keys = Keys()
    rows = [
        row(
            keys(p.kind),
            (p.kind, *(v for y in years for v in (p.targets.get(y), p.actuals.get(y)))),
            (
                p.row.loc("jenis_pmks"),
                *(
                    loc
                    for y in years
                    for loc in (p.row.loc("target", y), p.row.loc("realisasi", y))
                ),
            ),
        )
        for p in data
    ]
    return Table(
        number,
        f"{title} {_year_range(years, ' – ')}",
        columns,
        header,
        tuple(rows),
        numbering_row=numbering,
        landscape=True,
        source_note=source_note(renstra),
        notes=_pmks_notes(data),
    )


def _pmks_notes(data: list[PmksRow]) -> tuple[str, ...]:
    units = {(p.unit or "").strip().lower() for p in data} - {""}
    notes = [f"* Dalam satuan {units.pop().capitalize()}"] if len(units) == 1 else []
    return (*notes, "* n/a : Data tidak diketahui")


# ---------------------------------------------------------------- budget (2.10)


def table_2_10(renstra: Renstra, derived: Derived) -> Table:
    years = renstra.budget_years
    n = len(years)
    header = (
        cells(
            tall("Uraian"),
            wide("Anggaran pada tahun ke", n),
            wide("Realisasi anggaran pada tahun ke", n),
            wide("Rasio antara realisasi dan anggaran tahun ke", n),
            wide("Rata rata pertumbuhan", 2),
        ),
        cells(*ordinals(n), *ordinals(n), *ordinals(n), "Anggaran", "Realisasi"),
    )
    columns = (
        Column("uraian", width=1.6),
        *(Column(f"anggaran_{y}", Format.MONEY, 1.4) for y in years),
        *(Column(f"realisasi_{y}", Format.MONEY, 1.4) for y in years),
        *(Column(f"rasio_{y}", Format.PERCENT, 0.9) for y in years),
        Column("pertumbuhan_anggaran", Format.PERCENT, 0.9),
        Column("pertumbuhan_realisasi", Format.PERCENT, 0.9),
    )
    keys = Keys()
    rows = []
    for budget, figures in zip(renstra.budget, derived.budget, strict=True):
        loc = budget.row.loc
        values = (
            budget.label,
            *(budget.budget.get(y) for y in years),
            *(budget.actual.get(y) for y in years),
            *(figures.ratios.get(y) for y in years),
            figures.budget_growth,
            figures.actual_growth,
        )
        sources = (
            loc("uraian"),
            *(loc("anggaran", y) for y in years),
            *(loc("realisasi", y) for y in years),
            *([None] * (n + 2)),
        )
        rows.append(row(keys(budget.label), values, sources))
    method = renstra.config.growth_method
    return Table(
        "2.10",
        f"Anggaran dan Realisasi Pendanaan Pelayanan {agency(renstra)} "
        f"{renstra.config.agency.daerah_singkat}",
        columns,
        header,
        tuple(rows),
        numbering_row=True,
        landscape=True,
        source_note=source_note(renstra),
        notes=(GROWTH_NOTES.get(method, GROWTH_NOTES["rata-rata"]),),
    )


# ---------------------------------------------------------------- helpers


def _unique(values: Any) -> list[str]:
    return list(dict.fromkeys(values))


def _year_range(years: tuple[int, ...], sep: str = "-") -> str:
    return f"{years[0]}{sep}{years[-1]}" if years else ""


TABLES = {
    "2.2": table_2_2,
    "2.4": table_2_4,
    "2.5": table_2_5,
    "2.6": table_2_6,
    "2.7": table_2_7,
    "2.8": table_2_8,
    "2.9": table_2_9,
    "2.10": table_2_10,
}
FIGURES = {"2.1": figure_2_1, "2.3": figure_2_3, "2.11": figure_2_11}
