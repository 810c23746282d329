"""The eight chapter templates (templates/babN_*.md.j2) rendered to Markdown.

Data is never rendered as a template: every value printed with ``{{ }}`` goes through
`escape_markdown`, so a spreadsheet cell such as ``{{ x }}``, ``*`` or ``<b>`` comes out
literally. Only `markupsafe.Markup` values (the placement markers made here) are trusted.

The Markdown dialect is the one the DOCX renderer reads: ``#`` chapter title (the renderer adds
"BAB I"), ``##``-``####`` numbered sections (the renderer numbers them), ``1.`` ordered lists,
``<!-- list: a -->`` before a list for "a)" labels, ``-`` bullets, ``<!-- table 2.6 -->``,
``<!-- figure 2.3 -->`` and ``<!-- pagebreak -->``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..calc.derive import Derived
from ..model import Node, Renstra
from .. import fmt
from .markdown import roman

CHAPTER_TEMPLATES: tuple[str, ...] = (
    "bab1_pendahuluan.md.j2",
    "bab2_gambaran_pelayanan.md.j2",
    "bab3_permasalahan_isu.md.j2",
    "bab4_tujuan_sasaran.md.j2",
    "bab5_strategi_kebijakan.md.j2",
    "bab6_program_pendanaan.md.j2",
    "bab7_kinerja_urusan.md.j2",
    "bab8_penutup.md.j2",
)
TABLE_WORD = "Tabel"
FIGURE_WORD = "Gambar"  # a figure numbered like a table ("6.1") must be a Gambar
SUPPORT_PROGRAM_PREFIX = "PROGRAM PENUNJANG"  # not in Tabel 7.1 (T-C.28)

# ASCII punctuation that Markdown (CommonMark + tables/strikethrough) may read as markup.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#+\-|!{}&~])")
_ORDERED_START = re.compile(r"^(\s*\d+)([.)])(?=\s|$)")
_SETEXT_LINE = re.compile(r"^\s*=+\s*$")
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")
_HEADING = re.compile(r"^(#{1,4}) (.+)$", re.MULTILINE)
_UNESCAPE = re.compile(r"\\(.)")
_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+\n")


class ChapterError(ValueError):
    """A template asked for something that does not exist (a table number, a figure)."""


# ---------------------------------------------------------------- escaping


def escape_markdown(value: Any) -> str:
    """Any printed value as literal Markdown text (Markup is trusted and returned unchanged)."""
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return fmt.MISSING
    text = _LINE_BREAKS.sub(" ", str(value))  # a value is inline text: no block structure
    if _SETEXT_LINE.match(text):
        return text.replace("=", "\\=")
    text = _SPECIAL.sub(r"\\\1", text)
    return _ORDERED_START.sub(r"\1\\\2", text)


def unescape_markdown(text: str) -> str:
    return _UNESCAPE.sub(r"\1", text)


# ---------------------------------------------------------------- filters


_UNITS = (
    "",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
)
_SCALES = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"))


def romawi(number: int) -> str:
    """3 -> 'III'."""
    if number <= 0:
        raise ChapterError(f"angka romawi harus positif, bukan {number}")
    return roman(number)


def terbilang(number: int | None) -> str:
    """17 -> 'tujuh belas', 1000 -> 'seribu' (the words in '7 (tujuh) program')."""
    if number is None:
        return fmt.MISSING
    number = int(number)
    if number == 0:
        return "nol"
    if number < 0:
        return "minus " + terbilang(-number)
    return _words(number)


def urutan(number: int) -> str:
    """1 -> 'pertama', 2 -> 'kedua', 12 -> 'kedua belas' (ordinal words)."""
    return "pertama" if number == 1 else "ke" + terbilang(number)


def _words(n: int) -> str:
    if n < 12:
        return _UNITS[n]
    if n < 20:
        return _UNITS[n - 10] + " belas"
    if n < 100:
        return _join(_UNITS[n // 10] + " puluh", n % 10)
    if n < 1000:
        head = "seratus" if n // 100 == 1 else _UNITS[n // 100] + " ratus"
        return _join(head, n % 100)
    if n < 10**6:
        head = "seribu" if n // 1000 == 1 else _words(n // 1000) + " ribu"
        return _join(head, n % 1000)
    for scale, name in _SCALES:
        if n >= scale:
            return _join(_words(n // scale) + " " + name, n % scale)
    raise AssertionError("unreachable")


def _join(head: str, rest: int) -> str:
    return head if rest == 0 else f"{head} {_words(rest)}"


def awal_kecil(text: str | None) -> str | None:
    """'Persentase PMKS ...' -> 'persentase PMKS ...' (a name used inside a sentence)."""
    if not text:
        return text
    first = text.split(" ", 1)[0]
    return text if first.isupper() and len(first) > 1 else text[0].lower() + text[1:]


def gabung(items: Iterable[Any]) -> str:
    """['a', 'b', 'c'] -> 'a, b dan c'."""
    texts = [str(i) for i in items]
    if len(texts) <= 1:
        return "".join(texts)
    return ", ".join(texts[:-1]) + " dan " + texts[-1]


def hashes(depth: int) -> Markup:
    """The heading marker of a section level (2 -> '##'); the renderer supports 1-4."""
    if not 1 <= depth <= 4:
        raise ChapterError(f"tingkat judul {depth} tidak didukung (1-4)")
    return Markup("#" * depth)


def target_of(year: int, indicator: Any) -> str:
    """An indicator's target of one year as the document shows it ('100%', '38 orang')."""
    return fmt.kuantitas(indicator.targets.get(year), indicator.unit)


