"""Shared fixtures: small workbooks built in code for one real schema sheet, and a project copy."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from renstra_docs.findings import Finding, Location, RenstraError
from renstra_docs.sources.read import WorkbookData, read_workbook
from renstra_docs.sources.schema import BAB6, WorkbookSchema

ROOT = Path(__file__).resolve().parents[1]
# Every table and figure of the Blitar Renstra, in document order (numbered by placement).
TABLE_NUMBERS = ("2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8", "3.1", "4.1", "5.1",
                 "5.2", "5.3", "6.1", "6.2", "7.1")  # fmt: skip
FIGURE_NUMBERS = ("2.1", "2.2", "2.3", "6.1")  # Gambar 1.1 is a picture of the project
WORKBOOK = BAB6.filename  # "bab6_program.xlsx"
SHEET = "matriks"
YEARS = (2022, 2023, 2024, 2025, 2026)
# One real schema sheet: BAB VI Tabel 6.2, alone in its workbook (the reader checks only it).
MATRIX_SCHEMA = WorkbookSchema(BAB6.filename, BAB6.doc, (BAB6.sheet(SHEET),))
MATRIX_HEADER: tuple[str, ...] = (
    "ID",
    "Induk",
    "Level",
    "Kode",
    "Nama",
    "Tujuan",
    "Sasaran",
    *(f"Pagu {y}" for y in YEARS),
    *(f"Pagu Tertulis {y}" for y in YEARS),
    "Pagu Tertulis Akhir",
    "Unit Kerja",
    "Lokasi",
)  # A..T: "Pagu 2022" is column H, "Nama" is E
PROGRAM = {"ID": "P1", "Level": "Program", "Nama": "PROGRAM PENUNJANG"}
KEGIATAN = {"ID": "P1.K1", "Induk": "P1", "Level": "Kegiatan", "Nama": "Perencanaan"}


def sub(number: int, **values: Any) -> dict[str, Any]:
    """A valid sub-kegiatan row under P1.K1 with a pagu for every year."""
    row: dict[str, Any] = {
        "ID": f"P1.K1.S{number}",
        "Induk": "P1.K1",
        "Level": "Sub Kegiatan",
        "Nama": f"Sub kegiatan {number}",
    }
    row.update({f"Pagu {y}": 1_000_000 * number + y for y in YEARS})
    row.update({k.replace("_", " "): v for k, v in values.items()})
    return row


def write_book(path: Path, sheets: Mapping[str, Sequence[Sequence[Any]]]) -> Path:
    """Write raw rows (header first) into sheets of a new workbook."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


def matrix_rows(
    rows: Iterable[Mapping[str, Any]], header: Sequence[str] = MATRIX_HEADER
) -> list[list[Any]]:
    return [list(header), *([row.get(h) for h in header] for row in rows)]


@pytest.fixture
def matrix_book(tmp_path: Path) -> Callable[..., Path]:
    """Build bab6_program.xlsx with one sheet matriks from rows keyed by header.

    `edit(sheet)` may damage the openpyxl worksheet before it is saved.
    """

    def build(
        rows: Iterable[Mapping[str, Any]] | None = None,
        *,
        header: Sequence[str] = MATRIX_HEADER,
        edit: Callable[[Any], None] | None = None,
    ) -> Path:
        rows = [PROGRAM, KEGIATAN, sub(1), sub(2)] if rows is None else rows
        book = Workbook()
        sheet = book.active
        sheet.title = SHEET
        for row in matrix_rows(rows, header):
            sheet.append(row)
        if edit is not None:
            edit(sheet)
        path = tmp_path / WORKBOOK
        book.save(path)
        return path

    return build


def read_matrix(path: Path) -> WorkbookData:
    return read_workbook(path, MATRIX_SCHEMA)


def refused(path: Path, schema: WorkbookSchema = MATRIX_SCHEMA) -> list[Finding]:
    """The findings of a workbook the reader refuses at once."""
    with pytest.raises(RenstraError) as info:
        read_workbook(path, schema)
    return info.value.findings


def only(findings: Iterable[Finding], code: str) -> Finding:
    """The single finding with `code` (fails when there are none or several)."""
    matching = [f for f in findings if f.code == code]
    assert len(matching) == 1, [f.line() for f in findings]
    return matching[0]


def at(
    cell: str | None, column: str | None, sheet: str | None = SHEET, workbook: str = WORKBOOK
) -> Location:
    return Location(workbook, sheet, cell, column)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's renstra.toml, source_tables/ and templates/ in tmp_path."""
    return copy_project(tmp_path / "project")


def copy_project(root: Path) -> Path:
    """Copy the shipped project (renstra.toml, source_tables/, templates/) into a new `root`."""
    root.mkdir(parents=True)
    shutil.copy(ROOT / "renstra.toml", root / "renstra.toml")
    for folder in ("source_tables", "templates"):
        shutil.copytree(ROOT / folder, root / folder)
    return root


def git(repo: Path, *args: str) -> str:
    """Run git in `repo` as a fixed author, with no user or system configuration."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(
        ["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


def commit(repo: Path, tag: str) -> None:
    """Commit everything in `repo` as the next revision, tagged `tag`."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", tag)
    git(repo, "tag", tag)


def edit_workbook(
    project: Path,
    workbook: str,
    sheet: str,
    cells: Mapping[tuple[int, str], Any] = {},  # noqa: B006 - read only
    rows: Sequence[Mapping[str, Any]] = (),
) -> None:
    """Set cells of a project's workbook by (Excel row, column header) and append rows given as
    header -> value; the header row itself is never changed."""
    from openpyxl import load_workbook

    path = project / "source_tables" / workbook
    book = load_workbook(path)
    target = book[sheet]
    columns = {cell.value: cell.column for cell in target[1] if cell.value is not None}
    for (row, header), value in cells.items():
        target.cell(row, columns[header]).value = value
    for values in rows:
        number = target.max_row + 1
        for header, value in values.items():
            target.cell(number, columns[header]).value = value
    book.save(path)


def row_of(project: Path, workbook: str, sheet: str, header: str, value: Any) -> int:
    """The Excel row of the first data row whose `header` cell holds `value`."""
    from openpyxl import load_workbook

    target = load_workbook(project / "source_tables" / workbook)[sheet]
    column = next(c.column for c in target[1] if c.value == header)
    return next(r for r in range(2, target.max_row + 1) if target.cell(r, column).value == value)


def numbered_document(dataset: Any, derived: Any, templates: Path | None = None) -> Any:
    """The tables and figures under the numbers the project's texts give them."""
    from renstra_docs.render.chapters import render_chapters
    from renstra_docs.tables import build_figures, build_tables

    tables, figures = build_tables(dataset, derived), build_figures(dataset, derived)
    chapters = render_chapters(
        dataset, derived, tables, figures, templates or dataset.config.template_dir
    )
    return chapters.document(tables, figures)
