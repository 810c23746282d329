"""Synthetic agency projects for the benchmark (issue 7).

`make_project(dest, n)` copies the shipped project (renstra.toml, templates/, source_tables/) and
replaces the Tabel 6.2 matrix of `bab6_program.xlsx` (sheets `matriks` and
`indikator`) by `n` sub-kegiatan: programs of about ten kegiatan of about ten
sub-kegiatan, Indonesian-looking names, one or two indicators per node, five years of pagu,
units, locations, baselines, and correct declared totals.

Codes: the nomenclature shipped with the package (Urusan Sosial 1.06) holds only about 200
kab/kota sub-kegiatan, and a code may appear once per matrix (`duplicate-key`), so only the
first programs can carry real codes (with their official names, following the real Kode/Induk
tree); every other node leaves Kode empty (a `code-missing` warning, never an error).

`make_batch(dest, count)` writes `count` agency projects, small variations of the shipped one
(agency name, output name, pagu scaled by a whole factor), in sub-folders of `dest`.

Usage: `python benchmarks/generate.py project DEST N` or `python benchmarks/generate.py batch
DEST COUNT`.
"""

from __future__ import annotations

import random
import re
import shutil
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
MATRIX = "matriks"
INDICATORS = "indikator"
DECLARED = "deklarasi_matriks"
YEARS = (2022, 2023, 2024, 2025, 2026)
BAB6_FILE = "bab6_program.xlsx"

_VERBS = (
    "Penyediaan",
    "Pelaksanaan",
    "Pengembangan",
    "Peningkatan",
    "Fasilitasi",
    "Koordinasi",
    "Pembinaan",
    "Pengelolaan",
    "Penyusunan",
    "Pendampingan",
    "Pemberdayaan",
    "Penyelenggaraan",
    "Pengadaan",
    "Pemeliharaan",
    "Rehabilitasi",
    "Sosialisasi",
    "Pemantauan dan Evaluasi",
    "Pendataan",
    "Penguatan",
    "Pemberian",
)
_OBJECTS = (
    "Layanan Sosial",
    "Bantuan Sosial",
    "Kelembagaan Sosial",
    "Pekerja Sosial Masyarakat",
    "Penyandang Disabilitas",
    "Anak Terlantar",
    "Lanjut Usia Terlantar",
    "Keluarga Miskin",
    "Korban Bencana",
    "Gelandangan dan Pengemis",
    "Data Terpadu Kesejahteraan Sosial",
    "Taruna Siaga Bencana",
    "Karang Taruna",
    "Potensi Sumber Kesejahteraan Sosial",
    "Rumah Tidak Layak Huni",
    "Komunitas Adat Terpencil",
    "Sarana dan Prasarana",
    "Dokumen Perencanaan",
    "Sistem Informasi",
    "Kesetiakawanan Sosial",
    "Korban Tindak Kekerasan",
    "Warga Negara Migran",
    "Makam Pahlawan",
    "Tenaga Kesejahteraan Sosial Kecamatan",
)
_QUALIFIERS = (
    "di Kecamatan",
    "Berbasis Masyarakat",
    "Tingkat Desa",
    "Kabupaten/Kota",
    "dalam Panti",
    "Luar Panti",
    "Terpadu",
    "Berkelanjutan",
    "Skala Kabupaten",
    "melalui Kemitraan",
)
_PROGRAM_TOPICS = (
    "PEMBERDAYAAN SOSIAL",
    "REHABILITASI SOSIAL",
    "PERLINDUNGAN DAN JAMINAN SOSIAL",
    "PENANGANAN BENCANA",
    "PENANGANAN FAKIR MISKIN",
    "KESEJAHTERAAN SOSIAL",
    "PELAYANAN SOSIAL TERPADU",
    "PENGUATAN KELEMBAGAAN SOSIAL",
)
_KECAMATAN = (
    "Kab. Blitar",
    "Kec. Wlingi",
    "Kec. Kanigoro",
    "Kec. Srengat",
    "Kec. Sutojayan",
    "Kec. Talun",
    "Kec. Kademangan",
    "Kec. Ponggok",
    "Kec. Nglegok",
    "Kec. Garum",
    "Kec. Selopuro",
    "Kec. Wates",
)
_UNITS = (
    "Dinas Sosial",
    "Sekretaris",
    "Bidang Perlindungan dan Jaminan Sosial",
    "Bidang Pemberdayaan Sosial",
    "Bidang Rehabilitasi Sosial",
    "Bidang Penanganan Fakir Miskin",
    "Seksi Perlindungan Sosial",
    "Seksi Jaminan Sosial",
    "Seksi Rehabilitasi Tuna Sosial",
    "Seksi Identifikasi dan Pendataan",
)
_MEASURES = (
    ("Jumlah {o} yang Mendapatkan Layanan", "orang", "terakhir"),
    ("Persentase {o} yang Tertangani", "%", "terakhir"),
    ("Jumlah Dokumen {o} yang Disusun", "dokumen", "jumlah"),
    ("Jumlah Laporan {o}", "laporan", "jumlah"),
    ("Jumlah Lembaga {o} yang Dibina", "lembaga", "terakhir"),
    ("Persentase Capaian Layanan {o}", "%", "terakhir"),
    ("Jumlah Paket Bantuan untuk {o}", "paket", "jumlah"),
)


