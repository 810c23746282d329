"""Table exports: build/tables/tabel_<chapter>_<n>.csv and build/tables.md."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import numbered_document

from renstra_docs.build import analyse
from renstra_docs.config import load_config
from renstra_docs.render.export import (
    export_writers,
    spreadsheet_safe,
    table_csv,
    tables_markdown,
)
from renstra_docs.tables.model import BodyRow, Column, Document, Format, HeaderCell, Style, Table

ROOT = Path(__file__).resolve().parents[1]
TOTAL_2022 = "Target Capaian Kinerja Dan Kebutuhan Dana/ Pagu Indikatif / Tahun 1 / Pagu (Rp)"


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> Document:
    analysis = analyse(load_config(ROOT))
    return numbered_document(analysis.dataset, analysis.derived)


def _write_all(document: Document, folder: Path) -> dict[str, bytes]:
    files = {}
    for name, write in export_writers(document).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        write(path)
        files[name] = path.read_bytes()
    return files


def _synthetic() -> Table:
    columns = (Column("uraian"), Column("nilai", Format.PERCENT), Column("ket"))
    header = (
        (HeaderCell("Uraian", rowspan=2), HeaderCell("Capaian", colspan=2)),
        (HeaderCell("Nilai"), HeaderCell("Ket")),
    )
    rows = (
        BodyRow("MISI", ("MISI: a | b",), style=Style.SECTION, spans=(3,)),
        BodyRow("=SUM(A1:A9)", ("=SUM(A1:A9)", Decimal("-1.63"), "+62 812")),
        BodyRow("r2", ("@cmd", Decimal("4.5"), "\tx")),
        BodyRow("r3", ("baris\nkedua", None, "")),
    )
    return Table("9.2", "Uji ekspor", columns, header, rows, source_note="Sumber: uji")


def test_every_table_has_a_csv_and_all_are_in_tables_md(document: Document) -> None:
    names = set(export_writers(document))
    expected = {f"tables/tabel_{n.replace('.', '_')}.csv" for n in document.tables}
    assert names == expected | {"tables.md"}
    markdown = tables_markdown(document)
    for table in document.tables.values():
        assert f"## {table.caption} " in markdown
    assert (
        markdown.index("## Tabel 2.2 ")
        < markdown.index("## Tabel 2.8 ")
        < markdown.index("## Tabel 3.1 ")
    )  # natural order


def test_tabel_6_2_csv_header_and_total(document: Document) -> None:
    table = document.tables["6.2"]
    text = table_csv(table)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Kunci", *table.header_labels()]
    assert rows[0][:3] == ["Kunci", "Kode", "Program, Kegiatan dan Sub Kegiatan"]
    assert text.startswith('Kunci,Kode,"Program, Kegiatan dan Sub Kegiatan",')
    assert len(rows) == 1 + len(table.rows)
    assert all(len(r) == len(rows[0]) for r in rows)
    total = next(r for r in rows if r[0] == "TOTAL")
    assert total[rows[0].index(TOTAL_2022)] == "12.206.342.370"
    assert [r[0] for r in rows[1:]] == [r.key for r in table.rows]  # document order
    assert "\r" not in text


def test_values_are_what_the_document_shows(document: Document) -> None:
    for table in document.tables.values():
        rows = list(csv.reader(io.StringIO(table_csv(table))))[1:]
        for line, row in zip(rows, table.rows, strict=True):
            if row.spans is None:
                shown = [spreadsheet_safe(table.text(row, i)) for i in range(len(row.cells))]
                assert line[1:] == shown


def test_formula_like_cells_are_prefixed() -> None:
    rows = list(csv.reader(io.StringIO(table_csv(_synthetic()))))
    assert rows[0] == ["Kunci", "Uraian", "Capaian / Nilai", "Capaian / Ket"]
    assert rows[1] == ["MISI", "MISI: a | b", "", ""]  # a spanned cell sits in its first column
    # negative numbers start with "-" too, so they are also written as text: '-1,63%
    assert rows[2] == ["'=SUM(A1:A9)", "'=SUM(A1:A9)", "'-1,63%", "'+62 812"]
    assert rows[3] == ["r2", "'@cmd", "4,50%", "'\tx"]
    assert rows[4] == ["r3", "baris\nkedua", "n/a", ""]
    assert spreadsheet_safe("Rp 1.000") == "Rp 1.000"


def test_markdown_escapes_pipes_and_line_breaks() -> None:
    markdown = tables_markdown(Document(tables={"9.2": _synthetic()}))
    assert "## Tabel 9.2 Uji ekspor" in markdown
    assert "| MISI | MISI: a \\| b |  |  |" in markdown
    assert "| r3 | baris<br>kedua | n/a |  |" in markdown
    assert "| =SUM(A1:A9) | =SUM(A1:A9) | -1,63% | +62 812 |" in markdown  # not a spreadsheet
    assert "|---|---|---:|---|" in markdown
    assert "Sumber: uji" in markdown


def test_exports_are_byte_identical(document: Document, tmp_path: Path) -> None:
    first = _write_all(document, tmp_path / "a")
    analysis = analyse(load_config(ROOT))
    again = numbered_document(analysis.dataset, analysis.derived)
    second = _write_all(again, tmp_path / "b")
    assert first == second
    assert first["tables/tabel_6_2.csv"].decode("utf-8").startswith("Kunci,")
