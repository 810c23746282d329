"""A renamed header: which missing schema column an unknown header cell stands in place of.

A header typed differently (`Nama Program` for `Nama`, `Pagu 2026 (Rp)` or `pagu 2O26` for
`Pagu 2026`) leaves a schema column missing and an unknown column where it used to be. Naming
the two together tells the staff what to fix; naming them apart (or only the years that are left)
sends them looking elsewhere. The pairing is by position, never by guessing a spelling:

- a year column: an unknown header between the schema neighbours of its year group that starts
  with the group's prefix (case, spaces and punctuation aside; the longest prefix wins) and has a
  digit after it. Its year is the 4-digit number it holds, else the one its position gives next to
  the group's other years (`Pagu 2025` in K, so L is `Pagu 2026`);
- a fixed column: a run of missing columns and as many unknown headers between the columns found
  before and after the run, in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .schema import Column, SheetSchema, YearColumns

Slot = tuple[Column, str, int | None] | None  # per header cell: (column, key, year)
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


@dataclass(frozen=True)
class InPlace:
    """An unknown header cell standing where a missing schema column belongs."""

    index: int  # of the unknown header cell (0 = column A)
    text: str  # as it is written
    missing: str  # the header the schema expects there: `Nama`, `Pagu 2026`, `Pagu <tahun>`
    group: str | None = None  # the year group's key, for a year column


def in_place_of(schema: SheetSchema, slots: list[Slot], unknown: dict[int, str]) -> list[InPlace]:
    """The unknown headers (index -> text) that stand in place of a missing schema column."""
    entries = list(schema.columns)
    found = [_positions(entry, slots) for entry in entries]
    free = dict(unknown)  # the unknown headers not paired yet
    pairs = _renamed_years(schema, entries, found, slots, free)
    pairs += _renamed_columns(entries, found, free)
    return sorted(pairs, key=lambda pair: pair.index)


def _renamed_years(
    schema: SheetSchema,
    entries: list[Column | YearColumns],
    found: list[list[int]],
    slots: list[Slot],
    free: dict[int, str],
) -> list[InPlace]:
    pairs = []
    for k, group in enumerate(entries):
        if not isinstance(group, YearColumns):
            continue
        low, high = _between(found, k, k)
        for index in sorted(free):
            if low < index < high and _year_like(free[index], group, schema.year_groups()):
                missing = _year_header(group, free[index], index, slots)
                if missing is not None:
                    pairs.append(InPlace(index, free.pop(index), missing, group.key))
    return pairs


def _renamed_columns(
    entries: list[Column | YearColumns], found: list[list[int]], free: dict[int, str]
) -> list[InPlace]:
    pairs = []
    for first, columns in _missing_runs(entries, found):
        low, high = _between(found, first, first + len(columns) - 1)
        candidates = [index for index in sorted(free) if low < index < high]
        if len(candidates) == len(columns):
            for column, index in zip(columns, candidates, strict=True):
                pairs.append(InPlace(index, free.pop(index), column.name))
    return pairs


def _positions(entry: Column | YearColumns, slots: list[Slot]) -> list[int]:
    """The header indexes where a fixed column or the columns of a year group were found."""
    if isinstance(entry, YearColumns):
        return [i for i, s in enumerate(slots) if s and s[2] is not None and s[1] == entry.key]
    return [i for i, s in enumerate(slots) if s and s[2] is None and s[0].name == entry.name]


def _between(found: list[list[int]], first: int, last: int) -> tuple[float, float]:
    """The header indexes around entries first..last: after the last column found before them,
    before the first column found after them."""
    before = [max(p) for p in found[:first] if p]
    after = [min(p) for p in found[last + 1 :] if p]
    return (before[-1] if before else -1), (after[0] if after else float("inf"))


def _missing_runs(
    entries: list[Column | YearColumns], found: list[list[int]]
) -> list[tuple[int, list[Column]]]:
    """Runs of consecutive fixed columns that are not in the header: (first entry, columns)."""
    runs: list[tuple[int, list[Column]]] = []
    for k, entry in enumerate(entries):
        if isinstance(entry, YearColumns) or found[k]:
            continue
        if runs and runs[-1][0] + len(runs[-1][1]) == k:
            runs[-1][1].append(entry)
        else:
            runs.append((k, [entry]))
    return runs


def _compact(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.casefold())


def _year_like(text: str, group: YearColumns, groups: list[YearColumns]) -> bool:
    compact, prefix = _compact(text), _compact(group.prefix)
    if not compact.startswith(prefix) or not any(c.isdigit() for c in compact[len(prefix) :]):
        return False
    longer = [g for g in groups if len(_compact(g.prefix)) > len(prefix)]
    return not any(compact.startswith(_compact(g.prefix)) for g in longer)


def _year_header(group: YearColumns, text: str, index: int, slots: list[Slot]) -> str | None:
    """The year column an unknown header stands for; None when that year is in the header."""
    found = [(abs(i - index), i, s[2]) for i, s in enumerate(slots) if s and s[1] == group.key]
    years = [(distance, i, year) for distance, i, year in found if year is not None]
    written = _YEAR.search(text)
    if written:
        year = int(written.group(1))
    elif years:
        _, i, nearest = min(years)
        year = nearest + index - i
    else:
        return f"{group.prefix} <tahun>"
    return None if any(year == y for _, _, y in years) else group.header(year)
