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
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path, PurePath

from .. import fmt
from ..findings import Finding, Location, Severity
from ..sources.safety import check_file
from .sheetml import (
    Align,
    Font,
    Hyperlink,
    PageSetup,
    blank_cell,
    number_cell,
    row_xml,
    sheet_location,
    split_ref,
    text_cell,
    worksheet,
)
from .xlsx_patch import CellMark, MarkedWorkbook
from .xlsx_tables import DEFAULT_PAPER, LINE_PT, PAPER_SIZES, estimated_lines

TEMUAN_DIR = "temuan"
SHEET_NAME = "Temuan"
FILLS = {Severity.ERROR: "FFFF7C80", Severity.WARNING: "FFFFFF00"}  # light red, yellow
LEVELS = {Severity.ERROR: "galat", Severity.WARNING: "peringatan"}
LINK_COLOR = "FF0563C1"
HEAD_FILL = "FFD9D9D9"

Writer = Callable[[Path], None]


@dataclass(frozen=True, order=True)
class Target:
    """The cell that shows a finding in its workbook."""

    workbook: str
    sheet: str
    row: int
    column: int


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


def finding_copies(source_dir: Path, findings: Sequence[Finding]) -> dict[str, Writer]:
    """The writers of build/temuan/: one per source workbook with a located finding."""
    books = sorted(
        {
            f.location.workbook
            for f in findings
            if f.location and target_of(f.location) and _is_source(source_dir, f.location.workbook)
        }
    )
    copies = frozenset(books)

    def writer(book: str) -> Writer:
        def write(path: Path) -> None:
            source = source_dir / book
            check_file(source, book)  # the reader's safety gate, again: it is read once more
            path.write_bytes(marked_copy(source.read_bytes(), book, findings, copies))

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
    marks: dict[tuple[str, int, int], list[Finding]] = {}
    for finding in findings:
        target = target_of(finding.location)
        if target and target.workbook == workbook and target.sheet in book.sheets:
            row, column = book.top_left(target.sheet, target.row, target.column)
            marks.setdefault((target.sheet, row, column), []).append(finding)
    for sheet in book.sheets:
        cells = {
            (row, column): _cell_mark(found)
            for (name, row, column), found in marks.items()
            if name == sheet
        }
        book.mark(sheet, cells)
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
    ("No", 5),
    ("Tingkat", 11),
    ("Kode", 22),
    ("Workbook", 26),
    ("Sheet", 20),
    ("Sel", 7),
    ("Kolom", 20),
    ("Tabel", 10),
    ("Baris", 36),
    ("Pesan", 60),
    ("Tertulis", 17),
    ("Hitung", 17),
    ("Selisih", 17),
)
_HEAD_ROW = 5


