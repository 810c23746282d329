"""Every Tabel x.y and figure of the document, built once from the dataset and the derived
numbers, for the DOCX writer, the exports and the revision diff. The package's tables are the
Permendagri 86/2017 tables every perangkat daerah has; a project adds its own ([[tabel]])."""

from __future__ import annotations

from ..calc.derive import Derived
from ..model import Dataset
from . import bab2, bab4, bab5, bab6, bab7, project
from .model import Document, Figure, Table, table_order

CHAPTERS = (bab2, bab4, bab5, bab6, bab7)


def build_document(dataset: Dataset, derived: Derived) -> Document:
    """All tables and figures keyed by number ("2.2", "6.2"; figure "6.1" is Gambar 6.1).

    Figures carry what to draw (`Figure.chart`); render.charts paints them."""
    return Document(build_tables(dataset, derived), build_figures(dataset, derived))


def build_tables(dataset: Dataset, derived: Derived) -> dict[str, Table]:
    tables = {
        number: build_table(dataset, derived)
        for chapter in CHAPTERS
        for number, build_table in chapter.TABLES.items()
        if chapter is not bab6 or number in derived.matrices
    }
    tables.update(project.tables(dataset))
    return dict(sorted(tables.items(), key=lambda item: table_order(item[0])))


def build_figures(dataset: Dataset, derived: Derived) -> dict[str, Figure]:
    """The figures with what to draw (cheap: the charts themselves are drawn by the caller)."""
    figures = {
        number: build_figure(dataset, derived)
        for chapter in CHAPTERS
        for number, build_figure in getattr(chapter, "FIGURES", {}).items()
    }
    figures.update(project.figures(dataset))
    return dict(sorted(figures.items(), key=lambda item: table_order(item[0])))
