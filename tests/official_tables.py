"""Tables in the official T-C layouts as agencies print them, made with openpyxl for the tests
of `renstra import` (merged headers over several rows, codes split over columns, the (1) (2)
... numbering row)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook


def write_table(
    sheet: Any,
    header: Sequence[Sequence[Any]],
    merges: Sequence[str],
    rows: Sequence[Sequence[Any]],
    numbering: bool = True,
    title: str | None = None,
) -> None:
    """Title row(s), header rows, merged header cells, the (1) (2) ... row, then the data."""
    offset = 0
    if title:
        sheet.append([title])
        sheet.append([])
        offset = 2
    for row in header:
        sheet.append(list(row))
    for merge in merges:
        sheet.merge_cells(_shift(merge, offset))
    if numbering:
        sheet.append([f"({i})" for i in range(1, len(header[0]) + 1)])
    for row in rows:
        sheet.append(list(row))


def _shift(merge: str, offset: int) -> str:
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.cell import range_boundaries

    c1, r1, c2, r2 = range_boundaries(merge)
    return f"{get_column_letter(c1)}{r1 + offset}:{get_column_letter(c2)}{r2 + offset}"


def save(path: Path, sheets: dict[str, Any]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for name, fill in sheets.items():
        fill(book.create_sheet(name))
    book.save(path)
    return path


def tc27_header(years: Sequence[str], code_columns: int = 5) -> tuple[list[list[Any]], list[str]]:
    """T-C.27 as printed since Permendagri 90/2019: three header rows, the code merged over
    `code_columns`, each year `Target | Rp`, the end of the period `Target | Rp`."""
    from openpyxl.utils import get_column_letter as L

    k = code_columns
    lead = ["Tujuan", "Sasaran", "Kode", *[None] * (k - 1), "Program dan Kegiatan",
            "Indikator Kinerja Tujuan, Sasaran, Program (outcome) dan Kegiatan (output)",
            "Data Capaian pada Tahun Awal Perencanaan"]  # fmt: skip
    first_year = len(lead) + 1
    row1 = [*lead, "Target Kinerja Program dan Kerangka Pendanaan", *[None] * 9,
            "Kondisi Kinerja pada Akhir Periode Renstra PD", None,
            "Unit Kerja PD Penanggung Jawab", "Lokasi"]  # fmt: skip
    row2: list[Any] = [None] * len(lead)
    row3: list[Any] = [None] * len(lead)
    for year in years:
        row2 += [year, None]
        row3 += ["Target", "Rp"]
    row2 += ["Target", "Rp", None, None]
    row3 += [None, None, None, None]
    merges = [f"{L(c)}1:{L(c)}3" for c in range(1, len(lead) + 1) if c not in range(4, 3 + k)]
    merges[2] = f"C1:{L(2 + k)}3"  # the code, over its columns and the three rows
    merges.append(f"{L(first_year)}1:{L(first_year + 9)}1")
    merges += [f"{L(first_year + 2 * i)}2:{L(first_year + 2 * i + 1)}2" for i in range(5)]
    end = first_year + 10
    merges += [f"{L(end)}1:{L(end + 1)}1", f"{L(end)}2:{L(end)}3", f"{L(end + 1)}2:{L(end + 1)}3"]
    merges += [f"{L(end + 2)}1:{L(end + 2)}3", f"{L(end + 3)}1:{L(end + 3)}3"]
    return [row1, row2, row3], merges


def tc27_row(
    code: Sequence[Any],
    name: str | None,
    indicator: str | None,
    baseline: Any,
    yearly: Sequence[tuple[Any, Any]],
    end: tuple[Any, Any] = (None, None),
    goals: tuple[Any, Any] = (None, None),
    unit: str | None = "Dinas Kesehatan",
    location: str = "Kab. Blitar",
) -> list[Any]:
    """One printed T-C.27 row: goals, code parts, name, indicator, baseline, each year's
    target and Rp, the end of the period, the unit in charge and the location."""
    cells: list[Any] = [*goals, *code, name, indicator, baseline]
    for target, rp in yearly:
        cells += [target, rp]
    return [*cells, *end, unit, location if unit else None]
