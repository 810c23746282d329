"""`renstra diff OLD NEW`: which cells of which tables changed between two revisions.

Each side is a git revision of the repository (HEAD~1, a tag, a commit) or a folder: a project
folder holding renstra.toml ("." is the working tree) or a folder of source tables used with the
project's renstra.toml. A revision is materialised with `git archive` (its renstra.toml, source
tables and templates) into a temporary folder; the working tree and build/ are never touched.
Each side is read with its own renstra.toml (its years, its tables, its nomenclature version),
checked and turned into the neutral Table model. A finding of a side never stops the comparison:
each side's galat, and every warning found on one side only, are reported beside the tables
(`DiffResult.findings`); only a side that cannot be read at all (a damaged workbook, an invalid
renstra.toml, a revision that does not exist) is an error. Tables are matched by key, rows by
an identity that survives a code change (match.py: the node's ID, else the code through the
crosswalk of the two versions, else the name under the same parent) and cells by column label.
Values are compared typed (int, Decimal, Quantity.value) and printed as the document shows them;
a changed cell that comes from a source cell also names that cell and its raw value on each side.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import fmt
from ..collector import gc_paused
from ..config import CONFIG_NAME, Config, load_config
from ..findings import Finding, Location, RenstraError
from ..quantity import Quantity
from ..tables.model import BodyRow, Document, Format, HeaderCell, Table, cell_text, table_order
from .match import Versions, code_and_name, match_rows

if TYPE_CHECKING:
    from ..checks import Analysis

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
OLD, NEW = "old", "new"
SIDE_NAMES = {OLD: "lama", NEW: "baru"}
WORKING_TREE = "."


# ---------------------------------------------------------------- result model


@dataclass(frozen=True)
class SourceCell:
    """The spreadsheet cell a changed value comes from, with its raw value on each side."""

    old_location: Location | None
    new_location: Location | None
    old_raw: Any = None
    new_raw: Any = None


@dataclass(frozen=True)
class CellChange:
    column: str
    old: str  # as the document shows it
    new: str
    old_value: Any = None  # typed value
    new_value: Any = None
    delta: int | Decimal | None = None  # new - old, for numbers
    difference: str | None = None  # the delta as shown: "+250.000"
    source: SourceCell | None = None


@dataclass(frozen=True)
class RowDiff:
    key: str
    status: str  # added / removed / changed
    label: str
    cells: tuple[CellChange, ...] = ()  # changed cells (status "changed")
    old_texts: tuple[str, ...] = ()  # every shown cell, one per column of `labels`
    new_texts: tuple[str, ...] = ()
    old_key: str | None = None  # the old side's key, when the row was matched by another identity


@dataclass(frozen=True)
class TableDiff:
    number: str
    title: str
    status: str  # added / removed / changed
    labels: tuple[str, ...]  # column labels (the new side, or the old one if removed)
    header: tuple[tuple[HeaderCell, ...], ...]
    rows: tuple[RowDiff, ...]
    old_title: str | None = None  # set when the title changed
    columns_added: tuple[str, ...] = ()
    columns_removed: tuple[str, ...] = ()
    numeric: tuple[bool, ...] = ()  # per column of `labels`: right-aligned numbers
    widths: tuple[float, ...] = ()  # per column: relative widths, as in the document

    @property
    def caption(self) -> str:
        return f"Tabel {self.number}"

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)


@dataclass(frozen=True)
class SideFinding:
    """A finding of one side, reported beside the comparison."""

    side: str  # OLD / NEW
    revision: str  # the argument as given
    finding: Finding

    @property
    def label(self) -> str:
        return side_label(self.side, self.revision)


def side_label(side: str, revision: str) -> str:
    """Which side, in the staff's words: "lama HEAD~1", "baru ."."""
    return f"{SIDE_NAMES[side]} {revision}"


