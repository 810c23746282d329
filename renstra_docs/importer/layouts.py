"""The official layouts an import recognises, by the roles of their columns, and their years.

`Tahun 1..5` of T-C.25/T-C.27 are the plan years of renstra.toml, `Tahun ke-1..5` of
T-C.23/T-C.24 the years of the previous period (real documents spell both either way: the layout
decides). Calendar years are kept as printed; a difference from the configured years is a
warning, never a stop (real documents print T-C.23 for 2017-2021 beside a T-C.24 for 2016-2020).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from ..config import Config
from ..findings import Finding, Location
from ..sources.links import CONFIGURED
from ..sources.schema import PLAN, PREVIOUS
from .columns import ACTUAL, BUDGET, RATIO, RP, TARGET, Role


class Layout(StrEnum):
    TC23 = "T-C.23"
    TC24 = "T-C.24"
    TC25 = "T-C.25"
    TC27 = "T-C.27"


PERIOD = {Layout.TC23: PREVIOUS, Layout.TC24: PREVIOUS, Layout.TC25: PLAN, Layout.TC27: PLAN}
# The roles a layout reads; the first group must be printed.
REQUIRED: dict[Layout, tuple[str, ...]] = {
    Layout.TC23: ("indikator", TARGET, ACTUAL),
    Layout.TC24: ("uraian", BUDGET, ACTUAL),
    Layout.TC25: ("tujuan", "indikator", TARGET),
    Layout.TC27: ("kode", "nama", "indikator", TARGET, RP),
}
OPTIONAL: dict[Layout, tuple[str, ...]] = {
    Layout.TC23: ("no", "satuan", "jenis_spm", "jenis_ikk", "jenis_lainnya", RATIO),
    Layout.TC24: ("no", "kode", RATIO, "pertumbuhan_anggaran", "pertumbuhan_realisasi"),
    Layout.TC25: ("no", "sasaran", "formula", "satuan"),
    Layout.TC27: (
        "no", "tujuan", "sasaran", "satuan", "baseline", "akhir_target", "akhir_rp",
        "unit_kerja", "lokasi",
    ),
}  # fmt: skip
MULTIPLE = {"kode"}  # a code may be split over up to five columns
MAX_CODE_COLUMNS = 5


def detect(keys: set[str]) -> Layout | None:
    if RP in keys and TARGET in keys:
        return Layout.TC27
    if BUDGET in keys and ACTUAL in keys:
        return Layout.TC24
    if TARGET in keys and ACTUAL in keys:
        return Layout.TC23
    if TARGET in keys and ("tujuan" in keys or "sasaran" in keys):
        return Layout.TC25
    return None


def resolve_years(
    layout: Layout, roles: Mapping[int, Role], config: Config, where: Location
) -> tuple[dict[int, int], list[Finding]]:
    """The year of every yearly column (column -> year), and what was wrong with them."""
    period = PERIOD[layout]
    configured = config.years_of(period)
    years: dict[int, int] = {}
    for col, role in roles.items():
        if role.calendar is not None:
            years[col] = role.calendar
        elif role.ordinal is not None:
            if role.ordinal > len(configured):
                return {}, [_no_year(role, period, configured, where)]
            years[col] = configured[role.ordinal - 1]
    found = sorted(set(years.values()))
    if found and found != list(range(found[0], found[-1] + 1)):
        return {}, [Finding("import-years", f"tahun kolom tidak berurutan: {found}", where)]
    printed = any(role.calendar is not None for role in roles.values())
    if printed and configured and tuple(found) != tuple(configured):
        return years, [_mismatch(found, configured, period, where)]
    return years, []


def _no_year(role: Role, period: str, configured: tuple[int, ...], where: Location) -> Finding:
    have = f"hanya {len(configured)} tahun" if configured else "tidak ada"
    return Finding(
        "import-years",
        f"kolom '{role.year_text()}': {CONFIGURED[period]} di renstra.toml {have}",
        where,
    )


def _mismatch(
    found: list[int], configured: tuple[int, ...], period: str, where: Location
) -> Finding:
    return Finding(
        "year-mismatch",
        f"tahun tercetak {found[0]}-{found[-1]}, {CONFIGURED[period]} = "
        f"{configured[0]}-{configured[-1]}: ditulis seperti tercetak",
        where,
    )
