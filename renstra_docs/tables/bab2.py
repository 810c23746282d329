"""BAB II: organisation, staff, assets, service performance (T-C.23) and budget (T-C.24).

Each table is a specification (its columns) and a frame (its rows), built by `spec.build_table`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .. import fmt
from ..calc.derive import BUDGET, PERIOD_END, SERVICE, Derived
from ..model import Dataset
from ..sources.frames import UNIT_SUFFIX
from .common import (
    TOTAL,
    agency,
    display_units,
    not_filled,
    ordinals,
    source_note,
    wide_by_year,
    wide_units,
)
from .model import Chart, Figure, Format, Style, Table
from .spec import BLANK, STYLE, Source, TableSpec, append_rows, body_frame, build_table, col

PERSON = "Orang"
ORG_CHART, STAFF_CHART = "struktur_organisasi", "pegawai_status"
GROWTH_NOTES = {
    "rata-rata": "Rata-rata pertumbuhan = rata-rata dari pertumbuhan tahunan ((nilai tahun n - "
    "nilai tahun n-1) / nilai tahun n-1 x 100%)",
    "majemuk": "Rata-rata pertumbuhan = pertumbuhan majemuk tahunan (((nilai tahun terakhir / "
    "nilai tahun pertama) ^ (1 / jumlah tahun antara) - 1) x 100%)",
}


# ---------------------------------------------------------------- figures 2.1, 2.3


def org_chart_data(dataset: Dataset) -> dict[str, Any]:
    """The organisation tree as plain data for charts.draw("org", ...)."""
    units = dataset.frame("unit_organisasi")
    units = units[units["id"].notna()]
    children: dict[str, list[int]] = {}
    for row, parent in units["induk"].dropna().items():
        children.setdefault(parent, []).append(row)
    known = set(units["id"])
    roots = [
        row for row, parent in units["induk"].items() if pd.isna(parent) or parent not in known
    ]

    def node(row: int) -> dict[str, Any]:
        return {
            "name": units.at[row, "nama_unit"],
            "kind": units.at[row, "jenis"],
            "children": [node(child) for child in children.get(units.at[row, "id"], [])],
        }

    top = [r for r in roots if pd.isna(units.at[r, "induk"])]
    return {"root": node(top[0]) if top else None}


def figure_2_1(dataset: Dataset, derived: Derived) -> Figure:
    title = f"Struktur Organisasi {agency(dataset)}"
    data = org_chart_data(dataset)
    if data["root"] is None:
        return Figure(
            "",
            title,
            placeholder=not_filled(dataset, "unit organisasi", "unit_organisasi"),
            key=ORG_CHART,
        )
    return Figure("", title, chart=Chart("org", data), width_cm=16.0, key=ORG_CHART)


def staff_chart_data(dataset: Dataset, derived: Derived) -> dict[str, Any]:
    """Staff by sex (groups) and employment status (bars), from the computed cells."""
    status = dataset.frame("pegawai_status")
    sexes = list(dict.fromkeys(status["jenis_kelamin"].dropna()))
    statuses = list(dict.fromkeys(status["status"].dropna()))
    cells = derived.staff.cells

    def total(sex: str) -> int | None:
        known = [cells.get((sex, s)) for s in statuses if cells.get((sex, s)) is not None]
        return sum(known) if known else None  # type: ignore[arg-type]

    return {
        "categories": [f"{sex}\n(jumlah {fmt.angka(total(sex))} orang)" for sex in sexes],
        "series": [
            {"label": kind, "values": [cells.get((sex, kind)) for sex in sexes]}
            for kind in statuses
        ],
        "y_label": "Jumlah pegawai (orang)",
        "value_labels": True,
        "y_format": "count",
    }


def figure_2_3(dataset: Dataset, derived: Derived) -> Figure:
    title = f"Perbandingan Jumlah SDM {agency(dataset)}"
    if dataset.frame("pegawai_status").empty:
        return Figure(
            "",
            title,
            placeholder=not_filled(dataset, "pegawai", "pegawai_status"),
            key=STAFF_CHART,
        )
    chart = Chart("bars", staff_chart_data(dataset, derived))
    return Figure(
        "", title, chart=chart, width_cm=13.0, source_note=source_note(dataset), key=STAFF_CHART
    )


# ---------------------------------------------------------------- staff and assets


def _count_table(
    dataset: Dataset,
    key: str,
    title: str,
    header: tuple[str, str, str],
    sheet: str,
    label: str,
    grand: int | None,
) -> Table:
    spec = TableSpec(
        key,
        title,
        (
            col("no", header[0], format=Format.INT, width=0.4),
            col("label", header[1], width=3.0, source=Source(sheet, label, "baris")),
            col(
                "jumlah",
                header[2],
                format=Format.QUANTITY,
                width=1.2,
                unit="unit",
                source=Source(sheet, "jumlah", "baris"),
            ),
        ),
    )
    frame = dataset.frame(sheet)
    body = body_frame(
        frame[label].fillna("None").to_numpy(),
        no=range(1, len(frame) + 1),
        label=frame[label].to_numpy(),
        jumlah=frame["jumlah"].to_numpy(),
        unit=PERSON,
        baris=frame.index,
    )
    total = {"_key": TOTAL, "no": BLANK, "label": TOTAL, "jumlah": grand, "unit": PERSON}
    return build_table(spec, append_rows(body, {**total, STYLE: Style.TOTAL}), dataset)


def table_2_2(dataset: Dataset, derived: Derived) -> Table:
    return _count_table(
        dataset,
        "pegawai_jabatan",
        "Klasifikasi Sumber Daya Manusia Berdasar Kepangkatan",
        ("No.", "Jenis Jabatan", "Jumlah SDM"),
        "pegawai_jabatan",
        "jenis_jabatan",
        derived.staff.by_position,
    )


def table_2_4(dataset: Dataset, derived: Derived) -> Table:
    return _count_table(
        dataset,
        "pegawai_golongan",
        "Klasifikasi Sumber Daya Manusia Berdasarkan Golongan",
        ("No", "Jenis Golongan", "Jumlah"),
        "pegawai_golongan",
        "golongan",
        derived.staff.by_grade,
    )


def table_2_5(dataset: Dataset, derived: Derived) -> Table:
    sheet = "aset"
    spec = TableSpec(
        "aset",
        f"Data Asset {agency(dataset)}",
        (
            col("no", "No", format=Format.INT, width=0.4),
            col("nama_aset", "Nama Aset", width=3.0, source=Source(sheet, "nama_aset", "baris")),
            col("jumlah", "Jumlah", format=Format.NUMBER, source=Source(sheet, "jumlah", "baris")),
            col("satuan", "Satuan", width=1.5, source=Source(sheet, "satuan", "baris")),
        ),
    )
    frame = dataset.frame(sheet)
    body = body_frame(
        frame["nama_aset"].fillna("None").to_numpy(),
        no=range(1, len(frame) + 1),
        nama_aset=frame["nama_aset"].to_numpy(),
        jumlah=frame["jumlah"].to_numpy(),
        satuan=frame["satuan"].fillna(BLANK).to_numpy(),
        baris=frame.index,
    )
    return build_table(spec, body, dataset)


# ---------------------------------------------------------------- service performance (T-C.23)


def _tc23_spec(dataset: Dataset, years: tuple[int, ...]) -> TableSpec:
    def target(key: str, title: str, column: str) -> Any:
        return col(
            key,
            title,
            format=Format.QUANTITY,
            unit=f"{key}_unit",
            source=Source(SERVICE, column, "baris"),
        )

    def yearly(group: str, title: str) -> list[Any]:
        return [
            col(
                f"{group}_{y}",
                title,
                i,
                format=Format.QUANTITY,
                unit=f"{group}_{y}_unit",
                source=Source(SERVICE, group, "baris", y),
            )
            for i, y in zip(ordinals(len(years)), years, strict=True)
        ]

    ratios = [
        col(f"rasio_{y}", "Rasio Capaian Pada Tahun Ke-", i, format=Format.PERCENT)
        for i, y in zip(ordinals(len(years)), years, strict=True)
    ]
    return TableSpec(
        "kinerja_pelayanan",
        f"Tabel Kinerja Pelayanan {agency(dataset)} {dataset.config.agency.pemerintah}",
        (
            col("no", "No", format=Format.INT, width=0.4),
            col(
                "indikator",
                "Indikator Kinerja Sesuai Tugas dan Fungsi PD",
                width=3.2,
                source=Source(SERVICE, "indikator", "baris"),
            ),
            target("nspk", "Target NSPK", "target_nspk"),
            target("ikk", "Target IKK", "target_ikk"),
            target("lainnya", "Target Indikator Lainnya", "target_indikator_lainnya"),
            *yearly("target", "Target Renstra PD Tahun Ke-"),
            *yearly("realisasi", "Realisasi Capaian Tahun Ke-"),
            *ratios,
        ),
        numbering_row=True,
        landscape=True,
        source_note=source_note(dataset),
    )


def table_2_6(dataset: Dataset, derived: Derived) -> Table:
    years = dataset.years(SERVICE, "target")
    frame, yearly = dataset.frame(SERVICE), dataset.yearly(SERVICE)
    unit = frame["satuan"]
    body = body_frame(
        frame["indikator"].fillna("None").to_numpy(),
        no=range(1, len(frame) + 1),
        indikator=frame["indikator"].to_numpy(),
        baris=frame.index,
    )
    for key, column in (
        ("nspk", "target_nspk"),
        ("ikk", "target_ikk"),
        ("lainnya", "target_indikator_lainnya"),
    ):
        body[key] = frame[column].where(frame[column].notna(), BLANK).to_numpy()
        body[f"{key}_unit"] = display_units(unit, frame[column + UNIT_SUFFIX]).to_numpy()
    for group in ("target", "realisasi"):
        body = body.join(wide_by_year(yearly, group, years, frame.index, group))
        body = body.join(wide_units(yearly, group, years, frame.index, unit, group))
    body = body.join(wide_by_year(derived.service_ratios, "rasio", years, frame.index, "rasio"))
    return build_table(_tc23_spec(dataset, years), body, dataset)


def table_2_7(dataset: Dataset, derived: Derived) -> Table:
    sheet = PERIOD_END
    spec = TableSpec(
        "kinerja_akhir_periode",
        "Perbandingan realisasi kinerja s.d akhir periode RPJMD/RENSTRA",
        (
            col(
                "indikator",
                "Indikator kinerja",
                width=3.5,
                source=Source(sheet, "indikator", "baris"),
            ),
            col(
                "target",
                "Target Akhir RPJMD/RENSTRA",
                format=Format.QUANTITY,
                width=1.3,
                unit="target_unit",
                source=Source(sheet, "target_akhir", "baris"),
            ),
            col(
                "realisasi",
                "Realisasi",
                format=Format.QUANTITY,
                width=1.3,
                unit="realisasi_unit",
                source=Source(sheet, "realisasi", "baris"),
            ),
            col("tingkat_kemajuan", "Tingkat Kemajuan", format=Format.PERCENT, width=1.2),
        ),
        numbering_row=True,
    )
    frame = dataset.frame(sheet)
    body = body_frame(
        frame["indikator"].fillna("None").to_numpy(),
        indikator=frame["indikator"].to_numpy(),
        target=frame["target_akhir"].to_numpy(),
        realisasi=frame["realisasi"].to_numpy(),
        tingkat_kemajuan=derived.period_end_progress.to_numpy(),
        target_unit=display_units(frame["satuan"], frame["target_akhir" + UNIT_SUFFIX]).to_numpy(),
        realisasi_unit=display_units(frame["satuan"], frame["realisasi" + UNIT_SUFFIX]).to_numpy(),
        baris=frame.index,
    )
    return build_table(spec, body, dataset)


# ---------------------------------------------------------------- budget (T-C.24)


def _tc24_spec(dataset: Dataset, years: tuple[int, ...]) -> TableSpec:
    numbers = ordinals(len(years))

    def yearly(group: str, title: str, fmt_: Format, width: float) -> list[Any]:
        return [
            col(
                f"{group}_{y}",
                title,
                i,
                format=fmt_,
                width=width,
                source=Source(BUDGET, group, "typed_row", y) if group != "rasio" else None,
            )
            for i, y in zip(numbers, years, strict=True)
        ]

    config = dataset.config
    return TableSpec(
        "anggaran_realisasi",
        f"Anggaran dan Realisasi Pendanaan Pelayanan {agency(dataset)} "
        f"{config.agency.daerah_singkat}",
        (
            col(
                "uraian", "Uraian", width=1.6, indent=True, source=Source(BUDGET, "uraian", "baris")
            ),
            *yearly("anggaran", "Anggaran pada tahun ke", Format.MONEY, 1.4),
            *yearly("realisasi", "Realisasi anggaran pada tahun ke", Format.MONEY, 1.4),
            *yearly("rasio", "Rasio antara realisasi dan anggaran tahun ke", Format.PERCENT, 0.9),
            col(
                "pertumbuhan_anggaran",
                "Rata rata pertumbuhan",
                "Anggaran",
                format=Format.PERCENT,
                width=0.9,
            ),
            col(
                "pertumbuhan_realisasi",
                "Rata rata pertumbuhan",
                "Realisasi",
                format=Format.PERCENT,
                width=0.9,
            ),
        ),
        numbering_row=True,
        landscape=True,
        source_note=source_note(dataset),
        notes=(GROWTH_NOTES.get(config.growth_method, GROWTH_NOTES["rata-rata"]),),
    )


def table_2_10(dataset: Dataset, derived: Derived) -> Table:
    years = dataset.years(BUDGET, "anggaran")
    frame = dataset.frame(BUDGET)
    depth = derived.budget_depth.reindex(frame.index).fillna(0).astype(int)
    parents = frame["id"].notna() & frame["id"].isin(frame["induk"].dropna())
    body = body_frame(
        frame["uraian"].fillna("None").to_numpy(),
        uraian=frame["uraian"].to_numpy(),
        baris=frame.index,
        typed_row=frame.index.where(~parents.to_numpy()),
        _level=depth.to_numpy(),
        _style=[Style.BOLD if p else Style.NORMAL for p in parents],
    )
    values = derived.budget_values
    for group in ("anggaran", "realisasi"):
        body = body.join(wide_by_year(values, group, years, frame.index, prefix=group))
    body = body.join(wide_by_year(derived.budget_ratios, "rasio", years, frame.index, "rasio"))
    for key in ("pertumbuhan_anggaran", "pertumbuhan_realisasi"):
        body[key] = derived.budget[key].to_numpy()
    return build_table(_tc24_spec(dataset, years), body, dataset)


TABLES = {
    "pegawai_jabatan": table_2_2,
    "pegawai_golongan": table_2_4,
    "aset": table_2_5,
    SERVICE: table_2_6,
    PERIOD_END: table_2_7,
    BUDGET: table_2_10,
}
FIGURES = {ORG_CHART: figure_2_1, STAFF_CHART: figure_2_3}
