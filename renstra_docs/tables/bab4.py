"""BAB IV: tujuan and sasaran with their indicators and yearly targets (T-C.25)."""

from __future__ import annotations

import pandas as pd

from ..calc.derive import Derived
from ..model import Dataset
from .common import agency, ordinals, wide_by_year, wide_units
from .model import Format, Table
from .spec import BLANK, Source, TableSpec, build_table, col

GOALS, INDICATORS = "tujuan_sasaran", "indikator_tujuan"


def _spec(dataset: Dataset, years: tuple[int, ...]) -> TableSpec:
    targets = [
        col(
            f"target_{y}",
            "Target Kinerja Tujuan/ Sasaran pada tahun Ke-",
            i,
            format=Format.QUANTITY,
            width=0.8,
            unit=f"target_{y}_unit",
            source=Source(INDICATORS, "target", "indicator_row", y),
        )
        for i, y in zip(ordinals(len(years)), years, strict=True)
    ]
    return TableSpec(
        "tujuan_sasaran",
        f"Tujuan dan Sasaran Jangka Menengah Pelayanan {agency(dataset)}",
        (
            col("no", "No", format=Format.INT, width=0.4),
            col("tujuan", "Tujuan", width=1.6, source=Source(GOALS, "uraian", "tujuan_row")),
            col("sasaran", "Sasaran", width=1.8, source=Source(GOALS, "uraian", "sasaran_row")),
            col(
                "indikator",
                "Indikator Tujuan/Sasaran",
                width=2.2,
                source=Source(INDICATORS, "indikator", "indicator_row"),
            ),
            col(
                "formula",
                "Formulasi Perhitungan Indikator Tujuan",
                width=2.6,
                source=Source(INDICATORS, "formula", "indicator_row"),
            ),
            *targets,
        ),
        numbering_row=True,
        landscape=True,
    )


def owners(goals: pd.DataFrame) -> pd.DataFrame:
    """Each tujuan followed by its sasaran, numbered by tujuan (one row per owner)."""
    rows = []
    tujuan = goals[goals["jenis"] == "Tujuan"]
    for number, (row, goal_id) in enumerate(tujuan["id"].items(), start=1):
        rows.append((number, row, row))
        for sasaran_row in goals.index[(goals["jenis"] == "Sasaran") & (goals["induk"] == goal_id)]:
            rows.append((number, row, sasaran_row))
    return pd.DataFrame(rows, columns=["number", "tujuan_row", "owner_row"])


def table_4_1(dataset: Dataset, derived: Derived) -> Table:
    years = dataset.years(INDICATORS, "target")
    goals, indicators = dataset.frame(GOALS), dataset.frame(INDICATORS)
    order = owners(goals)
    order["owner"] = goals.loc[order["owner_row"], "id"].to_numpy()
    listed = indicators.reset_index().rename(columns={"baris": "indicator_row"})
    body = order.merge(listed, how="left", left_on="owner", right_on="pemilik", sort=False)
    first_of_owner = ~body["owner_row"].duplicated()
    first_of_tujuan = ~body["tujuan_row"].duplicated()
    is_sasaran = goals.loc[body["owner_row"], "jenis"].to_numpy() == "Sasaran"
    has_indicator = body["indicator_row"].notna()
    body["_key"] = body["id"].where(has_indicator, body["owner"]).to_numpy()
    body["no"] = body["number"].astype(object).where(first_of_tujuan, BLANK)
    tujuan_text = goals.loc[body["tujuan_row"], "uraian"].to_numpy()
    body["tujuan"] = pd.Series(tujuan_text).where(first_of_tujuan, BLANK)
    body["tujuan_row"] = body["tujuan_row"].where(first_of_tujuan)
    sasaran_shown = first_of_owner & is_sasaran
    body["sasaran"] = pd.Series(goals.loc[body["owner_row"], "uraian"].to_numpy()).where(
        sasaran_shown, BLANK
    )
    body["sasaran_row"] = body["owner_row"].where(sasaran_shown)
    body["indikator"] = body["indikator"].astype(object).where(has_indicator, BLANK)
    body["formula"] = body["formula"].astype(object).where(body["formula"].notna(), BLANK)
    rows = pd.Index(body["indicator_row"].fillna(-1).astype(int))
    yearly = dataset.yearly(INDICATORS)
    body = body.join(wide_by_year(yearly, "target", years, rows, "target"))
    body = body.join(wide_units(yearly, "target", years, rows, indicators["satuan"], "target"))
    for year in years:
        body[f"target_{year}"] = body[f"target_{year}"].where(has_indicator, BLANK)
    return build_table(_spec(dataset, years), body, dataset)


TABLES = {"tujuan_sasaran": table_4_1}