@dataclass(frozen=True)
class DiffResult:
    old: str  # the OLD argument as given
    new: str
    tables: tuple[TableDiff, ...]
    findings: tuple[SideFinding, ...] = ()  # each side's galat, warnings of one side only

    @property
    def changed(self) -> bool:
        return bool(self.tables)

    def summary(self) -> dict[str, int]:
        changed_tables = [t for t in self.tables if t.status == CHANGED]
        return {
            "tables_added": sum(1 for t in self.tables if t.status == ADDED),
            "tables_removed": sum(1 for t in self.tables if t.status == REMOVED),
            "tables_changed": len(changed_tables),
            "rows_added": sum(t.count(ADDED) for t in changed_tables),
            "rows_removed": sum(t.count(REMOVED) for t in changed_tables),
            "rows_changed": sum(t.count(CHANGED) for t in changed_tables),
            "cells_changed": sum(len(r.cells) for t in changed_tables for r in t.rows),
        }


# ---------------------------------------------------------------- sides


@dataclass(frozen=True)
class Side:
    """One side read, checked and built: its tables, raw cells, version and findings."""

    document: Document
    raw: RawCells
    version: str  # its renstra.toml's [nomenklatur] versi
    findings: tuple[Finding, ...]


@gc_paused()
def diff_revisions(root: Path, old: str, new: str) -> DiffResult:
    """Build the tables of both sides in a temporary folder and compare them (no chart is
    drawn: figures are not compared)."""
    with tempfile.TemporaryDirectory(prefix="renstra-diff-") as work:
        workdir = Path(work)
        before, after = (
            read_side(root, spec, workdir / side, side_label(side, spec))
            for side, spec in ((OLD, old), (NEW, new))
        )
        tables = compare_documents(
            before.document, after.document, before.raw, after.raw, (before.version, after.version)
        )
        findings = side_findings((old, before.findings), (new, after.findings))
        return DiffResult(old, new, tables, findings)


def side_config(root: Path, spec: str, workdir: Path) -> Config:
    """The configuration of one side: a folder (project or source tables) or a git revision."""
    path = Path(spec)
    if path.is_dir():
        config = (
            load_config(path)
            if (path / CONFIG_NAME).is_file()
            else (load_config(root).with_paths(source_dir=path))
        )
    else:
        config = checkout(root, spec, workdir)
    return config.with_paths(build_dir=workdir / "build")


def read_side(root: Path, spec: str, workdir: Path, label: str) -> Side:
    """Read, check and build one side with its own renstra.toml. Its findings, even galat, are
    kept for the report; only a side that cannot be read raises, in one line labelled `label`."""
    from ..checks import analyse

    try:
        config = side_config(root, spec, workdir)
        analysis = analyse(config)
        document = build_document(analysis, config)
    except RenstraError as err:
        raise _unreadable(err, label) from None
    findings = tuple(analysis.report.findings)
    return Side(document, RawCells(config.source_dir), config.nomenclature_version, findings)


def build_document(analysis: Analysis, config: Config) -> Document:
    """The tables of one analysed side, numbered as that side's texts place them."""
    from ..render.chapters import render_chapters
    from ..tables import build_tables, figure_builders

    dataset, derived = analysis.dataset, analysis.derived
    tables = build_tables(dataset, derived)
    figures = figure_builders(dataset)
    chapters = render_chapters(dataset, derived, tables, figures, config.template_dir)
    return chapters.document(tables, {})


def _unreadable(err: RenstraError, label: str) -> RenstraError:
    """One finding, labelled by side: the first reason a side cannot be read."""
    if not err.findings:
        return err
    first, more = err.findings[0], len(err.findings) - 1
    message = f"[{label}] {first.message}" + (f" (dan {more} galat lain)" if more else "")
    return RenstraError(replace(first, message=message))


def side_findings(
    old: tuple[str, tuple[Finding, ...]], new: tuple[str, tuple[Finding, ...]]
) -> tuple[SideFinding, ...]:
    """Each side's galat, and each warning found on one side only: (revision, findings) per
    side. Findings are matched by code, workbook, sheet, column, row and values: not by cell,
    so rows inserted above one do not make it new, and not by message, which may name the
    side's nomenclature version."""
    (old_spec, before), (new_spec, after) = old, new
    keys = {OLD: {_identity(f) for f in after}, NEW: {_identity(f) for f in before}}
    return tuple(
        SideFinding(side, spec, finding)
        for side, spec, findings in ((OLD, old_spec, before), (NEW, new_spec, after))
        for finding in findings
        if finding.is_error or _identity(finding) not in keys[side]
    )


