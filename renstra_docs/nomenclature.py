"""The national nomenclature of programs, kegiatan and sub-kegiatan, version-aware.

The reference lists ship as package data (`data/nomenklatur/`) and are keyed on (code, version),
never on names. This module loads them once, orders codes naturally, compares names, and maps
codes from one version to another through the crosswalk. It reads no workbook and makes no
finding: `checks/codes.py` checks a Renstra's codes, `codes.py` edits its workbook.

Program 1.06.01 (Penunjang Urusan) comes from the generic X.XX.01 rows that the 2027 export
instantiates for 1.06. The 2023 extract has no such rows, so version 2023 borrows the same generic
rows (`Entry.generic`); their codes have not changed between the two lists we know.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

VERSION_FILES = {"2023": "nomenklatur_sosial_2023.csv", "2027": "nomenklatur_sosial.csv"}
CROSSWALK_FILE = "nomenklatur_sosial_crosswalk_2023_2027.csv"
GENERIC_SOURCE = "2027"  # the list whose instantiated Penunjang rows other versions borrow
PENUNJANG = ".01"  # program suffix of Program Penunjang Urusan (X.XX.01)
KABKOT = "KABKOT"
LEVELS = {"program": "Program", "kegiatan": "Kegiatan", "sub_kegiatan": "Sub Kegiatan"}


# ---------------------------------------------------------------- the index


@dataclass(frozen=True)
class Entry:
    """One row of a nomenclature version (kab/kota)."""

    code: str
    level: str  # Program / Kegiatan / Sub Kegiatan
    name: str
    parent: str
    unit: str | None
    version: str
    generic: bool = False  # Program Penunjang row borrowed from the generic list


@dataclass(frozen=True)
class Nomenclature:
    """The kab/kota rows of one version, by code and by parent code."""

    version: str
    entries: Mapping[str, Entry]
    children: Mapping[str, tuple[Entry, ...]]

    def get(self, code: str | None) -> Entry | None:
        return self.entries.get(code) if code else None

    def __contains__(self, code: object) -> bool:
        return code in self.entries

    def find(self, names: str | Iterable[str], parent: str, level: str) -> Entry | None:
        """The entry under `parent` at `level` whose name matches `names` (one or several)."""
        wanted = {match_key(n) for n in ([names] if isinstance(names, str) else names)}
        found = [
            e
            for e in self.children.get(parent, ())
            if e.level == level and match_key(e.name) in wanted
        ]
        return min(found, key=lambda e: natural_key(e.code)) if found else None


def versions() -> tuple[str, ...]:
    return tuple(VERSION_FILES)


@cache
def nomenclature(version: str) -> Nomenclature:
    """The index of `version` ("2023" or "2027"), read once from the package data."""
    if version not in VERSION_FILES:
        raise ValueError(
            f"versi nomenklatur '{version}' tidak dikenal (pilihan: {', '.join(VERSION_FILES)})"
        )
    entries = [e for e in _entries(version) if e.code]
    if not any(_is_penunjang(e.code) for e in entries) and version != GENERIC_SOURCE:
        entries += [
            Entry(e.code, e.level, e.name, e.parent, e.unit, version, generic=True)
            for e in _entries(GENERIC_SOURCE)
            if _is_penunjang(e.code)
        ]
    by_code = {e.code: e for e in entries}
    children: dict[str, list[Entry]] = {}
    for entry in sorted(by_code.values(), key=lambda e: natural_key(e.code)):
        children.setdefault(entry.parent, []).append(entry)
    return Nomenclature(version, by_code, {k: tuple(v) for k, v in children.items()})


def _entries(version: str) -> Iterator[Entry]:
    for row in _csv(VERSION_FILES[version]):
        if row["jenis_pemda"] != KABKOT or row["level"] not in LEVELS:
            continue
        code = row["kode"].strip()
        yield Entry(
            code,
            LEVELS[row["level"]],
            " ".join(row["nama"].split()),
            row["kode_induk"].strip() or parent_code(code) or "",
            row["satuan"].strip() or None,
            version,
        )


def _is_penunjang(code: str) -> bool:
    parts = code.split(".")
    return len(parts) >= 3 and parts[2] == PENUNJANG.lstrip(".")


def _csv(name: str) -> list[dict[str, str]]:
    text = (resources.files("renstra_docs") / "data" / "nomenklatur" / name).read_text(
        encoding="utf-8"
    )
    return list(csv.DictReader(io.StringIO(text)))


# ---------------------------------------------------------------- codes and names


def parent_code(code: str | None) -> str | None:
    """The code prefix of the parent: sub-kegiatan -> kegiatan -> program -> urusan."""
    if not code:
        return None
    parts = code.split(".")
    keep = {6: 5, 5: 3, 3: 2}.get(len(parts))
    return ".".join(parts[:keep]) if keep else None


def program_of(code: str) -> str:
    return ".".join(code.split(".")[:3])


def natural_key(code: str | None) -> tuple:
    """Sort key for natural code order: numeric parts as numbers, empty codes last.

    `sorted(nodes, key=lambda n: natural_key(n.code))` keeps sheet order among rows without a
    code (Python's sort is stable).
    """
    if code is None or not str(code).strip():
        return (1,)
    parts = re.split(r"[.\s]+", str(code).strip())
    return (0, *((0, int(p), "") if p.isdigit() else (1, 0, p.casefold()) for p in parts))


_KABKOTA = re.compile(r"\b(kabupaten|kab)\s*/\s*kota\b")


def normalise_name(name: str) -> str:
    """Name as compared with the official one: case, spaces and punctuation ignored."""
    return re.sub(r"[\W_]+", "", name.casefold())


def match_key(name: str) -> str:
    """Looser key used to find a code: also 'Kabupaten/Kota' = 'Kabupaten'."""
    return normalise_name(_KABKOTA.sub("kabupaten", name.casefold()))


@cache
def crosswalk(source: str, target: str) -> Mapping[str, tuple[str | None, str | None, str | None]]:
    """Sub-kegiatan code in `source` -> (code, unit in source, unit in target)."""
    for version in (source, target):
        if version not in VERSION_FILES:
            raise ValueError(
                f"versi nomenklatur '{version}' tidak dikenal (pilihan: {', '.join(VERSION_FILES)})"
            )
    mapping: dict[str, tuple[str | None, str | None, str | None]] = {}
    for row in _csv(CROSSWALK_FILE):
        old = row.get(f"kode_{source}", "").strip()
        if old:
            mapping[old] = (
                row.get(f"kode_{target}", "").strip() or None,
                row.get(f"satuan_{source}", "").strip() or None,
                row.get(f"satuan_{target}", "").strip() or None,
            )
    return mapping


def map_code(code: str, source: str, target: str) -> tuple[str | None, str | None, str | None]:
    """(new code or None, unit in source, unit in target) of `code` from `source` to `target`."""
    old_index, new_index = nomenclature(source), nomenclature(target)
    old_entry = old_index.get(code)
    old_unit = old_entry.unit if old_entry else None
    if source == target:
        return code, old_unit, old_unit
    walked = crosswalk(source, target).get(code)
    if walked is not None:
        return walked
    new_entry = new_index.get(code)
    if (
        new_entry is not None
        and old_entry is not None
        and match_key(new_entry.name) == match_key(old_entry.name)
    ):
        return code, old_unit, new_entry.unit  # programs, kegiatan, Penunjang: same code
    return None, old_unit, None
