"""Every Tabel x.y and figure of the document, built once from the dataset and the derived
numbers (`build_document`), for the DOCX writer, the exports and the revision diff."""

from __future__ import annotations

from pathlib import Path

from ..calc.derive import Derived
from ..model import Renstra
from . import bab2, bab3, bab4, bab5, bab6, bab7
from .model import Document, Figure, Table

CHAPTERS = (bab2, bab3, bab4, bab5, bab6, bab7)


def build_document(
    renstra: Renstra, derived: Derived, cache_dir: Path | None = None, draw: bool = True
) -> Document:
    """All tables and figures keyed by number ("2.2", "6.2"; figure "6.1" is Gambar 6.1).

    With `draw`, the charts are drawn now (render.charts.paint; `cache_dir` keeps the PNGs keyed
    by a hash of their data); without, figures carry only what to draw, for the caller to paint
    (the build draws them in parallel with the rest, see build.py).
    """
    figures = build_figures(renstra, derived)
    if draw:
        from ..render.charts import paint

        figures = paint(figures, cache_dir)
    return Document(build_tables(renstra, derived), figures)


def build_tables(renstra: Renstra, derived: Derived) -> dict[str, Table]:
    return {
        number: build_table(renstra, derived)
        for chapter in CHAPTERS
        for number, build_table in chapter.TABLES.items()
    }


def build_figures(renstra: Renstra, derived: Derived) -> dict[str, Figure]:
    """The figures with what to draw (cheap: the charts themselves are drawn by the caller)."""
    return {
        number: build_figure(renstra, derived)
        for chapter in CHAPTERS
        for number, build_figure in getattr(chapter, "FIGURES", {}).items()
    }
