"""The chapters rendered to Markdown: the shipped project's texts on its data, the package's
neutral texts, placeholders only, and the Jinja layer's safety."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import FIGURE_NUMBERS, ROOT, TABLE_NUMBERS

from renstra_docs.calc.derive import Derived, derive
from renstra_docs.config import load_config
from renstra_docs.model import Dataset, load
from renstra_docs.render.chapters import (
    ChapterError,
    ChapterRenderer,
    document_outline,
    escape_markdown,
    render_chapters,
    unescape_markdown,
)
from renstra_docs.render.filters import romawi, terbilang, urutan
from renstra_docs.render.outline import CHAPTERS, SLOTS
from renstra_docs.tables import build_figures, build_tables

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


def _render(data: tuple[Dataset, Derived], templates: Path = TEMPLATES) -> ChapterRenderer:
    dataset, derived = data
    tables, figures = build_tables(dataset, derived), build_figures(dataset, derived)
    return ChapterRenderer(dataset, derived, tables, figures, templates)


@pytest.fixture(scope="module")
def rendered(data: tuple[Dataset, Derived]) -> tuple[list[str], ChapterRenderer]:
    renderer = _render(data)
    return renderer.render_all(), renderer


@pytest.fixture(scope="module")
def chapters(rendered: tuple[list[str], ChapterRenderer]) -> list[str]:
    return rendered[0]


def plain(markdown: str) -> str:
    """The text a reader sees: backslash escapes removed."""
    return unescape_markdown(markdown)


# ---------------------------------------------------------------- the shipped document


def test_eight_chapters_with_their_titles(chapters: list[str]) -> None:
    assert len(chapters) == len(CHAPTERS) == 8
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
    placed = renderer.placements.placed
    assert len([k for kind, k in placed if kind == "table"]) == len(TABLES)
    assert len([k for kind, k in placed if kind == "figure"]) == len(FIGURES)


def test_markers_stand_alone(chapters: list[str]) -> None:
    for line in "\n".join(chapters).splitlines():
        if "<!--" in line:
            assert re.fullmatch(r"<!-- (table|figure) [\d.]+ -->|<!-- list: a -->", line), line


def test_no_double_escaping(chapters: list[str]) -> None:
    text = "\n".join(chapters)
    assert "\\\\" not in text
    assert "laki\\-laki" not in text  # template text is not escaped, only data


def test_deterministic(data: tuple[Dataset, Derived]) -> None:
    assert _render(data).render_all() == _render(data).render_all()


# ---------------------------------------------------------------- placement and text errors


def _texts(tmp_path: Path) -> Path:
    """A copy of the shipped project's texts, to edit."""
    target = tmp_path / "templates"
    shutil.copytree(TEMPLATES, target)
    return target


def _write(templates: Path, slot: str, text: str) -> None:
    (templates / f"{slot}.md").write_text(text, encoding="utf-8")


def test_unknown_table_key_names_the_file_and_line(tmp_path: Path, data) -> None:
    templates = _texts(tmp_path)
    _write(templates, "bab8", "Penutup.\n\n{{ tabel.tidak_ada }}\n")
    with pytest.raises(ChapterError, match=r"^templates/bab8.md:3: tabel.tidak_ada tidak dikenal"):
        _render(data, templates).render_all()


def test_table_placed_twice_raises(tmp_path: Path, data) -> None:
    templates = _texts(tmp_path)
    _write(templates, "bab8", "{{ tabel.indikator_rpjmd }}\n")
    with pytest.raises(ChapterError, match="tabel indikator_rpjmd ditempatkan lebih dari sekali"):
        _render(data, templates).render_all()


def test_misspelt_placeholder_is_one_line_with_file_line_and_name(tmp_path, data) -> None:
    templates = _texts(tmp_path)
    _write(templates, "bab8", "Baris satu.\n\n{{ nama_instansi_salahketik }}\n")
    with pytest.raises(ChapterError) as info:
        _render(data, templates).render_all()
    assert str(info.value) == (
        "templates/bab8.md:3: isian 'nama_instansi_salahketik' tidak dikenal"
    )


def test_a_statement_in_a_text_is_refused(tmp_path, data) -> None:
    templates = _texts(tmp_path)
    _write(templates, "bab8", "Satu.\n{% if true %}dua{% endif %}\n")
    with pytest.raises(ChapterError, match=r"^templates/bab8.md:2: .*bukan perintah"):
        _render(data, templates).render_all()


def test_a_syntax_error_in_a_text_is_one_line(tmp_path, data) -> None:
    templates = _texts(tmp_path)
    _write(templates, "bab8", "Satu.\n\nDua {{ instansi \n")
    with pytest.raises(ChapterError, match=r"^templates/bab8.md:3: "):
        _render(data, templates).render_all()


def test_a_section_heading_in_a_text_is_refused(tmp_path, data) -> None:
    templates = _texts(tmp_path)
    _write(templates, "bab8", "Satu.\n\n## Subbab baru\n")
    with pytest.raises(ChapterError, match=r"^templates/bab8.md:3: judul bab dan subbab"):
        _render(data, templates).render_all()


def test_a_table_the_text_does_not_place_follows_its_section(tmp_path, data) -> None:
    templates = _texts(tmp_path)
    _write(templates, "bab4_tujuan_sasaran", "Tujuan dan sasaran disajikan berikut.\n")
    bab4 = _render(data, templates).render_all()[3]
    assert bab4.rstrip().endswith("<!-- table 4.1 -->")


def test_every_slot_has_a_neutral_default() -> None:
    from renstra_docs.render.chapters import PACKAGE_TEXTS

    defaults = {p.name.removesuffix(".md") for p in PACKAGE_TEXTS.iterdir()}
    assert set(SLOTS) - defaults == {"bab1", "bab2", "bab3", "bab4"}  # chapters without opening


# ---------------------------------------------------------------- strictness and escaping


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
    chapters = _render((hostile, derived)).render_all()
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


def test_pmks_decline_sentence(data: tuple[Dataset, Derived]) -> None:
    dataset, derived = data
    chapters = render_chapters(
        dataset, derived, build_tables(dataset, derived), build_figures(dataset, derived), TEMPLATES
    )
    assert "realisasi indikator tersebut belum dapat dihitung" in plain(chapters.texts[3])
    counts = pd.DataFrame(
        {"tahun": [2020, 2021, 2022], "jumlah_pmks": [1000, 995, 1010]},
        index=pd.Index([2, 3, 4], name="baris"),
    ).astype("Int64")
    counted = _with_frame(dataset, "pmks_jumlah", counts)
    again = derive(counted)
    rendered = render_chapters(
        counted, again, build_tables(counted, again), build_figures(counted, again), TEMPLATES
    )
    text = plain(rendered.texts[3])
    assert "pada tahun 2021 sebesar 0,50%, pada tahun 2022 sebesar -1,51%" in text
