"""Reports of a revision diff (`renstra diff`): terminal text, Markdown and JSON.

The DOCX with tracked changes is `diff.tracked`. Text for the planning staff is in Bahasa
Indonesia; JSON keys are English and sorted, so the output is stable for tools.
"""

from __future__ import annotations

import json
from typing import Any

from ..findings import Location
from ..render.export import md_escape as esc
from .compare import (
    ADDED,
    CHANGED,
    REMOVED,
    CellChange,
    DiffResult,
    RowDiff,
    SideFinding,
    SourceCell,
    TableDiff,
    comparable,
)

STATUS_TEXT = {ADDED: "baris baru", REMOVED: "baris dihapus", CHANGED: "berubah"}
TABLE_STATUS = {ADDED: "tabel baru", REMOVED: "tabel dihapus", CHANGED: "berubah"}
FINDINGS_TITLE = (
    "Temuan pemeriksaan (galat setiap revisi; peringatan yang hanya ada di satu revisi)"
)
NO_DIFFERENCE = "Tidak ada perbedaan."


def finding_lines(result: DiffResult) -> list[str]:
    """One line per finding reported beside the comparison, labelled by side:
    `[baru HEAD] galat: bab6_program.xlsx › matriks › J60 (Pagu 2024): ... [type-error]`."""
    return [f"[{x.label}] {x.finding.level}: {x.finding.line()}" for x in result.findings]


def format_text(result: DiffResult) -> str:
    """Readable text for the terminal: per table, per row key, per cell; then the findings."""
    lines = [f"Perbandingan tabel: {result.old} -> {result.new}"]
    findings = _text_findings(result)
    if not result.changed:
        return "\n".join([*lines, *findings, NO_DIFFERENCE]) + "\n"
    for table in result.tables:
        lines += ["", f"{table.caption} {table.title} ({TABLE_STATUS[table.status]})"]
        if table.old_title is not None:
            lines.append(f"  judul: {table.old_title} -> {table.title}")
        lines += [f"  kolom baru: {c}" for c in table.columns_added]
        lines += [f"  kolom dihapus: {c}" for c in table.columns_removed]
        if table.status != CHANGED:
            lines.append(f"  {len(table.rows)} baris")
            continue
        for row in table.rows:
            lines += _text_row(table, row)
    return "\n".join([*lines, *(findings or [""]), _summary_line(result)]) + "\n"


def _text_findings(result: DiffResult) -> list[str]:
    """The findings section of the terminal text, between blank lines (none without findings)."""
    if not result.findings:
        return []
    return ["", FINDINGS_TITLE + ":", *(f"  {line}" for line in finding_lines(result)), ""]


def _text_row(table: TableDiff, row: RowDiff) -> list[str]:
    mark = {ADDED: "+", REMOVED: "-", CHANGED: "~"}[row.status]
    name = f"  {mark} {row.key}" + (f"  {row.label}" if row.label != row.key else "")
    name += f"  (kunci lama: {row.old_key})" if row.old_key else ""
    lines = [name if row.status == CHANGED else f"{name}  ({STATUS_TEXT[row.status]})"]
    for cell in row.cells:
        change = f"{cell.old} -> {cell.new}"
        lines.append(
            f"      {short_label(cell.column)}: {change}"
            + (f" ({cell.difference})" if cell.difference else "")
        )
        if cell.source:
            lines.append(f"        sel sumber: {source_text(cell.source)}")
    texts = row.new_texts if row.status == ADDED else row.old_texts
    if row.status != CHANGED:
        lines += [
            f"      {short_label(label)}: {text}"
            for label, text in zip(table.labels, texts, strict=False)
            if text
        ]
    return lines


def short_label(label: str) -> str:
    """The last two levels of a column label: "Tahun 3 / Pagu (Rp)" for the terminal."""
    return " / ".join(label.split(" / ")[-2:])


def source_text(source: SourceCell) -> str:
    """`bab6_program.xlsx › matriks › J60 (Pagu 2024): 424620725 -> 500000000`."""
    old, new = source.old_location, source.new_location
    if old == new or old is None or new is None:
        where = old or new
        return f"{where}: {_raw(source.old_raw)} -> {_raw(source.new_raw)}"
    return f"lama {old}: {_raw(source.old_raw)}; baru {new}: {_raw(source.new_raw)}"


def _raw(value: Any) -> str:
    return "(kosong)" if value is None else str(value)


def _summary_line(result: DiffResult) -> str:
    s = result.summary()
    return (
        f"Ringkasan: {s['tables_changed']} tabel berubah, {s['tables_added']} tabel baru, "
        f"{s['tables_removed']} tabel dihapus; {s['rows_changed']} baris berubah, "
        f"{s['rows_added']} baris baru, {s['rows_removed']} baris dihapus; "
        f"{s['cells_changed']} sel berubah."
    )


