"""What each column of a printed table holds, from its header label (all its header texts).

A column's role is read from the words of its label, the most specific part (the lowest header
row) first: `Target Kinerja ... | Tahun 1 | Rp` is the Rp of plan year 1, `Rasio antara Realisasi
dan Anggaran Tahun ke- | 3` a ratio of year 3. Years are printed as `Tahun 1`, `Tahun ke-1` (an
ordinal: which year of the period) or as calendar years (`2022`, `Tahun 2022`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# Measures printed once per year.
TARGET, RP, BUDGET, ACTUAL, RATIO = "target", "rp", "anggaran", "realisasi", "rasio"
_CALENDAR = re.compile(r"(?:tahun\s*)?((?:19|20)\d\d)", re.I)
_ORDINAL = re.compile(r"tahun\s*(?:ke\s*-?\s*)?([1-9]\d?)\b", re.I)
_MEASURES = (  # within one header text: the first that matches decides
    (RATIO, re.compile(r"rasio")),
    (ACTUAL, re.compile(r"realisasi")),
    (BUDGET, re.compile(r"anggaran")),
    (RP, re.compile(r"\brp\b|pagu|dana|pendanaan")),
    (TARGET, re.compile(r"target")),
)
_BASELINE = re.compile(
    r"tahun awal|kondisi (kinerja )?(pada )?awal|capaian awal|baseline|tahun 0\b", re.I
)
# Columns printed once: (role, pattern on the whole label), the first match decides.
_FIXED = (
    ("formula", re.compile(r"formula|rumus", re.I)),
    ("jenis_spm", re.compile(r"\b(spm|nspk)\b", re.I)),
    ("jenis_ikk", re.compile(r"\bikk\b", re.I)),
    ("jenis_lainnya", re.compile(r"lainnya", re.I)),
    ("indikator", re.compile(r"indikator", re.I)),
    ("kode", re.compile(r"\bkode\b", re.I)),
    ("nama", re.compile(r"program|kegiatan", re.I)),
    ("tujuan", re.compile(r"tujuan", re.I)),
    ("sasaran", re.compile(r"sasaran", re.I)),
    ("uraian", re.compile(r"uraian", re.I)),
    ("satuan", re.compile(r"satuan", re.I)),
    ("unit_kerja", re.compile(r"unit kerja|penanggung ?jawab", re.I)),
    ("lokasi", re.compile(r"lokasi", re.I)),
    ("no", re.compile(r"(no|nomor)\.?", re.I)),
)
_FULL = {"no"}  # roles whose pattern must match the whole label


@dataclass(frozen=True)
class Role:
    key: str
    ordinal: int | None = None  # Tahun 1 / Tahun ke-1
    calendar: int | None = None  # a calendar year as printed

    @property
    def yearly(self) -> bool:
        return self.ordinal is not None or self.calendar is not None

    def year_text(self) -> str:
        return str(self.calendar) if self.calendar else f"Tahun ke-{self.ordinal}"


def classify(parts: Sequence[str]) -> Role | None:
    """The role of a column from its header texts (top down), None when it is not known."""
    label = " ".join(parts)
    inner = [p.casefold() for p in reversed(parts)]
    if "pertumbuhan" in label.casefold():
        return _growth(inner)
    if "akhir" in label.casefold():
        return Role("akhir_rp" if _measure(inner) == RP else "akhir_target")
    if _BASELINE.search(label):
        return Role("baseline")
    ordinal, calendar = _year(parts)
    if ordinal is not None or calendar is not None:
        measure = _measure(inner)
        return Role(measure, ordinal, calendar) if measure else None
    for key, pattern in _FIXED:
        found = pattern.fullmatch(label) if key in _FULL else pattern.search(label)
        if found:
            return Role(key)
    return None


def _growth(inner: list[str]) -> Role | None:
    measure = _measure(inner)
    return Role(f"pertumbuhan_{measure}") if measure in (BUDGET, ACTUAL) else None


def _measure(inner: list[str]) -> str | None:
    for part in inner:
        for measure, pattern in _MEASURES:
            if pattern.search(part):
                return measure
    return None


def _year(parts: Sequence[str]) -> tuple[int | None, int | None]:
    for part in reversed(parts):
        calendar = _CALENDAR.fullmatch(part)
        if calendar:
            return None, int(calendar.group(1))
    ordinal = _ORDINAL.search(" ".join(parts))
    return (int(ordinal.group(1)), None) if ordinal else (None, None)
