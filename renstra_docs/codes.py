"""`renstra codes`: fill the empty Kode cells of the BAB VI workbook by name, or map its codes to
another nomenclature version. Only the Kode cells change; other cells, formats and validations
stay as they are, and the workbook is saved atomically. A migration (`--to`) also writes the new
version into renstra.toml, changing only the `versi` line of `[nomenklatur]`."""

from __future__ import annotations

import io
import json
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import CONFIG_NAME, Config
from .findings import Finding, Location
from .model import MATRIX, TRANSITION_MATRIX
from .nomenclature import Nomenclature, map_code, match_key, nomenclature, normalise_code
from .sources.schema import BAB6

MATRIX_SHEETS = (TRANSITION_MATRIX, MATRIX)
ALIAS_SHEET = "nomenklatur_alias"


# ---------------------------------------------------------------- the workbook


@dataclass(frozen=True)
class SheetRow:
    """One matrix row of the workbook as stored, with where its Kode cell is."""

    sheet: str
    number: int
    id: str
    parent_id: str | None
    level: str
    code: str | None
    name: str
    code_cell: str  # e.g. "D6"


@dataclass(frozen=True)
class Filled:
    """The outcome of matching one row: its code (None when nothing matched) and why."""

    row: SheetRow
    code: str | None
    note: str  # "ada" (kept), "nama", "alias", or the reason it stays empty


@dataclass
class WorkbookCodes:
    """An openpyxl workbook opened for editing the Kode column of the matrix sheets."""

    book: Any
    rows: dict[str, list[SheetRow]] = field(default_factory=dict)
    code_columns: dict[str, int] = field(default_factory=dict)

    def set_code(self, row: SheetRow, code: str | None) -> None:
        cell = self.book[row.sheet].cell(row=row.number, column=self.code_columns[row.sheet])
        cell.value = code
        if code is not None:
            cell.data_type = "s"
            cell.number_format = "@"

    def aliases(self) -> dict[tuple[str, str | None], list[str]]:
        """(match key of the written name, level or None) -> official names."""
        if ALIAS_SHEET not in self.book.sheetnames:
            return {}
        sheet = self.book[ALIAS_SHEET]
        columns = _header(sheet)
        found: dict[tuple[str, str | None], list[str]] = {}
        for values in sheet.iter_rows(min_row=2, values_only=True):
            written = _text(values, columns.get("nama tertulis"))
            official = _text(values, columns.get("nama resmi"))
            if written and official:
                level = _text(values, columns.get("level"))
                found.setdefault((match_key(written), level), []).append(official)
        return found


def open_workbook(path: Path) -> WorkbookCodes:
    from openpyxl import load_workbook

    book = load_workbook(path)
    opened = WorkbookCodes(book)
    for name in MATRIX_SHEETS:
        if name not in book.sheetnames:
            continue
        sheet = book[name]
        columns = _header(sheet)
        opened.code_columns[name] = columns["kode"] + 1
        opened.rows[name] = list(_sheet_rows(sheet, name, columns))
    return opened


def save_workbook(opened: WorkbookCodes, path: Path) -> None:
    """Save atomically: a temp file beside `path`, then os.replace."""
    from .atomic import write_bytes

    buffer = io.BytesIO()
    opened.book.save(buffer)
    write_bytes(path, buffer.getvalue())


def _header(sheet: Any) -> dict[str, int]:
    first = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
    return {" ".join(str(v).split()).casefold(): i for i, v in enumerate(first) if v is not None}


def _text(values: tuple, index: int | None) -> str | None:
    if index is None or index >= len(values) or values[index] is None:
        return None
    text = " ".join(str(values[index]).split())
    return text or None


def _sheet_rows(sheet: Any, name: str, columns: dict[str, int]) -> Iterator[SheetRow]:
    from openpyxl.utils import get_column_letter

    letter = get_column_letter(columns["kode"] + 1)
    for number, values in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        row_id, level, title = (_text(values, columns.get(k)) for k in ("id", "level", "nama"))
        if row_id and level and title:
            yield SheetRow(
                name,
                number,
                row_id,
                _text(values, columns.get("induk")),
                level,
                _text(values, columns.get("kode")),
                title,
                f"{letter}{number}",
            )


# ---------------------------------------------------------------- filling


def match_codes(
    rows: list[SheetRow],
    index: Nomenclature,
    aliases: Mapping[tuple[str, str | None], list[str]] | None = None,
    urusan: str = "1.06",
) -> list[Filled]:
    """The code of each row: kept when present, else matched by name under the parent's code."""
    aliases = aliases or {}
    codes: dict[str, str | None] = {}
    result = []
    for row in rows:
        filled = _match_row(row, codes, index, aliases, urusan)
        codes[row.id] = filled.code
        result.append(filled)
    return result


