"""How a table is set: orientation, type size, column widths, and (when it must) column parts.

Every decision comes from measured widths (Arial metrics, render/layout.py):

- A number (or a code) never breaks and gets exactly its width; no word of a text column is
  ever broken, so each text column is at least as wide as its longest word; text columns share
  the rest of the line in proportion to how much text they hold.
- A layout is *comfortable* when every text column holds `COMFORT_CHARS` characters a line (or
  its longest text, if shorter): narrower columns wrap cells to 8-11 lines.
- Preference, first comfortable one wins: portrait at 8 pt, portrait at 7 pt; for a short
  table (it would leave a landscape page mostly empty) portrait in column parts; landscape at
  8 pt, at 7 pt; landscape in the fewest column parts. Never below 7 pt.
- A table too wide for any page is set in parts: each part repeats the key columns (the row's
  code and name) and takes a run of the other columns, split where the header allows (never
  between the columns of a header group such as "Tahun 1: Target | Pagu" if avoidable).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from ..tables.model import Style, Table
from .layout import (
    CELL_PADDING,
    WIDTH_SAFETY,
    cell_spans,
    fit_widths,
    header_grid,
    longest_word,
    text_ems,
    wrapped_lines,
)
from .page import Paper
from .wordml import INDENT_PER_LEVEL, LINE_FACTOR, SMALL_FONT_PT, TABLE_FONT_PT

SIZES = (TABLE_FONT_PT, SMALL_FONT_PT)
COMFORT_CHARS = 18  # characters a line a text column should hold
AVERAGE_EM = 0.52  # mean advance of Arial text, em
MAX_PARTS = 4
SHORT_ROWS = 30  # tables with more body rows are never "short"
SHORT_FRACTION = 0.5  # a table lower than this share of a landscape page is short
CELL_VERTICAL = 2 * 28  # top and bottom cell margins, twips


@dataclass(frozen=True)
class ColumnStats:
    """What the layout needs of one column, in em (independent of the type size)."""

    word_ems: float  # the longest word (header words and the numbering label included)
    mean_chars: float  # mean length of its texts
    max_chars: int  # the longest text
    indent: int  # twips of indentation the hierarchy column needs
    unbreakable: bool  # numbers and codes: exactly their width

    def minimum(self, pt: float) -> int:
        return round(self.word_ems * pt * 20 * WIDTH_SAFETY) + CELL_PADDING + self.indent

    def natural(self, pt: float) -> int:
        """The width of its longest text on one line."""
        ems = max(self.max_chars * AVERAGE_EM, self.word_ems)
        return round(ems * pt * 20 * WIDTH_SAFETY) + CELL_PADDING + self.indent

    def comfortable(self, pt: float) -> int:
        """The width that holds `COMFORT_CHARS` characters a line (or its longest text)."""
        ems = min(self.max_chars, COMFORT_CHARS) * AVERAGE_EM
        wanted = round(ems * pt * 20 * WIDTH_SAFETY) + CELL_PADDING + self.indent
        return max(wanted, self.minimum(pt))

    def ink(self, pt: float) -> float:
        return self.mean_chars * AVERAGE_EM * pt * 20


@dataclass(frozen=True)
class TablePart:
    columns: tuple[int, ...]  # column indices of the table, in order
    widths: tuple[int, ...]  # twips, one per column of the part


@dataclass(frozen=True)
class TablePlan:
    landscape: bool
    font_pt: float
    parts: tuple[TablePart, ...]

    @property
    def small(self) -> bool:
        return self.font_pt < TABLE_FONT_PT


# -- measuring ----------------------------------------------------------------------------------


def column_stats(table: Table) -> list[ColumnStats]:
    """Per column: longest word (plain rows in regular type, bold rows and header in bold),
    and the length of its texts (unspanned body cells)."""
    n = len(table.columns)
    plain: list[set[str]] = [set() for _ in range(n)]
    bold: list[set[str]] = [set() for _ in range(n)]
    for row, cells in zip(table.rows, table.texts, strict=True):
        target = bold if row.style is not Style.NORMAL else plain
        if not row.spans and len(cells) == n:
            for values, value in zip(target, cells, strict=True):
                values.add(value)
            continue
        col = 0
        for span, value in zip(cell_spans(table, row), cells, strict=False):
            if span == 1 and col < n:
                target[col].add(value)
            col += span
    heads = _header_words(table)
    depth = max((row.level for row in table.rows), default=0)
    return [_stats(table, col, plain[col], bold[col], heads[col], depth) for col in range(n)]


def _stats(
    table: Table, col: int, plain: set[str], bold: set[str], heads: list[str], depth: int
) -> ColumnStats:
    column = table.columns[col]
    words = [_longest(plain, column.nowrap)]
    bold_words = [_longest(bold, column.nowrap), *heads]
    if table.numbering_row:
        bold_words.append(f"({len(table.columns)})")
    ems = max(
        max(text_ems(w, bold=False) for w in words),
        max(text_ems(w, bold=True) for w in bold_words),
    )
    texts = [t for t in plain | bold if t]
    mean = sum(map(len, texts)) / len(texts) if texts else 0.0
    longest = max(map(len, texts), default=0)
    indent = depth * INDENT_PER_LEVEL if col == table.hierarchy_column else 0
    return ColumnStats(ems, mean, longest, indent, column.unbreakable)


def _longest(values: set[str], whole: bool) -> str:
    """The longest unbreakable word among `values` (a word is never longer than its text, so
    the longest texts are tried first and the search stops early)."""
    if whole:
        return max(sorted(values), key=len, default="")
    best = ""
    for value in sorted(values, key=lambda v: (-len(v), v)):  # a set's order varies per run
        if len(value) <= len(best):
            break
        word = longest_word(value)
        if len(word) > len(best):
            best = word
    return best


def _header_words(table: Table) -> list[list[str]]:
    """Per column, the words of the header cells that cover only that column."""
    words: list[list[str]] = [[] for _ in table.columns]
    for cell in header_grid(table):
        if cell.colspan == 1 and cell.col < len(words):
            words[cell.col].append(longest_word(cell.text))
    return words


# -- widths -------------------------------------------------------------------------------------


def column_widths(
    stats: Sequence[ColumnStats],
    columns: Sequence[int],
    total: int,
    pt: float,
    comfort: bool = True,
) -> list[int] | None:
    """Widths of `columns` filling `total` twips, or None when they do not fit.

    Numbers get their minimum; text columns share the rest by the amount of text they hold,
    each at least comfortable (with `comfort`; else at least its longest word) and at most its
    longest text on one line; any surplus is shared by the same weights."""
    floors = [
        stats[c].comfortable(pt) if comfort and not stats[c].unbreakable else stats[c].minimum(pt)
        for c in columns
    ]
    if sum(floors) > total:
        return None
    text = [i for i, c in enumerate(columns) if not stats[c].unbreakable]
    if not text:
        return fit_widths([float(m) for m in floors], total, floors)
    widths = [float(m) for m in floors]
    weights = {i: max(stats[columns[i]].ink(pt), 1.0) for i in text}
    caps = {i: float(max(stats[columns[i]].natural(pt), floors[i])) for i in text}
    room = _share(widths, weights, caps, total - sum(floors))
    if room > 0.5:  # every text column holds its longest text on one line: share the rest
        weight_sum = sum(weights.values())
        for i in text:
            widths[i] += room * weights[i] / weight_sum
    return _integers(widths, total)


def _share(
    widths: list[float], weights: dict[int, float], caps: dict[int, float], room: float
) -> float:
    """Give `room` to the columns of `weights` by weight, none beyond its cap (water filling);
    what is left over when every column is capped."""
    open_ = set(weights)
    while room > 0.5 and open_:
        weight_sum = sum(weights[i] for i in open_)
        capped = {i for i in open_ if widths[i] + room * weights[i] / weight_sum >= caps[i]}
        if not capped:
            for i in open_:
                widths[i] += room * weights[i] / weight_sum
            return 0.0
        for i in capped:
            room -= caps[i] - widths[i]
            widths[i] = caps[i]
        open_ -= capped
    return room


def _integers(widths: list[float], total: int) -> list[int]:
    out = [int(w) for w in widths]
    rest = total - sum(out)
    order = sorted(range(len(widths)), key=lambda i: (out[i] - widths[i], i))
    for i in order[:rest]:
        out[i] += 1
    return out


def _layout(
    stats: Sequence[ColumnStats], columns: Sequence[int], total: int, pt: float
) -> TablePart | None:
    """The comfortable layout of `columns` in `total` twips, if there is one."""
    widths = column_widths(stats, columns, total, pt)
    return None if widths is None else TablePart(tuple(columns), tuple(widths))


# -- the plan -----------------------------------------------------------------------------------


def plan_table(table: Table, paper: Paper, excerpt: bool = False) -> TablePlan:
    """The plan of `table`; an `excerpt` (some rows of a longer table, as in the redline of
    `renstra diff`) is laid out like the long table, never as a short one."""
    stats = column_stats(table)
    every = tuple(range(len(table.columns)))
    portrait, landscape = paper.portrait.usable_width, paper.landscape.usable_width
    for pt in SIZES:
        part = _layout(stats, every, portrait, pt)
        if part:
            return TablePlan(False, pt, (part,))
    wide = next(
        ((pt, part) for pt in SIZES if (part := _layout(stats, every, landscape, pt))), None
    )
    if not excerpt and _short(table, stats, paper, wide):
        split = _best_split(table, stats, portrait)
        if split:
            return TablePlan(False, split[0], split[1])
    if wide:
        return TablePlan(True, wide[0], (wide[1],))
    split = _best_split(table, stats, landscape)
    if split:
        return TablePlan(True, split[0], split[1])
    return _squeezed(table, stats, landscape)


def _squeezed(table: Table, stats: Sequence[ColumnStats], total: int) -> TablePlan:
    """Last resort: 7 pt landscape, each column at least its longest word if they fit, else
    scaled down (numbers keep their width where they can)."""
    pt, every = SMALL_FONT_PT, range(len(stats))
    widths = column_widths(stats, every, total, pt, comfort=False)
    if widths is None:
        mins = [s.minimum(pt) for s in stats]
        widths = fit_widths([1.0] * len(mins), total, mins, [s.unbreakable for s in stats])
    return TablePlan(True, pt, (TablePart(tuple(every), tuple(widths)),))


def _short(
    table: Table,
    stats: Sequence[ColumnStats],
    paper: Paper,
    wide: tuple[float, TablePart] | None,
) -> bool:
    """Would a landscape page hold this table and be mostly empty?"""
    if len(table.rows) > SHORT_ROWS:
        return False
    if wide is None:
        return True
    pt, part = wide
    return estimated_height(table, part, pt) < SHORT_FRACTION * paper.landscape.usable_height


def estimated_height(table: Table, part: TablePart, pt: float) -> int:
    """Twips the table takes: its header and every row at the wrapped line count."""
    line = pt * 20 * LINE_FACTOR
    lines = 2 * len(table.header) + (1 if table.numbering_row else 0)
    for row, cells in zip(table.rows, table.texts, strict=True):
        if row.spans or len(cells) != len(table.columns):
            lines += 1
            continue
        lines += max(
            wrapped_lines(cells[c], w, pt, bold=row.style is not Style.NORMAL)
            for c, w in zip(part.columns, part.widths, strict=True)
        )
    rows = len(table.header) + len(table.rows)
    return round(lines * line) + rows * CELL_VERTICAL


# -- column parts -------------------------------------------------------------------------------


def key_columns(table: Table) -> tuple[int, ...]:
    """The columns every part repeats: the leading numbers and codes, and the row's name."""
    name = table.hierarchy_column
    if name is None:
        return (0,)
    leading = itertools.takewhile(lambda i: table.columns[i].unbreakable, range(name))
    return (*leading, name)


