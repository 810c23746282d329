"""Read every workbook of a project against its schemas (the package's and the sheets its
renstra.toml declares). `model.load` turns what is read into the Dataset of frames."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..config import Config
from ..findings import Finding
from ..processes import Aside
from .read import opened_book, read_sheet
from .schema import SheetSchema, WorkbookSchema, project_workbooks

if TYPE_CHECKING:
    import pandas as pd

    from .xlsx import Sheet

# A workbook's largest sheet is read by a forked child while this process reads the others,
# when both shares are at least this large (sheet XML bytes, ~1.300 matrix rows): below it, the
# fork and the frames' round trip through a pipe (~0.03 s) cost what they save.
ASIDE_BYTES = 1 << 20


def project_schemas(config: Config) -> tuple[WorkbookSchema, ...]:
    """The workbooks of this project: the package's, and the sheets its renstra.toml declares."""
    declared = (*config.tables, *config.figures)
    return project_workbooks(declared, transition=config.transition_year is not None)


class SheetFrames(NamedTuple):
    """A sheet as the Dataset holds it (`frames.sheet_frames`), and what `model.load` checks."""

    schema: SheetSchema
    frame: pd.DataFrame
    yearly: pd.DataFrame | None  # None: the sheet has no year columns
    years: dict[str, tuple[int, ...]]  # year-column key -> the years of its header
    has_rows: bool
    findings: list[Finding]  # of this sheet, in reading order


def read_frames(source_dir: Path, schemas: Sequence[WorkbookSchema]) -> list[SheetFrames]:
    """Every sheet of every workbook as frames, in workbook and sheet order (the findings in the
    order they are read); the first unusable file or sheet raises RenstraError."""
    return [framed for schema in schemas for framed in _workbook_frames(source_dir, schema)]


def _workbook_frames(source_dir: Path, schema: WorkbookSchema) -> list[SheetFrames]:
    with opened_book(source_dir / schema.filename, schema) as book:
        sheets = {sheet.name: book[sheet.name] for sheet in schema.sheets}
    readers: dict[str, Callable[[], SheetFrames]] = {
        sheet.name: _reader(schema.filename, sheet, sheets[sheet.name]) for sheet in schema.sheets
    }
    largest = max(sheets, key=lambda name: len(sheets[name].xml))
    rest = sum(len(sheet.xml) for name, sheet in sheets.items() if name != largest)
    if min(len(sheets[largest].xml), rest) < ASIDE_BYTES:
        return [read() for read in readers.values()]
    child = Aside(readers[largest])
    try:
        # An error is raised in sheet order, as without the child: each sheet's is kept.
        here = {name: _attempt(read) for name, read in readers.items() if name != largest}
        return [child.finish() if name == largest else _result(here[name]) for name in readers]
    finally:
        child.join()


def _reader(workbook: str, schema: SheetSchema, worksheet: Sheet) -> Callable[[], SheetFrames]:
    def read() -> SheetFrames:
        from .frames import sheet_frames

        findings: list[Finding] = []
        data = read_sheet(workbook, schema, worksheet, findings)
        frame, yearly = sheet_frames(data)
        years = {key: tuple(found) for key, found in data.years.items()}
        return SheetFrames(schema, frame, yearly, years, bool(data.rows), findings)

    return read


def _attempt(read: Callable[[], SheetFrames]) -> SheetFrames | Exception:
    try:
        return read()
    except Exception as error:  # noqa: BLE001 - raised in sheet order by _result
        return error


def _result(outcome: SheetFrames | Exception) -> SheetFrames:
    if isinstance(outcome, Exception):
        raise outcome
    return outcome
