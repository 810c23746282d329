"""The normalised dataset: one pandas frame per source sheet, read once, never changed.

`Dataset.frames[sheet]` holds the fixed columns of a sheet (index: the Excel row number);
`Dataset.per_year[sheet]` holds its `<prefix> <tahun>` columns in long form (one row per Excel
row and year, a `tahun` column). Sheet names are unique across the project's workbooks. See
`sources/frames.py` for the dtypes and `docs/api.md` for examples.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from .config import Config
from .findings import Finding
from .sources.frames import Origin, origin

# The sheets every Renstra has (sources/schema.py); a project may add its own ([[tabel]]).
MATRIX, MATRIX_INDICATORS = "matriks", "indikator"
TRANSITION_MATRIX, TRANSITION_INDICATORS = "matriks_transisi", "indikator_transisi"
MATRICES = {"6.2": (MATRIX, MATRIX_INDICATORS), "6.1": (TRANSITION_MATRIX, TRANSITION_INDICATORS)}
LEVELS = ("Program", "Kegiatan", "Sub Kegiatan")


@dataclass(frozen=True)
class Dataset:
    config: Config
    frames: Mapping[str, pd.DataFrame]
    per_year: Mapping[str, pd.DataFrame]
    header_years: Mapping[str, Mapping[str, tuple[int, ...]]]  # sheet -> year group -> years
    findings: tuple[Finding, ...] = field(default=())

    def frame(self, sheet: str) -> pd.DataFrame:
        return self.frames[sheet]

    def yearly(self, sheet: str) -> pd.DataFrame:
        return self.per_year[sheet]

    def years(self, sheet: str, group: str) -> tuple[int, ...]:
        """The years of one year group of a sheet, as its header gives them."""
        return self.header_years.get(sheet, {}).get(group, ())

    def origin(self, sheet: str) -> Origin:
        return origin(self.frames[sheet])

    def has(self, sheet: str) -> bool:
        return sheet in self.frames

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]