def is_support_program(node: Node) -> bool:
    return node.name.strip().upper().startswith(SUPPORT_PROGRAM_PREFIX)


FILTERS: dict[str, Callable[..., Any]] = {
    **fmt.FILTERS,
    "romawi": romawi,
    "terbilang": terbilang,
    "urutan": urutan,
    "awal_kecil": awal_kecil,
    "gabung": gabung,
    "target_of": target_of,
}


# ---------------------------------------------------------------- rendering


@dataclass(frozen=True)
class OutlineEntry:
    """One heading of the rendered document: chapter index (1-based), level, number, title."""

    chapter: int
    level: int
    number: str
    title: str


@dataclass
class ChapterRenderer:
    """Renders the chapter templates once; records what each placed, to catch duplicates."""

    renstra: Renstra
    derived: Derived
    template_dir: Path
    table_numbers: set[str]
    figure_numbers: set[str]
    figure_labels: Mapping[str, str] = field(default_factory=dict)
    cache_dir: Path | None = None
    placed_tables: list[str] = field(default_factory=list)
    placed_figures: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.env = make_environment(self.template_dir, self.cache_dir)
        self.env.globals.update(
            r=self.renstra,
            d=self.derived,
            cfg=self.renstra.config,
            agency=self.renstra.config.agency,
            table=self._table,
            figure=self._figure,
            table_ref=self._table_ref,
            figure_ref=self._figure_ref,
            pagebreak=pagebreak,
            has_figure=lambda number: number in self.figure_numbers,
            performance_programs=performance_programs,
            hashes=hashes,
        )

    def render_all(self) -> list[str]:
        """Every chapter in order. BAB I's 'Sistematika Penulisan' lists the real headings, so
        the chapters are rendered once without it, and BAB I again with the outline."""
        first = [self._render(name, outline=[]) for name in CHAPTER_TEMPLATES]
        outline = document_outline(first)
        before = len(self.placed_tables), len(self.placed_figures)
        chapters = [self._render(CHAPTER_TEMPLATES[0], outline=outline), *first[1:]]
        # the second BAB I render placed the same things again: forget the first placements
        self._forget_first_render(before)
        self._check_unique()
        return chapters

    def _render(self, name: str, outline: list[OutlineEntry]) -> str:
        self._current = name
        text = self.env.get_template(name).render(outline=outline)
        return _BLANK_LINES.sub("\n\n", text).strip("\n") + "\n"

    def _forget_first_render(self, before: tuple[int, int]) -> None:
        bab1_tables = self.placed_tables[before[0] :]
        bab1_figures = self.placed_figures[before[1] :]
        for number in bab1_tables:
            self.placed_tables.remove(number)
        for number in bab1_figures:
            self.placed_figures.remove(number)

    def _check_unique(self) -> None:
        for kind, placed in (("tabel", self.placed_tables), ("gambar", self.placed_figures)):
            twice = sorted({n for n in placed if placed.count(n) > 1})
            if twice:
                raise ChapterError(f"{kind} {', '.join(twice)} ditempatkan lebih dari sekali")

    def _table(self, number: str) -> Markup:
        self._known(number, self.table_numbers, "table")
        self.placed_tables.append(number)
        return Markup(f"\n\n<!-- table {number} -->\n\n")

    def _figure(self, number: str) -> Markup:
        self._known(number, self.figure_numbers, "figure")
        self.placed_figures.append(number)
        return Markup(f"\n\n<!-- figure {number} -->\n\n")

    def _table_ref(self, number: str) -> str:
        self._known(number, self.table_numbers, "table_ref")
        return f"{TABLE_WORD} {number}"

    def _figure_ref(self, number: str) -> str:
        """'Gambar 6.1' / 'Tabel 2.11': the caption label of the figure.

        Without explicit labels, a figure whose number is also a table's is a Gambar, and the
        other figures keep the seed's 'Tabel' (the BAB II charts were captioned so)."""
        self._known(number, self.figure_numbers, "figure_ref")
        label = self.figure_labels.get(number) or (
            FIGURE_WORD if number in self.table_numbers else TABLE_WORD
        )
        return f"{label} {number}"

    def _known(self, number: str, known: set[str], call: str) -> None:
        if number not in known:
            raise ChapterError(
                f"{self._current}: {call}({number!r}) tidak dikenal; yang tersedia: "
                f"{', '.join(sorted(known, key=_natural)) or '(tidak ada)'}"
            )