# ---------------------------------------------------------------- copying the shipped project


def copy_project(dest: Path, source: Path = REPO) -> Path:
    """A fresh copy of the project files a build reads (not build/ or caches)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copy2(source / "renstra.toml", dest / "renstra.toml")
    for folder in ("templates", "source_tables"):
        if (source / folder).is_dir():
            shutil.copytree(
                source / folder, dest / folder, ignore=shutil.ignore_patterns("~$*", ".~lock.*")
            )
    return dest


def _raw(cell: Any) -> Any:
    """A stored cell as the text the workbook writer parses back to the same value."""
    value = cell.value
    if value is None or isinstance(value, str | bool):
        return value
    fmt = cell.number_format or "General"
    if "%" in fmt:
        return _decimal_text(Decimal(repr(value)) * 100) + "%"
    unit = re.search(r'"([^"]+)"', fmt)
    if unit:
        return f"{_decimal_text(Decimal(repr(value)))} {unit.group(1)}"
    return value


def _decimal_text(value: Decimal) -> str:
    """Indonesian notation without grouping: 88,42 (the reader's `'1.234'` is a thousand)."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f").replace(".", ",")


def read_sheets(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Every sheet of a workbook as rows keyed by header, in the writer's raw form."""
    from openpyxl import load_workbook

    book = load_workbook(path)  # not read-only: number formats of every cell are needed
    sheets: dict[str, list[dict[str, Any]]] = {}
    for sheet in book.worksheets:
        rows = sheet.iter_rows()
        header = [c.value for c in next(rows, ())]
        sheets[sheet.title] = [
            {h: _raw(c) for h, c in zip(header, cells, strict=False) if h is not None}
            for cells in rows
            if any(c.value is not None for c in cells)
        ]
    book.close()
    return sheets


def write_bab6(path: Path, sheets: dict[str, list[dict[str, Any]]]) -> None:
    from renstra_docs.sources.schema import BAB6
    from renstra_docs.sources.write import write_workbook

    write_workbook(path, BAB6, sheets)


# ---------------------------------------------------------------- the synthetic matrix


def _nomenclature_tree() -> dict[str, list[tuple[str, str]]]:
    """parent code -> [(code, official name)] of the version named in the shipped renstra.toml."""
    import tomllib

    from renstra_docs.codes import nomenclature

    config = tomllib.loads((REPO / "renstra.toml").read_text(encoding="utf-8"))
    index = nomenclature(str(config.get("nomenklatur", {}).get("versi", "2027")))
    return {
        parent: [(e.code, e.name) for e in entries if not e.generic]
        for parent, entries in index.children.items()
    }


def _name(rng: random.Random, level: str) -> str:
    if level == "Program":
        return f"PROGRAM {rng.choice(_PROGRAM_TOPICS)} {rng.choice(_OBJECTS).upper()}"
    name = f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)}"
    if level == "Sub Kegiatan" or rng.random() < 0.3:
        name += f" {rng.choice(_QUALIFIERS)}"
    return name


