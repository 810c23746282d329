"""The chapter templates rendered to Markdown on the shipped data, and the Jinja layer's safety."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import FIGURE_NUMBERS, ROOT, TABLE_NUMBERS
from jinja2 import UndefinedError

from renstra_docs.calc.derive import Derived, derive
from renstra_docs.config import load_config
from renstra_docs.model import Dataset, load
from renstra_docs.render.chapters import (
    CHAPTER_TEMPLATES,
    ChapterError,
    ChapterRenderer,
    document_outline,
    escape_markdown,
    render_chapters,
    romawi,
    terbilang,
    unescape_markdown,
    urutan,
)

TEMPLATES = ROOT / "templates"
TABLES = set(TABLE_NUMBERS)
FIGURES = set(FIGURE_NUMBERS)


@pytest.fixture(scope="module")
def data() -> tuple[Dataset, Derived]:
    dataset = load(load_config(ROOT))
    return dataset, derive(dataset)


def _with_frame(dataset: Dataset, sheet: str, frame: pd.DataFrame) -> Dataset:
    frame.attrs = dataset.frames[sheet].attrs
    return dataclasses.replace(dataset, frames={**dataset.frames, sheet: frame})


@pytest.fixture(scope="module")
def rendered(data: tuple[Dataset, Derived]) -> tuple[list[str], ChapterRenderer]:
    renderer = ChapterRenderer(*data, TEMPLATES, set(TABLES), set(FIGURES))
    return renderer.render_all(), renderer


@pytest.fixture(scope="module")
def chapters(rendered: tuple[list[str], ChapterRenderer]) -> list[str]:
    return rendered[0]


def plain(markdown: str) -> str:
    """The text a reader sees: backslash escapes removed."""
    return unescape_markdown(markdown)


# ---------------------------------------------------------------- the shipped document


def test_eight_chapters_with_their_titles(chapters: list[str]) -> None:
    assert len(chapters) == len(CHAPTER_TEMPLATES) == 8
    titles = [c.splitlines()[0] for c in chapters]
    assert titles == [
        "# PENDAHULUAN",
        "# GAMBARAN PELAYANAN PERANGKAT DAERAH",
        "# PERMASALAHAN DAN ISU-ISU STRATEGIS PERANGKAT DAERAH",
        "# TUJUAN DAN SASARAN",
        "# STRATEGI DAN ARAH KEBIJAKAN",
        "# RENCANA PROGRAM DAN KEGIATAN SERTA PENDANAAN",
        "# KINERJA PENYELENGGARAAN BIDANG URUSAN",
        "# PENUTUP",
    ]


def test_sections_are_unnumbered_and_repaired(chapters: list[str]) -> None:
    outline = document_outline(chapters)
    sections = {(e.number, e.title) for e in outline if e.level == 2}
    assert ("2.1", "Tugas, Fungsi, dan Struktur Organisasi Perangkat Daerah") in sections
    assert ("2.4", "Tantangan dan Peluang Pengembangan Pelayanan Perangkat Daerah") in sections
    assert ("3.5", "Penentuan Isu-Isu Strategis") in sections
    assert [e.number for e in outline if e.chapter == 4 and e.level == 2] == ["4.1"]
    assert [e.number for e in outline if e.chapter == 5 and e.level == 2] == ["5.1", "5.2"]
    assert ("2.1.1", "Sekretaris") in {(e.number, e.title) for e in outline}
    assert not re.search(r"^#+ \d", "\n".join(chapters), re.MULTILINE)  # renderer numbers them


def test_sistematika_lists_the_real_sections(chapters: list[str]) -> None:
    bab1 = plain(chapters[0])
    assert "**BAB IV: TUJUAN DAN SASARAN**" in bab1
    assert "- 4.1 Tujuan dan Sasaran Jangka Menengah Perangkat Daerah" in bab1
    assert "4.2" not in bab1.split("## Sistematika Penulisan")[1]
    assert "tahun 2021-2026" in bab1 and "2016 – 2021" not in bab1


def test_staff_paragraph_from_data(chapters: list[str]) -> None:
    bab2 = plain(chapters[1])
    assert "berjumlah 54 orang" in bab2
    assert "24 orang laki-laki dan 30 orang perempuan" in bab2
    assert "sejumlah 18 orang berstatus PNS dan 6 orang berasal dari tenaga kontrak" in bab2
    assert "sejumlah 21 orang berstatus PNS dan 9 orang berasal dari tenaga kontrak" in bab2


def test_budget_sentence_is_computed(chapters: list[str]) -> None:
    bab2 = plain(chapters[1])
    assert "berada dalam kisaran 6,58 miliar hingga 9,68 miliar rupiah per tahun" in bab2
    assert "6M hingga 8M" not in bab2
    assert "rata-rata sebesar 89,95% dari anggaran total" in bab2
    assert "kisaran 80%" not in bab2


def test_year_by_year_sentences(chapters: list[str]) -> None:
    bab2 = plain(chapters[1])
    assert (
        "Pada akhir tahun 2016 realisasi dari kegiatan tersebut adalah sebesar 4,44% "
        "dengan rasio capaian sebesar 88,80%."
    ) in bab2
    assert "Pada akhir tahun 2020 realisasi dari kegiatan tersebut adalah sebesar 20%" in bab2
    assert bab2.count("Pada akhir tahun") == 10
    assert "maka akan diperoleh hasil sebesar 132,33%" in bab2  # Tabel 2.7, computed


def test_population_and_region_from_stats(chapters: list[str]) -> None:
    bab2 = plain(chapters[1])
    assert "terbagi kedalam 22 kecamatan, 248 desa dan 24 kelurahan" in bab2
    assert "sebanyak 1.163.789 jiwa bertambah 3.112 jiwa dari tahun 2019" in bab2
    assert "1.5888,79" not in bab2  # the seed's garbled area is not carried over


def test_org_units_with_letter_lists(chapters: list[str]) -> None:
    bab2 = chapters[1]
    assert "### Sekretaris\n" in bab2
    assert "#### Sub Bagian Keuangan\n" in bab2
    assert "### Kelompok Jabatan Fungsional\n" in bab2
    block = bab2.split("#### Sub Bagian Penyusunan Program\n")[1].split("####")[0]
    assert "<!-- list: a -->\n1. Merancang bahan koordinasi" in block


def test_lists_and_counts_from_data(chapters: list[str], data: tuple[Dataset, Derived]) -> None:
    dataset, _ = data
    bab3, bab5, bab6, bab7 = (plain(chapters[i]) for i in (2, 4, 5, 6))
    lists = dataset.frames["daftar"]
    for item in lists.loc[lists["daftar"] == "isu_strategis", "uraian"]:
        assert item in bab3
    assert "diperoleh 5 strategi, yaitu:" in bab5
    assert "(O-S)" in bab5 and "(T-W)" in bab5
    assert "memiliki 4 kebijakan, yaitu:" in bab5
    assert "6 program, 14 kegiatan dan 43 sub kegiatan" in bab6
    assert "dicapai melalui 5 program" in bab7
    assert "8. Kurangnya SDM yang berkualitas" in bab7
    assert "Tabel 6.1" in bab6 and "Tabel 6.2" in bab6 and "Tabel 5.1" not in bab6


def test_every_table_and_figure_placed_once(rendered: tuple[list[str], ChapterRenderer]) -> None:
    chapters, renderer = rendered
    text = "\n".join(chapters)
    for number in TABLES:
        assert text.count(f"<!-- table {number} -->") == 1, number
    for number in FIGURES:
        assert text.count(f"<!-- figure {number} -->") == 1, number
    assert sorted(renderer.placed_tables) == sorted(TABLES)
    assert sorted(renderer.placed_figures) == sorted(FIGURES)


def test_markers_stand_alone(chapters: list[str]) -> None:
    for line in "\n".join(chapters).splitlines():
        if "<!--" in line:
            assert re.fullmatch(r"<!-- (table|figure) [\d.]+ -->|<!-- list: a -->", line), line


def test_no_double_escaping(chapters: list[str]) -> None:
    text = "\n".join(chapters)
    assert "\\\\" not in text
    assert "laki\\-laki" not in text  # template text is not escaped, only data


def test_deterministic(data: tuple[Dataset, Derived]) -> None:
    first = ChapterRenderer(*data, TEMPLATES, set(TABLES), set(FIGURES)).render_all()
    second = ChapterRenderer(*data, TEMPLATES, set(TABLES), set(FIGURES)).render_all()
    assert first == second


# ---------------------------------------------------------------- placement errors


def test_unknown_table_number_raises(data: tuple[Dataset, Derived]) -> None:
    renderer = ChapterRenderer(*data, TEMPLATES, TABLES - {"6.2"}, set(FIGURES))
    message = r"bab6_program_pendanaan.md.j2: table(_ref)?\('6.2'\) tidak dikenal"
    with pytest.raises(ChapterError, match=message):
        renderer.render_all()


def test_unknown_figure_number_raises(data: tuple[Dataset, Derived]) -> None:
    renderer = ChapterRenderer(*data, TEMPLATES, set(TABLES), FIGURES - {"2.3"})
    with pytest.raises(ChapterError, match=r"figure\('2.3'\)"):
        renderer.render_all()


def test_table_placed_twice_raises(tmp_path: Path, data: tuple[Dataset, Derived]) -> None:
    templates = _copy_templates(tmp_path)
    path = templates / CHAPTER_TEMPLATES[7]
    path.write_text(path.read_text() + '\n{{ table("7.1") }}\n')
    with pytest.raises(ChapterError, match="7.1 ditempatkan lebih dari sekali"):
        ChapterRenderer(*data, templates, set(TABLES), set(FIGURES)).render_all()


# ---------------------------------------------------------------- strictness and escaping


def test_typo_in_template_raises(tmp_path: Path, data: tuple[Dataset, Derived]) -> None:
    templates = _copy_templates(tmp_path)
    path = templates / CHAPTER_TEMPLATES[7]
    path.write_text(path.read_text() + "\n{{ agency.nama_lengkapp }}\n")
    with pytest.raises(UndefinedError, match="nama_lengkapp"):
        ChapterRenderer(*data, templates, set(TABLES), set(FIGURES)).render_all()


HOSTILE = [
    "{{ x }}",
    '=HYPERLINK("http://evil")',
    "*",
    "<b>tebal</b>",
    "1. bukan daftar",
    "# bukan judul",
    "[tautan](http://x)",
    "a_b_c | d",
    "{% raw %}",
    "&amp;",
    "baris\n\n- bukan butir",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_data_comes_out_literally(value: str, data: tuple[Dataset, Derived]) -> None:
    dataset, derived = data
    lists = dataset.frames["daftar"]
    first = pd.DataFrame(
        {"daftar": ["permasalahan_bab7"], "uraian": [value]}, index=pd.Index([1], name="baris")
    ).astype("string")
    hostile = _with_frame(dataset, "daftar", pd.concat([first, lists]))
    chapters = ChapterRenderer(hostile, derived, TEMPLATES, set(TABLES), set(FIGURES)).render_all()
    line = next(ln for ln in chapters[6].splitlines() if ln.startswith("1. "))
    shown = line.removeprefix("1. ")
    # what the reader sees is the value itself (line breaks inside a value become spaces) ...
    assert unescape_markdown(shown) == re.sub(r"\s*\n+\s*", " ", value)
    # ... because every Markdown-special character is escaped, and nothing was evaluated
    assert not re.search(r"(?<!\\)[*_\[\]#<>|{}&`]", shown)
    assert not re.match(r"\d+[.)] ", shown)


def test_escape_markdown_examples() -> None:
    assert escape_markdown("{{ x }}") == "\\{\\{ x \\}\\}"
    assert escape_markdown("=HYPERLINK(1)") == "=HYPERLINK(1)"
    assert escape_markdown("*") == "\\*"
    assert escape_markdown("<b>") == "\\<b\\>"
    assert escape_markdown("1. a") == "1\\. a"
    assert escape_markdown("2) a") == "2\\) a"
    assert escape_markdown("===") == "\\=\\=\\="
    assert escape_markdown("1.163.789 jiwa") == "1.163.789 jiwa"
    assert escape_markdown(None) == "n/a"
    assert escape_markdown(2021) == "2021"


def test_number_words() -> None:
    assert terbilang(7) == "tujuh"
    assert terbilang(17) == "tujuh belas"
    assert terbilang(11) == "sebelas"
    assert terbilang(100) == "seratus"
    assert terbilang(1000) == "seribu"
    assert terbilang(2026) == "dua ribu dua puluh enam"
    assert (
        terbilang(1_163_789) == "satu juta seratus enam puluh tiga ribu tujuh ratus delapan "
        "puluh sembilan"
    )
    assert urutan(1) == "pertama" and urutan(2) == "kedua"
    assert [romawi(n) for n in (1, 4, 8, 9, 14)] == ["I", "IV", "VIII", "IX", "XIV"]


def _copy_templates(tmp_path: Path) -> Path:
    target = tmp_path / "templates"
    target.mkdir()
    for name in CHAPTER_TEMPLATES:
        (target / name).write_text((TEMPLATES / name).read_text())
    return target


def test_pmks_decline_sentence(data: tuple[Dataset, Derived]) -> None:
    dataset, derived = data
    assert "realisasi indikator tersebut belum dapat dihitung" in plain(
        render_chapters(dataset, derived, TEMPLATES, TABLES, FIGURES)[3]
    )
    counts = pd.DataFrame(
        {"tahun": [2020, 2021, 2022], "jumlah_pmks": [1000, 995, 1010]},
        index=pd.Index([2, 3, 4], name="baris"),
    ).astype("Int64")
    counted = _with_frame(dataset, "pmks_jumlah", counts)
    text = plain(render_chapters(counted, derive(counted), TEMPLATES, TABLES, FIGURES)[3])
    assert "pada tahun 2021 sebesar 0,50%, pada tahun 2022 sebesar -1,51%" in text
