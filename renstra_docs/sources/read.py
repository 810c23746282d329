"""Strict reading of one workbook against its declared schema.

Safety first: the file must be a real, unencrypted xlsx (a zip) of bounded size, without XML
entity definitions. Then every sheet of the schema is read (xlsx.py): the header row is matched to
the schema, every cell is normalised, and each problem becomes a Finding that names the workbook,
sheet, cell and column. The common cells (whole rupiah, plain text and codes, exact choices,
numbers) take per-column fast paths worked out once per sheet (`_Plan`); everything else, and
anything that could make a finding, takes the general `_SheetReader._cell`. Problems that make
the file unusable raise RenstraError at once; everything else is collected.

What a number format means (a `%` code or a literal `%`, a unit) comes from the tokeniser
`numfmt.describe`; a renamed header is named with the missing column it replaced (header.py);
merged ranges, read with the cells, are judged once every row is read (`_check_merges`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..findings import Finding, Location, RenstraError
from . import normalise as nz
from .header import InPlace, Slot, in_place_of
from .numfmt import column_letter, column_number, describe
from .safety import check_file
from .schema import Column, Kind, SheetSchema, WorkbookSchema, YearColumns

if TYPE_CHECKING:
    from .xlsx import Book, Sheet

LONG_TEXT = 5_000
_Slot = Slot  # per header cell: (column, key, year)
_RANGE = re.compile(r"([A-Z]+)([0-9]+)(?::([A-Z]+)([0-9]+))?")
# codes of a column checked only, never shown (`declared`): a warning there, not a stop
_DEMOTED = frozenset(
    {"number-format", "type-error", "not-integer", "excel-error", "formula-not-calculated"}
)
_PERCENT_UNITS = frozenset({"%", "persen"})


@dataclass
class SheetLayout:
    """Where each schema column sits in one sheet: for locations and for the writer."""

    workbook: str
    sheet: str
    letters: dict[tuple[str, int | None], tuple[str, str]] = field(default_factory=dict)

    def loc(self, row: int | None, key: str, year: int | None = None) -> Location:
        letter, header = self.letters.get((key, year), ("", key))
        cell = f"{letter}{row}" if letter and row else None
        return Location(self.workbook, self.sheet, cell, header)


@dataclass(slots=True)
class Row:
    number: int  # Excel row number
    values: dict[str, Any]
    layout: SheetLayout

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def loc(self, key: str, year: int | None = None) -> Location:
        return self.layout.loc(self.number, key, year)


@dataclass
class SheetData:
    schema: SheetSchema
    layout: SheetLayout
    rows: list[Row]
    years: dict[str, list[int]]  # YearColumns key -> years found in the header

    def location(self) -> Location:
        return Location(self.layout.workbook, self.layout.sheet)


@dataclass
class WorkbookData:
    schema: WorkbookSchema
    sheets: dict[str, SheetData]
    findings: list[Finding]


# ---------------------------------------------------------------- workbook


def read_workbook(path: Path, schema: WorkbookSchema) -> WorkbookData:
    with opened_book(path, schema) as book:
        findings: list[Finding] = []
        sheets = {
            sheet.name: read_sheet(schema.filename, sheet, book[sheet.name], findings)
            for sheet in schema.sheets
        }
        return WorkbookData(schema, sheets, findings)


@contextmanager
def opened_book(path: Path, schema: WorkbookSchema) -> Iterator[Book]:
    """The workbook at `path`, checked (file safety, every sheet of `schema` there); closed
    afterwards."""
    from .xlsx import open_book  # lxml, not openpyxl's read-only objects: see xlsx.py

    name = schema.filename
    check_file(path, name)
    try:
        book = open_book(path)
    except Exception as exc:  # lxml, zipfile and int() raise many types for broken packages
        raise RenstraError(
            Finding("workbook-unreadable", f"tidak dapat dibuka: {exc}", Location(name))
        ) from None
    try:
        if not book.sheetnames:
            raise RenstraError(Finding("workbook-empty", "workbook tanpa sheet", Location(name)))
        missing = [s.name for s in schema.sheets if s.name not in book.sheetnames]
        if missing:
            raise RenstraError(
                [
                    Finding(
                        "sheet-missing",
                        f"sheet '{m}' tidak ada (ada: {', '.join(book.sheetnames)})",
                        Location(name, m),
                    )
                    for m in missing
                ]
            )
        yield book
    finally:
        book.close()


def read_sheet(
    workbook: str, schema: SheetSchema, worksheet: Sheet, findings: list[Finding]
) -> SheetData:
    """One sheet of `workbook` against its schema; its findings are added to `findings`."""
    return _SheetReader(workbook, schema, findings).read(worksheet)


# ---------------------------------------------------------------- sheet


_At = tuple[int, str, int | None]  # Excel row, column key, year: a cell, lazily located


_SLOW = object()  # a fast path's answer when the cell needs the general `_SheetReader._cell`
_NO_QUANTITY = nz.Quantity(None)  # what an empty QUANTITY cell reads as (frozen: safe to share)
_Fast = Callable[[Any, str], Any]


class _Plan:
    """How every header cell of one sheet is read, worked out once instead of once per cell.

    `readers` holds, per schema column in the header: its index, column, key, year, a fast path
    for the common raw values of its kind (or None) and the value of an empty cell.
    """

    def __init__(self, schema: SheetSchema, slots: list[_Slot], named: set[int]):
        fixed = schema.fixed_columns()
        group_keys = [g.key for g in schema.year_groups()]
        # a row's values: year groups first (each a fresh dict per row), then the fixed columns
        self.template: dict[str, Any] = {
            key: None for key in [*group_keys, *(c.key for c in fixed)]
        }
        self.group_keys = [key for key in group_keys if key not in {c.key for c in fixed}]
        self.required = [(c, c.key) for c in fixed if c.required]
        self.readers: list[tuple[int, Column, str, int | None, _Fast | None, Any]] = []
        for index, slot in enumerate(slots):
            if slot is not None:
                column, key, year = slot
                empty = _NO_QUANTITY if column.kind is Kind.QUANTITY else None
                self.readers.append((index, column, key, year, _fast_path(column), empty))
        self.width = len(slots)
        self.unnamed = [i for i in range(len(slots)) if i not in named]
        # cells in percent: PERCENT columns, and QUANTITY columns of a row whose Satuan is %
        cells = [(i, k, y, c.kind) for i, c, k, y, _, _ in self.readers]
        self.percents = [(i, k, y) for i, k, y, kind in cells if kind is Kind.PERCENT]
        quantities = [(i, k, y) for i, k, y, kind in cells if kind is Kind.QUANTITY]
        self.in_percent = self.percents + quantities if "satuan" in self.template else []


def _fast_path(column: Column) -> _Fast | None:
    """A converter for the raw values a kind usually holds; `_SLOW` for anything else.

    Each returns exactly what `_SheetReader._convert` returns for that raw value without a
    finding, and `_SLOW` whenever the general path could raise or record a finding.
    """
    kind = column.kind
    if kind is Kind.MONEY or kind is Kind.COUNT:
        return _whole_number
    if kind is Kind.TEXT:
        return _plain_text
    if kind is Kind.CODE:
        return _plain_code
    if kind is Kind.CHOICE:
        exact = {choice: nz.parse_choice(choice, column.choices) for choice in column.choices}
        return lambda raw, _: exact.get(raw, _SLOW) if type(raw) is str else _SLOW
    if kind is Kind.NUMBER or kind is Kind.PERCENT or kind is Kind.QUANTITY:
        return _NumberReader(column)
    return None


def _whole_number(raw: Any, number_format: str) -> Any:
    """parse_money/parse_count give a non-negative int back as it is (unit checks need text)."""
    return raw if type(raw) is int and 0 <= raw <= nz.MAX_WHOLE else _SLOW


def _plain_text(raw: Any, number_format: str) -> Any:
    """`_text` of a string without `_xHHHH_` escapes, control characters or excess length:
    nothing to unescape or remove, so the value is the stripped text (None when blank)."""
    if type(raw) is not str or "_x" in raw or nz.has_illegal_xml(raw):
        return _SLOW
    text = raw.strip()
    if text in nz.EXCEL_ERRORS or len(text) > LONG_TEXT:
        return _SLOW
    return text or None


def _plain_code(raw: Any, number_format: str) -> Any:
    """parse_code of a well-formed code: no Excel error starts with a letter or digit."""
    if type(raw) is not str:
        return _SLOW
    code = raw.strip()
    return code if code and nz.is_code(code) else _SLOW


class _NumberReader:
    """NUMBER, PERCENT and QUANTITY cells that hold an int or a finite float.

    `_convert` reads them with `parse_quantity(raw, percent)` and a unit from the number format;
    the format's part (percent? which unit?) is worked out once per format here, and equal
    (type, value, format) cells share one frozen Quantity.
    """

    def __init__(self, column: Column):
        self.kind = column.kind
        self.warns = not column.declared  # only then can `_warn_percent` make a finding
        self.formats: dict[str, tuple[bool, str | None]] = {}  # `_number_format`, at dict speed
        self.quantities: dict[tuple[type, Any, str], Any] = {}

    def __call__(self, raw: Any, number_format: str) -> Any:
        kind = type(raw)
        if kind is not int and kind is not float:
            return _SLOW
        if not raw:  # 0.0 == -0.0 == 0 as keys, but Decimal('0.0') and Decimal('-0.0') differ
            return self._read(raw, number_format)
        key = (kind, raw, number_format)
        value = self.quantities.get(key)
        if value is None:
            value = self.quantities[key] = self._read(raw, number_format)
        return value

    def _read(self, raw: int | float, number_format: str) -> Any:
        if type(raw) is float and not math.isfinite(raw):
            return _SLOW
        scaled, unit = self._format(number_format)
        number = nz.from_native(raw)
        if scaled:
            number = nz.scale_percent(number)
        if self.kind is Kind.NUMBER:
            return number
        if self.kind is Kind.PERCENT:
            return number if unit in (None, "%") else _SLOW
        if self.warns and unit == "%" and number > 100:
            return _SLOW
        return nz.Quantity(number, unit)

    def _format(self, number_format: str) -> tuple[bool, str | None]:
        found = self.formats.get(number_format)
        if found is None:
            found = self.formats[number_format] = _number_format(number_format)
        return found


@lru_cache(maxsize=1024)
def _number_format(number_format: str | None) -> tuple[bool, str | None]:
    """What a cell's number format means for a number in it: (scaled, unit).

    scaled: a `%` code, the cell holds a fraction (0.8842 is 88.42%); the unit is then "%", as for
    a literal `%` (`0.00\\%`: 0.75 is 0.75%). Else the unit is a quoted word (`#,##0 "Orang"`).
    """
    info = describe(number_format)
    return info.scaled, ("%" if info.unit == "%" else nz.normalise_unit(info.unit))


def _bare_fraction(raw: Any, number_format: str) -> bool:
    """A number of 1 or less in General format: what 5% becomes when a workbook passes through
    pandas (the fraction 0.05 without its percent format), read as 0,05%."""
    kind = type(raw)
    return (kind is int or kind is float) and 0 < raw <= 1 and describe(number_format).general


class _SheetReader:
    def __init__(self, workbook: str, schema: SheetSchema, findings: list[Finding]):
        self.schema = schema
        self.layout = SheetLayout(workbook, schema.name)
        self.findings = findings
        self.failed_cells: set[Location] = set()  # cells with an error: no required-missing too
        self.named: set[int] = set()  # indexes of header cells with a name
        self.headerless: set[str] = set()  # letters of header-less columns already reported
        self._plan: _Plan | None = None

    def read(self, worksheet: Any) -> SheetData:
        rows = _guarded(worksheet.iter_rows(), Location(self.layout.workbook, self.layout.sheet))
        header = next(rows, ())
        slots, years = self._match_header(header)
        data = list(self._data_rows(rows, slots))
        self._check_merges(worksheet.merged, slots, data)  # known once every row is read
        self._check_unique(data)
        self._check_numbering(data)
        return SheetData(self.schema, self.layout, data, years)

    # -- header
    def _match_header(self, header: tuple[Any, ...]) -> tuple[list[_Slot], dict[str, list[int]]]:
        where = Location(self.layout.workbook, self.layout.sheet)
        fixed = {c.name.casefold(): c for c in self.schema.fixed_columns()}
        groups = self.schema.year_groups()
        slots: list[_Slot] = []  # per header index: (column schema, key, year) or None
        seen: dict[str, str] = {}
        years: dict[str, list[int]] = {g.key: [] for g in groups}
        fatal: list[Finding] = []
        unknown: dict[int, str] = {}
        for index, cell in enumerate(header):
            text = _header_text(cell.value)
            letter = column_letter(index + 1)
            if not text:
                slots.append(None)
                continue
            self.named.add(index)
            if text.casefold() in seen:
                fatal.append(
                    Finding(
                        "header-duplicate",
                        f"judul kolom '{text}' muncul dua kali "
                        f"({seen[text.casefold()]} dan {letter})",
                        Location(where.workbook, where.sheet, f"{letter}1", text),
                    )
                )
                slots.append(None)
                continue
            seen[text.casefold()] = letter
            slot = self._slot(text, fixed, groups, years)
            if slot is None:
                unknown[index] = text
            else:
                self.layout.letters[(slot[1], slot[2])] = (letter, text)
            slots.append(slot)
        renamed = in_place_of(self.schema, slots, unknown)
        fatal.extend(self._renamed(pair) for pair in renamed)
        claimed = {pair.index for pair in renamed}
        for index, text in unknown.items():
            if index not in claimed:
                self.findings.append(
                    Finding(
                        "unknown-column",
                        f"kolom '{text}' tidak dikenal dan diabaikan",
                        Location(where.workbook, where.sheet, f"{column_letter(index + 1)}1", text),
                    )
                )
        named_missing = {pair.missing for pair in renamed}
        for column in self.schema.fixed_columns():
            if column.name.casefold() not in seen and column.name not in named_missing:
                fatal.append(
                    Finding(
                        "header-missing",
                        f"kolom '{column.name}' tidak ada di baris judul",
                        Location(where.workbook, where.sheet, None, column.name),
                    )
                )
        renamed_groups = {pair.group for pair in renamed}
        for group in groups:
            found = sorted(years[group.key])
            if group.key in renamed_groups:
                years[group.key] = found  # the gap or the end is the renamed year, named above
                continue
            if group.required and not found:
                fatal.append(
                    Finding(
                        "header-missing",
                        f"kolom '{group.prefix} <tahun>' tidak ada di baris judul",
                        Location(where.workbook, where.sheet, None, group.prefix),
                    )
                )
            elif found and found != list(range(found[0], found[-1] + 1)):
                fatal.append(
                    Finding(
                        "year-columns",
                        f"tahun kolom '{group.prefix}' tidak berurutan: {found}",
                        where,
                    )
                )
            years[group.key] = found
        if fatal:
            raise RenstraError(fatal)
        return slots, years

    def _renamed(self, pair: InPlace) -> Finding:
        """A missing column, named with the unknown header found in its place."""
        cell = f"{column_letter(pair.index + 1)}1"
        return Finding(
            "header-missing",
            f"kolom '{pair.missing}' tidak ada di baris judul; di tempatnya ada kolom "
            f"'{pair.text}' yang tidak dikenal",
            Location(self.layout.workbook, self.layout.sheet, cell, pair.missing),
        )

    @staticmethod
    def _slot(
        text: str, fixed: dict[str, Column], groups: list[YearColumns], years: dict[str, list[int]]
    ) -> _Slot:
        column = fixed.get(text.casefold())
        if column is not None:
            return (column, column.key, None)
        for group in groups:
            year = group.match(text)
            if year is not None:
                years[group.key].append(year)
                return (group.column(year), group.key, year)
        return None

    def _check_merges(self, merged: list[str], slots: list[_Slot], rows: list[Row]) -> None:
        """Merged cells in the header row are layout. In the data area only a vertical merge in
        a text column whose lower cells are empty is clear: its text belongs to the top row, the
        rows below stay empty (a warning says so). Any other merge could put a number in the
        wrong row: refused."""
        by_number = {row.number: row for row in rows}
        refused, accepted = [], []
        for ref in merged:
            span = _span(ref)
            if span is not None and (span[1] == span[3] == 1 or span[:2] == span[2:]):
                continue  # in the header row, or a single cell
            slot = self._text_merge(span, slots, by_number) if span is not None else None
            if span is None or slot is None:
                refused.append(ref)
            else:
                accepted.append((ref, span[1], span[3], slot[1], slot[2]))
        if refused:
            raise RenstraError(
                Finding(
                    "merged-cells",
                    f"sel gabungan {', '.join(refused[:5])} di area data",
                    Location(self.layout.workbook, self.layout.sheet, refused[0].split(":")[0]),
                )
            )
        for ref, top, bottom, key, year in accepted:
            self.findings.append(
                Finding(
                    "merged-text",
                    f"sel gabungan {ref}: teksnya milik baris {top}; baris "
                    f"{top + 1 if bottom == top + 1 else f'{top + 1}-{bottom}'} dibaca kosong",
                    self.layout.loc(top, key, year),
                )
            )

    def _text_merge(
        self, span: tuple[int, int, int, int], slots: list[_Slot], by_number: dict[int, Row]
    ) -> _Slot:
        """The text column of a vertical data merge whose lower cells are empty, else None."""
        left, top, right, bottom = span
        slot = slots[left - 1] if left == right and top > 1 and left <= len(slots) else None
        if slot is None or slot[0].kind is not Kind.TEXT:
            return None
        _, key, year = slot
        for number in range(top + 1, bottom + 1):
            row = by_number.get(number)  # None: a blank row, skipped
            if row is not None and (
                (row.values[key] if year is None else row.values[key].get(year)) is not None
                or row.loc(key, year) in self.failed_cells
            ):
                return None
        return slot

    # -- rows
    def _data_rows(self, rows: Iterator[tuple], slots: list[_Slot]) -> Iterator[Row]:
        blank_since: int | None = None
        for number, cells in enumerate(rows, start=2):
            if all(
                c.value is None or (isinstance(c.value, str) and not c.value.strip()) for c in cells
            ):
                blank_since = blank_since or number
                continue
            if blank_since is not None:
                self.findings.append(
                    Finding(
                        "empty-row",
                        f"baris kosong {blank_since}-{number - 1} di tengah data",
                        Location(self.layout.workbook, self.layout.sheet, f"A{blank_since}"),
                    )
                )
                blank_since = None
            yield self._row(number, cells, slots)

    def _row(self, number: int, cells: tuple, slots: list[_Slot]) -> Row:
        if self._plan is None:
            self._plan = _Plan(self.schema, slots, self.named)
        plan = self._plan
        values: dict[str, Any] = dict(plan.template)
        for key in plan.group_keys:
            values[key] = {}
        if len(cells) > plan.width or plan.unnamed:
            self._check_headerless(number, cells)
        width = len(cells)
        for index, column, key, year, fast, empty in plan.readers:
            cell = cells[index] if index < width else None
            if cell is None or cell.value is None:
                value = empty
            else:
                value = _SLOW if fast is None else fast(cell.value, cell.number_format)
                if value is _SLOW:
                    value = self._cell(cell, column, number, key, year)
            if year is None:
                values[key] = value
            else:
                values[key][year] = value
        row = Row(number, values, self.layout)
        for column, key in plan.required:
            if values[key] is None and not self._had_error(row, column):
                self.findings.append(
                    Finding("required-missing", f"kolom '{column.name}' wajib diisi", row.loc(key))
                )
        in_percent = plan.in_percent if _is_percent_unit(values.get("satuan")) else plan.percents
        if in_percent:
            self._warn_fractions(row, cells, in_percent)
        return row

    def _warn_fractions(
        self, row: Row, cells: tuple, in_percent: list[tuple[int, str, int | None]]
    ) -> None:
        """A number of 1 or less in General format where the value is in percent."""
        for index, key, year in in_percent:
            cell = cells[index] if index < len(cells) else None
            if cell is None or not _bare_fraction(cell.value, cell.number_format):
                continue
            shown = nz.from_native(cell.value)
            self.findings.append(
                Finding(
                    "percent-as-fraction",
                    f"angka {_id_decimal(shown)} tanpa format persen dibaca "
                    f"{_id_decimal(shown)}%; bila maksudnya "
                    f"{_id_decimal(nz.scale_percent(shown))}%, ketik dengan tanda %",
                    row.loc(key, year),
                    value=cell.value,
                )
            )

    def _had_error(self, row: Row, column: Column) -> bool:
        return row.loc(column.key) in self.failed_cells

    def _check_headerless(self, number: int, cells: tuple) -> None:
        """Data under an empty header cell would be lost silently: warn, naming the first cell."""
        for index, cell in enumerate(cells):
            if index in self.named:  # a schema column, or an unknown one already reported
                continue
            value = getattr(cell, "value", None)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            letter = column_letter(index + 1)
            if letter not in self.headerless:
                self.headerless.add(letter)
                self.findings.append(
                    Finding(
                        "unknown-column",
                        f"kolom {letter} tanpa judul berisi data; isinya diabaikan",
                        Location(self.layout.workbook, self.layout.sheet, f"{letter}{number}"),
                        value=_printable(value),
                    )
                )

    def _cell(self, cell: Any, column: Column, row: int, key: str, year: int | None) -> Any:
        raw = getattr(cell, "value", None)
        kind = column.kind
        if _whole_number(raw, "") is not _SLOW and (kind is Kind.MONEY or kind is Kind.COUNT):
            return raw  # what parse_money/parse_count return for it, without a Decimal trip
        at = (row, key, year)  # the Location is built only when a finding needs it
        try:
            if raw is nz.UNCALCULATED:
                raise nz.CellError(
                    "formula-not-calculated", "rumus belum dihitung (tidak ada nilai tersimpan)"
                )
            return self._convert(raw, column, getattr(cell, "number_format", "General"), at)
        except nz.CellError as err:
            where = self.layout.loc(row, key, year)
            code = err.code
            if column.declared and code in _DEMOTED:
                code = "declared-unreadable"  # checked only, never shown: not worth a stop
            self.findings.append(Finding(code, err.message, where, value=_printable(raw)))
            self.failed_cells.add(where)
            return None

    def _convert(self, raw: Any, column: Column, number_format: str, at: _At) -> Any:
        kind = column.kind
        if kind is Kind.TEXT:
            return self._text(raw, at)
        if kind is Kind.CODE:
            return nz.parse_code(raw)
        if kind is Kind.CHOICE:
            return nz.parse_choice(raw, column.choices)
        if kind is Kind.MONEY:
            return nz.parse_money(raw)
        if kind is Kind.COUNT:
            return nz.parse_count(raw, column.unit)
        scaled, unit = _number_format(number_format)
        quantity = nz.parse_quantity(raw, scaled)
        if quantity.unit is None and unit is not None and isinstance(raw, int | float):
            quantity = nz.Quantity(quantity.value, unit)  # a number: its unit is in its format
        if kind is Kind.NUMBER:
            return quantity.value
        if kind is Kind.PERCENT:
            if quantity.unit not in (None, "%"):
                raise nz.CellError("type-error", f"{raw!r} bukan persentase")
            return quantity.value
        self._warn_percent(quantity, column, at)
        return quantity

    def _warn_percent(self, quantity: nz.Quantity, column: Column, at: _At) -> None:
        if (
            not column.declared
            and quantity.unit == "%"
            and quantity.value is not None
            and quantity.value > 100
        ):
            self.findings.append(
                Finding(
                    "percent-over-100",
                    f"{quantity.value}% melebihi 100%",
                    self.layout.loc(*at),
                    value=str(quantity.value),
                )
            )

    def _text(self, raw: Any, at: _At) -> str | None:
        if raw is None:
            return None
        if isinstance(raw, str) and raw.strip() in nz.EXCEL_ERRORS:
            raise nz.CellError("excel-error", f"nilai galat Excel {raw.strip()}")
        text = nz.unescape_ooxml(raw) if isinstance(raw, str) else nz.text_of(raw)
        text, removed = nz.clean_text(text)
        if removed:
            self.findings.append(
                Finding(
                    "illegal-character", "karakter kontrol dihapus dari teks", self.layout.loc(*at)
                )
            )
        if len(text) > LONG_TEXT:
            self.findings.append(
                Finding(
                    "text-too-long",
                    f"teks {len(text):,} karakter".replace(",", "."),
                    self.layout.loc(*at),
                )
            )
        return text or None

    # -- sheet-level checks
    def _check_unique(self, rows: list[Row]) -> None:
        for column in self.schema.fixed_columns():
            if not column.unique:
                continue
            first: dict[Any, int] = {}
            for row in rows:
                value = row.values.get(column.key)
                if value is None:
                    continue
                if value in first:
                    self.findings.append(
                        Finding(
                            "duplicate-key",
                            f"'{value}' sudah dipakai di baris {first[value]}",
                            row.loc(column.key),
                            value=value,
                        )
                    )
                else:
                    first[value] = row.number

    def _check_numbering(self, rows: list[Row]) -> None:
        if "no" not in self.layout.letters.__str__() or not any(
            c.key == "no" and c.declared for c in self.schema.fixed_columns()
        ):
            return
        for expected, row in enumerate(rows, start=1):
            if row.values.get("no") is not None and row.values["no"] != expected:
                self.findings.append(
                    Finding(
                        "numbering-gap",
                        f"nomor {row.values['no']}, seharusnya {expected}",
                        row.loc("no"),
                        declared=row.values["no"],
                        computed=expected,
                    )
                )
                return


def _guarded(rows: Iterator[tuple], where: Location) -> Iterator[tuple]:
    """openpyxl parses a sheet lazily, row by row: a broken part fails here, not at open time."""
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except Exception as exc:  # openpyxl and the XML parser raise many types for broken parts
            message = " ".join(str(exc).split()) or type(exc).__name__
            raise RenstraError(
                Finding("workbook-unreadable", f"sheet tidak dapat dibaca: {message}", where)
            ) from None
        yield row


def _header_text(raw: Any) -> str:
    """A header cell's text with single spaces; a formula never calculated names nothing."""
    if raw is None or raw is nz.UNCALCULATED:
        return ""
    return " ".join(nz.text_of(raw).split())


def _span(ref: str) -> tuple[int, int, int, int] | None:
    """`E4:E6` -> (5, 4, 5, 6): left column, top row, right column, bottom row."""
    found = _RANGE.fullmatch(ref.strip().upper())
    if found is None:
        return None
    left, top, right, bottom = found.groups()
    first, last = column_number(left), column_number(right or left)
    rows = int(top), int(bottom or top)
    return min(first, last), min(rows), max(first, last), max(rows)


def _is_percent_unit(unit: Any) -> bool:
    return type(unit) is str and _percent_text(unit)


@lru_cache(maxsize=256)
def _percent_text(unit: str) -> bool:
    return nz.normalise_unit(unit) in _PERCENT_UNITS


def _id_decimal(value: Decimal) -> str:
    """0.05 -> '0,05' (the Indonesian decimal mark, for a message)."""
    return format(value.normalize(), "f").replace(".", ",")


def _printable(raw: Any) -> Any:
    if isinstance(raw, int | float | str | Decimal) or raw is None:
        return raw
    return str(raw)
