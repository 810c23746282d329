"""renstra.toml: which agency, which period, where the tables are, how some numbers are computed."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .findings import Finding, Location, RenstraError

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
    transition_year: int
    plan_years: tuple[int, ...]
    source_dir: Path
    template_dir: Path
    build_dir: Path
    output_name: str
    growth_method: str
    nomenclature_version: str
    paper: str = "A4"  # [dokumen] kertas: "A4" or "F4" (215 x 330 mm)
    logo: Path | None = None  # [dokumen] logo: the region's logo on the cover (PNG/JPEG)

    @property
    def cache_dir(self) -> Path:
        """Charts and compiled templates, keyed by their inputs (safe to delete)."""
        return self.root / CACHE_NAME

    @property
    def period(self) -> str:
        return f"{self.start_year}-{self.end_year}"

    def with_paths(self, source_dir: Path | None = None, build_dir: Path | None = None) -> Config:
        from dataclasses import replace

        return replace(
            self, source_dir=source_dir or self.source_dir, build_dir=build_dir or self.build_dir
        )


def load_config(root: Path) -> Config:
    path = root / CONFIG_NAME
    where = Location(CONFIG_NAME)
    if not path.is_file():
        raise RenstraError(Finding("invalid-config", f"{path} tidak ditemukan", where))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return _parse(root, data)
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise RenstraError(
            Finding("invalid-config", f"renstra.toml tidak valid: {exc}", where)
        ) from None


def _parse(root: Path, data: dict) -> Config:
    agency = Agency(**{k: str(v) for k, v in data["instansi"].items()})
    period, paths, calc = data["periode"], data["paths"], data.get("perhitungan", {})
    plan_years = tuple(int(y) for y in period["tahun_rencana"])
    if list(plan_years) != list(range(plan_years[0], plan_years[0] + len(plan_years))):
        raise ValueError("periode.tahun_rencana harus tahun berurutan")
    growth = calc.get("pertumbuhan", "rata-rata")
    if growth not in GROWTH_METHODS:
        raise ValueError(f"perhitungan.pertumbuhan harus salah satu dari {GROWTH_METHODS}")
    return Config(
        root=root,
        agency=agency,
        start_year=int(period["awal"]),
        end_year=int(period["akhir"]),
        transition_year=int(period["tahun_transisi"]),
        plan_years=plan_years,
        source_dir=root / paths.get("source_tables", "source_tables"),
        template_dir=root / paths.get("templates", "templates"),
        build_dir=root / paths.get("build", "build"),
        output_name=paths.get("output", "renstra"),
        growth_method=growth,
        nomenclature_version=str(data.get("nomenklatur", {}).get("versi", "2027")),
        **_document(root, data.get("dokumen", {})),
    )


PAPERS = ("A4", "F4")


def _document(root: Path, section: dict) -> dict:
    """[dokumen]: kertas (paper) and logo (a file of the project)."""
    paper = str(section.get("kertas", "A4")).upper()
    if paper not in PAPERS:
        raise ValueError(f"dokumen.kertas harus salah satu dari {PAPERS}")
    logo = section.get("logo")
    return {"paper": paper, "logo": root / str(logo) if logo else None}
