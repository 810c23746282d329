"""`renstra init FOLDER`: a new agency's project, ready to fill and to build.

It writes `renstra.toml` (the agency, the region, the period, the nomenclature version), every
workbook with every column the reader requires (year columns from the period), a *Petunjuk*
sheet in each workbook, input messages on every drop-down, and the section texts of the eight
chapters (the package's neutral texts, to be rewritten by the staff). Nothing that exists is
overwritten. `renstra build` right after `init` gives a complete document whose empty parts say
what to fill in.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from .config import CONFIG_NAME, Config, load_config
from .findings import Finding, Location, RenstraError
from .nomenclature import versions
from .render.chapters import PACKAGE_TEXTS
from .render.placeholders import region_words
from .sources.load import project_schemas
from .sources.write import write_workbook

PLAN_YEARS = 5  # a Renstra plans five years: by default the last five of its period


@dataclass(frozen=True)
class NewProject:
    """What `renstra init` asks: who, where, when, which codes."""

    instansi: str
    singkatan: str
    daerah: str  # "Kota Contoh" or "Kabupaten Contoh": decides Kota/Kabupaten, Wali Kota/Bupati
    provinsi: str
    urusan: str
    periode: tuple[int, int]
    tahun_rencana: tuple[int, int] | None = None  # default: the last five years of the period
    nomenklatur: str | None = None  # default: the newest shipped version; "" = no code checks


def plan_years(new: NewProject) -> tuple[int, ...]:
    first, last = new.periode
    start, end = new.tahun_rencana or (max(first, last - PLAN_YEARS + 1), last)
    return tuple(range(start, end + 1))


def config_text(new: NewProject) -> str:
    """renstra.toml of a new project (TOML strings written as JSON strings: the same escapes)."""
    start, end = new.periode
    years = plan_years(new)
    kind, _ = region_words(new.daerah)
    short = new.daerah.replace("Kabupaten ", "Kab. ", 1) if kind == "Kabupaten" else new.daerah
    before = list(range(start, years[0]))
    transition = before[0] if len(before) == 1 else None  # one year before the plan years
    version = versions()[-1] if new.nomenklatur is None else new.nomenklatur
    output = "renstra_" + "_".join(new.singkatan.lower().split()) + f"_{start}_{end}"

    def q(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    lines = [
        "# Konfigurasi Renstra perangkat daerah (dibuat oleh `renstra init`).",
        "",
        "[instansi]",
        f"nama = {q(new.instansi)}",
        f"nama_singkat = {q(new.singkatan)}",
        f"pemerintah = {q('Pemerintah ' + new.daerah)}",
        f"daerah = {q(new.daerah)}",
        f"daerah_singkat = {q(short)}",
        f"provinsi = {q(new.provinsi)}",
        'alamat = ""                     # alamat kantor (di sampul)',
        'website = ""',
        'email = ""',
        f"urusan = {q(new.urusan)}",
        f'sumber_data = {q(new.instansi)}   # baris "Sumber:" di bawah tabel',
        "",
        "[periode]",
        f"awal = {start}",
        f"akhir = {end}",
    ]
    if transition is not None:
        lines.append(f"tahun_transisi = {transition}  # matriks tahun transisi (satu tahun)")
    lines += [
        f"tahun_rencana = [{', '.join(map(str, years))}]",
        f"tahun_lalu = [{', '.join(str(y) for y in range(start - PLAN_YEARS, start))}]"
        "   # T-C.23 dan T-C.24, periode sebelumnya",
        "",
        "[paths]",
        'source_tables = "source_tables"',
        'templates = "templates"',
        'build = "build"',
        f"output = {q(output)}",
        "",
        "[perhitungan]",
        'pertumbuhan = "rata-rata"        # atau "majemuk"',
        "",
        "[nomenklatur]",
        f'versi = {q(version)}                 # "" mematikan pemeriksaan kode',
        "",
    ]
    return "\n".join(lines)


def init_project(folder: Path, new: NewProject) -> list[Path]:
    """Write the new project into `folder`; returns the files written. Refuses (RenstraError)
    when any of them exists already."""
    config_path = folder / CONFIG_NAME
    _refuse_existing(config_path)
    folder.mkdir(parents=True, exist_ok=True)
    config_path.write_text(config_text(new), encoding="utf-8")
    try:
        config = load_config(folder)
    except RenstraError:
        config_path.unlink()
        raise
    written = [config_path]
    written += _workbooks(config)
    written += _texts(config)
    return written


def _workbooks(config: Config) -> list[Path]:
    written = []
    for book in project_schemas(config):
        target = config.source_dir / book.filename
        _refuse_existing(target)
        years = {
            sheet.name: {g.prefix: config.years_of(g.period) for g in sheet.year_groups()}
            for sheet in book.sheets
        }
        write_workbook(target, book, {}, years, guide=True)
        written.append(target)
    return written


def _texts(config: Config) -> list[Path]:
    """The package's neutral section texts, copied for the staff to rewrite."""
    config.template_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for text in sorted(PACKAGE_TEXTS.iterdir(), key=lambda p: p.name):
        target = config.template_dir / text.name
        if target.exists():
            continue  # the project's own text is kept
        with text.open("rb") as source, target.open("wb") as copy:
            shutil.copyfileobj(source, copy)
        written.append(target)
    return written


def _refuse_existing(path: Path) -> None:
    if path.exists():
        raise RenstraError(
            Finding("project-exists", f"{path} sudah ada; tidak ditimpa", Location(path.name))
        )
