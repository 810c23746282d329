"""The eight chapters as Markdown: the package's structure (render/outline.py) filled with texts.

Each section's text is a Markdown file with {{ placeholders }} only (render/placeholders.py):
the project's own (`<templates>/<slot>.md`) or else the package's neutral one
(`renstra_docs/data/teks/<slot>.md`). Jinja statements (`{% ... %}`) and chapter or section
headings (`#`, `##`) are not allowed in a text: the structure is the package's, so that every
Renstra keeps the Permendagri 86/2017 outline. A mistake is one line naming the file and the
line (`templates/bab2_sumber_daya.md:4: ...`).

The Markdown dialect is the one the DOCX renderer reads: `#` chapter title (the renderer adds
"BAB I"), `##`-`####` numbered sections (the renderer numbers them), `1.` ordered lists,
`<!-- list: a -->` before a list for "a)" labels, `-` bullets, `<!-- table 2.6 -->`,
`<!-- figure 2.3 -->` and `<!-- pagebreak -->`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import TracebackType

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
)

from ..calc.derive import Derived
from ..model import Dataset
from ..tables.model import Document, Figure, Table
from ..tables.numbers import FIGURE, TABLE, Numbers, numbered
from .filters import FILTERS, ChapterError, escape_markdown, unescape_markdown
from .markdown import Heading, parse_chapter
from .outline import CHAPTERS, Chapter
from .placeholders import TOKEN, Placements, identity, namespace

PACKAGE_TEXTS = resources.files("renstra_docs") / "data" / "teks"
TEXT_SUFFIX = ".md"
_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+\n")
_STRUCTURE_HEADING = re.compile(r"^#{1,2}[ \t]", re.MULTILINE)

__all__ = [
    "ChapterError",
    "ChapterRenderer",
    "OutlineEntry",
    "document_outline",
    "escape_markdown",
    "render_chapters",
    "text_path",
    "unescape_markdown",
]


@dataclass(frozen=True)
class OutlineEntry:
    """One heading of the rendered document: chapter index (1-based), level, number, title."""

    chapter: int
    level: int
    number: str
    title: str


def text_path(template_dir: Path, slot: str) -> Path:
    """Where the project's own text of a section is (it may not exist: the package's is used)."""
    return template_dir / f"{slot}{TEXT_SUFFIX}"


@dataclass
class ChapterRenderer:
    """Renders the chapters once; records what each text placed (to catch duplicates and to
    number the tables and figures in the order they are placed)."""

    dataset: Dataset
    derived: Derived
    tables: Collection[str]  # the keys of the document's tables
    figures: Collection[str]  # and of its figures
    template_dir: Path
    cache_dir: Path | None = None
    placements: Placements = field(init=False)
    numbers: dict[tuple[str, str], str] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.env = make_environment(self.template_dir, self.cache_dir)
        self.placements = Placements(self.tables, self.figures)
        self.env.globals.update(identity(self.dataset))  # what the section titles may name
        self.env.globals.update(namespace(self.dataset, self.derived, self.placements, self._title))

    def render_all(self) -> list[str]:
        """Every chapter in order, BAB I to BAB VIII, its tables and figures numbered."""
        chapters = [self._chapter(chapter) for chapter in CHAPTERS]
        self.numbers = number_placements(chapters)
        return [self._numbered(text) for text in chapters]

    def _chapter(self, chapter: Chapter) -> str:
        blocks = [f"# {chapter.title}"]
        for part in chapter.parts:
            if part.title:
                blocks.append(f"## {self._title(part.title)}")
            blocks.append(self._text(part.slot))
            blocks += self._unplaced(part.tables, part.figures)
        blocks += self._unplaced(*self._declared(chapter.number))
        text = "\n\n".join(b.strip("\n") for b in blocks if b.strip())
        return _BLANK_LINES.sub("\n\n", text).strip("\n") + "\n"

    def _declared(self, chapter: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The project's own tables and figures of a chapter (placed at its end if no text
        placed them)."""
        config = self.dataset.config
        return (
            tuple(d.key for d in config.tables if d.chapter == chapter),
            tuple(d.key for d in config.figures if d.chapter == chapter),
        )

    def _numbered(self, text: str) -> str:
        def replace(found: re.Match[str]) -> str:
            kind, key = found.group(1), found.group(2)
            if kind != "ref":
                return f"{kind} {self.numbers[(kind, key)]}"
            number = self.numbers.get((TABLE, key)) or self.numbers.get((FIGURE, key))
            if number is None:
                raise ChapterError(f"rujukan.{key}: tabel/gambar itu tidak ditempatkan di dokumen")
            return f"{'Tabel' if (TABLE, key) in self.numbers else 'Gambar'} {number}"

        return TOKEN.sub(replace, text)

    def _title(self, title: str) -> str:
        if "{{" not in title:
            return title
        return unescape_markdown(self.env.from_string(title).render())

    def _text(self, slot: str) -> str:
        name = slot + TEXT_SUFFIX
        try:
            source, filename, _ = self.env.loader.get_source(self.env, name)  # type: ignore[union-attr]
        except TemplateNotFound:
            return ""
        filename = str(filename)
        shown = _shown_name(filename, self.template_dir)
        _check_text(self.env, source, shown)
        try:
            return self.env.get_template(name).render()
        except (TemplateError, ChapterError) as exc:
            raise ChapterError(_located(exc, filename, shown)) from None

    def _unplaced(self, tables: tuple[str, ...], figures: tuple[str, ...]) -> list[str]:
        """Of these tables and figures (owned by a section or a chapter), those no text placed."""
        placed = set(self.placements.placed)
        markers = []
        for kind, keys, place in (
            (TABLE, tables, self.placements.table),
            (FIGURE, figures, self.placements.figure),
        ):
            known = self.placements.tables if kind == TABLE else self.placements.figures
            markers += [str(place(k)) for k in keys if k in known and (kind, k) not in placed]
        return markers


