"""The whole pipeline on the shipped Blitar data: the DOCX read back, determinism, atomicity."""

from __future__ import annotations

import gc
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIGURE_NUMBERS, ROOT, TABLE_NUMBERS, copy_project
from docx import Document as open_docx
from openpyxl import load_workbook

from renstra_docs import build as pipeline
from renstra_docs.cli import main
from renstra_docs.collector import gc_paused
from renstra_docs.config import load_config
from renstra_docs.processes import can_fork
from renstra_docs.render import pdf

DOCX = "renstra_dinsos_blitar_2021_2026.docx"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")


def _build(out: Path, root: Path = ROOT) -> object:
    return CliRunner().invoke(main, ["--root", str(root), "build", "--out", str(out)])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    result = _build(out)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def document(built: Path):
    return open_docx(str(built / DOCX))


def _table_rows(document, caption_number: str) -> list[list[str]]:
    """The rows of the table that follows the caption 'Tabel <n>'; a table set in column parts
    ("Tabel n (lanjutan, ...)" before each further part) has its parts' rows side by side."""
    body = document.element.body
    caption = next(
        p
        for p in body.iter("{*}p")
        if "".join(t.text or "" for t in p.iter("{*}t")).startswith(f"Tabel {caption_number}")
        and p.getnext() is not None
        and p.getnext().tag.endswith("tbl")
    )
    rows = _rows(caption.getnext())
    table = caption.getnext()
    while (label := table.getnext()) is not None and _text(label).startswith(
        f"Tabel {caption_number} (lanjutan"
    ):
        table = label.getnext()
        rows = [left + right for left, right in zip(rows, _rows(table), strict=True)]
    return rows


def _text(element) -> str:
    return "".join(t.text or "" for t in element.iter("{*}t"))


def _rows(table) -> list[list[str]]:
    return [[_text(cell) for cell in row.iter("{*}tc")] for row in table.iter("{*}tr")]


def test_all_chapters_in_order(document) -> None:
    """Eight chapter headings ("BAB I" ... comes from Word numbering), listed in DAFTAR ISI."""
    headings = [p for p in document.paragraphs if p.style.name.lower().startswith("heading 1")]
    contents = [p.text.split("\t")[0] for p in document.paragraphs if p.style.name == "toc 1"]
    assert len(headings) == 8
    assert [c for c in contents if c.startswith("BAB ")] == [f"BAB {r}" for r in ROMAN]


def test_captions_of_every_table_and_figure(document) -> None:
    captions = {p.text.split("\n")[0] for p in document.paragraphs if p.style.name == "Caption"}
    for number in TABLE_NUMBERS:
        assert f"Tabel {number}" in captions
    for number in ("1.1", *FIGURE_NUMBERS):  # Gambar 1.1: the picture in BAB I's text
        assert f"Gambar {number}" in captions
    assert "Tabel 2.9" not in captions and "Gambar 2.4" not in captions  # numbered without gaps


def test_matrix_values_in_the_docx(document) -> None:
    rows = _table_rows(document, "6.2")
    bencana = next(r for r in rows if "PROGRAM PENANGANAN BENCANA" in r)
    assert bencana[-3] == "6.859.705.997"
    total = next(r for r in rows if "TOTAL" in r)
    assert "12.206.342.370" in total and "65.116.280.252" in total
    salary = next(r for r in rows if "Penyediaan Gaji dan Tunjangan ASN" in r)
    assert salary[0] == "1.06.01.2.02.0001"
    assert "3.966.449.000" in salary and "38 orang" in salary


def test_computed_values_replace_the_typed_ones(document) -> None:
    rows = _table_rows(document, "2.8")  # T-C.24
    data = next(r for r in rows if r and r[0] == "Belanja Lanjutan")
    assert "91,31%" in data and "91,1%" not in data
    text = "\n".join(p.text for p in document.paragraphs)
    assert "berjumlah 54 orang" in text
    assert "6M hingga 8M" not in text


def test_build_writes_report_and_exports(built: Path) -> None:
    assert (built / "validation.md").is_file() and (built / "validation.json").is_file()
    csv = (built / "tables" / "tabel_6_2.csv").read_text(encoding="utf-8")
    assert "12.206.342.370" in csv
    assert (built / "tables.md").is_file()


def test_same_inputs_same_bytes(built: Path, tmp_path: Path) -> None:
    """A second build in another process (other hash seed, charts from the cache) is identical."""
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    command = [sys.executable, "-m", "renstra_docs", "--root", str(ROOT), "build", "--out"]
    subprocess.run([*command, str(tmp_path)], check=True, capture_output=True, env=env)
    for name in (DOCX, "tables/tabel_6_2.csv", "tables.md", "validation.json"):
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes(), name


def _hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _break_a_pagu(project: Path) -> str:
    """Type text into a pagu cell of Tabel 6.2; the cell's reference, as "H12"."""
    book_path = project / "source_tables" / "bab6_program.xlsx"
    book = load_workbook(book_path)
    sheet = book["matriks"]
    pagu = next(c.column_letter for c in sheet[1] if c.value == "Pagu 2024")
    row = next(c.row for c in sheet["E"] if c.value == "Penyediaan Makanan")
    sheet[f"{pagu}{row}"] = "satu juta"
    book.save(book_path)
    return f"{pagu}{row}"


