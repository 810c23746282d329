"""What an import writes: the rows of one project sheet, keyed by the schema's column headers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..sources.schema import SheetSchema, WorkbookSchema
from .values import Amount


@dataclass
class SheetOutput:
    book: WorkbookSchema
    sheet: SheetSchema
    years: tuple[int, ...]  # of every year group of the sheet
    rows: list[dict[str, Any]] = field(default_factory=list)
    replaces_table: str | None = None  # only the rows of this `Tabel` are replaced (deklarasi)

    def add(self, values: Mapping[str, Any], yearly: Mapping[str, Mapping[int, Any]] = {}) -> None:  # noqa: B006 - read only
        """One row: fixed columns by header, year groups by prefix ({year: value})."""
        row = {self._fixed(name): _raw(value) for name, value in values.items()}
        for prefix, by_year in yearly.items():
            group = next(g for g in self.sheet.year_groups() if g.prefix == prefix)
            row.update({group.header(year): _raw(v) for year, v in by_year.items()})
        self.rows.append(row)

    def _fixed(self, name: str) -> str:
        if name not in _names(self.sheet):
            raise KeyError(f"{self.sheet.name} has no column {name!r}")
        return name


@cache
def _names(sheet: SheetSchema) -> frozenset[str]:
    return frozenset(c.name for c in sheet.fixed_columns())


def _raw(value: Any) -> Any:
    return value.raw() if isinstance(value, Amount) else value
