"""Text measuring for table layout: Arial widths, unbreakable words, wrapped lines, header grid.

Widths use Arial's advance widths (LibreOffice substitutes the metric-compatible Liberation
Sans), regular or bold. A line may break only where both Word and LibreOffice break it: at
spaces, and after a hyphen followed by a letter ("sub-kegiatan"); not after "/" (LibreOffice
keeps "Pengujian/Verifikasi" whole and would break it inside a word if the column were
narrower) and not inside "2016-2021".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..tables.model import BodyRow, Style, Table

NO_DATA = "Data belum tersedia."  # the body of a table without rows and without placeholder

WIDTH_SAFETY = 1.03  # renderers differ slightly from the metrics used here
CELL_MARGIN = 40  # left and right cell margin, twips (0.07 cm)
CELL_PADDING = 2 * CELL_MARGIN + 20  # left and right cell margins plus slack, twips


def scale_widths(weights: list[float], total: int) -> list[int]:
    """Integer twips proportional to `weights`, summing exactly to `total`."""
    positive = [w if w > 0 else 0.0 for w in weights]
    weight_sum = sum(positive)
    if weight_sum <= 0:
        positive, weight_sum = [1.0] * len(weights), float(len(weights))
    widths = [int(total * w / weight_sum) for w in positive]
    widths[-1] += total - sum(widths)
    return widths


def fit_widths(
    weights: list[float], total: int, minimums: list[int], keep: list[bool] | None = None
) -> list[int]:
    """Widths proportional to `weights` but never below `minimums` when the page allows.

    When it does not, the columns marked in `keep` (numbers, which must not break) keep their
    minimum and the others share what is left in proportion to their minimums.
    """
    if sum(minimums) >= total:
        keep = keep or [False] * len(weights)
        kept = sum(m for m, k in zip(minimums, keep, strict=True) if k)
        if not any(keep) or kept >= total:
            return scale_widths([float(m) for m in minimums], total)
        factor = (total - kept) / (sum(minimums) - kept)
        return scale_widths(
            [float(m if k else m * factor) for m, k in zip(minimums, keep, strict=True)], total
        )
    exact = [float(m) for m in minimums]
    room = total - sum(minimums)
    weight_sum = sum(max(w, 0.0) for w in weights) or float(len(weights))
    for i, w in enumerate(weights):
        exact[i] += room * (max(w, 0.0) or weight_sum / len(weights)) / weight_sum
    return scale_widths(exact, total)


# Arial advance widths in 1/1000 em, a-z and A-Z.
_REGULAR_LOWER = (556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833,
                  556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500)  # fmt: skip
_REGULAR_UPPER = (667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
                  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611)  # fmt: skip
_BOLD_LOWER = (556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889,
               611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500)  # fmt: skip
_BOLD_UPPER = (722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833,
               722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611)  # fmt: skip
_COMMON = {
    **dict.fromkeys("0123456789", 556),
    **dict.fromkeys(" .,/:;!|'", 278),
    **dict.fromkeys("-()[]", 333),
    "%": 889,
    "–": 556,
    "—": 1000,
}
_REGULAR = {
    **{chr(97 + i): w for i, w in enumerate(_REGULAR_LOWER)},
    **{chr(65 + i): w for i, w in enumerate(_REGULAR_UPPER)},
    **_COMMON,
    "&": 667,
}
_BOLD = {
    **{chr(97 + i): w for i, w in enumerate(_BOLD_LOWER)},
    **{chr(65 + i): w for i, w in enumerate(_BOLD_UPPER)},
    **_COMMON,
    "&": 722,
}
_UNKNOWN = 600


def text_ems(text: str, bold: bool = True) -> float:
    """Width of `text` in em of Arial (regular or bold)."""
    table = _BOLD if bold else _REGULAR
    return sum(table.get(char, _UNKNOWN) for char in text) / 1000


def text_width(text: str, font_pt: float, bold: bool = True) -> int:
    """Estimated width of `text` in twips at `font_pt` (bold by default: a safe bound)."""
    return round(text_ems(text, bold) * font_pt * 20 * WIDTH_SAFETY)


BREAKS = re.compile(r"\s+|(?<=-)(?=[^\W\d_])")


def longest_word(text: str) -> str:
    """The longest piece of `text` a line cannot break (see the module docstring)."""
    if text.isdigit():
        return text
    return max(BREAKS.split(text), key=len)


def wrapped_lines(text: str, width: int, font_pt: float, bold: bool = True) -> int:
    """How many lines `text` takes in a cell `width` twips wide (greedy word wrap)."""
    room = max(width - CELL_PADDING, 1)
    space = text_width(" ", font_pt, bold)
    total = 0
    for line in text.split("\n"):
        count, used = 1, 0
        for word in BREAKS.split(line):
            if not word:
                continue
            size = text_width(word, font_pt, bold)
            if used and used + space + size > room:
                count, used = count + 1, 0
            used += size + (space if used else 0)
            count += max(0, -(-size // room) - 1)  # a word wider than the cell breaks
        total += count
    return total


@dataclass(frozen=True)
class GridCell:
    """A header cell placed on the column grid."""

    row: int
    col: int
    colspan: int
    rowspan: int
    text: str


def header_grid(table: Table) -> list[GridCell]:
    """Every header cell with the grid column it starts in (rowspans push later cells right)."""
    covered: set[tuple[int, int]] = set()
    cells = []
    for r, header_row in enumerate(table.header):
        c = 0
        for cell in header_row:
            while (r, c) in covered:
                c += 1
            cells.append(GridCell(r, c, cell.colspan, cell.rowspan, cell.text))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    covered.add((r + dr, c + dc))
            c += cell.colspan
    return cells


def cell_spans(table: Table, row: BodyRow) -> tuple[int, ...]:
    """The column span of each cell of `row`: a SECTION row given as one label without spans
    spans the whole table."""
    if (
        row.style is Style.SECTION
        and not row.spans
        and len(row.cells) == 1
        and len(table.columns) > 1
    ):
        return (len(table.columns),)
    return row.spans or (1,) * len(row.cells)


def header_row_lines(needs: list[tuple[int, int, int]], count: int) -> list[int]:
    """Lines per header row so that every cell fits: single-row cells first, then each merged
    cell adds what its rows still lack to its last row. `needs`: (first row, rowspan, lines)."""
    lines = [1] * count
    for first, rowspan, needed in sorted(needs, key=lambda need: need[1]):
        last = min(first + rowspan, count) - 1
        lines[last] += max(0, needed - sum(lines[first : last + 1]))
    return lines
