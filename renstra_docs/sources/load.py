"""Load every workbook of a project into one `Dataset` of pandas frames.

Reading is strict (read.py): every cell is parsed once, by its column's declared kind, and every
problem becomes a located finding. Here each sheet becomes its frames (frames.py) and the
references between sheets are resolved (links.py). Problems that make a file unusable raise
RenstraError at once; everything else is collected in `Dataset.findings`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ..config import Config
from ..findings import RenstraError
from ..model import MATRICES, Dataset
from .frames import sheet_frames
from .links import check_links, check_years
from .read import WorkbookData, read_workbook
from .schema import WORKBOOKS, WorkbookSchema, project_workbooks


def project_schemas(config: Config) -> tuple[WorkbookSchema, ...]:
    """The workbooks of this project: the package's, and the sheets its renstra.toml declares."""
    declared = (*config.tables, *config.figures)
    return project_workbooks(declared, transition=config.transition_year is not None)


def read_all(
    source_dir: Path, schemas: Sequence[WorkbookSchema] = WORKBOOKS
) -> dict[str, WorkbookData]:
    """Read every workbook; the first unusable file raises RenstraError."""
    return {schema.stem: read_workbook(source_dir / schema.filename, schema) for schema in schemas}


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
    matrices = [sheets for sheets in MATRICES.values() if sheets[0] in frames]
    findings += check_links(frames, per_year, matrices)
    findings += check_years(schemas, header_years, frames, config)
    return Dataset(config, frames, per_year, header_years, tuple(findings))


def load_strict(config: Config, source_dir: Path | None = None) -> Dataset:
    """Load, and raise RenstraError when any error finding makes the data unusable."""
    dataset = load(config, source_dir)
    if dataset.errors:
        raise RenstraError(dataset.errors)
    return dataset
