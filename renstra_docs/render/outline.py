"""The structure every Renstra Perangkat Daerah shares (Permendagri 86/2017, BAB I-VIII).

Each chapter has an optional opening text and its sections; each section a heading and one text
(a Markdown file with {{ placeholders }}: the package's neutral default in `data/teks/`, or the
project's own in its templates folder, same name). The tables and figures a section owns are
placed where its text says (`{{ tabel.aset }}`), or after the text when it does not.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    slot: str  # the text's file name without ".md", e.g. "bab2_sumber_daya"
    title: str  # the heading; may hold {{ placeholders }} (e.g. the province)
    tables: tuple[str, ...] = ()  # table keys this section places
    figures: tuple[str, ...] = ()  # figure keys


@dataclass(frozen=True)
class Chapter:
    number: int
    title: str
    opening: Section  # the text under the chapter title, before the first section
    sections: tuple[Section, ...] = ()

    @property
    def parts(self) -> tuple[Section, ...]:
        return (self.opening, *self.sections)


def _opening(number: int, tables: tuple[str, ...] = (), figures: tuple[str, ...] = ()) -> Section:
    return Section(f"bab{number}", "", tables, figures)


CHAPTERS: tuple[Chapter, ...] = (
    Chapter(
        1,
        "PENDAHULUAN",
        _opening(1),
        (
            Section("bab1_latar_belakang", "Latar Belakang"),
            Section("bab1_landasan_hukum", "Landasan Hukum"),
            Section("bab1_maksud_tujuan", "Maksud dan Tujuan"),
            Section("bab1_sistematika", "Sistematika Penulisan"),
        ),
    ),
    Chapter(
        2,
        "GAMBARAN PELAYANAN PERANGKAT DAERAH",
        _opening(2),
        (
            Section(
                "bab2_tugas_fungsi",
                "Tugas, Fungsi, dan Struktur Organisasi Perangkat Daerah",
                figures=("struktur_organisasi",),
            ),
            Section(
                "bab2_sumber_daya",
                "Sumber Daya Perangkat Daerah",
                tables=("pegawai_jabatan", "pegawai_golongan", "aset"),
                figures=("pegawai_status",),
            ),
            Section(
                "bab2_kinerja_pelayanan",
                "Kinerja Pelayanan Perangkat Daerah",
                tables=("kinerja_pelayanan", "kinerja_akhir_periode", "anggaran_realisasi"),
            ),
            Section(
                "bab2_tantangan_peluang",
                "Tantangan dan Peluang Pengembangan Pelayanan Perangkat Daerah",
            ),
        ),
    ),
    Chapter(
        3,
        "PERMASALAHAN DAN ISU-ISU STRATEGIS PERANGKAT DAERAH",
        _opening(3),
        (
            Section(
                "bab3_permasalahan",
                "Identifikasi Permasalahan Berdasarkan Tugas dan Fungsi Pelayanan Perangkat Daerah",
            ),
            Section(
                "bab3_visi_misi",
                "Telaah Visi, Misi, dan Program Kepala Daerah dan Wakil Kepala Daerah Terpilih",
            ),
            Section("bab3_renstra_kl", "Telaah Renstra K/L dan Renstra Provinsi {{ provinsi }}"),
            Section(
                "bab3_rtrw_klhs",
                "Telaah Rencana Tata Ruang Wilayah dan Kajian Lingkungan Hidup Strategis",
            ),
            Section("bab3_isu_strategis", "Penentuan Isu-Isu Strategis"),
        ),
    ),
    Chapter(
        4,
        "TUJUAN DAN SASARAN",
        _opening(4),
        (
            Section(
                "bab4_tujuan_sasaran",
                "Tujuan dan Sasaran Jangka Menengah Perangkat Daerah",
                tables=("tujuan_sasaran",),
            ),
        ),
    ),
    Chapter(
        5,
        "STRATEGI DAN ARAH KEBIJAKAN",
        _opening(5),
        (
            Section("bab5_strategi", "Strategi", tables=("swot",)),
            Section("bab5_kebijakan", "Kebijakan", tables=("kebijakan", "strategi_kebijakan")),
        ),
    ),
    Chapter(
        6,
        "RENCANA PROGRAM DAN KEGIATAN SERTA PENDANAAN",
        _opening(6, ("matriks_transisi", "matriks"), ("pagu_program",)),
    ),
    Chapter(7, "KINERJA PENYELENGGARAAN BIDANG URUSAN", _opening(7, ("indikator_rpjmd",))),
    Chapter(8, "PENUTUP", _opening(8)),
)

SLOTS: tuple[str, ...] = tuple(part.slot for chapter in CHAPTERS for part in chapter.parts)
