"""`renstra diff`: revisions built in a temporary git repository, each differing in one thing.

History of the repository (one tag per commit):
  base     the shipped project (workbook re-saved by openpyxl, so later edits change one thing)
  pagu     +250.000.000 on the 2024 pagu of "Penyediaan Makanan" (PROGRAM PENANGANAN BENCANA)
  rename   "Penyediaan Sandang" under the same kegiatan renamed
  added    a new sub-kegiatan P6.K1.S9 (without code) with one indicator
  removed  "Pelayanan Dukungan Psikososial" removed (its matrix row and indicator row)
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import commit, git
from lxml import etree
from openpyxl import Workbook, load_workbook

from renstra_docs.cli import main
from renstra_docs.diff import (
    ADDED,
    CHANGED,
    REMOVED,
    DiffResult,
    compare_tables,
    diff_revisions,
)
from renstra_docs.diff.report import format_json, format_markdown, format_text
from renstra_docs.diff.tracked import tracked_docx
from renstra_docs.findings import Location
from renstra_docs.tables.model import BodyRow, Column, Format, HeaderCell, Table

ROOT = Path(__file__).resolve().parents[1]
BOOK = "bab6_program.xlsx"
MATRIX, INDICATORS = "matriks", "indikator"
PROGRAM = "PROGRAM PENANGANAN BENCANA"
INCREASE = 250_000_000
YEAR_3 = "Target Capaian Kinerja Dan Kebutuhan Dana/ Pagu Indikatif / Tahun 3 / Pagu (Rp)"
FIVE_YEARS = "Kondisi Kinerja Pada Akhir Periode Renstra Perangkat Daerah / Pagu (Rp)"
NAME = "Program, Kegiatan dan Sub Kegiatan"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# ---------------------------------------------------------------- the repository


def _edit(repo: Path, change: Callable[[Workbook], None]) -> None:
    path = repo / "source_tables" / BOOK
    book = load_workbook(path)
    change(book)
    book.save(path)


def _columns(sheet: Any) -> dict[str, int]:
    return {cell.value: cell.column for cell in sheet[1] if cell.value}


def _node_row(sheet: Any, name: str, program: str = PROGRAM) -> int:
    """The sheet row of the node called `name` below the program called `program`."""
    cols = _columns(sheet)
    rows = {
        r: {k: sheet.cell(r, c).value for k, c in cols.items()} for r in range(2, sheet.max_row + 1)
    }
    by_id = {v["ID"]: v for v in rows.values() if v["ID"]}
    for number, values in rows.items():
        node = values
        while node.get("Induk"):
            node = by_id[node["Induk"]]
        if values["Nama"] == name and node["Nama"] == program:
            return number
    raise LookupError(name)


def _indicator_rows(sheet: Any, node_id: str) -> list[int]:
    column = _columns(sheet)["ID Node"]
    return [r for r in range(2, sheet.max_row + 1) if sheet.cell(r, column).value == node_id]


def _raise_pagu(book: Workbook) -> None:
    sheet = book[MATRIX]
    cell = sheet.cell(_node_row(sheet, "Penyediaan Makanan"), _columns(sheet)["Pagu 2024"])
    cell.value += INCREASE


def _rename(book: Workbook) -> None:
    sheet = book[MATRIX]
    sheet.cell(
        _node_row(sheet, "Penyediaan Sandang"), _columns(sheet)["Nama"]
    ).value = "Penyediaan Sandang Korban Bencana"


NEW_SUB = {
    "ID": "P6.K1.S9",
    "Induk": "P6.K1",
    "Level": "Sub Kegiatan",
    "Nama": "Penyediaan Hunian Sementara",
    "Pagu 2022": 10_000_000,
    "Pagu 2023": 11_000_000,
    "Pagu 2024": 12_000_000,
    "Pagu 2025": 13_000_000,
    "Pagu 2026": 14_000_000,
    "Unit Kerja": "Dinas Sosial",
    "Lokasi": "Kab. Blitar",
}
NEW_INDICATOR = {
    "ID Node": "P6.K1.S9",
    "Indikator": "Jumlah hunian sementara yang disediakan",
    "Satuan": "unit",
    "Aturan Akhir": "terakhir",
    "Baseline": 0,
    **{f"Target {y}": 5 for y in range(2022, 2027)},
}


def _append(sheet: Any, values: dict[str, Any]) -> None:
    cols = _columns(sheet)
    row = sheet.max_row + 1
    for key, value in values.items():
        sheet.cell(row, cols[key]).value = value


def _add(book: Workbook) -> None:
    _append(book[MATRIX], NEW_SUB)
    _append(book[INDICATORS], NEW_INDICATOR)


def _remove(book: Workbook) -> None:
    matrix, indicators = book[MATRIX], book[INDICATORS]
    row = _node_row(matrix, "Pelayanan Dukungan Psikososial")
    node_id = matrix.cell(row, _columns(matrix)["ID"]).value
    for number in reversed(_indicator_rows(indicators, node_id)):
        indicators.delete_rows(number)
    matrix.delete_rows(row)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("repo")
    shutil.copy(ROOT / "renstra.toml", repo / "renstra.toml")
    for folder in ("templates", "source_tables"):
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, repo / folder)
    git(repo, "init", "-q")
    _edit(repo, lambda book: None)
    commit(repo, "base")
    for tag, change in (
        ("pagu", _raise_pagu),
        ("rename", _rename),
        ("added", _add),
        ("removed", _remove),
    ):
        _edit(repo, change)
        commit(repo, tag)
    return repo


@pytest.fixture(scope="module")
def pagu_diff(repo: Path) -> DiffResult:
    return diff_revisions(repo, "base", "pagu")


def _rows(result: DiffResult, number: str) -> dict[str, Any]:
    table = next(t for t in result.tables if t.number == number)
    return {row.key: row for row in table.rows}


# ---------------------------------------------------------------- one pagu cell


def test_pagu_change_reports_the_cell_and_the_totals_it_moved(pagu_diff: DiffResult) -> None:
    assert [t.number for t in pagu_diff.tables] == ["6.2"]
    rows = _rows(pagu_diff, "6.2")
    assert list(rows) == ["P6", "P6.K1", "P6.K1.S1", "TOTAL"]  # rows are keyed by node ID
    for row in rows.values():
        assert row.status == CHANGED
        assert [c.column for c in row.cells] == [YEAR_3, FIVE_YEARS]
        for cell in row.cells:
            assert cell.delta == INCREASE
            assert cell.difference == "+250.000.000"
            assert cell.new_value - cell.old_value == INCREASE
    assert rows["P6.K1.S1"].label == "1.06.06.2.01.0001 Penyediaan Makanan"
    total_2024 = rows["TOTAL"].cells[0]
    assert (total_2024.old, total_2024.new) == ("13.249.236.887", "13.499.236.887")


def test_pagu_change_names_the_source_cell(pagu_diff: DiffResult, repo: Path) -> None:
    book = load_workbook(repo / "source_tables" / BOOK)
    sheet = book[MATRIX]
    address = sheet.cell(
        _node_row(sheet, "Penyediaan Makanan"), _columns(sheet)["Pagu 2024"]
    ).coordinate
    sub_row = _rows(pagu_diff, "6.2")["P6.K1.S1"]
    source = sub_row.cells[0].source
    assert source is not None
    assert (
        source.old_location == source.new_location == Location(BOOK, MATRIX, address, "Pagu 2024")
    )
    assert source.new_raw - source.old_raw == INCREASE
    assert source.new_raw == sheet[address].value
    computed = [
        c
        for row in _rows(pagu_diff, "6.2").values()
        for c in row.cells
        if c is not sub_row.cells[0]
    ]
    assert all(c.source is None for c in computed)  # totals are computed, not typed


def test_text_output(pagu_diff: DiffResult) -> None:
    text = format_text(pagu_diff)
    assert "Tabel 6.2" in text
    assert "Tahun 1 / Pagu (Rp)" not in text  # the 2022 pagu did not change
    assert "      Tahun 3 / Pagu (Rp): 13.249.236.887 -> 13.499.236.887 (+250.000.000)" in text
    assert f"sel sumber: {BOOK} › {MATRIX} › " in text
    assert text.rstrip().endswith("8 sel berubah.")


def test_json_and_markdown_output(pagu_diff: DiffResult) -> None:
    data = json.loads(format_json(pagu_diff))
    assert data["changed"] is True
    assert data["summary"] == {
        "cells_changed": 8,
        "rows_added": 0,
        "rows_changed": 4,
        "rows_removed": 0,
        "tables_added": 0,
        "tables_changed": 1,
        "tables_removed": 0,
    }
    cell = data["tables"][0]["rows"][2]["cells"][0]
    assert cell["delta"] == INCREASE and cell["source"]["old_location"]["sheet"] == MATRIX
    assert format_json(pagu_diff) == format_json(pagu_diff)
    markdown = format_markdown(pagu_diff)
    assert markdown.count("| P6.K1.S1 |") == 2
    assert "\\|" not in markdown.split("\n")[0]


# ---------------------------------------------------------------- rows renamed, added, removed


def test_renamed_row_is_a_changed_cell(repo: Path) -> None:
    result = diff_revisions(repo, "pagu", "rename")
    assert [t.number for t in result.tables] == ["6.2"]
    (row,) = _rows(result, "6.2").values()
    assert (row.key, row.status) == ("P6.K1.S2", CHANGED)
    (cell,) = row.cells
    assert (cell.column, cell.old, cell.new) == (
        NAME,
        "Penyediaan Sandang",
        "Penyediaan Sandang Korban Bencana",
    )
    assert cell.delta is None and cell.difference is None
    assert cell.source and cell.source.old_raw == "Penyediaan Sandang"


def test_added_sub_kegiatan(repo: Path) -> None:
    result = diff_revisions(repo, "rename", "added")
    assert [t.number for t in result.tables] == ["6.2"]
    rows = _rows(result, "6.2")
    assert rows["P6.K1.S9"].status == ADDED
    assert rows["P6.K1.S9"].label == "Penyediaan Hunian Sementara"
    assert "12.000.000" in rows["P6.K1.S9"].new_texts
    assert {k for k, r in rows.items() if r.status == CHANGED} == {"P6", "P6.K1", "TOTAL"}
    moved = rows["P6.K1"].cells
    assert [c.delta for c in moved] == [
        10_000_000,
        11_000_000,
        12_000_000,
        13_000_000,
        14_000_000,
        60_000_000,
    ]


def test_removed_sub_kegiatan(repo: Path) -> None:
    result = diff_revisions(repo, "added", "removed")
    assert [t.number for t in result.tables] == ["6.2"]
    rows = _rows(result, "6.2")
    assert rows["P6.K1.S4"].status == REMOVED
    assert rows["P6.K1.S4"].label == "1.06.06.2.01.0005 Pelayanan Dukungan Psikososial"
    assert {k for k, r in rows.items() if r.status == CHANGED} == {"P6", "P6.K1", "TOTAL"}
    assert all(c.delta == -15_000_000 for c in rows["TOTAL"].cells[:5])
    assert (
        "- P6.K1.S4  1.06.06.2.01.0005 Pelayanan Dukungan Psikososial  (baris dihapus)"
        in format_text(result)
    )


# ---------------------------------------------------------------- tracked-changes DOCX


def _document_xml(data: bytes) -> etree._Element:
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as docx:
        return etree.fromstring(docx.read("word/document.xml"))


def test_tracked_docx_marks_exactly_the_changed_cells(pagu_diff: DiffResult) -> None:
    data = tracked_docx(pagu_diff)
    root = _document_xml(data)
    inserted, deleted = root.findall(f".//{W}ins"), root.findall(f".//{W}del")
    assert len(inserted) == len(deleted) == 8
    old_texts = [e.findtext(f"{W}r/{W}delText").strip() for e in deleted]
    assert {"1.436.484.258", "6.859.705.997"} <= set(old_texts)
    assert len({e.get(f"{W}id") for e in inserted + deleted}) == 16
    assert {e.get(f"{W}author") for e in inserted + deleted} == {"renstra diff"}
    parts = root.findall(f".//{W}tbl")  # Tabel 6.2 is set in column parts, as in the document
    assert len(parts) >= 1
    for table in parts:
        header_rows = [
            r for r in table.findall(f"{W}tr") if r.find(f"{W}trPr/{W}tblHeader") is not None
        ]
        assert len(table.findall(f"{W}tr")) == len(header_rows) + 4
    assert data == tracked_docx(pagu_diff)  # deterministic bytes


def test_tracked_docx_uses_the_document_table_writer(pagu_diff: DiffResult) -> None:
    """Same cell margins (40 twips), header styles and merging as the Renstra's own tables,
    and the page margins of the document (3 cm, 4 cm at the binding edge)."""
    from renstra_docs.diff.tracked import _as_table
    from renstra_docs.render import layout, page, tableplan

    root = _document_xml(tracked_docx(pagu_diff))
    table = root.find(f".//{W}tbl")
    margins = table.find(f"{W}tblPr/{W}tblCellMar")
    assert margins.find(f"{W}left").get(f"{W}w") == str(layout.CELL_MARGIN) == "40"
    heads = {p.get(f"{W}val") for p in table.iter(f"{W}pStyle")}
    assert heads & {"TabelKepala", "TabelKepalaKecil"}
    assert table.find(f".//{W}vMerge") is not None and table.find(f".//{W}gridSpan") is not None
    plan = tableplan.plan_table(_as_table(pagu_diff.tables[0]), page.paper("A4"), excerpt=True)
    grid = [int(c.get(f"{W}w")) for c in table.find(f"{W}tblGrid")]
    assert grid == list(plan.parts[0].widths)
    margin = root.find(f".//{W}sectPr/{W}pgMar")
    sides = sorted(int(margin.get(f"{W}{side}")) for side in ("top", "bottom", "left", "right"))
    assert sides == [1701, 1701, 1701, 2268]


def test_tracked_docx_rows_added_and_removed(repo: Path) -> None:
    result = diff_revisions(repo, "rename", "removed")
    root = _document_xml(tracked_docx(result))
    for part in root.findall(f".//{W}tbl"):  # every column part of the table marks the rows
        assert len(part.findall(f".//{W}trPr/{W}ins")) == 1
        assert len(part.findall(f".//{W}trPr/{W}del")) == 1


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_tracked_docx_converts_with_libreoffice(pagu_diff: DiffResult, tmp_path: Path) -> None:
    path = tmp_path / "perubahan.docx"
    path.write_bytes(tracked_docx(pagu_diff))
    profile = tmp_path / "profile"
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    pdf = tmp_path / "perubahan.pdf"
    assert done.returncode == 0 and pdf.is_file(), done.stderr
    assert pdf.read_bytes().startswith(b"%PDF")


def test_cli_writes_the_tracked_docx_on_the_project_paper(repo: Path, tmp_path: Path) -> None:
    """`renstra diff --format docx` lays the redline out on the paper of renstra.toml."""
    import tomllib

    out = tmp_path / "perubahan.docx"
    result = CliRunner().invoke(
        main, ["--root", str(repo), "diff", "base", "pagu", "--format", "docx", "--out", str(out)]
    )
    assert result.exit_code == 1 and out.is_file(), result.output
    paper = tomllib.loads((repo / "renstra.toml").read_text())["dokumen"]["kertas"]
    size = {"A4": ("11906", "16838"), "F4": ("12189", "18709")}[paper]
    for section in _document_xml(out.read_bytes()).findall(f".//{W}sectPr"):
        sz = section.find(f"{W}pgSz")
        dims = (sz.get(f"{W}w"), sz.get(f"{W}h"))
        assert dims in (size, size[::-1])


# ---------------------------------------------------------------- CLI and sides


def test_cli_exit_codes(repo: Path) -> None:
    runner = CliRunner()
    same = runner.invoke(main, ["--root", str(repo), "diff", "base", "base"])
    assert (same.exit_code, same.output.splitlines()[-1]) == (0, "Tidak ada perbedaan.")
    changed = runner.invoke(main, ["--root", str(repo), "diff", "base", "pagu", "--format", "json"])
    assert changed.exit_code == 1
    assert json.loads(changed.output)["summary"]["cells_changed"] == 8
    bad = runner.invoke(main, ["--root", str(repo), "diff", "no-such-rev", "base"])
    assert bad.exit_code == 2
    assert "'no-such-rev' bukan folder dan bukan revisi git" in bad.output
    docx = runner.invoke(main, ["--root", str(repo), "diff", "base", "base", "--format", "docx"])
    assert docx.exit_code == 2


def test_working_tree_and_folders_are_sides(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    git(repo, "checkout", "-q", "removed")
    monkeypatch.chdir(repo)
    assert not diff_revisions(repo, "removed", ".").changed
    folder = tmp_path / "tables"
    shutil.copytree(repo / "source_tables", folder)
    assert not diff_revisions(repo, str(folder), "removed").changed
    assert not (repo / "build").exists()  # never builds into the project


def _broken(repo: Path, tmp_path: Path) -> Path:
    """A folder of the source tables with a galat: the 2024 pagu of Penyediaan Makanan is 'x'."""
    folder = tmp_path / "broken"
    shutil.copytree(repo / "source_tables", folder)
    book = load_workbook(folder / BOOK)
    sheet = book[MATRIX]
    sheet.cell(_node_row(sheet, "Penyediaan Makanan"), _columns(sheet)["Pagu 2024"]).value = "x"
    book.save(folder / BOOK)
    return folder


def test_galat_of_one_side_is_reported_beside_the_diff(repo: Path, tmp_path: Path) -> None:
    folder = _broken(repo, tmp_path)
    runner = CliRunner()
    result = runner.invoke(
        main, ["--root", str(repo), "diff", "base", str(folder), "--format", "json"]
    )
    assert result.exit_code == 1, result.output  # compared, not stopped
    data = json.loads(result.output)
    errors = [f for f in data["findings"] if f["severity"] == "error"]
    assert [(f["side"], f["revision"], f["code"]) for f in errors] == [
        ("new", str(folder), "type-error")
    ]
    assert errors[0]["location"]["sheet"] == MATRIX
    assert errors[0]["location"]["column"] == "Pagu 2024"
    (row,) = [r for r in data["tables"][0]["rows"] if r["key"] == "P6.K1.S1"]
    cell = row["cells"][0]
    assert (cell["column"], cell["old"], cell["new"]) == (YEAR_3, "596.676.258", "n/a")
    text = runner.invoke(main, ["--root", str(repo), "diff", "base", str(folder)]).output
    where = f"{BOOK} › {MATRIX} › {errors[0]['location']['cell']} (Pagu 2024)"
    assert f"  [baru {folder}] galat: {where}: " in text
    assert text.rstrip().splitlines()[-1].startswith("Ringkasan: 1 tabel berubah")
    markdown = runner.invoke(
        main, ["--root", str(repo), "diff", "base", str(folder), "--format", "markdown"]
    )
    assert f"| baru {folder} | galat | {where} |" in markdown.output


def test_unknown_revision_exits_2_with_one_line(repo: Path) -> None:
    result = CliRunner().invoke(main, ["--root", str(repo), "diff", "no-such-rev", "base"])
    assert result.exit_code == 2
    assert result.output.splitlines() == ["galat: 'no-such-rev' bukan folder dan bukan revisi git"]


def test_unreadable_side_exits_2_with_one_line(repo: Path, tmp_path: Path) -> None:
    folder = tmp_path / "damaged"
    shutil.copytree(repo / "source_tables", folder)
    (folder / BOOK).write_bytes(b"not a workbook")
    result = CliRunner().invoke(main, ["--root", str(repo), "diff", "base", str(folder)])
    assert result.exit_code == 2
    (line,) = result.output.splitlines()
    assert line.startswith(f"galat: {BOOK}: [baru {folder}] ")
    assert line.endswith("[workbook-unreadable]")


# ---------------------------------------------------------------- synthetic tables


def _table(rows: list[BodyRow], title: str = "Uji") -> Table:
    columns = (Column("name"), Column("pagu", Format.MONEY), Column("rasio", Format.PERCENT))
    header = ((HeaderCell("Nama"), HeaderCell("Pagu"), HeaderCell("Rasio")),)
    return Table("9.1", title, columns, header, tuple(rows))


def test_compare_tables_synthetic() -> None:
    from decimal import Decimal

    old = _table(
        [
            BodyRow("a", ("A", 1000, Decimal("91.3145"))),
            BodyRow("b", ("B", 5, None)),
            BodyRow("c", ("C", 7, None)),
        ]
    )
    new = _table(
        [
            BodyRow("a", ("A", 1000, Decimal("92.8145"))),
            BodyRow("c", ("C", 7, None)),
            BodyRow("d", ("D", 1, None)),
        ],
        title="Uji baru",
    )
    diff = compare_tables(old, new)
    assert diff is not None and diff.old_title == "Uji"
    assert [(r.key, r.status) for r in diff.rows] == [("a", CHANGED), ("b", REMOVED), ("d", ADDED)]
    (cell,) = diff.rows[0].cells
    assert (cell.old, cell.new, cell.difference) == ("91,31%", "92,81%", "+1,50%")
    assert compare_tables(old, old) is None


def _matrix(rows: list[tuple[str, int, str | None, str | None]]) -> Table:
    """A table with the matrix columns kode and nama, from (key, level, kode, nama)."""
    columns = (Column("kode"), Column("nama"), Column("pagu", Format.MONEY))
    header = ((HeaderCell("Kode"), HeaderCell("Nama"), HeaderCell("Pagu")),)
    body = tuple(BodyRow(key, (code, name, 1000), level) for key, level, code, name in rows)
    return Table("6.2", "Matriks", columns, header, body)


PROGRAM_ROWS = [("P1", 0, "1.06.05", "PROGRAM PERLINDUNGAN"), ("P1.K1", 1, "1.06.05.2.02", "K")]


def test_rows_whose_id_changed_are_matched_by_crosswalk_then_by_name_under_the_parent() -> None:
    """IDs renumbered (S -> T): a code through the 2023 -> 2027 crosswalk, a name under the same
    parent (not the same name under another parent), an indicator row following its node."""
    old = _matrix(
        [
            *PROGRAM_ROWS,
            ("P1.K1.S1", 2, "1.06.05.2.02.0002", "Pengelolaan Data Fakir Miskin"),
            ("P1.K1.S1 (2)", 2, None, None),
            ("P1.K1.S2", 2, None, "Penyediaan Makanan"),
            ("P1.K2", 1, "1.06.05.2.03", "L"),
            ("P1.K2.S1", 2, None, "Penyediaan Makanan"),
        ]
    )
    new = _matrix(
        [
            *PROGRAM_ROWS,
            ("P1.K1.T1", 2, "1.06.05.2.02.0008", "Pengelolaan Data Fakir Miskin Terpadu"),
            ("P1.K1.T1 (2)", 2, None, None),
            ("P1.K1.T2", 2, "1.06.05.2.02.0004", "Penyediaan Makanan"),
            ("P1.K2", 1, "1.06.05.2.03", "L"),
            ("P1.K2.T1", 2, None, "Penyediaan Makanan"),
        ]
    )
    diff = compare_tables(old, new, versions=("2023", "2027"))
    assert diff is not None
    assert [(r.key, r.old_key, r.status) for r in diff.rows] == [
        ("P1.K1.T1", "P1.K1.S1", CHANGED),
        ("P1.K1.T2", "P1.K1.S2", CHANGED),
    ]
    code, name = diff.rows[0].cells
    assert (code.column, code.old, code.new) == ("Kode", "1.06.05.2.02.0002", "1.06.05.2.02.0008")
    assert (name.column, name.new) == ("Nama", "Pengelolaan Data Fakir Miskin Terpadu")
    (filled,) = diff.rows[1].cells
    assert (filled.column, filled.old, filled.new) == ("Kode", "", "1.06.05.2.02.0004")
    # without the versions the code and the name both changed: nothing says it is the same node
    unmatched = compare_tables(old, new)
    assert unmatched is not None
    assert [(r.key, r.status) for r in unmatched.rows][:4] == [
        ("P1.K1.S1", REMOVED),
        ("P1.K1.S1 (2)", REMOVED),
        ("P1.K1.T1", ADDED),
        ("P1.K1.T1 (2)", ADDED),
    ]
