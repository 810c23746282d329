"""docs/errors.md is generated from the finding catalogue and must not drift from it."""

from __future__ import annotations

from pathlib import Path

from renstra_docs.findings import CATALOGUE, catalogue_markdown

ERRORS_MD = Path(__file__).resolve().parents[1] / "docs" / "errors.md"


def test_errors_doc_is_the_generated_catalogue() -> None:
    assert ERRORS_MD.read_text(encoding="utf-8") == catalogue_markdown(), (
        "docs/errors.md is out of date: run `renstra docs`"
    )


def test_every_code_is_documented_with_meaning_and_fix() -> None:
    text = ERRORS_MD.read_text(encoding="utf-8")
    for code, kind in CATALOGUE.items():
        assert f"| `{code}` |" in text
        assert kind.meaning.strip() and kind.fix.strip(), code
        assert "|" not in kind.meaning + kind.fix, code  # would break the Markdown table
