"""`import_tables`: recognise the sheets of the given files, read them, write the project.

Nothing is written when any error was found (a sheet not recognised, a row that cannot be
placed, a number that cannot be read): the staff fix the file and import again, and importing
again replaces what an earlier import wrote.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..findings import Finding, RenstraError
from ..sources.read import read_workbook
from ..sources.schema import BAB4, WorkbookSchema
from . import tc23, tc24, tc25, tc27
from .grid import open_grids
from .layouts import Layout
from .output import SheetOutput
from .table import Table, recognise
from .tc25 import Goal
from .writer import WrittenSheet, write_outputs

ORDER = (Layout.TC25, Layout.TC23, Layout.TC24, Layout.TC27)  # T-C.27 names T-C.25's goals


@dataclass(frozen=True)
class ImportResult:
    written: tuple[WrittenSheet, ...]
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def failed(self) -> bool:
        return bool(self.errors)


def import_tables(config: Config, paths: Sequence[Path]) -> ImportResult:
    """Import the T-C.23/24/25/27 sheets of `paths` into the project of `config`.

    Raises RenstraError when a file cannot be opened at all."""
    findings: list[Finding] = []
    tables: dict[Layout, Table] = {}
    for path in paths:
        for grid in open_grids(path):
            table, found = recognise(grid, config)
            findings += found
            if table is None:
                continue
            if table.layout in tables:
                findings.append(_duplicate(tables[table.layout], table))
                continue
            tables[table.layout] = table
    outputs: list[SheetOutput] = []
    for layout in ORDER:
        table = tables.get(layout)
        if table is not None:
            outputs += _read(table, config, outputs)
            findings += table.findings
    if any(f.is_error for f in findings):
        return ImportResult((), tuple(findings))
    return ImportResult(tuple(write_outputs(config, outputs)), tuple(findings))


def _read(table: Table, config: Config, done: list[SheetOutput]) -> list[SheetOutput]:
    if table.layout is Layout.TC23:
        return tc23.read(table)
    if table.layout is Layout.TC24:
        return tc24.read(table)
    if table.layout is Layout.TC25:
        return tc25.read(table)
    return tc27.read(table, config, tc25.goals_of(done) or project_goals(config))


def project_goals(config: Config) -> list[Goal]:
    """The tujuan and sasaran the project already has (none when its workbook is unusable)."""
    sheet = tc25.GOALS
    schema = WorkbookSchema(BAB4.filename, BAB4.doc, (sheet,))
    try:
        data = read_workbook(config.source_dir / BAB4.filename, schema).sheets[sheet.name]
    except RenstraError:
        return []
    return [
        Goal(row["id"], row["jenis"], row["uraian"])
        for row in data.rows
        if row["id"] and row["jenis"] and row["uraian"]
    ]


def _duplicate(first: Table, second: Table) -> Finding:
    return Finding(
        "import-layout-duplicate",
        f"{second.layout} juga ada di {first.where}; hanya satu sheet per tabel yang diimpor",
        second.where,
    )
