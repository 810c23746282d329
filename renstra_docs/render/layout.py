"""Table layout: text widths in Arial metrics, and column widths fitted to the page.

Numbers and codes must never break inside a cell, so each column gets at least the width of
its longest unbreakable word; text columns share what is left by their relative width.
"""

from __future__ import annotations

import re

from ..tables.model import Format

WIDTH_SAFETY = 1.05  # renderers differ slightly from the Arial metrics used here
UNIT_CHARS = 8  # unit words up to this length stay whole in quantity columns
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
    return scale_widths(_grow(weights, total, minimums, keep), total)


NUMBER_GROWTH = 0.25  # a number column grows at most 25 % beyond its minimum; text takes the rest


def _grow(
    weights: list[float], total: int, minimums: list[int], keep: list[bool] | None
) -> list[float]:
    """Number columns get their weighted share, capped at 25 % above their minimum; the text
    columns share the rest by weight, never below their minimum."""
    numeric = keep or [False] * len(weights)
    if all(numeric):
        numeric = [False] * len(weights)
    weight_sum = sum(max(w, 0.0) for w in weights) or 1.0
    exact = [0.0] * len(weights)
    for i, is_number in enumerate(numeric):
        if is_number:
            share = total * max(weights[i], 0.0) / weight_sum
            exact[i] = min(max(share, minimums[i]), minimums[i] * (1 + NUMBER_GROWTH))
    text = [i for i, is_number in enumerate(numeric) if not is_number]
    pinned: dict[int, float] = {}
    while True:
        free = [i for i in text if i not in pinned]
        room = total - sum(exact) - sum(pinned.values())
        free_sum = sum(max(weights[i], 0.0) for i in free) or float(len(free) or 1)
        shares = {i: room * (max(weights[i], 0.0) or free_sum / len(free)) / free_sum for i in free}
        short = [i for i in free if shares[i] < minimums[i]]
        if not short:
            break
        pinned.update({i: float(minimums[i]) for i in short})
    for i in text:
        exact[i] = pinned.get(i, shares.get(i, 0.0))
    return exact


# Arial Bold advance widths in 1/1000 em (a conservative bound for regular text too).
_LOWER = (
    556,
    611,
    556,
    611,
    556,
    333,
    611,
    611,
    278,
    278,
    556,
    278,
    889,
    611,
    611,
    611,
    611,
    389,
    556,
    333,
    611,
    556,
    778,
    556,
    556,
    500,
)
_UPPER = (
    722,
    722,
    722,
    722,
    667,
    611,
    778,
    722,
    278,
    556,
    722,
    611,
    833,
    722,
    778,
    667,
    778,
    722,
    667,
    611,
    722,
    667,
    944,
    667,
    667,
    611,
)
_ADVANCE = {
    **{chr(97 + i): w for i, w in enumerate(_LOWER)},
    **{chr(65 + i): w for i, w in enumerate(_UPPER)},
    **dict.fromkeys("0123456789", 556),
    **dict.fromkeys(" .,/:;!|'", 278),
    **dict.fromkeys("-()[]", 333),
    "%": 889,
}


def text_width(text: str, font_pt: float) -> int:
    """Estimated width of `text` in twips, set in bold Arial at `font_pt`."""
    ems = sum(_ADVANCE.get(char, 600) for char in text) / 1000
    return round(ems * font_pt * 20 * WIDTH_SAFETY)


BREAKS = re.compile(r"(?<=[/-])|\s+")


def longest_word(
    text: str, format: Format = Format.TEXT, unit_chars: int | None = UNIT_CHARS
) -> str:
    """The longest piece of `text` a line cannot break (breaks at spaces, after / and -).

    In a quantity ('75 penyelenggara') only the number must not break: with `unit_chars`, a
    unit word longer than that may wrap (for tables too wide to keep every word whole).
    """
    if text.isdigit():
        return text
    words = BREAKS.split(text)
    if format is Format.QUANTITY and unit_chars is not None:
        words = [w if any(ch.isdigit() for ch in w) else w[:unit_chars] for w in words]
    return max(words, key=len)


def wrapped_lines(text: str, width: int, font_pt: float) -> int:
    """How many lines `text` takes in a cell `width` twips wide (greedy word wrap)."""
    room = max(width - CELL_PADDING, 1)
    count, used = 1, 0
    space = text_width(" ", font_pt)
    for word in BREAKS.split(text):
        if not word:
            continue
        size = text_width(word, font_pt)
        if used and used + space + size > room:
            count, used = count + 1, 0
        used += size + (space if used else 0)
        count += max(0, -(-size // room) - 1)  # a word wider than the cell breaks
    return count
