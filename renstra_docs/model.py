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

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .config import Config
from .findings import Finding, Location, RenstraError
from .sources.frames import Origin, origin, sheet_frames
from .sources.links import check_links, check_years
from .sources.load import project_schemas, read_all

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
    books = read_all(source_dir or config.source_dir, schemas)
    findings = [f for book in books.values() for f in book.findings]
    frames: dict[str, pd.DataFrame] = {}
    per_year: dict[str, pd.DataFrame] = {}
    header_years: dict[str, dict[str, tuple[int, ...]]] = {}
    for book in books.values():
        for name, data in book.sheets.items():
            frame, yearly = sheet_frames(data)
            frames[name] = frame
            if yearly is not None:
                per_year[name] = yearly
            header_years[name] = {key: tuple(years) for key, years in data.years.items()}
    findings += _empty_sheets(books)
    matrices = [sheets for sheets in MATRICES.values() if sheets[0] in frames]
    findings += check_links(frames, per_year, matrices)
    findings += check_years(schemas, header_years, frames, config)
    return Dataset(config, frames, per_year, header_years, tuple(findings))


def _empty_sheets(books: Mapping[str, Any]) -> list[Finding]:
    """A sheet with no row yet (a new project): the document says what to fill in there."""
    return [
        Finding(
            "sheet-empty",
            f"data sheet {name} belum diisi",
            Location(book.schema.filename, name),
        )
        for book in books.values()
        for name, data in book.sheets.items()
        if not data.rows and not data.schema.may_be_empty
    ]


def load_strict(config: Config, source_dir: Path | None = None) -> Dataset:
    """Load, and raise RenstraError when any error finding makes the data unusable."""
    dataset = load(config, source_dir)
    if dataset.errors:
        raise RenstraError(dataset.errors)
    return dataset
