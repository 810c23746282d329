"""DOCX -> PDF with LibreOffice: the document opens outside python-docx and shows its values."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from test_render_docx import CHAPTER_1, CHAPTER_2, COVER, sample_document

from renstra_docs.render import pdf
from renstra_docs.render.docx import write_docx

pytestmark = pytest.mark.skipif(pdf.find_soffice() is None, reason="LibreOffice not installed")


def test_pdf_shows_table_values(tmp_path: Path):
    source = tmp_path / "renstra.docx"
    write_docx(source, [CHAPTER_1, CHAPTER_2], sample_document(), COVER)
    result = pdf.to_pdf(source, tmp_path / "pdf")
    assert result == tmp_path / "pdf" / "renstra.pdf" and result.stat().st_size > 0
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    text = subprocess.run(
        ["pdftotext", "-layout", str(result), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "12.206.342.370" in text
    assert "6.859.705.997" in text
    assert "Tabel 6.2" in text and "BAB II" in text
    assert 'HYPERLINK("x")' in text


def test_missing_soffice_is_a_clear_error(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    with pytest.raises(pdf.PdfError, match="soffice"):
        pdf.to_pdf(tmp_path / "x.docx", tmp_path)
