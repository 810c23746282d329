"""The validation report: terminal summary, build/validation.md and build/validation.json."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .. import fmt
from ..findings import Finding, Severity

SUMMARY_LIMIT = 10


@dataclass
class Report:
    findings: list[Finding]
    strict: bool = False
    labels: Mapping[str, str] = field(default_factory=dict)  # table key -> "Tabel 2.8"
    ordered: list[Finding] = field(init=False)

    def __post_init__(self) -> None:
        if self.strict:
            self.findings = [f if f.is_error else f.escalated() for f in self.findings]
        self.ordered = sorted(self.findings, key=_order)

    def named(self, labels: Mapping[str, str]) -> Report:
        """The same report naming each table by its caption ("Tabel 2.8"), once numbered."""
        return Report(self.findings, strict=self.strict, labels=labels)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.ordered if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.ordered if not f.is_error]

    @property
    def failed(self) -> bool:
        return bool(self.errors)

    def counts(self) -> list[tuple[str, str, int]]:
        counter = Counter((f.code, f.severity.value) for f in self.ordered)
        return sorted(((c, s, n) for (c, s), n in counter.items()), key=lambda t: (t[1], t[0]))

    def largest(self, n: int = SUMMARY_LIMIT) -> list[Finding]:
        """The findings with the largest absolute difference between declared and computed."""
        money = [
            f
            for f in self.ordered
            if f.code in ("total-mismatch", "program-not-in-total") and f.difference is not None
        ]
        return sorted(money, key=lambda f: (-abs(Decimal(f.difference or 0)), _order(f)))[:n]

    # ------------------------------------------------------------ outputs

    def summary_lines(self) -> list[str]:
        lines = [f"Validasi: {len(self.errors)} galat, {len(self.warnings)} peringatan"]
        lines += [f"  {n:>3} × {code} ({_level(sev)})" for code, sev, n in self.counts()]
        shown = (self.errors + self.warnings)[:SUMMARY_LIMIT]
        if shown:
            lines.append("Temuan pertama:")
            lines += [f"  {_level(f.severity.value)}: {f.line()}" for f in shown]
        return lines

    def to_json(self) -> str:
        """One JSON object; each finding on a line of its own, so revisions diff line by line
        (and the C encoder does the work: `indent=` would switch to the slow Python one)."""
        head = {
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "strict": self.strict,
            "counts": {code: n for code, _, n in self.counts()},
        }
        fields = [f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in head.items()]
        entries = [json.dumps(_entry(f, self.labels), ensure_ascii=False) for f in self.ordered]
        findings = "[\n" + ",\n".join(entries) + "\n]" if entries else "[]"
        return "{" + ", ".join(fields) + ', "findings": ' + findings + "}\n"

    def to_markdown(self) -> str:
        lines = [
            "# Laporan validasi",
            "",
            f"**{len(self.errors)} galat, {len(self.warnings)} peringatan.** "
            "Dokumen selalu memakai nilai hasil hitung; kolom *tertulis* adalah angka yang "
            "diketik staf.",
            "",
        ]
        if self.counts():
            lines += ["| Kode | Tingkat | Jumlah |", "|---|---|---:|"]
            lines += [f"| `{c}` | {_level(s)} | {n} |" for c, s, n in self.counts()]
            lines.append("")
        largest = self.largest()
        if largest:
            lines += ["## Selisih terbesar", "", *_table(largest, self.labels), ""]
        for title, group in (("Galat", self.errors), ("Peringatan", self.warnings)):
            if group:
                lines += [f"## {title}", "", *_table(group, self.labels), ""]
        return "\n".join(lines)


def _table(findings: list[Finding], labels: Mapping[str, str]) -> list[str]:
    rows = [
        "| Kode | Lokasi | Tabel / baris | Tertulis | Hitung | Selisih | Pesan |",
        "|---|---|---|---:|---:|---:|---|",
    ]
    for f in findings:
        row_label = " / ".join(x for x in (_table_name(f.table, labels), f.row_label) if x)
        cells = [
            f"`{f.code}`",
            str(f.location or ""),
            row_label,
            _num(f.declared),
            _num(f.computed),
            _num(f.difference),
            f.message,
        ]
        rows.append("| " + " | ".join(_md(c) for c in cells) + " |")
    return rows


def _table_name(table: str | None, labels: Mapping[str, str]) -> str | None:
    """A table key -> its caption ('Tabel 6.2'); 'narasi_anggaran' (a number quoted in the
    text) -> 'Narasi anggaran'; any other text as it is."""
    if not table:
        return None
    if table in labels:
        return labels[table]
    if table.startswith("narasi"):
        return table.replace("_", " ").capitalize()
    return table


def _entry(f: Finding, labels: Mapping[str, str]) -> dict[str, Any]:
    loc = f.location
    return {
        "code": f.code,
        "severity": str(f.severity),
        "workbook": loc.workbook if loc else None,
        "sheet": loc.sheet if loc else None,
        "cell": loc.cell if loc else None,
        "column": loc.column if loc else None,
        "table": _table_name(f.table, labels),
        "row_label": f.row_label,
        "declared": _json_number(f.declared),
        "computed": _json_number(f.computed),
        "difference": _json_number(f.difference),
        "value": f.value if isinstance(f.value, str | int | float | type(None)) else str(f.value),
        "message": f.message,
    }


def _json_number(value: Decimal | int | None) -> int | float | str | None:
    if value is None or isinstance(value, int):
        return value
    return int(value) if value == value.to_integral_value() else str(value.normalize())


def _num(value: Decimal | int | None) -> str:
    return "" if value is None else fmt.angka(value, None)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _level(severity: str) -> str:
    return "galat" if severity == Severity.ERROR.value else "peringatan"


def _order(f: Finding) -> tuple:
    loc = f.location
    return (
        f.severity != Severity.ERROR,
        loc.workbook if loc else "",
        loc.sheet or "" if loc else "",
        _cell_order(loc.cell if loc else None),
        f.code,
        f.message,
    )


def _cell_order(cell: str | None) -> tuple[int, int]:
    if not cell:
        return (0, 0)
    letters = "".join(ch for ch in cell if ch.isalpha())
    digits = "".join(ch for ch in cell if ch.isdigit())
    column = 0
    for ch in letters:
        column = column * 26 + ord(ch) - 64
    return (int(digits or 0), column)