class _Listing:
    """The rows of the Temuan sheet: a title, how to read it, then one row per finding."""

    def __init__(
        self,
        book: MarkedWorkbook,
        workbook: str,
        findings: Sequence[Finding],
        copies: frozenset[str],
        paper: str,
    ):
        self.book, self.workbook, self.copies = book, workbook, copies
        self.findings = sorted(findings, key=lambda f: _listing_order(f, workbook))
        self.page = PageSetup(PAPER_SIZES[paper], landscape=True)
        self.links: list[tuple[str, str]] = []  # (relationship id, file) of links to other files
        self._hyperlinks: list[Hyperlink] = []
        styles = book.styles
        wrap = Align("left", "top", wrap=True)
        self.title = styles.xf(Font(bold=True, size=12))
        self.note = styles.xf(Font(italic=True), align=Align("left", "top"))
        self.head = styles.xf(Font(bold=True), HEAD_FILL, True, align=Align("center", "center"))
        self.text = styles.xf(Font(), None, True, align=wrap)
        self.link = styles.xf(Font(underline=True, color=LINK_COLOR), None, True, align=wrap)
        self.level = {
            s: styles.xf(Font(bold=True), fill, True, align=wrap) for s, fill in FILLS.items()
        }
        self._numbers: dict[int, int] = {}

    def xml(self) -> Iterator[str]:
        return worksheet(
            self._rows(),
            [float(width) for _, width in _COLUMNS],
            page=self.page,
            freeze_rows=_HEAD_ROW,
            hyperlinks=self._hyperlinks,  # filled while the rows are written
            selected=True,
        )

    def _rows(self) -> Iterator[str]:
        own = [f for f in self.findings if f.location and f.location.workbook == self.workbook]
        errors = sum(f.is_error for f in own)
        yield row_xml(1, [text_cell("A1", f"Temuan pemeriksaan: {self.workbook}", self.title)])
        yield row_xml(
            2,
            [
                text_cell(
                    "A2",
                    f"{len(own)} temuan di workbook ini ({errors} galat, {len(own) - errors} "
                    f"peringatan), {len(self.findings)} temuan seluruhnya. Sel bertanda merah = "
                    "galat, kuning = peringatan; komentar sel memuat pesannya. Klik Sel untuk "
                    "menuju selnya.",
                    self.note,
                )
            ],
        )
        yield row_xml(
            3,
            [
                text_cell(
                    "A3",
                    "Salinan ini dibuat ulang setiap build: perbaiki data di "
                    f"source_tables/{self.workbook}, bukan di salinan ini.",
                    self.note,
                )
            ],
        )
        yield row_xml(
            _HEAD_ROW,
            [
                text_cell(f"{_letter(i)}{_HEAD_ROW}", h, self.head)
                for i, (h, _) in enumerate(_COLUMNS)
            ],
        )
        for number, finding in enumerate(self.findings, _HEAD_ROW + 1):
            yield self._finding_row(number, number - _HEAD_ROW, finding)

    def _finding_row(self, number: int, index: int, finding: Finding) -> str:
        where = finding.location or Location("")
        target = target_of(finding.location)
        values: list[object] = [
            index,
            LEVELS[finding.severity],
            finding.code,
            where.workbook,
            where.sheet or "",
            self._cell_ref(target),
            where.column or "",
            finding.table or "",
            finding.row_label or "",
            finding.message,
            _typed_value(finding),
            finding.computed,
            finding.difference,
        ]
        cells = []
        lines = 1
        for col, value in enumerate(values):
            ref = f"{_letter(col)}{number}"
            style = self.level[finding.severity] if col == 1 else self.text
            if col == 5 and target and self._link(ref, target):
                style = self.link
            cells.append(self._value_cell(ref, value, style))
            if isinstance(value, str) and value:
                lines = max(lines, estimated_lines(value, _COLUMNS[col][1]))
        return row_xml(number, cells, lines * LINE_PT + 3 if lines > 1 else None)

    def _cell_ref(self, target: Target | None) -> str:
        if target is None:
            return ""
        row, column = target.row, target.column
        if target.workbook == self.workbook and target.sheet in self.book.sheets:
            row, column = self.book.top_left(target.sheet, row, column)
        return f"{_letter(column - 1)}{row}"

    def _link(self, ref: str, target: Target) -> bool:
        """A hyperlink from `ref` to the finding's cell, in this copy or in another one."""
        cell = self._cell_ref(target)
        location = sheet_location(target.sheet, cell)
        if target.workbook == self.workbook:
            if target.sheet not in self.book.sheets:
                return False
            self._hyperlinks.append(Hyperlink(ref, location))
            return True
        if target.workbook not in self.copies:
            return False
        rel_id = next((r for r, file in self.links if file == target.workbook), None)
        if rel_id is None:
            rel_id = f"rIdTemuan{len(self.links) + 1}"
            self.links.append((rel_id, target.workbook))
        self._hyperlinks.append(Hyperlink(ref, location, rel_id, target.workbook))
        return True

    def _value_cell(self, ref: str, value: object, style: int) -> str:
        if value is None or value == "":
            return blank_cell(ref, style)
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            decimals = fmt.own_decimals(value)
            if decimals not in self._numbers:
                code = "#,##0" + ("." + "0" * decimals if decimals else "")
                self._numbers[decimals] = self.book.styles.xf(
                    Font(), None, True, code, Align(None, "top")
                )
            number = str(value) if isinstance(value, int) else f"{value.normalize():f}"
            return number_cell(ref, number, self._numbers[decimals])
        return text_cell(ref, str(value), style)


def _letter(index: int) -> str:
    return chr(ord("A") + index)  # the Temuan sheet has 13 columns


def _listing_order(finding: Finding, workbook: str) -> int:
    """This workbook's findings first, then the others located, then those without a place;
    the report's order within each (sorted() is stable)."""
    location = finding.location
    if location and location.workbook == workbook:
        return 0
    return 1 if location and location.sheet else 2