def _identity(finding: Finding) -> tuple:
    where = finding.location
    place = (where.workbook, where.sheet, where.column) if where else None
    values = (repr(finding.value), finding.declared, finding.computed)
    return (finding.code, place, finding.table, finding.row_label, values)


def checkout(root: Path, revision: str, dest: Path) -> Config:
    """Materialise renstra.toml, the source tables and templates of a revision into `dest`."""
    commit = (
        _git(
            root,
            "rev-parse",
            "--verify",
            "--quiet",
            f"{revision}^{{commit}}",
            error=f"'{revision}' bukan folder dan bukan revisi git",
        )
        .decode()
        .strip()
    )
    prefix = _git(root, "rev-parse", "--show-prefix").decode().strip()
    dest.mkdir(parents=True)
    (dest / CONFIG_NAME).write_bytes(
        _git(
            root,
            "show",
            f"{commit}:{prefix}{CONFIG_NAME}",
            error=f"revisi {revision} tidak memuat {prefix}{CONFIG_NAME}",
        )
    )
    config = load_config(dest)
    wanted = [_inside(dest, p).as_posix() for p in (config.source_dir, config.template_dir)]
    present = (
        _git(root, "ls-tree", "--name-only", commit, "--", *(prefix + w for w in wanted))
        .decode()
        .split()
    )
    paths = [w for w in wanted if prefix + w in present]
    if paths:
        tree = f"{commit}:{prefix}" if prefix else commit
        archive = _git(root, "archive", "--format=tar", tree, "--", *paths)
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(dest, filter="data")
    return config


def _inside(root: Path, path: Path) -> Path:
    try:
        return path.relative_to(root)
    except ValueError:
        raise ValueError(f"path {path} di renstra.toml berada di luar folder proyek") from None


def _git(root: Path, *args: str, error: str | None = None) -> bytes:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    if done.returncode != 0:
        detail = done.stderr.decode(errors="replace").strip().splitlines()
        raise ValueError(error or f"git {args[0]} gagal: {detail[-1] if detail else ''}")
    return done.stdout


class RawCells:
    """Raw values of source cells of one side, read with openpyxl (cached per workbook)."""

    def __init__(self, source_dir: Path) -> None:
        self.source_dir = source_dir
        self._books: dict[str, Any] = {}

    def __call__(self, location: Location | None) -> Any:
        if location is None or not location.sheet or not location.cell:
            return None
        book = self._book(location.workbook)
        if book is None or location.sheet not in book.sheetnames:
            return None
        return book[location.sheet][location.cell].value

    def _book(self, name: str) -> Any:
        if name not in self._books:
            from openpyxl import load_workbook

            path = self.source_dir / name
            self._books[name] = load_workbook(path, data_only=True) if path.is_file() else None
        return self._books[name]


# ---------------------------------------------------------------- comparison


def compare_documents(
    old: Document,
    new: Document,
    old_raw: RawCells | None = None,
    new_raw: RawCells | None = None,
    versions: Versions | None = None,
) -> tuple[TableDiff, ...]:
    """Every table that differs, matched by its key (a table keeps its key when a table added
    before it changes its number), in the new side's order (figures are ignored). `versions`:
    the nomenclature version of each side, to match rows by code through the crosswalk."""
    before_by_key = {t.key or n: t for n, t in old.tables.items()}
    after_by_key = {t.key or n: t for n, t in new.tables.items()}
    order = {key: table_order(t.number) for key, t in after_by_key.items()}
    order.update({k: table_order(t.number) for k, t in before_by_key.items() if k not in order})
    diffs = []
    for key in sorted(order, key=lambda k: order[k]):
        before, after = before_by_key.get(key), after_by_key.get(key)
        if before is None and after is not None:
            diffs.append(_whole_table(after, ADDED))
        elif after is None and before is not None:
            diffs.append(_whole_table(before, REMOVED))
        elif before is not None and after is not None:
            diff = compare_tables(before, after, old_raw, new_raw, versions)
            if diff is not None:
                diffs.append(diff)
    return tuple(diffs)


