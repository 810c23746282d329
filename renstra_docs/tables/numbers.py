"""Tables and figures numbered by where the texts place them: `Tabel 2.4` is the fourth table
placed in BAB II, `Gambar 6.1` the first figure of BAB VI (a picture of the project counts as a
figure too). Nothing is numbered by hand, so a table added or removed renumbers the others."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from .model import Document, Figure, Table

TABLE, FIGURE = "table", "figure"
Numbers = Mapping[tuple[str, str], str]  # (TABLE or FIGURE, key) -> "2.4"
# A table named in a source note by its key, e.g. "Sumber: {tabel:matriks} (diolah)".
_TABLE_REFERENCE = re.compile(r"\{tabel:([a-z0-9_]+)\}")


def table_reference(key: str) -> str:
    """What a note writes to name the table `key`; numbered() puts "Tabel 6.2" in its place."""
    return f"{{tabel:{key}}}"


def numbered(
    tables: Mapping[str, Table], figures: Mapping[str, Figure], numbers: Numbers
) -> Document:
    """The document with each placed table and figure under its number (unplaced ones are left
    out: they are not in the document)."""
    return Document(
        {
            numbers[(TABLE, key)]: replace(
                table, number=numbers[(TABLE, key)], source_note=_named(table.source_note, numbers)
            )
            for key, table in tables.items()
            if (TABLE, key) in numbers
        },
        {
            numbers[(FIGURE, key)]: replace(
                figure,
                number=numbers[(FIGURE, key)],
                source_note=_named(figure.source_note, numbers),
            )
            for key, figure in figures.items()
            if (FIGURE, key) in numbers
        },
    )


def _named(note: str | None, numbers: Numbers) -> str | None:
    """A note with each table reference replaced by its caption label ("Tabel 6.2"); a table
    the texts do not place is named by its key."""
    if not note or "{tabel:" not in note:
        return note

    def label(found: re.Match[str]) -> str:
        number = numbers.get((TABLE, found[1]))
        return f"Tabel {number}" if number else found[1]

    return _TABLE_REFERENCE.sub(label, note)


def labels(numbers: Numbers) -> dict[str, str]:
    """Each key's caption label ("Tabel 2.4", "Gambar 6.1"), for messages and references."""
    return {
        key: f"{'Tabel' if kind == TABLE else 'Gambar'} {number}"
        for (kind, key), number in numbers.items()
    }
