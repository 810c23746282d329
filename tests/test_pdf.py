"""DOCX -> PDF with LibreOffice through its UNO API: the document opens outside python-docx,
shows its values, and its contents and lists carry page numbers."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_render_docx import CHAPTER_1, CHAPTER_2, COVER, sample_document

from renstra_docs.render import pdf
from renstra_docs.render.docx import write_docx

needs_office = pytest.mark.skipif(
    not pdf.available() or shutil.which("pdftotext") is None,
    reason="LibreOffice (with python3-uno) or poppler not installed",
)


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@needs_office
def test_pdf_shows_table_values_and_lists_without_warnings(tmp_path: Path):
    source = tmp_path / "renstra.docx"
    write_docx(source, [CHAPTER_1, CHAPTER_2], sample_document(), COVER)
    result, warnings = pdf.convert(source, tmp_path / "pdf")
    assert result == tmp_path / "pdf" / "renstra.pdf" and result.stat().st_size > 0
    assert warnings == ""
    text = pdf_text(result)
    assert "12.206.342.370" in text
    assert "6.859.705.997" in text
    assert "Tabel 2.1" in text and "BAB II" in text
    assert 'HYPERLINK("x")' in text
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert any(line.startswith("Gambar 2.1 Pagu per Program.") for line in lines)
    assert any(re.fullmatch(r"BAB II RENCANA PROGRAM\.{3,} ?2", line) for line in lines)


def test_missing_soffice_is_a_clear_error(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    with pytest.raises(pdf.PdfError, match="soffice"):
        pdf.to_pdf(tmp_path / "x.docx", tmp_path)


def test_missing_uno_bridge_is_a_clear_error(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(pdf, "find_soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(pdf, "find_uno_python", lambda soffice: None)
    with pytest.raises(pdf.PdfError, match="python3-uno") as info:
        pdf.to_pdf(tmp_path / "x.docx", tmp_path)
    assert "\n" not in str(info.value)


def test_pythons_for_uno_come_from_the_environment_first(tmp_path: Path, monkeypatch):
    python = tmp_path / "python3"
    python.write_text("")
    monkeypatch.setenv(pdf.PYTHON_ENV, str(python))
    assert pdf.python_candidates("/usr/bin/soffice")[0] == str(python)


def test_a_conversion_that_hangs_is_killed_with_its_children(tmp_path: Path):
    """The helper and what it started run in their own process group, all killed on timeout."""
    marker = tmp_path / "child.pid"
    script = (
        "import subprocess, sys, time; "
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']); "
        f"open({str(marker)!r}, 'w').write(str(child.pid)); time.sleep(60)"
    )
    started = time.monotonic()
    with pytest.raises(pdf.PdfError, match="tidak selesai"):
        pdf.run_bounded([sys.executable, "-c", script], 3, "x.docx")
    assert time.monotonic() - started < 30
    child = Path(f"/proc/{int(marker.read_text())}/stat")
    time.sleep(0.2)
    assert not child.exists() or child.read_text().split(") ")[1][0] == "Z"  # gone, or a zombie