def format_markdown(result: DiffResult) -> str:
    """A Markdown report: a section per table, a table of changes."""
    lines = [f"# Perbandingan tabel: `{result.old}` -> `{result.new}`", ""]
    if not result.changed:
        return "\n".join([*lines, NO_DIFFERENCE, "", *_markdown_findings(result.findings)])
    lines += [_summary_line(result), ""]
    for table in result.tables:
        lines += [f"## {table.caption} {esc(table.title)} ({TABLE_STATUS[table.status]})", ""]
        if table.old_title is not None:
            lines += [f"Judul lama: {esc(table.old_title)}", ""]
        if table.status != CHANGED:
            lines += [f"{len(table.rows)} baris.", ""]
            continue
        lines += [
            "| Kunci | Baris | Perubahan | Kolom | Lama | Baru | Selisih | Sel sumber |",
            "|---|---|---|---|---:|---:|---:|---|",
        ]
        for row in table.rows:
            head = f"| {esc(row.key)} | {esc(row.label)} | {STATUS_TEXT[row.status]} |"
            if row.status != CHANGED:
                lines.append(head + " | | | | |")
            for cell in row.cells:
                source = esc(source_text(cell.source)) if cell.source else ""
                lines.append(
                    f"{head} {esc(cell.column)} | {esc(cell.old)} | {esc(cell.new)} | "
                    f"{esc(cell.difference or '')} | {source} |"
                )
        lines.append("")
    return "\n".join([*lines, *_markdown_findings(result.findings)])


def _markdown_findings(findings: tuple[SideFinding, ...]) -> list[str]:
    if not findings:
        return []
    lines = [
        f"## {FINDINGS_TITLE}",
        "",
        "| Revisi | Tingkat | Lokasi | Pesan | Kode |",
        "|---|---|---|---|---|",
    ]
    for item in findings:
        finding = item.finding
        where = str(finding.location) if finding.location else ""
        lines.append(
            f"| {esc(item.label)} | {finding.level} | {esc(where)} | {esc(finding.message)} | "
            f"`{finding.code}` |"
        )
    return [*lines, ""]


def format_json(result: DiffResult) -> str:
    """Stable JSON (sorted keys, two-space indent) for tools."""
    data = {
        "old": result.old,
        "new": result.new,
        "changed": result.changed,
        "summary": result.summary(),
        "tables": [_table_json(t) for t in result.tables],
        "findings": [_finding_json(f) for f in result.findings],
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _table_json(table: TableDiff) -> dict[str, Any]:
    return {
        "number": table.number,
        "title": table.title,
        "status": table.status,
        "old_title": table.old_title,
        "columns": list(table.labels),
        "columns_added": list(table.columns_added),
        "columns_removed": list(table.columns_removed),
        "rows": [_row_json(table, r) for r in table.rows],
    }


def _row_json(table: TableDiff, row: RowDiff) -> dict[str, Any]:
    data: dict[str, Any] = {"key": row.key, "label": row.label, "status": row.status}
    if row.old_key:
        data["old_key"] = row.old_key
    if row.status == CHANGED:
        data["cells"] = [_cell_json(c) for c in row.cells]
    else:
        texts = row.new_texts if row.status == ADDED else row.old_texts
        data["values"] = dict(zip(table.labels, texts, strict=False))
    return data


def _cell_json(cell: CellChange) -> dict[str, Any]:
    source = cell.source
    return {
        "column": cell.column,
        "old": cell.old,
        "new": cell.new,
        "old_value": _json_value(cell.old_value),
        "new_value": _json_value(cell.new_value),
        "delta": _json_value(cell.delta),
        "difference": cell.difference,
        "source": None
        if source is None
        else {
            "old_location": _location_json(source.old_location),
            "new_location": _location_json(source.new_location),
            "old_raw": _json_value(source.old_raw),
            "new_raw": _json_value(source.new_raw),
        },
    }


def _finding_json(item: SideFinding) -> dict[str, Any]:
    finding = item.finding
    return {
        "side": item.side,
        "revision": item.revision,
        "severity": finding.severity.value,
        "code": finding.code,
        "message": finding.message,
        "location": _location_json(finding.location),
        "line": finding.line(),
    }


def _location_json(location: Location | None) -> dict[str, str | None] | None:
    if location is None:
        return None
    return {
        "workbook": location.workbook,
        "sheet": location.sheet,
        "cell": location.cell,
        "column": location.column,
        "text": str(location),
    }


def _json_value(value: Any) -> Any:
    """Numbers as JSON numbers when exact (int), Decimal and others as text."""
    value = comparable(value)
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return str(value)


FORMATTERS = {"text": format_text, "markdown": format_markdown, "json": format_json}


def format_result(result: DiffResult, output_format: str) -> str:
    return FORMATTERS[output_format](result)