def _whole_table(table: Table, status: str) -> TableDiff:
    rows = tuple(_whole_row(table, row, status) for row in table.rows)
    return TableDiff(
        table.number,
        table.title,
        status,
        tuple(unique_labels(table)),
        table.header,
        rows,
        numeric=_numeric(table),
        widths=_widths(table),
    )


def _whole_row(table: Table, row: BodyRow, status: str) -> RowDiff:
    texts = _texts(table, row, unique_labels(table))
    if status == ADDED:
        return RowDiff(row.key, status, row_label(table, row), new_texts=texts)
    return RowDiff(row.key, status, row_label(table, row), old_texts=texts)


def compare_tables(
    old: Table,
    new: Table,
    old_raw: RawCells | None = None,
    new_raw: RawCells | None = None,
    versions: Versions | None = None,
) -> TableDiff | None:
    """The differences of one table, or None when the tables show the same thing."""
    pairs = match_rows(old, new, versions)
    old_rows = {r.key: r for r in old.rows}
    old_labels, new_labels = unique_labels(old), unique_labels(new)
    labels = new_labels + [x for x in old_labels if x not in new_labels]
    diffs: dict[tuple[str, str], RowDiff] = {}
    for row in new.rows:
        before = old_rows.get(pairs.get(row.key, ""))
        if before is None:
            diffs[NEW, row.key] = _whole_row(new, row, ADDED)
            continue
        cells = _changed_cells(old, before, new, row, labels, (old_raw, new_raw))
        if cells:
            diffs[NEW, row.key] = RowDiff(
                row.key,
                CHANGED,
                row_label(new, row),
                cells,
                _texts(old, before, new_labels),
                _texts(new, row, new_labels),
                before.key if before.key != row.key else None,
            )
    matched = set(pairs.values())
    for row in old.rows:
        if row.key not in matched:
            diffs[OLD, row.key] = RowDiff(
                row.key, REMOVED, row_label(old, row), old_texts=_texts(old, row, new_labels)
            )
    added = tuple(x for x in new_labels if x not in old_labels)
    removed = tuple(x for x in old_labels if x not in new_labels)
    retitled = old.title if old.title != new.title else None
    if not diffs and not added and not removed and retitled is None:
        return None
    rows = tuple(diffs[k] for k in _merged_order(old, new, pairs) if k in diffs)
    return TableDiff(
        new.number,
        new.title,
        CHANGED,
        tuple(new_labels),
        new.header,
        rows,
        retitled,
        added,
        removed,
        _numeric(new),
        _widths(new),
    )


def _numeric(table: Table) -> tuple[bool, ...]:
    return tuple(column.numeric for column in table.columns)


def _widths(table: Table) -> tuple[float, ...]:
    return tuple(column.width for column in table.columns)


def _merged_order(old: Table, new: Table, pairs: dict[str, str]) -> list[tuple[str, str]]:
    """(side, key): new rows in order; each removed row right after the row that preceded it
    before. `pairs`: new key -> old key of the rows matched."""
    counterpart = {o: n for n, o in pairs.items()}
    after: dict[str | None, list[tuple[str, str]]] = {}
    anchor: str | None = None
    for row in old.rows:
        if row.key in counterpart:
            anchor = counterpart[row.key]
        else:
            after.setdefault(anchor, []).append((OLD, row.key))
    order = list(after.get(None, []))
    for row in new.rows:
        order += [(NEW, row.key), *after.get(row.key, [])]
    return order