def test_failing_build_leaves_previous_build_untouched(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    out = project / "build"
    assert _build(out, project).exit_code == 0
    before = _hashes(out)
    cell = _break_a_pagu(project)
    result = _build(out, project)
    assert result.exit_code == 1
    assert f"matriks › {cell} (Pagu 2024)" in result.output
    assert "[type-error]" in result.output and "Traceback" not in result.output
    assert _hashes(out) == before
    assert not list(out.glob(".staging-*"))


def test_batch_builds_every_agency(tmp_path: Path, built: Path) -> None:
    """`renstra build --all` over a regency folder on both cores: each agency's DOCX is the one
    a single build gives (its charts drawn inside the pool worker), and a broken agency is
    named while the others are still built."""
    regency = tmp_path / "regency"
    for name in ("dinsos", "dinkes"):
        copy_project(regency / name)
    _break_a_pagu(regency / "dinkes")
    result = CliRunner().invoke(main, ["build", "--all", str(regency), "--jobs", "2"])
    assert result.exit_code == 1
    assert f"gagal: {regency / 'dinkes'}: 1 galat" in result.output
    assert "1 dari 2 Renstra dibangun" in result.output
    assert (regency / "dinsos" / "build" / DOCX).read_bytes() == (built / DOCX).read_bytes()
    assert not (regency / "dinkes" / "build").exists()


@pytest.mark.skipif(
    not pdf.available() or shutil.which("pdftotext") is None,
    reason="LibreOffice (with python3-uno) or poppler not installed",
)
def test_pdf_of_the_real_document(built: Path, tmp_path: Path) -> None:
    shutil.copy(built / DOCX, tmp_path / DOCX)
    result = pdf.to_pdf(tmp_path / DOCX, tmp_path / "pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(result), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "12.206.342.370" in text  # grand total 2022 of Tabel 6.2, computed
    assert "6.859.705.997" in text
    assert "BAB VIII" in text


def test_gc_paused_restores_the_collector() -> None:
    @gc_paused()
    def inside(fail: bool) -> bool:
        if fail:
            raise ValueError("stop")
        return gc.isenabled()

    assert gc.isenabled()
    assert inside(False) is False
    with pytest.raises(ValueError):
        inside(True)
    assert gc.isenabled()
    gc.disable()  # a caller that had switched it off keeps it off
    try:
        inside(False)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_build_and_validate_run_with_the_collector_paused(monkeypatch, tmp_path: Path) -> None:
    seen: list[bool] = []

    def recording(step):
        def recorded(*args, **kwargs):
            seen.append(gc.isenabled())
            return step(*args, **kwargs)

        return recorded

    monkeypatch.setattr(pipeline, "analyse", recording(pipeline.analyse))  # validate
    monkeypatch.setattr(pipeline, "load", recording(pipeline.load))  # build
    config = load_config(ROOT).with_paths(build_dir=tmp_path)
    pipeline.validate(config)
    pipeline.build(config)
    assert seen == [False, False] and gc.isenabled()
    assert (tmp_path / DOCX).is_file()


def test_tables_that_break_on_data_the_checks_refuse_give_the_checks_report(
    monkeypatch, tmp_path: Path
) -> None:
    """The checks run in a child while the tables are built here: when a table breaks on data
    the checks refuse (--strict makes the 69 warnings of the shipped data errors), the answer
    is the checks' report and nothing is written; on accepted data the break is the error."""
    from renstra_docs import tables

    real = tables.table_builders

    def breaking(dataset, derived):
        def broken(*_args):
            raise ZeroDivisionError("tabel rusak")

        return {**real(dataset, derived), "matriks": broken}

    monkeypatch.setattr(tables, "table_builders", breaking)
    config = load_config(ROOT).with_paths(build_dir=tmp_path / "build")
    refused = pipeline.build(config, strict=True)
    assert refused.failed and refused.outputs == []
    assert len(refused.report.errors) == 69
    assert not (tmp_path / "build").exists()
    with pytest.raises(ZeroDivisionError, match="tabel rusak"):
        pipeline.build(config)
    assert not (tmp_path / "build").exists()


@pytest.mark.skipif(not can_fork(), reason="no fork on this platform")
def test_the_checks_run_once_in_the_child(monkeypatch, tmp_path: Path) -> None:
    """The checks (and the report) of a build run in the forked child only: this process never
    runs them again (it would, had the child failed or its answer been lost)."""
    here: list[int] = []
    real = pipeline.run_checks

    def recorded(*args, **kwargs):
        here.append(os.getpid())  # appended in the child's memory when the child runs it
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "run_checks", recorded)
    result = pipeline.build(load_config(ROOT).with_paths(build_dir=tmp_path))
    assert not result.failed and len(result.report.ordered) == 69
    assert here == []
    assert (tmp_path / "validation.json").is_file()
