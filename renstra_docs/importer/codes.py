"""Nomenclature codes as T-C.27 prints them, and the level each one gives a row.

- Full codes, kept as printed: program X.XX.NN, kegiatan X.XX.NN.N.NN, sub-kegiatan
  X.XX.NN.N.NN.NNNN (or .NN, the two-digit sub-kegiatan of the pre-2021 lists); the urusan may
  carry a leading zero (`01.05.02.2.01.03`).
- A code split over up to five columns: its parts joined with dots; a row that prints only its own
  part(s) takes the parts to their left from the row above that printed them.
- Short codes of the support program, without the urusan: `01` (program), `01.01` or `01.2.01`
  (kegiatan), `01.01.06` or `01.2.01.06` (sub-kegiatan). They are completed from the program or
  kegiatan above them (a program: from the urusan above, else renstra.toml's); a short kegiatan
  without its kab/kota digit takes `2` (X.XX.NN.2.NN, Permendagri 90/2019). A code that reads both
  ways (`01.01.06`) is a full code only when its urusan is the agency's; a code that cannot be
  completed is a finding, never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..sources.schema import LEVELS
from .grid import Grid
from .values import code_text

PROGRAM, KEGIATAN, SUB = LEVELS
LEVEL_OF_PARTS = {3: PROGRAM, 5: KEGIATAN, 6: SUB}
_FULL_PARTS = (r"\d{1,2}", r"\d{2}", r"\d{2}", r"\d", r"\d{2}", r"\d{2}|\d{4}")
_URUSAN = re.compile(r"\d(\.\d{2})?")  # an urusan (1) or bidang urusan (1.06) row
KABKOT = "2"  # the digit of a kab/kota kegiatan code (X.XX.NN.2.NN)


class CodeError(ValueError):
    """Why a printed code gives no level (Bahasa Indonesia, for the finding)."""


def full_level(code: str) -> str | None:
    parts = code.split(".")
    level = LEVEL_OF_PARTS.get(len(parts))
    if level and all(re.fullmatch(p, part) for p, part in zip(_FULL_PARTS, parts, strict=False)):
        return level
    return None


def is_urusan(code: str) -> bool:
    return _URUSAN.fullmatch(code) is not None


def urusan_key(code: str) -> tuple[int, ...]:
    """The urusan and bidang of a code, leading zeros ignored: 01.05.02 -> (1, 5)."""
    return tuple(int(p) for p in code.split(".")[:2] if p.isdigit())


@dataclass
class Context:
    """What is above a row: the urusan, the program and kegiatan a short code completes from."""

    urusan: str | None
    known: set[tuple[int, ...]] = field(default_factory=set)  # urusan keys of the agency
    program: str | None = None
    kegiatan: str | None = None

    def saw(self, level: str, code: str) -> None:
        if level == PROGRAM:
            self.program, self.kegiatan = code, None
            self.urusan = ".".join(code.split(".")[:2])
        elif level == KEGIATAN:
            self.kegiatan = code
        self.known.add(urusan_key(code))

    def enter_urusan(self, code: str) -> None:
        self.urusan = code if "." in code else self.urusan
        self.known.add(urusan_key(code))
        self.program = self.kegiatan = None


def read_code(code: str, context: Context) -> tuple[str, str]:
    """(level, code as written) of a printed code, or CodeError."""
    full = full_level(code)
    short = _short(code, context)
    if full and short:
        return (full, code) if urusan_key(code) in context.known else short
    if full:
        return full, code
    if short:
        return short
    raise CodeError(_why(code, context))


def _short(code: str, context: Context) -> tuple[str, str] | None:
    parts = code.split(".")
    if not all(p.isdigit() for p in parts) or len(parts[0]) != 2:
        return None
    lengths = tuple(len(p) for p in parts)
    if lengths == (2,):
        return (PROGRAM, f"{context.urusan}.{parts[0]}") if context.urusan else None
    if lengths in ((2, 2), (2, 1, 2)):
        kegiatan = (parts[0], KABKOT, parts[1]) if len(parts) == 2 else tuple(parts)
        program = context.program
        if program and program.split(".")[2] == kegiatan[0]:
            return KEGIATAN, f"{program}.{kegiatan[1]}.{kegiatan[2]}"
        return None
    if lengths in ((2, 2, 2), (2, 2, 4), (2, 1, 2, 2), (2, 1, 2, 4)):
        own = (parts[0], KABKOT, parts[1]) if len(parts) == 3 else tuple(parts[:3])
        above = context.kegiatan
        if above and tuple(above.split(".")[2:5]) == own:
            return SUB, f"{above}.{parts[-1]}"
    return None


def _why(code: str, context: Context) -> str:
    if code.split(".")[0].isdigit() and len(code.split(".")[0]) == 2:
        if code.count(".") == 0 and not context.urusan:
            return f"kode singkat '{code}': urusan di atasnya tidak jelas"
        return f"kode singkat '{code}' tidak cocok dengan program/kegiatan di atasnya"
    return f"kode '{code}' bukan kode program, kegiatan atau sub kegiatan"


@dataclass
class SplitCode:
    """The code of a row from its code columns (one, or up to five)."""

    grid: Grid
    cols: Sequence[int]
    last: list[str | None] = field(default_factory=list)

    def at(self, row: int) -> str | None:
        parts = [
            code_text(self.grid.raw(row, c), self.grid.number_format(row, c)) for c in self.cols
        ]
        given = [i for i, part in enumerate(parts) if part]
        if not given:
            return None
        if len(parts) > 1:
            first, end = given[0], given[-1]
            if first and len(self.last) >= first and all(self.last[:first]):
                parts[:first] = self.last[:first]
            self.last = [*parts[: end + 1], *([None] * (len(parts) - end - 1))]
        return ".".join(p.strip(".") for p in parts if p)
