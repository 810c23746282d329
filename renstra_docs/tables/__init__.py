"""Every Tabel x.y and figure of the document, built once from the dataset and the derived
numbers, for the DOCX writer, the exports and the revision diff. The package's tables are the
Permendagri 86/2017 tables every perangkat daerah has; a project adds its own ([[tabel]])."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from ..calc.derive import Derived
from ..model import Dataset
from ..project import FigureDeclaration, TableDeclaration
from . import bab2, bab4, bab5, bab6, bab7, project
from .model import Figure, Table

TableBuilder = Callable[[Dataset, Derived], Table]
FigureBuilder = Callable[[Dataset, Derived], Figure]

CHAPTERS = (bab2, bab4, bab5, bab6, bab7)


def table_builders(dataset: Dataset, derived: Derived) -> dict[str, TableBuilder]:
    """Every table the document has, by key: the package's (the transition-year matrix only
    with a transition year) and the project's own."""
    builders: dict[str, TableBuilder] = {
        key: build
        for chapter in CHAPTERS
        for key, build in chapter.TABLES.items()
        if chapter is not bab6 or key in derived.matrices
    }
    for declaration in dataset.config.tables:
        builders[declaration.key] = partial(_declared_table, declaration=declaration)
    return builders


def figure_builders(dataset: Dataset) -> dict[str, FigureBuilder]:
    builders: dict[str, FigureBuilder] = {
        key: build for chapter in CHAPTERS for key, build in getattr(chapter, "FIGURES", {}).items()
    }
    for declaration in dataset.config.figures:
        builders[declaration.key] = partial(_declared_figure, declaration=declaration)
    return builders


def build_tables(dataset: Dataset, derived: Derived) -> dict[str, Table]:
    return {key: build(dataset, derived) for key, build in table_builders(dataset, derived).items()}


def build_figures(dataset: Dataset, derived: Derived) -> dict[str, Figure]:
    """The figures with what to draw (cheap: the charts themselves are drawn by the caller)."""
    return {key: build(dataset, derived) for key, build in figure_builders(dataset).items()}


def _declared_table(dataset: Dataset, derived: Derived, declaration: TableDeclaration) -> Table:
    return project.declared_table(dataset, declaration)


def _declared_figure(dataset: Dataset, derived: Derived, declaration: FigureDeclaration) -> Figure:
    return project.declared_figure(dataset, declaration)
