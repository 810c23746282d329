"""Table exports: one CSV per table (`tables/tabel_6_2.csv`) and every table in `tables.md`.

Both read the neutral Table model and show each value exactly as the document does
(`Table.text`). The first column, "Kunci", is the row's stable key, so `git diff` of two builds
shows only the rows that really changed. Bytes are deterministic: UTF-8 without BOM, "\\n" line
endings, tables in natural order of their number, rows in document order.

CSV injection (OWASP): a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return
is written with a leading single quote `'`, so a spreadsheet shows it as text and never runs it.
This includes negative numbers such as `-1,63%`, which appear in the CSV as `'-1,63%`; the
Markdown export is not a spreadsheet and keeps the text as shown.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ..tables.model import BodyRow, Document, Table, table_order

KEY_HEADER = "Kunci"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"
MARKDOWN_NAME = "tables.md"
CSV_DIR = "tables"

Writer = Callable[[Path], None]


def export_writers(document: Document) -> dict[str, Writer]:
    """The export files of a build, keyed by their path relative to build/."""
    writers: dict[str, Writer] = {}
    for table in ordered_tables(document):
        writers[csv_name(table)] = _bytes_writer(table_csv(table).encode("utf-8"))
    writers[MARKDOWN_NAME] = _bytes_writer(tables_markdown(document).encode("utf-8"))
    return writers


def csv_name(table: Table) -> str:
    return f"{CSV_DIR}/{table.slug}.csv"


def ordered_tables(document: Document) -> list[Table]:
    """Tables in natural order of their number: 2.2 before 2.10."""
    return [document.tables[n] for n in sorted(document.tables, key=table_order)]


def row_texts(table: Table, row: BodyRow, shown: Sequence[str]) -> list[str]:
    """One shown text per column: a spanned cell's text sits in its first column."""
    if not row.spans and len(shown) == len(table.columns):
        return list(shown)
    texts = [""] * len(table.columns)
    column = 0
    for index, text in enumerate(shown):
        if column < len(texts):
            texts[column] = text
        column += row.span_of(index)
    return texts


def spreadsheet_safe(text: str) -> str:
    """Prefix `'` to text a spreadsheet would run as a formula (OWASP CSV injection)."""
    return TEXT_MARK + text if text.startswith(FORMULA_PREFIXES) else text


def table_csv(table: Table) -> str:
    """The table as CSV text: a "Kunci" column, then one column per table column."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerow([spreadsheet_safe(t) for t in [KEY_HEADER, *table.header_labels()]])
    for row, shown in zip(table.rows, table.texts, strict=True):
        writer.writerow([spreadsheet_safe(t) for t in [row.key, *row_texts(table, row, shown)]])
    return buffer.getvalue()


def tables_markdown(document: Document) -> str:
    """Every table in one Markdown file: a section per table with a GitHub table."""
    sections = [_markdown_section(table) for table in ordered_tables(document)]
    return "# Tabel Renstra\n\n" + "\n".join(sections)


def _markdown_section(table: Table) -> str:
    lines = [f"## {md_escape(table.caption)} {md_escape(table.title)}", ""]
    if not table.rows and table.placeholder:
        lines += [md_escape(table.placeholder), ""]
    else:
        lines += list(_markdown_table(table)) + [""]
    for note in (*table.notes, *([table.source_note] if table.source_note else [])):
        lines += [md_escape(note), ""]
    return "\n".join(lines)


def _markdown_table(table: Table) -> Iterator[str]:
    labels = [KEY_HEADER, *table.header_labels()]
    yield _markdown_row(labels)
    yield (
        "|"
        + "|".join(
            "---:" if i and table.columns[i - 1].numeric else "---" for i in range(len(labels))
        )
        + "|"
    )
    for row, shown in zip(table.rows, table.texts, strict=True):
        yield _markdown_row([row.key, *row_texts(table, row, shown)])


def _markdown_row(texts: list[str]) -> str:
    return "| " + " | ".join(md_escape(t) for t in texts) + " |"


_MD_SPECIAL = re.compile(r"[\\|\r\n]")


def md_escape(text: str) -> str:
    """Text safe inside a Markdown table cell: pipes escaped, line breaks as <br>."""
    if not _MD_SPECIAL.search(text):
        return text
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def _bytes_writer(data: bytes) -> Writer:
    def write(path: Path) -> None:
        path.write_bytes(data)

    return write
