"""What a printed T-C.23 often leaves out: a realisasi or a ratio of one year, and an indicator
type that does not match the target column filled in."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pandas as pd

from ..calc.derive import SERVICE
from ..findings import Finding
from ..model import Dataset
from ..sources.frames import YEAR, locate

TYPE_COLUMNS = {
    "SPM/NSPK": "target_nspk",
    "IKK": "target_ikk",
    "Lainnya": "target_indikator_lainnya",
}


def check_completeness(dataset: Dataset) -> Iterator[Finding]:
    frame, yearly = dataset.frame(SERVICE), dataset.yearly(SERVICE)
    names = frame["indikator"]
    yield from _missing_realisasi(frame, yearly, names)
    yield from _missing_ratios(frame, yearly, names)
    yield from _indicator_types(frame, names)


def _missing_realisasi(
    frame: pd.DataFrame, yearly: pd.DataFrame, names: pd.Series
) -> Iterator[Finding]:
    missing = yearly[yearly["target"].notna() & yearly["realisasi"].isna()]
    return _per_year(
        frame,
        missing,
        names,
        "realisasi-missing",
        "realisasi",
        lambda year: (
            f"target {year} ada, realisasi {year} kosong: rasio capaian tidak dapat dihitung"
        ),
    )


def _missing_ratios(
    frame: pd.DataFrame, yearly: pd.DataFrame, names: pd.Series
) -> Iterator[Finding]:
    printed = yearly["rasio"].notna()
    rows_with_ratios = set(yearly.index[printed])
    computable = yearly["target"].notna() & yearly["realisasi"].notna()
    missing = yearly[computable & ~printed & yearly.index.isin(rows_with_ratios)]
    return _per_year(
        frame,
        missing,
        names,
        "rasio-missing",
        "rasio",
        lambda year: (
            f"rasio capaian {year} tidak tertulis (tahun lain tertulis); dokumen memakai "
            "hasil hitung"
        ),
    )


def _per_year(
    frame: pd.DataFrame,
    missing: pd.DataFrame,
    names: pd.Series,
    code: str,
    key: str,
    message: Callable[[int], str],
) -> Iterator[Finding]:
    """One finding per (row, year) of `missing`, on the cell of `key` in that year."""
    for row, year in zip(missing.index, missing[YEAR], strict=True):
        yield Finding(
            code,
            message(int(year)),
            locate(frame, row, key, int(year)),
            table=SERVICE,
            row_label=names.get(row),
        )


def _indicator_types(frame: pd.DataFrame, names: pd.Series) -> Iterator[Finding]:
    for row, kind in frame["jenis_indikator"].dropna().items():
        filled = [k for k, column in TYPE_COLUMNS.items() if pd.notna(frame.at[row, column])]
        if filled and kind not in filled:
            yield Finding(
                "indicator-type-mismatch",
                f"jenis indikator {kind}, tetapi target tertulis pada kolom {filled[0]}",
                locate(frame, row, "jenis_indikator"),
                value=kind,
                table=SERVICE,
                row_label=names.get(row),
            )
