"""Tables and figures that only one kind of agency has, declared by the project in renstra.toml.

The package knows the Permendagri 86/2017 tables every perangkat daerah shares. A health office
also prints its puskesmas, another agency its own statistics: such a table is declared with
`[[tabel]]` (a figure with `[[gambar]]`), naming the sheet it reads, the columns of that sheet and
how the document shows them. The reader reads the sheet against the declared columns exactly as
it reads the package's own sheets, and one generic table builder turns it into a Tabel.

    [[tabel]]
    kunci = "puskesmas"
    bab = 2
    judul = "Kunjungan Puskesmas Tahun {tahun_pertama} – {tahun_terakhir}"
    workbook = "bab2_gambaran_pelayanan.xlsx"
    sheet = "puskesmas"
    kolom = [{ judul = "Puskesmas", wajib = true, tabel = "Nama Puskesmas" }]
    kolom_tahun = [{ judul = "Target", jenis = "bilangan bulat" }, { judul = "Realisasi", ... }]
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

KINDS = ("teks", "kode", "bilangan bulat", "rupiah", "angka", "persen", "angka dengan satuan")
NUMBERING = (
    "tidak",
    "baris",
    "kelompok",
)  # No column: none, every row, each new first-column value
CHARTS = ("garis", "batang")
TITLE_FIELDS = ("instansi", "daerah", "provinsi", "tahun_pertama", "tahun_terakhir")
_KEY = re.compile(r"[a-z][a-z0-9_]*")


class ProjectError(ValueError):
    """A declaration of renstra.toml that cannot be used; `key` names it (e.g. `tabel[2].kolom`)."""

    def __init__(self, key: str, problem: str):
        self.key, self.problem = key, problem
        super().__init__(f"{key}: {problem}")


@dataclass(frozen=True)
class SheetColumn:
    """A column of a declared sheet: its header there, its type, and its header in the table."""

    header: str
    kind: str = "teks"
    required: bool = False
    unique: bool = False
    shown_as: str | None = None  # header in the document table; None: read but not shown
    width: float = 1.0


@dataclass(frozen=True)
class YearGroup:
    """Columns `<header> <tahun>` of a declared sheet, shown once per year."""

    header: str
    kind: str = "angka"
    shown_as: str | None = None  # the group's label in the table (default: its header)

    @property
    def label(self) -> str:
        return self.shown_as or self.header


@dataclass(frozen=True)
class SheetDeclaration:
    key: str
    chapter: int  # the chapter (BAB) it belongs to: placed there by a text, or at its end
    title: str
    workbook: str
    sheet: str
    columns: tuple[SheetColumn, ...]
    year_groups: tuple[YearGroup, ...] = ()
    may_be_empty: bool = False
    placeholder: str | None = None  # shown when the sheet has no rows
    source_note: bool = False  # "Sumber: ..." under it


@dataclass(frozen=True)
class TableDeclaration(SheetDeclaration):
    numbering: str = "tidak"
    numbering_row: bool = False  # the "(1) (2) ..." row under the header
    year_on_top: bool = True  # header: each year over its groups (else each group over years)
    landscape: bool = False
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class FigureDeclaration(SheetDeclaration):
    chart: str = "garis"
    x: str = ""
    y: str = ""
    y_label: str = ""


def parse_tables(items: Any) -> tuple[TableDeclaration, ...]:
    return tuple(_table(item, f"tabel[{i}]") for i, item in enumerate(_list(items, "tabel")))


def parse_figures(items: Any) -> tuple[FigureDeclaration, ...]:
    return tuple(_figure(item, f"gambar[{i}]") for i, item in enumerate(_list(items, "gambar")))


def _list(items: Any, key: str) -> list[Mapping[str, Any]]:
    if items is None:
        return []
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ProjectError(key, "harus berupa daftar tabel TOML ([[" + key + "]])")
    return items


def _sheet(item: Mapping[str, Any], where: str) -> dict[str, Any]:
    key = _text(item, "kunci", where)
    if not _KEY.fullmatch(key):
        raise ProjectError(f"{where}.kunci", f"'{key}' hanya boleh huruf kecil, angka dan _")
    chapter = item.get("bab")
    if isinstance(chapter, bool) or not isinstance(chapter, int) or not 1 <= chapter <= 8:
        raise ProjectError(f"{where}.bab", f"{chapter!r} bukan nomor bab (1 sampai 8)")
    title = _text(item, "judul", where)
    _check_title(title, f"{where}.judul")
    workbook = _text(item, "workbook", where)
    if not workbook.endswith(".xlsx"):
        raise ProjectError(f"{where}.workbook", f"'{workbook}' bukan berkas .xlsx")
    columns = tuple(
        _column(c, f"{where}.kolom[{i}]") for i, c in enumerate(_entries(item, "kolom", where))
    )
    groups = tuple(
        _group(g, f"{where}.kolom_tahun[{i}]")
        for i, g in enumerate(_entries(item, "kolom_tahun", where, required=False))
    )
    return {
        "key": key,
        "chapter": chapter,
        "title": title,
        "workbook": workbook,
        "sheet": _text(item, "sheet", where),
        "columns": columns,
        "year_groups": groups,
        "may_be_empty": _flag(item, "boleh_kosong", where),
        "placeholder": _optional_text(item, "kosong", where),
        "source_note": _flag(item, "sumber", where),
    }


def _table(item: Mapping[str, Any], where: str) -> TableDeclaration:
    numbering = _optional_text(item, "nomor_urut", where) or "tidak"
    if numbering not in NUMBERING:
        raise ProjectError(f"{where}.nomor_urut", f"harus salah satu dari {', '.join(NUMBERING)}")
    notes = item.get("catatan", [])
    if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
        raise ProjectError(f"{where}.catatan", "harus berupa daftar teks")
    declaration = TableDeclaration(
        **_sheet(item, where),
        numbering=numbering,
        numbering_row=_flag(item, "nomor_kolom", where),
        year_on_top=_flag(item, "tahun_di_atas", where, default=True),
        landscape=_flag(item, "lanskap", where),
        notes=tuple(notes),
    )
    if not any(c.shown_as for c in declaration.columns) and not declaration.year_groups:
        raise ProjectError(f"{where}.kolom", "tidak ada kolom yang ditampilkan (isi `tabel`)")
    return declaration


def _figure(item: Mapping[str, Any], where: str) -> FigureDeclaration:
    chart = _optional_text(item, "jenis", where) or "garis"
    if chart not in CHARTS:
        raise ProjectError(f"{where}.jenis", f"harus salah satu dari {', '.join(CHARTS)}")
    declaration = FigureDeclaration(
        **_sheet(item, where),
        chart=chart,
        x=_text(item, "x", where),
        y=_text(item, "y", where),
        y_label=_optional_text(item, "label_y", where) or "",
    )
    headers = {c.header for c in declaration.columns}
    for axis in ("x", "y"):
        if getattr(declaration, axis) not in headers:
            raise ProjectError(f"{where}.{axis}", "harus salah satu judul pada `kolom`")
    return declaration


def _column(item: Any, where: str) -> SheetColumn:
    if not isinstance(item, dict):
        raise ProjectError(where, "harus berupa tabel { judul = ... }")
    return SheetColumn(
        header=_text(item, "judul", where),
        kind=_kind(item, where, "teks"),
        required=_flag(item, "wajib", where),
        unique=_flag(item, "unik", where),
        shown_as=_optional_text(item, "tabel", where),
        width=_width(item, where),
    )


def _group(item: Any, where: str) -> YearGroup:
    if not isinstance(item, dict):
        raise ProjectError(where, "harus berupa tabel { judul = ... }")
    return YearGroup(
        header=_text(item, "judul", where),
        kind=_kind(item, where, "angka"),
        shown_as=_optional_text(item, "tabel", where),
    )


def _entries(item: Mapping[str, Any], key: str, where: str, required: bool = True) -> list[Any]:
    value = item.get(key, [] if not required else None)
    if not isinstance(value, list) or (required and not value):
        raise ProjectError(f"{where}.{key}", "harus berupa daftar kolom yang tidak kosong")
    return value


def _kind(item: Mapping[str, Any], where: str, default: str) -> str:
    kind = item.get("jenis", default)
    if kind not in KINDS:
        raise ProjectError(f"{where}.jenis", f"'{kind}' bukan salah satu dari {', '.join(KINDS)}")
    return str(kind)


def _width(item: Mapping[str, Any], where: str) -> float:
    width = item.get("lebar", 1.0)
    if isinstance(width, bool) or not isinstance(width, int | float) or width <= 0:
        raise ProjectError(f"{where}.lebar", "harus angka positif")
    return float(width)


def _text(item: Mapping[str, Any], key: str, where: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ProjectError(f"{where}.{key}", "wajib diisi (teks)")
    return value.strip()


def _optional_text(item: Mapping[str, Any], key: str, where: str) -> str | None:
    value = item.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ProjectError(f"{where}.{key}", "harus berupa teks")
    return value.strip() or None


def _flag(item: Mapping[str, Any], key: str, where: str, default: bool = False) -> bool:
    value = item.get(key, default)
    if not isinstance(value, bool):
        raise ProjectError(f"{where}.{key}", "harus true atau false")
    return value


def _check_title(title: str, where: str) -> None:
    for name in re.findall(r"\{([^{}]*)\}", title):
        if name not in TITLE_FIELDS:
            raise ProjectError(
                where, f"isian {{{name}}} tidak dikenal (yang ada: {', '.join(TITLE_FIELDS)})"
            )
