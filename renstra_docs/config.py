"""renstra.toml: which agency, which period, where the tables are, how some numbers are computed.

Every value is checked when the file is read; a wrong one is one error naming its key
(`periode.tahun_rencana: ...`), never a traceback.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .findings import Finding, Location, RenstraError
from .project import FigureDeclaration, ProjectError, TableDeclaration, parse_figures, parse_tables

CONFIG_NAME = "renstra.toml"
CACHE_NAME = ".renstra-cache"
GROWTH_METHODS = ("rata-rata", "majemuk")


@dataclass(frozen=True)
class Agency:
    nama: str
    nama_singkat: str
    pemerintah: str
    daerah: str
    daerah_singkat: str
    provinsi: str
    alamat: str
    website: str
    email: str
    urusan: str
    sumber_data: str

    @property
    def nama_lengkap(self) -> str:
        return f"{self.nama} {self.daerah}"


@dataclass(frozen=True)
class Config:
    root: Path
    agency: Agency
    start_year: int
    end_year: int
    transition_year: int | None  # a one-year matrix before the plan years, if any
    plan_years: tuple[int, ...]  # "Tahun 1..5" of T-C.25 and T-C.27
    previous_years: tuple[int, ...]  # "Tahun ke-1..5" of T-C.23 and T-C.24 (previous period)
    source_dir: Path
    template_dir: Path
    build_dir: Path
    output_name: str
    growth_method: str
    nomenclature_version: str
    tables: tuple[TableDeclaration, ...] = ()  # the project's own tables ([[tabel]])
    figures: tuple[FigureDeclaration, ...] = ()  # the project's own figures ([[gambar]])
    paper: str = "A4"  # [dokumen] kertas: "A4" or "F4" (215 x 330 mm)
    logo: Path | None = None  # [dokumen] logo: the region's logo on the cover (PNG/JPEG)

    @property
    def cache_dir(self) -> Path:
        """Charts and compiled templates, keyed by their inputs (safe to delete)."""
        return self.root / CACHE_NAME

    @property
    def period(self) -> str:
        return f"{self.start_year}-{self.end_year}"

    def years_of(self, period: str | None) -> tuple[int, ...]:
        """The years of a `[periode]` key: tahun_rencana (also the default), tahun_transisi,
        tahun_lalu."""
        if period == "tahun_transisi":
            return (self.transition_year,) if self.transition_year else ()
        if period == "tahun_lalu":
            return self.previous_years
        return self.plan_years

    def with_paths(self, source_dir: Path | None = None, build_dir: Path | None = None) -> Config:
        return replace(
            self, source_dir=source_dir or self.source_dir, build_dir=build_dir or self.build_dir
        )


class ConfigError(ProjectError):
    """A key of renstra.toml that cannot be used: `key` names it (`periode.awal`)."""


def load_config(root: Path) -> Config:
    path = root / CONFIG_NAME
    if not path.is_file():
        raise RenstraError(_invalid(f"tidak ditemukan di folder {root}"))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RenstraError(_invalid(_toml_problem(exc))) from None
    except UnicodeDecodeError:
        raise RenstraError(_invalid("bukan teks UTF-8")) from None
    try:
        return parse_config(root, data)
    except ProjectError as exc:  # ConfigError too
        raise RenstraError(_invalid(exc.problem, exc.key)) from None


_TOML_PLACE = re.compile(r"(?P<reason>.*?)\s*\(at line (?P<line>\d+), column (?P<column>\d+)\)")


def _toml_problem(exc: tomllib.TOMLDecodeError) -> str:
    """'Invalid value (at line 17, column 8)' -> 'sintaks TOML salah pada baris 17, kolom 8
    (Invalid value)': where to look first, in Indonesian."""
    found = _TOML_PLACE.match(str(exc))
    if found is None:
        return f"sintaks TOML salah ({exc})"
    return (
        f"sintaks TOML salah pada baris {found['line']}, kolom {found['column']} "
        f"({found['reason']})"
    )


def _invalid(message: str, key: str | None = None) -> Finding:
    """renstra.toml › periode.awal: 2027 sesudah periode.akhir 2026 [invalid-config]"""
    return Finding("invalid-config", message, Location(CONFIG_NAME, column=key))