def make_environment(template_dir: Path, cache_dir: Path | None = None) -> Environment:
    """The strict Jinja environment: project texts first, then the package's; with `cache_dir`,
    compiled texts are kept there (keyed by source checksum: an edited text is recompiled)."""
    cache = None
    if cache_dir is not None:
        (cache_dir / "jinja").mkdir(parents=True, exist_ok=True)
        cache = FileSystemBytecodeCache(str(cache_dir / "jinja"))
    loader = ChoiceLoader([FileSystemLoader(template_dir), FileSystemLoader(str(PACKAGE_TEXTS))])
    env = Environment(
        loader=loader,
        bytecode_cache=cache,
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        finalize=escape_markdown,
    )
    env.filters.update(FILTERS)
    return env


def _check_text(env: Environment, source: str, shown: str) -> None:
    """Placeholders only: no `{% ... %}` statement, no chapter or section heading."""
    try:
        for line, kind, _ in env.lex(source):
            if kind == "block_begin":
                raise ChapterError(
                    f"{shown}:{line}: teks bagian hanya boleh berisi isian {{{{ ... }}}}, bukan "
                    "perintah {% ... %}"
                )
    except TemplateSyntaxError as exc:
        raise ChapterError(f"{shown}:{exc.lineno}: {exc.message}") from None
    found = _STRUCTURE_HEADING.search(source)
    if found:
        line = source.count("\n", 0, found.start()) + 1
        raise ChapterError(
            f"{shown}:{line}: judul bab dan subbab (# dan ##) diatur paket; gunakan ### untuk "
            "subjudul di dalam teks"
        )


def _located(exc: Exception, filename: str, shown: str) -> str:
    """One line: the text file, the line, what is wrong."""
    line = getattr(exc, "lineno", None) or _line_in(exc.__traceback__, filename)
    where = f"{shown}:{line}" if line else shown
    if isinstance(exc, UndefinedError):
        name = re.search(r"'([^']+)' (?:is undefined|has no attribute '([^']+)')", str(exc))
        unknown = (name.group(2) or name.group(1)) if name else str(exc)
        return f"{where}: isian '{unknown}' tidak dikenal"
    message = getattr(exc, "message", None) or str(exc)
    return f"{where}: {message}"


def _line_in(trace: TracebackType | None, filename: str) -> int | None:
    line = None
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == filename:
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


def _shown_name(filename: str, template_dir: Path) -> str:
    path = Path(filename)
    try:
        return str(path.relative_to(template_dir.parent))
    except ValueError:
        return f"renstra_docs/data/teks/{path.name}"


@dataclass(frozen=True)
class Chapters:
    texts: list[str]  # one Markdown string per chapter, BAB I to BAB VIII
    numbers: Numbers  # (TABLE or FIGURE, key) -> its number, in the order of placement

    def document(self, tables: Mapping[str, Table], figures: Mapping[str, Figure]) -> Document:
        """The tables and figures under their numbers (tables/numbers.py)."""
        return numbered(tables, figures, self.numbers)


def render_chapters(
    dataset: Dataset,
    derived: Derived,
    tables: Collection[str],
    figures: Collection[str],
    template_dir: Path,
    cache_dir: Path | None = None,
) -> Chapters:
    """The chapters, and the numbers of the tables and figures (the keys given) they place."""
    renderer = ChapterRenderer(dataset, derived, tables, figures, template_dir, cache_dir)
    texts = renderer.render_all()
    return Chapters(texts, renderer.numbers)


_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]*\)[ \t]*$", re.MULTILINE)


def number_placements(chapters: list[str]) -> dict[tuple[str, str], str]:
    """Tables and figures numbered per chapter in the order they are placed; a picture of the
    project (a Markdown image alone in its paragraph) is a figure and takes its number too."""
    numbers: dict[tuple[str, str], str] = {}
    for index, text in enumerate(chapters, start=1):
        counts = {TABLE: 0, FIGURE: 0}
        places = [(m.start(), m.group(1), m.group(2)) for m in TOKEN.finditer(text)]
        places += [(m.start(), FIGURE, "") for m in _IMAGE.finditer(text)]
        for _, kind, key in sorted(places):
            if kind == "ref":
                continue
            counts[kind] += 1
            if key:
                numbers[(kind, key)] = f"{index}.{counts[kind]}"
    return numbers


def document_outline(chapters: list[str]) -> list[OutlineEntry]:
    """The headings of the rendered chapters, numbered by the one numbering the DOCX uses
    (`markdown.parse_chapter`)."""
    return [
        OutlineEntry(index, block.level, block.number, block.text)
        for index, text in enumerate(chapters, start=1)
        for block in parse_chapter(text, index)
        if isinstance(block, Heading)
    ]
