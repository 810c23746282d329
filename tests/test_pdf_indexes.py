"""The PDF of the shipped Renstra: every entry of DAFTAR ISI, DAFTAR TABEL and DAFTAR GAMBAR
carries the number of the page on which that heading or caption is printed.

pdftotext reads the PDF page by page; each page's printed number is its footer line. An entry
"2.3 Kinerja Pelayanan ..... 21" must have its heading on the page whose footer says 21, and on
no other page of the body.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from conftest import ROOT

from renstra_docs.cli import main
from renstra_docs.render import pdf

DOCX = "renstra_dinsos_blitar_2021_2026.docx"
FRONT_TITLES = (
    "DAFTAR ISI",
    "DAFTAR TABEL",
    "DAFTAR GAMBAR",
    "KATA PENGANTAR",
    "LEMBAR PENGESAHAN",
)
# text, dot leader, page number; a text that fills the line leaves no room for dots
ENTRY = re.compile(r"^(?P<text>.*?)(?:\s*\.+\s*(?P<dotted>[ivxlcdm]+|\d+)|\s+(?P<page>\d{1,3}))$")

pytestmark = pytest.mark.skipif(
    not pdf.available() or shutil.which("pdftotext") is None,
    reason="LibreOffice (with python3-uno) or poppler not installed",
)


@dataclass(frozen=True)
class Page:
    label: str  # the printed page number ("" on the cover)
    lines: list[str]  # whitespace-collapsed, empty lines dropped

    def prints(self, text: str) -> bool:
        """Does a line of this page start `text`, and do it and the lines after it read
        exactly `text`? (A heading or caption, not a mention of it inside a sentence.)"""
        for i, line in enumerate(self.lines):
            if not text.startswith(line):
                continue
            joined = line
            for following in self.lines[i + 1 :]:
                if len(joined) >= len(text):
                    break
                joined = f"{joined} {following}"
            if joined == text:
                return True
        return False


def _collapse(text: str) -> str:
    return " ".join(text.split())


def read_pages(path: Path) -> list[Page]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for raw in text.split("\f"):
        lines = [_collapse(line) for line in raw.splitlines() if line.strip()]
        if not lines:
            continue
        footer = lines[-1]
        label = footer if re.fullmatch(r"[ivxlcdm]+|\d+", footer) else ""
        pages.append(Page(label, lines[:-1] if label else lines))
    return pages


def entries(pages: list[Page], title: str) -> list[tuple[str, str]]:
    """(text, page label) of every entry of the list titled `title` (over its pages)."""
    out: list[tuple[str, str]] = []
    inside, pending = False, ""
    for page in pages:
        for line in page.lines:
            if line in FRONT_TITLES:
                inside, pending = line == title, ""
                continue
            if not inside:
                continue
            match = ENTRY.match(line)
            if match is None:  # an entry wrapped over lines: its page number comes later
                pending = f"{pending} {line}".strip()
                continue
            page_label = match["dotted"] or match["page"]
            out.append((_collapse(f"{pending} {match['text']}"), page_label))
            pending = ""
        if inside and page.lines and page.lines[0].startswith("BAB I"):
            break
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Page]]:
    out = tmp_path_factory.mktemp("pdf")
    result = CliRunner().invoke(main, ["--root", str(ROOT), "build", "--out", str(out)])
    assert result.exit_code == 0, result.output
    target, warnings = pdf.convert(out / DOCX, out)
    assert warnings == ""  # LibreOffice converts without a word on stderr
    return out / DOCX, read_pages(target)


def _check(pages: list[Page], listed: list[tuple[str, str]]) -> None:
    body = [p for p in pages if p.label.isdigit()]
    for text, label in listed:
        where = [p.label for p in body if p.prints(text)]
        assert where == [label], f"{text!r}: listed on page {label}, printed on {where}"


def test_every_contents_entry_has_the_page_of_its_heading(built):
    document, pages = built
    listed = [(t, p) for t, p in entries(pages, "DAFTAR ISI") if t not in FRONT_TITLES]
    headings = [
        p.text
        for p in docx.Document(str(document)).paragraphs
        if p.style.name in ("Heading 1", "Heading 2", "Heading 3")
    ]
    assert len(listed) == len(headings) > 30
    assert listed[0][0] == "BAB I PENDAHULUAN" and listed[-1][0] == "BAB VIII PENUTUP"
    _check(pages, listed)


def test_front_entries_have_roman_page_numbers(built):
    _, pages = built
    front = dict((t, p) for t, p in entries(pages, "DAFTAR ISI") if t in FRONT_TITLES)
    assert front["DAFTAR ISI"] == "i"
    labels = {p.label: p for p in pages}
    for title, label in front.items():
        assert labels[label].lines[0] == title


@pytest.mark.parametrize("label, title", [("Tabel", "DAFTAR TABEL"), ("Gambar", "DAFTAR GAMBAR")])
def test_every_caption_is_listed_with_its_page(built, label: str, title: str):
    document, pages = built
    captions = [
        " ".join(p.text.split())
        for p in docx.Document(str(document)).paragraphs
        if p.style.name == "Caption" and p.text.startswith(label + " ")
    ]
    listed = entries(pages, title)
    assert [text for text, _ in listed] == captions and captions
    _check(pages, listed)
