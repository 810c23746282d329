"""Program, kegiatan and sub-kegiatan codes from the national nomenclature, version-aware.

The reference lists for Urusan Sosial ship as package data (`data/nomenklatur/`) and are keyed on
(code, version), never on names. This module loads them once, matches the names of the BAB VI
matrices to codes, checks the codes of a loaded Renstra, orders codes naturally, and maps codes
from one version to another through the crosswalk.

Program 1.06.01 (Penunjang Urusan) comes from the generic X.XX.01 rows that the 2027 export
instantiates for 1.06. The 2023 extract has no such rows, so version 2023 borrows the same generic
rows (`Entry.generic`); their codes have not changed between the two lists we know.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .findings import Finding
from .model import Matrix, Node, Renstra

VERSION_FILES = {"2023": "nomenklatur_sosial_2023.csv", "2027": "nomenklatur_sosial.csv"}
CROSSWALK_FILE = "nomenklatur_sosial_crosswalk_2023_2027.csv"
GENERIC_SOURCE = "2027"  # the list whose instantiated Penunjang rows other versions borrow
PENUNJANG = ".01"  # program suffix of Program Penunjang Urusan (X.XX.01)
KABKOT = "KABKOT"
LEVELS = {"program": "Program", "kegiatan": "Kegiatan", "sub_kegiatan": "Sub Kegiatan"}
MATRIX_SHEETS = ("matriks_2021", "matriks_2022_2026")
ALIAS_SHEET = "nomenklatur_alias"


# ---------------------------------------------------------------- the index


@dataclass(frozen=True)
class Entry:
    """One row of a nomenclature version (kab/kota)."""

    code: str
    level: str  # Program / Kegiatan / Sub Kegiatan
    name: str
    parent: str
    unit: str | None
    version: str
    generic: bool = False  # Program Penunjang row borrowed from the generic list


@dataclass(frozen=True)
class Nomenclature:
    """The kab/kota rows of one version, by code and by parent code."""

    version: str
    entries: Mapping[str, Entry]
    children: Mapping[str, tuple[Entry, ...]]

    def get(self, code: str | None) -> Entry | None:
        return self.entries.get(code) if code else None

    def __contains__(self, code: object) -> bool:
        return code in self.entries

    def find(self, names: str | Iterable[str], parent: str, level: str) -> Entry | None:
        """The entry under `parent` at `level` whose name matches `names` (one or several)."""
        wanted = {match_key(n) for n in ([names] if isinstance(names, str) else names)}
        found = [
            e
            for e in self.children.get(parent, ())
            if e.level == level and match_key(e.name) in wanted
        ]
        return min(found, key=lambda e: natural_key(e.code)) if found else None


def versions() -> tuple[str, ...]:
    return tuple(VERSION_FILES)


@cache
def nomenclature(version: str) -> Nomenclature:
    """The index of `version` ("2023" or "2027"), read once from the package data."""
    if version not in VERSION_FILES:
        raise ValueError(
            f"versi nomenklatur '{version}' tidak dikenal (pilihan: {', '.join(VERSION_FILES)})"
        )
    entries = [e for e in _entries(version) if e.code]
    if not any(_is_penunjang(e.code) for e in entries) and version != GENERIC_SOURCE:
        entries += [
            Entry(e.code, e.level, e.name, e.parent, e.unit, version, generic=True)
            for e in _entries(GENERIC_SOURCE)
            if _is_penunjang(e.code)
        ]
    by_code = {e.code: e for e in entries}
    children: dict[str, list[Entry]] = {}
    for entry in sorted(by_code.values(), key=lambda e: natural_key(e.code)):
        children.setdefault(entry.parent, []).append(entry)
    return Nomenclature(version, by_code, {k: tuple(v) for k, v in children.items()})


def _entries(version: str) -> Iterator[Entry]:
    for row in _csv(VERSION_FILES[version]):
        if row["jenis_pemda"] != KABKOT or row["level"] not in LEVELS:
            continue
        code = row["kode"].strip()
        yield Entry(
            code,
            LEVELS[row["level"]],
            " ".join(row["nama"].split()),
            row["kode_induk"].strip() or parent_code(code) or "",
            row["satuan"].strip() or None,
            version,
        )


def _is_penunjang(code: str) -> bool:
    parts = code.split(".")
    return len(parts) >= 3 and parts[2] == PENUNJANG.lstrip(".")


def _csv(name: str) -> list[dict[str, str]]:
    text = (resources.files("renstra_docs") / "data" / "nomenklatur" / name).read_text(
        encoding="utf-8"
    )
    return list(csv.DictReader(io.StringIO(text)))


# ---------------------------------------------------------------- codes and names


def parent_code(code: str | None) -> str | None:
    """The code prefix of the parent: sub-kegiatan -> kegiatan -> program -> urusan."""
    if not code:
        return None
    parts = code.split(".")
    keep = {6: 5, 5: 3, 3: 2}.get(len(parts))
    return ".".join(parts[:keep]) if keep else None


def program_of(code: str) -> str:
    return ".".join(code.split(".")[:3])


def natural_key(code: str | None) -> tuple:
    """Sort key for natural code order: numeric parts as numbers, empty codes last.

    `sorted(nodes, key=lambda n: natural_key(n.code))` keeps sheet order among rows without a
    code (Python's sort is stable).
    """
    if code is None or not str(code).strip():
        return (1,)
    parts = re.split(r"[.\s]+", str(code).strip())
    return (0, *((0, int(p), "") if p.isdigit() else (1, 0, p.casefold()) for p in parts))


_KABKOTA = re.compile(r"\b(kabupaten|kab)\s*/\s*kota\b")


def normalise_name(name: str) -> str:
    """Name as compared with the official one: case, spaces and punctuation ignored."""
    return re.sub(r"[\W_]+", "", name.casefold())


def match_key(name: str) -> str:
    """Looser key used to find a code: also 'Kabupaten/Kota' = 'Kabupaten'."""
    return normalise_name(_KABKOTA.sub("kabupaten", name.casefold()))


# ---------------------------------------------------------------- validation


def check_codes(renstra: Renstra, version: str) -> list[Finding]:
    """Findings about the codes of both matrices against nomenclature `version`."""
    index = nomenclature(version)
    urusan = renstra.config.agency.urusan
    findings: list[Finding] = []
    for matrix in renstra.matrices.values():
        findings += _check_matrix(matrix, index, urusan)
    return findings


def _check_matrix(matrix: Matrix, index: Nomenclature, urusan: str) -> list[Finding]:
    by_id = matrix.by_id()
    carried = {n.code for n in matrix.programs if n.code}
    findings: list[Finding] = []
    for node in matrix.nodes:
        parent = by_id.get(node.parent_id or "")
        if not node.code:
            findings.append(_missing(node, parent, index, urusan, matrix.table))
            continue
        entry = index.get(node.code)
        if entry is None or entry.level != node.level:
            findings.append(_unknown(node, entry, index.version, matrix.table))
            continue
        findings += _check_node(node, entry, parent, carried, matrix.table)
    return findings


def _check_node(
    node: Node, entry: Entry, parent: Node | None, carried: set[str], table: str
) -> list[Finding]:
    findings = []
    prefix = parent_code(node.code)
    if parent is not None and parent.code and parent.code != prefix:
        findings.append(
            _finding(
                "code-parent-mismatch",
                node,
                table,
                "kode",
                (
                    f"awalan kode {node.code} adalah {prefix}, tetapi induknya ({parent.id}) "
                    f"berkode {parent.code}"
                ),
            )
        )
    if node.level != "Program" and program_of(entry.code) not in carried:
        findings.append(
            _finding(
                "code-foreign-program",
                node,
                table,
                "kode",
                (
                    f"{node.level.lower()} {node.code} termasuk program "
                    f"{program_of(entry.code)} yang tidak ada di matriks ini"
                ),
            )
        )
    if normalise_name(node.name) != normalise_name(entry.name):
        findings.append(
            _finding(
                "code-name-mismatch",
                node,
                table,
                "nama",
                (
                    f"nama berbeda dengan nomenklatur {entry.code} versi {entry.version}; "
                    f"nama resmi: '{entry.name}'"
                ),
                value=node.name,
            )
        )
    return findings


def _missing(
    node: Node, parent: Node | None, index: Nomenclature, urusan: str, table: str
) -> Finding:
    parent_key = urusan if node.level == "Program" else (parent.code if parent else None)
    guess = index.find(node.name, parent_key, node.level) if parent_key else None
    hint = f" (usulan: {guess.code} '{guess.name}')" if guess else ""
    return _finding(
        "code-missing",
        node,
        table,
        "kode",
        f"kode {node.level.lower()} '{node.name}' belum diisi{hint}",
        value=None,
    )


def _unknown(node: Node, entry: Entry | None, version: str, table: str) -> Finding:
    if entry is None:
        message = f"kode {node.code} tidak ada dalam nomenklatur versi {version}"
    else:
        message = f"kode {node.code} adalah kode {entry.level.lower()}, bukan {node.level.lower()}"
    return _finding("code-unknown", node, table, "kode", message)


def _finding(
    code: str, node: Node, table: str, column: str, message: str, value: object = ...
) -> Finding:
    return Finding(
        code,
        message,
        node.row.loc(column),
        value=node.code if value is ... else value,
        table=table,
        row_label=node.name,
    )


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
    def unit_changed(self) -> bool:
        return (
            self.new is not None
            and (self.old_unit or "").casefold() != (self.new_unit or "").casefold()
        )


@cache
def crosswalk(source: str, target: str) -> Mapping[str, tuple[str | None, str | None, str | None]]:
    """Sub-kegiatan code in `source` -> (code, unit in source, unit in target)."""
    for version in (source, target):
        if version not in VERSION_FILES:
            raise ValueError(
                f"versi nomenklatur '{version}' tidak dikenal (pilihan: {', '.join(VERSION_FILES)})"
            )
    mapping: dict[str, tuple[str | None, str | None, str | None]] = {}
    for row in _csv(CROSSWALK_FILE):
        old = row.get(f"kode_{source}", "").strip()
        if old:
            mapping[old] = (
                row.get(f"kode_{target}", "").strip() or None,
                row.get(f"satuan_{source}", "").strip() or None,
                row.get(f"satuan_{target}", "").strip() or None,
            )
    return mapping


def map_code(code: str, source: str, target: str) -> tuple[str | None, str | None, str | None]:
    """(new code or None, unit in source, unit in target) of `code` from `source` to `target`."""
    old_index, new_index = nomenclature(source), nomenclature(target)
    old_entry = old_index.get(code)
    old_unit = old_entry.unit if old_entry else None
    if source == target:
        return code, old_unit, old_unit
    walked = crosswalk(source, target).get(code)
    if walked is not None:
        return walked
    new_entry = new_index.get(code)
    if (
        new_entry is not None
        and old_entry is not None
        and match_key(new_entry.name) == match_key(old_entry.name)
    ):
        return code, old_unit, new_entry.unit  # programs, kegiatan, Penunjang: same code
    return None, old_unit, None


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
    if not dry_run and any(c.changed and c.new for c in changes):
        for change in changes:
            if change.changed and change.new:
                opened.set_code(change.row, change.new)
        save_workbook(opened, path)
    return changes


# ---------------------------------------------------------------- report lines (for the CLI)


def _where(row: SheetRow, workbook: str) -> str:
    return f"{workbook} › {row.sheet} › {row.code_cell}"


def change_lines(changes: list[CodeChange], target: str, workbook: str) -> list[str]:
    """One line per changed or unmapped code: old code, new code, name, unit change."""
    lines = []
    for change in changes:
        where = _where(change.row, workbook)
        if change.new is None:
            lines.append(
                f"{where}: {change.old} tanpa padanan di versi {target} "
                f"('{change.row.name}'), kode dibiarkan"
            )
        elif change.changed or change.unit_changed:
            unit = (
                f" (satuan: {change.old_unit or '-'} -> {change.new_unit or '-'})"
                if change.unit_changed
                else ""
            )
            lines.append(f"{where}: {change.old} -> {change.new} '{change.name}'{unit}")
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
