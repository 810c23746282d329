"""The national nomenclature of programs, kegiatan and sub-kegiatan, version-aware.

The reference lists ship as package data (`data/nomenklatur/`, every urusan) and are keyed on
(code, version), never on names. This module reads them, orders codes naturally, compares names,
recognises codes typed in the pre-2021 style, and maps codes from one version to another through
the crosswalk. It reads no workbook and makes no finding: `checks/codes.py` checks a Renstra's
codes, `codes.py` edits its workbook.

A build does not parse the full lists (8 MB for 2027): it reads a compact list generated from
each (`COMPACT_FILES`: the six columns the index uses, one row per line, written by
`compact_list` and checked against it by a test), bidang by bidang, on first use: the lines whose
code starts with the bidang (`1.06.`) are found with a byte search and only they are parsed, so a
build pays for the bidang its codes name, not for the 9.700 rows of the list.

The generic rows `X.XX...` (program 01, PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH, its
kegiatan and sub-kegiatan) are instantiated for every bidang the list has (`Entry.generic`):
bidang 1.02 gets 1.02.01, 1.02.01.2.01, ... in both versions, each from its own generic rows.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Generic, NamedTuple, TypeVar

VERSION_FILES = {"2023": "nomenklatur_2023.csv", "2027": "nomenklatur_2027.csv"}  # full lists
COMPACT_FILES = {version: f"nomenklatur_{version}_ringkas.csv" for version in VERSION_FILES}
CROSSWALK_FILE = "nomenklatur_sosial_crosswalk_2023_2027.csv"
KABKOT, PROV = "KABKOT", "PROV"
JENIS_PEMDA = {"2023": (KABKOT,), "2027": (KABKOT, PROV)}  # the rows each list holds
GENERIC = "X.XX"  # bidang code of the generic rows (Program Penunjang, X.XX.01...)
LEVELS = {"program": "Program", "kegiatan": "Kegiatan", "sub_kegiatan": "Sub Kegiatan"}
_BIDANG = re.compile(r"\d\.\d\d")
_OLD_URUSAN = re.compile(r"0\d")  # urusan written with a leading zero: 01.05...
_OLD_SUB = re.compile(r"\d\d")  # two-digit sub-kegiatan number (before 2021)


# ---------------------------------------------------------------- the index


@dataclass(frozen=True)
class Entry:
    """One row of a nomenclature version (of one jenis_pemda)."""

    code: str
    level: str  # Program / Kegiatan / Sub Kegiatan
    name: str
    parent: str
    unit: str | None
    version: str
    generic: bool = False  # instantiated from the generic X.XX rows (Program Penunjang)


class _Row(NamedTuple):
    """One row of a compact list (COMPACT_COLUMNS)."""

    kode: str
    level: str  # bidang / program / kegiatan / sub_kegiatan
    nama: str
    jenis_pemda: str
    kode_induk: str
    satuan: str


COMPACT_COLUMNS = _Row._fields


@dataclass(frozen=True)
class _Bidang:
    """The rows of one bidang: by code and by parent code (children in natural order)."""

    entries: Mapping[str, Entry]
    children: Mapping[str, tuple[Entry, ...]]


class Nomenclature:
    """The rows of one version and jenis_pemda, read bidang by bidang on first use."""

    def __init__(self, version: str, jenis_pemda: str = KABKOT) -> None:
        self.version = version
        self.jenis_pemda = jenis_pemda
        self.entries: Mapping[str, Entry] = _ByBidang(self, lambda b: b.entries)
        self.children: Mapping[str, tuple[Entry, ...]] = _ByBidang(self, lambda b: b.children)

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


_V = TypeVar("_V")


class _ByBidang(Mapping[str, _V], Generic[_V]):
    """A read-only mapping over every bidang of a version; a key reads only its own bidang.

    Iterating reads the whole list (for tools, not for a build)."""

    def __init__(self, index: Nomenclature, part: Callable[[_Bidang], Mapping[str, _V]]) -> None:
        self._index, self._part = index, part

    def __getitem__(self, key: str) -> _V:
        if not isinstance(key, str):
            raise KeyError(key)
        return self._of(key)[key]

    def __iter__(self) -> Iterator[str]:
        for code in _bidang_codes(self._index.version):
            yield from self._of(code)

    def _of(self, code: str) -> Mapping[str, _V]:
        """The part of the bidang of `code` (1.06 for 1.06.05.2.02.0008)."""
        return self._part(_bidang(self._index.version, self._index.jenis_pemda, bidang_of(code)))

    def __len__(self) -> int:
        return sum(1 for _ in self)


def versions() -> tuple[str, ...]:
    return tuple(VERSION_FILES)


def _check_version(version: str, jenis_pemda: str = KABKOT) -> None:
    if version not in VERSION_FILES:
        raise ValueError(
            f"versi nomenklatur '{version}' tidak dikenal (pilihan: {', '.join(VERSION_FILES)})"
        )
    if jenis_pemda not in JENIS_PEMDA[version]:
        raise ValueError(f"nomenklatur versi {version} tidak memuat baris {jenis_pemda}")


@cache
def nomenclature(version: str, jenis_pemda: str = KABKOT) -> Nomenclature:
    """The index of `version` ("2023" or "2027") for kab/kota (KABKOT) or provinsi (PROV)."""
    _check_version(version, jenis_pemda)
    return Nomenclature(version, jenis_pemda)


def bidang_of(code: str) -> str:
    """The bidang urusan of a code: its first two parts (1.06 of 1.06.05.2.02)."""
    return ".".join(code.split(".")[:2])


@cache
def _bidang(version: str, jenis_pemda: str, bidang: str) -> _Bidang:
    if not _BIDANG.fullmatch(bidang):  # a malformed code, or the generic X.XX itself
        return _Bidang({}, {})
    rows = [r for r in _rows(version, bidang) if r.jenis_pemda == jenis_pemda]
    entries = [_entry(r, version) for r in rows if r.level in LEVELS]
    if rows:  # the bidang is in this list: Program Penunjang applies to it
        generic = (r for r in _rows(version, GENERIC) if r.jenis_pemda == jenis_pemda)
        entries += [_entry(r, version, bidang) for r in generic if r.level in LEVELS]
    # codes of the lists are digits and dots: a plain numeric key orders them as natural_key
    by_code = {e.code: e for e in sorted(entries, key=lambda e: [*map(int, e.code.split("."))])}
    children: dict[str, list[Entry]] = {}
    for entry in by_code.values():
        children.setdefault(entry.parent, []).append(entry)
    return _Bidang(by_code, {k: tuple(v) for k, v in children.items()})


def _entry(row: _Row, version: str, bidang: str | None = None) -> Entry:
    """The entry of a row; a generic row (X.XX...) is instantiated for `bidang`."""
    code, parent = row.kode, row.kode_induk
    if bidang is not None:
        code, parent = (bidang + c.removeprefix(GENERIC) for c in (code, parent))
    return Entry(
        code,
        LEVELS[row.level],
        row.nama,
        parent or parent_code(code) or "",
        row.satuan or None,
        version,
        generic=bidang is not None,
    )


# ---------------------------------------------------------------- reading the lists


def compact_list(version: str) -> str:
    """The compact list of `version` (COMPACT_FILES) made from its full list (VERSION_FILES).

    Bidang, program, kegiatan and sub-kegiatan rows, COMPACT_COLUMNS with single spaces, one row
    per line. `tests/test_nomenclature_data.py` checks the shipped file against it and rewrites
    it with RENSTRA_UPDATE_NOMENKLATUR=1.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COMPACT_COLUMNS)
    for row in _csv(VERSION_FILES[version]):
        if row["level"] == "bidang" or row["level"] in LEVELS:
            writer.writerow([" ".join(row[column].split()) for column in COMPACT_COLUMNS])
    return out.getvalue()


