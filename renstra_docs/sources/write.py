"""Write workbooks from the schema: what staff open in Excel or LibreOffice.

Every sheet gets one bold header row, frozen panes, column widths, rupiah and percent number
formats, and a validation list on every column with a fixed set of values. Values given as text
(as transcribed from the seed, e.g. `1.219.764.079,00`, `88.42%`, `38 Orang`, `n/a`) are parsed with
the same normaliser the reader uses and stored as real numbers; missing marks stay as typed text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import normalise as nz
from .numfmt import column_letter
from .schema import Column, Kind, SheetSchema, WorkbookSchema

FIXED_TIME = dt.datetime(2021, 1, 1)
_UNIT_TEXT = re.compile(r"[+-]?\d[\d.,]*\s*(.*)")
_HEADER_FILL = "D9E2F3"

SheetRows = Sequence[Mapping[str, Any]]  # one mapping per row: header -> raw value


def write_workbook(
    path: Path,
    schema: WorkbookSchema,
    data: Mapping[str, SheetRows],
    years: Mapping[str, Mapping[str, Sequence[int]]] | None = None,
    guide: bool = False,
) -> None:
    """Write `data` (sheet -> rows keyed by header) as a formatted workbook at `path`.

    `years` gives, per sheet, the years of each year group (prefix -> years); when absent they
    are taken from the headers present in the rows. With `guide`, a first sheet *Petunjuk*
    tells the staff what goes where, with an example value of every column.
    """
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    if guide:
        _write_guide(book.create_sheet(GUIDE_SHEET), schema, years or {})
    for sheet_schema in schema.sheets:
        rows = data.get(sheet_schema.name, [])
        sheet_years = (years or {}).get(sheet_schema.name) or _years_in(sheet_schema, rows)
        columns = header_columns(sheet_schema, sheet_years)
        _write_sheet(book.create_sheet(sheet_schema.name), columns, rows)
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    book.properties.creator = "renstra-docs"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def header_columns(schema: SheetSchema, years: Mapping[str, Sequence[int]]) -> list[Column]:
    columns: list[Column] = []
    for column in schema.columns:
        if isinstance(column, Column):
            columns.append(column)
        else:
            columns.extend(column.column(y) for y in years.get(column.prefix, ()))
    return columns


def _years_in(schema: SheetSchema, rows: SheetRows) -> dict[str, list[int]]:
    headers = {h for row in rows for h in row}
    return {
        g.prefix: sorted(y for h in headers if (y := g.match(h)) is not None)
        for g in schema.year_groups()
    }


def _write_sheet(sheet: Any, columns: list[Column], rows: SheetRows) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.name)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[column_letter(index)].width = column.width
    for row_number, row in enumerate(rows, start=2):
        for index, column in enumerate(columns, start=1):
            _write_cell(sheet.cell(row=row_number, column=index), column, row.get(column.name))
    last = max(len(rows) + 1, 2) + 500  # room for the staff to add rows
    for index, column in enumerate(columns, start=1):
        validation = list_validation(column)
        if validation is not None:
            letter = column_letter(index)
            validation.add(f"{letter}2:{letter}{last}")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"


write_sheet = _write_sheet  # one formatted sheet into an open workbook (renstra import)


def list_validation(column: Column) -> Any:
    """The drop-down of a column: a strict list for choices, a suggestion list for units."""
    from openpyxl.worksheet.datavalidation import DataValidation

    values = column.choices or column.suggestions
    if not values:
        return None
    return DataValidation(
        type="list",
        formula1='"' + ",".join(values) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop" if column.choices else "warning",
        errorTitle=column.name[:32],
        error=(
            ("Pilih salah satu: " if column.choices else "Satuan baru? Biasanya: ")
            + ", ".join(values)
        )[:255],
        showInputMessage=True,
        promptTitle=column.name[:32],
        prompt=_prompt(column)[:255],
    )


def _prompt(column: Column) -> str:
    """The input message a drop-down shows when its cell is selected (Excel's limit: 255)."""
    what = column.doc or column.name
    if column.choices:
        return f"{what}. Pilih dari daftar."
    return f"{what}. Pilih dari daftar atau ketik sendiri."


# ---------------------------------------------------------------- the Petunjuk sheet

GUIDE_SHEET = "Petunjuk"
_EXAMPLES: dict[Kind, Any] = {
    Kind.TEXT: "Contoh teks",
    Kind.CODE: "P1",
    Kind.COUNT: 12,
    Kind.MONEY: 150_000_000,
    Kind.NUMBER: "1.250,5",
    Kind.PERCENT: "85,5%",
    Kind.QUANTITY: "100%",
}
_KIND_WORDS = {
    Kind.TEXT: "teks",
    Kind.CODE: "kode/ID (ketik sebagai teks)",
    Kind.COUNT: "bilangan bulat",
    Kind.MONEY: "rupiah penuh",
    Kind.NUMBER: "angka",
    Kind.PERCENT: "persen",
    Kind.QUANTITY: "angka, boleh dengan satuan (100%, 38 orang)",
    Kind.CHOICE: "pilihan",
}


def example_value(column: Column) -> Any:
    """A value of the column's kind, as the staff would type it."""
    if column.choices:
        return column.choices[0]
    if column.key == "id":
        return "P1"
    return _EXAMPLES.get(column.kind, "")


def _write_guide(
    sheet: Any, schema: WorkbookSchema, years: Mapping[str, Mapping[str, Sequence[int]]]
) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    bold = Font(bold=True)
    rows: list[tuple[Any, ...]] = [
        (f"Petunjuk pengisian {schema.filename}",),
        (schema.doc,),
        (
            "Isi setiap sheet mulai baris 2; baris 1 (judul kolom) jangan diubah. Angka boleh "
            "diketik dengan format Indonesia (1.234.567 dan 88,42%). Baris contoh di bawah "
            "hanya petunjuk: jangan disalin ke sheet data bila bukan data sebenarnya.",
        ),
        (),
    ]
    for sheet_schema in schema.sheets:
        rows.append((f"Sheet {sheet_schema.name}", sheet_schema.doc))
        rows.append(("Kolom", "Jenis", "Wajib", "Keterangan", "Contoh"))
        columns = header_columns(sheet_schema, years.get(sheet_schema.name, {}))
        for column in columns:
            kind = _KIND_WORDS[column.kind]
            if column.choices:
                kind += ": " + " / ".join(column.choices)
            rows.append(
                (
                    column.name,
                    kind,
                    "ya" if column.required else "",
                    column.doc + (" (hanya diperiksa)" if column.declared else ""),
                    example_value(column),
                )
            )
        rows.append(())
    for row in rows:
        sheet.append(list(row))
    for cell in sheet["A"]:
        if isinstance(cell.value, str) and (cell.value.startswith("Sheet ") or cell.row == 1):
            cell.font = bold
    for row in sheet.iter_rows():
        if row and row[0].value == "Kolom":
            for cell in row:
                cell.font = bold
                cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDE", (28, 30, 8, 70, 20), strict=True):
        sheet.column_dimensions[letter].width = width


def _write_cell(cell: Any, column: Column, raw: Any) -> None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return
    if isinstance(raw, str) and nz.is_missing(raw):
        _set_text(cell, raw.strip())
        return
    try:
        _write_typed(cell, column, raw)
    except nz.CellError:
        if not column.declared:
            raise
        _set_text(cell, str(raw).strip())  # kept as typed: the reader reports it


def _write_typed(cell: Any, column: Column, raw: Any) -> None:
    kind = column.kind
    if kind in (Kind.TEXT, Kind.CODE, Kind.CHOICE):
        _set_text(cell, raw if isinstance(raw, str) else nz.text_of(raw))
        if kind is Kind.CODE:
            cell.number_format = "@"
        return
    if kind is Kind.MONEY:
        cell.value = nz.parse_money(raw)
        cell.number_format = "#,##0"
        return
    quantity = nz.parse_quantity(raw)
    unit_text = _unit_text(raw)
    if kind is Kind.COUNT and quantity.value is not None and column.unit:
        unit_text = unit_text or column.unit.capitalize()
    _set_number(cell, quantity, unit_text, percent=(kind is Kind.PERCENT))


def _unit_text(raw: Any) -> str | None:
    if not isinstance(raw, str):
        return None
    match = _UNIT_TEXT.fullmatch(raw.strip())
    return match.group(1).strip() or None if match else None


def _set_number(cell: Any, quantity: nz.Quantity, unit_text: str | None, percent: bool) -> None:
    value = quantity.value
    if value is None:
        return
    decimals = nz.decimals_of(value)
    if percent or quantity.unit == "%":
        cell.value = _native(value / 100)
        cell.number_format = "0" + ("." + "0" * decimals if decimals else "") + "%"
        return
    cell.value = _native(value)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    cell.number_format = f'{pattern} "{unit_text}"' if unit_text else pattern


def _native(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _set_text(cell: Any, text: str) -> None:
    cell.value = text
    cell.data_type = "s"  # never a formula, even when the text starts with '='
