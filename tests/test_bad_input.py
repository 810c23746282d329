"""Damaged, foreign and unsafe workbooks: one clear finding naming the file, sheet and cell.

Each workbook is built in the test (openpyxl) or copied from the shipped source_tables/ and
damaged; the CLI tests run `renstra validate` on such a project copy.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import WORKBOOK, at, only, read_matrix, refused

from renstra_docs.config import load_config
from renstra_docs.findings import CATALOGUE, Location, RenstraError
from renstra_docs.model import load
from renstra_docs.sources import safety
from renstra_docs.sources.schema import BAB6

FILE = Location(WORKBOOK)
SHEET_XML = "xl/worksheets/sheet1.xml"


def rewrite(path: Path, part: str, change, extra: dict[str, bytes] | None = None) -> None:
    """Rewrite one part of an xlsx (and add `extra` parts), keeping every other part."""
    with zipfile.ZipFile(path) as archive:
        parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            archive.writestr(name, change(data) if name == part else data)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)


# ---------------------------------------------------------------- files that are not workbooks


def test_workbook_missing(tmp_path: Path) -> None:
    finding = only(refused(tmp_path / WORKBOOK), "workbook-missing")
    assert finding.location == FILE
    assert CATALOGUE["workbook-missing"].fatal


def test_renamed_csv(tmp_path: Path) -> None:
    path = tmp_path / WORKBOOK
    path.write_text("ID;Induk;Level\nP1;;Program\n", encoding="utf-8")
    assert only(refused(path), "workbook-unreadable").location == FILE


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / WORKBOOK).write_bytes(b"")
    assert only(refused(tmp_path / WORKBOOK), "workbook-unreadable").location == FILE


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.95])
def test_truncated_file(matrix_book, keep: float) -> None:
    path = matrix_book()
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    assert only(refused(path), "workbook-unreadable").location == FILE


def test_corrupted_part(matrix_book) -> None:
    path = matrix_book()
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(SHEET_XML)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 10
    data[start : start + 40] = b"\x00" * 40  # damage the compressed sheet, keep the directory
    path.write_bytes(bytes(data))
    assert only(refused(path), "workbook-unreadable").location.workbook == WORKBOOK


def test_other_office_file_renamed(tmp_path: Path) -> None:
    path = tmp_path / WORKBOOK
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns='
            '"http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        archive.writestr("word/document.xml", "<document/>")
    assert only(refused(path), "workbook-unreadable").location == FILE


def test_password_protected_workbook(tmp_path: Path) -> None:
    # Excel saves an encrypted workbook as an OLE compound file (CFB), not as a zip.
    path = tmp_path / WORKBOOK
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 20)
    finding = only(refused(path), "workbook-encrypted")
    assert finding.location == FILE
    assert finding.is_error


def test_workbook_without_sheets(matrix_book) -> None:
    path = matrix_book()
    rewrite(path, "xl/workbook.xml", lambda xml: re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", xml))
    assert only(refused(path), "workbook-empty").location == FILE


def test_sheet_missing(matrix_book) -> None:
    findings = refused(matrix_book(), BAB6)  # only matriks exists
    assert {f.code for f in findings} == {"sheet-missing"}
    expected = {s.name for s in BAB6.sheets} - {"matriks"}
    assert {"matriks_transisi", "indikator_transisi", "indikator", "deklarasi_matriks"} <= expected
    assert {f.location for f in findings} == {Location(WORKBOOK, name) for name in expected}


def test_renamed_sheet(matrix_book) -> None:
    def rename(sheet) -> None:
        sheet.title = "Matriks 2022-2026"

    finding = only(refused(matrix_book(edit=rename)), "sheet-missing")
    assert finding.location == at(None, None)
    assert "Matriks 2022-2026" in finding.message


# ---------------------------------------------------------------- unsafe files (refused)

_DOCTYPE = b'<!DOCTYPE worksheet [<!ENTITY x "PAGU">]>'
_LAUGHS = (
    b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;">]>'
)


def _inject_after_declaration(dtd: bytes, padding: bytes = b""):
    def change(xml: bytes) -> bytes:
        declaration_end = xml.index(b"?>") + 2 if xml.startswith(b"<?xml") else 0
        return xml[:declaration_end] + padding + dtd + xml[declaration_end:]

    return change


@pytest.mark.parametrize(
    ("part", "change"),
    [
        (SHEET_XML, _inject_after_declaration(_DOCTYPE)),
        (SHEET_XML, _inject_after_declaration(_LAUGHS)),
        ("xl/workbook.xml", _inject_after_declaration(_DOCTYPE)),
        ("[Content_Types].xml", _inject_after_declaration(_DOCTYPE)),
        ("_rels/.rels", _inject_after_declaration(_DOCTYPE)),
        # hidden after a long comment: the whole prolog is scanned, not only its first bytes
        (SHEET_XML, _inject_after_declaration(_DOCTYPE, b"<!--" + b" " * 20_000 + b"-->")),
        # the same part in UTF-16 (legal XML; a byte search for b"<!DOCTYPE" misses it)
        (
            SHEET_XML,
            lambda xml: (
                _inject_after_declaration(_DOCTYPE)(xml)
                .decode("utf-8")
                .replace('encoding="UTF-8"', 'encoding="UTF-16"')
                .replace("encoding='UTF-8'", "encoding='UTF-16'")
                .encode("utf-16")
            ),
        ),
    ],
)
def test_xml_entity_definitions_are_refused(matrix_book, part: str, change) -> None:
    path = matrix_book()
    rewrite(path, part, change)
    finding = only(refused(path), "workbook-unsafe")
    assert finding.location == FILE
    assert part in finding.message


def test_zip_bomb_entry_is_refused(matrix_book) -> None:
    path = matrix_book()
    rewrite(path, "", bytes, extra={"xl/media/image1.png": b"\x00" * 3_000_000})
    finding = only(refused(path), "workbook-unsafe")
    assert finding.location == FILE
    assert "xl/media/image1.png" in finding.message


def test_total_uncompressed_size_limit(matrix_book, monkeypatch: pytest.MonkeyPatch) -> None:
    path = matrix_book()
    monkeypatch.setattr(safety, "MAX_UNCOMPRESSED", 4_000)
    assert only(refused(path), "workbook-unsafe").location == FILE


def test_entry_count_limit(matrix_book, monkeypatch: pytest.MonkeyPatch) -> None:
    path = matrix_book()
    rewrite(path, "", bytes, extra={f"customXml/item{i}.txt": b"x" for i in range(30)})
    monkeypatch.setattr(safety, "MAX_ENTRIES", 20)
    finding = only(refused(path), "workbook-unsafe")
    assert finding.location == FILE
    assert "entri" in finding.message


def test_a_safe_workbook_is_within_every_limit(matrix_book) -> None:
    assert read_matrix(matrix_book()).findings == []


# ---------------------------------------------------------------- a damaged project


def damage(root: Path, sheet: str, cells: dict[str, object], workbook: str = WORKBOOK) -> None:
    path = root / "source_tables" / workbook
    book = openpyxl.load_workbook(path)
    for ref, value in cells.items():
        book[sheet][ref] = value
    book.save(path)


def test_shipped_project_loads_without_errors(project: Path) -> None:
    renstra = load(load_config(project))
    assert [f.line() for f in renstra.findings if f.is_error] == []


def test_sub_kegiatan_with_unknown_parent(project: Path) -> None:
    book = openpyxl.load_workbook(project / "source_tables" / WORKBOOK, read_only=True)
    assert [c.value for c in book["matriks"][4][:3]] == [
        "P1.K1.S1",
        "P1.K1",
        "Sub Kegiatan",
    ]
    book.close()
    damage(project, "matriks", {"B4": "P1.K9"})
    renstra = load(load_config(project))
    finding = only(renstra.findings, "unknown-parent")
    assert finding.location == at("B4", "Induk")
    assert finding.value == "P1.K9"


def test_duplicate_ids_in_the_project(project: Path) -> None:
    damage(project, "matriks", {"A5": "P1.K1.S1"})
    renstra = load(load_config(project))
    assert only(renstra.findings, "duplicate-key").location == at("A5", "ID")


def test_first_unusable_workbook_stops_the_load(project: Path) -> None:
    (project / "source_tables" / "bab3_permasalahan_isu.xlsx").write_text("a,b\n1,2\n")
    with pytest.raises(RenstraError) as info:
        load(load_config(project))
    assert [f.code for f in info.value.findings] == ["workbook-unreadable"]
    assert info.value.findings[0].location == Location("bab3_permasalahan_isu.xlsx")


# ---------------------------------------------------------------- the command line

_ERROR_LINE = re.compile(
    r"galat: [\w.]+\.xlsx( › \w+( › [A-Z]+\d+)?( \(.+\))?)?: .+ \[[a-z0-9-]+\]"
)


def _validate(root: Path, *extra: str):
    from renstra_docs.cli import main

    return CliRunner().invoke(main, ["--root", str(root), *extra, "validate"])


def _error_lines(output: str) -> list[str]:
    return [line.strip() for line in output.splitlines() if line.strip().startswith("galat:")]


def test_cli_cell_errors_are_one_line_each(project: Path) -> None:
    damage(project, "matriks", {"H4": "banyak", "I4": "#DIV/0!"})
    result = _validate(project)
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    lines = _error_lines(result.output)
    assert (
        "galat: bab6_program.xlsx › matriks › H4 (Pagu 2022): 'banyak' bukan angka [type-error]"
    ) in lines
    assert (
        "galat: bab6_program.xlsx › matriks › I4 (Pagu 2023): nilai galat Excel "
        "#DIV/0! [excel-error]"
    ) in lines
    assert all(_ERROR_LINE.fullmatch(line) for line in lines), lines


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (
            {"E1": "Nama Program"},
            "galat: bab6_program.xlsx › matriks › E1 (Nama): kolom 'Nama' tidak ada "
            "di baris judul; di tempatnya ada kolom 'Nama Program' yang tidak dikenal "
            "[header-missing]",
        ),
        (
            {"U1": "ID"},
            "galat: bab6_program.xlsx › matriks › U1 (ID): judul kolom "
            "'ID' muncul dua kali (A dan U) [header-duplicate]",
        ),
    ],
)
def test_cli_fatal_layout_error(project: Path, cells: dict, expected: str) -> None:
    damage(project, "matriks", cells)
    result = _validate(project)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert _error_lines(result.stderr) == [expected]


def test_cli_unreadable_workbook(project: Path) -> None:
    (project / "source_tables" / WORKBOOK).write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1junk")
    result = _validate(project)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "galat: bab6_program.xlsx: workbook terenkripsi/berkata sandi (atau format .xls lama) "
        "[workbook-encrypted]"
    ]
    assert "Traceback" not in result.output


def test_cli_debug_shows_the_exception(project: Path) -> None:
    (project / "source_tables" / WORKBOOK).write_text("ID,Induk\n")
    result = _validate(project, "--debug")
    assert result.exit_code != 0
    assert isinstance(result.exception, RenstraError)
    assert result.exception.findings[0].code == "workbook-unreadable"