@cache
def _data(version: str) -> bytes:
    return (_folder() / COMPACT_FILES[version]).read_bytes()


def _folder() -> Traversable:
    return resources.files("renstra_docs") / "data" / "nomenklatur"


def _rows(version: str, bidang: str) -> list[_Row]:
    """The rows of `version` whose code is `bidang` or starts with `bidang.`, parsed as CSV.

    The compact list has one row per line and the code first, so a byte search for the line
    starts finds them."""
    lines = b"\n".join(_lines(_data(version), bidang.encode())).decode("utf-8")
    return [_Row._make(values) for values in csv.reader(io.StringIO(lines))]


def _lines(data: bytes, bidang: bytes) -> Iterator[bytes]:
    needle = b"\n" + bidang
    start = data.find(needle)
    while start != -1:
        end = data.find(b"\n", start + 1)
        end = len(data) if end == -1 else end
        if data[start + 1 + len(bidang) : start + 2 + len(bidang)] in (b".", b","):
            yield data[start + 1 : end]
        start = data.find(needle, end)


@cache
def _bidang_codes(version: str) -> tuple[str, ...]:
    """Every bidang of a list (reads the whole file: for iterating an index, not for a build)."""
    lines = _data(version).decode("utf-8").splitlines()[1:]
    codes = {bidang_of(line.split(",", 1)[0]) for line in lines}
    return tuple(sorted((c for c in codes if _BIDANG.fullmatch(c)), key=natural_key))


def _csv(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((_folder() / name).read_text(encoding="utf-8"))))


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


def normalise_code(code: str) -> str:
    """A code in today's style: `01.05.02.2.01.03` -> `1.05.02.2.01.0003`.

    Codes of Kepmendagri 050-3708/2020 and before number sub-kegiatan with two digits, and some
    workbooks write the urusan with a leading zero; any other code is returned as it is.
    """
    parts = code.split(".")
    if _OLD_URUSAN.fullmatch(parts[0]):
        parts[0] = parts[0][1:]
    if len(parts) == 6 and _OLD_SUB.fullmatch(parts[5]):
        parts[5] = "00" + parts[5]
    return ".".join(parts)


@dataclass(frozen=True)
class Resolved:
    """A code as typed, in today's style, and its entry (None when no version has it)."""

    typed: str
    code: str
    entry: Entry | None

    @property
    def old_style(self) -> bool:
        return self.code != self.typed


def resolve(code: str, version: str, jenis_pemda: str = KABKOT) -> Resolved:
    """The entry of `code` (normalised) in `version`, else in another version (newest first)."""
    normal = normalise_code(code)
    others = sorted(set(VERSION_FILES) - {version}, key=int, reverse=True)
    for candidate in (version, *others):
        if jenis_pemda in JENIS_PEMDA[candidate]:
            entry = nomenclature(candidate, jenis_pemda).get(normal)
            if entry is not None:
                return Resolved(code, normal, entry)
    return Resolved(code, normal, None)


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
        _check_version(version)
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
