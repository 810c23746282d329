"""The normalised dataset: one pandas frame per source sheet, read once, never changed.

`load(config)` reads every workbook strictly (sources/read.py: every cell parsed once, by its
column's declared kind, every problem a located finding), turns each sheet into its frames
(sources/frames.py) and resolves the references between sheets (sources/links.py). Problems that
make a file unusable raise RenstraError at once; everything else is in `Dataset.findings`.

`Dataset.frames[sheet]` holds the fixed columns of a sheet (index: the Excel row number);
`Dataset.per_year[sheet]` holds its `<prefix> <tahun>` columns in long form (one row per Excel
row and year, a `tahun` column). Sheet names are unique across the project's workbooks. See
`sources/frames.py` for the dtypes and `docs/api.md` for examples.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .config import Config
from .findings import Finding, RenstraError
from .sources.frames import Origin, origin
from .sources.links import check_links, check_years
from .sources.load import SheetFrames, project_schemas, read_frames

# The sheets every Renstra has (sources/schema.py); a project may add its own ([[tabel]]).
MATRIX, MATRIX_INDICATORS = "matriks", "indikator"
TRANSITION_MATRIX, TRANSITION_INDICATORS = "matriks_transisi", "indikator_transisi"
# Each matrix by its table key (the sheet of its nodes): the plan years and the transition year.
MATRICES = {
    MATRIX: (MATRIX, MATRIX_INDICATORS),
    TRANSITION_MATRIX: (TRANSITION_MATRIX, TRANSITION_INDICATORS),
}
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


def load(config: Config, source_dir: Path | None = None) -> Dataset:
    schemas = project_schemas(config)
    sheets = read_frames(source_dir or config.source_dir, schemas)
    findings = [f for sheet in sheets for f in sheet.findings]
    frames = {sheet.schema.name: sheet.frame for sheet in sheets}
    per_year = {sheet.schema.name: sheet.yearly for sheet in sheets if sheet.yearly is not None}
    header_years = {sheet.schema.name: sheet.years for sheet in sheets}
    findings += _empty_sheets(sheets)
    matrices = [names for names in MATRICES.values() if names[0] in frames]
    findings += check_links(frames, per_year, matrices)
    findings += check_years(schemas, header_years, frames, config)
    return Dataset(config, frames, per_year, header_years, tuple(findings))


def _empty_sheets(sheets: Sequence[SheetFrames]) -> list[Finding]:
    """A sheet with no row yet (a new project): the document says what to fill in there."""
    return [
        Finding(
            "sheet-empty",
            f"data sheet {sheet.schema.name} belum diisi",
            origin(sheet.frame).sheet_location(),
        )
        for sheet in sheets
        if not sheet.has_rows and not sheet.schema.may_be_empty
    ]


def load_strict(config: Config, source_dir: Path | None = None) -> Dataset:
    """Load, and raise RenstraError when any error finding makes the data unusable."""
    dataset = load(config, source_dir)
    if dataset.errors:
        raise RenstraError(dataset.errors)
    return dataset