def _sizes(total: int, rng: random.Random, mean: int = 10) -> list[int]:
    """Split `total` into groups of mean-2 .. mean+2."""
    sizes = []
    while total > 0:
        size = min(total, rng.randint(mean - 2, mean + 2))
        sizes.append(size)
        total -= size
    return sizes


def synthetic_matrix(n_sub: int, seed: int = 7) -> tuple[list[dict], list[dict], list[dict]]:
    """(matrix rows, indicator rows, declared rows of Tabel 6.2) with `n_sub` sub-kegiatan."""
    rng = random.Random(seed)
    tree = _nomenclature_tree()
    real_programs = list(tree.get("1.06", []))
    nodes: list[dict] = []
    indicators: list[dict] = []
    totals = dict.fromkeys(YEARS, 0)
    kegiatan_sizes = _sizes(n_sub, rng)
    program_sizes = _sizes(len(kegiatan_sizes), rng)
    kegiatan_iter = iter(kegiatan_sizes)
    for p, n_keg in enumerate(program_sizes, start=1):
        real_p = real_programs[p - 1] if p - 1 < len(real_programs) else None
        program = _node(f"P{p}", None, "Program", real_p, rng)
        nodes.append(program)
        real_kegiatan = tree.get(real_p[0], []) if real_p else []
        program_pagu = dict.fromkeys(YEARS, 0)
        for k in range(1, n_keg + 1):
            real_k = real_kegiatan[k - 1] if k - 1 < len(real_kegiatan) else None
            kegiatan = _node(f"P{p}.K{k}", program["ID"], "Kegiatan", real_k, rng)
            nodes.append(kegiatan)
            real_subs = tree.get(real_k[0], []) if real_k else []
            kegiatan_pagu = dict.fromkeys(YEARS, 0)
            for s in range(1, next(kegiatan_iter) + 1):
                real_s = real_subs[s - 1] if s - 1 < len(real_subs) else None
                sub = _node(f"P{p}.K{k}.S{s}", kegiatan["ID"], "Sub Kegiatan", real_s, rng)
                base = rng.randint(5, 2_000) * 1_000_000 + rng.randint(0, 999) * 1_000
                growth = 1 + rng.randint(0, 60) / 1_000
                for i, year in enumerate(YEARS):
                    pagu = int(base * growth**i) // 1_000 * 1_000
                    sub[f"Pagu {year}"] = pagu
                    kegiatan_pagu[year] += pagu
                sub["Pagu Tertulis Akhir"] = sum(sub[f"Pagu {y}"] for y in YEARS)
                nodes.append(sub)
                indicators += _indicators(sub, rng)
            _declare(kegiatan, kegiatan_pagu)
            indicators += _indicators(kegiatan, rng)
            for year in YEARS:
                program_pagu[year] += kegiatan_pagu[year]
        _declare(program, program_pagu)
        indicators += _indicators(program, rng)
        for year in YEARS:
            totals[year] += program_pagu[year]
    declared = [
        {"Tabel": "matriks", "Kunci": f"total_{y}", "Nilai": totals[y], "Keterangan": "Baris TOTAL"}
        for y in YEARS
    ]
    declared.append(
        {
            "Tabel": "matriks",
            "Kunci": "total_akhir",
            "Nilai": sum(totals.values()),
            "Keterangan": "Baris TOTAL",
        }
    )
    return nodes, indicators, declared


def _node(
    node_id: str, parent: str | None, level: str, real: tuple[str, str] | None, rng: random.Random
) -> dict[str, Any]:
    code, name = real if real else (None, _name(rng, level))
    return {
        "ID": node_id,
        "Induk": parent,
        "Level": level,
        "Kode": code,
        "Nama": name,
        "Unit Kerja": rng.choice(_UNITS),
        "Lokasi": rng.choice(_KECAMATAN),
    }