def make_environment(template_dir: Path, cache_dir: Path | None = None) -> Environment:
    """The strict Jinja environment; with `cache_dir`, compiled templates are kept there (keyed
    by the template's source checksum, so an edited template is always recompiled)."""
    cache = None
    if cache_dir is not None:
        (cache_dir / "jinja").mkdir(parents=True, exist_ok=True)
        cache = FileSystemBytecodeCache(str(cache_dir / "jinja"))
    env = Environment(
        loader=FileSystemLoader(template_dir),
        bytecode_cache=cache,
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=escape_markdown,
    )
    env.filters.update(FILTERS)
    env.tests["penunjang"] = is_support_program
    return env


def render_chapters(
    renstra: Renstra,
    derived: Derived,
    template_dir: Path,
    table_numbers: Collection[str],
    figure_numbers: Collection[str] | Mapping[str, str],
    cache_dir: Path | None = None,
) -> list[str]:
    """One Markdown string per chapter, BAB I to BAB VIII.

    `figure_numbers` may map each number to its caption label ({"6.1": "Gambar"}), so that a
    text reference ("dalam Gambar 6.1") matches the caption exactly.
    """
    labels = dict(figure_numbers) if isinstance(figure_numbers, Mapping) else {}
    renderer = ChapterRenderer(
        renstra, derived, template_dir, set(table_numbers), set(figure_numbers), labels, cache_dir
    )
    return renderer.render_all()


def pagebreak() -> Markup:
    return Markup("\n\n<!-- pagebreak -->\n\n")


def performance_programs(nodes: Iterable[Node]) -> list[Node]:
    """The programs of Tabel 7.1: every program of the matrix except the support program."""
    return [n for n in nodes if n.level == "Program" and not is_support_program(n)]


def document_outline(chapters: list[str]) -> list[OutlineEntry]:
    """The headings of the rendered chapters, numbered as the DOCX renderer numbers them."""
    entries: list[OutlineEntry] = []
    for index, text in enumerate(chapters, start=1):
        counters = [0, 0, 0]
        for match in _HEADING.finditer(text):
            level = len(match.group(1))
            title = unescape_markdown(match.group(2).strip())
            if level == 1:
                entries.append(OutlineEntry(index, 1, romawi(index), title))
                continue
            counters[level - 2] += 1
            counters[level - 1 :] = [0] * (3 - (level - 1))
            number = ".".join(str(c) for c in [index, *counters[: level - 1]])
            entries.append(OutlineEntry(index, level, number, title))
    return entries


def _natural(number: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in number.split("."))
