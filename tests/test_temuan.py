"""build/temuan/: the source workbooks with every located finding marked (render.temuan)."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import copy_project
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment

from renstra_docs.build import build, validate
from renstra_docs.config import load_config
from renstra_docs.findings import Finding, Location, Severity
from renstra_docs.render.sheetml import sheet_location
from renstra_docs.render.temuan import (
    FILLS,
    SHEET_NAME,
    TEMUAN_DIR,
    marked_copy,
    stale_copies,
    target_of,
)

RED, YELLOW = FILLS[Severity.ERROR], FILLS[Severity.WARNING]


@dataclass(frozen=True)
class Built:
    root: Path
    findings: list[Finding]
    sources_before: dict[str, str]

    @property
    def temuan(self) -> Path:
        return self.root / "build" / TEMUAN_DIR


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = copy_project(tmp_path_factory.mktemp("temuan") / "project")
    before = _digests(root / "source_tables")
    result = build(load_config(root))
    assert not result.failed, result.summary_lines()
    return Built(root, result.report.ordered, before)


def _known(findings: list[Finding]) -> Finding:
    """The five-year Pagu Tertulis of the support programme (found by meaning, not by sheet)."""
    (known,) = [
        f
        for f in findings
        if f.code == "total-mismatch"
        and (f.row_label or "").startswith("PROGRAM PENUNJANG")
        and f.location
        and f.location.column == "Pagu Tertulis Akhir"
    ]
    return known


def _marked_cells(folder: Path) -> dict[tuple[str, str, str], tuple[str | None, str | None]]:
    """(workbook, sheet, cell) -> (fill colour, comment) of every cell of the copies that has
    one of our fills or a comment (the Temuan sheets aside)."""
    marked = {}
    for path in sorted(folder.glob("*.xlsx")):
        book = load_workbook(path)
        for sheet in book.worksheets[1:]:
            for row in sheet.iter_rows():
                for cell in row:
                    colour = cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None
                    ours = colour in (RED, YELLOW)
                    if ours or cell.comment:
                        comment = cell.comment.text if cell.comment else None
                        marked[(path.name, sheet.title, cell.coordinate)] = (colour, comment)
    return marked


def test_sources_are_byte_identical_after_a_build(built: Built) -> None:
    assert _digests(built.root / "source_tables") == built.sources_before


def test_known_finding_is_filled_and_commented(built: Built) -> None:
    known = _known(built.findings)
    assert known.location is not None and known.location.cell
    book = load_workbook(built.temuan / known.location.workbook)
    cell = book[known.location.sheet][known.location.cell]
    assert cell.value == 32598619321  # the copy keeps what the staff typed
    assert cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb == YELLOW
    assert cell.comment is not None
    text = cell.comment.text
    assert "Pesan: Pagu akhir periode tertulis 32.598.619.321" in text
    assert "Tertulis: 32.598.619.321" in text
    assert "Hitung: 31.347.662.071" in text
    assert "Selisih: 1.250.957.250" in text
    assert "Kode: total-mismatch" in text
    assert cell.number_format == "#,##0"  # its own format kept under the fill


def test_one_marked_cell_per_distinct_located_cell(built: Built) -> None:
    """What is counted: the distinct (workbook, sheet, cell) of the located findings (a finding
    on a sheet counts as its A1) against the cells of the copies that carry our fill, and
    against those with a comment; the comments together name every located finding once."""
    located = [f for f in built.findings if target_of(f.location)]
    cells = Counter(
        (t.workbook, t.sheet, t.row, t.column) for f in located if (t := target_of(f.location))
    )
    marked = _marked_cells(built.temuan)
    assert len(located) == 69 and len(cells) == 68  # two findings share deklarasi C3
    assert len(marked) == len(cells)
    assert all(colour == YELLOW and comment for colour, comment in marked.values())
    assert sum(comment.count("\nKode: ") for _, comment in marked.values()) == len(located)
    assert sorted(p.name for p in built.temuan.iterdir()) == sorted({w for w, *_ in cells})


def test_findings_on_one_cell_share_one_comment(built: Built) -> None:
    by_cell: dict[Location, list[Finding]] = {}
    for finding in built.findings:
        if finding.location and finding.location.cell:
            by_cell.setdefault(finding.location, []).append(finding)
    location, shared = next((loc, fs) for loc, fs in by_cell.items() if len(fs) > 1)
    book = load_workbook(built.temuan / location.workbook)
    comment = book[location.sheet][location.cell].comment.text
    assert [line for line in comment.splitlines() if line.startswith("Kode: ")] == [
        f"Kode: {f.code}" for f in shared
    ]
    assert "\n\nTingkat: peringatan" in comment  # one block per finding


def test_temuan_sheet_lists_and_links(built: Built) -> None:
    known = _known(built.findings)
    assert known.location is not None and known.location.cell
    book = load_workbook(built.temuan / known.location.workbook)
    assert book.sheetnames[0] == SHEET_NAME and book.active.title == SHEET_NAME
    sheet = book[SHEET_NAME]
    header = next(r for r in sheet.iter_rows() if r[0].value == "No")
    columns = {cell.value: cell.column - 1 for cell in header}
    assert list(columns)[:6] == ["No", "Tingkat", "Kode", "Workbook", "Sheet", "Sel"]
    rows = [r for r in sheet.iter_rows(min_row=header[0].row + 1) if r[0].value is not None]
    own = [f for f in built.findings if f.location and f.location.workbook == book_name(known)]
    assert len(rows) == len(own)
    (row,) = [r for r in rows if r[columns["Pesan"]].value == known.message]
    assert row[columns["Tertulis"]].value == 32598619321
    assert row[columns["Hitung"]].value == 31347662071
    link = row[columns["Sel"]].hyperlink
    assert link is not None
    assert link.location == sheet_location(known.location.sheet, known.location.cell)
    assert row[columns["Tingkat"]].fill.fgColor.rgb == YELLOW
    others = [c for c in sheet["A"] if c.hyperlink is not None and c.hyperlink.target]
    assert [c.hyperlink.target for c in others] == ["bab2_gambaran_pelayanan.xlsx"]
    assert others[0].hyperlink.location == "'Temuan'!A1"


def book_name(finding: Finding) -> str:
    assert finding.location is not None
    return finding.location.workbook


def test_copies_are_deterministic(built: Built, tmp_path: Path) -> None:
    again = load_config(built.root).with_paths(build_dir=tmp_path / "again")
    validate(again)
    for path in sorted(built.temuan.glob("*.xlsx")):
        assert (tmp_path / "again" / TEMUAN_DIR / path.name).read_bytes() == path.read_bytes()


def test_strict_validate_marks_galat_red(built: Built, tmp_path: Path) -> None:
    """`renstra validate --strict` (warnings as errors) writes the copies even though it
    fails: the known cell turns red. A failed build writes nothing (build/ stays)."""
    config = load_config(built.root).with_paths(build_dir=tmp_path / "strict")
    result = validate(config, strict=True)
    assert result.failed
    known = _known(built.findings)
    assert known.location is not None and known.location.cell
    book = load_workbook(tmp_path / "strict" / TEMUAN_DIR / known.location.workbook)
    cell = book[known.location.sheet][known.location.cell]
    assert cell.fill.fgColor.rgb == RED
    assert "Tingkat: galat" in cell.comment.text


def test_stale_copies_are_those_not_written(tmp_path: Path) -> None:
    folder = tmp_path / TEMUAN_DIR
    folder.mkdir()
    for name in ("bab2.xlsx", "bab6.xlsx"):
        (folder / name).write_bytes(b"")
    assert stale_copies(tmp_path, [f"{TEMUAN_DIR}/bab6.xlsx", "validation.md"]) == [
        folder / "bab2.xlsx"
    ]


# -- one hand-made workbook ------------------------------------------------------------------------


def _workbook(path: Path) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "data"
    sheet.append(["ID", "Nilai", "Catatan"])
    for number in range(1, 6):
        sheet.append([f"R{number}", number * 1000, None])
    sheet["B3"].comment = Comment("catatan staf", "Staf")
    book.create_sheet("kosong")
    book.save(path)
    return path.read_bytes()


def _findings() -> list[Finding]:
    where = Location("uji.xlsx", "data", "B3", "Nilai")
    return [
        Finding(
            "total-mismatch",
            "total tertulis 3.000, hasil hitung 2.000",
            where,
            declared=3000,
            computed=2000,
        ),
        Finding("type-error", "'tiga ribu' bukan angka", where, value="tiga ribu"),
        Finding(
            "header-missing",
            "kolom 'Satuan' tidak ada",
            Location("uji.xlsx", "data", None, "Satuan"),
        ),
        Finding("empty-row", "baris kosong", Location("uji.xlsx", "data", "9")),
        Finding(
            "missing-baseline", "baseline kosong", Location("uji.xlsx", "data", "C4", "Catatan")
        ),
        Finding("invalid-config", "renstra.toml tidak valid", Location("renstra.toml")),
        Finding("unknown-reference", "ID tidak ada", None),
    ]


def test_hand_made_workbook_marks(tmp_path: Path) -> None:
    data = marked_copy(_workbook(tmp_path / "uji.xlsx"), "uji.xlsx", _findings())
    (tmp_path / "copy.xlsx").write_bytes(data)
    book = load_workbook(tmp_path / "copy.xlsx")
    sheet = book["data"]
    shared = sheet["B3"]
    assert shared.value == 2000 and shared.fill.fgColor.rgb == RED  # galat wins over peringatan
    text = shared.comment.text
    assert text.startswith("catatan staf\n\nTingkat: peringatan")  # the staff's note is kept
    assert "Tertulis: 3.000" in text and "Tertulis: tiga ribu" in text and "Tingkat: galat" in text
    assert sheet["A1"].fill.fgColor.rgb == RED and "Satuan" in sheet["A1"].comment.text  # sheet
    assert sheet["A9"].fill.fgColor.rgb == YELLOW  # a row: its first cell, in a new row
    assert sheet["C4"].value is None and sheet["C4"].fill.fgColor.rgb == YELLOW  # an empty cell
    assert sheet["B4"].fill.fill_type is None  # its neighbours are untouched
    assert book["kosong"].max_row == 1 and book.sheetnames[0] == SHEET_NAME
    listed = [row[9].value for row in book[SHEET_NAME].iter_rows() if isinstance(row[0].value, int)]
    assert "renstra.toml tidak valid" in listed and "ID tidak ada" in listed  # listed only
    assert len(listed) == len(_findings())


def test_hand_made_copy_is_deterministic(tmp_path: Path) -> None:
    source = _workbook(tmp_path / "uji.xlsx")
    assert marked_copy(source, "uji.xlsx", _findings()) == marked_copy(
        source, "uji.xlsx", _findings()
    )


def test_findings_without_numbers_are_numbered_in_the_list(tmp_path: Path) -> None:
    """A workbook whose findings carry no number at all (a fresh `renstra init` project):
    the list still numbers its rows 1, 2 ..."""
    only_texts = [f for f in _findings() if f.declared is None and f.computed is None][:2]
    data = marked_copy(_workbook(tmp_path / "uji.xlsx"), "uji.xlsx", only_texts)
    (tmp_path / "copy.xlsx").write_bytes(data)
    listing = load_workbook(tmp_path / "copy.xlsx")[SHEET_NAME]
    numbered = [row for row in listing.iter_rows() if isinstance(row[0].value, int)]
    assert [(row[0].value, row[2].value) for row in numbered] == [
        (1, "type-error"),
        (2, "header-missing"),
    ]
    assert numbered[0][0].number_format == "#,##0"