def _boundary_costs(table: Table, rest: Sequence[int]) -> list[int]:
    """For each gap between consecutive `rest` columns, how many header cells span it."""
    cells = header_grid(table)
    costs = []
    for left, right in itertools.pairwise(rest):
        costs.append(
            sum(1 for c in cells if c.col <= left and right < c.col + c.colspan and c.colspan > 1)
        )
    return costs


def _best_split(
    table: Table, stats: Sequence[ColumnStats], total: int
) -> tuple[float, tuple[TablePart, ...]] | None:
    keys = key_columns(table)
    rest = [c for c in range(len(table.columns)) if c not in keys]
    if len(rest) < 2:
        return None
    costs = _boundary_costs(table, rest)
    gaps = [g for g, cost in enumerate(costs) if cost <= 1]
    for count in range(2, MAX_PARTS + 1):
        for pt in SIZES:
            best = _best_partition(table, stats, keys, rest, gaps, costs, count, pt, total)
            if best:
                return pt, best
    return None


def _best_partition(
    table: Table,
    stats: Sequence[ColumnStats],
    keys: tuple[int, ...],
    rest: list[int],
    gaps: list[int],
    costs: list[int],
    count: int,
    pt: float,
    total: int,
) -> tuple[TablePart, ...] | None:
    """The most even split of `rest` into `count` runs at `gaps` (fewest header cells cut)."""
    best: tuple[tuple[int, int], tuple[TablePart, ...]] | None = None
    for cuts in itertools.combinations(gaps, count - 1):
        bounds = [0, *(g + 1 for g in cuts), len(rest)]
        parts = []
        for start, end in itertools.pairwise(bounds):
            columns = tuple(sorted((*keys, *rest[start:end])))
            part = _layout(stats, columns, total, pt)
            if part is None:
                break
            parts.append(part)
        else:
            widest = max(sum(stats[c].minimum(pt) for c in p.columns) for p in parts)
            score = (widest, sum(costs[g] for g in cuts))
            if best is None or score < best[0]:
                best = (score, tuple(parts))
    return best[1] if best else None
