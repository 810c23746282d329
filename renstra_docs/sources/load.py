"""Read every workbook of a project against its schemas (the package's and the sheets its
renstra.toml declares). `model.load` turns what is read into the Dataset of frames."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..config import Config
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
