"""docs/source-tables.md, generated from the schema and the declared keys of the checks, so it
cannot drift from the code."""

from __future__ import annotations

from .checks.declared import DECLARED_KEYS
from .sources.schema import WORKBOOKS, Column, Kind, YearColumns


def source_tables_markdown() -> str:
    lines = [
        "# Source tables",
        "",
        "Generated from `renstra_docs/sources/schema.py` by `renstra docs`; do not edit.",
        "",
        "Every sheet has one header row (row 1) with exactly these column names; the order of",
        "columns does not matter, an unknown extra column is ignored with a warning. Columns",
        "`<Prefix> <year>` (e.g. `Pagu 2022` ... `Pagu 2026`) are discovered from the header and",
        "must be consecutive years; where a group names a `[periode]` key of renstra.toml, its",
        "years should be those years (a difference is a warning). Sheets a project declares with",
        "`[[tabel]]` or `[[gambar]]` in renstra.toml are read the same way and are not listed",
        "here. *Declared* columns hold numbers typed only to be checked",
        "against the computed value: the document always shows the computed value.",
        "",
        "Numbers may be typed as numbers or as Indonesian text: `1.234.567`, `1.234.567,5`,",
        "`88,42%`, `20 Orang`; English grouping (`1,234,567`) is accepted where it is",
        "unambiguous, and an ambiguous `1.234` follows the Indonesian reading (1234). Missing",
        "values: empty, `-`, `n/a`, `n.a`. IDs and codes must be text cells.",
        "",
    ]
    for book in WORKBOOKS:
        lines += [f"## `{book.filename}` ({book.doc})", ""]
        for sheet in book.sheets:
            table = f" (feeds `{sheet.feeds}`)" if sheet.feeds else ""
            lines += [
                f"### sheet `{sheet.name}`{table}",
                "",
                sheet.doc,
                "",
                "| Column | Type | Required | Meaning |",
                "|---|---|---|---|",
            ]
            lines += [_column_line(c) for c in sheet.columns]
            lines.append("")
    lines += [
        "## Keys of the `deklarasi` sheets",
        "",
        "| Tabel | Kunci | Meaning |",
        "|---|---|---|",
    ]
    lines += [f"| `{t}` | `{k}` | {m} |" for t, k, m in DECLARED_KEYS]
    return "\n".join(lines) + "\n"


def _column_line(column: Column | YearColumns) -> str:
    if isinstance(column, YearColumns):
        name = f"`{column.prefix} <tahun>`"
        required = "at least one year" if column.required else ""
        if column.period:
            required += f" (years: `periode.{column.period}`)"
    else:
        name = f"`{column.name}`"
        required = "yes" if column.required else ""
        if column.unique:
            required += " (unique)"
    kind = column.kind.value
    if isinstance(column, Column) and column.kind is Kind.CHOICE:
        kind += ": " + " / ".join(f"`{c}`" for c in column.choices)
    if isinstance(column, Column) and column.suggestions:
        kind += " (drop-down of usual values; others allowed)"
    if column.declared:
        kind += " (declared)"
    return f"| {name} | {kind} | {required} | {column.doc} |"