def _changed_cells(
    old: Table,
    old_row: BodyRow,
    new: Table,
    new_row: BodyRow,
    labels: list[str],
    raws: tuple[RawCells | None, RawCells | None],
) -> tuple[CellChange, ...]:
    before, after = _shown(old, old_row), _shown(new, new_row)
    changes = []
    for label in labels:
        if label not in before and label not in after:
            continue
        old_value, old_text, old_source, old_unit = before.get(label, (None, "", None, None))
        new_value, new_text, new_source, new_unit = after.get(label, (None, "", None, None))
        if comparable(old_value) == comparable(new_value) and old_text == new_text:
            continue
        delta = _delta(old_value, new_value)
        column = _format_of(new, new_row, label) if label in after else Format.NUMBER
        source = _source(old_source, new_source, raws)
        changes.append(
            CellChange(
                label,
                old_text,
                new_text,
                old_value,
                new_value,
                delta,
                signed(delta, column, _unit(new_value, old_value) or new_unit or old_unit),
                source,
            )
        )
    return tuple(changes)


Shown = tuple[Any, str, Location | None, str | None]  # value, text, source cell, unit


def _shown(table: Table, row: BodyRow) -> dict[str, Shown]:
    """label -> (typed value, shown text, source cell, unit) for each cell of a row."""
    labels = unique_labels(table)
    shown: dict[str, Shown] = {}
    column = 0
    for index, value in enumerate(row.cells):
        if column < len(labels):
            unit = row.units[index] if row.units and index < len(row.units) else None
            shown[labels[column]] = (value, table.text(row, index), table.source(row, index), unit)
        column += row.span_of(index)
    return shown


def _texts(table: Table, row: BodyRow, labels: list[str]) -> tuple[str, ...]:
    shown = _shown(table, row)
    return tuple(shown[label][1] if label in shown else "" for label in labels)


def _format_of(table: Table, row: BodyRow, label: str) -> Format:
    return table.columns[unique_labels(table).index(label)].format


def _source(
    old: Location | None, new: Location | None, raws: tuple[RawCells | None, RawCells | None]
) -> SourceCell | None:
    if old is None and new is None:
        return None
    old_raw, new_raw = raws
    return SourceCell(
        old, new, old_raw(old) if old_raw else None, new_raw(new) if new_raw else None
    )


def unique_labels(table: Table) -> list[str]:
    """Column labels, made unique with " (2)", " (3)" so cells can be matched by label."""
    seen: dict[str, int] = {}
    labels = []
    for i, label in enumerate(table.header_labels()):
        label = label or f"Kolom {i + 1}"
        seen[label] = seen.get(label, 0) + 1
        labels.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return labels


def row_label(table: Table, row: BodyRow) -> str:
    """The row's name for the reader: its code and name in a matrix ("1.06.06.2.01.0001
    Penyediaan Makanan"), else its first text cell that is not the key itself."""
    code, name = code_and_name(table, row)
    if name is not None:
        return f"{code} {name}" if code else name
    for index, value in enumerate(row.cells):
        if isinstance(value, str) and value.strip() and value != row.key:
            return table.text(row, index)
    return row.key


def comparable(value: Any) -> Any:
    return value.value if isinstance(value, Quantity) else value


def _number(value: Any) -> int | Decimal | None:
    value = comparable(value)
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return None
    return value


def _unit(*values: Any) -> str | None:
    return next((v.unit for v in values if isinstance(v, Quantity) and v.unit), None)


def _delta(old: Any, new: Any) -> int | Decimal | None:
    before, after = _number(old), _number(new)
    if before is None or after is None:
        return None
    return after - before


def signed(delta: int | Decimal | None, column: Format, unit: str | None = None) -> str | None:
    """A difference as the document would show it, with its sign: +250.000, -1,5%."""
    if delta is None:
        return None
    sign = "-" if delta < 0 else "+"
    size: int | Decimal = -delta if delta < 0 else delta
    if column is Format.PERCENT:
        return sign + fmt.angka(size, fmt.RATIO_DECIMALS) + "%"
    if column is Format.QUANTITY or unit:
        return sign + fmt.kuantitas(Quantity(Decimal(size), unit), unit)
    fallback = Format.NUMBER if column is Format.TEXT else column
    return sign + cell_text(size, fallback)
