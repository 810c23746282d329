"""The tables and figures a project declares in renstra.toml ([[tabel]], [[gambar]]).

One generic specification per declaration: the shown columns in their declared order, then each
year group per year (the year over its groups, or the group over its years), an optional No
column, the declared title with its {fields} filled in.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..model import Dataset
from ..project import FigureDeclaration, SheetDeclaration, TableDeclaration
from ..sources.frames import plain
from ..sources.schema import Kind, slug
from .common import source_note, year_range
from .model import Chart, Figure, Format, Table
from .spec import BLANK, Col, Source, TableSpec, body_frame, build_table, col, numbered

FORMATS = {
    Kind.TEXT: Format.TEXT,
    Kind.CODE: Format.TEXT,
    Kind.COUNT: Format.INT,
    Kind.MONEY: Format.MONEY,
    Kind.NUMBER: Format.NUMBER,
    Kind.PERCENT: Format.PERCENT,
    Kind.QUANTITY: Format.QUANTITY,
}


def tables(dataset: Dataset) -> dict[str, Table]:
    return {d.key: declared_table(dataset, d) for d in dataset.config.tables}


def figures(dataset: Dataset) -> dict[str, Figure]:
    return {d.key: declared_figure(dataset, d) for d in dataset.config.figures}


def _years(dataset: Dataset, declaration: SheetDeclaration) -> tuple[int, ...]:
    found = {
        y for g in declaration.year_groups for y in dataset.years(declaration.sheet, slug(g.header))
    }
    return tuple(sorted(found))


def title_of(dataset: Dataset, declaration: SheetDeclaration) -> str:
    years = _years(dataset, declaration)
    agency = dataset.config.agency
    return declaration.title.format(
        instansi=agency.nama,
        daerah=agency.daerah,
        provinsi=agency.provinsi,
        tahun_pertama=years[0] if years else "",
        tahun_terakhir=years[-1] if years else "",
    )


def _columns(declaration: TableDeclaration, years: tuple[int, ...]) -> list[Col]:
    sheet = declaration.sheet
    columns = (
        [col("no", "No", format=Format.INT, width=0.4)] if declaration.numbering != "tidak" else []
    )
    for column in declaration.columns:
        if column.shown_as:
            key = slug(column.header)
            columns.append(
                Col(
                    key,
                    (column.shown_as,),
                    FORMATS[Kind(column.kind)],
                    column.width,
                    unit=f"{key}_unit" if column.kind == Kind.QUANTITY else None,
                    source=Source(sheet, key, "baris"),
                )
            )
    pairs = (
        [(y, g) for y in years for g in declaration.year_groups]
        if declaration.year_on_top
        else [(y, g) for g in declaration.year_groups for y in years]
    )
    for year, group in pairs:
        key = slug(group.header)
        header = (str(year), group.label) if declaration.year_on_top else (group.label, str(year))
        columns.append(
            Col(
                f"{key}_{year}",
                header,
                FORMATS[Kind(group.kind)],
                unit=f"{key}_{year}_unit" if group.kind == Kind.QUANTITY else None,
                source=Source(sheet, key, "baris", year),
            )
        )
    return columns


def declared_table(dataset: Dataset, declaration: TableDeclaration) -> Table:
    years = _years(dataset, declaration)
    spec = TableSpec(
        declaration.key,
        title_of(dataset, declaration),
        tuple(_columns(declaration, years)),
        numbering_row=declaration.numbering_row,
        landscape=declaration.landscape,
        source_note=source_note(dataset) if declaration.source_note else None,
        notes=declaration.notes,
        placeholder=declaration.placeholder,
    )
    return build_table(spec, _body(dataset, declaration, spec, years), dataset)


def _body(
    dataset: Dataset, declaration: TableDeclaration, spec: TableSpec, years: tuple[int, ...]
) -> pd.DataFrame:
    frame = dataset.frame(declaration.sheet)
    shown = [slug(c.header) for c in declaration.columns if c.shown_as]
    body = body_frame(_row_keys(frame, shown), baris=frame.index)
    for key in shown:
        body[key] = frame[key].to_numpy()
        if key + "_satuan" in frame:
            body[key + "_unit"] = frame[key + "_satuan"].to_numpy()
    if declaration.year_groups:
        yearly = dataset.yearly(declaration.sheet)
        for group in declaration.year_groups:
            key = slug(group.header)
            table = yearly.reset_index().pivot(index="baris", columns="tahun", values=key)
            table = table.reindex(index=frame.index, columns=list(years))
            for year in years:
                body[f"{key}_{year}"] = table[year].to_numpy()
    if declaration.numbering == "baris":
        body["no"] = range(1, len(body) + 1)
    elif declaration.numbering == "kelompok" and shown:
        first = body[shown[0]]
        body["no"] = numbered(first.notna() & (first.astype(object) != BLANK)).to_numpy()
    return body


def _row_keys(frame: pd.DataFrame, shown: list[str]) -> list[str]:
    """A row's key: its first shown text that is not empty ("baris" when there is none)."""
    columns = [plain(frame[key]) for key in shown if frame[key].dtype == "string"]
    keys = []
    for values in zip(*columns, strict=True) if columns else [() for _ in range(len(frame))]:
        keys.append(next((v for v in values if v), "baris"))
    return keys


def declared_figure(dataset: Dataset, declaration: FigureDeclaration) -> Figure:
    frame = dataset.frame(declaration.sheet)
    x, y = slug(declaration.x), slug(declaration.y)
    note = source_note(dataset) if declaration.source_note else None
    title = title_of(dataset, declaration)
    points = frame[[x, y]].dropna()
    if points.empty:
        return Figure(
            "",
            title,
            placeholder=declaration.placeholder or f"Data {declaration.sheet} belum tersedia.",
            key=declaration.key,
        )
    data: dict[str, Any] = {
        "x": [str(v) for v in plain(points[x])],
        "y": plain(points[y]),
        "y_label": declaration.y_label,
    }
    kind = "line" if declaration.chart == "garis" else "bars"
    if kind == "bars":
        data = {
            "categories": data["x"],
            "series": [{"label": declaration.y, "values": data["y"]}],
            "y_label": declaration.y_label,
            "value_labels": True,
            "y_format": "count",
        }
    return Figure(
        "",
        title,
        chart=Chart(kind, data),
        width_cm=14.0,
        source_note=note,
        key=declaration.key,
    )


__all__ = ["declared_figure", "declared_table", "figures", "tables", "year_range"]