def _match_row(
    row: SheetRow,
    codes: Mapping[str, str | None],
    index: Nomenclature,
    aliases: Mapping[tuple[str, str | None], list[str]],
    urusan: str,
) -> Filled:
    if row.code:
        return Filled(row, row.code, "ada")
    parent = urusan if row.level == "Program" else codes.get(row.parent_id or "")
    if not parent:
        return Filled(row, None, "induk belum berkode")
    parent = normalise_code(parent)  # a parent typed in the pre-2021 style
    entry = index.find(row.name, parent, row.level)
    if entry is not None:
        return Filled(row, entry.code, "nama")
    key = match_key(row.name)
    official = aliases.get((key, row.level), []) + aliases.get((key, None), [])
    entry = index.find(official, parent, row.level) if official else None
    if entry is not None:
        return Filled(row, entry.code, "alias")
    return Filled(row, None, f"tidak ada nama yang cocok di bawah {parent} (versi {index.version})")


def fill_codes(
    path: Path, version: str, urusan: str = "1.06", dry_run: bool = False
) -> list[Filled]:
    """Fill the empty Kode cells of both matrices of the BAB VI workbook at `path` in place.

    Codes already typed are kept. Only the Kode cells change; other cells, formats and
    validations stay as they are.
    """
    opened = open_workbook(path)
    index = nomenclature(version)
    aliases = opened.aliases()
    result: list[Filled] = []
    for rows in opened.rows.values():
        result += match_codes(rows, index, aliases, urusan)
    if not dry_run:
        for filled in result:
            if filled.code and not filled.row.code:
                opened.set_code(filled.row, filled.code)
        save_workbook(opened, path)
    return result


# ---------------------------------------------------------------- crosswalk


@dataclass(frozen=True)
class CodeChange:
    """One code mapped from one version to another; `new` is None when there is no match."""

    row: SheetRow
    old: str
    new: str | None
    name: str  # official name in the target version (the sheet name when unmapped)
    old_unit: str | None
    new_unit: str | None

    @property
    def changed(self) -> bool:
        return self.new != self.old

    @property
    def mapped(self) -> bool:
        """A new code to write: the target version has a counterpart, and it differs."""
        return self.new is not None and self.changed

    @property
    def unit_changed(self) -> bool:
        return (
            self.new is not None
            and (self.old_unit or "").casefold() != (self.new_unit or "").casefold()
        )


def convert_codes(path: Path, source: str, target: str, dry_run: bool = False) -> list[CodeChange]:
    """Map every code of both matrices from `source` to `target`; write unless `dry_run`.

    Codes without a counterpart in `target` stay as they are and are returned with `new=None`.
    """
    opened = open_workbook(path)
    new_index = nomenclature(target)
    changes = []
    for rows in opened.rows.values():
        for row in rows:
            if not row.code:
                continue
            new, old_unit, new_unit = map_code(row.code, source, target)
            entry = new_index.get(new)
            changes.append(
                CodeChange(
                    row, row.code, new, entry.name if entry else row.name, old_unit, new_unit
                )
            )
    mapped = [c for c in changes if c.mapped]
    if not dry_run and mapped:
        for change in mapped:
            opened.set_code(change.row, change.new)
        save_workbook(opened, path)
    return changes


# ---------------------------------------------------------------- renstra.toml

VERSION_SECTION, VERSION_KEY = "nomenklatur", "versi"
_HEADER = re.compile(r"^\s*\[")  # a table header: [name] or [[name]]
_SECTION = re.compile(rf"^\s*\[\s*{VERSION_SECTION}\s*\]\s*(#.*)?$")
_VERSION_LINE = re.compile(rf"""^(\s*{VERSION_KEY}\s*=\s*)("[^"]*"|'[^']*')""")


def with_version(text: str, version: str) -> str:
    """The text of a renstra.toml with `[nomenklatur] versi = "<version>"`: only the value of
    that line changes (its comment stays); the key or the section is added when missing.

    The result is read back: anything else that would differ (a section written in a form this
    edit does not recognise) is refused with a ValueError naming the key, and nothing is written.
    """
    lines = text.splitlines(keepends=True)
    eol = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    value = json.dumps(version)
    start = next((i for i, line in enumerate(lines) if _SECTION.match(line)), None)
    if start is None:
        gap = "" if not text or text.endswith(("\n", "\r")) else eol
        edited = f"{text}{gap}{eol}[{VERSION_SECTION}]{eol}{VERSION_KEY} = {value}{eol}"
        return _checked(text, edited, version)
    end = next((i for i in range(start + 1, len(lines)) if _HEADER.match(lines[i])), len(lines))
    for i in range(start + 1, end):
        found = _VERSION_LINE.match(lines[i])
        if found:
            lines[i] = found.group(1) + value + lines[i][found.end() :]
            return _checked(text, "".join(lines), version)
    lines.insert(start + 1, f"{VERSION_KEY} = {value}{eol}")
    return _checked(text, "".join(lines), version)


