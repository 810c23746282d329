r"""Excel's number formats: the built-in table, and what a format code says about a value.

Importing anything from openpyxl runs its package __init__ (about 0.12 s, a fifth of a whole
build of the shipped project) although reading needs only the built-in table and the duration
pattern; they are openpyxl's own (openpyxl.styles.numbers, MIT licence; the table is ECMA-376
part 1, 18.8.30), and tests/test_numfmt.py checks that they still agree with the installed
openpyxl.

`describe(code)` tokenises a format code (ECMA-376 part 1, 18.8.31) instead of searching it for
characters: only the first section counts (the one for positive numbers); quoted text, `\x`
escapes, `_x` padding, `*x` fill and `[...]` brackets are not codes. So a `%` code scales the
stored fraction, a literal `%` (`0.00\%`, `0.00"%"`) does not (the value is already in percent,
as Calc and Excel show it), a unit is a quoted word such as `#,##0 "Orang"` (never the `"-"` of
the Accounting style's zero section), and date codes are found the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

BUILTIN_FORMATS: dict[int, str] = {
    0: "General",
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)',
    6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)',
    8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    12: "# ?/?",
    13: "# ??/??",
    14: "mm-dd-yy",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    22: "m/d/yy h:mm",
    37: "#,##0_);(#,##0)",
    38: "#,##0_);[Red](#,##0)",
    39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)",
    41: '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)',
    42: '_("$"* #,##0_);_("$"* \\(#,##0\\);_("$"* "-"_);_(@_)',
    43: '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)',
    44: '_("$"* #,##0.00_)_("$"* \\(#,##0.00\\)_("$"* "-"??_)_(@_)',
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mmss.0",
    48: "##0.0E+0",
    49: "@",
}

_TIMEDELTA = re.compile(
    "\\[hh?\\](:mm(:ss(\\.0*)?)?)?|\\[mm?\\](:ss(\\.0*)?)?|\\[ss?\\](\\.0*)?", re.IGNORECASE
)  # as openpyxl compiles it: [H]:MM counts too


# One token of a format code: a quoted text (perhaps unterminated), an escaped character, padding
# or fill with its character, a bracket ([Red], [>=100], [$Rp-421], [h]), the section separator,
# or any other single character (a code, or a symbol Excel shows as it is).
_TOKEN = re.compile(r'"([^"]*)"?|\\(.)|([_*]).?|\[([^\]]*)\]|(;)|(.)', re.S)
_DATE_CODES = frozenset("dmhysDMHYS")
_ELAPSED = frozenset({"h", "hh", "m", "mm", "s", "ss"})  # [h]:mm elapsed time (lower case only)


@dataclass(frozen=True, slots=True)
class FormatInfo:
    """What the first section of a number format says about a number stored under it."""

    scaled: bool  # a `%` code: the cell holds a fraction, shown times 100
    unit: str | None  # "%" for a `%` code or a literal `%`; else the first quoted word, as written
    date: bool  # a date or time code (d, m, h, y, s or [h] ...): the number is a serial date
    general: bool  # the section is `General` alone (what a pandas round trip leaves)


@lru_cache(maxsize=4096)
def describe(code: str | None) -> FormatInfo:
    """Tokenise the first section of `code` (see the module docstring)."""
    scaled = date = False
    words: list[str] = []  # literal texts: adjacent quoted and escaped pieces joined
    piece: list[str] = []
    codes: list[str] = []
    for match in _TOKEN.finditer(code or ""):
        quoted, escaped, padding, bracket, section, char = match.groups()
        if quoted is not None or escaped is not None:
            piece.append(quoted if quoted is not None else escaped)
            continue
        if piece:
            words.append("".join(piece).strip())
            piece = []
        if section:
            break
        if bracket is not None:
            date = date or bracket in _ELAPSED
        elif char is not None:
            scaled = scaled or char == "%"
            date = date or char in _DATE_CODES
            codes.append(char)
    if piece:
        words.append("".join(piece).strip())
    literal_percent = "%" in words
    word = next((w for w in words if any(c.isalpha() for c in w)), None)
    unit = "%" if scaled or literal_percent else word
    general = "".join(codes).strip().casefold() in ("general", "")
    return FormatInfo(scaled, unit, date, general and not words)


def is_date_format(fmt: str | None) -> bool:
    """A format that shows a date or a time (only its first section counts)."""
    return fmt is not None and describe(fmt).date


def is_timedelta_format(fmt: str | None) -> bool:
    """A format of elapsed time such as [h]:mm:ss."""
    if fmt is None:
        return False
    return _TIMEDELTA.search(fmt.split(";")[0]) is not None


@cache
def column_number(letters: str) -> int:
    """'A' -> 1, 'AA' -> 27: the inverse of column_letter."""
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number


@cache
def column_letter(index: int) -> str:
    """1 -> 'A', 27 -> 'AA' (Excel's column names; the one place they are made)."""
    letters = ""
    while index > 0:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
