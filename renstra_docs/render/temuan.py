"""build/temuan/: the findings back in the workbooks where the staff fix them.

For every source workbook with a located finding, a copy `build/temuan/<workbook>.xlsx` in
which each finding's cell is filled (red for galat, yellow for peringatan) and carries a comment
(Tingkat, Pesan, Tertulis, Hitung, Selisih, Kode); several findings on one cell share one fill
(galat wins) and one comment. A finding on a sheet (no cell) marks the sheet's header, A1; one on
a row ("17") the row's first cell. A first sheet *Temuan* lists every finding of the build, this
workbook's first, each with a link to its cell (in this copy or in the copy of its workbook).
Findings without a sheet are listed only.

The originals in source_tables/ are only read. The copies are rebuilt by every build: the staff
fix the original, never the copy. Bytes are deterministic (`render.package`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from functools import lru_cache
from pathlib import Path, PurePath
from typing import NamedTuple

from .. import fmt
from ..findings import Finding, Location, Severity
from ..sources.numfmt import column_letter
from .page import DEFAULT_PAPER, EXCEL_PAPER_SIZES
from .sheetml import (
    Align,
    Font,
    Hyperlink,
    PageSetup,
    height_attr,
    number_tail,
    row_template,
    row_xml,
    sheet_location,
    split_ref,
    text_cell,
    text_tail,
    worksheet,
)
from .xlsx_patch import CellMark, MarkedWorkbook
from .xlsx_tables import LINE_PT, estimated_lines

TEMUAN_DIR = "temuan"
SHEET_NAME = "Temuan"
FILLS = {Severity.ERROR: "FFFF7C80", Severity.WARNING: "FFFFFF00"}  # light red, yellow
LEVELS = {Severity.ERROR: "galat", Severity.WARNING: "peringatan"}
LINK_COLOR = "FF0563C1"
HEAD_FILL = "FFD9D9D9"

Writer = Callable[[Path], None]


class Target(NamedTuple):
    """The cell that shows a finding in its workbook."""

    workbook: str
    sheet: str
    row: int
    column: int


@lru_cache(maxsize=1 << 16)
def target_of(location: Location | None) -> Target | None:
    """Where a finding is marked: its cell, the row's first cell for a row ("17"), the header
    (A1) for a sheet; None without a sheet."""
    if location is None or not location.sheet:
        return None
    row, column = 1, 1
    if location.cell:
        cell = split_ref(location.cell)
        if cell:
            row, column = cell
        elif location.cell.isdigit():
            row = int(location.cell)
    return Target(location.workbook, location.sheet, max(row, 1), max(column, 1))


def copy_name(workbook: str) -> str:
    return f"{TEMUAN_DIR}/{workbook}"


def finding_copies(
    source_dir: Path, findings: Sequence[Finding], paper: str = DEFAULT_PAPER
) -> dict[str, Writer]:
    """The writers of build/temuan/: one per source workbook with a located finding (their
    Temuan sheets print on `paper`)."""
    located = {f.location.workbook for f in findings if f.location and f.location.sheet}
    books = sorted(book for book in located if _is_source(source_dir, book))

    def writer(book: str) -> Writer:
        def write(path: Path) -> None:
            # The loader let this workbook through its safety gate (sources.safety) in this
            # build; the copy parses its small parts without entities, its sheets as text.
            source = (source_dir / book).read_bytes()
            path.write_bytes(marked_copy(source, book, findings, frozenset(books), paper))

        return write

    return {copy_name(book): writer(book) for book in books}


def _is_source(source_dir: Path, workbook: str) -> bool:
    """A workbook file of source_dir (a plain file name: a location never writes elsewhere)."""
    plain = PurePath(workbook).name == workbook and workbook.lower().endswith(".xlsx")
    return plain and (source_dir / workbook).is_file()


def stale_copies(build_dir: Path, written: Sequence[str]) -> list[Path]:
    """Copies of an earlier build whose workbook has no finding any more."""
    folder = build_dir / TEMUAN_DIR
    keep = {PurePath(name).name for name in written if name.startswith(f"{TEMUAN_DIR}/")}
    return sorted(p for p in folder.glob("*.xlsx") if p.name not in keep) if folder.is_dir() else []


def marked_copy(
    source: bytes,
    workbook: str,
    findings: Sequence[Finding],
    copies: frozenset[str] = frozenset(),
    paper: str = DEFAULT_PAPER,
) -> bytes:
    """`source` (the bytes of `workbook`) with its findings marked and a first Temuan sheet;
    `copies` are the workbooks that get a copy too (linked from the list)."""
    book = MarkedWorkbook(source)
    marks: dict[str, dict[tuple[int, int], list[Finding]]] = {}
    for finding in findings:
        target = target_of(finding.location)
        if target and target.workbook == workbook and target.sheet in book.sheets:
            cell = book.top_left(target.sheet, target.row, target.column)
            marks.setdefault(target.sheet, {}).setdefault(cell, []).append(finding)
    for sheet, cells in marks.items():
        book.mark(sheet, {cell: _cell_mark(found) for cell, found in cells.items()})
    listing = _Listing(book, workbook, findings, copies, paper)
    book.insert_first_sheet(SHEET_NAME, listing.xml(), listing.links)
    return book.to_bytes()


def _cell_mark(findings: Sequence[Finding]) -> CellMark:
    error = any(f.severity is Severity.ERROR for f in findings)
    fill = FILLS[Severity.ERROR if error else Severity.WARNING]
    return CellMark(fill, "\n\n".join(comment_block(f) for f in findings))


def comment_block(finding: Finding) -> str:
    """What a comment says of one finding, in the staff's words (numbers the Indonesian way)."""
    lines = [f"Tingkat: {LEVELS[finding.severity]}", f"Pesan: {finding.message}"]
    typed = _typed_value(finding)
    if typed is not None:
        lines.append(f"Tertulis: {shown(typed)}")
    if finding.computed is not None:
        lines.append(f"Hitung: {shown(finding.computed)}")
    if finding.difference is not None:
        lines.append(f"Selisih: {shown(finding.difference)}")
    lines.append(f"Kode: {finding.code}")
    return "\n".join(lines)