def _checked(before: str, after: str, version: str) -> str:
    key = f"{CONFIG_NAME} › {VERSION_SECTION}.{VERSION_KEY}"
    refused = ValueError(
        f"{key}: tidak dapat diubah otomatis; tulis {VERSION_KEY} = {json.dumps(version)} "
        f"di bagian [{VERSION_SECTION}]"
    )
    try:
        old, new = tomllib.loads(before), tomllib.loads(after)
    except tomllib.TOMLDecodeError:
        raise refused from None
    expected = {**old, VERSION_SECTION: {**old.get(VERSION_SECTION, {}), VERSION_KEY: version}}
    if new != expected:
        raise refused
    return after


# ---------------------------------------------------------------- migration (--to)


@dataclass(frozen=True)
class Migration:
    """What `renstra codes --to` did: every code looked up, and the files written."""

    source: str
    target: str
    changes: list[CodeChange]
    written: tuple[Path, ...]  # the workbook and/or renstra.toml; empty on --dry-run
    dry_run: bool = False

    @property
    def mapped(self) -> list[CodeChange]:
        return [c for c in self.changes if c.mapped]

    @property
    def unmapped(self) -> list[CodeChange]:
        return [c for c in self.changes if c.new is None]


def migrate(
    config: Config, target: str, source: str | None = None, dry_run: bool = False
) -> Migration:
    """Map the codes of the BAB VI workbook from `source` (renstra.toml's version by default)
    to `target`, then write `target` into renstra.toml; nothing is written with `dry_run`.

    renstra.toml's new text is worked out before the workbook is written, so a file this edit
    cannot change stops the migration before anything is written."""
    source = source or config.nomenclature_version
    workbook = config.source_dir / BAB6.filename
    toml = config.root / CONFIG_NAME
    retarget = target != config.nomenclature_version
    text = with_version(toml.read_text(encoding="utf-8"), target) if retarget else None
    changes = convert_codes(workbook, source, target, dry_run)
    if dry_run:
        return Migration(source, target, changes, (), dry_run=True)
    written = [workbook] if any(c.mapped for c in changes) else []
    if text is not None:
        from .atomic import write_text

        write_text(toml, text)
        written.append(toml)
    return Migration(source, target, changes, tuple(written))


# ---------------------------------------------------------------- report lines (for the CLI)


def _where(row: SheetRow, workbook: str) -> str:
    return f"{workbook} › {row.sheet} › {row.code_cell}"


def unmapped_finding(change: CodeChange, source: str, target: str, workbook: str) -> Finding:
    """The warning for a code kept because `target` has no counterpart for it."""
    row = change.row
    return Finding(
        "code-no-counterpart",
        f"kode {change.old} versi {source} ({row.id} '{row.name}') tidak punya padanan di "
        f"versi {target}; kode lama dibiarkan",
        Location(workbook, row.sheet, row.code_cell, "Kode"),
        value=change.old,
        table=row.sheet,
        row_label=row.name,
    )


def change_lines(changes: list[CodeChange], source: str, target: str, workbook: str) -> list[str]:
    """One line per changed code (old code, new code, name, unit change) and one warning per
    code without a counterpart."""
    lines = []
    for change in changes:
        if change.new is None:
            finding = unmapped_finding(change, source, target, workbook)
            lines.append(f"{finding.level}: {finding.line()}")
        elif change.changed or change.unit_changed:
            unit = (
                f" (satuan: {change.old_unit or '-'} -> {change.new_unit or '-'})"
                if change.unit_changed
                else ""
            )
            where = _where(change.row, workbook)
            lines.append(f"{where}: {change.old} -> {change.new} '{change.name}'{unit}")
    return lines


def migration_lines(migration: Migration, workbook: str) -> list[str]:
    """The codes, the files written (or not, with --dry-run) and a summary."""
    source, target = migration.source, migration.target
    lines = change_lines(migration.changes, source, target, workbook)
    if migration.dry_run:
        lines.append("--dry-run: workbook dan renstra.toml tidak diubah")
    for path in migration.written:
        note = f" ([{VERSION_SECTION}] {VERSION_KEY} = {json.dumps(target)})"
        lines.append(f"ditulis: {path}" + (note if path.name == CONFIG_NAME else ""))
    kept = len(migration.unmapped)
    lines.append(
        f"{len(migration.mapped)} kode dipetakan dari versi {source} ke versi {target}"
        + (f"; {kept} kode tanpa padanan tetap berkode versi {source}" if kept else "")
    )
    return lines


def fill_lines(filled: list[Filled], workbook: str) -> list[str]:
    """One line per code found and per row left without a code."""
    lines = []
    for item in filled:
        if item.note == "ada":
            continue
        where = _where(item.row, workbook)
        if item.code:
            via = " (lewat sheet nomenklatur_alias)" if item.note == "alias" else ""
            lines.append(f"{where}: {item.code} '{item.row.name}'{via}")
        else:
            lines.append(f"{where}: tanpa kode '{item.row.name}': {item.note}")
    return lines
