"""Helpers shared by the table builders of every chapter.

Builders never format numbers: cells hold typed values and `Table.text()` renders them. An
intentionally empty cell is `BLANK` (""), a missing value is None (shown as `fmt.MISSING`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from ..findings import Location
from ..model import Matrix, Node, Renstra
from ..sources.read import Row
from .model import BodyRow, HeaderCell, Style

T = TypeVar("T")

BLANK = ""  # an empty cell on purpose (not a missing value)
TOTAL = "TOTAL"
LEVELS = {"Program": 0, "Kegiatan": 1, "Sub Kegiatan": 2}


class Keys:
    """Row keys unique within one table: a repeated key gets the suffix " (2)", " (3)"..."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def __call__(self, key: str) -> str:
        count = self._seen.get(key, 0) + 1
        self._seen[key] = count
        return key if count == 1 else f"{key} ({count})"


class Locator:
    """`row.loc(key, year)` for large tables: each column is resolved once per sheet layout.

    Gives the same Location as `Row.loc`; used where tens of thousands of cells are located.
    """

    def __init__(self) -> None:
        self._columns: dict[tuple[int, str, int | None], tuple[str, str, str, str]] = {}

    def __call__(self, source: Row, key: str, year: int | None = None) -> Location:
        layout = source.layout
        spec = self._columns.get((id(layout), key, year))
        if spec is None:
            letter, header = layout.letters.get((key, year), ("", key))
            spec = (layout.workbook, layout.sheet, letter, header)
            self._columns[(id(layout), key, year)] = spec
        workbook, sheet, letter, header = spec
        cell = f"{letter}{source.number}" if letter and source.number else None
        return Location(workbook, sheet, cell, header)


def source_note(renstra: Renstra) -> str:
    return f"Sumber: {renstra.config.agency.sumber_data}"


def agency(renstra: Renstra) -> str:
    return renstra.config.agency.nama


def cells(*labels: str | HeaderCell) -> tuple[HeaderCell, ...]:
    """A header row from plain labels or ready HeaderCells."""
    return tuple(x if isinstance(x, HeaderCell) else HeaderCell(x) for x in labels)


def tall(label: str, rows: int = 2) -> HeaderCell:
    """A header cell spanning `rows` header rows."""
    return HeaderCell(label, rowspan=rows)


def wide(label: str, columns: int) -> HeaderCell:
    return HeaderCell(label, colspan=columns)


def ordinals(count: int) -> list[str]:
    """The "1 2 3 4 5" header labels of year-numbered columns (tahun ke-1..5)."""
    return [str(i) for i in range(1, count + 1)]


def row(
    key: str,
    values: Sequence[Any],
    sources: Sequence[Location | None] | None = None,
    units: Sequence[str | None] | None = None,
    **options: Any,
) -> BodyRow:
    """A body row; sources/units are dropped when they hold nothing."""
    return BodyRow(
        key=key,
        cells=tuple(values),
        sources=tuple(sources) if sources and any(s is not None for s in sources) else None,
        units=tuple(units) if units and any(u for u in units) else None,
        **options,
    )


def total_row(key: str, values: Sequence[Any]) -> BodyRow:
    return BodyRow(key=key, cells=tuple(values), style=Style.TOTAL)


def section_row(key: str, text: str, width: int) -> BodyRow:
    """A label row spanning the whole table (VISI / MISI, "Strategi n: ...")."""
    return BodyRow(key=key, cells=(text,), style=Style.SECTION, spans=(width,))


def blank_repeats(values: Sequence[Any], previous: Sequence[Any] | None) -> list[Any]:
    """Leading cells equal to the previous row's are left empty (grouped columns, Tabel 5.3).

    Only a prefix is blanked: once a cell differs, every cell to its right is shown.
    """
    shown = list(values)
    if previous is None:
        return shown
    for i, (now, before) in enumerate(zip(values, previous, strict=False)):
        if now != before or now in (None, BLANK):
            break
        shown[i] = BLANK
    return shown


# ---------------------------------------------------------------- matrices


def _natural_key() -> Callable[[str | None], Any] | None:
    try:
        module = importlib.import_module("renstra_docs.codes")
    except ImportError:
        return None
    return getattr(module, "natural_key", None)


def ordered_nodes(matrix: Matrix) -> list[Node]:
    """Matrix nodes in document order; children sorted by code when codes are present."""
    key = _natural_key()
    if key is None or not any(n.code for n in matrix.nodes):
        return matrix.walk()
    ordered: list[Node] = []
    stack = list(reversed(sorted(matrix.programs, key=lambda n: key(n.code))))
    while stack:
        node = stack.pop()
        ordered.append(node)
        stack.extend(reversed(sorted(node.children, key=lambda n: key(n.code))))
    return ordered


def node_key(node: Node) -> str:
    return node.code or node.id


def level_of(node: Node) -> int:
    return LEVELS.get(node.level, 2)


def node_style(node: Node) -> Style:
    return Style.BOLD if node.level == "Program" else Style.NORMAL


def is_support_program(node: Node) -> bool:
    """The 'PROGRAM PENUNJANG URUSAN ...' (code x.xx.01), left out of Tabel 7.1."""
    if node.code:
        return node.code.strip().endswith(".01")
    return node.name.strip().upper().startswith("PROGRAM PENUNJANG")


def indicator_slots(node: Node) -> Iterable[tuple[int, Any]]:
    """(index, indicator) for each indicator of a node, or one (0, None) when it has none."""
    if not node.indicators:
        return [(0, None)]
    return enumerate(node.indicators)


def or_none(items: Sequence[T] | None) -> list[T | None]:
    """The items, or one None so that a loop still writes one (blank) row."""
    return list(items) if items else [None]
