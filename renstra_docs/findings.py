"""Findings: every problem the pipeline reports, with a stable code, a severity and a location.

The catalogue below is the single list of finding codes. `docs/errors.md` is generated from it
(`renstra docs`), so the documentation cannot drift from the code.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Kind:
    """One finding code: what it means and how to fix it (Bahasa Indonesia, for the staff)."""

    code: str
    severity: Severity
    meaning: str
    fix: str
    fatal: bool = False  # stops at once (file unreadable or unsafe), before any other check


CATALOGUE: dict[str, Kind] = {}


def _define(code: str, severity: Severity, meaning: str, fix: str, fatal: bool = False) -> None:
    CATALOGUE[code] = Kind(code, severity, meaning, fix, fatal)


E, W = Severity.ERROR, Severity.WARNING
# -- files and sheets (fatal: nothing else can be read)
_define(
    "workbook-missing",
    E,
    "Berkas workbook tidak ditemukan.",
    "Pastikan berkas .xlsx ada di folder source_tables/ dengan nama yang benar.",
    True,
)
_define(
    "workbook-unreadable",
    E,
    "Berkas bukan workbook .xlsx yang utuh (rusak, terpotong, atau "
    "berkas lain yang diganti namanya).",
    "Simpan ulang berkas dari Excel/LibreOffice sebagai 'Excel Workbook (.xlsx)'.",
    True,
)
_define(
    "workbook-encrypted",
    E,
    "Workbook dilindungi kata sandi sehingga tidak dapat dibaca.",
    "Buka berkas, hapus kata sandi (File > Info > Protect Workbook), lalu simpan ulang.",
    True,
)
_define(
    "workbook-unsafe",
    E,
    "Workbook ditolak demi keamanan (definisi entitas XML, ukuran "
    "setelah dekompresi terlalu besar, atau terlalu banyak entri).",
    "Simpan ulang workbook dari Excel/LibreOffice; jangan gunakan berkas dari sumber tak dikenal.",
    True,
)
_define(
    "workbook-empty",
    E,
    "Workbook tidak berisi lembar kerja yang dapat dibaca.",
    "Gunakan templat workbook yang benar (renstra init) dan isi datanya.",
    True,
)
_define(
    "sheet-missing",
    E,
    "Lembar kerja (sheet) yang wajib ada tidak ditemukan.",
    "Tambahkan sheet dengan nama persis seperti pada docs/source-tables.md.",
    True,
)
_define(
    "header-missing",
    E,
    "Kolom wajib tidak ditemukan pada baris judul (baris 1).",
    "Periksa ejaan judul kolom pada baris 1; judul harus persis seperti pada "
    "docs/source-tables.md.",
    True,
)
_define(
    "header-duplicate",
    E,
    "Judul kolom yang sama muncul lebih dari sekali.",
    "Hapus atau ganti nama salah satu kolom.",
    True,
)
_define(
    "merged-cells",
    E,
    "Sel gabungan (merge) di area data membuat nilai tidak jelas barisnya.",
    "Pisahkan sel gabungan (Unmerge) dan isi nilai pada setiap baris.",
    True,
)
# -- cells
_define(
    "formula-not-calculated",
    E,
    "Sel berisi rumus tanpa nilai tersimpan (belum dihitung).",
    "Buka workbook di Excel/LibreOffice, tekan Ctrl+Alt+F9 lalu simpan; atau ganti rumus "
    "dengan angka.",
)
_define(
    "excel-error",
    E,
    "Sel berisi nilai galat Excel (#DIV/0!, #REF!, #N/A, ...).",
    "Perbaiki rumus atau isi sel dengan angka yang benar.",
)
_define(
    "type-error",
    E,
    "Isi sel bukan angka padahal kolom ini berisi angka.",
    "Tulis angka saja, misalnya 1.234.567 atau 88,42%.",
)
_define(
    "number-format",
    E,
    "Penulisan angka tidak dapat dibaca dengan pasti.",
    "Tulis angka dengan format Indonesia: titik pemisah ribuan, koma desimal (1.234.567,5).",
)
_define(
    "date-not-number",
    E,
    "Sel berisi tanggal padahal kolom ini berisi angka.",
    "Ubah format sel menjadi Number/General dan ketik ulang angkanya.",
)
_define(
    "not-integer",
    E,
    "Nilai rupiah atau jumlah harus bilangan bulat.",
    "Hapus angka desimal (pagu ditulis dalam rupiah penuh).",
)
_define("negative-amount", E, "Nilai tidak boleh negatif.", "Periksa tanda minus pada sel.")
_define(
    "amount-too-large",
    E,
    "Nilai rupiah atau jumlah melebihi 9.223.372.036.854.775.807 (batas bilangan bulat 64 bit).",
    "Periksa angkanya: kemungkinan salah ketik atau sel berisi hasil rumus yang keliru.",
)
_define(
    "code-as-number",
    E,
    "Kode/ID disimpan sebagai angka sehingga nol di belakang bisa hilang (1.10 menjadi 1.1).",
    "Ubah format sel menjadi Text lalu ketik ulang kodenya.",
)
_define(
    "invalid-code",
    E,
    "Kode/ID berisi karakter yang tidak diperbolehkan.",
    "Gunakan huruf, angka, titik, garis bawah atau tanda hubung saja.",
)
_define(
    "invalid-choice",
    E,
    "Nilai tidak termasuk pilihan yang diperbolehkan untuk kolom ini.",
    "Pilih salah satu nilai dari daftar pilihan (lihat docs/source-tables.md).",
)
_define("required-missing", E, "Sel wajib diisi tetapi kosong.", "Isi sel tersebut.")
_define(
    "duplicate-key",
    E,
    "ID/kode yang sama dipakai lebih dari sekali.",
    "Setiap baris harus memiliki ID/kode yang unik.",
)
_define(
    "unknown-parent",
    E,
    "Induk (baris atasan) yang dirujuk tidak ada.",
    "Perbaiki kolom Induk agar merujuk ID yang ada pada sheet yang sama.",
)
_define(
    "wrong-parent-level",
    E,
    "Tingkatan induk tidak sesuai (sub kegiatan harus di bawah "
    "kegiatan, kegiatan di bawah program).",
    "Perbaiki kolom Induk atau Level.",
)
_define(
    "unknown-reference",
    E,
    "Rujukan ke ID pada sheet/workbook lain tidak ditemukan.",
    "Perbaiki ID yang dirujuk agar sama persis dengan ID yang ada.",
)
_define(
    "pagu-on-parent",
    E,
    "Pagu diisi pada baris program/kegiatan; pagu hanya data pada "
    "sub kegiatan (program dan kegiatan dihitung otomatis).",
    "Pindahkan angka ke kolom 'Pagu Tertulis' bila ingin dicek, atau hapus.",
)
_define(
    "year-columns",
    E,
    "Kolom tahun tidak berurutan atau tidak sesuai periode di renstra.toml.",
    "Periksa judul kolom tahun (misalnya 'Pagu 2022' s.d. 'Pagu 2026').",
)
_define(
    "invalid-config", E, "Berkas renstra.toml tidak valid.", "Perbaiki nilai yang disebut.", True
)
_define(
    "project-exists",
    E,
    "Berkas proyek sudah ada: renstra init tidak menimpa apa pun.",
    "Pilih folder baru, atau pindahkan berkas yang disebut.",
    True,
)
_define(
    "sheet-empty",
    W,
    "Sheet belum diisi: bagian dokumen yang memakainya menampilkan keterangan belum diisi.",
    "Isi sheet tersebut (lihat sheet Petunjuk pada workbook yang sama).",
)
# -- warnings from reading
_define(
    "unknown-column",
    W,
    "Kolom tambahan yang tidak dikenal; isinya diabaikan.",
    "Hapus kolom atau pindahkan ke sheet catatan bila memang tidak dipakai.",
)
_define("empty-row", W, "Baris kosong di tengah data.", "Hapus baris kosong tersebut.")
_define(
    "illegal-character",
    W,
    "Karakter kontrol/tak terlihat dihapus dari teks (tidak sah di DOCX).",
    "Ketik ulang teks pada sel tersebut tanpa menyalin dari sumber lain.",
)
_define(
    "text-too-long",
    W,
    "Teks sangat panjang (lebih dari 5.000 karakter) dalam satu sel.",
    "Periksa apakah isi sel memang benar; pecah menjadi beberapa baris bila perlu.",
)
_define("percent-over-100", W, "Persentase lebih dari 100%.", "Periksa kembali nilainya.")
_define(
    "numbering-gap",
    W,
    "Nomor urut (kolom No) tidak berurutan.",
    "Nomor urut dokumen dibuat otomatis; perbaiki kolom No atau kosongkan.",
)
_define(
    "unit-mismatch",
    W,
    "Satuan pada sel berbeda dengan satuan indikator.",
    "Samakan satuan, atau perbaiki angka target/realisasi.",
)
_define(
    "missing-baseline",
    W,
    "Data capaian awal (baseline) indikator tidak tersedia.",
    "Isi kolom Baseline bila datanya ada.",
)
_define(
    "declared-unreadable",
    W,
    "Angka tertulis (hanya untuk diperiksa) tidak dapat dibaca; "
    "dokumen tetap memakai hasil hitung.",
    "Perbaiki penulisan angka tertulis tersebut.",
)
_define(
    "unknown-declared",
    W,
    "Nilai tertulis (sheet deklarasi) dengan kunci yang tidak dikenal.",
    "Periksa kolom Tabel dan Kunci pada sheet deklarasi.",
)
_define(
    "unknown-list",
    W,
    "Daftar dengan kunci yang tidak dikenal pada sheet daftar.",
    "Periksa ejaan kolom Daftar.",
)
# -- declared against computed
_define(
    "total-mismatch",
    W,
    "Total/jumlah yang tertulis berbeda dengan hasil penjumlahan rinciannya.",
    "Dokumen memakai hasil hitung. Perbaiki angka tertulis atau rinciannya di workbook.",
)
_define(
    "ratio-mismatch",
    W,
    "Rasio/persentase yang tertulis berbeda dengan hasil perhitungan.",
    "Dokumen memakai hasil hitung. Perbaiki angka tertulis atau komponen rasionya.",
)
_define(
    "growth-mismatch",
    W,
    "Rata-rata pertumbuhan yang tertulis berbeda dengan hasil perhitungan.",
    "Dokumen memakai hasil hitung. Perbaiki angka tertulis.",
)
_define(
    "value-mismatch",
    W,
    "Angka yang dikutip di narasi berbeda dengan data tabel.",
    "Dokumen memakai hasil hitung dari tabel. Perbaiki data atau angka tertulis.",
)
_define(
    "target-mismatch",
    W,
    "Target akhir periode yang tertulis berbeda dengan hasil aturan agregasi indikator.",
    "Perbaiki Target Akhir Tertulis atau Aturan Akhir indikator.",
)
_define(
    "staff-mismatch",
    W,
    "Jumlah pegawai tidak sama antar tabel (2.2, 2.3, 2.4, narasi).",
    "Samakan data pegawai di sheet pegawai_jabatan, pegawai_status dan pegawai_golongan.",
)
_define(
    "program-not-in-total",
    W,
    "Total tertulis tidak memuat salah satu program: selisihnya "
    "sama persis dengan pagu program tersebut.",
    "Perbaiki baris TOTAL agar semua program dijumlahkan (dokumen memakai hasil hitung).",
)
_define(
    "baseline-mismatch",
    W,
    "Target tahun transisi (matriks_transisi) berbeda dengan data capaian awal (baseline) "
    "matriks rencana untuk indikator yang sama.",
    "Samakan baseline pada sheet indikator dengan target tahun transisi.",
)
_define(
    "unknown-unit-kerja",
    W,
    "Unit kerja penanggung jawab tidak dikenal di struktur organisasi.",
    "Tulis nama unit sesuai sheet unit_organisasi.",
)
_define(
    "program-without-indicator",
    W,
    "Program/kegiatan tidak memiliki indikator.",
    "Tambahkan indikator pada sheet indikator.",
)
_define(
    "node-without-pagu",
    W,
    "Sub kegiatan tanpa pagu pada semua tahun.",
    "Isi pagu sub kegiatan atau hapus barisnya.",
)
# -- years and real documents (issues 12, 13)
_define(
    "year-mismatch",
    W,
    "Kolom tahun sebuah sheet tidak sama dengan tahun di renstra.toml ([periode]).",
    "Samakan judul kolom tahun dengan renstra.toml, atau ubah [periode] di renstra.toml. "
    "Dokumen memakai tahun yang ada di sheet.",
)
_define(
    "realisasi-missing",
    W,
    "Target suatu tahun ada, tetapi realisasinya kosong (rasio tidak dapat dihitung).",
    "Isi realisasi tahun tersebut, atau tulis n/a bila datanya memang tidak ada.",
)
_define(
    "rasio-missing",
    W,
    "Rasio tahun ini tidak tertulis padahal tahun lain tertulis (dokumen memakai hasil hitung).",
    "Isi kolom Rasio tahun tersebut seperti tercetak, atau kosongkan semua kolom Rasio.",
)
_define(
    "indicator-type-mismatch",
    W,
    "Jenis indikator (SPM/NSPK, IKK, Lainnya) tidak sesuai kolom target yang diisi.",
    "Isi target pada kolom sesuai jenis indikator, atau perbaiki kolom Jenis Indikator.",
)
_define(
    "growth-as-amount",
    W,
    "Rata-rata pertumbuhan tertulis sebagai jumlah rupiah, bukan persentase.",
    "Tulis rata-rata pertumbuhan dalam persen (mis. -1,63%); dokumen memakai hasil hitung.",
)
_define(
    "pagu-row-mismatch",
    W,
    "Satu node mencetak Rp berbeda pada baris indikatornya (pagu node adalah Rp baris pertama).",
    "Samakan Rp pada semua baris indikator node, atau kosongkan Rp baris berikutnya.",
)
_define(
    "counted-twice",
    W,
    "Pagu induk tertulis sama dengan jumlah rinciannya ditambah Rp baris indikator kedua "
    "sebuah rincian: Rp itu terhitung dua kali.",
    "Perbaiki pagu induk tertulis (dokumen memakai hasil hitung dari pagu sub kegiatan).",
)
# -- nomenclature (issue 8)
_define(
    "code-unknown",
    E,
    "Kode tidak ada dalam nomenklatur versi yang dipakai.",
    "Periksa kode terhadap nomenklatur (renstra.toml: nomenklatur.versi).",
)
_define(
    "code-parent-mismatch",
    E,
    "Awalan kode tidak sama dengan kode induknya.",
    "Perbaiki kode atau kolom Induk.",
)
_define(
    "code-name-mismatch",
    W,
    "Nama berbeda dengan nama resmi dalam nomenklatur.",
    "Gunakan nama resmi yang dikutip pada pesan.",
)
_define(
    "code-foreign-program",
    W,
    "Kegiatan/sub kegiatan berada di luar program yang diampu.",
    "Periksa kode program dan kegiatan.",
)
_define("code-missing", W, "Kode nomenklatur belum diisi.", "Isi kolom Kode (lihat renstra codes).")
# -- reading, issue 15
_define(
    "percent-as-fraction",
    W,
    "Angka 1 atau kurang berformat General pada nilai bersatuan %: dibaca apa adanya "
    "(0,05 menjadi 0,05%), padahal bisa jadi pecahan dari format persen yang hilang "
    "(5% tersimpan sebagai 0,05, misalnya setelah workbook disimpan ulang oleh program lain).",
    "Ketik nilainya dengan tanda persen (5%) atau beri sel format Percent; bila memang kurang "
    "dari 1%, ketik misalnya 0,05%.",
)
_define(
    "merged-text",
    W,
    "Sel gabungan vertikal pada kolom teks: teksnya hanya milik baris teratas, baris-baris di "
    "bawahnya dibaca kosong.",
    "Pisahkan sel gabungan (Unmerge) dan isi teks pada setiap baris bila baris di bawahnya "
    "juga memerlukannya.",
)
# -- nomenclature of every urusan (issue 13)
_define(
    "code-other-version",
    W,
    "Kode ada dalam nomenklatur versi lain, bukan versi dari renstra.toml.",
    "Ganti dengan padanannya di versi renstra.toml (lihat pesan atau renstra codes --to), "
    "atau ubah nomenklatur.versi.",
)
_define(
    "code-no-counterpart",
    W,
    "renstra codes --to: kode tidak punya padanan di versi tujuan dalam crosswalk; kode versi "
    "lama dibiarkan (build berikutnya memberi peringatan code-other-version).",
    "Cari sub kegiatan pengganti dalam nomenklatur versi baru dan ketik kodenya, atau biarkan "
    "kode lama bila kegiatan itu memang tetap dilaksanakan.",
)
_define(
    "code-old-style",
    W,
    "Kode ditulis dalam format lama (sebelum 2021): sub kegiatan dua digit atau urusan "
    "berawalan nol.",
    "Tulis kode dalam format baru yang dikutip pada pesan (mis. 1.05.02.2.01.0003).",
)
# -- renstra import: tables in the official T-C layouts (issue 13)
_define(
    "import-layout-unknown",
    E,
    "Sheet yang diimpor tidak dikenali sebagai tabel T-C.23, T-C.24, T-C.25 atau T-C.27 "
    "(dari teks judul kolomnya), atau kolom wajibnya tidak ada.",
    "Pastikan judul kolom memuat judul resmi (mis. 'Indikator', 'Target', 'Realisasi', "
    "'Kode', 'Program dan Kegiatan'), atau keluarkan sheet ini dari berkas yang diimpor.",
)
_define(
    "import-layout-duplicate",
    E,
    "Tabel yang sama (mis. T-C.27) ditemukan di lebih dari satu sheet yang diimpor.",
    "Impor satu sheet per tabel: gabungkan sheet-sheetnya atau impor berkas satu per satu.",
)
_define(
    "import-years",
    E,
    "Tahun kolom tabel yang diimpor tidak dapat ditentukan (Tahun ke-n tanpa tahunnya di "
    "renstra.toml, lebih banyak tahun daripada periode, atau tahun tidak berurutan).",
    "Isi [periode] tahun_rencana / tahun_lalu di renstra.toml, atau cetak tahun kalender "
    "pada judul kolom.",
)
_define(
    "import-row-unplaced",
    E,
    "Baris tabel yang diimpor tidak dapat ditempatkan (kode tidak terbaca atau tidak "
    "lengkap, tanpa induk di atasnya, atau tanpa nama/indikator); tidak ada yang ditulis.",
    "Perbaiki kode, nama atau indikator baris tersebut di berkas sumber, lalu impor ulang.",
)
_define(
    "import-row-skipped",
    W,
    "Baris tabel yang diimpor tidak punya tempat di workbook proyek dan dilewati (mis. baris "
    "urusan/bidang urusan, indikator tujuan/sasaran pada T-C.27).",
    "Periksa bahwa isinya memang tidak diperlukan (indikator tujuan/sasaran diimpor dari T-C.25).",
)
_define(
    "import-default",
    W,
    "Nilai yang tidak tercetak pada tabel yang diimpor diisi nilai bawaan (Polaritas 'Positif', "
    "Aturan Akhir 'terakhir').",
    "Periksa kolom yang disebut di workbook proyek: ubah ke 'Negatif' untuk indikator yang "
    "makin rendah makin baik, atau ke aturan akhir yang benar.",
)
_define(
    "import-goal-unmatched",
    W,
    "Teks Tujuan/Sasaran pada T-C.27 tidak sama dengan tujuan/sasaran mana pun di sheet "
    "tujuan_sasaran (T-C.25); kolom Tujuan/Sasaran matriks dibiarkan kosong.",
    "Samakan teksnya dengan T-C.25 (impor T-C.25 bersama T-C.27), atau isi ID-nya di matriks.",
)
_define(
    "parent-pagu-blank",
    W,
    "Program/kegiatan tercetak tanpa Rp sama sekali, padahal rinciannya berpagu.",
    "Cetak pagu program/kegiatan (jumlah rinciannya); dokumen memakai hasil hitung.",
)
del E, W


class Location(NamedTuple):
    """Where a value sits: workbook, sheet, Excel cell and column header.

    A named tuple, not a dataclass: large tables create one per source cell, and a frozen
    dataclass costs several times more to create."""

    workbook: str
    sheet: str | None = None
    cell: str | None = None
    column: str | None = None

    def __str__(self) -> str:
        parts = [self.workbook]
        if self.sheet:
            parts.append(self.sheet)
        if self.cell:
            parts.append(f"{self.cell} ({self.column})" if self.column else self.cell)
        elif self.column:
            parts.append(self.column)
        return " › ".join(parts)


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    location: Location | None = None
    value: object = None
    declared: Decimal | int | None = None
    computed: Decimal | int | None = None
    table: str | None = None
    row_label: str | None = None
    severity: Severity = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "severity", CATALOGUE[self.code].severity)

    @property
    def difference(self) -> Decimal | int | None:
        if self.declared is None or self.computed is None:
            return None
        return self.declared - self.computed

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def level(self) -> str:
        """The severity as the staff read it: "galat" or "peringatan"."""
        return "galat" if self.is_error else "peringatan"

    def line(self) -> str:
        """The one-line message: `workbook › sheet › cell: what is wrong`."""
        where = f"{self.location}: " if self.location else ""
        return f"{where}{self.message} [{self.code}]"

    def escalated(self) -> Finding:
        """The same finding as an error (for --strict)."""
        copy = replace(self)
        object.__setattr__(copy, "severity", Severity.ERROR)
        return copy


class RenstraError(Exception):
    """Input that cannot be used at all: carries the findings that explain why."""

    def __init__(self, findings: list[Finding] | Finding):
        self.findings = [findings] if isinstance(findings, Finding) else list(findings)
        super().__init__("\n".join(f.line() for f in self.findings))


def catalogue_markdown() -> str:
    """docs/errors.md: every finding code, its severity, meaning and fix (for the staff)."""
    lines = [
        "# Katalog temuan (galat dan peringatan)",
        "",
        "Dibuat otomatis dari `renstra_docs/findings.py` dengan `renstra docs`; jangan "
        "disunting manual.",
        "",
        "- **galat** (error): data tidak dapat dipakai; build berhenti dan `build/` lama "
        "tetap utuh.",
        "- **peringatan** (warning): build jalan terus; temuan dicatat di `build/validation.md`.",
        "  `--strict` menjadikan peringatan sebagai galat.",
        "",
        "| Kode | Tingkat | Arti | Cara memperbaiki |",
        "|---|---|---|---|",
    ]
    for kind in sorted(CATALOGUE.values(), key=lambda k: (k.severity != Severity.ERROR, k.code)):
        level = "galat" if kind.severity is Severity.ERROR else "peringatan"
        if kind.fatal:
            level += " (langsung berhenti)"
        lines.append(f"| `{kind.code}` | {level} | {kind.meaning} | {kind.fix} |")
    return "\n".join(lines) + "\n"
