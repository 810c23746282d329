"""Generated documentation must match the code that generates it."""

from __future__ import annotations

from pathlib import Path

from renstra_docs.docs import source_tables_markdown

ROOT = Path(__file__).resolve().parents[1]


def test_source_tables_doc_is_up_to_date() -> None:
    text = (ROOT / "docs" / "source-tables.md").read_text(encoding="utf-8")
    assert text == source_tables_markdown(), "run: renstra docs"


def test_every_sheet_documented() -> None:
    text = (ROOT / "docs" / "source-tables.md").read_text(encoding="utf-8")
    assert "### sheet `matriks` (feeds `matriks`)" in text
    assert "`Pagu Tertulis <tahun>`" in text


def test_readme_names_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make report" in readme and "make test" in readme
    assert "Panduan cepat" in readme
