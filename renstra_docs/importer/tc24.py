"""T-C.24 Anggaran dan Realisasi Pendanaan -> bab2 › anggaran_realisasi.

Rows nest (program > kegiatan, belanja tidak langsung / langsung > jenis belanja). The nesting is
read from what the print shows, in this order: codes (a Kode column, or a dotted code leading the
Uraian: the longer code is the rincian), indentation (Excel's indent or leading spaces), a child
marked with a leading "- ", and group rows named "Program ..." / "Belanja (Tidak) Langsung" over
the rows that follow them. A JUMLAH/TOTAL row is the parent of the top rows. Rows and their
parents become ID/Induk: a parent's printed numbers are then checked against the sum of its
rincian. Printed values stay as printed (a growth printed as a rupiah amount too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..sources.schema import BAB2
from .columns import ACTUAL, BUDGET, RATIO
from .output import SheetOutput
from .table import Table
from .values import money, percent

SHEET = BAB2.sheet("anggaran_realisasi")
_LEADING_CODE = re.compile(r"(\d+(?:\.\d+)+)\.?\s+\S")
_DASH = re.compile(r"[-–—•·]\s")
_GROUP = re.compile(r"(program|belanja (tidak )?langsung)\b", re.I)
TOTAL_ID = "JUMLAH"


@dataclass
class _Line:
    row: int
    uraian: str
    depth: tuple[int, ...]  # compared in order: code parts, indentation, group, dash
    parent: _Line | None = None
    id: str = ""


def read(table: Table) -> list[SheetOutput]:
    lines, total = _lines(table)
    _nest(lines)
    _number(lines)
    out = SheetOutput(BAB2, SHEET, table.years)
    for line in sorted([*lines, *([total] if total else [])], key=lambda x: x.row):
        row = line.row
        out.add(
            {
                "ID": line.id,
                "Induk": _parent_id(line, total),
                "Uraian": line.uraian,
                "Pertumbuhan Anggaran": table.value(row, "pertumbuhan_anggaran", percent, True),
                "Pertumbuhan Realisasi": table.value(row, "pertumbuhan_realisasi", percent, True),
            },
            {
                "Anggaran": table.per_year(row, BUDGET, money),
                "Realisasi": table.per_year(row, ACTUAL, money),
                "Rasio": table.per_year(row, RATIO, percent, declared=True),
            },
        )
    return [out]


def _parent_id(line: _Line, total: _Line | None) -> str | None:
    if line.parent is not None:
        return line.parent.id
    return TOTAL_ID if total is not None and line is not total else None


def _lines(table: Table) -> tuple[list[_Line], _Line | None]:
    raw: list[tuple[int, str, str | None, int]] = []
    total = None
    for row in table.rows():
        label = table.total_label(row, ("uraian", "kode", "no")) if total is None else None
        if label:
            total = _Line(row, label, (), id=TOTAL_ID)
            continue
        uraian = table.text(row, "uraian")
        if uraian is None:
            table.unplaced(row, "baris tanpa uraian: tidak dapat ditempatkan")
            continue
        raw.append((row, uraian, _code(table, row, uraian), _indent(table, row)))
    grouped = any(_GROUP.match(u) for _, u, _, _ in raw)
    indents = sorted({i for *_, i in raw})
    lines = []
    for row, uraian, code, indent in raw:
        code_depth = len(code.split(".")) if code else 0
        group = 0 if not grouped or _GROUP.match(uraian) else 1
        lines.append(_Line(row, uraian, (code_depth, indents.index(indent), group)))
    _dashes(lines)
    return lines, total


def _code(table: Table, row: int, uraian: str) -> str | None:
    printed = table.text(row, "kode")
    if printed:
        return printed.strip(". ")
    leading = _LEADING_CODE.match(uraian)
    return leading.group(1) if leading else None


def _indent(table: Table, row: int) -> int:
    col = table.col("uraian")
    raw = table.grid.raw(row, col) if col else None
    spaces = len(raw) - len(raw.lstrip(" ")) if isinstance(raw, str) else 0
    return table.grid.indent(row, col) * 4 + spaces if col else 0


def _dashes(lines: list[_Line]) -> None:
    """A row marked "- " is a rincian of the unmarked row above it."""
    above: _Line | None = None
    for line in lines:
        if _DASH.match(line.uraian) and above is not None:
            line.depth = (*above.depth, 1)
        else:
            line.depth = (*line.depth, 0)
            above = line


def _nest(lines: list[_Line]) -> None:
    stack: list[_Line] = []
    for line in lines:
        while stack and stack[-1].depth >= line.depth:
            stack.pop()
        line.parent = stack[-1] if stack else None
        stack.append(line)


def _number(lines: list[_Line]) -> None:
    """IDs like the rows' places: A1, A1.1, A1.1.1 ..."""
    counts: dict[str, int] = {}
    for line in lines:
        prefix = line.parent.id + "." if line.parent else "A"
        counts[prefix] = counts.get(prefix, 0) + 1
        line.id = f"{prefix}{counts[prefix]}"