def _typed_value(finding: Finding) -> object:
    """What the staff typed: the declared number, else the raw value the finding quotes."""
    return finding.declared if finding.declared is not None else finding.value


def shown(value: object) -> str:
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return fmt.angka(value, None)
    return str(value)


# -- the Temuan sheet -----------------------------------------------------------------------------

_COLUMNS = (
    ("No", 6),
    ("Tingkat", 11),
    ("Kode", 22),
    ("Workbook", 26),
    ("Sheet", 20),
    ("Sel", 7),
    ("Kolom", 20),
    ("Tabel", 10),
    ("Baris", 40),
    ("Pesan", 60),
    ("Tertulis", 17),
    ("Hitung", 17),
    ("Selisih", 17),
)
_LETTERS = [chr(ord("A") + i) for i in range(len(_COLUMNS))]
_SEL, _LEVEL = 5, 1  # the columns of the link and of the coloured level
# Column widths of a copy count digits of the workbook's own font (Calibri 11 in most), a
# little wider than those of Arial 10 that the row heights are estimated in.
_WIDTH_IN_ARIAL = 1.2
_ONE_LINE = [width * _WIDTH_IN_ARIAL * 0.6 for _, width in _COLUMNS]  # shorter: one line
_CACHED_TEXT = 40  # characters: longer texts (messages, row labels) are not kept
_NOWHERE = Location("")
_ROW_TEMPLATE = row_template(_LETTERS)  # one finding's row: one format