def _declare(node: dict[str, Any], pagu: dict[int, int]) -> None:
    for year in YEARS:
        node[f"Pagu Tertulis {year}"] = pagu[year]
    node["Pagu Tertulis Akhir"] = sum(pagu.values())


def _indicators(node: dict[str, Any], rng: random.Random) -> list[dict[str, Any]]:
    rows = []
    topic = node["Nama"].split(" ", 1)[-1].title()[:60]
    for measure, unit, rule in rng.sample(_MEASURES, rng.choice((1, 1, 2))):
        if unit == "%":
            baseline = rng.randint(50, 90)
            targets = [min(100, baseline + i * rng.randint(1, 3)) for i in range(1, 6)]
            cells = [f"{v}%" for v in (baseline, *targets)]
        else:
            baseline = rng.randint(1, 500)
            targets = [baseline + rng.randint(0, 50) for _ in YEARS]
            cells = [baseline, *targets]
        final = sum(targets) if rule == "jumlah" else targets[-1]
        row = {
            "ID Node": node["ID"],
            "Indikator": measure.format(o=topic),
            "Satuan": unit,
            "Aturan Akhir": rule,
            "Baseline": cells[0],
            "Target Akhir Tertulis": f"{final}%" if unit == "%" else final,
        }
        row.update({f"Target {y}": v for y, v in zip(YEARS, cells[1:], strict=True)})
        rows.append(row)
    return rows


def make_project(dest: Path, n_sub: int, seed: int = 7) -> Path:
    """A copy of the shipped project whose Tabel 6.2 matrix has `n_sub` sub-kegiatan."""
    copy_project(dest)
    path = dest / "source_tables" / BAB6_FILE
    sheets = read_sheets(path)
    nodes, indicators, declared = synthetic_matrix(n_sub, seed)
    sheets[MATRIX] = nodes
    sheets[INDICATORS] = indicators
    totals = DECLARED
    sheets[totals] = [r for r in sheets.get(totals, []) if r.get("Tabel") != "matriks"]
    sheets[totals] += declared
    write_bab6(path, sheets)
    return dest


# ---------------------------------------------------------------- a batch of agencies


def make_batch(dest: Path, count: int = 40) -> list[Path]:
    """`count` agency projects in `dest/agency_NN/`: the shipped one, varied a little."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shipped = read_sheets(REPO / "source_tables" / BAB6_FILE)
    toml = (REPO / "renstra.toml").read_text(encoding="utf-8")
    projects = []
    for i in range(1, count + 1):
        project = copy_project(dest / f"agency_{i:02d}")
        factor = 1 + i % 3  # a whole factor keeps every declared total exactly right
        if factor > 1:
            write_bab6(project / "source_tables" / BAB6_FILE, _scaled(shipped, factor))
        text = toml.replace(
            'output = "renstra_dinsos_blitar_2021_2026"',
            f'output = "renstra_agency_{i:02d}_2021_2026"',
        )
        text = text.replace(
            'website = "www.dinsos.blitarkab.go.id"',
            f'website = "www.agency{i:02d}.blitarkab.go.id"',
        )
        (project / "renstra.toml").write_text(text, encoding="utf-8")
        projects.append(project)
    return projects


def _scaled(sheets: dict[str, list[dict[str, Any]]], factor: int) -> dict[str, list[dict]]:
    scaled = {}
    for name, rows in sheets.items():
        if name.startswith("matriks") or name == DECLARED:
            rows = [{h: _scale(h, v, factor, name) for h, v in row.items()} for row in rows]
        scaled[name] = rows
    return scaled


def _scale(header: str, value: Any, factor: int, sheet: str) -> Any:
    money = header.startswith("Pagu") or (sheet == DECLARED and header == "Nilai")
    if money and isinstance(value, int) and not isinstance(value, bool):
        return value * factor
    return value


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[0] not in ("project", "batch"):
        print(__doc__.strip().splitlines()[-2:], file=sys.stderr)
        return 2
    kind, dest, number = argv[0], Path(argv[1]), int(argv[2].replace(".", ""))
    if kind == "project":
        make_project(dest, number)
    else:
        make_batch(dest, number)
    print(f"written: {dest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
