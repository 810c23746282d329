"""Tables and figures numbered by where the texts place them: `Tabel 2.4` is the fourth table
placed in BAB II, `Gambar 6.1` the first figure of BAB VI (a picture of the project counts as a
figure too). Nothing is numbered by hand, so a table added or removed renumbers the others."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from .model import Document, Figure, Table

TABLE, FIGURE = "table", "figure"
Numbers = Mapping[tuple[str, str], str]  # (TABLE or FIGURE, key) -> "2.4"


def numbered(
    tables: Mapping[str, Table], figures: Mapping[str, Figure], numbers: Numbers
) -> Document:
    """The document with each placed table and figure under its number (unplaced ones are left
    out: they are not in the document)."""
    return Document(
        {
            numbers[(TABLE, key)]: replace(table, number=numbers[(TABLE, key)])
            for key, table in tables.items()
            if (TABLE, key) in numbers
        },
        {
            numbers[(FIGURE, key)]: replace(figure, number=numbers[(FIGURE, key)])
            for key, figure in figures.items()
            if (FIGURE, key) in numbers
        },
    )


def labels(numbers: Numbers) -> dict[str, str]:
    """Each key's caption label ("Tabel 2.4", "Gambar 6.1"), for messages and references."""
    return {
        key: f"{'Tabel' if kind == TABLE else 'Gambar'} {number}"
        for (kind, key), number in numbers.items()
    }