class _Listing:
    """The Temuan sheet: title, how to read it, links to the other copies, then one row per
    finding of this workbook and per finding that has no copy to be shown in."""

    def __init__(
        self,
        book: MarkedWorkbook,
        workbook: str,
        findings: Sequence[Finding],
        copies: frozenset[str],
        paper: str,
    ):
        self.book, self.workbook, self.copies = book, workbook, copies
        self.own = [f for f in findings if f.location and f.location.workbook == workbook]
        own_set = {id(f) for f in self.own}
        self.orphans = [f for f in findings if _copy_of(f, copies) is None and id(f) not in own_set]
        self.others = sorted(copies - {workbook})
        self.counts = {b: sum(_copy_of(f, copies) == b for f in findings) for b in self.others}
        self.page = PageSetup(EXCEL_PAPER_SIZES[paper], landscape=True)
        # (relationship id, file) of the links to the other copies, known before the rows
        self.links = [(f"rIdTemuan{i}", other) for i, other in enumerate(self.others, 1)]
        self._hyperlinks: list[Hyperlink] = []
        self._tails: dict[int, dict[str, str]] = {}  # per cell format: text -> cell tail
        styles = book.styles
        wrap = Align("left", "top", wrap=True)
        self.title = styles.xf(Font(bold=True, size=12))
        self.note = styles.xf(Font(italic=True), align=Align("left", "top"))
        self.link_note = styles.xf(Font(italic=True, underline=True, color=LINK_COLOR))
        self.head = styles.xf(Font(bold=True), HEAD_FILL, True, align=Align("center", "center"))
        self.text = styles.xf(Font(), None, True, align=wrap)
        self.link = styles.xf(Font(underline=True, color=LINK_COLOR), None, True, align=wrap)
        self.level = {
            severity: styles.xf(Font(bold=True), fill, True, align=wrap)
            for severity, fill in FILLS.items()
        }
        self.head_row = 5 + len(self.others)
        self._numbers: dict[int, int] = {}
        self._number_style(0)  # the No column
        for finding in [*self.own, *self.orphans]:  # every cell format before the rows
            for value in (_typed_value(finding), finding.computed, finding.difference):
                if isinstance(value, int | Decimal) and not isinstance(value, bool):
                    self._number_style(fmt.own_decimals(value))
        self._line_counts: dict[tuple[int, str], int] = {}

    def xml(self) -> Iterator[str]:
        return worksheet(
            self._rows(),
            [float(width) for _, width in _COLUMNS],
            page=self.page,
            freeze_rows=self.head_row,
            hyperlinks=self._hyperlinks,  # filled while the rows are written
            selected=True,
        )

    def _rows(self) -> Iterator[str]:
        errors = sum(f.is_error for f in self.own)
        yield self._line(1, f"Temuan pemeriksaan: {self.workbook}", self.title)
        yield self._line(
            2,
            f"{len(self.own)} temuan di workbook ini ({errors} galat, "
            f"{len(self.own) - errors} peringatan). Sel bertanda merah = galat, kuning = "
            "peringatan; komentar sel memuat pesannya. Klik Sel untuk menuju selnya.",
            self.note,
        )
        yield self._line(
            3,
            "Salinan ini dibuat ulang setiap build: perbaiki data di "
            f"source_tables/{self.workbook}, bukan di salinan ini.",
            self.note,
        )
        for number, other in enumerate(self.others, 4):
            text = f"Temuan di workbook lain: {other} ({self.counts[other]} temuan)"
            self._external(f"A{number}", other, sheet_location(SHEET_NAME, "A1"))
            yield self._line(number, text, self.link_note)
        head = self.head_row
        yield row_xml(
            head,
            [text_cell(f"{_LETTERS[i]}{head}", h, self.head) for i, (h, _) in enumerate(_COLUMNS)],
        )
        for index, finding in enumerate([*self.own, *self.orphans], 1):
            yield self._finding_row(head + index, index, finding)

    @staticmethod
    def _line(number: int, text: str, style: int) -> str:
        return row_xml(number, [text_cell(f"A{number}", text, style)])

    def _finding_row(self, number: int, index: int, finding: Finding) -> str:
        where = finding.location or _NOWHERE
        cell = self._cell_ref(finding)
        at = str(number)
        linked = bool(cell) and self._link(f"F{at}", finding, cell)
        plain, tail = self.text, self._tail
        texts = (
            (self.level[finding.severity], LEVELS[finding.severity]),
            (plain, finding.code),
            (plain, where.workbook),
            (plain, where.sheet or ""),
            (self.link if linked else plain, cell),
            (plain, where.column or ""),
            (plain, finding.table or ""),
            (plain, finding.row_label or ""),
            (plain, finding.message),
        )
        numbers = (_typed_value(finding), finding.computed, finding.difference)
        tails = [self._number_tail(index), *(tail(s, t) for s, t in texts)]
        tails += [self._number_tail(value) for value in numbers]
        lines = 1
        for col, (_, text) in enumerate(texts, 1):
            if len(text) > _ONE_LINE[col]:
                lines = max(lines, self._lines(col, text))
        height = height_attr(lines * LINE_PT + 3 if lines > 1 else None)
        return _ROW_TEMPLATE.format(at, height, *tails)

    def _lines(self, col: int, text: str) -> int:
        key = (col, text)
        if key not in self._line_counts:
            self._line_counts[key] = estimated_lines(text, _COLUMNS[col][1] * _WIDTH_IN_ARIAL)
        return self._line_counts[key]

    def _cell_ref(self, finding: Finding) -> str:
        """The marked cell of a finding ("" when it has none)."""
        target = target_of(finding.location)
        if target is None:
            return ""
        row, column = target.row, target.column
        if target.workbook == self.workbook and target.sheet in self.book.sheets:
            row, column = self.book.top_left(target.sheet, row, column)
        return f"{column_letter(column)}{row}"

    def _link(self, ref: str, finding: Finding, cell: str) -> bool:
        """A hyperlink from `ref` to the finding's cell, in this copy or in another one."""
        target = target_of(finding.location)
        if target is None:
            return False
        location = sheet_location(target.sheet, cell)
        if target.workbook == self.workbook:
            if target.sheet not in self.book.sheets:
                return False
            self._hyperlinks.append(Hyperlink(ref, location))
            return True
        if target.workbook not in self.copies:
            return False
        self._external(ref, target.workbook, location)
        return True

    def _external(self, ref: str, workbook: str, location: str) -> None:
        """A hyperlink to a cell of the copy of another workbook (next to this one)."""
        rel_id = next(r for r, file in self.links if file == workbook)
        self._hyperlinks.append(Hyperlink(ref, location, rel_id, workbook))

    def _tail(self, style: int, text: str) -> str:
        """The tail of a text cell (`sheetml.text_tail`); short texts (codes, sheets, levels)
        repeat and are made once."""
        if len(text) > _CACHED_TEXT:
            return text_tail(text, style)
        tails = self._tails.setdefault(style, {})
        found = tails.get(text)
        if found is None:
            found = tails[text] = text_tail(text, style)
        return found

    def _number_tail(self, value: object) -> str:
        if value is None:
            return f' s="{self.text}"/>'
        if not isinstance(value, int | Decimal) or isinstance(value, bool):
            return self._tail(self.text, str(value))
        number = str(value) if isinstance(value, int) else f"{value.normalize():f}"
        return number_tail(number, self._number_style(fmt.own_decimals(value)))

    def _number_style(self, decimals: int) -> int:
        if decimals not in self._numbers:
            code = "#,##0" + ("." + "0" * decimals if decimals else "")
            self._numbers[decimals] = self.book.styles.xf(
                Font(), None, True, code, Align(None, "top")
            )
        return self._numbers[decimals]


def _copy_of(finding: Finding, copies: frozenset[str]) -> str | None:
    """The copy a finding is marked in, if any."""
    target = target_of(finding.location)
    return target.workbook if target and target.workbook in copies else None
