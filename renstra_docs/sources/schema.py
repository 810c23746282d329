"""The declared schema of every workbook and sheet in `source_tables/`.

This module is the one place that says which columns each sheet has, their type, and what they
mean. The reader checks every sheet against it, the writer builds empty or filled workbooks from it
(frozen header, number formats, validation lists) and `docs/source-tables.md` is generated from it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from ..project import SheetDeclaration


class Kind(StrEnum):
    TEXT = "teks"
    CODE = "kode"  # text key: IDs and nomenclature codes
    COUNT = "bilangan bulat"  # whole non-negative number, optional unit (`20 Orang`)
    MONEY = "rupiah"  # integer rupiah
    NUMBER = "angka"
    PERCENT = "persen"  # percent points: 88,42% -> 88.42
    QUANTITY = "angka dengan satuan"  # number or percent, unit optional (`100%`, `38 orang`)
    CHOICE = "pilihan"


LEVELS = ("Program", "Kegiatan", "Sub Kegiatan")
UNITS = (  # units offered in the drop-down; the staff may type another one
    "%", "orang", "KPM", "keluarga", "kelompok", "dokumen", "unit", "buah", "jasa", "rekening",
    "kendaraan", "gedung", "kegiatan", "paket", "jenis", "jenis layanan", "kerjasama", "kampung",
    "penyelenggara", "makan minum", "PA", "Meter Persegi",
)  # fmt: skip
POLARITIES = ("Positif", "Negatif")
INDICATOR_TYPES = ("SPM/NSPK", "IKK", "Lainnya")  # T-C.23: which target column the type is
AGGREGATIONS = ("terakhir", "jumlah", "rata-rata")
PERSPECTIVES = (
    "Perspektif masyarakat",
    "Perspektif proses internal",
    "Perspektif kelembagaan",
    "Perspektif keuangan",
)


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind = Kind.TEXT
    doc: str = ""
    required: bool = False
    unique: bool = False
    choices: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()  # offered in a drop-down, other values still allowed
    unit: str | None = None  # expected unit for COUNT (e.g. "orang")
    declared: bool = False  # typed by the staff only to be checked against a computed value
    width: int = 14

    @property
    def key(self) -> str:
        return slug(self.name)


# Which configured years a group of year columns holds (renstra.toml [periode]).
PLAN, TRANSITION, PREVIOUS = "tahun_rencana", "tahun_transisi", "tahun_lalu"


@dataclass(frozen=True)
class YearColumns:
    """A group of columns `<prefix> <year>` (e.g. `Pagu 2022` ... `Pagu 2026`).

    The years are read from the header; `period` names the years of renstra.toml they should be
    (a difference is reported), None for years the sheet alone decides."""

    prefix: str
    kind: Kind = Kind.NUMBER
    doc: str = ""
    declared: bool = False
    required: bool = True  # at least one year column must exist
    width: int = 14
    period: str | None = None

    @property
    def key(self) -> str:
        return slug(self.prefix)

    def header(self, year: int) -> str:
        return f"{self.prefix} {year}"

    def match(self, header: str) -> int | None:
        found = re.fullmatch(re.escape(self.prefix) + r" (\d{4})", header)
        return int(found.group(1)) if found else None

    def column(self, year: int) -> Column:
        return Column(
            self.header(year), self.kind, self.doc, declared=self.declared, width=self.width
        )


@dataclass(frozen=True)
class SheetSchema:
    name: str
    doc: str
    columns: tuple[Column | YearColumns, ...]
    feeds: str | None = None  # the key of the table or figure it feeds, e.g. "kinerja_pelayanan"
    may_be_empty: bool = False
    period: str | None = None  # TRANSITION: read only when renstra.toml has a transition year

    def fixed_columns(self) -> list[Column]:
        return [c for c in self.columns if isinstance(c, Column)]

    def year_groups(self) -> list[YearColumns]:
        return [c for c in self.columns if isinstance(c, YearColumns)]


@dataclass(frozen=True)
class WorkbookSchema:
    filename: str
    doc: str
    sheets: tuple[SheetSchema, ...] = field(default_factory=tuple)

    @property
    def stem(self) -> str:
        return self.filename.removesuffix(".xlsx")

    def sheet(self, name: str) -> SheetSchema:
        return next(s for s in self.sheets if s.name == name)


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def _no() -> Column:
    return Column(
        "No",
        Kind.COUNT,
        "Nomor urut seperti tercetak (diperiksa, dokumen menomori ulang)",
        declared=True,
        width=6,
    )


def _declared_sheet(name: str, doc: str) -> SheetSchema:
    return SheetSchema(
        name,
        doc + " Angka yang diketik staf hanya untuk diperiksa terhadap hasil hitung.",
        (
            Column(
                "Tabel",
                Kind.TEXT,
                "Tabel atau narasi asal, mis. `pegawai_jabatan` atau `narasi_pegawai`",
                required=True,
                width=12,
            ),
            Column(
                "Kunci",
                Kind.CODE,
                "Nama nilai, mis. `total` (daftar kunci di docs)",
                required=True,
                width=24,
            ),
            Column(
                "Nilai",
                Kind.QUANTITY,
                "Angka seperti tertulis di dokumen",
                required=True,
                declared=True,
                width=18,
            ),
            Column("Keterangan", Kind.TEXT, "Catatan bebas", width=40),
        ),
        may_be_empty=True,
    )


def _list_sheet() -> SheetSchema:
    return SheetSchema(
        "daftar",
        "Daftar butir teks (permasalahan, faktor, isu strategis ...), satu butir per baris.",
        (
            Column("Daftar", Kind.CODE, "Kunci daftar", required=True, width=22),
            Column("Uraian", Kind.TEXT, "Isi butir", required=True, width=90),
        ),
    )


_MATRIX_YEARS = {PLAN: "tahun rencana", TRANSITION: "tahun transisi"}


def _matrix_sheets(nodes_name: str, indicators_name: str, period: str) -> tuple[SheetSchema, ...]:
    with_baseline = period == PLAN
    nodes = SheetSchema(
        nodes_name,
        f"T-C.27 ({_MATRIX_YEARS[period]}): satu baris per program, kegiatan dan sub kegiatan. "
        "Pagu hanya diisi pada sub kegiatan; pagu kegiatan, program dan total dihitung.",
        (
            Column(
                "ID",
                Kind.CODE,
                "Kunci baris (mis. P1, P1.K1, P1.K1.S1)",
                required=True,
                unique=True,
                width=12,
            ),
            Column("Induk", Kind.CODE, "ID baris induk (kosong untuk program)", width=10),
            Column(
                "Level",
                Kind.CHOICE,
                "Program / Kegiatan / Sub Kegiatan",
                required=True,
                choices=LEVELS,
                width=13,
            ),
            Column(
                "Kode",
                Kind.CODE,
                "Kode nomenklatur (Permendagri 90/2019 dan pemutakhirannya)",
                width=18,
            ),
            Column(
                "Nama", Kind.TEXT, "Nama program/kegiatan/sub kegiatan", required=True, width=60
            ),
            Column(
                "Tujuan", Kind.CODE, "ID tujuan (bab4 › tujuan_sasaran), baris program", width=8
            ),
            Column(
                "Sasaran", Kind.CODE, "ID sasaran (bab4 › tujuan_sasaran), baris program", width=8
            ),
            YearColumns(
                "Pagu",
                Kind.MONEY,
                "Pagu indikatif sub kegiatan per tahun (Rp)",
                width=17,
                period=period,
            ),
            YearColumns(
                "Pagu Tertulis",
                Kind.MONEY,
                "Pagu program/kegiatan seperti tercetak",
                declared=True,
                required=False,
                width=17,
                period=period,
            ),
            Column(
                "Pagu Tertulis Akhir",
                Kind.MONEY,
                "Pagu akhir periode seperti tercetak",
                declared=True,
                width=17,
            ),
            Column("Unit Kerja", Kind.TEXT, "Unit kerja penanggung jawab", width=16),
            Column("Lokasi", Kind.TEXT, "Lokasi", width=14),
        ),
        feeds=nodes_name,
        period=period if period == TRANSITION else None,
    )
    indicator_columns: list[Column | YearColumns] = [
        Column("ID Node", Kind.CODE, "ID baris pada sheet matriks", required=True, width=12),
        Column("Indikator", Kind.TEXT, "Indikator kinerja", required=True, width=60),
        Column(
            "Satuan",
            Kind.TEXT,
            "Satuan target (mis. %, orang, dokumen)",
            width=12,
            suggestions=UNITS,
        ),
        Column(
            "Aturan Akhir",
            Kind.CHOICE,
            "Target akhir periode: terakhir (nilai tahun terakhir), jumlah, rata-rata",
            required=True,
            choices=AGGREGATIONS,
            width=12,
        ),
    ]
    if with_baseline:
        indicator_columns.append(
            Column("Baseline", Kind.QUANTITY, "Data capaian pada tahun awal perencanaan")
        )
    indicator_columns.append(
        YearColumns("Target", Kind.QUANTITY, "Target per tahun", period=period)
    )
    indicator_columns.append(
        YearColumns(
            "Pagu Tertulis",
            Kind.MONEY,
            "Rp tercetak pada baris indikator ini bila bukan baris pertama node (diperiksa)",
            declared=True,
            required=False,
            width=17,
            period=period,
        )
    )
    if with_baseline:
        indicator_columns.append(
            Column(
                "Target Akhir Tertulis",
                Kind.QUANTITY,
                "Target akhir periode seperti tercetak",
                declared=True,
            )
        )
    indicators = SheetSchema(
        indicators_name,
        f"T-C.27 ({_MATRIX_YEARS[period]}): indikator setiap baris matriks (satu baris bisa "
        "punya beberapa).",
        tuple(indicator_columns),
        feeds=nodes_name,
        period=period if period == TRANSITION else None,
    )
    return nodes, indicators


BAB1 = WorkbookSchema(
    "bab1_pendahuluan.xlsx",
    "BAB I Pendahuluan",
    (
        SheetSchema(
            "landasan_hukum",
            "Subbab 1.2: peraturan yang menjadi landasan hukum.",
            (_no(), Column("Peraturan", Kind.TEXT, required=True, width=100)),
        ),
    ),
)

BAB2 = WorkbookSchema(
    "bab2_gambaran_pelayanan.xlsx",
    "BAB II Gambaran Pelayanan Perangkat Daerah",
    (
        SheetSchema(
            "unit_organisasi",
            "Unit organisasi: subbab tugas dan fungsi dan bagan struktur organisasi.",
            (
                Column("ID", Kind.CODE, "Kunci unit", required=True, unique=True, width=22),
                Column("Nama Unit", Kind.TEXT, required=True, width=40),
                Column("Induk", Kind.CODE, "ID unit atasan (kosong untuk Dinas)", width=16),
                Column(
                    "Jenis",
                    Kind.CHOICE,
                    required=True,
                    choices=(
                        "Dinas",
                        "Sekretariat",
                        "Sub Bagian",
                        "Bidang",
                        "Seksi",
                        "UPT",
                        "Kelompok Jabatan Fungsional",
                    ),
                    width=16,
                ),
                Column("Jabatan Pimpinan", Kind.TEXT, width=30),
                Column("Uraian", Kind.TEXT, "Paragraf pembuka tugas unit", width=80),
            ),
            feeds="struktur_organisasi",
        ),
        SheetSchema(
            "tugas_unit",
            "Subbab 2.1: rincian tugas dan fungsi setiap unit.",
            (
                Column("ID Unit", Kind.CODE, required=True, width=22),
                Column("Uraian Tugas", Kind.TEXT, required=True, width=100),
            ),
        ),
        SheetSchema(
            "pegawai_jabatan",
            "Pegawai menurut jenis jabatan.",
            (
                _no(),
                Column("Jenis Jabatan", Kind.TEXT, required=True, width=36),
                Column("Jumlah", Kind.COUNT, required=True, unit="orang"),
            ),
            feeds="pegawai_jabatan",
        ),
        SheetSchema(
            "pegawai_status",
            "Pegawai menurut jenis kelamin dan status (grafik).",
            (
                Column(
                    "Jenis Kelamin", Kind.CHOICE, required=True, choices=("Laki-laki", "Perempuan")
                ),
                Column(
                    "Status",
                    Kind.CHOICE,
                    required=True,
                    choices=("PNS", "Tenaga Kontrak"),
                    width=16,
                ),
                Column("Jumlah", Kind.COUNT, required=True, unit="orang"),
            ),
            feeds="pegawai_status",
        ),
        SheetSchema(
            "pegawai_golongan",
            "PNS menurut golongan.",
            (
                _no(),
                Column("Golongan", Kind.TEXT, required=True),
                Column("Jumlah", Kind.COUNT, required=True, unit="orang"),
            ),
            feeds="pegawai_golongan",
        ),
        SheetSchema(
            "aset",
            "Aset perangkat daerah.",
            (
                _no(),
                Column("Nama Aset", Kind.TEXT, required=True, width=30),
                Column("Jumlah", Kind.NUMBER, required=True),
                Column("Satuan", Kind.TEXT, suggestions=UNITS),
            ),
            feeds="aset",
        ),
        SheetSchema(
            "kinerja_pelayanan",
            "T-C.23: target dan realisasi kinerja pelayanan periode lalu.",
            (
                _no(),
                Column("Indikator", Kind.TEXT, required=True, width=50),
                Column("Satuan", Kind.TEXT, suggestions=UNITS, width=8),
                Column(
                    "Polaritas",
                    Kind.CHOICE,
                    "Positif: makin tinggi makin baik; Negatif: makin rendah makin baik",
                    required=True,
                    choices=POLARITIES,
                ),
                Column(
                    "Jenis Indikator",
                    Kind.CHOICE,
                    "Indikator SPM/NSPK, IKK atau lainnya (kosong: dari kolom target yang diisi)",
                    choices=INDICATOR_TYPES,
                    width=12,
                ),
                Column("Target NSPK", Kind.QUANTITY),
                Column("Target IKK", Kind.QUANTITY),
                Column("Target Indikator Lainnya", Kind.QUANTITY),
                YearColumns("Target", Kind.QUANTITY, period=PREVIOUS),
                YearColumns("Realisasi", Kind.QUANTITY, period=PREVIOUS),
                YearColumns(
                    "Rasio",
                    Kind.PERCENT,
                    "Rasio capaian seperti tercetak",
                    declared=True,
                    required=False,
                    period=PREVIOUS,
                ),
            ),
            feeds="kinerja_pelayanan",
        ),
        SheetSchema(
            "kinerja_akhir_periode",
            "Capaian s.d. akhir periode lalu.",
            (
                Column("Indikator", Kind.TEXT, required=True, width=50),
                Column("Satuan", Kind.TEXT, suggestions=UNITS, width=8),
                Column("Polaritas", Kind.CHOICE, required=True, choices=POLARITIES),
                Column("Target Akhir", Kind.QUANTITY),
                Column("Realisasi", Kind.QUANTITY),
                Column("Tingkat Kemajuan", Kind.PERCENT, "Seperti tercetak", declared=True),
            ),
            feeds="kinerja_akhir_periode",
        ),
        SheetSchema(
            "anggaran_realisasi",
            "T-C.24: anggaran dan realisasi. Baris rincian menunjuk baris induknya "
            "(kolom Induk); angka baris induk dihitung dari rinciannya, yang tertulis diperiksa.",
            (
                Column(
                    "ID",
                    Kind.CODE,
                    "Kunci baris (perlu bila ada baris induk dan rincian)",
                    unique=True,
                    width=10,
                ),
                Column(
                    "Induk",
                    Kind.CODE,
                    "ID baris induk (mis. Belanja Langsung untuk Belanja Pegawai, atau JUMLAH)",
                    width=10,
                ),
                Column("Uraian", Kind.TEXT, required=True, width=24),
                YearColumns("Anggaran", Kind.MONEY, width=17, period=PREVIOUS),
                YearColumns("Realisasi", Kind.MONEY, width=17, period=PREVIOUS),
                YearColumns(
                    "Rasio",
                    Kind.PERCENT,
                    "Seperti tercetak",
                    declared=True,
                    required=False,
                    period=PREVIOUS,
                ),
                Column("Pertumbuhan Anggaran", Kind.PERCENT, "Seperti tercetak", declared=True),
                Column("Pertumbuhan Realisasi", Kind.PERCENT, "Seperti tercetak", declared=True),
            ),
            feeds="anggaran_realisasi",
        ),
        SheetSchema(
            "tantangan_peluang",
            "Subbab 2.4: tantangan dan peluang.",
            (
                Column("Jenis", Kind.CHOICE, required=True, choices=("Tantangan", "Peluang")),
                Column("Judul", Kind.TEXT, width=50),
                Column("Uraian", Kind.TEXT, width=90),
            ),
        ),
        SheetSchema(
            "statistik_wilayah",
            "Angka wilayah yang dikutip narasi (2.4, 5.1).",
            (
                Column("Kunci", Kind.CODE, required=True, unique=True, width=22),
                Column("Uraian", Kind.TEXT, width=40),
                Column("Nilai", Kind.NUMBER, required=True, width=14),
                Column("Satuan", Kind.TEXT, suggestions=UNITS),
                Column("Sumber", Kind.TEXT, width=30),
            ),
        ),
        _declared_sheet("deklarasi", "Total dan angka narasi BAB II seperti tercetak."),
    ),
)

BAB3 = WorkbookSchema(
    "bab3_permasalahan_isu.xlsx",
    "BAB III Permasalahan dan Isu-isu Strategis",
    (
        _list_sheet(),
        SheetSchema(
            "visi_misi",
            "Subbab 3.2: visi dan misi kepala daerah.",
            (
                Column("Jenis", Kind.CHOICE, required=True, choices=("Visi", "Misi")),
                Column("No", Kind.COUNT, width=6),
                Column("Uraian", Kind.TEXT, required=True, width=90),
                Column("Terkait", Kind.CHOICE, "Ya bila misi terkait tugas Dinas", choices=("Ya",)),
            ),
        ),
    ),
)

BAB4 = WorkbookSchema(
    "bab4_tujuan_sasaran.xlsx",
    "BAB IV Tujuan dan Sasaran",
    (
        SheetSchema(
            "tujuan_sasaran",
            "T-C.25: tujuan dan sasaran.",
            (
                Column("ID", Kind.CODE, required=True, unique=True, width=8),
                Column("Jenis", Kind.CHOICE, required=True, choices=("Tujuan", "Sasaran")),
                Column("Induk", Kind.CODE, "ID tujuan (untuk sasaran)", width=8),
                Column("Uraian", Kind.TEXT, required=True, width=60),
            ),
            feeds="tujuan_sasaran",
        ),
        SheetSchema(
            "indikator_tujuan",
            "T-C.25: indikator tujuan/sasaran dan targetnya.",
            (
                Column("ID", Kind.CODE, required=True, unique=True, width=6),
                Column("Pemilik", Kind.CODE, "ID tujuan/sasaran", required=True, width=8),
                Column("Indikator", Kind.TEXT, required=True, width=50),
                Column("Formula", Kind.TEXT, width=50),
                Column("Satuan", Kind.TEXT, suggestions=UNITS, width=8),
                Column("Polaritas", Kind.CHOICE, required=True, choices=POLARITIES),
                YearColumns("Target", Kind.QUANTITY, period=PLAN),
                Column(
                    "Definisi",
                    Kind.TEXT,
                    "Definisi operasional indikator, dikutip di BAB IV (boleh kosong)",
                    width=60,
                ),
            ),
            feeds="tujuan_sasaran",
        ),
    ),
)

BAB5 = WorkbookSchema(
    "bab5_strategi_kebijakan.xlsx",
    "BAB V Strategi dan Arah Kebijakan",
    (
        SheetSchema(
            "swot",
            "Butir analisis SWOT.",
            (
                Column("ID", Kind.CODE, required=True, unique=True, width=6),
                Column(
                    "Jenis",
                    Kind.CHOICE,
                    required=True,
                    choices=("Kekuatan", "Kelemahan", "Peluang", "Tantangan"),
                ),
                Column("Uraian", Kind.TEXT, required=True, width=80),
            ),
            feeds="swot",
        ),
        SheetSchema(
            "strategi",
            "Subbab 5.1: strategi hasil pasangan SWOT.",
            (
                Column("ID", Kind.CODE, required=True, unique=True, width=6),
                Column("Uraian", Kind.TEXT, required=True, width=60),
                Column("Kuadran", Kind.CHOICE, required=True, choices=("O-S", "T-S", "O-W", "T-W")),
                Column("Sasaran", Kind.CODE, "ID sasaran yang didukung", width=8),
                Column("Penjelasan", Kind.TEXT, width=90),
            ),
            feeds="strategi_kebijakan",
        ),
        SheetSchema(
            "kebijakan",
            "Kebijakan per strategi dan perspektif.",
            (
                Column("ID", Kind.CODE, required=True, unique=True, width=6),
                Column("Strategi", Kind.CODE, "ID strategi", required=True, width=8),
                Column("Perspektif", Kind.CHOICE, required=True, choices=PERSPECTIVES, width=26),
                Column("Uraian", Kind.TEXT, required=True, width=60),
                Column("Program", Kind.TEXT, width=40),
            ),
            feeds="kebijakan",
        ),
    ),
)

BAB6 = WorkbookSchema(
    "bab6_program.xlsx",
    "BAB VI Rencana Program dan Kegiatan serta Pendanaan",
    (
        *_matrix_sheets("matriks_transisi", "indikator_transisi", TRANSITION),
        *_matrix_sheets("matriks", "indikator", PLAN),
        _declared_sheet("deklarasi_matriks", "Baris TOTAL matriks seperti tercetak."),
        SheetSchema(
            "nomenklatur_alias",
            "Nama program/kegiatan/sub kegiatan yang ditulis berbeda dengan nomenklatur resmi: "
            "dipakai `renstra codes --fill` untuk menemukan kodenya (nama resmi tetap dikutip "
            "dalam peringatan).",
            (
                Column(
                    "Nama Tertulis",
                    Kind.TEXT,
                    "Nama seperti tertulis di sheet matriks",
                    required=True,
                    width=60,
                ),
                Column(
                    "Nama Resmi",
                    Kind.TEXT,
                    "Nama dalam nomenklatur (sembarang versi)",
                    required=True,
                    width=60,
                ),
                Column(
                    "Level",
                    Kind.CHOICE,
                    "Batasi ke satu level (kosong: semua level)",
                    choices=LEVELS,
                    width=13,
                ),
                Column("Keterangan", Kind.TEXT, "Alasan padanan", width=40),
            ),
            may_be_empty=True,
        ),
    ),
)

WORKBOOKS: tuple[WorkbookSchema, ...] = (BAB1, BAB2, BAB3, BAB4, BAB5, BAB6)


def workbook(stem: str) -> WorkbookSchema:
    return next(w for w in WORKBOOKS if w.stem == stem)


def project_workbooks(
    declarations: Sequence[SheetDeclaration], transition: bool = True
) -> tuple[WorkbookSchema, ...]:
    """The workbooks one project reads: the package's, without the transition-year sheets when
    renstra.toml has no transition year, and with the sheets its [[tabel]]/[[gambar]] declare
    (added to the workbook they name, or a workbook of their own)."""
    books = {
        book.filename: [s for s in book.sheets if transition or s.period != TRANSITION]
        for book in WORKBOOKS
    }
    docs = {book.filename: book.doc for book in WORKBOOKS}
    for declaration in declarations:
        books.setdefault(declaration.workbook, []).append(declared_sheet(declaration))
        docs.setdefault(declaration.workbook, "Tabel dan gambar khusus perangkat daerah ini")
    return tuple(WorkbookSchema(name, docs[name], tuple(sheets)) for name, sheets in books.items())


def declared_sheet(declaration: SheetDeclaration) -> SheetSchema:
    """The schema of a sheet declared in renstra.toml ([[tabel]] or [[gambar]])."""
    columns: list[Column | YearColumns] = [
        Column(
            c.header,
            Kind(c.kind),
            required=c.required,
            unique=c.unique,
            width=max(10, int(c.width * 30)),
        )
        for c in declaration.columns
    ]
    columns += [YearColumns(g.header, Kind(g.kind)) for g in declaration.year_groups]
    return SheetSchema(
        declaration.sheet,
        f"BAB {declaration.chapter}: {declaration.key}, dinyatakan di renstra.toml.",
        tuple(columns),
        feeds=declaration.key,
        may_be_empty=declaration.may_be_empty,
    )