def parse_config(root: Path, data: Mapping[str, Any]) -> Config:
    agency = _agency(_section(data, "instansi"))
    period, paths = _section(data, "periode"), _section(data, "paths")
    start, end = _year(period, "periode.awal"), _year(period, "periode.akhir")
    if start > end:
        raise ConfigError("periode.awal", f"{start} sesudah periode.akhir {end}")
    plan = _years(period, "periode.tahun_rencana", required=True)
    _inside(plan, start, end, "periode.tahun_rencana")
    transition = _optional_year(period, "periode.tahun_transisi")
    if transition is not None:
        _inside((transition,), start, end, "periode.tahun_transisi")
        if transition in plan:
            raise ConfigError("periode.tahun_transisi", f"{transition} juga tahun rencana")
    previous = _years(period, "periode.tahun_lalu", required=False)
    if previous and previous[-1] >= plan[0]:
        raise ConfigError("periode.tahun_lalu", "harus sebelum tahun rencana")
    calc = _section(data, "perhitungan", required=False)
    growth = calc.get("pertumbuhan", "rata-rata")
    if growth not in GROWTH_METHODS:
        raise ConfigError("perhitungan.pertumbuhan", f"harus salah satu dari {GROWTH_METHODS}")
    return Config(
        root=root,
        agency=agency,
        start_year=start,
        end_year=end,
        transition_year=transition,
        plan_years=plan,
        previous_years=previous,
        source_dir=root / _path(paths, "source_tables"),
        template_dir=root / _path(paths, "templates"),
        build_dir=root / _path(paths, "build"),
        output_name=_path(paths, "output", "renstra"),
        growth_method=growth,
        nomenclature_version=_version(_section(data, "nomenklatur", False)),
        tables=parse_tables(data.get("tabel")),
        figures=parse_figures(data.get("gambar")),
        **_document(root, _section(data, "dokumen", required=False)),
    )


def _version(section: Mapping[str, Any]) -> str:
    """The nomenclature version of the codes ("" switches code checks off)."""
    from .nomenclature import versions

    version = section.get("versi", versions()[-1])
    if not isinstance(version, str) or (version and version not in versions()):
        known = ", ".join(f'"{v}"' for v in versions())
        raise ConfigError(
            "nomenklatur.versi", f'{version!r} tidak dikenal (pilihan: {known}, atau "")'
        )
    return version


def _section(data: Mapping[str, Any], key: str, required: bool = True) -> Mapping[str, Any]:
    value = data.get(key)
    if value is None and not required:
        return {}
    if not isinstance(value, dict):
        raise ConfigError(key, "bagian [" + key + "] tidak ada")
    return value


OPTIONAL_AGENCY_KEYS = ("alamat", "website", "email")  # on the cover when given


def _agency(section: Mapping[str, Any]) -> Agency:
    names = [f.name for f in fields(Agency)]
    unknown = sorted(set(section) - set(names))
    if unknown:
        raise ConfigError(f"instansi.{unknown[0]}", "kunci tidak dikenal")
    values = {}
    for name in names:
        value = section.get(name, "" if name in OPTIONAL_AGENCY_KEYS else None)
        if not isinstance(value, str) or (not value.strip() and name not in OPTIONAL_AGENCY_KEYS):
            raise ConfigError(f"instansi.{name}", "wajib diisi (teks)")
        values[name] = value.strip()
    return Agency(**values)


def _year(section: Mapping[str, Any], key: str) -> int:
    return _as_year(section.get(key.split(".")[-1]), key)


def _as_year(value: Any, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2200:
        raise ConfigError(key, f"{value!r} bukan tahun")
    return value


def _optional_year(section: Mapping[str, Any], key: str) -> int | None:
    return None if section.get(key.split(".")[-1]) is None else _year(section, key)


def _years(section: Mapping[str, Any], key: str, required: bool) -> tuple[int, ...]:
    value = section.get(key.split(".")[-1])
    if value is None and not required:
        return ()
    if not isinstance(value, list) or not value:
        raise ConfigError(key, "harus daftar tahun, mis. [2022, 2023, 2024, 2025, 2026]")
    years = tuple(_as_year(v, key) for v in value)
    if list(years) != list(range(years[0], years[0] + len(years))):
        raise ConfigError(key, "harus tahun berurutan")
    return years


def _inside(years: tuple[int, ...], start: int, end: int, key: str) -> None:
    outside = [y for y in years if not start <= y <= end]
    if outside:
        raise ConfigError(key, f"tahun {outside[0]} di luar periode {start}-{end}")


def _path(section: Mapping[str, Any], key: str, default: str | None = None) -> str:
    value = section.get(key, default or key)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"paths.{key}", "harus berupa teks")
    return value


PAPERS = ("A4", "F4")


def _document(root: Path, section: Mapping[str, Any]) -> dict[str, Any]:
    """[dokumen]: kertas (paper) and logo (a file of the project)."""
    paper = str(section.get("kertas", "A4")).upper()
    if paper not in PAPERS:
        raise ConfigError("dokumen.kertas", f"harus salah satu dari {', '.join(PAPERS)}")
    logo = section.get("logo")
    if logo is not None and (not isinstance(logo, str) or not (root / logo).is_file()):
        raise ConfigError("dokumen.logo", f"berkas {logo!r} tidak ada di folder proyek")
    return {"paper": paper, "logo": root / logo if logo else None}
